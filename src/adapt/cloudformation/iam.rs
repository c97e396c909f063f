//! IAM policies to [`Policies`]: `AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`,
//! `UserPolicy`, `GroupPolicy` (`PolicyDocument`) and the inline `Policies` of
//! `AWS::IAM::Role`, `User` and `Group`.

use crate::adapt::read::field;
use crate::model::aws::iam::{Document, Policies};
use crate::parse::Node;

pub fn policies(type_name: &str, properties: &Node) -> Policies {
    let documents = match type_name {
        "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group" => {
            match field(Some(properties), "Policies") {
                Some(list) => match list.as_seq() {
                    Some(items) => items
                        .iter()
                        .filter_map(|item| field(Some(item), "PolicyDocument"))
                        .map(Document::read)
                        .collect(),
                    // Unknown as a whole: no document can be read.
                    None => Vec::new(),
                },
                None => Vec::new(),
            }
        }
        _ => field(Some(properties), "PolicyDocument")
            .map(Document::read)
            .into_iter()
            .collect(),
    };
    Policies { documents }
}
