//! How long a scan of a large Terraform tree takes: 1,000 module directories (a root calling
//! 10 platform modules, each calling 99 service modules with `count`, `for_each`, `dynamic`
//! blocks, locals and variables), written to a temporary directory and scanned end to end.
//!
//! Run with `cargo bench --bench terraform_modules`; it prints the time of each run.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use iacguard::scan::{scan_paths, Options};

const PLATFORMS: usize = 10;
const SERVICES_PER_PLATFORM: usize = 99;
const RUNS: usize = 5;

fn main() {
    let root = std::env::temp_dir().join(format!("iacguard-bench-modules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    write_tree(&root).expect("the benchmark tree can be written");

    let options = Options::default();
    let mut times = Vec::new();
    for run in 1..=RUNS {
        let start = Instant::now();
        let scan = scan_paths(std::slice::from_ref(&root), &options);
        let elapsed = start.elapsed();
        times.push(elapsed);
        println!(
            "run {run}: {} files, {} resources, {} findings, {} notices in {:.1} ms",
            scan.files_scanned,
            scan.resources,
            scan.findings.len(),
            scan.notices.len(),
            elapsed.as_secs_f64() * 1000.0
        );
    }
    times.sort();
    println!(
        "terraform_modules: {} module directories, median {:.1} ms",
        1 + PLATFORMS * (1 + SERVICES_PER_PLATFORM),
        times[RUNS / 2].as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn write_tree(root: &Path) -> std::io::Result<()> {
    let mut main =
        String::from("variable \"encrypt\" {\n  type    = bool\n  default = true\n}\n\n");
    for p in 0..PLATFORMS {
        let _ = write!(
            main,
            "module \"platform_{p}\" {{\n  source  = \"./platform-{p}\"\n  encrypt = var.encrypt\n  name    = \"p{p}\"\n}}\n\n"
        );
        let mut platform = String::from(
            "variable \"encrypt\" { type = bool }\nvariable \"name\" { type = string }\n\n",
        );
        for s in 0..SERVICES_PER_PLATFORM {
            let _ = write!(
                platform,
                "module \"service_{s}\" {{\n  source   = \"./service-{s}\"\n  for_each = {{ blue = var.encrypt, green = {} }}\n  name     = \"${{var.name}}-{s}-${{each.key}}\"\n  encrypt  = each.value\n}}\n\n",
                s % 7 != 0
            );
            write(
                &root.join(format!("platform-{p}/service-{s}/main.tf")),
                SERVICE,
            )?;
        }
        write(&root.join(format!("platform-{p}/main.tf")), &platform)?;
    }
    write(&root.join("main.tf"), &main)?;
    write(&root.join("terraform.tfvars"), "encrypt = true\n")
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

const SERVICE: &str = r#"variable "name" {
  type = string
}

variable "encrypt" {
  type    = bool
  default = true
}

variable "settings" {
  type = object({
    replicas = optional(number, 2)
    public   = optional(bool, false)
    keys     = optional(list(string), ["arn:aws:kms:eu-west-1:123456789012:key/1"])
  })
  default = {}
}

locals {
  zones = ["eu-west-1a", "eu-west-1b"]
  tags  = { Service = var.name }
}

resource "aws_ebs_volume" "data" {
  count             = var.settings.replicas
  availability_zone = local.zones[count.index]
  size              = 20
  encrypted         = var.encrypt
  tags              = local.tags
}

resource "aws_eks_cluster" "this" {
  name                      = var.name
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = var.settings.public
    endpoint_private_access = true
  }

  dynamic "encryption_config" {
    for_each = var.settings.keys
    content {
      resources = ["secrets"]
      provider {
        key_arn = encryption_config.value
      }
    }
  }
}

output "cluster" {
  value = aws_eks_cluster.this.name
}
"#;
