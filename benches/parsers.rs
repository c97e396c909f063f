//! Parser throughput: the YAML, JSON and HCL front ends on generated input, beside the raw
//! `saphyr-parser` event stream our YAML tree is built from, and a whole scan of one big
//! Kubernetes manifest stream. Plain `std::time`, best of a few runs.
//!
//!     cargo bench --bench parsers                       # 16 MB stream
//!     IACGUARD_BENCH_MB=50 cargo bench --bench parsers  # the 50 MB stream of the issue
//!
//! "no quadratic steps" is checked the simple way: a stream four times as long must take at
//! most about four times as long (the ratio is printed; over 5 is reported as a failure).

use std::time::{Duration, Instant};

use iacguard::parse;
use iacguard::scan::{scan_sources, Options};
use iacguard::source::{FileId, SourceFile};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f());
        best = best.min(started.elapsed());
    }
    best
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

/// A multi-document Kubernetes stream of about `bytes` bytes (a `kubectl get -o yaml` dump).
pub fn manifest_stream(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: team-{ns}
  labels: {{app: app-{i}, tier: web}}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:{i}.0
          args: ["--port=8080", "--name=app-{i}"]
          env:
            - name: MODE
              value: "production"
            - name: ID
              value: "{i}"
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: {escalation}
          resources:
            limits: {{cpu: 500m, memory: 256Mi}}
---
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
  namespace: team-{ns}
spec:
  type: ClusterIP
  selector: {{app: app-{i}}}
  ports:
    - port: 80
      targetPort: 8080
"#,
            ns = i % 7,
            replicas = i % 5 + 1,
            escalation = i % 2 == 0,
        ));
        i += 1;
    }
    text
}

/// A CloudFormation JSON template with `resources` volumes.
fn cfn_json(resources: usize) -> String {
    let body: Vec<String> = (0..resources)
        .map(|i| {
            format!(
                r#"    "Volume{i}": {{"Type": "AWS::EC2::Volume", "Properties": {{"Size": {i}, "Encrypted": {enc}, "AvailabilityZone": {{"Fn::Select": [0, {{"Fn::GetAZs": ""}}]}}, "Tags": [{{"Key": "Name", "Value": {{"Fn::Sub": "${{AWS::StackName}}-{i}"}}}}]}}}}"#,
                enc = i % 2 == 0
            )
        })
        .collect();
    format!(
        "{{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {{\n{}\n  }}\n}}\n",
        body.join(",\n")
    )
}

/// A Terraform file with `resources` volumes and the locals they use.
pub fn terraform(resources: usize) -> String {
    let mut text = String::from(
        "variable \"encrypted\" {\n  default = true\n}\n\nlocals {\n  tags = { team = \"a\", env = \"prod\" }\n  zones = [\"a\", \"b\", \"c\"]\n}\n\n",
    );
    for i in 0..resources {
        text.push_str(&format!(
            "resource \"aws_ebs_volume\" \"v{i}\" {{\n  availability_zone = local.zones[{z}]\n  size              = {i} + 10\n  encrypted         = {enc}\n  tags              = merge(local.tags, {{ Name = \"v-${{{i}}}\" }})\n}}\n\n",
            z = i % 3,
            enc = if i % 2 == 0 { "var.encrypted" } else { "false" },
        ));
    }
    text
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once, quickly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let megabytes: usize = std::env::var("IACGUARD_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 1 } else { 16 });
    let runs = if quick { 1 } else { 3 };

    let stream = manifest_stream(megabytes << 20);
    let quarter = manifest_stream(megabytes << 18);
    let events = best_of(runs, || {
        saphyr_parser::Parser::new_from_str(&stream)
            .filter(|event| event.is_ok())
            .count()
    });
    let tree = best_of(runs, || {
        parse::yaml::parse_stream(&stream, FileId(0)).map(|d| d.len())
    });
    let tree_quarter = best_of(runs, || {
        parse::yaml::parse_stream(&quarter, FileId(0)).map(|d| d.len())
    });
    let options = Options::default();
    let scan = best_of(runs, || {
        let file = SourceFile::new(None, "stream.yaml".to_string(), stream.clone());
        scan_sources(vec![file], Vec::new(), &options)
            .findings
            .len()
    });
    let scan_quarter = best_of(runs, || {
        let file = SourceFile::new(None, "stream.yaml".to_string(), quarter.clone());
        scan_sources(vec![file], Vec::new(), &options)
            .findings
            .len()
    });
    let size = stream.len();
    println!("YAML stream of {:.1} MB:", size as f64 / 1e6);
    println!(
        "  saphyr-parser events only  {:>8.1} MB/s",
        mb_per_s(size, events)
    );
    println!(
        "  parse::yaml (spanned tree) {:>8.1} MB/s  ({:.0}% of the event rate)",
        mb_per_s(size, tree),
        100.0 * events.as_secs_f64() / tree.as_secs_f64()
    );
    println!(
        "  whole scan (parse, adapt, 75 rules) {:>8.1} MB/s",
        mb_per_s(size, scan)
    );
    let parse_growth = tree.as_secs_f64() / tree_quarter.as_secs_f64();
    let scan_growth = scan.as_secs_f64() / scan_quarter.as_secs_f64();
    println!("  4x the input: parse {parse_growth:.2}x the time, scan {scan_growth:.2}x");

    let json = cfn_json(if quick { 500 } else { 20_000 });
    let json_time = best_of(runs, || parse::json::parse(&json, FileId(0)).is_ok());
    println!(
        "JSON template of {:.1} MB: parse::json {:.1} MB/s",
        json.len() as f64 / 1e6,
        mb_per_s(json.len(), json_time)
    );
    let hcl = terraform(if quick { 200 } else { 10_000 });
    let hcl_time = best_of(runs, || parse::hcl::parse(&hcl).is_ok());
    println!(
        "Terraform file of {:.1} MB: parse::hcl {:.1} MB/s",
        hcl.len() as f64 / 1e6,
        mb_per_s(hcl.len(), hcl_time)
    );
    if !quick && (parse_growth > 5.0 || scan_growth > 5.0) {
        eprintln!("FAIL: time grows faster than the input (quadratic step?)");
        std::process::exit(1);
    }
}
