//! # Idiom near-misses
//!
//! **What it flags** (`idiom-near-miss`): four characters that are a four-character idiom
//! (成语) with one character replaced by a common character of the same pinyin, tone ignored
//! (`严惩不怠` for 严惩不贷: 怠 and 贷 are both *dai*), or with two adjacent characters swapped
//! (`束手缚脚` written `束缚手脚` is left alone, see below; `破釜沉舟` written `破釜舟沉`).
//!
//! **Why**: an idiom is a fixed form; a pinyin input method offers every character of the same
//! syllable, and the wrong one reads as a 错别字 — the kind of error that 《咬文嚼字》 lists every
//! year (严惩不怠 in 2015) and that inspections of government sites count.
//!
//! **Example**: `对腐败分子严惩不怠` → `idiom-near-miss` on `严惩不怠`, suggestion `严惩不贷`.
//!
//! **What to write instead**: the idiom.
//!
//! **How**: the idioms are jieba's four-character words tagged `i`; listing every near-miss form
//! would take about a million dictionary entries, so `scripts/gen_idiom_index.py` writes a sorted
//! table of masked keys (the idiom with one character replaced by 〇, then that character) that
//! each window of four CJK characters is looked up in, in place.
//!
//! **Opt-in**: reported only when selected by its id (`--select idiom-near-miss`, or
//! `select = ["idiom-near-miss"]` in the configuration). Every window of four CJK characters is
//! looked up: even behind the gates below this adds about 60% to the instructions of a default
//! check of government prose or laws (BENCHMARKS.md, "Issue 14, session 7: idiom near-misses
//! …"), which issue 14's whole-process speed goal cannot afford. The listed idiom misspellings
//! of `terms/typos_idioms.tsv` stay on by default.
//!
//! **Not flagged**: a replacing character outside the 3,500 common ones, or whose first reading is
//! not a reading of the idiom's character; a replacing character that makes a word with a
//! neighbour (决不放弃 for 绝不放弃), a swapped pair that is a word itself (相互/互相), a middle
//! swap between two words (束缚手脚 for 束手缚脚); forms that
//! are words of jieba's dictionary or parts of longer ones, terms of the other dictionaries and forms
//! found in the clean corpora (`dictionaries/rules/idiom_quiet.tsv`); a window that cuts through a
//! word of the text (`大规模技术`).

use std::sync::LazyLock;

use crate::finding::{Applicability, Finding};
use crate::rules::{rule_meta, Context, Family, RuleMeta};

pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "idiom-near-miss",
    family: "idioms",
    kind: Typo,
    severity: Warning,
    summary: "an idiom with one character replaced by a homophone, or two characters swapped (严惩不怠)",
    explanation: "Idioms (成语) are fixed forms. A pinyin input method offers every character of \
        the syllable typed, and the wrong one (严惩不怠 for 严惩不贷, 齐心协力 written 齐心协立) is a \
        错别字 that 《咬文嚼字》 lists every year and inspections of government sites count. Write the \
        idiom as suggested. Opt-in (--select idiom-near-miss): every run of four characters is \
        looked up, which adds about 60% to the time of a default check.",
    source: "成语词形据《现代汉语词典》第7版及 jieba 词典成语条目（标注 i）；同音据 pypinyin 汉字拼音表（MIT）；\
        《咬文嚼字》年度十大语文差错",
    fires: ["对腐败分子严惩不怠。", "他们破釜舟沉，背水一战。"],
    quiet: ["对腐败分子严惩不贷。", "决不放弃，相互联系，大规模技术改造。"],
    opt_in: true,
}];

const MASK: &[u8] = "〇".as_bytes();
/// Bytes of a key line: four characters (one of them 〇), the masked character, `\n`.
const KEY_LINE: usize = 16;
/// Bytes of a quiet line: four characters, `\n`.
const QUIET_LINE: usize = 13;
/// Two-character jieba words at least this frequent count as words (the generator's PAIR_FREQ).
const PAIR_FREQ: usize = 3;

/// The lines of an embedded table after its `#` comment lines.
fn data(table: &'static str) -> &'static [u8] {
    let mut at = 0;
    while table[at..].starts_with('#') {
        at += table[at..].find('\n').map_or(table.len() - at, |n| n + 1);
    }
    &table.as_bytes()[at..]
}

static KEYS: LazyLock<&'static [u8]> =
    LazyLock::new(|| data(crate::embedded::RULES_IDIOM_KEYS_TSV));
static QUIET: LazyLock<&'static [u8]> =
    LazyLock::new(|| data(crate::embedded::RULES_IDIOM_QUIET_TSV));

/// Bits of the gate of masked forms: 2^21 bits = 256 KB, about 8% set by the 88k key lines.
const FORM_BITS: usize = 1 << 21;
/// Bits of the gate of whole idioms: 2^19 bits = 64 KB, about 8% set by 22k idioms.
const IDIOM_BITS: usize = 1 << 19;

/// Hashed bitsets in front of the table: `forms` holds every masked form (the first 12 bytes of
/// each key line), `idioms` every idiom. A bit that is not set proves that the table has no
/// such line, so a window of ordinary prose costs seven gate tests instead of seven searches of
/// the 88k-line table. The hash of a form is a sum over its four characters of a hash of the
/// character and its position, so the hashes of a window's four masked forms and three swaps
/// come from the window's own by adding and subtracting a few terms.
///
/// In front of those, three one-probe bitsets of character pairs (`first`, `last`, `ends`):
/// a substitution at position 0 or 1, or a swap of 0 and 1, leaves the idiom's last two
/// characters; one at 2 or 3, or a swap of 2 and 3, its first two; a swap of the middle two
/// its first and last. A window none of whose pairs is an idiom's costs three tests.
struct Gates {
    forms: Vec<u64>,
    idioms: Vec<u64>,
    first: Vec<u64>,
    last: Vec<u64>,
    ends: Vec<u64>,
}

/// Bits of each pair gate: 2^18 bits = 32 KB, about 8% set by 22k idioms.
const PAIR_BITS: usize = 1 << 18;

/// The pair-gate bit of the two 3-byte characters `a` and `b`.
#[inline(always)]
fn pair_bit(a: &[u8], b: &[u8]) -> usize {
    let k = code(a) << 24 | code(b);
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS.trailing_zeros())) as usize
}

#[inline(always)]
fn pair_has(bits: &[u64], a: &[u8], b: &[u8]) -> bool {
    let bit = pair_bit(a, b);
    bits[bit / 64] >> (bit % 64) & 1 == 1
}

fn pair_set(bits: &mut [u64], a: &[u8], b: &[u8]) {
    let bit = pair_bit(a, b);
    bits[bit / 64] |= 1 << (bit % 64);
}

/// A 3-byte character as a number.
#[inline(always)]
fn code(c: &[u8]) -> u64 {
    u64::from(c[0]) << 16 | u64::from(c[1]) << 8 | u64::from(c[2])
}

/// The hash term of a character (as [`code`]) at position `j` of a form.
#[inline(always)]
fn term(v: u64, j: usize) -> u64 {
    const SALT: [u64; 4] = [
        0x243F_6A88_85A3_08D3,
        0x1319_8A2E_0370_7344,
        0xA409_3822_299F_31D0,
        0x082E_FA98_EC4E_6C89,
    ];
    (v ^ SALT[j])
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}

/// The two bits of hash `h` in a gate of `len` bits (a power of two): a Bloom filter with two
/// probes, so a form not in the table passes a gate about 8%² ≈ 0.7% of the time.
#[inline(always)]
fn gate_bits(len: usize, h: u64) -> [usize; 2] {
    let b = len.trailing_zeros();
    let x = h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    [
        (x >> (64 - b)) as usize,
        (x >> (64 - 2 * b)) as usize & (len - 1),
    ]
}

/// Whether both bits of hash `h` are set in `bits` of `len` bits.
#[inline(always)]
fn gate_has(bits: &[u64], len: usize, h: u64) -> bool {
    gate_bits(len, h)
        .iter()
        .all(|&bit| bits[bit / 64] >> (bit % 64) & 1 == 1)
}

fn gate_set(bits: &mut [u64], len: usize, h: u64) {
    for bit in gate_bits(len, h) {
        bits[bit / 64] |= 1 << (bit % 64);
    }
}

/// The hash of the four 3-byte characters `chars`.
fn form_hash(chars: [&[u8]; 4]) -> u64 {
    (0..4).fold(0u64, |h, j| h.wrapping_add(term(code(chars[j]), j)))
}

static GATES: LazyLock<Gates> = LazyLock::new(|| {
    let mut g = Gates {
        forms: vec![0; FORM_BITS / 64],
        idioms: vec![0; IDIOM_BITS / 64],
        first: vec![0; PAIR_BITS / 64],
        last: vec![0; PAIR_BITS / 64],
        ends: vec![0; PAIR_BITS / 64],
    };
    for line in KEYS.chunks_exact(KEY_LINE) {
        let h = form_hash([&line[..3], &line[3..6], &line[6..9], &line[9..12]]);
        gate_set(&mut g.forms, FORM_BITS, h);
        if &line[..3] == MASK {
            // One line per idiom has its first character masked.
            let idiom = [&line[12..15], &line[3..6], &line[6..9], &line[9..12]];
            gate_set(&mut g.idioms, IDIOM_BITS, form_hash(idiom));
            pair_set(&mut g.first, idiom[0], idiom[1]);
            pair_set(&mut g.last, idiom[2], idiom[3]);
            pair_set(&mut g.ends, idiom[0], idiom[3]);
        }
    }
    g
});

/// Which near-miss shapes the window `w` can be, by the gates: a substitution at `sub[i]`, a
/// swap of `i` and `i + 1` at `swap[i]`.
#[derive(Clone, Copy)]
struct Shapes {
    sub: [bool; 4],
    swap: [bool; 3],
}

impl Shapes {
    /// Every shape (no gate), for tests.
    #[cfg(test)]
    const ALL: Shapes = Shapes {
        sub: [true; 4],
        swap: [true; 3],
    };

    #[inline(always)]
    fn of(g: &Gates, w: &[u8]) -> Shapes {
        let mut out = Shapes {
            sub: [false; 4],
            swap: [false; 3],
        };
        let last = pair_has(&g.last, &w[6..9], &w[9..12]);
        let first = pair_has(&g.first, &w[..3], &w[3..6]);
        let ends = pair_has(&g.ends, &w[..3], &w[9..12]);
        if !(first || last || ends) {
            return out;
        }
        let v = [
            code(&w[..3]),
            code(&w[3..6]),
            code(&w[6..9]),
            code(&w[9..12]),
        ];
        let t = [term(v[0], 0), term(v[1], 1), term(v[2], 2), term(v[3], 3)];
        let total = t[0]
            .wrapping_add(t[1])
            .wrapping_add(t[2])
            .wrapping_add(t[3]);
        let mask = code(MASK);
        for (i, &ti) in t.iter().enumerate() {
            if !(if i < 2 { last } else { first }) {
                continue;
            }
            let h = total.wrapping_sub(ti).wrapping_add(term(mask, i));
            out.sub[i] = gate_has(&g.forms, FORM_BITS, h);
        }
        for i in 0..3 {
            if ![last, ends, first][i] {
                continue;
            }
            let h = total
                .wrapping_sub(t[i])
                .wrapping_sub(t[i + 1])
                .wrapping_add(term(v[i + 1], i))
                .wrapping_add(term(v[i], i + 1));
            out.swap[i] = v[i] != v[i + 1] && gate_has(&g.idioms, IDIOM_BITS, h);
        }
        out
    }

    fn any(self) -> bool {
        self.sub.iter().chain(&self.swap).any(|&b| b)
    }
}

/// `char_pinyin.tsv` after its comments and header: lines `char<TAB>common<TAB>readings`, sorted
/// by character (byte order), searched in place.
static PINYIN: LazyLock<&'static [u8]> = LazyLock::new(|| {
    let d = data(crate::embedded::RULES_CHAR_PINYIN_TSV);
    let header = d
        .iter()
        .position(|&b| b == b'\n')
        .map_or(d.len(), |n| n + 1);
    &d[header..]
});

/// The row of character `c` (3 bytes): whether it is common, and its readings (`|`-separated,
/// the first reading first).
fn pinyin_of(c: &[u8]) -> Option<(bool, &'static [u8])> {
    let d = *PINYIN;
    let (mut lo, mut hi) = (0, d.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = d[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |n| lo + n + 1);
        let end = d[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(d.len(), |n| start + n);
        let line = &d[start..end];
        match line.get(..3).map(|k| k.cmp(c)) {
            Some(std::cmp::Ordering::Equal) => {
                let mut cells = line.split(|&b| b == b'\t').skip(1);
                let common = cells.next()? == b"1";
                return Some((common, cells.next()?));
            }
            Some(std::cmp::Ordering::Less) => lo = end + 1,
            _ => hi = start,
        }
    }
    None
}

/// The first line of the fixed-width `table` whose first `key.len()` bytes are not below `key`.
fn lower_bound(table: &[u8], width: usize, key: &[u8]) -> usize {
    let (mut lo, mut hi) = (0, table.len() / width);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if &table[mid * width..mid * width + key.len()] < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Whether `key` (16 bytes without the line end: masked form and character) is a line of the keys.
fn has_key(keys: &[u8], key: &[u8]) -> bool {
    let i = lower_bound(keys, KEY_LINE, key);
    (i + 1) * KEY_LINE <= keys.len() && &keys[i * KEY_LINE..i * KEY_LINE + key.len()] == key
}

/// Whether the 12-byte form `w` is an idiom.
fn is_idiom(keys: &[u8], w: &[u8]) -> bool {
    let mut key = [0u8; 15];
    key[..3].copy_from_slice(MASK);
    key[3..12].copy_from_slice(&w[3..12]);
    key[12..].copy_from_slice(&w[..3]);
    has_key(keys, &key)
}

fn is_word(w: &[u8]) -> bool {
    std::str::from_utf8(w)
        .ok()
        .and_then(crate::segment::word_freq)
        .is_some_and(|f| f >= PAIR_FREQ)
}

/// The written character is common and its first reading is a reading of the idiom's character.
fn homophone(written: &[u8], idiom: &[u8]) -> bool {
    let (Some((true, w)), Some((_, i))) = (pinyin_of(written), pinyin_of(idiom)) else {
        return false;
    };
    let first = w.split(|&b| b == b'|').next().unwrap_or(w);
    i.split(|&b| b == b'|').any(|r| r == first)
}

/// The idiom the 12-byte window `w` (four 3-byte CJK characters) is a near-miss of, trying only
/// the `shapes` its gates allow.
fn near_miss(keys: &[u8], w: &[u8], shapes: Shapes) -> Option<[u8; 12]> {
    let mut found = None;
    'sub: for i in 0..4 {
        if !shapes.sub[i] {
            continue;
        }
        let mut key = [0u8; 12];
        key.copy_from_slice(w);
        key[3 * i..3 * i + 3].copy_from_slice(MASK);
        let mut at = lower_bound(keys, KEY_LINE, &key);
        while (at + 1) * KEY_LINE <= keys.len() && keys[at * KEY_LINE..at * KEY_LINE + 12] == key {
            let orig = &keys[at * KEY_LINE + 12..at * KEY_LINE + 15];
            at += 1;
            let written = &w[3 * i..3 * i + 3];
            if orig == written || !homophone(written, orig) {
                continue;
            }
            if (i > 0 && is_word(&w[3 * i - 3..3 * i + 3]))
                || (i < 3 && is_word(&w[3 * i..3 * i + 6]))
            {
                continue 'sub;
            }
            let mut idiom = [0u8; 12];
            idiom.copy_from_slice(w);
            idiom[3 * i..3 * i + 3].copy_from_slice(orig);
            found = Some(idiom);
            break 'sub;
        }
    }
    if found.is_none() {
        for i in 0..3 {
            if !shapes.swap[i] || w[3 * i..3 * i + 3] == w[3 * i + 3..3 * i + 6] {
                continue;
            }
            let mut s = [0u8; 12];
            s.copy_from_slice(w);
            s[3 * i..3 * i + 3].copy_from_slice(&w[3 * i + 3..3 * i + 6]);
            s[3 * i + 3..3 * i + 6].copy_from_slice(&w[3 * i..3 * i + 3]);
            if !is_idiom(keys, &s) || is_word(&w[3 * i..3 * i + 6]) {
                continue;
            }
            // The middle swap of two words side by side (束缚手脚 for 束手缚脚) is a phrase.
            if i == 1 && is_word(&w[..6]) && is_word(&w[6..]) {
                continue;
            }
            found = Some(s);
            break;
        }
    }
    let idiom = found?;
    if is_idiom(keys, w) {
        return None;
    }
    let quiet = &*QUIET;
    let q = lower_bound(quiet, QUIET_LINE, w);
    if (q + 1) * QUIET_LINE <= quiet.len() && &quiet[q * QUIET_LINE..q * QUIET_LINE + 12] == w {
        return None;
    }
    Some(idiom)
}

/// A CJK character of the basic block (three bytes in UTF-8), as the tables hold.
fn cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[derive(Debug)]
pub(crate) struct Idioms {
    meta: &'static RuleMeta,
}

impl Idioms {
    pub(crate) fn new() -> Self {
        Idioms { meta: &RULES[0] }
    }
}

impl Family for Idioms {
    fn name(&self) -> &'static str {
        "idioms"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        if text.is_ascii() {
            return;
        }
        let keys = *KEYS;
        let gates = &*GATES;
        let bytes = text.as_bytes();
        // Start of the run of CJK characters the current one ends, and its length.
        let (mut run, mut skip_until) = (0usize, 0usize);
        for (at, c) in text.char_indices() {
            if !cjk(c) {
                run = 0;
                continue;
            }
            run += 1;
            if run < 4 {
                continue;
            }
            let start = at + 3 - 12;
            if start < skip_until {
                continue;
            }
            let w = &bytes[start..at + 3];
            let shapes = Shapes::of(gates, w);
            if !shapes.any() {
                continue;
            }
            let Some(idiom) = near_miss(keys, w, shapes) else {
                continue;
            };
            if crate::segment::cuts_through_word(text, start, at + 3) {
                continue;
            }
            let idiom = String::from_utf8_lossy(&idiom).into_owned();
            out.push(self.meta.finding(
                text,
                start..at + 3,
                format!("疑似成语错字：“{}”应为“{idiom}”", &text[start..at + 3]),
                vec![idiom],
                Applicability::Unsafe,
            ));
            skip_until = at + 3;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{assert_flags, checker, findings};

    const RULE: &str = "idiom-near-miss";

    #[test]
    fn is_opt_in() {
        assert!(checker()
            .check("对腐败分子严惩不怠。")
            .iter()
            .all(|f| f.rule != RULE));
        assert_eq!(findings("对腐败分子严惩不怠。", RULE).len(), 1);
    }

    #[test]
    fn flags_a_homophone_in_an_idiom() {
        assert_flags("对腐败分子严惩不怠。", RULE, "严惩不怠", Some("严惩不贷"));
        assert_flags("全体干部齐心协立。", RULE, "齐心协立", Some("齐心协力"));
    }

    #[test]
    fn flags_two_swapped_characters() {
        assert_flags(
            "他们破釜舟沉，背水一战。",
            RULE,
            "破釜舟沉",
            Some("破釜沉舟"),
        );
    }

    #[test]
    fn stays_quiet_on_idioms_and_phrases_that_resemble_them() {
        for text in [
            "对腐败分子严惩不贷，破釜沉舟。",
            // The written character makes a word with its neighbour.
            "我们决不放弃。",
            // Two words side by side, the idiom's middle characters swapped.
            "不要束缚手脚。",
            // A swapped pair that is a word itself.
            "各部门相互联系。",
            // The window cuts through a word of the text.
            "推进大规模技术改造。",
            "加强党的建设，下大气力解决问题。",
        ] {
            assert!(
                findings(text, RULE).is_empty(),
                "{text}: {:?}",
                findings(text, RULE)
            );
        }
    }

    /// The gates drop no near-miss: on texts made of variants of many idioms (every
    /// substitution by a character of a neighbouring idiom, every adjacent swap, and the rule's
    /// own examples), each window gives the same answer with the gates as with every shape.
    #[test]
    fn the_gates_drop_no_near_miss() {
        let keys = *super::KEYS;
        let gates = &*super::GATES;
        let idioms: Vec<[u8; 12]> = keys
            .chunks_exact(super::KEY_LINE)
            .take_while(|l| &l[..3] == super::MASK)
            .step_by(7)
            .map(|l| {
                let mut w = [0u8; 12];
                w[..3].copy_from_slice(&l[12..15]);
                w[3..].copy_from_slice(&l[3..12]);
                w
            })
            .collect();
        assert!(idioms.len() > 2_000);
        let mut windows: Vec<Vec<u8>> = Vec::new();
        for (n, idiom) in idioms.iter().enumerate() {
            let other = &idioms[(n + 1) % idioms.len()];
            for i in 0..4 {
                for j in 0..4 {
                    let mut w = idiom.to_vec();
                    w[3 * i..3 * i + 3].copy_from_slice(&other[3 * j..3 * j + 3]);
                    windows.push(w);
                }
            }
            for i in 0..3 {
                let mut w = idiom.to_vec();
                w[3 * i..3 * i + 6].rotate_left(3);
                windows.push(w);
            }
        }
        for text in ["严惩不怠", "齐心协立", "破釜舟沉", "束缚手脚", "相互联系"]
        {
            windows.push(text.as_bytes().to_vec());
        }
        let mut hits = 0;
        for w in &windows {
            let all = super::near_miss(keys, w, super::Shapes::ALL);
            let shapes = super::Shapes::of(gates, w);
            let gated = if shapes.any() {
                super::near_miss(keys, w, shapes)
            } else {
                None
            };
            assert_eq!(gated, all, "{}", String::from_utf8_lossy(w));
            hits += usize::from(all.is_some());
        }
        // Not vacuous: swaps and the examples are near-misses.
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn the_tables_are_sorted_fixed_width_lines() {
        let keys = *super::KEYS;
        assert_eq!(keys.len() % super::KEY_LINE, 0);
        assert!(keys.len() > 50_000 * super::KEY_LINE);
        let lines: Vec<&[u8]> = keys.chunks(super::KEY_LINE).collect();
        assert!(lines.windows(2).all(|p| p[0] < p[1]));
        assert!(lines.iter().all(|l| l[15] == b'\n'));
        let quiet = *super::QUIET;
        assert_eq!(quiet.len() % super::QUIET_LINE, 0);
        let q: Vec<&[u8]> = quiet.chunks(super::QUIET_LINE).collect();
        assert!(q.windows(2).all(|p| p[0] < p[1]));
    }
}
