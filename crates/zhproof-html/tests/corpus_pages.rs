//! Markup gives no findings of its own: clean government prose (`$ZHPROOF_SHARED/corpus/clean_gov`,
//! else `<repo>/../shared`; skipped when absent) wrapped in realistic page
//! templates (navigation, breadcrumbs, scripts, styles, entities, inline tags inside sentences,
//! source line breaks inside paragraphs) gives the same findings of kind typo, sensitive and
//! expression per 10,000 characters as the plain text.
//!
//! Run: `cargo test -p zhproof-html --release --test corpus_pages -- --ignored --nocapture`.

use std::path::{Path, PathBuf};

use zhproof::{Checker, Kind};
use zhproof_html::{check_page, parse, PageOptions};

fn shared_dir() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("ZHPROOF_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([repo.join("../shared")])
        .find(|p| p.join("corpus/clean_gov").is_dir())
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut es: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    es.sort();
    for p in es {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One paragraph as a CMS writes it: escaped, with an inline tag around a few characters in the
/// middle of a sentence, a numeric entity and a source line break between two CJK characters.
fn paragraph(line: &str, i: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() < 12 {
        return format!("<p>{}</p>", escape(line));
    }
    let a = 3 + i % 5;
    let b = a + 4;
    let (x, y, z): (String, String, String) = (
        chars[..a].iter().collect(),
        chars[a..b].iter().collect(),
        chars[b..].iter().collect(),
    );
    let y = match i % 3 {
        0 => format!("<strong>{}</strong>", escape(&y)),
        1 => format!("<span style=\"color:#c00\">{}</span>", escape(&y)),
        _ => format!("<a href=\"/xxgk/{i}.html\">{}</a>", escape(&y)),
    };
    // The first character of the rest as a numeric reference, then a line break if both sides are CJK.
    let mut zc = z.chars();
    let first = zc
        .next()
        .map(|c| {
            if c == '\u{3000}' || c.is_whitespace() {
                escape(&c.to_string())
            } else {
                format!("&#x{:X};", c as u32)
            }
        })
        .unwrap_or_default();
    format!(
        "<p style=\"text-indent:2em\">{}{y}{first}{}</p>",
        escape(&x),
        escape(zc.as_str())
    )
}

const HEAD: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"keywords\" content=\"政府,工作报告\"><title>{TITLE}_人民政府门户网站</title><link rel=\"stylesheet\" href=\"/css/main.css\"><style>body{font:14px/1.8 sans-serif}.nav li{float:left}</style><script>var _hmt=_hmt||[];if(a<b&&c>d){document.write('<a href=x>布署</a>')}</script></head><body><div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/xxgk/\">信息公开</a></li><li><a href=\"/zwfw/\">政务服务</a><ul style=\"display:none\"><li><a href=\"/zwfw/bszn/\">办事指南</a></li></ul></li><li><a href=\"/hdjl/\">互动交流</a></li></ul></div><div class=\"crumb\">当前位置：<a href=\"/\">首页</a>&nbsp;&gt;&nbsp;<a href=\"/xxgk/\">信息公开</a></div><div class=\"article\"><h1>{TITLE}</h1><div class=\"info\">来源：本站　浏览次数：<span id=\"n\"></span></div><div class=\"content\">\n";
const FOOT: &str = "\n</div></div><div class=\"footer\"><p>主办单位：人民政府办公室　网站标识码：0000000001</p><p><a href=\"https://beian.miit.gov.cn/\">ICP备00000000号</a></p></div><!-- 统计代码 --><script src=\"/js/stat.js\"></script></body></html>";

fn counted(k: Kind) -> bool {
    matches!(k, Kind::Typo | Kind::Sensitive | Kind::Expression)
}

#[test]
#[ignore = "reads the shared clean corpus; run with --ignored (release build recommended)"]
fn clean_gov_in_page_templates_has_the_plain_text_rate() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: no shared corpus (set ZHPROOF_SHARED)");
        return;
    };
    let mut files = Vec::new();
    txt_files(&shared.join("corpus/clean_gov"), &mut files);
    assert!(!files.is_empty());
    let checker = Checker::new();
    let template_only = {
        let page = HEAD.replace("{TITLE}", "") + FOOT;
        check_page(&checker, &parse(&page), &PageOptions::default())
            .into_iter()
            .filter(|f| counted(f.kind))
            .count()
    };
    let (mut chars, mut plain, mut paged) = (0usize, 0usize, 0usize);
    let mut diffs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // Plain text as a checker sees a paragraph per line (trailing spaces trimmed, as a page shows them).
        let lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_matches([' ', '\t']))
            .filter(|l| !l.is_empty())
            .collect();
        let plain_text = lines.join("\n");
        chars += plain_text.chars().count();
        let mut p: Vec<(String, String)> = checker
            .check(&plain_text)
            .into_iter()
            .filter(|f| counted(f.kind))
            .map(|f| (f.rule, f.text))
            .collect();
        let title = lines.first().copied().unwrap_or("");
        let body: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| paragraph(l, i))
            .collect();
        let page = HEAD.replace("{TITLE}", &escape(title)) + &body.join("\n") + FOOT;
        let parsed = parse(&page);
        // The title and <h1> repeat the first line: count findings of the body text only once.
        let mut q: Vec<(String, String)> = check_page(&checker, &parsed, &PageOptions::default())
            .into_iter()
            .filter(|f| counted(f.kind) && !f.message.contains("（位于"))
            .map(|f| (f.rule, f.text))
            .collect();
        // The <h1> copy of the first line.
        let h1: Vec<(String, String)> = checker
            .check(title)
            .into_iter()
            .filter(|f| counted(f.kind))
            .map(|f| (f.rule, f.text))
            .collect();
        for h in h1 {
            if let Some(i) = q.iter().position(|x| *x == h) {
                q.remove(i);
            }
        }
        q.retain(|x| x.1 != "布署" || p.contains(x)); // the template's script mentions 布署 and must not count
        plain += p.len();
        paged += q.len();
        p.sort();
        q.sort();
        if p != q {
            diffs.push((f.display().to_string(), p, q));
        }
    }
    let rate = |n: usize| n as f64 * 10_000.0 / chars as f64;
    println!(
        "{} documents, {chars} characters; template alone: {template_only} findings",
        files.len()
    );
    println!("plain text: {plain} findings ({:.3} per 10k chars); in pages: {paged} ({:.3} per 10k chars)", rate(plain), rate(paged));
    for (f, p, q) in diffs.iter().take(10) {
        println!("DIFF {f}:\n  plain {p:?}\n  page  {q:?}");
    }
    assert_eq!(template_only, 0, "the page template itself has findings");
    assert_eq!(
        paged,
        plain,
        "per-10k rate differs: {:.3} vs {:.3}",
        rate(paged),
        rate(plain)
    );
    assert!(diffs.is_empty(), "{} documents differ", diffs.len());
}
