//! The HTML adapter on arbitrary bytes: no panic; every text's offset map sends every char
//! boundary of the text to a char boundary inside the page; every finding of `check_page` lies
//! inside the page source, on char boundaries, with consistent line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::CHECKER;
use zhproof_html::{check_page, parse_bytes, PageOptions};

fuzz_target!(|bytes: &[u8]| {
    let page = parse_bytes(bytes, None);
    let src = &page.source;
    for t in &page.texts {
        for (i, _) in t.text.char_indices().chain([(t.text.len(), ' ')]) {
            let (s, e) = (t.map.start(i), t.map.end(i));
            assert!(s <= src.len() && e <= src.len(), "{i} -> {s}..{e} of {}", src.len());
            assert!(src.is_char_boundary(s) && src.is_char_boundary(e), "{i} -> {s}..{e}");
        }
    }
    for l in &page.links {
        assert!(l.span.start <= l.span.end && l.span.end <= src.len());
    }
    let opts = PageOptions {
        captured: zhproof::Date::new(2024, 3, 12),
        ..Default::default()
    };
    for f in check_page(&CHECKER, &page, &opts) {
        assert!(f.byte_start <= f.byte_end && f.byte_end <= src.len(), "{f:?}");
        assert!(src.is_char_boundary(f.byte_start) && src.is_char_boundary(f.byte_end), "{f:?}");
        assert!(f.line >= 1 && f.column >= 1, "{f:?}");
        assert_eq!(src[..f.byte_start].chars().count(), f.char_start, "{f:?}");
    }
});
