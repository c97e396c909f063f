//! Links between AWS resources: the bucket a policy is for, the parameter group a database
//! uses, the detector a GuardDuty feature belongs to.
//!
//! Adapters read a reference (`aws_s3_bucket.logs.id`, `!Ref LogBucket`) or a literal name
//! into a [`Link`]; rules ask [`Link::points_at`] whether it names a given resource. The answer
//! has three values on purpose: a link that cannot be traced must neither prove nor disprove
//! that a setting covers a resource, so rules stay silent on it.

use crate::model::{Format, Resource};

#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A resource of the same template or module: a Terraform address without instance keys
    /// (`aws_s3_bucket.logs`) or a CloudFormation logical ID.
    Resource(String),
    /// A literal physical name or ID (`my-log-bucket`, `default.postgres16`).
    Name(String),
}

impl Link {
    /// Whether the link names `target`, whose own physical name is `name` when known:
    /// `Some(true)` or `Some(false)` when that can be told, `None` when it cannot.
    pub fn points_at(
        &self,
        from: &Resource,
        target: &Resource,
        name: Option<&str>,
    ) -> Option<bool> {
        match self {
            Link::Resource(address) => {
                if from.format != target.format {
                    return Some(false);
                }
                Some(match target.format {
                    // A logical ID only means something inside its own template.
                    Format::CloudFormation => {
                        from.header.file == target.header.file && &target.address == address
                    }
                    _ => {
                        let own = without_keys(&target.address);
                        own == *address || own.ends_with(&format!(".{address}"))
                    }
                })
            }
            Link::Name(literal) => name.map(|name| name == literal),
        }
    }
}

/// `module.m["a"].aws_s3_bucket.logs[0]` → `module.m.aws_s3_bucket.logs`.
fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::without_keys;

    #[test]
    fn instance_keys_are_dropped() {
        assert_eq!(
            without_keys("module.m[\"a\"].aws_s3_bucket.logs[0]"),
            "module.m.aws_s3_bucket.logs"
        );
    }
}
