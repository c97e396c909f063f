//! Baselines: today's findings recorded so that a pull request shows only new ones.
//!
//! Entries are fingerprints (rule, file, resource address, setting — never line numbers), so
//! moving code around does not resurface accepted findings. Rule, path and address are stored
//! beside each fingerprint for people reading or reviewing the file.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::scan::Scan;

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    path: String,
    address: String,
    attribute: String,
}

const VERSION: u32 = 1;

/// The baseline file for a scan's findings that are not suppressed.
pub fn write(scan: &Scan) -> String {
    let mut findings: Vec<Entry> = scan
        .unsuppressed()
        .map(|finding| Entry {
            fingerprint: finding.fingerprint.clone(),
            rule: finding.rule.id.to_string(),
            path: scan.sources.get(finding.span.file).display.clone(),
            address: finding.address.clone(),
            attribute: finding.attribute.clone(),
        })
        .collect();
    findings.sort_by(|a, b| (&a.path, &a.fingerprint).cmp(&(&b.path, &b.fingerprint)));
    let mut text = serde_json::to_string_pretty(&File {
        version: VERSION,
        findings,
    })
    .expect("the baseline serializes");
    text.push('\n');
    text
}

pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read baseline {}: {error}", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|error| format!("baseline {} is not valid: {error}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline {} has version {}; this iacguard reads version {VERSION}",
                path.display(),
                file.version
            ));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Drops the findings the baseline already records; returns how many baseline entries no
    /// longer occur (fixed, or their resource is gone).
    pub fn apply(&self, scan: &mut Scan) -> usize {
        let current: BTreeSet<&str> = scan
            .findings
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect();
        let stale = self
            .fingerprints
            .iter()
            .filter(|fingerprint| !current.contains(fingerprint.as_str()))
            .count();
        scan.findings
            .retain(|finding| !self.fingerprints.contains(&finding.fingerprint));
        stale
    }
}
