//! One pass over the tokens of a page (html5gum, WHATWG tokenizer with byte spans) building the
//! texts the reader sees, with offset maps back to the source, plus links, meta tags and list
//! items.
//!
//! Tree building is the small part of the HTML standard a reader's view needs: an element stack
//! whose end tags close the nearest open element of that name, void elements, implied ends of
//! `p`, `li`, `tr`, `td`/`th`, `dt`/`dd` and `option`, and a depth limit ([`MAX_DEPTH`]) so
//! hostile nesting costs linear time.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

use crate::map::OffsetMap;
use crate::style::{hidden_how, HiddenHow};
use crate::{Item, Link, Meta, Page, PageText, Scope};

/// Deepest element nesting tracked; deeper elements are read as text of their deepest tracked
/// ancestor.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements that break lines: what [`is_block`] matches (a test checks they agree).
#[cfg(test)]
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "marquee",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is never shown as text.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "noembed", "noframes", "object", "svg",
    "math", "select",
];

fn is_block(name: &str) -> bool {
    // A `match` (dispatched on length, then compared) rather than a search of [`BLOCK`]: called
    // for every start and end tag of every page. A test checks the two agree.
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

#[derive(Debug, Default)]
struct Sink {
    text: String,
    map: OffsetMap,
    /// Source range of collapsed white space waiting to be written as one space.
    pending: Option<Range<usize>>,
}

fn cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

fn html_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

impl Sink {
    fn newline(&mut self, src: Range<usize>) {
        self.pending = None;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            let at = self.text.len();
            self.text.push('\n');
            self.map.push(at, 1, src, false);
        }
    }

    fn space(&mut self, src: Range<usize>) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            return;
        }
        self.pending = Some(match self.pending.take() {
            Some(p) => p.start..src.end.max(p.end),
            None => src,
        });
    }

    fn word(&mut self, s: &str, src: Range<usize>, identity: bool) {
        if let Some(p) = self.pending.take() {
            let prev = self.text.chars().next_back();
            let next = s.chars().next();
            if !(prev.is_some_and(cjk) && next.is_some_and(cjk)) {
                let at = self.text.len();
                self.text.push(' ');
                self.map.push(at, 1, p, false);
            }
        }
        let at = self.text.len();
        self.text.push_str(s);
        self.map.push(at, s.len(), src, identity);
    }

    /// Appends a decoded piece, collapsing HTML white space.
    fn piece(&mut self, s: &str, src: Range<usize>, identity: bool, pre: bool) {
        if pre {
            let at = self.text.len();
            self.pending = None;
            self.text.push_str(s);
            self.map.push(at, s.len(), src, identity);
            return;
        }
        if !identity {
            if s.chars().all(html_ws) {
                self.space(src);
            } else {
                self.word(s, src, false);
            }
            return;
        }
        let mut rest = s;
        let mut base = src.start;
        while !rest.is_empty() {
            let ws = rest.find(|c: char| !html_ws(c)).unwrap_or(rest.len());
            if ws > 0 {
                self.space(base..base + ws);
                rest = &rest[ws..];
                base += ws;
                continue;
            }
            let w = rest.find(html_ws).unwrap_or(rest.len());
            self.word(&rest[..w], base..base + w, true);
            rest = &rest[w..];
            base += w;
        }
    }
}

/// Where the `n` decoded bytes after an entity's `&` at `i` end in `raw`.
fn entity_end(rb: &[u8], i: usize, next: Option<u8>) -> usize {
    let mut k = i + 1;
    if rb.get(k) == Some(&b'#') {
        k += 1;
        if matches!(rb.get(k), Some(b'x' | b'X')) {
            k += 1;
        }
        while rb.get(k).is_some_and(u8::is_ascii_hexdigit) {
            k += 1;
        }
        if rb.get(k) == Some(&b';') {
            k += 1;
        }
        return k.min(rb.len());
    }
    while rb.get(k).is_some_and(u8::is_ascii_alphanumeric) {
        k += 1;
    }
    if rb.get(k) == Some(&b';') {
        return k + 1;
    }
    // A legacy reference without `;` (`&ampb` is `&` then `b`): the shortest name after which the
    // raw text resumes with the next decoded byte.
    if let Some(n) = next {
        for e in i + 2..=k {
            if rb.get(e) == Some(&n) {
                return e;
            }
        }
    }
    k
}

/// Calls `f(decoded_piece, source_range, identity)` for consecutive pieces of `dec`, the decoded
/// form of `raw` (which starts at `base` in the source). Pieces cover `dec` exactly and their
/// source ranges lie within `raw`, on character boundaries.
pub(crate) fn align(
    raw: &str,
    base: usize,
    dec: &str,
    mut f: impl FnMut(&str, Range<usize>, bool),
) {
    if raw == dec {
        if !dec.is_empty() {
            f(dec, base..base + raw.len(), true);
        }
        return;
    }
    let (rb, db) = (raw.as_bytes(), dec.as_bytes());
    let (mut i, mut j) = (0usize, 0usize);
    let mut run: Option<(usize, usize)> = None;
    let ok = |i: usize, j: usize| raw.is_char_boundary(i) && dec.is_char_boundary(j);
    loop {
        if j >= db.len() || i >= rb.len() {
            break;
        }
        let c = rb[i];
        if c == db[j] && c != b'&' && c != b'\r' {
            run.get_or_insert((i, j));
            i += 1;
            j += 1;
            continue;
        }
        if let Some((ri, rj)) = run.take() {
            if !ok(i, j) {
                i = ri;
                j = rj;
                break;
            }
            f(&dec[rj..j], base + ri..base + i, true);
        }
        if c == b'\r' && db[j] == b'\n' {
            let n = if rb.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            f(&dec[j..j + 1], base + i..base + i + n, false);
            i += n;
            j += 1;
            continue;
        }
        if c == b'&' {
            let len = dec[j..].chars().next().map_or(1, char::len_utf8);
            let e = entity_end(rb, i, db.get(j + len).copied());
            if e > i + 1 && ok(e, j + len) {
                f(&dec[j..j + len], base + i..base + e, false);
                i = e;
                j += len;
                continue;
            }
        }
        break;
    }
    if let Some((ri, rj)) = run.take() {
        if ok(i, j) {
            f(&dec[rj..j], base + ri..base + i, true);
        } else {
            i = ri;
            j = rj;
        }
    }
    if j < db.len() {
        let s = i.min(rb.len());
        f(&dec[j..], base + s..base + rb.len(), false);
    }
}

#[derive(Debug)]
struct Open {
    name: String,
    /// This element opened a hidden sink.
    hidden_root: bool,
    /// Index into `items` of the item this element opened.
    item: Option<usize>,
    pre: bool,
    skip: bool,
}

struct Builder<'a> {
    src: &'a str,
    stack: Vec<Open>,
    /// Beyond MAX_DEPTH: elements not tracked.
    untracked: usize,
    body: Sink,
    title: Option<Sink>,
    in_title: bool,
    hidden: Vec<(Sink, HiddenHow, Range<usize>)>,
    texts: Vec<PageText>,
    links: Vec<Link>,
    /// Open anchor: index into `links`, sink depth and text offset where its text starts.
    open_link: Option<(usize, usize, usize)>,
    items: Vec<Item>,
    open_items: Vec<(usize, usize, usize)>,
    metas: Vec<Meta>,
    skip: usize,
    pre: usize,
    // The start tag being read.
    tag_name: String,
    tag_start: usize,
    attrs: Vec<(String, String, Range<usize>)>,
    /// How many of `attrs` belong to the open tag (the rest are buffers kept for reuse: one
    /// allocation per attribute slot per page, not per attribute).
    n_attrs: usize,
    /// Buffer for end tag names.
    end_name: String,
    in_end_tag: bool,
}

impl<'a> Builder<'a> {
    fn sink(&mut self) -> &mut Sink {
        if self.in_title {
            return self.title.get_or_insert_with(Sink::default);
        }
        match self.hidden.last_mut() {
            Some((s, _, _)) => s,
            None => &mut self.body,
        }
    }

    fn current_hidden(&self) -> Option<HiddenHow> {
        self.hidden.last().map(|(_, h, _)| h.clone())
    }

    fn text(&mut self, value: &[u8], span: Range<usize>) {
        if self.skip > 0 && !self.in_title {
            return;
        }
        let Some(raw) = self.src.get(span.clone()) else {
            return;
        };
        let dec = String::from_utf8_lossy(value);
        let pre = self.pre > 0;
        let base = dec.as_ptr() as usize;
        let mut pieces: Vec<(Range<usize>, Range<usize>, bool)> = Vec::new();
        align(raw, span.start, &dec, |d, r, id| {
            let at = d.as_ptr() as usize - base;
            pieces.push((at..at + d.len(), r, id));
        });
        let sink = self.sink();
        for (d, r, id) in pieces {
            sink.piece(&dec[d], r, id, pre);
        }
    }

    fn attr_text(&mut self, scope: Scope, value: &str, span: &Range<usize>, keywords: bool) {
        if value.trim().is_empty() {
            return;
        }
        let mut sink = Sink::default();
        let raw = self.src.get(span.clone()).unwrap_or("");
        align(raw, span.start, value, |d, r, id| {
            const SEPARATORS: [char; 7] = [',', '，', ';', '；', '、', '|', ' '];
            if keywords && !id {
                // A decoded piece that differs from its source (an entity, a replaced NUL or
                // invalid byte) maps as a whole: its bytes do not line up with the source's.
                if d.chars().all(|c| SEPARATORS.contains(&c)) {
                    sink.newline(r);
                } else {
                    sink.piece(d, r, id, false);
                }
            } else if keywords {
                // Keywords are a list, not a sentence: each one is checked on a line of its own.
                let mut base = r.start;
                for part in d.split_inclusive(SEPARATORS) {
                    let word = part.trim_end_matches(SEPARATORS);
                    let wl = word.len();
                    if wl > 0 {
                        sink.piece(word, base..base + wl.min(r.end - base), id, false);
                    }
                    if part.len() > wl {
                        sink.newline(base + wl..(base + part.len()).min(r.end));
                    }
                    base = (base + part.len()).min(r.end);
                }
            } else {
                sink.piece(d, r, id, false);
            }
        });
        let hidden = self.current_hidden();
        self.texts.push(PageText {
            scope,
            text: sink.text,
            map: sink.map,
            hidden,
        });
    }

    fn sink_depth(&self) -> usize {
        self.hidden.len()
    }

    fn start_tag(&mut self, end: usize, self_closing: bool) {
        let name = std::mem::take(&mut self.tag_name);
        let all = std::mem::take(&mut self.attrs);
        self.start_tag_with(
            &name,
            &all[..self.n_attrs.min(all.len())],
            end,
            self_closing,
        );
        // The buffers go back for the next tag.
        self.tag_name = name;
        self.attrs = all;
    }

    fn start_tag_with(
        &mut self,
        name: &str,
        attrs: &[(String, String, Range<usize>)],
        end: usize,
        self_closing: bool,
    ) {
        let tag_span = self.tag_start..end.min(self.src.len());
        // Implied end tags.
        let closes: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            "option" => &["option"],
            _ => &[],
        };
        if !closes.is_empty() {
            if let Some(top) = self.stack.last() {
                if closes.contains(&top.name.as_str()) {
                    let n = top.name.clone();
                    self.end_tag(&n, tag_span.clone());
                }
            }
        }
        if is_block(name) && name != "br" {
            if let Some(top) = self.stack.last() {
                if top.name == "p" {
                    self.end_tag("p", tag_span.clone());
                }
            }
        }
        let get = |n: &str| attrs.iter().find(|(k, _, _)| k == n);
        let own_how = if attrs.is_empty() && name != "marquee" {
            None
        } else {
            hidden_how(name, &|n| get(n).map(|(_, v, _)| v.as_str()))
        };
        // Attribute texts: alt and title are read by people; meta description and keywords by
        // search engines and share previews.
        for (k, v, r) in attrs {
            match k.as_str() {
                "alt" if matches!(name, "img" | "area" | "input") => {
                    self.attr_text(Scope::Alt, v, r, false)
                }
                "title" => self.attr_text(Scope::TitleAttr, v, r, false),
                _ => {}
            }
        }
        if name == "meta" {
            let key = get("name")
                .or(get("property"))
                .or(get("http-equiv"))
                .or(get("itemprop"));
            if let (Some((_, key, _)), Some((_, content, cr))) = (key, get("content")) {
                let key = key.trim().to_ascii_lowercase();
                match key.as_str() {
                    "description" => self.attr_text(Scope::Description, content, cr, false),
                    "keywords" => self.attr_text(Scope::Keywords, content, cr, true),
                    _ => {}
                }
                if key == "refresh" {
                    if let Some(p) = content.to_ascii_lowercase().find("url=") {
                        let href = content[p + 4..]
                            .trim()
                            .trim_matches(['\'', '"'])
                            .to_string();
                        self.links.push(Link {
                            tag: "meta".into(),
                            href,
                            span: cr.clone(),
                            text: String::new(),
                            hidden: None,
                        });
                    }
                }
                self.metas.push(Meta {
                    name: key,
                    content: content.clone(),
                    span: cr.clone(),
                });
            }
        }
        let href_attr = match name {
            "a" | "area" | "link" => get("href"),
            "iframe" | "frame" | "script" | "embed" => get("src"),
            _ => None,
        };
        if name == "a" {
            self.close_link();
        }
        if let Some((_, href, r)) = href_attr {
            let skip_link = name == "link"
                && !get("rel")
                    .is_some_and(|(_, v, _)| v.to_ascii_lowercase().contains("alternate"));
            if !skip_link {
                let hidden = self.current_hidden().or_else(|| own_how.clone());
                self.links.push(Link {
                    tag: name.into(),
                    href: href.trim().to_string(),
                    span: r.clone(),
                    text: String::new(),
                    hidden,
                });
                if name == "a" {
                    let at = self.sink().text.len();
                    self.open_link = Some((self.links.len() - 1, self.sink_depth(), at));
                }
            }
        }
        if is_block(name) {
            self.sink().newline(tag_span.clone());
        }
        if VOID.contains(&name) || self_closing && name != "a" {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.untracked += 1;
            return;
        }
        let how = if self.skip == 0 { own_how } else { None };
        let hidden_root = how.is_some();
        if let Some(h) = how {
            self.hidden.push((Sink::default(), h, tag_span.clone()));
        }
        let skip = SKIPPED.contains(&name);
        if skip {
            self.skip += 1;
        }
        if name == "title" && self.title.is_none() && self.skip == 0 {
            self.in_title = true;
        }
        let pre = matches!(name, "pre" | "textarea" | "xmp" | "plaintext" | "listing");
        if pre {
            self.pre += 1;
        }
        let item = if matches!(name, "li" | "tr" | "dd") && self.hidden.is_empty() && self.skip == 0
        {
            let at = self.body.text.len();
            self.items.push(Item {
                text: String::new(),
                href: None,
                src: tag_span.clone(),
            });
            self.open_items
                .push((self.items.len() - 1, at, self.links.len()));
            Some(self.items.len() - 1)
        } else {
            None
        };
        self.stack.push(Open {
            name: name.to_string(),
            hidden_root,
            item,
            pre,
            skip,
        });
    }

    fn close_link(&mut self) {
        if let Some((i, depth, at)) = self.open_link.take() {
            if depth == self.sink_depth() {
                let t = self.sink().text.get(at..).unwrap_or("").trim().to_string();
                self.links[i].text = t;
            }
        }
    }

    fn pop(&mut self, open: Open, span: Range<usize>) {
        if open.name == "a" {
            self.close_link();
        }
        if open.name == "title" && self.in_title {
            self.in_title = false;
        }
        if is_block(&open.name) {
            self.sink().newline(span.clone());
        }
        if let Some(i) = open.item {
            if let Some(pos) = self.open_items.iter().rposition(|(k, _, _)| *k == i) {
                let (_, at, first_link) = self.open_items.remove(pos);
                self.items[i].text = self.body.text.get(at..).unwrap_or("").trim().to_string();
                self.items[i].href = self
                    .links
                    .get(first_link)
                    .filter(|l| l.tag == "a")
                    .map(|l| l.href.clone());
                self.items[i].src.end = span.end;
            }
        }
        if open.skip {
            self.skip -= 1;
        }
        if open.pre {
            self.pre -= 1;
        }
        if open.hidden_root {
            self.close_link();
            if let Some((sink, how, tag)) = self.hidden.pop() {
                if !sink.text.trim().is_empty() {
                    let _ = tag;
                    self.texts.push(PageText {
                        scope: Scope::Hidden,
                        text: sink.text,
                        map: sink.map,
                        hidden: Some(how),
                    });
                }
            }
        }
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>) {
        if self.untracked > 0 {
            self.untracked -= 1;
            return;
        }
        if name == "br" || name == "p" && !self.stack.iter().any(|o| o.name == "p") {
            self.sink().newline(span);
            return;
        }
        let Some(pos) = self.stack.iter().rposition(|o| o.name == name) else {
            if is_block(name) {
                self.sink().newline(span);
            }
            return;
        };
        while self.stack.len() > pos {
            let open = self.stack.pop().expect("non-empty");
            self.pop(open, span.clone());
        }
    }

    fn finish(mut self) -> Page {
        let end = self.src.len();
        while let Some(open) = self.stack.pop() {
            self.pop(open, end..end);
        }
        self.close_link();
        let mut texts = Vec::with_capacity(self.texts.len() + 2);
        if let Some(t) = self.title.take() {
            if !t.text.trim().is_empty() {
                texts.push(PageText {
                    scope: Scope::Title,
                    text: t.text,
                    map: t.map,
                    hidden: None,
                });
            }
        }
        let body = std::mem::take(&mut self.body);
        texts.push(PageText {
            scope: Scope::Body,
            text: body.text,
            map: body.map,
            hidden: None,
        });
        texts.append(&mut self.texts);
        Page {
            source: String::new(),
            texts,
            links: self.links,
            metas: self.metas,
            items: self.items,
            encoding: "UTF-8",
            encoding_source: crate::EncodingSource::Utf8,
        }
    }
}

/// `buf` = `bytes` (lossily decoded) in ASCII lowercase, reusing `buf`'s allocation.
fn set_lower(buf: &mut String, bytes: &[u8]) {
    buf.clear();
    push_lossy(buf, bytes);
    buf.make_ascii_lowercase();
}

/// Appends `bytes` to `buf`, lossily decoded; valid UTF-8 (nearly always: the source is a
/// `str`) skips `from_utf8_lossy`'s chunk iterator, which cost more than the copy.
fn push_lossy(buf: &mut String, bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(s) => buf.push_str(s),
        Err(_) => buf.push_str(&String::from_utf8_lossy(bytes)),
    }
}

/// An emitter that asks the tokenizer for no parse errors: the page's text is wanted, not its
/// conformance, and validating every character for error reports cost ≈ 10 % of tokenizing.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Extracts texts, links, meta tags and list items from `src`.
pub(crate) fn extract(src: &str) -> Page {
    let mut b = Builder {
        src,
        stack: Vec::new(),
        untracked: 0,
        body: Sink::default(),
        title: None,
        in_title: false,
        hidden: Vec::new(),
        texts: Vec::new(),
        links: Vec::new(),
        open_link: None,
        items: Vec::new(),
        open_items: Vec::new(),
        metas: Vec::new(),
        skip: 0,
        pre: 0,
        tag_name: String::new(),
        tag_start: 0,
        attrs: Vec::new(),
        n_attrs: 0,
        end_name: String::new(),
        in_end_tag: false,
    };
    {
        let bref = &mut b;
        let mut emitter = CallbackEmitter::new(
            move |ev: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
                let r = span.start..span.end;
                match ev {
                    CallbackEvent::OpenStartTag { name } => {
                        bref.in_end_tag = false;
                        set_lower(&mut bref.tag_name, name);
                        bref.tag_start = span.start;
                        bref.n_attrs = 0;
                    }
                    CallbackEvent::AttributeName { name } => {
                        if !bref.in_end_tag && bref.n_attrs < 64 {
                            if bref.n_attrs == bref.attrs.len() {
                                bref.attrs.push(Default::default());
                            }
                            let slot = &mut bref.attrs[bref.n_attrs];
                            set_lower(&mut slot.0, name);
                            slot.1.clear();
                            slot.2 = r.end..r.end;
                            bref.n_attrs += 1;
                        }
                    }
                    CallbackEvent::AttributeValue { value } => {
                        if let Some(last) = bref.n_attrs.checked_sub(1) {
                            let slot = &mut bref.attrs[last];
                            slot.1.clear();
                            push_lossy(&mut slot.1, value);
                            slot.2 = r;
                        }
                    }
                    CallbackEvent::CloseStartTag { self_closing } => {
                        if !bref.in_end_tag {
                            bref.start_tag(span.end, self_closing);
                        }
                    }
                    CallbackEvent::EndTag { name } => {
                        let mut n = std::mem::take(&mut bref.end_name);
                        set_lower(&mut n, name);
                        bref.end_tag(&n, r);
                        bref.end_name = n;
                    }
                    CallbackEvent::String { value } => bref.text(value, r),
                    CallbackEvent::Comment { .. }
                    | CallbackEvent::Doctype { .. }
                    | CallbackEvent::Error(_) => {}
                }
                None
            },
        );
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(src, Quiet(emitter)) {}
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn block_names_are_the_ones_is_block_knows() {
        assert!(super::BLOCK.windows(2).all(|w| w[0] < w[1]));
        assert!(super::BLOCK.iter().all(|n| super::is_block(n)));
        for n in ["span", "a", "b", "", "pp", "DIV", "tables"] {
            assert!(!super::is_block(n), "{n}");
        }
    }
}
