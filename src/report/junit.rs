//! JUnit XML, as CI systems (GitLab `artifacts:reports:junit`, Jenkins, Azure Pipelines) show
//! test results.
//!
//! One `<testsuite>` per file, named by its path. In it, one `<testcase>` per rule and resource
//! with findings: a `<failure>` whose text lists every finding of that rule on that resource
//! (line, message, fix), or `<skipped>` when all of them are suppressed. A resource with no
//! findings at all is one passing testcase, so a file's suite shows what was checked. A file
//! that could not be analysed is one testcase with an `<error>`. No timings are written: the
//! report is byte-identical for the same input.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::positions;
use crate::finding::Finding;
use crate::notice::NoticeLevel;
use crate::scan::Scan;

#[derive(Default)]
struct Suite<'a> {
    /// Keyed by (rule ID, resource address) so cases come out in a stable order.
    cases: BTreeMap<(String, String), Vec<&'a Finding>>,
    clean: Vec<&'a str>,
    errors: Vec<String>,
}

pub fn render(scan: &Scan) -> String {
    let mut suites: BTreeMap<&str, Suite> = BTreeMap::new();
    let mut with_findings = vec![false; scan.model.len()];
    for finding in &scan.findings {
        if let Some(flag) = with_findings.get_mut(finding.resource) {
            *flag = true;
        }
        let path = scan.sources.get(finding.span.file).display.as_str();
        suites
            .entry(path)
            .or_default()
            .cases
            .entry((finding.rule.id.to_string(), finding.address.clone()))
            .or_default()
            .push(finding);
    }
    for (resource, flagged) in scan.model.iter().zip(&with_findings) {
        if !flagged {
            let path = scan.sources.get(resource.header.file).display.as_str();
            let suite = suites.entry(path).or_default();
            if !suite.clean.contains(&resource.address.as_str()) {
                suite.clean.push(&resource.address);
            }
        }
    }
    for notice in &scan.notices {
        if notice.level == NoticeLevel::Error {
            suites
                .entry(notice.path.as_str())
                .or_default()
                .errors
                .push(notice.message.clone());
        }
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    for (path, suite) in &suites {
        let suite_failures = suite
            .cases
            .values()
            .filter(|findings| findings.iter().any(|f| f.suppression.is_none()))
            .count();
        let suite_skipped = suite.cases.len() - suite_failures;
        let suite_tests = suite.cases.len() + suite.clean.len() + suite.errors.len();
        tests += suite_tests;
        failures += suite_failures;
        skipped += suite_skipped;
        errors += suite.errors.len();
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{suite_tests}\" failures=\"{suite_failures}\" errors=\"{}\" skipped=\"{suite_skipped}\">",
            escape(path),
            suite.errors.len()
        );
        for message in &suite.errors {
            let _ = writeln!(
                body,
                "    <testcase name=\"{}\" classname=\"{}\">\n      <error message=\"{}\" type=\"incomplete\"/>\n    </testcase>",
                escape(path),
                escape(path),
                escape(message)
            );
        }
        for ((rule, address), findings) in &suite.cases {
            let first = findings[0];
            let (start, _) = positions(&scan.sources, first.span);
            let _ = writeln!(
                body,
                "    <testcase name=\"{} {}: {}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
                escape(rule),
                escape(first.rule.name),
                escape(address),
                escape(path),
                escape(path),
                start.line
            );
            let open: Vec<&&Finding> = findings
                .iter()
                .filter(|f| f.suppression.is_none())
                .collect();
            if open.is_empty() {
                let _ = writeln!(
                    body,
                    "      <skipped message=\"suppressed: {}\"/>",
                    escape(&suppression_reason(first))
                );
            } else {
                let mut details = String::new();
                for finding in &open {
                    let (start, _) = positions(&scan.sources, finding.span);
                    let _ = writeln!(
                        details,
                        "{path}:{}:{}: {}",
                        start.line, start.column, finding.message
                    );
                }
                let _ = writeln!(details, "fix: {}", first.rule.fix);
                let _ = writeln!(
                    body,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    escape(&open[0].message),
                    open[0].severity.as_str(),
                    escape(&details)
                );
            }
            body.push_str("    </testcase>\n");
        }
        for address in &suite.clean {
            let _ = writeln!(
                body,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"/>",
                escape(address),
                escape(path),
                escape(path)
            );
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"iacguard\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{body}</testsuites>\n"
    )
}

fn suppression_reason(finding: &Finding) -> String {
    match &finding.suppression {
        Some(s) if !s.justification.is_empty() => s.justification.clone(),
        Some(s) => format!("{} directive", s.dialect.name()),
        None => String::new(),
    }
}

/// XML text and attribute escaping; characters XML 1.0 cannot hold at all become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn xml_special_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
