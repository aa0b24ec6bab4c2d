//! Checks on a full converted model, which is not in the repository:
//!
//! `ZHPROOF_WORD_LM=/path/to/model.bin cargo test --release -p zhproof-lm --test full_model -- --ignored`
//!
//! (skips when the variable is unset). `segment` of every 8-character window of ECSpell's sentences
//! (../shared/corpus/typo/ecspell/odw_train.pairs.jsonl, field "tgt"; skipped when absent) against
//! the best of all its segmentations, each scored by `score`. Scores against KenLM's:
//! scripts/eval_word_lm.py.

use std::ops::Range;
use zhproof_lm::WordLm;

fn model() -> Option<WordLm> {
    let path = std::env::var("ZHPROOF_WORD_LM").ok()?;
    let data: &'static [u8] = Box::leak(std::fs::read(&path).unwrap().into_boxed_slice());
    Some(WordLm::from_bytes(data).unwrap_or_else(|e| panic!("{path}: {e}")))
}

fn best_by_enumeration(lm: &WordLm, text: &str, max: usize) -> f32 {
    let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let n = b.len();
    b.push(text.len());
    let mut best = f32::NEG_INFINITY;
    let mut stack = vec![(0usize, Vec::<Range<usize>>::new())];
    while let Some((i, path)) = stack.pop() {
        if i == n {
            let words: Vec<&str> = path.iter().map(|r| &text[r.clone()]).collect();
            best = best.max(lm.score(&words));
            continue;
        }
        for j in i + 1..=(i + max).min(n) {
            let piece = &text[b[i]..b[j]];
            let known = lm.word_id(piece).is_some_and(|id| id != lm.unk())
                && !["<s>", "</s>"].contains(&piece);
            if known || j == i + 1 {
                let mut p = path.clone();
                p.push(b[i]..b[j]);
                stack.push((j, p));
            }
        }
    }
    best
}

#[test]
#[ignore = "needs ZHPROOF_WORD_LM and ../shared"]
fn segment_is_the_best_segmentation_on_real_text() {
    let Some(lm) = model() else {
        eprintln!("skipped: ZHPROOF_WORD_LM is not set");
        return;
    };
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/typo/ecspell/odw_train.pairs.jsonl"
    );
    let Ok(jsonl) = std::fs::read_to_string(path) else {
        eprintln!("skipped: no {path}");
        return;
    };
    let mut windows = 0;
    for line in jsonl.lines().take(300) {
        let Some(start) = line.find("\"tgt\": \"") else {
            continue;
        };
        let rest = &line[start + 8..];
        let tgt: Vec<char> = rest[..rest.find('"').unwrap()].chars().collect();
        for w in tgt.chunks(8) {
            let text: String = w.iter().collect();
            let (score, ranges) = lm.segment(&text, 4);
            let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(score, lm.score(&words), "{text}");
            let best = best_by_enumeration(&lm, &text, 4);
            assert!(
                (score - best).abs() < 1e-4,
                "{text}: segment {score} {words:?}, best {best}"
            );
            windows += 1;
        }
    }
    assert!(windows > 1000, "{windows} windows");
    eprintln!("{windows} windows: segment finds the best segmentation");
}
