//! Link targets: host names, whether a host is the site's own, allowed, or on the curated list of
//! gambling and porn hosts (`data/link_domains.tsv`, with sources).

use std::sync::LazyLock;

/// Host names government pages may always link to: government domains (`gov.cn`, and the
/// Party's `12371.cn`) and the central news media whose reports government sites republish.
pub const DEFAULT_ALLOWED: &[&str] = &[
    "gov.cn",
    "12371.cn",
    "people.com.cn",
    "xinhuanet.com",
    "news.cn",
    "cctv.com",
    "cctv.cn",
    "cnr.cn",
    "chinadaily.com.cn",
    "gmw.cn",
    "qstheory.cn",
    "cac.gov.cn",
    "beian.miit.gov.cn",
];

/// The curated host list, embedded.
pub const LINK_DOMAINS_TSV: &str = include_str!("../data/link_domains.tsv");

/// One curated entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The pattern.
    pub pattern: String,
    /// `label`, `suffix` or `substring`.
    pub how: String,
    /// `gambling` or `porn`.
    pub category: String,
    /// Why it is listed.
    pub source: String,
}

static LISTED: LazyLock<Vec<Listed>> = LazyLock::new(|| {
    LINK_DOMAINS_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some(Listed {
                pattern: c.next()?.to_string(),
                how: c.next()?.to_string(),
                category: c.next()?.to_string(),
                source: c.next()?.to_string(),
            })
        })
        .collect()
});

/// The curated entries.
pub fn listed() -> &'static [Listed] {
    &LISTED
}

/// The host of an absolute (`http://`, `https://`) or protocol-relative (`//`) URL, lowercased,
/// without user info, port or a trailing dot. `None` for relative links and other schemes.
///
/// ```
/// use zhproof_html::links::host;
/// assert_eq!(host("https://User@WWW.Example.gov.cn:8080/a?b").as_deref(), Some("www.example.gov.cn"));
/// assert_eq!(host("//cdn.example.com/x.js").as_deref(), Some("cdn.example.com"));
/// assert_eq!(host("/xxgk/index.html"), None);
/// assert_eq!(host("javascript:void(0)"), None);
/// ```
pub fn host(href: &str) -> Option<String> {
    let h = href.trim();
    let b = h.as_bytes();
    let has = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let rest = if has("http://") {
        &h[7..]
    } else if has("https://") {
        &h[8..]
    } else {
        h.strip_prefix("//")?
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let auth = &rest[..end];
    let auth = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let host = if auth.starts_with('[') {
        auth.split_once(']')
            .map_or(auth, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        auth.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Whether `host` is `domain` or a subdomain of it.
pub fn within(host: &str, domain: &str) -> bool {
    let domain = domain.trim().trim_start_matches('.').to_ascii_lowercase();
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Whether `host` is a government domain (`*.gov.cn`, `*.gov`, the Party's `12371.cn`).
pub fn is_government(host: &str) -> bool {
    within(host, "gov.cn")
        || within(host, "12371.cn")
        || host.ends_with(".gov")
        || host.contains(".gov.")
}

/// The curated entry `host` matches, if any.
pub fn listed_entry(host: &str) -> Option<&'static Listed> {
    let labels: Vec<&str> = host.split('.').collect();
    listed().iter().find(|e| match e.how.as_str() {
        "suffix" => host.ends_with(e.pattern.as_str()),
        "substring" => host.contains(e.pattern.as_str()),
        _ => labels.iter().any(|l| {
            l.strip_prefix(e.pattern.as_str())
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        }),
    })
}

/// Whether `host` has the shape of a throw-away gambling host: its registrable label is at least
/// four digits with at most two letters (`8888.com`, `js3333.cc`, `5599vip.top`) under a generic
/// top-level domain, the naming that spam networks use for hosts they register by the hundred.
pub fn numeric_shape(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let tld = labels[labels.len() - 1];
    if !matches!(
        tld,
        "com"
            | "net"
            | "cc"
            | "vip"
            | "top"
            | "xyz"
            | "app"
            | "club"
            | "me"
            | "tv"
            | "co"
            | "in"
            | "live"
    ) {
        return false;
    }
    let label = labels[labels.len() - 2];
    let digits = label.bytes().filter(u8::is_ascii_digit).count();
    let letters = label.bytes().filter(u8::is_ascii_alphabetic).count();
    digits >= 4 && letters <= 3 && host.parse::<std::net::Ipv4Addr>().is_err()
}

/// Top-level domains of commercial hosts (links leaving a government site for them are reported).
pub fn is_commercial(host: &str) -> bool {
    let commercial = [
        ".com", ".net", ".cc", ".vip", ".top", ".xyz", ".shop", ".biz", ".info", ".club", ".site",
        ".online", ".store", ".com.cn", ".net.cn", ".ltd", ".live", ".app",
    ];
    commercial.iter().any(|t| host.ends_with(t)) && host.parse::<std::net::Ipv4Addr>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_list_is_sorted_and_sourced() {
        let rows: Vec<&Listed> = listed().iter().collect();
        assert!(rows.len() >= 25);
        for w in rows.windows(2) {
            assert!(
                w[0].pattern < w[1].pattern,
                "{} / {}",
                w[0].pattern,
                w[1].pattern
            );
        }
        for r in rows {
            assert!(
                matches!(r.how.as_str(), "label" | "suffix" | "substring"),
                "{r:?}"
            );
            assert!(matches!(r.category.as_str(), "gambling" | "porn"), "{r:?}");
            assert!(!r.source.is_empty());
        }
    }

    #[test]
    fn listed_hosts_fire_and_ordinary_hosts_stay_quiet() {
        for h in [
            "www.bet365.com",
            "amjs8888.cc",
            "xpj-77.vip",
            "a.casinoroyal.net",
            "m.pornhub.com",
            "www.lucky.bet",
        ] {
            assert!(listed_entry(h).is_some(), "{h}");
        }
        for h in [
            "www.ganzhou.gov.cn",
            "www.betterlife.com",
            "www.yabolo.cn",
            "www.xinhuanet.com",
            "www.amjsxyz.cn",
            "essex.ac.uk",
        ] {
            assert!(listed_entry(h).is_none(), "{h}");
        }
        assert!(
            numeric_shape("8888.com")
                && numeric_shape("js3333.cc")
                && numeric_shape("www.5599.vip")
        );
        for h in [
            "163.com",
            "hao123.com",
            "12306.cn",
            "www.58.com",
            "192.168.1.1",
        ] {
            assert!(!numeric_shape(h), "{h}");
        }
    }
}
