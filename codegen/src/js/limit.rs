//! A regex that gives up. fancy-regex stops at its backtracking budget rather than run for ever
//! and reports an error; a match call has no way to return it, so the first one is noted here
//! (per thread) for `name::regex_limit`, which turns it into an error naming the directive.
//! Once noted, matching stops: the run fails anyway, and each further give-up would spend the
//! whole budget again.

use std::cell::RefCell;

/// fancy-regex's backtracking budget per match (its default is 1 000 000): the SDK's directives
/// need a tiny fraction of it on names, and a hostile regex then costs milliseconds, not seconds.
pub(crate) const BACKTRACK_LIMIT: usize = 100_000;

thread_local! {
    static GAVE_UP: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Notes that the regex `source` gave up on `text` (the first note wins until taken).
pub(crate) fn gave_up(source: &str, text: &str, error: &dyn std::fmt::Display) {
    GAVE_UP.with(|slot| {
        slot.borrow_mut().get_or_insert_with(|| {
            format!(
                "its regex `{}` gave up on `{}` ({error}); simplify it (fewer nested repeats, \
                 no backtracking into lookarounds)",
                crate::text::shown(source),
                crate::text::shown(text)
            )
        });
    });
}

/// Whether a give-up is noted and not yet taken.
pub(crate) fn given_up() -> bool {
    GAVE_UP.with(|slot| slot.borrow().is_some())
}

/// The noted give-up, if any, clearing the note.
pub(crate) fn take() -> Option<String> {
    GAVE_UP.with(|slot| slot.borrow_mut().take())
}
