//! `fix` on arbitrary text: no panic, idempotent, and the fixed text has no safe fix left.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof::{apply_fixes_with, Applicability};
use zhproof_fuzz::{assert_findings_valid, CHECKER};

fuzz_target!(|text: &str| {
    let fixed = CHECKER.fix(text);
    let again = CHECKER.check(&fixed);
    assert_findings_valid(&fixed, &again);
    let left: Vec<_> = again
        .iter()
        .filter(|f| f.applicability == Applicability::Safe)
        .collect();
    assert!(left.is_empty(), "safe fixes left in {fixed:?}: {left:?}");
    assert_eq!(
        CHECKER.fix(&fixed),
        fixed,
        "fix is not idempotent on {text:?}"
    );
    // Unsafe fixes too must not panic and must keep the text valid UTF-8 (a String).
    let _ = apply_fixes_with(text, &CHECKER.check(text), true);
});
