//! A directive regex that gives up — fancy-regex stops at its backtracking limit rather than
//! run for ever — is an error naming the directive, not a silent "no match" that would skip the
//! directive (`where`) or keep an operation it should remove (`remove-path-by-operation`).
//!
//! The matcher notes the first give-up ([`crate::js::limit`]); these wrappers run the directive
//! engine one directive at a time (the engine applies them in order anyway) and turn a note into
//! an error with that directive's place.

use std::cell::RefCell;

use super::directives;
use crate::error::{Error, Result};
use crate::model::CommandVariant;
use crate::model::directive::Directive;

use crate::js::limit::take;

fn error(directive: &Directive, message: String) -> Error {
    let origin = directive.origin();
    Error::Config {
        path: origin.file.clone(),
        location: origin.location(),
        message,
    }
}

/// [`directives::operation_removed`], with a regex that gives up noted in `failure`.
pub fn operation_removed(
    all: &[Directive],
    operation_id: &str,
    failure: &RefCell<Option<Error>>,
) -> bool {
    if failure.borrow().is_some() {
        return false;
    }
    take();
    all.iter().any(|directive| {
        let removed = directives::operation_removed(std::slice::from_ref(directive), operation_id);
        if let Some(message) = take() {
            failure
                .borrow_mut()
                .get_or_insert_with(|| error(directive, message));
        }
        removed
    })
}

/// [`directives::apply`], failing on the first directive whose regex gives up.
pub fn apply(variants: &mut Vec<CommandVariant>, all: &[Directive]) -> Result<()> {
    take();
    for directive in all {
        directives::apply(variants, std::slice::from_ref(directive));
        if let Some(message) = take() {
            return Err(error(directive, message));
        }
    }
    Ok(())
}
