//! The EKS catalogue on whole stacks (`testdata/eks`): a cluster as the console creates it, in
//! CloudFormation and in Terraform, gives exactly the expected findings; its hardened twin
//! gives none at medium or above; and a stack whose every judged value is unknown before
//! deployment raises none of the cross-resource EKS rules.

mod common;

use common::*;

fn scan(dir: &str) -> (serde_json::Value, Option<i32>) {
    let output = iacguard(&["scan", dir, "--format", "json"]);
    (json(&output), output.status.code())
}

/// `path:line RULE-ID` per finding.
fn lines(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["location"]["path"].as_str().unwrap(),
                f["location"]["start_line"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect()
}

const CONSOLE_CLOUDFORMATION: &[&str] = &[
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-001",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-004",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-005",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-006",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-007",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-008",
    "testdata/eks/console/cloudformation/eks.yaml:30 AWS-EKS-016",
    "testdata/eks/console/cloudformation/eks.yaml:34 AWS-EKS-015",
    "testdata/eks/console/cloudformation/eks.yaml:36 AWS-EKS-002",
    "testdata/eks/console/cloudformation/eks.yaml:36 AWS-EKS-003",
    "testdata/eks/console/cloudformation/eks.yaml:49 AWS-EKS-012",
    "testdata/eks/console/cloudformation/eks.yaml:55 AWS-EKS-010",
    "testdata/eks/console/cloudformation/eks.yaml:57 AWS-EKS-011",
    "testdata/eks/console/cloudformation/eks.yaml:59 AWS-EKS-009",
    "testdata/eks/console/cloudformation/eks.yaml:71 AWS-EKS-014",
];

const CONSOLE_TERRAFORM: &[&str] = &[
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-001",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-004",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-005",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-006",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-007",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-008",
    "testdata/eks/console/terraform/main.tf:26 AWS-EKS-016",
    "testdata/eks/console/terraform/main.tf:28 AWS-EKS-015",
    "testdata/eks/console/terraform/main.tf:31 AWS-EKS-002",
    "testdata/eks/console/terraform/main.tf:31 AWS-EKS-003",
    "testdata/eks/console/terraform/main.tf:48 AWS-EKS-012",
    "testdata/eks/console/terraform/main.tf:53 AWS-EKS-013",
    "testdata/eks/console/terraform/main.tf:62 AWS-EKS-010",
    "testdata/eks/console/terraform/main.tf:71 AWS-EKS-011",
    "testdata/eks/console/terraform/main.tf:89 AWS-EKS-009",
    "testdata/eks/console/terraform/main.tf:99 AWS-EKS-014",
];

#[test]
fn the_console_cluster_in_cloudformation_gives_the_expected_findings() {
    let (report, code) = scan("testdata/eks/console/cloudformation");
    assert_eq!(code, Some(1));
    assert!(report["notices"].as_array().unwrap().is_empty());
    assert_eq!(lines(&report), CONSOLE_CLOUDFORMATION);
}

#[test]
fn the_console_cluster_in_terraform_gives_the_expected_findings() {
    let (report, code) = scan("testdata/eks/console/terraform");
    assert_eq!(code, Some(1));
    assert!(report["notices"].as_array().unwrap().is_empty());
    assert_eq!(lines(&report), CONSOLE_TERRAFORM);
}

#[test]
fn the_hardened_twins_have_nothing_at_medium_or_above() {
    for dir in [
        "testdata/eks/hardened/cloudformation",
        "testdata/eks/hardened/terraform",
    ] {
        let (report, code) = scan(dir);
        assert!(report["notices"].as_array().unwrap().is_empty());
        let serious: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "low")
            .collect();
        assert!(serious.is_empty(), "{dir}: {serious:#?}");
        assert_eq!(code, Some(0), "{dir}");
    }
}

#[test]
fn unknown_values_raise_none_of_the_cross_resource_rules() {
    let (report, _) = scan("testdata/eks/unknown");
    assert!(report["notices"].as_array().unwrap().is_empty());
    let new_rules: Vec<String> = lines(&report)
        .into_iter()
        .filter(|line| {
            let id = line.rsplit(' ').next().unwrap_or_default();
            id.starts_with("AWS-EKS-") && id >= "AWS-EKS-006"
        })
        .collect();
    assert!(new_rules.is_empty(), "{new_rules:#?}");
    // The files were read: the cluster-only rules still see the clusters.
    assert!(lines(&report).iter().any(|l| l.ends_with("AWS-EKS-001")));
}

#[test]
fn eksctl_node_groups_add_ons_and_profiles_are_resources_of_their_own() {
    let dir = scratch("eksctl-catalogue");
    std::fs::write(
        dir.join("cluster.yaml"),
        "apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: shop
  region: eu-west-1
  version: \"1.29\"
iam:
  withOIDC: true
accessConfig:
  authenticationMode: API
addons:
  - name: vpc-cni
    configurationValues: '{\"enableNetworkPolicy\": \"false\"}'
  - name: aws-guardduty-agent
fargateProfiles:
  - name: untrusted
    selectors: [{namespace: untrusted}]
managedNodeGroups:
  - name: public
    ssh:
      publicKeyName: ops
  - name: private
    privateNetworking: true
    iam:
      attachPolicyARNs:
        - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess
",
    )
    .unwrap();
    let (report, _) = scan(dir.to_str().unwrap());
    let ids: Vec<String> = lines(&report)
        .into_iter()
        .map(|line| {
            let (place, id) = line.rsplit_once(' ').unwrap();
            format!("{} {id}", place.rsplit(':').next().unwrap())
        })
        .filter(|line| {
            let id = line.rsplit(' ').next().unwrap_or_default();
            id >= "AWS-EKS-006"
        })
        .collect();
    assert_eq!(
        ids,
        [
            "6 AWS-EKS-015",
            "13 AWS-EKS-009",
            "19 AWS-EKS-010",
            "20 AWS-EKS-011",
            "26 AWS-EKS-012",
        ]
    );
}

#[test]
fn tf_json_node_groups_and_roles_linked_by_name_and_arn() {
    let dir = scratch("eks-tf-json");
    std::fs::write(
        dir.join("main.tf.json"),
        r#"{
  "resource": {
    "aws_eks_node_group": {
      "workers": {
        "cluster_name": "main",
        "node_role_arn": "arn:aws:iam::123456789012:role/nodes",
        "subnet_ids": ["subnet-1"],
        "version": "1.28",
        "remote_access": [{"ec2_ssh_key": "ops"}],
        "scaling_config": [{"desired_size": 1, "max_size": 1, "min_size": 1}]
      }
    },
    "aws_iam_role_policy_attachment": {
      "ecr": {"role": "nodes", "policy_arn": "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess"},
      "other": {"role": "ci", "policy_arn": "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess"}
    }
  }
}
"#,
    )
    .unwrap();
    let (report, _) = scan(dir.to_str().unwrap());
    let found: Vec<String> = lines(&report)
        .into_iter()
        .map(|line| line.rsplit_once(':').unwrap().1.to_string())
        .collect();
    // The `ci` role is no node's role: its attachment is someone else's business.
    assert_eq!(found, ["8 AWS-EKS-015", "9 AWS-EKS-011", "14 AWS-EKS-012"]);
}

#[test]
fn a_launch_template_decides_public_addresses_before_the_subnet() {
    let dir = scratch("eks-launch-template");
    std::fs::write(
        dir.join("main.tf"),
        r#"resource "aws_launch_template" "public" {
  network_interfaces {
    associate_public_ip_address = true
  }
}
resource "aws_launch_template" "private" {
  network_interfaces {
    associate_public_ip_address = false
  }
}
resource "aws_subnet" "public" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}
resource "aws_eks_node_group" "a" {
  cluster_name  = "main"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-1"]
  launch_template {
    id      = aws_launch_template.public.id
    version = "$Latest"
  }
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
resource "aws_eks_node_group" "b" {
  cluster_name  = "main"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = [aws_subnet.public.id]
  launch_template {
    id      = aws_launch_template.private.id
    version = "$Latest"
  }
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
"#,
    )
    .unwrap();
    let (report, _) = scan(dir.to_str().unwrap());
    let found: Vec<String> = lines(&report)
        .into_iter()
        .map(|line| line.rsplit_once(':').unwrap().1.to_string())
        // The templates allow IMDSv1 too (AWS-EC2-002): not what this case is about.
        .filter(|line| line.contains("AWS-EKS-"))
        .collect();
    // `b` sits in a public subnet, but its launch template turns the public address off.
    assert_eq!(found, ["19 AWS-EKS-010"]);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "AWS-EKS-010")
        .unwrap();
    let related = &finding["related"][0];
    assert_eq!(related["location"]["start_line"], 3, "{related}");
}

#[test]
fn an_oidc_provider_counts_unless_it_belongs_to_another_cluster() {
    let dir = scratch("eks-oidc");
    let cluster = |name: &str| {
        format!(
            "resource \"aws_eks_cluster\" \"{name}\" {{\n  name     = \"{name}\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {{\n    subnet_ids = [\"subnet-1\"]\n  }}\n}}\n"
        )
    };
    let text = cluster("a")
        + &cluster("b")
        + "resource \"aws_iam_openid_connect_provider\" \"a\" {\n  url            = aws_eks_cluster.a.identity[0].oidc[0].issuer\n  client_id_list = [\"sts.amazonaws.com\"]\n}\n";
    std::fs::write(dir.join("main.tf"), &text).unwrap();
    let (report, _) = scan(dir.to_str().unwrap());
    let irsa: Vec<String> = lines(&report)
        .into_iter()
        .filter(|l| l.ends_with("AWS-EKS-006"))
        .map(|line| line.rsplit_once(':').unwrap().1.to_string())
        .collect();
    // Cluster `b` (line 8) has no provider of its own; `a`'s provider is no use to it.
    assert_eq!(irsa, ["8 AWS-EKS-006"]);

    // A provider whose issuer URL is written out may be any cluster's.
    let written = cluster("a")
        + "resource \"aws_iam_openid_connect_provider\" \"a\" {\n  url            = \"https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE\"\n  client_id_list = [\"sts.amazonaws.com\"]\n}\n";
    std::fs::write(dir.join("main.tf"), &written).unwrap();
    let (report, _) = scan(dir.to_str().unwrap());
    assert!(!lines(&report).iter().any(|l| l.ends_with("AWS-EKS-006")));
}

#[test]
fn odd_shapes_are_read_without_panics() {
    let dir = scratch("eks-odd");
    std::fs::write(
        dir.join("cluster.yaml"),
        "apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: odd, version: latest}
iam: [1, 2]
accessConfig: nope
addons: {name: vpc-cni}
managedNodeGroups:
  - name: a
    ssh: true
    iam: {attachPolicy: 5, attachPolicyARNs: nope, withAddonPolicies: [x]}
  - 7
  - {}
fargateProfiles: null
",
    )
    .unwrap();
    std::fs::write(
        dir.join("template.yaml"),
        "Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser
      Policies: [{PolicyDocument: {Statement: {Effect: Allow, Action: {x: 1}}}}, 3]
  Group:
    Type: AWS::EKS::Nodegroup
    Properties:
      NodeRole: [Role]
      RemoteAccess: ops
      LaunchTemplate: [1]
      Subnets: subnet-1
  Addon:
    Type: AWS::EKS::Addon
    Properties:
      AddonName: vpc-cni
      ConfigurationValues: '{\"enableNetworkPolicy\": [true'
  Ingress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: {Fn::GetAtt: [Nope, GroupId]}
      CidrIp: [0.0.0.0/0]
",
    )
    .unwrap();
    let output = iacguard(&["scan", dir.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    let report = json(&output);
    assert!(report["findings"].is_array());
}
