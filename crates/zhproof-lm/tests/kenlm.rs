//! The scores of the toy model (tests/data/toy.bin, converted from tests/data/toy.arpa by
//! scripts/build_word_lm.py) against KenLM's own scores of toy.arpa
//! (tests/data/toy_kenlm.tsv, written by scripts/gen_word_lm_fixture.py with the `kenlm` module).

use zhproof_lm::WordLm;

static TOY: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.bin"));
static KENLM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/toy_kenlm.tsv"
));
static ARPA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.arpa"));

fn cases() -> Vec<(Vec<&'static str>, Vec<f32>)> {
    KENLM
        .lines()
        .map(|line| {
            let (words, scores) = line.split_once('\t').expect("words<TAB>scores");
            let words: Vec<&str> = words.split(' ').collect();
            let scores: Vec<f32> = scores.split(' ').map(|s| s.parse().unwrap()).collect();
            assert_eq!(words.len(), scores.len(), "{line}");
            (words, scores)
        })
        .collect()
}

#[test]
fn every_word_scores_as_kenlm() {
    let lm = WordLm::from_bytes(TOY).unwrap();
    let cases = cases();
    assert!(cases.len() >= 50, "{} sequences", cases.len());
    let mut trigram_contexts = 0;
    for (words, want) in &cases {
        let mut state = lm.begin();
        for (w, want) in words.iter().zip(want) {
            let id = lm.word_id(w).unwrap_or(lm.unk());
            let (p, next) = lm.step(state, id);
            assert!(
                (p - want).abs() < 1e-3,
                "{words:?}: {w} scores {p}, KenLM {want}"
            );
            trigram_contexts += usize::from(state.len() == 2);
            state = next;
        }
        let total: f32 = want.iter().sum();
        let s = lm.score(words);
        assert!(
            (s - total).abs() < 1e-3 * words.len() as f32,
            "{words:?}: {s} vs {total}"
        );
    }
    // The sequences do reach the trigram level, not only unigrams.
    assert!(
        trigram_contexts > 40,
        "{trigram_contexts} words scored after a bigram context"
    );
}

/// Every word of the ARPA file has an id, and the ids run through the vocabulary.
#[test]
fn vocabulary_is_the_arpas() {
    let lm = WordLm::from_bytes(TOY).unwrap();
    let arpa_words: Vec<&str> = ARPA
        .split("\\1-grams:")
        .nth(1)
        .unwrap()
        .split("\\2-grams:")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(lm.vocab_len(), arpa_words.len());
    for w in &arpa_words {
        let id = lm.word_id(w).unwrap_or_else(|| panic!("{w} has no id"));
        assert_eq!(lm.word(id), Some(*w));
    }
    assert_eq!(lm.word(lm.unk()), Some("<unk>"));
    assert_eq!(lm.word_id("研究生命"), None);
    assert_eq!(lm.word_id(""), None);
}
