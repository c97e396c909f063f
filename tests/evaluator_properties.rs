//! Property tests of the Terraform evaluator, through the whole pipeline: random expressions
//! from a small grammar (integer arithmetic, comparisons, logic, conditionals, functions,
//! `for` expressions, chains of locals, unknown resource attributes) are written as
//! `encrypted = <expr>` of an `aws_ebs_volume`, scanned, and compared with a reference
//! evaluator written here. Properties:
//!
//! - a known `false` gives exactly one AWS-EBS-001 finding, a known `true` none;
//! - an expression that depends on an unknown value gives none (unknown is not insecure);
//! - the same input gives the same report twice, and nothing panics.
//!
//! The generator is a seeded xorshift, hand-rolled rather than `proptest` to add no build
//! cost; a failure prints the seed and the module, and `PROPERTY_SEED=n` replays one case.

use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A generated expression: its Terraform text and its value, `None` when it depends on
/// something unknown before apply.
struct Gen<T> {
    text: String,
    value: Option<T>,
}

/// Locals already defined (name, value), for references.
struct Module {
    int_locals: Vec<(String, Option<i64>)>,
}

fn int_expr(rng: &mut Rng, module: &Module, depth: u32) -> Gen<i64> {
    let leaf = depth == 0 || rng.below(4) == 0;
    if leaf {
        return match rng.below(6) {
            0 if !module.int_locals.is_empty() => {
                let (name, value) =
                    &module.int_locals[rng.below(module.int_locals.len() as u64) as usize];
                Gen {
                    text: format!("local.{name}"),
                    value: *value,
                }
            }
            1 if rng.below(3) == 0 => Gen {
                text: "aws_ebs_volume.other.size".to_string(),
                value: None,
            },
            _ => {
                let n = rng.below(21) as i64 - 10;
                Gen {
                    text: n.to_string(),
                    value: Some(n),
                }
            }
        };
    }
    let d = depth - 1;
    match rng.below(9) {
        0..=2 => {
            let a = int_expr(rng, module, d);
            let (op, f): (&str, fn(i64, i64) -> i64) = match rng.below(3) {
                0 => ("+", |x, y| x + y),
                1 => ("-", |x, y| x - y),
                _ => ("*", |x, y| x * y),
            };
            // A product's right side is a small literal, so values stay far from 2^53.
            let b = if op == "*" {
                let k = rng.below(7) as i64 - 3;
                Gen {
                    text: k.to_string(),
                    value: Some(k),
                }
            } else {
                int_expr(rng, module, d)
            };
            Gen {
                text: format!("({} {op} {})", a.text, b.text),
                value: a.value.zip(b.value).map(|(x, y)| f(x, y)),
            }
        }
        3 => {
            let a = int_expr(rng, module, d);
            let b = int_expr(rng, module, d);
            let (name, f): (&str, fn(i64, i64) -> i64) = if rng.below(2) == 0 {
                ("max", |x, y| x.max(y))
            } else {
                ("min", |x, y| x.min(y))
            };
            Gen {
                text: format!("{name}({}, {})", a.text, b.text),
                value: a.value.zip(b.value).map(|(x, y)| f(x, y)),
            }
        }
        4 => {
            let a = int_expr(rng, module, d);
            Gen {
                text: format!("abs({})", a.text),
                value: a.value.map(i64::abs),
            }
        }
        5 => {
            let a = int_expr(rng, module, d);
            Gen {
                text: format!("tonumber(tostring({}))", a.text),
                value: a.value,
            }
        }
        6 => {
            // sum of 0..n for a small literal n, through a `for` expression.
            let n = rng.below(12) as i64;
            let k = rng.below(4) as i64;
            Gen {
                text: format!("sum(concat([0], [for i in range({n}) : i * {k}]))"),
                value: Some(k * n * (n - 1).max(0) / 2),
            }
        }
        7 => {
            let c = bool_expr(rng, module, d);
            let a = int_expr(rng, module, d);
            let b = int_expr(rng, module, d);
            let value = match c.value {
                Some(true) => a.value,
                Some(false) => b.value,
                None => None,
            };
            Gen {
                text: format!("({} ? {} : {})", c.text, a.text, b.text),
                value,
            }
        }
        _ => {
            // length of a list literal, with an element that may be unknown: still known.
            let n = rng.below(5);
            let items: Vec<String> = (0..n).map(|_| int_expr(rng, module, 0).text).collect();
            Gen {
                text: format!("length([{}])", items.join(", ")),
                value: Some(n as i64),
            }
        }
    }
}

fn bool_expr(rng: &mut Rng, module: &Module, depth: u32) -> Gen<bool> {
    if depth == 0 || rng.below(5) == 0 {
        return match rng.below(3) {
            0 => Gen {
                text: "true".into(),
                value: Some(true),
            },
            1 => Gen {
                text: "false".into(),
                value: Some(false),
            },
            _ => {
                let a = int_expr(rng, module, 0);
                let b = int_expr(rng, module, 0);
                Gen {
                    text: format!("({} < {})", a.text, b.text),
                    value: a.value.zip(b.value).map(|(x, y)| x < y),
                }
            }
        };
    }
    let d = depth - 1;
    match rng.below(6) {
        0 => {
            let a = bool_expr(rng, module, d);
            Gen {
                text: format!("!{}", paren(&a.text)),
                value: a.value.map(|v| !v),
            }
        }
        1 | 2 => {
            let a = bool_expr(rng, module, d);
            let b = bool_expr(rng, module, d);
            let and = rng.below(2) == 0;
            // A known false decides `&&` (a known true `||`) whatever the other side, as in
            // Terraform's cty; otherwise an unknown side makes the whole unknown.
            let value = match (a.value, b.value) {
                (Some(x), Some(y)) => Some(if and { x && y } else { x || y }),
                (Some(x), None) | (None, Some(x)) if x != and => Some(x),
                _ => None,
            };
            Gen {
                text: format!("({} {} {})", a.text, if and { "&&" } else { "||" }, b.text),
                value,
            }
        }
        3 | 4 => {
            let a = int_expr(rng, module, d);
            let b = int_expr(rng, module, d);
            let (op, f): (&str, fn(i64, i64) -> bool) = match rng.below(6) {
                0 => ("<", |x, y| x < y),
                1 => ("<=", |x, y| x <= y),
                2 => (">", |x, y| x > y),
                3 => (">=", |x, y| x >= y),
                4 => ("==", |x, y| x == y),
                _ => ("!=", |x, y| x != y),
            };
            Gen {
                text: format!("({} {op} {})", a.text, b.text),
                value: a.value.zip(b.value).map(|(x, y)| f(x, y)),
            }
        }
        _ => {
            let n = int_expr(rng, module, d);
            let items: Vec<i64> = (0..rng.below(4)).map(|_| rng.below(7) as i64 - 3).collect();
            let list: Vec<String> = items.iter().map(i64::to_string).collect();
            Gen {
                text: format!("contains([{}], {})", list.join(", "), n.text),
                value: n.value.map(|v| items.contains(&v)),
            }
        }
    }
}

fn paren(text: &str) -> String {
    if text.starts_with('(') {
        text.to_string()
    } else {
        format!("({text})")
    }
}

/// One random module: a chain of int locals, then the volume.
fn case(seed: u64) -> (String, Option<bool>) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut module = Module {
        int_locals: Vec::new(),
    };
    let mut text = String::from("locals {\n");
    for i in 0..rng.below(4) {
        let value = int_expr(&mut rng, &module, 2);
        text.push_str(&format!("  n{i} = {}\n", value.text));
        module.int_locals.push((format!("n{i}"), value.value));
    }
    text.push_str("}\n\n");
    let encrypted = bool_expr(&mut rng, &module, 4);
    text.push_str(&format!(
        "resource \"aws_ebs_volume\" \"v\" {{\n  size      = 1\n  encrypted = {}\n}}\n",
        encrypted.text
    ));
    (text, encrypted.value)
}

fn unencrypted_findings(text: &str) -> (usize, String) {
    let file = SourceFile::new(None, "main.tf".to_string(), text.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &Options::default());
    assert!(
        scan.notices.is_empty(),
        "notices: {:?}",
        scan.notices.iter().map(|n| &n.message).collect::<Vec<_>>()
    );
    let report = iacguard::report::json::render(&scan);
    let count = scan
        .findings
        .iter()
        .filter(|f| f.rule.id == "AWS-EBS-001" && f.message.contains("`encrypted` is false"))
        .count();
    (count, report)
}

#[test]
fn evaluated_booleans_match_the_reference() {
    let seeds: Vec<u64> = match std::env::var("PROPERTY_SEED") {
        Ok(seed) => vec![seed.parse().expect("PROPERTY_SEED is a number")],
        Err(_) => (1..=300).collect(),
    };
    let mut known = 0;
    for seed in seeds {
        let (text, expected) = case(seed);
        let (count, report) = unencrypted_findings(&text);
        let wanted = usize::from(expected == Some(false));
        assert_eq!(
            count, wanted,
            "seed {seed}: expected {expected:?} (None = unknown)\n{text}"
        );
        let (_, again) = unencrypted_findings(&text);
        assert_eq!(
            report, again,
            "seed {seed}: the report differs between runs"
        );
        known += usize::from(expected.is_some());
    }
    // The generator must exercise both sides, or the property says little.
    assert!(known > 50, "only {known} cases had a known value");
}
