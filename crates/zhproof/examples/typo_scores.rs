//! Prints, for each line of stdin, the positions the statistical typo detector scored, as one
//! JSON array per line: `[[char_index, original, [candidates], similarity, gain, word_new,
//! word_old, name_old, proper_old, surname, seg_gain, bigrams_old, bigrams_new, window_old, uni_old, uni_new, base_confidence, lm_gain, lm_confidence, demoted, confidence], ...]`,
//! where `demoted` is `Scored::demoted` (reported as `info` whatever the confidence).
//! Used by `scripts/eval_typo.py`.

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is UTF-8");
        let rows: Vec<serde_json::Value> = zhproof::rules::statistical_typo::score(&line)
            .into_iter()
            .map(|s| {
                serde_json::json!([
                    line[..s.byte_start].chars().count(),
                    s.original.to_string(),
                    s.candidates
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>(),
                    format!("{:?}", s.similarity),
                    (s.gain * 1000.0).round() / 1000.0,
                    s.word_new,
                    s.word_old,
                    s.name_old,
                    s.proper_old,
                    s.surname,
                    (s.seg_gain * 1000.0).round() / 1000.0,
                    s.bigrams_old,
                    s.bigrams_new,
                    (s.window_old * 1000.0).round() / 1000.0,
                    s.uni_old,
                    s.uni_new,
                    (s.base_confidence * 10000.0).round() / 10000.0,
                    s.lm_gain.map(|g| (g as f64 * 1000.0).round() / 1000.0),
                    s.lm_confidence.map(|c| (c * 10000.0).round() / 10000.0),
                    s.demoted(),
                    (s.confidence * 10000.0).round() / 10000.0,
                ])
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(rows)).unwrap();
    }
}
