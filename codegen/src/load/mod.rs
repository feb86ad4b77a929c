//! Reading the inputs: the manifest of modules, the OpenAPI module spec, our overlay on it and
//! the AutoRest configuration files with their directives.

pub mod config;
pub mod directives;
pub mod manifest;
pub mod operations;
pub mod overlay;
pub mod refs;
pub mod spec;
mod yaml;

pub use operations::read_operations;
pub use overlay::Overlay;
pub use spec::LoadedSpec;
