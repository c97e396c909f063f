//! Number functions: `min`, `max`, `abs`, `ceil`, `floor`, `pow`, `signum`, `parseint`.

use super::{Call, Outcome};
use crate::parse::NodeKind;

fn number(cx: &Call, value: f64) -> Outcome {
    if !value.is_finite() {
        return Err(format!("`{}` gives a number out of range", cx.name));
    }
    Ok(cx.computed(NodeKind::Number(value)))
}

fn unary(cx: &Call, f: fn(f64) -> f64) -> Outcome {
    cx.arity(1, 1)?;
    number(cx, f(cx.number(0)?))
}

pub fn abs(cx: &Call) -> Outcome {
    unary(cx, f64::abs)
}

pub fn ceil(cx: &Call) -> Outcome {
    unary(cx, f64::ceil)
}

pub fn floor(cx: &Call) -> Outcome {
    unary(cx, f64::floor)
}

pub fn signum(cx: &Call) -> Outcome {
    unary(cx, |n| if n == 0.0 { 0.0 } else { n.signum() })
}

pub fn pow(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    number(cx, cx.number(0)?.powf(cx.number(1)?))
}

pub fn max(cx: &Call) -> Outcome {
    extreme(cx, f64::max)
}

pub fn min(cx: &Call) -> Outcome {
    extreme(cx, f64::min)
}

fn extreme(cx: &Call, pick: fn(f64, f64) -> f64) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let mut best = cx.number(0)?;
    for index in 1..cx.args.len() {
        best = pick(best, cx.number(index)?);
    }
    number(cx, best)
}

/// `parseint("ff", 16)`: a whole number written in base 2 to 36.
pub fn parseint(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let text = cx.text(0)?;
    let base = cx.integer(1)?;
    if !(2..=36).contains(&base) {
        return Err(format!(
            "`parseint`: base {base} is not supported (2 to 36)"
        ));
    }
    match i64::from_str_radix(&text, base as u32) {
        Ok(value) if value.unsigned_abs() < (1u64 << 53) => number(cx, value as f64),
        _ => Err(format!("`parseint`: {text:?} is not a base-{base} number")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn numbers() {
        assert_eq!(run("max", vec![n(1.0), s("5"), n(3.0)]), "5");
        assert_eq!(run("min", vec![n(1.0), n(-2.5)]), "-2.5");
        assert!(run("min", vec![]).starts_with("error"));
        assert!(run("max", vec![s("x")]).starts_with("error"));
        assert_eq!(run("abs", vec![n(-3.0)]), "3");
        assert_eq!(run("ceil", vec![n(1.2)]), "2");
        assert_eq!(run("floor", vec![n(-1.2)]), "-2");
        assert_eq!(run("signum", vec![n(-7.0)]), "-1");
        assert_eq!(run("pow", vec![n(2.0), n(10.0)]), "1024");
        assert!(run("pow", vec![n(10.0), n(400.0)]).starts_with("error"));
        assert_eq!(run("parseint", vec![s("ff"), n(16.0)]), "255");
        assert!(run("parseint", vec![s("zz"), n(10.0)]).starts_with("error"));
        assert_eq!(run("abs", vec![unknown()]), "unknown");
    }
}
