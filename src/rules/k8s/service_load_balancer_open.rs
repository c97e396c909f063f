use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{Service, SERVICE_TYPE, SOURCE_RANGES};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Services of type `LoadBalancer` that are reachable from anywhere: no
    /// `spec.loadBalancerSourceRanges` (nor the
    /// `service.beta.kubernetes.io/load-balancer-source-ranges` annotation), or a range of
    /// `0.0.0.0/0` or `::/0`. Internal load balancers (`aws-load-balancer-internal`,
    /// `aws-load-balancer-scheme: internal`, `azure-load-balancer-internal: "true"`, GKE's
    /// `load-balancer-type: Internal`, and the AWS Load Balancer Controller's NLBs, internal
    /// unless the scheme is `internet-facing`) are not reported.
    ///
    /// ## Why is this bad?
    /// The cloud creates an internet-facing load balancer and opens the nodes' security
    /// groups to it: a database, an admin UI or a metrics endpoint meant for colleagues is
    /// then scanned by the whole internet within minutes.
    ///
    /// ## How to fix
    /// List the client networks in `spec.loadBalancerSourceRanges`, or make the load balancer
    /// internal; publish HTTP services through an Ingress with TLS instead.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: grafana
    ///   namespace: monitoring
    /// spec:
    ///   type: LoadBalancer
    ///   selector:
    ///     app: grafana
    ///   ports:
    ///     - port: 443
    ///       targetPort: 3000
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: grafana
    ///   namespace: monitoring
    /// spec:
    ///   type: LoadBalancer
    ///   loadBalancerSourceRanges:
    ///     - 203.0.113.0/24
    ///   selector:
    ///     app: grafana
    ///   ports:
    ///     - port: 443
    ///       targetPort: 3000
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_service_v1" "grafana" {
    ///   metadata {
    ///     name      = "grafana"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     type = "LoadBalancer"
    ///     selector = {
    ///       app = "grafana"
    ///     }
    ///     port {
    ///       port        = 443
    ///       target_port = 3000
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_service_v1" "grafana" {
    ///   metadata {
    ///     name      = "grafana"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     type                        = "LoadBalancer"
    ///     load_balancer_source_ranges = ["203.0.113.0/24"]
    ///     selector = {
    ///       app = "grafana"
    ///     }
    ///     port {
    ///       port        = 443
    ///       target_port = 3000
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Restricting load balancer access](https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/)
    /// - [AWS Load Balancer Controller: Service annotations](https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/)
    /// - NIST 800-53 SC-7, AC-4
    pub ServiceLoadBalancerOpen {
        id: "K8S-SVC-001",
        name: "service-load-balancer-open",
        severity: Medium,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "set `spec.loadBalancerSourceRanges`, or make the load balancer internal",
    }
}

const RANGES_ANNOTATION: &str = "service.beta.kubernetes.io/load-balancer-source-ranges";
const OPEN: [&str; 2] = ["0.0.0.0/0", "::/0"];

impl Check for ServiceLoadBalancerOpen {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Service(service) = &resource.kind else {
            return;
        };
        if service.service_type.get().map(String::as_str) != Some("LoadBalancer")
            || is_internal(service)
        {
            return;
        }
        if let Some(ranges) = &service.source_ranges {
            // An unknown list is not judged.
            for range in ranges.get().map(Vec::as_slice).unwrap_or_default() {
                if range.get().is_some_and(|r| OPEN.contains(&r.trim())) {
                    out.report_value(
                        &SOURCE_RANGES,
                        range,
                        "the load balancer admits the whole internet",
                    );
                }
            }
            return;
        }
        if let Some(ranges) = service.annotations.get(RANGES_ANNOTATION) {
            if ranges
                .get()
                .is_some_and(|text| text.split(',').any(|r| OPEN.contains(&r.trim())))
            {
                out.report_value(
                    &SOURCE_RANGES,
                    ranges,
                    "the load balancer admits the whole internet",
                );
            }
            return;
        }
        out.report_value(
            &SERVICE_TYPE,
            &service.service_type,
            "the load balancer is reachable from anywhere: no `loadBalancerSourceRanges` is set",
        );
    }
}

/// Annotations that make the cloud create an internal load balancer.
fn is_internal(service: &Service) -> bool {
    let value = |key: &str| {
        service
            .annotations
            .get(key)
            .and_then(|v| v.get())
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let aws_scheme = value("service.beta.kubernetes.io/aws-load-balancer-scheme");
    // The AWS Load Balancer Controller creates internal NLBs unless told `internet-facing`.
    let aws_controller = matches!(
        value("service.beta.kubernetes.io/aws-load-balancer-type").as_deref(),
        Some("external" | "nlb-ip")
    ) || service
        .load_balancer_class
        .as_ref()
        .and_then(|class| class.get())
        .is_some_and(|class| class == "service.k8s.aws/nlb");
    // The legacy AWS annotation makes the load balancer internal for any value but "false".
    value("service.beta.kubernetes.io/aws-load-balancer-internal").is_some_and(|v| v != "false")
        || aws_scheme.as_deref() == Some("internal")
        || (aws_controller && aws_scheme.as_deref() != Some("internet-facing"))
        || value("service.beta.kubernetes.io/azure-load-balancer-internal").as_deref()
            == Some("true")
        || value("networking.gke.io/load-balancer-type").as_deref() == Some("internal")
        || value("cloud.google.com/load-balancer-type").as_deref() == Some("internal")
}
