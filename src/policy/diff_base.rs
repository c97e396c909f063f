//! Pull-request mode (`--diff-base REV`): report only what a change introduced.
//!
//! The same paths are scanned a second time as they were at REV, read straight from git's
//! object store (no checkout, no network). A resource counts as changed when it is new or its
//! *evaluated* properties differ, so a resource whose text is untouched but whose value moved
//! because a variable default, a local or a module input changed is still in scope. Findings on
//! unchanged resources are dropped. A finding whose setting held a different value at REV is a
//! regression and says what changed ("endpoint_public_access changed false → true").

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::discover::{display_path, Syntax};
use crate::model::Resource;
use crate::parse::{Node, NodeKind};
use crate::scan::{scan_sources, Options, Scan};
use crate::source::{SourceFile, Span};

/// Scans `paths` as they were at `rev`.
pub fn scan_at(rev: &str, paths: &[PathBuf], options: &Options) -> Result<Scan, String> {
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|error| format!("cannot read the working directory: {error}"))?;
    let anchor = paths
        .iter()
        .find(|path| path.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let anchor_dir = if anchor.is_dir() {
        anchor.clone()
    } else {
        anchor
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let root = PathBuf::from(git(&anchor_dir, &["rev-parse", "--show-toplevel"], None)?.trim());
    let commit = git(
        &root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        None,
    )
    .map_err(|_| format!("--diff-base: `{rev}` is not a commit in {}", root.display()))?;
    let commit = commit.trim();

    // Limit the listing to what was asked for, as paths relative to the repository.
    let mut pathspecs = Vec::new();
    for path in paths.iter().filter(|path| path.as_os_str() != "-") {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| cwd.join(path));
        if let Ok(relative) = absolute.strip_prefix(&root) {
            let relative = relative.to_string_lossy().into_owned();
            pathspecs.push(if relative.is_empty() {
                ".".to_string()
            } else {
                relative
            });
        }
    }
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", commit, "--"];
    args.extend(pathspecs.iter().map(String::as_str));
    let listing = git(&root, &args, None)?;
    let names: Vec<&str> = listing
        .split('\0')
        .filter(|name| !name.is_empty())
        .filter(|name| Syntax::of_name(name).is_some())
        .collect();

    let request: String = names
        .iter()
        .map(|name| format!("{commit}:{name}\n"))
        .collect();
    let batch = git_bytes(&root, &["cat-file", "--batch"], Some(request.as_bytes()))?;
    let mut files = Vec::new();
    let mut rest = batch.as_slice();
    for name in names {
        let Some((header, body)) = split_header(rest) else {
            break;
        };
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|size| size.parse().ok())
            .unwrap_or(0);
        if header.ends_with(" missing") || body.len() < size {
            break;
        }
        let (content, after) = body.split_at(size);
        rest = after.strip_prefix(b"\n").unwrap_or(after);
        if content.len() as u64 > options.max_file_size {
            continue;
        }
        let Ok(text) = crate::load::decode(content.to_vec()) else {
            continue;
        };
        let path = root.join(name);
        files.push(SourceFile::new(None, display_path(&path, &cwd), text));
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(scan_sources(files, Vec::new(), options))
}

fn split_header(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&bytes[..newline]).ok()?;
    Some((header, &bytes[newline + 1..]))
}

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<String, String> {
    let bytes = git_bytes(dir, args, input)?;
    String::from_utf8(bytes).map_err(|_| "git printed non-UTF-8 output".to_string())
}

fn git_bytes(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("--diff-base needs git: {error}"))?;
    if let Some(input) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // Written from a thread: git answers while it reads, and a full pipe would block both.
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let output = child
        .wait_with_output()
        .map_err(|error| format!("git failed: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.first().unwrap_or(&""),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

/// Keeps the findings of resources that are new or changed since the base scan, and turns
/// those whose setting changed into regression messages. Returns how many were dropped.
pub fn restrict(scan: &mut Scan, base: &Scan, rev: &str) -> usize {
    let key = |scan: &Scan, resource: &Resource| {
        (
            scan.sources.get(resource.header.file).display.clone(),
            resource.address.clone(),
        )
    };
    let before: HashMap<(String, String), &Resource> = base
        .model
        .iter()
        .map(|resource| (key(base, resource), resource))
        .collect();
    let base_findings: std::collections::HashSet<(&str, &str, &str, &str)> = base
        .findings
        .iter()
        .map(|f| {
            let path = base.sources.get(f.span.file).display.as_str();
            (f.rule.id, path, f.address.as_str(), f.attribute.as_str())
        })
        .collect();

    let total = scan.findings.len();
    let mut kept = Vec::new();
    for mut finding in std::mem::take(&mut scan.findings) {
        let resource = &scan.model[finding.resource];
        let Some(old) = before.get(&key(scan, resource)) else {
            kept.push(finding); // a new resource
            continue;
        };
        if same_value(&old.body, &resource.body) {
            continue;
        }
        let already = base_findings.contains(&(
            finding.rule.id,
            scan.sources.get(finding.span.file).display.as_str(),
            finding.address.as_str(),
            finding.attribute.as_str(),
        ));
        if !already {
            if let Some((setting, new)) = path_to(&resource.body, finding.span) {
                let old_value =
                    lookup(&old.body, &setting).map_or_else(|| "unset".to_string(), render);
                let new_value = render(new);
                if old_value != new_value {
                    finding.message = format!(
                        "{} (security regression since {rev}: `{}` changed {old_value} → {new_value})",
                        finding.message,
                        setting.join(".")
                    );
                }
            }
        }
        kept.push(finding);
    }
    scan.findings = kept;
    total - scan.findings.len()
}

/// Whether two evaluated trees hold the same values, wherever they are written.
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Null, NodeKind::Null) => true,
        (NodeKind::Bool(x), NodeKind::Bool(y)) => x == y,
        (NodeKind::Number(x), NodeKind::Number(y)) => x == y,
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Unknown(x), NodeKind::Unknown(y)) => x == y,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(a, b)| a.key == b.key && same_value(&a.value, &b.value))
        }
        (NodeKind::Tagged(t, x), NodeKind::Tagged(u, y)) => t == u && same_value(x, y),
        _ => false,
    }
}

/// The key path to the node written at `span`, and that node.
fn path_to(node: &Node, span: Span) -> Option<(Vec<String>, &Node)> {
    if node.span == span {
        return Some((Vec::new(), node));
    }
    match &node.kind {
        NodeKind::Map(entries) => entries.iter().find_map(|entry| {
            path_to(&entry.value, span).map(|(mut path, found)| {
                path.insert(0, entry.key.clone());
                (path, found)
            })
        }),
        NodeKind::Seq(items) => items.iter().enumerate().find_map(|(i, item)| {
            path_to(item, span).map(|(mut path, found)| {
                path.insert(0, i.to_string());
                (path, found)
            })
        }),
        NodeKind::Tagged(_, inner) => path_to(inner, span),
        _ => None,
    }
}

fn lookup<'a>(node: &'a Node, path: &[String]) -> Option<&'a Node> {
    let Some((first, rest)) = path.split_first() else {
        return Some(node);
    };
    let next = match &node.kind {
        NodeKind::Map(entries) => entries.iter().find(|e| &e.key == first).map(|e| &e.value),
        NodeKind::Seq(items) => first.parse::<usize>().ok().and_then(|i| items.get(i)),
        NodeKind::Tagged(_, inner) => return lookup(inner, path),
        _ => None,
    }?;
    lookup(next, rest)
}

/// A short rendering of a value for a message.
fn render(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null => "null".to_string(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Number(n) => n.to_string(),
        NodeKind::Str(s) => format!("{s:?}"),
        NodeKind::Seq(items) => format!(
            "[{}]",
            items.iter().map(render).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Map(_) => "{…}".to_string(),
        NodeKind::Tagged(tag, inner) => format!("{tag} {}", render(inner)),
        NodeKind::Unknown(_) => "(unknown)".to_string(),
    }
}
