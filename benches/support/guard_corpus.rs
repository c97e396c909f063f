//! The generated scan both Guard benchmarks time: COUNT Kubernetes Deployments, Terraform
//! volumes and CloudFormation volumes, every third of each lacking its `owner` tag or label (so
//! the four packs find exactly one failure per such file and pass the rest).

use iacguard::source::SourceFile;

/// The files, sorted by path as discovery would give them.
pub fn files(count: usize) -> Vec<SourceFile> {
    let mut files = Vec::with_capacity(count * 3);
    for i in 0..count {
        let owner = if i % 3 == 0 { "" } else { "    owner: team\n" };
        files.push(SourceFile::new(
            None,
            format!("k8s/{i:05}.yaml"),
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web{i}\n  namespace: shop\n  labels:\n    app: web\n{owner}spec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: eu-west-1\n      containers:\n        - name: web\n          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:{i}\n          securityContext:\n            runAsNonRoot: true\n"
            ),
        ));
        let tags = if i % 3 == 0 {
            ""
        } else {
            "  tags = { owner = \"team\" }\n"
        };
        files.push(SourceFile::new(
            None,
            format!("tf/{i:05}/main.tf"),
            format!(
                "variable \"size\" {{\n  default = {}\n}}\n\nresource \"aws_ebs_volume\" \"v\" {{\n  availability_zone = \"eu-west-1a\"\n  size              = var.size\n  encrypted         = true\n{tags}}}\n",
                10 + i % 50
            ),
        ));
        let tags = if i % 3 == 0 { "Purpose" } else { "owner" };
        files.push(SourceFile::new(
            None,
            format!("cfn/{i:05}.yaml"),
            format!(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Volume:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: {}\n      Encrypted: true\n      Tags:\n        - Key: {tags}\n          Value: x\n",
                10 + i % 50
            ),
        ));
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files
}
