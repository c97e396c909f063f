//! Values given to the scan from outside the scanned files: Terraform variables (`--var`,
//! `--var-file`) and CloudFormation parameters (`--cfn-params`). They override the defaults
//! written in the configuration, as `terraform plan -var` and a stack's parameters would.

use std::path::PathBuf;

#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// `--var NAME=VALUE`, in command-line order (later ones win, as in Terraform).
    pub terraform_vars: Vec<(String, String)>,
    /// `--var-file FILE`, in command-line order; applied after `terraform.tfvars` and
    /// `*.auto.tfvars`, before `--var`.
    pub terraform_var_files: Vec<PathBuf>,
    /// `--cfn-params FILE`: parameter values for every CloudFormation template in the scan.
    pub cloudformation_params: Vec<PathBuf>,
}
