//! HTML pages in `check`: pages are recognised by extension or by sniffing and checked through
//! `zhproof-html` (visible text, offset map, page rules). Decoding other encodings is in
//! [`crate::decode`].

use zhproof::{Checker, Date, Finding};
use zhproof_html::PageOptions;

use crate::decode::has_html_extension;
use crate::input::{Source, Text};

/// Whether `text` read from `source` is a page: an HTML extension, or HTML-looking content.
pub fn is_html(source: &Source, text: &str) -> bool {
    match source {
        Source::File(p) if has_html_extension(p) => true,
        _ => zhproof_html::looks_like_html(text.as_bytes()),
    }
}

/// The page options for one input: the capture date is `--as-of` (or `as-of` in zhproof.toml),
/// else the file's modification time, else today.
pub fn options(
    as_of: Option<Date>,
    source: &Source,
    site: &zhproof_site::SiteConfig,
) -> PageOptions {
    let captured = as_of.or_else(|| match source {
        Source::File(p) => zhproof_site::file_date(p),
        Source::Stdin => None,
    });
    PageOptions {
        captured: Some(captured.unwrap_or_else(Date::today_china)),
        own_domains: site.own_domains.clone(),
        allow_domains: site.allow_domains.clone(),
    }
}

/// Checks one input: a page through the HTML adapter, anything else as plain text.
pub fn check(
    checker: &Checker,
    text: &Text,
    as_of: Option<Date>,
    site: &zhproof_site::SiteConfig,
) -> Vec<Finding> {
    if is_html(&text.source, &text.text) {
        let page = zhproof_html::parse(&text.text);
        zhproof_html::check_page(checker, &page, &options(as_of, &text.source, site))
    } else {
        crate::pieces::check(checker, &text.text)
    }
}
