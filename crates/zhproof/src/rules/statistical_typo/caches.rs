//! The statistical typo detector's per-process and per-thread lookup tables: a cache of the
//! frequent-pair filter's answers, a cache of candidates' bigram values per neighbour pair, and the
//! confusion candidates without those that can pair with nothing. Each holds what the model
//! answers, so none changes a result.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use zhproof_model::{Namespace, Table, BOUNDARY};

use crate::confusion::{ConfusionSet, Similarity};

/// `first * 0xA000 + second`: a bigram of [`BOUNDARY`] and characters below U+A000 (the CJK
/// characters the detector reads) as a number below `0xA000 * 0xA000 < 2^31`, never 0.
#[inline(always)]
pub(super) fn pair_key(first: u32, second: u32) -> u32 {
    debug_assert!((BOUNDARY..0xA000).contains(&first) && second < 0xA000);
    first * 0xA000 + second
}

/// [`Table::maybe_frequent_bigram`] with a direct-mapped cache in front of it: the pairs of a
/// text repeat (a law or report uses a few thousand characters), and a cached answer costs a
/// multiplication and a compare instead of hashing the pair and probing the Bloom filter. The
/// cache holds the filter's own answers, so it changes no result, and one per thread serves
/// every text the thread checks.
pub(super) struct PairCache {
    /// `pair_key << 1 | answer` per slot, 0 when unused (a key is never 0). Allocated zeroed,
    /// so a short text maps only the pages it touches.
    pub(super) slots: Box<[u32; 1 << PairCache::BITS]>,
}

impl PairCache {
    /// log2 of the number of slots (256 KB).
    pub(super) const BITS: u32 = 16;

    pub(super) fn new() -> PairCache {
        PairCache {
            slots: vec![0; 1 << Self::BITS]
                .into_boxed_slice()
                .try_into()
                .expect("the length asked for"),
        }
    }

    /// [`Table::maybe_frequent_bigram`]`([first, second])` ([`pair_key`]'s domain).
    #[inline(always)]
    pub(super) fn maybe_frequent(&mut self, model: &Table, first: u32, second: u32) -> bool {
        let key = pair_key(first, second);
        let slot = (key.wrapping_mul(0x9E37_79B9) >> (32 - Self::BITS)) as usize;
        let e = self.slots[slot];
        if e >> 1 == key {
            return e & 1 == 1;
        }
        let answer = model.maybe_frequent_bigram([first, second]);
        self.slots[slot] = key << 1 | answer as u32;
        answer
    }
}

/// The nonzero bigram values of a character's candidates with a neighbour, per pair of
/// neighbour and character ([`candidate_filter`]): an open-addressing table of [`pair_key`]s
/// (with [`SideCache::RIGHT`] set for a right neighbour) to runs of `vals`. It holds what the
/// model answers, so it changes no result, and one per thread serves every text the thread
/// checks; it is emptied when full.
pub(super) struct SideCache {
    /// `key << 32 | start << 8 | len` per slot, 0 when unused (a key is never 0).
    pub(super) slots: Box<[u64]>,
    /// Number of slots used.
    pub(super) used: usize,
    /// (index in the row, value) of each run.
    pub(super) vals: Vec<(u8, u8)>,
}

impl SideCache {
    /// log2 of the number of slots (2 MB).
    pub(super) const BITS: u32 = 18;
    /// Set in the key of a right neighbour's pair (a [`pair_key`] is below 2^31).
    pub(super) const RIGHT: u32 = 1 << 31;
    /// Most values kept (a start must fit in 24 bits).
    pub(super) const MAX_VALS: usize = 1 << 22;

    pub(super) fn new() -> SideCache {
        SideCache {
            slots: vec![0; 1 << Self::BITS].into_boxed_slice(),
            used: 0,
            vals: Vec::new(),
        }
    }

    /// Empties the cache if two more runs of up to `len` values might not fit (so that the
    /// ranges [`SideCache::get_or_fill`] returns for one position stay valid together).
    pub(super) fn make_room(&mut self, len: usize) {
        if self.used + 2 > 1 << (Self::BITS - 1) || self.vals.len() + 2 * len > Self::MAX_VALS {
            self.slots.fill(0);
            self.used = 0;
            self.vals.clear();
        }
    }

    /// The range of `vals` for `key`, filled by `fill` (which appends at most 255 values) on
    /// first use. Call [`SideCache::make_room`] first.
    pub(super) fn get_or_fill(
        &mut self,
        key: u32,
        fill: impl FnOnce(&mut Vec<(u8, u8)>),
    ) -> std::ops::Range<usize> {
        debug_assert!(key != 0);
        let mask = (1 << Self::BITS) - 1;
        let mut slot = (key.wrapping_mul(0x9E37_79B9) >> (32 - Self::BITS)) as usize;
        loop {
            let e = self.slots[slot];
            if e == 0 {
                break;
            }
            if (e >> 32) as u32 == key {
                let start = ((e >> 8) & 0xFF_FFFF) as usize;
                return start..start + (e & 0xFF) as usize;
            }
            slot = (slot + 1) & mask;
        }
        let start = self.vals.len();
        fill(&mut self.vals);
        let len = self.vals.len() - start;
        debug_assert!(len <= 0xFF && start < 1 << 24);
        self.slots[slot] = (key as u64) << 32 | (start as u64) << 8 | len as u64;
        self.used += 1;
        start..start + len
    }
}

/// The confusion candidates ([`ConfusionSet::candidates`]) of the CJK characters, without the
/// ones that can form no pair the candidate filter passes: characters the training text never
/// has (a unigram count of 0) that are not listed as forming a pair anyway (`pairing`, see
/// [`UNSEEN_PAIRING`]). A third of the candidates the filter probed on government prose were
/// such characters; a candidate whose bigrams with both its neighbours are 0 is never scored, so
/// leaving them out changes no result. Each row is made on first use (a short text needs few).
pub(super) struct Probed {
    pub(super) model: &'static Table,
    pub(super) set: &'static ConfusionSet,
    pub(super) pairing: &'static str,
    /// The row of each code point from U+3400 to U+9FFF.
    pub(super) rows: Vec<OnceLock<ProbedRow>>,
    /// Whether each code point from U+3400 to U+9FFF is kept as a candidate: 0 not known
    /// yet, 1 kept, 2 left out.
    pub(super) kept: Vec<AtomicU8>,
}

/// A row of [`Probed`].
pub(super) type ProbedRow = Box<[(char, Similarity)]>;

/// First code point of [`Probed`]'s rows.
pub(super) const PROBED_FIRST: u32 = 0x3400;
/// Number of [`Probed`]'s rows (up to U+9FFF).
pub(super) const PROBED_LEN: usize = (0x9FFF - PROBED_FIRST + 1) as usize;

impl Probed {
    /// The rows of `set`, leaving out the candidates the training text of `model` never has
    /// unless they are in `pairing`.
    pub(super) fn new(
        model: &'static Table,
        set: &'static ConfusionSet,
        pairing: &'static str,
    ) -> Probed {
        Probed {
            model,
            set,
            pairing,
            rows: (0..PROBED_LEN).map(|_| OnceLock::new()).collect(),
            kept: (0..PROBED_LEN).map(|_| AtomicU8::new(0)).collect(),
        }
    }

    /// Whether the candidate `c` is kept: seen in training or listed in `pairing`.
    pub(super) fn keeps(&self, c: char) -> bool {
        let keep = || self.model.get(Namespace::Ngram, &[c as u32]) > 0 || self.pairing.contains(c);
        match self
            .kept
            .get((c as u32).wrapping_sub(PROBED_FIRST) as usize)
        {
            Some(k) => match k.load(Ordering::Relaxed) {
                0 => {
                    let kept = keep();
                    k.store(if kept { 1 } else { 2 }, Ordering::Relaxed);
                    kept
                }
                state => state == 1,
            },
            None => keep(),
        }
    }

    /// The candidates of the character `cp` that may form a pair (none outside U+3400–U+9FFF).
    #[inline]
    pub(super) fn candidates(&self, cp: u32) -> &[(char, Similarity)] {
        let Some(row) = self.rows.get(cp.wrapping_sub(PROBED_FIRST) as usize) else {
            return &[];
        };
        row.get_or_init(|| {
            char::from_u32(cp).map_or_else(Default::default, |c| {
                self.set
                    .candidates(c)
                    .iter()
                    .copied()
                    .filter(|&(d, _)| self.keeps(d))
                    .collect()
            })
        })
    }
}
