//! Node and control-plane configuration: the same settings written as static pods, as kubeadm
//! configuration (v1beta3 maps and v1beta4 lists) and as kubelet configuration files (YAML and
//! the EKS AMI's JSON) give the same findings, each at the line of the setting; defaults count
//! (the binary's, kubeadm's, the kubelet configuration API's); and the API server's
//! `--encryption-provider-config` is judged by the EncryptionConfiguration it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use iacguard::finding::Finding;
use iacguard::rules;
use iacguard::scan::{scan_paths, scan_sources, Options, Scan};
use iacguard::source::SourceFile;

const NODES: &str = "testdata/kubernetes-nodes";

fn options() -> Options {
    Options {
        // Control-plane and kubelet rules: the static pods here would also raise the
        // pod-security catalogue, which has its own tests.
        rules: rules::ALL
            .iter()
            .copied()
            .filter(|rule| {
                ["K8S-CP-", "K8S-KUB-"]
                    .iter()
                    .any(|p| rule.meta().id.starts_with(p))
            })
            .collect(),
        ..Options::default()
    }
}

fn scan_dir() -> Scan {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    scan_paths(&[PathBuf::from(NODES)], &options())
}

fn scan_texts(files: &[(&str, &str)]) -> Scan {
    let mut sources: Vec<SourceFile> = files
        .iter()
        .map(|(name, text)| SourceFile::new(None, name.to_string(), text.to_string()))
        .collect();
    sources.sort_by(|a, b| a.display.cmp(&b.display));
    scan_sources(sources, Vec::new(), &options())
}

fn path_of<'a>(scan: &'a Scan, finding: &Finding) -> &'a str {
    &scan.sources.get(finding.span.file).display
}

/// The text a finding underlines, without YAML/JSON quotes.
fn underlined<'a>(scan: &'a Scan, finding: &Finding) -> &'a str {
    scan.sources
        .get(finding.span.file)
        .slice(finding.span)
        .trim_matches(['"', '\''])
}

/// `(rule, message)` of the findings in files whose path contains `part`, sorted.
fn by_file(scan: &Scan, part: &str, prefix: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = scan
        .findings
        .iter()
        .filter(|f| path_of(scan, f).contains(part) && f.rule.id.starts_with(prefix))
        .map(|f| (f.rule.id.to_string(), f.message.clone()))
        .collect();
    found.sort();
    found
}

fn ids(scan: &Scan) -> Vec<&'static str> {
    scan.findings.iter().map(|f| f.rule.id).collect()
}

#[test]
fn the_node_corpus_gives_the_expected_findings() {
    let scan = scan_dir();
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    let mut actual = String::new();
    for finding in &scan.findings {
        let file = scan.sources.get(finding.span.file);
        let position = file.position(finding.span.start as usize);
        actual.push_str(&format!(
            "{}:{}:{} {} {}\n",
            file.display,
            position.line,
            position.column,
            finding.rule.id,
            underlined(&scan, finding)
        ));
    }
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(NODES)
        .join("expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(
        actual, expected,
        "rerun with UPDATE_EXPECTED=1 to accept a deliberate change"
    );
}

#[test]
fn static_pods_and_both_kubeadm_versions_agree() {
    let scan = scan_dir();
    let static_pods = by_file(&scan, "/static-pods/", "K8S-CP-");
    let v1beta3 = by_file(&scan, "/kubeadm/v1beta3.yaml", "K8S-CP-");
    let v1beta4 = by_file(&scan, "/kubeadm/v1beta4.yaml", "K8S-CP-");
    assert!(static_pods.len() >= 15, "{static_pods:#?}");
    assert_eq!(static_pods, v1beta3);
    assert_eq!(static_pods, v1beta4);
    let rules: std::collections::BTreeSet<&str> =
        static_pods.iter().map(|(id, _)| id.as_str()).collect();
    for id in [
        "K8S-CP-002",
        "K8S-CP-003",
        "K8S-CP-005",
        "K8S-CP-006",
        "K8S-CP-007",
        "K8S-CP-008",
        "K8S-CP-009",
        "K8S-CP-010",
        "K8S-CP-011",
        "K8S-CP-012",
        "K8S-CP-013",
    ] {
        assert!(rules.contains(id), "{id} missing");
    }
    // kubeletExtraArgs in both versions: the same kubelet findings.
    let v1beta3 = by_file(&scan, "/kubeadm/v1beta3.yaml", "K8S-KUB-");
    assert_eq!(v1beta3, by_file(&scan, "/kubeadm/v1beta4.yaml", "K8S-KUB-"));
    let kubelet_rules: Vec<&str> = v1beta3.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(kubelet_rules, ["K8S-KUB-001", "K8S-KUB-002", "K8S-KUB-004"]);
}

#[test]
fn findings_underline_the_value_of_the_flag() {
    let scan = scan_dir();
    let expected: BTreeMap<&str, &str> = [
        ("K8S-CP-002", "true"),
        ("K8S-CP-005", "8080"),
        ("K8S-CP-006", "AlwaysAllow"),
        ("K8S-CP-008", "7"),
        ("K8S-CP-011", "VersionTLS10"),
        ("K8S-CP-013", "false"),
        ("K8S-CP-003", "/etc/kubernetes/enc/encryption.yaml"),
    ]
    .into_iter()
    .collect();
    let mut seen = 0;
    for finding in &scan.findings {
        let path = path_of(&scan, finding);
        if !(path.contains("/static-pods/") || path.contains("/kubeadm/")) {
            continue;
        }
        if let Some(value) = expected.get(finding.rule.id) {
            assert_eq!(underlined(&scan, finding), *value, "{}", finding.rule.id);
            seen += 1;
        }
    }
    assert_eq!(seen, expected.len() * 3);
}

#[test]
fn kubelet_yaml_and_json_agree() {
    let scan = scan_dir();
    let yaml = by_file(&scan, "/kubelet/kubelet-config.yaml", "K8S-KUB-");
    let json = by_file(&scan, "/kubelet/kubelet-config.json", "K8S-KUB-");
    assert_eq!(yaml, json);
    let rules: Vec<&str> = yaml.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        rules,
        [
            "K8S-KUB-001",
            "K8S-KUB-002",
            "K8S-KUB-003",
            "K8S-KUB-004",
            "K8S-KUB-005",
            "K8S-KUB-006",
            "K8S-KUB-006"
        ]
    );
    // The EKS AMI's hardened configuration passes.
    assert!(by_file(&scan, "/eks-ami/", "").is_empty());
}

#[test]
fn unset_flags_take_the_binary_defaults() {
    let scan = scan_texts(&[(
        "kube-apiserver.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n    - name: kube-apiserver\n      command: [kube-apiserver]\n",
    )]);
    let messages: Vec<(&str, &str, &str)> = scan
        .findings
        .iter()
        .map(|f| (f.rule.id, f.message.as_str(), underlined(&scan, f)))
        .collect();
    for (id, fragment) in [
        (
            "K8S-CP-002",
            "`--anonymous-auth` is not set and defaults to `true`",
        ),
        (
            "K8S-CP-006",
            "`--authorization-mode` is not set and defaults to `AlwaysAllow`",
        ),
        ("K8S-CP-007", "`NodeRestriction` is off by default"),
        ("K8S-CP-008", "neither `--audit-log-path`"),
        (
            "K8S-CP-009",
            "`--profiling` is not set and defaults to `true`",
        ),
        ("K8S-CP-003", "is not set"),
        ("K8S-CP-010", "is not set"),
    ] {
        let hit = messages
            .iter()
            .find(|(rule, message, _)| *rule == id && message.contains(fragment))
            .unwrap_or_else(|| panic!("{id}: no finding saying {fragment:?} in {messages:#?}"));
        // Defaults are reported at the component's invocation.
        assert_eq!(hit.2, "kube-apiserver", "{id}");
    }
    // The secure port defaults to 6443: fine.
    assert!(!ids(&scan).contains(&"K8S-CP-001"));
}

#[test]
fn kubeadm_generated_flags_are_defaults_too() {
    let scan = scan_texts(&[(
        "kubeadm.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.0\n",
    )]);
    let found = ids(&scan);
    // kubeadm writes --authorization-mode=Node,RBAC, NodeRestriction, etcd client certificates
    // and per-controller credentials into the pods it generates.
    for id in [
        "K8S-CP-006",
        "K8S-CP-007",
        "K8S-CP-012",
        "K8S-CP-013",
        "K8S-CP-001",
    ] {
        assert!(!found.contains(&id), "{id} in {found:?}");
    }
    // It does not turn off anonymous auth or profiling.
    assert!(found.contains(&"K8S-CP-002"));
    assert!(found.contains(&"K8S-CP-009"));
    // An external etcd is not kubeadm's to configure.
    let scan = scan_texts(&[(
        "kubeadm.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints: [https://10.0.0.5:2379]\n  local:\n    extraArgs:\n      client-cert-auth: \"false\"\n",
    )]);
    assert!(!ids(&scan).contains(&"K8S-CP-012"));
}

#[test]
fn kubelet_configuration_defaults_are_the_config_apis() {
    // anonymous auth off, Webhook authorization, read-only port 0, rotation gate on.
    let scan = scan_texts(&[(
        "config.yaml",
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n",
    )]);
    let mut found = ids(&scan);
    found.sort();
    assert_eq!(found, ["K8S-KUB-003", "K8S-KUB-005"]);

    // Next to a kubeadm configuration, kubeadm fills in the client CA.
    let scan = scan_texts(&[(
        "kubeadm.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\n---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: true\n",
    )]);
    assert!(scan.findings.is_empty(), "{:?}", ids(&scan));
}

const APISERVER_WITH_CONFIG: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n    - name: kube-apiserver\n      command:\n        - kube-apiserver\n        - --encryption-provider-config=/etc/kubernetes/enc/enc.yaml\n";

fn encryption_config(first_provider: &str) -> String {
    format!(
        "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - {first_provider}: {{}}\n      - identity: {{}}\n"
    )
}

fn cp003(scan: &Scan) -> Vec<&Finding> {
    scan.findings
        .iter()
        .filter(|f| f.rule.id == "K8S-CP-003")
        .collect()
}

#[test]
fn encryption_provider_config_is_joined_with_the_file_it_names() {
    // The named file lists aescbc first: reported at the flag, pointing at the provider.
    let aescbc = encryption_config("aescbc");
    let scan = scan_texts(&[
        ("nodes/manifests/kube-apiserver.yaml", APISERVER_WITH_CONFIG),
        ("nodes/enc/enc.yaml", &aescbc),
    ]);
    let found = cp003(&scan);
    assert_eq!(found.len(), 1, "{:?}", ids(&scan));
    assert_eq!(underlined(&scan, found[0]), "/etc/kubernetes/enc/enc.yaml");
    assert!(found[0].message.contains("`aescbc` comes first"));
    let related = &found[0].related[0];
    assert_eq!(
        scan.sources.get(related.span.file).display,
        "nodes/enc/enc.yaml"
    );
    assert_eq!(
        scan.sources.get(related.span.file).slice(related.span),
        "aescbc"
    );

    // kms first: fine.
    let kms = encryption_config("kms");
    let scan = scan_texts(&[
        ("nodes/manifests/kube-apiserver.yaml", APISERVER_WITH_CONFIG),
        ("nodes/enc/enc.yaml", &kms),
    ]);
    assert!(cp003(&scan).is_empty());

    // The best match by path wins: `enc/enc.yaml` over a mere `enc.yaml` elsewhere.
    let scan = scan_texts(&[
        ("nodes/manifests/kube-apiserver.yaml", APISERVER_WITH_CONFIG),
        ("nodes/enc/enc.yaml", &kms),
        ("other/enc.yaml", &aescbc),
    ]);
    assert!(cp003(&scan).is_empty());

    // A file that is not in the scan is not judged.
    let scan = scan_texts(&[
        ("nodes/manifests/kube-apiserver.yaml", APISERVER_WITH_CONFIG),
        ("nodes/enc/other-name.yaml", &aescbc),
    ]);
    assert!(cp003(&scan).is_empty());
}

#[test]
fn settings_moved_to_configuration_files_are_not_guessed() {
    // Authorization and authentication configuration files replace the flags: their content
    // is not in the manifest, so the flags' defaults no longer apply.
    let scan = scan_texts(&[(
        "kube-apiserver.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n    - name: kube-apiserver\n      command:\n        - kube-apiserver\n        - --authorization-config=/etc/kubernetes/authz.yaml\n        - --authentication-config=/etc/kubernetes/authn.yaml\n        - --admission-control=NodeRestriction\n",
    )]);
    let found = ids(&scan);
    for id in ["K8S-CP-002", "K8S-CP-006", "K8S-CP-007"] {
        assert!(!found.contains(&id), "{id} in {found:?}");
    }
}
