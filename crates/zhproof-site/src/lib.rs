//! Sites for zhproof: local mirrors (what `wget --mirror` or HTTrack writes), WARC files and
//! new-media exports become pages; every page is checked through `zhproof-html`; columns (栏目),
//! the 单项否决 items of 国办秘函〔2019〕19号 and a verdict per site come out, with reports in text,
//! JSON, Markdown, CSV and self-contained HTML ([`report`]).
//!
//! ```no_run
//! use zhproof_site::{inspect, InspectOptions, SiteConfig};
//! let checker = zhproof::Checker::new();
//! let opts = InspectOptions { as_of: "2024-03-12".parse().ok(), ..Default::default() };
//! let inspection = inspect(&checker, &["mirror/www.ay.gov.cn".into()], &SiteConfig::default(), &opts).unwrap();
//! for site in &inspection.sites {
//!     println!("{} {}", site.name, if site.qualified { "合格" } else { "不合格" });
//! }
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use zhproof::rules::RuleMeta;
use zhproof::{Checker, Date, Finding, Kind, Severity};
use zhproof_html::{check_page, PageOptions};

pub mod columns;
pub mod config;
mod feed;
pub mod report;
mod warcs;
pub mod xmlfeed;

pub use columns::{Category, Column, ColumnStatus};
pub use config::{Limits, SiteConfig, SiteEntry};

/// What can go wrong before any page is checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given does not exist or cannot be read.
    #[error("{path}: {message}")]
    Input {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Pages larger than this are reported as errors, not read (a 100 MB page is read; a 1 GB one
/// is not).
pub const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

/// How to inspect.
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// The inspection date (监测时间点): capture date of mirrored pages and the date columns are
    /// measured against. Default: each file's modification time (WARC records: their date).
    pub as_of: Option<Date>,
    /// Forced encoding of pages (else BOM, meta charset, HTTP header, detection).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Website or new-media account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    /// A government website.
    Website,
    /// A 政务新媒体 account (WeChat, Weibo, Toutiao …).
    NewMedia,
}

/// Findings of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    /// Its URL (or path within the mirror).
    pub url: String,
    /// Its file.
    pub path: String,
    /// Its findings, positions in the decoded page.
    pub findings: Vec<Finding>,
}

/// A 单项否决 item a site shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Veto {
    /// The item, as inspection reports name it (存在严重表述错误 …).
    pub item: String,
    /// What was found.
    pub detail: String,
}

/// The inspection of one site or account.
#[derive(Debug, Clone, Serialize)]
pub struct SiteReport {
    /// 网站名称 / 账号名称.
    pub name: String,
    /// 主办单位 (empty when unknown).
    pub sponsor: String,
    /// Website or new media.
    pub kind: SiteKind,
    /// What was inspected (directory, WARC host, feed file).
    pub root: String,
    /// 发现日期: the capture / inspection date.
    #[serde(serialize_with = "dates::one")]
    pub captured: Date,
    /// Pages checked.
    pub pages: usize,
    /// Bytes of HTML read.
    pub bytes: u64,
    /// Pages that could not be read, and why.
    pub errors: Vec<String>,
    /// Findings per rule id.
    pub counts: BTreeMap<String, usize>,
    /// Pages with findings.
    pub findings: Vec<PageReport>,
    /// Columns recognised.
    pub columns: Vec<Column>,
    /// Newest date on the home page (websites) or newest article (accounts).
    #[serde(serialize_with = "dates::opt")]
    pub latest_update: Option<Date>,
    /// 单项否决 items shown.
    pub vetoes: Vec<Veto>,
    /// 主要存在问题: every problem, vetoes first.
    pub issues: Vec<String>,
    /// 合格 when no veto item is shown.
    pub qualified: bool,
}

/// Totals for one kind of site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Sites inspected.
    pub checked: usize,
    /// Sites with a veto item.
    pub failed: usize,
    /// 合格率 in percent (100 when none was checked).
    pub pass_rate: f64,
}

/// The inspection of a set of sites.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// zhproof's version.
    pub version: &'static str,
    /// Sites and accounts, in the order given.
    pub sites: Vec<SiteReport>,
    /// Websites.
    pub websites: Tally,
    /// New-media accounts.
    pub new_media: Tally,
}

/// Rules this crate reports besides the page rules, for the registry view.
pub fn rules() -> Vec<RuleMeta> {
    let m = |id: &'static str, sev, summary: &'static str, source: &'static str| {
        let explanation = match id {
            "column-empty" => "Five or more empty columns veto a government site in the monthly inspection. Fill the column or remove it.",
            "column-overdue" => "News columns must be updated every 2 weeks, notices and policy columns every 6 months; five or more overdue columns veto the site. Publish or retire the column.",
            "dead-link" => "Broken links inside the site cost marks for link availability. Fix the target or remove the link.",
            "home-not-updated" => "A home page without new items for 2 weeks is a veto item. Publish new items.",
            _ => summary,
        };
        let (fires, quiet) = examples(id);
        RuleMeta::external(
            id,
            "site",
            Kind::Usage,
            sev,
            summary,
            explanation,
            source,
            fires,
            quiet,
        )
    };
    vec![
        m("column-empty", Severity::Warning, "Column with no item (空白栏目)", "国办秘函〔2019〕19号 检查指标：空白栏目数量超过（含）5个，单项否决"),
        m("column-overdue", Severity::Warning, "Column not updated within its category's limit (栏目逾期更新)", "国办秘函〔2019〕19号 检查指标：动态要闻类2周、通知公告和政策文件类6个月未更新累计超过（含）5个，单项否决"),
        m("dead-link", Severity::Warning, "Link inside the mirrored site to a page that is not there (死链)", "国办秘函〔2019〕19号 检查指标：链接可用性"),
        m("home-not-updated", Severity::Error, "Home page (or account) without a new item within 2 weeks (首页不更新)", "国办秘函〔2019〕19号 检查指标：监测2周，首页无信息更新的，单项否决"),
    ]
}

/// Mirrors each site rule flags, and mirrors close to them it leaves alone, inspected on
/// [`EXAMPLE_DATE`](zhproof::rules::EXAMPLE_DATE) (2025-06-01). An example is a small mirror:
/// files of one site, each starting with a line `=== path/in/site.html` (a test writes and
/// inspects each one).
fn examples(id: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match id {
        "column-empty" => (
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/tzgg/index.html\">通知公告</a><span>2025-05-28</span></li></ul>\n\
               === tzgg/index.html\n<meta name=\"ColumnName\" content=\"通知公告\"><title>通知公告_示例县人民政府</title><ul class=\"list\"></ul><p>暂无信息</p>\n"],
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/tzgg/index.html\">通知公告</a><span>2025-05-28</span></li></ul>\n\
               === tzgg/index.html\n<meta name=\"ColumnName\" content=\"通知公告\"><title>通知公告_示例县人民政府</title><ul class=\"list\"><li><a href=\"/index.html\">关于防汛工作的通知</a><span>2025-05-10</span></li></ul>\n"],
        ),
        "column-overdue" => (
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/index.html\">工作动态</a><span>2025-05-28</span></li></ul>\n\
               === zwdt/index.html\n<meta name=\"ColumnName\" content=\"工作动态\"><title>工作动态_示例县人民政府</title><ul class=\"list\"><li><a href=\"/index.html\">县政府召开常务会议</a><span>2025-03-01</span></li></ul>\n"],
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/index.html\">工作动态</a><span>2025-05-28</span></li></ul>\n\
               === zwdt/index.html\n<meta name=\"ColumnName\" content=\"工作动态\"><title>工作动态_示例县人民政府</title><ul class=\"list\"><li><a href=\"/index.html\">县政府召开常务会议</a><span>2025-05-25</span></li></ul>\n",
              "=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/tzgg/index.html\">通知公告</a><span>2025-05-28</span></li></ul>\n\
               === tzgg/index.html\n<meta name=\"ColumnName\" content=\"通知公告\"><title>通知公告_示例县人民政府</title><ul class=\"list\"><li><a href=\"/index.html\">关于防汛工作的通知</a><span>2025-03-01</span></li></ul>\n"],
        ),
        "dead-link" => (
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/2025/a.html\">县政府召开常务会议</a><span>2025-05-28</span></li></ul>\n"],
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/2025/a.html\">县政府召开常务会议</a><span>2025-05-28</span></li></ul>\n\
               === zwdt/2025/a.html\n<title>县政府召开常务会议</title><p>发布时间：2025-05-28</p><p>会议研究了防汛工作。</p>\n"],
        ),
        "home-not-updated" => (
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/a.html\">县政府召开常务会议</a><span>2025-04-20</span></li></ul>\n\
               === zwdt/a.html\n<title>县政府召开常务会议</title><p>发布时间：2025-04-20</p>\n"],
            &["=== index.html\n<title>首页_示例县人民政府</title><ul><li><a href=\"/zwdt/a.html\">县政府召开常务会议</a><span>2025-05-28</span></li></ul>\n\
               === zwdt/a.html\n<title>县政府召开常务会议</title><p>发布时间：2025-05-28</p>\n"],
        ),
        _ => (&[], &[]),
    }
}

/// Dates serialize as `YYYY-MM-DD` (the core's `Date` has no serde impl).
pub(crate) mod dates {
    use serde::Serializer;
    use zhproof::Date;

    pub fn one<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn opt<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

/// The date of a file's modification time, China time.
pub fn file_date(path: &Path) -> Option<Date> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400)))
}

/// One page to check.
pub(crate) struct RawPage {
    pub url: String,
    pub path: String,
    /// Path within the site, `/`-separated, for resolving relative links.
    pub rel: String,
    pub bytes: Vec<u8>,
    pub charset: Option<&'static encoding_rs::Encoding>,
    pub captured: Date,
    pub is_home: bool,
}

/// What checking one page gave.
pub(crate) struct PageOutcome {
    pub url: String,
    pub path: String,
    pub bytes: u64,
    pub findings: Vec<Finding>,
    pub list: columns::ListInfo,
    pub home_dates: Vec<Date>,
    pub published: Option<Date>,
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub sponsor: Option<String>,
    pub wechat: Option<String>,
    /// Candidate dead links: target path in the mirror and the finding to report.
    pub internal_links: Vec<(String, Finding)>,
    pub captured: Date,
}

fn sponsor_of(body: &str) -> Option<String> {
    for label in ["主办单位：", "主办单位:", "主办：", "主办:"] {
        if let Some(p) = body.find(label) {
            let rest = body[p + label.len()..].trim_start();
            let s: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '　' | '|' | '，' | ','))
                .collect();
            if !s.is_empty() {
                return Some(s);
            }
        }
    }
    None
}

fn wechat_name(src: &str) -> Option<String> {
    for pat in ["var nickname = \"", "var nickname=\"", "nick_name: \""] {
        if let Some(p) = src.find(pat) {
            let s = &src[p + pat.len()..];
            let n: String = s.chars().take_while(|&c| c != '"').take(64).collect();
            if !n.is_empty() {
                return Some(n);
            }
        }
    }
    None
}

/// Resolves `href` found on the page at `page_path` (relative to the mirror root, `/`-separated)
/// to a path in the mirror, if it is an internal link to a page.
fn mirror_target(href: &str, page_path: &str, own: &[String]) -> Option<String> {
    let h = href.trim();
    if h.is_empty() || h.starts_with('#') || h.contains('?') || h.contains("${") {
        return None;
    }
    let path = if let Some(host) = zhproof_html::links::host(h) {
        if !own.iter().any(|d| zhproof_html::links::within(&host, d)) {
            return None;
        }
        let after = h.split_once("//")?.1;
        after
            .find('/')
            .map_or("/".to_string(), |i| after[i..].to_string())
    } else if h.contains(':') {
        return None; // mailto:, javascript:, tel:
    } else {
        h.to_string()
    };
    let path = path.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = page_path.split('/').collect();
        p.pop();
        p
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    let last = parts.last().copied().unwrap_or("");
    if path.ends_with('/') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    } else if !last.contains('.') {
        target = format!("{target}/index.html");
    } else {
        let ext = last.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if !matches!(ext.as_str(), "html" | "htm" | "shtml") {
            return None;
        }
    }
    Some(target)
}

pub(crate) fn check_one(
    checker: &Checker,
    raw: &RawPage,
    popts: &PageOptions,
    forced: Option<&'static encoding_rs::Encoding>,
    known: Option<&HashSet<String>>,
) -> PageOutcome {
    let page = zhproof_html::parse_bytes(&raw.bytes, forced.or(raw.charset));
    let opts = PageOptions {
        captured: Some(raw.captured),
        ..popts.clone()
    };
    let mut findings = check_page(checker, &page, &opts);
    let list = columns::list_info(&page);
    let body = page.body();
    let home_dates = if raw.is_home {
        zhproof_html::all_dates(body)
            .into_iter()
            .map(|d| d.date)
            .filter(|d| *d <= raw.captured)
            .collect()
    } else {
        Vec::new()
    };
    // Column list pages with items dated ahead of the capture date.
    if !list.item_dates.is_empty() {
        if let Some(ahead) = list.item_dates.iter().filter(|d| **d > raw.captured).max() {
            if let Some(meta) = zhproof_html::rules()
                .into_iter()
                .find(|r| r.id == "date-ahead")
            {
                if checker.options().selects(&meta.id, meta.kind) {
                    let t = page
                        .texts
                        .iter()
                        .find(|t| t.scope == zhproof_html::Scope::Body);
                    let at = t.and_then(|t| {
                        t.text
                            .find(&ahead.to_string())
                            .map(|i| t.map.span(i..i + 10))
                    });
                    let span = at.unwrap_or(0..0);
                    findings.push(Finding::at(
                        meta.id.to_string(),
                        meta.kind,
                        meta.severity,
                        &page.source,
                        span,
                        format!(
                            "栏目列表中有条目日期 {ahead} 晚于采集日期 {}：信息发稿日期超前",
                            raw.captured
                        ),
                        Vec::new(),
                        meta.source.to_string(),
                        Default::default(),
                    ));
                    findings.sort_by_key(|f| (f.byte_start, f.byte_end));
                    zhproof_html::fill_positions(&page.source, &mut findings);
                }
            }
        }
    }
    let dead = rules()
        .into_iter()
        .find(|r| r.id == "dead-link")
        .expect("dead-link");
    let mut internal_links = Vec::new();
    if checker.options().selects(&dead.id, dead.kind) {
        for l in page
            .links
            .iter()
            .filter(|l| l.tag == "a" && l.hidden.is_none())
        {
            if let Some(t) = mirror_target(&l.href, &raw.rel, &popts.own_domains) {
                let mut f = Finding::at(
                    dead.id.to_string(),
                    dead.kind,
                    dead.severity,
                    &page.source,
                    l.span.clone(),
                    format!("死链：链接「{}」指向的 {t} 不在镜像中", l.text),
                    Vec::new(),
                    dead.source.to_string(),
                    Default::default(),
                );
                f.text = l.href.clone();
                internal_links.push((t, f));
            }
        }
        if let Some(files) = known {
            // The mirror's files are known: only dead links are kept (navigation repeats a
            // hundred internal links on every page; keeping each as a candidate cost memory
            // and allocations per page).
            let before = findings.len();
            findings.extend(
                internal_links
                    .drain(..)
                    .filter(|(t, _)| !target_exists(files, t))
                    .map(|(_, f)| f),
            );
            if findings.len() > before {
                findings.sort_by_key(|f| (f.byte_start, f.byte_end));
                zhproof_html::fill_positions(&page.source, &mut findings);
            }
        } else {
            let mut fs: Vec<Finding> = internal_links.iter().map(|(_, f)| f.clone()).collect();
            zhproof_html::fill_positions(&page.source, &mut fs);
            for ((_, f), g) in internal_links.iter_mut().zip(fs) {
                *f = g;
            }
        }
    }
    PageOutcome {
        url: raw.url.clone(),
        path: raw.path.clone(),
        bytes: raw.bytes.len() as u64,
        findings,
        list,
        home_dates,
        published: zhproof_html::publication_date(&page),
        title: page.title().map(str::to_string),
        site_name: page.meta("sitename").map(str::to_string),
        sponsor: sponsor_of(body),
        wechat: wechat_name(&page.source),
        internal_links,
        captured: raw.captured,
    }
}

/// Whether a link target (a path in the mirror) is among the mirror's `files`.
fn target_exists(files: &HashSet<String>, target: &str) -> bool {
    files.contains(target)
        || (target.ends_with("index.html")
            && (files.contains(&target.replace("/index.html", "/index.htm"))
                || files.contains(&target.replace("index.html", "index.shtml"))))
}

/// Accumulates page outcomes into a site report.
pub(crate) struct SiteBuilder {
    pub key: String,
    pub root: String,
    pub kind: Option<SiteKind>,
    pub captured: Option<Date>,
    pub pages: usize,
    pub bytes: u64,
    pub errors: Vec<String>,
    pub findings: Vec<PageReport>,
    pub counts: BTreeMap<String, usize>,
    pub lists: BTreeMap<String, (String, Option<String>, Vec<Date>, bool)>,
    pub home_dates: Option<Vec<Date>>,
    pub published: Vec<Date>,
    pub home_title: Option<String>,
    pub site_name: Option<String>,
    pub sponsor: Option<String>,
    pub wechat: Option<String>,
    pub wechat_pages: usize,
    pub files: Option<HashSet<String>>,
    pub internal_links: Vec<(usize, String, Finding)>,
}

impl SiteBuilder {
    pub(crate) fn new(key: &str, root: &str) -> Self {
        SiteBuilder {
            key: key.into(),
            root: root.into(),
            kind: None,
            captured: None,
            pages: 0,
            bytes: 0,
            errors: Vec::new(),
            findings: Vec::new(),
            counts: BTreeMap::new(),
            lists: BTreeMap::new(),
            home_dates: None,
            published: Vec::new(),
            home_title: None,
            site_name: None,
            sponsor: None,
            wechat: None,
            wechat_pages: 0,
            files: None,
            internal_links: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, o: PageOutcome, is_home: bool) {
        self.pages += 1;
        self.bytes += o.bytes;
        self.captured = Some(self.captured.map_or(o.captured, |c| c.max(o.captured)));
        if let Some(name) = o.list.column.as_ref().filter(|_| !is_home) {
            let e = self
                .lists
                .entry(name.clone())
                .or_insert_with(|| (o.url.clone(), o.list.column_type.clone(), Vec::new(), false));
            e.2.extend(&o.list.item_dates);
            e.3 |= o.list.empty;
        }
        if is_home {
            self.home_dates = Some(o.home_dates.clone());
            self.home_title = o.title.clone();
            if o.sponsor.is_some() {
                self.sponsor = o.sponsor.clone();
            }
        }
        if self.sponsor.is_none() {
            self.sponsor = o.sponsor.clone();
        }
        if self.site_name.is_none() {
            self.site_name = o.site_name.clone();
        }
        if o.wechat.is_some() {
            self.wechat_pages += 1;
            self.wechat = self.wechat.take().or(o.wechat.clone());
        }
        if let Some(d) = o.published {
            if d <= o.captured {
                self.published.push(d);
            }
        }
        let idx = self.findings.len();
        let has = !o.findings.is_empty();
        for (t, f) in o.internal_links {
            self.internal_links.push((idx, t, f));
        }
        for f in &o.findings {
            *self.counts.entry(f.rule.clone()).or_default() += 1;
        }
        self.findings.push(PageReport {
            url: o.url,
            path: o.path,
            findings: o.findings,
        });
        let _ = has;
    }

    pub(crate) fn finish(mut self, cfg: &SiteConfig) -> SiteReport {
        let entry = cfg
            .entry(&self.key)
            .or_else(|| cfg.entry(&self.root))
            .cloned();
        let limits = &cfg.limits;
        let captured = self.captured.unwrap_or_else(Date::today_china);
        // Dead links.
        if let Some(files) = &self.files {
            for (idx, target, f) in std::mem::take(&mut self.internal_links) {
                if !target_exists(files, &target) {
                    *self.counts.entry(f.rule.clone()).or_default() += 1;
                    let page = &mut self.findings[idx];
                    page.findings.push(f);
                    page.findings.sort_by_key(|f| (f.byte_start, f.byte_end));
                }
            }
        }
        self.findings.retain(|p| !p.findings.is_empty());
        let kind = match (entry.as_ref().and_then(|e| e.new_media), self.kind) {
            (Some(true), _) => SiteKind::NewMedia,
            (Some(false), _) => SiteKind::Website,
            (None, Some(k)) => k,
            (None, None) if self.wechat_pages * 2 > self.pages => SiteKind::NewMedia,
            _ => SiteKind::Website,
        };
        let columns: Vec<Column> = if kind == SiteKind::Website {
            self.lists
                .iter()
                .map(|(name, (url, ty, dates, empty))| {
                    columns::column(
                        name,
                        url,
                        ty.as_deref(),
                        dates,
                        *empty,
                        captured,
                        limits,
                        entry.as_ref(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let name = entry
            .as_ref()
            .and_then(|e| e.name.clone())
            .or_else(|| {
                if kind == SiteKind::NewMedia {
                    self.wechat.clone()
                } else {
                    None
                }
            })
            .or(self.site_name.clone())
            .or_else(|| {
                self.home_title.as_deref().map(|t| {
                    t.rsplit(['_', '|', '-'])
                        .next()
                        .unwrap_or(t)
                        .trim()
                        .to_string()
                })
            })
            .unwrap_or_else(|| self.key.clone());
        let sponsor = entry
            .as_ref()
            .and_then(|e| e.sponsor.clone())
            .or(self.sponsor.clone())
            .unwrap_or_default();
        let latest_update = match kind {
            SiteKind::Website => self
                .home_dates
                .as_ref()
                .and_then(|d| d.iter().copied().max()),
            SiteKind::NewMedia => self.published.iter().copied().max(),
        };
        let (vetoes, issues) = judge(
            &self.counts,
            &self.findings,
            &columns,
            kind,
            self.home_dates.is_some(),
            latest_update,
            captured,
            limits,
        );
        SiteReport {
            name,
            sponsor,
            kind,
            root: self.root,
            captured,
            pages: self.pages,
            bytes: self.bytes,
            errors: self.errors,
            qualified: vetoes.is_empty(),
            counts: self.counts,
            findings: self.findings,
            columns,
            latest_update,
            vetoes,
            issues,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn judge(
    counts: &BTreeMap<String, usize>,
    pages: &[PageReport],
    columns: &[Column],
    kind: SiteKind,
    has_home: bool,
    latest: Option<Date>,
    captured: Date,
    limits: &Limits,
) -> (Vec<Veto>, Vec<String>) {
    let all = || pages.iter().flat_map(|p| &p.findings);
    let count = |pred: &dyn Fn(&Finding) -> bool| all().filter(|f| pred(f)).count();
    let examples = |pred: &dyn Fn(&Finding) -> bool| {
        let mut seen: Vec<String> = Vec::new();
        for f in all().filter(|f| pred(f)) {
            let t = f.text.chars().take(20).collect::<String>();
            if !seen.contains(&t) {
                seen.push(t);
            }
            if seen.len() == 3 {
                break;
            }
        }
        seen.join("」「")
    };
    let mut vetoes = Vec::new();
    let mut issues = Vec::new();
    let rule_n = |r: &str| counts.get(r).copied().unwrap_or(0);
    let serious = |f: &Finding| f.kind == Kind::Expression && f.severity == Severity::Error;
    let n = count(&serious);
    if n > 0 {
        vetoes.push(Veto {
            item: "存在严重表述错误".into(),
            detail: format!("{n} 处，如「{}」", examples(&serious)),
        });
    }
    let hidden = |f: &Finding| matches!(f.rule.as_str(), "hidden-text" | "hidden-link");
    let n = count(&hidden);
    if n > 0 {
        vetoes.push(Veto {
            item: "存在暗链或隐藏内容（疑似被篡改）".into(),
            detail: format!("{n} 处"),
        });
    }
    let improper = |f: &Finding| f.rule == "improper-link";
    let n = count(&improper);
    if n > 0 {
        vetoes.push(Veto {
            item: "存在不当链接".into(),
            detail: format!("{n} 处，如「{}」", examples(&improper)),
        });
    }
    let illegal = |f: &Finding| {
        f.kind == Kind::Sensitive && f.severity == Severity::Error && !hidden(f) && !improper(f)
    };
    let n = count(&illegal);
    if n > 0 {
        vetoes.push(Veto {
            item: "发布违法违规信息".into(),
            detail: format!("{n} 处，如「{}」", examples(&illegal)),
        });
    }
    let privacy = |f: &Finding| f.kind == Kind::Privacy && f.severity == Severity::Error;
    let n = count(&privacy);
    if n > 0 {
        vetoes.push(Veto {
            item: "隐私信息泄露".into(),
            detail: format!("{n} 处（身份证号、银行卡号等）"),
        });
    }
    let n = rule_n("date-ahead");
    if n > 0 {
        vetoes.push(Veto {
            item: "信息发稿日期超前于实际发稿日期".into(),
            detail: format!("{n} 处"),
        });
    }
    let stale_home = latest.is_none_or(|d| {
        columns::days_between(d, captured)
            > i64::from(if kind == SiteKind::Website {
                limits.home
            } else {
                limits.new_media
            })
    });
    match kind {
        SiteKind::Website if has_home && stale_home => vetoes.push(Veto {
            item: "首页不更新".into(),
            detail: match latest {
                Some(d) => format!(
                    "首页最新信息日期 {d}，监测时间点 {captured} 前 {} 天内无更新",
                    limits.home
                ),
                None => "首页未注明信息发布时间，视为不更新".into(),
            },
        }),
        SiteKind::NewMedia if stale_home => vetoes.push(Veto {
            item: "监测时间点前2周内无更新".into(),
            detail: match latest {
                Some(d) => format!("最新文章日期 {d}"),
                None => "未找到文章发布时间".into(),
            },
        }),
        _ => {}
    }
    let overdue: Vec<&Column> = columns
        .iter()
        .filter(|c| {
            c.status == ColumnStatus::Overdue
                && matches!(
                    c.category,
                    Category::Dynamic | Category::Notice | Category::Policy
                )
        })
        .collect();
    let stale = columns
        .iter()
        .filter(|c| c.status == ColumnStatus::Overdue)
        .count();
    let empty: Vec<&Column> = columns
        .iter()
        .filter(|c| c.status == ColumnStatus::Empty)
        .collect();
    let names = |cs: &[&Column]| {
        cs.iter()
            .take(5)
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    if overdue.len() >= limits.overdue_veto || stale >= limits.stale_veto {
        vetoes.push(Veto {
            item: "栏目逾期更新".into(),
            detail: format!("{} 个栏目逾期未更新：{}", stale, names(&overdue)),
        });
    } else if stale > 0 {
        let all_overdue: Vec<&Column> = columns
            .iter()
            .filter(|c| c.status == ColumnStatus::Overdue)
            .collect();
        issues.push(format!(
            "{} 个栏目逾期更新（{}，未达否决线）",
            stale,
            names(&all_overdue)
        ));
    }
    if empty.len() >= limits.empty_veto {
        vetoes.push(Veto {
            item: "空白栏目".into(),
            detail: format!("{} 个空白栏目：{}", empty.len(), names(&empty)),
        });
    } else if !empty.is_empty() {
        issues.push(format!(
            "{} 个空白栏目（{}，未达否决线）",
            empty.len(),
            names(&empty)
        ));
    }
    // Info findings (the statistical typo detector's less confident guesses) are hints, not 错敏字.
    let typos = count(&|f: &Finding| f.kind == Kind::Typo && f.severity >= Severity::Warning);
    if typos > 0 {
        issues.push(format!("存在错敏字问题（{typos} 处）"));
    }
    let minor_privacy =
        count(&|f: &Finding| f.kind == Kind::Privacy && f.severity < Severity::Error);
    if minor_privacy > 0 {
        issues.push(format!("疑似公开个人手机号码等（{minor_privacy} 处）"));
    }
    for (rule, what) in [
        ("dead-link", "死链"),
        ("external-link", "链接至商业网站"),
        ("suspicious-link", "疑似博彩域名链接"),
        ("date-mismatch", "页面发布时间与元数据不一致"),
    ] {
        let n = rule_n(rule);
        if n > 0 {
            issues.push(format!("存在{what}（{n} 处）"));
        }
    }
    let mut all_issues: Vec<String> = vetoes.iter().map(|v| v.item.clone()).collect();
    all_issues.extend(issues);
    (vetoes, all_issues)
}

/// Inspects the sites under `paths`: each path is a mirror directory (one site, or a directory
/// of host-named site directories as `wget --mirror` and HTTrack write them), a WARC file
/// (`.warc`, `.warc.gz`; one site per host), a new-media account's RSS 2.0 or Atom feed
/// (`.xml`, `.rss`, `.atom`, or any file whose root element is `<rss>` or `<feed>`; see
/// [`xmlfeed`]) or a JSON feed export (`.json`).
pub fn inspect(
    checker: &Checker,
    paths: &[PathBuf],
    cfg: &SiteConfig,
    opts: &InspectOptions,
) -> Result<Inspection, Error> {
    let mut sites = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        let meta = std::fs::metadata(p).map_err(|e| Error::Input {
            path: name.clone(),
            message: e.to_string(),
        })?;
        let lower = name.to_ascii_lowercase();
        if meta.is_dir() {
            for (key, root) in site_dirs(p) {
                sites.push(inspect_mirror(checker, &key, &root, cfg, opts));
            }
        } else if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
            sites.extend(warcs::inspect_warc(checker, p, cfg, opts)?);
        } else if lower.ends_with(".json") {
            sites.push(feed::inspect_feed(checker, p, cfg, opts)?);
        } else if [".xml", ".rss", ".atom"].iter().any(|e| lower.ends_with(e))
            || sniff(p).is_some_and(|h| xmlfeed::looks_like_feed(&h))
        {
            sites.push(feed::inspect_xml_feed(checker, p, cfg, opts)?);
        } else {
            return Err(Error::Input {
                path: name,
                message: "not a directory, WARC file (.warc, .warc.gz), RSS or Atom feed (.xml, .rss, .atom) or feed export (.json)"
                    .into(),
            });
        }
    }
    let tally = |k: SiteKind| {
        let of: Vec<&SiteReport> = sites.iter().filter(|s| s.kind == k).collect();
        let failed = of.iter().filter(|s| !s.qualified).count();
        Tally {
            checked: of.len(),
            failed,
            pass_rate: if of.is_empty() {
                100.0
            } else {
                ((of.len() - failed) as f64 * 1000.0 / of.len() as f64).round() / 10.0
            },
        }
    };
    Ok(Inspection {
        version: env!("CARGO_PKG_VERSION"),
        websites: tally(SiteKind::Website),
        new_media: tally(SiteKind::NewMedia),
        sites,
    })
}

/// The first 4 KiB of a file.
fn sniff(p: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(p)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// Whether a directory name looks like a host (`www.ay.gov.cn`).
fn hostlike(name: &str) -> bool {
    name.contains('.')
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        })
}

fn is_page_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php",
    ]
    .iter()
    .any(|e| n.ends_with(e) || n.contains(&format!("{e}?")))
}

fn has_index(dir: &Path) -> bool {
    [
        "index.html",
        "index.htm",
        "index.shtml",
        "default.htm",
        "default.html",
    ]
    .iter()
    .any(|f| dir.join(f).is_file())
}

/// The sites in a directory: the host directories of an HTTrack project (it has `hts-cache`) or
/// of a `wget --mirror` run (host-named subdirectories, no home page of its own); the account
/// folders of a directory holding no pages itself but subdirectories that do; else the directory.
fn site_dirs(dir: &Path) -> Vec<(String, PathBuf)> {
    let key = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let mut subs: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| n != "hts-cache" && !n.starts_with('.'))
        .collect();
    subs.sort();
    let httrack = dir.join("hts-cache").is_dir();
    if httrack || !has_index(dir) {
        let hosts: Vec<(String, PathBuf)> =
            subs.iter().filter(|(n, _)| hostlike(n)).cloned().collect();
        if !hosts.is_empty() {
            return hosts;
        }
        let pages_here = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| is_page_name(&e.file_name().to_string_lossy()));
        if !pages_here && !subs.is_empty() {
            return subs;
        }
    }
    vec![(key(dir), dir.to_path_buf())]
}

fn inspect_mirror(
    checker: &Checker,
    key: &str,
    root: &Path,
    cfg: &SiteConfig,
    opts: &InspectOptions,
) -> SiteReport {
    let mut b = SiteBuilder::new(key, &root.display().to_string());
    let entry = cfg.entry(key);
    let mut own: Vec<String> = cfg.own_domains.clone();
    if hostlike(key) {
        own.push(key.trim_start_matches("www.").to_string());
    }
    if let Some(e) = entry {
        own.extend(e.own_domains.iter().cloned());
    }
    let popts = PageOptions {
        captured: None,
        own_domains: own,
        allow_domains: cfg.allow_domains.clone(),
    };
    // Walk: symbolic links are followed, loops are detected and reported, hidden files skipped.
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for e in walker {
        match e {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel.starts_with("hts-cache/") {
                    continue;
                }
                files.push((rel, e.into_path()));
            }
            Ok(_) => {}
            Err(err) => b.errors.push(err.to_string()),
        }
    }
    // Dead links are resolved page by page against this set (see `check_one`).
    let known: HashSet<String> = files.iter().map(|(r, _)| r.clone()).collect();
    let pages: Vec<&(String, PathBuf)> = files.iter().filter(|(r, _)| is_page_name(r)).collect();
    let home = [
        "index.html",
        "index.htm",
        "index.shtml",
        "default.htm",
        "default.html",
    ]
    .iter()
    .find(|h| pages.iter().any(|(r, _)| r == *h))
    .map(|s| s.to_string());
    let host = if hostlike(key) {
        key.to_string()
    } else {
        String::new()
    };
    // Pages are read and checked in parallel in batches, so memory holds one batch of sources.
    for batch in pages.chunks(256) {
        let outcomes: Vec<(Result<PageOutcome, String>, bool)> = batch
            .par_iter()
            .map(|(rel, path)| {
                let is_home = home.as_deref() == Some(rel.as_str());
                let r = (|| {
                    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
                    if len > MAX_PAGE_BYTES {
                        return Err(format!(
                            "{len} bytes, larger than the {MAX_PAGE_BYTES}-byte limit; not checked"
                        ));
                    }
                    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
                    let captured = opts
                        .as_of
                        .or_else(|| file_date(path))
                        .unwrap_or_else(Date::today_china);
                    let url = if host.is_empty() {
                        format!("/{rel}")
                    } else {
                        format!("http://{host}/{rel}")
                    };
                    let raw = RawPage {
                        url,
                        path: path.display().to_string(),
                        rel: rel.clone(),
                        bytes,
                        charset: None,
                        captured,
                        is_home,
                    };
                    Ok(check_one(
                        checker,
                        &raw,
                        &popts,
                        opts.encoding,
                        Some(&known),
                    ))
                })();
                (r.map_err(|e| format!("{}: {e}", path.display())), is_home)
            })
            .collect();
        for (o, is_home) in outcomes {
            match o {
                Ok(o) => b.add(o, is_home),
                Err(e) => b.errors.push(e),
            }
        }
    }
    if home.is_none() {
        b.home_dates = None;
    }
    b.finish(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes an example mirror (`=== path` lines, see [`examples`]) under `dir`.
    fn write_example(dir: &Path, example: &str) {
        for file in example
            .split("=== ")
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            let (path, html) = file.split_once('\n').unwrap_or((file, ""));
            let p = dir.join(path.trim());
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, html).unwrap();
        }
    }

    #[test]
    fn every_site_rule_fires_on_its_examples_and_stays_quiet_on_the_others() {
        let checker = Checker::new();
        let opts = InspectOptions {
            as_of: Some(zhproof::rules::EXAMPLE_DATE),
            ..Default::default()
        };
        let base =
            std::env::temp_dir().join(format!("zhproof-site-examples-{}", std::process::id()));
        for r in rules() {
            assert!(!r.fires.is_empty() && !r.quiet.is_empty(), "{}", r.id);
            for (i, (example, want)) in r
                .fires
                .iter()
                .map(|e| (e, true))
                .chain(r.quiet.iter().map(|e| (e, false)))
                .enumerate()
            {
                let dir = base
                    .join(format!("{}-{i}", r.id))
                    .join("www.example.gov.cn");
                write_example(&dir, example);
                let inspection = inspect(
                    &checker,
                    std::slice::from_ref(&dir),
                    &SiteConfig::default(),
                    &opts,
                )
                .unwrap();
                let site = &inspection.sites[0];
                let status = |st| site.columns.iter().any(|c| c.status == st);
                let fired = match &*r.id {
                    "column-empty" => status(ColumnStatus::Empty),
                    "column-overdue" => status(ColumnStatus::Overdue),
                    "home-not-updated" => site.vetoes.iter().any(|v| v.item == "首页不更新"),
                    id => site.counts.get(id).copied().unwrap_or(0) > 0,
                };
                assert_eq!(
                    fired, want,
                    "{} on example {i}: {:?} {:?} {:?}",
                    r.id, site.counts, site.columns, site.vetoes
                );
            }
        }
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn mirror_targets() {
        let own = vec!["ay.gov.cn".to_string()];
        assert_eq!(
            mirror_target("../tzgg/a.html", "xxgk/zwdt/index.html", &own).as_deref(),
            Some("xxgk/tzgg/a.html")
        );
        assert_eq!(
            mirror_target("/xxgk/", "a/b.html", &own).as_deref(),
            Some("xxgk/index.html")
        );
        assert_eq!(
            mirror_target("http://www.ay.gov.cn/zwgk", "a.html", &own).as_deref(),
            Some("zwgk/index.html")
        );
        assert_eq!(
            mirror_target("http://www.other.com/a.html", "a.html", &own),
            None
        );
        assert_eq!(mirror_target("/files/a.pdf", "a.html", &own), None);
        assert_eq!(mirror_target("javascript:void(0)", "a.html", &own), None);
        assert_eq!(mirror_target("list.html?page=2", "a.html", &own), None);
    }

    #[test]
    fn sponsor_and_hosts() {
        assert_eq!(
            sponsor_of("主办单位：安远县人民政府办公室　承办单位：x").as_deref(),
            Some("安远县人民政府办公室")
        );
        assert!(hostlike("www.ay.gov.cn") && !hostlike("css") && !hostlike("a..b"));
    }
}
