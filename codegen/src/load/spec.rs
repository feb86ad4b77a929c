//! Reading an OpenAPI module spec (`serde_yaml` into `openapiv3`) and checking that it can be used:
//! every operation has an operationId, every `$ref` it reaches resolves, and every `{key}` of a
//! path template is declared.

use std::path::{Path, PathBuf};

use openapiv3::{OpenAPI, ReferenceOr};

use super::overlay::Overlay;
use super::refs::Resolver;
use crate::error::{Error, Result};

/// A parsed spec and the file it came from (every later error names that file).
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub path: PathBuf,
    pub document: OpenAPI,
}

impl LoadedSpec {
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        Self::parse_with_overlay(path, text, None)
    }

    /// Parses the spec and, when given, applies our overlay to its text before reading it as
    /// OpenAPI (so the overlay may add what the OpenAPI reader then checks).
    pub fn parse_with_overlay(path: &Path, text: &str, overlay: Option<&Overlay>) -> Result<Self> {
        let yaml_error = |source| Error::Yaml {
            path: path.to_owned(),
            source,
        };
        let parsed = match overlay {
            // Without an overlay, read the text directly so errors keep their line numbers.
            None => quietly(|| serde_yaml::from_str(text)),
            Some(overlay) => {
                let mut value: serde_yaml::Value =
                    serde_yaml::from_str(text).map_err(yaml_error)?;
                overlay.apply(path, &mut value)?;
                quietly(|| serde_yaml::from_value(value))
            }
        };
        let document: OpenAPI = match parsed {
            Ok(parsed) => parsed.map_err(yaml_error)?,
            // openapiv3 panics on some invalid documents (a key given twice inside a
            // `$ref`-or-item); parse again without it to name the place.
            Err(_) => {
                return Err(match serde_yaml::from_str::<serde_yaml::Value>(text) {
                    Err(source) => yaml_error(source),
                    Ok(_) => Error::Spec {
                        path: path.to_owned(),
                        location: "document".to_owned(),
                        message:
                            "not a valid OpenAPI 3.0 document (the OpenAPI reader gave up on it)"
                                .to_owned(),
                    },
                });
            }
        };
        Ok(Self {
            path: path.to_owned(),
            document,
        })
    }

    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(&self.path, &self.document)
    }

    /// `info.title`, which the SDK passes as `--service-name` (`Users.Actions`).
    pub fn title(&self) -> &str {
        &self.document.info.title
    }

    /// The version segment of the first server URL: `https://graph.microsoft.com/beta/` → `beta`.
    pub fn api_version(&self) -> Result<String> {
        let url = self
            .document
            .servers
            .first()
            .map(|server| server.url.as_str())
            .ok_or_else(|| self.error("servers", "no server URL: cannot tell the API version"))?;
        url.trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|segment| !segment.is_empty() && !segment.contains(':'))
            .map(str::to_owned)
            .ok_or_else(|| {
                self.error(
                    "servers[0].url",
                    &format!("`{url}` does not end in an API version segment"),
                )
            })
    }

    /// Every operationId of the document, in document order.
    pub fn operation_ids(&self) -> Result<Vec<&str>> {
        Ok(operations_in_order(self)?
            .into_iter()
            .filter_map(|raw| raw.operation.operation_id.as_deref())
            .collect())
    }

    pub fn error(&self, location: &str, message: &str) -> Error {
        Error::Spec {
            path: self.path.clone(),
            location: location.to_owned(),
            message: message.to_owned(),
        }
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into an `Err` without printing it. The panic hook is wrapped once;
/// it stays silent only on this thread and only while `f` runs.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static WRAP_HOOK: std::sync::Once = std::sync::Once::new();
    WRAP_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(false));
    result
}

/// One operation as the document has it, with the parameters its path item shares.
pub struct RawOperation<'a> {
    pub path: &'a str,
    pub method: crate::model::HttpMethod,
    pub operation: &'a openapiv3::Operation,
    pub shared_parameters: &'a [ReferenceOr<openapiv3::Parameter>],
}

/// Yields the operations in modelerfour's visiting order: paths as written, and
/// within a path delete, get, head, options, patch, post, put, trace.
pub fn operations_in_order(spec: &LoadedSpec) -> Result<Vec<RawOperation<'_>>> {
    use crate::model::HttpMethod;
    let mut out = Vec::new();
    for (path, item) in &spec.document.paths.paths {
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                return Err(spec.error(
                    &format!("paths.'{path}'"),
                    &format!("path item `$ref: {reference}` is not supported; inline the path"),
                ));
            }
        };
        for method in HttpMethod::VISIT_ORDER {
            let operation = match method {
                HttpMethod::Delete => &item.delete,
                HttpMethod::Get => &item.get,
                HttpMethod::Head => &item.head,
                HttpMethod::Options => &item.options,
                HttpMethod::Patch => &item.patch,
                HttpMethod::Post => &item.post,
                HttpMethod::Put => &item.put,
                HttpMethod::Trace => &item.trace,
            };
            if let Some(operation) = operation {
                out.push(RawOperation {
                    path,
                    method,
                    operation,
                    shared_parameters: &item.parameters,
                });
            }
        }
    }
    Ok(out)
}
