//! Operators and conditionals: `!`, unary `-`, arithmetic, comparisons, `==`/`!=`, `&&`/`||`
//! and `cond ? a : b`.
//!
//! Operands convert as in Terraform (`"true"` is a boolean to `&&`, `"2"` a number to `*`);
//! equality does not convert. An unknown operand makes the result unknown, keeping its reason,
//! except where the other operand decides alone (`false && x`, `true || x`).

use hcl_edit::expr::{BinaryOp, BinaryOperator, Conditional, UnaryOp, UnaryOperator};

use super::super::functions::convert::{first_unknown, same_value, to_bool, to_number};
use super::super::functions::merge_via;
use super::Evaluator;
use crate::parse::{Node, NodeKind};
use crate::source::{FileId, Span};

impl Evaluator<'_> {
    pub(super) fn conditional(&self, conditional: &Conditional, span: Span, file: FileId) -> Node {
        let condition = self.expr(&conditional.cond_expr, file);
        if let NodeKind::Unknown(reason) = &condition.kind {
            return unknown_like(span, reason, &condition);
        }
        let chosen = match to_bool(&condition) {
            Ok(true) => &conditional.true_expr,
            Ok(false) => &conditional.false_expr,
            Err(error) => return self.error(span, format!("a condition: {error}")),
        };
        let mut node = self.expr(chosen, file);
        node.via = merge_via(&node.via, &condition.via);
        node
    }

    pub(super) fn unary(&self, op: &UnaryOp, span: Span, file: FileId) -> Node {
        let operand = self.expr(&op.expr, file);
        if let NodeKind::Unknown(reason) = &operand.kind {
            return unknown_like(span, reason, &operand);
        }
        let kind = match op.operator.value() {
            UnaryOperator::Not => to_bool(&operand).map(|b| NodeKind::Bool(!b)),
            UnaryOperator::Neg => to_number(&operand).map(|n| NodeKind::Number(-n)),
        };
        match kind {
            Ok(kind) => Node {
                span,
                kind,
                via: operand.via,
            },
            Err(error) => self.error(span, format!("`{}`: {error}", op.operator.value().as_str())),
        }
    }

    pub(super) fn binary(&self, op: &BinaryOp, span: Span, file: FileId) -> Node {
        let lhs = self.expr(&op.lhs_expr, file);
        let rhs = self.expr(&op.rhs_expr, file);
        let operator = *op.operator.value();
        let via = merge_via(&lhs.via, &rhs.via);
        let result = match operator {
            BinaryOperator::And | BinaryOperator::Or => logic(operator, &lhs, &rhs),
            BinaryOperator::Eq | BinaryOperator::NotEq => {
                match first_unknown(&lhs).or_else(|| first_unknown(&rhs)) {
                    Some(reason) => Err(Unknown(reason.to_string())),
                    None => {
                        let equal = same_value(&lhs, &rhs);
                        Ok(NodeKind::Bool(equal == (operator == BinaryOperator::Eq)))
                    }
                }
            }
            _ => arithmetic(operator, &lhs, &rhs),
        };
        match result {
            Ok(kind) => Node { span, kind, via },
            Err(Unknown(reason)) => Node {
                span,
                kind: NodeKind::Unknown(reason),
                via,
            },
            Err(Failed(error)) => self.error(span, format!("`{}`: {error}", operator.as_str())),
        }
    }
}

/// Why an operation has no known result.
enum NoValue {
    Unknown(String),
    Failed(String),
}
use NoValue::{Failed, Unknown};

fn unknown_like(span: Span, reason: &str, operand: &Node) -> Node {
    Node {
        span,
        kind: NodeKind::Unknown(reason.to_string()),
        via: operand.via.clone(),
    }
}

/// A boolean operand: `None` when unknown.
fn boolean(node: &Node) -> Result<Option<bool>, NoValue> {
    match &node.kind {
        NodeKind::Unknown(_) => Ok(None),
        _ => to_bool(node).map(Some).map_err(Failed),
    }
}

fn logic(operator: BinaryOperator, lhs: &Node, rhs: &Node) -> Result<NodeKind, NoValue> {
    let and = operator == BinaryOperator::And;
    match (boolean(lhs)?, boolean(rhs)?) {
        (Some(a), Some(b)) => Ok(NodeKind::Bool(if and { a && b } else { a || b })),
        // `false && x` and `true || x` do not depend on x.
        (Some(decided), None) | (None, Some(decided)) if decided != and => {
            Ok(NodeKind::Bool(decided))
        }
        _ => {
            let reason = first_unknown(lhs).or_else(|| first_unknown(rhs));
            Err(Unknown(reason.unwrap_or("an unknown operand").to_string()))
        }
    }
}

fn arithmetic(operator: BinaryOperator, lhs: &Node, rhs: &Node) -> Result<NodeKind, NoValue> {
    for operand in [lhs, rhs] {
        if let NodeKind::Unknown(reason) = &operand.kind {
            return Err(Unknown(reason.clone()));
        }
    }
    let a = to_number(lhs).map_err(Failed)?;
    let b = to_number(rhs).map_err(Failed)?;
    let number = match operator {
        BinaryOperator::Plus => a + b,
        BinaryOperator::Minus => a - b,
        BinaryOperator::Mul => a * b,
        BinaryOperator::Div | BinaryOperator::Mod if b == 0.0 => {
            return Err(Failed("division by zero".to_string()))
        }
        BinaryOperator::Div => a / b,
        BinaryOperator::Mod => a % b,
        BinaryOperator::Less => return Ok(NodeKind::Bool(a < b)),
        BinaryOperator::LessEq => return Ok(NodeKind::Bool(a <= b)),
        BinaryOperator::Greater => return Ok(NodeKind::Bool(a > b)),
        BinaryOperator::GreaterEq => return Ok(NodeKind::Bool(a >= b)),
        _ => return Err(Failed("not an arithmetic operator".to_string())),
    };
    if !number.is_finite() {
        return Err(Failed("the result is out of range".to_string()));
    }
    Ok(NodeKind::Number(number))
}
