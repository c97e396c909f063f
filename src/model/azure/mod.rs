//! Microsoft Azure resources (Terraform `azurerm_*`), one module per service.
//!
//! The adapters read both the azurerm provider 3.x and 4.x spellings of each setting (4.0
//! renamed `enable_*` attributes to `*_enabled`) and apply the provider's defaults.

pub mod acr;
pub mod aks;
pub mod key_vault;
pub mod monitor;
