//! One error type for the whole generator. Every variant names the file and the place in it,
//! because a generator error is only useful if it says where to look.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not YAML, or YAML that is not an OpenAPI 3.0 document; the source carries line and column.
    #[error("{}: malformed YAML: {source}", path.display())]
    Yaml {
        path: PathBuf,
        source: serde_yaml::Error,
    },
    /// YAML nested deeper than the parser can take, refused before parsing (which would take
    /// time quadratic in the depth only to fail).
    #[error("{}: line {line}: collections nested more than {limit} levels deep", path.display())]
    TooDeep {
        path: PathBuf,
        line: usize,
        limit: usize,
    },
    /// The document parses but cannot be used: dangling `$ref`, missing operationId, …
    #[error("{}: {location}: {message}", path.display())]
    Spec {
        path: PathBuf,
        location: String,
        message: String,
    },
    /// A configuration file that cannot be understood: bad directive, bad regex, …
    #[error("{}: {location}: {message}", path.display())]
    Config {
        path: PathBuf,
        location: String,
        message: String,
    },
    /// The naming rules or the directives produced something that cannot be emitted: two cmdlets
    /// with one name, an operation without words, …
    #[error("{location}: {message}")]
    Naming { location: String, message: String },
    /// The emitted tokens did not parse as Rust (a generator bug, reported rather than panicked).
    #[error("generated code does not parse: {message}")]
    Format { message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
