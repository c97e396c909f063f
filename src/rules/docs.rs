//! Reading a rule's Markdown documentation: its sections and its fenced examples.
//!
//! Doc comments arrive with the leading space of `/// text` kept; [`normalize`] removes it.
//! Examples are fenced blocks whose info string is `FORMAT,bad` or `FORMAT,good`, FORMAT being one
//! of [`EXAMPLE_FORMATS`].

/// Example formats, with the file name an example is scanned under.
pub const EXAMPLE_FORMATS: &[(&str, &str)] = &[
    ("tf", "main.tf"),
    ("cfn-yaml", "template.yaml"),
    ("cfn-json", "template.json"),
    ("k8s", "manifest.yaml"),
    ("eksctl", "cluster.yaml"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub format: String,
    pub bad: bool,
    pub code: String,
}

/// The documentation as Markdown, without the doc-comment indentation.
pub fn normalize(docs: &str) -> String {
    let mut out = String::with_capacity(docs.len());
    for line in docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The body of the `## title` section, trimmed.
pub fn section(docs: &str, title: &str) -> Option<String> {
    let markdown = normalize(docs);
    let mut lines = markdown.lines();
    lines
        .by_ref()
        .find(|line| line.trim() == format!("## {title}"))?;
    let mut body = Vec::new();
    let mut in_fence = false;
    for line in lines {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("## ") {
            break;
        }
        body.push(line);
    }
    Some(body.join("\n").trim().to_string())
}

/// The first paragraph of "What it does": the rule's one-sentence description.
pub fn summary(docs: &str) -> String {
    section(docs, "What it does")
        .unwrap_or_default()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ")
}

pub fn examples(docs: &str) -> Vec<Example> {
    let markdown = normalize(docs);
    let mut examples = Vec::new();
    let mut current: Option<Example> = None;
    for line in markdown.lines() {
        if let Some(info) = line.strip_prefix("```") {
            match current.take() {
                Some(example) => examples.push(example),
                None => {
                    let mut parts = info.split(',').map(str::trim);
                    let format = parts.next().unwrap_or_default().to_string();
                    let bad = match parts.next() {
                        Some("bad") => true,
                        Some("good") => false,
                        _ => {
                            // A fence that is not an example: skip to its end.
                            current = Some(Example {
                                format: String::new(),
                                bad: false,
                                code: String::new(),
                            });
                            continue;
                        }
                    };
                    current = Some(Example {
                        format,
                        bad,
                        code: String::new(),
                    });
                }
            }
        } else if let Some(example) = current.as_mut() {
            example.code.push_str(line);
            example.code.push('\n');
        }
    }
    examples.retain(|e| !e.format.is_empty());
    examples
}

/// The file name an example of `format` is scanned under.
pub fn example_file_name(format: &str) -> Option<&'static str> {
    EXAMPLE_FORMATS
        .iter()
        .find(|(name, _)| *name == format)
        .map(|(_, file)| *file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: &str = " ## What it does\n Flags things.\n More.\n\n Second.\n ## Example\n ```tf,bad\n a = 1\n ```\n ```text\n not an example\n ```\n ```k8s,good\n b: 2\n ```\n";

    #[test]
    fn sections_summary_and_examples() {
        assert_eq!(summary(DOCS), "Flags things. More.");
        assert!(section(DOCS, "Example").unwrap().contains("not an example"));
        let examples = examples(DOCS);
        assert_eq!(examples.len(), 2);
        assert_eq!(
            examples[0],
            Example {
                format: "tf".into(),
                bad: true,
                code: "a = 1\n".into()
            }
        );
        assert_eq!(examples[1].format, "k8s");
        assert!(!examples[1].bad);
    }
}
