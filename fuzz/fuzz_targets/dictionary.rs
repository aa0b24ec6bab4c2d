//! The dictionary and allow-list parsers on arbitrary text: no panic; a dictionary that parses
//! builds a checker that checks text without panicking and with valid findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof::dictionary::{parse_allow, parse_terms};
use zhproof::Checker;
use zhproof_fuzz::assert_findings_valid;

fuzz_target!(|text: &str| {
    let _ = parse_allow("fuzz.tsv", text);
    let Ok(entries) = parse_terms("fuzz.tsv", text) else {
        return;
    };
    let Ok(checker) = Checker::builder()
        .without_defaults()
        .dictionary_str("fuzz.tsv", text)
        .build()
    else {
        return;
    };
    // Check the dictionary's own text and a text made of its terms and suggestions.
    let mut sample = String::new();
    for e in &entries {
        sample.push_str(&e.term);
        sample.push('，');
        for s in &e.suggestions {
            sample.push_str(s);
        }
        sample.push_str(&e.term);
        sample.push('\n');
    }
    for t in [text, sample.as_str()] {
        let findings = checker.check(t);
        assert_findings_valid(t, &findings);
        let _ = checker.fix(t);
    }
});
