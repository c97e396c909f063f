//! Finding the files to scan, and which syntax each is in.
//!
//! Directories are walked with the `ignore` crate: `.gitignore` and `.ignore` files are honoured
//! (also outside a Git checkout), hidden entries such as `.git/` and `.terraform/` are skipped,
//! and so are `node_modules/` folders; symbolic links are not followed, so link loops cannot
//! trap the walk. A file named on the command line is always scanned. Which format a YAML or
//! JSON file holds is decided later, from its content.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::notice::{Notice, NoticeLevel};

/// The syntax a file is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Terraform configuration: `.tf`, and `.tf.json` in JSON syntax.
    Terraform,
    /// Terraform variable values: `.tfvars`, `.tfvars.json`. Read with their module, never
    /// analysed as documents of their own.
    Tfvars,
    Yaml,
    Json,
}

impl Syntax {
    /// By file name; `None` for files the scanner does not read.
    pub fn of_name(name: &str) -> Option<Syntax> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
            Some(Syntax::Terraform)
        } else if lower.ends_with(".tfvars") || lower.ends_with(".tfvars.json") {
            Some(Syntax::Tfvars)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(Syntax::Yaml)
        } else if lower.ends_with(".json") {
            Some(Syntax::Json)
        } else if lower.ends_with(".template") {
            // CloudFormation's old extension, for JSON and YAML alike; YAML reads both.
            Some(Syntax::Yaml)
        } else {
            None
        }
    }

    /// By name, or by content for files without a known extension (standard input, a file
    /// named explicitly).
    pub fn of(name: &str, text: &str) -> Syntax {
        Syntax::of_name(name).unwrap_or_else(|| {
            if text.trim_start().starts_with('{') {
                Syntax::Json
            } else {
                Syntax::Yaml
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// The path shown in reports: relative to the working directory where possible, `/`-separated.
    pub display: String,
    pub path: PathBuf,
}

const SKIPPED_DIRECTORIES: [&str; 1] = ["node_modules"];

/// Every file to scan under `paths`, sorted by display path, and the paths that could not be
/// walked.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<Notice>) {
    let found = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    let cwd = std::env::current_dir().unwrap_or_default();
    for root in paths {
        if root.is_file() {
            push(&found, root, &cwd);
            continue;
        }
        if !root.exists() {
            problems.lock().unwrap().push(Notice::file(
                NoticeLevel::Error,
                None,
                &display_path(root, &cwd),
                "no such file or directory",
            ));
            continue;
        }
        WalkBuilder::new(root)
            .require_git(false)
            .filter_entry(|entry| {
                !(entry.file_type().is_some_and(|t| t.is_dir())
                    && SKIPPED_DIRECTORIES.iter().any(|d| entry.file_name() == *d))
            })
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    match entry {
                        Ok(entry) => {
                            let is_file = entry.file_type().is_some_and(|t| t.is_file());
                            let name = entry.file_name().to_string_lossy();
                            if is_file && Syntax::of_name(&name).is_some() {
                                push(&found, entry.path(), &cwd);
                            }
                        }
                        Err(error) => problems.lock().unwrap().push(walk_error(&error, &cwd)),
                    }
                    WalkState::Continue
                })
            });
    }
    let mut found = found.into_inner().unwrap();
    found.sort();
    found.dedup();
    let mut problems = problems.into_inner().unwrap();
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    (found, problems)
}

fn push(found: &Mutex<Vec<Candidate>>, path: &Path, cwd: &Path) {
    found.lock().unwrap().push(Candidate {
        display: display_path(path, cwd),
        path: path.to_path_buf(),
    });
}

fn walk_error(error: &ignore::Error, cwd: &Path) -> Notice {
    let path = match error {
        ignore::Error::WithPath { path, .. } => display_path(path, cwd),
        ignore::Error::WithDepth { err, .. } => return walk_error(err, cwd),
        _ => String::from("."),
    };
    Notice::file(
        NoticeLevel::Error,
        None,
        &path,
        format!("cannot read: {error}"),
    )
}

/// `path` relative to `cwd` when it is inside it, with `/` separators and no leading `./`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    let text = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if path.is_absolute() && relative == path {
        format!("/{}", text.trim_start_matches('/'))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_by_name_and_content() {
        assert_eq!(Syntax::of_name("a/main.tf"), Some(Syntax::Terraform));
        assert_eq!(Syntax::of_name("x.YML"), Some(Syntax::Yaml));
        assert_eq!(Syntax::of_name("t.json"), Some(Syntax::Json));
        assert_eq!(Syntax::of_name("m/main.tf.json"), Some(Syntax::Terraform));
        assert_eq!(Syntax::of_name("prod.tfvars.json"), Some(Syntax::Tfvars));
        assert_eq!(Syntax::of_name("terraform.tfvars"), Some(Syntax::Tfvars));
        assert_eq!(Syntax::of_name("README.md"), None);
        assert_eq!(Syntax::of("-", "  {\"a\": 1}"), Syntax::Json);
        assert_eq!(Syntax::of("-", "a: 1"), Syntax::Yaml);
    }

    #[test]
    fn display_paths_are_relative_and_slashed() {
        let cwd = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/a/b.tf"), cwd), "a/b.tf");
        assert_eq!(display_path(Path::new("./a/b.tf"), cwd), "a/b.tf");
        assert_eq!(
            display_path(Path::new("/elsewhere/c.tf"), cwd),
            "/elsewhere/c.tf"
        );
    }
}
