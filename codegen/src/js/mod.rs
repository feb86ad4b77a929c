//! The JavaScript string semantics AutoRest's directives are written against: regex matching
//! (`String.prototype.match`), global regex replacement and replacement templates
//! (`String.prototype.replace`). Directive selectors and setters are JavaScript, so they are
//! run with JavaScript's rules, not Rust's.

mod regex;
mod replace;
mod translate;

pub use regex::Pattern;
pub use replace::{Template, replace_first_literal};
