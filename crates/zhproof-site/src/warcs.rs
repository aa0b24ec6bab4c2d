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
    /// The Content-Encoding, lowercased (empty or `identity` when none).
    encoding: String,
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
        encoding: String::new(),
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
            "content-encoding" => h.encoding = v,
            _ => {}
        }
    }
    Some(h)
}

/// Undoes a Content-Encoding: `gzip` (`x-gzip`) or `deflate` (zlib-wrapped, or raw as some
/// servers send it); at most `limit` bytes are produced, so a decompression bomb is cut off and
/// reported, not expanded.
fn decode_content(encoding: &str, body: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let read = |mut r: Box<dyn Read + '_>| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity((body.len() * 4).min(limit as usize + 1));
        r.by_ref().take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = match encoding.trim() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => read(Box::new(flate2::read::MultiGzDecoder::new(&body[..]))),
        "deflate" => read(Box::new(flate2::read::ZlibDecoder::new(&body[..])))
            .or_else(|_| read(Box::new(flate2::read::DeflateDecoder::new(&body[..])))),
        other => return Err(format!("Content-Encoding `{other}` not supported")),
    }
    .map_err(|e| format!("corrupt {encoding} payload: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "{encoding} payload expands beyond {limit} bytes; not checked"
        ));
    }
    Ok(out)
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
                    check_one(checker, raw, &popts_for(&host), opts.encoding, None),
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
        let body = if http.chunked {
            dechunk(http.body)
        } else {
            http.body.to_vec()
        };
        let body = match decode_content(&http.encoding, body, MAX_PAGE_BYTES) {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{url}: {e}; skipped"));
                return;
            }
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
        assert_eq!(h.encoding, "");
        assert_eq!(
            rel_of("http://www.ay.gov.cn/xxgk/"),
            ("www.ay.gov.cn".into(), "xxgk/index.html".into())
        );
        assert_eq!(
            rel_of("http://www.ay.gov.cn"),
            ("www.ay.gov.cn".into(), "index.html".into())
        );
    }

    #[test]
    fn compressed_payloads_are_decoded_within_the_limit() {
        use std::io::Write;
        let page = "<p>全面布署</p>".repeat(100);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            decode_content("gzip", gz.clone(), 1 << 20).unwrap(),
            page.as_bytes()
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(page.as_bytes()).unwrap();
        assert_eq!(
            decode_content("deflate", z.finish().unwrap(), 1 << 20).unwrap(),
            page.as_bytes()
        );
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(page.as_bytes()).unwrap();
        assert_eq!(
            decode_content("deflate", raw.finish().unwrap(), 1 << 20).unwrap(),
            page.as_bytes()
        );
        // A bomb is cut off at the limit; garbage and unknown codings are clear errors.
        let e = decode_content("gzip", gz, 100).unwrap_err();
        assert!(e.contains("expands beyond 100 bytes"), "{e}");
        let e = decode_content("gzip", b"not gzip at all".to_vec(), 1 << 20).unwrap_err();
        assert!(e.starts_with("corrupt gzip payload"), "{e}");
        let e = decode_content("br", b"x".to_vec(), 1 << 20).unwrap_err();
        assert!(e.contains("`br` not supported"), "{e}");
    }

    #[test]
    fn a_warc_with_gzip_and_chunked_payloads_is_inspected() {
        use std::io::Write;
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>首页_某县人民政府</title></head><body><p>会议对工作进行了全面布署。</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        http.extend_from_slice(&chunked);
        let mut warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-12T02:00:00Z\r\n\
             WARC-Target-URI: http://www.mx.gov.cn/\r\n\
             WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        warc.extend_from_slice(&http);
        warc.extend_from_slice(b"\r\n\r\n");
        let dir = std::env::temp_dir().join(format!("zhproof-warc-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mx.warc");
        std::fs::write(&path, &warc).unwrap();
        let inspection = crate::inspect(
            &Checker::new(),
            &[path],
            &SiteConfig::default(),
            &InspectOptions::default(),
        )
        .unwrap();
        let site = &inspection.sites[0];
        assert_eq!(site.pages, 1, "{:?}", site.errors);
        assert!(site.errors.is_empty(), "{:?}", site.errors);
        assert_eq!(
            site.counts.get("common-typo"),
            Some(&1),
            "{:?}",
            site.counts
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
