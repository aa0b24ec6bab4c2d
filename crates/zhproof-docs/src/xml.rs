//! Paragraphs of XML documents (WordprocessingML, OpenDocument, SpreadsheetML strings): their
//! text, and rewriting that text in place for masked copies.
//!
//! A *unit* is an outermost paragraph (`w:p`; `text:p`/`text:h`; a shared string `si`). Its
//! text is the concatenation of its text nodes, with `\t` for tab elements, `\n` for line
//! breaks and nested paragraphs (text boxes, notes), and spaces for ODF's `text:s`. Rewriting
//! replaces each text node's characters with the same number of characters of the new text,
//! so a number split across runs (`<w:t>1381234</w:t><w:t>5678</w:t>`) is masked whole.

use quick_xml::events::{BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::zipped::Archive;
use crate::{Error, Location, Segment};

/// Which elements make units and text in one XML vocabulary (local names, any prefix).
pub(crate) struct Dialect {
    /// Unit elements.
    pub(crate) unit: &'static [&'static [u8]],
    /// Elements whose character data is text; `None`: all character data inside a unit.
    pub(crate) text: Option<&'static [&'static [u8]]>,
    /// Tab elements.
    pub(crate) tab: &'static [&'static [u8]],
    /// Line-break elements.
    pub(crate) line_break: &'static [&'static [u8]],
    /// Space elements with a count attribute (`text:s text:c="3"`).
    pub(crate) spaces: Option<&'static [u8]>,
}

pub(crate) const WORD: Dialect = Dialect {
    unit: &[b"p"],
    text: Some(&[b"t", b"delText"]),
    tab: &[b"tab", b"ptab"],
    line_break: &[b"br", b"cr"],
    spaces: None,
};

pub(crate) const ODF: Dialect = Dialect {
    unit: &[b"p", b"h"],
    text: None,
    tab: &[b"tab"],
    line_break: &[b"line-break"],
    spaces: Some(b"s"),
};

/// Shared strings (`xl/sharedStrings.xml`, `si`) and inline strings (`is`) of SpreadsheetML.
pub(crate) const SHEET_STRINGS: Dialect = Dialect {
    unit: &[b"si", b"is"],
    text: Some(&[b"t"]),
    tab: &[],
    line_break: &[],
    spaces: None,
};

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn has(list: &[&[u8]], name: &[u8]) -> bool {
    list.contains(&local(name))
}

/// One unit: its text and where its text nodes are in it (char ranges).
pub(crate) struct Unit {
    /// The unit's text.
    pub(crate) text: String,
    /// `(first char, char count)` of each text node in `text`.
    nodes: Vec<(usize, usize)>,
}

enum Item {
    Event(Event<'static>),
    /// A text node: index into `Unit::nodes`.
    Node(usize),
}

fn xml_err(e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("XML: {e}"))
}

/// Walks `xml`, calling `each` with every unit (whose text `each` may replace by another of the
/// same length in characters). With `rewrite`, returns the XML with the units' new text.
pub(crate) fn walk(
    xml: &[u8],
    d: &Dialect,
    rewrite: bool,
    mut each: impl FnMut(&mut String) -> Result<(), Error>,
) -> Result<Option<Vec<u8>>, Error> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut writer = rewrite.then(|| Writer::new(Vec::with_capacity(xml.len())));
    let mut buf = Vec::new();
    // Inside a unit: nesting depth of unit elements, depth inside text elements.
    let mut depth = 0usize;
    let mut in_text = 0usize;
    let mut unit = Unit {
        text: String::new(),
        nodes: Vec::new(),
    };
    let mut items: Vec<Item> = Vec::new();
    // Whether the last item was a text node that more character data extends.
    let mut open_node = false;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(xml_err)?;
        if matches!(ev, Event::Eof) {
            break;
        }
        let mut content: Option<String> = None;
        match &ev {
            Event::Start(e) => {
                let n = e.name();
                if has(d.unit, n.as_ref()) {
                    if depth > 0 {
                        unit.text.push('\n');
                    }
                    depth += 1;
                } else if depth > 0 && d.text.is_some_and(|t| has(t, n.as_ref())) {
                    in_text += 1;
                }
                open_node = false;
            }
            Event::End(e) => {
                let n = e.name();
                if depth > 0 && has(d.unit, n.as_ref()) {
                    depth -= 1;
                    if depth > 0 {
                        unit.text.push('\n');
                    }
                } else if in_text > 0 && d.text.is_some_and(|t| has(t, n.as_ref())) {
                    in_text -= 1;
                }
                open_node = false;
            }
            // An empty paragraph (`<w:p/>`) is a unit with no text: it still counts.
            Event::Empty(e) if depth == 0 && has(d.unit, e.name().as_ref()) => {
                items.push(Item::Event(ev.clone().into_owned()));
            }
            Event::Empty(e) if depth > 0 => {
                let n = e.name();
                if has(d.tab, n.as_ref()) {
                    unit.text.push('\t');
                } else if has(d.line_break, n.as_ref()) {
                    unit.text.push('\n');
                } else if d.spaces.is_some_and(|s| local(n.as_ref()) == s) {
                    let count = e
                        .attributes()
                        .flatten()
                        .find(|a| local(a.key.as_ref()) == b"c")
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(1000);
                    unit.text.extend(std::iter::repeat_n(' ', count));
                }
                open_node = false;
            }
            Event::Text(t) if depth > 0 && (d.text.is_none() || in_text > 0) => {
                let raw = t.decode().map_err(xml_err)?;
                content = Some(match quick_xml::escape::unescape(&raw) {
                    Ok(s) => s.into_owned(),
                    Err(_) => raw.into_owned(),
                });
            }
            Event::CData(t) if depth > 0 && (d.text.is_none() || in_text > 0) => {
                content = Some(t.decode().map_err(xml_err)?.into_owned());
            }
            Event::GeneralRef(r) if depth > 0 && (d.text.is_none() || in_text > 0) => {
                let c = match r.resolve_char_ref().map_err(xml_err)? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(xml_err)?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| xml_err(format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                content = Some(c);
            }
            _ => {}
        }
        if let Some(s) = content {
            let chars = s.chars().count();
            if open_node {
                let last = unit.nodes.last_mut().expect("open node");
                last.1 += chars;
            } else {
                unit.nodes.push((unit.text.chars().count(), chars));
                items.push(Item::Node(unit.nodes.len() - 1));
                open_node = true;
            }
            unit.text.push_str(&s);
        } else if depth > 0 || matches!(&ev, Event::End(e) if has(d.unit, e.name().as_ref())) {
            items.push(Item::Event(ev.into_owned()));
        } else if matches!(&ev, Event::Empty(e) if has(d.unit, e.name().as_ref())) {
            // Pushed above.
        } else if let Some(w) = writer.as_mut() {
            w.write_event(ev).map_err(xml_err)?;
        }
        if depth == 0 && !items.is_empty() {
            // A unit ended: hand it over, then write it out.
            let before = unit.text.chars().count();
            each(&mut unit.text)?;
            if unit.text.chars().count() != before {
                return Err(Error::CannotMask(
                    "masking changed the length of a paragraph".into(),
                ));
            }
            if let Some(w) = writer.as_mut() {
                let chars: Vec<char> = unit.text.chars().collect();
                for item in items.drain(..) {
                    match item {
                        Item::Event(e) => w.write_event(e).map_err(xml_err)?,
                        Item::Node(i) => {
                            let (start, len) = unit.nodes[i];
                            let s: String = chars[start..start + len].iter().collect();
                            w.write_event(Event::Text(BytesText::new(&s)))
                                .map_err(xml_err)?;
                        }
                    }
                }
            }
            items.clear();
            unit.text.clear();
            unit.nodes.clear();
            open_node = false;
        }
        buf.clear();
    }
    if depth > 0 {
        return Err(xml_err("document ends inside a paragraph"));
    }
    Ok(writer.map(Writer::into_inner))
}

/// The units' texts of one XML part, numbered from 1 (empty units count but are left out).
pub(crate) fn units(xml: &[u8], d: &Dialect) -> Result<Vec<(usize, String)>, Error> {
    let mut out = Vec::new();
    let mut n = 0;
    walk(xml, d, false, |t| {
        n += 1;
        if !t.trim().is_empty() {
            out.push((n, t.clone()));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The XML parts of a .docx that hold text, body first, and their names as shown to users.
pub(crate) fn docx_parts(archive: &Archive) -> Vec<(String, String)> {
    let mut parts = vec![("word/document.xml".to_string(), String::new())];
    let mut others: Vec<(String, String)> = archive
        .order
        .iter()
        .filter_map(|name| {
            let file = name.strip_prefix("word/")?.strip_suffix(".xml")?;
            let is_text_part = ["header", "footer", "footnotes", "endnotes", "comments"]
                .iter()
                .any(|p| file.starts_with(p) && !file.contains('/'));
            is_text_part.then(|| (name.clone(), file.to_string()))
        })
        .collect();
    others.sort();
    parts.extend(others);
    parts
}

/// The XML parts of an .odt that hold text: the body, then headers and footers (styles.xml).
pub(crate) fn odt_parts() -> Vec<(String, String)> {
    vec![
        ("content.xml".to_string(), String::new()),
        ("styles.xml".to_string(), "header/footer".to_string()),
    ]
}

fn read_parts(
    archive: &Archive,
    parts: Vec<(String, String)>,
    d: &Dialect,
    required: &str,
) -> Result<Vec<Segment>, Error> {
    if archive.get(required).is_none() {
        return Err(Error::Corrupt(format!("no {required} in the package")));
    }
    let mut segments = Vec::new();
    for (name, part) in parts {
        let Some(xml) = archive.get(&name) else {
            continue;
        };
        for (index, text) in units(xml, d).map_err(|e| in_part(e, &name))? {
            segments.push(Segment {
                location: Location::Paragraph {
                    part: part.clone(),
                    index,
                },
                text,
            });
        }
    }
    Ok(segments)
}

fn in_part(e: Error, name: &str) -> Error {
    match e {
        Error::Corrupt(m) => Error::Corrupt(format!("{name}: {m}")),
        e => e,
    }
}

pub(crate) fn read_docx(archive: &Archive) -> Result<Vec<Segment>, Error> {
    read_parts(archive, docx_parts(archive), &WORD, "word/document.xml")
}

pub(crate) fn read_odt(archive: &Archive) -> Result<Vec<Segment>, Error> {
    read_parts(archive, odt_parts(), &ODF, "content.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>会议布署，电话1381234</w:t></w:r><w:r><w:t xml:space="preserve">5678 &amp; </w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;

    #[test]
    fn paragraphs_join_runs_and_count_empty_ones() {
        let u = units(DOC.as_bytes(), &WORD).unwrap();
        assert_eq!(
            u,
            vec![
                (1, "会议布署，电话13812345678 & \tx".to_string()),
                (3, "单元格".to_string())
            ],
            "the empty <w:p/> is paragraph 2"
        );
    }

    #[test]
    fn rewriting_spreads_the_new_text_over_the_runs() {
        let out = walk(DOC.as_bytes(), &WORD, true, |t| {
            *t = t.replace("13812345678", "138****5678");
            Ok(())
        })
        .unwrap()
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<w:t>会议布署，电话138****</w:t>"), "{out}");
        assert!(
            out.contains(r#"<w:t xml:space="preserve">5678 &amp; </w:t>"#),
            "{out}"
        );
        assert!(out.contains("<w:tab/>"));
        assert!(out.starts_with(r#"<?xml version="1.0"?><w:document xmlns:w="w">"#));
        // Unchanged text rewrites to the same bytes.
        let same = walk(DOC.as_bytes(), &WORD, true, |_| Ok(()))
            .unwrap()
            .unwrap();
        assert_eq!(String::from_utf8(same).unwrap(), DOC);
    }

    #[test]
    fn odf_spaces_breaks_and_spans() {
        let xml = r#"<office:text><text:h>标题</text:h><text:p>甲<text:s text:c="2"/>乙<text:span>丙</text:span><text:line-break/>丁</text:p></office:text>"#;
        let u = units(xml.as_bytes(), &ODF).unwrap();
        assert_eq!(
            u,
            vec![(1, "标题".to_string()), (2, "甲  乙丙\n丁".to_string())]
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(units(b"<w:p><w:t>x</w:p>", &WORD).is_err());
        assert!(units(b"<w:p><w:t>x", &WORD).is_err());
    }
}
