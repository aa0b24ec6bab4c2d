//! The `zhproof` binary: parses arguments, runs the command, maps errors to exit status 2 and
//! treats a closed output pipe as success.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use zhproof_cli::args::{Cli, Command};
use zhproof_cli::run;

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = match &cli.command {
        Command::Check(a) => run::check(a, &mut out),
        Command::Fix(a) => run::fix(a, &mut out),
        Command::Mask(a) => run::mask(a, &mut out),
        Command::Dict(d) => run::dict(d, &mut out),
        Command::Rules(a) => run::rules(a, &mut out),
        Command::Site(a) => zhproof_cli::site::site(a, &mut out),
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhproof: {e:#}");
            ExitCode::from(run::EXIT_ERROR as u8)
        }
    }
}
