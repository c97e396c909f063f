use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::AUTHENTICATION_MODE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters that authenticate IAM principals only through the `aws-auth`
    /// ConfigMap (authentication mode `CONFIG_MAP`) instead of EKS access entries.
    ///
    /// The EKS API, CloudFormation and Terraform create clusters in `CONFIG_MAP` mode unless
    /// `authentication_mode` / `AuthenticationMode` says otherwise (the console and eksctl use
    /// `API_AND_CONFIG_MAP`); the adapters apply those defaults.
    ///
    /// ## Why is this bad?
    /// With `CONFIG_MAP` only, who may log in to the cluster is a Kubernetes ConfigMap that
    /// anyone with write access to `kube-system` can change, outside IAM, without CloudTrail
    /// seeing what access was granted, and a typo in it can lock everyone out. Access entries
    /// (`API`) manage cluster access with IAM APIs: granted, audited and revoked like any other
    /// AWS permission, and they let you remove the implicit admin rights of the cluster creator.
    ///
    /// ## How to fix
    /// Set the authentication mode to `API` (or `API_AND_CONFIG_MAP` while migrating) and grant
    /// access with access entries. Consider `bootstrap_cluster_creator_admin_permissions = false`
    /// with explicit entries for the administrators.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    ///   access_config {
    ///     authentication_mode = "API"
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///       AccessConfig:
    ///         AuthenticationMode: CONFIG_MAP
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///       AccessConfig:
    ///         AuthenticationMode: API
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "AccessConfig": {"AuthenticationMode": "API_AND_CONFIG_MAP"}}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// accessConfig:
    ///   authenticationMode: CONFIG_MAP
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// accessConfig:
    ///   authenticationMode: API
    /// ```
    ///
    /// ## References
    /// - [Grant IAM users access to Kubernetes with EKS access entries](https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html)
    /// - CIS Amazon EKS Benchmark 5.5.1; EKS hardening CCE-86301-9; NIST 800-53 AC-2, IA-2
    pub EksAuthenticationMode {
        id: "AWS-EKS-007",
        name: "eks-config-map-authentication",
        severity: Medium,
        refs: ["CIS EKS 5.5.1", "CCE-86301-9", "NIST 800-53 AC-2", "NIST 800-53 IA-2"],
        fix: "set the authentication mode to `API` (or `API_AND_CONFIG_MAP`) and use access entries",
    }
}

impl Check for EksAuthenticationMode {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        let mode = &cluster.authentication_mode;
        if mode.get().map(String::as_str) != Some("CONFIG_MAP") {
            return;
        }
        let name = out.name(&AUTHENTICATION_MODE);
        let message = if mode.is_default() {
            format!("cluster access is managed only by the `aws-auth` ConfigMap: `{name}` is not set and defaults to `CONFIG_MAP`")
        } else {
            format!("cluster access is managed only by the `aws-auth` ConfigMap: `{name}` is `CONFIG_MAP`")
        };
        out.report_value(&AUTHENTICATION_MODE, mode, message);
    }
}
