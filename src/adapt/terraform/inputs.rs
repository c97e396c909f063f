//! Input variables: their declarations, the values given to them, and type conversion.
//!
//! A variable's value is, as in Terraform, the first of: the value given to the module
//! instance (a module call's argument; for a root module the last of `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars[.json]` in lexical order, `--var-file` and `--var`),
//! then its `default`. A `null` given to a `nullable = false` variable takes the default.
//! The value is then converted to the declared type the way Terraform converts it: `"true"`
//! becomes a boolean for a `bool` variable, `"8"` a number, and object attributes declared
//! `optional(type, default)` are filled in. terraform-aws-modules rely on both, so without
//! them a module's settings would read as strings or be missing.
//!
//! Every value remembers where it was set (a tfvars line, a module call's argument, the
//! variable's default, or the command line), which becomes a finding's related location.

use std::collections::HashMap;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Body;

use super::eval::{span_of, Evaluator, Scope};
use crate::parse::{self, Entry, Node, NodeKind, Via};
use crate::source::{FileId, Sources, Span};

/// One input variable of a module instance.
pub struct Variable<'a> {
    pub default: Option<(&'a Expression, FileId)>,
    /// The `type` constraint expression, when declared.
    pub type_expr: Option<(&'a Expression, FileId)>,
    /// `nullable = false`: an explicit `null` takes the default instead.
    pub nullable: bool,
    /// `variable "name"`: where a value set on the command line is shown.
    pub header: Span,
    /// The value given to this instance, with its history.
    pub given: Option<Given>,
}

pub struct Given {
    pub value: Node,
    /// Set on the command line: the value has no place in any file, so it is placed where the
    /// variable is used.
    pub from_command_line: bool,
}

/// Reads a `variable` block.
pub fn declaration<'a>(body: &'a Body, header: Span, file: FileId) -> Variable<'a> {
    let nullable = body
        .get_attribute("nullable")
        .is_none_or(|attribute| !matches!(&attribute.value, Expression::Bool(b) if !*b.value()));
    Variable {
        default: body
            .get_attribute("default")
            .map(|attribute| (&attribute.value, file)),
        type_expr: body
            .get_attribute("type")
            .map(|attribute| (&attribute.value, file)),
        nullable,
        header,
        given: None,
    }
}

/// The value of `var.name` used at `span`.
pub fn variable(evaluator: &Evaluator, name: &str, span: Span) -> Node {
    let Some(variable) = evaluator.scope.variables.get(name) else {
        return Node::unknown(span, format!("variable `{name}` is not declared"));
    };
    let given = variable
        .given
        .as_ref()
        .filter(|given| variable.nullable || !given.value.is_null());
    let value = match (given, variable.default) {
        (Some(given), _) => {
            let mut value = given.value.clone();
            if given.from_command_line {
                respan(&mut value, span);
            }
            value.span = span;
            value
        }
        (None, Some((default, file))) => evaluator.referenced(
            default,
            file,
            span,
            format!("the value comes from the default of variable `{name}`"),
        ),
        (None, None) => {
            return Node::unknown(
                span,
                format!("variable `{name}` has no default; its value is given at plan time"),
            )
        }
    };
    match variable.type_expr {
        Some((type_expr, file)) => {
            let ty = Type::parse(type_expr, file);
            convert(evaluator, value, &ty, name)
        }
        None => value,
    }
}

/// A type constraint, as far as conversion needs it.
#[derive(Debug)]
pub enum Type<'a> {
    Any,
    Bool,
    Number,
    String,
    /// `list(T)`, `set(T)`: the same conversion for every element.
    List(Box<Type<'a>>),
    Map(Box<Type<'a>>),
    Object(Vec<ObjectAttribute<'a>>),
    Tuple(Vec<Type<'a>>),
}

#[derive(Debug)]
pub struct ObjectAttribute<'a> {
    pub name: String,
    pub ty: Type<'a>,
    /// `optional(T)`: `Some(None)`; `optional(T, default)`: `Some(Some(default))`.
    pub optional: Option<Option<(&'a Expression, FileId)>>,
}

impl<'a> Type<'a> {
    pub fn parse(expr: &'a Expression, file: FileId) -> Type<'a> {
        match expr {
            Expression::Variable(name) => match name.as_str() {
                "bool" => Type::Bool,
                "number" => Type::Number,
                "string" => Type::String,
                _ => Type::Any,
            },
            Expression::FuncCall(call) => {
                let first = call.args.iter().next();
                match (call.name.name.as_str(), first) {
                    ("list" | "set", Some(element)) => {
                        Type::List(Box::new(Type::parse(element, file)))
                    }
                    ("map", Some(element)) => Type::Map(Box::new(Type::parse(element, file))),
                    ("tuple", Some(Expression::Array(elements))) => Type::Tuple(
                        elements
                            .iter()
                            .map(|element| Type::parse(element, file))
                            .collect(),
                    ),
                    ("object", Some(Expression::Object(attributes))) => Type::Object(
                        attributes
                            .iter()
                            .filter_map(|(key, value)| {
                                let name = match key {
                                    ObjectKey::Ident(ident) => ident.as_str().to_string(),
                                    ObjectKey::Expression(Expression::String(s)) => {
                                        s.value().to_string()
                                    }
                                    ObjectKey::Expression(_) => return None,
                                };
                                Some(object_attribute(name, value.expr(), file))
                            })
                            .collect(),
                    ),
                    _ => Type::Any,
                }
            }
            _ => Type::Any,
        }
    }
}

fn object_attribute(name: String, expr: &Expression, file: FileId) -> ObjectAttribute<'_> {
    if let Expression::FuncCall(call) = expr {
        if call.name.name.as_str() == "optional" {
            let mut args = call.args.iter();
            let ty = args.next().map_or(Type::Any, |ty| Type::parse(ty, file));
            let default = args.next().map(|default| (default, file));
            return ObjectAttribute {
                name,
                ty,
                optional: Some(default),
            };
        }
    }
    ObjectAttribute {
        name,
        ty: Type::parse(expr, file),
        optional: None,
    }
}

/// Converts a value to `ty` as Terraform would; what cannot be converted is left as it is
/// (Terraform would refuse the configuration; that is not a security finding).
pub fn convert(evaluator: &Evaluator, mut node: Node, ty: &Type, variable: &str) -> Node {
    node.kind = match (ty, node.kind) {
        (Type::Bool, NodeKind::Str(s)) if s == "true" || s == "false" => {
            NodeKind::Bool(s == "true")
        }
        (Type::Number, NodeKind::Str(s)) => match s.trim().parse::<f64>() {
            Ok(number) => NodeKind::Number(number),
            Err(_) => NodeKind::Str(s),
        },
        (Type::String, NodeKind::Number(n)) => NodeKind::Str(n.to_string()),
        (Type::String, NodeKind::Bool(b)) => NodeKind::Str(b.to_string()),
        (Type::List(element), NodeKind::Seq(items)) => NodeKind::Seq(
            items
                .into_iter()
                .map(|item| convert(evaluator, item, element, variable))
                .collect(),
        ),
        (Type::Tuple(elements), NodeKind::Seq(items)) => NodeKind::Seq(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match elements.get(i) {
                    Some(element) => convert(evaluator, item, element, variable),
                    None => item,
                })
                .collect(),
        ),
        (Type::Map(element), NodeKind::Map(entries)) => NodeKind::Map(
            entries
                .into_iter()
                .map(|entry| Entry {
                    value: convert(evaluator, entry.value, element, variable),
                    ..entry
                })
                .collect(),
        ),
        (Type::Object(attributes), NodeKind::Map(entries)) => {
            NodeKind::Map(object(evaluator, entries, attributes, node.span, variable))
        }
        (_, kind) => kind,
    };
    node
}

/// An object value with the declared attributes: given ones converted, missing optional ones
/// filled with their default (or null), undeclared ones dropped as Terraform drops them.
fn object(
    evaluator: &Evaluator,
    mut entries: Vec<Entry>,
    attributes: &[ObjectAttribute],
    span: Span,
    variable: &str,
) -> Vec<Entry> {
    let mut converted = Vec::new();
    for attribute in attributes {
        let position = entries
            .iter()
            .rposition(|entry| entry.key == attribute.name);
        let given = position.map(|i| entries.swap_remove(i));
        let given = given.filter(|entry| !(entry.value.is_null() && attribute.optional.is_some()));
        let entry = match (given, &attribute.optional) {
            (Some(entry), _) => Entry {
                value: convert(evaluator, entry.value, &attribute.ty, variable),
                ..entry
            },
            (None, Some(Some((default, file)))) => {
                let mut value = evaluator.expr(default, *file);
                value.via.insert(
                    0,
                    Via {
                        span: span_of(*default, *file),
                        note: format!(
                            "the value comes from the optional default of `{}` in the type of variable `{variable}`",
                            attribute.name
                        ),
                    },
                );
                Entry {
                    key: attribute.name.clone(),
                    key_span: value.span,
                    value: convert(evaluator, value, &attribute.ty, variable),
                }
            }
            (None, Some(None)) => Entry {
                key: attribute.name.clone(),
                key_span: span,
                value: Node::new(span, NodeKind::Null),
            },
            // A required attribute is missing: Terraform refuses the value. Leave it out.
            (None, None) => continue,
        };
        converted.push(entry);
    }
    converted.sort_by_key(|entry| entry.key_span.start);
    converted
}

/// Gives every node of a command-line value the span where it is used.
fn respan(node: &mut Node, span: Span) {
    node.span = span;
    match &mut node.kind {
        NodeKind::Seq(items) => items.iter_mut().for_each(|item| respan(item, span)),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|entry| {
            entry.key_span = span;
            respan(&mut entry.value, span);
        }),
        _ => {}
    }
}

/// Values for a root module's variables from one `.tfvars` or `.tfvars.json` file, each with
/// the place it is set as history.
pub fn tfvars_file(sources: &Sources, file: FileId) -> Result<HashMap<String, Node>, String> {
    let source = sources.get(file);
    let name = source
        .display
        .rsplit('/')
        .next()
        .unwrap_or(&source.display)
        .to_string();
    let mut values = HashMap::new();
    let mut set = |key: &str, mut value: Node| {
        value.via.insert(
            0,
            Via {
                span: value.span,
                note: format!("the value comes from variable `{key}` set in {name}"),
            },
        );
        values.insert(key.to_string(), value);
    };
    if source.display.ends_with(".json") {
        let root = parse::json::parse(&source.text, file).map_err(|error| error.message)?;
        for entry in root
            .as_map()
            .ok_or("expected a JSON object of variable values")?
        {
            set(&entry.key, entry.value.clone());
        }
    } else {
        let body = parse::hcl::parse(&source.text).map_err(|error| error.message)?;
        // Values in a tfvars file are literals: no variables, locals or modules to refer to.
        let scope = Scope::default();
        let evaluator = Evaluator::new(&scope);
        for attribute in body.attributes() {
            set(
                attribute.key.as_str(),
                evaluator.expr(&attribute.value, file),
            );
        }
    }
    Ok(values)
}

/// The value of `--var name=text`. As in Terraform, a variable without a type or with a
/// primitive type takes the text literally (conversion then makes `"true"` a boolean); other
/// types parse it as an HCL expression.
pub fn command_line_value(variable: &Variable, name: &str, text: &str) -> Node {
    let header = variable.header;
    let literal = match variable.type_expr {
        None => true,
        Some((expr, file)) => matches!(
            Type::parse(expr, file),
            Type::Bool | Type::Number | Type::String
        ),
    };
    let mut value = Node::new(header, NodeKind::Str(text.to_string()));
    if !literal {
        if let Ok(expr) = hcl_edit::parser::parse_expr(text) {
            let scope = Scope::default();
            value = Evaluator::new(&scope).expr(&expr, header.file);
        }
    }
    value.via.insert(
        0,
        Via {
            span: header,
            note: format!("the value of variable `{name}` is set by --var on the command line"),
        },
    );
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn converted(type_text: &str, value_text: &str) -> Node {
        let ty_expr = hcl_edit::parser::parse_expr(type_text).unwrap();
        let value_expr = hcl_edit::parser::parse_expr(value_text).unwrap();
        let scope = Scope::default();
        let evaluator = Evaluator::new(&scope);
        let value = evaluator.expr(&value_expr, FileId(0));
        convert(&evaluator, value, &Type::parse(&ty_expr, FileId(0)), "v")
    }

    #[test]
    fn primitive_conversions() {
        assert_eq!(converted("bool", "\"true\"").kind, NodeKind::Bool(true));
        assert_eq!(converted("number", "\"8\"").kind, NodeKind::Number(8.0));
        assert_eq!(converted("string", "8").kind, NodeKind::Str("8".into()));
        assert_eq!(
            converted("bool", "\"yes\"").kind,
            NodeKind::Str("yes".into())
        );
        let list = converted("list(bool)", "[\"false\"]");
        assert_eq!(list.as_seq().unwrap()[0].kind, NodeKind::Bool(false));
    }

    #[test]
    fn optional_object_attributes_are_filled_in() {
        let object = converted(
            "map(object({ size = number, encrypted = optional(bool, true), kms = optional(string) }))",
            "{ a = { size = \"5\", extra = 1 }, b = { size = 1, encrypted = null } }",
        );
        let a = object.get("a").unwrap();
        assert_eq!(a.get("size").unwrap().kind, NodeKind::Number(5.0));
        assert_eq!(a.get("encrypted").unwrap().kind, NodeKind::Bool(true));
        assert!(a.get("encrypted").unwrap().via[0]
            .note
            .contains("optional default"));
        assert!(a.get("kms").unwrap().is_null());
        assert!(
            a.get("extra").is_none(),
            "undeclared attributes are dropped"
        );
        let b = object.get("b").unwrap();
        assert_eq!(b.get("encrypted").unwrap().kind, NodeKind::Bool(true));
    }
}
