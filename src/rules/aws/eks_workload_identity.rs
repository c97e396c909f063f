use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::WORKLOAD_IDENTITY;
use crate::model::aws::eks_links::{may_belong, of_types, Link};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters that give pods no identity of their own: no IAM OIDC provider for IAM
    /// roles for service accounts (IRSA) and no EKS Pod Identity association anywhere in the scan.
    ///
    /// What is checked, exactly: an eksctl `ClusterConfig` needs `iam.withOIDC` (default
    /// false) or a non-empty `iam.podIdentityAssociations`. Otherwise, and for Terraform and
    /// CloudFormation clusters, the scan must hold an `aws_iam_openid_connect_provider` /
    /// `AWS::IAM::OIDCProvider`, an `aws_eks_pod_identity_association` /
    /// `AWS::EKS::PodIdentityAssociation`, or an add-on with pod identity associations, that
    /// may belong to the cluster. A provider whose URL
    /// references another cluster of the scan does not count; one whose URL is written out or
    /// cannot be resolved does (it may be this cluster's), so nothing unknown raises a finding.
    /// Declaring these pieces in another repository than the cluster gives a finding: suppress
    /// it with a reason there.
    ///
    /// ## Why is this bad?
    /// Without IRSA or Pod Identity, every pod that calls AWS uses the node's instance role,
    /// so each pod holds the permissions of every other pod on the node (and of the kubelet).
    /// One compromised container then reaches everything any workload may reach. Dedicated
    /// service accounts mapped to dedicated IAM roles keep each workload to its own permissions.
    ///
    /// ## How to fix
    /// Create an IAM OIDC provider for the cluster's issuer and annotate service accounts with
    /// their role (IRSA), or install the Pod Identity agent and create pod identity
    /// associations. With eksctl, set `iam.withOIDC: true` or list `iam.podIdentityAssociations`.
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
    /// }
    /// resource "aws_iam_openid_connect_provider" "eks" {
    ///   url            = aws_eks_cluster.main.identity[0].oidc[0].issuer
    ///   client_id_list = ["sts.amazonaws.com"]
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
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///   Oidc:
    ///     Type: AWS::IAM::OIDCProvider
    ///     Properties:
    ///       Url: !GetAtt Cluster.OpenIdConnectIssuerUrl
    ///       ClientIdList: [sts.amazonaws.com]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "Name": "main", "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}},
    ///   "Assoc": {"Type": "AWS::EKS::PodIdentityAssociation", "Properties": {
    ///   "ClusterName": {"Ref": "Cluster"}, "Namespace": "app", "ServiceAccount": "api",
    ///   "RoleArn": "arn:aws:iam::123456789012:role/api"}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// iam:
    ///   withOIDC: true
    /// ```
    ///
    /// ## References
    /// - [IAM roles for service accounts](https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html)
    /// - [EKS Pod Identity](https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html)
    /// - CIS Amazon EKS Benchmark 5.2.1; EKS hardening CCE-87818-1; NIST 800-53 AC-6
    pub EksWorkloadIdentity {
        id: "AWS-EKS-006",
        name: "eks-workload-identity-missing",
        severity: Medium,
        refs: ["CIS EKS 5.2.1", "CCE-87818-1", "NIST 800-53 AC-6"],
        fix: "create an IAM OIDC provider for the cluster (IRSA) or EKS Pod Identity associations",
    }
}

/// Resources that give pods their own IAM identity, and the field naming their cluster.
const IDENTITY_TYPES: [(&str, &str); 4] = [
    ("aws_iam_openid_connect_provider", "url"),
    ("AWS::IAM::OIDCProvider", "Url"),
    ("aws_eks_pod_identity_association", "cluster_name"),
    ("AWS::EKS::PodIdentityAssociation", "ClusterName"),
];

impl Check for EksWorkloadIdentity {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        let addon_association = cx.resources.iter().any(|other| match &other.kind {
            Kind::EksAddon(addon) => {
                may_belong(&addon.cluster, resource)
                    && [
                        "pod_identity_association",
                        "PodIdentityAssociations",
                        "podIdentityAssociations",
                        "useDefaultPodIdentityAssociations",
                    ]
                    .iter()
                    .any(|key| {
                        other
                            .body
                            .get(key)
                            .is_some_and(|v| !v.is_null() && v.as_bool() != Some(false))
                    })
            }
            _ => false,
        });
        let types: Vec<&str> = IDENTITY_TYPES.iter().map(|(t, _)| *t).collect();
        let provided = of_types(cx.resources, &types).any(|other| {
            let key = IDENTITY_TYPES
                .iter()
                .find(|(t, _)| *t == other.type_name)
                .map_or("", |(_, key)| *key);
            match Link::field(Some(&other.body), key) {
                // An issuer URL written out names the cluster by an ID only known once it
                // exists: it may be this cluster's.
                Link::Literal(_) if key.eq_ignore_ascii_case("url") => true,
                link => may_belong(&link, resource),
            }
        });
        if provided || addon_association {
            return;
        }
        if let Some(identity) = &cluster.workload_identity {
            if identity.is_false() {
                out.report_value(
                    &WORKLOAD_IDENTITY,
                    identity,
                    "pods of this cluster can only use the node's IAM role: `iam.withOIDC` is not true and no `iam.podIdentityAssociations` are listed",
                );
            }
            return;
        }
        out.report_missing(
            &WORKLOAD_IDENTITY,
            "pods of this cluster can only use the node's IAM role: the scan has no IAM OIDC provider (IRSA) or Pod Identity association for it",
        );
    }
}
