//! Plain data shared by the pipeline stages: operations as loaded, directives as compiled,
//! command variants as named, and the finished module the emitters read.

pub mod command;
pub mod directive;
pub mod module;
pub mod operation;
pub mod plan;

pub use command::{CommandVariant, ParameterSource, VariantParameter};
pub use module::{Cmdlet, IdentityProperty, IdentityType, Module, ParameterSet};
pub use operation::{
    BodyProperty, Deprecation, HttpMethod, Operation, OperationDocs, OtherParameter,
    ParameterLocation, PathParameter, PermissionRow, RequestBody, ResponseShape, ValueType,
};
