use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::RUN_AS_USER;
use crate::model::Resource;
use crate::rules::k8s::effective::report_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose effective `runAsUser` is `0` (root), set on the container or
    /// inherited from the pod's `securityContext`. A `runAsUser` that nobody sets is left to
    /// the image and is not flagged here (see K8S-POD-003).
    ///
    /// ## Why is this bad?
    /// UID 0 in the container is UID 0 on the node's kernel. Any escape (a kernel bug, a
    /// writable host mount, an added capability) lands as root on the node, which on EKS also
    /// holds the node's IAM credentials. Naming UID 0 explicitly also defeats
    /// `runAsNonRoot: true`: the kubelet refuses to start the container. The Pod Security
    /// Standards `restricted` profile forbids it.
    ///
    /// ## How to fix
    /// Set `runAsUser` to a non-zero UID (10000 or higher avoids clashing with host users), or
    /// remove it and build the image with a non-root `USER`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   securityContext:
    ///     runAsUser: 0
    ///   containers:
    ///     - name: web
    ///       image: registry.example.com/web:1.4.2
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   securityContext:
    ///     runAsUser: 10001
    ///     runAsNonRoot: true
    ///   containers:
    ///     - name: web
    ///       image: registry.example.com/web:1.4.2
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_pod_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     security_context {
    ///       run_as_user = 0
    ///     }
    ///     container {
    ///       name  = "web"
    ///       image = "registry.example.com/web:1.4.2"
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_pod_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     security_context {
    ///       run_as_user     = 10001
    ///       run_as_non_root = true
    ///     }
    ///     container {
    ///       name  = "web"
    ///       image = "registry.example.com/web:1.4.2"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: restricted, running as non-root user](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - CIS Kubernetes Benchmark 5.2.7; CIS Amazon EKS Benchmark 4.2.6; NIST 800-53 AC-6
    pub RunAsRootUser {
        id: "K8S-POD-004",
        name: "run-as-root-user",
        severity: High,
        refs: ["CIS Kubernetes 5.2.7", "CIS EKS 4.2.6", "PSS restricted", "NIST 800-53 AC-6"],
        fix: "set `runAsUser` to a non-zero UID, such as 10001",
    }
}

impl Check for RunAsRootUser {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        report_containers(
            resource,
            out,
            &RUN_AS_USER,
            |container| &container.security.run_as_user,
            |user| user.get() == Some(&0),
            |subject, _| format!("`runAsUser: 0` makes {subject} run as root"),
        );
    }
}
