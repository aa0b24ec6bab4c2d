//! `zhproof check` on pages and `zhproof site` on the fixtures in tests/pages and tests/site
//! (written by scripts/gen_site_fixtures.py): findings mapped to the HTML source, page rules,
//! verdicts, and a golden report per format (`ZHPROOF_BLESS=1` rewrites them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_zhproof");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs zhproof in the project root (so paths in reports are relative and stable).
fn zhproof(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn check_json(args: &[&str]) -> Vec<Value> {
    let mut a = vec!["check", "--no-config", "--format", "json"];
    a.extend_from_slice(args);
    let o = zhproof(&a);
    let v: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    v["files"][0]["findings"].as_array().unwrap().clone()
}

fn rules_of(fs: &[Value]) -> Vec<String> {
    fs.iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_county_news_page_is_checked_as_the_reader_sees_it() {
    let fs = check_json(&["--as-of", "2024-03-12", "tests/pages/county_news.html"]);
    let src = std::fs::read_to_string(root().join("tests/pages/county_news.html")).unwrap();
    // Four 布署: meta keywords, meta description, the body (split by <b> and an entity), alt.
    assert_eq!(rules_of(&fs), ["common-typo"; 4]);
    let body = &fs[2];
    let (s, e) = (
        body["byte_start"].as_u64().unwrap() as usize,
        body["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&src[s..e], "布</b>&#x7F72;");
    assert_eq!(body["text"], "布署");
    let line = src[..s].matches('\n').count() + 1;
    assert_eq!(body["line"].as_u64().unwrap() as usize, line);
    assert!(fs[3]["message"].as_str().unwrap().contains("alt"));
    // Nothing from the script (which writes 布署 too), the style or the tags.
    assert!(fs.iter().all(|f| f["line"].as_u64().unwrap() > 12));
}

#[test]
fn a_hacked_page_shows_how_its_content_is_hidden() {
    let fs = check_json(&["--as-of", "2024-03-12", "tests/pages/hacked.html"]);
    let rules = rules_of(&fs);
    let n = |r: &str| rules.iter().filter(|x| *x == r).count();
    assert_eq!(n("hidden-text"), 4, "{rules:?}");
    assert_eq!(n("hidden-link"), 5, "{rules:?}");
    assert!(n("improper-link") >= 3, "{rules:?}");
    let msgs: Vec<&str> = fs
        .iter()
        .filter(|f| f["rule"] == "hidden-text")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for how in ["top:-9999px", "font-size:0px", "display:none", "marquee"] {
        assert!(msgs.iter().any(|m| m.contains(how)), "{how}: {msgs:?}");
    }
    // The navigation's display:none submenu (own links, no spam) is not reported.
    assert!(fs
        .iter()
        .all(|f| !f["text"].as_str().unwrap().contains("乡镇动态")));
}

#[test]
fn dates_ahead_of_the_capture_date_are_reported() {
    let fs = check_json(&["--as-of", "2024-03-10", "tests/pages/date_ahead.html"]);
    assert_eq!(rules_of(&fs), ["date-ahead", "date-ahead"]);
    let fs = check_json(&["--as-of", "2024-03-12", "tests/pages/date_ahead.html"]);
    assert!(fs.is_empty(), "{fs:?}");
}

#[test]
fn gbk_pages_and_gbk_text_are_decoded() {
    for (f, line) in [
        ("tests/pages/gbk_news.html", 29),
        ("tests/pages/gbk_plain.txt", 2),
    ] {
        let fs = check_json(&["--as-of", "2024-03-12", f]);
        assert_eq!(rules_of(&fs), ["common-typo"], "{f}");
        assert_eq!(fs[0]["line"], line, "{f}");
        assert_eq!(fs[0]["text"], "布署");
    }
    // Forcing the wrong encoding decodes mojibake: no typo found, no error.
    let fs = check_json(&["--encoding", "big5", "tests/pages/gbk_plain.txt"]);
    assert!(rules_of(&fs).iter().all(|r| r != "common-typo"));
    let o = zhproof(&[
        "check",
        "--no-config",
        "--encoding",
        "nonsense",
        "tests/pages/gbk_plain.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_public_notice_table_leaks_an_identity_number_but_not_the_masked_one() {
    let fs = check_json(&["--as-of", "2024-03-12", "tests/pages/gongshi_table.html"]);
    let ids: Vec<&Value> = fs
        .iter()
        .filter(|f| f["rule"] == "id-card-number")
        .collect();
    assert_eq!(ids.len(), 1, "{fs:?}");
    assert!(fs.iter().any(|f| f["rule"] == "mobile-number"));
}

#[test]
fn page_and_site_rules_are_listed_with_the_core_rules() {
    let o = zhproof(&["rules", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "hidden-text",
        "hidden-link",
        "improper-link",
        "date-ahead",
        "column-overdue",
        "column-empty",
        "dead-link",
        "home-not-updated",
        "common-typo",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, ids, "ids sorted and unique");
}

const SITES: &[&str] = &[
    "tests/site/mirror",
    "tests/site/cy.warc",
    "tests/site/wechat",
    "tests/site/feed/ningdu.json",
];

fn site(format: &str) -> Output {
    let mut a = vec![
        "site",
        "--no-config",
        "--as-of",
        "2024-03-12",
        "--format",
        format,
    ];
    a.extend_from_slice(SITES);
    zhproof(&a)
}

#[test]
fn sites_get_verdicts_columns_and_vetoes() {
    let o = site("json");
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let sites = v["sites"].as_array().unwrap();
    let by = |n: &str| {
        sites
            .iter()
            .find(|s| s["name"].as_str().unwrap().contains(n))
            .unwrap_or_else(|| panic!("{n}"))
    };
    let vetoes = |s: &Value| {
        s["vetoes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["item"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let ay = by("安远");
    assert_eq!(ay["qualified"], false);
    assert_eq!(vetoes(ay), ["隐私信息泄露"]);
    assert_eq!(ay["sponsor"], "安远县人民政府办公室");
    let cols: Vec<(String, String)> = ay["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    for (n, st) in [
        ("政务动态", "overdue"),
        ("通知公告", "current"),
        ("政策文件", "overdue"),
        ("人事信息", "empty"),
        ("规划计划", "empty"),
    ] {
        assert!(cols.contains(&(n.into(), st.into())), "{n} {st}: {cols:?}");
    }
    assert_eq!(ay["counts"]["dead-link"], 1);
    assert_eq!(by("信丰")["qualified"], true);
    let cy = by("崇义");
    assert_eq!(
        vetoes(cy),
        [
            "存在暗链或隐藏内容（疑似被篡改）",
            "存在不当链接",
            "信息发稿日期超前于实际发稿日期"
        ]
    );
    let wx = by("赣州发布");
    assert_eq!(wx["kind"], "new-media");
    assert_eq!(vetoes(wx), ["监测时间点前2周内无更新"]);
    assert_eq!(by("宁都公安")["qualified"], true);
    assert_eq!(v["websites"]["checked"], 3);
    assert_eq!(v["websites"]["failed"], 2);
    assert_eq!(v["new_media"]["pass_rate"], 50.0);
}

#[test]
fn reports_match_their_golden_files() {
    let dir = root().join("tests/site/expected");
    std::fs::create_dir_all(&dir).unwrap();
    for (format, ext) in [
        ("text", "txt"),
        ("json", "json"),
        ("markdown", "md"),
        ("csv", "csv"),
        ("html", "html"),
    ] {
        let out = stdout(&site(format));
        let path = dir.join(format!("report.{ext}"));
        if std::env::var_os("ZHPROOF_BLESS").is_some() {
            std::fs::write(&path, &out).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            out,
            expected,
            "{} differs (ZHPROOF_BLESS=1 rewrites it)",
            path.display()
        );
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.contains("<svg")
            && !html.contains("<script")
            && !html.contains("src=\"http")
            && !html.contains("<link")
    );
    let csv = std::fs::read_to_string(dir.join("report.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}序号,网站名称,主要存在问题,主办单位,发现日期"));
}

#[test]
fn a_mirror_with_a_symlink_loop_finishes_and_says_so() {
    let d = std::env::temp_dir().join(format!("zhproof-site-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    std::fs::write(
        d.join("index.html"),
        "<title>测试</title><p>2024-03-01 全面部署</p>",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&d, d.join("a/b/loop")).unwrap();
    let o = Command::new(BIN)
        .args([
            "site",
            "--no-config",
            "--as-of",
            "2024-03-12",
            "--format",
            "json",
        ])
        .arg(&d)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["sites"][0]["pages"], 1);
    #[cfg(unix)]
    assert!(
        v["sites"][0]["errors"][0]
            .as_str()
            .unwrap()
            .contains("loop"),
        "{v}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn fixing_a_page_changes_visible_text_only() {
    let d = std::env::temp_dir().join(format!("zhproof-fix-page-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("a.html");
    let html = "<html><head><title>全面布署</title><script>var s='全面布署';</script></head><body><p class=\"布署\">全面布署，<b>布</b>署</p></body></html>";
    std::fs::write(&f, html).unwrap();
    let o = Command::new(BIN)
        .args(["fix", "--no-config", "--write"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let fixed = std::fs::read_to_string(&f).unwrap();
    assert_eq!(
        fixed,
        html.replacen("<title>全面布署", "<title>全面部署", 1)
            .replacen("\">全面布署，", "\">全面部署，", 1)
    );
    let _ = std::fs::remove_dir_all(&d);
}

const FEEDS: &[&str] = &[
    "tests/site/feed/ganxian-fabu.rss",
    "tests/site/feed/ningdu-rongmei.atom",
];

fn feeds(format: &str) -> Output {
    let mut a = vec![
        "site",
        "--no-config",
        "--as-of",
        "2024-03-12",
        "--format",
        format,
    ];
    a.extend_from_slice(FEEDS);
    zhproof(&a)
}

#[test]
fn rss_and_atom_feeds_of_accounts_get_text_checks_and_new_media_vetoes() {
    let o = feeds("json");
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let sites = v["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 2);
    let gx = &sites[0];
    assert_eq!(gx["name"], "赣县发布");
    assert_eq!(gx["kind"], "new-media");
    assert_eq!(gx["sponsor"], "中共赣州市赣县区委宣传部");
    assert_eq!(gx["pages"], 4);
    assert_eq!(gx["latest_update"], "2024-02-23");
    let vetoes: Vec<&str> = gx["vetoes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["item"].as_str().unwrap())
        .collect();
    assert_eq!(vetoes, ["隐私信息泄露", "监测时间点前2周内无更新"]);
    // Findings point into the feed file itself.
    let src = std::fs::read_to_string(root().join(FEEDS[0])).unwrap();
    let all: Vec<&Value> = gx["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .collect();
    for (rule, text) in [
        ("common-typo", "再接再励"),
        ("id-card-number", "360730196208053626"),
    ] {
        let f = all
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule}: {all:?}"));
        let (s, e) = (
            f["byte_start"].as_u64().unwrap() as usize,
            f["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&src[s..e], text);
        assert_eq!(
            f["line"].as_u64().unwrap() as usize,
            src[..s].matches('\n').count() + 1
        );
    }
    // The masked number is not a leak; the undated pinned article is noted.
    assert_eq!(
        all.iter().filter(|f| f["rule"] == "id-card-number").count(),
        1
    );
    assert!(gx["errors"][0]
        .as_str()
        .unwrap()
        .contains("【置顶】赣县发布 服务指南」: no publication date"));
    let nd = &sites[1];
    assert_eq!(nd["name"], "宁都融媒");
    assert_eq!(nd["qualified"], true);
    // 2024-03-11T02:20:00Z is 10:20 on the 11th in China.
    assert_eq!(nd["latest_update"], "2024-03-11");
    assert_eq!(v["new_media"]["pass_rate"], 50.0);
}

#[test]
fn info_findings_are_in_the_json_report_only() {
    // The 宁都融媒 feed has one info guess of the statistical typo detector (育秧备种); its
    // site passes and the formats people read do not list it.
    let json: Value = serde_json::from_str(&stdout(&feeds("json"))).unwrap();
    let nd = &json["sites"][1];
    assert_eq!(nd["counts"]["statistical-typo"], 1, "{nd}");
    assert_eq!(nd["findings"][0]["findings"][0]["severity"], "info", "{nd}");
    assert_eq!(nd["qualified"], true);
    for format in ["text", "markdown", "html"] {
        let out = stdout(&feeds(format));
        assert!(out.contains("宁都融媒"), "{format}: {out}");
        assert!(!out.contains("statistical-typo"), "{format}: {out}");
        assert!(out.contains("common-typo"), "{format}: {out}");
    }
}

#[test]
fn feed_reports_match_their_golden_files() {
    let dir = root().join("tests/site/expected");
    for (format, ext) in [("text", "txt"), ("json", "json")] {
        let out = stdout(&feeds(format));
        let path = dir.join(format!("feeds.{ext}"));
        if std::env::var_os("ZHPROOF_BLESS").is_some() {
            std::fs::write(&path, &out).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            out,
            expected,
            "{} differs (ZHPROOF_BLESS=1 rewrites it)",
            path.display()
        );
    }
}

#[test]
fn hostile_feeds_get_clear_errors_or_notes() {
    let d = std::env::temp_dir().join(format!("zhproof-feeds-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let run = |name: &str, xml: &str| {
        let p = d.join(name);
        std::fs::write(&p, xml).unwrap();
        let o = Command::new(BIN)
            .args([
                "site",
                "--no-config",
                "--as-of",
                "2024-03-12",
                "--format",
                "json",
            ])
            .arg(&p)
            .output()
            .unwrap();
        (
            o.status.code(),
            stdout(&o),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // Not a feed at all.
    let (code, _, err) = run("a.xml", "<html><body>全面布署</body></html>");
    assert_eq!(code, Some(2));
    assert!(err.contains("not an RSS or Atom feed"), "{err}");
    // An entity bomb is not expanded; the article is still checked.
    let mut bomb = String::from("<!DOCTYPE rss [<!ENTITY a \"全面布署\">");
    for i in 1..12 {
        bomb.push_str(&format!(
            "<!ENTITY a{i} \"{}\">",
            format!("&a{};", i - 1).repeat(10)
        ));
    }
    bomb.push_str("]><rss><channel><title>号</title><item><title>全面布署</title><pubDate>Mon, 11 Mar 2024 09:00:00 +0800</pubDate><description>&a11;</description></item></channel></rss>");
    let (code, out, _) = run("bomb.rss", &bomb);
    assert_eq!(code, Some(0), "a typo in a title is no veto");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(out.len() < 20_000);
    assert_eq!(v["sites"][0]["counts"]["common-typo"], 1, "{out}");
    assert!(out.contains("not expanded"));
    // A date ahead of the inspection is reported at the item's pubDate; malformed XML after
    // the first item is noted with its position and the item kept.
    let xml = "<rss><channel><title>号</title>\n<item><title>通知</title><pubDate>Fri, 15 Mar 2024 09:00:00 +0800</pubDate><description>正文</description></item>\n<item><title>x</title><description><!-- cut";
    let (_, out, _) = run("ahead.xml", xml);
    let v: Value = serde_json::from_str(&out).unwrap();
    let f = &v["sites"][0]["findings"][0]["findings"][0];
    assert_eq!(f["rule"], "date-ahead", "{out}");
    let (s, e) = (
        f["byte_start"].as_u64().unwrap() as usize,
        f["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&xml[s..e], "Fri, 15 Mar 2024 09:00:00 +0800");
    assert!(
        v["sites"][0]["errors"][0]
            .as_str()
            .unwrap()
            .contains("line 3"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&d);
}
