//! Terraform `kubernetes_*` resources fill the Kubernetes model, so the Kubernetes rules fire
//! on them at the `.tf` lines.

use std::path::PathBuf;

use iacguard::scan::{scan_paths, Options, Scan};

/// The rules these cases were written for; the whole catalogue runs on every rule's `tf`
/// examples in `tests/rule_examples.rs`.
fn options() -> Options {
    Options {
        rules: iacguard::rules::ALL
            .iter()
            .copied()
            .filter(|rule| {
                ["K8S-POD-001", "K8S-SEC-001", "K8S-STO-"]
                    .iter()
                    .any(|key| rule.meta().id.starts_with(key))
            })
            .collect(),
        ..Options::default()
    }
}

fn scan(path: &str) -> Scan {
    scan_all(path, &options())
}

fn scan_all(path: &str, options: &Options) -> Scan {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    scan_paths(&[root], options)
}

/// `RULE file:line address`, sorted, with the file name only.
fn findings(scan: &Scan) -> Vec<String> {
    let mut out: Vec<String> = scan
        .findings
        .iter()
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let name = file.display.rsplit('/').next().unwrap_or_default();
            let line = file.position(f.span.start as usize).line;
            format!("{} {name}:{line} {}", f.rule.id, f.address)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn kubernetes_resources_raise_the_kubernetes_rules() {
    let scan = scan("testdata/terraform/kubernetes");
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        [
            "K8S-POD-001 workloads.tf:25 kubernetes_deployment.web",
            "K8S-POD-001 workloads.tf:40 kubernetes_deployment.web",
            "K8S-POD-001 workloads.tf:64 kubernetes_cron_job_v1.report",
            "K8S-SEC-001 workloads.tf:114 kubernetes_secret.api",
            "K8S-STO-001 workloads.tf:94 kubernetes_storage_class_v1.gp3",
            "K8S-STO-002 workloads.tf:74 kubernetes_storage_class.gp2",
            "K8S-STO-003 workloads.tf:105 kubernetes_storage_class_v1.gp3_encrypted",
        ]
    );
    let messages: Vec<&str> = scan.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("init container `setup`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("default StorageClass")),
        "{messages:?}"
    );
}

#[test]
fn kubernetes_resources_in_a_plan() {
    // `terraform show -json` writes every nested block as a list of objects.
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "resource_changes": [
    {
      "address": "kubernetes_deployment_v1.web",
      "mode": "managed",
      "type": "kubernetes_deployment_v1",
      "name": "web",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {
          "metadata": [{"name": "web", "namespace": "shop", "labels": {"app": "web"}}],
          "spec": [{
            "replicas": "2",
            "selector": [{"match_labels": {"app": "web"}, "match_expressions": []}],
            "template": [{
              "metadata": [{"labels": {"app": "web"}}],
              "spec": [{
                "container": [{
                  "name": "web",
                  "image": "registry.example.com/web:1.4.2",
                  "security_context": [{
                    "privileged": true,
                    "capabilities": []
                  }]
                }],
                "init_container": []
              }]
            }]
          }]
        },
        "after_unknown": {"id": true, "metadata": [{"uid": true}]}
      }
    },
    {
      "address": "kubernetes_storage_class_v1.gp3",
      "mode": "managed",
      "type": "kubernetes_storage_class_v1",
      "name": "gp3",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {
          "metadata": [{"name": "gp3"}],
          "storage_provisioner": "ebs.csi.aws.com",
          "parameters": {"type": "gp3"}
        },
        "after_unknown": {"id": true}
      }
    }
  ]
}
"#;
    let file = iacguard::source::SourceFile::new(None, "plan.json".into(), plan.into());
    let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &options());
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        [
            "K8S-POD-001 plan.json:25 kubernetes_deployment_v1.web",
            "K8S-STO-001 plan.json:38 kubernetes_storage_class_v1.gp3",
        ]
    );
}

#[test]
fn kubernetes_manifest_resources_are_read_as_manifests() {
    let tf = r#"
resource "kubernetes_manifest" "sc" {
  manifest = {
    apiVersion = "storage.k8s.io/v1"
    kind       = "StorageClass"
    metadata   = { name = "gp3" }
    provisioner = "ebs.csi.aws.com"
    parameters = {
      encrypted = "false"
    }
  }
}
"#;
    let file = iacguard::source::SourceFile::new(None, "main.tf".into(), tf.into());
    let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &options());
    assert_eq!(
        findings(&scan),
        ["K8S-STO-001 main.tf:9 kubernetes_manifest.sc"]
    );
}

#[test]
fn plan_secrets_are_reported_only_when_written_in_the_configuration() {
    // A plan shows every secret value; only `api`'s is a constant in the configuration, `db`'s
    // comes from `random_password` and is not in the repository.
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "resource_changes": [
    {
      "address": "kubernetes_secret.api",
      "mode": "managed",
      "type": "kubernetes_secret",
      "name": "api",
      "change": {
        "actions": ["create"],
        "after": {"metadata": [{"name": "api"}], "data": {"token": "s3cr3t"}},
        "after_unknown": {"id": true}
      }
    },
    {
      "address": "kubernetes_secret.db",
      "mode": "managed",
      "type": "kubernetes_secret",
      "name": "db",
      "change": {
        "actions": ["update"],
        "after": {"metadata": [{"name": "db"}], "data": {"password": "generated-0c5f"}},
        "after_unknown": {}
      }
    }
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "kubernetes_secret.api", "expressions": {"data": {"constant_value": {"token": "s3cr3t"}}}},
        {"address": "kubernetes_secret.db", "expressions": {"data": {"references": ["random_password.db.result", "random_password.db"]}}}
      ]
    }
  }
}
"#;
    let file = iacguard::source::SourceFile::new(None, "plan.json".into(), plan.into());
    let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &options());
    assert_eq!(
        findings(&scan),
        ["K8S-SEC-001 plan.json:12 kubernetes_secret.api"]
    );
}

#[test]
fn kubernetes_resources_in_tf_json() {
    let text = r#"{
  "resource": {
    "kubernetes_deployment": {
      "web": {
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {
          "template": {
            "metadata": {},
            "spec": {
              "container": [
                {"name": "a", "image": "x", "security_context": {"privileged": false}},
                {"name": "b", "image": "y", "security_context": {"privileged": "${var.priv}"}}
              ]
            }
          }
        }
      }
    }
  },
  "variable": {"priv": {"type": "bool", "default": true}}
}
"#;
    let file = iacguard::source::SourceFile::new(None, "k8s.tf.json".into(), text.into());
    let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &options());
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        ["K8S-POD-001 k8s.tf.json:12 kubernetes_deployment.web"]
    );
    assert_eq!(scan.findings[0].related.len(), 1);
}

/// Objects from Terraform and from manifests meet in one cluster: a NetworkPolicy, Namespace
/// and ServiceAccount written as `kubernetes_*` resources answer the cross-file questions
/// exactly as manifests do.
#[test]
fn terraform_objects_join_the_cluster_view() {
    let module = r#"
resource "kubernetes_namespace_v1" "shop" {
  metadata {
    name = "shop"
    labels = {
      "pod-security.kubernetes.io/enforce" = "restricted"
    }
  }
}

resource "kubernetes_service_account_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  automount_service_account_token = false
}

resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        service_account_name            = "web"
        automount_service_account_token = false
        container {
          name  = "web"
          image = "registry.example.com/web:1.0"
        }
      }
    }
  }
}
"#;
    let policy = r#"
resource "kubernetes_network_policy_v1" "deny" {
  metadata {
    name      = "default-deny"
    namespace = "shop"
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress"]
  }
}
"#;
    let cluster_rules = |files: Vec<(&str, &str)>| -> Vec<&'static str> {
        let sources = files
            .into_iter()
            .map(|(name, text)| {
                iacguard::source::SourceFile::new(None, name.to_string(), text.to_string())
            })
            .collect();
        let scan = iacguard::scan::scan_sources(sources, Vec::new(), &Options::default());
        assert!(scan.notices.is_empty(), "{:?}", scan.notices);
        let mut ids: Vec<&str> = scan
            .findings
            .iter()
            .map(|f| f.rule.id)
            .filter(|id| {
                ["K8S-NET", "K8S-NS", "K8S-SA"]
                    .iter()
                    .any(|p| id.starts_with(p))
            })
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        cluster_rules(vec![("app/main.tf", module), ("app/policy.tf", policy)]),
        Vec::<&str>::new()
    );
    assert_eq!(
        cluster_rules(vec![("app/main.tf", module)]),
        ["K8S-NET-001"]
    );
}

/// A `kubernetes_manifest` holds the object as written: its `containers` list stays a list,
/// even with one container, so the workload rules see the container.
#[test]
fn kubernetes_manifest_workloads_keep_their_container_lists() {
    let tf = r#"
resource "kubernetes_manifest" "web" {
  manifest = {
    apiVersion = "apps/v1"
    kind       = "Deployment"
    metadata   = { name = "web", namespace = "shop" }
    spec = {
      template = {
        spec = {
          containers = [
            {
              name            = "web"
              image           = "registry.example.com/web:1.4.2"
              securityContext = { privileged = true }
            }
          ]
        }
      }
    }
  }
}
"#;
    let file = iacguard::source::SourceFile::new(None, "main.tf".into(), tf.into());
    let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &options());
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        ["K8S-POD-001 main.tf:14 kubernetes_manifest.web"]
    );
}

/// The provider sends `automountServiceAccountToken: true` for a pod spec that does not set
/// it, and the pod's setting wins over the ServiceAccount's: a Terraform workload mounts its
/// token although its ServiceAccount disables automounting. The finding is traced to the
/// provider's default.
#[test]
fn the_providers_automount_default_overrides_the_service_account() {
    let module = |pod_setting: &str| {
        format!(
            r#"
resource "kubernetes_service_account_v1" "web" {{
  metadata {{
    name      = "web"
    namespace = "shop"
  }}
  automount_service_account_token = false
}}

resource "kubernetes_deployment_v1" "web" {{
  metadata {{
    name      = "web"
    namespace = "shop"
  }}
  spec {{
    template {{
      metadata {{}}
      spec {{
        service_account_name = "web"
        {pod_setting}
        container {{
          name  = "web"
          image = "registry.example.com/web:1.4.2"
        }}
      }}
    }}
  }}
}}
"#
        )
    };
    let automount_findings = |text: String| {
        let file = iacguard::source::SourceFile::new(None, "main.tf".into(), text);
        let scan = iacguard::scan::scan_sources(vec![file], Vec::new(), &Options::default());
        assert!(scan.notices.is_empty(), "{:?}", scan.notices);
        let mut hits: Vec<String> = Vec::new();
        for finding in scan.findings.iter().filter(|f| f.rule.id == "K8S-SA-002") {
            let file = scan.sources.get(finding.span.file);
            hits.push(format!(
                "{}:{}",
                file.position(finding.span.start as usize).line,
                file.slice(finding.span)
            ));
            for related in &finding.related {
                hits.push(format!(
                    "related {}: {}",
                    file.position(related.span.start as usize).line,
                    related.message
                ));
            }
        }
        hits
    };
    let hits = automount_findings(module(""));
    assert_eq!(hits.len(), 2, "{hits:?}");
    // The pod spec's `spec` keyword, where the setting belongs.
    assert_eq!(hits[0], "18:spec");
    assert!(
        hits[1].starts_with("related 10: the value comes from the Kubernetes provider"),
        "{hits:?}"
    );
    assert!(automount_findings(module("automount_service_account_token = false")).is_empty());
}
