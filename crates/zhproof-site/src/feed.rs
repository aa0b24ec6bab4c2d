//! New-media feed exports: a JSON file of an account's articles, as export tools and the
//! platforms' own back ends write them. Accepted shapes: an array of articles, or an object with
//! `account` (or `name`, `nickname`), optional `sponsor`, and `items` (or `articles`, `list`).
//! An article has `title`, a body in `content` or `html` (HTML or plain text), a date in
//! `published` (or `date`, `publish_time`, `create_time`; `YYYY-MM-DD…` or Unix seconds) and an
//! optional `url`.

use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;
use zhproof::{Checker, Date};
use zhproof_html::PageOptions;

use crate::report::esc;
use crate::{
    check_one, Error, InspectOptions, RawPage, SiteBuilder, SiteConfig, SiteKind, SiteReport,
};

fn date_of(v: &Value) -> Option<Date> {
    match v {
        Value::Number(n) => n.as_i64().filter(|s| *s > 1_000_000_000).map(|s| {
            let s = if s > 100_000_000_000 { s / 1000 } else { s };
            Date::from_unix_days((s + 8 * 3600).div_euclid(86_400))
        }),
        Value::String(s) => zhproof_html::first_date(s).map(|d| d.date).or_else(|| {
            s.trim()
                .parse::<i64>()
                .ok()
                .and_then(|n| date_of(&Value::from(n)))
        }),
        _ => None,
    }
}

pub(crate) fn inspect_feed(
    checker: &Checker,
    path: &Path,
    cfg: &SiteConfig,
    opts: &InspectOptions,
) -> Result<SiteReport, Error> {
    let bad = |m: String| Error::Input {
        path: path.display().to_string(),
        message: m,
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("not a JSON feed export: {e}")))?;
    let (account, sponsor, items) = match &v {
        Value::Array(a) => (None, None, a.clone()),
        Value::Object(o) => {
            let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
            let items = ["items", "articles", "list"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_array))
                .cloned()
                .ok_or_else(|| bad("no `items` array".into()))?;
            (
                s("account").or(s("name")).or(s("nickname")),
                s("sponsor"),
                items,
            )
        }
        _ => return Err(bad("expected an array or an object".into())),
    };
    let key = account.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let mut b = SiteBuilder::new(&key, &path.display().to_string());
    b.kind = Some(SiteKind::NewMedia);
    let captured = opts
        .as_of
        .or_else(|| crate::file_date(path))
        .unwrap_or_else(Date::today_china);
    let popts = PageOptions {
        captured: None,
        own_domains: cfg.own_domains.clone(),
        allow_domains: cfg.allow_domains.clone(),
    };
    for (i, item) in items.iter().enumerate() {
        let s = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or("");
        let title = s("title");
        let body = [s("content"), s("html"), s("text")]
            .into_iter()
            .find(|x| !x.is_empty())
            .unwrap_or("");
        let date = [
            "published",
            "date",
            "publish_time",
            "create_time",
            "pubDate",
        ]
        .iter()
        .find_map(|k| item.get(*k).and_then(date_of));
        let date_meta = date
            .map(|d| format!("<meta name=\"PubDate\" content=\"{d}\">"))
            .unwrap_or_default();
        let body_html = if zhproof_html::looks_like_html(body.as_bytes()) || body.contains("</p>") {
            body.to_string()
        } else {
            body.lines().map(|l| format!("<p>{}</p>", esc(l))).collect()
        };
        let html = format!("<html><head><meta charset=\"utf-8\">{date_meta}<title>{}</title></head><body>{body_html}</body></html>", esc(title));
        let url = match s("url") {
            "" => format!("{}#{}", path.display(), i + 1),
            u => u.to_string(),
        };
        let raw = RawPage {
            url,
            path: path.display().to_string(),
            rel: String::new(),
            bytes: html.into_bytes(),
            charset: Some(encoding_rs::UTF_8),
            captured,
            is_home: false,
        };
        b.add(check_one(checker, &raw, &popts, None, None), false);
    }
    let mut r = b.finish(cfg);
    if r.sponsor.is_empty() {
        r.sponsor = sponsor.unwrap_or_default();
    }
    Ok(r)
}

/// Inspects an RSS or Atom feed file ([`crate::xmlfeed`]): each item is checked as a page and its
/// findings are mapped into the feed file, so their lines and columns are the feed's.
pub(crate) fn inspect_xml_feed(
    checker: &Checker,
    path: &Path,
    cfg: &SiteConfig,
    opts: &InspectOptions,
) -> Result<SiteReport, Error> {
    let bad = |m: String| Error::Input {
        path: path.display().to_string(),
        message: m,
    };
    let len = std::fs::metadata(path)
        .map_err(|e| bad(e.to_string()))?
        .len();
    if len > crate::MAX_PAGE_BYTES {
        return Err(bad(format!(
            "{len} bytes, larger than the {}-byte limit; not checked",
            crate::MAX_PAGE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let feed = crate::xmlfeed::parse_feed(&bytes, opts.encoding, crate::xmlfeed::MAX_FEED_ITEMS)
        .map_err(bad)?;
    drop(bytes);
    let key = feed.title.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let shown = path.display().to_string();
    let mut b = SiteBuilder::new(&key, &shown);
    b.kind = Some(SiteKind::NewMedia);
    b.errors
        .extend(feed.notes.iter().map(|n| format!("{shown}: {n}")));
    let captured = opts
        .as_of
        .or_else(|| crate::file_date(path))
        .unwrap_or_else(Date::today_china);
    let popts = PageOptions {
        captured: None,
        own_domains: cfg.own_domains.clone(),
        allow_domains: cfg.allow_domains.clone(),
    };
    for (bi, batch) in feed.articles.chunks(256).enumerate() {
        let outcomes: Vec<_> = batch
            .par_iter()
            .enumerate()
            .map(|(i, a)| {
                let raw = RawPage {
                    url: a
                        .link
                        .clone()
                        .unwrap_or_else(|| format!("{shown}#{}", bi * 256 + i + 1)),
                    path: shown.clone(),
                    rel: String::new(),
                    bytes: a.html.as_bytes().to_vec(),
                    charset: Some(encoding_rs::UTF_8),
                    captured,
                    is_home: false,
                };
                let mut o = check_one(checker, &raw, &popts, Some(encoding_rs::UTF_8), None);
                o.internal_links.clear();
                o.bytes = a.src.len() as u64;
                for f in &mut o.findings {
                    let r = a.map.span(f.byte_start..f.byte_end);
                    f.byte_start = r.start;
                    f.byte_end = r.end;
                }
                o.findings.sort_by(|x, y| {
                    (x.byte_start, x.byte_end, &x.rule).cmp(&(y.byte_start, y.byte_end, &y.rule))
                });
                zhproof_html::fill_positions(&feed.source, &mut o.findings);
                // The item's own date is the article's date (the body may quote other dates).
                if a.date.is_some() {
                    o.published = a.date;
                }
                if o.title.is_none() && !a.title.is_empty() {
                    o.title = Some(a.title.clone());
                }
                o
            })
            .collect();
        for o in outcomes {
            b.add(o, false);
        }
    }
    let mut r = b.finish(cfg);
    if r.sponsor.is_empty() {
        r.sponsor = feed.author.clone().unwrap_or_default();
    }
    Ok(r)
}
