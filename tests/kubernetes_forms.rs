//! Kubernetes input forms end to end, through the binary: `List` objects, JSON manifests, Helm
//! charts (templates skipped, rendered output from standard input), kustomize layouts and
//! builds, eksctl `ClusterConfig`, and one application spread over several files, where a
//! finding depends on another file. Each case compares `path:line RULE-ID` lines.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn iacguard(args: &[&str], stdin: Option<&str>) -> Output {
    common::iacguard_stdin(args, stdin)
}

/// The rules these cases are about: how objects are found and related across files, not the
/// pod-security catalogue (which has its own tests), nor the EKS rules about what surrounds a
/// cluster (tests/eks_catalogue.rs).
const RULES: &str =
    "AWS-EKS-001,AWS-EKS-002,AWS-EKS-003,AWS-EKS-004,AWS-EKS-005,K8S-NET,K8S-NS,K8S-SA,K8S-POD-001";

fn scan(path: &str) -> serde_json::Value {
    json(&iacguard(
        &["scan", path, "--format", "json", "--select", RULES],
        None,
    ))
}

fn scan_stdin(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    json(&iacguard(
        &["scan", "-", "--format", "json", "--select", RULES],
        Some(&text),
    ))
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "JSON output expected; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// `path:line RULE-ID` per finding.
fn findings(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["location"]["path"].as_str().unwrap(),
                f["location"]["start_line"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect()
}

/// `level path: message` per notice.
fn notices(report: &serde_json::Value) -> Vec<String> {
    report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} {}: {}",
                n["level"].as_str().unwrap(),
                n["path"].as_str().unwrap(),
                n["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn list_items_are_objects_with_their_own_lines() {
    let report = scan("testdata/kubernetes/list");
    let file = "testdata/kubernetes/list/list.yaml";
    assert_eq!(
        findings(&report),
        lines(&[
            // `payments` is defined nowhere: reported at its first workload, inside the list.
            &format!("{file}:6 K8S-NS-002"),
            &format!("{file}:19 K8S-POD-001"),
            // An item of a typed list, which leaves out its kind.
            &format!("{file}:44 K8S-POD-001"),
        ])
    );
    // The NetworkPolicy item counts for the namespace: no K8S-NET-001.
    assert_eq!(report["summary"]["resources"], 3);
}

#[test]
fn json_manifests_are_scanned() {
    let report = scan("testdata/kubernetes/json");
    let file = "testdata/kubernetes/json/deployment.json";
    assert_eq!(
        findings(&report),
        lines(&[
            &format!("{file}:3 K8S-NET-001"),
            &format!("{file}:3 K8S-NS-002"),
            &format!("{file}:3 K8S-SA-001"),
            &format!("{file}:3 K8S-SA-002"),
            &format!("{file}:4 K8S-NS-001"),
            &format!("{file}:12 K8S-POD-001"),
        ])
    );
    assert_eq!(report["summary"]["files_scanned"], 1);
}

#[test]
fn helm_templates_are_skipped_with_one_note_per_chart() {
    let output = iacguard(
        &["scan", "testdata/kubernetes/helm", "--format", "json"],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "a note does not fail the scan"
    );
    let report = json(&output);
    assert_eq!(findings(&report), Vec::<String>::new());
    assert_eq!(
        notices(&report),
        lines(&["note testdata/kubernetes/helm/web/Chart.yaml: Helm chart `testdata/kubernetes/helm/web`: \
                 2 templates with `{{ }}` syntax not scanned; scan the rendered chart with \
                 `helm template testdata/kubernetes/helm/web | iacguard scan -`"])
    );
    // The template without template syntax (namespace.yaml) is scanned as it is.
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert_eq!(report["summary"]["incomplete"], false);
}

#[test]
fn rendered_helm_output_links_findings_to_their_templates() {
    let report = scan_stdin("testdata/kubernetes/helm/rendered.txt");
    assert_eq!(
        findings(&report),
        lines(&[
            "<stdin>:4 K8S-NET-001",
            "<stdin>:23 K8S-SA-001",
            "<stdin>:23 K8S-SA-002",
            "<stdin>:35 K8S-POD-001",
        ])
    );
    // Locations stay in the rendered stream; the first related location is the `# Source:`
    // line of the document, naming the template.
    let privileged = &report["findings"][3];
    let source = &privileged["related"][0];
    assert_eq!(source["location"]["path"], "<stdin>");
    assert_eq!(source["location"]["start_line"], 21);
    assert_eq!(
        source["message"],
        "rendered from the Helm template `web/templates/deployment.yaml`"
    );
    let namespace = &report["findings"][0]["related"][0];
    assert_eq!(
        namespace["message"],
        "rendered from the Helm template `web/templates/namespace.yaml`"
    );
}

#[test]
fn kustomize_patches_make_no_findings_and_overlays_give_their_namespace() {
    let report = scan("testdata/kubernetes/kustomize");
    // The base Deployment has no namespace, but the overlay sets `orders-prod`, where the
    // NetworkPolicy and the Pod Security label are; the privileged patch is not scanned alone.
    assert_eq!(findings(&report), Vec::<String>::new());
    assert_eq!(
        notices(&report),
        lines(&["note testdata/kubernetes/kustomize/overlays/prod/kustomization.yaml: \
                 2 kustomize patch files not scanned on their own (patches are partial objects); \
                 scan the build: `kubectl kustomize testdata/kubernetes/kustomize/overlays/prod | iacguard scan -`"])
    );
    // Two kustomizations and four manifests; the patches are not counted.
    assert_eq!(report["summary"]["files_scanned"], 6);
}

#[test]
fn kustomize_resources_outside_the_scan_are_noted() {
    let report = scan("testdata/kubernetes/kustomize/overlays/prod");
    let notices = notices(&report);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices[1].ends_with(
            "kustomize resource `../../base` is outside the scanned paths, so its objects are not \
             scanned; scan it too, or scan the build: \
             `kubectl kustomize testdata/kubernetes/kustomize/overlays/prod | iacguard scan -`"
        ),
        "{notices:?}"
    );
    // Without the base, the overlay's namespace has no workloads: nothing to report.
    assert_eq!(findings(&report), Vec::<String>::new());
}

#[test]
fn kustomize_build_output_is_scanned_from_stdin() {
    let report = scan_stdin("testdata/kubernetes/kustomize/built.txt");
    // The patch made the container privileged: visible once merged.
    assert_eq!(findings(&report), lines(&["<stdin>:28 K8S-POD-001"]));
}

#[test]
fn eksctl_cluster_configs_fill_the_eks_model() {
    let report = scan("testdata/kubernetes/eksctl");
    let file = "testdata/kubernetes/eksctl/cluster.yaml";
    assert_eq!(
        findings(&report),
        lines(&[
            &format!("{file}:3 AWS-EKS-001"),
            &format!("{file}:8 AWS-EKS-003"),
            &format!("{file}:9 AWS-EKS-002"),
            &format!("{file}:13 AWS-EKS-005"),
        ])
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[2].contains("`vpc.clusterEndpoints.publicAccess` is not set and defaults to true")
    );
}

const APP_FINDINGS: [&str; 9] = [
    "testdata/kubernetes/app/namespaces.yaml:9 K8S-NET-001",
    "testdata/kubernetes/app/namespaces.yaml:9 K8S-NS-002",
    "testdata/kubernetes/app/tools.yaml:3 K8S-SA-002",
    "testdata/kubernetes/app/tools.yaml:10 K8S-SA-003",
    "testdata/kubernetes/app/tools.yaml:17 K8S-NET-001",
    "testdata/kubernetes/app/tools.yaml:17 K8S-NS-001",
    "testdata/kubernetes/app/tools.yaml:17 K8S-NS-002",
    "testdata/kubernetes/app/tools.yaml:17 K8S-SA-001",
    "testdata/kubernetes/app/tools.yaml:17 K8S-SA-002",
];

#[test]
fn an_application_across_files_is_one_cluster() {
    let report = scan("testdata/kubernetes/app");
    assert_eq!(findings(&report), lines(&APP_FINDINGS));
    // The binding in rbac/ explains the cluster-admin finding in tools.yaml.
    let admin = &report["findings"][3];
    assert_eq!(
        admin["related"][0]["location"]["path"],
        "testdata/kubernetes/app/rbac/bindings.yaml"
    );
    assert_eq!(admin["related"][0]["location"]["start_line"], 14);
}

/// A copy of the application, for changing one file.
fn copy_app(name: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/kubernetes/app");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&target);
    copy_dir(&source, &target);
    target
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn removing_the_network_policy_file_exposes_the_namespace() {
    let dir = copy_app("app-without-network-policies");
    std::fs::remove_file(dir.join("network-policies.yaml")).unwrap();
    let report = scan(dir.to_str().unwrap());
    let found = findings(&report);
    // Reports show paths relative to the working directory, the crate root here.
    let shown = dir
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(&dir)
        .to_path_buf();
    let path = |file: &str| format!("{}/{file}", shown.display());
    // `shop` is defined in namespaces.yaml (line 2) and runs the storefront from web/.
    assert!(
        found.contains(&format!("{}:2 K8S-NET-001", path("namespaces.yaml"))),
        "{found:?}"
    );
    assert_eq!(found.len(), APP_FINDINGS.len() + 1, "{found:?}");
    let shop = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["location"]["start_line"] == 2)
        .unwrap();
    assert_eq!(
        shop["related"][0]["location"]["path"],
        path("web/deployment.yaml").as_str()
    );
}

#[test]
fn removing_the_service_account_file_leaves_its_setting_unknown() {
    // The storefront names its own service account; defined nowhere, its automount setting is
    // unknown, and unknown is not insecure.
    let dir = copy_app("app-without-service-account");
    std::fs::remove_file(dir.join("web/service-account.yaml")).unwrap();
    let report = scan(dir.to_str().unwrap());
    assert_eq!(findings(&report).len(), APP_FINDINGS.len());
}

#[test]
fn a_kustomization_namespace_is_reported_at_the_object_it_applies_to() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kustomize-default-namespace");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("kustomization.yaml"),
        "namespace: default\nresources:\n  - job.yaml\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("job.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  namespace: batch\nspec:\n  template:\n    spec:\n      containers: []\n",
    )
    .unwrap();
    let output = iacguard(
        &[
            "scan",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--select",
            "K8S-NS-001",
        ],
        None,
    );
    let report = json(&output);
    let found = &report["findings"][0];
    assert_eq!(found["rule_id"], "K8S-NS-001");
    assert_eq!(found["resource"], "Job/default/once");
    // At the object's metadata (the file's `namespace: batch` is replaced, as kustomize does),
    // with the kustomization's line as the related location.
    assert!(found["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("/job.yaml"));
    assert_eq!(found["location"]["start_line"], 3);
    let related = &found["related"][0]["location"];
    assert!(related["path"]
        .as_str()
        .unwrap()
        .ends_with("/kustomization.yaml"));
    assert_eq!(related["start_line"], 1);
}
