//! Our own trimmed specs of the user actions (the repository's `spec/` folder), built into the
//! binary so `codegen builtin` runs anywhere.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::load::LoadedSpec;
use crate::load::config::parse_configs;
use crate::pipeline::{Loaded, build_module};

/// A file of `spec/`: its path in the repository and its text.
pub struct EmbeddedFile {
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! embedded {
    ($name:literal) => {
        EmbeddedFile {
            path: concat!("spec/", $name),
            text: include_str!(concat!("../../spec/", $name)),
        }
    };
}

/// One module version: spec, configuration files in application order, output file name.
pub struct BuiltinModule {
    pub spec: EmbeddedFile,
    pub configs: &'static [EmbeddedFile],
    /// `v1_0.rs`, `beta.rs`: the generated crate includes them under these names.
    pub output_file: &'static str,
}

pub const MODULES: &[BuiltinModule] = &[
    BuiltinModule {
        spec: embedded!("Users.Actions.v1.0.yml"),
        configs: &[
            embedded!("Users.Actions.v1.0.config.yml"),
            embedded!("Users.Actions.config.yml"),
        ],
        output_file: "v1_0.rs",
    },
    BuiltinModule {
        spec: embedded!("Users.Actions.beta.yml"),
        configs: &[
            embedded!("Users.Actions.beta.config.yml"),
            embedded!("Users.Actions.config.yml"),
        ],
        output_file: "beta.rs",
    },
];

impl BuiltinModule {
    pub fn load(&self) -> Result<Loaded> {
        let configs: Vec<(PathBuf, String)> = self
            .configs
            .iter()
            .map(|file| (PathBuf::from(file.path), file.text.to_owned()))
            .collect();
        let config = parse_configs(&configs)?;
        let spec = LoadedSpec::parse(Path::new(self.spec.path), self.spec.text)?;
        let module = build_module(&spec, &config)?;
        Ok(Loaded { module, config })
    }

    /// Paths of this module's files relative to the repository root.
    pub fn files(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.spec.path).chain(self.configs.iter().map(|file| file.path))
    }
}
