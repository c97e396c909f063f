//! `List` objects: `kind: List` as `kubectl get -o yaml` prints it, and typed lists such as
//! `DeploymentList`, whose items may leave out their own `kind`.

use crate::parse::Node;

/// The items of a list object with the kind each item implies, or `None` when `document` is
/// not a list. A `kind` ending in `List` counts only with an `items` sequence, so that an
/// object kind that merely ends in `List` is not mistaken for one.
pub fn items<'a>(document: &'a Node, kind: &'a str) -> Option<Vec<(&'a Node, Option<&'a str>)>> {
    let item_kind = kind.strip_suffix("List")?;
    let items = document.get("items")?.as_seq()?;
    let implied = (!item_kind.is_empty()).then_some(item_kind);
    Some(items.iter().map(|item| (item, implied)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    #[test]
    fn only_kinds_ending_in_list_with_items_are_lists() {
        let doc = |text: &str| parse_stream(text, FileId(0)).unwrap().remove(0);
        let plain = doc("kind: List\nitems: [{kind: Pod}]\n");
        assert_eq!(items(&plain, "List").unwrap()[0].1, None);
        let typed = doc("kind: PodList\nitems: [{}]\n");
        assert_eq!(items(&typed, "PodList").unwrap()[0].1, Some("Pod"));
        let not_list = doc("kind: AllowList\nspec: {}\n");
        assert!(items(&not_list, "AllowList").is_none());
        assert!(items(&plain, "Pod").is_none());
    }
}
