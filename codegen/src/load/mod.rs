//! Reading the inputs: the manifest of modules, the OpenAPI module spec and the AutoRest
//! configuration files.

pub mod checks;
pub mod config;
pub mod depth;
pub mod manifest;
pub mod operations;
pub mod refs;
pub mod spec;
pub mod unique;

pub use operations::read_operations;
pub use spec::LoadedSpec;
