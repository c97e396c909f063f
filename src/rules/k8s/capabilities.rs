//! Linux capability names as the Pod Security Standards list them, shared by the capability
//! rules.

/// The capabilities the `baseline` profile allows a container to add: the container
/// runtime's default set, minus `NET_RAW`.
pub const BASELINE_ALLOWED: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// A capability as the runtime reads it: upper case, without the `CAP_` prefix.
pub fn normalise(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map_or(upper.clone(), str::to_string)
}
