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
    /// Whether the link, written in `from`, names `target`, whose own physical name is `name`
    /// when known: `Some(true)` or `Some(false)` when that can be told, `None` when it cannot.
    /// `scan` is every resource of the scan.
    ///
    /// A Terraform address means the resource of that address in the same module. Modules are
    /// directories, which the model does not record, so: a resource of that address in the
    /// link's own file is the one meant; otherwise the only one of the scan is; with several in
    /// other files, the link cannot be followed.
    pub fn points_at(
        &self,
        from: &Resource,
        target: &Resource,
        name: Option<&str>,
        scan: &[Resource],
    ) -> Option<bool> {
        let address = match self {
            Link::Name(literal) => return name.map(|name| name == literal),
            Link::Resource(address) => address,
        };
        let named = |r: &Resource| r.format == from.format && has_address(r, address);
        // Inside a module, an address names the resource of the same module instance.
        if !named(target) || module_instance(from) != module_instance(target) {
            return Some(false);
        }
        if from.header.file == target.header.file {
            return Some(true);
        }
        // A logical ID only means something inside its own template.
        if from.format == Format::CloudFormation
            || scan
                .iter()
                .any(|r| named(r) && r.header.file == from.header.file)
        {
            return Some(false);
        }
        let mut files: Vec<_> = scan
            .iter()
            .filter(|r| named(r))
            .map(|r| r.header.file)
            .collect();
        files.sort();
        files.dedup();
        (files.len() == 1).then_some(true)
    }
}

/// Whether a link written in `from` could name `target` at all, whatever it says: links stay
/// within a format, and CloudFormation's within a template. A link that cannot be read only
/// leaves these in doubt.
pub fn may_reach(from: &Resource, target: &Resource) -> bool {
    from.format == target.format
        && (from.format != Format::CloudFormation || from.header.file == target.header.file)
}

/// Whether `resource` is the one `address` names: its logical ID, or its Terraform address
/// without instance keys, possibly inside a module.
fn has_address(resource: &Resource, address: &str) -> bool {
    match resource.format {
        Format::CloudFormation => resource.address == address,
        _ => {
            let own = without_keys(&resource.address);
            own == address || own.ends_with(&format!(".{address}"))
        }
    }
}

/// The module instance a Terraform resource belongs to: `module.m["a"].` for
/// `module.m["a"].aws_s3_bucket.logs[0]`, empty in the root module and in CloudFormation.
fn module_instance(resource: &Resource) -> &str {
    if resource.format != Format::Terraform {
        return "";
    }
    let own = format!("{}.", resource.type_name);
    match resource.address.rfind(&own) {
        Some(at) if at == 0 || resource.address[..at].ends_with('.') => &resource.address[..at],
        _ => "",
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
    use super::*;
    use crate::model::Kind;
    use crate::parse::{Node, NodeKind};
    use crate::source::{FileId, Span};

    fn resource(file: u32, type_name: &str, address: &str) -> Resource {
        let header = Span::new(FileId(file), 0, 1);
        Resource {
            format: Format::Terraform,
            type_name: type_name.to_string(),
            address: address.to_string(),
            header,
            body: Node::new(header, NodeKind::Map(Vec::new())),
            metadata: None,
            object: None,
            enclosing: Vec::new(),
            kind: Kind::Other,
        }
    }

    #[test]
    fn an_address_names_the_resource_of_its_own_module_instance() {
        let link = Link::Resource("aws_s3_bucket.this".to_string());
        let policy = resource(
            0,
            "aws_s3_bucket_policy",
            "module.a[0].aws_s3_bucket_policy.this",
        );
        let own = resource(0, "aws_s3_bucket", "module.a[0].aws_s3_bucket.this");
        let other = resource(0, "aws_s3_bucket", "module.a[1].aws_s3_bucket.this");
        let root = resource(0, "aws_s3_bucket", "aws_s3_bucket.this");
        let scan = [];
        assert_eq!(link.points_at(&policy, &own, None, &scan), Some(true));
        assert_eq!(link.points_at(&policy, &other, None, &scan), Some(false));
        assert_eq!(link.points_at(&policy, &root, None, &scan), Some(false));
    }

    #[test]
    fn across_files_the_own_file_then_a_single_candidate_decides() {
        let link = Link::Resource("aws_s3_bucket.logs".to_string());
        let policy = resource(0, "aws_s3_bucket_policy", "aws_s3_bucket_policy.logs");
        let elsewhere = resource(1, "aws_s3_bucket", "aws_s3_bucket.logs");
        let again = resource(2, "aws_s3_bucket", "aws_s3_bucket.logs");
        // The only bucket of that address: another file of the same module.
        let scan = [resource(1, "aws_s3_bucket", "aws_s3_bucket.logs")];
        assert_eq!(link.points_at(&policy, &elsewhere, None, &scan), Some(true));
        // Two candidates in other files: cannot be told.
        let scan = [
            resource(1, "aws_s3_bucket", "aws_s3_bucket.logs"),
            resource(2, "aws_s3_bucket", "aws_s3_bucket.logs"),
        ];
        assert_eq!(link.points_at(&policy, &again, None, &scan), None);
        // One in the link's own file: that is the one meant.
        let scan = [
            resource(0, "aws_s3_bucket", "aws_s3_bucket.logs"),
            resource(1, "aws_s3_bucket", "aws_s3_bucket.logs"),
        ];
        assert_eq!(
            link.points_at(&policy, &elsewhere, None, &scan),
            Some(false)
        );
    }

    #[test]
    fn names_compare_with_known_names_only() {
        let link = Link::Name("org-logs".to_string());
        let policy = resource(0, "aws_s3_bucket_policy", "aws_s3_bucket_policy.p");
        let bucket = resource(1, "aws_s3_bucket", "aws_s3_bucket.b");
        assert_eq!(
            link.points_at(&policy, &bucket, Some("org-logs"), &[]),
            Some(true)
        );
        assert_eq!(
            link.points_at(&policy, &bucket, Some("other"), &[]),
            Some(false)
        );
        assert_eq!(link.points_at(&policy, &bucket, None, &[]), None);
    }

    #[test]
    fn instance_keys_are_dropped() {
        assert_eq!(
            without_keys("module.m[\"a\"].aws_s3_bucket.logs[0]"),
            "module.m.aws_s3_bucket.logs"
        );
    }
}
