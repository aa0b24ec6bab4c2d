//! HTML pages for zhproof: the text a reader sees, with an offset map back to the source, and the
//! rules that are about pages themselves (hidden content, improper links, dates ahead).
//!
//! The core crate knows Chinese text; this crate knows HTML. A page is tokenized once by
//! [html5gum] (a WHATWG-conformant tokenizer that reports the byte span of every token, which is
//! why it was chosen over html5ever, whose tokenizer reports lines only), and the visible texts
//! are built from the tokens: entities decoded, white space collapsed (and removed between two
//! CJK characters, where a source line break shows nothing), inline tags joined, block tags
//! breaking lines, `script`/`style`/comments skipped. The title, `alt` and `title` attributes and
//! the meta description and keywords are texts of their own ([`Scope`]), so a sentence never runs
//! from one into another. Each text keeps an [`OffsetMap`]; findings are mapped back to the
//! source, so their line and column are those of the HTML file.
//!
//! ```
//! use zhproof_html::{check_page, parse, PageOptions};
//! let html = "<title>通知</title><p>全面<b>布</b>&#x7F72;春耕生产</p>";
//! let page = parse(html);
//! assert_eq!(page.body(), "全面布署春耕生产");
//! let checker = zhproof::Checker::new();
//! let findings = check_page(&checker, &page, &PageOptions::default());
//! let typo = findings.iter().find(|f| f.rule == "common-typo").unwrap();
//! assert_eq!(&html[typo.byte_start..typo.byte_end], "布</b>&#x7F72;");
//! assert_eq!(typo.text, "布署");
//! ```

use std::ops::Range;

use serde::Serialize;
use zhproof::rules::RuleMeta;
use zhproof::{Checker, Date, Finding, Kind, Severity};

mod dates;
pub mod encoding;
mod extract;
pub mod links;
mod map;
mod rules;
mod style;

pub use dates::{all_dates, first_date, labelled_date, FoundDate};
pub use encoding::{Decoded, EncodingSource};
pub use extract::MAX_DEPTH;
pub use map::OffsetMap;
pub use rules::{publication_date, rules};
pub use style::HiddenHow;

/// Which part of a page a text comes from. Texts of different scopes are checked separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The visible body text (block elements separated by line breaks).
    Body,
    /// The `<title>`.
    Title,
    /// An `alt` attribute of an image.
    Alt,
    /// A `title` attribute (a tooltip).
    TitleAttr,
    /// `<meta name="description">`.
    Description,
    /// `<meta name="keywords">`, one keyword per line.
    Keywords,
    /// Text of an element hidden from the reader (see [`HiddenHow`]).
    Hidden,
}

impl Scope {
    /// The Chinese name shown in messages.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Body => "正文",
            Scope::Title => "网页标题",
            Scope::Alt => "图片 alt 属性",
            Scope::TitleAttr => "title 属性",
            Scope::Description => "meta 描述",
            Scope::Keywords => "meta 关键词",
            Scope::Hidden => "隐藏内容",
        }
    }
}

/// One text of a page, as the reader (or a search engine) sees it.
#[derive(Debug, Clone)]
pub struct PageText {
    /// Where on the page it is.
    pub scope: Scope,
    /// The text.
    pub text: String,
    /// Byte offsets of `text` to byte offsets of [`Page::source`].
    pub map: OffsetMap,
    /// How it is hidden, for hidden content (and for attribute texts inside hidden elements).
    pub hidden: Option<HiddenHow>,
}

/// A link or an embedded resource: `<a href>`, `<area href>`, `<iframe src>`, `<script src>`,
/// `<embed src>`, `<frame src>`, `<meta http-equiv=refresh>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The element name (`a`, `iframe`, `script`, `meta` …).
    pub tag: String,
    /// The target as written (entities decoded, trimmed).
    pub href: String,
    /// Source range of the attribute value.
    pub span: Range<usize>,
    /// The anchor text the reader sees (empty for embeds).
    pub text: String,
    /// How the link is hidden, if it is.
    pub hidden: Option<HiddenHow>,
}

/// A `<meta>` tag with a name (`name`, `property`, `http-equiv` or `itemprop`) and a content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The name, lowercased (`pubdate`, `article:published_time`, `columnname` …).
    pub name: String,
    /// The content.
    pub content: String,
    /// Source range of the content attribute's value.
    pub span: Range<usize>,
}

/// A list item of the visible page (`li`, `tr` or `dd`): what column list pages are made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Its visible text.
    pub text: String,
    /// The target of its first link, if any.
    pub href: Option<String>,
    /// Its source range.
    pub src: Range<usize>,
}

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The source document, decoded to UTF-8. Every range in the page refers to it.
    pub source: String,
    /// Its texts: the title first (if any), then the body, then attribute, meta and hidden texts
    /// in document order.
    pub texts: Vec<PageText>,
    /// Links and embeds in document order.
    pub links: Vec<Link>,
    /// Meta tags in document order.
    pub metas: Vec<Meta>,
    /// List items in document order.
    pub items: Vec<Item>,
    /// Name of the encoding the bytes were decoded from (`UTF-8`, `GBK` …).
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub encoding_source: EncodingSource,
}

impl Page {
    /// The visible body text.
    pub fn body(&self) -> &str {
        self.texts
            .iter()
            .find(|t| t.scope == Scope::Body)
            .map_or("", |t| t.text.trim_end_matches('\n'))
    }

    /// The `<title>` text, trimmed.
    pub fn title(&self) -> Option<&str> {
        self.texts
            .iter()
            .find(|t| t.scope == Scope::Title)
            .map(|t| t.text.trim())
    }

    /// The content of the first meta tag named `name` (lowercase).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.content.as_str())
    }
}

/// Parses an HTML document already in UTF-8.
pub fn parse(source: &str) -> Page {
    let mut page = extract::extract(source);
    page.source = source.to_string();
    page
}

/// Decodes `bytes` ([`encoding::decode`]: `forced`, BOM, `<meta charset>`, UTF-8, detection) and
/// parses them.
pub fn parse_bytes(bytes: &[u8], forced: Option<&'static encoding_rs::Encoding>) -> Page {
    let d = encoding::decode(bytes, forced, true);
    let mut page = extract::extract(&d.text);
    page.source = d.text;
    page.encoding = d.encoding.name();
    page.encoding_source = d.source;
    page
}

/// Whether `bytes` look like HTML: a doctype, or one of `<html`, `<head`, `<body`, `<meta`,
/// `<title`, `<div`, `<p>`, `<table` near the start (after white space and a BOM).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes[..bytes.len().min(1024)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let s = head
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(&head);
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let s = &s[start..];
    [
        b"<!doctype html".as_slice(),
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<!--",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        || (s.starts_with(b"<")
            && [b"<div".as_slice(), b"<p>", b"<table", b"<a href"]
                .iter()
                .any(|p| memchr::memmem::find(s, p).is_some()))
}

/// What page rules need beyond the page: where it is and when it was captured.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// The date the page was captured (WARC date, `--as-of`, file time). Dates shown on the page
    /// later than this are 发稿日期超前. `None` turns that rule off.
    pub captured: Option<Date>,
    /// The site's own host names (`www.example.gov.cn`); links to them and their subdomains are
    /// internal.
    pub own_domains: Vec<String>,
    /// Further host names (and their subdomains) links may point to without a finding.
    pub allow_domains: Vec<String>,
}

/// Checks every text of `page` with `checker` and runs the page rules; findings are sorted by
/// position, with offsets, line and column in `page.source`. `text` is the text the reader saw
/// (entities decoded), and a finding inside hidden content or an attribute says so in its message.
pub fn check_page(checker: &Checker, page: &Page, opts: &PageOptions) -> Vec<Finding> {
    check_page_as_of(checker, page, opts, checker.as_of())
}

/// [`check_page`] with the core's date-aware rules checked as of `as_of` instead of the
/// checker's reference date (as [`Checker::check_as_of`]); a server checks each request as of
/// its own date this way without building a checker per date.
pub fn check_page_as_of(
    checker: &Checker,
    page: &Page,
    opts: &PageOptions,
    as_of: Date,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // The sensitive terms found in each text, for the hidden-content and link rules.
    let mut spam: Vec<Vec<String>> = vec![Vec::new(); page.texts.len()];
    for (i, t) in page.texts.iter().enumerate() {
        if t.text.is_empty() {
            continue;
        }
        for mut f in checker.check_as_of(&t.text, as_of) {
            let visible = t
                .text
                .get(f.byte_start..f.byte_end)
                .unwrap_or("")
                .to_string();
            let r = t.map.span(f.byte_start..f.byte_end);
            f.byte_start = r.start;
            f.byte_end = r.end;
            f.text = visible;
            if f.kind == Kind::Sensitive && !spam[i].contains(&f.text) {
                spam[i].push(f.text.clone());
            }
            if t.scope != Scope::Body {
                f.message = match &t.hidden {
                    Some(h) => format!("{}（位于{}：{}）", f.message, t.scope.label(), h.how),
                    None => format!("{}（位于{}）", f.message, t.scope.label()),
                };
            }
            out.push(f);
        }
    }
    rules::check(page, opts, &spam, &mut out);
    out.retain(|f| checker.options().selects(&f.rule, f.kind));
    for f in &mut out {
        for (sel, sev) in &checker.options().severity {
            if sel.matches(&f.rule, f.kind) {
                f.severity = *sev;
            }
        }
    }
    out.sort_by(|a, b| {
        (a.byte_start, a.byte_end, &a.rule).cmp(&(b.byte_start, b.byte_end, &b.rule))
    });
    out.dedup_by(|a, b| (a.byte_start, a.byte_end, &a.rule) == (b.byte_start, b.byte_end, &b.rule));
    fill_positions(&page.source, &mut out);
    out
}

/// `page.source` with the fixes of `check_page` applied where they are safe to apply to markup:
/// only findings whose source bytes are exactly the text the reader saw (no tag or entity inside)
/// are replaced, with the replacement HTML-escaped; everything else, markup included, is left
/// byte for byte. `include_unsafe` also applies fixes marked unsafe.
///
/// ```
/// let page = zhproof_html::parse("<p>全面布署，<b>布</b>署</p><script>布署</script>");
/// let fixed = zhproof_html::fix_page(&zhproof::Checker::new(), &page, &Default::default(), false);
/// assert_eq!(fixed, "<p>全面部署，<b>布</b>署</p><script>布署</script>");
/// ```
pub fn fix_page(
    checker: &Checker,
    page: &Page,
    opts: &PageOptions,
    include_unsafe: bool,
) -> String {
    fix_page_as_of(checker, page, opts, include_unsafe, checker.as_of())
}

/// [`fix_page`] with the core's date-aware rules checked as of `as_of`.
pub fn fix_page_as_of(
    checker: &Checker,
    page: &Page,
    opts: &PageOptions,
    include_unsafe: bool,
    as_of: Date,
) -> String {
    let mut fs = check_page_as_of(checker, page, opts, as_of);
    fs.retain(|f| page.source.get(f.byte_start..f.byte_end) == Some(f.text.as_str()));
    for f in &mut fs {
        for s in &mut f.suggestions {
            *s = s
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
        }
    }
    zhproof::apply_fixes_with(&page.source, &fs, include_unsafe)
}

/// Fills `char_start`, `char_end`, `line` and `column` of findings sorted by `byte_start` from
/// their byte offsets in `src` (lines end at `\n`, `\r\n` or a lone `\r`).
pub fn fill_positions(src: &str, findings: &mut [Finding]) {
    let mut wanted: Vec<(usize, usize, bool)> = Vec::with_capacity(findings.len() * 2);
    for (i, f) in findings.iter().enumerate() {
        wanted.push((f.byte_start.min(src.len()), i, true));
        wanted.push((f.byte_end.min(src.len()), i, false));
    }
    wanted.sort_unstable();
    let b = src.as_bytes();
    // Characters are counted a segment at a time (a loop the compiler vectorizes) and line
    // breaks found with memchr: pages are large and findings few.
    let count_chars = |s: &[u8]| s.iter().filter(|&&c| (c as i8) >= -0x40).count();
    let (mut pos, mut chars, mut line, mut line_start_chars) = (0usize, 0usize, 1usize, 0usize);
    for (target, i, is_start) in wanted {
        if pos < target {
            let seg = &b[pos..target];
            let mut last_break = None;
            for at in memchr::memchr2_iter(b'\n', b'\r', seg) {
                // `\r\n` is one break, counted at its `\n` (which may lie past this segment).
                if seg[at] == b'\r' && b.get(pos + at + 1) == Some(&b'\n') {
                    continue;
                }
                line += 1;
                last_break = Some(at);
            }
            if let Some(at) = last_break {
                line_start_chars = chars + count_chars(&seg[..=at]);
            }
            chars += count_chars(seg);
            pos = target;
        }
        let f = &mut findings[i];
        if is_start {
            f.char_start = chars;
            f.line = line;
            f.column = chars - line_start_chars + 1;
        } else {
            f.char_end = chars;
        }
    }
}

/// A finding of page rule `meta` over `span` of `page.source` (positions filled later).
pub(crate) fn finding(
    meta: &RuleMeta,
    page: &Page,
    span: Range<usize>,
    message: String,
) -> Finding {
    Finding::at(
        meta.id.to_string(),
        meta.kind,
        meta.severity,
        &page.source,
        span,
        message,
        Vec::new(),
        meta.source.to_string(),
        Default::default(),
    )
}

/// Used by [`rules`] to build metadata.
pub(crate) fn meta(
    id: &'static str,
    family: &'static str,
    kind: Kind,
    severity: Severity,
    summary: &'static str,
    source: &'static str,
) -> RuleMeta {
    let explanation = match id {
        "hidden-text" | "hidden-link" => "Hacked government pages carry gambling and porn keywords or links hidden from readers for search engines (暗链); inspections veto a site for it. Delete the injected markup and find how it got there.",
        "improper-link" => "A government page must not link to gambling, porn or reactionary content; one such link is a veto item. Remove the link.",
        "suspicious-link" => "Throw-away gambling hosts are named by digits (8888.com); check where the link goes and remove it if it is spam.",
        "external-link" => "Government sites must not link to commercial sites; add legitimate partners to allow-domains in zhproof.toml.",
        "date-ahead" => "A publication date later than the capture date counts as a forged date (伪造发稿日期), a veto item. Correct the date.",
        "date-mismatch" => "The page's metadata and visible publication dates disagree; one of them is wrong. Make them equal.",
        _ => summary,
    };
    RuleMeta::external(
        id,
        family,
        kind,
        severity,
        summary,
        explanation,
        source,
        &[],
        &[],
    )
}

#[cfg(test)]
mod position_tests {
    use super::*;

    /// The line, column and char offset of byte `at`, one byte at a time.
    fn naive(src: &str, at: usize) -> (usize, usize, usize) {
        let (mut line, mut col, mut chars) = (1, 1, 0);
        let b = src.as_bytes();
        for (i, c) in src.char_indices() {
            if i >= at {
                break;
            }
            chars += 1;
            col += 1;
            if c == '\n' || (c == '\r' && b.get(i + 1) != Some(&b'\n')) {
                line += 1;
                col = 1;
            }
        }
        (line, col, chars)
    }

    #[test]
    fn positions_count_chars_and_every_kind_of_line_break() {
        for src in [
            "全面布署\n第二行\r\n第三行\r第四行\r\n\r\n末行布署",
            "\r\n\n\r\r\nab",
            "<p>a</p>\r",
            "",
        ] {
            let bounds: Vec<usize> = src
                .char_indices()
                .map(|(i, _)| i)
                .chain([src.len()])
                .collect();
            for &s in &bounds {
                for &e in bounds.iter().filter(|&&e| e >= s) {
                    let mut fs = vec![Finding::at(
                        "x".into(),
                        Kind::Typo,
                        Severity::Warning,
                        src,
                        s..e,
                        String::new(),
                        vec![],
                        String::new(),
                        Default::default(),
                    )];
                    fill_positions(src, &mut fs);
                    let (line, column, cs) = naive(src, s);
                    assert_eq!(
                        (fs[0].line, fs[0].column, fs[0].char_start, fs[0].char_end),
                        (line, column, cs, naive(src, e).2),
                        "{src:?} {s}..{e}"
                    );
                }
            }
        }
    }
}
