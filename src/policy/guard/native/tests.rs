//! Differential tests: every case runs through cfn-guard (`engine::evaluate_batch`) and the
//! native evaluator, and the failures must be the same (as sorted lists).

use serde_json::{json, Value};

use super::Program;
use crate::policy::guard::engine::{self, Failure};

/// What must be equal: rule, path, message, and the clause and unknown marks the caller uses
/// to drop failures on unknown values.
type Key = (String, Option<String>, String, Option<String>, bool);

fn key(failure: &Failure) -> Key {
    (
        failure.rule.clone(),
        failure.path.clone(),
        failure.message.clone(),
        failure.clause.clone(),
        failure.unknown,
    )
}

fn sorted(mut failures: Vec<Failure>) -> Vec<Key> {
    failures.sort_by_key(key);
    failures.iter().map(key).collect()
}

/// Both evaluators on one rules text and one document; panics with both answers when they
/// differ. Returns whether cfn-guard found failures, for coverage accounting.
fn differential(text: &str, document: &Value) -> bool {
    let tree = engine::parse_tree(text, "t.guard")
        .unwrap_or_else(|error| panic!("{error:?}\n{text}"))
        .expect("rules present");
    let program =
        Program::compile(&tree, text).unwrap_or_else(|why| panic!("refused: {why}\n{text}"));
    let (reference, errors) = engine::evaluate_batch(&[text.to_string()], &[document.to_string()]);
    let native = program.evaluate(document);
    match (errors.first(), native) {
        (Some((_, message)), Err(native)) => {
            assert_eq!(message, &native, "error differs\n{text}\n{document}");
            false
        }
        (None, Ok(native)) => {
            let found = !reference.is_empty();
            let (reference, native) = (sorted(reference), sorted(native));
            if reference != native {
                let only = |a: &[Key], b: &[Key]| {
                    a.iter().filter(|x| !b.contains(x)).cloned().collect::<Vec<_>>()
                };
                panic!(
                    "failures differ\nrules:\n{text}\ndocument: {document}\nonly cfn-guard: {:?}\nonly native: {:?}\ncounts {} vs {}",
                    only(&reference, &native),
                    only(&native, &reference),
                    reference.len(),
                    native.len()
                );
            }
            found
        }
        (reference_error, native) => panic!(
            "one evaluator stopped: cfn-guard {reference_error:?}, native {native:?}\nrules:\n{text}\ndocument: {document}",
            native = native.map(sorted)
        ),
    }
}

#[test]
fn a_trivial_rule_agrees() {
    let text = "rule t { Resources exists }\nrule u { Resources.*.Properties.Size > 10 }";
    differential(
        text,
        &json!({"Resources": {"A": {"Properties": {"Size": 5}}}}),
    );
    differential(text, &json!({"Other": 1}));
}

/// The model documents of the repository's test data (CloudFormation templates as written,
/// Terraform, plan JSON and Kubernetes as model documents), as `iacguard model` prints them.
fn repository_documents() -> Vec<Value> {
    use crate::policy::org::OrgPolicy;
    use crate::scan::{scan_paths, Options};
    let mut documents = Vec::new();
    for dir in [
        "testdata/guard",
        "testdata/examples",
        "testdata/azure",
        "testdata/kubernetes",
        "testdata/eks",
        "testdata/demo",
        "testdata/cloudformation",
        "testdata/terraform",
        "testdata/aws",
    ] {
        let options = Options {
            rules: Vec::new(),
            policy: OrgPolicy::default(),
            ..Options::default()
        };
        let scan = scan_paths(&[std::path::PathBuf::from(dir)], &options);
        let by_file =
            crate::policy::guard::model_documents(&scan.model, &scan.sources, &options.policy);
        for (_, document) in by_file.as_object().into_iter().flatten() {
            match document {
                Value::Array(several) => documents.extend(several.iter().cloned()),
                one => documents.push(one.clone()),
            }
        }
    }
    documents
}

/// The policy parameters packs read, set or left empty.
fn with_policy(document: &Value, set: bool) -> Value {
    let mut document = document.clone();
    let policy = if set {
        json!({
            "approved_registries": ["ghcr.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "docker.io"],
            "allowed_regions": ["eu-west-1", "westeurope"],
            "required_tags": ["owner", "cost-center"],
        })
    } else {
        json!({ "approved_registries": [], "allowed_regions": [], "required_tags": [] })
    };
    if let Some(section) = document.get_mut("Iacguard") {
        section["Policy"] = policy;
    }
    document
}

const PACKS: &[&str] = &[
    "allowed-regions",
    "approved-registries",
    "no-public-ips",
    "required-tags",
];

fn pack(name: &str) -> &'static str {
    crate::policy::guard::BUILTIN
        .iter()
        .find(|(pack, _)| *pack == name)
        .map(|(_, text)| *text)
        .expect("pack exists")
}

/// Hand-written documents in both shapes, for the packs: pass, fail, missing keys, wrong
/// types, empty lists, unknown values.
fn pack_documents() -> Vec<Value> {
    let policy = json!({ "approved_registries": [], "allowed_regions": [], "required_tags": [] });
    let cfn = |resources: Value| json!({ "Resources": resources, "Iacguard": { "File": "t.yaml", "Policy": policy.clone() } });
    let model = |resources: Value| json!({ "Resources": resources, "Iacguard": { "File": "main.tf", "Policy": policy.clone() } });
    vec![
        cfn(json!({})),
        json!({ "Iacguard": { "Policy": policy.clone() } }),
        cfn(json!({
            "Vol": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "us-east-1a", "Tags": [ { "Key": "owner", "Value": "x" } ] } },
            "Vol2": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1b", "Tags": [] } },
            "Vol3": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": { "Fn::GetAZs": "" } } },
            "Vol4": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "<unknown: a parameter>", "Tags": "oops" } },
            "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [ { "Key": "owner" }, { "Key": "cost-center", "Value": "1" }, { "Value": "x" } ] } },
            "Bucket2": { "Type": "AWS::S3::Bucket" },
            "Eip": { "Type": "AWS::EC2::EIP" },
            "Inst": { "Type": "AWS::EC2::Instance", "Properties": { "NetworkInterfaces": [ { "AssociatePublicIpAddress": true }, { "AssociatePublicIpAddress": "false" }, {} ] } },
            "Inst2": { "Type": "AWS::EC2::Instance", "Properties": { "NetworkInterfaces": [] } },
            "Lt": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "NetworkInterfaces": [ { "AssociatePublicIpAddress": "true" } ] } } },
            "Subnet": { "Type": "AWS::EC2::Subnet", "Properties": { "MapPublicIpOnLaunch": true, "AvailabilityZone": "eu-west-1a" } },
            "Subnet2": { "Type": "AWS::EC2::Subnet", "Properties": { "MapPublicIpOnLaunch": false } },
            "Task": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ContainerDefinitions": [ { "Image": "nginx:1.27" }, { "Image": "ghcr.io/acme/web:1" }, { "Image": { "Ref": "Image" } }, { "Name": "x" } ] } },
            "Task2": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ContainerDefinitions": [] } },
            "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Code": { "ImageUri": "localhost/fn:1" } } },
            "Fn2": { "Type": "AWS::Lambda::Function", "Properties": { "Code": { "ZipFile": "x" } } },
        })),
        model(json!({
            "aws_instance.web": { "Type": "aws_instance", "Format": "terraform", "Properties": { "availability_zone": "us-west-2c", "associate_public_ip_address": true, "tags": { "owner": "a" } } },
            "aws_instance.ok": { "Type": "aws_instance", "Format": "terraform", "Properties": { "availability_zone": "eu-west-1a", "associate_public_ip_address": "<unknown: var.x>", "tags": { "owner": "a", "cost-center": "b" } } },
            "aws_subnet.s": { "Type": "aws_subnet", "Format": "terraform", "Properties": { "map_public_ip_on_launch": "true", "tags": {} } },
            "aws_eip.e": { "Type": "aws_eip", "Format": "terraform", "Properties": {} },
            "aws_launch_template.lt": { "Type": "aws_launch_template", "Format": "terraform", "Properties": { "network_interfaces": [ { "associate_public_ip_address": true } ] } },
            "aws_launch_template.lt2": { "Type": "aws_launch_template", "Format": "terraform", "Properties": { "network_interfaces": { "associate_public_ip_address": "true" } } },
            "azurerm_public_ip.p": { "Type": "azurerm_public_ip", "Format": "terraform", "Properties": { "location": "eastus" } },
            "azurerm_resource_group.g": { "Type": "azurerm_resource_group", "Format": "terraform", "Properties": { "location": "westeurope", "tags": { "Owner": "x", "cost_center": "y" } } },
            "azurerm_kubernetes_cluster.k": { "Type": "azurerm_kubernetes_cluster", "Format": "terraform", "Properties": { "location": "westeurope", "default_node_pool": [ { "node_public_ip_enabled": true } ] } },
            "azurerm_kubernetes_cluster.k2": { "Type": "azurerm_kubernetes_cluster", "Format": "terraform", "Properties": { "default_node_pool": { "enable_node_public_ip": true, "name": "x" } } },
            "azurerm_kubernetes_cluster_node_pool.np": { "Type": "azurerm_kubernetes_cluster_node_pool", "Format": "terraform", "Properties": { "node_public_ip_enabled": "true", "enable_node_public_ip": false } },
            "kubernetes_deployment.d": { "Type": "kubernetes_deployment", "Format": "terraform", "Object": { "kind": "Deployment", "metadata": { "labels": { "owner": "x" } }, "spec": { "template": { "spec": { "nodeSelector": { "topology.kubernetes.io/region": "us-east-1" }, "containers": [ { "image": "quay.io/x:1" }, { "image": "ghcr.io/y" } ] } } } } },
            "kubernetes_service.s": { "Type": "kubernetes_service", "Format": "terraform", "Object": { "kind": "Service", "spec": { "type": "LoadBalancer", "externalIPs": ["1.2.3.4"] }, "metadata": {} } },
        })),
        model(json!({
            "Deployment/shop/web": { "Type": "Deployment", "Format": "kubernetes", "Properties": { "kind": "Deployment", "metadata": { "name": "web" }, "spec": { "template": { "spec": { "nodeSelector": { "topology.kubernetes.io/region": "eu-west-1" }, "containers": [ { "image": "nginx" }, { "image": 5 } ], "initContainers": [ { "image": "ghcr.io/init:1" }, { "name": "noimage" } ] } } } } },
            "Pod/x": { "Type": "Pod", "Format": "kubernetes", "Properties": { "kind": "Pod", "metadata": { "labels": { "owner": "o", "cost-center": "c" } }, "spec": { "nodeSelector": { "topology.kubernetes.io/region": "westus" }, "containers": [] } } },
            "CronJob/c": { "Type": "CronJob", "Format": "kubernetes", "Properties": { "kind": "CronJob", "metadata": { "labels": {} }, "spec": { "jobTemplate": { "spec": { "template": { "spec": { "containers": [ { "image": "docker.io/library/busybox" } ] } } } } } } },
            "Service/lb": { "Type": "Service", "Format": "kubernetes", "Properties": { "kind": "Service", "metadata": { "annotations": { "service.beta.kubernetes.io/aws-load-balancer-internal": "0.0.0.0/0" } }, "spec": { "type": "LoadBalancer" } } },
            "Service/lb2": { "Type": "Service", "Format": "kubernetes", "Properties": { "kind": "Service", "metadata": { "annotations": { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" } }, "spec": { "type": "LoadBalancer", "externalIPs": [] } } },
            "Service/lb3": { "Type": "Service", "Format": "kubernetes", "Properties": { "kind": "Service", "metadata": {}, "spec": { "type": "LoadBalancer" } } },
            "Namespace/n": { "Type": "Namespace", "Format": "kubernetes", "Properties": { "kind": "Namespace", "metadata": { "labels": "bad" } } },
        })),
    ]
}

#[test]
fn the_packs_agree_on_hand_written_documents() {
    let mut pairs = 0;
    for document in pack_documents() {
        for set in [false, true] {
            let document = with_policy(&document, set);
            for name in PACKS {
                differential(pack(name), &document);
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 40);
}

#[test]
fn the_packs_agree_on_the_repository_test_data() {
    let documents = repository_documents();
    assert!(documents.len() > 30, "{} documents", documents.len());
    let mut failing = 0;
    for document in &documents {
        for set in [false, true] {
            let document = with_policy(document, set);
            for name in PACKS {
                failing += usize::from(differential(pack(name), &document));
            }
        }
    }
    eprintln!(
        "repository: {} documents, {} pairs, {failing} with failures",
        documents.len(),
        documents.len() * 2 * PACKS.len()
    );
    assert!(failing > 10, "only {failing} pairs with failures");
}

/// Small documents for the corpus: resources of several types with values of every kind,
/// missing keys, empty collections and unknown values.
fn corpus_documents() -> Vec<Value> {
    vec![
        json!({ "Resources": {
            "A": { "Type": "AWS::S3::Bucket", "Properties": {
                "Name": "alpha", "Size": 10, "Ratio": 1.5, "Enabled": true, "Nothing": null,
                "Tags": [ { "Key": "owner", "Value": "team" }, { "Key": "env", "Value": "prod" } ],
                "Map": { "a": 1, "b": "two", "c": [1, 2] }, "List": ["x", "y"], "Empty": [], "EmptyMap": {}, "Blank": "" } },
            "B": { "Type": "AWS::S3::Bucket", "Properties": {
                "Name": "<unknown: var.name>", "Size": "10", "Enabled": "true",
                "Tags": [], "Map": {}, "List": "x" } },
            "C": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 200, "Encrypted": false, "Tags": [ { "Key": "owner" } ] } },
            "D": { "Type": "AWS::EC2::Volume" },
        }, "Iacguard": { "Policy": { "required_tags": ["owner", "cost-center"], "allowed": ["alpha"] } } }),
        json!({ "Resources": {
            "C": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 5, "Encrypted": true, "Tags": [ { "Key": "owner", "Value": "x" }, { "Key": "cost-center", "Value": "y" } ] } },
        }, "Iacguard": { "Policy": { "required_tags": [], "allowed": [] } } }),
        json!({ "Resources": {}, "Iacguard": { "Policy": {} } }),
        json!({ "Other": [1, 2, 3], "Resources": "not a map" }),
        json!({ "Resources": { "T": { "Type": "aws_s3_bucket", "Format": "terraform",
            "Properties": { "tags": { "owner": "a", "Cost": "b" }, "name": "alpha", "versioning": [ { "enabled": true } ] } } } }),
    ]
}

/// One rule text per construct and operator.
const CORPUS: &[&str] = &[
    // Unary operators, negations, missing keys.
    "rule r { Resources.*.Properties.Name exists }",
    "rule r { Resources.*.Properties.Name !exists }",
    "rule r { not Resources.*.Properties.Encrypted exists }",
    "rule r { Resources.*.Properties.Tags empty }",
    "rule r { Resources.*.Properties.Tags !empty }",
    "rule r { Resources.*.Properties.Blank empty }",
    "rule r { Resources.*.Properties.Map is_struct }",
    "rule r { Resources.*.Properties.List is_list }",
    "rule r { Resources.*.Properties.Name is_string }",
    "rule r { Resources.*.Properties.Name !is_string }",
    "rule r { Resources.*.Properties.Size is_int }",
    "rule r { Resources.*.Properties.Ratio is_float }",
    "rule r { Resources.*.Properties.Enabled is_bool }",
    "rule r { Resources.*.Properties.Nothing is_null }",
    "rule r { Resources.*.Properties.Nothing !is_null }",
    "rule r { Resources.*.Properties.Enabled empty }",
    "rule r { Resources.*.Properties.Size !empty <<size set>> }",
    // Binary operators.
    "rule r { Resources.*.Properties.Size == 10 }",
    "rule r { Resources.*.Properties.Size != 10 <<not ten>> }",
    "rule r { Resources.*.Properties.Size > 5 }",
    "rule r { Resources.*.Properties.Size >= 10 }",
    "rule r { Resources.*.Properties.Size < 100.5 }",
    "rule r { Resources.*.Properties.Size <= 10 }",
    "rule r { Resources.*.Properties.Name == /^al/ }",
    "rule r { Resources.*.Properties.Name != /^al/ }",
    "rule r { Resources.*.Properties.Name in ['alpha', 'beta'] }",
    "rule r { Resources.*.Properties.Name not in ['alpha', 'beta'] }",
    "rule r { Resources.*.Properties.Name in 'alphabet' }",
    "rule r { Resources.*.Properties.List in ['x', 'y', 'z'] }",
    "rule r { Resources.*.Properties.List == ['x', 'y'] }",
    "rule r { Resources.*.Properties.Map == { 'a': 1, 'b': 'two', 'c': [1, 2] } }",
    "rule r { Resources.*.Properties.Enabled == true }",
    "rule r { Resources.*.Properties.Enabled != false }",
    "rule r { Resources.*.Properties.Nothing == null }",
    "rule r { Resources.*.Properties.Tags[*].Key in ['owner', 'env'] }",
    "rule r { Resources.*.Properties.Tags[*].Value == 'team' }",
    "rule r { Resources.*.Properties.Tags[0].Key == 'owner' }",
    "rule r { Resources.*.Properties.Tags[-1].Key == 'env' }",
    "rule r { Resources.*.Properties.Tags.0.Key == 'owner' }",
    "rule r { Resources.*.Properties.Map.* > 0 }",
    "rule r { Resources.*.Properties.Size == Resources.C.Properties.Size }",
    "rule r { Resources.A.Properties.Name == Resources.*.Properties.Name }",
    "rule r { Resources.*.Properties.Name in Resources.*.Properties.List }",
    "rule r { not Resources.*.Properties.Size == 10 }",
    "rule r { Resources.*.Properties.Size == 10 or Resources.*.Properties.Size == 200 }",
    "rule r { some Resources.*.Properties.Tags[*].Key == 'env' }",
    "rule r { some Resources.*.Properties.Size > 100 }",
    // Key case conversions.
    "rule r { Resources.*.Properties.name == 'alpha' }",
    "rule r { Resources.*.properties.tags exists }",
    "rule r { Resources.*.Properties.Tags.Owner exists }",
    // Variables.
    "let sizes = Resources.*.Properties.Size\nrule r { %sizes > 5 }",
    "let tags = Resources.*.Properties.Tags[*].Key\nrule r { %tags in ['owner'] }",
    "let names = ['alpha', 'gamma']\nrule r { Resources.*.Properties.Name in %names }",
    "let names = ['alpha', 'gamma']\nrule r { %names !empty }",
    "let name = 'alpha'\nrule r { Resources.*.Properties.Name == %name }",
    "let required = Iacguard.Policy.required_tags[*]\nrule r when %required !empty { %required in Resources.*.Properties.Tags[*].Key }",
    "let none = Resources.*[ Type == 'Nope' ]\nrule r { %none !empty }",
    "let none = Resources.*[ Type == 'Nope' ]\nrule r { %none empty }",
    "let none = Resources.*[ Type == 'Nope' ].Properties.Size\nrule r { %none == 3 }",
    "let none = Resources.*[ Type == 'Nope' ].Properties.Size\nrule r { Resources.*.Properties.Size in %none }",
    "let none = Resources.*[ Type == 'Nope' ].Properties.Size\nrule r { Resources.*.Properties.Size not in %none }",
    "rule r { %undefined exists }",
    "rule r { let local = Resources.*.Properties.Size\n %local >= 10 }",
    "let some_sizes = some Resources.*.Properties.Size\nrule r { %some_sizes > 1 }",
    // Filters.
    "rule r { Resources.*[ Type == 'AWS::S3::Bucket' ].Properties.Size == 10 }",
    "rule r { Resources.*[ Type == 'AWS::S3::Bucket' Properties.Size exists ].Properties.Name is_string }",
    "rule r { Resources.*[ Type == 'AWS::S3::Bucket' or Type == 'AWS::EC2::Volume' ].Properties exists }",
    "rule r { Resources.*[ Type == 'Nope' ].Properties.Size == 10 }",
    "rule r { Resources.*.Properties.Tags[ Key == 'owner' ].Value == 'team' }",
    "rule r { Resources.*.Properties.Tags[ Key == 'owner' ] !empty }",
    "rule r { Resources.*.Properties.Tags[ Key == 'cost-center' ] !empty <<cost center>> }",
    "rule r { Resources.*.Properties.Tags[*][ Key == 'owner' ] !empty }",
    "rule r { Resources.*.Properties.Map[ keys == 'a' ] !empty }",
    "rule r { Resources.*.Properties.Map[ keys == /^[ab]$/ ] exists }",
    "rule r { Resources.*.Properties.Map[ keys != 'a' ] is_string }",
    "rule r { Resources.*.Properties.Map[ keys in ['a', 'c'] ] !empty }",
    "rule r { Resources.*.Properties.Map[ keys not in ['a'] ] empty }",
    "let k = 'b'\nrule r { Resources.*.Properties.Map[ keys == %k ] !empty <<needs b>> }",
    "rule r { Resources[ keys == /A|C/ ].Type == 'AWS::S3::Bucket' }",
    // Blocks.
    "rule r { Resources.* { Type exists\n Properties.Size > 1 } }",
    "rule r { Resources.*.Properties { Size exists <<size>>\n Name exists <<name>> } }",
    "rule r { Resources.*.Properties.Tags[*] { Key exists\n Value exists } }",
    "rule r { Resources.*[ Type == 'AWS::EC2::Volume' ] { Properties.Encrypted == true <<encrypt>> } }",
    "rule r { Resources.*.Properties { Size > 100 or Name == 'alpha' } }",
    "rule r { Resources.* { Properties { Tags { Key exists } } } }",
    "rule r { Resources.Missing.Properties { Size > 1 } }",
    "rule r { Resources.* { let size = Properties.Size\n %size > 5 } }",
    "rule r { Resources.* { let me = this\n %me.Type == 'AWS::S3::Bucket' } }",
    "rule r { Resources.*.Properties.Tags[*] { this.Key == 'owner' } }",
    // When blocks and rule conditions.
    "rule r when Resources exists { Resources.*.Properties.Size > 1 }",
    "rule r when Resources !exists { Resources.*.Properties.Size > 1 }",
    "rule r when Iacguard.Policy.required_tags !empty { Resources.*.Properties.Tags !empty }",
    "rule r { when Resources.A exists { Resources.A.Properties.Size == 11 } }",
    "rule r { when Resources.Z exists { Resources.Z.Properties.Size == 11 } Resources.* exists }",
    "rule r { Resources.* { when Type == 'AWS::EC2::Volume' { Properties.Encrypted == true } } }",
    "rule r when Resources.*.Properties.Enabled empty { Resources exists }",
    "rule r { when Resources.*.Properties.Enabled empty { Resources exists } }",
    // Type blocks.
    "rule r { AWS::EC2::Volume { Properties.Encrypted == true } }",
    "rule r { AWS::EC2::Volume when Properties.Size > 100 { Properties.Encrypted == true <<big volumes>> } }",
    "rule r { AWS::S3::Bucket { Properties.Tags[*].Key == 'owner' } }",
    "rule r { AWS::Nope::Thing { Properties exists } }",
    // Named rules.
    "rule a { Resources.*.Properties.Size > 5 }\nrule b {\n a\n}",
    "rule a { Resources.*.Properties.Size > 5 }\nrule b {\n not a <<not a>>\n}",
    "rule a { Resources.Nope exists }\nrule b when a { Resources exists }",
    "rule a when Resources.Nope exists { Resources exists }\nrule b {\n a\n}",
    "rule a when Resources.Nope exists { Resources exists }\nrule b when !a { Resources.*.Type == 'AWS::EC2::Volume' }",
    "rule a { Resources exists }\nrule b when a { Resources.*.Properties.Size == 10 }\nrule c {\n b or a\n}",
    "rule a { Resources.*.Properties.Size > 1 }\nrule a { Resources exists }\nrule b {\n a\n}",
    // Functions.
    "let names = Resources.*.Properties.Name\nlet upper = to_upper(%names)\nrule r { %upper == 'ALPHA' }",
    "let n = count(Resources.*)\nrule r { %n >= 2 }",
    "let first = regex_replace(Resources.*.Properties.Name, \"^(.)(.*)$\", \"${1}\")\nrule r { %first in ['a', 'b'] }",
    "rule r { Resources.* { let lower = to_lower(Type)\n %lower == /s3/ } }",
    // Edge semantics: errors in gates and assertions, disjunctions, caching, nesting.
    "rule r when Resources.*.Properties.Size empty or Resources exists { Resources.*.Type exists }",
    "rule r { Resources.*.Properties.Enabled empty or Resources.*.Properties.Size > 1 }",
    "rule r { Resources.* { Properties.Enabled empty } }",
    "rule r { AWS::S3::Bucket when Properties.Enabled empty { Properties.Size > 1 } }",
    "rule a { Resources.*.Properties.Enabled empty }\nrule b when a { Resources exists }",
    "rule a { Resources.*.Properties.Enabled empty }\nrule b {\n a\n}",
    "rule r { Resources.*.Properties.Tags[ Key == %undefined ] !empty }",
    "rule r when %undefined exists { Resources exists }",
    "rule r { Resources.*[ Type == 'AWS::EC2::Volume' ].Properties.Tags[*].Key == 'owner' <<volume owner>> }",
    "rule r { some Resources.*.Properties.Tags[*] { Key == 'env' } }",
    "rule r { Resources.*.Properties.Tags[*] { Key == 'env' or Value == 'x' <<tag>> } }",
    "rule r { Resources.*.Properties.Map.c[*] > 1 }",
    "rule r { Resources.*.Properties.Map.c == [1, 2] }",
    "rule r { Resources.*.Properties.Map.c in [[1, 2], [3]] }",
    "rule r { Resources.*.Properties.Map.c not in [[1, 2]] }",
    "rule r { Resources.*.Properties.Ratio > 1 }",
    "rule r { Resources.*.Properties.Ratio == 1.5 }",
    "rule r { Resources.*.Properties.Size < 'abc' }",
    "rule r { Resources.*.Properties.Name < 'b' }",
    "rule r { Resources.*.Properties.Name in ['alp'] }",
    "rule r { Resources.*.Properties.List == 'x' }",
    "rule r { Resources.*.Properties.List != ['x'] }",
    "rule r { Resources.*.Properties.Tags[*].Key not in Iacguard.Policy.required_tags }",
    "rule r { Iacguard.Policy.required_tags[*] in Resources.*.Properties.Tags[*].Key }",
    "rule r { Iacguard.Policy.required_tags == Resources.*.Properties.List }",
    "rule r { Resources.*.Properties.Name != Iacguard.Policy.allowed[*] }",
    "let allowed = Iacguard.Policy.allowed\nrule r { Resources.*.Properties.Name in %allowed }",
    "let allowed = Iacguard.Policy.allowed[*]\nrule r { Resources.*.Properties.Name not in %allowed <<not allowed>> }",
    "let v = Resources.*[ Type == 'AWS::EC2::Volume' ]\nrule r when %v !empty { %v.Properties.Encrypted == true }",
    "let v = Resources.*[ Type == 'AWS::EC2::Volume' ]\nrule r { %v { Properties.Size >= 100 <<big>> } }",
    "let v = Resources.*[ Type == 'AWS::EC2::Volume' ]\nrule a { %v.Properties.Size > 1 }\nrule b when a { %v.Properties.Encrypted == true }",
    "let t = Resources.*.Properties.Tags\nrule r { %t[*].Key == 'owner' }",
    "let t = Resources.*.Properties.Tags[*]\nrule r { %t.Key exists }",
    "let t = Resources.*.Properties.Tags[*]\nrule r { %t[ Key == 'owner' ] !empty }",
    "let m = Resources.*.Properties.Map\nrule r { %m[ keys == 'a' ] !empty <<a>>\n %m[ keys == 'z' ] empty }",
    "let keys = ['a', 'b']\nrule r { Resources.*.Properties.Map[ keys in %keys ] !empty }",
    "let keys = ['a', 'b']\nrule r { Resources.*.Properties.Map[ keys == %keys ] exists }",
    "rule r { Resources.*.Properties.Map[ keys == Resources.*.Properties.Name ] empty }",
    "rule r { Resources.*.Properties[ keys == /^Ta/ ][*].Key == 'owner' }",
    "rule r { this.Resources.A.Type == 'AWS::S3::Bucket' }",
    "rule r { Resources.*.Properties { when Size exists { Size > 5 } Tags !empty } }",
    "rule r { Resources.* { when Properties.Tags empty { Type == 'AWS::S3::Bucket' <<empty tags>> } } }",
    "rule r { AWS::S3::Bucket { Properties.Tags !empty\n Properties.Map { a == 1 } } }",
    "rule r { AWS::EC2::Volume when Properties.Encrypted == false { Properties.Tags[*] { Value exists <<value>> } } }",
    "rule a { AWS::S3::Bucket { Properties.Name exists } }\nrule b {\n a <<a failed>>\n Resources.* exists\n}",
    "rule a { Resources.Missing exists }\nrule b when !a { Resources.*.Properties.Size > 100 }",
    "rule a when Resources.Missing exists { Resources exists }\nrule b when a { Resources exists }\nrule c when !a { Resources.*.Properties.Size == 10 }",
    "rule a { Resources.* { Type == 'x' } }\nrule b {\n not a\n}\nrule c {\n a or b\n}",
    "rule r { Resources.*[ Properties.Size > 5 ] { Properties.Encrypted == true } }",
    "rule r { Resources.*[ Properties.Tags[*].Key == 'owner' ].Type == 'AWS::EC2::Volume' }",
    "rule r { Resources.*[ Properties.Map[ keys == 'a' ] !empty ].Properties.Name exists }",
    "rule r { Resources.*[ some Properties.Tags[*].Key == 'env' ].Properties.Size == 10 }",
    "rule r { Resources.*.Properties.Tags[ Key == 'owner' or Key == 'env' ].Value in ['team', 'prod', 'x'] }",
    "let n = count(Resources.*.Properties.Tags[*])\nrule r { %n > 1 }",
    "let n = count(Resources.*[ Type == 'None' ])\nrule r { %n == 0 }",
    "let z = regex_replace(Resources.*.Properties.Name, \"^([a-z]+)$\", \"${1}-$1-$$\")\nrule r { %z == 'alpha-alpha-$' }",
    // Literal lists with regexes, `this` in filters, quoted keys, numbers of both kinds.
    "rule r { Resources.*.Type in [/^AWS::S3/, 'AWS::EC2::Volume'] }",
    "rule r { Resources.*.Type not in [/Volume$/] }",
    "rule r { Resources.*.Properties.Tags[ this.Key == 'owner' ] !empty }",
    "rule r { Resources.*.Properties.List[ this == 'x' ] !empty }",
    "rule r { Resources.*.Properties.'Size' == 10.0 }",
    "rule r { Resources.*.Properties.Ratio != 1 }",
    "rule r { Resources.*.Properties.Map.\"b\" == 'two' }",
    "rule r { Resources.*.Properties.Nothing !exists }",
    "rule r { Resources.*.Properties.Empty[*] exists }",
    "rule r { Resources.*.Properties.EmptyMap.* exists }",
    "rule r { Resources.*.Properties.Tags[5].Key exists }",
    "rule r { Resources.*.Properties.Name[0] exists }",
    // More functions.
    "let s = substring(Resources.*.Properties.Name, 0, 3)\nrule r { %s == 'alp' }",
    "let s = substring(Resources.*.Type, 5, 7)\nrule r { %s in ['S3', 'EC'] <<prefix>> }",
    "let j = join(Resources.*.Properties.List, ',')\nrule r { %j == 'x,y' }",
    "let j = join(Resources.*.Properties.Tags[*].Key, '-')\nrule r { %j exists }",
    "let n = parse_int(Resources.*.Properties.Size)\nrule r { %n > 5 }",
    "let n = parse_float(Resources.*.Properties.Size)\nrule r { %n >= 10.0 <<size>> }",
    "let n = parse_int(Resources.*.Properties.Name)\nrule r { %n > 5 }",
    "let b = parse_boolean(Resources.*.Properties.Enabled)\nrule r { %b == true }",
    "let t = parse_string(Resources.*.Properties.Size)\nrule r { %t == '10' }",
    "rule r { Resources.* { let n = parse_int(Properties.Size)\n %n < 100 } }",
    "let n = parse_int(Resources.*.Properties.Name)\nrule r when %n exists { Resources exists }",
    "let d = url_decode(Resources.*.Properties.Name)\nrule r { %d == 'alpha' }",
    // Ranges.
    "rule r { Resources.*.Properties.Size in r[1, 10] }",
    "rule r { Resources.*.Properties.Size in r(10, 300] <<size range>> }",
    "rule r { Resources.*.Properties.Ratio in r[1.0, 2.0) }",
    "rule r { Resources.*.Properties.Ratio in r[1, 2] }",
    "rule r { Resources.*.Properties.Size in r[0.5, 10.5] }",
    "rule r { Resources.*.Properties.Size not in r[5, 100] }",
    "rule r { Resources.*.Properties.Name in r[a, z] }",
    "rule r { Resources.*.Properties.Size == r[1, 10] }",
    "rule r { Resources.*.Properties.Map.c[*] in r[2, 3] }",
    // Interpolated keys.
    "let ids = ['A', 'C', 'Z']\nrule r { Resources.%ids.Type == 'AWS::S3::Bucket' }",
    "let ids = ['A', 'C']\nrule r { Resources.%ids[1].Properties.Size > 100 <<second>> }",
    "let ids = ['A', 'C']\nrule r { Resources.%ids[5].Properties.Size > 100 }",
    "let ids = Resources.*.Properties.Tags[*].Value\nrule r { Resources.%ids exists }",
    "let ids = Resources.*.Properties.Size\nrule r { Resources.%ids exists }",
    "let ids = ['A']\nrule r { Resources.%ids.* exists }",
    "let ids = ['A']\nrule r { Resources.A.Type.%ids exists }",
    "let ids = Resources.Nope.Ids\nrule r { Resources.%ids exists }",
    // Parameterized rules.
    "rule big(vols) { %vols.Properties.Size > 100 <<too small>> }\nrule r {\n big(Resources.*[ Type == 'AWS::EC2::Volume' ])\n}",
    "rule big(vols) { %vols.Properties.Size > 100 }\nrule r {\n big(Resources.*[ Type == 'AWS::EC2::Volume' ]) <<call says>>\n}",
    "rule big(vols) { %vols.Properties.Size > 100 }\nrule r {\n not big(Resources.*) <<not big>>\n}",
    "rule big(vols) { %vols.Properties.Size > 100 }\nrule r when big(Resources.*) { Resources exists }",
    "rule eq(a, b) { %a == %b }\nrule r {\n eq(Resources.A.Properties.Name, 'alpha')\n eq('x', 'y') <<literals>>\n}",
    "rule has(key) { Properties[ keys == %key ] !empty <<no key>> }\nrule r { Resources.* {\n has('Tags')\n } }",
    "rule gated(v) { when %v exists { %v == 1 } }\nrule r {\n gated(Resources.Nope)\n}",
    "rule gated(v) { when %v empty { %v == 1 } }\nrule r {\n gated(Resources.A.Properties.Enabled)\n}",
    "rule gated(v) { when %v empty { %v == 1 } }\nrule r when gated(Resources.*.Properties.Enabled) { Resources exists }",
    "let limit = 50\nrule over(v) { %v > %limit }\nrule r { Resources.* {\n let size = Properties.Size\n over(%size)\n } }",
];

#[test]
fn the_corpus_agrees() {
    let documents = corpus_documents();
    let mut failing = 0;
    for text in CORPUS {
        for document in &documents {
            failing += usize::from(differential(text, document));
        }
    }
    eprintln!(
        "corpus: {} pairs, {failing} with failures",
        CORPUS.len() * documents.len()
    );
    assert!(failing > CORPUS.len(), "only {failing} pairs with failures");
}

/// A seeded xorshift, hand-rolled like tests/evaluator_properties.rs (no new crates).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A replacement value of another type.
fn random_value(rng: &mut Rng) -> Value {
    match rng.below(11) {
        0 => json!("<unknown: var.x>"),
        1 => json!(""),
        2 => json!(7),
        3 => json!(2.5),
        4 => json!(true),
        5 => Value::Null,
        6 => json!([]),
        7 => json!({}),
        8 => json!(["owner", { "Key": "owner", "Value": "x" }]),
        9 => json!({ "owner": "x", "Key": "cost-center" }),
        _ => json!("eu-west-1a"),
    }
}

/// Changes one node of the document: drops a key, swaps a value for another type, empties a
/// list or map.
fn mutate(rng: &mut Rng, value: &mut Value, depth: usize) {
    let descend = depth < 6 && rng.below(4) != 0;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys[rng.below(keys.len())].clone();
            if descend {
                if let Some(child) = map.get_mut(&key) {
                    return mutate(rng, child, depth + 1);
                }
            }
            match rng.below(3) {
                0 => {
                    map.remove(&key);
                }
                1 => map.clear(),
                _ => {
                    map.insert(key, random_value(rng));
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = rng.below(items.len());
            if descend {
                return mutate(rng, &mut items[at], depth + 1);
            }
            match rng.below(3) {
                0 => {
                    items.remove(at);
                }
                1 => items.clear(),
                _ => items[at] = random_value(rng),
            }
        }
        other => *other = random_value(rng),
    }
}

#[test]
fn mutated_documents_agree() {
    let seed = std::env::var("GUARD_NATIVE_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0x5eed_1234_u64);
    let mut rng = Rng(seed);
    let mut bases = registry_documents();
    bases.extend(pack_documents());
    let mut texts: Vec<&str> = PACKS.iter().map(|name| pack(name)).collect();
    texts.extend(CORPUS.iter().copied());
    texts.extend(REGISTRY.iter().copied());
    let cases = 400;
    for case in 0..cases {
        let mut document = with_policy(&bases[rng.below(bases.len())], rng.below(2) == 0);
        for _ in 0..1 + rng.below(3) {
            mutate(&mut rng, &mut document, 0);
        }
        // The packs more often than any one corpus rule.
        let text = if rng.below(2) == 0 {
            texts[rng.below(PACKS.len())]
        } else {
            texts[rng.below(texts.len())]
        };
        let outcome = std::panic::catch_unwind(|| differential(text, &document));
        assert!(outcome.is_ok(), "case {case} of seed {seed:#x} differs");
    }
}

#[test]
fn unsupported_constructs_are_refused() {
    for (text, why) in [
        (
            "rule r(p) { %p == 1 }\nrule s {\n r(1, 2)\n}",
            "wrong number",
        ),
        ("rule s {\n nothere(1)\n}", "undefined parameterized"),
        (
            "rule r { Resources.*.Properties.Name == '/x/' or Resources.*.Properties.Name == /x/ }",
            "regex",
        ),
        (
            "rule r { Resources.*[ name | Type == 'x' ] exists }",
            "captured",
        ),
        (
            "let x = json_parse(Resources.A.Properties.Doc)\nrule r { %x exists }",
            "json_parse",
        ),
(
            "rule r { Resources.*.Properties.Size in r[1, 5] or Resources.*.Properties.Name == '[1,5]' }",
            "range",
        ),
        ("rule r {\n undefined_rule\n}", "undefined"),
        ("rule r { Resources.* !empty { Type exists } }", "!empty"),
        (
            "rule r { Resources.*.Properties.Name == /(?=x)/ }",
            "regular expression",
        ),
    ] {
        let tree = engine::parse_tree(text, "t.guard")
            .unwrap_or_else(|error| panic!("{error:?}\n{text}"))
            .expect("rules");
        match Program::compile(&tree, text) {
            Ok(_) => panic!("compiled: {text}"),
            Err(reason) => assert!(reason.contains(why), "{reason} for {text}"),
        }
    }
}

#[test]
fn odd_documents_never_panic() {
    let mut programs = Vec::new();
    for text in PACKS
        .iter()
        .map(|name| pack(name))
        .chain(CORPUS.iter().copied())
    {
        let tree = engine::parse_tree(text, "t.guard")
            .ok()
            .flatten()
            .expect("parses");
        programs.push(Program::compile(&tree, text).expect("compiles"));
    }
    let mut rng = Rng(7);
    let mut documents = vec![
        Value::Null,
        json!([]),
        json!("text"),
        json!({ "Resources": [] }),
        json!({ "Resources": { "A": null, "B": [], "C": "x", "D": { "Type": 5, "Properties": [] } } }),
        json!({ "Resources": { "A": { "Type": "AWS::EC2::Volume", "Properties": { "Tags": [[], [[]], null] } } }, "Iacguard": { "Policy": { "required_tags": [null, 5, []] } } }),
    ];
    for _ in 0..100 {
        let mut document = corpus_documents()[rng.below(5)].clone();
        for _ in 0..5 {
            mutate(&mut rng, &mut document, 0);
        }
        documents.push(document);
    }
    for document in &documents {
        for program in &programs {
            let outcome = std::panic::catch_unwind(|| program.evaluate(document));
            assert!(outcome.is_ok(), "panicked on {document}");
        }
    }
}

#[test]
fn documents_cfn_guard_cannot_read_are_errors_alike() {
    let text = "rule r { Resources.*.Properties.Name exists }";
    for name in [
        "a\u{7f}b",
        "a\u{85}b",
        "a\u{feff}b",
        "a\u{fffe}b",
        "a\u{9f}b",
        "tab\tx",
        "é€😀",
        "a \u{85} b",
        "a\u{85}\u{85}b",
        "a \u{2028}  b",
        "a\u{2029}\u{85} \u{2028}b",
        "end \u{85}",
    ] {
        differential(
            text,
            &json!({"Resources": {"A": {"Properties": {"Name": name}}}}),
        );
        let equal = "rule r { Resources.*.Properties.Name == 'a b' }";
        differential(
            equal,
            &json!({"Resources": {"A": {"Properties": {"Name": name}}}}),
        );
        differential(
            text,
            &json!({"Resources": {"A": {"Properties": {name: 1}}}}),
        );
    }
    for key in [
        "k".repeat(1022),
        "k".repeat(1023),
        "é".repeat(511),
        "é".repeat(512),
        "\\n".repeat(300),
    ] {
        differential(text, &json!({"Resources": {"A": {"Properties": {key: 1}}}}));
    }
    // The error quotes the first 100 bytes of the document, which may cut a character.
    let prefix = "x".repeat(60);
    differential(text, &json!({ prefix: "ééééééééééé\u{7f}" }));
}

/// Rules in the style of the AWS Guard Rules Registry.
const REGISTRY: &[&str] = &[
    r#"let s3_buckets_versioning = Resources.*[ Type == 'AWS::S3::Bucket'
  Metadata.guard.SuppressedRules not exists or
  Metadata.guard.SuppressedRules.* != "S3_BUCKET_VERSIONING_ENABLED"
]

rule S3_BUCKET_VERSIONING_ENABLED when %s3_buckets_versioning !empty {
  %s3_buckets_versioning.Properties.VersioningConfiguration exists
  %s3_buckets_versioning.Properties.VersioningConfiguration.Status == 'Enabled'
  <<
    Violation: S3 Bucket Versioning must be enabled.
    Fix: Set the S3 Bucket property VersioningConfiguration.Status to 'Enabled' .
  >>
}"#,
    r#"let s3_buckets_sse = Resources.*[ Type == 'AWS::S3::Bucket'
  Metadata.guard.SuppressedRules not exists or
  Metadata.guard.SuppressedRules.* != "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED"
]

rule S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED when %s3_buckets_sse !empty {
  %s3_buckets_sse.Properties.BucketEncryption exists
  %s3_buckets_sse.Properties.BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.SSEAlgorithm in ["aws:kms","AES256"]
  <<
    Violation: S3 Bucket must enable server-side encryption.
    Fix: Set the S3 Bucket property BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm to either "aws:kms" or "AES256"
  >>
}"#,
    r#"let ebs_volumes = Resources.*[ Type == 'AWS::EC2::Volume' ]
rule ENCRYPTED_VOLUMES when %ebs_volumes !empty {
  %ebs_volumes.Properties.Encrypted EXISTS
  %ebs_volumes.Properties.Encrypted == true
}"#,
    r#"rule S3_BUCKET_PUBLIC_ACCESS_PROHIBITED {
  AWS::S3::Bucket {
    Properties.PublicAccessBlockConfiguration exists
    Properties.PublicAccessBlockConfiguration.BlockPublicAcls == true
    Properties.PublicAccessBlockConfiguration.BlockPublicPolicy == true
  }
}"#,
    r#"let buckets = Resources.*[ Type == 'AWS::S3::Bucket' ]
rule S3_TAGGED when %buckets !empty {
  %buckets {
    Properties.Tags[*] {
      Key IN ["owner", "env", "cost-center"]
      Value is_string
    }
  }
}"#,
    r#"let policies = Resources.*[ Type == 'AWS::IAM::Policy' ]
rule IAM_NO_STAR when %policies !empty {
  %policies.Properties.PolicyDocument.Statement[*] {
    when Effect == 'Allow' {
      Action != '*'
      Action[*] != '*'
    }
  }
}"#,
];

fn registry_documents() -> Vec<Value> {
    let mut documents = corpus_documents();
    documents.extend(pack_documents());
    documents.push(json!({ "Resources": {
        "Good": { "Type": "AWS::S3::Bucket", "Properties": {
            "VersioningConfiguration": { "Status": "Enabled" },
            "BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } } ] },
            "PublicAccessBlockConfiguration": { "BlockPublicAcls": true, "BlockPublicPolicy": true },
            "Tags": [ { "Key": "owner", "Value": "x" } ] } },
        "Bad": { "Type": "AWS::S3::Bucket", "Properties": {
            "VersioningConfiguration": { "Status": "Suspended" },
            "BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "none" } }, {} ] },
            "PublicAccessBlockConfiguration": { "BlockPublicAcls": "true" },
            "Tags": [ { "Key": "team", "Value": 5 } ] } },
        "Suppressed": { "Type": "AWS::S3::Bucket", "Metadata": { "guard": { "SuppressedRules": ["S3_BUCKET_VERSIONING_ENABLED"] } } },
        "Vol": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": "false" } },
        "Policy": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyDocument": { "Statement": [
            { "Effect": "Allow", "Action": "*" }, { "Effect": "Allow", "Action": ["s3:Get*", "*"] }, { "Effect": "Deny", "Action": "*" } ] } } },
    } }));
    documents
}

#[test]
fn registry_style_rules_agree() {
    let documents = registry_documents();
    let mut failing = 0;
    for text in REGISTRY {
        for document in &documents {
            failing += usize::from(differential(text, document));
        }
    }
    eprintln!(
        "registry: {} pairs, {failing} with failures",
        REGISTRY.len() * documents.len()
    );
    assert!(
        failing > REGISTRY.len(),
        "only {failing} pairs with failures"
    );
}

#[test]
fn a_program_is_shared_between_threads() {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Program>();
}

#[test]
fn url_decoding_agrees() {
    let text = "let d = url_decode(Resources.*.Properties.Name)\nrule r { %d == 'a b' }";
    for name in [
        "a%20b", "%zz", "%2", "a%e9", "%C3%A9", "a+b", "100%", "%%41", "%4g", "plain",
    ] {
        differential(
            text,
            &json!({ "Resources": { "A": { "Properties": { "Name": name } } } }),
        );
    }
}
