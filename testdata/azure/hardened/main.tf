# The hardened twin of ../insecure: nothing at medium or above.

resource "azurerm_kubernetes_cluster" "main" {
  name                    = "hardened"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "hardened"
  private_cluster_enabled = true
  local_account_disabled  = true
  azure_policy_enabled    = true
  disk_encryption_set_id  = azurerm_disk_encryption_set.aks.id

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
  }

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.logs.id
    msi_auth_for_monitoring_enabled = true
  }

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    host_encryption_enabled = true
  }

  network_profile {
    network_plugin     = "azure"
    network_data_plane = "cilium"
    network_policy     = "cilium"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "workers" {
  name                    = "workers"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D4s_v5"
  host_encryption_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "main" {
  name                       = "aks"
  target_resource_id         = azurerm_kubernetes_cluster.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
  enabled_log {
    category = "kube-audit-admin"
  }
  enabled_log {
    category = "kube-apiserver"
  }
}

resource "azurerm_container_registry" "acr" {
  name                          = "acmehardened"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = false
  quarantine_policy_enabled     = true
}

resource "azurerm_key_vault" "kv" {
  name                       = "acme-hardened"
  location                   = "westeurope"
  resource_group_name        = "rg"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
