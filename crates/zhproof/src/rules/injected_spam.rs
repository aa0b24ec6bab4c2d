//! # Injected spam: the text attackers plant in hacked or cloned pages
//!
//! **What it flags**: gambling, lottery and porn text of the shapes seen on hacked and cloned
//! public-institution pages (test set with sources: `tests/data/spam/injected.tsv`):
//!
//! - `injected-gambling-text`: a casino or betting brand glued to a web tail (`金沙官网`,
//!   `皇冠手机登录官网`, `beat365中文官方网站`), to Latin/digit noise before it (`37000cm威尼斯`,
//!   `304.cam永利集团`) or to another brand (`金沙威尼斯欢乐娱人城`) — typically replacing the
//!   name of the site or of its 主办 unit —, and chains of such names joined by `,` `_` `|` `-`.
//! - `injected-lottery-text`: lottery-tip slang (`一肖一码`, `新澳`, `特马`, `必出号` …, or 澳门 /
//!   香港 with 开奖结果) spliced into a headline, with the `|正确解答落实` tail such titles carry.
//! - `injected-porn-text`: a chain of porn search keywords joined by `,` `_` `|` `-` (three or
//!   more keywords, two of them with an unambiguous word or three porn words), as used for page
//!   titles above a real notice.
//!
//! Runs of decorative symbols (★✿◆■√ …) between the parts of such text belong to it and are
//! covered by the finding.
//!
//! **Why**: illegal content on a government page vetoes the whole site in the monthly inspection
//! (《政府网站与政务新媒体检查指标》; 《网络信息内容生态治理规定》第六条); injected text is the
//! commonest way it gets there.
//!
//! **How**: one pass of a small automaton over the vocabulary of `dictionaries/rules/
//! injected_spam.tsv` (every entry with the URL of a page showing it injected). No entry fires on
//! its own: the family looks for *shapes* — parts glued together without other text between them,
//! keyword chains without sentence structure. A name standing alone between quotation marks
//! (`“永利”等赌博网站`, the way crackdown news lists closed sites) is not reported, and neither
//! are casino names in economy news (`永利澳门(01128)升1.5%`), which carry no web tail.
//!
//! **Example**: `7月3日,皇冠手机登录官网在王城校区召开座谈会。` → `injected-gambling-text` on
//! `皇冠手机登录官网`.
//!
//! **What to write instead**: nothing — delete the injected text (the finding's suggestion, an
//! unsafe fix) and find out how it got there.

use std::sync::LazyLock;

use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{rule_meta, rule_of, Context, Family, List, RuleMeta};

const TABLE: &str = crate::embedded::RULES_INJECTED_SPAM_TSV;

/// What a vocabulary entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    BrandBetting,
    BrandDual,
    BrandPlace,
    TailWeb,
    Connector,
    Gambling,
    GamblingStrong,
    LotteryStrong,
    Lottery,
    PornStrong,
    Porn,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "brand-betting" => Role::BrandBetting,
            "brand-dual" => Role::BrandDual,
            "brand-place" => Role::BrandPlace,
            "tail-web" => Role::TailWeb,
            "connector" => Role::Connector,
            "gambling" => Role::Gambling,
            "gambling-strong" => Role::GamblingStrong,
            "lottery-strong" => Role::LotteryStrong,
            "lottery" => Role::Lottery,
            "porn-strong" => Role::PornStrong,
            "porn" => Role::Porn,
            _ => return None,
        })
    }

    fn is_brand(self) -> bool {
        matches!(self, Role::BrandBetting | Role::BrandDual)
    }
}

/// The parsed vocabulary: lower-cased terms and their roles.
#[derive(Debug)]
struct Vocabulary {
    /// The terms (lower case), then every other case variant of those with ASCII letters: the
    /// pattern list of the shared scan ([`List::Spam`]), which matches the text as it is
    /// where this family used to match it lower-cased (same offsets: only ASCII changes).
    patterns: Vec<String>,
    /// The term of each pattern.
    term_of: Vec<usize>,
    roles: Vec<Role>,
    ascii: Vec<bool>,
    /// The terms alone, lower case.
    #[cfg(test)]
    terms: Vec<String>,
}

/// Parses the table; errors name the line.
pub(crate) fn parse(table: &str) -> Result<Vec<(String, Role)>, String> {
    const COLUMNS: [&str; 3] = ["term", "role", "source"];
    let t = crate::tsv::read("injected_spam.tsv", table, &COLUMNS).map_err(|e| e.to_string())?;
    t.require("injected_spam.tsv", &COLUMNS)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (line, cells) in &t.rows {
        let cols = COLUMNS.map(|c| t.cell(cells, c));
        let err = |m: &str| format!("injected_spam.tsv:{line}: {m}");
        let role = Role::parse(cols[1]).ok_or_else(|| err("unknown role"))?;
        if cols[0].is_empty() || !cols[2].starts_with("http") {
            return Err(err("empty term or source without a URL"));
        }
        out.push((cols[0].to_ascii_lowercase(), role));
    }
    Ok(out)
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let entries = parse(TABLE).expect("injected_spam.tsv is validated by tests");
    // The same term may have two roles (网站 is a web tail and a porn word): the first wins in
    // the automaton; the roles are merged by `role_of`.
    let mut terms: Vec<String> = Vec::new();
    let mut roles = Vec::new();
    for (t, r) in entries {
        if !terms.contains(&t) {
            terms.push(t);
            roles.push(r);
        }
    }
    let ascii = terms.iter().map(|t| t.is_ascii()).collect();
    let mut patterns = terms.clone();
    let mut term_of: Vec<usize> = (0..terms.len()).collect();
    for (t, term) in terms.iter().enumerate() {
        let letters: Vec<usize> = term
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_lowercase())
            .map(|(i, _)| i)
            .collect();
        for mask in 1u32..1 << letters.len() {
            let mut v = term.clone().into_bytes();
            for (j, &i) in letters.iter().enumerate() {
                if mask >> j & 1 == 1 {
                    v[i] = v[i].to_ascii_uppercase();
                }
            }
            patterns.push(String::from_utf8(v).expect("ASCII case change keeps UTF-8"));
            term_of.push(t);
        }
    }
    Vocabulary {
        patterns,
        term_of,
        roles,
        ascii,
        #[cfg(test)]
        terms,
    }
});

/// The pattern list of [`List::Spam`].
pub(crate) fn patterns() -> &'static [String] {
    &VOCABULARY.patterns
}

/// One piece of a line: a vocabulary word, Latin/digit noise or a run of decorative symbols.
#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    kind: AtomKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Word(Role),
    /// ASCII letters/digits with at least two letters or three digits (`37000cm`, `304.cam`).
    Noise,
    /// Decorative symbols (★✿◆■√ and emoji).
    Symbols,
}

/// Decorative symbols that injected text puts between its words.
fn is_decorative(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{1F000}'..='\u{1FAFF}' | '\u{FE0F}' | '\u{200D}')
}

/// A keyword chain's items are short: a segment longer than this is a sentence, not an item.
const MAX_CHAIN_ITEM: usize = 20;

/// Separators of a keyword chain.
fn is_chain_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '_' | '|' | '｜' | '-' | '—' | ' ' | '\u{3000}' | '/'
    )
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '"' | '‘' | '\'')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '"' | '’' | '\'')
}

/// True when the vocabulary words of a line can make a finding: a brand, a strong word, a
/// gambling word with a web tail, a place with a lottery word, or enough porn words for a chain. Most lines of
/// ordinary text have none of these and skip the character scan.
fn may_hold_spam(words: &[Atom]) -> bool {
    let (mut gambling, mut web, mut place, mut lottery) = (false, false, false, false);
    let mut porn = 0;
    for w in words {
        match role(w) {
            Some(
                Role::BrandBetting
                | Role::BrandDual
                | Role::GamblingStrong
                | Role::LotteryStrong
                | Role::PornStrong,
            ) => return true,
            Some(Role::Gambling) => gambling = true,
            Some(Role::TailWeb) => web = true,
            Some(Role::BrandPlace) => place = true,
            Some(Role::Lottery) => lottery = true,
            Some(Role::Porn) => porn += 1,
            _ => {}
        }
    }
    (gambling && web) || (place && lottery) || porn >= 6
}

/// The vocabulary words of `cx.text`, in order (byte offsets into the text), from the shared
/// scan of the whole text: no term holds a line break, so the words are those a pass over each
/// line would find (a leftmost-longest scan restarted where no match can cross finds the same
/// matches), and lines without words cost nothing more. ASCII letters match in any case.
fn words(cx: &Context<'_>) -> Vec<Atom> {
    let v = &*VOCABULARY;
    let bytes = cx.text.as_bytes();
    let mut words: Vec<Atom> = Vec::new();
    for (s, e, k) in leftmost_longest(cx.occurrences(List::Spam), 0) {
        let id = v.term_of[k];
        // An ASCII term must not touch other ASCII letters (`av` in `Java`).
        if v.ascii[id] {
            let before = s > 0 && bytes[s - 1].is_ascii_alphabetic();
            let after = e < bytes.len() && bytes[e].is_ascii_alphabetic();
            if before || after {
                continue;
            }
        }
        words.push(Atom {
            start: s,
            end: e,
            kind: AtomKind::Word(v.roles[id]),
        });
    }
    words
}

/// The atoms of `line` (byte offsets into `line`), in order, given its vocabulary `words`.
fn atoms(line: &str, words: Vec<Atom>) -> Vec<Atom> {
    let bytes = line.as_bytes();
    if !may_hold_spam(&words) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(words.len() + 4);
    let mut w = words.into_iter().peekable();
    let mut i = 0;
    while i < line.len() {
        if let Some(a) = w.peek() {
            if a.start == i {
                let a = w.next().expect("peeked");
                i = a.end;
                out.push(a);
                continue;
            }
        }
        let next_word = w.peek().map_or(line.len(), |a| a.start);
        let c = line[i..].chars().next().expect("in bounds");
        if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < next_word && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'.') {
                j += 1;
            }
            let run = &line[i..j];
            let letters = run.bytes().filter(u8::is_ascii_alphabetic).count();
            let digits = run.bytes().filter(u8::is_ascii_digit).count();
            if letters >= 2 || digits >= 3 {
                out.push(Atom {
                    start: i,
                    end: j,
                    kind: AtomKind::Noise,
                });
            }
            i = j.max(i + 1);
        } else if is_decorative(c) {
            let mut j = i;
            for d in line[i..next_word].chars() {
                if !is_decorative(d) {
                    break;
                }
                j += d.len_utf8();
            }
            out.push(Atom {
                start: i,
                end: j,
                kind: AtomKind::Symbols,
            });
            i = j;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// The atoms lying inside `seg` (atoms are sorted and do not overlap): a binary search, so that
/// looking at every segment of a line stays linear in the line.
fn atoms_in(atoms: &[Atom], seg: (usize, usize)) -> &[Atom] {
    let from = atoms.partition_point(|a| a.start < seg.0);
    let to = from + atoms[from..].partition_point(|a| a.end <= seg.1);
    &atoms[from..to]
}

/// The spans (sorted by start, not overlapping) that overlap `seg`.
fn spans_in(spans: &[(usize, usize)], seg: (usize, usize)) -> &[(usize, usize)] {
    let from = spans.partition_point(|s| s.1 <= seg.0);
    let to = from + spans[from..].partition_point(|s| s.0 < seg.1);
    &spans[from..to]
}

/// What an injected piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Gambling,
    Lottery,
    Porn,
}

/// A group of atoms with nothing between them: `皇冠` `手机` `登录` `官网`.
fn glued(atoms: &[Atom]) -> Vec<&[Atom]> {
    let mut groups = Vec::new();
    let mut from = 0;
    for i in 1..=atoms.len() {
        if i == atoms.len() || atoms[i].start != atoms[i - 1].end {
            groups.push(&atoms[from..i]);
            from = i;
        }
    }
    groups
}

fn role(a: &Atom) -> Option<Role> {
    match a.kind {
        AtomKind::Word(r) => Some(r),
        _ => None,
    }
}

/// The gambling span of a glued group, if its shape is that of injected gambling text.
fn gambling_span(line: &str, g: &[Atom]) -> Option<(usize, usize)> {
    let has = |r: Role| g.iter().any(|a| role(a) == Some(r));
    let brand_at: Vec<usize> = (0..g.len())
        .filter(|&i| role(&g[i]).is_some_and(Role::is_brand))
        .collect();
    let last_web = g.iter().rposition(|a| role(a) == Some(Role::TailWeb));
    let web_after = |i: usize| last_web.is_some_and(|w| w > i);
    let noise_before = |i: usize| i > 0 && g[i - 1].kind == AtomKind::Noise;
    // Latin and digits mixed right after a brand: 太阳集团1088vip.
    let code_after = |i: usize| {
        g.get(i + 1).is_some_and(|a| {
            a.kind == AtomKind::Noise && {
                let b = &line[a.start..a.end];
                b.bytes().any(|c| c.is_ascii_alphabetic()) && b.bytes().any(|c| c.is_ascii_digit())
            }
        })
    };
    let mut hit = false;
    // A word glued to a betting brand (凯捷体育娱乐, 乐竞首页) — not a year after it: 凯捷 is also
    // Capgemini (`凯捷2014全球财富报告`).
    let word_next_to = |i: usize| {
        (i > 0 && role(&g[i - 1]).is_some()) || g.get(i + 1).is_some_and(|a| role(a).is_some())
    };
    for &i in &brand_at {
        let betting = role(&g[i]) == Some(Role::BrandBetting) && word_next_to(i);
        if web_after(i) || noise_before(i) || code_after(i) || brand_at.len() >= 2 || betting {
            hit = true;
            break;
        }
    }
    // 澳门 + a gambling word + a web tail: 澳门官方游戏网站.
    if !hit && has(Role::BrandPlace) && has(Role::Gambling) && has(Role::TailWeb) {
        hit = true;
    }
    // Latin/digit noise + 体育/滚球 … + a web tail, or + betting slang: 3344体育在线登录, 365滚球盘.
    if !hit && g[0].kind == AtomKind::Noise {
        let gambling = has(Role::Gambling) && has(Role::TailWeb);
        if gambling || has(Role::GamblingStrong) {
            hit = true;
        }
    }
    if !hit {
        return None;
    }
    // Leading connectors and tails belong to the text before; trailing noise after the last
    // word (`金沙中国.HK`) is not part of it.
    let first = g
        .iter()
        .position(|a| {
            matches!(a.kind, AtomKind::Noise)
                || role(a).is_some_and(|r| {
                    r.is_brand() || matches!(r, Role::BrandPlace | Role::GamblingStrong)
                })
                || (role(a) == Some(Role::Gambling) && g[0].kind == AtomKind::Noise)
        })
        .unwrap_or(0);
    let core = |a: &Atom| {
        role(a).is_some_and(|r| {
            r.is_brand() || matches!(r, Role::TailWeb | Role::GamblingStrong | Role::BrandPlace)
        })
    };
    let mut last = g.iter().rposition(core).unwrap_or(g.len() - 1);
    // Words glued after the last brand or tail (凯捷体育娱乐, 永利集团), not across symbols.
    while last + 1 < g.len() && matches!(role(&g[last + 1]), Some(Role::Connector | Role::Gambling))
    {
        last += 1;
    }
    // Noise right after a web tail (平台网址7906), or Latin and digits mixed right after a
    // brand (太阳集团1088vip) — not a year after a brand (今年会2026年).
    if last + 1 < g.len()
        && g[last + 1].kind == AtomKind::Noise
        && (role(&g[last]) == Some(Role::TailWeb) || (core(&g[last]) && code_after(last)))
    {
        last += 1;
    }
    (first <= last).then(|| (g[first].start, g[last].end))
}

/// Porn words in `seg` as (strong, weak) counts.
fn porn_counts(line: &str, atoms: &[Atom], seg: (usize, usize)) -> (usize, usize) {
    let mut strong = 0;
    // Distinct ambiguous words: `亚洲资源、亚洲制造、亚洲市场` is one word, not three.
    let mut weak: Vec<&str> = Vec::new();
    for a in atoms_in(atoms, seg) {
        match role(a) {
            Some(Role::PornStrong) => strong += 1,
            Some(Role::Porn) => {
                let w = &line[a.start..a.end];
                if weak.len() < 3 && !weak.contains(&w) {
                    weak.push(w);
                }
            }
            _ => {}
        }
    }
    (strong, weak.len())
}

/// Chain segments of `line`: maximal runs between chain separators, without sentence punctuation.
fn segments(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if is_chain_separator(c) {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, line.len()));
    }
    out
}

/// True when the text between two segments is only separators (a chain continues).
fn only_separators(line: &str, a: usize, b: usize) -> bool {
    line[a..b].chars().all(is_chain_separator)
}

/// Porn keyword chains in `line`.
fn porn_chains(line: &str, atoms: &[Atom], out: &mut Vec<(usize, usize, Category)>) {
    let segs = segments(line);
    let member: Vec<(bool, bool)> = segs
        .iter()
        .map(|&s| {
            let (strong, weak) = porn_counts(line, atoms, s);
            let chars = line[s.0..s.1].chars().count();
            (
                chars <= MAX_CHAIN_ITEM + 4 && (strong >= 1 || weak >= 3),
                chars <= MAX_CHAIN_ITEM * 2 && strong + weak >= 1,
            )
        })
        .collect();
    let mut i = 0;
    while i < segs.len() {
        if !member[i].1 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < segs.len()
            && member[j + 1].1
            && only_separators(line, segs[j].1, segs[j + 1].0)
        {
            j += 1;
        }
        let strong = (i..=j).filter(|&k| member[k].0).count();
        if j - i + 1 >= 3 && strong >= 2 {
            out.push((segs[i].0, segs[j].1, Category::Porn));
        }
        i = j + 1;
    }
}

/// Lottery-tip slang in `line`: `新澳天天开彩开奖结果|可靠执行计划`.
fn lottery(line: &str, atoms: &[Atom], out: &mut Vec<(usize, usize, Category)>) {
    // Sentences of the line: lottery words are grouped within one.
    let mut from = 0;
    let ends: Vec<usize> = line
        .char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '，' | ',' | '!' | '?' | '：' | ':'))
        .map(|(i, c)| i + c.len_utf8())
        .chain(std::iter::once(line.len()))
        .collect();
    for end in ends {
        let words: Vec<&Atom> = atoms_in(atoms, (from, end))
            .iter()
            .filter(|a| {
                matches!(
                    role(a),
                    Some(Role::LotteryStrong | Role::Lottery | Role::BrandPlace)
                )
            })
            .collect();
        let strong = words.iter().any(|a| role(a) == Some(Role::LotteryStrong));
        let place = words.iter().any(|a| role(a) == Some(Role::BrandPlace));
        let weak = words.iter().any(|a| role(a) == Some(Role::Lottery));
        let lottery_words = words.iter().filter(|a| role(a) != Some(Role::BrandPlace));
        if (strong || (place && weak)) && lottery_words.count() >= 1 {
            let slang: Vec<&&Atom> = words
                .iter()
                .filter(|a| role(a) != Some(Role::BrandPlace))
                .collect();
            let (first, last) = (slang[0], slang[slang.len() - 1]);
            // A place name counts when it leads the slang closely (新澳门(一肖一码), 澳门今晚).
            let mut s = words
                .iter()
                .find(|a| {
                    a.start == first.start
                        || (a.end <= first.start && line[a.end..first.start].chars().count() <= 4)
                })
                .map_or(first.start, |a| a.start);
            let mut e = last.end;
            // A year right before (2025年澳门开奖结果).
            let before = &line[from..s];
            if let Some(y) = before.strip_suffix('年') {
                let digits = y.bytes().rev().take_while(u8::is_ascii_digit).count();
                if digits == 4 {
                    s -= 4 + '年'.len_utf8();
                }
            }
            // A short title tail after a separator, up to the end of the line:
            // `开奖结果|可靠执行计划`, `……一特一中详情;规程解读与实施指南`.
            let rest = &line[e..end];
            let rest_chars = rest.chars().count();
            if end == line.len()
                && rest_chars <= 24
                && rest.chars().any(|c| matches!(c, '|' | '｜' | ';' | '；'))
            {
                e = end;
            }
            // A closing bracket whose opening bracket is inside: 新澳门(一肖一码).
            for (open, close) in [('(', ')'), ('（', '）')] {
                if line[s..e].contains(open) && line[e..].starts_with(close) {
                    e += close.len_utf8();
                }
            }
            out.push((s, e, Category::Lottery));
        }
        from = end;
    }
}

/// Gambling names and chains of them in `line`.
fn gambling(line: &str, atoms: &[Atom], out: &mut Vec<(usize, usize, Category)>) {
    let mut spans: Vec<(usize, usize)> = glued(atoms)
        .into_iter()
        .filter_map(|g| gambling_span(line, g))
        .collect();
    // A chain of brand names (`金年会,金年会体育,金年会体育app`) or of a name and a betting
    // phrase (`必威电竞|足球世界杯竞猜平台`) is reported whole.
    let segs = segments(line);
    let member = |s: (usize, usize)| {
        if line[s.0..s.1].chars().count() > MAX_CHAIN_ITEM {
            return false;
        }
        let inside = atoms_in(atoms, s);
        let has = |r: Role| inside.iter().any(|a| role(a) == Some(r));
        !spans_in(&spans, s).is_empty()
            || inside
                .iter()
                .any(|a| role(a).is_some_and(|r| r.is_brand() || r == Role::GamblingStrong))
            || (has(Role::Gambling) && has(Role::TailWeb))
    };
    let mut chains = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        if !member(segs[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < segs.len()
            && member(segs[j + 1])
            && only_separators(line, segs[j].1, segs[j + 1].0)
        {
            j += 1;
        }
        let (a, b) = (segs[i].0, segs[j].1);
        let inner = spans_in(&spans, (a, b))
            .iter()
            .filter(|x| x.0 >= a && x.1 <= b);
        if j > i && inner.clone().next().is_some() {
            // From the first to the last word of the chain (`金年会APP4月19日` ends at `APP`).
            let words = atoms_in(atoms, (a, b)).iter().filter(|w| {
                role(w).is_some_and(|r| {
                    r.is_brand() || matches!(r, Role::TailWeb | Role::GamblingStrong)
                })
            });
            let from = words
                .clone()
                .map(|w| w.start)
                .chain(inner.clone().map(|x| x.0))
                .min();
            let to = words.map(|w| w.end).chain(inner.map(|x| x.1)).max();
            chains.push((from.unwrap_or(a), to.unwrap_or(b)));
        }
        i = j + 1;
    }
    // Chains are sorted and disjoint: a binary search finds the one that may hold a span.
    spans.retain(|&(s, e)| {
        let k = chains.partition_point(|c: &(usize, usize)| c.1 <= s);
        !chains.get(k).is_some_and(|&(a, b)| s >= a && e <= b)
    });
    spans.extend(chains);
    out.extend(spans.into_iter().map(|(s, e)| (s, e, Category::Gambling)));
}

/// Extends `(s, e)` over decorative symbols (and a `:` after them) right before or after it.
fn with_symbols(line: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while let Some(c) = line[..s].chars().next_back().filter(|&c| is_decorative(c)) {
        s -= c.len_utf8();
    }
    while let Some(c) = line[e..].chars().next().filter(|&c| is_decorative(c)) {
        e += c.len_utf8();
    }
    (s, e)
}

/// True when `line[s..e]` stands alone between quotation marks (`“永利”`): a name quoted in news.
fn quoted(line: &str, s: usize, e: usize) -> bool {
    let before = line[..s].chars().next_back();
    let after = line[e..].chars().next();
    before.is_some_and(is_open_quote) && after.is_some_and(is_close_quote)
}

/// Findings (byte ranges into `line` and what they are) of one line, given its vocabulary
/// `words` (offsets into `line`).
fn check_line(line: &str, words: Vec<Atom>) -> Vec<(usize, usize, Category)> {
    let atoms = atoms(line, words);
    if atoms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    porn_chains(line, &atoms, &mut found);
    lottery(line, &atoms, &mut found);
    gambling(line, &atoms, &mut found);
    let mut found: Vec<(usize, usize, Category)> = found
        .into_iter()
        .map(|(s, e, c)| {
            let (s, e) = with_symbols(line, s, e);
            (s, e, c)
        })
        .filter(|&(s, e, _)| !quoted(line, s, e))
        .collect();
    found.sort_by_key(|f| (f.0, f.1));
    let mut out: Vec<(usize, usize, Category)> = Vec::with_capacity(found.len());
    for (s, e, c) in found {
        // Overlapping findings of different shapes are one piece of injected text.
        match out.last_mut() {
            Some(o) if s < o.1 => o.1 = o.1.max(e),
            _ => out.push((s, e, c)),
        }
    }
    out
}

/// Where the family's facts come from.
const SOURCE: &str =
    "《网络信息内容生态治理规定》(国家互联网信息办公室令第5号) 第六条; 《政府网站与政务新媒体\
    检查指标》; shapes from real hacked and cloned pages (tests/data/spam/injected.tsv)";

/// The rules of this family, in the order of [`Category`] (gambling, lottery, porn).
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "injected-gambling-text",
        family: "injected_spam",
        kind: Sensitive,
        severity: Error,
        summary: "gambling text injected into a page: a casino or betting brand with 官网/登录 tails \
            or Latin/digit noise (皇冠手机登录官网, 37000cm威尼斯), or a chain of such names",
        explanation: "Attackers who break into a government or school site, or clone it, replace \
            the name of the site or of its 主办 unit with casino and betting brands glued to web \
            tails (官网, 手机登录, 官方网站) or to Latin/digit domain noise, so that search engines \
            index the brand on a trusted domain. Illegal content on a government page vetoes the \
            whole site in the monthly inspection. A brand quoted alone (“永利”等赌博网站, as \
            crackdown news lists closed sites) and casino names in economy news (永利澳门(01128)) \
            stay quiet. Delete the injected text and find out how it got there.",
        source: SOURCE,
        fires: ["7月3日,皇冠手机登录官网在王城校区召开座谈会。", "近日304.cam永利集团下发表彰决定"],
        quiet: [
            "如6月24日浙江杭州打掉利用“皇冠”、“永利”等賭博網站組織賭球活動的特大團伙。",
            "威尼斯人2024年营收同比增长。"
        ],
    },
    rule_meta! {
        id: "injected-lottery-text",
        family: "injected_spam",
        kind: Sensitive,
        severity: Error,
        summary: "lottery-tip slang injected into a headline or sentence \
            (新澳天天开彩开奖结果|可靠执行计划, 精准必出号)",
        explanation: "Hacked pages carry titles of illegal Macau/Hong Kong lottery-tip sites \
            (一肖一码, 新澳, 特马, 必出号, 澳门 or 香港 with 开奖结果) spliced into a headline, often \
            with a `|正确解答落实`-style tail. Illegal gambling content is a veto item in the \
            inspection of government sites. Reports of the state lotteries (福彩, 体彩 开奖结果) \
            stay quiet. Delete the injected text and find out how it got there.",
        source: SOURCE,
        fires: ["文件名称:新澳天天开彩开奖结果|可靠执行计划"],
        quiet: ["福彩3D第2024100期开奖结果已公布,请中奖彩民及时兑奖。"],
    },
    rule_meta! {
        id: "injected-porn-text",
        family: "injected_spam",
        kind: Sensitive,
        severity: Error,
        summary: "a chain of porn search keywords injected as a page title (久久精品_一区二区_无码 …)",
        explanation: "Cloned and hacked pages get a title made of porn search keywords joined by \
            `,` `_` `|` `-` above the real notice, so that search engines list the page for them. \
            Three or more keywords are needed, two of them unambiguous or three porn words, so \
            that ordinary phrases that share words (久久为功, 精品工程, 国产大飞机) stay quiet. \
            Pornographic content is a veto item. Delete the injected title and find out how it \
            got there.",
        source: SOURCE,
        fires: ["欧美成人精品一区二区_345成人看片_毛片无码国产_国产精久久久_亚洲毛片一区二区\n关于物料编码的10个知识点"],
        quiet: ["功成不必在我,久久为功,精品工程,国产大飞机,在线政务服务平台。"],
    },
];

/// The injected-spam family.
#[derive(Debug)]
pub(crate) struct InjectedSpam {
    gambling: &'static RuleMeta,
    lottery: &'static RuleMeta,
    porn: &'static RuleMeta,
}

impl InjectedSpam {
    pub(crate) fn new() -> InjectedSpam {
        InjectedSpam {
            gambling: rule_of(RULES, "injected-gambling-text"),
            lottery: rule_of(RULES, "injected-lottery-text"),
            porn: rule_of(RULES, "injected-porn-text"),
        }
    }
}

impl Family for InjectedSpam {
    fn name(&self) -> &'static str {
        "injected_spam"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        let bytes = text.as_bytes();
        let words = words(cx);
        // Only the lines holding words are looked at, each with its own words.
        let mut k = 0;
        while k < words.len() {
            let at = words[k].start;
            let offset = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |n| at + n);
            let n = words[k..].partition_point(|w| w.start < end);
            let line_words = &words[k..k + n];
            k += n;
            if !may_hold_spam(line_words) {
                continue;
            }
            let body = text[offset..end].trim_end_matches('\r');
            let relative = line_words
                .iter()
                .map(|w| Atom {
                    start: w.start - offset,
                    end: w.end - offset,
                    kind: w.kind,
                })
                .collect();
            for (s, e, c) in check_line(body, relative) {
                let (meta, what) = match c {
                    Category::Gambling => (self.gambling, "注入的赌博推广文字"),
                    Category::Lottery => (self.lottery, "注入的彩票“预测”文字"),
                    Category::Porn => (self.porn, "注入的色情关键词串"),
                };
                out.push(meta.finding(
                    text,
                    offset + s..offset + e,
                    format!("{what}（常见于被入侵或仿冒的网站），应整段删除并排查来源"),
                    vec![String::new()],
                    Applicability::Unsafe,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::rules::test_util::{assert_quiet, findings};
    use proptest::strategy::Strategy;

    const GAMBLING: &str = "injected-gambling-text";
    const LOTTERY: &str = "injected-lottery-text";
    const PORN: &str = "injected-porn-text";

    #[track_caller]
    fn assert_injected(text: &str, rule: &str, injected: &str) {
        let f = findings(text, rule);
        assert_eq!(f.len(), 1, "expected one `{rule}` in {text:?}, got {f:#?}");
        assert_eq!(f[0].text, injected);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].suggestions, vec![String::new()]);
    }

    #[test]
    fn table_parses_and_every_entry_has_a_url() {
        let entries = parse(TABLE).unwrap();
        assert!(entries.len() > 100);
        assert!(parse("term\trole\tsource\nx\tbogus\thttp://a\n").is_err());
        assert!(parse("term\trole\tsource\nx\tporn\tnone\n")
            .unwrap_err()
            .contains(":2:"));
    }

    #[test]
    fn no_term_holds_a_line_break() {
        // `words` scans the whole text at once: it finds each line's words only because no
        // match can cross a line end.
        for (t, _) in parse(TABLE).unwrap() {
            assert!(!t.contains(['\n', '\r']), "{t:?}");
        }
    }

    #[test]
    fn the_whole_text_is_checked_as_each_of_its_lines_alone() {
        // Lines that fire (the registry's examples, upper case, a term right after a line
        // break and right before the end of the text), lines that stay quiet, Latin letters
        // that end the line before an ASCII term, CR LF line ends.
        let mut lines: Vec<String> = RULES
            .iter()
            .flat_map(|r| r.fires.iter().chain(r.quiet.iter()))
            .flat_map(|t| t.lines())
            .map(str::to_string)
            .collect();
        lines.extend(
            [
                "BET365官网",
                "Java",
                "av成人_无码_一区二区_久久精品",
                "金沙官网\r",
                "",
                "\r",
                "近日304.CAM永利集团下发表彰决定",
                "金年会,金年会体育,金年会体育APP",
            ]
            .map(str::to_string),
        );
        let spam = |text: &str| -> Vec<(String, usize, usize)> {
            let mut all: Vec<(String, usize, usize)> = [GAMBLING, LOTTERY, PORN]
                .iter()
                .flat_map(|r| findings(text, r))
                .map(|f| (f.rule, f.byte_start, f.byte_end))
                .collect();
            all.sort_by_key(|f| (f.1, f.2));
            all
        };
        let per_line = |text: &str| -> Vec<(String, usize, usize)> {
            let mut out = Vec::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                out.extend(
                    spam(line)
                        .into_iter()
                        .map(|(r, s, e)| (r, offset + s, offset + e)),
                );
                offset += line.len();
            }
            out
        };
        let mut fired = 0;
        for skip in 0..lines.len() {
            let text: String = lines[skip..]
                .iter()
                .chain(&lines[..skip])
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("\n");
            let whole = spam(&text);
            assert_eq!(whole, per_line(&text), "{text:?}");
            fired += whole.len();
        }
        assert!(fired >= 5 * lines.len(), "{fired}");
    }

    /// The words as this family found them before the shared scan: its own automaton over the
    /// terms, run on the lower-cased text.
    fn words_of_lowered(text: &str) -> Vec<(usize, usize, Role)> {
        let v = &*VOCABULARY;
        let lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        crate::lexicon::Automaton::new(&v.terms).for_each(&lower, |s, e, id| {
            let before = s > 0 && bytes[s - 1].is_ascii_alphabetic();
            let after = e < bytes.len() && bytes[e].is_ascii_alphabetic();
            if !(v.ascii[id] && (before || after)) {
                out.push((s, e, v.roles[id]));
            }
        });
        out
    }

    proptest::proptest! {
        #[test]
        fn words_in_any_case_are_those_of_the_lower_cased_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "BET365", "bEt365", "365Bet", "beAT365", "APP", "aV", "Av", "做A爱", "做a爱", "Java",
                "金沙", "官网", "在线", "观看", "中国", "x", "A", "\n", "。", "平台", "app",
            ]), 0..25)
        ) {
            let text = parts.concat();
            let shared = Default::default();
            let cx = Context::new(&text, crate::Date::new(2025, 6, 1).unwrap(), &shared);
            let got: Vec<(usize, usize, Role)> = words(&cx)
                .into_iter()
                .map(|a| match a.kind {
                    AtomKind::Word(r) => (a.start, a.end, r),
                    _ => unreachable!("words are words"),
                })
                .collect();
            proptest::prop_assert_eq!(got, words_of_lowered(&text));
        }
    }

    #[test]
    fn brand_with_web_tail_replacing_a_unit_name() {
        assert_injected(
            "7月3日,皇冠手机登录官网在王城校区办公楼116会议室召开座谈会。",
            GAMBLING,
            "皇冠手机登录官网",
        );
        assert_injected(
            "中国人民解放军72253部队领导访问永利官网",
            GAMBLING,
            "永利官网",
        );
        assert_injected(
            "beat365中文官方网站研究生国家奖学金评审实施细则",
            GAMBLING,
            "beat365中文官方网站",
        );
        assert_injected(
            "3344体育在线登录工商管理硕士复试方案",
            GAMBLING,
            "3344体育在线登录",
        );
    }

    #[test]
    fn brand_with_latin_digit_noise_or_another_brand() {
        assert_injected(
            "香港中文大学和37000cm威尼斯是紧密的学术同盟。",
            GAMBLING,
            "37000cm威尼斯",
        );
        assert_injected(
            "近日304.cam永利集团下发表彰决定",
            GAMBLING,
            "304.cam永利集团",
        );
        assert_injected(
            "金沙威尼斯欢乐娱人城管理層拜訪教青局",
            GAMBLING,
            "金沙威尼斯欢乐娱人城",
        );
    }

    #[test]
    fn brand_chain_is_reported_whole() {
        assert_injected(
            "金年会,金年会体育,金年会体育app,金年会注册,金年会最新入口4月19日,年会在杭州召开。",
            GAMBLING,
            "金年会,金年会体育,金年会体育app,金年会注册,金年会最新入口",
        );
        assert_injected(
            "必威电竞|足球世界杯竞猜平台\n中國體育彩票",
            GAMBLING,
            "必威电竞|足球世界杯竞猜平台",
        );
    }

    #[test]
    fn lottery_slang_spliced_into_a_title() {
        assert_injected(
            "文件名称:新澳天天开彩开奖结果|可靠执行计划",
            LOTTERY,
            "新澳天天开彩开奖结果|可靠执行计划",
        );
        assert_injected(
            "2025年澳门开奖结果|预测解答解释落实\n根据行政长官的指示",
            LOTTERY,
            "2025年澳门开奖结果|预测解答解释落实",
        );
        assert_injected("双色球计算公式精准必出号个人图书管", LOTTERY, "精准必出号");
    }

    #[test]
    fn porn_keyword_chain_as_a_title() {
        let chain = "欧美成人精品一区二区_345成人看片_毛片无码国产_国产精久久久_亚洲毛片一区二区";
        assert_injected(&format!("{chain}\n關于物料編碼的10個知識點"), PORN, chain);
        let chain = "亚洲免费av电影一区二区三区,日韩爱爱视频,91视频爱爱,国产在线不卡免费播放";
        assert_injected(&format!("{chain}\n智能網聯汽車商用化"), PORN, chain);
    }

    #[test]
    fn decorative_symbols_belong_to_the_injected_text() {
        assert_injected(
            "学习总书记365滚球盘✔体育工作的重要论述",
            GAMBLING,
            "365滚球盘✔",
        );
        assert_injected("首页底部:★金沙官网★欢迎您", GAMBLING, "★金沙官网★欢迎您");
    }

    #[test]
    fn crackdown_news_listing_closed_sites_stays_quiet() {
        for text in [
            "如6月24日浙江杭州打掉利用“皇冠”、“永利”等賭博網站組織賭球活動的特大團伙,抓獲26人。",
            "如江蘇淮安偵破“777真人娛樂場”網絡賭博案,抓獲犯罪嫌疑人兩名。",
            "持续打击处理涉赌有害网站和违法销售互联网彩票网站。",
            "结果跳出“性感荷官,在线发牌”",
            "发现栏目下方出现了一个名为“XXX论坛—亚洲品质自拍视频网站”的链接",
            "国信办全力开展“扫黄打非·净网2014”专项行动,依法查处淫秽色情网站110家。",
        ] {
            for rule in [GAMBLING, LOTTERY, PORN] {
                assert_quiet(text, rule);
            }
        }
    }

    #[test]
    fn macau_casino_economy_and_lottery_reports_stay_quiet() {
        for text in [
            "美高梅中國(02282.HK)升百分之七,新濠國際(00200.HK)和永利澳門(01128.HK)升百分之三至四。",
            "$金沙中國有限公司.HK 全日跌 2.2%,收報 24.8 元。$銀河娛樂.HK 跌 1.5%。",
            "由美國賭業巨頭拉斯維加斯金沙集團投資24億美元興建的“威尼斯人”8月28日在澳門開業。",
            "雕滿雲龍的紅木寶座安放在澳門新葡京娛樂場大堂,第三屆澳博百家樂國際真高手挑戰賽開鑼",
            "中国福利彩票于1987年6月开始发行,公益金比例不得低于20%。",
            "福彩3D第2024100期开奖结果已公布,请中奖彩民及时兑奖。",
            "CCTV5体育频道今晚直播中超联赛。",
            "功成不必在我,久久为功,精品工程,国产大飞机,在线政务服务平台。",
        ] {
            for rule in [GAMBLING, LOTTERY, PORN] {
                assert_quiet(text, rule);
            }
        }
    }

    #[test]
    fn casino_name_variants_with_numbers_and_lobby_tails() {
        assert_injected(
            "12月31日下午,中共澳门新葡平台网址7906第一次党员大会隆重召开。",
            GAMBLING,
            "澳门新葡平台网址7906",
        );
        assert_injected("發布單位:太阳集团1088vip", GAMBLING, "太阳集团1088vip");
        assert_injected(
            "会后,澳门新莆京游戏大厅高度重视,召开党委会",
            GAMBLING,
            "澳门新莆京游戏大厅",
        );
        assert_injected(
            "jinnianhui今年会2026年博士研究生申请考核制招生实施办法",
            GAMBLING,
            "jinnianhui今年会",
        );
    }

    #[test]
    fn casino_names_in_government_and_company_news_stay_quiet() {
        for text in [
            "警察总局将联同博彩监察协调局及威尼斯人酒店等多个部门及机构进行娱乐场突发事件演练",
            "勞工局和美高梅金殿超濠股份有限公司合作推出人才發展計劃",
            "威尼斯人2024年营收同比增长。",
            "拉斯维加斯金沙集团公布2024年第三季度业绩。",
            "请登录中国铁路12306官网购票。",
            "该分析师写到:“据凯捷2014全球财富报告,全球有约1400万高净值富人”",
        ] {
            for rule in [GAMBLING, LOTTERY, PORN] {
                assert_quiet(text, rule);
            }
        }
    }

    proptest::proptest! {
        /// Any mix of the vocabulary, noise, symbols and separators: no panic, and every
        /// finding is a non-empty range of one line on character boundaries.
        #[test]
        fn findings_are_ranges_of_one_line(
            parts in proptest::collection::vec(proptest::prop_oneof![
                3 => proptest::sample::select(parse(TABLE).unwrap()).prop_map(|(t, _)| t),
                1 => proptest::sample::select(vec![
                    "37000cm", "304.", "1088vip", "2025年", "★", "✔", "_", ",", "|", "“", "”",
                    "\n", "。", "(", ")", "官", "a", "9", " ", "——",
                ]).prop_map(str::to_string),
                1 => proptest::prelude::any::<char>().prop_map(|c| c.to_string()),
            ], 0..30)
        ) {
            use proptest::prelude::*;
            let text = parts.concat();
            let mut out = Vec::new();
            InjectedSpam::new().check(
                &Context::new(&text, crate::Date::new(2025, 6, 1).unwrap(), &Default::default()),
                &mut out,
            );
            for f in out {
                prop_assert!(f.byte_start < f.byte_end && f.byte_end <= text.len());
                prop_assert!(text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end));
                prop_assert!(!text[f.byte_start..f.byte_end].contains('\n'));
            }
        }
    }
}
