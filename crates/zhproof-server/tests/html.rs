//! HTML requests (`"format": "html"`) against a real socket: findings of the page as the reader
//! sees it, mapped back to the page source; page rules; fix and mask that leave markup intact;
//! the same findings as the CLI's HTML adapter.

mod common;

use common::TestServer;
use serde_json::{json, Value};
use zhproof::Checker;
use zhproof_html::{check_page_as_of, parse, PageOptions};

const AS_OF: &str = "2024-06-01";

/// A hacked county news page: a typo split by a tag and an entity, a date ahead of the
/// reference date, gambling spam hidden in the footer, a script and a style that say nothing.
const HACKED: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
<title>春耕生产工作会议召开</title>\n\
<style>.x{content:'布署'}</style><script>var s = \"布署\";</script>\n\
</head><body>\n<div class=\"article\"><h1>春耕生产工作会议召开</h1>\n\
<p>发布时间：2024-07-15</p>\n\
<p>会议对春耕生产进行了全面<b>布</b>&#x7F72;。</p></div>\n\
<div style=\"display:none\"><a href=\"http://www.188bet88.com/\">真人百家乐</a></div>\n\
</body></html>\n";

fn rules(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn html_findings_point_into_the_page_source() {
    let s = TestServer::default();
    let r = s.post_json(
        "/api/v1/check",
        &json!({"text": HACKED, "format": "html", "as_of": AS_OF}),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    let found = rules(&v);
    for want in ["common-typo", "date-ahead", "hidden-link", "improper-link"] {
        assert!(found.iter().any(|r| r == want), "{want} not in {found:?}");
    }
    let typo = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "common-typo")
        .unwrap();
    // Offsets, line and column are the page source's; `text` is what the reader saw.
    let (b, e) = (
        typo["byte_start"].as_u64().unwrap() as usize,
        typo["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&HACKED[b..e], "布</b>&#x7F72;");
    assert_eq!(typo["text"], "布署");
    assert_eq!(typo["line"], 8);
    let chars: Vec<char> = HACKED.chars().collect();
    let (cs, ce) = (
        typo["char_start"].as_u64().unwrap() as usize,
        typo["char_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[cs..ce].iter().collect::<String>(), "布</b>&#x7F72;");
    // Nothing from the script, the style or the markup: one typo only.
    assert_eq!(found.iter().filter(|r| *r == "common-typo").count(), 1);
    // The date is judged against the request's reference date.
    let later = s
        .post_json(
            "/api/v1/check",
            &json!({"text": HACKED, "format": "html", "as_of": "2024-08-01"}),
        )
        .json();
    assert!(!rules(&later).iter().any(|r| r == "date-ahead"));
    // The same text sent as plain text checks the markup too: a different answer.
    let plain = s
        .post_json("/api/v1/check", &json!({"text": HACKED, "as_of": AS_OF}))
        .json();
    assert!(rules(&plain).iter().filter(|r| *r == "common-typo").count() >= 2);
}

#[test]
fn html_findings_equal_the_adapters() {
    let s = TestServer::default();
    let checker = Checker::new();
    let as_of = AS_OF.parse().unwrap();
    let opts = PageOptions {
        captured: Some(as_of),
        ..Default::default()
    };
    let pages = [
        HACKED,
        "<p>联系电话：13812345678，身份证号 110101199003071234。</p>",
        "<table><tr><td>姓名</td><td>张三</td></tr></table><p>二零二三年工作总结</p>",
        "",
        "<div><div><p>未闭合<b>标签<i>全面布署",
    ];
    // Concurrent requests give the adapter's findings, in the CLI's JSON form.
    std::thread::scope(|scope| {
        for page in pages {
            for _ in 0..3 {
                let (s, checker) = (&s, &checker);
                let opts = &opts;
                scope.spawn(move || {
                    let v = s
                        .post_json(
                            "/api/v1/check",
                            &json!({"text": page, "format": "html", "as_of": AS_OF}),
                        )
                        .json();
                    let expected = check_page_as_of(checker, &parse(page), opts, as_of);
                    assert_eq!(
                        v["findings"],
                        serde_json::to_value(&expected).unwrap(),
                        "{page}"
                    );
                });
            }
        }
    });
}

#[test]
fn page_rules_are_selected_ignored_and_regraded_by_id() {
    let s = TestServer::default();
    let ask = |extra: Value| {
        let mut body = json!({"text": HACKED, "format": "html", "as_of": AS_OF});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        s.post_json("/api/v1/check", &body)
    };
    let v = ask(json!({"select": ["hidden-link"]})).json();
    assert_eq!(rules(&v), ["hidden-link"]);
    let v = ask(json!({"ignore": ["hidden-link", "improper-link"]})).json();
    let found = rules(&v);
    assert!(!found.iter().any(|r| r.ends_with("-link")), "{found:?}");
    assert!(found.iter().any(|r| r == "date-ahead"), "{found:?}");
    let v = ask(json!({"select": ["date-ahead"], "severity": {"date-ahead": "info"}})).json();
    assert_eq!(v["findings"][0]["severity"], "info");
    assert_eq!(v["counts"]["info"], 1);
    let r = ask(json!({"select": ["hiden-link"]}));
    assert_eq!((r.status, r.code().as_str()), (422, "unknown-rule"));
    assert_eq!(r.json()["error"]["suggestion"], "hidden-link");
}

#[test]
fn html_fix_and_mask_leave_markup_byte_for_byte() {
    let s = TestServer::default();
    let page = "<p class=\"a\">全面布署，<b>布</b>署</p><script>布署</script>";
    let v = s
        .post_json(
            "/api/v1/fix",
            &json!({"text": page, "format": "html", "as_of": AS_OF}),
        )
        .json();
    // Only the span whose source is the text itself is fixed.
    assert_eq!(
        v["text"],
        "<p class=\"a\">全面部署，<b>布</b>署</p><script>布署</script>"
    );
    assert_eq!(v["changed"], true);
    let page = "<p title=\"电话\">联系电话：<span>13812345678</span>。</p>";
    let v = s
        .post_json(
            "/api/v1/mask",
            &json!({"text": page, "format": "html", "as_of": AS_OF}),
        )
        .json();
    let masked = v["text"].as_str().unwrap();
    assert!(!masked.contains("13812345678"), "{masked}");
    assert!(
        masked.starts_with("<p title=\"电话\">联系电话：<span>138")
            && masked.ends_with("</span>。</p>"),
        "{masked}"
    );
    let clean = "<p>今天天气很好。</p>";
    let v = s
        .post_json("/api/v1/fix", &json!({"text": clean, "format": "html"}))
        .json();
    assert_eq!(
        (v["text"].as_str(), v["changed"].as_bool()),
        (Some(clean), Some(false))
    );
}

#[test]
fn hostile_html_is_answered() {
    let s = TestServer::default();
    for page in [
        "<div>".repeat(100_000),
        "<a href=\"".repeat(50_000),
        "<!--".to_string() + &"全面布署".repeat(10_000),
        "<p>\u{0}\u{feff}&#0;&#xD800;&#99999999;&amp</p>".to_string(),
    ] {
        let r = s.post_json(
            "/api/v1/check",
            &json!({"text": page, "format": "html", "as_of": AS_OF}),
        );
        assert_eq!(r.status, 200, "{}", &page[..20]);
        for f in r.json()["findings"].as_array().unwrap() {
            let (b, e) = (
                f["byte_start"].as_u64().unwrap() as usize,
                f["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(page.get(b..e).is_some(), "span {b}..{e} off the source");
        }
    }
}
