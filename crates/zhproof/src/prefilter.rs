//! A prefilter in front of the automaton: it finds the stretches of a text where a pattern can
//! start, so the automaton scans only those.
//!
//! Each pattern is keyed by its first three characters (its only one or two when shorter). The
//! keys are hashed into a membership bitset, and a small table keeps, per hash, the longest
//! length in bytes of the patterns keyed there. Scanning a text, the prefilter hashes the one,
//! two and three characters at each character start: no hit proves that no pattern starts
//! there; a hit means one may start there and end at most that many bytes later. Those spans
//! are merged into regions. Three characters rather than two because government prose is full
//! of the two-character starts of long terms (`社会`, `改革`, `国家` …). A first, smaller bitset
//! of the hashed first two characters rejects most positions before the key is looked up.
//!
//! When the regions would cost more than half a whole scan (a dense dictionary), the rest of the
//! text is handed back to the automaton (see [`Prefilter::regions`]); automata of fewer than
//! [`Prefilter::MIN_PATTERNS`] patterns get no prefilter (they stay in cache and scan faster).
//!
//! Why the automaton's matches stay the same: every match starts at a hit and ends within the
//! span recorded there, so it lies inside one region; a leftmost-longest scan restarted at a
//! region's start (no match is pending there: earlier matches ended inside earlier regions)
//! finds exactly the matches of a scan over the whole text.
//!
//! The tables are small enough to stay in cache, and hashing a few characters costs a few
//! instructions, where the automaton's per-character transitions walk a much larger table.

/// Patterns longer than this (in bytes) disable the prefilter (lengths are kept as `u8`).
const MAX_LEN: usize = u8::MAX as usize;

/// Byte length of the UTF-8 sequence starting with `b` (1 for continuation bytes, which are
/// never at a character start of a `str`).
#[inline(always)]
fn utf8_len(b: u8) -> usize {
    match b {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The `len` (at most 8) bytes of `bytes` from `at` (fewer at the end), little-endian.
#[inline(always)]
fn word(bytes: &[u8], at: usize, len: usize) -> u64 {
    if let Some(chunk) = bytes.get(at..at + 8) {
        let k = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if len >= 8 {
            k
        } else {
            k & ((1u64 << (8 * len)) - 1)
        }
    } else {
        let mut buf = [0u8; 8];
        let end = (at + len).min(bytes.len());
        if at < end {
            buf[..end - at].copy_from_slice(&bytes[at..end]);
        }
        u64::from_le_bytes(buf)
    }
}

/// The 64-bit hash of a key of `len` (at most 12) bytes: `lo` holds its first 8 (zero above
/// `len`), `hi` the rest.
#[inline(always)]
fn mix(lo: u64, hi: u64, len: usize) -> u64 {
    (lo ^ hi.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The hash of the `len` (at most 12) bytes of `bytes` from `at`.
#[inline(always)]
fn hash(bytes: &[u8], at: usize, len: usize) -> u64 {
    let lo = word(bytes, at, len.min(8));
    let hi = if len > 8 {
        word(bytes, at + 8, len - 8)
    } else {
        0
    };
    mix(lo, hi, len)
}

/// `w` keeping its low `len` bytes (`len` at least 1).
#[inline(always)]
fn low_bytes(w: u64, len: usize) -> u64 {
    w & (u64::MAX >> (64 - 8 * len.min(8)))
}

/// Byte length of the key of `p` at `at`: its first three characters, or fewer at the end.
#[inline(always)]
fn key_lens(bytes: &[u8], at: usize) -> [usize; 3] {
    let n = bytes.len();
    let l1 = utf8_len(bytes[at]);
    let l2 = if at + l1 < n {
        l1 + utf8_len(bytes[at + l1])
    } else {
        l1
    };
    let l3 = if at + l2 < n {
        l2 + utf8_len(bytes[at + l2])
    } else {
        l2
    };
    [l1, l2, l3]
}

/// A bitset of hashes, indexed by their top `log2` bits.
#[derive(Clone)]
struct Bitset {
    words: Box<[u64]>,
    log2: u8,
}

impl Bitset {
    fn new(log2: u8) -> Bitset {
        Bitset {
            words: vec![0u64; (1usize << log2) / 64].into_boxed_slice(),
            log2,
        }
    }

    #[inline(always)]
    fn index(&self, h: u64) -> usize {
        (h >> (64 - u32::from(self.log2))) as usize
    }

    fn insert(&mut self, h: u64) {
        let b = self.index(h);
        self.words[b / 64] |= 1 << (b % 64);
    }

    #[inline(always)]
    fn contains(&self, h: u64) -> bool {
        let b = self.index(h);
        self.words[b / 64] & (1 << (b % 64)) != 0
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.log2);
        for w in self.words.iter() {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    fn read(bytes: &[u8]) -> Option<(Bitset, &[u8])> {
        let (&log2, rest) = bytes.split_first()?;
        if !(6..=24).contains(&log2) {
            return None;
        }
        let (words, rest) = rest.split_at_checked((1usize << log2) / 8)?;
        let words = words
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        Some((Bitset { words, log2 }, rest))
    }
}

/// `log2` of a table of about `per_item` slots per item, within `min..=max`.
fn table_log2(items: usize, per_item: usize, min: u32, max: u32) -> u8 {
    (items.max(1) * per_item)
        .next_power_of_two()
        .trailing_zeros()
        .clamp(min, max) as u8
}

/// The region being merged, and the cost of the regions passed on so far.
struct Regions {
    start: usize,
    end: usize,
    /// Bytes covered by the regions, plus [`REGION_COST`] per region.
    cost: usize,
}

/// What starting the automaton on one more region costs, in bytes scanned.
const REGION_COST: usize = 32;

/// Text scanned before the prefilter may give up on a text whose regions cover too much of it.
const DENSE_AFTER: usize = 16 * 1024;

impl Regions {
    /// A pattern of at most `m` bytes may start at `i` (`m` 0: none does). True when, after
    /// [`DENSE_AFTER`] bytes, the regions so far cost more than scanning half the text before
    /// `i`: the filter itself costs about half a scan, so scanning the rest whole is then faster
    /// (a dense dictionary: 29k terms over the bench corpus cover 24% of it in 419k regions,
    /// where the default dictionaries cover 9% of government prose in 16k). `i` then starts no
    /// region yet.
    #[inline(always)]
    fn add(&mut self, i: usize, m: u8, flush: &mut impl FnMut(usize, usize)) -> bool {
        if m != 0 {
            if i >= self.end {
                if self.end > self.start {
                    flush(self.start, self.end);
                    self.cost += self.end - self.start + REGION_COST;
                    if i >= DENSE_AFTER && self.cost * 2 > i {
                        return true;
                    }
                }
                self.start = i;
            }
            self.end = self.end.max(i + usize::from(m));
        }
        false
    }
}

/// The keys of the patterns, hashed, with the longest pattern length per hash.
#[derive(Clone)]
pub(crate) struct Prefilter {
    /// First stage: the first two characters of every pattern of two or more characters.
    starts: Bitset,
    /// Second stage: the keys (first one, two or three characters).
    keys: Bitset,
    /// Longest pattern length per top `lens_log2` bits of a key's hash (read on a hit).
    lens: Box<[u8]>,
    lens_log2: u8,
    /// Which key lengths (1, 2, 3 characters) occur among the patterns.
    shapes: [bool; 3],
}

impl Prefilter {
    /// Below this many patterns the automaton is small enough to stay in cache and scans faster
    /// alone (the 66 enumeration patterns: about 1000 MB/s alone, 320 MB/s behind a
    /// prefilter, on government prose).
    const MIN_PATTERNS: usize = 1024;

    /// The prefilter of `patterns`; `None` when it would not pay (few patterns) or a pattern is
    /// too long for the table.
    pub(crate) fn new<P: AsRef<str>>(patterns: &[P]) -> Option<Prefilter> {
        let count = patterns.len();
        if count < Prefilter::MIN_PATTERNS {
            return None;
        }
        // Few bits set, so most text positions are rejected by the first, small bitset (it
        // stays in the first-level cache), and a few by the second.
        let lens_log2 = table_log2(count, 4, 8, 16);
        let mut f = Prefilter {
            starts: Bitset::new(table_log2(count, 32, 10, 17)),
            keys: Bitset::new(table_log2(count, 256, 12, 21)),
            lens: vec![0u8; 1usize << lens_log2].into_boxed_slice(),
            lens_log2,
            shapes: [false; 3],
        };
        for p in patterns {
            let p = p.as_ref().as_bytes();
            if p.is_empty() {
                continue;
            }
            if p.len() > MAX_LEN {
                return None;
            }
            let lens = key_lens(p, 0);
            let shape = if lens[0] == p.len() {
                0
            } else if lens[1] == p.len() {
                1
            } else {
                2
            };
            f.shapes[shape] = true;
            if shape > 0 {
                f.starts.insert(hash(p, 0, lens[1]));
            }
            let h = hash(p, 0, lens[shape]);
            f.keys.insert(h);
            let l = (h >> (64 - u32::from(f.lens_log2))) as usize;
            f.lens[l] = f.lens[l].max(p.len() as u8);
        }
        Some(f)
    }

    /// The longest pattern that may be keyed by hash `h` (0: none is).
    #[inline(always)]
    fn probe(&self, h: u64) -> u8 {
        if self.keys.contains(h) {
            self.lens[(h >> (64 - u32::from(self.lens_log2))) as usize]
        } else {
            0
        }
    }

    /// Heap held by the tables, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        (self.starts.words.len() + self.keys.words.len()) * 8 + self.lens.len()
    }

    /// The tables as bytes, for [`Prefilter::from_bytes`]; the first byte is never 0.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![1, self.lens_log2];
        out.extend(self.shapes.map(u8::from));
        self.starts.write(&mut out);
        self.keys.write(&mut out);
        out.extend_from_slice(&self.lens);
        out
    }

    /// Reads a prefilter written by [`Prefilter::to_bytes`]; returns it and the bytes after it.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<(Prefilter, &[u8])> {
        let (head, rest) = bytes.split_at_checked(5)?;
        let lens_log2 = head[1];
        if head[0] != 1 || !(8..=16).contains(&lens_log2) {
            return None;
        }
        let (starts, rest) = Bitset::read(rest)?;
        let (keys, rest) = Bitset::read(rest)?;
        let (lens, rest) = rest.split_at_checked(1usize << lens_log2)?;
        let shape = |b: u8| b != 0;
        Some((
            Prefilter {
                starts,
                keys,
                lens: lens.into(),
                lens_log2,
                shapes: [shape(head[2]), shape(head[3]), shape(head[4])],
            },
            rest,
        ))
    }

    /// Calls `f(start, end)` for disjoint regions of `text`, left to right, on character
    /// boundaries, such that every occurrence of a pattern lies inside one region.
    ///
    /// Returns `Some(i)` when it stopped early because the regions covered so much of the text
    /// that a whole scan is faster (dense dictionaries): every occurrence starting before `i`
    /// lies in a region passed to `f`, and the caller scans `text[i..]` itself (`i` is a
    /// character boundary where no earlier occurrence is pending).
    #[inline]
    pub(crate) fn regions(&self, text: &str, mut f: impl FnMut(usize, usize)) -> Option<usize> {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let [one, two, three] = self.shapes;
        // A span may end inside a character when another pattern's length is recorded under
        // the same hash: regions end on the next boundary (never past the text).
        let mut flush = |start: usize, end: usize| {
            let mut end = end.min(n);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            f(start, end);
        };
        let mut regions = Regions {
            start: 0,
            end: 0,
            cost: 0,
        };
        let mut i = 0;
        // Fast path: the key (at most 12 bytes) lies within 16 loaded bytes, and the length of
        // the character at `i` is carried over from the previous step.
        let mut l1 = bytes.first().map_or(1, |&b| utf8_len(b));
        while i + 16 <= n {
            let lo = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
            // Chinese text is mostly three-byte characters: a predictable branch, so the next
            // position does not wait for this byte to be loaded.
            let b2 = bytes[i + l1];
            let c2 = if b2 & 0xF0 == 0xE0 { 3 } else { utf8_len(b2) };
            let l2 = l1 + c2;
            let h2 = mix(low_bytes(lo, l2), 0, l2);
            let mut m = 0;
            if one {
                m = self.probe(mix(low_bytes(lo, l1), 0, l1));
            }
            if self.starts.contains(h2) {
                if two {
                    m = m.max(self.probe(h2));
                }
                if three {
                    let l3 = l2 + utf8_len(bytes[i + l2]);
                    let h3 = if l3 > 8 {
                        let hi = u64::from_le_bytes(bytes[i + 8..i + 16].try_into().expect("8"));
                        mix(lo, low_bytes(hi, l3 - 8), l3)
                    } else {
                        mix(low_bytes(lo, l3), 0, l3)
                    };
                    m = m.max(self.probe(h3));
                }
            }
            if regions.add(i, m, &mut flush) {
                return Some(i);
            }
            i += l1;
            l1 = c2;
        }
        while i < n {
            let [l1, l2, l3] = key_lens(bytes, i);
            let mut m = 0;
            if one {
                m = self.probe(hash(bytes, i, l1));
            }
            if l2 > l1 && self.starts.contains(hash(bytes, i, l2)) {
                if two {
                    m = m.max(self.probe(hash(bytes, i, l2)));
                }
                if three && l3 > l2 {
                    m = m.max(self.probe(hash(bytes, i, l3)));
                }
            }
            // The last few bytes: never worth giving up.
            let _ = regions.add(i, m, &mut flush);
            i += l1;
        }
        if regions.end > regions.start {
            flush(regions.start, regions.end);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Prefilter;

    fn regions(f: &Prefilter, text: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        assert_eq!(f.regions(text, |a, b| v.push((a, b))), None);
        v
    }

    /// Enough filler patterns for a prefilter; none occurs in the texts below.
    fn with_filler(patterns: &[&str]) -> Prefilter {
        let mut all: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        all.extend((0..Prefilter::MIN_PATTERNS).map(|i| format!("z{i:05}")));
        Prefilter::new(&all).expect("short patterns")
    }

    #[test]
    fn regions_cover_every_occurrence_and_little_else() {
        let f = with_filler(&["布署", "国家卫生计生委", "百"]);
        let text = "会议对工作进行了全面布署，国家卫生计生委发布通知，百";
        let found = regions(&f, text);
        for p in ["布署", "国家卫生计生委", "百"] {
            let at = text.find(p).unwrap();
            assert!(
                found.iter().any(|&(a, b)| a <= at && at + p.len() <= b),
                "{p} in {found:?}"
            );
        }
        let covered: usize = found.iter().map(|(a, b)| b - a).sum();
        assert!(covered < text.len() / 2, "{found:?}");
        assert!(found.windows(2).all(|w| w[0].1 <= w[1].0));
        assert!(found
            .iter()
            .all(|&(a, b)| text.is_char_boundary(a) && text.is_char_boundary(b)));
    }

    #[test]
    fn a_text_without_pattern_starts_has_no_region_and_few_patterns_get_no_prefilter() {
        let f = with_filler(&["布署"]);
        assert!(regions(&f, "会议对下一阶段工作进行了全面部署。").is_empty());
        assert!(regions(&f, "").is_empty());
        assert!(Prefilter::new(&["布署"]).is_none());
        let long = "长".repeat(100);
        let mut many = vec![long.as_str(); Prefilter::MIN_PATTERNS];
        many.push("布署");
        assert!(Prefilter::new(&many).is_none());
    }

    #[test]
    fn a_dense_text_is_given_back_to_the_caller_at_a_region_start() {
        let f = with_filler(&["布署"]);
        let text = "布署了".repeat(10_000);
        let mut seen = Vec::new();
        let rest = f.regions(&text, |a, b| seen.push((a, b))).expect("dense");
        assert!(rest >= super::DENSE_AFTER && rest < text.len());
        assert_eq!(&text[rest..rest + 6], "布署");
        assert!(seen.last().unwrap().1 <= rest);
    }

    #[test]
    fn bytes_round_trip_and_garbage_is_rejected() {
        let f = with_filler(&["布署", "百"]);
        let mut bytes = f.to_bytes();
        bytes.extend_from_slice(b"rest");
        let (g, rest) = Prefilter::from_bytes(&bytes).unwrap();
        assert_eq!(rest, b"rest");
        let text = "全面布署百";
        assert_eq!(regions(&f, text), regions(&g, text));
        assert!(Prefilter::from_bytes(&bytes[..100]).is_none());
        assert!(Prefilter::from_bytes(&[2, 9, 0, 1, 1]).is_none());
    }
}
