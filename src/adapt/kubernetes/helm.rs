//! Helm charts: templates are recognised and left alone; rendered output is scanned.
//!
//! A file under a chart's `templates/` folder (a folder whose parent holds `Chart.yaml`) that
//! contains `{{` is Go template text, not YAML: its values only exist once Helm renders it. Such
//! files are never parsed, so they are never reported as broken YAML, and each chart gets one
//! note saying how many were skipped and how to scan the rendered chart instead
//! (`helm template CHART | iacguard scan -`). A template without any `{{` is rendered verbatim
//! by Helm and is scanned like any manifest.
//!
//! Rendered output names the template each document came from in a `# Source:` comment. A
//! finding in such a document keeps its location in the rendered stream (that is the text the
//! line and column count in) and gains a related location at the `# Source:` line, whose
//! message names the template, so every report format shows where to fix it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::discover::Syntax;
use crate::finding::{Finding, Related};
use crate::notice::{Notice, NoticeLevel};
use crate::source::{FileId, Sources, Span};

/// The chart templates of a scan that are skipped, and one note per chart.
pub fn templates(sources: &Sources) -> (BTreeSet<FileId>, Vec<Notice>) {
    let displays: BTreeMap<&str, FileId> = sources
        .ids()
        .map(|id| (sources.get(id).display.as_str(), id))
        .collect();
    let mut charts: BTreeMap<String, Vec<FileId>> = BTreeMap::new();
    for id in sources.ids() {
        let file = sources.get(id);
        if !file.text.contains("{{") || Syntax::of(&file.display, &file.text) == Syntax::Terraform {
            continue;
        }
        if let Some(chart) = chart_root(&file.display, file.path.as_deref(), &displays) {
            charts.entry(chart).or_default().push(id);
        }
    }
    let mut skipped = BTreeSet::new();
    let mut notices = Vec::new();
    for (chart, files) in charts {
        // The note goes to Chart.yaml, or to the first template when only templates were
        // named.
        let chart_yaml = join(&chart, "Chart.yaml");
        let (file, path) = match displays.get(chart_yaml.as_str()) {
            Some(id) => (*id, chart_yaml),
            None => (files[0], sources.get(files[0]).display.clone()),
        };
        let shown = if chart.is_empty() { "." } else { &chart };
        let count = files.len();
        let plural = if count == 1 { "" } else { "s" };
        notices.push(Notice::file(
            NoticeLevel::Note,
            Some(file),
            &path,
            format!(
                "Helm chart `{shown}`: {count} template{plural} with `{{{{ }}}}` syntax not scanned; \
                 scan the rendered chart with `helm template {shown} | iacguard scan -`"
            ),
        ));
        skipped.extend(files);
    }
    (skipped, notices)
}

/// The chart folder a file belongs to as a template: the parent of the innermost `templates`
/// folder above it, when that parent holds `Chart.yaml` (among the scanned files, or on disk
/// for a template named on its own).
fn chart_root(
    display: &str,
    path: Option<&Path>,
    displays: &BTreeMap<&str, FileId>,
) -> Option<String> {
    let parts: Vec<&str> = display.split('/').collect();
    let folders = parts.len().checked_sub(1)?;
    (0..folders).rev().find_map(|i| {
        if parts[i] != "templates" {
            return None;
        }
        let chart = parts[..i].join("/");
        let in_scan = displays.contains_key(join(&chart, "Chart.yaml").as_str());
        let on_disk = || {
            path.and_then(|p| p.ancestors().nth(folders - i + 1))
                .is_some_and(|dir| dir.join("Chart.yaml").is_file())
        };
        (in_scan || on_disk()).then_some(chart)
    })
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// A `# Source: chart/templates/x.yaml` line of rendered output: where it is, and the
/// template it names.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceComment {
    pub span: Span,
    pub template: String,
}

/// The `# Source:` comments of a file, in order. Each one covers the text up to the next.
pub fn source_comments(file: FileId, text: &str) -> Vec<SourceComment> {
    let mut comments = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(template) = trimmed.strip_prefix("# Source: ") {
            let template = template.trim();
            // Helm always names `<chart>/templates/...` (or a subchart's `.../charts/...`).
            if template.contains("/templates/") {
                comments.push(SourceComment {
                    span: Span::new(file, offset, offset + trimmed.len()),
                    template: template.to_string(),
                });
            }
        }
        offset += line.len();
    }
    comments
}

/// Gives every finding in rendered Helm output a related location at the `# Source:` comment
/// of the document it is in.
pub fn link_templates(findings: &mut [Finding], sources: &Sources) {
    let mut comments: BTreeMap<FileId, Vec<SourceComment>> = BTreeMap::new();
    for finding in findings {
        let file = finding.span.file;
        let comments = comments
            .entry(file)
            .or_insert_with(|| source_comments(file, &sources.get(file).text));
        let Some(comment) = comments
            .iter()
            .rev()
            .find(|comment| comment.span.start <= finding.span.start)
        else {
            continue;
        };
        // First: of all the related places, the template is where the fix goes.
        finding.related.insert(
            0,
            Related {
                span: comment.span,
                message: format!("rendered from the Helm template `{}`", comment.template),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Sources {
        Sources::from_texts(files)
    }

    #[test]
    fn templates_with_syntax_are_skipped_once_per_chart() {
        let sources = sources(&[
            ("charts/web/Chart.yaml", "apiVersion: v2\nname: web\n"),
            ("charts/web/templates/a.yaml", "kind: {{ .Values.kind }}\n"),
            (
                "charts/web/templates/sub/b.yaml",
                "name: {{ .Release.Name }}\n",
            ),
            (
                "charts/web/templates/plain.yaml",
                "apiVersion: v1\nkind: Namespace\n",
            ),
            ("other/templates/c.yaml", "a: {{ b }}\n"),
        ]);
        let (skipped, notices) = templates(&sources);
        assert_eq!(
            skipped.into_iter().collect::<Vec<_>>(),
            [FileId(1), FileId(2)]
        );
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].path, "charts/web/Chart.yaml");
        assert_eq!(notices[0].file, Some(FileId(0)));
        assert!(
            notices[0].message.contains("2 templates"),
            "{}",
            notices[0].message
        );
        assert!(notices[0]
            .message
            .contains("`helm template charts/web | iacguard scan -`"));
    }

    #[test]
    fn source_comments_name_templates() {
        let text = "---\n# Source: web/templates/svc.yaml\nkind: Service\n---\n# Source: web/templates/deploy.yaml\nkind: Deployment\n";
        let comments = source_comments(FileId(0), text);
        assert_eq!(comments.len(), 2);
        assert_eq!(
            &text[comments[1].span.range()],
            "# Source: web/templates/deploy.yaml"
        );
        assert_eq!(comments[1].template, "web/templates/deploy.yaml");
    }
}
