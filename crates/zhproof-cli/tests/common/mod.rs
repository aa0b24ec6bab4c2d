//! Shared by the CLI tests: running the `zhproof` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_zhproof");

/// Runs `zhproof ARGS` with `stdin` and collects its output. `check`, `fix` and `mask` get
/// `--no-config` so a zhproof.toml around the test directory cannot change the result.
/// Standard input is written from another thread (large inputs cannot deadlock against the
/// child's output), and a child that exits before reading it is not an error.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    if matches!(args.first(), Some(&"check") | Some(&"fix") | Some(&"mask")) {
        cmd.arg("--no-config");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
