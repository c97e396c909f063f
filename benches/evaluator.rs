//! The Terraform evaluator: one module of N resources that use variables, locals, function
//! calls, templates and a `for` expression, scanned whole (parse, evaluate, adapt, check) for
//! N and 10N, to show the time per resource stays flat. Plain `std::time`, best of a few runs.
//!
//!     cargo bench --bench evaluator

use std::time::{Duration, Instant};

use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

fn module(resources: usize) -> String {
    let mut text = String::from(
        r#"variable "name" {
  default = "svc"
}

variable "encrypted" {
  default = true
}

locals {
  zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  tags  = { team = "platform", service = var.name }
  sizes = { for i in range(20) : "s${i}" => i * 10 }
  names = [for z in local.zones : upper("${var.name}-${z}")]
}

"#,
    );
    for i in 0..resources {
        text.push_str(&format!(
            r#"resource "aws_ebs_volume" "v{i}" {{
  availability_zone = element(local.zones, {i})
  size              = lookup(local.sizes, "s{m}", 1) + {i}
  encrypted         = {enc}
  tags = merge(local.tags, {{
    Name  = "${{var.name}}-{i}"
    Zones = join(",", local.names)
  }})
}}

"#,
            m = i % 20,
            enc = if i % 3 == 0 {
                "!var.encrypted"
            } else {
                "var.encrypted"
            },
        ));
    }
    text
}

fn best_of(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..runs {
        let started = Instant::now();
        result = f();
        best = best.min(started.elapsed());
    }
    (best, result)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let (small, runs) = if quick { (20, 1) } else { (300, 3) };
    let options = Options::default();
    let mut per_resource = Vec::new();
    for n in [small, small * 10] {
        let text = module(n);
        let (time, findings) = best_of(runs, || {
            let file = SourceFile::new(None, "main.tf".to_string(), text.clone());
            scan_sources(vec![file], Vec::new(), &options)
                .findings
                .len()
        });
        let micros = time.as_secs_f64() * 1e6 / n as f64;
        println!(
            "{n:>6} resources ({:.2} MB): {:>8.1} ms, {micros:.1} µs per resource, {findings} findings",
            text.len() as f64 / 1e6,
            time.as_secs_f64() * 1e3
        );
        per_resource.push(micros);
    }
    let growth = per_resource[1] / per_resource[0];
    println!("10x the resources: {growth:.2}x the time per resource");
    if !quick && growth > 1.5 {
        eprintln!("FAIL: evaluation time per resource grows with the module (quadratic step?)");
        std::process::exit(1);
    }
}
