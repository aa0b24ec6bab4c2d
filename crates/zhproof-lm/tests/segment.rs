//! `WordLm::segment` against an exhaustive search over every segmentation, and its invariants on
//! arbitrary text.

use proptest::prelude::*;
use std::ops::Range;
use zhproof_lm::{LmError, WordLm};

static TOY: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.bin"));

fn lm() -> WordLm {
    WordLm::from_bytes(TOY).unwrap()
}

/// Every segmentation of `text` by the rules of `segment`: vocabulary words (not `<s>`, `</s>`,
/// `<unk>`) of at most `max` characters, and single characters that are not words.
fn all_segmentations(lm: &WordLm, text: &str, max: usize) -> Vec<Vec<Range<usize>>> {
    let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let n = b.len();
    b.push(text.len());
    let mut out = Vec::new();
    let mut stack = vec![(0usize, Vec::<Range<usize>>::new())];
    while let Some((i, path)) = stack.pop() {
        if i == n {
            out.push(path);
            continue;
        }
        for j in i + 1..=(i + max).min(n) {
            let piece = &text[b[i]..b[j]];
            let known = lm.word_id(piece).is_some_and(|id| id != lm.unk())
                && !["<s>", "</s>"].contains(&piece);
            if known || (j == i + 1) {
                let mut p = path.clone();
                p.push(b[i]..b[j]);
                stack.push((j, p));
            }
        }
    }
    out
}

/// Checks that `segment` returns a segmentation of `text` scored as `score` scores its words and
/// as good as the best of every segmentation; returns its words.
#[track_caller]
fn assert_best_segmentation<'t>(lm: &WordLm, text: &'t str, max: usize) -> Vec<&'t str> {
    let (score, ranges) = lm.segment(text, max);
    let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(score, lm.score(&words), "{text}: {words:?}");
    let all = all_segmentations(lm, text, max);
    assert!(
        all.contains(&ranges),
        "{text}: {words:?} is not a valid segmentation"
    );
    let best = all
        .iter()
        .map(|s| lm.score(&s.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()))
        .fold(f32::NEG_INFINITY, f32::max);
    assert!(
        (score - best).abs() < 1e-4,
        "{text} max {max}: {score} vs best {best}"
    );
    words
}

#[test]
fn segment_finds_the_best_of_every_segmentation() {
    let lm = lm();
    let texts = [
        "研究生命的起源",
        "我们研究生命的起源",
        "研究生在实验室工作",
        "他是一个研究生",
        "这个问题的答案很简单",
        "创造生命是一个问题",
        "火星的生命的意义在于创造",
        "研究生命命研究生",
        "我们的研究生很努力x",
        "实验室实验室研究研究生",
    ];
    for text in texts {
        for max in [1, 2, 3, 4] {
            assert_best_segmentation(&lm, text, max);
        }
    }
}

/// Texts of 2-4 random words of the medium model (tests/data/medium.bin: 2,000 words of 1-4
/// characters over 400 characters, so words overlap and combine in many ways).
#[test]
fn segment_finds_the_best_segmentation_in_the_medium_model() {
    static MEDIUM: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/medium.bin"
    ));
    let lm = WordLm::from_bytes(MEDIUM).unwrap();
    let mut seed = 16u64;
    let mut next = |n: u32| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % u64::from(n)) as u32
    };
    let mut multi_word = 0;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..2 + next(3) {
            text += lm.word(next(lm.vocab_len() as u32)).unwrap();
        }
        if text.contains('<') || text.chars().count() > 12 {
            continue;
        }
        let words = assert_best_segmentation(&lm, &text, 4);
        multi_word += usize::from(words.iter().any(|w| w.chars().count() > 1));
    }
    assert!(
        multi_word > 100,
        "{multi_word} texts with a word of several characters"
    );
}

#[test]
fn segment_of_the_classic_ambiguity() {
    let lm = lm();
    let text = "研究生命的起源";
    let words: Vec<&str> = lm
        .segment(text, 4)
        .1
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(words, ["研究", "生命", "的", "起源"]);
    // With words of one character only, everything but 命 and 的 is <unk>.
    let words: Vec<&str> = lm
        .segment(text, 1)
        .1
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(words, ["研", "究", "生", "命", "的", "起", "源"]);
    assert_eq!(lm.segment("", 4), (0.0, vec![]));
    // Sentence markers are not matched in text.
    let words: Vec<&str> = lm
        .segment("<s>我们", 4)
        .1
        .into_iter()
        .map(|r| &"<s>我们"[r])
        .collect();
    assert_eq!(words, ["<", "s", ">", "我们"]);
}

proptest! {
    #[test]
    fn segment_covers_text_on_char_boundaries(
        text in "[研究生命的起源我们在实验室工作问题答案很简单a-c <>/\u{1F600}é]{0,24}",
        max in 0usize..6,
    ) {
        let lm = lm();
        let (score, ranges) = lm.segment(&text, max);
        let mut pos = 0;
        for r in &ranges {
            prop_assert_eq!(r.start, pos);
            prop_assert!(r.end > r.start);
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(text[r.clone()].chars().count() <= max.max(1));
            pos = r.end;
        }
        prop_assert_eq!(pos, text.len());
        prop_assert!(score <= 0.0 && score.is_finite());
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        prop_assert_eq!(score, lm.score(&words));
    }
}

fn leak(v: Vec<u8>) -> &'static [u8] {
    Box::leak(v.into_boxed_slice())
}

#[test]
fn bad_images_are_refused_with_context() {
    assert_eq!(
        WordLm::from_bytes(b"ZHLM").unwrap_err(),
        LmError::TooShort { len: 4 }
    );
    let mut v = TOY.to_vec();
    v[0] = b'X';
    assert_eq!(
        WordLm::from_bytes(leak(v)).unwrap_err(),
        LmError::BadMagic(*b"XHLM")
    );
    let mut v = TOY.to_vec();
    v[4] = 9;
    assert_eq!(
        WordLm::from_bytes(leak(v)).unwrap_err(),
        LmError::UnsupportedVersion(9)
    );
    // Cut inside the last section (the first characters of the words).
    let v = TOY[..TOY.len() - 4].to_vec();
    match WordLm::from_bytes(leak(v)).unwrap_err() {
        LmError::TruncatedSection { section, .. } => assert_eq!(section, "first_chars"),
        e => panic!("{e}"),
    }
    // One more bigram in the header than in the sections.
    let mut v = TOY.to_vec();
    let n = u32::from_le_bytes(v[12..16].try_into().unwrap()) + 1;
    v[12..16].copy_from_slice(&n.to_le_bytes());
    let e = WordLm::from_bytes(leak(v)).unwrap_err();
    // The first section whose length depends on the bigram count and differs.
    match &e {
        LmError::SectionLength { section, .. } => {
            assert!(section.starts_with("bigram_"), "{e}");
            assert!(e.to_string().contains(section), "{e}");
        }
        e => panic!("{e}"),
    }
}
