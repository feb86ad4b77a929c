//! Reading a `$batch` answer (`{"responses":[{"id","status","headers","body"}]}`) without
//! trusting it: every entry is checked, and what cannot be read is reported, never guessed.

use std::collections::HashMap;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

/// One sub-response as received.
#[derive(Debug)]
pub(crate) struct SubAnswer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// The answers by sub-request id; an entry that names a sent id but cannot be read holds why.
/// Ids that were not sent are left out (their entries cannot be attributed to any call).
pub(crate) type Answers = HashMap<u64, Result<SubAnswer, String>>;

/// Parses a 2xx batch body; `Err` says why it is not a batch answer at all.
pub(crate) fn parse(body: &[u8], sent: &[u64]) -> Result<Answers, String> {
    let json: Value =
        serde_json::from_slice(body).map_err(|e| format!("the batch answer is not JSON ({e})"))?;
    let Some(entries) = json.get("responses").and_then(Value::as_array) else {
        return Err("the batch answer has no \"responses\" array".to_owned());
    };
    let mut answers = Answers::new();
    for entry in entries {
        let Some(id) = entry
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| id.parse::<u64>().ok())
            .filter(|id| sent.contains(id))
        else {
            tracing::warn!("ignoring a batch response entry with an id that was not sent");
            continue;
        };
        let read = read_entry(entry);
        if answers.insert(id, read).is_some() {
            answers.insert(
                id,
                Err(format!(
                    "the batch answer has more than one response for id {id}"
                )),
            );
        }
    }
    Ok(answers)
}

fn read_entry(entry: &Value) -> Result<SubAnswer, String> {
    let status = entry
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| "the sub-response has no usable \"status\"".to_owned())?;
    let mut headers = HeaderMap::new();
    match entry.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => continue,
                };
                if let (Ok(name), Ok(value)) = (
                    HeaderName::from_bytes(name.as_bytes()),
                    HeaderValue::from_str(&text),
                ) {
                    headers.append(name, value);
                }
            }
        }
        Some(_) => return Err("the sub-response \"headers\" is not an object".to_owned()),
    }
    let body = match entry.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(body) => serde_json::to_vec(body).unwrap_or_default(),
    };
    Ok(SubAnswer {
        status,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_flags_bad_ones() {
        let body = br#"{"responses":[
            {"id":"1","status":200,"headers":{"Retry-After":"2"},"body":{"value":true}},
            {"id":"2","status":"x"},
            {"id":"3","status":204},{"id":"3","status":204},
            {"id":"99","status":200},
            {"status":200}
        ]}"#;
        let answers = parse(body, &[1, 2, 3, 4]).unwrap_or_default();
        let first = answers.get(&1).and_then(|a| a.as_ref().ok());
        assert_eq!(first.map(|a| a.status), Some(200));
        assert_eq!(
            first.map(|a| a.body.as_slice()),
            Some(&br#"{"value":true}"#[..])
        );
        assert!(matches!(answers.get(&2), Some(Err(_))));
        assert!(matches!(answers.get(&3), Some(Err(_))));
        assert!(!answers.contains_key(&4) && !answers.contains_key(&99));
        assert!(parse(b"<html>", &[1]).is_err());
        assert!(parse(b"{\"value\":[]}", &[1]).is_err());
    }
}
