//! # Near-misses of protected names
//!
//! **What it flags** (`protected-name-variant`): a variant of a protected name or formulation
//! (`dictionaries/rules/protected_names.tsv`: the state's name, Party and state bodies, courts and
//! procuratorates, autonomous regions and places, fixed formulations) at one edit:
//! - a character replaced inside the name (`中华人民共合国`, `中华人民大和国`, `中共人民共和国`);
//! - a character dropped or added inside it (`齐齐哈市`, `习近平近新时代中国特色社会主义思想`);
//! - two neighbouring characters swapped (`中华人民和共国`).
//!
//! Only listed names are protected, but every variant of them is caught: the dictionaries of
//! known misspellings list a few forms each, inspections count any wrong character.
//!
//! **Why**: a wrong character in the state's name, a body's name or a fixed formulation is a
//! serious expression error (严重表述错误) that vetoes a government site at inspection.
//!
//! Generic names of bodies that follow a place or a level (`mode` `body` in the table: 检察院,
//! 人民法院) are protected the same way, by their confusable replacements, but only where the text
//! names a body: after a place or level (`榆林市检查院`, `县人民检查院`, `最高人民检查院`, `军事检查院`)
//! or as a member of a list of bodies (`市法院、检查院、公安局`). 检查 is also a verb, so the
//! variant stays quiet elsewhere and wherever the next character makes a word with the last one
//! (`检查院内卫生` is 检查 + 院内, `全市检查院校` is 检查 + 院校).
//!
//! **Not flagged**: the first or last character replaced (the end of a name is where real,
//! related names differ: 人民检察院/人民检察员), an added function character (的、之、和、与、及),
//! a variant that is itself a listed name, and a name shorter than 5 characters unless the
//! replacement is a listed confusable character (`dictionaries/sources/confusables.tsv`: same
//! pinyin, similar shape or observed in published errors, 扫黑险恶) or a swap.
//!
//! **Example**: `依据中华人民共合国政府信息公开条例` → `protected-name-variant` on `中华人民共合国`,
//! suggestion `中华人民共和国`.
//!
//! **What to write instead**: the protected form.
//!
//! **How**: each name is split in two halves; a single edit leaves one half intact, so an
//! automaton over the halves finds every candidate, and the windows around each hit are compared
//! with the name.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{punctuation::is_han, rule_meta, Context, Family, List, RuleMeta};

const TABLE: &str = crate::embedded::RULES_PROTECTED_NAMES_TSV;
const LEADERS: &str = crate::embedded::RULES_LEADERS_TSV;
const CONFUSABLES: &str = crate::embedded::SOURCES_CONFUSABLES_TSV;

/// Names of at least this many characters accept any Chinese character as a replacement.
const ANY_FROM: usize = 5;

/// Characters whose insertion makes a legitimate phrase (中华民族的伟大复兴).
const FUNCTION_CHARS: &[char] = &['的', '之', '和', '与', '及', '、', '地', '得'];

/// Characters that make a word with a body name's last character 院 (院内, 院校, 院落 …, words of
/// jieba's dictionary that start with 院, and 院感): after them a variant such as 检查院 is the
/// verb 检查 followed by that word.
const AFTER_YUAN: &[char] = &[
    '内', '外', '落', '子', '校', '士', '中', '里', '门', '墙', '系', '方', '本', '所', '务', '前',
    '刊', '庆', '坝', '部', '辖', '貌', '级', '址', '团', '区', '会', '线', '容', '感', '长',
];

/// Text right before a body's name that makes it a body's name: a level (最高人民检察院, 基层,
/// 军事, 铁路运输) or 人民 (县人民检察院).
const BODY_LEVELS: &[&str] = &[
    "人民", "最高", "军事", "运输", "专门", "基层", "各级", "上级", "下级", "本级", "同级", "两级",
    "三级", "分",
];

/// Last characters of place names (榆林市, 朝阳区, 延边朝鲜族自治州, 阿拉善盟).
const PLACE_ENDS: &[char] = &['省', '市', '县', '区', '州', '旗', '盟'];

/// Last characters of bodies' names, before a list separator (市法院、检查院).
const BODY_ENDS: &[char] = &[
    '院', '局', '委', '厅', '部', '办', '会', '庭', '所', '队', '府', '署',
];

/// A protected name: its characters, source, whether only swaps count and whether it is a
/// formulation (a phrase, where a dropped character often leaves another correct phrase:
/// 中国式现代化 → 中国现代化, 以人民为中心 → 以人为中心).
type Term = (Vec<char>, &'static str, bool, bool);

struct Index {
    /// Name, source, and whether only a swap of two neighbours counts (leaders' names: a name
    /// one character off is someone else's, and leader_title.rs judges those next to a title).
    terms: Vec<Term>,
    /// For pattern `k` of the automaton, every half of a name found inside it: (term, char
    /// offset of the half in the term, byte offset of the half in the pattern). A match of a
    /// longer half (中华人民) hides the shorter ones it contains (中华人), so they come along.
    halves: Vec<Vec<(usize, usize, usize)>>,
    /// The lists of the shared scan ([`List`]): the halves, the names but bodies' and the
    /// confusable variants of bodies' names.
    lists: [Vec<String>; 3],
    /// Each name as a string.
    full: Vec<String>,
    /// For each name, the byte length of its first `i` characters, for every `i`.
    prefix_bytes: Vec<Vec<usize>>,
    /// char -> characters it is confused with.
    confusable: HashMap<char, Vec<char>>,
    /// For each confusable variant of a body's name (mode `body`, 检查院 for 检察院), the index
    /// of its name in `terms`; reported only where the text names a body.
    body_of: Vec<usize>,
}

fn index() -> Index {
    let mut terms = Vec::new();
    const COLUMNS: [&str; 4] = ["term", "category", "mode", "source"];
    let table = crate::tsv::read("protected_names.tsv", TABLE, &COLUMNS)
        .and_then(|t| t.require("protected_names.tsv", &COLUMNS).map(|()| t))
        .unwrap_or_else(|e| panic!("{e}"));
    // Bodies' generic names go after every other name: the automata of halves and of exact
    // names cover `terms[..bodies_from]` only.
    let mut bodies: Vec<Term> = Vec::new();
    for (_, cells) in &table.rows {
        let [term, category, mode, source] = COLUMNS.map(|c| table.cell(cells, c));
        if mode == "body" {
            bodies.push((term.chars().collect(), source, false, false));
            continue;
        }
        terms.push((
            term.chars().collect::<Vec<char>>(),
            source,
            false,
            category == "formulation",
        ));
    }
    // Leaders' names (习平近 for 习近平): swaps only.
    let leaders_table = crate::tsv::read(
        "leaders.tsv",
        LEADERS,
        &["name", "office", "from", "until", "source"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut leaders: Vec<&'static str> = leaders_table
        .rows
        .iter()
        .map(|(_, cells)| leaders_table.cell(cells, "name"))
        .filter(|n| n.chars().count() >= 3)
        .collect();
    leaders.sort_unstable();
    leaders.dedup();
    for name in leaders {
        if !terms
            .iter()
            .any(|(t, ..)| t.iter().copied().eq(name.chars()))
        {
            terms.push((
                name.chars().collect(),
                "dictionaries/rules/leaders.tsv",
                true,
                false,
            ));
        }
    }
    let bodies_from = terms.len();
    let mut patterns: Vec<String> = Vec::new();
    let mut halves: Vec<Vec<(usize, usize)>> = Vec::new();
    for (t, (chars, ..)) in terms.iter().enumerate() {
        let mid = chars.len() / 2;
        for (from, to) in [(0, mid), (mid, chars.len())] {
            let half: String = chars[from..to].iter().collect();
            match patterns.iter().position(|p| *p == half) {
                Some(k) => halves[k].push((t, from)),
                None => {
                    patterns.push(half);
                    halves.push(vec![(t, from)]);
                }
            }
        }
    }
    // For each pattern, the patterns inside it, as `match_indices` finds them (left to right,
    // not overlapping), from a lookup of its substrings rather than a search for every pattern.
    let index_of: HashMap<&str, usize> = patterns
        .iter()
        .enumerate()
        .rev()
        .map(|(j, q)| (q.as_str(), j))
        .collect();
    let halves: Vec<Vec<(usize, usize, usize)>> = patterns
        .iter()
        .map(|p| {
            let bounds: Vec<usize> = p
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(p.len()))
                .collect();
            let mut inside: Vec<(usize, usize)> = Vec::new();
            let mut last_end: HashMap<usize, usize> = HashMap::new();
            for (x, &from) in bounds.iter().enumerate() {
                for &to in &bounds[x + 1..] {
                    if let Some(&j) = index_of.get(&p[from..to]) {
                        if last_end.get(&j).is_none_or(|&end| from >= end) {
                            last_end.insert(j, to);
                            inside.push((j, from));
                        }
                    }
                }
            }
            inside.sort_unstable();
            inside
                .into_iter()
                .flat_map(|(j, at)| halves[j].iter().map(move |&(t, off)| (t, off, at)))
                .collect()
        })
        .collect();
    let mut confusable: HashMap<char, Vec<char>> = HashMap::new();
    let table = crate::tsv::read(
        "confusables.tsv",
        CONFUSABLES,
        &["char", "homophones", "near_shape", "observed"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for (_, cells) in &table.rows {
        let Some(c) = table.cell(cells, "char").chars().next() else {
            continue;
        };
        let subs = confusable.entry(c).or_default();
        for column in ["homophones", "near_shape", "observed"] {
            subs.extend(
                table
                    .cell(cells, column)
                    .split('|')
                    .filter_map(|s| s.chars().next()),
            );
        }
    }
    // Each body's name with one inner character replaced by a confusable one.
    let mut variants: Vec<String> = Vec::new();
    let mut body_of: Vec<usize> = Vec::new();
    // The first character may be the replaced one too (捡察院): the context decides, not the
    // word; the last one may not (检察员 is a person, not a body).
    for (b, (chars, ..)) in bodies.iter().enumerate() {
        for i in 0..chars.len().saturating_sub(1) {
            for &c in confusable.get(&chars[i]).map_or(&[][..], Vec::as_slice) {
                if c == chars[i] || !is_han(c) || FUNCTION_CHARS.contains(&c) {
                    continue;
                }
                let mut v = chars.clone();
                v[i] = c;
                let v: String = v.into_iter().collect();
                if !variants.contains(&v) {
                    variants.push(v);
                    body_of.push(bodies_from + b);
                }
            }
        }
    }
    terms.extend(bodies);
    let full: Vec<String> = terms.iter().map(|(c, ..)| c.iter().collect()).collect();
    let prefix_bytes = terms
        .iter()
        .map(|(c, ..)| {
            (0..=c.len())
                .map(|i| c[..i].iter().map(|c| c.len_utf8()).sum())
                .collect()
        })
        .collect();
    Index {
        lists: [patterns, full[..bodies_from].to_vec(), variants],
        body_of,
        full,
        prefix_bytes,
        terms,
        halves,
        confusable,
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(index);

/// The pattern lists of [`List::ProtectedHalves`], [`List::ProtectedNames`] and
/// [`List::ProtectedBodies`].
pub(crate) fn lists() -> &'static [Vec<String>; 3] {
    &INDEX.lists
}

/// Whether a body's name written at `s..e` of `text` stands where the text names a body (see the
/// module docs): after a level, 人民 or a place, or after a list separator that follows another
/// body's name; and not followed by a character that makes a word with its last character.
fn names_a_body(text: &str, s: usize, e: usize) -> bool {
    if text[e..]
        .chars()
        .next()
        .is_some_and(|c| AFTER_YUAN.contains(&c))
    {
        return false;
    }
    let before = &text[..s];
    if BODY_LEVELS.iter().any(|l| before.ends_with(l)) {
        return true;
    }
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if PLACE_ENDS.contains(&c) => true,
        Some('、' | '和' | '与' | '及' | '同') => {
            back.next().is_some_and(|c| BODY_ENDS.contains(&c))
        }
        _ => false,
    }
}

/// Whether `w` is `t` after one edit this rule reports (see the module docs).
fn one_edit(
    w: &[char],
    t: &[char],
    (swap_only, formulation): (bool, bool),
    confusable: &HashMap<char, Vec<char>>,
) -> bool {
    let n = t.len();
    if swap_only {
        return w.len() == n && {
            let diffs: Vec<usize> = (0..n).filter(|&i| w[i] != t[i]).collect();
            matches!(diffs.as_slice(), [i, j] if *j == i + 1 && w[*i] == t[*j] && w[*j] == t[*i])
        };
    }
    let long = n >= ANY_FROM;
    if w.len() == n {
        let diffs: Vec<usize> = (0..n).filter(|&i| w[i] != t[i]).collect();
        return match diffs.as_slice() {
            [i] => {
                let (i, c) = (*i, w[*i]);
                i > 0
                    && i + 1 < n
                    && is_han(c)
                    && !FUNCTION_CHARS.contains(&c)
                    && (long || confusable.get(&t[i]).is_some_and(|v| v.contains(&c)))
            }
            [i, j] => *j == i + 1 && w[*i] == t[*j] && w[*j] == t[*i],
            _ => false,
        };
    }
    if !long {
        return false;
    }
    if w.len() + 1 == n {
        // A character of a name dropped well inside it (齐齐哈市): w = t without t[i],
        // 2 <= i <= n - 2. Not in formulations, and not next to an end, where the rest is often
        // another correct phrase (健全人民代表大会 holds 全人民代表大会).
        return !formulation && (2..n - 1).any(|i| w[..i] == t[..i] && w[i..] == t[i + 1..]);
    }
    // A character added inside a formulation (习近平近新时代…); not in names, where an added
    // character makes another correct name (中华人民共和国副主席, 乌鲁木齐都市圈).
    if w.len() == n + 1 && formulation {
        return (1..n).any(|i| {
            is_han(w[i])
                && !FUNCTION_CHARS.contains(&w[i])
                && w[..i] == t[..i]
                && w[i + 1..] == t[i..]
        });
    }
    false
}

/// A quick test that every window [`one_edit`] reports passes: with `s0` the character index
/// where `term` would start (`offset` characters before byte `a`), the windows start at
/// `s0 - 1 ..= s0 + 1` and end at `s0 + n - 2 ..= s0 + n + 2`, and each begins with the term's
/// first or second character and ends with its last or second-to-last (a replaced character is
/// never the first or last, a dropped or added one never the first, a swap moves a first or last
/// character by one). False when no window can.
fn ends_may_match(text: &str, a: usize, offset: usize, term: &[char]) -> bool {
    let n = term.len() as isize;
    let mut from = a;
    let mut back = 0isize;
    for (i, _) in text[..a].char_indices().rev().take(offset + 1) {
        from = i;
        back += 1;
    }
    let (first, last) = (
        [term[0], term[1]],
        [term[term.len() - 1], term[term.len() - 2]],
    );
    let mut start_ok = false;
    for (r, c) in (offset as isize - back..).zip(text[from..].chars()) {
        if r > n + 1 {
            break;
        }
        if (-1..=1).contains(&r) && first.contains(&c) {
            start_ok = true;
        }
        if start_ok && r >= n - 3 && last.contains(&c) {
            return true;
        }
    }
    false
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "protected-name-variant",
    family: "protected_names",
    kind: Expression,
    severity: Error,
    summary: "a protected name or formulation with one character replaced, dropped, added or \
        swapped (中华人民共合国, 齐齐哈市)",
    explanation: "A wrong character in the name of the state, of a Party or state body, of a \
        place or in a fixed formulation of the Party is a serious expression error \
        (严重表述错误) that can veto a government site at inspection, and dictionaries of known \
        misspellings list only a few forms of each name. Every variant at one edit of a listed \
        name is flagged (first and last characters, function characters and other listed names \
        excepted). Write the protected form the suggestion gives.",
    source: "dictionaries/rules/protected_names.tsv (宪法、党章、行政区划简册、党的二十大报告); \
        confusables: dictionaries/sources/confusables.tsv",
    fires: ["依据中华人民大和国宪法。", "齐齐哈市召开会议。"],
    quiet: ["依据中华人民共和国政府信息公开条例。", "齐齐哈尔市召开会议。"],
}];

/// The protected-names family.
#[derive(Debug)]
pub(crate) struct ProtectedNames {
    meta: &'static RuleMeta,
}

impl ProtectedNames {
    pub(crate) fn new() -> ProtectedNames {
        ProtectedNames { meta: &RULES[0] }
    }
}

impl Family for ProtectedNames {
    fn name(&self) -> &'static str {
        "protected_names"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        if text.is_ascii() {
            return;
        }
        let ix = &*INDEX;
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (s, e, k) in leftmost_longest(cx.occurrences(List::ProtectedBodies), 0) {
            if names_a_body(text, s, e) {
                found.push((s, e, ix.body_of[k]));
            }
        }
        let halves = cx.occurrences(List::ProtectedHalves);
        let spans: Vec<(usize, usize, usize)> = leftmost_longest(halves, 0).collect();
        if spans.is_empty() && found.is_empty() {
            return;
        }
        // Halves that start inside another hit (特色社会主义思想 inside 中国特色|社会主义…) are
        // hidden by the leftmost-longest scan: scan again after each hit's first character (a
        // scan from there on, as far as its matches start inside the hit).
        let mut hits: Vec<(usize, usize)> = spans.iter().map(|&(s, _, k)| (s, k)).collect();
        for &(s, e, _) in &spans {
            let from = s + text[s..].chars().next().map_or(1, char::len_utf8);
            if from < e {
                hits.extend(
                    leftmost_longest(halves, from)
                        .take_while(|m| m.0 < e)
                        .map(|(a, _, k)| (a, k)),
                );
            }
        }
        hits.sort_unstable();
        hits.dedup();
        let exact: Vec<(usize, usize, usize)> =
            leftmost_longest(cx.occurrences(List::ProtectedNames), 0).collect();
        for &(a, k) in &hits {
            for &(t, offset, shift) in &ix.halves[k] {
                let a = a + shift;
                let (term, _, swap_only, formulation) = &ix.terms[t];
                let n = term.len();
                // The name written correctly where this half puts it, and found so by the exact
                // scan: every window below overlaps it, so none is reported (most hits).
                let (before, whole) = (&ix.prefix_bytes[t][offset], &ix.full[t]);
                if let Some(p) = a.checked_sub(*before).filter(|_| n >= 2) {
                    if text.as_bytes()[p..].starts_with(whole.as_bytes())
                        && exact.binary_search(&(p, p + whole.len(), t)).is_ok()
                    {
                        continue;
                    }
                }
                if n >= 2 && !ends_may_match(text, a, offset, term) {
                    continue;
                }
                // Char starts around the hit: `n + 2` characters on each side.
                let before: Vec<usize> = text[..a]
                    .char_indices()
                    .rev()
                    .take(n + 2)
                    .map(|(i, _)| i)
                    .collect();
                let after: Vec<(usize, char)> = text[a..]
                    .char_indices()
                    .take(2 * n + 3)
                    .map(|(i, c)| (a + i, c))
                    .collect();
                let mut starts: Vec<usize> = before.into_iter().rev().collect();
                let base = starts.len();
                starts.extend(after.iter().map(|&(i, _)| i));
                let chars: Vec<char> = text[starts[0]..].chars().take(starts.len()).collect();
                let end_of = |j: usize| -> usize {
                    starts
                        .get(j)
                        .copied()
                        .unwrap_or_else(|| starts[j - 1] + chars[j - 1].len_utf8())
                };
                for d in [0isize, -1, 1] {
                    let Some(s) = (base as isize - offset as isize + d)
                        .try_into()
                        .ok()
                        .filter(|&s: &usize| s < chars.len())
                    else {
                        continue;
                    };
                    for len in [n, n - 1, n + 1] {
                        if s + len > chars.len() || len == 0 {
                            continue;
                        }
                        let w = &chars[s..s + len];
                        if w == term.as_slice()
                            || !one_edit(w, term, (*swap_only, *formulation), &ix.confusable)
                        {
                            continue;
                        }
                        let (ws, we) = (starts[s], end_of(s + len));
                        // Not where the name itself is written, nor inside another listed
                        // name written correctly.
                        if exact
                            .iter()
                            .any(|&(x, y, u)| (u == t && x < we && ws < y) || (x <= ws && we <= y))
                        {
                            continue;
                        }
                        found.push((ws, we, t));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|f| (f.0, f.1));
        let mut last_end = 0;
        for (ws, we, t) in found {
            if ws < last_end {
                continue;
            }
            last_end = we;
            let right: String = ix.terms[t].0.iter().collect();
            let mut f = self.meta.finding(
                text,
                ws..we,
                format!("受保护名称疑似写错：“{}”，应为“{right}”。", &text[ws..we]),
                vec![right],
                Applicability::Unsafe,
            );
            f.source = ix.terms[t].1.to_string();
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::assert_quiet;
    use crate::{Checker, Date, Selector};

    const RULE: &str = "protected-name-variant";

    /// `ends_may_match` (the quick test before the windows are compared) passes every variant
    /// `one_edit` accepts, wherever a half of the name is found in it.
    #[test]
    fn the_quick_test_passes_every_reported_variant() {
        let ix = &*super::INDEX;
        let mut checked = 0;
        for (t, (term, _, swap_only, formulation)) in ix.terms.iter().enumerate() {
            let n = term.len();
            if n < 2 {
                continue;
            }
            let mut variants: Vec<Vec<char>> = Vec::new();
            for i in 0..n {
                let mut v = term.clone();
                v[i] = '某';
                variants.push(v);
                if let Some(subs) = ix.confusable.get(&term[i]) {
                    for &c in subs {
                        let mut v = term.clone();
                        v[i] = c;
                        variants.push(v);
                    }
                }
                let mut v = term.clone();
                v.remove(i);
                variants.push(v);
                let mut v = term.clone();
                v.insert(i, '某');
                variants.push(v);
                if i + 1 < n {
                    let mut v = term.clone();
                    v.swap(i, i + 1);
                    variants.push(v);
                }
            }
            for w in variants {
                if !super::one_edit(&w, term, (*swap_only, *formulation), &ix.confusable) {
                    continue;
                }
                let text: String = "前文"
                    .chars()
                    .chain(w.iter().copied())
                    .chain("后文".chars())
                    .collect();
                let chars: Vec<(usize, char)> = text.char_indices().collect();
                let mid = n / 2;
                for (from, to) in [(0, mid), (mid, n)] {
                    let half = &term[from..to];
                    for j in 0..w.len() {
                        // A half found at `j` of the variant puts the name at `j - from`: the
                        // windows tried start within one character of it.
                        if w[j..].starts_with(half) && (j as isize - from as isize).abs() <= 1 {
                            let a = chars[2 + j].0;
                            assert!(
                                super::ends_may_match(&text, a, from, term),
                                "{} in {text} (half at {j})",
                                ix.full[t]
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// This rule alone flags exactly `flagged` in `text`, suggesting `right` (with every rule, a
    /// dictionary entry on the same span takes precedence).
    #[track_caller]
    fn assert_flags(text: &str, rule: &str, flagged: &str, right: Option<&str>) {
        let f = Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .select([Selector::Rule(rule.into())])
            .build()
            .unwrap()
            .check(text);
        assert_eq!(f.len(), 1, "{text}: {f:#?}");
        assert_eq!(f[0].text, flagged);
        assert_eq!(f[0].suggestions.first().map(String::as_str), right);
    }

    #[test]
    fn a_listed_misspelling_on_the_same_span_takes_precedence() {
        let all = Checker::new().check("依据中华人民共合国对外贸易法。");
        assert!(all.iter().all(|f| f.rule != RULE), "{all:#?}");
        assert!(!all.is_empty());
    }

    #[test]
    fn variants_at_one_edit_are_flagged() {
        for (text, flagged, right) in [
            (
                "依据中华人民共合国对外贸易法。",
                "中华人民共合国",
                "中华人民共和国",
            ),
            (
                "根据中华人民大和国政府信息公开条例。",
                "中华人民大和国",
                "中华人民共和国",
            ),
            (
                "依据中共人民共和国政府信息公开条例。",
                "中共人民共和国",
                "中华人民共和国",
            ),
            (
                "中国人民共和国和萨尔瓦多共和国建交。",
                "中国人民共和国",
                "中华人民共和国",
            ),
            ("齐齐哈市召开会议。", "齐齐哈市", "齐齐哈尔市"),
            ("中华人民和共国成立。", "中华人民和共国", "中华人民共和国"),
            (
                "要全面建设社会主义现代话国家。",
                "全面建设社会主义现代话国家",
                "全面建设社会主义现代化国家",
            ),
            (
                "深入学习贯彻习近平近新时代中国特色社会主义思想。",
                "习近平近新时代中国特色社会主义思想",
                "习近平新时代中国特色社会主义思想",
            ),
            ("坚决打好扫黑险恶专项斗争。", "扫黑险恶", "扫黑除恶"),
            ("最高人名法院发布指导案例。", "最高人名法院", "最高人民法院"),
            ("感谢国家主席习平近的重要批示。", "习平近", "习近平"),
        ] {
            assert_flags(text, RULE, flagged, Some(right));
        }
    }

    #[test]
    fn correct_names_and_real_words_stay_quiet() {
        for text in [
            "中华人民共和国成立七十五周年。",
            "齐齐哈尔市召开会议。",
            "实现中华民族的伟大复兴。",
            "中华民族伟大复兴。",
            "最高人民检察院和最高人民法院联合发布。",
            "市中级人民法院和县人民检察院。",
            "全国人民代表大会常务委员会第十次会议。",
            "中国特色社会主义进入新时代。",
            "中国共产党第二十次全国代表大会。",
            "扫黑除恶专项斗争。",
            "县人民检察员出庭。",
            "中华人民共和国国务院公报。",
            "香港特别行政区政府。",
            "县委书记李强。",
            "向关心和支持中国现代化建设的各国朋友表示感谢。",
            "监督管理政务类公务员中的共产党员。",
            "中华人民共和国副主席。",
            "健全人民代表大会制度。",
            "坚持以人为中心。",
            "乌鲁木齐都市圈。",
            "李强强调。",
        ] {
            assert_quiet(text, RULE);
        }
    }

    /// Procuratorates and courts at every level, with or without 人民, and abbreviated: the
    /// generic name's confusable variant is flagged where the text names a body.
    #[test]
    fn procuratorates_and_courts_fire_at_every_level() {
        for (text, flagged, right) in [
            (
                "榆林市法院、检查院、公安局、司法局联合发布通告。",
                "检查院",
                "检察院",
            ),
            ("榆林市检查院依法提起公诉。", "检查院", "检察院"),
            ("县人民检查院依法提起公诉。", "检查院", "检察院"),
            ("朝阳区人民检查院召开会议。", "检查院", "检察院"),
            (
                "最高人民检查院发布指导性案例。",
                "最高人民检查院",
                "最高人民检察院",
            ),
            ("军事检查院依法办案。", "检查院", "检察院"),
            ("延边朝鲜族自治州检查院。", "检查院", "检察院"),
            ("县公安局和检查院联合开展行动。", "检查院", "检察院"),
            ("省检查院办公室发布通知。", "检查院", "检察院"),
            ("市人民发院公开宣判。", "人民发院", "人民法院"),
        ] {
            assert_flags(text, RULE, flagged, Some(right));
        }
    }

    /// 检查 is a verb: 检查 + 院内/院校/院落/院感 … and 检查院 without a body before it stay quiet.
    #[test]
    fn the_verb_jiancha_before_yuan_words_stays_quiet() {
        for text in [
            "卫生院定期检查院内卫生。",
            "市卫生健康委检查院内感染防控工作。",
            "全市检查院校食堂卫生。",
            "全县检查院落环境整治情况。",
            "各区检查院感防控措施落实情况。",
            "检查院子里的消防设施。",
            "对学校检查院墙安全。",
            "县人民检察院和县人民法院联合发布。",
            "最高人民检察院、最高人民法院。",
            "检察员出庭支持公诉。",
            "他们检查院里的设施。",
            "工作组检查院方台账。",
            "当事人可以在诉中向人民法院申请保全。",
            "可以向中国人民法院起诉。",
        ] {
            assert_quiet(text, RULE);
        }
    }

    #[test]
    fn spacecraft_and_state_projects_fire_one_edit_away() {
        for (text, flagged, right) in [
            ("天河核心舱发射成功。", "天河核心舱", "天和核心舱"),
            ("问天实检舱顺利对接。", "问天实检舱", "问天实验舱"),
            ("港珠奥大桥正式通车。", "港珠奥大桥", "港珠澳大桥"),
        ] {
            assert_flags(text, RULE, flagged, Some(right));
        }
        for text in [
            "天和核心舱发射成功。",
            "广州市天河区核心商圈。",
            "天河二号超级计算机。",
            "梦天实验舱与天和核心舱对接。",
            "港珠澳大桥正式通车。",
        ] {
            assert_quiet(text, RULE);
        }
    }

    #[test]
    fn geographic_names_fire_one_edit_away_and_neighbours_stay_quiet() {
        for (text, flagged, right) in [
            ("黄埔江畔灯火辉煌。", "黄埔江", "黄浦江"),
            ("登上珠穆郎玛峰。", "珠穆郎玛峰", "珠穆朗玛峰"),
            ("雅鲁藏部江大峡谷。", "雅鲁藏部江", "雅鲁藏布江"),
        ] {
            assert_flags(text, RULE, flagged, Some(right));
        }
        for text in [
            "黄浦江两岸。",
            "上海市黄浦区。",
            "广州市黄埔区、黄埔军校旧址。",
            "珠江黄埔段。",
            "珠穆朗玛峰高程为8848.86米。",
        ] {
            assert_quiet(text, RULE);
        }
    }
}
