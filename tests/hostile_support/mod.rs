//! A raw HTTP/1.1 server on 127.0.0.1 for behaviours wiremock cannot express: answers that
//! never come, bodies trickled a byte at a time, bodies without end, echoes of the request.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// What the server does with a request.
pub enum Act {
    /// Writes these bytes (a whole response) and closes.
    Raw(Vec<u8>),
    /// Waits, then writes these bytes and closes.
    Late(Duration, Vec<u8>),
    /// Keeps the connection open and never answers.
    Silent,
    /// Writes `head`, then the body one byte every `every`.
    Trickle {
        head: Vec<u8>,
        body: Vec<u8>,
        every: Duration,
    },
    /// Writes `head`, then `chunk` again and again (up to `max_bytes`) while the client reads.
    Endless {
        head: Vec<u8>,
        chunk: Vec<u8>,
        max_bytes: usize,
    },
}

type Handler = Arc<dyn Fn(usize, &Seen) -> Act + Send + Sync>;

/// A server answering each request (numbered from 0) with `handler`'s choice.
pub struct Hostile {
    pub uri: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    pub async fn start(handler: impl Fn(usize, &Seen) -> Act + Send + Sync + 'static) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let uri = format!("http://{}", listener.local_addr().expect("address"));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler: Handler = Arc::new(handler);
        let log = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            // Connection tasks end with the test's runtime.
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, Arc::clone(&handler), Arc::clone(&log)));
            }
        });
        Hostile { uri, seen, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.uri)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

/// Serves the requests of one keep-alive connection.
async fn serve(mut socket: TcpStream, handler: Handler, log: Arc<Mutex<Vec<Seen>>>) {
    loop {
        let Some(request) = read_request(&mut socket).await else {
            return;
        };
        let index = {
            let mut log = log.lock().expect("log");
            log.push(request.clone());
            log.len() - 1
        };
        let written = match handler(index, &request) {
            Act::Raw(bytes) => socket.write_all(&bytes).await,
            Act::Late(wait, bytes) => {
                tokio::time::sleep(wait).await;
                socket.write_all(&bytes).await
            }
            Act::Silent => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
            Act::Trickle { head, body, every } => {
                if socket.write_all(&head).await.is_err() {
                    return;
                }
                for byte in body {
                    tokio::time::sleep(every).await;
                    if socket.write_all(&[byte]).await.is_err() {
                        return;
                    }
                }
                Ok(())
            }
            Act::Endless {
                head,
                chunk,
                max_bytes,
            } => {
                if socket.write_all(&head).await.is_err() {
                    return;
                }
                let mut sent = 0;
                while sent < max_bytes {
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                    sent += chunk.len();
                }
                return;
            }
        };
        if written.is_err() {
            return;
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut byte = [0u8; 1];
    while !buffer.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.ok()? == 0 || buffer.len() > 64 * 1024 {
            return None;
        }
        buffer.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buffer).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let method = start.next()?.to_owned();
    let target = start.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    socket.read_exact(&mut body).await.ok()?;
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

/// A whole response: status line, `headers`, Content-Length and `body`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = head(status, headers);
    // `head` ends the header block; put Content-Length before that blank line.
    out.truncate(out.len() - 2);
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

/// A JSON response.
pub fn json(status: u16, body: &serde_json::Value) -> Vec<u8> {
    response(
        status,
        &[("content-type", "application/json")],
        body.to_string().as_bytes(),
    )
}

/// The status line and headers, ending with the blank line (no Content-Length added).
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Status\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}
