//! Paths a configuration excludes from the scan, written gitignore-style (`vendor/`,
//! `**/*.generated.yaml`) relative to the configuration file's directory.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

pub struct Exclude {
    matcher: Gitignore,
    root: PathBuf,
}

impl Exclude {
    pub fn new(root: &Path, patterns: &[String]) -> Result<Exclude, String> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut builder = GitignoreBuilder::new(&root);
        for pattern in patterns {
            builder
                .add_line(None, pattern)
                .map_err(|error| format!("exclude pattern `{pattern}`: {error}"))?;
        }
        let matcher = builder
            .build()
            .map_err(|error| format!("exclude patterns: {error}"))?;
        Ok(Exclude { matcher, root })
    }

    /// Whether a discovered file is excluded. Files outside the configuration's directory
    /// are never excluded by it.
    pub fn excludes(&self, path: &Path) -> bool {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        absolute.starts_with(&self.root)
            && self
                .matcher
                .matched_path_or_any_parents(&absolute, false)
                .is_ignore()
    }
}
