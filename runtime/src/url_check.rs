//! Validation of configured service roots (Graph base URL, sign-in authority): parseable, HTTP(S),
//! no credentials, query or fragment, and HTTPS unless the host is this machine.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::Error;

/// Checks `raw` and returns it without a trailing slash, ready for `format!("{root}/...")`.
pub(crate) fn checked_base_url(raw: &str, what: &str) -> Result<String, Error> {
    let bad = |why: &str| Error::invalid_argument(format!("{what} {raw:?} is not usable: {why}"));
    let url = Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(bad(
                "plain HTTP would expose the bearer token; use https (http is accepted only for loopback test servers)",
            ));
        }
        _ => return Err(bad("the scheme must be https")),
    }
    if url.host().is_none() {
        return Err(bad("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("it must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("it must not have a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::checked_base_url;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            checked_base_url("https://graph.microsoft.com/", "base URL").ok(),
            Some("https://graph.microsoft.com".to_owned())
        );
        assert_eq!(
            checked_base_url("https://proxy.example/graph/", "base URL").ok(),
            Some("https://proxy.example/graph".to_owned())
        );
        assert!(checked_base_url("http://127.0.0.1:8080", "base URL").is_ok());
        assert!(checked_base_url("http://[::1]:8080", "base URL").is_ok());
        assert!(checked_base_url("http://localhost:1", "base URL").is_ok());
    }

    #[test]
    fn refuses() {
        for bad in [
            "",
            "graph.microsoft.com",
            "http://graph.microsoft.com",
            "ftp://x",
            "https://u:p@graph.microsoft.com",
            "https://graph.microsoft.com/?a=1",
            "https://graph.microsoft.com/#x",
            "https://",
        ] {
            assert!(checked_base_url(bad, "base URL").is_err(), "{bad}");
        }
    }
}
