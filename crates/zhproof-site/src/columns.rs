//! Columns (栏目): list pages, the dates of their items, categories and update limits.
//!
//! A page is a column list page when at least three of its list items (`li`, `tr`, `dd`) hold a
//! link and a date, or one or two do and the page shows no publication date of its own (an
//! article page does). A page that shows an "empty" notice (暂无信息 …), has no dated item and is
//! not an article is an empty column (空白栏目). A column's name is the meta `ColumnName` of the
//! page (国办发〔2017〕47号 page metadata), else the first part of its title.

use serde::Serialize;
use zhproof::Date;
use zhproof_html::{all_dates, labelled_date, Page};

use crate::config::{Limits, SiteEntry};

/// Column categories of 国办秘函〔2019〕19号, each with its update limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// 动态、要闻类: 2 weeks.
    Dynamic,
    /// 通知公告类: 6 months.
    Notice,
    /// 政策文件类: 6 months.
    Policy,
    /// 人事类: 1 year.
    Personnel,
    /// 规划计划类: 1 year.
    Planning,
    /// Anything else: 长期未更新 after [`Limits::other`].
    Other,
}

impl Category {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Category::Dynamic => "动态要闻",
            Category::Notice => "通知公告",
            Category::Policy => "政策文件",
            Category::Personnel => "人事",
            Category::Planning => "规划计划",
            Category::Other => "其他",
        }
    }

    /// Parses a configuration name.
    pub fn from_config(s: &str) -> Option<Category> {
        Some(match s {
            "dynamic" => Category::Dynamic,
            "notice" => Category::Notice,
            "policy" => Category::Policy,
            "personnel" => Category::Personnel,
            "planning" => Category::Planning,
            "other" => Category::Other,
            _ => return None,
        })
    }

    /// The category a column name (or meta `ColumnType`) suggests.
    pub fn from_name(name: &str) -> Category {
        let has = |ws: &[&str]| ws.iter().any(|w| name.contains(w));
        if has(&["解读"]) {
            Category::Other
        } else if has(&["动态", "要闻", "新闻", "资讯", "头条", "工作进展"]) {
            Category::Dynamic
        } else if has(&["通知", "公告", "公示", "通告"]) {
            Category::Notice
        } else if has(&["政策", "文件", "法规"]) {
            Category::Policy
        } else if has(&["人事", "任免", "招录", "招聘"]) {
            Category::Personnel
        } else if has(&["规划", "计划"]) {
            Category::Planning
        } else {
            Category::Other
        }
    }

    /// Its limit in days.
    pub fn limit(self, l: &Limits) -> u32 {
        match self {
            Category::Dynamic => l.dynamic,
            Category::Notice => l.notice,
            Category::Policy => l.policy,
            Category::Personnel => l.personnel,
            Category::Planning => l.planning,
            Category::Other => l.other,
        }
    }
}

/// What one page says about columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListInfo {
    /// The column's name, when the page is a list page or an empty column.
    pub column: Option<String>,
    /// Its category from meta `ColumnType`, if given.
    pub column_type: Option<String>,
    /// Dates of its dated items.
    pub item_dates: Vec<Date>,
    /// Whether it shows an empty-column notice and nothing dated.
    pub empty: bool,
}

/// Notices an empty column shows.
pub const EMPTY_MARKERS: &[&str] = &[
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "暂无记录",
    "没有记录",
    "暂无相关信息",
    "没有找到相关",
    "栏目建设中",
    "正在建设中",
    "信息正在更新",
    "暂无文章",
];

/// The column name a page's title suggests: its first part (`通知公告_XX县人民政府`).
pub fn name_from_title(title: &str) -> String {
    title
        .split(['_', '|', '－', '—', '-'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or(title)
        .to_string()
}

/// Reads the column facts of `page`.
pub fn list_info(page: &Page) -> ListInfo {
    let mut dates = Vec::new();
    for item in &page.items {
        if item.href.is_none() || item.text.chars().count() > 400 {
            continue;
        }
        if let Some(d) = all_dates(&item.text).last() {
            dates.push(d.date);
        }
    }
    let is_article = labelled_date(page.body()).is_some()
        || [
            "pubdate",
            "publishdate",
            "article:published_time",
            "articletitle",
        ]
        .iter()
        .any(|m| page.meta(m).is_some());
    let name = page
        .meta("columnname")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| page.title().map(name_from_title));
    let column_type = page.meta("columntype").map(str::to_string);
    if dates.len() >= 3 || (!dates.is_empty() && !is_article) {
        return ListInfo {
            column: name,
            column_type,
            item_dates: dates,
            empty: false,
        };
    }
    let body = page.body();
    if dates.is_empty() && !is_article && EMPTY_MARKERS.iter().any(|m| body.contains(m)) {
        return ListInfo {
            column: name,
            column_type,
            item_dates: Vec::new(),
            empty: true,
        };
    }
    ListInfo::default()
}

/// A column of a site and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its first list page.
    pub url: String,
    /// Its category.
    pub category: Category,
    /// Its newest item date not after the capture date.
    #[serde(serialize_with = "crate::dates::opt")]
    pub latest: Option<Date>,
    /// Dated items seen on its list pages.
    pub items: usize,
    /// Days since the newest item (at the capture date).
    pub age_days: Option<i64>,
    /// Its state.
    pub status: ColumnStatus,
}

/// Whether a column is kept up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnStatus {
    /// Updated within its limit.
    Current,
    /// 逾期未更新: older than its category's limit.
    Overdue,
    /// 空白栏目: no item at all.
    Empty,
}

/// Days from `a` to `b`.
pub fn days_between(a: Date, b: Date) -> i64 {
    fn days(d: Date) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let y = i64::from(d.year()) - i64::from(d.month() <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(d.month());
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day()) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
    days(b) - days(a)
}

/// Builds a column from the list pages found for it.
#[allow(clippy::too_many_arguments)] // each argument is one fact about the column
pub fn column(
    name: &str,
    url: &str,
    column_type: Option<&str>,
    dates: &[Date],
    empty: bool,
    captured: Date,
    limits: &Limits,
    entry: Option<&SiteEntry>,
) -> Column {
    let category = entry
        .and_then(|e| e.columns.get(name))
        .and_then(|c| Category::from_config(c))
        .unwrap_or_else(|| {
            let by_name = Category::from_name(name);
            match (by_name, column_type) {
                (Category::Other, Some(t)) => Category::from_name(t),
                _ => by_name,
            }
        });
    let latest = dates.iter().copied().filter(|d| *d <= captured).max();
    let age = latest.map(|d| days_between(d, captured));
    let status = if empty && dates.is_empty() {
        ColumnStatus::Empty
    } else if age.is_none_or(|a| a > i64::from(category.limit(limits))) {
        ColumnStatus::Overdue
    } else {
        ColumnStatus::Current
    };
    Column {
        name: name.to_string(),
        url: url.to_string(),
        category,
        latest,
        items: dates.len(),
        age_days: age,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_ages() {
        assert_eq!(Category::from_name("乡镇动态"), Category::Dynamic);
        assert_eq!(Category::from_name("通知公告"), Category::Notice);
        assert_eq!(Category::from_name("规范性文件"), Category::Policy);
        assert_eq!(Category::from_name("政策解读"), Category::Other);
        assert_eq!(Category::from_name("人事任免"), Category::Personnel);
        assert_eq!(Category::from_name("发展规划"), Category::Planning);
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2023-03-01"), d("2024-03-01")), 366);
        let l = Limits::default();
        let c = column(
            "政务动态",
            "/",
            None,
            &[d("2024-02-20")],
            false,
            d("2024-03-12"),
            &l,
            None,
        );
        assert_eq!((c.status, c.age_days), (ColumnStatus::Overdue, Some(21)));
        let c = column(
            "通知公告",
            "/",
            None,
            &[d("2024-02-20")],
            false,
            d("2024-03-12"),
            &l,
            None,
        );
        assert_eq!(c.status, ColumnStatus::Current);
        let c = column("领导之窗", "/", None, &[], true, d("2024-03-12"), &l, None);
        assert_eq!(c.status, ColumnStatus::Empty);
    }
}
