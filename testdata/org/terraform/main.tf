# tests/org_policy.rs expects exactly the ORG findings noted on each line.

variable "tags" {
  description = "given at plan time"
}

provider "aws" {
  region = "us-east-1" # ORG-001
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
  default_tags {
    tags = {
      cost-center = "1234"
    }
  }
}

# owner is written, cost-center comes from the provider's default tags.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    owner = "platform"
  }
}

resource "aws_instance" "bastion" { # ORG-003 (no tags at all)
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true # ORG-005
}

resource "aws_eip" "nat" { # ORG-005
  domain = "vpc"
  tags = { # ORG-003 (owner missing)
    Owner = "platform"
  }
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true # ORG-005
  region                  = "ap-south-1" # ORG-001 (AWS provider 6 per-resource region)
  tags                    = var.tags
}

# Not taggable: never ORG-003.
resource "aws_iam_role_policy_attachment" "nodes" {
  role       = "nodes"
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"
}

resource "azurerm_resource_group" "rg" {
  name     = "platform"
  location = "East US" # ORG-002
  tags = {
    owner       = "platform"
    cost-center = "1234"
  }
}

resource "azurerm_public_ip" "ingress" { # ORG-003 ORG-005
  name                = "ingress"
  location            = "westeurope"
  resource_group_name = "platform"
  allocation_method   = "Static"
}
