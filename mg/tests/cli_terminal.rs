//! Under a real terminal (a detached tmux session): the `-Confirm` prompt, for one call and for
//! pipeline input (answered on the terminal while stdin carries the targets), and the progress
//! bar on stderr.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A tmux server of its own (own socket), killed on drop.
struct Tmux {
    socket: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Runs `script` (sh) in a new 200×50 terminal; everything the terminal shows is logged.
    fn start(script: &str) -> Tmux {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = dir.path().join("pane.log");
        let socket = format!("mg-test-{}-{}", std::process::id(), rand_suffix());
        let ready = dir.path().join("ready");
        // The script waits until the pane's output is logged, so nothing is missed.
        let wrapped = format!(
            "while [ ! -e {ready} ]; do sleep 0.05; done; {script}; echo EXIT=$?; sleep 60",
            ready = ready.display()
        );
        let tmux = Tmux {
            socket,
            log,
            _dir: dir,
        };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "50",
            "sh",
            "-c",
            &wrapped,
        ]);
        tmux.run(&["pipe-pane", "-o", &format!("cat >> {}", tmux.log.display())]);
        std::fs::write(ready, "").expect("ready");
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .env("TERM", "xterm-256color")
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Everything shown so far (escape sequences included).
    fn shown(&self) -> String {
        std::fs::read(&self.log)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }

    /// Waits until the terminal has shown `text` `times` times.
    fn wait_for(&self, text: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let shown = self.shown();
            if shown.matches(text).count() >= times {
                return shown;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{text:?} never shown; the terminal showed:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_line(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", text, "Enter"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

fn mg_line(server: &MockServer, words: &str) -> String {
    format!(
        "env -u AZURE_TENANT_ID -u AZURE_CLIENT_ID -u AZURE_CLIENT_SECRET GRAPH_TOKEN={TOKEN} GRAPH_BASE_URL={} {} {words}",
        server.uri(),
        env!("CARGO_BIN_EXE_mg")
    )
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("joins")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirm_prompt_for_one_call() {
    let server = answering(
        REVOKE,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": true})),
    )
    .await;
    let line = mg_line(
        &server,
        "Revoke-MgUserSignInSession -UserId alice@contoso.com -Confirm",
    );
    let shown = blocking(move || {
        let tmux = Tmux::start(&line);
        let prompt = tmux.wait_for("[Y] Yes  [A] Yes to All  [N] No  [L] No to All", 1);
        assert!(
            prompt.contains("Performing the operation \"Revoke-MgUserSignInSession\""),
            "{prompt}"
        );
        assert!(prompt.contains("users/alice%40contoso.com"), "{prompt}");
        tmux.type_line("y");
        tmux.wait_for("EXIT=0", 1)
    })
    .await;
    assert!(shown.contains("true"), "{shown}");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_prompt_sends_nothing() {
    let server = answering(
        REVOKE,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": true})),
    )
    .await;
    let line = mg_line(
        &server,
        "Revoke-MgUserSignInSession -UserId alice@contoso.com -Confirm",
    );
    blocking(move || {
        let tmux = Tmux::start(&line);
        tmux.wait_for("[L] No to All", 1);
        tmux.type_line("l");
        let shown = tmux.wait_for("EXIT=0", 1);
        assert!(shown.contains("declined; nothing was sent"), "{shown}");
    })
    .await;
    assert!(requests(&server).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirm_prompt_for_pipeline_input_names_targets_and_count() {
    let server = batch_server("v1.0").await;
    let line = format!(
        "printf 'a\\nb\\nc\\n' | {}",
        mg_line(&server, "Revoke-MgUserSignInSession -Confirm")
    );
    let shown = blocking(move || {
        let tmux = Tmux::start(&line);
        let first = tmux.wait_for("(1 of 3)", 1);
        assert!(
            first.contains("Revoke-MgUserSignInSession: 3 targets: a, b, c"),
            "{first}"
        );
        tmux.type_line("n");
        tmux.wait_for("(2 of 3)", 1);
        tmux.type_line("a");
        tmux.wait_for("EXIT=0", 1)
    })
    .await;
    assert!(
        shown.contains(r#"{"input":"a","declined":true}"#),
        "{shown}"
    );
    assert!(
        shown.contains("3 targets: 2 succeeded, 0 failed, 1 declined"),
        "{shown}"
    );
    assert_eq!(sub_requests(&server).await.len(), 2);
}

/// `$batch` answers that take a while, so the bar has time to show.
struct Slow;

impl Respond for Slow {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        BatchAnswers
            .respond(request)
            .set_delay(Duration::from_millis(300))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_bar_on_a_terminal_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(Slow)
        .mount(&server)
        .await;
    let ids: Vec<String> = (0..60).map(|i| format!("user{i}")).collect();
    let list = ids.join("\\n");
    let line = format!(
        "printf '{list}\\n' | {} > /dev/null",
        mg_line(&server, "Revoke-MgUserSignInSession -Concurrency 1")
    );
    let shown = blocking(move || {
        let tmux = Tmux::start(&line);
        tmux.wait_for("EXIT=0", 1)
    })
    .await;
    assert!(shown.contains("/60 targets"), "no progress bar: {shown}");
    assert!(
        shown.contains("60 targets: 60 succeeded, 0 failed"),
        "{shown}"
    );

    // Not a terminal: no bar, only the summary.
    let mut cmd = mg_at(&server);
    cmd.arg("Revoke-MgUserSignInSession").write_stdin("a\nb\n");
    let out = run(cmd).await;
    assert_code(&out, 0);
    assert_eq!(stderr(&out), "2 targets: 2 succeeded, 0 failed\n");
}
