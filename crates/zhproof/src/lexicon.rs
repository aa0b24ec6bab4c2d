//! Dictionaries compiled into automata. This is the only module that names the matching engine:
//! every family matches through [`Automaton`], so the engine can change in one place.

use std::collections::HashSet;
use std::sync::OnceLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::dictionary::{AllowEntry, Entry};
use crate::embedded;
use crate::error::Result;
use crate::finding::Kind;
use crate::prefilter::Prefilter;

/// A leftmost-longest, non-overlapping multi-pattern matcher over strings.
///
/// Pattern ids are the indices of the patterns given to [`Automaton::new`]. When a pattern
/// occurs more than once, matches report its first index.
///
/// The engine is daachorse's charwise double-array Aho-Corasick automaton: on Chinese text it
/// scans about 2.5× faster than the `aho-corasick` crate's default and builds 3× faster, and it
/// can be serialized, so the embedded dictionaries ship pre-built (see `BENCHMARKS.md`).
///
/// A `Prefilter` on the first two characters of the patterns finds the stretches of text where
/// a pattern can start, and only those are scanned by the automaton (same matches, see
/// `prefilter.rs`).
pub struct Automaton {
    engine: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    prefilter: Option<Prefilter>,
    len: usize,
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("patterns", &self.len)
            .finish()
    }
}

impl Automaton {
    /// Builds the automaton. Empty patterns are skipped (they never match).
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Automaton {
        let mut seen: HashSet<&str> = HashSet::with_capacity(patterns.len());
        let patvals: Vec<(&str, u32)> = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_ref(), i as u32))
            .filter(|(p, _)| !p.is_empty() && seen.insert(p))
            .collect();
        let prefilter = Prefilter::new(patterns);
        let engine = if patvals.is_empty() {
            None
        } else {
            Some(
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build_with_values(patvals)
                    .expect("fewer than 2^32 unique non-empty patterns always build"),
            )
        };
        Automaton {
            engine,
            prefilter,
            len: patterns.len(),
        }
    }

    /// Loads an automaton serialized by [`Automaton::serialize`] over `len` patterns. `None` when
    /// the bytes are not a valid automaton.
    pub fn deserialize(bytes: &[u8], len: usize) -> Option<Automaton> {
        let Some((&tag, rest)) = bytes.split_first() else {
            return Some(Automaton {
                engine: None,
                prefilter: None,
                len,
            });
        };
        let (prefilter, bytes) = match tag {
            0 => (None, rest),
            _ => {
                let (p, rest) = Prefilter::from_bytes(bytes)?;
                (Some(p), rest)
            }
        };
        let (engine, rest) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(bytes).ok()?;
        if !rest.is_empty() {
            return None;
        }
        Some(Automaton {
            engine: Some(engine),
            prefilter,
            len,
        })
    }

    /// The automaton as bytes, for [`Automaton::deserialize`] (empty for no patterns): the
    /// prefilter's table (or a 0 byte), then the automaton.
    pub fn serialize(&self) -> Vec<u8> {
        let Some(engine) = &self.engine else {
            return Vec::new();
        };
        let mut out = self.prefilter.as_ref().map_or(vec![0], Prefilter::to_bytes);
        out.extend(engine.serialize());
        out
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `f(start, end, pattern_id)` for each leftmost-longest, non-overlapping match, left
    /// to right. Offsets are UTF-8 byte offsets on char boundaries.
    #[inline]
    pub fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let Some(ac) = &self.engine else { return };
        match &self.prefilter {
            None => {
                for m in ac.leftmost_find_iter(text) {
                    f(m.start(), m.end(), m.value() as usize);
                }
            }
            Some(prefilter) => {
                let rest = prefilter.regions(text, |a, b| {
                    for m in ac.leftmost_find_iter(&text[a..b]) {
                        f(a + m.start(), a + m.end(), m.value() as usize);
                    }
                });
                // The prefilter gave up on a dense text: the rest is scanned whole.
                if let Some(a) = rest {
                    for m in ac.leftmost_find_iter(&text[a..]) {
                        f(a + m.start(), a + m.end(), m.value() as usize);
                    }
                }
            }
        }
    }

    /// [`Automaton::for_each`] without the prefilter: one automaton pass over the whole text.
    #[cfg(test)]
    fn for_each_unfiltered(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let Some(ac) = &self.engine else { return };
        for m in ac.leftmost_find_iter(text) {
            f(m.start(), m.end(), m.value() as usize);
        }
    }

    /// Approximate heap held by the automaton, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.engine.as_ref().map_or(0, |a| a.heap_bytes())
            + self.prefilter.as_ref().map_or(0, Prefilter::heap_bytes)
    }
}

/// Several pattern lists matched in one pass: for each list, the matches [`Automaton::for_each`]
/// over that list alone reports (leftmost-longest, non-overlapping; ids are indices into the
/// list, the first one for a duplicate).
///
/// One automaton over the union of the lists finds every occurrence of every pattern (overlapping
/// matches); each list's leftmost-longest matches are then picked from its own occurrences: sorted
/// by start and, at one start, longest first, a match is taken when it starts at or after the end
/// of the last one taken. That is the definition of leftmost-longest non-overlapping matching, so
/// the result is the same as a pass per list, at the cost of one.
pub struct AutomatonSet {
    engine: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// For distinct pattern `v` (the automaton's value), its (list, id) pairs are
    /// `members[member_from[v] as usize..member_from[v + 1] as usize]`.
    member_from: Vec<u32>,
    members: Vec<(u32, u32)>,
    lists: usize,
}

impl std::fmt::Debug for AutomatonSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutomatonSet")
            .field("lists", &self.lists)
            .field("patterns", &(self.member_from.len().saturating_sub(1)))
            .finish()
    }
}

/// One match: start and end byte offsets and the pattern's id in its list.
pub type Match = (usize, usize, usize);

impl AutomatonSet {
    /// Builds the automaton over `lists` (empty patterns never match).
    pub fn new<P: AsRef<str>>(lists: &[&[P]]) -> AutomatonSet {
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut per: Vec<Vec<(u32, u32)>> = Vec::new();
        for (l, list) in lists.iter().enumerate() {
            for (id, p) in list.iter().enumerate() {
                let p = p.as_ref();
                if p.is_empty() {
                    continue;
                }
                let v = *index.entry(p).or_insert_with(|| {
                    patterns.push(p);
                    per.push(Vec::new());
                    patterns.len() - 1
                });
                // The first id of a duplicate within one list.
                if !per[v].iter().any(|&(x, _)| x as usize == l) {
                    per[v].push((l as u32, id as u32));
                }
            }
        }
        let mut member_from = Vec::with_capacity(per.len() + 1);
        let mut members = Vec::new();
        for m in &per {
            member_from.push(members.len() as u32);
            members.extend_from_slice(m);
        }
        member_from.push(members.len() as u32);
        let engine = (!patterns.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build_with_values(patterns.iter().enumerate().map(|(v, p)| (*p, v as u32)))
                .expect("fewer than 2^32 unique non-empty patterns always build")
        });
        AutomatonSet {
            engine,
            member_from,
            members,
            lists: lists.len(),
        }
    }

    /// Every occurrence of every pattern of each list in `text` (one vector per list, in list
    /// order), sorted by start and, at one start, longest first.
    pub fn occurrences(&self, text: &str) -> Vec<Vec<Match>> {
        let mut all: Vec<Vec<Match>> = vec![Vec::new(); self.lists];
        let Some(ac) = &self.engine else {
            return all;
        };
        for m in ac.find_overlapping_iter(text) {
            let v = m.value() as usize;
            let (from, to) = (
                self.member_from[v] as usize,
                self.member_from[v + 1] as usize,
            );
            for &(l, id) in &self.members[from..to] {
                all[l as usize].push((m.start(), m.end(), id as usize));
            }
        }
        for list in &mut all {
            sort_nearly_sorted(list);
        }
        all
    }

    /// The matches of each list in `text`, left to right (one vector per list, in list order).
    #[cfg(test)]
    pub fn scan(&self, text: &str) -> Vec<Vec<Match>> {
        self.occurrences(text)
            .iter()
            .map(|o| leftmost_longest(o, 0).collect())
            .collect()
    }
}

/// Sorts `list` by start and, at one start, longest first. The overlapping scan reports the
/// occurrences by end, so each is out of place by at most the few that end within one pattern's
/// length after it: an insertion sort moves each that far, where a general sort costs log n per
/// item.
fn sort_nearly_sorted(list: &mut [Match]) {
    let key = |m: &Match| (m.0, std::cmp::Reverse(m.1));
    for i in 1..list.len() {
        let m = list[i];
        let mut j = i;
        while j > 0 && key(&list[j - 1]) > key(&m) {
            list[j] = list[j - 1];
            j -= 1;
        }
        list[j] = m;
    }
}

/// The leftmost-longest, non-overlapping matches among `occurrences` (sorted as
/// [`AutomatonSet::occurrences`] gives them) that start at or after `from`, left to right: the
/// matches a scan of the text from `from` on reports.
pub fn leftmost_longest(occurrences: &[Match], from: usize) -> impl Iterator<Item = Match> + '_ {
    let first = occurrences.partition_point(|m| m.0 < from);
    let mut cursor = from;
    occurrences[first..].iter().copied().filter(move |m| {
        let take = m.0 >= cursor;
        if take {
            cursor = m.1;
        }
        take
    })
}

/// What a pattern of the [`Lexicon`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Index into [`Lexicon::entries`].
    Entry(u32),
    /// An allow-listed term: its span suppresses findings it covers.
    Allow,
}

/// The patterns of a [`Lexicon`]: every entry's term, then every allow-listed term (pattern ids
/// are indices into this list).
pub(crate) fn patterns<'a>(entries: &'a [Entry], allow: &'a [AllowEntry]) -> Vec<&'a str> {
    let mut patterns: Vec<&str> = Vec::with_capacity(entries.len() + allow.len());
    patterns.extend(entries.iter().map(|e| e.term.as_str()));
    patterns.extend(allow.iter().map(|a| a.term.as_str()));
    patterns
}

/// FNV-1a over the patterns (each followed by a NUL) and their count: ties a pre-built
/// automaton to the exact pattern list it was built from.
fn fingerprint(patterns: &[&str]) -> [u8; 8] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for p in patterns {
        p.bytes().for_each(&mut eat);
        eat(0);
    }
    (patterns.len() as u64)
        .to_le_bytes()
        .into_iter()
        .for_each(eat);
    h.to_le_bytes()
}

/// A pre-built automaton over `patterns` for [`Lexicon::embedded`] (written by `build.rs`): the
/// patterns' fingerprint, then the serialized automaton.
#[allow(dead_code)] // used by build.rs, which includes this file
pub(crate) fn prebuilt(patterns: &[&str]) -> Vec<u8> {
    let mut out = fingerprint(patterns).to_vec();
    out.extend(Automaton::new(patterns).serialize());
    out
}

/// Where the entries of a [`Lexicon`] come from.
enum Entries {
    /// Parsed up front (user dictionaries).
    Eager(Vec<Entry>),
    /// The embedded dictionaries: each matched entry is parsed on its own from its row, and the
    /// whole list only when asked for, so start-up parses nothing.
    Embedded {
        /// Every entry, parsed and merged on first use of [`Lexicon::entries`].
        all: OnceLock<Vec<Entry>>,
        /// Entries parsed one by one, by index.
        rows: Box<[OnceLock<Box<Entry>>]>,
        /// Parses and merges every embedded dictionary.
        load_all: fn() -> Vec<Entry>,
    },
}

/// All dictionary entries and allow-list terms, and one automaton over them.
pub(crate) struct Lexicon {
    entries: Entries,
    /// Patterns `0..entry_count` are entries, the rest allow-listed terms.
    entry_count: usize,
    automaton: Automaton,
    /// The longest pattern's length in bytes.
    max_len: usize,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.entry_count)
            .field("automaton", &self.automaton)
            .finish()
    }
}

impl Lexicon {
    /// Builds the automaton. `entries` must already be merged (no duplicate terms).
    pub(crate) fn build(entries: Vec<Entry>, allow: &[AllowEntry]) -> Result<Lexicon> {
        let patterns = patterns(&entries, allow);
        let automaton = Automaton::new(&patterns);
        let max_len = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        Ok(Lexicon {
            max_len,
            entry_count: entries.len(),
            entries: Entries::Eager(entries),
            automaton,
        })
    }

    /// The lexicon of the embedded dictionaries, from the automaton `build.rs` pre-built and
    /// row index it wrote: nothing is parsed until a match needs its entry. `None` when the
    /// pre-built data is missing (a dictionary did not parse at build time).
    pub(crate) fn embedded(load_all: fn() -> Vec<Entry>) -> Option<Lexicon> {
        let rows = embedded::DEFAULT_TERMS_ROWS;
        let entry_count = rows.len() / ROW_BYTES;
        let total = entry_count + embedded::DEFAULT_ALLOW_COUNT;
        let bytes = embedded::DEFAULT_TERMS_AUTOMATON.get(8..)?;
        let automaton = Automaton::deserialize(bytes, total)?;
        Some(Lexicon {
            entries: Entries::Embedded {
                all: OnceLock::new(),
                rows: (0..entry_count).map(|_| OnceLock::new()).collect(),
                load_all,
            },
            entry_count,
            automaton,
            max_len: embedded::DEFAULT_TERMS_MAX_LEN,
        })
    }

    /// The length in bytes of the longest pattern (for the embedded dictionaries, measured by
    /// `build.rs`).
    pub(crate) fn max_pattern_len(&self) -> usize {
        self.max_len
    }

    /// Every entry, in the order they were loaded (parses the embedded dictionaries on first
    /// use).
    pub(crate) fn entries(&self) -> &[Entry] {
        match &self.entries {
            Entries::Eager(v) => v,
            Entries::Embedded { all, load_all, .. } => all.get_or_init(load_all),
        }
    }

    /// The number of entries (without parsing them).
    pub(crate) fn entry_count(&self) -> usize {
        self.entry_count
    }

    /// The entries of one kind, parsing only their rows (the embedded dictionaries record each
    /// entry's kind at build time), so e.g. the few `sensitive` entries cost no full parse.
    pub(crate) fn entries_of_kind(&self, kind: Kind) -> Vec<&Entry> {
        match &self.entries {
            Entries::Embedded { all, .. } if all.get().is_none() => {
                let code = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8;
                let kinds = embedded::DEFAULT_TERMS_KINDS;
                if kinds.len() == self.entry_count {
                    return (0..self.entry_count)
                        .filter(|&i| kinds[i] == code)
                        .map(|i| self.entry(i))
                        .collect();
                }
                self.entries().iter().filter(|e| e.kind == kind).collect()
            }
            _ => self.entries().iter().filter(|e| e.kind == kind).collect(),
        }
    }

    /// The kinds of the entries, when they can be told without parsing them (the embedded
    /// dictionaries, not parsed yet: their kinds are recorded at build time).
    pub(crate) fn lazy_kinds(&self) -> Option<Vec<Kind>> {
        let kinds = embedded::DEFAULT_TERMS_KINDS;
        match &self.entries {
            Entries::Embedded { all, .. }
                if all.get().is_none() && kinds.len() == self.entry_count =>
            {
                let mut present = [false; Kind::ALL.len()];
                for &k in kinds {
                    if let Some(p) = present.get_mut(usize::from(k)) {
                        *p = true;
                    }
                }
                Some(
                    Kind::ALL
                        .iter()
                        .zip(present)
                        .filter(|(_, here)| *here)
                        .map(|(k, _)| *k)
                        .collect(),
                )
            }
            _ => None,
        }
    }

    /// Entry `i` (parsing only its row when the entries were not all parsed yet).
    pub(crate) fn entry(&self, i: usize) -> &Entry {
        match &self.entries {
            Entries::Eager(v) => &v[i],
            Entries::Embedded {
                all,
                rows,
                load_all,
            } => {
                if let Some(v) = all.get() {
                    return &v[i];
                }
                match rows[i].get() {
                    Some(e) => e,
                    None => match embedded_row(i) {
                        Some(e) => rows[i].get_or_init(|| Box::new(e)),
                        None => &all.get_or_init(load_all)[i],
                    },
                }
            }
        }
    }

    /// Calls `f(start, end, target)` for each leftmost-longest, non-overlapping match.
    #[inline]
    pub(crate) fn for_each_match(&self, text: &str, mut f: impl FnMut(usize, usize, Target)) {
        let n = self.entry_count;
        self.automaton.for_each(text, |s, e, id| {
            f(
                s,
                e,
                if id < n {
                    Target::Entry(id as u32)
                } else {
                    Target::Allow
                },
            )
        });
    }

    /// Approximate heap held by the automaton, in bytes.
    pub(crate) fn automaton_heap_bytes(&self) -> usize {
        self.automaton.heap_bytes()
    }
}

/// Bytes per entry in the row index written by `build.rs`: file index, 1-based line and byte
/// offset of the line in the (BOM-less) file, each a little-endian `u32`.
pub(crate) const ROW_BYTES: usize = 12;

/// The row index record of one entry, as written by `build.rs`.
#[allow(dead_code)] // used by build.rs, which includes this file
pub(crate) fn row_record(file: usize, line: usize, offset: usize) -> [u8; ROW_BYTES] {
    let mut r = [0; ROW_BYTES];
    r[0..4].copy_from_slice(&(file as u32).to_le_bytes());
    r[4..8].copy_from_slice(&(line as u32).to_le_bytes());
    r[8..12].copy_from_slice(&(offset as u32).to_le_bytes());
    r
}

/// The lines of a dictionary file that every row's parse needs: its `#!` defaults and its header.
#[allow(dead_code)] // used by build.rs, which includes this file
pub(crate) fn preamble(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::new();
    let mut header = false;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with("#!") {
            out.push_str(line);
            out.push('\n');
        } else if !header && !line.starts_with('#') && !line.trim().is_empty() {
            out.push_str(line);
            out.push('\n');
            header = true;
        }
    }
    out
}

/// Parses embedded entry `i` alone, from its row and its file's preamble.
fn embedded_row(i: usize) -> Option<Entry> {
    let r = embedded::DEFAULT_TERMS_ROWS.get(i * ROW_BYTES..(i + 1) * ROW_BYTES)?;
    let num = |k: usize| u32::from_le_bytes([r[k], r[k + 1], r[k + 2], r[k + 3]]) as usize;
    let (file, line, offset) = (num(0), num(4), num(8));
    let (name, text) = embedded::TERM_FILES.get(file)?;
    let pre = embedded::DEFAULT_TERMS_PREAMBLES.get(file)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let row = text.get(offset..)?.lines().next()?;
    let mut one = crate::dictionary::parse_terms(name, &format!("{pre}{row}\n")).ok()?;
    let mut e = one.pop().filter(|_| one.is_empty())?;
    e.origin.line = line;
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::{Automaton, AutomatonSet};

    fn matches(a: &Automaton, text: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        a.for_each(text, |s, e, id| v.push((s, e, id)));
        v
    }

    #[test]
    fn leftmost_longest_non_overlapping_byte_offsets() {
        let a = Automaton::new(&["世界", "全世界", "界中", "に", "ab"]);
        // 全世界 (0..9) wins over 世界; 界中 overlaps it and is skipped; then に; ASCII too.
        assert_eq!(
            matches(&a, "全世界中にxab"),
            [(0, 9, 1), (12, 15, 3), (16, 18, 4)]
        );
        assert_eq!(a.len(), 5);
    }

    #[test]
    fn duplicates_report_first_index_and_empty_patterns_never_match() {
        let a = Automaton::new(&["", "布署", "布署", "全面布署"]);
        assert_eq!(matches(&a, "布署，全面布署"), [(0, 6, 1), (9, 21, 3)]);
        assert_eq!(a.len(), 4);
        let none = Automaton::new::<&str>(&[]);
        assert!(none.is_empty());
        assert!(matches(&none, "布署").is_empty());
        assert_eq!(none.heap_bytes(), 0);
    }

    /// Patterns over a small alphabet of CJK, ASCII and 4-byte characters, plenty enough for a
    /// prefilter (so that texts drawn from the same alphabet hit it often).
    fn many_patterns() -> Vec<String> {
        let alphabet: Vec<char> = "社会主义改革国家a1、𠀀".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |k: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % k as u64) as usize
        };
        (0..1500)
            .map(|_| {
                let len = 1 + next(6) + next(2) * next(8);
                (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
            })
            .collect()
    }

    #[test]
    fn many_patterns_get_a_prefilter_that_survives_serialization() {
        let a = Automaton::new(&many_patterns());
        assert!(a.prefilter.is_some());
        let b = Automaton::deserialize(&a.serialize(), a.len()).unwrap();
        assert!(b.prefilter.is_some());
        let text = "国家社会主义改革a1、𠀀社会";
        assert_eq!(matches(&a, text), matches(&b, text));
        assert!(!matches(&a, text).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn prefiltered_scan_finds_what_a_full_scan_finds(
            text in "[社会主义改革国家a1、𠀀。b]{0,80}"
        ) {
            static AUTOMATON: std::sync::LazyLock<Automaton> =
                std::sync::LazyLock::new(|| Automaton::new(&many_patterns()));
            let mut full = Vec::new();
            AUTOMATON.for_each_unfiltered(&text, |s, e, id| full.push((s, e, id)));
            proptest::prop_assert_eq!(matches(&AUTOMATON, &text), full);
        }
    }

    #[test]
    fn a_dense_text_handed_back_by_the_prefilter_gets_the_same_matches() {
        let patterns = many_patterns();
        let a = Automaton::new(&patterns);
        // The patterns themselves, shuffled into a text far longer than the prefilter's sample.
        let mut text = String::new();
        let mut k = 7usize;
        while text.len() < 60_000 {
            k = (k * 31 + 17) % patterns.len();
            text.push_str(&patterns[k]);
            if k % 3 == 0 {
                text.push('。');
            }
        }
        let mut full = Vec::new();
        a.for_each_unfiltered(&text, |s, e, id| full.push((s, e, id)));
        assert_eq!(matches(&a, &text), full);
        let mut handed_back = None;
        if let Some(p) = &a.prefilter {
            handed_back = p.regions(&text, |_, _| {});
        }
        assert!(handed_back.is_some());
    }

    proptest::proptest! {
        #[test]
        fn a_set_finds_what_a_pass_per_list_finds(
            text in "[社会主义改革国家a1、𠀀。b]{0,80}",
            cut in 0usize..1500,
        ) {
            static LISTS: std::sync::LazyLock<(Vec<String>, Vec<String>, Vec<String>)> =
                std::sync::LazyLock::new(|| {
                    let p = many_patterns();
                    // Overlapping lists with duplicates inside one list and across lists.
                    let a: Vec<String> = p[..700].to_vec();
                    let mut b: Vec<String> = p[500..1500].to_vec();
                    b.extend(p[600..650].iter().cloned());
                    let c: Vec<String> = p.iter().step_by(7).cloned().collect();
                    (a, b, c)
                });
            let (a, b, c) = &*LISTS;
            let short: Vec<String> = a[..cut.min(a.len())].to_vec();
            let lists: [&[String]; 4] = [a, b, c, &short];
            let set = AutomatonSet::new(&lists);
            let got = set.scan(&text);
            for (list, found) in lists.iter().zip(&got) {
                proptest::prop_assert_eq!(found, &matches(&Automaton::new(list), &text));
            }
        }
    }

    #[test]
    fn a_set_of_lists_keeps_each_lists_ids_and_longest_matches() {
        let set = AutomatonSet::new(&[&["世界", "全世界", "界中"][..], &["界中", "中", "世"]]);
        assert_eq!(
            set.scan("全世界中"),
            [vec![(0, 9, 1)], vec![(3, 6, 2), (6, 12, 0)]]
        );
        let empty = AutomatonSet::new::<&str>(&[&[], &[""]]);
        assert_eq!(empty.scan("世界"), [vec![], vec![]]);
    }

    #[test]
    fn serialization_round_trips_and_rejects_garbage() {
        let a = Automaton::new(&["布署", "百家乐"]);
        let b = Automaton::deserialize(&a.serialize(), a.len()).unwrap();
        assert_eq!(matches(&b, "全面布署百家乐"), [(6, 12, 0), (12, 21, 1)]);
        assert!(Automaton::deserialize(&[1, 2, 3], 1).is_none());
        let empty = Automaton::new::<&str>(&[]);
        assert!(Automaton::deserialize(&empty.serialize(), 0)
            .unwrap()
            .is_empty());
    }
}
