//! The key spellings cfn-guard falls back to when a queried key is missing from a map.
//!
//! cfn-guard retries a missing key in seven case conventions (camelCase, ClassCase, kebab-case,
//! PascalCase, snake_case, Title Case, Train-Case), in this order, and keeps the convention that
//! matched for the rest of the query. The same `cruet` functions are used so the spellings are
//! identical; they are computed once per query key when a rules file is compiled.

use cruet::case::{camel, class, kebab, pascal, snake, title, train};

/// The seven conversions of `key`, in cfn-guard's order.
pub(super) fn conversions(key: &str) -> Vec<String> {
    vec![
        camel::to_camel_case(key),
        class::to_class_case(key),
        kebab::to_kebab_case(key),
        pascal::to_pascal_case(key),
        snake::to_snake_case(key),
        title::to_title_case(key),
        train::to_train_case(key),
    ]
}
