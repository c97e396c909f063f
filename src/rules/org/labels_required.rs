use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::parse::NodeKind;
use crate::policy::org::configured;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Organisation policy: flags Kubernetes objects whose `metadata.labels` lack a label
    /// listed in `required_labels` in the `[policy]` section of `.iacguard.toml`. Silent until
    /// that list is configured.
    ///
    /// Every API object of the scan is checked, from manifests and from Terraform
    /// `kubernetes_*` resources alike; node and control-plane configuration files
    /// (`KubeletConfiguration`, kubeadm, `EncryptionConfiguration`, eksctl) are not objects and
    /// are not. Labels that cannot be known (a Terraform variable without a default) are not
    /// reported. Only the object's own labels count: a Deployment's pod template labels are
    /// what its pods carry, but the policy is about the object you deploy.
    ///
    /// ## Why is this bad?
    /// Labels are how cost tools (Kubecost, OpenCost, AKS and EKS cost allocation) charge a
    /// namespace or workload back to a team, how on-call finds an owner, and what selectors and
    /// policies match. An unlabelled object is paid by nobody and owned by nobody.
    ///
    /// ## How to fix
    /// Add the missing labels, for example with kustomize's `labels` or Helm's common labels
    /// helper.
    ///
    /// ## Example
    /// ```k8s,bad
    /// # .iacguard.toml: policy.required_labels = ["team", "cost-center"]
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   namespace: shop
    ///   labels:
    ///     team: payments
    /// data:
    ///   mode: production
    /// ```
    /// ```k8s,good
    /// # .iacguard.toml: policy.required_labels = ["team", "cost-center"]
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   namespace: shop
    ///   labels:
    ///     team: payments
    ///     cost-center: "1234"
    /// data:
    ///   mode: production
    /// ```
    ///
    /// ## References
    /// - [Kubernetes recommended labels](https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/)
    /// - NIST 800-53 CM-8
    pub LabelsRequired {
        id: "ORG-004",
        name: "required-labels-missing",
        severity: Low,
        refs: ["NIST 800-53 CM-8"],
        fix: "add the labels listed in [policy] required_labels to metadata.labels",
    }
}

const LABELS: Attr = Attr {
    id: "metadata.labels",
    terraform: "metadata.labels",
    cloudformation: "metadata.labels",
    kubernetes: "metadata.labels",
};

impl Check for LabelsRequired {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let required: Vec<&str> = configured(&cx.policy.required_labels).collect();
        if required.is_empty() || is_configuration(resource) {
            return;
        }
        let Some(object) = resource.kubernetes_object() else {
            return;
        };
        if !crate::adapt::kubernetes::is_object(object) {
            return;
        }
        let labels = object
            .path(&["metadata", "labels"])
            .filter(|node| !node.is_null());
        let keys: Vec<&str> = match labels.map(|node| &node.kind) {
            None => Vec::new(),
            Some(NodeKind::Map(entries)) => entries.iter().map(|e| e.key.as_str()).collect(),
            // Unknown, or not a map: nothing can be said.
            Some(_) => return,
        };
        let missing: Vec<String> = required
            .iter()
            .filter(|label| !keys.contains(label))
            .map(|label| format!("`{label}`"))
            .collect();
        if missing.is_empty() {
            return;
        }
        let (noun, verb) = if missing.len() == 1 {
            ("label", "is")
        } else {
            ("labels", "are")
        };
        let list = missing.join(", ");
        match labels {
            Some(node) => out.report_at(
                node.span,
                LABELS.id,
                format!("the required {noun} {list} {verb} missing"),
            ),
            None => out.report_missing(
                &LABELS,
                format!("the object has no labels: the required {noun} {list} {verb} missing"),
            ),
        }
    }
}

/// Node, control-plane and tool configuration in manifest shape, which is not deployed as an
/// object and has no labels to speak of.
fn is_configuration(resource: &Resource) -> bool {
    if matches!(
        resource.kind,
        Kind::ControlPlane(_) | Kind::Kubelet(_) | Kind::EncryptionConfig(_) | Kind::EksCluster(_)
    ) {
        return true;
    }
    let api_version = resource
        .kubernetes_object()
        .and_then(|o| o.get("apiVersion"))
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let group = api_version.split('/').next().unwrap_or_default();
    group.ends_with("config.k8s.io") || group == "kubeadm.k8s.io" || group == "eksctl.io"
}
