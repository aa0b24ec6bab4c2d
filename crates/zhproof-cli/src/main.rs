//! The `zhproof` binary: [`zhproof_cli::entry::main`] with the process's arguments.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(zhproof_cli::entry::main(std::env::args_os()) as u8)
}
