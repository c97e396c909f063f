//! The common resource model: what rules see.
//!
//! Adapters turn CloudFormation, Terraform and Kubernetes documents into typed resources
//! ([`aws::eks::Cluster`], [`k8s::Workload`], ...), so one rule covers every format. Each
//! security-relevant leaf is a [`Val`]: a known value or the reason it is unknown, and where it
//! came from (written in the file, a cloud default, or derived through variables). Rules never
//! look at syntax; each resource also keeps its evaluated tree in [`Resource::body`] for what the
//! typed structs do not carry.

mod attr;
pub mod aws;
pub mod azure;
pub mod k8s;
pub mod provider;
mod val;

pub use attr::Attr;
pub use val::{How, Origin, Val};

use crate::parse::Node;
use crate::source::Span;

/// The input language a resource was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    CloudFormation,
    Terraform,
    Kubernetes,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::CloudFormation => "cloudformation",
            Format::Terraform => "terraform",
            Format::Kubernetes => "kubernetes",
        }
    }
}

/// One deployable thing: a CloudFormation resource, a Terraform resource instance, a Kubernetes
/// object.
#[derive(Debug)]
pub struct Resource {
    pub format: Format,
    /// The type as the format names it: `AWS::EKS::Cluster`, `aws_eks_cluster`, `Deployment`.
    pub type_name: String,
    /// A stable name: the logical ID, the Terraform address, `Kind/namespace/name`.
    pub address: String,
    /// Where the resource is declared; findings about missing attributes point here.
    pub header: Span,
    /// The resource's evaluated properties.
    pub body: Node,
    /// The resource's own metadata section where the format has one apart from its properties
    /// (CloudFormation `Metadata`): suppressions and custom policies read it.
    pub metadata: Option<Node>,
    /// For a Terraform `kubernetes_*` resource, the Kubernetes object it creates, in manifest
    /// shape with spans in the `.tf` file. See [`Resource::kubernetes_object`].
    pub object: Option<Node>,
    /// Declarations the resource was created through, outermost first: the `module` blocks
    /// of a Terraform resource in a called module. A suppression above one covers it.
    pub enclosing: Vec<Span>,
    pub kind: Kind,
}

impl Resource {
    /// The Kubernetes object this resource is, or creates, in manifest shape: a manifest's own
    /// document, or a Terraform `kubernetes_*` resource translated. Views across the scan (the
    /// cluster inventory) read objects through this, so both formats meet in one cluster.
    pub fn kubernetes_object(&self) -> Option<&Node> {
        match self.format {
            Format::Kubernetes => Some(&self.body),
            Format::Terraform => self.object.as_ref(),
            Format::CloudFormation => None,
        }
    }
}

/// The typed view of a resource, for the services rules know about.
#[derive(Debug)]
pub enum Kind {
    EksCluster(aws::eks::Cluster),
    EksNodeGroup(aws::eks_node_group::NodeGroup),
    EksAddon(aws::eks_addon::Addon),
    EksFargateProfile(aws::eks_fargate::FargateProfile),
    EbsVolume(aws::ebs::Volume),
    LoadBalancer(aws::elb::LoadBalancer),
    LbListener(aws::elb::Listener),
    WafAssociation(aws::waf::Protection),
    ShieldProtection(aws::waf::Protection),
    EcrRepository(aws::ecr::Repository),
    EcrRepositoryPolicy(aws::ecr::RepositoryPolicy),
    EcrRegistryScanning(aws::ecr::RegistryScanning),
    /// A security group's inline ingress rules, or one ingress rule declared on its own.
    SecurityGroup(aws::security_group::SecurityGroup),
    IamPolicies(aws::iam::Policies),
    KmsKey(aws::kms::Key),
    EbsDefaultEncryption(aws::ebs::DefaultEncryption),
    LaunchTemplate(aws::launch_template::LaunchTemplate),
    RdsDatabase(aws::rds::Database),
    RdsParameterGroup(aws::rds::ParameterGroup),
    CloudTrail(aws::cloudtrail::Trail),
    GuardDutyDetector(aws::guardduty::Detector),
    GuardDutyFeature(aws::guardduty::Feature),
    SecurityHub(aws::security_hub::Hub),
    SecurityHubStandard(aws::security_hub::Standard),
    S3Bucket(aws::s3::Bucket),
    S3PublicAccessBlock(aws::s3::PublicAccessBlock),
    S3BucketPolicy(aws::s3::BucketPolicy),
    Workload(k8s::Workload),
    StorageClass(k8s::StorageClass),
    Secret(k8s::Secret),
    EncryptionConfig(k8s::EncryptionConfig),
    ControlPlane(k8s::ControlPlane),
    Kubelet(k8s::Kubelet),
    Role(k8s::Role),
    Binding(k8s::Binding),
    Service(k8s::Service),
    Ingress(k8s::Ingress),
    AksCluster(Box<azure::aks::Cluster>),
    AksNodePool(azure::aks::NodePool),
    ContainerRegistry(azure::acr::Registry),
    KeyVault(azure::key_vault::Vault),
    DiagnosticSetting(azure::monitor::DiagnosticSetting),
    /// A Terraform `provider` block (type `provider.NAME`).
    Provider(provider::Provider),
    /// A type no rule models yet; still kept for custom policies.
    Other,
}
