# An AKS platform written the insecure way, in azurerm 4.x and 3.x spellings.
# tests/azure.rs expects exactly the findings noted on each line.

variable "registry_admin" {
  default = true
}

variable "registry_sku" {
  description = "given at plan time"
}

resource "azurerm_kubernetes_cluster" "main" { # AKS-001 AKS-002 AKS-006 AKS-008 AKS-011
  name                   = "insecure"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "insecure"
  local_account_disabled = false # AKS-003
  azure_policy_enabled   = false # AKS-005

  default_node_pool { # AKS-010
    name                  = "system"
    vm_size               = "Standard_D4s_v5"
    enable_node_public_ip = true # AKS-009 (3.x name)
  }

  network_profile { # AKS-004
    network_plugin = "kubenet"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "workers" {
  name                    = "workers"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D4s_v5"
  node_public_ip_enabled  = true  # AKS-009
  host_encryption_enabled = false # AKS-010
}

resource "azurerm_monitor_diagnostic_setting" "main" { # AKS-007: no audit category
  name                       = "aks"
  target_resource_id         = azurerm_kubernetes_cluster.main.id
  log_analytics_workspace_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  enabled_log {
    category = "kube-apiserver"
  }
}

resource "azurerm_kubernetes_cluster" "legacy" { # AKS-007 AKS-011
  name                            = "legacy"
  location                        = "westeurope"
  resource_group_name             = "rg"
  dns_prefix                      = "legacy"
  api_server_authorized_ip_ranges = ["10.0.0.0/8", "0.0.0.0/0"] # AKS-001
  local_account_disabled          = true
  azure_policy_enabled            = true

  azure_active_directory_role_based_access_control {
    managed            = true
    azure_rbac_enabled = false # AKS-002
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = false # AKS-008
  }

  oms_agent {
    log_analytics_workspace_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  }

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4s_v5"
    enable_host_encryption = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}

resource "azurerm_container_registry" "acr" { # ACR-002 ACR-004
  name                   = "acmeinsecure"
  resource_group_name    = "rg"
  location               = "westeurope"
  sku                    = "Premium"
  admin_enabled          = var.registry_admin # ACR-001, from the variable's default
  anonymous_pull_enabled = true               # ACR-003
}

# Unknown values are not findings: the SKU is not known, public access is off.
resource "azurerm_container_registry" "unknown" {
  name                          = "acmeunknown"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = var.registry_sku
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "kv" {
  name                       = "acme-insecure"
  location                   = "westeurope"
  resource_group_name        = "rg"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 7     # KV-002
  purge_protection_enabled   = false # KV-001

  network_acls {
    default_action = "Allow" # KV-003
    bypass         = "AzureServices"
  }
}
