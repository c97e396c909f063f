//! Unit tests of the resolver: every intrinsic function in both syntaxes, unknown propagation,
//! conditions and cycles.

use super::intrinsics::{Assumption, Resolver, Template};
use super::*;
use crate::parse::{json, yaml};
use crate::source::FileId;

fn yaml_root(text: &str) -> Node {
    yaml::parse_stream(text, FileId(0)).unwrap().remove(0)
}

/// Resolves the property `key` of resource `R` in `template` (YAML or JSON).
fn resolve_with(template: &str, key: &str, params: &Params, assumed: Vec<Assumption>) -> Node {
    let root = if template.trim_start().starts_with('{') {
        json::parse(template, FileId(0)).unwrap()
    } else {
        yaml_root(template)
    };
    let t = Template::new(&root, params);
    let resolver = Resolver::new(&t, assumed);
    let node = root.path(&["Resources", "R", "Properties", key]).unwrap();
    resolver.resolve(node)
}

fn resolve(template: &str, key: &str) -> Node {
    resolve_with(template, key, &Params::default(), Vec::new())
}

/// A YAML template with one resource `R` whose properties are `properties` (indented lines).
fn yaml_template(head: &str, properties: &str) -> String {
    let body: String = properties
        .lines()
        .map(|line| format!("      {line}\n"))
        .collect();
    format!("{head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n  R:\n    Type: AWS::EC2::Volume\n    Properties:\n{body}")
}

fn text(node: &Node) -> String {
    match &node.kind {
        NodeKind::Str(s) => s.clone(),
        other => panic!("expected a string, found {other:?}"),
    }
}

fn strings(node: &Node) -> Vec<String> {
    node.as_seq()
        .unwrap_or_else(|| panic!("expected a list, found {:?}", node.kind))
        .iter()
        .map(text)
        .collect()
}

const HEAD: &str = "Parameters:\n  Env:\n    Type: String\n    Default: dev\n  Open:\n    Type: String\n  Cidrs:\n    Type: CommaDelimitedList\n    Default: '10.0.0.0/8, 0.0.0.0/0'\n  Only:\n    Type: String\n    AllowedValues: [solo]\n  Ssm:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /my/param\nMappings:\n  Sizes:\n    dev: {Size: 10, Enc: 'false'}\n    prod: {Size: 100, Enc: 'false'}\n  Keys:\n    dev: {Arn: a}\n    prod: {Arn: b}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: {\"Fn::Not\": [{Condition: IsProd}]}\n  Unknown: !Equals [!Ref Open, yes]\n  Both: !And [!Condition IsDev, !Condition Unknown]\n  Either: !Or [!Condition IsDev, {Condition: Unknown}]\n  Loop: !Not [!Condition Loop]\n  LoopA: !Condition LoopB\n  LoopB: !Not [!Condition LoopA]\n";

#[test]
fn ref_in_both_syntaxes() {
    let t = yaml_template(HEAD, "A: !Ref Env\nB: {Ref: Env}\nC: !Ref Open\nD: !Ref Key\nE: !Ref AWS::Region\nF: !Ref AWS::NoValue\nG: !Ref Only\nH: !Ref Ssm\nI: !Ref Cidrs\n");
    let a = resolve(&t, "A");
    assert_eq!(text(&a), "dev");
    assert!(a.via[0].note.contains("default of parameter `Env`"));
    assert_eq!(&t[a.span.range()], "!Ref Env");
    assert_eq!(text(&resolve(&t, "B")), "dev");
    for key in ["C", "D", "E", "H"] {
        assert!(resolve(&t, key).is_unknown(), "{key}");
    }
    assert!(resolve(&t, "F").is_null());
    assert_eq!(text(&resolve(&t, "G")), "solo");
    assert_eq!(strings(&resolve(&t, "I")), ["10.0.0.0/8", "0.0.0.0/0"]);
}

#[test]
fn parameter_files_override_defaults_and_give_pseudo_parameters() {
    let t = yaml_template(
        HEAD,
        "A: !Ref Env\nE: !Sub '${AWS::Region}-x'\nS: !Ref Ssm\n",
    );
    let params = Params::from_pairs(
        std::path::Path::new("prod.json"),
        &[("Env", "prod"), ("AWS::Region", "eu-west-1"), ("Ssm", "/x")],
    );
    let a = resolve_with(&t, "A", &params, Vec::new());
    assert_eq!(text(&a), "prod");
    assert!(a.via[0].note.contains("prod.json"), "{:?}", a.via);
    assert_eq!(
        text(&resolve_with(&t, "E", &params, Vec::new())),
        "eu-west-1-x"
    );
    assert!(resolve_with(&t, "S", &params, Vec::new()).is_unknown());
}

#[test]
fn get_att_and_import_value_are_unknown_in_both_syntaxes() {
    let t = yaml_template(HEAD, "A: !GetAtt Key.Arn\nB: {\"Fn::GetAtt\": [Key, Arn]}\nC: !ImportValue shared\nD: {\"Fn::ImportValue\": !Sub '${Env}-key'}\nE: !GetAZs ''\n");
    for key in ["A", "B", "C", "D", "E"] {
        assert!(resolve(&t, key).is_unknown(), "{key}");
    }
    let NodeKind::Unknown(reason) = resolve(&t, "A").kind else {
        unreachable!()
    };
    assert!(reason.contains("resource `Key`"), "{reason}");
}

#[test]
fn sub_join_select_split() {
    let t = yaml_template(
        HEAD,
        "A: !Sub 'env-${Env}-${!Literal}'\nB: {\"Fn::Sub\": [\"${X}/${Env}\", {X: !Join ['', [a, b]]}]}\nC: !Sub '${Key.Arn}'\nD: !Join [',', [a, !Ref Env, 3]]\nE: {\"Fn::Join\": [\"-\", [a, !Ref Open]]}\nF: !Select [1, [a, b, c]]\nG: {\"Fn::Select\": [\"0\", !Split [',', 'x,y']]}\nH: !Select [5, [a]]\nI: !Split ['/', !Ref Env]\nJ: !Select [1, !Ref Cidrs]\n",
    );
    assert_eq!(text(&resolve(&t, "A")), "env-dev-${Literal}");
    let b = resolve(&t, "B");
    assert_eq!(text(&b), "ab/dev");
    assert_eq!(b.via.len(), 1, "the parameter default is remembered");
    assert!(resolve(&t, "C").is_unknown());
    assert_eq!(text(&resolve(&t, "D")), "a,dev,3");
    assert!(resolve(&t, "E").is_unknown());
    assert_eq!(text(&resolve(&t, "F")), "b");
    assert_eq!(text(&resolve(&t, "G")), "x");
    assert!(resolve(&t, "H").is_unknown());
    assert_eq!(strings(&resolve(&t, "I")), ["dev"]);
    let j = resolve(&t, "J");
    assert_eq!(text(&j), "0.0.0.0/0");
    assert!(!j.via.is_empty());
}

#[test]
fn find_in_map_base64_cidr_length() {
    let t = yaml_template(
        HEAD,
        "A: !FindInMap [Sizes, !Ref Env, Size]\nB: {\"Fn::FindInMap\": [Sizes, prod, Size]}\nC: !FindInMap [Sizes, !Ref AWS::Region, Enc]\nD: !FindInMap [Keys, !Ref AWS::Region, Arn]\nE: !FindInMap [Sizes, nowhere, Size]\nF: !Base64 'foo'\nG: {\"Fn::Base64\": !Ref Open}\nH: !Cidr ['10.0.0.0/16', 2, 8]\nI: {\"Fn::Cidr\": [!Ref Open, 2, 8]}\nJ: {\"Fn::Length\": [a, b]}\n",
    );
    let a = resolve(&t, "A");
    assert_eq!(a.as_f64(), Some(10.0));
    assert!(a.via.iter().any(|v| v.note.contains("mapping `Sizes`")));
    assert!(a.via.iter().any(|v| v.note.contains("parameter `Env`")));
    assert_eq!(resolve(&t, "B").as_f64(), Some(100.0));
    // Every region gives the same value: known although the region is not.
    assert_eq!(text(&resolve(&t, "C")), "false");
    assert!(resolve(&t, "D").is_unknown());
    assert!(resolve(&t, "E").is_unknown());
    assert_eq!(text(&resolve(&t, "F")), "Zm9v");
    assert!(resolve(&t, "G").is_unknown());
    assert_eq!(strings(&resolve(&t, "H")), ["10.0.0.0/24", "10.0.1.0/24"]);
    assert!(resolve(&t, "I").is_unknown());
    assert_eq!(resolve(&t, "J").as_f64(), Some(2.0));
}

#[test]
fn conditions_and_if_in_both_syntaxes() {
    let t = yaml_template(
        HEAD,
        "A: !If [IsProd, 'true', 'false']\nB: {\"Fn::If\": [IsDev, on, off]}\nC: !If [Unknown, x, y]\nD: !If [Both, x, y]\nE: !If [Either, x, y]\nF: !Equals [a, a]\nG: {\"Fn::Or\": [!Equals [a, b], {\"Fn::Equals\": [1, \"1\"]}]}\nH: !If [Missing, x, y]\nI: [a, !If [IsProd, b, !Ref AWS::NoValue], c]\n",
    );
    let a = resolve(&t, "A");
    assert_eq!(text(&a), "false");
    assert_eq!(
        &t[a.span.range()],
        "'false'",
        "the chosen branch keeps its place"
    );
    assert!(a
        .via
        .iter()
        .any(|v| v.note == "condition `IsProd` is false"));
    assert!(a
        .via
        .iter()
        .any(|v| v.note.contains("default of parameter `Env`")));
    assert_eq!(text(&resolve(&t, "B")), "on");
    assert!(resolve(&t, "C").is_unknown());
    assert!(resolve(&t, "D").is_unknown(), "true and unknown is unknown");
    assert_eq!(text(&resolve(&t, "E")), "x", "true or unknown is true");
    assert_eq!(resolve(&t, "F").as_bool(), Some(true));
    assert_eq!(resolve(&t, "G").as_bool(), Some(true));
    assert!(resolve(&t, "H").is_unknown());
    assert_eq!(strings(&resolve(&t, "I")), ["a", "c"]);
}

#[test]
fn assumed_conditions_pick_a_branch_and_say_so() {
    let t = yaml_template(HEAD, "C: !If [Unknown, x, y]\nD: !If [Both, x, y]\n");
    let c = resolve_with(
        &t,
        "C",
        &Params::default(),
        vec![conditions::when("Unknown", false)],
    );
    assert_eq!(text(&c), "y");
    assert!(c
        .via
        .iter()
        .any(|v| v.note == "when condition `Unknown` is false"));
    let d = resolve_with(
        &t,
        "D",
        &Params::default(),
        vec![conditions::when("Unknown", true)],
    );
    assert_eq!(text(&d), "x", "derived conditions follow the assumption");
}

#[test]
fn cycles_end_unknown() {
    let t = yaml_template(HEAD, "A: !If [Loop, x, y]\nB: !If [LoopA, x, y]\n");
    assert!(resolve(&t, "A").is_unknown());
    assert!(resolve(&t, "B").is_unknown());
    // A chain of conditions, each used twice: evaluated once each, not 2^n times.
    let mut head = String::from("Conditions:\n  C0: !Equals [a, a]\n");
    for i in 1..1000 {
        head.push_str(&format!(
            "  C{i}: !And [!Condition C{}, !Condition C{}]\n",
            i - 1,
            i - 1
        ));
    }
    let t = yaml_template(&head, "A: !If [C50, x, y]\nB: !If [C999, x, y]\n");
    assert_eq!(text(&resolve(&t, "A")), "x");
    assert!(resolve(&t, "B").is_unknown(), "past the depth limit");
}

#[test]
fn dynamic_references_and_unknown_tags_are_unknown() {
    let t = yaml_template(HEAD, "A: '{{resolve:ssm:/enc}}'\nB: !Unheard x\n");
    assert!(resolve(&t, "A").is_unknown());
    assert!(resolve(&t, "B").is_unknown());
}

#[test]
fn json_and_yaml_resolve_alike() {
    let yaml = yaml_template(
        HEAD,
        "A: !Join ['-', [!Ref Env, !FindInMap [Keys, !Ref Env, Arn], !If [IsProd, p, d]]]\n",
    );
    let json = r#"{"Parameters": {"Env": {"Type": "String", "Default": "dev"}},
      "Mappings": {"Keys": {"dev": {"Arn": "a"}}},
      "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
      "Resources": {"R": {"Type": "AWS::EC2::Volume", "Properties": {
        "A": {"Fn::Join": ["-", [{"Ref": "Env"}, {"Fn::FindInMap": ["Keys", {"Ref": "Env"}, "Arn"]}, {"Fn::If": ["IsProd", "p", "d"]}]]}}}}}"#;
    assert_eq!(text(&resolve(&yaml, "A")), "dev-a-d");
    assert_eq!(text(&resolve(json, "A")), "dev-a-d");
}

#[test]
fn resources_with_a_false_condition_are_left_out_and_unknown_ones_are_viewed_both_ways() {
    let text = "Parameters:\n  Env: {Type: String, Default: dev}\n  Open: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  Maybe: !Equals [!Ref Open, 'yes']\nResources:\n  ProdOnly:\n    Type: AWS::EC2::Volume\n    Condition: IsProd\n  MaybeOnly:\n    Type: AWS::EC2::Volume\n    Condition: Maybe\n  Both:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: !If [Maybe, true, false]\n";
    let root = yaml_root(text);
    let resources = adapt(&root, &Params::default());
    let names: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(names, ["MaybeOnly", "Both", "Both", "Both"]);
    assert!(resources[0].body.via[0]
        .note
        .contains("only created when condition `Maybe` is true"));
    assert!(resources[1].body.via.is_empty());
    assert_eq!(
        resources[3].body.via[0].note,
        "when condition `Maybe` is false"
    );
}

#[test]
fn the_remaining_forms_of_each_function() {
    let t = yaml_template(
        HEAD,
        "A: {\"Fn::Split\": [\",\", \"a,b\"]}\nB: {\"Fn::GetAZs\": \"\"}\nC: !Length [a, b, c]\nD: {\"Fn::If\": [Both, x, y]}\nE: !If [ProdOrDev, x, y]\nF: {\"Fn::Select\": [0, {\"Fn::Split\": [\",\", {\"Fn::Join\": [\",\", [p, q]]}]}]}\n",
    );
    assert_eq!(strings(&resolve(&t, "A")), ["a", "b"]);
    assert!(resolve(&t, "B").is_unknown());
    assert_eq!(resolve(&t, "C").as_f64(), Some(3.0));
    assert!(resolve(&t, "D").is_unknown());
    assert!(resolve(&t, "E").is_unknown(), "an undefined condition");
    assert_eq!(text(&resolve(&t, "F")), "p");
    let and = yaml_template(
        "Conditions:\n  T: {\"Fn::Equals\": [a, a]}\n  F: !Equals [a, b]\n  L: {\"Fn::And\": [{Condition: T}, {Condition: F}]}\n  S: !And [!Condition T, !Condition T]\n",
        "A: !If [L, x, y]\nB: !If [S, x, y]\n",
    );
    assert_eq!(text(&resolve(&and, "A")), "y");
    assert_eq!(text(&resolve(&and, "B")), "x");
}

#[test]
fn unknown_inputs_propagate_with_their_reason() {
    // `Open` has no default: every function fed with it is unknown and says why.
    let t = yaml_template(
        HEAD,
        "A: !Sub '${Open}-x'\nB: !Join ['', [a, !Ref Open]]\nC: !Select [0, !Split [',', !Ref Open]]\nD: !Select [!Ref Open, [a, b]]\nE: !FindInMap [Sizes, !Ref Open, Size]\nF: !Base64 {Ref: Open}\nG: !Cidr [!Ref Open, 2, 8]\nH: {\"Fn::Length\": !Split [',', !Ref Open]}\nI: !If [Unknown, x, y]\nJ: !Equals [!Ref Open, x]\nK: !Not [!Equals [!Ref Open, x]]\nL: [!Ref Open, {\"Fn::Join\": [\"\", [!ImportValue e]]}]\n",
    );
    for key in ["A", "B", "C", "D", "F", "G", "H", "I", "J", "K"] {
        match resolve(&t, key).kind {
            NodeKind::Unknown(reason) => {
                assert!(reason.contains("parameter `Open`"), "{key}: {reason}")
            }
            other => panic!("{key}: expected unknown, found {other:?}"),
        }
    }
    // Mapping entries differ by top-level key: unknown.
    assert!(resolve(&t, "E").is_unknown());
    // Inside a list, each element stays unknown on its own.
    let list = resolve(&t, "L");
    let items = list.as_seq().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(Node::is_unknown));
}
