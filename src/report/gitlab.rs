//! GitLab's SAST security report (`artifacts:reports:sast`), schema version 15.
//!
//! Each unsuppressed finding becomes a vulnerability with a deterministic `id` (a UUID-shaped
//! hash of the finding's fingerprint and file, so the same finding keeps its id across
//! pipelines), the rule as its primary identifier (CCE ids from the rule's references follow),
//! and its file with start and end lines. Suppressed findings are left out: they are accepted
//! and would otherwise reappear as new vulnerabilities in GitLab.
//!
//! The schema requires `scan.start_time` and `scan.end_time` (UTC, `YYYY-MM-DDTHH:MM:SS`). They
//! are the real start and end of the scan, except when `SOURCE_DATE_EPOCH` (the
//! reproducible-builds convention) is set: then both are that instant, so the report is
//! byte-identical between runs. Files that could not be analysed are `scan.messages`; the scan
//! status stays `success` because the findings that were made are valid.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::{positions, RenderOptions};
use crate::notice::NoticeLevel;
use crate::rules::{docs, Severity};
use crate::scan::Scan;

/// The schema version the report follows; GitLab 15.0 and later read 15.x reports.
pub const SCHEMA_VERSION: &str = "15.0.7";

pub fn render(scan: &Scan, options: &RenderOptions) -> String {
    let (start, end) = scan_times(options.elapsed);
    let tool = json!({
        "id": "iacguard",
        "name": "iacguard",
        "version": env!("CARGO_PKG_VERSION"),
        "vendor": { "name": "iacguard" },
        "url": env!("CARGO_PKG_REPOSITORY"),
    });
    let vulnerabilities: Vec<Value> = scan
        .unsuppressed()
        .map(|finding| {
            let (first, last) = positions(&scan.sources, finding.span);
            let path = &scan.sources.get(finding.span.file).display;
            let mut identifiers = vec![json!({
                "type": "iacguard_rule_id",
                "name": format!("iacguard {}", finding.rule.id),
                "value": finding.rule.id,
            })];
            identifiers.extend(
                finding
                    .rule
                    .refs
                    .iter()
                    .filter(|reference| reference.starts_with("CCE-"))
                    .map(|cce| json!({ "type": "cce", "name": cce, "value": cce })),
            );
            let summary = docs::summary(finding.rule.docs);
            json!({
                "id": vulnerability_id(&finding.fingerprint, path),
                "name": truncate(if summary.is_empty() { finding.rule.name } else { &summary }, 255),
                "description": truncate(&format!("{} (resource {})", finding.message, finding.address), 1_048_576),
                "severity": severity(finding.severity),
                "solution": truncate(finding.rule.fix, 7_000),
                "location": {
                    "file": path,
                    "start_line": first.line,
                    "end_line": last.line.max(first.line),
                },
                "identifiers": identifiers,
            })
        })
        .collect();
    let messages: Vec<Value> = scan
        .notices
        .iter()
        .filter(|notice| notice.level != NoticeLevel::Note)
        .map(|notice| {
            json!({
                "level": if notice.level == NoticeLevel::Error { "warn" } else { "info" },
                "value": format!("{}: {}", notice.path, notice.message),
            })
        })
        .collect();
    let mut scan_object = json!({
        "analyzer": tool,
        "scanner": tool,
        "type": "sast",
        "status": "success",
        "start_time": start,
        "end_time": end,
    });
    if !messages.is_empty() {
        scan_object["messages"] = Value::Array(messages);
    }
    let report = json!({
        "version": SCHEMA_VERSION,
        "scan": scan_object,
        "vulnerabilities": vulnerabilities,
    });
    let mut text = serde_json::to_string_pretty(&report).expect("the report serializes");
    text.push('\n');
    text
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// A UUID-shaped id (version 8, "custom") from two independent hashes of the fingerprint and
/// the file: stable for the same finding, distinct for distinct ones.
fn vulnerability_id(fingerprint: &str, path: &str) -> String {
    let key = format!("{fingerprint}|{path}");
    let high = fnv1a(key.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let low = fnv1a(key.as_bytes(), 0x6c62_272e_07bb_0142);
    let high = (high & !0xf000) | 0x8000; // version 8
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// Start and end of the scan as the schema wants them; see the module docs.
fn scan_times(elapsed: Duration) -> (String, String) {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
    {
        let fixed = timestamp(epoch);
        return (fixed.clone(), fixed);
    }
    let end = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let start = end.saturating_sub(elapsed);
    (timestamp(start.as_secs()), timestamp(end.as_secs()))
}

/// `YYYY-MM-DDTHH:MM:SS` in UTC for seconds since 1970 (Howard Hinnant's civil-from-days).
pub fn timestamp(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let time = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_civil_times() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00");
        assert_eq!(timestamp(951_782_400 + 3_661), "2000-02-29T01:01:01");
        assert_eq!(timestamp(1_767_225_599), "2025-12-31T23:59:59");
    }

    #[test]
    fn ids_are_uuid_shaped_and_stable() {
        let id = vulnerability_id("0123456789abcdef", "a/main.tf");
        assert_eq!(id, vulnerability_id("0123456789abcdef", "a/main.tf"));
        assert_ne!(id, vulnerability_id("0123456789abcdef:2", "a/main.tf"));
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&id[14..15], "8");
    }
}
