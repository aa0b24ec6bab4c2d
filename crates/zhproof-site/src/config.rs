//! Site settings, read from the `[site]` table of zhproof.toml (kebab-case keys, unknown keys
//! rejected).
//!
//! ```toml
//! [site]
//! own-domains = ["www.ay.gov.cn"]        # links to these (and subdomains) are internal
//! allow-domains = ["www.jiangxi.gov.cn"] # links to these never count as external
//!
//! [site.limits]                          # days; defaults from 国办秘函〔2019〕19号
//! dynamic = 14
//! notice = 183
//!
//! [[site.sites]]                         # names for the report, matched by directory or host
//! match = "www.ay.gov.cn"
//! name = "安远县人民政府网"
//! sponsor = "安远县人民政府办公室"
//! columns = { "图片新闻" = "dynamic" }   # a column's category when its name does not say
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The `[site]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// Host names of the sites inspected (besides those read from a mirror's directory names).
    #[serde(default)]
    pub own_domains: Vec<String>,
    /// Host names links may point to without an `external-link` finding (`gov.cn` always may).
    #[serde(default)]
    pub allow_domains: Vec<String>,
    /// Update limits and veto thresholds.
    #[serde(default)]
    pub limits: Limits,
    /// Per-site names, sponsors and column categories.
    #[serde(default)]
    pub sites: Vec<SiteEntry>,
}

/// Update limits in days and the veto thresholds of 国办秘函〔2019〕19号 (附件1《政府网站检查指标》
/// 单项否决: 首页不更新, 栏目不更新) and of its 政务新媒体 indicators.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Limits {
    /// 动态、要闻类栏目: 2 weeks.
    pub dynamic: u32,
    /// 通知公告类栏目: 6 months.
    pub notice: u32,
    /// 政策文件类栏目: 6 months.
    pub policy: u32,
    /// 人事类栏目: 1 year.
    pub personnel: u32,
    /// 规划计划类栏目: 1 year.
    pub planning: u32,
    /// Any other column counts as 长期未更新 after this many days.
    pub other: u32,
    /// 首页: no new item within 2 weeks is a veto.
    pub home: u32,
    /// 政务新媒体: no new article within 2 weeks is a veto.
    pub new_media: u32,
    /// Veto when this many 动态要闻 / 通知公告 / 政策文件 columns are overdue (≥ 5).
    pub overdue_veto: usize,
    /// Veto when this many columns are not updated for long (≥ 10).
    pub stale_veto: usize,
    /// Veto when this many columns are empty (≥ 5).
    pub empty_veto: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            dynamic: 14,
            notice: 183,
            policy: 183,
            personnel: 365,
            planning: 365,
            other: 365,
            home: 14,
            new_media: 14,
            overdue_veto: 5,
            stale_veto: 10,
            empty_veto: 5,
        }
    }
}

/// Settings of one site or account.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteEntry {
    /// Matched against the site's directory name, host or path.
    #[serde(rename = "match")]
    pub matches: String,
    /// 网站名称 (default: the home page title).
    pub name: Option<String>,
    /// 主办单位 (default: read from the footer's 主办单位 line).
    pub sponsor: Option<String>,
    /// Further own host names.
    #[serde(default)]
    pub own_domains: Vec<String>,
    /// Column name → category (`dynamic`, `notice`, `policy`, `personnel`, `planning`, `other`).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Treat it as a new-media account (`true`) or a website (`false`) instead of detecting.
    pub new_media: Option<bool>,
}

impl SiteConfig {
    /// The entry whose `match` equals the site's name, or is contained in its path or host.
    pub fn entry(&self, key: &str) -> Option<&SiteEntry> {
        self.sites
            .iter()
            .find(|e| !e.matches.is_empty() && (key == e.matches || key.contains(&e.matches)))
    }
}
