//! The HTML adapter's promises: visible text as the reader sees it, spans mapped into the source
//! on character boundaries for any input, hostile pages in bounded time.

use proptest::prelude::*;
use zhproof::Checker;
use zhproof_html::{check_page, parse, parse_bytes, PageOptions, Scope};

fn texts(html: &str, scope: Scope) -> Vec<String> {
    parse(html)
        .texts
        .into_iter()
        .filter(|t| t.scope == scope)
        .map(|t| t.text)
        .collect()
}

#[test]
fn visible_text_follows_the_reader() {
    let p = parse("<p>全面<b>布</b>&#x5E03;署</p><div>第二段&nbsp;文字</div><script>x='布署'</script><!-- 布署 --><style>p{}</style>");
    assert_eq!(p.body(), "全面布布署\n第二段\u{a0}文字");
    // A source line break between CJK characters shows nothing; between Latin words, a space.
    assert_eq!(
        parse("<p>部\n  署 work\n  plan</p>").body(),
        "部署 work plan"
    );
    // Block tags and <br> break lines; inline tags do not.
    assert_eq!(
        parse("<li>一</li><li>二<br>三<span>四</span></li>").body(),
        "一\n二\n三四"
    );
    // Title, alt, title attributes and meta description are texts of their own.
    let h = "<title>标题</title><meta name=description content='描述'><img alt='图片说明'><a title='提示'>链接</a>";
    assert_eq!(texts(h, Scope::Title), ["标题"]);
    assert_eq!(texts(h, Scope::Description), ["描述"]);
    assert_eq!(texts(h, Scope::Alt), ["图片说明"]);
    assert_eq!(texts(h, Scope::TitleAttr), ["提示"]);
    assert_eq!(parse(h).body(), "链接");
    // Keywords are one per line: no punctuation finding from their commas.
    assert_eq!(
        texts(
            "<meta name=keywords content='春耕,布署，农业'>",
            Scope::Keywords
        ),
        ["春耕\n布署\n农业"]
    );
}

#[test]
fn keywords_with_replaced_bytes_map_inside_the_source() {
    // Found by fuzzing: a NUL in an unquoted attribute becomes U+FFFD (3 bytes for 1), so the
    // keyword split must not count decoded bytes as source bytes.
    for bytes in [
        &b"<meta name=\"keywords\" content=\0,\xe7>"[..],
        &b"<meta name=keywords content='\0\0,\xe5\xb8\x83\xe7\xbd\xb2&#44;a'>"[..],
    ] {
        let p = zhproof_html::parse_bytes(bytes, None);
        let src = &p.source;
        let kw: Vec<_> = p
            .texts
            .iter()
            .filter(|t| t.scope == Scope::Keywords)
            .collect();
        assert_eq!(kw.len(), 1, "{:?}", p.texts);
        for t in kw {
            for (i, _) in t.text.char_indices().chain([(t.text.len(), ' ')]) {
                let (s, e) = (t.map.start(i), t.map.end(i));
                assert!(s <= e && e <= src.len(), "{i} -> {s}..{e}");
                assert!(
                    src.is_char_boundary(s) && src.is_char_boundary(e),
                    "{i} -> {s}..{e}"
                );
            }
        }
    }
    // An entity separator still splits the list.
    assert_eq!(
        texts(
            "<meta name=keywords content='春耕&#44;布署'>",
            Scope::Keywords
        ),
        ["春耕\n布署"]
    );
}

#[test]
fn findings_point_into_the_source() {
    let html = "<html><head><title>会议</title></head><body>\n<p>会议对工作进行了全面布&#x7F72;。</p>\n<p>春耕&amp;备耕</p></body></html>";
    let c = Checker::new();
    let fs = check_page(&c, &parse(html), &PageOptions::default());
    let typo = fs.iter().find(|f| f.rule == "common-typo").expect("typo");
    assert_eq!(&html[typo.byte_start..typo.byte_end], "布&#x7F72;");
    assert_eq!((typo.line, typo.column), (2, 14));
    assert_eq!(typo.char_start, html[..typo.byte_start].chars().count());
}

#[test]
fn menus_hidden_by_display_none_are_not_findings_but_spam_is() {
    let c = Checker::new();
    let menu = "<ul><li>政务公开<ul style='display:none'><li><a href='/a/'>乡镇动态</a></li></ul></li></ul>";
    assert!(check_page(&c, &parse(menu), &PageOptions::default()).is_empty());
    let spam = "<div style='display:none'><a href='http://x.example.com/'>真人百家乐</a></div>";
    let rules: Vec<String> = check_page(&c, &parse(spam), &PageOptions::default())
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert!(
        rules.contains(&"hidden-text".to_string()) && rules.contains(&"hidden-link".to_string()),
        "{rules:?}"
    );
}

#[test]
fn links_to_government_and_own_domains_are_fine() {
    let c = Checker::new();
    let html = "<a href='http://www.gov.cn/'>中国政府网</a><a href='https://www.ay.gov.cn/x'>本站</a><a href='http://www.xinhuanet.com/'>新华网</a><a href='http://shop.example.com/'>商城</a>";
    let fs = check_page(&c, &parse(html), &PageOptions::default());
    let rules: Vec<&str> = fs.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["external-link"]);
    let opts = PageOptions {
        allow_domains: vec!["example.com".into()],
        ..Default::default()
    };
    assert!(check_page(&c, &parse(html), &opts).is_empty());
}

#[test]
fn gbk_bytes_with_a_meta_charset() {
    let (body, _, _) = encoding_rs::GBK.encode("<meta charset=gbk><p>全面布署</p>");
    let p = parse_bytes(&body, None);
    assert_eq!(p.encoding, "GBK");
    assert_eq!(p.body(), "全面布署");
}

#[test]
fn deep_nesting_and_malformed_markup_are_bounded() {
    let deep = "<div>".repeat(200_000) + "全面布署" + &"</div>".repeat(200_000);
    let p = parse(&deep);
    assert_eq!(p.body().trim(), "全面布署");
    let unclosed = "<b><i><u>".repeat(100_000) + "文字" + &"</p></li></x>".repeat(100_000);
    assert!(parse(&unclosed).body().contains("文字"));
    for junk in [
        "<",
        "<a href=",
        "&#x;",
        "&#99999999999;",
        "<p <p <p",
        "</>",
        "<!--",
        "<script>",
        "\u{0}<b>\0</b>",
        "<a href='x'>&ampb&amp;&am",
    ] {
        let p = parse(junk);
        for t in &p.texts {
            let r = t.map.span(0..t.text.len());
            assert!(
                r.end <= junk.len()
                    && junk.is_char_boundary(r.start)
                    && junk.is_char_boundary(r.end)
            );
        }
    }
}

/// A 100 MB page: run with `cargo test -p zhproof-html --release -- --ignored` (debug builds take
/// minutes).
#[test]
#[ignore]
fn a_100_mb_page_is_linear() {
    let para = "<p>会议强调，要坚持以人民为中心的发展思想，全面<b>部署</b>春耕生产。</p>\n";
    let html = para.repeat(100 * 1024 * 1024 / para.len());
    let t = std::time::Instant::now();
    let p = parse(&html);
    assert!(p.body().len() > 50 * 1024 * 1024);
    eprintln!("100 MB page parsed in {:?}", t.elapsed());
}

fn htmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<div style='display:none'>".to_string()),
        Just("</div>".to_string()),
        Just("&amp;".to_string()),
        Just("&#x5E03;".to_string()),
        Just("&nbsp".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("<a href='http://8888.com/'>".to_string()),
        Just("<img alt='布署'>".to_string()),
        Just("<title>".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        "[全面布署部门&<>;#x0-9a-z\"'= ]{0,8}".prop_map(|s| s),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_input_maps_to_char_boundaries_inside_the_source(html in htmlish()) {
        let p = parse(&html);
        for t in &p.texts {
            for (i, _) in t.text.char_indices().chain([(t.text.len(), ' ')]) {
                let (s, e) = (t.map.start(i), t.map.end(i));
                prop_assert!(s <= html.len() && e <= html.len());
                prop_assert!(html.is_char_boundary(s) && html.is_char_boundary(e));
            }
        }
        let c = zhproof_fuzz_free_checker();
        for f in check_page(c, &p, &PageOptions::default()) {
            prop_assert!(f.byte_start <= f.byte_end && f.byte_end <= html.len());
            prop_assert!(html.is_char_boundary(f.byte_start) && html.is_char_boundary(f.byte_end));
            prop_assert_eq!(html[..f.byte_start].chars().count(), f.char_start);
        }
    }
}

fn zhproof_fuzz_free_checker() -> &'static Checker {
    static C: std::sync::LazyLock<Checker> = std::sync::LazyLock::new(Checker::new);
    &C
}
