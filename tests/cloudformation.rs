//! CloudFormation cases under `testdata/cloudformation/`: each directory is scanned (with its
//! parameters files where the case has them) and its findings, as `file:line RULE-ID`, must be
//! exactly the expected list, so a change in what is resolved shows up as a failing test.

use std::path::PathBuf;

use iacguard::adapt::Inputs;
use iacguard::finding::Finding;
use iacguard::scan::{scan_paths, Options, Scan};

const ROOT: &str = "testdata/cloudformation";

/// The cases are about CloudFormation; the Kubernetes manifest among the non-templates is only
/// there to be told apart. The EKS rules about what surrounds a cluster (AWS-EKS-006 to 016)
/// have their own stacks in tests/eks_catalogue.rs.
fn case_rules() -> Vec<&'static dyn iacguard::rules::Rule> {
    iacguard::rules::ALL
        .iter()
        .copied()
        .filter(|rule| {
            let id = rule.meta().id;
            id.starts_with("AWS-") && !("AWS-EKS-006"..="AWS-EKS-016").contains(&id)
        })
        .collect()
}

fn scan_case(case: &str, params: &[&str]) -> Scan {
    let options = Options {
        inputs: Inputs {
            cloudformation_params: params
                .iter()
                .map(|p| PathBuf::from(format!("{ROOT}/{case}/{p}")))
                .collect(),
            ..Inputs::default()
        },
        rules: case_rules(),
        ..Options::default()
    };
    scan_paths(&[PathBuf::from(format!("{ROOT}/{case}"))], &options)
}

/// `file:line RULE-ID`, the file relative to the case directory.
fn lines(scan: &Scan, case: &str) -> Vec<String> {
    let prefix = format!("{ROOT}/{case}/");
    scan.findings
        .iter()
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let line = file.position(f.span.start as usize).line;
            let path = file.display.strip_prefix(&prefix).unwrap_or(&file.display);
            format!("{path}:{line} {}", f.rule.id)
        })
        .collect()
}

/// Scans a case, checks it was read without notices, and compares its findings.
fn check_case(case: &str, params: &[&str], expected: &[&str]) -> Scan {
    let scan = scan_case(case, params);
    assert!(scan.notices.is_empty(), "{case}: {:?}", scan.notices);
    assert_eq!(lines(&scan, case), expected, "{case} with {params:?}");
    scan
}

fn related(finding: &Finding) -> Vec<&str> {
    finding.related.iter().map(|r| r.message.as_str()).collect()
}

fn finding<'s>(scan: &'s Scan, rule: &str, file: &str) -> &'s Finding {
    scan.findings
        .iter()
        .find(|f| f.rule.id == rule && scan.sources.get(f.span.file).display.ends_with(file))
        .unwrap_or_else(|| panic!("no {rule} finding in {file}"))
}

#[test]
fn a_parameter_default_turns_public_access_on() {
    let scan = check_case("param-default", &[], &["template.yaml:17 AWS-EKS-002"]);
    assert_eq!(
        related(&scan.findings[0]),
        ["the value comes from the default of parameter `PublicEndpoint`"]
    );
    // The same template deployed with a parameters file that turns it off.
    check_case("param-default", &["params/private.json"], &[]);
}

#[test]
fn a_parameters_file_overrides_the_default() {
    check_case("params-file", &[], &[]);
    for file in ["params/public-cli.json", "params/public-plain.json"] {
        let scan = check_case(
            "params-file",
            &[file],
            &[
                "template.yaml:20 AWS-EKS-002",
                "template.yaml:22 AWS-EKS-003",
            ],
        );
        for finding in &scan.findings {
            let notes = related(finding);
            assert!(notes[0].contains(file), "{notes:?}");
        }
    }
    // Later files win: the endpoint is private again, so the open CIDRs no longer matter.
    check_case(
        "params-file",
        &["params/public-cli.json", "params/private.json"],
        &[],
    );
}

#[test]
fn a_condition_disables_encryption_in_one_environment() {
    // Every CloudFormation rule also works on what a condition chooses.
    let scan = check_case(
        "condition",
        &[],
        &[
            "dev-default.yaml:15 AWS-EBS-001",
            "dev-default.yaml:19 AWS-EKS-001",
            "public-outside-prod.yaml:11 AWS-EKS-004",
            "public-outside-prod.yaml:11 AWS-EKS-005",
            "public-outside-prod.yaml:15 AWS-EKS-003",
            "public-outside-prod.yaml:21 AWS-EKS-002",
            "unknown-environment.yaml:15 AWS-EBS-001",
            "unknown-environment.yaml:19 AWS-EKS-001",
            "unknown-environment.yaml:41 AWS-EBS-001",
        ],
    );
    // Known condition: the branch taken, the condition and the parameter default.
    assert_eq!(
        related(&scan.findings[0]),
        [
            "condition `IsProd` is false",
            "the value comes from the default of parameter `Environment`"
        ]
    );
    // Unknown condition: only the insecure branch is reported, saying when it applies and
    // pointing at the condition.
    let when_false = ["when condition `IsProd` is false"];
    for conditional in &scan.findings[2..8] {
        assert_eq!(related(conditional), when_false, "{}", conditional.rule.id);
    }
    let condition_line = |f: &Finding| {
        let related = &f.related[0];
        let file = scan.sources.get(related.span.file);
        file.position(related.span.start as usize).line
    };
    assert_eq!(condition_line(&scan.findings[2]), 7);
    assert_eq!(condition_line(&scan.findings[6]), 8);
    assert_eq!(
        related(&scan.findings[8]),
        ["`ProdOnlyVolume` is only created when condition `IsProd` is true"]
    );
    // The views of one resource count once; resources whose condition is false do not count.
    assert_eq!(scan.resources, 2 + 2 + 4);
}

#[test]
fn the_environment_can_come_from_a_parameters_file() {
    let dir = std::env::temp_dir().join(format!("iacguard-cfn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let params = dir.join("prod.json");
    std::fs::write(&params, r#"{"Environment": "prod"}"#).unwrap();
    let options = Options {
        inputs: Inputs {
            cloudformation_params: vec![params],
            ..Inputs::default()
        },
        rules: case_rules(),
        ..Options::default()
    };
    let scan = scan_paths(
        &[PathBuf::from(format!(
            "{ROOT}/condition/unknown-environment.yaml"
        ))],
        &options,
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    // In production the volume is encrypted, the cluster has a key, and the production-only
    // volume exists (and is unencrypted).
    assert_eq!(
        lines(&scan, "condition"),
        ["unknown-environment.yaml:41 AWS-EBS-001"]
    );
    assert!(scan.findings[0].related.is_empty());
}

#[test]
fn short_and_long_forms_give_identical_findings() {
    let expected_yaml = [
        "20 AWS-EKS-001",
        "27 AWS-EKS-002",
        "28 AWS-EKS-003",
        "32 AWS-EKS-004",
        "32 AWS-EKS-005",
        "38 AWS-EBS-001",
    ];
    let with_file = |file: &str, lines: &[&str]| -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                let (line, rule) = l.split_once(' ').unwrap();
                format!("{file}:{line} {rule}")
            })
            .collect()
    };
    let mut expected = with_file("long.yaml", &expected_yaml);
    expected.extend(with_file("short.yaml", &expected_yaml));
    expected.extend(with_file(
        "template.json",
        &[
            "76 AWS-EKS-001",
            "101 AWS-EKS-002",
            "111 AWS-EKS-003",
            "143 AWS-EKS-004",
            "143 AWS-EKS-005",
            "185 AWS-EBS-001",
        ],
    ));
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let scan = check_case("short-long", &[], &expected);
    // The same provenance in every syntax, too.
    for rule in ["AWS-EKS-002", "AWS-EBS-001"] {
        let short = related(finding(&scan, rule, "short.yaml"));
        assert_eq!(short, related(finding(&scan, rule, "long.yaml")), "{rule}");
        assert_eq!(
            short,
            related(finding(&scan, rule, "template.json")),
            "{rule}"
        );
    }
}

#[test]
fn a_kms_key_by_get_att_is_configured() {
    check_case("kms-getatt", &[], &[]);
}

#[test]
fn imported_values_are_unknown_and_raise_nothing() {
    check_case("import-value", &[], &[]);
}

#[test]
fn sam_templates_are_scanned_with_their_serverless_resources() {
    let scan = check_case("sam", &[], &["template.yaml:30 AWS-EBS-001"]);
    assert_eq!(
        scan.resources, 2,
        "the serverless function is a resource too"
    );
    assert_eq!(
        related(&scan.findings[0]),
        ["the value comes from mapping `Storage` (`Settings`, `Encrypted`)"]
    );
}

#[test]
fn cdk_output_is_scanned_on_the_template_lines() {
    let scan = check_case(
        "cdk",
        &[],
        &[
            "cdk.out/PlatformStack.template.json:23 AWS-EKS-001",
            "cdk.out/PlatformStack.template.json:27 AWS-EKS-002",
            "cdk.out/PlatformStack.template.json:27 AWS-EKS-003",
            "cdk.out/PlatformStack.template.json:41 AWS-EKS-005",
            "cdk.out/PlatformStack.template.json:67 AWS-EBS-001",
        ],
    );
    // The manifest and asset files next to the template are not templates.
    assert_eq!(scan.files_scanned, 1);
}

#[test]
fn circular_conditions_and_sub_chains_end_unknown() {
    check_case("circular", &[], &[]);
}

#[test]
fn other_json_and_yaml_are_not_taken_for_templates() {
    let scan = check_case("not-templates", &[], &[]);
    // Only the Kubernetes manifest is analysed, as Kubernetes.
    assert_eq!(scan.files_scanned, 1);
    assert_eq!(scan.resources, 1);
}

#[test]
fn a_broken_parameters_file_is_an_error_and_the_scan_goes_on() {
    let scan = scan_case("param-default", &["missing.json"]);
    assert_eq!(
        lines(&scan, "param-default"),
        ["template.yaml:17 AWS-EKS-002"]
    );
    assert_eq!(scan.notices.len(), 1);
    assert!(scan.notices[0].path.ends_with("missing.json"));
    assert!(scan.incomplete());
}
