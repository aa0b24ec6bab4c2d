//! RSS 2.0, RSS 1.0 (RDF) and Atom feed files of new-media accounts: what RSS bridges of WeChat,
//! Weibo and Toutiao accounts and the platforms' exports write.
//!
//! Each `item` / `entry` becomes one article: its title, its date (`published`, `pubDate`,
//! `dc:date`, `issued`, `updated`; RFC 822 and RFC 3339, converted to the China calendar day) and
//! its body (`content:encoded`, then Atom `content`, then `description` / `summary`). The body's
//! HTML is decoded from the XML (CDATA taken as is, entities and character references resolved)
//! and checked through `zhproof-html` as a page whose [`OffsetMap`] leads back into the feed
//! file, so every finding's line and column are those of the feed.
//!
//! Hostile feeds are handled on purpose: entities declared in a DTD are never expanded (an
//! unknown `&name;` is passed on as written, where the HTML decoder knows it or leaves it), the
//! file is capped at [`MAX_PAGE_BYTES`](crate::MAX_PAGE_BYTES) and the item count at
//! [`MAX_FEED_ITEMS`], and malformed XML stops reading with its line and column noted, keeping
//! the articles read before it.

use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zhproof::Date;
use zhproof_html::OffsetMap;

use crate::report::esc;

/// Items read from one feed at most; the rest are reported as not checked.
pub const MAX_FEED_ITEMS: usize = 20_000;

/// The body of an article, as HTML, with its map back into the feed source.
#[derive(Debug, Default, Clone)]
struct Field {
    /// HTML (for HTML fields: the decoded XML text; for text fields: the text, escaped).
    html: String,
    /// Pieces: start in `html`, length, source range, identity.
    pieces: Vec<(usize, usize, Range<usize>, bool)>,
    /// The decoded text (for titles, dates and links).
    plain: String,
    /// Source range of the whole content (first to last byte read).
    src: Option<Range<usize>>,
}

impl Field {
    fn push(&mut self, html: &str, src: Range<usize>, identity: bool) {
        if html.is_empty() && src.is_empty() {
            return;
        }
        self.pieces
            .push((self.html.len(), html.len(), src.clone(), identity));
        self.html.push_str(html);
        self.src = Some(match &self.src {
            Some(r) => r.start.min(src.start)..r.end.max(src.end),
            None => src,
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The XML text is HTML (RSS description, content:encoded, Atom type="html"/"xhtml").
    Html,
    /// The XML text is plain text, escaped into HTML (titles, Atom type="text").
    Text,
    /// Plain text only (dates, links, names).
    Plain,
}

/// Which field of an item (or of the channel) an element fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Title,
    Link,
    /// `guid` / Atom `id`: a link when it is a URL.
    Guid,
    /// Dates, best first.
    Date(u8),
    /// Bodies, best first.
    Body(u8),
    Author,
}

/// One article of a feed, ready to check.
#[derive(Debug, Clone)]
pub(crate) struct FeedArticle {
    /// Its title, decoded.
    pub title: String,
    /// Its link (`link`, Atom `link rel="alternate"`, `guid`), if any.
    pub link: Option<String>,
    /// Its date, China calendar day.
    pub date: Option<Date>,
    /// A synthetic HTML page: a `PubDate` meta, the title and the body.
    pub html: String,
    /// From `html` to the feed source.
    pub map: OffsetMap,
    /// The item's range in the feed source.
    pub src: Range<usize>,
}

/// A feed read.
#[derive(Debug, Clone)]
pub(crate) struct ParsedFeed {
    /// The source, decoded to UTF-8; every range refers to it.
    pub source: String,
    /// `rss`, `rdf` or `atom`.
    pub format: &'static str,
    /// The channel's (feed's) title: the account name.
    pub title: Option<String>,
    /// The feed-level author or publisher (Atom `author/name`, `dc:publisher`).
    pub author: Option<String>,
    /// The articles, in feed order.
    pub articles: Vec<FeedArticle>,
    /// What was noticed and not checked (missing dates, XML errors, caps, DTD entities).
    pub notes: Vec<String>,
}

/// Whether `bytes` look like an RSS or Atom feed (the root element within the first 4 KiB).
pub(crate) fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|p| head.contains(p))
}

/// The encoding named by an XML declaration (`<?xml version="1.0" encoding="GB2312"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = memchr::memmem::find(head, b"<?xml")?;
    let end = start + memchr::memmem::find(&head[start..], b"?>")?;
    let decl = &head[start..end];
    let at = memchr::memmem::find(decl, b"encoding")? + 8;
    let rest = decl[at..]
        .iter()
        .skip_while(|b| matches!(b, b' ' | b'=' | b'"' | b'\'' | b'\t'))
        .copied();
    let label: Vec<u8> = rest
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

/// `(line, column)` of byte `at` of `src`, both from 1, the column in characters.
pub(crate) fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let mut at = at;
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

fn local(name: &[u8]) -> String {
    let n = name.rsplit(|&b| b == b':').next().unwrap_or(name);
    String::from_utf8_lossy(n).to_ascii_lowercase()
}

fn prefix(name: &[u8]) -> String {
    match name.iter().position(|&b| b == b':') {
        Some(i) => String::from_utf8_lossy(&name[..i]).to_ascii_lowercase(),
        None => String::new(),
    }
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == key).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// The field an element inside an item fills, and how its text is read.
fn item_slot(name: &[u8], e: &BytesStart<'_>, atom: bool) -> Option<(Slot, Mode)> {
    let l = local(name);
    let p = prefix(name);
    let body_mode = || match attr(e, "type").as_deref().map(str::to_ascii_lowercase) {
        Some(t) if t == "html" || t == "xhtml" || t.contains("html") => Mode::Html,
        Some(_) => Mode::Text,
        // Atom's default type is text; RSS descriptions are HTML by convention.
        None if atom => Mode::Text,
        None => Mode::Html,
    };
    Some(match (p.as_str(), l.as_str()) {
        (_, "title") => (Slot::Title, Mode::Text),
        ("", "link") => (Slot::Link, Mode::Plain),
        ("", "guid") | ("", "id") => (Slot::Guid, Mode::Plain),
        ("", "published") => (Slot::Date(0), Mode::Plain),
        ("", "pubdate") => (Slot::Date(1), Mode::Plain),
        ("dc", "date") => (Slot::Date(2), Mode::Plain),
        ("", "issued") | ("dcterms", "issued") => (Slot::Date(3), Mode::Plain),
        ("", "updated") | ("", "modified") | ("dcterms", "modified") => {
            (Slot::Date(4), Mode::Plain)
        }
        ("content", "encoded") => (Slot::Body(0), Mode::Html),
        ("", "content") if attr(e, "src").is_none() => (Slot::Body(1), body_mode()),
        ("", "description") => (Slot::Body(2), Mode::Html),
        ("", "summary") => (Slot::Body(3), body_mode()),
        _ => return None,
    })
}

/// The item being read.
#[derive(Default)]
struct ItemState {
    start: usize,
    /// Depth of the item element in the stack.
    depth: usize,
    fields: Vec<(Slot, Field, Option<String>)>,
    /// The field being filled: its index in `fields`, depth and mode.
    open: Option<(usize, usize, Mode)>,
    /// The start tag's range.
    tag: Range<usize>,
}

/// Reads a feed. `Err` when it is not a feed at all (another root element, or malformed before
/// any item was read), with line and column.
pub(crate) fn parse_feed(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    max_items: usize,
) -> Result<ParsedFeed, String> {
    let forced = forced.or_else(|| {
        encoding_rs::Encoding::for_bom(bytes)
            .is_none()
            .then(|| declared_encoding(bytes))
            .flatten()
    });
    let decoded = zhproof_html::encoding::decode(bytes, forced, false);
    let source = decoded.text;
    let mut feed = ParsedFeed {
        source: String::new(),
        format: "rss",
        title: None,
        author: None,
        articles: Vec::new(),
        notes: Vec::new(),
    };
    if decoded.had_errors {
        feed.notes.push(format!(
            "bytes invalid in {} were replaced with U+FFFD",
            decoded.encoding.name()
        ));
    }
    let mut reader = Reader::from_str(&source);
    {
        let c = reader.config_mut();
        c.check_end_names = false;
        c.allow_unmatched_ends = true;
        c.allow_dangling_amp = true;
        c.expand_empty_elements = false;
        c.trim_text(false);
    }
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut root: Option<String> = None;
    let mut item: Option<ItemState> = None;
    // Channel-level fields: (slot, field, open depth).
    let mut channel_title = Field::default();
    let mut channel_author = Field::default();
    let mut channel_open: Option<(Slot, usize)> = None;
    let mut unknown_entities: Vec<String> = Vec::new();
    let mut capped = false;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.error_position() as usize;
                let (line, col) = line_col(&source, at);
                let msg = format!("malformed XML at line {line}, column {col}: {e}");
                if root.is_none() || (feed.articles.is_empty() && item.is_none()) {
                    return Err(msg);
                }
                feed.notes.push(format!(
                    "{msg}; reading stopped there ({} items read before it)",
                    feed.articles.len() + usize::from(item.is_some())
                ));
                break;
            }
        };
        let after = reader.buffer_position() as usize;
        let raw = before..after;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name().as_ref().to_vec();
                if root.is_none() {
                    let l = local(&name);
                    match l.as_str() {
                        "rss" => feed.format = "rss",
                        "rdf" => feed.format = "rdf",
                        "feed" => feed.format = "atom",
                        other => {
                            let (line, col) = line_col(&source, before);
                            return Err(format!(
                                "not an RSS or Atom feed: the root element is <{other}> (line {line}, column {col})"
                            ));
                        }
                    }
                    root = Some(l);
                }
                let atom = feed.format == "atom";
                let l = local(&name);
                if let Some(it) = item.as_mut() {
                    if let Some((fi, _, mode)) = it.open {
                        // Markup inside a field: XHTML content, or HTML that was not escaped.
                        if mode == Mode::Html {
                            it.fields[fi]
                                .1
                                .push(&source[raw.clone()], raw.clone(), true);
                        }
                    } else if let Some((slot, mode)) = item_slot(&name, e, atom) {
                        if l == "link" && atom {
                            // Atom: <link rel="alternate" href="…"/>.
                            let rel = attr(e, "rel").unwrap_or_else(|| "alternate".into());
                            if let (Some(href), "alternate") = (attr(e, "href"), rel.as_str()) {
                                let f = Field {
                                    plain: href,
                                    src: Some(raw.clone()),
                                    ..Field::default()
                                };
                                it.fields.push((Slot::Link, f, None));
                            }
                        } else if !empty {
                            let f = Field {
                                src: Some(after..after),
                                ..Field::default()
                            };
                            it.fields.push((slot, f, attr(e, "type")));
                            it.open = Some((it.fields.len() - 1, stack.len() + 1, mode));
                        }
                    }
                } else if matches!(l.as_str(), "item" | "entry") && !empty {
                    if feed.articles.len() >= max_items {
                        capped = true;
                        break;
                    }
                    item = Some(ItemState {
                        start: before,
                        depth: stack.len() + 1,
                        tag: raw.clone(),
                        ..Default::default()
                    });
                } else if channel_open.is_none() && !empty {
                    let parent = stack.last().map(|n| local(n)).unwrap_or_default();
                    let in_head = matches!(parent.as_str(), "channel" | "feed");
                    let in_author = parent == "author"
                        && stack.len() >= 2
                        && local(&stack[stack.len() - 2]) == "feed";
                    if in_head && l == "title" && feed.title.is_none() {
                        channel_open = Some((Slot::Title, stack.len() + 1));
                    } else if (in_author && l == "name")
                        || (in_head && matches!(l.as_str(), "publisher" | "creator"))
                    {
                        channel_open = Some((Slot::Author, stack.len() + 1));
                    }
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name = e.name().as_ref().to_vec();
                // Close up to the matching open element (sloppy HTML inside a field leaves
                // elements unclosed); an end tag matching nothing is ignored.
                let Some(pos) = stack.iter().rposition(|n| *n == name) else {
                    if let Some(it) = item.as_mut() {
                        if let Some((fi, _, Mode::Html)) = it.open {
                            it.fields[fi]
                                .1
                                .push(&source[raw.clone()], raw.clone(), true);
                        }
                    }
                    continue;
                };
                let new_len = pos;
                if let Some(it) = item.as_mut() {
                    if let Some((fi, depth, mode)) = it.open {
                        if new_len < depth {
                            it.open = None;
                        } else if mode == Mode::Html {
                            it.fields[fi]
                                .1
                                .push(&source[raw.clone()], raw.clone(), true);
                        }
                    }
                    if new_len < it.depth {
                        let it = item.take().expect("item");
                        let art = article(&source, it, after, &mut feed.notes);
                        feed.articles.push(art);
                    }
                }
                if let Some((slot, depth)) = channel_open {
                    if new_len < depth {
                        channel_open = None;
                        let f = if slot == Slot::Title {
                            &channel_title
                        } else {
                            &channel_author
                        };
                        let v = f.plain.trim().to_string();
                        if !v.is_empty() {
                            if slot == Slot::Title {
                                feed.title = Some(v);
                            } else if feed.author.is_none() {
                                feed.author = Some(v);
                            }
                        }
                        channel_title = Field::default();
                        channel_author = Field::default();
                    }
                }
                stack.truncate(new_len);
            }
            Event::Text(ref t) => {
                let text = String::from_utf8_lossy(t.as_ref());
                let (title, author) = (&mut channel_title, &mut channel_author);
                let channel = channel_open.map(|(slot, _)| slot);
                character_data(&mut item, channel, title, author, &text, raw.clone(), false);
            }
            Event::CData(ref c) => {
                let inner = (raw.start + 9).min(raw.end)..raw.end.saturating_sub(3).max(raw.start);
                let text = String::from_utf8_lossy(c.as_ref());
                let (title, author) = (&mut channel_title, &mut channel_author);
                let channel = channel_open.map(|(slot, _)| slot);
                character_data(&mut item, channel, title, author, &text, inner, true);
            }
            Event::GeneralRef(ref r) => {
                let written = &source[raw.clone()];
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let resolved: Option<String> = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                };
                if resolved.is_none()
                    && unknown_entities.len() < 10
                    && !unknown_entities.contains(&name)
                {
                    unknown_entities.push(name.clone());
                }
                let target = if let Some((fi, _, mode)) = item.as_ref().and_then(|it| it.open) {
                    Some((&mut item.as_mut().expect("item").fields[fi].1, mode))
                } else if let Some((slot, _)) = channel_open {
                    Some((
                        if slot == Slot::Title {
                            &mut channel_title
                        } else {
                            &mut channel_author
                        },
                        Mode::Plain,
                    ))
                } else {
                    None
                };
                if let Some((f, mode)) = target {
                    match (&resolved, mode) {
                        (Some(c), Mode::Html) => {
                            f.plain.push_str(c);
                            f.push(c, raw.clone(), false);
                        }
                        (Some(c), _) => {
                            // Text fields stay escaped: the reference is valid HTML as written.
                            f.plain.push_str(c);
                            f.push(written, raw.clone(), true);
                        }
                        (None, _) => {
                            // Not expanded: passed on as written (HTML knows &nbsp; and the like).
                            f.plain.push_str(written);
                            f.push(written, raw.clone(), true);
                        }
                    }
                }
            }
            Event::DocType(ref d) => {
                let n = memchr::memmem::find_iter(d.as_ref(), b"<!ENTITY").count();
                if n > 0 {
                    feed.notes.push(format!(
                        "the DOCTYPE declares {n} entities; they are not expanded"
                    ));
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {
                if let Some(it) = item.as_mut() {
                    if let Some((fi, _, Mode::Html)) = it.open {
                        it.fields[fi]
                            .1
                            .push(&source[raw.clone()], raw.clone(), true);
                    }
                }
            }
        }
    }
    if root.is_none() {
        return Err("not an RSS or Atom feed: no root element".into());
    }
    // An item cut off by the end of the file (or an XML error) is still checked.
    if let Some(it) = item.take() {
        if !it.fields.is_empty() {
            let end = source.len();
            let art = article(&source, it, end, &mut feed.notes);
            feed.articles.push(art);
        }
    }
    if capped {
        feed.notes.push(format!(
            "the feed has more than {max_items} items; the first {max_items} were checked"
        ));
    }
    if !unknown_entities.is_empty() {
        feed.notes.push(format!(
            "undefined entities left as written, not expanded: &{};",
            unknown_entities.join("; &")
        ));
    }
    feed.source = source;
    Ok(feed)
}

/// Character data at `span` of the source — text, or the inside of a CDATA section (`cdata`:
/// its `&` and `<` are literal, so they are escaped when the field is plain text) — goes into the
/// open field of the item, or into the channel's title or author while one of those is open.
fn character_data(
    item: &mut Option<ItemState>,
    channel: Option<Slot>,
    channel_title: &mut Field,
    channel_author: &mut Field,
    text: &str,
    span: Range<usize>,
    cdata: bool,
) {
    if let Some((fi, _, mode)) = item.as_ref().and_then(|it| it.open) {
        let (slot, f, _) = &mut item.as_mut().expect("item").fields[fi];
        f.plain.push_str(text);
        match mode {
            Mode::Html | Mode::Plain => f.push(text, span, true),
            Mode::Text => push_text(f, text, span.start, cdata, *slot != Slot::Title),
        }
    } else if let Some(slot) = channel {
        let f = if slot == Slot::Title {
            channel_title
        } else {
            channel_author
        };
        f.plain.push_str(text);
    }
}

/// Appends plain `text` (from source offset `at`) escaped into HTML: `&` and `<` become
/// references (when `escape`, i.e. CDATA: XML text is already escaped), line breaks `<br>`
/// (when `br`; not in titles).
fn push_text(f: &mut Field, text: &str, at: usize, escape: bool, br: bool) {
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let rep = match c {
            '&' if escape => "&amp;",
            '<' if escape => "&lt;",
            '\n' if br => "<br>\n",
            _ => continue,
        };
        f.push(&text[run..i], at + run..at + i, true);
        f.push(rep, at + i..at + i + 1, false);
        run = i + 1;
    }
    f.push(&text[run..], at + run..at + text.len(), true);
}

/// Builds the synthetic page of an item.
fn article(source: &str, it: ItemState, end: usize, notes: &mut Vec<String>) -> FeedArticle {
    let best = |want: fn(Slot) -> bool| {
        it.fields
            .iter()
            .filter(|(s, f, _)| want(*s) && !f.plain.trim().is_empty())
            .min_by_key(|(s, _, _)| *s)
    };
    let title = best(|s| s == Slot::Title);
    let link = best(|s| s == Slot::Link)
        .or_else(|| best(|s| s == Slot::Guid).filter(|(_, f, _)| f.plain.contains("://")))
        .map(|(_, f, _)| f.plain.trim().to_string());
    let date_field = best(|s| matches!(s, Slot::Date(_)));
    let body = best(|s| matches!(s, Slot::Body(_)));
    let title_text = title.map_or(String::new(), |(_, f, _)| f.plain.trim().to_string());
    let n = it.start;
    let (line, _) = line_col(source, n);
    let label = if title_text.is_empty() {
        format!("item at line {line}")
    } else {
        format!("item at line {line} 「{}」", title_text)
    };
    let date = match date_field {
        Some((_, f, _)) => {
            let d = parse_date(f.plain.trim());
            if d.is_none() {
                notes.push(format!(
                    "{label}: date 「{}」 not understood",
                    f.plain.trim()
                ));
            }
            d
        }
        None => {
            notes.push(format!(
                "{label}: no publication date (pubDate, published or updated)"
            ));
            None
        }
    };
    let mut html = String::new();
    let mut map = OffsetMap::default();
    let fixed = |html: &mut String, map: &mut OffsetMap, s: &str, src: Range<usize>| {
        map.push(html.len(), s.len(), src, false);
        html.push_str(s);
    };
    let tag = it.tag.clone();
    fixed(
        &mut html,
        &mut map,
        "<html><head><meta charset=\"utf-8\">",
        tag.clone(),
    );
    if let (Some(d), Some((_, f, _))) = (date, date_field) {
        let src = f.src.clone().unwrap_or(tag.clone());
        fixed(
            &mut html,
            &mut map,
            &format!("<meta name=\"PubDate\" content=\"{d}\">"),
            src,
        );
    }
    let field = |html: &mut String, map: &mut OffsetMap, f: &Field| {
        let base = html.len();
        for (start, len, src, identity) in &f.pieces {
            map.push(base + start, *len, src.clone(), *identity);
        }
        html.push_str(&f.html);
    };
    if let Some((_, f, _)) = title {
        let at = f.src.clone().map_or(tag.clone(), |r| r.start..r.start);
        fixed(&mut html, &mut map, "<title>", at.clone());
        field(&mut html, &mut map, f);
        let at = f.src.clone().map_or(tag.clone(), |r| r.end..r.end);
        fixed(&mut html, &mut map, "</title>", at);
    }
    if let Some(l) = &link {
        fixed(
            &mut html,
            &mut map,
            &format!("<link rel=\"canonical\" href=\"{}\">", esc(l)),
            tag.clone(),
        );
    }
    fixed(&mut html, &mut map, "</head><body>", tag.clone());
    if let Some((_, f, _)) = body {
        let at = f.src.clone().map_or(tag.clone(), |r| r.start..r.start);
        fixed(&mut html, &mut map, "<div>", at);
        field(&mut html, &mut map, f);
        let at = f.src.clone().map_or(tag.clone(), |r| r.end..r.end);
        fixed(&mut html, &mut map, "</div>", at);
    }
    fixed(&mut html, &mut map, "</body></html>", end..end);
    FeedArticle {
        title: title_text,
        link,
        date,
        html,
        map,
        src: it.start..end,
    }
}

/// The China calendar day of a local date and time `offset` seconds east of UTC.
fn china_day(date: Date, secs_of_day: i64, offset: i64) -> Date {
    let days = date.days_since_epoch();
    let utc = days * 86_400 + secs_of_day - offset;
    Date::from_unix_days((utc + 8 * 3600).div_euclid(86_400))
}

/// Seconds east of UTC of a zone written as `+0800`, `+08:00`, `Z`, `GMT`, `UT`, `CST` … `CST`
/// is China Standard Time: Chinese feeds write it so (RFC 822's US Central Time is not what a
/// Chinese account means).
fn zone_offset(z: &str) -> Option<i64> {
    let z = z.trim();
    if let Some(sign) = match z.as_bytes().first() {
        Some(b'+') => Some(1),
        Some(b'-') => Some(-1),
        _ => None,
    } {
        let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
            return None;
        }
        let h: i64 = digits[..2].parse().ok()?;
        let m: i64 = digits
            .get(2..)
            .filter(|m| !m.is_empty())
            .map_or(Some(0), |m| m.parse().ok())?;
        if h > 23 || m > 59 {
            return None;
        }
        return Some(sign * (h * 3600 + m * 60));
    }
    Some(match z.to_ascii_uppercase().as_str() {
        "Z" | "GMT" | "UT" | "UTC" => 0,
        "CST" | "BJT" | "CCT" => 8 * 3600,
        "EST" => -5 * 3600,
        "EDT" => -4 * 3600,
        "CDT" => -5 * 3600,
        "MST" => -7 * 3600,
        "MDT" => -6 * 3600,
        "PST" => -8 * 3600,
        "PDT" => -7 * 3600,
        "JST" | "KST" => 9 * 3600,
        _ => return None,
    })
}

/// `HH:MM[:SS[.fff]]` to seconds.
fn time_of_day(t: &str) -> Option<i64> {
    let mut parts = t.split(':');
    let h: i64 = parts.next()?.trim().parse().ok()?;
    let m: i64 = parts.next()?.trim().parse().ok()?;
    let s: i64 = match parts.next() {
        Some(s) => s.split('.').next()?.trim().parse().ok()?,
        None => 0,
    };
    (h < 24 && m < 60 && s <= 60 && parts.next().is_none()).then_some(h * 3600 + m * 60 + s)
}

/// RFC 822 / RFC 2822 (`Tue, 10 Jun 2025 08:30:00 +0800`; weekday, seconds and zone optional,
/// two-digit years read as 19xx/20xx; no zone means China time).
fn parse_rfc822(s: &str) -> Option<Date> {
    let s = s.split_once(',').map_or(s, |(_, r)| r);
    let mut w = s.split_whitespace();
    let day: u32 = w.next()?.parse().ok()?;
    let mon = w.next()?.to_ascii_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| mon.starts_with(m))? as u32
        + 1;
    let y: i32 = w.next()?.parse().ok()?;
    let year = match y {
        0..=49 => 2000 + y,
        50..=99 => 1900 + y,
        _ => y,
    };
    let date = Date::new(year, month, day)?;
    let (secs, zone) = match w.next() {
        Some(t) => (time_of_day(t)?, w.next()),
        None => (0, None),
    };
    let offset = match zone {
        Some(z) => zone_offset(z)?,
        None => 8 * 3600,
    };
    Some(china_day(date, secs, offset))
}

/// RFC 3339 / ISO 8601 (`2025-06-10T08:30:00+08:00`, `…Z`, fractions; a date alone is that day;
/// no zone means China time).
fn parse_rfc3339(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date::new(
        s.get(..4)?.parse().ok()?,
        s.get(5..7)?.parse().ok()?,
        s.get(8..10)?.parse().ok()?,
    )?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let zone_at = rest
        .char_indices()
        .find(|&(i, c)| matches!(c, 'Z' | 'z' | '+') || (c == '-' && i > 0))
        .map_or(rest.len(), |(i, _)| i);
    let secs = time_of_day(&rest[..zone_at])?;
    let zone = rest[zone_at..].trim();
    let offset = if zone.is_empty() {
        8 * 3600
    } else {
        zone_offset(zone)?
    };
    Some(china_day(date, secs, offset))
}

/// An item's date: RFC 3339, RFC 822, else a Chinese date (`2025年6月10日`).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' {
        return parse_rfc3339(s);
    }
    if s.bytes().any(|c| c.is_ascii_alphabetic()) && !s.bytes().any(|c| c >= 0x80) {
        return parse_rfc822(s);
    }
    zhproof_html::first_date(s).map(|d| d.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_every_feed_shape_land_on_the_china_day() {
        for (s, want) in [
            ("Tue, 10 Jun 2025 08:30:00 +0800", "2025-06-10"),
            ("Tue, 10 Jun 2025 20:30:00 GMT", "2025-06-11"),
            ("10 Jun 2025 15:59:59 GMT", "2025-06-10"),
            ("10 Jun 2025 16:00:00 +0000", "2025-06-11"),
            ("Tue, 10 Jun 25 08:30 CST", "2025-06-10"),
            ("Mon, 09 Jun 2025 23:30:00 -0500", "2025-06-10"),
            ("Sat, 1 March 2025", "2025-03-01"),
            ("2025-06-10T08:30:00+08:00", "2025-06-10"),
            ("2025-06-10T18:30:00.123Z", "2025-06-11"),
            ("2025-06-10t01:00:00-02:00", "2025-06-10"),
            ("2025-06-10 23:10", "2025-06-10"),
            ("2025-06-10", "2025-06-10"),
            ("2025年6月10日 10:00", "2025-06-10"),
            ("2024-12-31T16:00:00Z", "2025-01-01"),
            ("2024-02-29T00:00:00+08:00", "2024-02-29"),
        ] {
            assert_eq!(parse_date(s), Some(d(want)), "{s}");
        }
        for s in [
            "",
            "yesterday",
            "Tue, 31 Feb 2025 08:00:00 +0800",
            "2025-13-01T00:00:00Z",
            "2025-06-10T25:00:00Z",
            "Tue, 10 Jun 2025 08:30:00 +99",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>示例发布</title>
<item><title>县政府&amp;召开会议</title><link>https://mp.weixin.qq.com/s/a</link>
<pubDate>Tue, 10 Jun 2025 08:30:00 +0800</pubDate>
<description>&lt;p&gt;全面布&amp;#x7F72;春耕&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>全面<b>布</b>署春耕</p>]]></content:encoded>
</item>
<item><title>无日期</title><description>正文</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_pages_mapped_to_the_feed() {
        let f = parse_feed(RSS.as_bytes(), None, 100).unwrap();
        assert_eq!(f.format, "rss");
        assert_eq!(f.title.as_deref(), Some("示例发布"));
        assert_eq!(f.articles.len(), 2);
        let a = &f.articles[0];
        assert_eq!(a.title, "县政府&召开会议");
        assert_eq!(a.date, Some(d("2025-06-10")));
        assert_eq!(a.link.as_deref(), Some("https://mp.weixin.qq.com/s/a"));
        // content:encoded wins over description; the CDATA is copied byte for byte.
        let page = zhproof_html::parse(&a.html);
        assert_eq!(page.body(), "全面布署春耕");
        assert_eq!(page.title(), Some("县政府&召开会议"));
        let at = a.html.find("<b>布").unwrap() + 3;
        let r = a.map.span(at..at + 3);
        assert_eq!(&f.source[r], "布");
        assert!(f
            .notes
            .iter()
            .any(|n| n.contains("无日期") && n.contains("no publication date")));
    }

    #[test]
    fn escaped_html_is_decoded_and_maps_back_to_the_references() {
        let rss = RSS.replace(
            "<content:encoded><![CDATA[<p>全面<b>布</b>署春耕</p>]]></content:encoded>",
            "",
        );
        let f = parse_feed(rss.as_bytes(), None, 100).unwrap();
        let a = &f.articles[0];
        let page = zhproof_html::parse(&a.html);
        assert_eq!(page.body(), "全面布署春耕");
        let body = page
            .texts
            .iter()
            .find(|t| t.scope == zhproof_html::Scope::Body)
            .unwrap();
        let i = body.text.find("布署").unwrap();
        let in_html = body.map.span(i..i + 6);
        let in_feed = a.map.span(in_html);
        assert_eq!(&f.source[in_feed], "布&amp;#x7F72;");
    }

    #[test]
    fn atom_entries_with_text_html_and_xhtml_content() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">示例号</title>
<author><name>示例县人民政府办公室</name></author>
<entry><title>一</title><link rel="alternate" href="https://x.cn/1"/><updated>2025-06-09T20:00:00Z</updated><published>2025-06-09T10:00:00+08:00</published>
<content type="text">第一行 &lt;b&gt;
第二行</content></entry>
<entry><title>二</title><updated>2025-06-08T10:00:00+08:00</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>全面<b>布署</b></p></div></content></entry>
<entry><title>三</title><updated>2025-06-07</updated><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry>
</feed>"#;
        let f = parse_feed(atom.as_bytes(), None, 100).unwrap();
        assert_eq!(f.format, "atom");
        assert_eq!(f.title.as_deref(), Some("示例号"));
        assert_eq!(f.author.as_deref(), Some("示例县人民政府办公室"));
        let bodies: Vec<String> = f
            .articles
            .iter()
            .map(|a| zhproof_html::parse(&a.html).body().to_string())
            .collect();
        assert_eq!(bodies, ["第一行 <b>\n第二行", "全面布署", "正文"]);
        // published wins over updated.
        assert_eq!(f.articles[0].date, Some(d("2025-06-09")));
        assert_eq!(f.articles[0].link.as_deref(), Some("https://x.cn/1"));
        assert!(f.notes.is_empty(), "{:?}", f.notes);
    }

    #[test]
    fn hostile_feeds_are_bounded_and_explained() {
        // Billion laughs: declared entities are never expanded.
        let mut bomb = String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
        for i in 1..10 {
            bomb.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", i - 1).repeat(10)
            ));
        }
        bomb.push_str("]><rss><channel><item><title>a</title><description>&lol9;</description></item></channel></rss>");
        let f = parse_feed(bomb.as_bytes(), None, 100).unwrap();
        assert_eq!(f.articles.len(), 1);
        assert!(f.articles[0].html.len() < 200, "{}", f.articles[0].html);
        assert!(
            f.notes.iter().any(|n| n.contains("not expanded")),
            "{:?}",
            f.notes
        );
        // Not a feed, or broken before any item.
        assert!(parse_feed(b"<html><body>x</body></html>", None, 100)
            .unwrap_err()
            .contains("<html>"));
        assert!(parse_feed(b"", None, 100).is_err());
        let e = parse_feed(b"<rss><channel>\n<!-- never closed <item>", None, 100).unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        // Broken after items: the items read are kept, the error noted.
        let cut = &RSS[..RSS.find("<item><title>无日期").unwrap()];
        let broken = format!("{cut}<item><title>x</title><description>a<</description>");
        let f = parse_feed(broken.as_bytes(), None, 100).unwrap();
        assert!(!f.articles.is_empty());
        // Truncated in the middle of an item: what was read of it is checked.
        let f = parse_feed(
            &RSS.as_bytes()[..RSS.find("</content:encoded>").unwrap()],
            None,
            100,
        );
        assert!(f.is_ok_and(|f| f.articles.len() == 1));
        // The item cap.
        let many = format!(
            "<rss><channel>{}</channel></rss>",
            "<item><title>t</title><pubDate>2025-06-01</pubDate></item>".repeat(50)
        );
        let f = parse_feed(many.as_bytes(), None, 20).unwrap();
        assert_eq!(f.articles.len(), 20);
        assert!(f.notes.iter().any(|n| n.contains("more than 20 items")));
        // Deep nesting inside a body.
        let deep = format!(
            "<rss><channel><item><description>{}x{}</description></item></channel></rss>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(
            parse_feed(deep.as_bytes(), None, 10)
                .unwrap()
                .articles
                .len(),
            1
        );
    }

    #[test]
    fn gbk_feeds_are_decoded_by_their_declaration() {
        let xml = "<?xml version=\"1.0\" encoding=\"GB2312\"?><rss><channel><title>示例</title><item><title>全面布署</title></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::GBK.encode(xml);
        let f = parse_feed(&bytes, None, 10).unwrap();
        assert_eq!(f.articles[0].title, "全面布署");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any mix of feed fragments: no panic, and every text range of every article maps
        /// into the source on character boundaries.
        #[test]
        fn arbitrary_feeds_never_panic_and_map_inside_the_source(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<rss>", "<channel>", "<item>", "</item>", "<entry>", "</entry>", "<title>",
                "</title>", "<description>", "</description>", "<content type=\"xhtml\">",
                "</content>", "<content:encoded>", "</content:encoded>", "<![CDATA[<p>布署",
                "]]>", "&lt;p&gt;", "&amp;", "&#x5E03;", "&#0;", "&nbsp;", "&", "<", ">",
                "全面布署", "é", "\r\n", "<pubDate>", "</pubDate>", "Tue, 10 Jun 2025 08:30 +0800",
                "<!--", "-->", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<br>", "</p>", "<feed>",
                "<link href=\"h\"/>", "2025-06-10T08:30:00Z", "\u{FEFF}",
            ]), 0..40),
        ) {
            let xml = format!("<rss><channel><item><description>{}", parts.concat());
            if let Ok(f) = parse_feed(xml.as_bytes(), None, 50) {
                for a in &f.articles {
                    let bounds: Vec<usize> = a.html.char_indices().map(|(i, _)| i).chain([a.html.len()]).collect();
                    for w in bounds.windows(2).step_by(3) {
                        let r = a.map.span(w[0]..w[1]);
                        proptest::prop_assert!(r.end <= f.source.len());
                        proptest::prop_assert!(f.source.is_char_boundary(r.start) && f.source.is_char_boundary(r.end));
                    }
                }
            }
        }
    }
}
