//! What a rule may know beyond the resource it is looking at.
//!
//! Most rules judge one resource alone. Some questions span the scan: "does this namespace have
//! a NetworkPolicy?", "is this role bound to cluster-admin?", "is there a WAF association for
//! this load balancer?". The context answers them from every resource of the scan, and carries
//! the organisation's policy parameters (approved registries, allowed regions, required tags).

use crate::model::k8s::Inventory;
use crate::model::Resource;
use crate::policy::org::OrgPolicy;

pub struct Context<'a> {
    /// Every resource of the scan, in report order.
    pub resources: &'a [Resource],
    pub policy: &'a OrgPolicy,
    /// The Kubernetes cluster the scan's manifests describe together: namespaces, workloads,
    /// service accounts, network policies and bindings across every file. Built once per scan.
    pub cluster: Inventory<'a>,
}

impl<'a> Context<'a> {
    pub fn new(resources: &'a [Resource], policy: &'a OrgPolicy) -> Context<'a> {
        Context {
            resources,
            policy,
            cluster: Inventory::new(resources),
        }
    }
}
