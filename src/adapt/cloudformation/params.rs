//! Parameter values given with `--cfn-params FILE`, read once per scan.
//!
//! Two shapes are accepted, the ones teams already keep next to their templates: the AWS CLI's
//! `[{"ParameterKey": "Env", "ParameterValue": "prod"}]` (as passed to `aws cloudformation
//! create-stack --parameters file://...`) and a plain `{"Env": "prod"}` object (also wrapped as
//! `{"Parameters": {...}}`, CodePipeline's template configuration). Later files override earlier
//! ones. Pseudo parameters such as `AWS::Region` can be given the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::notice::{Notice, NoticeLevel};

/// Parameter values by name, for every template of the scan.
#[derive(Debug, Default, Clone)]
pub struct Params {
    values: BTreeMap<String, Given>,
}

/// One given value and the file it came from, for provenance notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub value: String,
    /// The file as shown to users.
    pub file: String,
}

impl Params {
    /// Reads every file; one that cannot be read or understood is an error notice and is
    /// skipped, the scan goes on with the others.
    pub fn load(files: &[PathBuf], notices: &mut Vec<Notice>) -> Params {
        let mut params = Params::default();
        let cwd = std::env::current_dir().unwrap_or_default();
        for path in files {
            let display = crate::discover::display_path(path, &cwd);
            let parsed = std::fs::read_to_string(path)
                .map_err(|error| format!("cannot read CloudFormation parameters file: {error}"))
                .and_then(|text| parse(&text));
            match parsed {
                Ok(values) => {
                    for (name, value) in values {
                        let file = display.clone();
                        params.values.insert(name, Given { value, file });
                    }
                }
                Err(message) => {
                    notices.push(Notice::file(NoticeLevel::Error, None, &display, message))
                }
            }
        }
        params
    }

    /// Values given in code, as if read from `file` (tests, library users).
    pub fn from_pairs(file: &Path, pairs: &[(&str, &str)]) -> Params {
        let file = file.to_string_lossy().into_owned();
        let values = pairs
            .iter()
            .map(|(name, value)| {
                let given = Given {
                    value: value.to_string(),
                    file: file.clone(),
                };
                (name.to_string(), given)
            })
            .collect();
        Params { values }
    }

    pub fn get(&self, name: &str) -> Option<&Given> {
        self.values.get(name)
    }
}

/// The name/value pairs of one parameters file, or what is wrong with it (with its line and
/// column when the JSON itself is broken).
fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let json: Value = serde_json::from_str(text).map_err(|error| {
        format!(
            "cannot parse CloudFormation parameters file: line {}, column {}: {error}",
            error.line(),
            error.column()
        )
    })?;
    let shape =
        "expected `[{\"ParameterKey\": ..., \"ParameterValue\": ...}]` or `{\"Name\": \"value\"}`";
    match json {
        Value::Array(items) => {
            let mut pairs = Vec::new();
            for (index, item) in items.iter().enumerate() {
                let key = item.get("ParameterKey").and_then(Value::as_str);
                let Some(key) = key else {
                    return Err(format!(
                        "CloudFormation parameters file: entry {} has no string `ParameterKey`; {shape}",
                        index + 1
                    ));
                };
                // `UsePreviousValue` keeps whatever the stack has: unknown here.
                if item.get("UsePreviousValue") == Some(&Value::Bool(true)) {
                    continue;
                }
                let value = item.get("ParameterValue").and_then(text_of);
                let Some(value) = value else {
                    return Err(format!(
                        "CloudFormation parameters file: parameter `{key}` has no string `ParameterValue`"
                    ));
                };
                pairs.push((key.to_string(), value));
            }
            Ok(pairs)
        }
        Value::Object(object) => {
            let object = match object.get("Parameters") {
                Some(Value::Object(inner)) => inner.clone(),
                _ => object,
            };
            object
                .iter()
                .map(|(key, value)| match text_of(value) {
                    Some(text) => Ok((key.clone(), text)),
                    None => Err(format!(
                        "CloudFormation parameters file: the value of `{key}` is not a string, number, boolean or list of strings"
                    )),
                })
                .collect()
        }
        _ => Err(format!("CloudFormation parameters file: {shape}")),
    }
}

/// A parameter value as CloudFormation sees it: text. A list becomes the comma-delimited form
/// that `CommaDelimitedList` and `List<...>` parameters take.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(|items| items.join(",")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_are_read() {
        let cli = r#"[{"ParameterKey": "Env", "ParameterValue": "prod"},
                      {"ParameterKey": "Old", "UsePreviousValue": true},
                      {"ParameterKey": "Size", "ParameterValue": 5}]"#;
        assert_eq!(
            parse(cli).unwrap(),
            vec![
                ("Env".to_string(), "prod".to_string()),
                ("Size".to_string(), "5".to_string())
            ]
        );
        let plain = r#"{"Env": "dev", "Cidrs": ["10.0.0.0/8", "192.168.0.0/16"], "Public": true}"#;
        let pairs = parse(plain).unwrap();
        assert!(pairs.contains(&("Cidrs".to_string(), "10.0.0.0/8,192.168.0.0/16".to_string())));
        assert!(pairs.contains(&("Public".to_string(), "true".to_string())));
        let wrapped = r#"{"Parameters": {"Env": "qa"}, "Tags": {"team": "x"}}"#;
        assert_eq!(
            parse(wrapped).unwrap(),
            vec![("Env".to_string(), "qa".to_string())]
        );
    }

    #[test]
    fn broken_files_say_where() {
        let error = parse("{\n  \"Env\": \n}").unwrap_err();
        assert!(error.contains("line 3"), "{error}");
        assert!(parse("[{\"ParameterValue\": \"x\"}]")
            .unwrap_err()
            .contains("entry 1"));
        assert!(parse("\"text\"").is_err());
        assert!(parse("{\"A\": {\"nested\": 1}}")
            .unwrap_err()
            .contains("`A`"));
    }
}
