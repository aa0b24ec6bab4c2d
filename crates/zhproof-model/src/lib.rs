//! Model data for zhproof's statistical typo detector (`statistical-typo` rule), built by
//! `scripts/build_typo_model.py` from the sources listed in this crate's README.
//!
//! The data is embedded with `include_bytes!` and read in place: nothing is parsed at start-up
//! beyond a 20-byte header, so a check that never reaches the detector pays nothing.
//!
//! ```
//! use zhproof_model::{Namespace, Table};
//!
//! let t = Table::embedded();
//! let fa = ['法' as u32, '律' as u32];
//! assert!(t.get(Namespace::Ngram, &fa) > 0); // the bigram 法律 is in the training text
//! assert!(t.get(Namespace::Word, &fa) > 0); // and 法律 is a word of jieba's dictionary
//! ```
//!
//! # Format of `data/ngrams.bin`
//!
//! Little-endian: `b"ZHPM"`, version `u32` (3), `bits: u32`, total character count `u64`,
//! `bloom_bits: u32`, then `2^bits` slots of 3 bytes (fingerprint `u16`, value `u8`), then two
//! Bloom filters of `2^bloom_bits` words (`u64`) each. A key is a namespace number followed by Unicode code
//! points, hashed with FNV-1a (64-bit, over `u32` values) and a splitmix64 finish; its slot is the
//! hash's low `bits` bits (linear probing), its fingerprint the top 16 bits (or 1 when those are
//! 0). A value is `1 + round(8 * log2(count))`, 0 marking an empty slot. Code point 2 marks the
//! edge of a run of CJK characters.
//!
//! The first Bloom filter holds every character bigram of the training text, the second those
//! seen more than [`RARE_PAIR`] times: the word is the key hash's low `bloom_bits` bits, and bits
//! 24–29, 30–35 and 36–41 of the hash each pick one of its 64 bits. They fit in a core's cache,
//! so the detector tells most unseen or rare bigrams (the only positions it scores) and the
//! candidates forming no seen bigram without reaching into the table. (Version 2 had the first
//! filter only.)

/// Code point that marks the start or end of a run of CJK characters in n-gram keys.
pub const BOUNDARY: u32 = 0x2;

/// Bigrams seen at most this many times in the training text are left out of the second Bloom
/// filter ([`Table::maybe_frequent_bigram`]); their counts are in the table.
pub const RARE_PAIR: u32 = 2;

/// What a key in the [`Table`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    /// Character 1–3-grams of the training text (with [`BOUNDARY`] at run edges).
    Ngram = 0,
    /// Words of jieba's dictionary, valued by their frequency there.
    Word = 1,
    /// Words jieba tags as person names (`nr*`).
    PersonName = 2,
    /// Words jieba tags as place, organisation or other proper names (`ns*`, `nt`, `nz`).
    ProperName = 3,
}

static NGRAMS: &[u8] = include_bytes!("../data/ngrams.bin");
static CONFUSION: &str = include_str!("../data/confusion.tsv");

/// The embedded confusion sets: a TSV with the columns character, same-pinyin candidates,
/// near-pinyin candidates (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing) and similar-shape
/// candidates, each a string of characters; `#` starts a comment line.
pub fn confusion_tsv() -> &'static str {
    CONFUSION
}

/// A read-only view of the embedded n-gram and word table.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    mask: usize,
    total: u64,
    slots: &'static [u8],
    bloom: &'static [u8],
    frequent: &'static [u8],
    bloom_mask: usize,
}

const HEADER: usize = 24;
const VERSION: u32 = 3;

impl Table {
    /// The table embedded in this crate.
    pub fn embedded() -> Table {
        Table::from_bytes(NGRAMS).expect("embedded model is well formed (checked by tests)")
    }

    /// A view over `bytes` in the format above, or `None` when they are not in it.
    pub fn from_bytes(bytes: &'static [u8]) -> Option<Table> {
        if bytes.len() < HEADER || &bytes[..4] != b"ZHPM" {
            return None;
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
        if u32_at(4) != VERSION {
            return None;
        }
        let (bits, bloom_bits) = (u32_at(8), u32_at(20));
        if !(1..=30).contains(&bits) || !(1..=30).contains(&bloom_bits) {
            return None;
        }
        let size = 1usize << bits;
        let words = 1usize << bloom_bits;
        if bytes.len() != HEADER + 3 * size + 16 * words {
            return None;
        }
        let total = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
        Some(Table {
            mask: size - 1,
            total,
            slots: &bytes[HEADER..HEADER + 3 * size],
            bloom: &bytes[HEADER + 3 * size..HEADER + 3 * size + 8 * words],
            frequent: &bytes[HEADER + 3 * size + 8 * words..],
            bloom_mask: words - 1,
        })
    }

    /// Whether the character bigram `key` may have been seen in the training text: `false` is
    /// certain (its count is 0), `true` is wrong for about 1% of unseen bigrams. Reads one
    /// word of a 512 KB filter instead of the table.
    #[inline]
    pub fn maybe_bigram(&self, key: [u32; 2]) -> bool {
        self.maybe_bigram_after(pair_prefix(key[0]), key[1])
    }

    /// Whether the character bigram `key` may have been seen more than [`RARE_PAIR`] times in
    /// the training text: `false` is certain (its count is at most [`RARE_PAIR`]), `true` is
    /// wrong for under 1% of other bigrams. Reads one word of a second 512 KB filter.
    #[inline]
    pub fn maybe_frequent_bigram(&self, key: [u32; 2]) -> bool {
        probe(
            self.frequent,
            self.bloom_mask,
            pair_prefix(key[0]).finish(key[1]),
        )
    }

    /// [`Table::maybe_bigram`] of the bigram `first, second`, with `first` given as
    /// [`pair_prefix`]`(first)`: a caller probing one character with many others hashes it
    /// once.
    #[inline]
    pub fn maybe_bigram_after(&self, first: PairPrefix, second: u32) -> bool {
        probe(self.bloom, self.bloom_mask, first.finish(second))
    }

    /// [`Table::get`] of the character bigram `first, second` ([`Namespace::Ngram`], `first`
    /// given as [`pair_prefix`]`(first)`) where [`Table::maybe_bigram_after`] holds, else 0
    /// without reaching the table: one hash serves the filter and the table.
    #[inline]
    pub fn bigram_after(&self, first: PairPrefix, second: u32) -> u8 {
        let h = first.finish(second);
        if probe(self.bloom, self.bloom_mask, h) {
            self.get_hashed(h)
        } else {
            0
        }
    }

    /// Number of CJK characters the n-grams were counted over.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The quantized value of `key` in `ns` (0 when absent): `1 + round(8 * log2(count))`.
    #[inline]
    pub fn get(&self, ns: Namespace, key: &[u32]) -> u8 {
        self.get_hashed(hash(ns as u32, key))
    }

    /// [`Table::get`] of the key whose [`hash`] is `h`.
    #[inline]
    fn get_hashed(&self, h: u64) -> u8 {
        let fp = match (h >> 48) as u16 {
            0 => 1,
            x => x,
        };
        let mut slot = (h as usize) & self.mask;
        loop {
            let s = &self.slots[3 * slot..3 * slot + 3];
            let v = s[2];
            if v == 0 {
                return 0;
            }
            if u16::from_le_bytes([s[0], s[1]]) == fp {
                return v;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// The approximate count a quantized value stands for (0.0 for 0).
    #[inline]
    pub fn count(q: u8) -> f64 {
        if q == 0 {
            0.0
        } else {
            ((q - 1) as f64 / 8.0).exp2()
        }
    }

    /// `log2` of the count a quantized value stands for (`q` must be > 0).
    #[inline]
    pub fn log2_count(q: u8) -> f64 {
        (q.saturating_sub(1)) as f64 / 8.0
    }
}

/// The hash of a character bigram key ([`Namespace::Ngram`]) after its first character, made
/// by [`pair_prefix`] and finished by [`Table::maybe_bigram_after`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairPrefix(u64);

/// The start of the hash of every character bigram beginning with `first` (see [`PairPrefix`]).
#[inline]
pub fn pair_prefix(first: u32) -> PairPrefix {
    PairPrefix(fnv(fnv(FNV_BASIS, Namespace::Ngram as u32), first))
}

impl PairPrefix {
    /// The hash of the bigram ending in `second`: the same as [`Table::get`]'s.
    #[inline]
    fn finish(self, second: u32) -> u64 {
        finish(fnv(self.0, second))
    }
}

/// Whether the three bits of the bigram whose key hashes to `h` are set in its word of the
/// Bloom filter `bloom`.
#[inline]
fn probe(bloom: &[u8], mask: usize, h: u64) -> bool {
    let i = 8 * ((h as usize) & mask);
    let word = u64::from_le_bytes(bloom[i..i + 8].try_into().unwrap());
    let bits = (1u64 << ((h >> 24) & 63)) | (1u64 << ((h >> 30) & 63)) | (1u64 << ((h >> 36) & 63));
    word & bits == bits
}

const FNV_BASIS: u64 = 0xCBF2_9CE4_8422_2325;

/// One step of FNV-1a over `u32` values.
#[inline(always)]
fn fnv(h: u64, v: u32) -> u64 {
    (h ^ v as u64).wrapping_mul(0x100_0000_01B3)
}

/// The splitmix64 finish of [`hash`].
#[inline(always)]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    h
}

/// FNV-1a (64-bit) over the namespace number and the code points, with a splitmix64 finish.
#[inline]
fn hash(ns: u32, key: &[u32]) -> u64 {
    finish(key.iter().fold(fnv(FNV_BASIS, ns), |h, &v| fnv(h, v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn embedded_table_answers() {
        let t = Table::embedded();
        assert!(t.total() > 1_000_000);
        assert!(t.get(Namespace::Ngram, &cps("人民")) > t.get(Namespace::Ngram, &cps("民人")));
        assert!(t.get(Namespace::Ngram, &cps("的")) > 100);
        assert_eq!(t.get(Namespace::Word, &cps("部暑")), 0);
        assert!(t.get(Namespace::Word, &cps("部署")) > 0);
        assert!(t.get(Namespace::PersonName, &cps("鲁迅")) > 0);
        assert_eq!(t.get(Namespace::PersonName, &cps("部署")), 0);
        let run = [BOUNDARY, '第' as u32];
        assert!(t.get(Namespace::Ngram, &run) > 0);
    }

    #[test]
    fn the_bloom_filter_never_misses_a_frequent_bigram() {
        let t = Table::embedded();
        let text: Vec<u32> =
            "中华人民共和国宪法规定，国家尊重和保障人权。县人民政府应当加强对农业生产的指导"
                .chars()
                .map(|c| c as u32)
                .collect();
        let mut seen = 0;
        let mut unseen_passing = 0;
        let mut unseen = 0;
        let rare = 1 + (8.0 * (RARE_PAIR as f64).log2()).round() as u8; // quantized RARE_PAIR
        for w in text.windows(2) {
            let q = t.get(Namespace::Ngram, w);
            if q > 0 {
                seen += 1;
                assert!(t.maybe_bigram([w[0], w[1]]), "{w:?}");
            }
            if q > rare {
                assert!(t.maybe_frequent_bigram([w[0], w[1]]), "{w:?}");
            }
        }
        assert!(seen > 20);
        // bigrams the training text has once or twice (游时 in 旅游时常, 验附 in 检验附件) are in
        // the table but not in the filter, so the detector judges the characters forming them
        for k in ["游时", "验附", "编织", "空档"].map(cps) {
            let q = t.get(Namespace::Ngram, &k);
            assert!((1..=rare).contains(&q), "{k:?}: {q}");
            assert!(t.maybe_bigram([k[0], k[1]]), "{k:?}");
            assert!(!t.maybe_frequent_bigram([k[0], k[1]]), "{k:?}");
        }
        // pairs of rare characters that never follow each other in the laws
        for a in "龘靐齉爨".chars() {
            for b in "饕餮魑魅魍魉".chars() {
                let k = [a as u32, b as u32];
                assert_eq!(t.get(Namespace::Ngram, &k), 0);
                unseen += 1;
                unseen_passing += t.maybe_bigram(k) as usize;
                unseen_passing += t.maybe_frequent_bigram(k) as usize;
            }
        }
        assert!(
            unseen_passing * 10 < 2 * unseen,
            "{unseen_passing} of {unseen}"
        );
    }

    #[test]
    fn a_pair_prefix_finishes_to_the_key_hash() {
        for (a, b) in [
            (BOUNDARY, '第' as u32),
            ('法' as u32, '律' as u32),
            ('律' as u32, BOUNDARY),
        ] {
            assert_eq!(
                pair_prefix(a).finish(b),
                hash(Namespace::Ngram as u32, &[a, b])
            );
            assert_ne!(
                pair_prefix(a).finish(b),
                hash(Namespace::Word as u32, &[a, b])
            );
        }
    }

    #[test]
    fn bigram_after_is_get_behind_the_filter() {
        let t = Table::embedded();
        let chars: Vec<u32> = "法律的人民政府规定第条龘饕餮学习强国数智"
            .chars()
            .map(|c| c as u32)
            .chain([BOUNDARY])
            .collect();
        let (mut seen, mut filtered) = (0, 0);
        for &a in &chars {
            for &b in &chars {
                let want = if t.maybe_bigram([a, b]) {
                    t.get(Namespace::Ngram, &[a, b])
                } else {
                    0
                };
                assert_eq!(t.bigram_after(pair_prefix(a), b), want, "{a} {b}");
                seen += (want > 0) as usize;
                filtered += !t.maybe_bigram([a, b]) as usize;
            }
        }
        assert!(seen > 20 && filtered > 100, "{seen} {filtered}");
    }

    #[test]
    fn counts_round_trip() {
        assert_eq!(Table::count(0), 0.0);
        assert_eq!(Table::count(1), 1.0);
        assert!((Table::count(9) - 2.0).abs() < 1e-9);
        assert!((Table::log2_count(17) - 2.0).abs() < 1e-9);
    }

    #[test]
    fn malformed_bytes_are_rejected() {
        assert!(Table::from_bytes(b"").is_none());
        // version 1, then version 2 with a size that does not match the header
        assert!(Table::from_bytes(b"ZHPM\x01\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0").is_none());
        assert!(Table::from_bytes(b"ZHPM\x02\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0").is_none());
        assert!(Table::from_bytes(b"ZHPM\x02\0\0\0\x1f\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0").is_none());
    }

    #[test]
    fn confusion_sets_are_embedded() {
        let line = confusion_tsv()
            .lines()
            .find(|l| l.starts_with("署\t"))
            .expect("署 has candidates");
        assert!(line.contains('暑'));
    }
}
