//! The built-in profiles agree with the rules' own references: a rule that names a benchmark
//! control is listed under that control in the profile, and a profile lists only rules that
//! name the control. Adding a reference without the profile entry (or the reverse) fails here.

use iacguard::policy::ruleset::Ruleset;
use iacguard::rules;

/// (profile, the reference prefix its control IDs follow, the fewest parts a control ID has).
/// CIS Kubernetes numbers etcd controls `2.1`..`2.7`; in CIS EKS a two-part number such as
/// `5.3` is a section, cited for context, not a control.
const PROFILES: &[(&str, &str, usize)] = &[
    ("cis-kubernetes", "CIS Kubernetes ", 2),
    ("cis-eks", "CIS EKS ", 3),
    ("eks-hardening", "", 0),
];

/// A control a reference names: `CIS EKS 4.2.1` → `4.2.1`; `CCE-86901-6` as it is.
fn control_of<'a>(reference: &'a str, prefix: &str, min_parts: usize) -> Option<&'a str> {
    if prefix.is_empty() {
        return reference.starts_with("CCE-").then_some(reference);
    }
    let control = reference.strip_prefix(prefix)?;
    // Old-version citations (`v1.6.0 1.2.19`) are not profile controls.
    let parts: Vec<&str> = control.split('.').collect();
    (parts.len() >= min_parts && parts.iter().all(|p| p.parse::<u32>().is_ok())).then_some(control)
}

#[test]
fn every_referenced_control_lists_its_rules_and_nothing_else() {
    for (name, prefix, min_parts) in PROFILES {
        let profile = Ruleset::load(name).unwrap();
        for rule in rules::ALL {
            let meta = rule.meta();
            for control in meta
                .refs
                .iter()
                .filter_map(|r| control_of(r, prefix, *min_parts))
            {
                let listed = profile
                    .controls
                    .iter()
                    .find(|c| c.id == control)
                    .is_some_and(|c| c.rules.iter().any(|r| r == meta.id));
                assert!(
                    listed,
                    "{name}: {} cites {control} but is not listed under it",
                    meta.id
                );
            }
        }
        for control in &profile.controls {
            for id in &control.rules {
                let meta = rules::find(id).unwrap().meta();
                // eks-hardening names the controls without a CCE identifier by the CIS EKS
                // number their rules cite, verbatim.
                let cites = meta.refs.iter().any(|r| {
                    control_of(r, prefix, *min_parts) == Some(control.id.as_str())
                        || (prefix.is_empty() && r == &control.id)
                });
                assert!(
                    cites,
                    "{name}: {id} is listed under {} but does not cite it",
                    control.id
                );
            }
        }
    }
}
