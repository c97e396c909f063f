//! EC2 launch templates (`AWS::EC2::LaunchTemplate`, `aws_launch_template`): the volumes and
//! instance metadata settings of the instances they launch, EKS nodes among them.

use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct LaunchTemplate {
    /// Block device mappings that create an EBS volume.
    pub volumes: Vec<Volume>,
    /// `required` makes instances use IMDSv2 session tokens (EC2 default: `optional`).
    pub http_tokens: Val<String>,
    /// `disabled` turns the metadata endpoint off altogether (EC2 default: `enabled`).
    pub http_endpoint: Val<String>,
}

/// One block device mapping with an EBS volume.
#[derive(Debug)]
pub struct Volume {
    /// The mapping, for findings about what it lacks.
    pub span: Span,
    /// Whether the volume is encrypted. Unset means unencrypted (unless the account encrypts
    /// by default, which a template cannot show) — but a volume made from a snapshot inherits
    /// the snapshot's encryption, so then unset is unknown.
    pub encrypted: Val<bool>,
}

pub const ENCRYPTED: Attr = Attr {
    id: "block_device_mappings.ebs.encrypted",
    terraform: "block_device_mappings.ebs.encrypted",
    cloudformation: "LaunchTemplateData.BlockDeviceMappings.Ebs.Encrypted",
    kubernetes: "encrypted",
};
pub const HTTP_TOKENS: Attr = Attr {
    id: "metadata_options.http_tokens",
    terraform: "metadata_options.http_tokens",
    cloudformation: "LaunchTemplateData.MetadataOptions.HttpTokens",
    kubernetes: "httpTokens",
};
