//! File functions (`file`, `fileexists`, `filebase64`; `templatefile` reads through here too)
//! and what they may read.
//!
//! A scanner must not become a way to read arbitrary files: only regular files under the
//! boundary directory (the directory iacguard runs in, or the module's own directory when that
//! is elsewhere) are read, after symbolic links are resolved, and only up to [`MAX_STRING`]
//! bytes. Absolute paths, `~`, and paths leaving the boundary give an unknown value with the
//! reason, never an error, so `try` does not swap in a fallback Terraform would not use.
//! Relative paths resolve against the module's directory, as if `terraform` ran there, which
//! is also what `path.module`, `path.root` and `path.cwd` (all `"."`) say.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::encoding::base64;
use super::{Call, Outcome, MAX_STRING};
use crate::parse::{Node, NodeKind};
use crate::source::{FileId, SourceFile};

/// Where a module's file functions may read.
#[derive(Debug, Clone, Default)]
pub struct FileAccess {
    /// The directory relative paths resolve against; `None` when the module has no directory
    /// on disk (standard input, in-memory sources), and then nothing is read.
    pub base: Option<PathBuf>,
    /// No file outside this directory is read.
    pub boundary: Option<PathBuf>,
}

/// The outcome of trying to read a file.
pub enum Contents {
    Bytes(Vec<u8>),
    /// Not read, and why: the value is unknown.
    Refused(String),
}

impl FileAccess {
    /// Access for the module made of `files` (one directory).
    pub fn for_module(files: &[(FileId, &SourceFile)]) -> FileAccess {
        let base = files
            .iter()
            .find_map(|(_, file)| file.path.as_deref()?.parent().map(Path::to_path_buf))
            .map(|dir| {
                if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir
                }
            })
            .and_then(|dir| dir.canonicalize().ok());
        let Some(base) = base else {
            return FileAccess::default();
        };
        let cwd = std::env::current_dir()
            .and_then(|dir| dir.canonicalize())
            .ok();
        // Running from `/` must not open the whole file system.
        let boundary = match cwd {
            Some(cwd) if base.starts_with(&cwd) && cwd.parent().is_some() => cwd,
            _ => base.clone(),
        };
        FileAccess {
            base: Some(base),
            boundary: Some(boundary),
        }
    }

    /// Reads `path` if allowed; `Err` is an evaluation error (no such file).
    pub fn read(&self, path: &str) -> Result<Contents, String> {
        let (Some(base), Some(boundary)) = (&self.base, &self.boundary) else {
            return Ok(Contents::Refused(
                "files are only read for modules in a directory".to_string(),
            ));
        };
        let relative = Path::new(path);
        if path.is_empty() || relative.is_absolute() || path.starts_with('~') {
            return Ok(Contents::Refused(format!(
                "the file {path:?} is not read: only relative paths inside the scanned tree are"
            )));
        }
        let full = match base.join(relative).canonicalize() {
            Ok(full) => full,
            Err(_) => return Err(format!("no file exists at {path:?}")),
        };
        if !full.starts_with(boundary) {
            return Ok(Contents::Refused(format!(
                "the file {path:?} is outside the scanned tree and is not read"
            )));
        }
        let metadata =
            std::fs::metadata(&full).map_err(|e| format!("cannot read {path:?}: {e}"))?;
        if !metadata.is_file() {
            return Err(format!("{path:?} is not a regular file"));
        }
        if metadata.len() > MAX_STRING as u64 {
            return Ok(Contents::Refused(format!(
                "the file {path:?} is over {MAX_STRING} bytes and is not read"
            )));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&full)
            .and_then(|file| file.take(MAX_STRING as u64 + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("cannot read {path:?}: {e}"))?;
        if bytes.len() > MAX_STRING {
            return Ok(Contents::Refused(format!(
                "the file {path:?} is over {MAX_STRING} bytes and is not read"
            )));
        }
        Ok(Contents::Bytes(bytes))
    }

    /// A file's text, for `file` and `templatefile`: `Ok(Err(reason))` when it is not read.
    pub fn read_text(&self, path: &str) -> Result<Result<String, String>, String> {
        match self.read(path)? {
            Contents::Refused(reason) => Ok(Err(reason)),
            Contents::Bytes(bytes) => String::from_utf8(bytes)
                .map(Ok)
                .map_err(|_| format!("the file {path:?} is not UTF-8 text")),
        }
    }
}

pub fn file(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    match cx.files.read_text(&cx.text(0)?)? {
        Ok(text) => Ok(cx.string(text)),
        Err(reason) => Ok(Node::unknown(cx.span, reason)),
    }
}

pub fn filebase64(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    match cx.files.read(&cx.text(0)?)? {
        Contents::Bytes(bytes) => Ok(cx.string(base64(&bytes))),
        Contents::Refused(reason) => Ok(Node::unknown(cx.span, reason)),
    }
}

pub fn fileexists(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    match cx.files.read(&cx.text(0)?) {
        Ok(Contents::Bytes(_)) => Ok(cx.computed(NodeKind::Bool(true))),
        Ok(Contents::Refused(reason)) => Ok(Node::unknown(cx.span, reason)),
        Err(_) => Ok(cx.computed(NodeKind::Bool(false))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn access(dir: &Path, boundary: &Path) -> FileAccess {
        FileAccess {
            base: Some(dir.canonicalize().unwrap()),
            boundary: Some(boundary.canonicalize().unwrap()),
        }
    }

    fn call_with(name: &str, args: Vec<Node>, files: &FileAccess) -> String {
        match super::super::call(name, &args, span(0), files) {
            Ok(node) => show(&node),
            Err(error) => format!("error: {error}"),
        }
    }

    #[test]
    fn reads_only_inside_the_boundary() {
        let root = std::env::temp_dir().join(format!("iacguard-files-{}", std::process::id()));
        let module = root.join("scanned/module");
        std::fs::create_dir_all(&module).unwrap();
        std::fs::write(module.join("policy.json"), "{\"a\":1}").unwrap();
        std::fs::write(root.join("scanned/shared.txt"), "shared").unwrap();
        std::fs::write(root.join("secret.txt"), "secret").unwrap();
        let files = access(&module, &root.join("scanned"));

        assert_eq!(
            call_with("file", vec![s("./policy.json")], &files),
            "\"{\\\"a\\\":1}\""
        );
        assert_eq!(
            call_with("file", vec![s("../shared.txt")], &files),
            "\"shared\""
        );
        assert_eq!(
            call_with("file", vec![s("../../secret.txt")], &files),
            "unknown"
        );
        let absolute = root.join("secret.txt").display().to_string();
        assert_eq!(call_with("file", vec![s(&absolute)], &files), "unknown");
        assert_eq!(
            call_with("file", vec![s("~/.ssh/id_rsa")], &files),
            "unknown"
        );
        assert!(call_with("file", vec![s("missing.txt")], &files).starts_with("error"));
        assert!(call_with("file", vec![s(".")], &files).starts_with("error"));
        assert_eq!(
            call_with("fileexists", vec![s("policy.json")], &files),
            "true"
        );
        assert_eq!(
            call_with("fileexists", vec![s("missing.txt")], &files),
            "false"
        );
        assert_eq!(
            call_with("fileexists", vec![s("../../secret.txt")], &files),
            "unknown"
        );
        assert_eq!(
            call_with("filebase64", vec![s("../shared.txt")], &files),
            "\"c2hhcmVk\""
        );
        // Without a directory nothing is read.
        assert_eq!(run("file", vec![s("policy.json")]), "unknown");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
