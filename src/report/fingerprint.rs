//! Stable fingerprints for findings.
//!
//! A fingerprint names what is wrong, not where the line happens to be: rule, file, resource
//! address and the setting concerned. Adding a line above a resource keeps every fingerprint;
//! fixing and re-breaking a setting gives the same one back. Two findings that would share a
//! fingerprint (the same rule on two containers of one pod) are told apart by their order.
//! Baselines and SARIF's `partialFingerprints` both use them, so they are computed once per
//! scan. FNV-1a is used because it is tiny, fast and the same on every platform and Rust version.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::source::Sources;

/// Fills in `fingerprint` on findings already in report order.
pub fn assign(findings: &mut [Finding], sources: &Sources) {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for finding in findings {
        let path = &sources.get(finding.span.file).display;
        let key = format!(
            "{}|{}|{}|{}",
            finding.rule.id, path, finding.address, finding.attribute
        );
        let hash = fnv1a(key.as_bytes());
        let occurrence = seen.entry(hash).or_insert(0);
        *occurrence += 1;
        finding.fingerprint = if *occurrence == 1 {
            format!("{hash:016x}")
        } else {
            format!("{hash:016x}:{occurrence}")
        };
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }
}
