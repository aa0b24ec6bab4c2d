//! The n-gram lookups around one scored position of the statistical typo detector: the
//! stupid-backoff window score and the dictionary words covering the position, each lookup that
//! does not depend on the candidate made once per position.

use zhproof_model::{Namespace, Table};

/// The lookups of [`Around::window_score`] at position `i` of a run that do not depend on the
/// character at `i`, each made once per position (on first use) instead of once per candidate.
pub(super) struct Around {
    /// log2 of the number of characters the n-grams were counted over.
    pub(super) total: f64,
    /// The bigram `run[i - 2], run[i - 1]` (for `i >= 2`).
    pub(super) h0: Option<u8>,
    /// The unigram `run[i - 1]`.
    pub(super) u_prev: Option<u8>,
    /// The unigram `run[i + 1]`.
    pub(super) u_next: Option<u8>,
    /// [`bigram_score`] at `i + 2` (for `i + 2 < run.len()`).
    pub(super) bs2: Option<f64>,
}

impl Around {
    /// `total`: [`log2_total`] of the model.
    pub(super) fn new(total: f64) -> Around {
        Around {
            total,
            h0: None,
            u_prev: None,
            u_next: None,
            bs2: None,
        }
    }

    /// Log2 stupid-backoff probability of the characters whose trigram history includes
    /// position `i` of `w`, with `x` in place of `w[i]`.
    pub(super) fn window_score(&mut self, model: &Table, w: &[u32], i: usize, x: u32) -> f64 {
        let total = self.total;
        let get = |key: &[u32]| model.get(Namespace::Ngram, key);
        let Around {
            h0,
            u_prev,
            u_next,
            bs2,
            ..
        } = self;
        let mut ux = None;
        let a = get(&[w[i - 1], x]);
        let b = get(&[x, w[i + 1]]);
        let mut s = 0.0;
        // j = i
        let mut bigram_i = || {
            bigram_term(
                a,
                || *u_prev.get_or_insert_with(|| get(&[w[i - 1]])),
                || *ux.get_or_insert_with(|| get(&[x])),
                total,
            )
        };
        s += if i >= 2 {
            let t = get(&[w[i - 2], w[i - 1], x]);
            trigram_term(
                t,
                || *h0.get_or_insert_with(|| get(&[w[i - 2], w[i - 1]])),
                bigram_i,
            )
        } else {
            bigram_i()
        };
        // j = i + 1 (the last boundary at the latest)
        let t = get(&[w[i - 1], x, w[i + 1]]);
        s += trigram_term(
            t,
            || a,
            || {
                bigram_term(
                    b,
                    || *ux.get_or_insert_with(|| get(&[x])),
                    || *u_next.get_or_insert_with(|| get(&[w[i + 1]])),
                    total,
                )
            },
        );
        // j = i + 2
        if i + 2 < w.len() {
            let t = get(&[x, w[i + 1], w[i + 2]]);
            s += trigram_term(
                t,
                || b,
                || *bs2.get_or_insert_with(|| bigram_score(model, w, i + 2, total)),
            );
        }
        s
    }
}

/// The trigram term of a window score: `t` the trigram's quantized count, `h` its history's
/// (read only when `t > 0`), `bigram` the bigram score to back off to.
#[inline(always)]
pub(super) fn trigram_term(t: u8, h: impl FnOnce() -> u8, bigram: impl FnOnce() -> f64) -> f64 {
    let backoff = 0.4f64.log2();
    let h = if t > 0 { h() } else { 0 };
    if t > 0 && h > 0 {
        Table::log2_count(t) - Table::log2_count(h)
    } else {
        bigram() + backoff
    }
}

/// The bigram term of a window score: `b` the bigram's quantized count, `u` its first
/// character's (read only when `b > 0`), `last` its second character's (read only when backing
/// off to it).
#[inline(always)]
pub(super) fn bigram_term(
    b: u8,
    u: impl FnOnce() -> u8,
    last: impl FnOnce() -> u8,
    total: f64,
) -> f64 {
    let backoff = 0.4f64.log2();
    let u = if b > 0 { u() } else { 0 };
    if b > 0 && u > 0 {
        Table::log2_count(b) - Table::log2_count(u)
    } else {
        let u = last();
        let c = if u > 0 { Table::log2_count(u) } else { -2.0 };
        backoff + c - total + backoff
    }
}

pub(super) fn bigram_score(model: &Table, w: &[u32], j: usize, total: f64) -> f64 {
    bigram_term(
        model.get(Namespace::Ngram, &[w[j - 1], w[j]]),
        || model.get(Namespace::Ngram, &[w[j - 1]]),
        || model.get(Namespace::Ngram, &[w[j]]),
        total,
    )
}

/// Best value in `ns` of a 2–4-character key of `w` covering position `i` (boundaries excluded).
pub(super) fn best_word(model: &Table, ns: Namespace, w: &[u32], i: usize) -> u8 {
    let mut best = 0;
    for len in 2..=4usize {
        for start in (i + 1).saturating_sub(len)..=i {
            let end = start + len;
            if start == 0 || end > w.len() - 1 {
                continue;
            }
            best = best.max(model.get(ns, &w[start..end]));
        }
    }
    best
}

/// Quantized jieba frequencies ([`Namespace::Word`]) of the keys of 1–4 characters within the
/// (up to) seven characters around position `i` of a run (boundaries excluded), with `x` at
/// `i`: all that [`Words::segment_score`], [`Words::best_word`] and [`Words::in_long_word`]
/// read. The keys of 2–4 characters covering `i` are those of [`best_word`].
pub(super) struct Words {
    /// First character of the stretch (index into the run).
    pub(super) a: usize,
    /// The position.
    pub(super) i: usize,
    /// Number of characters in the stretch (at most 7).
    pub(super) len: usize,
    /// `q[k][l - 1]`: the key of `l` characters ending before `a + k`.
    pub(super) q: [[u8; 4]; 8],
}

impl Words {
    /// The lookups for `x` at position `i` of `run`; those of keys not covering `i` are taken
    /// from `like` (the same position with another character) when given.
    pub(super) fn new(model: &Table, run: &[u32], i: usize, x: u32, like: Option<&Words>) -> Words {
        let a = i.saturating_sub(3).max(1);
        let b = (i + 4).min(run.len() - 1);
        let mut chars = [0u32; 7];
        chars[..b - a].copy_from_slice(&run[a..b]);
        chars[i - a] = x;
        let mut q = [[0u8; 4]; 8];
        for k in 1..=b - a {
            for l in 1..=k.min(4) {
                let covers = a + k - l <= i && i < a + k;
                q[k][l - 1] = match like {
                    Some(w) if !covers => w.q[k][l - 1],
                    _ => model.get(Namespace::Word, &chars[k - l..k]),
                };
            }
        }
        Words {
            a,
            i,
            len: b - a,
            q,
        }
    }

    /// The values of the keys of `lens` characters covering the position.
    pub(super) fn covering(
        &self,
        lens: std::ops::RangeInclusive<usize>,
    ) -> impl Iterator<Item = u8> + '_ {
        lens.flat_map(move |l| {
            // keys [a + k - l, a + k) with a + k - l <= i < a + k
            let first = (self.i + 1 - self.a).max(l);
            let last = (self.i + l - self.a).min(self.len);
            (first..=last).map(move |k| self.q[k][l - 1])
        })
    }

    /// Best value of a key of 2–4 characters covering the position ([`best_word`] in
    /// [`Namespace::Word`]).
    pub(super) fn best_word(&self) -> u8 {
        self.covering(2..=4).max().unwrap_or(0)
    }

    /// Whether a dictionary word of three or four characters covers the position.
    pub(super) fn in_long_word(&self) -> bool {
        self.covering(3..=4).any(|q| q > 0)
    }

    /// Log2 probability of the best segmentation into jieba words of the stretch, as jieba's
    /// own segmenter scores paths.
    pub(super) fn segment_score(&self, model: &Table) -> f64 {
        let total = Table::log2_count(model.get(Namespace::Word, &[]).max(1));
        let mut best = [f64::NEG_INFINITY; 8];
        best[0] = 0.0;
        for k in 1..=self.len {
            for l in 1..=k.min(4) {
                let q = self.q[k][l - 1];
                let lp = if q > 0 {
                    Table::log2_count(q) - total
                } else if l == 1 {
                    -total - 4.0 // an unknown single character
                } else {
                    continue;
                };
                best[k] = best[k].max(best[k - l] + lp);
            }
        }
        best[self.len]
    }
}
