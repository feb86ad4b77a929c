//! Cmdlet names, aliases and parameter names are written into the generated code as they are (docs, literals,
//! `#[doc(alias)]`) and become methods: a name the emitter cannot spell is an error naming the
//! operation it came from, never source that fails to compile in `OUT_DIR`.

use super::names::{field_name, ident, is_identifier, method_name};
use crate::error::{Error, Result};
use crate::model::{Cmdlet, Module};

pub fn check_cmdlet_names(module: &Module) -> Result<()> {
    for cmdlet in &module.cmdlets {
        for name in std::iter::once(&cmdlet.name).chain(&cmdlet.aliases) {
            if let Some(c) = name
                .chars()
                .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            {
                return Err(refuse(
                    module,
                    cmdlet,
                    name,
                    &format!(
                        "holds {}, and a cmdlet name or alias takes only ASCII letters, digits, `-` and `_`",
                        describe(c)
                    ),
                ));
            }
            let method = method_name(name);
            if ident(&method) != method {
                return Err(refuse(
                    module,
                    cmdlet,
                    name,
                    &format!("would be the method `{method}`, a Rust keyword"),
                ));
            }
        }
        // Parameter names (directives rename them) become setters: `-UserId` → `.user_id(..)`.
        for parameter in cmdlet.parameter_sets.iter().flat_map(|set| &set.parameters) {
            let name = &parameter.name;
            let spellable = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !spellable || !is_identifier(&field_name(name)) {
                return Err(refuse(
                    module,
                    cmdlet,
                    &cmdlet.name,
                    &format!(
                        "has the parameter `{}`, and a parameter name takes only ASCII letters, \
                         digits and `_` (and not only `_`)",
                        crate::text::shown(name)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn describe(c: char) -> String {
    if crate::text::is_hidden(c) || c.is_whitespace() {
        format!("the invisible character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Names the cmdlet and where its operations are in the spec, since the name comes from their
/// operationIds and the directives that renamed them.
fn refuse(module: &Module, cmdlet: &Cmdlet, name: &str, why: &str) -> Error {
    let mut places: Vec<String> = Vec::new();
    for set in &cmdlet.parameter_sets {
        let operation = &module.operations[set.operation];
        let place = format!(
            "paths.'{}'.{} (operationId {})",
            operation.path,
            operation.method.as_str().to_lowercase(),
            operation.operation_id
        );
        if !places.contains(&place) {
            places.push(place);
        }
    }
    Error::Naming {
        location: places.join(", "),
        message: format!(
            "the cmdlet name or alias `{}` (named by the operationId and the directives) {why}",
            crate::text::shown(name)
        ),
    }
}
