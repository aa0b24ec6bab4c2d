//! The `zhproof.toml` parser on arbitrary text: no panic, and the values of a parsed config go
//! through the same parsing the CLI applies without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof::{Date, Selector, Severity};
use zhproof_cli::config::Config;

fuzz_target!(|text: &str| {
    let Ok(c) = Config::parse(text) else {
        return;
    };
    for s in c.select.iter().chain(&c.ignore).chain(c.severity.keys()) {
        let _ = s.parse::<Selector>();
    }
    for s in c.severity.values().chain(&c.fail_on) {
        let _ = s.parse::<Severity>();
    }
    if let Some(d) = &c.as_of {
        let _ = d.parse::<Date>();
    }
});
