//! Property tests (proptest): on any Unicode input the checker does not panic, every finding's
//! span, text, character offsets, line and column agree with the input (counted here
//! independently of `position.rs`), findings are sorted and the same across runs and thread
//! counts, `fix` is idempotent and leaves no safe fix behind, and `mask` keeps the length in
//! characters.
//!
//! Inputs come from two strategies: arbitrary strings (any code points, including controls and
//! line separators) and texts assembled from dictionary terms, their suggestions, their
//! neighbours' characters, line endings (`\n`, `\r\n`, lone `\r`) and punctuation, so findings
//! are dense and overlap.

use std::sync::LazyLock;

use proptest::prelude::*;
use zhproof::{Applicability, Checker, Finding};

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

/// Pieces the assembled texts are made of: every term and suggestion of the embedded
/// dictionaries, plus separators that matter for positions and boundaries.
static PIECES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut p: Vec<String> = Vec::new();
    for e in CHECKER.entries() {
        p.push(e.term.clone());
        p.extend(e.suggestions.iter().cloned());
    }
    for s in [
        "\n",
        "\r\n",
        "\r",
        "。",
        "，",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        " ",
        "\t",
        "a",
        "1",
        "\u{feff}",
        "\u{200b}",
        "\u{2028}",
        "😀",
        "e\u{301}",
        "的",
        "是",
        "中国",
        // Personal-data shapes for the privacy family (made-up numbers with valid checksums
        // and prefixes, and near misses).
        "13912345678",
        "+86 139 1234 5678",
        "11010519491231002X",
        "110105194912310021",
        "6222021234567890128",
        "电话",
        "身份证号",
        "0",
        "9",
        "-",
        "X",
    ] {
        p.push(s.to_string());
    }
    p.sort();
    p.dedup();
    p
});

/// Personal data (made-up numbers with valid checksums) in the context that makes it one.
const PII: &[&str] = &[
    "联系电话：13912345678",
    "手机号13912345678",
    "身份证号：11010519491231002X",
    "身份证号码110105194912310021",
];

/// A text assembled from dictionary pieces, single characters of those pieces and separators.
fn dense_text() -> impl Strategy<Value = String> {
    let n = PIECES.len();
    let piece = prop_oneof![
        4 => (0..n).prop_map(|i| PIECES[i].clone()),
        // One character of a piece: half-terms that must not match.
        1 => (0..n, any::<prop::sample::Index>()).prop_map(|(i, at)| {
            let cs: Vec<char> = PIECES[i].chars().collect();
            cs[at.index(cs.len())].to_string()
        }),
        1 => any::<char>().prop_map(|c| c.to_string()),
        // Personal data with its context word, so masking has something to do.
        1 => prop::sample::select(PII.to_vec()).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Any text: arbitrary code points or dictionary-dense text.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,80}", dense_text()]
}

/// Checks every finding against `text` with counts made here, and the order.
fn assert_valid(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        prop_assert!(
            f.byte_start <= f.byte_end && f.byte_end <= text.len(),
            "{f:?}"
        );
        prop_assert!(text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end));
        prop_assert_eq!(&text[f.byte_start..f.byte_end], f.text.as_str());
        prop_assert!(!f.text.is_empty(), "empty finding {f:?}");
        let before = &text[..f.byte_start];
        prop_assert_eq!(f.char_start, before.chars().count());
        prop_assert_eq!(f.char_end, f.char_start + f.text.chars().count());
        // Lines end at \n, \r\n or a lone \r; columns count characters from 1.
        let mut line = 1;
        let mut column = 1;
        let mut prev_cr = false;
        for c in before.chars() {
            match c {
                '\n' if prev_cr => {} // second half of \r\n: the line already ended at \r
                '\n' | '\r' => {
                    line += 1;
                    column = 1;
                }
                _ => column += 1,
            }
            prev_cr = c == '\r';
        }
        prop_assert_eq!((f.line, f.column), (line, column), "{:?}", f);
        prop_assert!(!f.rule.is_empty() && !f.message.is_empty(), "{f:?}");
    }
    for w in findings.windows(2) {
        prop_assert!(
            (w[0].byte_start, w[0].byte_end, &w[0].rule)
                < (w[1].byte_start, w[1].byte_end, &w[1].rule),
            "not sorted: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    Ok(())
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn findings_agree_with_the_input(text in any_text()) {
        let findings = CHECKER.check(&text);
        assert_valid(&text, &findings)?;
        prop_assert_eq!(CHECKER.check(&text), findings, "not deterministic");
    }

    #[test]
    fn check_many_equals_serial_at_every_thread_count(
        texts in prop::collection::vec(any_text(), 0..12)
    ) {
        let serial: Vec<Vec<Finding>> = texts.iter().map(|t| CHECKER.check(t)).collect();
        for threads in [1, 2] {
            let parallel = pool(threads).install(|| CHECKER.check_many(&texts));
            prop_assert_eq!(&parallel, &serial, "{} threads", threads);
        }
    }

    #[test]
    fn fix_is_idempotent_and_leaves_no_safe_fix(text in any_text()) {
        let fixed = CHECKER.fix(&text);
        let again = CHECKER.check(&fixed);
        assert_valid(&fixed, &again)?;
        let left: Vec<&Finding> = again
            .iter()
            .filter(|f| f.applicability == Applicability::Safe)
            .collect();
        prop_assert!(left.is_empty(), "safe fixes left in {:?}: {:?}", fixed, left);
        prop_assert_eq!(CHECKER.fix(&fixed), fixed.clone());
        // Unsafe fixes keep the text whole outside the edited spans: never panic, never drop
        // text after the last finding.
        let findings = CHECKER.check(&text);
        let all = zhproof::apply_fixes_with(&text, &findings, true);
        if let Some(last) = findings.iter().map(|f| f.byte_end).max() {
            prop_assert!(all.ends_with(&text[last..]));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn masking_keeps_the_length_in_characters(text in any_text()) {
        let masked = CHECKER.mask(&text);
        prop_assert_eq!(masked.chars().count(), text.chars().count(), "{:?} -> {:?}", text, masked);
        // Line structure is kept too, so positions in the masked text still match.
        let ends = |t: &str| -> Vec<usize> {
            t.chars()
                .enumerate()
                .filter(|(_, c)| *c == '\n' || *c == '\r')
                .map(|(i, _)| i)
                .collect()
        };
        prop_assert_eq!(ends(&masked), ends(&text));
    }
}

/// Every suggestion of every safe entry, checked on its own and in the entry's example, is not
/// itself flagged with a safe fix (else `fix` could not be idempotent on real text).
#[test]
fn no_safe_suggestion_is_itself_safely_fixable() {
    let mut bad = Vec::new();
    for e in CHECKER.entries() {
        if e.fix != Applicability::Safe {
            continue;
        }
        for s in &e.suggestions {
            let safe: Vec<String> = CHECKER
                .check(s)
                .into_iter()
                .filter(|f| f.applicability == Applicability::Safe)
                .map(|f| format!("{} ({})", f.text, f.rule))
                .collect();
            if !safe.is_empty() {
                bad.push(format!("{}: {} -> {s}: {safe:?}", e.origin, e.term));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The generated texts are not vacuous: most dictionary-dense texts have findings, some have a
/// safe fix and some have personal data to mask, so the properties above are exercised.
#[test]
fn the_generators_reach_findings_fixes_and_masks() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut with_findings, mut fixed, mut masked) = (0, 0, 0);
    for _ in 0..200 {
        let text = dense_text().new_tree(&mut runner).unwrap().current();
        with_findings += usize::from(!CHECKER.check(&text).is_empty());
        fixed += usize::from(CHECKER.fix(&text) != text);
        masked += usize::from(CHECKER.mask(&text) != text);
    }
    assert!(
        with_findings > 120,
        "{with_findings} of 200 texts had findings"
    );
    assert!(fixed > 40, "{fixed} of 200 texts had a safe fix");
    assert!(masked > 10, "{masked} of 200 texts had something to mask");
}
