//! Blanking out the client's own secrets from text a server sends back. A server (or a proxy)
//! that echoes the `Authorization` header or the token request would otherwise put the bearer
//! token or the client secret into an error's Display, a trace or a header map shown by Debug.

use aho_corasick::{AhoCorasick, MatchKind};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderValue};

/// What a secret is replaced with.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// Secrets shorter than this are not searched for: no real token or client secret is that short,
/// and blanking every `t` of a test token would garble all text.
pub(crate) const MIN_SECRET_LEN: usize = 8;

/// Replaces every known secret, in the forms a server is likely to echo it in, by `[REDACTED]`.
pub(crate) struct Redactor {
    matcher: Option<AhoCorasick>,
    patterns: usize,
}

impl Redactor {
    /// A redactor for `secrets` (empty or short ones are skipped).
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        for secret in secrets {
            if secret.len() < MIN_SECRET_LEN {
                continue;
            }
            for form in echoed_forms(secret) {
                if !patterns.contains(&form) {
                    patterns.push(form);
                }
            }
        }
        // Leftmost-longest: a JSON-escaped or encoded form that contains the raw one wins.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        Redactor {
            matcher,
            patterns: patterns.len(),
        }
    }

    /// The bytes with every secret replaced.
    pub(crate) fn bytes(&self, bytes: Vec<u8>) -> Vec<u8> {
        match &self.matcher {
            Some(matcher) if matcher.is_match(&bytes) => {
                matcher.replace_all_bytes(&bytes, &vec![REDACTED; self.patterns])
            }
            _ => bytes,
        }
    }

    /// The text with every secret replaced.
    pub(crate) fn text(&self, text: &str) -> String {
        match &self.matcher {
            Some(matcher) => matcher.replace_all(text, &vec![REDACTED; self.patterns]),
            None => text.to_owned(),
        }
    }

    /// The headers with every value that holds a secret rewritten.
    pub(crate) fn headers(&self, headers: HeaderMap) -> HeaderMap {
        let Some(matcher) = &self.matcher else {
            return headers;
        };
        if !headers.values().any(|v| matcher.is_match(v.as_bytes())) {
            return headers;
        }
        let mut clean = HeaderMap::with_capacity(headers.len());
        let mut last_name = None;
        for (name, value) in headers {
            // `HeaderMap::into_iter` names only the first value of each header.
            let name = match name {
                Some(name) => {
                    last_name = Some(name.clone());
                    name
                }
                None => match &last_name {
                    Some(name) => name.clone(),
                    None => continue,
                },
            };
            let value = if matcher.is_match(value.as_bytes()) {
                let bytes = self.bytes(value.as_bytes().to_vec());
                HeaderValue::from_bytes(&bytes)
                    .unwrap_or_else(|_| HeaderValue::from_static(REDACTED))
            } else {
                value
            };
            clean.append(name, value);
        }
        clean
    }
}

/// The secret as sent and as it comes back inside JSON, a form body or a URL.
fn echoed_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_owned()];
    if let Ok(json) = serde_json::to_string(secret) {
        forms.push(json[1..json.len() - 1].to_owned());
    }
    forms.push(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect());
    forms.push(utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string());
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_echoed_form_is_blanked() {
        let secret = "s3cr~et/with+\"quote";
        let redactor = Redactor::new([secret, "x"]);
        let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let json = serde_json::to_string(secret).unwrap();
        let text = format!(
            "raw {secret} json {} form {form} pct {}",
            &json[1..json.len() - 1],
            utf8_percent_encode(secret, NON_ALPHANUMERIC)
        );
        let clean = redactor.text(&text);
        assert!(!clean.contains("s3cr"), "{clean}");
        assert_eq!(clean.matches(REDACTED).count(), 4, "{clean}");
        // Short secrets are left alone.
        assert_eq!(redactor.text("x marks"), "x marks");
    }

    #[test]
    fn headers_keep_their_other_values() {
        let redactor = Redactor::new(["token-123456"]);
        let mut headers = HeaderMap::new();
        headers.append("x-echo", HeaderValue::from_static("Bearer token-123456"));
        headers.append("x-echo", HeaderValue::from_static("plain"));
        headers.append("request-id", HeaderValue::from_static("r1"));
        let clean = redactor.headers(headers);
        let echoes: Vec<_> = clean.get_all("x-echo").iter().collect();
        assert_eq!(echoes, ["Bearer [REDACTED]", "plain"]);
        assert_eq!(clean["request-id"], "r1");
    }
}
