//! A word trigram language model read in place from a compact binary image, with KenLM's scores
//! and an LM-based word segmentation.
//!
//! The image is built from an ARPA file by `scripts/build_word_lm.py` and read from a
//! `&'static [u8]` (an `include_bytes!` or a leaked buffer): [`WordLm::from_bytes`] checks the
//! header and the length of every section and parses nothing else.
//!
//! Scores are log10 probabilities with the semantics of an ARPA backoff model as KenLM computes
//! them: [`WordLm::score`] of a word sequence equals the sum of
//! `kenlm.Model(arpa).full_scores(" ".join(words), bos=False, eos=False)` up to the 8-bit
//! quantization of bigram and trigram probabilities and of bigram backoffs (unigrams are stored
//! with 16 bits). Words outside the vocabulary score as `<unk>`.
//!
//! ```
//! use zhproof_lm::WordLm;
//!
//! // The toy model of the tests (scripts/gen_word_lm_fixture.py).
//! static TOY: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/toy.bin"));
//! let lm = WordLm::from_bytes(TOY).unwrap();
//! assert!(lm.word_id("研究生").is_some());
//! assert_eq!(lm.word_id("火星"), None); // not in the vocabulary: scored as <unk>
//!
//! // log10 p(我们) + log10 p(研究 | 我们) + log10 p(生命 | 我们 研究) + ...
//! let s = lm.score(&["我们", "研究", "生命", "的", "起源"]);
//! assert!((s - (-3.456746)).abs() < 1e-3); // KenLM's sum for this sequence
//!
//! // The same through the state API.
//! let mut state = lm.begin();
//! let mut total = 0.0;
//! for w in ["我们", "研究", "生命", "的", "起源"] {
//!     let (p, next) = lm.step(state, lm.word_id(w).unwrap_or(lm.unk()));
//!     total += p;
//!     state = next;
//! }
//! assert_eq!(total, s);
//!
//! // The best segmentation of a text into vocabulary words.
//! let text = "研究生命的起源";
//! let (score, words) = lm.segment(text, 4);
//! let words: Vec<&str> = words.into_iter().map(|r| &text[r]).collect();
//! assert_eq!(words, ["研究", "生命", "的", "起源"]);
//! assert_eq!(score, lm.score(&words));
//! ```
//!
//! # The embedded model
//!
//! [`WordLm::embedded`] is libime's general-domain language model (`zh_CN.lm` of the Debian
//! package `libime-data-language-model`, LGPL-2.1-or-later: 164,887 words, 1,983,152 bigrams,
//! 634,213 trigrams), dumped to ARPA by `scripts/kenlm_binary.py` and converted by
//! `scripts/build_word_lm.py`; sources and licence in this crate's README.
//!
//! # Format (version 1)
//!
//! Little-endian. A header of `b"ZHLM"` and eight `u32`: version (1), `n_words`, `n_bigrams`,
//! `n_contexts`, `n_trigrams`, the id of `<unk>`, `low_bits` (bits of the low part of a bigram
//! key), `pos_bits` (bits of a position among a word's successors); then for each of the 22
//! sections below, in this order, its offset and length (`u32` each). Every section starts on an
//! 8-byte boundary.
//!
//! | section | content |
//! | --- | --- |
//! | `vocab_offsets` | `n_words + 1` `u32`: word `i` is `vocab_strings[off[i]..off[i + 1]]`; words are sorted by their UTF-8 bytes and a word's id is its rank |
//! | `vocab_strings` | the words' UTF-8 bytes |
//! | `uni_prob`, `uni_backoff` | `n_words` `u16` each: codes of log10 p(w) and log10 backoff(w) |
//! | `uni_ext` | `ceil(n_words / 64)` `u64`: bit `w % 64` of word `w / 64` is set when `w` starts a bigram or has a non-zero backoff (the state after `w` keeps it) |
//! | `bigram_high` | `u64` words: the high parts of the bigrams' keys `v * n_words + w`, ascending (bigram `b` has the `b`-th key), in Elias-Fano form: one 1 bit per key at position `(key >> low_bits) + b`, one 0 bit ending each of the `((n_words² - 1) >> low_bits) + 1` buckets |
//! | `bigram_select` | `u32` per 512 buckets: the position in `bigram_high` of zero number `512 j` |
//! | `bigram_rank` | `u32` per 512 bits of `bigram_high`: the number of zeros before bit `512 j` |
//! | `bigram_low` | the keys' low `low_bits` bits, packed: a little-endian bit stream, then 8 zero bytes |
//! | `bigram_prob` | `n_bigrams` `u8`: codes of log10 p(w \| v) |
//! | `context_bits` | `ceil(n_bigrams / 64)` `u64`: bit `b % 64` of word `b / 64` is set when bigram `b` is a *context*: it starts a trigram or has a non-zero backoff |
//! | `context_rank` | `ceil(n_bigrams / 64)` `u32`: the number of contexts before bigram `64 * i`; a context's index is its rank |
//! | `context_backoff` | `n_contexts` `u8`: codes of log10 backoff(v w) |
//! | `trigram_offsets` | `n_contexts + 1` `u32`: the trigrams of context `c` are `off[c]..off[c + 1]` |
//! | `trigram_next` | for each trigram (u v, w), w's position among v's successors (the index of bigram (v, w) minus that of v's first bigram), `pos_bits` bits each, packed as `bigram_low`; ascending within a context |
//! | `trigram_prob` | `n_trigrams` `u8`: codes of log10 p(w \| u v) |
//! | 5 tables | `f32` values of the codes of `uni_prob`, `uni_backoff`, `bigram_prob`, `context_backoff`, `trigram_prob` |
//! | `first_chars` | (`u32`, `u32`) pairs: each first character of a word (code point, ascending) and the id of its first word; then (0x110000, `n_words`) |
//!
//! A bigram lookup finds the bucket of its key with one select (the blocks between two sampled
//! zeros, a binary search over their ranks, then a scan of at most 8 words of `bigram_high`) and
//! binary-searches the low parts of the bucket's keys (0.6 keys a bucket on average in libime's
//! model, hundreds in the rows of the most frequent first words). A trigram lookup is a binary
//! search within its context's trigrams. An order with at most 2^bits distinct values is stored
//! exactly; otherwise the codes are the centres of a 1-D k-means (see the script).

use std::fmt;
use std::ops::Range;

const MAGIC: &[u8; 4] = b"ZHLM";
const VERSION: u32 = 1;
const HEADER_WORDS: usize = 8;
const SECTION_NAMES: [&str; 22] = [
    "vocab_offsets",
    "vocab_strings",
    "uni_prob",
    "uni_backoff",
    "uni_ext",
    "bigram_high",
    "bigram_select",
    "bigram_rank",
    "bigram_low",
    "bigram_prob",
    "context_bits",
    "context_rank",
    "context_backoff",
    "trigram_offsets",
    "trigram_next",
    "trigram_prob",
    "table_uni_prob",
    "table_uni_backoff",
    "table_bigram_prob",
    "table_context_backoff",
    "table_trigram_prob",
    "first_chars",
];
const HEADER_LEN: usize = 4 + 4 * HEADER_WORDS + 8 * SECTION_NAMES.len();

/// Why [`WordLm::from_bytes`] refused an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LmError {
    /// The image is shorter than its header.
    TooShort {
        /// Length of the image in bytes.
        len: usize,
    },
    /// The image does not start with `b"ZHLM"`.
    BadMagic([u8; 4]),
    /// A version this crate does not read.
    UnsupportedVersion(u32),
    /// A header field is out of range.
    BadHeader {
        /// The field.
        field: &'static str,
        /// Its value.
        value: u32,
    },
    /// A section lies (partly) outside the image.
    TruncatedSection {
        /// The section.
        section: &'static str,
        /// Its offset.
        offset: usize,
        /// Its length.
        len: usize,
        /// Length of the image.
        image_len: usize,
    },
    /// A section's length does not match the counts of the header.
    SectionLength {
        /// The section.
        section: &'static str,
        /// Its length in the image.
        len: usize,
        /// The length the header implies (for a table: its maximum).
        expected: usize,
    },
}

impl fmt::Display for LmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LmError::TooShort { len } => {
                write!(f, "word LM image of {len} bytes is shorter than its header")
            }
            LmError::BadMagic(m) => {
                write!(f, "not a word LM image: magic {m:?}, expected b\"ZHLM\"")
            }
            LmError::UnsupportedVersion(v) => {
                write!(f, "word LM image version {v}, this reader knows {VERSION}")
            }
            LmError::BadHeader { field, value } => {
                write!(f, "word LM header field {field} = {value} is out of range")
            }
            LmError::TruncatedSection {
                section,
                offset,
                len,
                image_len,
            } => write!(
                f,
                "word LM section {section} ({len} bytes at {offset}) runs past the end of the \
                 {image_len}-byte image"
            ),
            LmError::SectionLength {
                section,
                len,
                expected,
            } => write!(
                f,
                "word LM section {section} has {len} bytes, the header implies {expected}"
            ),
        }
    }
}

impl std::error::Error for LmError {}

/// The history a [`WordLm`] keeps between words: nothing, the last word, or the last two words
/// (a bigram context). Like KenLM's, states are minimal: a history the model cannot extend is
/// dropped, so equal states score every continuation equally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct State {
    len: u8,
    /// Last word (len >= 1).
    word: u32,
    /// Context index of the last two words (len == 2).
    ctx: u32,
}

impl State {
    /// Number of words of history this state keeps (0, 1 or 2).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True for the null context.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A word trigram language model read in place (see the crate documentation).
#[derive(Clone, Copy)]
pub struct WordLm {
    n_words: u32,
    unk: u32,
    bos: Option<u32>,
    eos: Option<u32>,
    /// Bits of the low part of a bigram key (Elias-Fano).
    low_bits: u32,
    pos_bits: u32,
    vocab_offsets: &'static [u8],
    vocab_strings: &'static [u8],
    uni_prob: &'static [u8],
    uni_backoff: &'static [u8],
    uni_ext: &'static [u8],
    bigram_high: &'static [u8],
    bigram_select: &'static [u8],
    bigram_rank: &'static [u8],
    bigram_low: &'static [u8],
    bigram_prob: &'static [u8],
    context_bits: &'static [u8],
    context_rank: &'static [u8],
    context_backoff: &'static [u8],
    trigram_offsets: &'static [u8],
    trigram_next: &'static [u8],
    trigram_prob: &'static [u8],
    table_uni_prob: &'static [u8],
    table_uni_backoff: &'static [u8],
    table_bigram_prob: &'static [u8],
    table_context_backoff: &'static [u8],
    table_trigram_prob: &'static [u8],
    first_chars: &'static [u8],
}

impl fmt::Debug for WordLm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WordLm")
            .field("words", &self.n_words)
            .field("bigrams", &(self.bigram_prob.len()))
            .field("trigrams", &(self.trigram_prob.len()))
            .finish()
    }
}

#[inline]
fn u32_at(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3]])
}

#[inline]
fn u16_at(s: &[u8], i: usize) -> usize {
    u16::from_le_bytes([s[2 * i], s[2 * i + 1]]) as usize
}

#[inline]
fn f32_at(s: &[u8], i: usize) -> f32 {
    f32::from_bits(u32_at(s, i))
}

/// Element `i` of a packed array of `bits`-bit values (bits <= 32; the section has 8 bytes of
/// padding, so the 8-byte read never runs past it).
#[inline]
fn packed_at(s: &[u8], bits: u32, i: usize) -> u32 {
    let bit = i * bits as usize;
    let b = bit / 8;
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[b..b + 8]);
    ((u64::from_le_bytes(w) >> (bit % 8)) & ((1u64 << bits) - 1)) as u32
}

/// Position of set bit number `r` (from 0) of `w`, which has more than `r` set bits.
#[inline]
fn select_in_word(mut w: u64, mut r: u32) -> u32 {
    let mut base = 0;
    loop {
        let c = (w & 0xff).count_ones();
        if r < c {
            break;
        }
        r -= c;
        w >>= 8;
        base += 8;
    }
    for _ in 0..r {
        w &= w - 1;
    }
    base + w.trailing_zeros()
}

/// Index in `range` of the packed value `key` (values ascending within the range).
#[inline]
fn packed_find(s: &[u8], bits: u32, range: Range<usize>, key: u32) -> Option<usize> {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let v = packed_at(s, bits, mid);
        if v == key {
            return Some(mid);
        }
        if v < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    None
}

/// The embedded model image (see the crate's README).
static EMBEDDED: &[u8] = include_bytes!("../data/word_lm.bin");

impl WordLm {
    /// The embedded general-domain model (libime's, see the crate documentation). Only its
    /// header is read: the rest is used in place.
    ///
    /// ```
    /// let lm = zhproof_lm::WordLm::embedded();
    /// // a slip scores far below the words it breaks
    /// assert!(lm.segment("推进信息化建设", 6).0 > lm.segment("推进信系化建设", 6).0 + 5.0);
    /// ```
    pub fn embedded() -> WordLm {
        WordLm::from_bytes(EMBEDDED).expect("the embedded model image is valid (tested)")
    }

    /// Reads an image built by `scripts/build_word_lm.py`: checks the magic, the version, the
    /// header fields and that every section lies inside the image with the length the header
    /// implies. Nothing else is read. (The sections' contents are trusted: a corrupted image that
    /// passes these checks may score wrongly or panic, but never reads out of bounds.)
    pub fn from_bytes(data: &'static [u8]) -> Result<WordLm, LmError> {
        if data.len() < HEADER_LEN {
            return Err(LmError::TooShort { len: data.len() });
        }
        let magic = [data[0], data[1], data[2], data[3]];
        if &magic != MAGIC {
            return Err(LmError::BadMagic(magic));
        }
        let h = |i: usize| u32_at(&data[4..], i);
        if h(0) != VERSION {
            return Err(LmError::UnsupportedVersion(h(0)));
        }
        let (n_words, n_bigrams, n_contexts, n_trigrams, unk, low_bits, pos_bits) =
            (h(1), h(2), h(3), h(4), h(5), h(6), h(7));
        if n_words == 0 || n_words >= 1 << 31 {
            return Err(LmError::BadHeader {
                field: "n_words",
                value: n_words,
            });
        }
        if unk >= n_words {
            return Err(LmError::BadHeader {
                field: "unk_id",
                value: unk,
            });
        }
        if low_bits == 0 || low_bits > 32 {
            return Err(LmError::BadHeader {
                field: "low_bits",
                value: low_bits,
            });
        }
        if pos_bits == 0 || pos_bits > 32 {
            return Err(LmError::BadHeader {
                field: "pos_bits",
                value: pos_bits,
            });
        }
        if n_contexts > n_bigrams {
            return Err(LmError::BadHeader {
                field: "n_contexts",
                value: n_contexts,
            });
        }
        let (v, b, c, t) = (
            u64::from(n_words),
            u64::from(n_bigrams),
            u64::from(n_contexts),
            u64::from(n_trigrams),
        );
        let packed_len = |n: u64, bits: u32| (n * u64::from(bits)).div_ceil(8) + 8;
        let blocks = b.div_ceil(64);
        let n_buckets = ((v * v - 1) >> low_bits) + 1;
        // Expected length of each section; tables and first_chars: None (checked below).
        let expected: [Option<u64>; 22] = [
            Some(4 * (v + 1)),
            None,
            Some(2 * v),
            Some(2 * v),
            Some(8 * v.div_ceil(64)),
            Some(8 * (b + n_buckets).div_ceil(64)),
            Some(4 * n_buckets.div_ceil(512)),
            Some(4 * (b + n_buckets).div_ceil(512)),
            Some(packed_len(b, low_bits)),
            Some(b),
            Some(8 * blocks),
            Some(4 * blocks),
            Some(c),
            Some(4 * (c + 1)),
            Some(packed_len(t, pos_bits)),
            Some(t),
            None,
            None,
            None,
            None,
            None,
            None,
        ];
        let mut sections: [&'static [u8]; 22] = [&[]; 22];
        let base = 4 + 4 * HEADER_WORDS;
        for (i, name) in SECTION_NAMES.iter().enumerate() {
            let offset = u32_at(&data[base..], 2 * i) as usize;
            let len = u32_at(&data[base..], 2 * i + 1) as usize;
            let s = offset
                .checked_add(len)
                .and_then(|end| data.get(offset..end))
                .ok_or(LmError::TruncatedSection {
                    section: name,
                    offset,
                    len,
                    image_len: data.len(),
                })?;
            if let Some(e) = expected[i] {
                if len as u64 != e {
                    return Err(LmError::SectionLength {
                        section: name,
                        len,
                        expected: usize::try_from(e).unwrap_or(usize::MAX),
                    });
                }
            }
            sections[i] = s;
        }
        // Tables: f32 values, as many as the codes can address.
        for (i, max) in [
            (16, 1 << 16),
            (17, 1 << 16),
            (18, 256),
            (19, 256),
            (20, 256),
        ] {
            let len = sections[i].len();
            if len % 4 != 0 || len == 0 || len > 4 * max {
                return Err(LmError::SectionLength {
                    section: SECTION_NAMES[i],
                    len,
                    expected: 4 * max,
                });
            }
        }
        let v = v as usize;
        let first_len = sections[21].len();
        if first_len % 8 != 0 || first_len < 8 || first_len > 8 * (v + 1) {
            return Err(LmError::SectionLength {
                section: SECTION_NAMES[21],
                len: first_len,
                expected: 8 * (v + 1),
            });
        }
        let strings_len = u32_at(sections[0], v) as usize;
        if sections[1].len() != strings_len {
            return Err(LmError::SectionLength {
                section: SECTION_NAMES[1],
                len: sections[1].len(),
                expected: strings_len,
            });
        }
        let [vocab_offsets, vocab_strings, uni_prob, uni_backoff, uni_ext, bigram_high, bigram_select, bigram_rank, bigram_low, bigram_prob, context_bits, context_rank, context_backoff, trigram_offsets, trigram_next, trigram_prob, table_uni_prob, table_uni_backoff, table_bigram_prob, table_context_backoff, table_trigram_prob, first_chars] =
            sections;
        let mut lm = WordLm {
            n_words,
            unk,
            bos: None,
            eos: None,
            low_bits,
            pos_bits,
            vocab_offsets,
            vocab_strings,
            uni_prob,
            uni_backoff,
            uni_ext,
            bigram_high,
            bigram_select,
            bigram_rank,
            bigram_low,
            bigram_prob,
            context_bits,
            context_rank,
            context_backoff,
            trigram_offsets,
            trigram_next,
            trigram_prob,
            table_uni_prob,
            table_uni_backoff,
            table_bigram_prob,
            table_context_backoff,
            table_trigram_prob,
            first_chars,
        };
        lm.bos = lm.word_id("<s>");
        lm.eos = lm.word_id("</s>");
        Ok(lm)
    }

    /// Number of words in the vocabulary (with `<unk>`, `<s>` and `</s>`).
    pub fn vocab_len(&self) -> usize {
        self.n_words as usize
    }

    /// The id of `<unk>`, which scores every word outside the vocabulary.
    pub fn unk(&self) -> u32 {
        self.unk
    }

    /// The word of an id (`None` past the vocabulary).
    pub fn word(&self, id: u32) -> Option<&'static str> {
        if id >= self.n_words {
            return None;
        }
        let s = self.word_bytes(id);
        std::str::from_utf8(s).ok()
    }

    #[inline]
    fn word_bytes(&self, id: u32) -> &'static [u8] {
        let a = u32_at(self.vocab_offsets, id as usize) as usize;
        let b = u32_at(self.vocab_offsets, id as usize + 1) as usize;
        &self.vocab_strings[a..b]
    }

    /// The id of a vocabulary word (binary search), `None` for a word the model does not know.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        let w = word.as_bytes();
        let (mut lo, mut hi) = (0u32, self.n_words);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.word_bytes(mid).cmp(w) {
                std::cmp::Ordering::Equal => return Some(mid),
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
            }
        }
        None
    }

    /// The ids of the words starting with `c`.
    fn first_char_range(&self, c: char) -> Range<u32> {
        let n = self.first_chars.len() / 8 - 1; // the last entry is the end sentinel
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let m = u32_at(self.first_chars, 2 * mid);
            if m == c as u32 {
                return u32_at(self.first_chars, 2 * mid + 1)
                    ..u32_at(self.first_chars, 2 * mid + 3);
            }
            if m < c as u32 {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        0..0
    }

    /// The ids (within `range`, whose words all start with the same `skip` bytes) of the words
    /// whose bytes after those `skip` start with `ext`.
    fn prefix_range(&self, range: Range<u32>, skip: usize, ext: &[u8]) -> Range<u32> {
        // Orders a word by its bytes after `skip`, cut to ext's length, against `ext`: words are
        // sorted by their bytes, and the range's words share their first `skip` bytes, so this
        // order is monotone over the range (a short word sorts first, as in the full order).
        let cmp = |id: u32| {
            let w = self.word_bytes(id);
            let tail = w.get(skip..).unwrap_or(&[]);
            let tail = &tail[..tail.len().min(ext.len())];
            tail.iter().cmp(ext.iter())
        };
        let part = |mut lo: u32, mut hi: u32, below: &dyn Fn(std::cmp::Ordering) -> bool| {
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if below(cmp(mid)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let lo = part(range.start, range.end, &|o| o.is_lt());
        let hi = part(lo, range.end, &|o| o.is_le());
        lo..hi
    }

    /// The null context (KenLM's `NullContextWrite`, `full_scores(bos=False)`).
    pub fn begin(&self) -> State {
        State {
            len: 0,
            word: 0,
            ctx: 0,
        }
    }

    #[inline]
    fn high_word(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.bigram_high[8 * i..8 * i + 8].try_into().unwrap())
    }

    /// Position in `bigram_high` of zero number `h` (the end of bucket `h`): the blocks of 512
    /// bits between the sampled zeros 512 j and 512 (j + 1), a binary search over the zeros
    /// before each, then a scan of at most 8 words.
    fn select0(&self, h: u64) -> usize {
        let j = (h >> 9) as usize;
        let last = self.bigram_rank.len() / 4 - 1;
        let mut lo = (u32_at(self.bigram_select, j) / 512) as usize;
        let mut hi = if j + 1 < self.bigram_select.len() / 4 {
            (u32_at(self.bigram_select, j + 1) / 512) as usize
        } else {
            last
        };
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if u64::from(u32_at(self.bigram_rank, mid)) <= h {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let mut rest = h - u64::from(u32_at(self.bigram_rank, lo)); // zeros to pass in block lo
        let mut i = 8 * lo;
        loop {
            let w = !self.high_word(i);
            let zeros = u64::from(w.count_ones());
            if rest < zeros {
                return 64 * i + select_in_word(w, rest as u32) as usize;
            }
            rest -= zeros;
            i += 1;
        }
    }

    /// The bigram indexes of the keys whose high part is `h`, and the low part of `key`.
    #[inline]
    fn bucket(&self, key: u64) -> (Range<usize>, u32) {
        let h = key >> self.low_bits;
        let low = (key & ((1u64 << self.low_bits) - 1)) as u32;
        let end_zero = self.select0(h);
        // The bucket's keys are the ones right before its zero.
        let mut ones = 0;
        let mut p = end_zero;
        while p > 0 {
            let bit = (p - 1) % 64;
            let run = (self.high_word((p - 1) / 64) << (63 - bit)).leading_ones() as usize;
            ones += run;
            if run <= bit {
                break;
            }
            p -= bit + 1;
        }
        let end = end_zero - h as usize;
        (end - ones..end, low)
    }

    /// The index of bigram (v, w).
    #[inline]
    fn find_bigram(&self, v: u32, w: u32) -> Option<usize> {
        let (range, low) = self.bucket(u64::from(v) * u64::from(self.n_words) + u64::from(w));
        // Buckets of frequent first words hold hundreds of keys: a binary search.
        packed_find(self.bigram_low, self.low_bits, range, low)
    }

    /// The index of the first bigram (v, _) (or of the first bigram after where it would be).
    #[inline]
    fn first_bigram(&self, v: u32) -> usize {
        let (range, low) = self.bucket(u64::from(v) * u64::from(self.n_words));
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if packed_at(self.bigram_low, self.low_bits, mid) < low {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Whether the state after `w` keeps it: `w` starts a bigram or has a non-zero backoff.
    #[inline]
    fn extends(&self, w: u32) -> bool {
        let i = w as usize;
        self.uni_ext[i / 8] >> (i % 8) & 1 == 1
    }

    #[inline]
    fn context_of(&self, bigram: usize) -> Option<u32> {
        let word = u64::from_le_bytes(
            self.context_bits[8 * (bigram / 64)..8 * (bigram / 64) + 8]
                .try_into()
                .unwrap(),
        );
        let bit = bigram % 64;
        if word >> bit & 1 == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some(u32_at(self.context_rank, bigram / 64) + below)
    }

    #[inline]
    fn uni_backoff_of(&self, w: u32) -> f32 {
        f32_at(self.table_uni_backoff, u16_at(self.uni_backoff, w as usize))
    }

    /// Scores word `w` (an id from [`WordLm::word_id`], or [`WordLm::unk`]) after `state`: its
    /// log10 probability and the state after it, as KenLM's `BaseFullScore`: the probability of
    /// the longest n-gram ending in `w` the model has, plus the backoffs of the longer histories.
    pub fn step(&self, state: State, w: u32) -> (f32, State) {
        let w = if w < self.n_words { w } else { self.unk };
        // The bigram (v, w) first: a trigram (u v, w) exists only if it does (the converter
        // checks), and the trigram's key is w's position among v's successors.
        let (bi, tri) = if state.len >= 1 {
            let bi = self.find_bigram(state.word, w);
            let tri = match bi {
                Some(b) if state.len == 2 => {
                    let c = state.ctx as usize;
                    let r = u32_at(self.trigram_offsets, c) as usize
                        ..u32_at(self.trigram_offsets, c + 1) as usize;
                    if r.is_empty() {
                        None // a context by its backoff alone
                    } else {
                        let pos = (b - self.first_bigram(state.word)) as u32;
                        packed_find(self.trigram_next, self.pos_bits, r, pos)
                    }
                }
                _ => None,
            };
            (bi, tri)
        } else {
            (None, None)
        };
        let prob = if let Some(t) = tri {
            f32_at(self.table_trigram_prob, self.trigram_prob[t] as usize)
        } else {
            let mut p = if let Some(b) = bi {
                f32_at(self.table_bigram_prob, self.bigram_prob[b] as usize)
            } else {
                let mut p = f32_at(self.table_uni_prob, u16_at(self.uni_prob, w as usize));
                if state.len >= 1 {
                    p += self.uni_backoff_of(state.word);
                }
                p
            };
            if state.len == 2 {
                p += f32_at(
                    self.table_context_backoff,
                    self.context_backoff[state.ctx as usize] as usize,
                );
            }
            p
        };
        let next = if let Some(ctx) = bi.and_then(|b| self.context_of(b)) {
            State {
                len: 2,
                word: w,
                ctx,
            }
        } else if self.extends(w) {
            State {
                len: 1,
                word: w,
                ctx: 0,
            }
        } else {
            self.begin()
        };
        (prob, next)
    }

    /// The log10 probability of a word sequence from the null context: the sum of KenLM's
    /// `full_scores(" ".join(words), bos=False, eos=False)`. Unknown words score as `<unk>`.
    pub fn score(&self, words: &[&str]) -> f32 {
        let mut state = self.begin();
        let mut total = 0.0f32;
        for w in words {
            let (p, next) = self.step(state, self.word_id(w).unwrap_or(self.unk));
            total += p;
            state = next;
        }
        total
    }

    /// The best segmentation of `text` into vocabulary words of at most `max_word_chars`
    /// characters (at least 1), a character that begins no vocabulary word of one character being
    /// a one-character `<unk>` token; `<s>`, `</s>` and `<unk>` never match text. Returns the
    /// log10 probability of the segmentation from the null context (equal to [`WordLm::score`]
    /// of its words) and the byte ranges of its words, which cover `text` in order.
    ///
    /// This is an exact Viterbi search over (position, LM state): hypotheses ending at the same
    /// character with the same [`State`] are merged, which loses nothing because equal states
    /// score every continuation equally. Ties keep the hypothesis found first.
    pub fn segment(&self, text: &str, max_word_chars: usize) -> (f32, Vec<Range<usize>>) {
        #[derive(Clone, Copy)]
        struct Hyp {
            state: State,
            score: f32,
            /// Arena index of the previous hypothesis (u32::MAX for the start).
            back: u32,
            /// Character position where this hypothesis' last word starts.
            start: u32,
            /// Next hypothesis ending at the same position (u32::MAX ends the list).
            next: u32,
        }
        const NONE: u32 = u32::MAX;
        let max = max_word_chars.max(1);
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        bounds.push(text.len());
        // All hypotheses in one arena; those ending at character j form a list from head[j].
        let mut arena: Vec<Hyp> = Vec::with_capacity(4 * n + 1);
        let mut head: Vec<u32> = vec![NONE; n + 1];
        arena.push(Hyp {
            state: self.begin(),
            score: 0.0,
            back: NONE,
            start: 0,
            next: NONE,
        });
        head[0] = 0;
        let mut words: Vec<(usize, u32)> = Vec::new();
        for i in 0..n {
            // The words starting at character i.
            words.clear();
            let mut range = 0..0;
            let mut single = false;
            for j in i + 1..=(i + max).min(n) {
                let piece = &text.as_bytes()[bounds[i]..bounds[j]];
                let skip = bounds[j - 1] - bounds[i];
                range = if j == i + 1 {
                    self.first_char_range(text[bounds[i]..].chars().next().unwrap_or('\0'))
                } else {
                    self.prefix_range(range, skip, &piece[skip..])
                };
                if range.is_empty() {
                    break;
                }
                let id = range.start;
                if self.word_bytes(id) == piece
                    && id != self.unk
                    && Some(id) != self.bos
                    && Some(id) != self.eos
                {
                    words.push((j, id));
                    single |= j == i + 1;
                }
            }
            if !single {
                words.push((i + 1, self.unk));
            }
            let mut k = head[i];
            while k != NONE {
                let h = arena[k as usize];
                for &(j, w) in &words {
                    let (p, state) = self.step(h.state, w);
                    let score = h.score + p;
                    let cand = Hyp {
                        state,
                        score,
                        back: k,
                        start: i as u32,
                        next: NONE,
                    };
                    let mut o = head[j];
                    while o != NONE && arena[o as usize].state != state {
                        o = arena[o as usize].next;
                    }
                    if o == NONE {
                        arena.push(Hyp {
                            next: head[j],
                            ..cand
                        });
                        head[j] = (arena.len() - 1) as u32;
                    } else if score > arena[o as usize].score {
                        let next = arena[o as usize].next;
                        arena[o as usize] = Hyp { next, ..cand };
                    }
                }
                k = h.next;
            }
        }
        // The best hypothesis at the end; lists run from the newest, so `>=` keeps the oldest of
        // equal scores.
        let mut best = head[n];
        let mut k = head[n];
        while k != NONE {
            if arena[k as usize].score >= arena[best as usize].score {
                best = k;
            }
            k = arena[k as usize].next;
        }
        let best = arena[best as usize];
        let score = best.score;
        let mut ranges = Vec::new();
        let (mut h, mut end) = (best, n);
        while h.back != NONE {
            ranges.push(bounds[h.start as usize]..bounds[end]);
            end = h.start as usize;
            h = arena[h.back as usize];
        }
        ranges.reverse();
        (score, ranges)
    }
}
