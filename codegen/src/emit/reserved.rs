//! The method names a cmdlet builder keeps for itself, and how a parameter whose setter would
//! take one of them is spelled instead.
//!
//! A setter is the snake_case of its PowerShell parameter (`-UserId` → `user_id`). When that is
//! one of [`RESERVED`], the setter gets `_parameter` appended (`-RequestBody` →
//! `request_body_parameter`), so the builder's own methods keep working and the parameter stays
//! reachable. If the new spelling is itself taken, generation fails naming the parameter.

use super::names::field_name;
use crate::model::{ParameterSource, VariantParameter};

/// Every method a builder has besides its parameter setters: the common parameters (`header`,
/// `confirm`, `pass_thru`, `input_object`), the calls (`send`, `send_with_headers`,
/// `send_stream`, `what_if`)
/// and the private helpers of the shared builder (`runtime_call`, `cmdlet_…`). `parameter_set`,
/// `render_path`, `request_body` and `stream_request` were helpers once and stay reserved, so
/// the setters they renamed keep their names.
pub const RESERVED: &[&str] = &[
    "header",
    "confirm",
    "send",
    "send_with_headers",
    "send_stream",
    "stream_request",
    "what_if",
    "pass_thru",
    "input_object",
    "body_json",
    "retype",
    "parameter_set",
    "render_path",
    "request_body",
    "runtime_call",
    "cmdlet_new",
    "cmdlet_retype",
    "cmdlet_key",
    "cmdlet_option",
    "cmdlet_header_option",
    "cmdlet_body",
    "cmdlet_bytes",
    "cmdlet_property",
    "cmdlet_properties",
    "cmdlet_pass_thru",
];

/// The setter method of a parameter: its snake_case name, or that plus `_parameter` when the
/// builder reserves it.
pub fn setter_name(parameter: &str) -> String {
    let name = field_name(parameter);
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_parameter")
    } else {
        name
    }
}

/// The setter of a parameter of a parameter set; `-InputObject` is the builder's own
/// `input_object`.
pub fn parameter_setter(parameter: &VariantParameter) -> String {
    match parameter.source {
        ParameterSource::InputObject => "input_object".to_owned(),
        _ => setter_name(&parameter.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_setters_get_a_suffix() {
        assert_eq!(setter_name("UserId"), "user_id");
        assert_eq!(setter_name("RequestBody"), "request_body_parameter");
        assert_eq!(setter_name("Header"), "header_parameter");
        assert_eq!(setter_name("InputObject"), "input_object_parameter");
    }
}
