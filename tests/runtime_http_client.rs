//! Bringing your own HTTP client or root certificates: the caller's `reqwest::Client` is the one
//! that talks to Graph, and a root added with `add_root_certificate` is trusted (a local TLS
//! server whose certificate is made at test time stands in for a TLS-inspecting proxy).

mod runtime_support;

use std::sync::{Arc, Mutex};

use graph_users_actions::reqwest;
use graph_users_actions::{Client, ErrorKind, RetryPolicy};
use runtime_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

#[tokio::test]
async fn the_callers_http_client_sends_the_requests() {
    let server = answering_post(value_true()).await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert(
        "x-corporate-proxy-auth",
        "ticket-42".parse().expect("header"),
    );
    let http = reqwest::Client::builder()
        .default_headers(defaults)
        .build()
        .expect("caller's client");
    let client = builder(&server).http_client(http).build().expect("builds");
    assert!(revoke(&client, "alice@contoso.com").await.expect("ok"));
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    let seen = requests[0]
        .headers
        .get("x-corporate-proxy-auth")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        seen,
        Some("ticket-42"),
        "the caller's default header arrived"
    );
    // Our own headers still go on every request.
    assert!(requests[0].headers.get("client-request-id").is_some());
}

#[test]
fn a_root_certificate_that_is_not_one_fails_at_build() {
    let pem = b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    // With rustls, reqwest keeps the PEM as given and reads it when the client is built.
    let certificate = reqwest::Certificate::from_pem(pem).expect("read lazily");
    let error = Client::builder()
        .bearer_token("t")
        .add_root_certificate(certificate)
        .build()
        .expect_err("a bad root certificate");
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    let message = error.to_string();
    assert!(
        message.contains("could not set up the HTTP client"),
        "{message}"
    );
    assert!(
        message.contains("certificate"),
        "names the cause: {message}"
    );
}

/// A TLS server on 127.0.0.1 with a fresh self-signed certificate; answers every request with
/// `{"value": true}` and records the request lines.
struct TlsGraph {
    url: String,
    certificate_pem: String,
    request_lines: Arc<Mutex<Vec<String>>>,
}

async fn tls_graph() -> TlsGraph {
    let signed = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
        .expect("self-signed certificate");
    let certificate_pem = signed.cert.pem();
    let chain = vec![CertificateDer::from(signed.cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(signed.signing_key.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server certificate");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("https://{}", listener.local_addr().expect("address"));
    let request_lines = Arc::new(Mutex::new(Vec::new()));
    let lines = Arc::clone(&request_lines);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let lines = Arc::clone(&lines);
            tokio::spawn(async move {
                // An untrusting client aborts the handshake: nothing to answer then.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&head);
                if let (Some(line), Ok(mut list)) = (text.lines().next(), lines.lock()) {
                    list.push(line.to_owned());
                }
                let body = br#"{"value":true}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.write_all(body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    TlsGraph {
        url,
        certificate_pem,
        request_lines,
    }
}

#[tokio::test]
async fn an_added_root_certificate_is_trusted_and_without_it_the_server_is_not() {
    let graph = tls_graph().await;

    let untrusting = Client::builder()
        .base_url(&graph.url)
        .bearer_token("t")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("builds");
    let err = revoke(&untrusting, "alice@contoso.com")
        .await
        .expect_err("an unknown issuer");
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(err.to_string().contains("certificate"), "{err}");

    let root = reqwest::Certificate::from_pem(graph.certificate_pem.as_bytes()).expect("PEM");
    let trusting = Client::builder()
        .base_url(&graph.url)
        .bearer_token("t")
        .retry_policy(fast_retry())
        .add_root_certificate(root)
        .build()
        .expect("builds");
    assert!(
        revoke(&trusting, "alice@contoso.com")
            .await
            .expect("trusted")
    );
    let lines = graph
        .request_lines
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default();
    assert_eq!(
        lines,
        ["POST /v1.0/users/alice%40contoso.com/microsoft.graph.revokeSignInSessions HTTP/1.1"]
    );
}

#[tokio::test]
async fn with_the_callers_client_its_own_trust_decides() {
    let graph = tls_graph().await;
    let root = || reqwest::Certificate::from_pem(graph.certificate_pem.as_bytes()).expect("PEM");
    // The caller's client does not trust the server; a root given to our builder does not
    // change the caller's client (as documented on `add_root_certificate`).
    let client = Client::builder()
        .base_url(&graph.url)
        .bearer_token("t")
        .retry_policy(RetryPolicy::disabled())
        .http_client(reqwest::Client::new())
        .add_root_certificate(root())
        .build()
        .expect("builds");
    let err = revoke(&client, "a").await.expect_err("not trusted");
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");

    // A caller's client that trusts the root is used as it is.
    let trusting = reqwest::Client::builder()
        .add_root_certificate(root())
        .build()
        .expect("caller's client");
    let client = Client::builder()
        .base_url(&graph.url)
        .bearer_token("t")
        .http_client(trusting)
        .build()
        .expect("builds");
    assert!(
        revoke(&client, "a")
            .await
            .expect("trusted by the caller's client")
    );
}
