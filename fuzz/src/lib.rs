//! Invariants shared by the fuzz targets.

use std::sync::LazyLock;

use zhproof::{Checker, Finding};

/// The default checker, built once per fuzzing process.
pub static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

/// Panics unless `findings` are a valid report on `text`: spans on char boundaries and inside the
/// text, `text` equal to the slice, char/line/column agreeing with a count done here
/// independently, and sorted by (start, end, rule) without duplicates.
pub fn assert_findings_valid(text: &str, findings: &[Finding]) {
    for f in findings {
        assert!(
            f.byte_start <= f.byte_end && f.byte_end <= text.len(),
            "{f:?}"
        );
        assert!(text.is_char_boundary(f.byte_start), "{f:?}");
        assert!(text.is_char_boundary(f.byte_end), "{f:?}");
        assert_eq!(&text[f.byte_start..f.byte_end], f.text, "{f:?}");
        let before = &text[..f.byte_start];
        assert_eq!(f.char_start, before.chars().count(), "{f:?}");
        assert_eq!(f.char_end - f.char_start, f.text.chars().count(), "{f:?}");
        // Lines end at \n, \r\n or a lone \r.
        let breaks = before.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(f.line, breaks.matches('\n').count() + 1, "{f:?}");
        let col = breaks.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        assert_eq!(f.column, col, "{f:?}");
    }
    for w in findings.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (a.byte_start, a.byte_end, &a.rule) < (b.byte_start, b.byte_end, &b.rule),
            "not sorted or duplicated: {a:?} then {b:?}"
        );
    }
}
