//! Azure: an insecure AKS platform (cluster, node pools, diagnostic settings, registry, Key
//! Vault) gives exactly the findings noted in `testdata/azure/insecure/main.tf`, its hardened
//! twin nothing at medium or above; and the edge cases of azurerm 3.x/4.x names, unknown values
//! and cross-resource diagnostic settings.

mod common;

use common::*;
use iacguard::rules;
use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

fn scan_dir(dir: &str) -> (serde_json::Value, Option<i32>) {
    let output = iacguard(&["scan", dir, "--format", "json"]);
    (json(&output), output.status.code())
}

/// `file:line RULE` per finding, paths relative to testdata/azure/.
fn lines(report: &serde_json::Value) -> Vec<String> {
    path_line_rule(report, "testdata/azure/")
}

#[test]
fn the_insecure_platform_gives_the_expected_findings() {
    let (report, code) = scan_dir("testdata/azure/insecure");
    assert_eq!(code, Some(1));
    assert!(report["notices"].as_array().unwrap().is_empty());
    let expected = [
        "insecure/main.tf:12 AZ-AKS-001",
        "insecure/main.tf:12 AZ-AKS-002",
        "insecure/main.tf:12 AZ-AKS-006",
        "insecure/main.tf:12 AZ-AKS-008",
        "insecure/main.tf:12 AZ-AKS-011",
        "insecure/main.tf:17 AZ-AKS-003",
        "insecure/main.tf:18 AZ-AKS-005",
        "insecure/main.tf:20 AZ-AKS-010",
        "insecure/main.tf:23 AZ-AKS-009",
        "insecure/main.tf:26 AZ-AKS-004",
        "insecure/main.tf:39 AZ-AKS-009",
        "insecure/main.tf:40 AZ-AKS-010",
        "insecure/main.tf:43 AZ-AKS-007",
        "insecure/main.tf:52 AZ-AKS-007",
        "insecure/main.tf:52 AZ-AKS-011",
        "insecure/main.tf:57 AZ-AKS-001",
        "insecure/main.tf:63 AZ-AKS-002",
        "insecure/main.tf:67 AZ-AKS-008",
        "insecure/main.tf:86 AZ-ACR-002",
        "insecure/main.tf:86 AZ-ACR-004",
        "insecure/main.tf:91 AZ-ACR-001",
        "insecure/main.tf:92 AZ-ACR-003",
        "insecure/main.tf:110 AZ-KV-002",
        "insecure/main.tf:111 AZ-KV-001",
        "insecure/main.tf:114 AZ-KV-003",
    ];
    assert_eq!(lines(&report), expected);

    // A value from a variable default carries the default as a related location.
    let admin = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "AZ-ACR-001")
        .unwrap();
    assert_eq!(admin["related"][0]["location"]["start_line"], 5);
}

#[test]
fn the_hardened_twin_has_nothing_at_medium_or_above() {
    let (report, code) = scan_dir("testdata/azure/hardened");
    assert!(report["notices"].as_array().unwrap().is_empty());
    let serious: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "low")
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_eq!(code, Some(0), "{}", lines(&report).join("\n"));
}

/// `line RULE` for the Azure findings of one Terraform file.
fn scan_tf(text: &str) -> Vec<String> {
    let options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    let file = SourceFile::new(None, "main.tf".to_string(), text.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    scan.findings
        .iter()
        .filter(|f| f.rule.id.starts_with("AZ-"))
        .map(|f| {
            let line = scan
                .sources
                .get(f.span.file)
                .position(f.span.start as usize)
                .line;
            format!("{line} {}", f.rule.id)
        })
        .collect()
}

const CLUSTER_HEAD: &str = r#"resource "azurerm_kubernetes_cluster" "c" {
  name                = "c"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "c"
"#;

#[test]
fn the_4x_name_wins_over_the_3x_one() {
    let text = format!(
        "{CLUSTER_HEAD}  default_node_pool {{
    name                    = \"system\"
    vm_size                 = \"Standard_D4s_v5\"
    enable_node_public_ip   = true
    node_public_ip_enabled  = false
    enable_host_encryption  = false
    host_encryption_enabled = true
  }}
}}
"
    );
    let findings = scan_tf(&text);
    assert!(
        !findings.iter().any(|f| f.ends_with("AZ-AKS-009")),
        "{findings:?}"
    );
    assert!(
        !findings.iter().any(|f| f.ends_with("AZ-AKS-010")),
        "{findings:?}"
    );
}

#[test]
fn unknown_values_are_not_findings() {
    let text = format!(
        "variable \"private\" {{}}
variable \"rbac\" {{}}
variable \"policy\" {{}}
{CLUSTER_HEAD}  private_cluster_enabled = var.private
  local_account_disabled  = var.rbac
  azure_policy_enabled    = var.policy
  azure_active_directory_role_based_access_control {{
    azure_rbac_enabled = var.rbac
  }}
  network_profile {{
    network_plugin     = \"azure\"
    network_data_plane = var.policy
  }}
  default_node_pool {{
    name                    = \"system\"
    vm_size                 = \"Standard_D4s_v5\"
    node_public_ip_enabled  = var.private
    host_encryption_enabled = var.private
  }}
}}

resource \"azurerm_key_vault\" \"kv\" {{
  name                       = \"kv\"
  location                   = \"westeurope\"
  resource_group_name        = \"rg\"
  tenant_id                  = \"t\"
  sku_name                   = \"standard\"
  purge_protection_enabled   = var.policy
  soft_delete_retention_days = var.policy
  public_network_access_enabled = var.policy
}}
"
    );
    let findings = scan_tf(&text);
    // Only what does not depend on the variables: no oms_agent, no secrets provider, no
    // disk encryption set, no diagnostic setting.
    assert_eq!(
        findings,
        [
            "4 AZ-AKS-006",
            "4 AZ-AKS-007",
            "4 AZ-AKS-008",
            "4 AZ-AKS-011"
        ]
    );
}

#[test]
fn a_diagnostic_setting_whose_target_is_unknown_may_be_the_clusters() {
    let setting = |target: &str, category: &str| {
        format!(
            "{CLUSTER_HEAD}  oms_agent {{
    log_analytics_workspace_id = \"w\"
  }}
  default_node_pool {{
    name    = \"system\"
    vm_size = \"Standard_D4s_v5\"
  }}
}}

resource \"azurerm_monitor_diagnostic_setting\" \"d\" {{
  name               = \"d\"
  target_resource_id = {target}
  enabled_log {{
    category_group = \"{category}\"
  }}
}}
"
        )
    };
    let audit = |text: &str| {
        scan_tf(text)
            .into_iter()
            .filter(|f| f.ends_with("AZ-AKS-007"))
            .collect::<Vec<_>>()
    };
    // An ID string cannot be matched to the cluster: nothing is said.
    assert!(audit(&setting("\"/subscriptions/0/x\"", "allLogs")).is_empty());
    assert!(audit(&setting("\"/subscriptions/0/x\"", "metrics")).is_empty());
    // A reference to the cluster is matched; the `audit` and `allLogs` groups include audit.
    assert!(audit(&setting("azurerm_kubernetes_cluster.c.id", "audit")).is_empty());
    assert!(audit(&setting("azurerm_kubernetes_cluster.c.id", "allLogs")).is_empty());
    // A reference to another resource leaves the cluster without one: reported there.
    assert_eq!(
        audit(&setting("azurerm_key_vault.kv.id", "audit")),
        ["1 AZ-AKS-007"]
    );
    // Legacy `log` blocks count unless disabled.
    let legacy = setting("azurerm_kubernetes_cluster.c.id", "x").replace(
        "enabled_log {\n    category_group = \"x\"\n  }",
        "log {\n    category = \"kube-audit\"\n    enabled  = false\n  }",
    );
    assert_eq!(audit(&legacy), ["15 AZ-AKS-007"]);
}

#[test]
fn registries_and_vaults_behind_network_rules_are_not_public() {
    let text = r#"resource "azurerm_container_registry" "acr" {
  name                = "acr"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_key_vault" "kv" {
  name                          = "kv"
  location                      = "westeurope"
  resource_group_name           = "rg"
  tenant_id                     = "t"
  sku_name                      = "standard"
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_container_registry" "trusted" {
  name                          = "trusted"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
  trust_policy {
    enabled = true
  }
}
"#;
    assert_eq!(scan_tf(text), Vec::<String>::new());
}

#[test]
fn plan_json_reads_the_same_way() {
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "resource_changes": [
    {"address": "azurerm_key_vault.kv", "mode": "managed", "type": "azurerm_key_vault",
     "name": "kv", "change": {"actions": ["create"],
       "after": {"name": "kv", "purge_protection_enabled": false,
         "soft_delete_retention_days": 90, "public_network_access_enabled": false},
       "after_unknown": {"id": true}}},
    {"address": "azurerm_container_registry.acr", "mode": "managed",
     "type": "azurerm_container_registry", "name": "acr", "change": {"actions": ["create"],
       "after": {"sku": "Basic", "admin_enabled": true, "anonymous_pull_enabled": false,
         "public_network_access_enabled": false, "network_rule_set": []},
       "after_unknown": {"id": true}}}
  ]
}
"#;
    let options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    let file = SourceFile::new(None, "plan.json".to_string(), plan.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    let mut ids: Vec<&str> = scan.findings.iter().map(|f| f.rule.id).collect();
    ids.sort();
    assert_eq!(ids, ["AZ-ACR-001", "AZ-KV-001"]);
}

#[test]
fn dynamic_blocks_count_as_the_blocks_they_generate() {
    // As Azure's own AKS module writes them: the Azure AD block comes from a `dynamic` over a
    // variable. Expanded, it is there or not; over an unknown collection, it is unknown.
    let with = |aad: &str| {
        format!(
            "{aad}
{CLUSTER_HEAD}  dynamic \"azure_active_directory_role_based_access_control\" {{
    for_each = var.aad
    content {{
      azure_rbac_enabled = true
    }}
  }}
}}
"
        )
    };
    let rbac = |text: String| -> Vec<String> {
        scan_tf(&text)
            .into_iter()
            .filter(|line| line.ends_with("AZ-AKS-002"))
            .collect()
    };
    assert!(rbac(with("variable \"aad\" {\n  default = [1]\n}")).is_empty());
    assert_eq!(
        rbac(with("variable \"aad\" {\n  default = []\n}")),
        ["4 AZ-AKS-002"]
    );
    assert!(rbac(with("variable \"aad\" {}")).is_empty());
}

#[test]
fn a_cluster_with_its_own_cni_is_not_judged_on_network_policy() {
    let byo = format!(
        "{CLUSTER_HEAD}  network_profile {{
    network_plugin = \"none\"
  }}
  default_node_pool {{
    name    = \"system\"
    vm_size = \"Standard_D4s_v5\"
  }}
}}
"
    );
    assert!(!scan_tf(&byo).iter().any(|f| f.ends_with("AZ-AKS-004")));
    let kubenet = byo.replace("\"none\"", "\"kubenet\"");
    assert!(scan_tf(&kubenet).contains(&"6 AZ-AKS-004".to_string()));
}
