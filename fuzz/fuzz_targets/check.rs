//! `Checker::check` on arbitrary text: no panic, every finding is valid, the result is
//! deterministic, and masking keeps the length in characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::{assert_findings_valid, CHECKER};

fuzz_target!(|text: &str| {
    let findings = CHECKER.check(text);
    assert_findings_valid(text, &findings);
    // Deterministic: a second run gives the same findings.
    assert_eq!(CHECKER.check(text), findings);
    let masked = zhproof::mask_findings(text, &findings);
    assert_eq!(
        masked.chars().count(),
        text.chars().count(),
        "{text:?} -> {masked:?}"
    );
});
