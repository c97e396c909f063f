resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

# EKS node template: root volume unencrypted, IMDSv1 allowed.
resource "aws_launch_template" "nodes" {
  name_prefix = "eks-nodes-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      volume_type = "gp3"
    }
  }

  block_device_mappings {
    device_name = "/dev/xvdb"
    ebs {
      volume_size = 100
      encrypted   = "false"
    }
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }
}

# No metadata options at all: EC2 defaults to optional tokens.
resource "aws_launch_template" "bastion" {
  name_prefix   = "bastion-"
  instance_type = "t3.micro"
}
