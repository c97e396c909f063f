//! Pod security, image and env-secret rules on whole manifests: pod and container levels
//! combine the way the kubelet combines them, every kind of container is checked, unknown
//! values raise nothing, a restricted-compliant workload is clean, and the
//! `pod-security-restricted` ruleset selects exactly the Pod Security Standards rules.

use std::collections::BTreeSet;

use iacguard::adapt::kubernetes;
use iacguard::check::check;
use iacguard::finding::Finding;
use iacguard::parse::{yaml, Node, NodeKind};
use iacguard::policy::org::OrgPolicy;
use iacguard::policy::ruleset::Ruleset;
use iacguard::rules;
use iacguard::scan::{scan_sources, Options, Scan};
use iacguard::source::{FileId, SourceFile, Sources};
use iacguard::suppress::{Date, InlineMode, Suppressor};

/// The rules this part of the catalogue adds.
fn is_pod_rule(id: &str) -> bool {
    id.starts_with("K8S-POD-")
        || id.starts_with("K8S-IMG-")
        || id == "K8S-SEC-002"
        || id == "K8S-SEC-003"
}

fn scan_with(text: &str, approved_registries: &[&str]) -> Scan {
    let mut options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    options.policy.approved_registries =
        approved_registries.iter().map(|r| r.to_string()).collect();
    let file = SourceFile::new(None, "manifest.yaml".to_string(), text.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    scan
}

fn scan(text: &str) -> Scan {
    scan_with(text, &[])
}

fn hits<'a>(scan: &'a Scan, id: &str) -> Vec<&'a Finding> {
    scan.findings.iter().filter(|f| f.rule.id == id).collect()
}

/// The text a finding points at, and its 1-based line.
fn at(scan: &Scan, finding: &Finding) -> (String, usize) {
    let file = scan.sources.get(finding.span.file);
    let line = file.text[..finding.span.start as usize]
        .matches('\n')
        .count()
        + 1;
    (file.slice(finding.span).to_string(), line)
}

fn pod_ids(scan: &Scan) -> Vec<String> {
    scan.findings
        .iter()
        .filter(|f| is_pod_rule(f.rule.id))
        .map(|f| format!("{} {}", f.rule.id, f.message))
        .collect()
}

#[test]
fn a_container_false_overrides_a_pod_true() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
      securityContext:
        runAsNonRoot: false
    - name: sidecar
      image: registry.example.com/sidecar:1.0.0
",
    );
    let found = hits(&result, "K8S-POD-003");
    assert_eq!(found.len(), 1, "{:?}", pod_ids(&result));
    assert_eq!(at(&result, found[0]), ("false".to_string(), 11));
    assert!(found[0].message.contains("`app`"), "{}", found[0].message);
}

#[test]
fn a_container_true_overrides_a_pod_false() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: false
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
      securityContext:
        runAsNonRoot: true
",
    );
    assert!(
        hits(&result, "K8S-POD-003").is_empty(),
        "{:?}",
        pod_ids(&result)
    );
}

#[test]
fn nothing_set_is_reported_at_the_container_name() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
",
    );
    for id in ["K8S-POD-002", "K8S-POD-003", "K8S-POD-007", "K8S-POD-016"] {
        let found = hits(&result, id);
        assert_eq!(found.len(), 1, "{id}: {:?}", pod_ids(&result));
        assert_eq!(at(&result, found[0]), ("name: app".to_string(), 6), "{id}");
    }
}

#[test]
fn a_pod_level_value_shared_by_containers_is_reported_once() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  securityContext:
    runAsUser: 0
    seccompProfile: {type: Unconfined}
  containers:
    - name: a
      image: registry.example.com/a:1.0.0
    - name: b
      image: registry.example.com/b:1.0.0
    - name: c
      image: registry.example.com/c:1.0.0
      securityContext:
        runAsUser: 1000
",
    );
    let root = hits(&result, "K8S-POD-004");
    assert_eq!(root.len(), 1, "{:?}", pod_ids(&result));
    assert_eq!(at(&result, root[0]), ("0".to_string(), 6));
    assert!(
        root[0].message.contains("containers `a`, `b`"),
        "{}",
        root[0].message
    );
    let seccomp = hits(&result, "K8S-POD-015");
    assert_eq!(seccomp.len(), 1);
    assert!(
        seccomp[0].message.contains("`a`, `b`, `c`"),
        "{}",
        seccomp[0].message
    );
}

#[test]
fn init_and_ephemeral_containers_are_checked() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  initContainers:
    - name: setup
      image: registry.example.com/setup:1.0.0
      securityContext:
        privileged: true
        capabilities: {add: [SYS_ADMIN], drop: [ALL]}
        allowPrivilegeEscalation: false
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
  ephemeralContainers:
    - name: debugger
      image: registry.example.com/debug:1.0.0
      securityContext:
        runAsNonRoot: false
        allowPrivilegeEscalation: true
        capabilities: {drop: [ALL]}
",
    );
    let messages = |id: &str| -> Vec<String> {
        hits(&result, id)
            .iter()
            .map(|f| f.message.clone())
            .collect()
    };
    assert!(messages("K8S-POD-001")[0].starts_with("init container `setup`"));
    assert!(messages("K8S-POD-006")[0]
        .starts_with("init container `setup` adds the capability SYS_ADMIN"));
    assert!(messages("K8S-POD-002")[0].starts_with("ephemeral container `debugger`"));
    assert!(messages("K8S-POD-003")[0].contains("ephemeral container `debugger`"));
    assert_eq!(messages("K8S-POD-002").len(), 1);
}

#[test]
fn legacy_annotations_decide_where_no_field_is_set() {
    let result = scan(
        "apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
        container.seccomp.security.alpha.kubernetes.io/legacy: unconfined
        container.apparmor.security.beta.kubernetes.io/legacy: unconfined
        container.apparmor.security.beta.kubernetes.io/pinned: unconfined
    spec:
      containers:
        - name: legacy
          image: registry.example.com/legacy:1.0.0
        - name: pinned
          image: registry.example.com/pinned:1.0.0
          securityContext:
            appArmorProfile: {type: RuntimeDefault}
        - name: plain
          image: registry.example.com/plain:1.0.0
",
    );
    // The container annotation wins over the pod annotation; the field wins over both.
    let seccomp = hits(&result, "K8S-POD-015");
    assert_eq!(seccomp.len(), 1, "{:?}", pod_ids(&result));
    assert_eq!(at(&result, seccomp[0]), ("unconfined".to_string(), 9));
    // The pod annotation counts as a profile: nothing is missing.
    assert!(
        hits(&result, "K8S-POD-016").is_empty(),
        "{:?}",
        pod_ids(&result)
    );
    let apparmor = hits(&result, "K8S-POD-017");
    assert_eq!(apparmor.len(), 1, "{:?}", pod_ids(&result));
    assert_eq!(at(&result, apparmor[0]).1, 10);
}

#[test]
fn host_paths_are_graded_by_what_they_expose() {
    let result = scan(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
      volumes:
        - name: docker
          hostPath: {path: /var/run/docker.sock, type: Socket}
        - name: root
          hostPath: {path: /}
        - name: logs
          hostPath: {path: /var/log}
        - name: nfs
          nfs: {server: 10.0.0.1, path: /export}
        - name: scratch
          emptyDir: {}
",
    );
    let critical: Vec<String> = hits(&result, "K8S-POD-013")
        .iter()
        .map(|f| at(&result, f).0)
        .collect();
    assert_eq!(critical, ["/var/run/docker.sock", "/"]);
    let high: Vec<String> = hits(&result, "K8S-POD-012")
        .iter()
        .map(|f| at(&result, f).0)
        .collect();
    assert_eq!(high, ["/var/log"]);
    let types: Vec<String> = hits(&result, "K8S-POD-021")
        .iter()
        .map(|f| at(&result, f).0)
        .collect();
    assert_eq!(types, ["nfs"]);
}

#[test]
fn approved_registries_are_an_organisation_policy() {
    let manifest = "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: a
      image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/a:1.0.0
    - name: b
      image: nginx:1.27
    - name: c
      image: ghcr.io/acme-evil/c:1.0.0
";
    assert!(hits(&scan(manifest), "K8S-IMG-003").is_empty());
    let result = scan_with(
        manifest,
        &[
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "ghcr.io/acme",
        ],
    );
    let images: Vec<String> = hits(&result, "K8S-IMG-003")
        .iter()
        .map(|f| at(&result, f).0)
        .collect();
    assert_eq!(images, ["nginx:1.27", "ghcr.io/acme-evil/c:1.0.0"]);
}

#[test]
fn secrets_in_env_are_reported_without_their_value() {
    let result = scan(
        "apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: a
      image: registry.example.com/a:1.0.0
      env:
        - {name: DB_PASSWORD, value: hunter2}
        - {name: TOKEN_URL, value: https://auth.example.com/token}
        - {name: API_KEY, value: $(SHARED_KEY)}
        - name: SESSION_SECRET
          valueFrom:
            secretKeyRef: {name: s, key: k}
      envFrom:
        - secretRef: {name: all}
",
    );
    let literal = hits(&result, "K8S-SEC-002");
    assert_eq!(literal.len(), 1, "{:?}", pod_ids(&result));
    assert_eq!(at(&result, literal[0]).0, "hunter2");
    assert!(!literal[0].message.contains("hunter2"));
    let from_env: Vec<String> = hits(&result, "K8S-SEC-003")
        .iter()
        .map(|f| at(&result, f).0)
        .collect();
    assert_eq!(from_env, ["secretKeyRef", "secretRef"]);
}

/// Replaces every `UNKNOWN` string by a value unknown before deployment, as a Terraform
/// `kubernetes_*` resource or a Helm template would give.
fn unknowns(node: &mut Node) {
    match &mut node.kind {
        NodeKind::Str(s) if s == "UNKNOWN" => {
            *node = Node::unknown(node.span, "known after apply");
        }
        NodeKind::Seq(items) => items.iter_mut().for_each(unknowns),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|e| unknowns(&mut e.value)),
        _ => {}
    }
}

const UNKNOWN_MANIFESTS: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: fields, namespace: shop}
spec:
  template:
    metadata:
      annotations: UNKNOWN
    spec:
      hostNetwork: UNKNOWN
      hostPID: UNKNOWN
      hostIPC: UNKNOWN
      securityContext:
        runAsNonRoot: UNKNOWN
        runAsUser: UNKNOWN
        sysctls: [{name: UNKNOWN, value: '1'}]
        seLinuxOptions: UNKNOWN
        windowsOptions: {hostProcess: UNKNOWN}
      volumes:
        - UNKNOWN
        - name: data
          persistentVolumeClaim: UNKNOWN
      containers:
        - name: app
          image: UNKNOWN
          imagePullPolicy: UNKNOWN
          ports: [{containerPort: 80, hostPort: UNKNOWN}]
          env:
            - {name: DB_PASSWORD, value: UNKNOWN}
            - {name: UNKNOWN, value: hunter2}
          resources: UNKNOWN
          livenessProbe: UNKNOWN
          readinessProbe: UNKNOWN
          securityContext:
            privileged: UNKNOWN
            allowPrivilegeEscalation: UNKNOWN
            readOnlyRootFilesystem: UNKNOWN
            procMount: UNKNOWN
            capabilities: {add: [UNKNOWN], drop: UNKNOWN}
            seccompProfile: {type: UNKNOWN}
            appArmorProfile: UNKNOWN
        - UNKNOWN
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: blocks, namespace: shop}
spec:
  template:
    spec:
      securityContext: UNKNOWN
      volumes: UNKNOWN
      initContainers: UNKNOWN
      containers:
        - name: app
          image: registry.example.com/shop/app@sha256:0123
          securityContext: UNKNOWN
          resources: {limits: UNKNOWN, requests: UNKNOWN}
          readinessProbe: {httpGet: {path: /, port: 80}}
          livenessProbe: {httpGet: {path: /, port: 80}}
      ephemeralContainers:
        - name: debug
          image: registry.example.com/shop/debug@sha256:0123
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: UNKNOWN
";

#[test]
fn unknown_values_raise_nothing() {
    let source = SourceFile::new(None, "plan.yaml".to_string(), UNKNOWN_MANIFESTS.to_string());
    let mut resources = Vec::new();
    for mut document in yaml::parse_stream(&source.text, FileId(0)).unwrap() {
        unknowns(&mut document);
        resources.extend(kubernetes::adapt(&document, &source));
    }
    assert_eq!(resources.len(), 2);
    let policy = OrgPolicy {
        approved_registries: vec!["registry.example.com".to_string()],
        ..OrgPolicy::default()
    };
    let sources = Sources::new(vec![source]);
    let suppressor = Suppressor::new(&sources, InlineMode::Allow, Date::today());
    let findings = check(&resources, rules::ALL, &policy, &suppressor).0;
    let mine: Vec<String> = findings
        .iter()
        .filter(|f| is_pod_rule(f.rule.id))
        .map(|f| format!("{} {} {}", f.rule.id, f.address, f.message))
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
}

#[test]
fn the_same_settings_known_are_flagged() {
    // The unknown-values manifest with every unknown replaced by a bad value: the rules do
    // look at each of those places.
    let known = UNKNOWN_MANIFESTS
        .replace("annotations: UNKNOWN", "annotations: {}")
        .replace("hostNetwork: UNKNOWN", "hostNetwork: true")
        .replace("runAsUser: UNKNOWN", "runAsUser: 0")
        .replace(
            "{name: UNKNOWN, value: '1'}",
            "{name: kernel.msgmax, value: '1'}",
        )
        .replace("hostPort: UNKNOWN", "hostPort: 80")
        .replace(
            "{name: DB_PASSWORD, value: UNKNOWN}",
            "{name: DB_PASSWORD, value: x}",
        )
        .replace("privileged: UNKNOWN", "privileged: true")
        .replace("add: [UNKNOWN]", "add: [SYS_ADMIN]")
        .replace("type: UNKNOWN", "type: Unconfined")
        .replace("image: UNKNOWN", "image: docker.io/app");
    let result = scan_with(&known, &["registry.example.com"]);
    let ids: BTreeSet<&str> = result.findings.iter().map(|f| f.rule.id).collect();
    for id in [
        "K8S-POD-001",
        "K8S-POD-004",
        "K8S-POD-006",
        "K8S-POD-009",
        "K8S-POD-014",
        "K8S-POD-015",
        "K8S-POD-019",
        "K8S-SEC-002",
        "K8S-IMG-001",
        "K8S-IMG-003",
    ] {
        assert!(ids.contains(id), "{id} missing from {ids:?}");
    }
}

const RESTRICTED_DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: runtime/default
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
        sysctls:
          - name: net.ipv4.ip_unprivileged_port_start
            value: '0'
      initContainers:
        - name: migrate
          image: registry.example.com/shop/migrate:2.0.0@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {cpu: 500m, memory: 128Mi}
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2@sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
          ports:
            - containerPort: 443
          env:
            - name: DB_PASSWORD_FILE
              value: /run/secrets/db/password
            - name: LOG_LEVEL
              value: info
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
              add: [NET_BIND_SERVICE]
            seLinuxOptions:
              level: 's0:c123,c456'
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: '1', memory: 512Mi}
          readinessProbe:
            httpGet: {path: /ready, port: 443, scheme: HTTPS}
          livenessProbe:
            httpGet: {path: /healthz, port: 443, scheme: HTTPS}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: db, mountPath: /run/secrets/db, readOnly: true}
            - {name: config, mountPath: /etc/web}
      volumes:
        - name: tmp
          emptyDir: {}
        - name: db
          secret:
            secretName: web-db
        - name: config
          configMap:
            name: web
        - name: token
          projected:
            sources:
              - serviceAccountToken: {path: token, expirationSeconds: 3600}
";

#[test]
fn a_restricted_compliant_deployment_is_clean() {
    let result = scan_with(RESTRICTED_DEPLOYMENT, &["registry.example.com/shop"]);
    let mine = pod_ids(&result);
    assert!(mine.is_empty(), "{mine:#?}");
}

#[test]
fn the_restricted_ruleset_selects_exactly_the_pod_security_rules() {
    let ruleset = Ruleset::load("pod-security-restricted").unwrap();
    assert_eq!(ruleset.name, "pod-security-restricted");
    let selected: BTreeSet<&str> = ruleset.rule_ids();
    // Every rule whose references name a Pod Security Standards level, and nothing else.
    let pss: BTreeSet<&str> = rules::ALL
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.refs.iter().any(|r| r.starts_with("PSS ")))
        .map(|meta| meta.id)
        .collect();
    assert_eq!(selected, pss);
    assert_eq!(selected.len(), 21);
    assert!(selected.iter().all(|id| id.starts_with("K8S-POD-")));
    // Each control of the standard is listed once.
    let controls: BTreeSet<&str> = ruleset.controls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(controls.len(), ruleset.controls.len());
    assert!(controls.contains("restricted/running-as-non-root"));
    assert!(controls.contains("baseline/host-namespaces"));
}
