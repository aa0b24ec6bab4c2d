//! The whole command as a function of its arguments: what the `zhproof` binary runs, and what the
//! Python package's `zhproof` command calls (`zhproof._zhproof.main`), so both behave the same.

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Parser;

use crate::args::{Cli, Command};
use crate::run;

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

/// Parses `args` (the first is the program name), runs the command with the process's standard
/// input and output, prints errors on standard error and returns the exit status: 0 clean,
/// 1 findings, 2 usage or input errors. A closed output pipe counts as success.
///
/// ```no_run
/// let status = zhproof_cli::entry::main(["zhproof", "check", "notice.txt"]);
/// std::process::exit(status);
/// ```
pub fn main<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { run::EXIT_ERROR } else { 0 };
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
        Command::Serve(a) => crate::serve::serve(a),
        Command::Site(a) => crate::site::site(a, &mut out),
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => {
            // Drop what is still buffered: writing it again would fail again.
            let (_, _) = out.into_parts();
            0
        }
        Err(e) => {
            eprintln!("zhproof: {e:#}");
            run::EXIT_ERROR
        }
    }
}
