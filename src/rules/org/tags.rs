//! Which resources carry tags, and which tags a resource has, for `ORG-003`.
//!
//! Whether a type supports tags is known from the provider's schema, which a scan does not
//! have. A resource that writes `tags` (`Tags`) obviously supports them; for one that does not,
//! the lists below name the common types that do. A type in neither is not judged: better a
//! missed resource than a finding the user cannot fix (`aws_iam_role_policy_attachment`,
//! `azurerm_subnet` and `AWS::EC2::Route` have no tags at all).

use crate::model::{Format, Resource};
use crate::parse::{Node, NodeKind};
use crate::source::Span;

/// The tags a taggable resource has.
pub struct Tags {
    /// The tag keys, or `None` when they cannot all be known (a variable, a `merge` with an
    /// unknown map, a computed key).
    pub keys: Option<Vec<String>>,
    /// The written tags, where a finding about a missing tag points; `None` when the resource
    /// writes no tags (the finding goes to its header).
    pub span: Option<Span>,
}

/// Terraform AWS types that support `tags` (`aws_autoscaling_group` uses `tag` blocks).
const TERRAFORM_AWS: &[&str] = &[
    "aws_acm_certificate",
    "aws_alb",
    "aws_api_gateway_rest_api",
    "aws_autoscaling_group",
    "aws_cloudfront_distribution",
    "aws_cloudtrail",
    "aws_cloudwatch_log_group",
    "aws_db_instance",
    "aws_db_subnet_group",
    "aws_dynamodb_table",
    "aws_ebs_volume",
    "aws_ecr_repository",
    "aws_ecs_cluster",
    "aws_ecs_service",
    "aws_ecs_task_definition",
    "aws_efs_file_system",
    "aws_eip",
    "aws_eks_cluster",
    "aws_eks_fargate_profile",
    "aws_eks_node_group",
    "aws_elasticache_cluster",
    "aws_elasticache_replication_group",
    "aws_iam_policy",
    "aws_iam_role",
    "aws_iam_user",
    "aws_instance",
    "aws_internet_gateway",
    "aws_kms_key",
    "aws_lambda_function",
    "aws_launch_template",
    "aws_lb",
    "aws_lb_target_group",
    "aws_msk_cluster",
    "aws_nat_gateway",
    "aws_network_acl",
    "aws_network_interface",
    "aws_opensearch_domain",
    "aws_rds_cluster",
    "aws_redshift_cluster",
    "aws_route53_zone",
    "aws_route_table",
    "aws_s3_bucket",
    "aws_secretsmanager_secret",
    "aws_security_group",
    "aws_sns_topic",
    "aws_sqs_queue",
    "aws_ssm_parameter",
    "aws_subnet",
    "aws_vpc",
    "aws_vpc_endpoint",
    "aws_wafv2_web_acl",
];

/// Terraform Azure types that support `tags`.
const TERRAFORM_AZURE: &[&str] = &[
    "azurerm_application_gateway",
    "azurerm_container_registry",
    "azurerm_disk_encryption_set",
    "azurerm_key_vault",
    "azurerm_kubernetes_cluster",
    "azurerm_kubernetes_cluster_node_pool",
    "azurerm_lb",
    "azurerm_linux_virtual_machine",
    "azurerm_log_analytics_workspace",
    "azurerm_managed_disk",
    "azurerm_mssql_server",
    "azurerm_nat_gateway",
    "azurerm_network_interface",
    "azurerm_network_security_group",
    "azurerm_postgresql_flexible_server",
    "azurerm_private_endpoint",
    "azurerm_public_ip",
    "azurerm_resource_group",
    "azurerm_storage_account",
    "azurerm_user_assigned_identity",
    "azurerm_virtual_network",
    "azurerm_windows_virtual_machine",
];

/// CloudFormation types whose `Tags` property is a list of `{Key, Value}` (or, for EKS node
/// groups and SAM functions, a map).
const CLOUDFORMATION: &[&str] = &[
    "AWS::CloudTrail::Trail",
    "AWS::DynamoDB::Table",
    "AWS::EC2::EIP",
    "AWS::EC2::Instance",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::NatGateway",
    "AWS::EC2::RouteTable",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::Subnet",
    "AWS::EC2::VPC",
    "AWS::EC2::Volume",
    "AWS::ECR::Repository",
    "AWS::EKS::Cluster",
    "AWS::EKS::Nodegroup",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::KMS::Key",
    "AWS::Lambda::Function",
    "AWS::Logs::LogGroup",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::S3::Bucket",
    "AWS::SNS::Topic",
    "AWS::SQS::Queue",
    "AWS::SecretsManager::Secret",
    "AWS::Serverless::Function",
];

/// The tags of `resource`, or `None` when it is not a resource known to support tags.
pub fn resource_tags(resource: &Resource) -> Option<Tags> {
    let ty = resource.type_name.as_str();
    let body = &resource.body;
    match resource.format {
        Format::Terraform if ty.starts_with("aws_") || ty.starts_with("azurerm_") => {
            let tags = written(body, "tags");
            // Plan JSON also has `tags_all`: the tags with the provider's default tags merged.
            let tags_all = written(body, "tags_all");
            let blocks = tag_blocks(body);
            let listed = TERRAFORM_AWS.contains(&ty) || TERRAFORM_AZURE.contains(&ty);
            if !listed && tags.is_none() && tags_all.is_none() && blocks.is_empty() {
                return None;
            }
            let mut keys = Some(Vec::new());
            for node in tags.iter().chain(&tags_all) {
                merge(&mut keys, map_keys(node));
            }
            for block in &blocks {
                merge(
                    &mut keys,
                    block.get("key").and_then(known_str).map(|k| vec![k]),
                );
            }
            // `tag` blocks written by a `dynamic` block cannot be told apart from others.
            if ty == "aws_autoscaling_group" && body.entry("dynamic").is_some() {
                keys = None;
            }
            Some(Tags {
                keys,
                span: tags.or(blocks.first().copied()).map(|node| node.span),
            })
        }
        Format::CloudFormation if ty.starts_with("AWS::") => {
            let tags = written(body, "Tags");
            if !CLOUDFORMATION.contains(&ty) && tags.is_none() {
                return None;
            }
            let keys = match tags {
                None => Some(Vec::new()),
                Some(node) => match &node.kind {
                    NodeKind::Seq(items) => items
                        .iter()
                        .map(|item| item.get("Key").and_then(known_str))
                        .collect(),
                    _ => map_keys(node),
                },
            };
            Some(Tags {
                keys,
                span: tags.map(|node| node.span),
            })
        }
        _ => None,
    }
}

fn written<'a>(body: &'a Node, key: &str) -> Option<&'a Node> {
    body.get(key).filter(|node| !node.is_null())
}

/// `aws_autoscaling_group`'s repeated `tag { key = ... }` blocks.
fn tag_blocks(body: &Node) -> Vec<&Node> {
    body.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "tag")
        .map(|entry| &entry.value)
        .collect()
}

fn map_keys(node: &Node) -> Option<Vec<String>> {
    node.as_map()
        .map(|entries| entries.iter().map(|e| e.key.clone()).collect())
}

fn known_str(node: &Node) -> Option<String> {
    node.as_str().map(str::to_string)
}

/// Adds `more` to `keys`; anything unknown makes the whole set unknown.
fn merge(keys: &mut Option<Vec<String>>, more: Option<Vec<String>>) {
    match (keys.as_mut(), more) {
        (Some(keys), Some(more)) => keys.extend(more),
        _ => *keys = None,
    }
}
