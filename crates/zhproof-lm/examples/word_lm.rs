//! Segments and scores sentences with a word LM image (for `scripts/eval_word_lm.py`).
//!
//! `cargo run --release -p zhproof-lm --example word_lm -- MODEL.bin SENTENCES.txt [MAX_CHARS]`
//!
//! Prints, for each line of SENTENCES.txt, the words of `WordLm::segment` (space-separated), a
//! tab, the log10 probability of each word by `WordLm::step` from the null context, a tab, the
//! segmentation's score; then on stderr the time `segment` took per character (best of 5 runs
//! over all lines). With MAX_CHARS `words`, the lines are taken as words separated by spaces and
//! only scored.

use std::time::Instant;
use zhproof_lm::WordLm;

/// The log10 probability of each word by `WordLm::step` from the null context, space-separated.
fn step_scores(lm: &WordLm, words: &[&str]) -> String {
    let mut state = lm.begin();
    let mut scores = Vec::new();
    for w in words {
        let (p, next) = lm.step(state, lm.word_id(w).unwrap_or(lm.unk()));
        scores.push(format!("{p:.6}"));
        state = next;
    }
    scores.join(" ")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: word_lm MODEL.bin SENTENCES.txt [MAX_CHARS]");
        std::process::exit(2);
    }
    let t = Instant::now();
    let data: &'static [u8] = Box::leak(std::fs::read(&args[1]).unwrap().into_boxed_slice());
    let lm = WordLm::from_bytes(data).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    eprintln!("loaded {lm:?} in {:?}", t.elapsed());
    let text = std::fs::read_to_string(&args[2]).unwrap();
    if args.get(3).is_some_and(|a| a == "words") {
        let mut out = String::new();
        for l in text.lines() {
            let words: Vec<&str> = l.split(' ').collect();
            out += &format!(
                "{l}\t{}\t{:.6}\n",
                step_scores(&lm, &words),
                lm.score(&words)
            );
        }
        print!("{out}");
        return;
    }
    let max: usize = args.get(3).map_or(8, |s| s.parse().unwrap());
    let lines: Vec<&str> = text.lines().collect();
    let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let mut sink = 0.0f32;
        for l in &lines {
            sink += lm.segment(l, max).0;
        }
        std::hint::black_box(sink);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mut out = String::new();
    for l in &lines {
        let (score, ranges) = lm.segment(l, max);
        let words: Vec<&str> = ranges.into_iter().map(|r| &l[r]).collect();
        out += &format!(
            "{}\t{}\t{score:.6}\n",
            words.join(" "),
            step_scores(&lm, &words)
        );
    }
    print!("{out}");
    eprintln!(
        "segment: {} lines, {chars} characters, {:.3} s, {:.0} ns per character (max {max} characters a word)",
        lines.len(),
        best,
        best * 1e9 / chars as f64
    );
}
