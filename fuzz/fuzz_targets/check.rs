//! `Checker::check` on arbitrary text: no panic, and every finding is valid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::{assert_findings_valid, CHECKER};

fuzz_target!(|text: &str| {
    let findings = CHECKER.check(text);
    assert_findings_valid(text, &findings);
    // Deterministic: a second run gives the same findings.
    assert_eq!(CHECKER.check(text), findings);
});
