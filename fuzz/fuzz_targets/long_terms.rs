//! User dictionaries with long terms and suggestions (issue 13): terms and suggestions up to
//! and past the limits (`zhproof::dictionary::limits`), over text made of their characters,
//! with and without noise between them. No panic; a term or suggestion past a limit is an error
//! naming `fuzz.tsv:LINE`; a dictionary within the limits checks with valid findings, and `fix`
//! never makes a text longer than `fix_growth_limit`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof::fix_growth_limit;
use zhproof::dictionary::limits;
use zhproof::Checker;
use zhproof_fuzz::assert_findings_valid;

fuzz_target!(|data: &[u8]| {
    let [t, s, kind, noise, rest @ ..] = data else {
        return;
    };
    let rest = String::from_utf8_lossy(rest);
    let alphabet: Vec<char> = rest
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '|' | '#' | ' ') && !c.is_whitespace())
        .take(8)
        .collect();
    if alphabet.is_empty() {
        return;
    }
    // Lengths around the limits: 1 ..= limit + 8.
    let term_len = 1 + (*t as usize) % (limits::MAX_TERM_CHARS + 8);
    let sugg_len = 1 + (*s as usize) % (limits::MAX_SUGGESTION_CHARS + 8);
    let term: String = alphabet.iter().cycle().take(term_len).collect();
    let mut suggestion: String = alphabet.iter().rev().cycle().take(sugg_len).collect();
    if suggestion == term {
        suggestion.push('乙');
    }
    let kind = ["typo", "sensitive", "privacy", "expression"][*kind as usize % 4];
    let tsv = format!(
        "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tfix\n\
         {term}\t{suggestion}\t{kind}\tfuzz-term\twarning\tn\ts\tsafe\n"
    );
    let result = Checker::builder()
        .without_defaults()
        .dictionary_str("fuzz.tsv", tsv.as_str())
        .build();
    let too_long = term.chars().count() > limits::MAX_TERM_CHARS
        || suggestion.chars().count() > limits::MAX_SUGGESTION_CHARS;
    let checker = match result {
        Ok(c) => {
            assert!(!too_long, "a term or suggestion past the limits was accepted");
            c
        }
        Err(e) => {
            let e = e.to_string();
            assert!(e.starts_with("fuzz.tsv:"), "{e}");
            if too_long {
                assert!(e.starts_with("fuzz.tsv:2:"), "{e}");
            }
            return;
        }
    };
    // The term repeated, with `noise` spaces between its characters every other time.
    let gap = " ".repeat(*noise as usize % 4);
    let spaced: String = term.chars().map(|c| format!("{c}{gap}")).collect();
    let text = format!("{}{}{}{rest}", term.repeat(20), spaced.repeat(5), term);
    let findings = checker.check(&text);
    assert_findings_valid(&text, &findings);
    let fixed = checker.fix(&text);
    assert!(fixed.len() <= fix_growth_limit(text.len()).max(text.len()));
});
