//! IAM policies to [`Policies`]: `aws_iam_policy`, `aws_iam_role_policy`,
//! `aws_iam_user_policy`, `aws_iam_group_policy` (`policy`) and `aws_iam_role`
//! (`inline_policy` blocks). A policy from `data.aws_iam_policy_document` is unknown (data
//! sources are not evaluated), so it raises nothing.

use crate::adapt::read::field;
use crate::model::aws::iam::{Document, Policies};
use crate::parse::Node;

pub fn policies(type_name: &str, body: &Node) -> Policies {
    let documents = if type_name == "aws_iam_role" {
        body.as_map()
            .unwrap_or_default()
            .iter()
            .filter(|entry| entry.key == "inline_policy")
            .filter_map(|entry| field(Some(&entry.value), "policy"))
            .map(Document::read)
            .collect()
    } else {
        field(Some(body), "policy")
            .map(Document::read)
            .into_iter()
            .collect()
    };
    Policies { documents }
}
