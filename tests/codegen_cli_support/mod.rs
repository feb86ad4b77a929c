//! What the `codegen` command-line tests share: the binary, built once, and running it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The `codegen` binary of this workspace, built once per test run (cargo does not build a
/// dependency's binaries for another package's tests).
pub fn codegen_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "codegen", "--bin", "codegen"])
            .current_dir(repo())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the codegen binary failed");
        let test_binary = std::env::current_exe().expect("test binary path");
        // target/<profile>/deps/<test> → target/<profile>/codegen
        let profile_dir = test_binary
            .parent()
            .and_then(Path::parent)
            .expect("test binaries live in target/<profile>/deps");
        profile_dir.join(format!("codegen{}", std::env::consts::EXE_SUFFIX))
    })
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Output {
    Command::new(codegen_binary())
        .args(args)
        .current_dir(repo())
        .output()
        .expect("codegen runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub const BETA: [&str; 8] = [
    "--spec",
    "spec/Users.Actions.beta.yml",
    "--overlay",
    "spec/Users.Actions.beta.overlay.yml",
    "--config",
    "spec/Users.Actions.beta.config.yml",
    "--config",
    "spec/Users.Actions.config.yml",
];

pub const V1_0: [&str; 8] = [
    "--spec",
    "spec/Users.Actions.v1.0.yml",
    "--overlay",
    "spec/Users.Actions.v1.0.overlay.yml",
    "--config",
    "spec/Users.Actions.v1.0.config.yml",
    "--config",
    "spec/Users.Actions.config.yml",
];

pub fn with(command: &str, inputs: &[&str], extra: &[&str]) -> Vec<String> {
    std::iter::once(command)
        .chain(inputs.iter().copied())
        .chain(extra.iter().copied())
        .map(str::to_owned)
        .collect()
}

pub fn run_owned(args: Vec<String>) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs)
}

// A scratch folder with a small spec and config, for the tests that break one thing each.

/// A minimal valid spec with one operation; tests break it in one place each.
pub fn spec_with(paths: &str, components: &str) -> String {
    format!(
        r#"openapi: 3.0.1
info:
  title: Users.Actions
  version: v1.0
servers:
  - url: https://graph.microsoft.com/v1.0/
paths:
{paths}
components:
  responses:
    error:
      description: failure
      content:
        application/json:
          schema:
            type: object
{components}
"#
    )
}

pub const REVOKE: &str = r#"  '/users/{user-id}/microsoft.graph.revokeSignInSessions':
    post:
      operationId: user_revokeSignInSession
      parameters:
        - name: user-id
          in: path
          required: true
          schema:
            type: string
      responses:
        2XX:
          description: done
        default:
          $ref: '#/components/responses/error'
"#;

pub struct Case {
    pub dir: tempfile::TempDir,
}

impl Case {
    pub fn new(spec: &str, config: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("spec.yml"), spec).expect("spec written");
        std::fs::write(dir.path().join("config.yml"), config).expect("config written");
        Case { dir }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    /// Runs `generate` into an output file that already holds an earlier result.
    pub fn generate(&self) -> (Output, String) {
        let out = self.dir.path().join("out.rs");
        std::fs::write(&out, "// earlier output\n").expect("earlier output");
        let output = run(&[
            "generate",
            "--spec",
            &self.path("spec.yml"),
            "--config",
            &self.path("config.yml"),
            "--out",
            &self.path("out.rs"),
        ]);
        (output, std::fs::read_to_string(out).expect("output file"))
    }

    pub fn assert_fails(&self, needles: &[&str]) {
        let (output, out_file) = self.generate();
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "exit code; stderr: {message}"
        );
        assert!(!message.contains("panicked"), "no panic: {message}");
        for needle in needles {
            assert!(message.contains(needle), "`{needle}` in: {message}");
        }
        assert_eq!(
            out_file, "// earlier output\n",
            "a failed run leaves the output alone"
        );
        let leftovers: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| !["spec.yml", "config.yml", "out.rs"].contains(&name.as_str()))
            .collect();
        assert!(
            leftovers.is_empty(),
            "no temporary files left: {leftovers:?}"
        );
    }
}

pub const CONFIG: &str = "prefix: Mg\nsubject-prefix: ''\n";

impl Case {
    /// Runs `command` with the case's spec and config plus `extra` arguments.
    pub fn run(&self, command: &str, extra: &[&str]) -> Output {
        let spec = self.path("spec.yml");
        let config = self.path("config.yml");
        let mut args = vec![command, "--spec", &spec, "--config", &config];
        args.extend_from_slice(extra);
        run(&args)
    }
}
