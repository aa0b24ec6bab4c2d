//! How often the local word-boundary check (`segment::crossed_by_word`) disagrees with jieba on
//! real prose: every occurrence of a `boundary = word` term in `<shared>/corpus/clean_gov`.
//!
//! The local check may only settle a match as "cuts through a word" when jieba agrees; a
//! disagreement would hide a real typo. Ignored by default (it reads data outside the
//! repository): `cargo test -p zhproof --release --test boundary_local -- --ignored --nocapture`.

mod common;

use std::collections::HashSet;

use zhproof::__bench::segment;
use zhproof::Checker;

#[test]
#[ignore = "reads the shared clean corpus; run with --ignored"]
fn local_check_agrees_with_jieba_on_clean_prose() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipped: no shared corpus (set ZHPROOF_SHARED)");
        return;
    };
    let checker = Checker::new();
    let terms: HashSet<&str> = checker
        .entries()
        .iter()
        .filter(|e| e.word_boundary)
        .map(|e| e.term.as_str())
        .collect();
    let max_chars = terms.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let (mut candidates, mut local, mut jieba_cut, mut disagree) = (0, 0, 0, 0);
    for path in common::files(&shared.join("corpus/clean_gov")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (k, &s) in starts.iter().enumerate() {
            for n in 2..=max_chars {
                let e = starts.get(k + n).copied().unwrap_or(text.len());
                if k + n > starts.len() {
                    break;
                }
                if !terms.contains(&text[s..e]) {
                    continue;
                }
                candidates += 1;
                let by_jieba = segment::jieba_cuts(&text, s, e);
                jieba_cut += usize::from(by_jieba);
                if segment::crossed_by_word(&text, s, e) {
                    local += 1;
                    if !by_jieba {
                        disagree += 1;
                        let a = text[..s].char_indices().rev().nth(8).map_or(0, |x| x.0);
                        let b = (e + 24).min(text.len());
                        let b = (b..=text.len())
                            .find(|&i| text.is_char_boundary(i))
                            .unwrap();
                        println!("local cut, jieba not: {} in …{}…", &text[s..e], &text[a..b]);
                    }
                }
            }
        }
    }
    println!(
        "{candidates} candidates: jieba cuts {jieba_cut}, the local check settles {local} \
         ({:.1}%), {disagree} of them against jieba",
        local as f64 * 100.0 / candidates.max(1) as f64
    );
    assert!(
        disagree * 100 <= local.max(1),
        "the local check disagrees with jieba on {disagree} of {local} matches"
    );
}
