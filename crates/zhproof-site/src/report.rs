//! Reports of an [`Inspection`]: text, JSON, Markdown, CSV and a self-contained HTML page with
//! a chart per site (inline SVG and CSS, no script, nothing fetched).
//!
//! Every format carries the same issue table as the 附件 of a monthly inspection report: 序号,
//! 网站名称, 主要存在问题, 主办单位, 发现日期 — one row per site with a problem.
//!
//! The formats people read (text, Markdown, HTML and its chart) list the findings of severity
//! warning and error; `info` findings (hints, the statistical typo detector's less confident
//! guesses) are in the JSON only, as in `zhproof check`'s text output.

use std::fmt::Write as _;

use zhproof::{Finding, Kind, Severity};

use crate::{ColumnStatus, Inspection, PageReport, SiteKind, SiteReport};

/// The findings of `page` the formats people read list: warning and error.
fn shown(page: &PageReport) -> impl Iterator<Item = &Finding> {
    page.findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
}

/// How many findings of `s` those formats list.
fn shown_count(s: &SiteReport) -> usize {
    s.findings.iter().map(|p| shown(p).count()).sum()
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal.
    Text,
    /// The [`Inspection`] as JSON.
    Json,
    /// Markdown.
    Markdown,
    /// The issue table as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read it).
    Csv,
    /// A self-contained HTML page.
    Html,
}

fn display_name(s: &SiteReport) -> String {
    match s.kind {
        SiteKind::Website => s.name.clone(),
        SiteKind::NewMedia if s.name.contains('(') || s.name.contains('（') => s.name.clone(),
        SiteKind::NewMedia => format!("{}(政务新媒体)", s.name),
    }
}

/// Rows of the issue table: `(序号, 网站名称, 主要存在问题, 主办单位, 发现日期)`, sites with a
/// problem only, failing sites first.
pub fn issue_rows(ins: &Inspection) -> Vec<[String; 5]> {
    let mut sites: Vec<&SiteReport> = ins.sites.iter().filter(|s| !s.issues.is_empty()).collect();
    sites.sort_by_key(|s| s.qualified);
    sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            [
                (i + 1).to_string(),
                display_name(s),
                s.issues.join("、"),
                s.sponsor.clone(),
                s.captured.to_string(),
            ]
        })
        .collect()
}

fn summary_sentence(ins: &Inspection) -> String {
    let mut s = format!(
        "此次共检查政府网站{}个，其中，{}个政府网站存在单项否决问题，检查合格率为{:.1}%",
        ins.websites.checked, ins.websites.failed, ins.websites.pass_rate
    );
    if ins.new_media.checked > 0 {
        let _ = write!(
            s,
            "；检查政务新媒体{}个，其中，{}个政务新媒体存在单项否决问题，检查合格率为{:.1}%",
            ins.new_media.checked, ins.new_media.failed, ins.new_media.pass_rate
        );
    }
    s.push('。');
    s
}

/// Writes the report in `format`.
pub fn write(
    ins: &Inspection,
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let s = match format {
        Format::Text => text(ins),
        Format::Json => serde_json::to_string_pretty(ins).map_err(std::io::Error::other)? + "\n",
        Format::Markdown => markdown(ins),
        Format::Csv => csv(ins),
        Format::Html => html(ins),
    };
    out.write_all(s.as_bytes())
}

/// Counts of findings per kind plus page-rule groups, for charts and tables.
pub fn categories(s: &SiteReport) -> Vec<(&'static str, usize)> {
    let mut c = [
        ("错别字", 0usize),
        ("敏感词", 0),
        ("严重表述错误", 0),
        ("隐私信息", 0),
        ("暗链/隐藏", 0),
        ("不当链接", 0),
        ("日期超前", 0),
        ("用法规范", 0),
    ];
    for p in &s.findings {
        for f in shown(p) {
            let i = match f.rule.as_str() {
                "hidden-text" | "hidden-link" => 4,
                "improper-link" | "suspicious-link" | "external-link" | "dead-link" => 5,
                "date-ahead" | "date-mismatch" => 6,
                _ => match f.kind {
                    Kind::Typo => 0,
                    Kind::Sensitive => 1,
                    Kind::Expression => 2,
                    Kind::Privacy => 3,
                    _ => 7,
                },
            };
            c[i].1 += 1;
        }
    }
    c.to_vec()
}

fn text(ins: &Inspection) -> String {
    let mut o = String::new();
    for s in &ins.sites {
        let _ = writeln!(
            o,
            "{}  [{}]  {}",
            display_name(s),
            if s.qualified { "合格" } else { "不合格" },
            s.root
        );
        let _ = writeln!(
            o,
            "  主办单位：{}  发现日期：{}  页面：{}  HTML：{} 字节",
            if s.sponsor.is_empty() {
                "—"
            } else {
                &s.sponsor
            },
            s.captured,
            s.pages,
            s.bytes
        );
        if let Some(d) = s.latest_update {
            let _ = writeln!(o, "  最新更新：{d}");
        }
        for v in &s.vetoes {
            let _ = writeln!(o, "  单项否决：{}（{}）", v.item, v.detail);
        }
        for i in s.issues.iter().skip(s.vetoes.len()) {
            let _ = writeln!(o, "  问题：{i}");
        }
        for c in s
            .columns
            .iter()
            .filter(|c| c.status != ColumnStatus::Current)
        {
            let state = if c.status == ColumnStatus::Empty {
                "空白栏目".to_string()
            } else {
                format!(
                    "逾期 {} 天未更新",
                    c.age_days.map_or("?".into(), |d| d.to_string())
                )
            };
            let _ = writeln!(o, "  栏目「{}」（{}）：{state}", c.name, c.category.label());
        }
        for p in &s.findings {
            for f in shown(p) {
                let _ = writeln!(
                    o,
                    "  {}:{}:{}: {}[{}] {}",
                    p.url, f.line, f.column, f.severity, f.rule, f.message
                );
            }
        }
        for e in &s.errors {
            let _ = writeln!(o, "  错误：{e}");
        }
        o.push('\n');
    }
    let _ = writeln!(o, "{}", summary_sentence(ins));
    let rows = issue_rows(ins);
    if !rows.is_empty() {
        let _ = writeln!(o, "\n序号\t网站名称\t主要存在问题\t主办单位\t发现日期");
        for r in rows {
            let _ = writeln!(o, "{}", r.join("\t"));
        }
    }
    o
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(ins: &Inspection) -> String {
    let mut o = String::from("# 政府网站与政务新媒体检查情况\n\n");
    let _ = writeln!(o, "{}\n", summary_sentence(ins));
    let _ = writeln!(o, "## 问题清单\n\n| 序号 | 网站/政务新媒体名称 | 主要存在问题 | 主办单位 | 发现日期 |\n|----|----|----|----|----|");
    for r in issue_rows(ins) {
        let _ = writeln!(
            o,
            "| {} |",
            r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    for s in &ins.sites {
        let _ = writeln!(
            o,
            "\n## {}（{}）\n",
            md_cell(&display_name(s)),
            if s.qualified { "合格" } else { "不合格" }
        );
        let _ = writeln!(
            o,
            "- 主办单位：{}\n- 发现日期：{}\n- 检查页面：{}（{} 字节）",
            if s.sponsor.is_empty() {
                "—"
            } else {
                &s.sponsor
            },
            s.captured,
            s.pages,
            s.bytes
        );
        for v in &s.vetoes {
            let _ = writeln!(o, "- **单项否决：{}**（{}）", v.item, md_cell(&v.detail));
        }
        if !s.columns.is_empty() {
            let _ = writeln!(
                o,
                "\n| 栏目 | 类别 | 最新信息 | 状态 |\n|----|----|----|----|"
            );
            for c in &s.columns {
                let state = match c.status {
                    ColumnStatus::Current => "正常".to_string(),
                    ColumnStatus::Overdue => format!(
                        "逾期（{} 天）",
                        c.age_days.map_or("—".into(), |d| d.to_string())
                    ),
                    ColumnStatus::Empty => "空白栏目".into(),
                };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    md_cell(&c.name),
                    c.category.label(),
                    c.latest.map_or("—".into(), |d| d.to_string()),
                    state
                );
            }
        }
        let n = shown_count(s);
        if n > 0 {
            let _ = writeln!(o, "\n| 页面 | 位置 | 规则 | 说明 |\n|----|----|----|----|");
            for p in &s.findings {
                for f in shown(p) {
                    let _ = writeln!(
                        o,
                        "| {} | {}:{} | {} | {} |",
                        md_cell(&p.url),
                        f.line,
                        f.column,
                        f.rule,
                        md_cell(&f.message)
                    );
                }
            }
        }
    }
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(ins: &Inspection) -> String {
    let mut o = String::from("\u{feff}序号,网站名称,主要存在问题,主办单位,发现日期,结论\r\n");
    let mut sites: Vec<&SiteReport> = ins.sites.iter().filter(|s| !s.issues.is_empty()).collect();
    sites.sort_by_key(|s| s.qualified);
    for (i, s) in sites.iter().enumerate() {
        let row = [
            (i + 1).to_string(),
            display_name(s),
            s.issues.join("、"),
            s.sponsor.clone(),
            s.captured.to_string(),
            if s.qualified {
                "合格".into()
            } else {
                "不合格".into()
            },
        ];
        let _ = write!(
            o,
            "{}\r\n",
            row.iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    o
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const COLOURS: [&str; 8] = [
    "#d9822b", "#c23030", "#8f398f", "#2965cc", "#29a634", "#d13913", "#00b3a4", "#7a7a7a",
];

/// A horizontal bar chart of a site's findings per category, as inline SVG.
pub fn chart(s: &SiteReport) -> String {
    let cats = categories(s);
    let max = cats.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let (w, bar_h, label_w) = (520usize, 22usize, 110usize);
    let h = cats.len() * (bar_h + 6) + 8;
    let mut o = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{} 问题分布\">", esc(&s.name));
    for (i, (label, n)) in cats.iter().enumerate() {
        let y = 4 + i * (bar_h + 6);
        let bw = if *n == 0 {
            0
        } else {
            ((w - label_w - 50) * n / max).max(2)
        };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{bw}\" height=\"{bar_h}\" fill=\"{}\" rx=\"3\"/><text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            label_w - 8,
            y + 16,
            label,
            COLOURS[i],
            label_w + bw + 6,
            y + 16
        );
    }
    o.push_str("</svg>");
    o
}

fn html(ins: &Inspection) -> String {
    let mut o = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>政府网站与政务新媒体检查报告</title>\n<style>\nbody{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;margin:2em auto;max-width:1100px;color:#1c2127;padding:0 1em}\nh1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.3em}\ntable{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}th{background:#f3f4f6}\n.pass{color:#1c7c2c;font-weight:bold}.fail{color:#c23030;font-weight:bold}.veto{color:#c23030}\n.site{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}.meta{min-width:300px}.small{color:#5f6b7c;font-size:.85em}\ndetails{margin:.5em 0}summary{cursor:pointer}\n</style>\n</head>\n<body>\n<h1>政府网站与政务新媒体检查报告</h1>\n",
    );
    let _ = writeln!(o, "<p>{}</p>", esc(&summary_sentence(ins)));
    let _ = writeln!(o, "<h2>问题清单</h2>\n<table>\n<tr><th>序号</th><th>网站/政务新媒体名称</th><th>主要存在问题</th><th>主办单位</th><th>发现日期</th></tr>");
    for r in issue_rows(ins) {
        let _ = writeln!(
            o,
            "<tr>{}</tr>",
            r.iter()
                .map(|c| format!("<td>{}</td>", esc(c)))
                .collect::<String>()
        );
    }
    o.push_str("</table>\n");
    for s in &ins.sites {
        let verdict = if s.qualified {
            "<span class=\"pass\">合格</span>"
        } else {
            "<span class=\"fail\">不合格</span>"
        };
        let _ = writeln!(
            o,
            "<h2>{} {verdict}</h2>\n<div class=\"site\">\n<div class=\"meta\">",
            esc(&display_name(s))
        );
        let _ = writeln!(
            o,
            "<p>主办单位：{}<br>发现日期：{}<br>检查页面：{}（{} 字节）{}</p>",
            esc(if s.sponsor.is_empty() {
                "—"
            } else {
                &s.sponsor
            }),
            s.captured,
            s.pages,
            s.bytes,
            s.latest_update
                .map_or(String::new(), |d| format!("<br>最新更新：{d}"))
        );
        if !s.vetoes.is_empty() {
            o.push_str("<ul>");
            for v in &s.vetoes {
                let _ = write!(
                    o,
                    "<li class=\"veto\">单项否决：{}（{}）</li>",
                    esc(&v.item),
                    esc(&v.detail)
                );
            }
            o.push_str("</ul>\n");
        }
        let _ = writeln!(o, "</div>\n<div>{}</div>\n</div>", chart(s));
        if !s.columns.is_empty() {
            o.push_str(
                "<table><tr><th>栏目</th><th>类别</th><th>最新信息</th><th>状态</th></tr>\n",
            );
            for c in &s.columns {
                let state = match c.status {
                    ColumnStatus::Current => "正常".to_string(),
                    ColumnStatus::Overdue => format!(
                        "<span class=\"veto\">逾期（{} 天）</span>",
                        c.age_days.map_or("—".into(), |d| d.to_string())
                    ),
                    ColumnStatus::Empty => "<span class=\"veto\">空白栏目</span>".into(),
                };
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{state}</td></tr>",
                    esc(&c.name),
                    c.category.label(),
                    c.latest.map_or("—".into(), |d| d.to_string())
                );
            }
            o.push_str("</table>\n");
        }
        let n = shown_count(s);
        if n > 0 {
            let _ = writeln!(o, "<details><summary>{n} 处问题（{} 个页面）</summary>\n<table><tr><th>页面</th><th>位置</th><th>规则</th><th>原文</th><th>说明</th></tr>", s.findings.len());
            for p in &s.findings {
                for f in shown(p) {
                    let _ = writeln!(
                        o,
                        "<tr><td class=\"small\">{}</td><td>{}:{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&p.url),
                        f.line,
                        f.column,
                        esc(&f.rule),
                        esc(&f.text.chars().take(40).collect::<String>()),
                        esc(&f.message)
                    );
                }
            }
            o.push_str("</table></details>\n");
        }
        for e in &s.errors {
            let _ = writeln!(o, "<p class=\"small\">未能读取：{}</p>", esc(e));
        }
    }
    let _ = writeln!(o, "<p class=\"small\">由 zhproof {} 生成。单项否决依据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》；栏目与首页更新以页面所示日期计。</p>\n</body>\n</html>", ins.version);
    o
}
