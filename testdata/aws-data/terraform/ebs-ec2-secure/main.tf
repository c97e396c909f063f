resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_launch_template" "nodes" {
  name_prefix = "eks-nodes-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = true
      kms_key_id  = aws_kms_key.ebs.arn
    }
  }

  # Made from a snapshot: the volume takes the snapshot's encryption.
  block_device_mappings {
    device_name = "/dev/xvdc"
    ebs {
      snapshot_id = "snap-0123456789abcdef0"
    }
  }

  # An instance store volume, no EBS.
  block_device_mappings {
    device_name  = "/dev/sdb"
    virtual_name = "ephemeral0"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

# Metadata service off: nothing to steal.
resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_kms_key" "ebs" {
  enable_key_rotation = true
}
