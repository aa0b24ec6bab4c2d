//! Page rules: checks about the page itself rather than its prose. They are rules of the same
//! registry as the core's (see [`rules()`]); `zhproof rules` lists them.
//!
//! - `hidden-text` (暗链/隐藏内容): text hidden from the reader by a trick that page templates do
//!   not use for menus (zero font size, off-screen positioning, text coloured like its background,
//!   zero-size boxes, invisible `<marquee>`), or hidden in any way (`display:none` too) when it
//!   carries spam. Why: hacked government pages carry gambling and porn keywords this way for
//!   search engines; inspections veto a site for it. Instead: delete the injected markup and
//!   find how it got there.
//! - `hidden-link`: a hidden link to another site.
//! - `improper-link` (不当链接): a link to a gambling or porn host (curated list with sources,
//!   `data/link_domains.tsv`), or whose anchor text is spam.
//! - `suspicious-link`: a link to a host shaped like throw-away gambling hosts (`8888.com`).
//! - `external-link`: a visible link leaving the site for a commercial host not on the allow list.
//! - `date-ahead` (信息发稿日期超前): a publication date shown on the page (meta `PubDate`,
//!   `article:published_time`, a visible 发布时间 line, a WeChat article's time) later than the
//!   date the page was captured. Inspections count it as 伪造发稿日期, a veto item.
//! - `date-mismatch`: the meta publication date and the visible one differ.

use zhproof::rules::RuleMeta;
use zhproof::{Date, Finding, Kind, Severity};

use crate::links::{self, host, is_commercial, is_government, listed_entry, numeric_shape, within};
use crate::{finding, first_date, labelled_date, meta, Page, PageOptions, Scope};

const FAMILY: &str = "html";
const INDICATORS: &str =
    "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决：安全、泄密事故等严重问题";

/// The page rules, alphabetical. Their `fires`/`quiet` examples are HTML pages, checked by
/// [`check_page`](crate::check_page) as captured on [`EXAMPLE_DATE`](zhproof::rules::EXAMPLE_DATE)
/// (2025-06-01) with no own or allowed domains (a test proves each example).
pub fn rules() -> Vec<RuleMeta> {
    let mut all = vec![
        meta("date-ahead", FAMILY, Kind::Usage, Severity::Error, "Publication date on the page later than the date it was captured (信息发稿日期超前)", "国办秘函〔2019〕19号 检查指标：存在弄虚作假行为（如伪造发稿日期等），单项否决"),
        meta("date-mismatch", FAMILY, Kind::Usage, Severity::Warning, "The meta publication date and the visible 发布时间 differ", "国办发〔2017〕47号《政府网站发展指引》网页元数据 PubDate"),
        meta("external-link", FAMILY, Kind::Usage, Severity::Warning, "Visible link leaving the site for a commercial host not on the allow list", "《政府网站发展指引》：不得链接商业网站；allow-domains in zhproof.toml"),
        meta("hidden-link", FAMILY, Kind::Sensitive, Severity::Error, "Link to another site hidden from the reader (暗链)", INDICATORS),
        meta("hidden-text", FAMILY, Kind::Sensitive, Severity::Error, "Text hidden from the reader by a trick, or hidden spam (隐藏内容)", INDICATORS),
        meta("improper-link", FAMILY, Kind::Sensitive, Severity::Error, "Link to a gambling or porn host, or with spam as anchor text (不当链接)", "国办秘函〔2019〕19号 检查指标：发布或链接反动、暴力、色情等内容，单项否决；data/link_domains.tsv"),
        meta("suspicious-link", FAMILY, Kind::Sensitive, Severity::Warning, "Link to a host shaped like throw-away gambling hosts (8888.com)", "zhproof: host naming of gambling spam networks"),
    ];
    for r in &mut all {
        let (fires, quiet) = examples(&r.id);
        r.fires = fires;
        r.quiet = quiet;
    }
    all
}

/// Pages each rule flags, and pages close to them it leaves alone (captured 2025-06-01).
fn examples(id: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match id {
        "date-ahead" => (
            &[
                "<p>发布时间：2025-06-20</p><p>关于做好防汛工作的通知</p>",
                "<meta name=\"PubDate\" content=\"2025-07-01 09:00\"><p>工作动态</p>",
            ],
            &[
                "<p>发布时间：2025-05-20</p><p>关于做好防汛工作的通知</p>",
                "<p>发布时间：2025-06-01</p><p>当天发布</p>",
                "<p>计划于2025年9月1日起施行。</p>",
            ],
        ),
        "date-mismatch" => (
            &["<meta name=\"PubDate\" content=\"2025-05-02\"><p>发布时间：2025-05-20</p>"],
            &[
                "<meta name=\"PubDate\" content=\"2025-05-20 08:30\"><p>发布时间：2025-05-20</p>",
                "<meta name=\"PubDate\" content=\"2025-05-02\"><p>会议于2025年5月20日召开。</p>",
            ],
        ),
        "external-link" => (
            &["<p>详见<a href=\"https://shop.example.com/item\">网店</a></p>"],
            &[
                "<p>详见<a href=\"https://www.gov.cn/zhengce/\">中国政府网</a></p>",
                "<p>详见<a href=\"/xxgk/2025/\">信息公开</a></p>",
                "<p>转自<a href=\"http://www.xinhuanet.com/\">新华网</a></p>",
            ],
        ),
        "hidden-link" => (
            &[
                "<div style=\"display:none\"><a href=\"http://www.example-spam.com/\">友情链接</a></div>",
                "<a href=\"http://x.example.net/\" style=\"position:absolute;left:-9999px\">链接</a>",
            ],
            &[
                "<ul style=\"display:none\"><li><a href=\"/zwgk/\">政务公开</a></li></ul>",
                "<div style=\"display:none\"><a href=\"https://www.gov.cn/\">中国政府网</a></div>",
            ],
        ),
        "hidden-text" => (
            &[
                "<div style=\"display:none\">真人百家乐在线娱乐</div><p>工作动态</p>",
                "<p style=\"font-size:0\">这是一段植入的文字内容</p>",
            ],
            &[
                "<ul style=\"display:none\"><li>政务公开</li><li>乡镇动态</li></ul>",
                "<p style=\"font-size:14px\">这是一段正常的文字内容</p>",
            ],
        ),
        "improper-link" => (
            &[
                "<p><a href=\"http://www.188bet.com/\">体育</a></p>",
                "<p><a href=\"/x.html\">真人百家乐</a></p>",
            ],
            &[
                "<p><a href=\"/tzgg/\">通知公告</a></p>",
                "<p><a href=\"http://www.bet.gov.cn/\">链接</a></p>",
            ],
        ),
        "suspicious-link" => (
            &["<p><a href=\"http://www.8888.com/\">点击进入</a></p>"],
            &[
                "<p><a href=\"http://www.12345.gov.cn/\">12345热线</a></p>",
                "<p><a href=\"http://www.sina.com.cn/\">新浪</a></p>",
            ],
        ),
        _ => (&[], &[]),
    }
}

static RULES: std::sync::LazyLock<Vec<RuleMeta>> = std::sync::LazyLock::new(rules);

fn rule(id: &str) -> &'static RuleMeta {
    RULES.iter().find(|r| r.id == id).expect("known page rule")
}

fn preview(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut p: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        p.push('…');
    }
    p
}

fn internal(h: &str, opts: &PageOptions) -> bool {
    opts.own_domains.iter().any(|d| within(h, d))
}

fn allowed(h: &str, opts: &PageOptions) -> bool {
    internal(h, opts)
        || is_government(h)
        || opts.allow_domains.iter().any(|d| within(h, d))
        || links::DEFAULT_ALLOWED.iter().any(|d| within(h, d))
}

/// Names of meta tags that carry a publication date.
const DATE_METAS: &[&str] = &[
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "article:published_time",
    "og:article:published_time",
    "firstpublishedtime",
    "dc.date.issued",
    "dcterms.issued",
    "datepublished",
];

/// The dates a page says it was published on: `(date, source range, where)`.
pub(crate) fn published_dates(page: &Page) -> Vec<(Date, std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    for m in &page.metas {
        if DATE_METAS.contains(&m.name.as_str()) {
            if let Some(d) = first_date(&m.content) {
                let s = m.span.start;
                let r = if page.source.get(m.span.clone()) == Some(m.content.as_str()) {
                    s + d.start..s + d.end
                } else {
                    m.span.clone()
                };
                out.push((d.date, r, format!("meta {}", m.name)));
            }
        }
    }
    if let Some(t) = page.texts.iter().find(|t| t.scope == Scope::Body) {
        if let Some(d) = labelled_date(&t.text) {
            out.push((
                d.date,
                t.map.span(d.start..d.end),
                "页面所示发布时间".into(),
            ));
        }
    }
    // WeChat article pages keep the publication time in a script: `var ct = "1697600000";`.
    // One pass over the page (memchr) for both spellings.
    let src = page.source.as_bytes();
    if let Some(s) = memchr::memmem::find_iter(src, b"var ct").find_map(|p| {
        ["var ct = \"", "var ct=\""].iter().find_map(|pat| {
            src[p..]
                .starts_with(pat.as_bytes())
                .then_some(p + pat.len())
        })
    }) {
        let n = src[s..].iter().take_while(|b| b.is_ascii_digit()).count();
        if let Ok(secs) = page.source[s..s + n].parse::<i64>() {
            if (1_000_000_000..5_000_000_000).contains(&secs) {
                out.push((
                    Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400)),
                    s..s + n,
                    "微信文章发布时间".into(),
                ));
            }
        }
    }
    out
}

/// The latest publication date the page shows, if any.
pub fn publication_date(page: &Page) -> Option<Date> {
    published_dates(page).into_iter().map(|(d, _, _)| d).max()
}

/// Runs the page rules; `spam[i]` holds the sensitive terms the core found in `page.texts[i]`
/// (so no text is checked twice: a link's anchor text is spam when it contains one of them).
pub(crate) fn check(page: &Page, opts: &PageOptions, spam: &[Vec<String>], out: &mut Vec<Finding>) {
    // Hidden text.
    let hidden_text = rule("hidden-text");
    for (i, t) in page
        .texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.scope == Scope::Hidden)
    {
        let Some(how) = &t.hidden else { continue };
        let chars = t.text.chars().filter(|c| !c.is_whitespace()).count();
        let spam = &spam[i];
        let span = t.map.span(0..t.text.len());
        if !spam.is_empty() {
            out.push(finding(hidden_text, page, span, format!(
                "隐藏内容（{}）含敏感词「{}」：读者看不到、搜索引擎能读到的文字「{}」，常见于网站被篡改后植入的暗链",
                how.how, spam.join("、"), preview(&t.text))));
        } else if !how.common && chars >= 4 {
            out.push(finding(hidden_text, page, span, format!(
                "隐藏内容（{}）：读者看不到的文字「{}」，页面模板不会这样隐藏正文，请核查是否被植入",
                how.how, preview(&t.text))));
        }
    }
    let mut all_spam: Vec<&String> = spam.iter().flatten().collect();
    all_spam.sort();
    all_spam.dedup();
    let hidden_link = rule("hidden-link");
    let improper = rule("improper-link");
    let suspicious = rule("suspicious-link");
    let external = rule("external-link");
    for l in &page.links {
        let h = host(&l.href);
        let mut flagged = false;
        if let Some(h) = &h {
            if let Some(e) = listed_entry(h) {
                let what = if e.category == "porn" {
                    "色情"
                } else {
                    "赌博"
                };
                out.push(finding(
                    improper,
                    page,
                    l.span.clone(),
                    format!("链接指向{what}网站 {h}（{}）", e.source),
                ));
                flagged = true;
            }
        }
        if !l.text.is_empty() {
            let spam: Vec<&str> = all_spam
                .iter()
                .filter(|t| l.text.contains(t.as_str()))
                .map(|t| t.as_str())
                .collect();
            if !spam.is_empty() {
                out.push(finding(
                    improper,
                    page,
                    l.span.clone(),
                    format!(
                        "链接文字「{}」含敏感词「{}」",
                        preview(&l.text),
                        spam.join("、")
                    ),
                ));
                flagged = true;
            }
        }
        let Some(h) = h else { continue };
        if let Some(how) = &l.hidden {
            if !allowed(&h, opts) {
                out.push(finding(
                    hidden_link,
                    page,
                    l.span.clone(),
                    format!("暗链：指向 {h} 的链接以{}隐藏，读者看不到", how.how),
                ));
                continue;
            }
        }
        if flagged {
            continue;
        }
        if numeric_shape(&h) && !allowed(&h, opts) {
            out.push(finding(
                suspicious,
                page,
                l.span.clone(),
                format!("链接指向 {h}：数字域名是博彩垃圾站常用的命名方式，请核实"),
            ));
        } else if l.tag == "a" && l.hidden.is_none() && is_commercial(&h) && !allowed(&h, opts) {
            out.push(finding(external, page, l.span.clone(), format!("链接离开本站指向商业网站 {h}，请核实是否必要（可在 zhproof.toml 的 allow-domains 中放行）")));
        }
    }
    // Dates.
    let dates = published_dates(page);
    if let Some(captured) = opts.captured {
        let ahead = rule("date-ahead");
        for (d, r, how) in &dates {
            if *d > captured {
                out.push(finding(
                    ahead,
                    page,
                    r.clone(),
                    format!("{how} {d} 晚于采集日期 {captured}：信息发稿日期超前于实际发稿日期"),
                ));
            }
        }
    }
    let meta_date = dates.iter().find(|(_, _, w)| w.starts_with("meta"));
    let shown = dates.iter().find(|(_, _, w)| w == "页面所示发布时间");
    if let (Some((m, _, mw)), Some((v, vr, _))) = (meta_date, shown) {
        if m != v {
            out.push(finding(
                rule("date-mismatch"),
                page,
                vr.clone(),
                format!("页面所示发布时间 {v} 与 {mw} 的 {m} 不一致"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page rule fires on each of its `fires` pages and stays quiet on its `quiet` pages,
    /// checked as `zhproof rules` documents them.
    #[test]
    fn every_page_rule_fires_on_its_examples_and_stays_quiet_on_the_others() {
        let checker = zhproof::Checker::new();
        let opts = PageOptions {
            captured: Some(zhproof::rules::EXAMPLE_DATE),
            ..Default::default()
        };
        for r in rules() {
            assert!(!r.fires.is_empty() && !r.quiet.is_empty(), "{}", r.id);
            let rules_on = |html: &str| -> Vec<String> {
                crate::check_page_as_of(
                    &checker,
                    &crate::parse(html),
                    &opts,
                    zhproof::rules::EXAMPLE_DATE,
                )
                .into_iter()
                .map(|f| f.rule)
                .collect()
            };
            for html in r.fires {
                let found = rules_on(html);
                assert!(
                    found.contains(&r.id.to_string()),
                    "{} should fire on {html}: {found:?}",
                    r.id
                );
            }
            for html in r.quiet {
                let found = rules_on(html);
                assert!(
                    !found.contains(&r.id.to_string()),
                    "{} should stay quiet on {html}: {found:?}",
                    r.id
                );
            }
        }
    }
}
