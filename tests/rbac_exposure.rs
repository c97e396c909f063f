//! RBAC objects, Services, Ingresses and EBS StorageClasses: what is reported, where, and what
//! is deliberately left alone (system bindings, internal load balancers, ALB ingresses judged by
//! their own rule, the default storage class judged once).

use iacguard::finding::Finding;
use iacguard::rules;
use iacguard::scan::{scan_sources, Options, Scan};
use iacguard::source::SourceFile;

fn scan(text: &str) -> Scan {
    let options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    let file = SourceFile::new(None, "manifest.yaml".to_string(), text.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    scan
}

/// `(rule, underlined text)` of each finding of rules starting with `prefix`.
fn hits(scan: &Scan, prefix: &str) -> Vec<(&'static str, String)> {
    scan.findings
        .iter()
        .filter(|f| f.rule.id.starts_with(prefix))
        .map(|f| (f.rule.id, underlined(scan, f)))
        .collect()
}

fn underlined(scan: &Scan, finding: &Finding) -> String {
    scan.sources
        .get(finding.span.file)
        .slice(finding.span)
        .trim_matches(['"', '\''])
        .to_string()
}

const ROLE_HEADER: &str = "apiVersion: rbac.authorization.k8s.io/v1\n";

fn cluster_role(rules: &str) -> String {
    format!("{ROLE_HEADER}kind: ClusterRole\nmetadata:\n  name: r\nrules:\n{rules}")
}

fn binding(kind: &str, role: &str, subjects: &str) -> String {
    format!(
        "{ROLE_HEADER}kind: {kind}\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}\nsubjects:\n{subjects}"
    )
}

#[test]
fn wildcards_are_reported_at_the_star() {
    let scan = scan(&cluster_role(
        "  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n",
    ));
    assert_eq!(
        hits(&scan, "K8S-RBAC-001"),
        [("K8S-RBAC-001", "*".into()), ("K8S-RBAC-001", "*".into())]
    );
    let scan = scan_ok(&cluster_role(
        "  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [get]\n",
    ));
    assert!(scan.is_empty());
}

/// Findings of RBAC rules in a manifest.
fn scan_ok(text: &str) -> Vec<(&'static str, String)> {
    hits(&scan(text), "K8S-RBAC")
}

#[test]
fn cluster_admin_bindings_except_the_clusters_own() {
    let service_account = "  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n";
    let found = scan_ok(&binding(
        "ClusterRoleBinding",
        "cluster-admin",
        service_account,
    ));
    assert_eq!(found, [("K8S-RBAC-002", "cluster-admin".into())]);
    let found = scan_ok(&binding("RoleBinding", "cluster-admin", service_account));
    assert_eq!(found, [("K8S-RBAC-002", "cluster-admin".into())]);

    let masters =
        "  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: system:masters\n";
    assert!(scan_ok(&binding("ClusterRoleBinding", "cluster-admin", masters)).is_empty());
    // A service account's user name is not a system identity.
    let sa_user = "  - kind: User\n    name: system:serviceaccount:ci:deployer\n";
    assert_eq!(
        scan_ok(&binding("ClusterRoleBinding", "cluster-admin", sa_user)).len(),
        1
    );
    assert!(scan_ok(&binding("ClusterRoleBinding", "view", service_account)).is_empty());
}

#[test]
fn anonymous_subjects_are_critical() {
    let found = scan_ok(&binding(
        "ClusterRoleBinding",
        "cluster-admin",
        "  - kind: Group\n    name: system:unauthenticated\n  - kind: User\n    name: system:anonymous\n",
    ));
    assert_eq!(
        found,
        [
            ("K8S-RBAC-002", "cluster-admin".into()),
            ("K8S-RBAC-006", "system:unauthenticated".into()),
            ("K8S-RBAC-006", "system:anonymous".into()),
        ]
    );
    let scan = scan(&binding(
        "RoleBinding",
        "view",
        "  - kind: Group\n    name: system:unauthenticated\n",
    ));
    assert_eq!(scan.findings[0].rule.severity.as_str(), "critical");
}

#[test]
fn exec_secrets_and_escalation_verbs() {
    let found = scan_ok(&cluster_role(
        "  - apiGroups: [\"\"]\n    resources: [pods/exec, pods/attach, pods/log]\n    verbs: [create, get]\n  - apiGroups: [\"\"]\n    resources: [secrets, configmaps]\n    verbs: [list]\n  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [bind, escalate]\n  - apiGroups: [\"\"]\n    resources: [users]\n    verbs: [impersonate]\n",
    ));
    assert_eq!(
        found,
        [
            ("K8S-RBAC-003", "pods/exec".into()),
            ("K8S-RBAC-003", "pods/attach".into()),
            ("K8S-RBAC-004", "secrets".into()),
            ("K8S-RBAC-005", "bind".into()),
            ("K8S-RBAC-005", "escalate".into()),
            ("K8S-RBAC-005", "impersonate".into()),
        ]
    );
    // Reading exec's output is not running commands; named Secrets and namespaced Roles are
    // not cluster-wide reads; other API groups' `secrets` are not core Secrets.
    assert!(scan_ok(&cluster_role(
        "  - apiGroups: [\"\"]\n    resources: [pods/exec]\n    verbs: [get]\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    resourceNames: [app-config]\n    verbs: [get]\n  - apiGroups: [example.com]\n    resources: [secrets]\n    verbs: [list]\n",
    ))
    .is_empty());
    assert!(scan_ok(&format!(
        "{ROLE_HEADER}kind: Role\nmetadata:\n  name: r\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [get]\n"
    ))
    .is_empty());
}

fn service(spec: &str, annotations: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: shop\n{annotations}spec:\n  selector:\n    app: s\n  ports:\n    - port: 443\n{spec}"
    )
}

fn services(text: &str) -> Vec<(&'static str, String)> {
    hits(&scan(text), "K8S-SVC")
}

#[test]
fn load_balancers_need_source_ranges_unless_internal() {
    assert_eq!(
        services(&service("  type: LoadBalancer\n", "")),
        [("K8S-SVC-001", "LoadBalancer".into())]
    );
    assert_eq!(
        services(&service(
            "  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]\n",
            ""
        )),
        [("K8S-SVC-001", "0.0.0.0/0".into())]
    );
    assert!(services(&service(
        "  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]\n",
        ""
    ))
    .is_empty());
    for annotation in [
        "service.beta.kubernetes.io/load-balancer-source-ranges: 203.0.113.0/24",
        "service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"",
        "service.beta.kubernetes.io/aws-load-balancer-scheme: internal",
        "service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"",
    ] {
        let annotations = format!("  annotations:\n    {annotation}\n");
        assert!(
            services(&service("  type: LoadBalancer\n", &annotations)).is_empty(),
            "{annotation}"
        );
    }
    let annotations = "  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n";
    assert_eq!(
        services(&service("  type: LoadBalancer\n", annotations)).len(),
        1
    );
    // The AWS Load Balancer Controller's NLBs are internal unless the scheme says otherwise.
    let controller =
        "  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n";
    assert!(services(&service("  type: LoadBalancer\n", controller)).is_empty());
    assert!(services(&service(
        "  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb\n",
        ""
    ))
    .is_empty());
    let public = format!(
        "{controller}    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n"
    );
    assert_eq!(
        services(&service("  type: LoadBalancer\n", &public)).len(),
        1
    );
}

#[test]
fn node_ports_and_external_ips() {
    assert_eq!(
        services(&service("  type: NodePort\n", "")),
        [("K8S-SVC-002", "NodePort".into())]
    );
    let found = services(&service("  externalIPs:\n    - 198.51.100.7\n", ""));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "K8S-SVC-003");
    // ClusterIP, written or by default, with no external IPs.
    assert!(services(&service("", "")).is_empty());
    assert!(services(&service("  type: ClusterIP\n  externalIPs: []\n", "")).is_empty());
}

fn ingress(class: &str, annotations: &str, tls: &str) -> String {
    format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n{annotations}spec:\n{class}{tls}  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n"
    )
}

#[test]
fn ingresses_need_tls() {
    let nginx = "  ingressClassName: nginx\n";
    let tls = "  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n";
    assert_eq!(
        services(&ingress(nginx, "", "")),
        [("K8S-SVC-004", "kind: Ingress".into())]
    );
    assert!(services(&ingress(nginx, "", tls)).is_empty());

    // ALB ingresses are judged on their annotations only.
    let alb = "  ingressClassName: alb\n";
    assert_eq!(
        services(&ingress(alb, "", "")),
        [("K8S-SVC-005", "kind: Ingress".into())]
    );
    let http_only = "  annotations:\n    kubernetes.io/ingress.class: alb\n    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}]'\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/x\n";
    assert_eq!(
        services(&ingress("", http_only, "")),
        [("K8S-SVC-005", "[{\"HTTP\": 80}]".into())]
    );
    let https_no_cert =
        "  annotations:\n    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n";
    assert_eq!(services(&ingress(alb, https_no_cert, "")).len(), 1);
    // Certificates discovered in ACM for the TLS hosts, or named by ARN.
    assert!(services(&ingress(alb, https_no_cert, tls)).is_empty());
    let with_cert = "  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/x\n";
    assert!(services(&ingress(alb, with_cert, "")).is_empty());
}

fn storage_class(annotations: &str, provisioner: &str, parameters: &str) -> String {
    format!(
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp\n{annotations}provisioner: {provisioner}\nparameters:\n  type: gp3\n{parameters}"
    )
}

#[test]
fn ebs_storage_classes() {
    let default = "  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\n";
    let found = hits(
        &scan(&storage_class(default, "kubernetes.io/aws-ebs", "")),
        "K8S-STO",
    );
    assert_eq!(found, [("K8S-STO-002", "kind: StorageClass".into())]);
    let found = hits(
        &scan(&storage_class(
            "",
            "kubernetes.io/aws-ebs",
            "  encrypted: \"false\"\n",
        )),
        "K8S-STO",
    );
    assert_eq!(found, [("K8S-STO-001", "false".into())]);
    let found = hits(
        &scan(&storage_class(
            default,
            "ebs.csi.aws.com",
            "  encrypted: \"true\"\n",
        )),
        "K8S-STO",
    );
    assert_eq!(found, [("K8S-STO-003", "true".into())]);
    let with_key = "  encrypted: \"true\"\n  kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/k\n";
    assert!(hits(
        &scan(&storage_class(default, "ebs.csi.aws.com", with_key)),
        "K8S-STO"
    )
    .is_empty());
    // Not EBS: not judged.
    assert!(hits(
        &scan(&storage_class(default, "efs.csi.aws.com", "")),
        "K8S-STO"
    )
    .is_empty());
}
