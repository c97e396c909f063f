//! What a model field is called in each input format.
//!
//! Rules speak in model terms, but a message must name the setting the user actually writes:
//! `endpoint_public_access` in Terraform, `EndpointPublicAccess` in CloudFormation. Each model
//! module declares its fields' names once, next to the field.

use super::Format;

#[derive(Debug, Clone, Copy)]
pub struct Attr {
    /// A format-neutral id, used in fingerprints so they do not depend on the format.
    pub id: &'static str,
    pub terraform: &'static str,
    pub cloudformation: &'static str,
    pub kubernetes: &'static str,
}

impl Attr {
    /// A setting written the same way in every format, such as a command-line flag.
    pub const fn uniform(name: &'static str) -> Attr {
        Attr {
            id: name,
            terraform: name,
            cloudformation: name,
            kubernetes: name,
        }
    }

    pub fn name(&self, format: Format) -> &'static str {
        match format {
            Format::Terraform => self.terraform,
            Format::CloudFormation => self.cloudformation,
            Format::Kubernetes => self.kubernetes,
        }
    }
}
