//! Directives written in comments next to what they silence.
//!
//! A directive applies to a finding when it is on the finding's line, or in the block of
//! comment-only lines directly above it; the same holds for the resource's first line, so one
//! comment above a resource (or a Terraform `module` block) covers all of its findings.

use crate::source::SourceFile;

use super::directive::{self, Directive};

/// Directives on line `line` (1-based) and in the comment block right above it, each with the
/// byte range of its line.
pub fn near_line(file: &SourceFile, line: usize) -> Vec<(Directive, usize, usize)> {
    let index = file.line_index();
    let mut found = Vec::new();
    let mut current = line;
    let mut first = true;
    while current >= 1 && current <= index.line_count() {
        let start = index.line_start(current - 1);
        let end = if current < index.line_count() {
            index.line_start(current)
        } else {
            file.text.len()
        };
        let text = file.text.get(start..end).unwrap_or("");
        let comment = comment_of(text);
        if !first && !is_comment_only(text) {
            break;
        }
        if let Some(comment) = comment {
            found.extend(
                directive::in_comment(comment)
                    .into_iter()
                    .map(|directive| (directive, start, start + text.trim_end().len())),
            );
        }
        first = false;
        current -= 1;
    }
    found
}

/// The text after the first comment marker (`#` or `//`) of a line. A marker inside quotes is
/// not a comment, which is enough for the places directives are written.
fn comment_of(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (at, character) in line.char_indices() {
        match quote {
            Some(open) if character == open && previous != '\\' => quote = None,
            Some(_) => {}
            None if character == '"' || character == '\'' => quote = Some(character),
            None if character == '#' => return Some(&line[at + 1..]),
            None if character == '/' && previous == '/' => return Some(&line[at + 1..]),
            None => {}
        }
        previous = character;
    }
    None
}

fn is_comment_only(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with('#') || trimmed.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(None, "main.tf".into(), text.into())
    }

    #[test]
    fn directives_on_the_line_and_in_the_comment_block_above() {
        let source = file(
            "# unrelated\n\n# iacguard:ignore AWS-EBS-001 scratch disk\n// checkov:skip=CKV_AWS_3:scratch\nresource \"aws_ebs_volume\" \"v\" {\n  encrypted = false # trivy:ignore:AVD-AWS-0026\n}\n",
        );
        let above: Vec<_> = near_line(&source, 5)
            .into_iter()
            .map(|d| d.0.rules)
            .collect();
        assert_eq!(
            above,
            vec![
                vec!["CKV_AWS_3".to_string()],
                vec!["AWS-EBS-001".to_string()]
            ]
        );
        let trailing = near_line(&source, 6);
        assert_eq!(trailing.len(), 1);
        assert_eq!(trailing[0].0.rules, vec!["AVD-AWS-0026"]);
    }

    #[test]
    fn markers_inside_strings_are_not_comments() {
        assert_eq!(comment_of(r#"url = "http://x#y" # note"#), Some(" note"));
        assert_eq!(comment_of("name: 'a#b'"), None);
    }
}
