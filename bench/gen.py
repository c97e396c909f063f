#!/usr/bin/env python3
"""Generates a benchmark corpus of CloudFormation, Terraform and Kubernetes files.

    python3 bench/gen.py OUT_DIR FILES          # a corpus of about FILES files
    python3 bench/gen.py --stream OUT_FILE MB   # one Kubernetes manifest stream of about MB MB

The corpus is deterministic (a fixed seed per file number), so two runs of the harness measure
the same bytes. The mix follows what a platform repository holds: a quarter Kubernetes
manifests (multi-document: Deployment, Service, ConfigMap, sometimes RBAC or a Secret), a
fifth CloudFormation YAML with short-form intrinsics, a sixth CloudFormation JSON, and the rest
Terraform modules (main.tf, variables.tf, outputs.tf per directory, with variables, locals, a
call of a shared local module and for_each/count). Files are 1-6 KB, like real ones, and about
half of the resources are insecure in some way, so the rules have work to do.
"""

import os
import random
import sys


def k8s_manifest(rng, i):
    insecure = rng.random() < 0.5
    ns = rng.choice(["payments", "web", "batch", "default", "platform"])
    docs = []
    replicas = rng.randint(1, 5)
    image = (
        f"nginx:1.{rng.randint(19, 27)}"
        if not insecure
        else rng.choice(["nginx:latest", "busybox", "docker.io/library/redis"])
    )
    security = (
        """          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
            seccompProfile:
              type: RuntimeDefault
"""
        if not insecure
        else """          securityContext:
            privileged: true
            capabilities:
              add: ["NET_ADMIN", "SYS_ADMIN"]
"""
    )
    env = "\n".join(
        f"""            - name: SETTING_{k}
              value: "{rng.randint(0, 10**6)}\""""
        for k in range(rng.randint(2, 8))
    )
    docs.append(
        f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: app-{i}
    app.kubernetes.io/part-of: shop
    team: team-{i % 13}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: app-{i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-{i}
    spec:
      serviceAccountName: app-{i}
      automountServiceAccountToken: {"false" if not insecure else "true"}
      hostNetwork: {"true" if insecure and rng.random() < 0.3 else "false"}
      containers:
        - name: app
          image: {image}
          ports:
            - containerPort: 8080
          env:
{env}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
{security}"""
    )
    docs.append(
        f"""apiVersion: v1
kind: Service
metadata:
  name: app-{i}
  namespace: {ns}
spec:
  type: {"LoadBalancer" if insecure and rng.random() < 0.4 else "ClusterIP"}
  selector:
    app.kubernetes.io/name: app-{i}
  ports:
    - port: 80
      targetPort: 8080
"""
    )
    data = "\n".join(
        f"  key_{k}: \"value {rng.randint(0, 10**9)}\"" for k in range(rng.randint(3, 15))
    )
    docs.append(
        f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: app-{i}-config
  namespace: {ns}
data:
{data}
"""
    )
    if rng.random() < 0.2:
        docs.append(
            f"""apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: app-{i}-reader
rules:
  - apiGroups: [""]
    resources: [{'"*"' if insecure else '"pods", "services"'}]
    verbs: ["get", "list", "watch"]
"""
        )
    return "---\n".join(docs)


def cfn_resources(rng, i):
    """(logical id, type, properties as nested Python values) for one template."""
    insecure = rng.random() < 0.5
    resources = []
    for v in range(rng.randint(2, 5)):
        props = {
            "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
            "Size": rng.choice([20, 50, 100, 500]),
            "VolumeType": "gp3",
            "Tags": [{"Key": "Name", "Value": {"Fn::Sub": "${AWS::StackName}-vol-" + str(v)}}],
        }
        if not insecure or rng.random() < 0.5:
            props["Encrypted"] = {"Ref": "EncryptVolumes"} if v % 2 else True
            props["KmsKeyId"] = {"Fn::GetAtt": ["Key", "Arn"]}
        resources.append((f"Volume{v}", "AWS::EC2::Volume", props))
    resources.append(("Key", "AWS::KMS::Key", {"EnableKeyRotation": True, "Description": f"key {i}"}))
    if rng.random() < 0.6:
        resources.append(
            (
                "Cluster",
                "AWS::EKS::Cluster",
                {
                    "Name": {"Fn::Sub": "${AWS::StackName}-eks"},
                    "RoleArn": {"Fn::GetAtt": ["ClusterRole", "Arn"]},
                    "Version": "1.29",
                    "ResourcesVpcConfig": {
                        "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
                        "EndpointPublicAccess": insecure,
                        "EndpointPrivateAccess": True,
                        "PublicAccessCidrs": ["0.0.0.0/0"] if insecure else ["10.0.0.0/8"],
                    },
                    "EncryptionConfig": []
                    if insecure
                    else [{"Resources": ["secrets"], "Provider": {"KeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}}],
                    "Logging": {
                        "ClusterLogging": {
                            "EnabledTypes": [{"Type": "api"}] + ([] if insecure else [{"Type": "audit"}])
                        }
                    },
                },
            )
        )
        resources.append(
            (
                "ClusterRole",
                "AWS::IAM::Role",
                {
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}
                        ],
                    },
                    "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"],
                },
            )
        )
    return resources


def cfn_template(rng, i):
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Stack {i}: storage and cluster",
        "Parameters": {
            "EncryptVolumes": {"Type": "String", "Default": rng.choice(["true", "false"]), "AllowedValues": ["true", "false"]},
            "SubnetA": {"Type": "AWS::EC2::Subnet::Id"},
            "SubnetB": {"Type": "AWS::EC2::Subnet::Id"},
        },
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]}},
        "Resources": {
            name: {"Type": kind, "Properties": props} for name, kind, props in cfn_resources(rng, i)
        },
        "Outputs": {"KeyArn": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}}},
    }


def to_json(value, indent=0):
    import json

    return json.dumps(value, indent=2) + "\n"


def to_yaml(value, indent=0):
    """YAML with CloudFormation short forms (!Ref, !GetAtt, !Sub, !Select, !GetAZs, !Equals)."""
    pad = "  " * indent
    if isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        short = {"Ref": "!Ref", "Fn::Sub": "!Sub", "Fn::GetAZs": "!GetAZs"}
        if key in short and isinstance(inner, str):
            return f"{short[key]} {yaml_scalar(inner)}"
        if key == "Fn::GetAtt":
            return f"!GetAtt {inner[0]}.{inner[1]}"
        if key in ("Fn::Select", "Fn::Equals"):
            tag = "!" + key[4:]
            return f"{tag} [{', '.join(to_yaml(v) for v in inner)}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for key, inner in value.items():
            rendered = to_yaml(inner, indent + 1)
            if isinstance(inner, (dict, list)) and inner and not rendered.startswith("!"):
                lines.append(f"{pad}{key}:\n{rendered}")
            else:
                lines.append(f"{pad}{key}: {rendered}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        lines = []
        for inner in value:
            rendered = to_yaml(inner, indent + 1)
            if isinstance(inner, dict) and inner and not rendered.startswith("!"):
                lines.append(f"{pad}- {rendered.lstrip()}")
            else:
                lines.append(f"{pad}- {rendered}")
        return "\n".join(lines)
    return yaml_scalar(value)


def yaml_scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value == "" or any(c in value for c in ":#{}[],&*!|>'\"%@`") or value in ("true", "false"):
        return '"' + value.replace('"', '\\"') + '"'
    return value


def tf_module(rng, i):
    """main.tf, variables.tf, outputs.tf of one root module."""
    insecure = rng.random() < 0.5
    volumes = []
    for v in range(rng.randint(2, 5)):
        encrypted = "var.encrypt_volumes" if v % 2 else ("false" if insecure else "true")
        volumes.append(
            f"""resource "aws_ebs_volume" "data_{v}" {{
  availability_zone = local.zones[{v % 3}]
  size              = {rng.choice([20, 50, 100])}
  type              = "gp3"
  encrypted         = {encrypted}
  kms_key_id        = aws_kms_key.this.arn
  tags = merge(local.tags, {{
    Name = "${{var.name}}-data-{v}"
  }})
}}
"""
        )
    cluster = f"""resource "aws_eks_cluster" "this" {{
  name     = "${{var.name}}-eks"
  role_arn = aws_iam_role.cluster.arn
  version  = var.kubernetes_version

  vpc_config {{
    subnet_ids              = var.subnet_ids
    endpoint_public_access  = {"true" if insecure else "false"}
    endpoint_private_access = true
    public_access_cidrs     = {'["0.0.0.0/0"]' if insecure else '["10.0.0.0/8"]'}
  }}

  enabled_cluster_log_types = {'["api"]' if insecure else '["api", "audit", "authenticator"]'}

  dynamic "encryption_config" {{
    for_each = var.encrypt_secrets ? [1] : []
    content {{
      resources = ["secrets"]
      provider {{
        key_arn = aws_kms_key.this.arn
      }}
    }}
  }}

  tags = local.tags
}}
"""
    main = f"""locals {{
  zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  tags = {{
    team        = "team-{i % 17}"
    environment = var.environment
    service     = var.name
  }}
  queues = {{ for n in range({rng.randint(2, 6)}) : "q${{n}}" => {{ retention = n * 3600 }} }}
}}

resource "aws_kms_key" "this" {{
  description         = "${{var.name}} key"
  enable_key_rotation = true
  tags                = local.tags
}}

resource "aws_iam_role" "cluster" {{
  name = "${{var.name}}-cluster"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Service = "eks.amazonaws.com" }}
      Action    = "sts:AssumeRole"
    }}]
  }})
}}

resource "aws_sqs_queue" "q" {{
  for_each                  = local.queues
  name                      = "${{var.name}}-${{each.key}}"
  message_retention_seconds = each.value.retention
}}

module "logs" {{
  source    = "../../modules/log-volume"
  name      = var.name
  encrypted = {"false" if insecure else "true"}
}}

{"".join(volumes)}
{cluster if rng.random() < 0.6 else ""}"""
    variables = f"""variable "name" {{
  type    = string
  default = "svc-{i}"
}}

variable "environment" {{
  type    = string
  default = "{rng.choice(["prod", "staging", "dev"])}"
}}

variable "encrypt_volumes" {{
  type    = bool
  default = {"false" if insecure else "true"}
}}

variable "encrypt_secrets" {{
  type    = bool
  default = {"false" if insecure else "true"}
}}

variable "kubernetes_version" {{
  type    = string
  default = "1.29"
}}

variable "subnet_ids" {{
  type    = list(string)
  default = ["subnet-0a{i:06d}", "subnet-0b{i:06d}"]
}}
"""
    outputs = """output "key_arn" {
  value = aws_kms_key.this.arn
}

output "log_volume" {
  value = module.logs.volume_id
}
"""
    return {"main.tf": main, "variables.tf": variables, "outputs.tf": outputs}


SHARED_MODULE = {
    "main.tf": """variable "name" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = true
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted
  tags = {
    Name = "${var.name}-logs"
  }
}

output "volume_id" {
  value = aws_ebs_volume.logs.id
}
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def corpus(out, files):
    """About `files` files: each unit below is one file, a Terraform root three."""
    written = 0
    for name, text in SHARED_MODULE.items():
        write(os.path.join(out, "terraform/modules/log-volume", name), text)
        written += 1
    i = 0
    while written < files:
        rng = random.Random(i)
        kind = i % 20
        bucket = f"{i // 100:03d}"
        if kind < 5:
            write(os.path.join(out, "kubernetes", bucket, f"app-{i}.yaml"), k8s_manifest(rng, i))
            written += 1
        elif kind < 9:
            write(
                os.path.join(out, "cloudformation", bucket, f"stack-{i}.yaml"),
                to_yaml(cfn_template(rng, i)) + "\n",
            )
            written += 1
        elif kind < 12:
            write(os.path.join(out, "cloudformation", bucket, f"stack-{i}.json"), to_json(cfn_template(rng, i)))
            written += 1
        else:
            for name, text in tf_module(rng, i).items():
                write(os.path.join(out, "terraform/live", bucket, f"svc-{i}", name), text)
                written += 1
        i += 1
    return written


def stream(out, megabytes):
    """One multi-document Kubernetes stream (`kubectl get -o yaml` of a big cluster)."""
    target = int(megabytes * 1024 * 1024)
    size = 0
    i = 0
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        while size < target:
            text = ("---\n" if i else "") + k8s_manifest(random.Random(i), i)
            f.write(text)
            size += len(text.encode())
            i += 1
    return i


def main(argv):
    if len(argv) == 4 and argv[1] == "--stream":
        documents = stream(argv[2], float(argv[3]))
        print(f"{argv[2]}: {documents} manifests")
    elif len(argv) == 3:
        written = corpus(argv[1], int(argv[2]))
        print(f"{argv[1]}: {written} files")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
