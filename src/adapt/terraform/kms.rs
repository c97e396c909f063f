//! `aws_kms_key` to [`Key`].

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::kms::Key;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn key(body: &Node, header: Span) -> Key {
    // Keys in a custom key store (CloudHSM or external) cannot be rotated automatically.
    let origin = match (
        field(Some(body), "custom_key_store_id"),
        field(Some(body), "xks_key_id"),
    ) {
        (None, None) => Val::default("AWS_KMS".to_string(), header),
        (_, Some(xks)) => Val::known("EXTERNAL_KEY_STORE".to_string(), xks.span),
        (Some(store), None) => Val::known("AWS_CLOUDHSM".to_string(), store.span),
    };
    Key {
        rotation: bool_field(Some(body), "enable_key_rotation")
            .unwrap_or_else(|| Val::default(false, header)),
        spec: str_field(Some(body), "customer_master_key_spec")
            .unwrap_or_else(|| Val::default("SYMMETRIC_DEFAULT".to_string(), header)),
        origin,
    }
}
