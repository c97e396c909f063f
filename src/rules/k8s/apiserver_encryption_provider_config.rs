use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations without `--encryption-provider-config`.
    ///
    /// ## Why is this bad?
    /// Without an encryption configuration the API server writes Secrets to etcd as plain
    /// base64. Whoever reads etcd, its backups or the disks under it reads every password,
    /// token and key in the cluster.
    ///
    /// ## How to fix
    /// Write an `EncryptionConfiguration` whose first provider for `secrets` is `kms` (see
    /// `K8S-CP-004`) and pass its path with `--encryption-provider-config`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-apiserver
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-apiserver
    ///       image: registry.k8s.io/kube-apiserver:v1.30.0
    ///       command: ["kube-apiserver", "--anonymous-auth=false"]
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-apiserver
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-apiserver
    ///       image: registry.k8s.io/kube-apiserver:v1.30.0
    ///       command:
    ///         - kube-apiserver
    ///         - --encryption-provider-config=/etc/kubernetes/enc/encryption.yaml
    /// ```
    ///
    /// ## References
    /// - [Encrypting confidential data at rest](https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.30; NIST 800-53 SC-28
    pub ApiserverEncryptionProviderConfig {
        id: "K8S-CP-003",
        name: "apiserver-no-encryption-provider-config",
        severity: High,
        refs: ["CIS Kubernetes 1.2.30", "NIST 800-53 SC-28"],
        fix: "pass an EncryptionConfiguration with `--encryption-provider-config`",
    }
}

const ENCRYPTION_PROVIDER_CONFIG: Attr = Attr::uniform("--encryption-provider-config");

impl Check for ApiserverEncryptionProviderConfig {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ControlPlane(plane) = &resource.kind else {
            return;
        };
        if plane.component != "kube-apiserver" {
            return;
        }
        match plane.flag("encryption-provider-config") {
            None => out.report_missing(
                &ENCRYPTION_PROVIDER_CONFIG,
                "Secrets are stored unencrypted in etcd: `--encryption-provider-config` is not set",
            ),
            Some(flag) if flag.value_str() == Some("") => out.report_at(
                flag.span,
                ENCRYPTION_PROVIDER_CONFIG.id,
                "`--encryption-provider-config` is empty",
            ),
            Some(_) => {}
        }
    }
}
