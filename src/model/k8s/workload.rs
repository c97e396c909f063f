//! Workloads: one pod-spec view over every kind that runs containers.
//!
//! Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob and
//! PodTemplate all carry a pod template somewhere in their spec; adapters find it, so rules only
//! ever look at a [`PodSpec`].
//!
//! Security settings can be written on the pod (`spec.securityContext`), on the container
//! (`containers[*].securityContext`) and, for older clusters, in annotations. The kubelet
//! combines them into one effective setting per container; the adapter does the same, so each
//! [`Container`] carries its [`Security`] with every value spanned where the deciding level
//! wrote it, or (as a `How::Default` value) at the container's name when no level did.

use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct Workload {
    /// The object's kind, such as `Deployment`.
    pub kind: String,
    pub name: String,
    pub namespace: Option<Val<String>>,
    pub pod: PodSpec,
}

impl Workload {
    /// Kinds whose pods are meant to keep running (as opposed to Jobs that run to completion),
    /// for which health probes make sense.
    pub fn is_long_running(&self) -> bool {
        matches!(
            self.kind.as_str(),
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController"
        )
    }
}

#[derive(Debug)]
pub struct PodSpec {
    /// The pod spec itself, for findings about pod-level settings it lacks.
    pub span: Span,
    /// Regular, init and ephemeral containers, in that order.
    pub containers: Vec<Container>,
    /// `hostNetwork`, `hostPID`, `hostIPC`: default false.
    pub host_network: Val<bool>,
    pub host_pid: Val<bool>,
    pub host_ipc: Val<bool>,
    /// `spec.volumes`, leaving out entries that cannot be known.
    pub volumes: Vec<Volume>,
    /// The names of `securityContext.sysctls`.
    pub sysctls: Vec<Val<String>>,
    /// `spec.os.name: windows`: Linux-only controls (privilege escalation, seccomp,
    /// capabilities) do not apply.
    pub windows: bool,
}

/// One entry of `spec.volumes`.
#[derive(Debug)]
pub struct Volume {
    pub name: String,
    /// The volume source, such as `hostPath` or `configMap`, spanned at its key.
    pub source: Val<String>,
    /// `hostPath.path`, for hostPath volumes.
    pub host_path: Option<Val<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Regular,
    Init,
    Ephemeral,
}

impl ContainerKind {
    pub fn noun(self) -> &'static str {
        match self {
            ContainerKind::Regular => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

#[derive(Debug)]
pub struct Container {
    pub name: String,
    pub kind: ContainerKind,
    /// The whole container entry.
    pub span: Span,
    /// The container's `name: ...` line (or the entry when unnamed): where findings about
    /// settings it lacks point.
    pub header: Span,
    pub image: Option<Val<String>>,
    /// `imagePullPolicy`, or Kubernetes' default for the image (`Always` for `:latest` and
    /// untagged images, else `IfNotPresent`) at the image.
    pub image_pull_policy: Option<Val<String>>,
    /// `command` followed by `args`, as the process would receive them.
    pub argv: Vec<Val<String>>,
    /// The effective security settings, pod and container levels combined.
    pub security: Security,
    /// `ports[*].hostPort`, when set.
    pub host_ports: Vec<Val<i64>>,
    pub env: Vec<EnvVar>,
    /// `envFrom[*].secretRef`, each spanned at its key.
    pub env_from_secrets: Vec<Span>,
    pub resources: Resources,
    /// Where `livenessProbe` / `readinessProbe` are set (known or not); `None` when absent.
    pub liveness_probe: Option<Span>,
    pub readiness_probe: Option<Span>,
}

impl Container {
    /// `container `web``, `init container `setup``: how messages name it.
    pub fn describe(&self) -> String {
        format!("{} `{}`", self.kind.noun(), self.name)
    }
}

/// The security settings a container runs with. Each value is spanned where it was decided:
/// the container's `securityContext`, the pod's, or an annotation; when nothing sets it, it is
/// Kubernetes' default (`How::Default`) spanned at the container's name.
#[derive(Debug)]
pub struct Security {
    /// Container only; default false.
    pub privileged: Val<bool>,
    /// Container only; default true (the kernel's `no_new_privs` is not set).
    pub allow_privilege_escalation: Val<bool>,
    /// Container over pod; default false.
    pub run_as_non_root: Val<bool>,
    /// Container over pod; unknown when neither sets it (the image's `USER` decides).
    pub run_as_user: Val<i64>,
    /// Container only; default false.
    pub read_only_root_filesystem: Val<bool>,
    /// `capabilities.add` (container only); default empty.
    pub capabilities_add: Val<Vec<Val<String>>>,
    /// `capabilities.drop` (container only); default empty.
    pub capabilities_drop: Val<Vec<Val<String>>>,
    /// `procMount` (container only); default `Default`.
    pub proc_mount: Val<String>,
    /// The seccomp profile type (`RuntimeDefault`, `Localhost`, `Unconfined`): container field,
    /// container annotation, pod field, pod annotation, in that order. Default `Unconfined`
    /// (unless the kubelet runs with `--seccomp-default`).
    pub seccomp: Val<String>,
    /// The AppArmor profile type (`RuntimeDefault`, `Localhost`, `Unconfined`): container
    /// field, container annotation, pod field. Default `RuntimeDefault` on AppArmor hosts.
    pub app_armor: Val<String>,
    /// `seLinuxOptions`: the container's replaces the pod's as a whole; default empty.
    pub se_linux: Val<SeLinuxOptions>,
    /// `windowsOptions.hostProcess`, container over pod; default false.
    pub host_process: Val<bool>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct SeLinuxOptions {
    pub user: Option<Val<String>>,
    pub role: Option<Val<String>>,
    pub type_: Option<Val<String>>,
    pub level: Option<Val<String>>,
}

/// One `env` entry.
#[derive(Debug)]
pub struct EnvVar {
    pub name: Val<String>,
    /// A literal `value`.
    pub value: Option<Val<String>>,
    /// `valueFrom.secretKeyRef`, spanned at its key.
    pub secret_ref: Option<Span>,
}

/// `resources.limits` and `resources.requests` for CPU and memory: `None` when absent, unknown
/// when the block they would be in cannot be known.
#[derive(Debug, Default)]
pub struct Resources {
    pub limits_cpu: Option<Val<String>>,
    pub limits_memory: Option<Val<String>>,
    pub requests_cpu: Option<Val<String>>,
    pub requests_memory: Option<Val<String>>,
}

/// An image reference split the way container runtimes read it:
/// `[registry/]repository[:tag][@digest]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry host, `docker.io` when the reference names none.
    pub registry: String,
    /// The repository path, with `library/` for Docker Hub's official images.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    pub fn parse(image: &str) -> ImageRef {
        let image = image.trim();
        let (name, digest) = match image.split_once('@') {
            Some((name, digest)) => (name, Some(digest.to_string())),
            None => (image, None),
        };
        // A tag follows the last `:` after the last `/`; a `:` before it is a registry port.
        let last_slash = name.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name[last_slash..].rfind(':') {
            Some(i) => (
                &name[..last_slash + i],
                Some(name[last_slash + i + 1..].to_string()),
            ),
            None => (name, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, rest)) if is_host(first) => (normalise_host(first), rest.to_string()),
            _ => ("docker.io".to_string(), name.to_string()),
        };
        let repository = if registry == "docker.io" && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        ImageRef {
            registry,
            repository,
            tag,
            digest,
        }
    }

    /// `registry/repository`, for matching against approved registries.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// Whether the image may change under the same reference: no digest pins it.
    pub fn is_mutable(&self) -> bool {
        self.digest.is_none()
    }

    /// `:latest`, or no tag and no digest (which means `:latest`).
    pub fn is_latest(&self) -> bool {
        self.digest.is_none() && self.tag.as_deref().is_none_or(|tag| tag == "latest")
    }

    /// Whether an approved-registry entry covers this image: `ghcr.io` (a host), `ghcr.io/acme`
    /// (a host and a path prefix), `bitnami` (a Docker Hub namespace). Hosts compare without
    /// case; paths match whole segments, so `ghcr.io/acme` does not cover `ghcr.io/acme-evil`.
    pub fn is_from(&self, approved: &str) -> bool {
        let approved = approved.trim().trim_end_matches('/');
        if approved.is_empty() {
            return false;
        }
        let (host, path) = match approved.split_once('/') {
            Some((first, rest)) if is_host(first) => (normalise_host(first), rest),
            None if is_host(approved) => (normalise_host(approved), ""),
            _ => ("docker.io".to_string(), approved),
        };
        self.registry == host
            && (path.is_empty()
                || self.repository == path
                || self.repository.starts_with(&format!("{path}/")))
    }
}

/// Whether the first component of a reference names a registry host rather than a path.
fn is_host(component: &str) -> bool {
    component.contains('.') || component.contains(':') || component == "localhost"
}

fn normalise_host(host: &str) -> String {
    match host.to_ascii_lowercase().as_str() {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".to_string(),
        other => other.to_string(),
    }
}

pub const PRIVILEGED: Attr = Attr {
    id: "privileged",
    terraform: "security_context.privileged",
    cloudformation: "securityContext.privileged",
    kubernetes: "securityContext.privileged",
};

/// A container or pod setting: `securityContext.x` in manifests, `security_context.x` in
/// Terraform's `kubernetes_*` resources.
macro_rules! security_attr {
    ($const:ident, $id:literal, $k8s:literal, $tf:literal) => {
        pub const $const: Attr = Attr {
            id: $id,
            terraform: $tf,
            cloudformation: $k8s,
            kubernetes: $k8s,
        };
    };
}

security_attr!(
    ALLOW_PRIVILEGE_ESCALATION,
    "allowPrivilegeEscalation",
    "securityContext.allowPrivilegeEscalation",
    "security_context.allow_privilege_escalation"
);
security_attr!(
    RUN_AS_NON_ROOT,
    "runAsNonRoot",
    "securityContext.runAsNonRoot",
    "security_context.run_as_non_root"
);
security_attr!(
    RUN_AS_USER,
    "runAsUser",
    "securityContext.runAsUser",
    "security_context.run_as_user"
);
security_attr!(
    READ_ONLY_ROOT_FILESYSTEM,
    "readOnlyRootFilesystem",
    "securityContext.readOnlyRootFilesystem",
    "security_context.read_only_root_filesystem"
);
security_attr!(
    CAPABILITIES_ADD,
    "capabilities.add",
    "securityContext.capabilities.add",
    "security_context.capabilities.add"
);
security_attr!(
    CAPABILITIES_DROP,
    "capabilities.drop",
    "securityContext.capabilities.drop",
    "security_context.capabilities.drop"
);
security_attr!(
    PROC_MOUNT,
    "procMount",
    "securityContext.procMount",
    "security_context.proc_mount"
);
security_attr!(
    SECCOMP_PROFILE,
    "seccompProfile",
    "securityContext.seccompProfile.type",
    "security_context.seccomp_profile.type"
);
security_attr!(
    APPARMOR_PROFILE,
    "appArmorProfile",
    "securityContext.appArmorProfile.type",
    "security_context.app_armor_profile.type"
);
security_attr!(
    SE_LINUX_OPTIONS,
    "seLinuxOptions",
    "securityContext.seLinuxOptions",
    "security_context.se_linux_options"
);
security_attr!(
    HOST_PROCESS,
    "windowsOptions.hostProcess",
    "securityContext.windowsOptions.hostProcess",
    "security_context.windows_options.host_process"
);
security_attr!(
    SYSCTLS,
    "sysctls",
    "securityContext.sysctls",
    "security_context.sysctl"
);

/// A setting written the same way in manifests and Terraform's `kubernetes_*` resources
/// (up to case).
macro_rules! spec_attr {
    ($const:ident, $k8s:literal, $tf:literal) => {
        pub const $const: Attr = Attr {
            id: $k8s,
            terraform: $tf,
            cloudformation: $k8s,
            kubernetes: $k8s,
        };
    };
}

spec_attr!(HOST_NETWORK, "hostNetwork", "host_network");
spec_attr!(HOST_PID, "hostPID", "host_pid");
spec_attr!(HOST_IPC, "hostIPC", "host_ipc");
spec_attr!(VOLUMES, "volumes", "volume");
spec_attr!(HOST_PATH, "hostPath", "host_path");
spec_attr!(HOST_PORT, "ports.hostPort", "port.host_port");
spec_attr!(IMAGE, "image", "image");
spec_attr!(IMAGE_PULL_POLICY, "imagePullPolicy", "image_pull_policy");
spec_attr!(ENV, "env", "env");
spec_attr!(ENV_FROM, "envFrom", "env_from");
spec_attr!(RESOURCES_LIMITS, "resources.limits", "resources.limits");
spec_attr!(
    RESOURCES_REQUESTS,
    "resources.requests",
    "resources.requests"
);
spec_attr!(LIVENESS_PROBE, "livenessProbe", "liveness_probe");
spec_attr!(READINESS_PROBE, "readinessProbe", "readiness_probe");

#[cfg(test)]
mod tests {
    use super::ImageRef;

    #[test]
    fn image_references_split_like_a_runtime() {
        let nginx = ImageRef::parse("nginx");
        assert_eq!(nginx.full_name(), "docker.io/library/nginx");
        assert!(nginx.is_latest() && nginx.tag.is_none());
        let ecr = ImageRef::parse("123.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.2@sha256:ab");
        assert_eq!(ecr.registry, "123.dkr.ecr.eu-west-1.amazonaws.com");
        assert_eq!(ecr.repository, "shop/web");
        assert_eq!(ecr.tag.as_deref(), Some("1.2"));
        assert_eq!(ecr.digest.as_deref(), Some("sha256:ab"));
        assert!(!ecr.is_mutable() && !ecr.is_latest());
        let port = ImageRef::parse("localhost:5000/web");
        assert_eq!(port.registry, "localhost:5000");
        assert_eq!(port.tag, None);
        assert!(ImageRef::parse("web:latest").is_latest());
        assert!(!ImageRef::parse("web@sha256:ab").is_latest());
    }

    #[test]
    fn approved_registries_match_hosts_and_path_prefixes() {
        let image = ImageRef::parse("ghcr.io/acme/web:1");
        assert!(image.is_from("ghcr.io"));
        assert!(image.is_from("ghcr.io/acme"));
        assert!(image.is_from("GHCR.io/acme/"));
        assert!(!image.is_from("ghcr.io/acm"));
        assert!(!image.is_from("ghcr.io/other"));
        assert!(!image.is_from("docker.io"));
        assert!(ImageRef::parse("nginx:1.27").is_from("docker.io"));
        assert!(ImageRef::parse("nginx:1.27").is_from("docker.io/library"));
        assert!(ImageRef::parse("bitnami/redis").is_from("bitnami"));
        assert!(!ImageRef::parse("evil.io/bitnami/redis").is_from("bitnami"));
        assert!(!image.is_from(""));
    }
}
