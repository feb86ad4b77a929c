//! Wall-clock medians of `mg` runs as a user makes them: `Get-Help`, a `-WhatIf`, and a single
//! call to a local server; and the binary's size.
//!
//! ```sh
//! cargo bench -p mg --bench startup            # the release-built mg of this workspace
//! MG_BIN=/path/to/mg cargo bench -p mg --bench startup   # another build (the full module)
//! MG_RUNS=51 cargo bench -p mg --bench startup
//! ```

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let bin = std::env::var("MG_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mg").to_owned());
    let runs: usize = std::env::var("MG_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(31);
    let root = serve();
    let size = std::fs::metadata(&bin).map(|m| m.len()).unwrap_or_default();
    println!("binary: {bin}");
    println!(
        "size: {size} bytes ({:.1} MiB)",
        size as f64 / 1024.0 / 1024.0
    );
    let cases: [(&str, &[&str], bool); 3] = [
        (
            "Get-Help Revoke-MgUserSignInSession",
            &["Get-Help", "Revoke-MgUserSignInSession"],
            false,
        ),
        (
            "Revoke-MgUserSignInSession -UserId x -WhatIf",
            &["Revoke-MgUserSignInSession", "-UserId", "x", "-WhatIf"],
            false,
        ),
        (
            "Revoke-MgUserSignInSession -UserId x (local server)",
            &["Revoke-MgUserSignInSession", "-UserId", "x"],
            true,
        ),
    ];
    for (name, args, call) in cases {
        let mut failed = None;
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let mut cmd = Command::new(&bin);
                cmd.args(args)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                if call {
                    cmd.env("GRAPH_TOKEN", "bench-token")
                        .env("GRAPH_BASE_URL", &root);
                }
                let start = Instant::now();
                let status = cmd.status().expect("mg runs");
                let took = start.elapsed();
                if !status.success() {
                    failed = Some(status);
                }
                took
            })
            .collect();
        if let Some(status) = failed {
            println!("{name}: FAILED ({status}); its times are not a measurement");
            continue;
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name}: median {:.1} ms (min {:.1}, max {:.1}, {runs} runs)",
            ms(times[runs / 2]),
            ms(times[0]),
            ms(times[runs - 1])
        );
    }
}

/// A local server answering every request with `{"value": true}`, on a thread of its own.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let root = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head, then as much body as Content-Length says.
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&seen).to_ascii_lowercase();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if seen.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            let body = r#"{"value":true}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    root
}
