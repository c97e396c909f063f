//! The files a Terraform scan reads besides the `.tf` files discovery found.
//!
//! Variable files (`terraform.tfvars`, `*.auto.tfvars` and their `.json` forms) sit next to a
//! root module's `.tf` files but are not IaC themselves; `--var-file` files can be anywhere;
//! and modules fetched by `terraform init` live under `.terraform/modules`, a hidden directory
//! discovery skips on purpose (it also holds provider binaries). They are loaded here, with the
//! same size and encoding checks as every other file, so that their values can be shown at
//! their exact line. From `.terraform/modules` only the directories `modules.json` lists are
//! read, and only their `.tf` files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::modules::{join, MANIFEST};
use crate::adapt::Inputs;
use crate::discover::{display_path, Candidate};
use crate::load::load_all;
use crate::notice::Notice;
use crate::source::SourceFile;

/// More module directories than this from one `modules.json` are not read.
const MAX_FETCHED_MODULES: usize = 2000;

/// Whether the Terraform adapter, not the YAML/JSON one, reads this file.
pub fn is_terraform_file(display: &str) -> bool {
    let name = display.rsplit('/').next().unwrap_or(display);
    is_configuration(name)
        || name.ends_with(".tfvars")
        || name.ends_with(".tfvars.json")
        || display.ends_with(MANIFEST)
}

/// A configuration file of a module, in native (`.tf`) or JSON (`.tf.json`) syntax.
pub fn is_configuration(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// Whether Terraform reads this variable file by itself in a root module's directory, and in
/// which order: `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars[.json]` by name.
pub fn automatic_tfvars_rank(name: &str) -> Option<(u8, &str)> {
    match name {
        "terraform.tfvars" => Some((0, name)),
        "terraform.tfvars.json" => Some((1, name)),
        _ if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => {
            Some((2, name))
        }
        _ => None,
    }
}

/// How a `--var-file` is named in reports.
pub fn var_file_display(path: &Path) -> String {
    display_path(path, &std::env::current_dir().unwrap_or_default())
}

/// What [`companion_files`] loaded.
#[derive(Default)]
pub struct Companions {
    pub files: Vec<SourceFile>,
    pub notices: Vec<Notice>,
    /// Directories of modules loaded only because a scanned module calls them (outside the
    /// scanned paths): evaluated for their callers, never as roots.
    pub called_only: HashSet<String>,
}

/// Loads the variable files and fetched modules that belong to the scanned `.tf` files, the
/// local modules they call from outside the scanned paths, and the `--var-file` files. Files
/// already in `files` are not loaded again.
pub fn companion_files(files: &[SourceFile], inputs: &Inputs, max_size: u64) -> Companions {
    let known: HashSet<&str> = files.iter().map(|file| file.display.as_str()).collect();
    let mut dirs: BTreeMap<PathBuf, String> = BTreeMap::new();
    for file in files {
        let (Some(path), true) = (&file.path, is_configuration(&file.display)) else {
            continue;
        };
        if let Some(parent) = path.parent() {
            let display = file.display.rsplit_once('/').map_or("", |(dir, _)| dir);
            dirs.entry(parent.to_path_buf())
                .or_insert_with(|| display.to_string());
        }
    }

    let mut candidates = Vec::new();
    for (disk, display) in &dirs {
        if display.contains(".terraform/") {
            continue;
        }
        for name in file_names(disk) {
            if automatic_tfvars_rank(&name).is_some() {
                candidates.push(candidate(disk.join(&name), join(display, &name)));
            }
        }
        let manifest = disk.join(MANIFEST);
        if manifest.is_file() {
            candidates.push(candidate(manifest.clone(), join(display, MANIFEST)));
            for dir in fetched_module_dirs(&manifest, max_size) {
                let module_disk = disk.join(&dir);
                let module_display = join(display, &dir);
                for name in file_names(&module_disk) {
                    if is_configuration(&name) {
                        candidates.push(candidate(
                            module_disk.join(&name),
                            join(&module_display, &name),
                        ));
                    }
                }
            }
        }
    }
    for path in &inputs.terraform_var_files {
        candidates.push(candidate(path.clone(), var_file_display(path)));
    }

    let mut seen = HashSet::new();
    candidates.retain(|c| !known.contains(c.display.as_str()) && seen.insert(c.display.clone()));
    let mut companions = Companions::default();
    for result in load_all(&candidates, max_size) {
        match result {
            Ok(file) => companions.files.push(file),
            Err(notice) => companions.notices.push(notice),
        }
    }
    called_modules(files, &dirs, max_size, &mut companions);
    companions
}

/// Loads, transitively, the local modules (`source = "./x"`, `"../x"`) that the given modules
/// call from directories that were not scanned, such as `../../modules/eks` when only
/// `live/prod` is scanned. Sources are found in the text (a `source = "..."` line) so that
/// nothing is parsed twice; a stray match only loads a module that is then never evaluated,
/// since modules loaded this way are only evaluated when called.
fn called_modules(
    files: &[SourceFile],
    dirs: &BTreeMap<PathBuf, String>,
    max_size: u64,
    companions: &mut Companions,
) {
    let mut known: HashSet<String> = dirs.values().cloned().collect();
    known.extend(
        companions
            .files
            .iter()
            .map(|file| directory(&file.display).to_string()),
    );
    let mut pending: Vec<(PathBuf, String)> = Vec::new();
    let queue_calls = |file: &SourceFile, pending: &mut Vec<(PathBuf, String)>| {
        let (Some(path), true) = (&file.path, file.display.ends_with(".tf")) else {
            return;
        };
        let Some(disk_dir) = path.parent() else {
            return;
        };
        for source in local_sources(&file.text) {
            let display = join(directory(&file.display), source);
            pending.push((disk_dir.join(source), display));
        }
    };
    for file in files.iter().chain(&companions.files) {
        queue_calls(file, &mut pending);
    }
    let mut loaded_dirs = 0;
    while let Some((disk, display)) = pending.pop() {
        if loaded_dirs >= MAX_FETCHED_MODULES || !known.insert(display.clone()) {
            continue;
        }
        let candidates: Vec<Candidate> = file_names(&disk)
            .into_iter()
            .filter(|name| is_configuration(name))
            .map(|name| candidate(disk.join(&name), join(&display, &name)))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        loaded_dirs += 1;
        companions.called_only.insert(display);
        for result in load_all(&candidates, max_size) {
            match result {
                Ok(file) => {
                    queue_calls(&file, &mut pending);
                    companions.files.push(file);
                }
                Err(notice) => companions.notices.push(notice),
            }
        }
    }
}

/// The local module sources written in a `.tf` file: `source = "./x"` or `"../x"`.
fn local_sources(text: &str) -> Vec<&str> {
    if !text.contains("module") {
        return Vec::new();
    }
    text.lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("source")?;
            let rest = rest.trim_start().strip_prefix('=')?.trim_start();
            let value = rest.strip_prefix('"')?;
            let value = &value[..value.find('"')?];
            (value.starts_with("./") || value.starts_with("../")).then_some(value)
        })
        .collect()
}

fn directory(display: &str) -> &str {
    display.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn candidate(path: PathBuf, display: String) -> Candidate {
    Candidate { display, path }
}

/// The names of the files in a directory, sorted; nothing when it cannot be read.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The `Dir` of every module `modules.json` lists (relative to where `terraform init` ran),
/// except the root itself.
fn fetched_module_dirs(manifest: &Path, max_size: u64) -> Vec<String> {
    let too_big = std::fs::metadata(manifest).map_or(true, |m| m.len() > max_size);
    let text = if too_big {
        None
    } else {
        std::fs::read_to_string(manifest).ok()
    };
    let parsed: Option<serde_json::Value> = text.and_then(|text| serde_json::from_str(&text).ok());
    let Some(entries) = parsed.as_ref().and_then(|v| v.get("Modules")?.as_array()) else {
        return Vec::new();
    };
    let mut dirs: Vec<String> = entries
        .iter()
        .filter(|entry| entry.get("Key").and_then(|k| k.as_str()) != Some(""))
        .filter_map(|entry| fetched_dir(entry.get("Dir")?.as_str()?))
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs.truncate(MAX_FETCHED_MODULES);
    dirs
}

/// A `Dir` of `modules.json`, `/`-separated, when it lies under `.terraform/modules` (where
/// `terraform init` puts fetched modules); anything else is not read.
pub fn fetched_dir(dir: &str) -> Option<String> {
    let dir = dir.replace('\\', "/");
    let dir = dir.trim_start_matches("./");
    let inside = dir.starts_with(".terraform/modules/") && !dir.split('/').any(|part| part == "..");
    inside.then(|| dir.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_directories_under_terraform_modules_are_read() {
        assert_eq!(
            fetched_dir(".terraform/modules/eks").as_deref(),
            Some(".terraform/modules/eks")
        );
        assert_eq!(
            fetched_dir(".terraform\\modules\\eks\\modules\\kms").as_deref(),
            Some(".terraform/modules/eks/modules/kms")
        );
        assert_eq!(fetched_dir("."), None);
        assert_eq!(fetched_dir("/etc"), None);
        assert_eq!(fetched_dir(".terraform/modules/../../secrets"), None);
    }

    #[test]
    fn automatic_variable_files_in_terraform_order() {
        let mut names = vec![
            "b.auto.tfvars",
            "terraform.tfvars.json",
            "a.auto.tfvars.json",
            "terraform.tfvars",
        ];
        names.sort_by_key(|name| automatic_tfvars_rank(name));
        assert_eq!(
            names,
            [
                "terraform.tfvars",
                "terraform.tfvars.json",
                "a.auto.tfvars.json",
                "b.auto.tfvars"
            ]
        );
        assert_eq!(automatic_tfvars_rank("prod.tfvars"), None);
        assert!(is_terraform_file("x/prod.tfvars") && is_terraform_file("main.tf"));
        assert!(!is_terraform_file("k8s/deploy.yaml"));
    }
}
