//! The scores of the toy model (tests/data/toy.bin, converted from tests/data/toy.arpa by
//! scripts/build_word_lm.py) and of the medium random model (tests/data/medium.bin) against
//! KenLM's own scores of their ARPA files (tests/data/*_kenlm.tsv, written by
//! scripts/gen_word_lm_fixture.py with the `kenlm` module).

use zhproof_lm::WordLm;

static TOY: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.bin"));
static KENLM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/toy_kenlm.tsv"
));
static MEDIUM: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/medium.bin"
));
static MEDIUM_KENLM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/medium_kenlm.tsv"
));
static ARPA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.arpa"));

fn cases(tsv: &'static str) -> Vec<(Vec<&'static str>, Vec<f32>)> {
    tsv.lines()
        .map(|line| {
            let (words, scores) = line.split_once('\t').expect("words<TAB>scores");
            let words: Vec<&str> = words.split(' ').collect();
            let scores: Vec<f32> = scores.split(' ').map(|s| s.parse().unwrap()).collect();
            assert_eq!(words.len(), scores.len(), "{line}");
            (words, scores)
        })
        .collect()
}

/// Scores every sequence of `tsv` word by word; returns how many words were scored after a
/// trigram context (so that the fixtures can be seen to reach the trigram level).
fn compare(image: &'static [u8], tsv: &'static str) -> usize {
    let lm = WordLm::from_bytes(image).unwrap();
    let cases = cases(tsv);
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
    trigram_contexts
}

#[test]
fn every_word_scores_as_kenlm() {
    let n = compare(TOY, KENLM);
    assert!(n > 40, "{n} words scored after a bigram context");
}

#[test]
fn every_word_of_the_medium_model_scores_as_kenlm() {
    let n = compare(MEDIUM, MEDIUM_KENLM);
    assert!(n > 100, "{n} words scored after a bigram context");
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
