//! # Evasion-resistant matching of sensitive terms
//!
//! **What it flags** (`obfuscated-sensitive-term`): a `sensitive` dictionary term written with
//! noise between its characters so that plain matching misses it: spaces (`百 家 乐`), symbols
//! (`六*合*彩`, `代·开·发·票`), zero-width characters (U+200B, U+200C, U+200D, U+FEFF, U+2060),
//! full-width letters and digits (`ＢＥＴ３６５`) and mixed case for Latin terms (`Bet365`).
//!
//! **Why**: spam planted in hidden links on government sites is written this way on purpose, to
//! slip past keyword filters; inspections still count it as illegal content (《网络信息内容生态治理
//! 规定》第六条).
//!
//! **How**: a fast pre-check walks the text once and only looks closer where a noise character
//! sits between two characters that occur in sensitive terms, or where a full-width or upper-case
//! letter folds to one. Around such a spot (never across a line break) the text is normalised —
//! noise dropped, letters folded — and matched against the normalised terms; a run of more than
//! [`MAX_NOISE`] noise characters breaks a match, and so do sentence punctuation (`，。！？`) and
//! line breaks, which are not noise. The finding covers the original text including the noise
//! between the characters. Noise-free matches are left to the `terms` family, which reports them
//! under the entry's own rule.
//!
//! **Example**: `首页底部出现百 家 乐链接。` → `obfuscated-sensitive-term` on `百 家 乐`.
//!
//! **What to write instead**: nothing — delete the planted text and look for how it got there.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::date::Date;
use crate::dictionary::Entry;
use crate::finding::{Applicability, Finding, Kind};
use crate::lexicon::Automaton;
use crate::rules::terms::Terms;
use crate::rules::{bytescan, rule_meta, Context, Family, RuleMeta};

/// At most this many noise characters may sit between two characters of a term.
pub(crate) const MAX_NOISE: usize = 3;

/// Rule id of this family's findings.
const RULE: &str = "obfuscated-sensitive-term";

/// ASCII characters that count as noise: spaces, tabs and symbols. Sentence punctuation
/// (`, ; : ! ?`), brackets and quotes are not noise: texts use them as Chinese punctuation.
const ASCII_NOISE: &[u8] = b" \t.*-_+=/\\|~`^#@$%&<>";

/// Bytes where the pre-check looks closer: ASCII noise and the lead bytes of non-ASCII noise
/// and full-width letters (C2, CD, E1, E2, E3, EF, F0). CJK ideographs (lead bytes E4..E9),
/// letters, digits and line breaks are stepped over. [`LOOK_LATIN`] adds upper-case letters.
static LOOK: [bool; 256] = look_table(false);
/// [`LOOK`] plus `A-Z`, for dictionaries with Latin terms.
static LOOK_LATIN: [bool; 256] = look_table(true);

const fn look_table(latin: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < ASCII_NOISE.len() {
        t[ASCII_NOISE[i] as usize] = true;
        i += 1;
    }
    if latin {
        let mut b = b'A';
        while b <= b'Z' {
            t[b as usize] = true;
            b += 1;
        }
    }
    t[0xC2] = true;
    t[0xCD] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t[0xF0] = true;
    t
}

/// Quick reject of the common Chinese punctuation behind the lead bytes E3 and EF (`。、《》`,
/// `，：；（）！？`), before decoding: E3 starts noise only as U+3000 and U+30FB, EF only in
/// the blocks FE00.., FEFF and FF00..FF7F.
#[inline]
fn may_be_noise_or_letter(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xE3 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x80] | [0x83, 0xBB])),
        0xEF => matches!(bytes.get(i + 1), Some(0xB8 | 0xBB | 0xBC | 0xBD)),
        _ => true,
    }
}

/// A branch-free test (it vectorises) that holds at least wherever [`LOOK`] (or [`LOOK_LATIN`]
/// when `latin`) and [`may_be_noise_or_letter`] both hold at a noise character or a disguised
/// letter starting with byte `b0` (followed by `b1`, `b2`): ASCII symbols and spaces (a
/// superset of [`ASCII_NOISE`]), `A-Z` when `latin`, and the lead bytes of non-ASCII noise,
/// narrowed down as `may_be_noise_or_letter` does and without the common punctuation behind
/// E2 and EF (`“”‘’—…`, `，（）：；！？`), which is neither noise nor a letter.
#[inline(always)]
fn may_look(b0: u8, b1: u8, b2: u8, latin: bool) -> bool {
    let within = |b: u8, lo: u8, hi: u8| b.wrapping_sub(lo) <= hi - lo;
    let ascii = (b0 == b'\t')
        | within(b0, 0x20, 0x2F)
        | within(b0, 0x3C, 0x40)
        | within(b0, 0x5C, 0x60)
        | within(b0, 0x7C, 0x7E)
        | (latin & within(b0, b'A', b'Z'));
    let punctuation_e2 = (b1 == 0x80)
        & ((b2 == 0x94) | (b2 == 0x98) | (b2 == 0x99) | (b2 == 0x9C) | (b2 == 0x9D) | (b2 == 0xA6));
    let lead = (b0 == 0xC2)
        | (b0 == 0xCD)
        | (b0 == 0xE1)
        | ((b0 == 0xE2) & !punctuation_e2)
        | (b0 == 0xF0);
    let e3 = (b0 == 0xE3) & (((b1 == 0x80) & (b2 == 0x80)) | ((b1 == 0x83) & (b2 == 0xBB)));
    let punctuation_ef = (b2 == 0x81)
        | (b2 == 0x88)
        | (b2 == 0x89)
        | (b2 == 0x8C)
        | (b2 == 0x9A)
        | (b2 == 0x9B)
        | (b2 == 0x9F);
    let ef = (b0 == 0xEF)
        & ((b1 == 0xB8) | (b1 == 0xBB) | (b1 == 0xBD) | ((b1 == 0xBC) & !punctuation_ef));
    ascii | lead | e3 | ef
}

/// True for characters that evasion inserts between the characters of a word: spaces and tabs
/// (not line breaks), zero-width and other invisible format characters, ASCII and full-width
/// symbols, bullets, dingbats and emoji. Sentence punctuation (`，。、；：！？`, also in ASCII),
/// brackets and quotes are not noise: they separate words in ordinary text.
pub(crate) fn is_noise(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_NOISE.contains(&(c as u8));
    }
    matches!(
        c,
        '\u{00A0}'
            | '\u{00AD}'
            | '\u{00B7}'
            | '\u{00B0}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{2000}'..='\u{200F}'
            | '\u{2010}'..='\u{2013}'
            | '\u{2022}'
            | '\u{2027}'
            | '\u{202A}'..='\u{202F}'
            | '\u{203B}'
            | '\u{205F}'..='\u{2064}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2500}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{3000}'
            | '\u{30FB}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '＃'
            | '＄'
            | '％'
            | '＆'
            | '＊'
            | '＋'
            | '－'
            | '．'
            | '／'
            | '＜'
            | '＝'
            | '＞'
            | '＠'
            | '＼'
            | '＾'
            | '＿'
            | '｀'
            | '｜'
            | '～'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// Full-width letters and digits to ASCII, ASCII letters to lower case; anything else unchanged.
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// True for a letter that [`fold`] changes (full-width or upper case): disguise, where a
/// full-width digit alone is ordinary Chinese typesetting.
fn is_disguised_letter(c: char) -> bool {
    c != fold(c) && fold(c).is_ascii_alphabetic()
}

/// `term` folded; `None` when it has fewer than two characters (noise cannot hide a
/// one-character term) or holds noise itself (the `terms` family matches it as written).
fn normalise_term(term: &str) -> Option<String> {
    if term.chars().count() < 2 || term.chars().any(is_noise) {
        return None;
    }
    Some(term.chars().map(fold).collect())
}

/// A set of characters: a bitmap over the Basic Multilingual Plane, a sorted list beyond it.
/// Looked up at every noise run, so it must be cheaper than hashing.
#[derive(Debug)]
struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<char>,
}

impl CharSet {
    fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            astral: Vec::new(),
        };
        for c in chars {
            let u = c as usize;
            if u < 0x10000 {
                set.bmp[u / 64] |= 1 << (u % 64);
            } else {
                set.astral.push(c);
            }
        }
        set.astral.sort_unstable();
        set.astral.dedup();
        set
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] & (1 << (u % 64)) != 0
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: RULE,
    family: "evasion",
    kind: Sensitive,
    severity: Error,
    summary: "a sensitive term disguised with spaces, symbols, zero-width characters, full-width \
        letters or mixed case",
    explanation: "Spam planted in hidden links on government sites is written with noise between \
        its characters (百 家 乐, 六*合*彩, zero-width spaces, ＢＥＴ３６５) on purpose, to slip past \
        keyword filters; inspections still count it as illegal content, a veto item. The \
        finding covers the disguised text; sentence punctuation and line breaks are not noise, \
        so ordinary prose stays quiet. Delete the planted text and find how it got there.",
    source: "《网络信息内容生态治理规定》第六条; dictionaries/terms/spam.tsv",
    fires: ["首页底部出现百 家 乐链接。"],
    quiet: ["百家姓，乐在其中。"],
}];

/// The evasion-resistant family over the `sensitive` entries of the dictionary-term family,
/// indexed on first use (start-up does not pay for parsing the embedded entries).
#[derive(Debug)]
pub(crate) struct Evasion {
    meta: &'static RuleMeta,
    terms: Arc<Terms>,
    index: OnceLock<Index>,
}

impl Evasion {
    /// The family over `terms`' `sensitive` entries.
    pub(crate) fn new(terms: &Arc<Terms>) -> Evasion {
        Evasion {
            meta: &RULES[0],
            terms: Arc::clone(terms),
            index: OnceLock::new(),
        }
    }
}

/// The normalised `sensitive` terms and what the pre-check needs to know about them.
#[derive(Debug)]
struct Index {
    /// Normalised terms; pattern id `i` stands for `entries[i]`.
    automaton: Automaton,
    entries: Vec<Entry>,
    /// Every character of a normalised term.
    term_chars: CharSet,
    /// Longest normalised term, in characters.
    max_chars: usize,
    /// Whether some term has a Latin letter (only then do upper-case letters matter).
    latin: bool,
}

impl Index {
    /// Indexes the `sensitive` entries of `all`.
    fn new(sensitive: Vec<&Entry>) -> Index {
        let mut seen = HashSet::new();
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        for e in sensitive {
            let Some(n) = normalise_term(&e.term) else {
                continue;
            };
            if seen.insert(n.clone()) {
                patterns.push(n);
                entries.push(e.clone());
            }
        }
        let term_chars = CharSet::new(patterns.iter().flat_map(|p| p.chars()));
        let max_chars = patterns
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let latin = patterns
            .iter()
            .any(|p| p.bytes().any(|b| b.is_ascii_alphabetic()));
        Index {
            automaton: Automaton::new(&patterns),
            entries,
            term_chars,
            max_chars,
            latin,
        }
    }

    fn is_term_char(&self, c: char) -> bool {
        self.term_chars.contains(fold(c))
    }

    /// Byte offsets worth a closer look: each run of at most [`MAX_NOISE`] noise characters
    /// between two term characters, and each disguised letter that folds to a term character.
    /// Scans bytes: CJK ideographs and ordinary ASCII cost one table test each.
    fn spots(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let (latin, look) = (self.latin, if self.latin { &LOOK_LATIN } else { &LOOK });
        let mut spots = Vec::new();
        // Offsets before `next` were passed over (inside a character or a run of noise).
        let mut next = 0;
        bytescan::for_each_position(
            bytes,
            |w, k| may_look(w[k], w[k + 1], w[k + 2], latin),
            |i| {
                if i < next || !look[bytes[i] as usize] {
                    return;
                }
                if !may_be_noise_or_letter(bytes, i) {
                    next = i + 3;
                    return;
                }
                let Some(c) = text[i..].chars().next() else {
                    return;
                };
                if !is_noise(c) {
                    if is_disguised_letter(c) && self.is_term_char(c) {
                        spots.push(i);
                    }
                    next = i + c.len_utf8();
                    return;
                }
                let (mut j, mut run) = (i, 0);
                for c in text[i..].chars().take_while(|&c| is_noise(c)) {
                    j += c.len_utf8();
                    run += 1;
                }
                let before = text[..i].chars().next_back();
                let after = text[j..].chars().next();
                if run <= MAX_NOISE
                    && before.is_some_and(|c| self.is_term_char(c))
                    && after.is_some_and(|c| self.is_term_char(c))
                {
                    spots.push(i);
                }
                next = j;
            },
        );
        spots
    }

    /// Byte ranges of `text` worth normalising, around each of [`spots`](Self::spots). Sorted,
    /// merged, within lines.
    fn windows(&self, text: &str) -> Vec<(usize, usize)> {
        let spots = self.spots(text);
        // A term spans at most max_chars characters and MAX_NOISE noise between each two.
        let reach = self.max_chars * (MAX_NOISE + 1) + 1;
        let mut out: Vec<(usize, usize)> = Vec::new();
        // The spot that set the last window's end (`reach` characters right of it, or a line
        // break before that).
        let mut last_spot = 0;
        for at in spots {
            if let Some(last) = out.last_mut().filter(|&&mut (_, e)| at < e) {
                // Already inside a window: extend it to `at`'s reach, by as many characters
                // as `at` is right of the spot that set the end (reading from `at` instead
                // would cost `reach` per spot: quadratic with long user terms).
                let step = text[last_spot..at].chars().count();
                last.1 = extend_right(text, last.1, step);
                last_spot = at;
                continue;
            }
            last_spot = at;
            let start = extend_left(text, at, reach);
            let end = extend_right(text, at, reach);
            match out.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => out.push((start, end)),
            }
        }
        out
    }

    fn accept(e: &Entry, text: &str, start: usize, end: usize, as_of: Date) -> bool {
        e.conditions.hold(text, start, end, as_of)
    }

    /// Matches the normalised form of `text[from..to]` and reports disguised terms.
    fn check_window(
        &self,
        meta: &RuleMeta,
        cx: &Context<'_>,
        from: usize,
        to: usize,
        out: &mut Vec<Finding>,
    ) {
        let text = cx.text;
        let mut norm = String::new();
        // For each normalised char: (its byte offset in `norm`, original start, original end).
        let mut map: Vec<(usize, usize, usize)> = Vec::new();
        let mut noise = 0usize;
        for (i, c) in text[from..to].char_indices() {
            let at = from + i;
            if is_noise(c) {
                noise += 1;
                if noise == MAX_NOISE + 1 {
                    // Too much noise: a barrier no term contains.
                    map.push((norm.len(), at, at + c.len_utf8()));
                    norm.push('\n');
                }
                continue;
            }
            noise = 0;
            map.push((norm.len(), at, at + c.len_utf8()));
            norm.push(fold(c));
        }
        let index_of = |b: usize| map.partition_point(|m| m.0 < b);
        self.automaton.for_each(&norm, |ns, ne, id| {
            let (first, last) = (index_of(ns), index_of(ne) - 1);
            let (start, end) = (map[first].1, map[last].2);
            let e = &self.entries[id];
            let original = &text[start..end];
            if original == e.term
                || !disguised(text, &map[first..=last])
                || !Index::accept(e, text, start, end, cx.as_of)
            {
                return;
            }
            // A Latin term must not be part of a longer Latin word (`Essex` is not `sex`).
            let alnum = |c: Option<char>| c.is_some_and(|c| fold(c).is_ascii_alphanumeric());
            let (head, tail) = (e.term.chars().next(), e.term.chars().last());
            if (alnum(head) && alnum(text[..start].chars().next_back()))
                || (alnum(tail) && alnum(text[end..].chars().next()))
            {
                return;
            }
            let mut message = format!(
                "疑似以干扰字符规避检测的违法违规信息：“{original}”即“{}”（{}）。",
                e.term, e.rule
            );
            let note = e.note.trim();
            if !note.is_empty() {
                message.push_str(note);
                if !note.ends_with(['。', '！', '？', '）', '”']) {
                    message.push('。');
                }
            }
            out.push(meta.finding(
                text,
                start..end,
                message,
                vec![],
                Applicability::DisplayOnly,
            ));
        });
    }
}

/// Whether a match whose characters have the original spans `chars` looks disguised rather than
/// ordinary: it needs noise between its characters or a disguised letter, and
/// - no noise between two digits unless every gap has noise (`1.3亿` and `1 000元` are numbers,
///   `b.e.t.3.6.5` is not);
/// - when the only noise is spaces and name dots (`·・•‧`), every gap filled and more than two
///   characters: `六合 彩虹` is a stray space, `李　强` a name padded in a list and `罗伯特·马丁`
///   a foreign name (not `特马`), while `六 合 彩` and `代·开·发·票` are disguise;
/// - and then not the whole line: headings and bylines are letter-spaced (`目　录`).
fn disguised(text: &str, chars: &[(usize, usize, usize)]) -> bool {
    let is_space = |c: char| {
        matches!(
            c,
            ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '·' | '・' | '•' | '‧'
        )
    };
    let digit = |s: usize, e: usize| text[s..e].chars().all(|c| fold(c).is_ascii_digit());
    let (mut empty, mut spaced, mut symbol, mut number) = (false, false, false, false);
    for pair in chars.windows(2) {
        let gap = &text[pair[0].2..pair[1].1];
        if gap.is_empty() {
            empty = true;
            continue;
        }
        number |= digit(pair[0].1, pair[0].2) && digit(pair[1].1, pair[1].2);
        if gap.chars().all(is_space) {
            spaced = true;
        } else {
            symbol = true;
        }
    }
    let letters = chars
        .iter()
        .any(|&(_, s, e)| text[s..e].chars().any(is_disguised_letter));
    if number && empty {
        return false;
    }
    if symbol || letters {
        return true;
    }
    if !(spaced && !empty && chars.len() > 2) {
        return false;
    }
    let (start, end) = (chars[0].1, chars[chars.len() - 1].2);
    !is_whole_line(text, start, end)
}

/// True when only white space stands between `start..end` and the line breaks around it.
/// Reads only that white space (not the rest of the line: a long line with a match every few
/// characters must not be read once per match).
fn is_whole_line(text: &str, start: usize, end: usize) -> bool {
    fn blank_to_break(mut chars: impl Iterator<Item = char>) -> bool {
        chars
            .find(|&c| c == '\n' || !c.is_whitespace())
            .is_none_or(|c| c == '\n')
    }
    blank_to_break(text[..start].chars().rev()) && blank_to_break(text[end..].chars())
}

/// The byte offset `n` characters left of `at`, stopping after a line break.
fn extend_left(text: &str, at: usize, n: usize) -> usize {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev().take(n) {
        if c == '\n' || c == '\r' {
            break;
        }
        start = i;
    }
    start
}

/// The byte offset `n` characters right of `at`, stopping before a line break.
fn extend_right(text: &str, at: usize, n: usize) -> usize {
    let mut end = at;
    for (i, c) in text[at..].char_indices().take(n) {
        if c == '\n' || c == '\r' {
            break;
        }
        end = at + i + c.len_utf8();
    }
    end
}

impl Family for Evasion {
    fn name(&self) -> &'static str {
        "evasion"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let index = self
            .index
            .get_or_init(|| Index::new(self.terms.entries_of_kind(Kind::Sensitive)));
        if index.max_chars == 0 {
            return;
        }
        for (from, to) in index.windows(cx.text) {
            index.check_window(self.meta, cx, from, to, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{assert_flags, assert_quiet, findings};
    use crate::{Checker, Date};

    /// The texts `RULE` reports with a user dictionary of `rows` (sensitive terms, no header).
    fn disguised_with(rows: &str) -> impl Fn(&str) -> Vec<String> {
        let c = Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .dictionary_str(
                "t.tsv",
                format!("term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n{rows}"),
            )
            .build()
            .unwrap();
        move |s| {
            c.check(s)
                .into_iter()
                .filter(|f| f.rule == RULE)
                .map(|f| f.text)
                .collect()
        }
    }

    #[test]
    fn the_vectorised_test_holds_at_every_noise_character_and_disguised_letter() {
        for latin in [false, true] {
            let look = if latin { &LOOK_LATIN } else { &LOOK };
            for c in (0..=0x10FFFF).filter_map(char::from_u32) {
                let mut buf = [0u8; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                let padded = [
                    b[0],
                    b.get(1).copied().unwrap_or(0),
                    b.get(2).copied().unwrap_or(0),
                ];
                if look[b[0] as usize]
                    && may_be_noise_or_letter(b, 0)
                    && (is_noise(c) || is_disguised_letter(c))
                {
                    assert!(may_look(padded[0], padded[1], padded[2], latin), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn spaces_symbols_and_zero_width_characters_are_seen_through() {
        for (text, flagged) in [
            ("首页底部出现百 家 乐链接。", "百 家 乐"),
            // `六合彩开奖` is itself a listed term: the longest match wins.
            ("六*合*彩开奖结果", "六*合*彩开奖"),
            ("六＊合＊彩，今晚", "六＊合＊彩"),
            ("百\u{200B}家\u{200C}乐", "百\u{200B}家\u{200C}乐"),
            ("百\u{200D}家\u{FEFF}乐\u{2060}", "百\u{200D}家\u{FEFF}乐"),
            ("专业代.开.发.票，联系电话", "专业代.开.发.票"),
            ("链接：百   家   乐", "百   家   乐"),
            ("百 家*乐", "百 家*乐"),
            ("访问百\u{3000}家\u{3000}乐网", "百\u{3000}家\u{3000}乐"),
            ("六★合★彩", "六★合★彩"),
        ] {
            assert_flags(text, RULE, flagged, None);
        }
    }

    #[test]
    fn offsets_cover_the_noise_and_the_finding_is_an_error() {
        let text = "底部：百 * 家 * 乐。";
        let f = findings(text, RULE);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].byte_start..f[0].byte_end], "百 * 家 * 乐");
        assert_eq!((f[0].char_start, f[0].char_end), (3, 12));
        assert_eq!(f[0].kind, Kind::Sensitive);
        assert_eq!(f[0].severity, crate::Severity::Error);
        assert!(f[0].message.contains("百家乐"), "{}", f[0].message);
    }

    #[test]
    fn plain_matches_are_left_to_the_terms_family() {
        assert_quiet("首页底部出现百家乐链接。", RULE);
        let all = crate::rules::test_util::checker().check("出现百家乐链接");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].rule, "gambling-spam");
    }

    #[test]
    fn too_much_noise_line_breaks_and_sentence_ends_break_a_match() {
        assert_quiet("百    家乐", RULE);
        assert_quiet("百家\n乐", RULE);
        assert_quiet("百 家\r\n乐", RULE);
        assert_quiet("一百家。乐园", RULE);
        assert_quiet("百家，乐", RULE);
        // A stray space between two words is not evasion: noise must be in every gap, or be
        // more than spaces.
        assert_quiet("南京六合 彩虹桥", RULE);
        assert_quiet("百   家乐", RULE);
    }

    #[test]
    fn latin_terms_fold_case_and_full_width_but_keep_word_boundaries() {
        let texts = disguised_with("bet365\t\tsensitive\tgambling-spam\terror\t\ttest\n");
        assert_eq!(texts("访问BeT365官网"), ["BeT365"]);
        assert_eq!(texts("访问ＢＥＴ３６５官网"), ["ＢＥＴ３６５"]);
        assert_eq!(texts("访问b.e.t.3.6.5官网"), ["b.e.t.3.6.5"]);
        assert!(texts("访问bet365官网").is_empty()); // the terms family reports it
        assert!(texts("see ABET3650 codes").is_empty());
    }

    #[test]
    fn numbers_padded_names_and_ascii_sentence_punctuation_are_not_disguise() {
        let texts = disguised_with(
            "13亿\t\tsensitive\tgambling-spam\terror\t\ttest\n\
                 赌场\t\tsensitive\tgambling-spam\terror\t\ttest\n\
                 特马\t\tsensitive\tgambling-spam\terror\t\ttest\n\
                 破 解\t\tsensitive\tgambling-spam\terror\t\ttest\n",
        );
        assert!(texts("人口达1.3亿人").is_empty());
        assert!(texts("人口达１．３亿人").is_empty());
        assert!(texts("名单：赌　场、王　五").is_empty()); // two characters padded in a list
        assert!(texts("打击赌,场外交易").is_empty());
        assert!(texts("软件破解").is_empty()); // a term holding noise is matched as written
        assert!(texts("会见阿尔伯特·马丁先生").is_empty());
        assert_eq!(texts("特*马"), ["特*马"]);
        assert_eq!(texts("1*3*亿"), ["1*3*亿"]);
        assert_eq!(texts("赌_场"), ["赌_场"]);
        assert_eq!(texts("进入网 上 赌 场"), ["网 上 赌 场"]);
        assert!(texts("标题\n　网　上　赌　场\n正文").is_empty()); // a letter-spaced heading
    }

    #[test]
    fn ordinary_prose_stays_quiet() {
        for text in [
            "严厉打击赌博违法犯罪，依法开具发票。",
            "全市 100 家企业参与，六合区彩虹社区。",
            "南京市六合区 彩虹社区",
            "a * b = 百 / 家",
            "代 表 开 会",
        ] {
            assert_quiet(text, RULE);
        }
    }

    #[test]
    fn noise_detection_and_folding() {
        for c in [' ', '*', '.', '\u{200B}', '\u{FEFF}', '\u{2060}', '＊', '★'] {
            assert!(is_noise(c), "{c:?}");
        }
        for c in ['\n', '，', '。', '、', '！', '百', 'a', '“'] {
            assert!(!is_noise(c), "{c:?}");
        }
        assert_eq!(fold('Ａ'), 'a');
        assert_eq!(fold('ｂ'), 'b');
        assert_eq!(fold('３'), '3');
        assert_eq!(fold('Q'), 'q');
        assert_eq!(fold('百'), '百');
    }
}
