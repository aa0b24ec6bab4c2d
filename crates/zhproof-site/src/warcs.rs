//! WARC files (ISO 28500, what Heritrix, wget `--warc-file` and browsers' archivers write), read
//! with the `warc` crate: every `response` record with an HTML payload is a page of the site of
//! its host; its capture date is the record's `WARC-Date`.

use std::collections::{BTreeMap, HashSet};
use std::io::BufReader;
use std::path::Path;

use rayon::prelude::*;
use warc::{RecordType, WarcHeader, WarcReader};
use zhproof::{Checker, Date};
use zhproof_html::PageOptions;

use crate::{
    check_one, Error, InspectOptions, RawPage, SiteBuilder, SiteConfig, SiteReport, MAX_PAGE_BYTES,
};

/// An HTTP response split into its content type, encoding headers and body.
struct Http<'a> {
    status: u16,
    content_type: String,
    chunked: bool,
    compressed: bool,
    body: &'a [u8],
}

fn parse_http(bytes: &[u8]) -> Option<Http<'_>> {
    let end = memfind(bytes, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| memfind(bytes, b"\n\n").map(|p| (p, p + 2)))?;
    let head = std::str::from_utf8(&bytes[..end.0]).ok()?;
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut h = Http {
        status,
        content_type: String::new(),
        chunked: false,
        compressed: false,
        body: &bytes[end.1..],
    };
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => h.content_type = v,
            "transfer-encoding" => h.chunked = v.contains("chunked"),
            "content-encoding" => h.compressed = !v.is_empty() && v != "identity",
            _ => {}
        }
    }
    Some(h)
}

fn memfind(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// Removes HTTP/1.1 chunked transfer coding.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(eol) = memfind(b, b"\r\n") {
        let size = std::str::from_utf8(&b[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok());
        let Some(size) = size else { break };
        b = &b[eol + 2..];
        if size == 0 || size > b.len() {
            out.extend_from_slice(&b[..size.min(b.len())]);
            break;
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
    out
}

fn rel_of(url: &str) -> (String, String) {
    let host = zhproof_html::links::host(url).unwrap_or_default();
    let after = url.split_once("//").map_or(url, |(_, a)| a);
    let path = after.find('/').map_or("/", |i| &after[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut rel = path.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    } else if !rel.rsplit('/').next().unwrap_or("").contains('.') {
        rel.push_str("/index.html");
    }
    (host, rel)
}

pub(crate) fn inspect_warc(
    checker: &Checker,
    path: &Path,
    cfg: &SiteConfig,
    opts: &InspectOptions,
) -> Result<Vec<SiteReport>, Error> {
    let err = |e: std::io::Error| Error::Input {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let gz = path.to_string_lossy().to_ascii_lowercase().ends_with(".gz");
    let mut builders: BTreeMap<String, SiteBuilder> = BTreeMap::new();
    let mut files: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut batch: Vec<RawPage> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let popts_for = |host: &str| PageOptions {
        captured: None,
        own_domains: {
            let mut o = cfg.own_domains.clone();
            o.push(host.trim_start_matches("www.").to_string());
            if let Some(e) = cfg.entry(host) {
                o.extend(e.own_domains.iter().cloned());
            }
            o
        },
        allow_domains: cfg.allow_domains.clone(),
    };
    let flush = |batch: &mut Vec<RawPage>, builders: &mut BTreeMap<String, SiteBuilder>| {
        let outs: Vec<_> = batch
            .par_iter()
            .map(|raw| {
                let host = rel_of(&raw.url).0;
                (
                    host.clone(),
                    raw.is_home,
                    check_one(checker, raw, &popts_for(&host), opts.encoding),
                )
            })
            .collect();
        for (host, is_home, o) in outs {
            builders
                .entry(host.clone())
                .or_insert_with(|| SiteBuilder::new(&host, &format!("{} ({host})", path.display())))
                .add(o, is_home);
        }
        batch.clear();
    };
    let mut handle = |record: warc::Record<warc::BufferedBody>, batch: &mut Vec<RawPage>| {
        if *record.warc_type() != RecordType::Response {
            return;
        }
        let Some(url) = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string())
        else {
            return;
        };
        let d = record.date();
        let secs = d.timestamp();
        let captured = opts
            .as_of
            .unwrap_or_else(|| Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400)));
        let Some(http) = parse_http(record.body()) else {
            return;
        };
        let (host, rel) = rel_of(&url);
        files.entry(host.clone()).or_default().insert(rel.clone());
        if http.status >= 300
            || !(http.content_type.contains("html") || http.content_type.is_empty())
        {
            return;
        }
        if http.compressed {
            errors.push(format!(
                "{url}: compressed payload (Content-Encoding) not supported; skipped"
            ));
            return;
        }
        let body = if http.chunked {
            dechunk(http.body)
        } else {
            http.body.to_vec()
        };
        if body.len() as u64 > MAX_PAGE_BYTES {
            errors.push(format!(
                "{url}: larger than {MAX_PAGE_BYTES} bytes; not checked"
            ));
            return;
        }
        let charset = http.content_type.split_once("charset=").and_then(|(_, c)| {
            zhproof_html::encoding::by_label(c.trim_matches(['"', '\'', ' ', ';']))
        });
        let is_home = matches!(
            rel.as_str(),
            "index.html" | "index.htm" | "index.shtml" | "default.htm"
        );
        batch.push(RawPage {
            url,
            path: path.display().to_string(),
            rel,
            bytes: body,
            charset,
            captured,
            is_home,
        });
    };
    if gz {
        let r = WarcReader::from_path_gzip(path).map_err(err)?;
        for rec in r.iter_records() {
            match rec {
                Ok(rec) => handle(rec, &mut batch),
                Err(e) => {
                    errors.push(format!("{}: {e}", path.display()));
                    break;
                }
            }
            if batch.len() >= 128 {
                flush(&mut batch, &mut builders);
            }
        }
    } else {
        let f = std::fs::File::open(path).map_err(err)?;
        let r = WarcReader::new(BufReader::with_capacity(1 << 20, f));
        for rec in r.iter_records() {
            match rec {
                Ok(rec) => handle(rec, &mut batch),
                Err(e) => {
                    errors.push(format!("{}: {e}", path.display()));
                    break;
                }
            }
            if batch.len() >= 128 {
                flush(&mut batch, &mut builders);
            }
        }
    }
    flush(&mut batch, &mut builders);
    if builders.is_empty() {
        return Err(Error::Input {
            path: path.display().to_string(),
            message: if errors.is_empty() {
                "no HTML response records".into()
            } else {
                errors.join("; ")
            },
        });
    }
    let mut out = Vec::new();
    let n = builders.len();
    for (host, mut b) in builders {
        b.files = files.remove(&host);
        if n == 1 {
            b.errors.append(&mut errors);
        }
        out.push(b.finish(cfg));
    }
    if let Some(first) = out.first_mut() {
        first.errors.append(&mut errors);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_chunks() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n";
        let h = parse_http(r).unwrap();
        assert_eq!(
            (h.status, h.chunked, h.content_type.as_str()),
            (200, true, "text/html; charset=gbk")
        );
        assert_eq!(dechunk(h.body), b"abcdef");
        assert_eq!(
            rel_of("http://www.ay.gov.cn/xxgk/"),
            ("www.ay.gov.cn".into(), "xxgk/index.html".into())
        );
        assert_eq!(
            rel_of("http://www.ay.gov.cn"),
            ("www.ay.gov.cn".into(), "index.html".into())
        );
    }
}
