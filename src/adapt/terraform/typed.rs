//! The typed view of one Terraform resource instance, whatever it was read from.
//!
//! HCL, `.tf.json` and plan JSON all end as an evaluated body [`Node`]; this module puts that
//! body in one shape and hands it to the adapter for its type. The shape is the HCL evaluator's:
//! a nested block is a map entry under the block's name, repeated once per block. Plan JSON and
//! `.tf.json` write blocks as JSON lists of objects, and HCL may write attributes-as-blocks as a
//! list of objects too, so [`normalize`] spreads every list of objects into repeated entries.
//! Adapters then read `encryption_config`, `vpc_config` or `container` the same way in all three.

use crate::model::Kind;
use crate::parse::{Entry, Node, NodeKind};
use crate::source::Span;

use super::{
    acr, aks, cloudtrail, ebs, ecr, eks, elb, guardduty, iam, key_vault, kms, kubernetes,
    launch_template, rds, s3, security_group, security_hub, waf,
};

/// The normalized body, the typed view of a resource of `type_name`, and for `kubernetes_*`
/// types the Kubernetes object it creates (see [`crate::model::Resource::object`]).
pub fn adapt(type_name: &str, body: Node, header: Span) -> (Node, Kind, Option<Node>) {
    let mut body = normalize_body(type_name, body);
    if body.span.is_empty() && body.span.start == 0 {
        // A block built from `.tf.json` has no span of its own (see `json_config`).
        body.span = header;
    }
    let (kind, object) = match type_name {
        "aws_eks_cluster" => (Kind::EksCluster(eks::cluster(&body, header)), None),
        "aws_eks_node_group" => (Kind::EksNodeGroup(eks::node_group(&body)), None),
        "aws_eks_addon" => (Kind::EksAddon(eks::addon(&body)), None),
        "aws_eks_fargate_profile" => (Kind::EksFargateProfile(eks::fargate_profile(&body)), None),
        "aws_ebs_volume" => (Kind::EbsVolume(ebs::volume(&body, header)), None),
        "aws_lb" | "aws_alb" => (Kind::LoadBalancer(elb::load_balancer(&body, header)), None),
        "aws_lb_listener" | "aws_alb_listener" => {
            (Kind::LbListener(elb::listener(&body, header)), None)
        }
        "aws_wafv2_web_acl_association" | "aws_wafregional_web_acl_association" => {
            (Kind::WafAssociation(waf::protection(&body)), None)
        }
        "aws_shield_protection" => (Kind::ShieldProtection(waf::protection(&body)), None),
        "aws_ecr_repository" => (Kind::EcrRepository(ecr::repository(&body, header)), None),
        "aws_ecr_repository_policy" => (
            Kind::EcrRepositoryPolicy(ecr::repository_policy(&body)),
            None,
        ),
        "aws_ecr_registry_scanning_configuration" => (
            Kind::EcrRegistryScanning(ecr::registry_scanning(&body)),
            None,
        ),
        "aws_security_group"
        | "aws_security_group_rule"
        | "aws_vpc_security_group_ingress_rule" => (
            Kind::SecurityGroup(security_group::security_group(type_name, &body, header)),
            None,
        ),
        "aws_iam_policy"
        | "aws_iam_role_policy"
        | "aws_iam_user_policy"
        | "aws_iam_group_policy"
        | "aws_iam_role" => (Kind::IamPolicies(iam::policies(type_name, &body)), None),
        "aws_kms_key" => (Kind::KmsKey(kms::key(&body, header)), None),
        "azurerm_kubernetes_cluster" => (
            Kind::AksCluster(Box::new(aks::cluster(&body, header))),
            None,
        ),
        "azurerm_kubernetes_cluster_node_pool" => {
            (Kind::AksNodePool(aks::node_pool(&body, header)), None)
        }
        "azurerm_monitor_diagnostic_setting" => (
            Kind::DiagnosticSetting(aks::diagnostic_setting(&body)),
            None,
        ),
        "azurerm_container_registry" => {
            (Kind::ContainerRegistry(acr::registry(&body, header)), None)
        }
        "azurerm_key_vault" => (Kind::KeyVault(key_vault::vault(&body, header)), None),
        _ if type_name.starts_with("kubernetes_") => kubernetes::kind(type_name, &body, header),
        _ => (aws_data_logging(type_name, &body, header), None),
    };
    (body, kind, object)
}

/// EBS defaults, launch templates, RDS, CloudTrail, GuardDuty, Security Hub and S3.
fn aws_data_logging(type_name: &str, body: &Node, header: Span) -> Kind {
    match type_name {
        "aws_ebs_encryption_by_default" => {
            Kind::EbsDefaultEncryption(ebs::default_encryption(body, header))
        }
        "aws_launch_template" => {
            Kind::LaunchTemplate(launch_template::launch_template(body, header))
        }
        "aws_db_instance" => Kind::RdsDatabase(rds::database(body, header, false)),
        "aws_rds_cluster" => Kind::RdsDatabase(rds::database(body, header, true)),
        "aws_db_parameter_group" => Kind::RdsParameterGroup(rds::parameter_group(body, false)),
        "aws_rds_cluster_parameter_group" => {
            Kind::RdsParameterGroup(rds::parameter_group(body, true))
        }
        "aws_cloudtrail" => Kind::CloudTrail(cloudtrail::trail(body, header)),
        "aws_guardduty_detector" => Kind::GuardDutyDetector(guardduty::detector(body, header)),
        "aws_guardduty_detector_feature" => {
            Kind::GuardDutyFeature(guardduty::feature(body, header))
        }
        "aws_securityhub_account" => Kind::SecurityHub(security_hub::hub(body, header)),
        "aws_securityhub_standards_subscription" => {
            Kind::SecurityHubStandard(crate::model::aws::security_hub::Standard)
        }
        "aws_s3_bucket" => Kind::S3Bucket(s3::bucket(body)),
        "aws_s3_bucket_public_access_block" => {
            Kind::S3PublicAccessBlock(s3::public_access_block(body, header, false))
        }
        "aws_s3_account_public_access_block" => {
            Kind::S3PublicAccessBlock(s3::public_access_block(body, header, true))
        }
        "aws_s3_bucket_policy" => Kind::S3BucketPolicy(s3::bucket_policy(body, header)),
        _ => Kind::Other,
    }
}

/// The body in block shape, except a `kubernetes_manifest`'s `manifest`: that attribute holds
/// a Kubernetes object, whose lists of maps (`containers`, `rules`) are lists, not blocks.
fn normalize_body(type_name: &str, body: Node) -> Node {
    let Node { span, kind, via } = body;
    match kind {
        NodeKind::Map(entries) if type_name == "kubernetes_manifest" => {
            let (manifest, rest): (Vec<Entry>, Vec<Entry>) = entries
                .into_iter()
                .partition(|entry| entry.key == "manifest");
            let mut body = normalize(Node::new(span, NodeKind::Map(rest)));
            body.via = via;
            if let NodeKind::Map(entries) = &mut body.kind {
                entries.extend(manifest);
            }
            body
        }
        kind => normalize(Node { span, kind, via }),
    }
}

/// Spreads each map entry whose value is a non-empty list of maps into one entry per map (the
/// repeated-block form), recursively.
pub fn normalize(node: Node) -> Node {
    let Node { span, kind, via } = node;
    let kind = match kind {
        NodeKind::Map(entries) => {
            let mut spread = Vec::with_capacity(entries.len());
            for entry in entries {
                let is_block_list = entry.value.as_seq().is_some_and(|items| {
                    !items.is_empty() && items.iter().all(|item| item.as_map().is_some())
                });
                match entry.value.kind {
                    NodeKind::Seq(items) if is_block_list => {
                        spread.extend(items.into_iter().map(|item| Entry {
                            key: entry.key.clone(),
                            key_span: entry.key_span,
                            value: normalize(item),
                        }));
                    }
                    value_kind => spread.push(Entry {
                        key: entry.key,
                        key_span: entry.key_span,
                        value: normalize(Node {
                            span: entry.value.span,
                            kind: value_kind,
                            via: entry.value.via,
                        }),
                    }),
                }
            }
            NodeKind::Map(spread)
        }
        NodeKind::Seq(items) => NodeKind::Seq(items.into_iter().map(normalize).collect()),
        other => other,
    };
    Node { span, kind, via }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn lists_of_objects_become_repeated_entries() {
        let text = r#"{"encryption_config": [{"resources": ["secrets"]}, {"resources": []}],
                       "tags": ["a"], "empty": []}"#;
        let body = normalize(crate::parse::json::parse(text, FileId(0)).unwrap());
        let keys: Vec<&str> = body
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["encryption_config", "encryption_config", "tags", "empty"]
        );
        assert!(body.get("tags").unwrap().as_seq().is_some());
    }
}
