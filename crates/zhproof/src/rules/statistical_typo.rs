//! `statistical-typo`: a character that reads like a typo in its context (错别字 no dictionary
//! lists).
//!
//! ## What it flags
//! One character whose neighbours rarely follow or precede it, when a character of the same or
//! near pinyin or of similar shape fits the context much better and forms a common word, e.g.
//! `大力培育发展大数局产业` (局 → 据).
//!
//! ## Why
//! Dictionaries catch the misspellings someone listed; editors make others. Inspections count
//! every 错别字.
//!
//! ## Method
//! Character 1–3-gram counts from about 9 M characters of laws and 1978–2005 government work
//! reports (evaluation text and its near-duplicates removed), jieba's dictionary and person and
//! place names are embedded in the `zhproof-model` crate as a hash table read in place, with two
//! 512 KB Bloom filters in front of it: the character pairs seen in training, and those seen
//! more than twice ([`zhproof_model::RARE_PAIR`]).
//!
//! 1. **Which positions**: most characters of ordinary prose form pairs seen in training more
//!    than twice on both sides and cost one Bloom probe each (answers cached per text, since a
//!    text repeats its pairs). A character forming an unseen or
//!    rare pair (a slip can form a pair the training text has once: 信系化 for 信息化) is scored
//!    only when that pair is not a junction between two dictionary words (one ends at its first
//!    character, another starts at its second): new word pairs are common, a slip seldom leaves
//!    a word on both sides.
//! 2. **Candidates**: characters of the same or near pinyin or of similar shape (pycorrector's
//!    shape groups and characters whose glyphs a CJK font draws alike, [`crate::confusion`])
//!    that form a more frequent pair where the original forms an unseen or rare one; the eight with
//!    the most pair evidence get a stupid-backoff trigram score of the window around the
//!    position, and must raise it by more than [`MIN_GAIN`] (log2).
//! 3. **Decision**, in two stages fitted by `scripts/tune_typo.py` on tune data only: a logistic
//!    regression over the gain, word segmentation gain, dictionary words with the original and
//!    the best candidate, person and proper names, surname likelihood, pair and character
//!    counts; where its confidence reaches [`LM_FLOOR`] (a few scored positions in a hundred),
//!    gradient-boosted trees over the same features and the gain of a **general-domain word
//!    trigram language model** (libime's, in the `zhproof-lm` crate): the best segmentation of
//!    the [`LM_CONTEXT`] characters on each side with the original against the same with each
//!    candidate, which also orders the candidates. The confidence is the lower of the two: the
//!    word model confirms or vetoes the character model, it does not add warnings of its own
//!    (alone it found 0.42 of the odw report half instead of 0.30, but warned on 2020s coinages
//!    that neither model knows, 数智 and 智造, seven times as often on clean government prose).
//!    The confidence (0–1, in the message) decides the severity: `warning` at or above
//!    [`WARNING_CONFIDENCE`], `info` below it down to [`INFO_CONFIDENCE`], nothing below that.
//! 4. **Repetition**: a warning whose unseen or rare pair (the position and a neighbour) occurs again
//!    elsewhere in the document is reported as `info`: a name or term a document keeps using is
//!    seldom a slip.
//! 5. **Listed words and slogans**: a warning is reported as `info` too when the character as
//!    written forms a dictionary word of three or four characters (an idiom or variant form the
//!    training text lacks: 坚忍不拔 beside 坚韧不拔), or when its run of Chinese characters is a
//!    short quotation of at most [`MAX_QUOTED`] characters in “…” or ‘…’ (campaign names and
//!    slogans pun on homophones on purpose: “卓粤”计划, “陕耀全球”).
//!
//! Measured by `scripts/eval_typo.py` (figures in BENCHMARKS.md).

//! ## What to write instead
//! The suggested character, after reading the sentence: suggestions are never applied by `fix`
//! (`DisplayOnly`), since a statistical guess is not right often enough to apply unseen.

use std::cell::RefCell;
use std::sync::LazyLock;

use zhproof_lm::WordLm;
use zhproof_model::{pair_prefix, Namespace, Table, BOUNDARY};

use super::{rule_meta, Context, Family, RuleMeta};
use crate::confusion::{ConfusionSet, Similarity};
use crate::finding::{Applicability, Finding, Severity};

mod caches;
mod trees;
mod window;

use caches::{pair_key, PairCache, Probed, SideCache};
use window::{best_word, Around, Words};

/// Confidence at and above which a finding is a `warning` (shown by default).
pub const WARNING_CONFIDENCE: f64 = 0.9;
/// Confidence at and above which a finding is reported at all (as `info` below
/// [`WARNING_CONFIDENCE`]).
pub const INFO_CONFIDENCE: f64 = 0.5;

/// A run of Chinese characters in “…” or ‘…’ of at most this many characters is a slogan or
/// campaign name, where homophone puns are deliberate: its warnings are reported as `info`.
pub const MAX_QUOTED: usize = 8;

/// At most this many candidates per position get the full window score.
const MAX_SCORED: usize = 8;

/// A candidate must raise the window's log2 score by more than this to be considered (on the
/// tune data, 2 of 762 positions reaching `info` had a smaller gain).
pub const MIN_GAIN: f64 = 2.0;

/// Where the original forms a pair seen in training but at most [`zhproof_model::RARE_PAIR`]
/// times, a candidate must form a pair whose quantized count exceeds it by more than this
/// (40 = a 32 times higher count): on the tune data, no rare-pair position with a smaller margin
/// reached warning, and requiring it halves the rare-pair positions to score.
const RARE_MARGIN: u8 = 40;

static MODEL: LazyLock<Table> = LazyLock::new(Table::embedded);

static WORD_LM: LazyLock<WordLm> = LazyLock::new(WordLm::embedded);

static PROBED: LazyLock<Probed> =
    LazyLock::new(|| Probed::new(&MODEL, ConfusionSet::embedded(), UNSEEN_PAIRING));

/// The candidates that the training text never has (unigram count 0) but that the model's
/// bigram lookups ([`Table::bigram_after`]) still answer with a count for some neighbour (a
/// CJK character or [`BOUNDARY`]): a key whose Bloom filter bits another key set and whose
/// fingerprint another key in its probe run has. Every other candidate the training text
/// never has forms no pair at all, and [`Probed`] drops it (a test checks this for every
/// such candidate and every neighbour).
const UNSEEN_PAIRING: &str = "呰啦嬬悄憿擢敤楅爹犱獾藩诛趴錘錧闺鞈鞠驼鹄鼎";

/// Positions whose first-stage confidence (the character model alone) reaches this are also
/// scored by the word language model. The confidence is the lower of the two stages, so a position
/// below [`INFO_CONFIDENCE`] is never reported whatever the word model says: on 5 MB of
/// government prose, 2% of the scored positions reach it.
pub const LM_FLOOR: f64 = INFO_CONFIDENCE;

/// Characters on each side of a position that the word language model scores with it.
pub const LM_CONTEXT: usize = 4;

/// Longest word (in characters) the word language model's segmentation tries.
const LM_MAX_WORD: usize = 6;

/// One scored position: the best candidate replacement for a character and what the decision
/// was based on.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Byte range of the character in the text.
    pub byte_start: usize,
    /// End of the character's byte range.
    pub byte_end: usize,
    /// The character as written.
    pub original: char,
    /// Candidates, best first (at most four): in the word language model's order where it
    /// scored the position ([`Scored::lm_gain`]), else in the character model's.
    pub candidates: Vec<char>,
    /// How the character model's best candidate relates to the original.
    pub similarity: Similarity,
    /// Log2 gain of the trigram score of the window when the best candidate replaces the original.
    pub gain: f64,
    /// Best quantized jieba frequency of a word (2–4 characters) containing the position, with
    /// the candidate in place.
    pub word_new: u8,
    /// The same with the original character.
    pub word_old: u8,
    /// Best quantized frequency of a person name (jieba `nr`) containing the original.
    pub name_old: u8,
    /// Best quantized frequency of another proper name (jieba `ns`/`nt`/`nz`) containing it.
    pub proper_old: u8,
    /// Surname likelihood of the character one or two before the original (quantized number
    /// of jieba's person names starting with it, 0 when it is not a common surname).
    pub surname: u8,
    /// Log2 gain of the best word segmentation (jieba's word frequencies) of the seven
    /// characters around the position when the best candidate replaces the original.
    pub seg_gain: f64,
    /// Quantized counts of the bigrams the original forms with its left and right neighbours
    /// (a run edge counts as a neighbour).
    pub bigrams_old: [u8; 2],
    /// The same for the best candidate.
    pub bigrams_new: [u8; 2],
    /// Log2 trigram score of the window with the original character (see [`Scored::gain`]).
    pub window_old: f64,
    /// Quantized unigram count of the original character.
    pub uni_old: u8,
    /// Quantized unigram count of the best candidate.
    pub uni_new: u8,
    /// The confidence of the character model alone, 0–1 (the first stage of the decision).
    pub base_confidence: f64,
    /// Log10 gain of the word language model's score of the characters around the position
    /// (up to [`LM_CONTEXT`] on each side within the run of Chinese characters, best
    /// segmentation into the model's words) when the best of the candidates (the first of
    /// [`Scored::candidates`]) replaces the original; `None` where [`Scored::base_confidence`]
    /// is below [`LM_FLOOR`] (not computed).
    pub lm_gain: Option<f32>,
    /// The second stage's confidence (the character model's features and [`Scored::lm_gain`]),
    /// 0–1; `None` where it was not computed.
    pub lm_confidence: Option<f64>,
    /// The resulting confidence, 0–1: the lower of the two stages where both were computed.
    pub confidence: f64,
    /// Whether an unseen or rare pair the character forms with a neighbour (or, when its unseen pairs
    /// touch a run edge, the character with its neighbours) occurs again elsewhere in the
    /// text. Set only for positions at [`WARNING_CONFIDENCE`] or above: a name or term a
    /// document keeps using is seldom a typo, so such a position is reported as `info` only.
    pub repeated: bool,
    /// Whether the character as written forms a dictionary word of three or four characters
    /// with its neighbours (an idiom or variant form such as 坚忍不拔): reported as `info` only.
    pub listed_word: bool,
    /// Whether the character's run of Chinese characters is a short quotation (at most
    /// [`MAX_QUOTED`] characters directly inside “…” or ‘…’), a slogan or campaign name that
    /// may pun on purpose: reported as `info` only.
    pub quoted: bool,
}

impl Scored {
    /// Whether the position is reported as `info` whatever its confidence: its window repeats
    /// in the text ([`Scored::repeated`]), the original forms a listed word
    /// ([`Scored::listed_word`]) or it is in a short quotation ([`Scored::quoted`]).
    pub fn demoted(&self) -> bool {
        self.repeated || self.listed_word || self.quoted
    }
}

/// Scores every position of `text` the detector looks at, returning the best candidate of each
/// position where one scores better than the original (whatever its confidence).
///
/// ```
/// let scored = zhproof::rules::statistical_typo::score("内蒙古自治区乌兰察布市大力培育发展大数局产业。");
/// let best = scored.iter().max_by(|a, b| a.confidence.total_cmp(&b.confidence)).unwrap();
/// assert_eq!((best.original, best.candidates[0]), ('局', '据'));
/// ```
pub fn score(text: &str) -> Vec<Scored> {
    score_with(text, false, false)
}

/// The positions of [`score`] that can be reported (confidence at or above
/// [`INFO_CONFIDENCE`]), and perhaps a few below it: what the rule reads. Positions whose
/// first-stage confidence cannot reach [`INFO_CONFIDENCE`] whatever their name features are
/// (most of them) are dropped before the name lookups ([`NAME_HEADROOM`]).
pub(crate) fn score_reportable(text: &str) -> Vec<Scored> {
    score_with(text, false, true)
}

/// [`score`], with [`mark_repeated_by_scan`] instead of [`mark_repeated`] when `by_scan` (to test
/// that the two agree).
///
/// With `reportable`, [`score_reportable`].
fn score_with(text: &str, by_scan: bool, reportable: bool) -> Vec<Scored> {
    thread_local! {
        // kept from one text to the next: its answers never go stale, and a text of a few
        // characters must not pay for allocating and clearing it
        static CACHES: RefCell<(PairCache, SideCache)> =
            RefCell::new((PairCache::new(), SideCache::new()));
    }
    CACHES.with_borrow_mut(|(frequent, sides)| score_in(text, by_scan, reportable, frequent, sides))
}

/// [`score_with`] with the thread's caches.
fn score_in(
    text: &str,
    by_scan: bool,
    reportable: bool,
    frequent: &mut PairCache,
    sides: &mut SideCache,
) -> Vec<Scored> {
    let mut out = Vec::new();
    let model = &*MODEL;
    let mut windows: Vec<Windows> = Vec::new();
    let mut scratch = Scratch {
        log2_total: log2_total(model),
        ..Scratch::default()
    };
    // every not frequent pair of two CJK characters in the text, as `pair_key`s: what
    // `mark_repeated` counts
    let mut weak_pairs: Vec<u32> = Vec::new();
    let bytes = text.as_bytes();
    let mut p = 0;
    while p < bytes.len() {
        let b0 = bytes[p];
        if !(0xE3..=0xE9).contains(&b0) {
            // not the lead byte of a CJK character: skip the character
            p += match b0 {
                0..=0xBF => 1, // ASCII (or, never here, a continuation byte)
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        if !is_cjk(decode3(bytes, p)) {
            p += 3;
            continue;
        }
        // One pass over the run: whether all its adjacent pairs (run edges included) were seen
        // in training more than `RARE_PAIR` times, from the model's Bloom filter (in cache;
        // about 1% of other pairs pass for frequent, and their positions go unscored). Most
        // runs of ordinary prose form only such pairs and cost a cached probe per character;
        // a pair seen once or twice is judged like an unseen one: a slip can form a pair the
        // training text happens to have (旅游时常 for 旅游市场: 游时 once).
        let start = p;
        let mut prev = BOUNDARY;
        let mut all_seen = true;
        let mut rest = &bytes[p..];
        while let [b0 @ 0xE3..=0xE9, b1, b2, tail @ ..] = rest {
            let c = ((*b0 as u32 & 0x0F) << 12) | ((*b1 as u32 & 0x3F) << 6) | (*b2 as u32 & 0x3F);
            if !is_cjk(c) {
                break;
            }
            if !frequent.maybe_frequent(model, prev, c) {
                all_seen = false;
                if prev != BOUNDARY {
                    weak_pairs.push(pair_key(prev, c));
                }
            }
            prev = c;
            rest = tail;
        }
        p = bytes.len() - rest.len();
        all_seen &= frequent.maybe_frequent(model, prev, BOUNDARY);
        // a single character between non-CJK text has no context to judge it by
        if all_seen || p - start < 6 {
            continue;
        }
        let Scratch {
            run, offsets, seen, ..
        } = &mut scratch;
        run.clear();
        offsets.clear();
        seen.clear();
        run.push(BOUNDARY);
        offsets.push(0);
        for q in (start..p).step_by(3) {
            let c = decode3(bytes, q);
            seen.push(frequent.maybe_frequent(model, run[run.len() - 1], c));
            run.push(c);
            offsets.push(q);
        }
        seen.push(frequent.maybe_frequent(model, run[run.len() - 1], BOUNDARY));
        run.push(BOUNDARY);
        offsets.push(p);
        score_run(
            model,
            text,
            &mut out,
            &mut windows,
            &mut scratch,
            sides,
            reportable,
        );
    }
    if by_scan {
        let strong: Vec<usize> = (0..out.len())
            .filter(|&k| out[k].confidence >= WARNING_CONFIDENCE)
            .collect();
        mark_repeated_by_scan(text, &mut out, &windows, &strong);
    } else {
        mark_repeated(text, &mut out, &windows, &weak_pairs);
    }
    out
}

/// The candidates (`cands`, the [`Probed`] row of `chars[1]`) that form a more frequent bigram
/// with a neighbour (`chars[0]` on the left, `chars[2]` on the right) where the original forms
/// an unseen or rare one (`weak`; its bigrams' values are `bigrams`), with the sum of their
/// bigram values with both neighbours (0 where [`Table::bigram_after`]'s filter rules the
/// bigram out), in `cands`' order, into `shortlist`.
///
/// A candidate's values on a weak side are a Bloom probe each (and a table lookup for the few
/// that pass), the same for every position with that neighbour and character: `sides` keeps
/// the nonzero ones per pair, so a pair the text repeats is probed once. The other side is
/// looked up only for the candidates better on a weak side.
fn candidate_filter(
    model: &Table,
    cands: &[(char, Similarity)],
    chars: [u32; 3],
    weak: [bool; 2],
    bigrams: [u8; 2],
    sides: &mut SideCache,
    shortlist: &mut Vec<(u16, char, Similarity)>,
) {
    let [left, orig, right] = chars;
    let left_prefix = pair_prefix(left);
    let pair_left = |cp: u32| model.bigram_after(left_prefix, cp);
    let pair_right = |cp: u32| model.bigram_after(pair_prefix(cp), right);
    let better = |q: u8, old: u8| old == 0 && q > 0 || q > old.saturating_add(RARE_MARGIN);
    // the nonzero values of a side, as (index in `cands`, value), in `cands`' order
    let side = |sides: &mut SideCache, key: u32, pair: &dyn Fn(u32) -> u8| {
        sides.get_or_fill(key, |v| {
            for (k, &(c, _)) in cands.iter().enumerate() {
                let q = pair(c as u32);
                if q > 0 {
                    v.push((k as u8, q));
                }
            }
        })
    };
    shortlist.clear();
    sides.make_room(cands.len());
    let l = weak[0].then(|| side(sides, pair_key(left, orig), &pair_left));
    let r = weak[1].then(|| side(sides, pair_key(orig, right) | SideCache::RIGHT, &pair_right));
    let vals = &sides.vals;
    let mut push = |k: u8, l: u8, r: u8| {
        let (c, sim) = cands[k as usize];
        shortlist.push((l as u16 + r as u16, c, sim));
    };
    match (l, r) {
        (Some(l), None) => {
            for &(k, q) in &vals[l] {
                if better(q, bigrams[0]) {
                    push(k, q, pair_right(cands[k as usize].0 as u32));
                }
            }
        }
        (None, Some(r)) => {
            for &(k, q) in &vals[r] {
                if better(q, bigrams[1]) {
                    push(k, pair_left(cands[k as usize].0 as u32), q);
                }
            }
        }
        (Some(l), Some(r)) => {
            // both sides weak: a merge of the two lists by index
            let (mut ls, mut rs) = (vals[l].iter().peekable(), vals[r].iter().peekable());
            loop {
                let (k, lq, rq) = match (ls.peek(), rs.peek()) {
                    (None, None) => break,
                    (Some(&&(a, lq)), Some(&&(b, rq))) if a == b => {
                        ls.next();
                        rs.next();
                        (a, lq, rq)
                    }
                    (Some(&&(a, lq)), Some(&&(b, _))) if a < b => {
                        ls.next();
                        (a, lq, 0)
                    }
                    (Some(&&(a, lq)), None) => {
                        ls.next();
                        (a, lq, 0)
                    }
                    (_, Some(&&(b, rq))) => {
                        rs.next();
                        (b, 0, rq)
                    }
                };
                if better(lq, bigrams[0]) || better(rq, bigrams[1]) {
                    push(k, lq, rq);
                }
            }
        }
        (None, None) => {}
    }
}

/// Byte ranges of up to two stretches of text around a scored position (empty ranges unused):
/// the unseen pairs it forms, or the position with its neighbours when both its unseen pairs
/// touch a run edge.
type Windows = [(usize, usize); 2];

/// Sets [`Scored::repeated`] on the positions at [`WARNING_CONFIDENCE`] or above one of whose
/// windows (`windows`, parallel to `out`) occurs more than once in `text`.
///
/// A window is two CJK characters of a run. When they form a pair that is not frequent (as
/// every window holding a weak pair does), each of its occurrences is one in `weak_pairs` (the
/// [`pair_key`]s of all such pairs of the text, each occurrence once), so counting there is
/// exact; otherwise (a window at a run edge whose pair is frequent) one pass of an automaton
/// over the text counts the windows.
fn mark_repeated(text: &str, out: &mut [Scored], windows: &[Windows], weak_pairs: &[u32]) {
    let strong: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].confidence >= WARNING_CONFIDENCE)
        .collect();
    if strong.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    let key_of = |(a, b): (usize, usize)| {
        (b == a + 6).then(|| pair_key(decode3(bytes, a), decode3(bytes, a + 3)))
    };
    let mut keys: Vec<u32> = Vec::new();
    for &k in &strong {
        for &(a, b) in &windows[k] {
            if a < b {
                match key_of((a, b)) {
                    Some(key) => keys.push(key),
                    None => return mark_repeated_by_scan(text, out, windows, &strong),
                }
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut seen = vec![0u8; keys.len()];
    for key in weak_pairs {
        if let Ok(p) = keys.binary_search(key) {
            seen[p] = seen[p].saturating_add(1);
        }
    }
    if seen.contains(&0) {
        // a window whose pair is frequent: its occurrences are not in `weak_pairs`
        return mark_repeated_by_scan(text, out, windows, &strong);
    }
    for k in strong {
        out[k].repeated = windows[k]
            .iter()
            .filter(|&&(a, b)| a < b)
            .filter_map(|&w| key_of(w))
            .filter_map(|key| keys.binary_search(&key).ok())
            .any(|p| seen[p] > 1);
    }
}

/// [`mark_repeated`] for any windows: one pass of an automaton over `text`.
fn mark_repeated_by_scan(text: &str, out: &mut [Scored], windows: &[Windows], strong: &[usize]) {
    let mut patterns: Vec<&str> = strong
        .iter()
        .flat_map(|&k| windows[k])
        .filter(|&(a, b)| a < b)
        .map(|(a, b)| &text[a..b])
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let Ok(ac) = daachorse::DoubleArrayAhoCorasick::<u32>::new(&patterns) else {
        return; // too many patterns for the automaton: leave every position as it is
    };
    let mut seen = vec![0u8; patterns.len()];
    for m in ac.find_overlapping_iter(text) {
        let n = &mut seen[m.value() as usize];
        *n = n.saturating_add(1);
    }
    for &k in strong {
        out[k].repeated = windows[k]
            .iter()
            .filter(|&&(a, b)| a < b)
            .filter_map(|&(a, b)| patterns.binary_search(&&text[a..b]).ok())
            .any(|p| seen[p] > 1);
    }
}

fn is_cjk(c: u32) -> bool {
    matches!(c, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// The code point of the three-byte UTF-8 sequence at byte `p` of `b` (a `str`'s bytes).
#[inline(always)]
fn decode3(b: &[u8], p: usize) -> u32 {
    let s = &b[p..p + 3];
    ((s[0] as u32 & 0x0F) << 12) | ((s[1] as u32 & 0x3F) << 6) | (s[2] as u32 & 0x3F)
}

/// Buffers [`score`] and [`score_run`] reuse from one run to the next.
#[derive(Default)]
struct Scratch {
    /// The run's code points, with [`BOUNDARY`] at both ends.
    run: Vec<u32>,
    /// Byte offset of each character of `run` (0 for the first boundary, the end of the run for
    /// the last).
    offsets: Vec<usize>,
    /// Whether each adjacent pair of `run` may be frequent ([`Table::maybe_frequent_bigram`]).
    seen: Vec<bool>,
    junction: Vec<Option<bool>>,
    shortlist: Vec<(u16, char, Similarity)>,
    best: Vec<(f64, char, Similarity)>,
    /// [`log2_total`] of the model.
    log2_total: f64,
}

/// log2 of the number of characters the model's n-grams were counted over (at least 1).
fn log2_total(model: &Table) -> f64 {
    (model.total().max(1) as f64).log2()
}

/// Scores the positions of the run in `scratch` (filled by [`score`]: at least two characters,
/// at least one pair not frequent).
fn score_run(
    model: &Table,
    text: &str,
    out: &mut Vec<Scored>,
    windows: &mut Vec<Windows>,
    scratch: &mut Scratch,
    sides: &mut SideCache,
    reportable: bool,
) {
    let Scratch {
        run,
        offsets,
        seen,
        junction,
        shortlist,
        best,
        log2_total,
    } = scratch;
    let (run, offsets, seen) = (&run[..], &offsets[..], &seen[..]);
    let confusion = &*PROBED;
    let n = run.len();
    debug_assert!(n >= 4 && seen.len() == n - 1);
    // the run directly inside “…” or ‘…’ and short: a slogan or name, see `MAX_QUOTED`
    let quoted = n - 2 <= MAX_QUOTED
        && matches!(
            (
                text[..offsets[1]].chars().next_back(),
                text[offsets[n - 1]..].chars().next()
            ),
            (Some('“'), Some('”')) | (Some('‘'), Some('’'))
        );
    // An unseen (or rare) bigram at a junction between two dictionary words (one of 2–4
    // characters ends at its first character and another starts at its second) is most likely a
    // word pair the training text lacks, not a typo: a wrong character seldom leaves a word on
    // both sides. Computed only for such bigrams, on demand.
    junction.clear();
    junction.resize(seen.len(), None);
    for i in 1..n - 1 {
        if seen[i - 1] && seen[i] {
            continue;
        }
        let suspicious = [i - 1, i]
            .into_iter()
            .filter(|&j| !seen[j])
            .any(|j| !*junction[j].get_or_insert_with(|| is_junction(model, run, j)));
        if !suspicious {
            continue;
        }
        let Some(orig) = char::from_u32(run[i]) else {
            continue;
        };
        let cands = confusion.candidates(run[i]);
        if cands.is_empty() {
            continue;
        }
        let (left, right) = (run[i - 1], run[i + 1]);
        let bigrams = [
            model.get(Namespace::Ngram, &[left, run[i]]),
            model.get(Namespace::Ngram, &[run[i], right]),
        ];
        let weak = [!seen[i - 1], !seen[i]];
        // cheap filter: a candidate must form a more frequent bigram where the original forms
        // an unseen or rare one; only the MAX_SCORED with the most bigram evidence get the full
        // window score
        candidate_filter(
            model,
            cands,
            [left, run[i], right],
            weak,
            bigrams,
            sides,
            shortlist,
        );
        if shortlist.is_empty() {
            continue;
        }
        shortlist.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        shortlist.truncate(MAX_SCORED);
        let mut around = Around::new(*log2_total);
        let base = around.window_score(model, run, i, run[i]);
        best.clear();
        for &(_, c, sim) in shortlist.iter() {
            let s = around.window_score(model, run, i, c as u32);
            if s > base + MIN_GAIN {
                best.push((s - base, c, sim));
            }
        }
        if best.is_empty() {
            continue;
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (gain, cand, sim) = best[0];
        let words_old = Words::new(model, run, i, run[i], None);
        let words_new = Words::new(model, run, i, cand as u32, Some(&words_old));
        let surname = (1..=2)
            .filter(|&k| i > k)
            .map(|k| model.get(Namespace::PersonName, &[run[i - k]]))
            .max()
            .unwrap_or(0);
        let mut s = Scored {
            byte_start: offsets[i],
            byte_end: offsets[i] + orig.len_utf8(),
            original: orig,
            candidates: Vec::new(),
            similarity: sim,
            gain,
            word_new: words_new.best_word(),
            word_old: words_old.best_word(),
            name_old: 0,
            proper_old: 0,
            surname,
            seg_gain: words_new.segment_score(model) - words_old.segment_score(model),
            bigrams_old: bigrams,
            bigrams_new: [
                model.get(Namespace::Ngram, &[left, cand as u32]),
                model.get(Namespace::Ngram, &[cand as u32, right]),
            ],
            window_old: base,
            uni_old: model.get(Namespace::Ngram, &[run[i]]),
            uni_new: model.get(Namespace::Ngram, &[cand as u32]),
            base_confidence: 0.0,
            lm_gain: None,
            lm_confidence: None,
            confidence: 0.0,
            repeated: false,
            listed_word: words_old.in_long_word(),
            quoted,
        };
        debug_assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
        if reportable && logit(&s) + NAME_HEADROOM < -1e-6 {
            // below INFO_CONFIDENCE whatever the names: not reported, so not looked up
            continue;
        }
        s.candidates = std::iter::once(cand)
            .chain(best.iter().skip(1).map(|b| b.1).take(3))
            .collect();
        s.name_old = best_word(model, Namespace::PersonName, run, i);
        s.proper_old = best_word(model, Namespace::ProperName, run, i);
        s.base_confidence = confidence(&s);
        s.confidence = s.base_confidence;
        if s.base_confidence >= LM_FLOOR {
            // the word model also orders the candidates (the suggestion is its best)
            let gains = lm_gains(text, offsets, i, &s.candidates);
            let mut order: Vec<(f32, char)> = gains
                .into_iter()
                .zip(s.candidates.iter().copied())
                .collect();
            order.sort_by(|a, b| b.0.total_cmp(&a.0));
            s.candidates = order.iter().map(|&(_, c)| c).collect();
            s.lm_gain = Some(order[0].0);
            // both stages must agree: the second alone warned on 2020s coinages neither model
            // knows (数智, 智造, 精文简会) — see `confidence_lm`
            let second = confidence_lm(&s, order[0].0);
            s.lm_confidence = Some(second);
            s.confidence = s.base_confidence.min(second);
        }
        out.push(s);
        // the unseen or rare pairs the position forms with characters of its run (a run edge is not a
        // character), else the position with its neighbours
        let end_of =
            |j: usize| offsets[j] + text[offsets[j]..].chars().next().map_or(0, char::len_utf8);
        let mut win: Windows = [(0, 0); 2];
        if weak[0] && i > 1 {
            win[0] = (offsets[i - 1], end_of(i));
        }
        if weak[1] && i + 2 < n {
            win[1] = (offsets[i], end_of(i + 1));
        }
        if win.iter().all(|&(a, b)| a == b) {
            let start = offsets[if i > 1 { i - 1 } else { i }];
            win[0] = (start, end_of(if i + 2 < n { i + 1 } else { i }));
        }
        windows.push(win);
    }
}

/// Whether the unseen bigram `run[j], run[j + 1]` lies between two dictionary words of 2–4
/// characters (neither reaching past the run).
fn is_junction(model: &Table, run: &[u32], j: usize) -> bool {
    let n = run.len();
    let ends = (2..=4usize)
        .filter(|&len| j + 1 > len)
        .any(|len| model.get(Namespace::Word, &run[j + 1 - len..=j]) > 0);
    ends && (2..=4usize)
        .filter(|&len| j + 1 + len < n)
        .any(|len| model.get(Namespace::Word, &run[j + 1..j + 1 + len]) > 0)
}

/// The features of a scored position the character model gives, in the order of [`WEIGHTS`]
/// (and of `feats` in `scripts/tune_typo.py`).
fn features(s: &Scored) -> [f64; 23] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let g = s.gain.min(40.0) / 10.0;
    let sg = s.seg_gain.clamp(-40.0, 40.0) / 10.0;
    let q = |x: u8| x as f64 / 100.0;
    [
        1.0,
        g,
        sg.max(0.0),
        sg.min(0.0),
        q(s.word_new),
        q(s.word_old),
        b(s.word_new == 0),
        b(s.name_old > 0),
        b(s.proper_old > 0),
        q(s.surname),
        q(s.uni_old),
        q(s.uni_new),
        b(s.similarity == Similarity::NearPinyin),
        b(s.similarity == Similarity::SimilarShape),
        g * g,
        b(sg > 0.0 && g > 1.0),
        b(s.word_new > s.word_old),
        q(s.bigrams_old[0]),
        q(s.bigrams_old[1]),
        q(s.bigrams_new[0]),
        q(s.bigrams_new[1]),
        b(s.bigrams_old == [0, 0]),
        s.window_old.max(-80.0) / 10.0,
    ]
}

fn logistic(features: &[f64], weights: &[f64]) -> f64 {
    let z: f64 = features.iter().zip(weights).map(|(x, w)| x * w).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The log-odds of [`confidence`] (≥ 0 exactly where the confidence is ≥ 0.5, up to rounding).
fn logit(s: &Scored) -> f64 {
    features(s).iter().zip(&WEIGHTS).map(|(x, w)| x * w).sum()
}

/// The most the name features (`name_old > 0`, `proper_old > 0`, weights 7 and 8 of
/// [`WEIGHTS`]) can add to [`logit`]: a position whose logit with both at 0 stays below 0 by
/// more than this (and a rounding margin) has a first-stage confidence below
/// [`INFO_CONFIDENCE`], so it is never reported and [`score_reportable`] skips their lookups.
const NAME_HEADROOM: f64 = if WEIGHTS[7] > 0.0 { WEIGHTS[7] } else { 0.0 }
    + if WEIGHTS[8] > 0.0 { WEIGHTS[8] } else { 0.0 };

/// The first stage of the decision: a logistic regression over the character model's features,
/// fitted (by `scripts/tune_typo.py`) on the positions scored in the tune half of ECSpell odw,
/// SIGHAN-2013/14 test and pycorrector's eval corpus — sources and targets, so correct
/// sentences count as negatives — and the 2006–2012 work reports (all negatives).
fn confidence(s: &Scored) -> f64 {
    logistic(&features(s), &WEIGHTS)
}

/// The second stage, for positions whose first-stage confidence reaches [`LM_FLOOR`]:
/// gradient-boosted trees ([`trees`]) over the same features and the word language model's gain
/// (log10, see [`Scored::lm_gain`]), fitted by `scripts/tune_typo.py` on those positions of the
/// same tune data. Used as a veto (the confidence is the lower of both stages): on its own, at
/// 0.9 (trained then on the positions from 0.1 up; BENCHMARKS.md, session 8), it raised recall
/// on the odw report half from 0.303 to 0.419 and the warnings on the clean_gov evaluation
/// documents from 0.066 to 0.465 per 10k characters, most of them 2020s coinages (数智, 智造,
/// 精文简会, 以学增智) and company abbreviations (建投) that neither the laws nor the
/// general-domain model know.
fn confidence_lm(s: &Scored, lm_gain: f32) -> f64 {
    let lm = (lm_gain as f64).clamp(-20.0, 20.0) / 5.0;
    let mut x = [0.0; 25];
    x[..23].copy_from_slice(&features(s));
    x[23] = lm;
    x[24] = lm.max(0.0);
    1.0 / (1.0 + (-tree_score(&x)).exp())
}

/// The raw score (log-odds) of the trees for a feature vector.
fn tree_score(x: &[f64; 25]) -> f64 {
    let mut z = trees::BASE;
    for &root in &trees::ROOTS {
        let mut k = root as usize;
        loop {
            let (f, t, left, right, value) = trees::NODES[k];
            if left == 0 {
                z += value;
                break;
            }
            k = if x[f as usize] <= t { left } else { right } as usize;
        }
    }
    z
}

/// Log10 gains of the word language model's best-segmentation score of the characters around
/// run position `i` (up to [`LM_CONTEXT`] on each side, within the run) when each of
/// `candidates` replaces the original, in their order.
fn lm_gains(text: &str, offsets: &[usize], i: usize, candidates: &[char]) -> Vec<f32> {
    let n = offsets.len();
    let a = i.saturating_sub(LM_CONTEXT).max(1);
    let b = (i + LM_CONTEXT).min(n - 2);
    // the run is contiguous: the character at j ends where the one at j + 1 starts (the last
    // one where the run ends, `offsets[n - 1]`)
    let (start, mid, mid_end, end) = (offsets[a], offsets[i], offsets[i + 1], offsets[b + 1]);
    let lm = &*WORD_LM;
    let base = lm.segment(&text[start..end], LM_MAX_WORD).0;
    let mut window = String::with_capacity(end - start + 4);
    candidates
        .iter()
        .map(|&c| {
            window.clear();
            window.push_str(&text[start..mid]);
            window.push(c);
            window.push_str(&text[mid_end..end]);
            lm.segment(&window, LM_MAX_WORD).0 - base
        })
        .collect()
}

/// Weights of [`confidence`]'s features, in its order (printed by `scripts/tune_typo.py`).
const WEIGHTS: [f64; 23] = [
    -1.9257, 0.7806, 2.9844, 0.7087, -0.8483, -0.9693, -0.2086, 0.1246, -0.3225, 0.0785, 1.2260,
    -1.0362, -0.6997, -0.8866, 0.1746, 0.1631, 0.0704, -0.4457, -0.7771, 0.0490, -0.1213, 0.0085,
    0.3142,
];

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "statistical-typo",
    family: "statistical_typo",
    kind: Typo,
    severity: Warning,
    summary: "a character that reads like a typo in its context (n-gram model)",
    explanation: "Inspections count every 错别字, and editors make many that no dictionary \
        lists. This rule compares each character that forms an unseen or rare pair with its neighbours \
        against characters of similar sound or shape, using character n-grams of laws and \
        government work reports, and asks a general-domain word language model to confirm; the \
        confidence is in the message (warning from 0.9, info from 0.5). Read the sentence and \
        write the suggested character if it is right; fix never applies it. On by default \
        (--ignore statistical-typo turns it off, and makes a check of government prose several \
        times faster: BENCHMARKS.md). It finds about a third of one-character slips at warning; \
        info findings are hidden from the default text output (--show info prints them) and \
        present in JSON. Idioms and variant forms in the dictionary, short quoted slogans and \
        terms a document repeats are info only; on clean government prose it gives about 0.05 \
        warnings per 10k characters.",
    source: "character n-grams of PRC laws and 1978–2005 government work reports, jieba's \
        dictionary, pypinyin, pycorrector's shape groups and name lists, glyph shapes of \
        WenQuanYi Micro Hei (crates/zhproof-model/README.md); libime's word trigram language \
        model, LGPL-2.1-or-later (crates/zhproof-lm/README.md)",
    fires: ["对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责任。"],
    quiet: ["对违反规定的单位，由主管部门责令改正，并处以罚款；情节严重的，依法追究刑事责任。"],
}];

/// The family: reports [`score`]'s positions at or above [`INFO_CONFIDENCE`].
#[derive(Debug)]
pub(crate) struct StatisticalTypo {
    meta: &'static RuleMeta,
}

impl StatisticalTypo {
    pub(crate) fn new() -> Self {
        StatisticalTypo { meta: &RULES[0] }
    }
}

impl Family for StatisticalTypo {
    fn name(&self) -> &'static str {
        "statistical_typo"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // The checker runs the term family and the other structured families first (this one
        // is last in `FAMILIES`): a character another rule already reports (a listed
        // typo, a misspelt formulation or leader's name) is not reported twice.
        // Sorted by start, with the running maximum of their ends: a span overlaps one of them
        // when, among those starting before its end, the furthest end lies past its start.
        let mut listed: Vec<(usize, usize)> =
            out.iter().map(|f| (f.byte_start, f.byte_end)).collect();
        listed.sort_unstable();
        let mut furthest = 0;
        for span in &mut listed {
            furthest = furthest.max(span.1);
            span.1 = furthest;
        }
        let reported = |start: usize, end: usize| {
            let n = listed.partition_point(|&(a, _)| a < end);
            n > 0 && listed[n - 1].1 > start
        };
        for s in score_reportable(cx.text) {
            if s.confidence < INFO_CONFIDENCE || reported(s.byte_start, s.byte_end) {
                continue;
            }
            let best = s.candidates[0];
            let message = format!(
                "「{}」疑为「{}」之误（统计判断，置信度 {:.2}）",
                s.original, best, s.confidence
            );
            let mut f = self.meta.finding(
                cx.text,
                s.byte_start..s.byte_end,
                message,
                s.candidates.iter().map(|c| c.to_string()).collect(),
                Applicability::DisplayOnly,
            );
            if s.confidence < WARNING_CONFIDENCE || s.demoted() {
                f.severity = Severity::Info;
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::window::bigram_score;
    use super::*;
    use crate::{Checker, Date, Kind, Selector};
    use proptest::prelude::*;

    const RULE: &str = "statistical-typo";

    /// The embedded dictionaries and every family as of 2025-06-01;
    /// without `idiom-near-miss`, which flags idiom slips (因地制意) before the model sees them.
    fn checker() -> Checker {
        Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .select(Kind::ALL.map(Selector::Kind))
            .select([Selector::Rule(RULE.into())])
            .ignore([Selector::Rule("idiom-near-miss".into())])
            .build()
            .unwrap()
    }

    /// Findings of the rule in `text`.
    fn findings(text: &str, rule: &str) -> Vec<Finding> {
        let mut f = checker().check(text);
        f.retain(|f| f.rule == rule);
        f
    }

    #[track_caller]
    fn assert_quiet(text: &str, rule: &str) {
        let f = findings(text, rule);
        assert!(
            f.is_empty(),
            "expected no `{rule}` finding in {text:?}, got {f:#?}"
        );
    }

    #[test]
    fn on_by_default_with_the_typo_kind_and_off_when_ignored() {
        let text =
            "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责壬。";
        assert_eq!(findings(text, RULE).len(), 2);
        let date = Date::new(2025, 6, 1).unwrap();
        let by_default = Checker::builder().as_of(date).build().unwrap();
        let by_kind = Checker::builder()
            .as_of(date)
            .select([Selector::Kind(Kind::Typo)])
            .build()
            .unwrap();
        let by_id = Checker::builder()
            .as_of(date)
            .select([Selector::Rule(RULE.into())])
            .build()
            .unwrap();
        assert_eq!(by_id.families(), ["statistical_typo"]);
        for c in [&by_default, &by_kind, &by_id] {
            assert!(c.families().contains(&"statistical_typo"));
            assert!(c.rules().iter().any(|r| r.id == RULE));
            let f: Vec<_> = c
                .check(text)
                .into_iter()
                .filter(|f| f.rule == RULE)
                .collect();
            assert_eq!(f.len(), 2, "{f:#?}");
        }
        for ignore in [Selector::Kind(Kind::Typo), Selector::Rule(RULE.into())] {
            let ignored = Checker::builder()
                .as_of(date)
                .ignore([ignore])
                .build()
                .unwrap();
            assert!(!ignored.families().contains(&"statistical_typo"));
            assert!(!ignored.check(text).iter().any(|f| f.rule == RULE));
        }
    }

    /// Asserts one `warning` of the rule on `wrong` with `right` as the first suggestion.
    #[track_caller]
    fn assert_warns(text: &str, wrong: &str, right: &str) {
        let f: Vec<_> = findings(text, RULE)
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert_eq!(f.len(), 1, "expected one warning in {text:?}, got {f:#?}");
        assert_eq!(f[0].text, wrong);
        assert_eq!(f[0].suggestions[0], right);
        assert!(f[0].suggestions.len() <= 4);
        assert_eq!(f[0].applicability, Applicability::DisplayOnly);
    }

    /// Asserts no `warning` of the rule in `text` (`info` findings may remain).
    #[track_caller]
    fn assert_no_warning(text: &str) {
        let f: Vec<_> = findings(text, RULE)
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        assert!(f.is_empty(), "expected no warning in {text:?}, got {f:#?}");
    }

    #[test]
    fn the_trees_give_the_scores_scikit_learn_gave() {
        for (x, raw) in trees::CHECKS {
            assert!(
                (tree_score(&x) - raw).abs() < 1e-9,
                "{x:?}: {} vs {raw}",
                tree_score(&x)
            );
        }
    }

    #[test]
    fn the_word_model_vetoes_what_the_character_model_alone_would_warn() {
        // 供氧 (oxygen supply, part of heating projects in plateau towns) and 叙方 (the Syrian
        // side) are rare in laws but ordinary Chinese: the character model alone is confident,
        // the general-domain word model is not
        for (text, ch) in [
            ("各地要加快推进集中供暖供氧工程建设。", '氧'),
            ("中方愿同叙方加强各领域合作。", '叙'),
        ] {
            let s = score(text).into_iter().find(|s| s.original == ch).unwrap();
            assert!(s.base_confidence >= WARNING_CONFIDENCE, "{s:#?}");
            assert!(
                s.lm_gain.is_some() && s.confidence < WARNING_CONFIDENCE,
                "{s:#?}"
            );
            assert_no_warning(text);
        }
        // a slip both models see stays a warning, with the word model's gain (log10) recorded
        let s = confident("两国要深化睦领友好合作关系。", '领');
        assert!(s.lm_gain.is_some_and(|g| g > 5.0), "{s:#?}");
        assert_eq!(s.candidates[0], '邻');
    }

    #[test]
    fn flags_typical_one_character_typos_in_official_text() {
        assert_warns(
            "对违反规定的单位，由主管部门责令改正，并处以罚款；情节严重的，依法追究刑事责壬。",
            "壬",
            "任",
        );
        assert_warns(
            "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责任。",
            "晴",
            "情",
        );
        assert_warns(
            "县人民政府应当加强对农业生产的指导，保障粮实安全，促进农民增收。",
            "实",
            "食",
        );
    }

    #[test]
    fn flags_a_slip_forming_a_pair_the_training_text_has_once_or_twice() {
        // 系化 occurs once in the training text and 制意 twice: before the
        // frequent-pair filter these positions were never scored
        let model = &*MODEL;
        for (text, wrong, right) in [
            ("省工业和信系化厅负责全省工业互联网的发展规划。", "系", "息"),
            ("各地要因地制意，分类推进乡村振兴。", "意", "宜"),
            ("鼓励、支持、引导非共有制经济健康发展。", "共", "公"),
            ("各部门按职责分供负责，抓好落实。", "供", "工"),
        ] {
            assert_warns(text, wrong, right);
            let s = confident(text, wrong.chars().next().unwrap());
            assert!(s.bigrams_old.iter().all(|&q| q > 0), "{s:#?}");
            assert!(s.bigrams_old.iter().any(|&q| q <= 9), "{s:#?}"); // seen at most twice
        }
        let k = ['系' as u32, '化' as u32];
        assert!(model.maybe_bigram(k) && !model.maybe_frequent_bigram(k));
    }

    #[test]
    fn flags_characters_drawn_alike() {
        // shape pairs from the font's glyphs (pycorrector's shape groups lack them)
        assert_warns("国家标淮化管理委员会负责全国标准化工作。", "淮", "准");
        assert_warns("各级人民政府应当加强对农亚生产的指导。", "亚", "业");
        let set = ConfusionSet::embedded();
        assert_eq!(set.similarity('淮', '准'), Some(Similarity::SimilarShape));
        assert_eq!(set.similarity('亚', '业'), Some(Similarity::SimilarShape));
    }

    #[test]
    fn a_window_the_document_repeats_is_only_info() {
        let once =
            "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责任。";
        assert_warns(once, "晴", "情");
        // the same three characters twice in one text: a term the author means, not a slip
        let twice = format!("{once}{once}");
        let f = findings(&twice, RULE);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
        assert!(score(&twice).iter().any(|s| s.repeated));
        assert!(score(once).iter().all(|s| !s.repeated));
        // the unseen pair it forms (晴节) recurring in another context counts too
        let f = findings(&format!("{once}晴节二字。"), RULE);
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
        // the character alone elsewhere in the text does not
        assert_warns(&format!("{once}晴天。"), "晴", "情");
    }

    /// The position of `ch` in `text` as scored, which must reach warning confidence.
    #[track_caller]
    fn confident(text: &str, ch: char) -> Scored {
        let s = score(text)
            .into_iter()
            .find(|s| s.original == ch)
            .unwrap_or_else(|| panic!("{ch} not scored in {text:?}"));
        assert!(s.confidence >= WARNING_CONFIDENCE, "{s:#?}");
        s
    }

    #[test]
    fn an_allow_listed_term_silences_it() {
        // a site's own neologism or name: the allow list covers the statistical findings too
        let text = "县人民政府应当加强对农业生产的指导，保障粮实安全，促进农民增收。";
        assert_warns(text, "实", "食");
        let allowing = Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .select([Selector::Rule(RULE.into())])
            .allow_str("site.tsv", "term\n粮实\n")
            .build()
            .unwrap();
        assert!(allowing.check(text).is_empty());
    }

    #[test]
    fn a_listed_idiom_or_variant_form_is_only_info() {
        // 坚忍不拔 is a dictionary word (beside 坚韧不拔, which the laws use): the character model
        // alone is confident; the word model knows the idiom, and the listed word demotes it anyway
        let text = "我们要以坚忍不拔的意志推进各项改革。";
        let s = score(text)
            .into_iter()
            .find(|s| s.original == '忍')
            .unwrap();
        assert!(s.base_confidence >= WARNING_CONFIDENCE, "{s:#?}");
        assert!(s.listed_word && s.demoted() && !s.repeated && !s.quoted);
        assert_no_warning(text);
        // a slip that forms no listed word stays a warning
        let s = confident("保障粮实安全。", '实');
        assert!(!s.listed_word && !s.demoted());
    }

    #[test]
    fn a_short_quoted_slogan_is_only_info() {
        // campaign names pun on homophones on purpose (粤 for 越)
        let quoted = "全省深入实施“卓粤”计划，推动科技创新。";
        let s = confident(quoted, '粤');
        assert!(s.quoted && s.demoted());
        assert_no_warning(quoted);
        assert_no_warning("各地积极开展‘陕耀全球’拓市场活动。");
        // the same words unquoted, or a long quotation, are judged as usual
        let plain = "全省深入实施卓粤计划，推动科技创新。";
        assert!(!confident(plain, '粤').quoted);
        assert_warns(plain, "粤", "越");
        let long = "“切实保障粮实安全促进农民增收”";
        assert!(!confident(long, '实').quoted);
        assert_warns(long, "实", "食");
        // quotation marks that do not enclose the run directly do not count
        assert!(!confident("“要”保障粮实安全", '实').quoted);
    }

    #[test]
    fn the_best_candidate_of_a_typo_outscores_the_original() {
        let s = score("内蒙古自治区乌兰察布市大力培育发展大数局产业。");
        let best = s
            .iter()
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            .unwrap();
        assert_eq!((best.original, best.candidates[0]), ('局', '据'));
        assert!(best.gain > 0.0);
    }

    #[test]
    fn a_listed_typo_is_reported_once_by_the_dictionary() {
        let text = "各级政府要认真落实中央的决策布署。";
        assert!(score(text).iter().any(|s| s.original == '布'));
        assert_quiet(text, RULE);
        let all = checker().check(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].rule, "common-typo");
    }

    #[test]
    fn quiet_on_correct_official_text() {
        for text in [
            "对违反规定的单位，由主管部门责令改正，并处以罚款；情节严重的，依法追究刑事责任。",
            "县人民政府应当加强对农业生产的指导，保障粮食安全，促进农民增收。",
            "国务院办公厅关于印发新时代中小学教师队伍建设规划的通知。",
            "加强生态环境保护，推进山水林田湖草沙一体化保护和系统治理。",
        ] {
            assert_no_warning(text);
        }
    }

    #[test]
    fn quiet_on_names_places_rare_words_numbers_and_latin() {
        for text in [
            "市长欧阳晓岚、副市长诸葛亮明和秘书长司马相如出席了在鄂尔多斯市康巴什区举行的座谈会。",
            "张三丰、李四光和王五一同参加了乌鲁木齐市第十二届人大常委会第三次会议。",
            "2025年GDP增长5.2%，CPI上涨0.2%，全年粮食产量达到13900亿斤。",
            "他在iPhone 16和Windows 11上测试了ChatGPT-4o的表现。",
            "饕餮盛宴、耄耋之年、魑魅魍魉、踽踽独行，这些词语都很少见。",
        ] {
            assert_no_warning(text);
        }
    }

    #[test]
    fn quiet_on_empty_and_non_chinese_text() {
        assert!(score("").is_empty());
        assert!(score("Hello, world! 2025-06-01 ABC").is_empty());
        assert!(score("字").is_empty());
        assert_quiet("", RULE);
    }

    #[test]
    fn confidence_sets_the_severity_and_is_in_the_message() {
        for f in findings("对违反规定的单位，情节严重的，依法追究刑事责壬。", RULE)
        {
            assert!(f.message.contains("置信度"), "{}", f.message);
            let conf: f64 = f
                .message
                .rsplit(' ')
                .next()
                .unwrap()
                .trim_end_matches('）')
                .parse()
                .unwrap();
            assert_eq!(f.severity >= Severity::Warning, conf >= WARNING_CONFIDENCE);
            assert!(conf >= INFO_CONFIDENCE);
        }
    }

    #[test]
    fn a_candidate_left_out_forms_no_pair_with_any_neighbour() {
        // every candidate of every row that the training text never has, against every
        // character a run can hold and the run edge, on both sides: `bigram_after` is 0 unless
        // the candidate is listed in UNSEEN_PAIRING, and each listed one needs to be
        let model: &'static Table = &MODEL;
        let set = ConfusionSet::embedded();
        let mut unseen: Vec<char> = (0x3400..=0x9FFF)
            .filter_map(char::from_u32)
            .flat_map(|c| set.candidates(c).iter().map(|&(d, _)| d))
            .filter(|&d| model.get(Namespace::Ngram, &[d as u32]) == 0)
            .collect();
        unseen.sort_unstable();
        unseen.dedup();
        assert!(unseen.len() > 1000, "{}", unseen.len());
        let neighbours: Vec<u32> = std::iter::once(BOUNDARY)
            .chain(0x3400..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .collect();
        assert!(neighbours.iter().all(|&x| x == BOUNDARY || is_cjk(x)));
        let prefixes: Vec<_> = neighbours.iter().map(|&x| pair_prefix(x)).collect();
        let pairing = |d: &char| {
            let d = *d as u32;
            let after = pair_prefix(d);
            neighbours.iter().zip(&prefixes).any(|(&x, &px)| {
                model.bigram_after(px, d) != 0 || model.bigram_after(after, x) != 0
            })
        };
        let found: String = std::thread::scope(|s| {
            let half = unseen.len() / 2;
            let (a, b) = unseen.split_at(half);
            let other = s.spawn(|| b.iter().copied().filter(pairing).collect::<String>());
            let mut found: String = a.iter().copied().filter(pairing).collect();
            found.push_str(&other.join().unwrap());
            found
        });
        assert_eq!(found, UNSEEN_PAIRING);
        // and the rows leave out exactly the unseen candidates not listed
        let probed = Probed::new(model, set, UNSEEN_PAIRING);
        let (mut all, mut left_out) = (0, 0);
        for c in (0x3400..=0x9FFF).filter_map(char::from_u32) {
            let kept: Vec<_> = set
                .candidates(c)
                .iter()
                .copied()
                .filter(|(d, _)| unseen.binary_search(d).is_err() || UNSEEN_PAIRING.contains(*d))
                .collect();
            assert_eq!(probed.candidates(c as u32), kept, "{c}");
            all += set.candidates(c).len();
            left_out += set.candidates(c).len() - kept.len();
        }
        assert!(left_out * 20 > all, "{left_out} of {all}");
        assert!(probed.candidates('a' as u32).is_empty());
    }

    #[test]
    fn the_pair_cache_answers_as_the_bloom_filter() {
        // more distinct pairs than slots, so slots are overwritten and read back
        let model = &*MODEL;
        let chars: Vec<u32> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
        .chars()
        .map(|c| c as u32)
        .chain([BOUNDARY])
        .collect();
        let mut cache = PairCache::new();
        for round in 0..2 {
            for &a in &chars {
                for &b in &chars {
                    let want = model.maybe_frequent_bigram([a, b]);
                    assert_eq!(
                        cache.maybe_frequent(model, a, b),
                        want,
                        "{a} {b} round {round}"
                    );
                }
            }
        }
        assert!(chars.len() * chars.len() > 1 << PairCache::BITS);
    }

    #[test]
    fn repetition_counted_on_weak_pairs_agrees_with_a_scan() {
        let once =
            "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责任。";
        let slip = "县人民政府应当加强对农业生产的指导，保障粮实安全，促进农民增收。";
        for text in [
            once.to_string(),
            format!("{once}{once}"),
            format!("{once}晴节二字。"),
            format!("{once}晴天。"),
            format!("{slip}{once}粮实"),
            format!("{slip}粮实粮实。{once}"),
            format!("晴节{once}实安"),
        ] {
            let s = score(&text);
            assert!(s.iter().any(|s| s.confidence >= WARNING_CONFIDENCE));
            assert_eq!(s, score_with(&text, true, false), "{text}");
        }
    }

    /// The window score as `score_run` computed it before [`Around`] (session 7).
    fn window_score_reference(model: &Table, w: &[u32], i: usize) -> f64 {
        let total = (model.total().max(1) as f64).log2();
        let backoff = 0.4f64.log2();
        let mut s = 0.0;
        for j in i..(i + 3).min(w.len()) {
            s += if j >= 2 {
                let t = model.get(Namespace::Ngram, &w[j - 2..=j]);
                let h = if t > 0 {
                    model.get(Namespace::Ngram, &w[j - 2..j])
                } else {
                    0
                };
                if t > 0 && h > 0 {
                    Table::log2_count(t) - Table::log2_count(h)
                } else {
                    bigram_score(model, w, j, total) + backoff
                }
            } else {
                bigram_score(model, w, j, total)
            };
        }
        s
    }

    /// The segmentation score as `score_run` computed it before [`Words`] (session 7).
    fn segment_score_reference(model: &Table, w: &[u32], i: usize) -> f64 {
        let a = i.saturating_sub(3).max(1);
        let b = (i + 4).min(w.len() - 1);
        let total = Table::log2_count(model.get(Namespace::Word, &[]).max(1));
        let mut best = [f64::NEG_INFINITY; 8];
        best[0] = 0.0;
        for k in 1..=b - a {
            for len in 1..=k.min(4) {
                let q = model.get(Namespace::Word, &w[a + k - len..a + k]);
                let lp = if q > 0 {
                    Table::log2_count(q) - total
                } else if len == 1 {
                    -total - 4.0
                } else {
                    continue;
                };
                best[k] = best[k].max(best[k - len] + lp);
            }
        }
        best[b - a]
    }

    /// Whether a dictionary word of three or four characters covers `i`, as before [`Words`].
    fn in_long_word_reference(model: &Table, w: &[u32], i: usize) -> bool {
        (3..=4usize).any(|len| {
            ((i + 1).saturating_sub(len)..=i)
                .filter(|&start| start > 0 && start + len < w.len())
                .any(|start| model.get(Namespace::Word, &w[start..start + len]) > 0)
        })
    }

    /// The candidate filter as `score_run` ran it before [`SideCache`] (session 8): both sides
    /// probed per candidate, no cache.
    fn candidate_filter_reference(
        model: &Table,
        cands: &[(char, Similarity)],
        [left, _, right]: [u32; 3],
        weak: [bool; 2],
        bigrams: [u8; 2],
    ) -> Vec<(u16, char, Similarity)> {
        let pair_left = |cp: u32| {
            if model.maybe_bigram([left, cp]) {
                model.get(Namespace::Ngram, &[left, cp])
            } else {
                0
            }
        };
        let pair_right = |cp: u32| {
            if model.maybe_bigram([cp, right]) {
                model.get(Namespace::Ngram, &[cp, right])
            } else {
                0
            }
        };
        let better = |q: u8, old: u8| old == 0 && q > 0 || q > old.saturating_add(RARE_MARGIN);
        let mut out = Vec::new();
        for &(c, sim) in cands {
            let cp = c as u32;
            let (l, r) = (pair_left(cp), pair_right(cp));
            if weak[0] && better(l, bigrams[0]) || weak[1] && better(r, bigrams[1]) {
                out.push((l as u16 + r as u16, c, sim));
            }
        }
        out
    }

    /// Texts whose positions the detector scores, reaching info and warning and not.
    const SCORED_TEXTS: [&str; 6] = [
        "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责壬。",
        "县人民政府应当加强对农业生产的指导，保障粮实安全，促进农民增收。",
        "内蒙古自治区乌兰察布市大力培育发展大数局产业。各地要加快推进集中供暖供氧工程建设。",
        "省工业和信系化厅负责全省工业互联网的发展规划。各部门按职责分供负责，抓好落实。",
        "市长欧阳晓岚、副市长诸葛亮明和秘书长司马相如出席了在鄂尔多斯市康巴什区举行的座谈会。",
        "我们要以坚忍不拔的意志推进各项改革。两国要深化睦领友好合作关系。全省深入实施“卓粤”计划。",
    ];

    #[test]
    fn reportable_positions_are_those_reaching_info() {
        let (mut dropped, mut kept, mut reaching) = (0, 0, 0);
        for text in SCORED_TEXTS
            .iter()
            .map(|t| t.to_string())
            .chain([SCORED_TEXTS.concat()])
        {
            let all = score(&text);
            let reportable = score_reportable(&text);
            // what the rule reports: the same positions, with the same fields
            let reached: Vec<_> = all
                .iter()
                .filter(|s| s.confidence >= INFO_CONFIDENCE)
                .cloned()
                .collect();
            reaching += reached.len();
            let reported: Vec<_> = reportable
                .iter()
                .filter(|s| s.confidence >= INFO_CONFIDENCE)
                .cloned()
                .collect();
            assert_eq!(reported, reached, "{text}");
            // the rest of `reportable` are positions of `score` as they are
            assert!(reportable.iter().all(|s| all.contains(s)));
            dropped += all.len() - reportable.len();
            kept += reportable.len();
            // the bound: the name features add at most NAME_HEADROOM to the log-odds
            for s in &all {
                let unnamed = Scored {
                    name_old: 0,
                    proper_old: 0,
                    ..s.clone()
                };
                assert!(
                    logit(&unnamed) + NAME_HEADROOM >= logit(s) - 1e-12,
                    "{s:#?}"
                );
                assert_eq!(logit(s) >= 0.0, confidence(s) >= 0.5, "{s:#?}");
            }
        }
        // most positions scored in these texts cannot reach info: their names are not looked up
        assert!(
            reaching >= 10 && dropped > kept,
            "{reaching} {dropped} {kept}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_side_cache_gives_the_candidates_probing_gave(
            text in "[的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研署暑粮实晴情壬局供氧叙睦领]{1,12}",
            weak in prop_oneof![Just([true, false]), Just([false, true]), Just([true, true])],
        ) {
            let model = &*MODEL;
            let run: Vec<u32> = std::iter::once(BOUNDARY)
                .chain(text.chars().map(|c| c as u32))
                .chain([BOUNDARY])
                .collect();
            let mut sides = SideCache::new();
            let mut got = Vec::new();
            for i in 1..run.len() - 1 {
                let chars = [run[i - 1], run[i], run[i + 1]];
                let cands = PROBED.candidates(run[i]);
                let all = ConfusionSet::embedded().candidates(char::from_u32(run[i]).unwrap());
                let bigrams = [
                    model.get(Namespace::Ngram, &chars[..2]),
                    model.get(Namespace::Ngram, &chars[1..]),
                ];
                // against every candidate of the confusion set, those left out included
                let want = candidate_filter_reference(model, all, chars, weak, bigrams);
                // first probed, then from the cache
                for _ in 0..2 {
                    candidate_filter(model, cands, chars, weak, bigrams, &mut sides, &mut got);
                    prop_assert_eq!(&got, &want);
                }
            }
            // a full cache is emptied, and answers as before
            sides.used = 1 << (SideCache::BITS - 1);
            sides.make_room(1);
            prop_assert!(sides.used == 0 && sides.vals.is_empty());
        }

        #[test]
        fn reportable_is_score_at_info(
            text in "[的一是在不了有和人中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经部度家电力里如水化高自理起小物现实加量都两体制机当使点从业本去把性好应开合还因由其些然前外天政那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研署暑粮实晴情壬局供氧叙睦领邻食，。]{2,60}",
        ) {
            let reached: Vec<_> = score(&text)
                .into_iter()
                .filter(|s| s.confidence >= INFO_CONFIDENCE)
                .collect();
            let reported: Vec<_> = score_reportable(&text)
                .into_iter()
                .filter(|s| s.confidence >= INFO_CONFIDENCE)
                .collect();
            prop_assert_eq!(reported, reached);
        }

        #[test]
        fn shared_lookups_give_the_same_scores(
            text in "[的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研署暑粮实晴情]{2,14}",
            cand in "[的是在人中大国时生地民法理制实食情晴任壬据局]",
        ) {
            let model = &*MODEL;
            let run: Vec<u32> = std::iter::once(BOUNDARY)
                .chain(text.chars().map(|c| c as u32))
                .chain([BOUNDARY])
                .collect();
            let x = cand.chars().next().unwrap() as u32;
            for i in 1..run.len() - 1 {
                let mut w = run.clone();
                let mut around = Around::new(log2_total(model));
                // the original, then a candidate, then the original again: the cached
                // lookups serve every character at i
                for y in [run[i], x, run[i]] {
                    w[i] = y;
                    let want = window_score_reference(model, &w, i);
                    prop_assert_eq!(around.window_score(model, &run, i, y).to_bits(), want.to_bits());
                }
                let old = Words::new(model, &run, i, run[i], None);
                let new = Words::new(model, &run, i, x, Some(&old));
                for (words, y) in [(&old, run[i]), (&new, x)] {
                    w[i] = y;
                    prop_assert_eq!(words.best_word(), best_word(model, Namespace::Word, &w, i));
                    prop_assert_eq!(
                        words.segment_score(model).to_bits(),
                        segment_score_reference(model, &w, i).to_bits()
                    );
                    prop_assert_eq!(words.in_long_word(), in_long_word_reference(model, &w, i));
                }
            }
        }

        #[test]
        fn never_panics_and_stays_on_char_boundaries(text in "[\\PC\u{4e00}-\u{9fff}，。a-z0-9 ]{0,60}") {
            for s in score(&text) {
                prop_assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
                prop_assert_eq!(text[s.byte_start..s.byte_end].chars().count(), 1);
                prop_assert!((0.0..=1.0).contains(&s.confidence));
                prop_assert!(!s.candidates.is_empty() && s.candidates.len() <= 4);
            }
        }

        #[test]
        fn chinese_text_never_panics(text in "[\u{4e00}-\u{9fa5}]{0,40}") {
            let a = score(&text);
            prop_assert_eq!(a, score(&text));
        }
    }
}
