//! Rulesets: named profiles such as `cis-eks` that select rules and map them to controls.
//!
//! A ruleset is a small YAML file (`rulesets/*.yaml`, embedded in the binary; or a user's own
//! file): a name, a description, and controls, each listing the rule IDs that check it. They are
//! read with our own YAML parser, so a mistake is reported at its line.

use std::collections::BTreeSet;

use crate::parse::{yaml, Node};
use crate::rules;
use crate::source::{FileId, LineIndex};

/// The profiles shipped with iacguard, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("cis-eks", include_str!("../../rulesets/cis-eks.yaml")),
    (
        "cis-kubernetes",
        include_str!("../../rulesets/cis-kubernetes.yaml"),
    ),
    (
        "eks-hardening",
        include_str!("../../rulesets/eks-hardening.yaml"),
    ),
    (
        "pod-security-restricted",
        include_str!("../../rulesets/pod-security-restricted.yaml"),
    ),
];

#[derive(Debug)]
pub struct Ruleset {
    pub name: String,
    pub description: String,
    pub controls: Vec<Control>,
}

#[derive(Debug)]
pub struct Control {
    pub id: String,
    pub title: String,
    pub rules: Vec<String>,
}

impl Ruleset {
    /// A built-in profile by name, or a ruleset file by path.
    pub fn load(name_or_path: &str) -> Result<Ruleset, String> {
        if let Some((_, text)) = BUILTIN.iter().find(|(name, _)| *name == name_or_path) {
            return Ruleset::parse(text, name_or_path);
        }
        let text = std::fs::read_to_string(name_or_path).map_err(|error| {
            let names: Vec<&str> = BUILTIN.iter().map(|(name, _)| *name).collect();
            format!(
                "`{name_or_path}` is neither a built-in ruleset ({}) nor a readable file: {error}",
                names.join(", ")
            )
        })?;
        Ruleset::parse(&text, name_or_path)
    }

    pub fn parse(text: &str, origin: &str) -> Result<Ruleset, String> {
        let at = |node: &Node, message: String| {
            let position = LineIndex::new(text).position(text, node.span.start as usize);
            format!("{origin}:{}:{}: {message}", position.line, position.column)
        };
        let documents = yaml::parse_stream(text, FileId(0)).map_err(|error| {
            let position = LineIndex::new(text).position(text, error.offset);
            format!(
                "{origin}:{}:{}: {}",
                position.line, position.column, error.message
            )
        })?;
        let root = documents
            .first()
            .filter(|root| root.as_map().is_some())
            .ok_or_else(|| {
                format!("{origin}: a ruleset is a mapping with `name` and `controls`")
            })?;
        let text_field = |node: &Node, key: &str| -> Result<String, String> {
            match node.get(key) {
                Some(value) => value
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| at(value, format!("`{key}` must be a string"))),
                None => Err(at(node, format!("`{key}` is missing"))),
            }
        };
        let mut controls = Vec::new();
        let items = root
            .get("controls")
            .and_then(Node::as_seq)
            .ok_or_else(|| at(root, "`controls` must be a list".to_string()))?;
        for item in items {
            let rule_list = item
                .get("rules")
                .and_then(Node::as_seq)
                .ok_or_else(|| at(item, "`rules` must be a list of rule IDs".to_string()))?;
            let mut ids = Vec::new();
            for rule in rule_list {
                let id = rule.as_str().unwrap_or_default();
                if rules::find(id).is_none() {
                    return Err(at(
                        rule,
                        format!("`{id}` is not a rule (see `iacguard rules`)"),
                    ));
                }
                ids.push(id.to_string());
            }
            controls.push(Control {
                id: text_field(item, "id")?,
                title: text_field(item, "title")?,
                rules: ids,
            });
        }
        Ok(Ruleset {
            name: text_field(root, "name")?,
            description: text_field(root, "description")?,
            controls,
        })
    }

    /// Every rule ID the ruleset selects.
    pub fn rule_ids(&self) -> BTreeSet<&str> {
        self.controls
            .iter()
            .flat_map(|control| control.rules.iter().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rulesets_load_and_name_real_rules() {
        for (name, _) in BUILTIN {
            let ruleset = Ruleset::load(name).unwrap();
            assert_eq!(ruleset.name, *name);
            assert!(!ruleset.controls.is_empty());
            assert!(!ruleset.rule_ids().is_empty());
        }
    }

    #[test]
    fn mistakes_are_reported_at_their_line() {
        let text = "name: x\ndescription: y\ncontrols:\n  - id: a\n    title: b\n    rules: [AWS-EKS-002, NOPE-001]\n";
        let error = Ruleset::parse(text, "mine.yaml").unwrap_err();
        assert!(
            error.starts_with("mine.yaml:6:26: `NOPE-001` is not a rule"),
            "{error}"
        );
        let error = Ruleset::parse("name: x\ncontrols: 3\n", "m.yaml").unwrap_err();
        assert!(error.contains("`controls` must be a list"), "{error}");
        assert!(Ruleset::load("no-such-profile")
            .unwrap_err()
            .contains("cis-eks"));
    }
}
