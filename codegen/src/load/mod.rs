//! Reading the inputs: the OpenAPI module spec and the AutoRest configuration files.

pub mod config;
