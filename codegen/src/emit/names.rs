//! Rust names for cmdlets, parameters and identity properties (cased with `heck`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// `Revoke-MgUserSignInSession` → `revoke_mg_user_sign_in_session`.
pub fn method_name(cmdlet: &str) -> String {
    cmdlet.to_snake_case()
}

/// `Revoke-MgUserSignInSession` → `RevokeMgUserSignInSession` (the builder type).
pub fn type_name(cmdlet: &str) -> String {
    cmdlet.to_upper_camel_case()
}

/// `UserId` → `user_id`, `EventId1` → `event_id1`.
pub fn field_name(parameter: &str) -> String {
    parameter.to_snake_case()
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// An identifier for `name`, raw (`r#type`) when it is a keyword; the few words that cannot be
/// raw get a trailing underscore.
pub fn ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => {
            Ident::new(&format!("{name}_"), Span::call_site())
        }
        _ if KEYWORDS.contains(&name) => Ident::new_raw(name, Span::call_site()),
        _ => Ident::new(name, Span::call_site()),
    }
}

/// Whether `name` is a usable Rust identifier once cased (ASCII letters, digits, underscores,
/// not starting with a digit).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
