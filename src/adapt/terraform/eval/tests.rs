//! Expression evaluation, one HCL snippet at a time: `out` evaluated with the snippet's
//! variables and locals in scope.

use hcl_edit::structure::Body;

use super::super::functions::testing::show;
use super::{Evaluator, Scope};
use crate::parse::Node;
use crate::source::FileId;

/// Evaluates the attribute `out` of `source`.
fn evaluate(source: &str) -> Node {
    let body: Body = crate::parse::hcl::parse(source).expect("test HCL parses");
    let mut scope = Scope::default();
    for block in body.blocks() {
        match (block.ident.as_str(), block.labels.as_slice()) {
            ("variable", [name]) => {
                let header = super::span_of(block, FileId(0));
                let variable = super::super::inputs::declaration(&block.body, header, FileId(0));
                scope.variables.insert(name.as_str().to_string(), variable);
            }
            ("locals", []) => {
                for attribute in block.body.attributes() {
                    scope.locals.insert(
                        attribute.key.as_str().to_string(),
                        (&attribute.value, FileId(0)),
                    );
                }
            }
            _ => {}
        }
    }
    let out = body.get_attribute("out").expect("the snippet sets `out`");
    Evaluator::new(&scope).expr(&out.value, FileId(0))
}

/// `out`'s value shown compactly (`unknown` for unknown values).
fn eval(source: &str) -> String {
    show(&evaluate(source))
}

/// `out = <expr>` alone.
fn expr(text: &str) -> String {
    eval(&format!("out = {text}\n"))
}

#[test]
fn templates_and_number_printing() {
    assert_eq!(expr(r#""${1 + 1}""#), "2");
    assert_eq!(expr(r#""x${1.0}-${0.5}-${true}""#), "\"x1-0.5-true\"");
    assert_eq!(expr(r#""${[1, 2]}""#), "[1,2]");
    assert_eq!(expr(r#""a ${null}""#), "unknown");
    assert_eq!(expr(r#""a ${[1]}""#), "unknown");
    assert_eq!(expr(r#""$${literal}""#), "\"${literal}\"");
}

#[test]
fn template_directives() {
    assert_eq!(expr(r#""%{ if true }yes%{ else }no%{ endif }""#), "\"yes\"");
    assert_eq!(
        expr(r#""%{ if "false" }yes%{ else }no%{ endif }""#),
        "\"no\""
    );
    assert_eq!(expr(r#""%{ if false }yes%{ endif }!""#), "\"!\"");
    assert_eq!(
        expr(r#""%{ for i, x in ["a", "b"] }${i}=${x},%{ endfor }""#),
        "\"0=a,1=b,\""
    );
    assert_eq!(
        expr(r#""%{ for k, v in { b = 2, a = 1 } }${k}${v}%{ endfor }""#),
        "\"a1b2\""
    );
    assert_eq!(expr(r#""a %{~ if true ~} b %{~ endif ~} c""#), "\"abc\"");
    assert_eq!(expr(r#""[ ${~ "x" ~} ]""#), "\"[x]\"");
    assert_eq!(expr(r#""%{ if var.nope }x%{ endif }""#), "unknown");
    assert_eq!(expr(r#""%{ if 1 }x%{ endif }""#), "unknown");
}

#[test]
fn heredocs() {
    assert_eq!(
        eval("out = <<-EOT\n    hello\n      ${\"world\"}\n    EOT\n"),
        "\"hello\\n  world\\n\""
    );
    assert_eq!(eval("out = <<EOT\n  keep\nEOT\n"), "\"  keep\\n\"");
}

#[test]
fn strip_markers_in_heredoc_loops() {
    let source = "out = <<EOT\n%{ for ip in [\"10.0.0.1\", \"10.0.0.2\"] ~}\nserver ${ip}\n%{ endfor ~}\nEOT\n";
    assert_eq!(eval(source), "\"server 10.0.0.1\\nserver 10.0.0.2\\n\"");
}

#[test]
fn arithmetic_and_comparison() {
    assert_eq!(expr("1 + 2 * 3"), "7");
    assert_eq!(expr("(1 + 2) * 3"), "9");
    assert_eq!(expr(r#""2" * 3"#), "6");
    assert_eq!(expr("7 / 2"), "3.5");
    assert_eq!(expr("7 % 3"), "1");
    assert_eq!(expr("-(2 - 5)"), "3");
    assert_eq!(expr("1 / 0"), "unknown");
    assert_eq!(expr(r#""a" + 1"#), "unknown");
    assert_eq!(expr("3 > 2"), "true");
    assert_eq!(expr("3 <= 2"), "false");
    assert_eq!(expr(r#""10" >= 9"#), "true");
    assert_eq!(expr(r#""1" == 1"#), "false");
    assert_eq!(expr("[1, \"a\"] == [1, \"a\"]"), "true");
    assert_eq!(expr("{ a = 1 } != { a = 2 }"), "true");
    assert_eq!(expr("var.nope + 1"), "unknown");
    assert_eq!(expr("var.nope == 1"), "unknown");
}

#[test]
fn logic_with_conversions() {
    assert_eq!(expr(r#""true" && true"#), "true");
    assert_eq!(expr(r#"!"false""#), "true");
    assert_eq!(expr("false && var.nope"), "false");
    assert_eq!(expr("var.nope || true"), "true");
    assert_eq!(expr("var.nope && true"), "unknown");
    assert_eq!(expr("1 && true"), "unknown");
    assert_eq!(expr(r#""true" ? "a" : "b""#), "\"a\"");
    assert_eq!(expr("var.nope ? 1 : 2"), "unknown");
}

#[test]
fn for_expressions() {
    assert_eq!(expr("[for x in [1, 2, 3] : x * 2]"), "[2,4,6]");
    assert_eq!(expr("[for x in [1, 2, 3] : x if x != 2]"), "[1,3]");
    assert_eq!(
        expr("[for i, x in [\"a\", \"b\"] : \"${i}${x}\"]"),
        "[\"0a\",\"1b\"]"
    );
    assert_eq!(
        expr("{for k, v in { a = 1, b = 2 } : v => k}"),
        "{1=\"a\",2=\"b\"}"
    );
    assert_eq!(
        expr("{for s in [\"ab\", \"ac\", \"b\"] : substr(s, 0, 1) => s...}"),
        "{a=[\"ab\",\"ac\"],b=[\"b\"]}"
    );
    assert_eq!(expr("{for s in [\"a\", \"a\"] : s => s}"), "unknown");
    assert_eq!(expr("[for x in var.nope : x]"), "unknown");
    assert_eq!(expr("[for x in [1, var.nope] : x]"), "[1,unknown]");
    assert_eq!(expr("[for x in [1, 2] : x if var.nope]"), "unknown");
    assert_eq!(expr("[for x in \"abc\" : x]"), "unknown");
}

#[test]
fn splats_and_indexes() {
    let locals = r#"
locals {
  users = [{ name = "a", tags = { t = 1 } }, { name = "b", tags = { t = 2 } }]
  one   = { name = "c" }
  none  = null
  map   = { "key" = "v", other = [10, 20] }
}
"#;
    let with = |text: &str| eval(&format!("{locals}out = {text}\n"));
    assert_eq!(with("local.users[*].name"), "[\"a\",\"b\"]");
    assert_eq!(with("local.users.*.name"), "[\"a\",\"b\"]");
    assert_eq!(with("local.users[*].tags.t"), "[1,2]");
    assert_eq!(with("local.users.*.name[1]"), "\"b\"");
    assert_eq!(with("local.one[*].name"), "[\"c\"]");
    assert_eq!(with("local.none[*].name"), "[]");
    assert_eq!(with("local.map[\"key\"]"), "\"v\"");
    assert_eq!(with("local.map.other[1]"), "20");
    assert_eq!(with("local.map.other.0"), "10");
    assert_eq!(with("local.map.other[\"1\"]"), "20");
    assert_eq!(with("local.map.other[2]"), "unknown");
    assert_eq!(with("local.map.missing"), "unknown");
    assert_eq!(with("local.map.key.deeper"), "unknown");
    assert_eq!(with("[10, 20][1]"), "20");
    assert_eq!(with("merge(local.one, { x = 1 }).x"), "1");
    assert_eq!(with("local.users[var.nope]"), "unknown");
    assert_eq!(with("aws_instance.web[*].id"), "unknown");
}

#[test]
fn try_and_can_tell_errors_from_unknowns() {
    let locals = r#"
variable "nodefault" {}
variable "object" { default = { enabled = false } }
locals {
  settings = { encrypted = false }
  partly   = { known = true, later = aws_kms_key.k.arn }
}
"#;
    let with = |text: &str| eval(&format!("{locals}out = {text}\n"));
    assert_eq!(with("try(local.settings.missing, true)"), "true");
    assert_eq!(with("try(local.settings.encrypted, true)"), "false");
    assert_eq!(with("try(var.object.missing, \"x\")"), "\"x\"");
    assert_eq!(with("try(var.nodefault.encrypted, true)"), "unknown");
    assert_eq!(with("try(aws_kms_key.k.arn, \"none\")"), "unknown");
    assert_eq!(with("try(local.partly.known, false)"), "true");
    assert_eq!(with("try(merge(\"x\"), { a = 1 }).a"), "1");
    assert_eq!(with("try(local.settings.a, local.settings.b)"), "unknown");
    assert_eq!(with("try(try(local.settings.a, local.settings.b), 3)"), "3");
    assert_eq!(with("try(timestamp(), \"x\")"), "unknown");
    assert_eq!(with("can(local.settings.missing)"), "false");
    assert_eq!(with("can(local.settings.encrypted)"), "true");
    assert_eq!(with("can(var.nodefault)"), "unknown");
    assert_eq!(with("can(tonumber(\"x\"))"), "false");
    // An error caught by `try` does not leak into the expression around it.
    assert_eq!(
        with("[try(local.settings.missing, 1), can(local.settings.x)]"),
        "[1,false]"
    );
}

#[test]
fn function_calls() {
    assert_eq!(expr("upper(\"a\")"), "\"A\"");
    assert_eq!(expr("max([1, 5, 3]...)"), "5");
    assert_eq!(expr("max(var.nope...)"), "unknown");
    assert_eq!(expr("lookup({ a = 1 }, \"b\")"), "unknown");
    assert_eq!(expr("provider::aws::arn_parse(\"x\")"), "unknown");
    assert_eq!(expr("range(1e9)"), "unknown");
    assert_eq!(expr("length(range(100000))"), "100000");
    assert_eq!(expr("file(\"x.txt\")"), "unknown");
    assert_eq!(expr("templatefile(\"x.tpl\", {})"), "unknown");
    assert_eq!(expr("path.module"), "\".\"");
    assert_eq!(expr("\"${path.root}/x\""), "\"./x\"");
    assert_eq!(expr("{ (\"k${1}\") = 1 }"), "{k1=1}");
}

#[test]
fn values_keep_their_history_through_functions() {
    let source = r#"
variable "encrypted" { default = false }
locals {
  settings = { encrypted = false, size = 8 }
}
out = [coalesce(var.encrypted, true), lookup(local.settings, "encrypted", true), local.settings.encrypted]
"#;
    let value = evaluate(source);
    let items = value.as_seq().expect("a list");
    let lines = |node: &Node| -> Vec<usize> {
        node.via
            .iter()
            .map(|via| source[..via.span.start as usize].matches('\n').count() + 1)
            .collect()
    };
    // The variable's default.
    assert_eq!(lines(&items[0]), vec![2]);
    // The local, then the `false` written inside it.
    assert_eq!(lines(&items[1]), vec![4, 4]);
    assert_eq!(lines(&items[2]), vec![4, 4]);
    assert_ne!(items[1].via[0].span, items[1].via[1].span);
}

#[test]
fn explosive_configurations_are_bounded() {
    let mut source = String::from("locals {\n");
    for level in 0..40 {
        source.push_str(&format!(
            "  l{level} = [local.l{}, local.l{}]\n",
            level + 1,
            level + 1
        ));
    }
    source.push_str("  l40 = 1\n}\nout = length(flatten(local.l0))\n");
    let started = std::time::Instant::now();
    assert_eq!(eval(&source), "unknown");
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn explosive_loops_are_bounded() {
    assert_eq!(
        expr("length([for x in range(100000) : [for y in range(100000) : y]])"),
        "unknown"
    );
}

#[test]
fn declarations_do_not_see_for_variables() {
    let source = "locals {\n  y = x\n}\nout = [for x in [1] : [x, local.y]]\n";
    assert_eq!(eval(source), "[[1,unknown]]");
}

#[test]
fn nested_for_and_bare_splat() {
    let source = r#"
locals {
  groups = { admins = ["ann", "bob"], devs = ["cy"] }
  list   = [1, 2]
}
out = [
  {for k, v in local.groups : k => [for x in v : upper(x)]},
  local.list[*],
  [for k, v in { a = 1 } : "${k}=${v}"],
  lookup(local.groups, "ops", null),
  "${local.list[0] > 0 ? 1 : 0}",
]
"#;
    assert_eq!(
        eval(source),
        "[{admins=[\"ANN\",\"BOB\"],devs=[\"CY\"]},[1,2],[\"a=1\"],null,1]"
    );
}

#[test]
fn odd_expressions_are_unknown_not_panics() {
    for text in [
        "null[0]",
        "\"a\"[0]",
        "(1).x",
        "-\"a\"",
        "!null",
        "[1][-1]",
        "[1][0.5]",
        "{ a = 1 }[null]",
        "{ (null) = 1 }",
        "max()",
        "try()",
        "can(1, 2)",
        "upper(\"a\", \"b\")",
        "templatefile(\"a\")",
        "concat(1...)",
        "\"%{ for x in 1 }x%{ endfor }\"",
        "1 % 0",
        "1e308 * 10",
    ] {
        assert_eq!(expr(text), "unknown", "{text}");
    }
    assert_eq!(expr("(1)[*]"), "[1]");
    assert_eq!(expr("(1)[*][*][*]"), "[[[1]]]");
    assert_eq!(expr("{}[*]"), "[{}]");
    assert_eq!(expr("[for x in {} : x]"), "[]");
    assert_eq!(expr("{for x in [] : x => x}"), "{}");
}

#[test]
fn local_cycles_stop_at_once() {
    // `b` is used twice in its own cycle: unrolled to the depth limit that would be 2^64
    // evaluations, cut short only by the budget.
    let source = "locals {\n  a = local.a\n  b = local.c\n  c = [local.b, local.b]\n}\nout = [local.a, local.c, 1]\n";
    let body: Body = crate::parse::hcl::parse(source).unwrap();
    let mut scope = Scope::default();
    for attribute in body.blocks().next().unwrap().body.attributes() {
        scope.locals.insert(
            attribute.key.as_str().to_string(),
            (&attribute.value, FileId(0)),
        );
    }
    let evaluator = Evaluator::new(&scope);
    let out = evaluator.expr(&body.get_attribute("out").unwrap().value, FileId(0));
    assert_eq!(show(&out), "[unknown,[unknown,unknown],1]");
    let spent = super::DEFAULT_EVALUATION_BUDGET - evaluator.budget.get();
    assert!(spent < 50, "a cycle cost {spent} steps");
}
