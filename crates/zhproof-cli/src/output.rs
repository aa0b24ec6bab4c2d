//! Output formats: human-readable text with caret underlines, JSON and JSON Lines.
//!
//! JSON Lines prints one object per finding: `path` followed by exactly the fields of
//! [`zhproof::Finding`] (`rule`, `kind`, `severity`, `byte_start`, `byte_end`, `char_start`,
//! `char_end`, `line`, `column`, `text`, `message`, `suggestions`, `source`, `applicability`),
//! and `{"path", "error"}` for an input that could not be checked. JSON prints one document:
//! `{"as_of", "files": [{"path", "findings" | "skipped" | "error"}], "summary"}`; the summary
//! counts `files`, `skipped`, `unreadable` (inputs not checked: exit 2), `findings` and the
//! findings per severity (`error`, `warning`, `info`).

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthChar;
use zhproof::{Finding, Severity};

/// How many characters of context are shown on each side of a finding in text output.
const CONTEXT_CHARS: usize = 40;

/// A finding with the name of the file it was found in.
#[derive(Debug, Serialize)]
pub struct Located<'a> {
    /// `-` for standard input.
    pub path: &'a str,
    /// Where in an office document (`paragraph 3`, `Sheet1!B2`, `page 2`); then the finding's
    /// offsets, line and column are within that paragraph, cell or page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    /// The finding's own fields.
    #[serde(flatten)]
    pub finding: &'a Finding,
}

/// What happened to one input.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum FileReport {
    /// Checked.
    Checked {
        /// Name of the input.
        path: String,
        /// Its findings.
        findings: Vec<Finding>,
    },
    /// Not checked, not an error.
    Skipped {
        /// Name of the input.
        path: String,
        /// Why.
        skipped: String,
    },
    /// An office document, checked paragraph by paragraph (cell by cell, page by page).
    Document {
        /// Name of the input.
        path: String,
        /// Its findings, each with its location.
        findings: Vec<DocumentFinding>,
    },
    /// Could not be read.
    Error {
        /// Name of the input.
        path: String,
        /// What went wrong.
        error: String,
    },
}

/// A finding in an office document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentFinding {
    /// `paragraph 3`, `header1 paragraph 1`, `Sheet1!B2`, `page 2`.
    pub location: String,
    /// The finding; offsets, line and column are within the location's text.
    #[serde(flatten)]
    pub finding: Finding,
}

/// Counts for the summary line and the JSON document.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Inputs checked.
    pub files: usize,
    /// Inputs skipped (binary files met while walking a directory).
    pub skipped: usize,
    /// Inputs that could not be checked (unreadable, undecodable, or binary and named on the
    /// command line): exit status 2. Not to be confused with `error`, a severity count.
    pub unreadable: usize,
    /// Findings in all.
    pub findings: usize,
    /// Findings of severity error.
    pub error: usize,
    /// Findings of severity warning.
    pub warning: usize,
    /// Findings of severity info.
    pub info: usize,
    /// Findings below the severity shown (`--show`): counted here, not in the fields above.
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Adds one finding.
    pub fn count(&mut self, f: &Finding) {
        self.findings += 1;
        match f.severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    /// The closing line of text output.
    pub fn line(&self) -> String {
        let files = plural(self.files, "file");
        let mut s = if self.findings == 0 {
            format!("no problems found in {files}")
        } else {
            format!(
                "found {} ({}, {}, {}) in {files}",
                plural(self.findings, "problem"),
                plural(self.error, "error"),
                plural(self.warning, "warning"),
                plural(self.info, "info"),
            )
        };
        if self.hidden > 0 {
            s.push_str(&format!(
                "; {} of lower severity not shown (--show info prints them)",
                plural(self.hidden, "finding")
            ));
        }
        if self.skipped > 0 {
            s.push_str(&format!("; {} skipped", plural(self.skipped, "file")));
        }
        if self.unreadable > 0 {
            s.push_str(&format!(
                "; {} could not be checked",
                plural(self.unreadable, "file")
            ));
        }
        s
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 || word == "info" {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Replaces tabs and control characters so that columns stay aligned, and bidirectional
/// controls (which reorder what the terminal shows, U+202E) with U+FFFD.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c.is_control() {
                ' '
            } else if is_bidi_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Bidirectional formatting characters: they reorder the text around them on screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with control characters (C0, DEL, C1: terminal escape sequences start with ESC, `\e]0;`
/// retitles a window) and bidirectional controls written as `\u{…}` escapes, for file names and
/// messages on a terminal. Tabs stay (`\t` written out); everything else is unchanged.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push_str("\\t");
        } else if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The part of the finding's line to show, and where the finding sits in it.
/// Returns `(before, flagged, after)`, each already cut to at most [`CONTEXT_CHARS`] characters.
///
/// Only a window of [`CONTEXT_CHARS`] characters on each side is looked at, so the cost does not
/// grow with the length of the line (a 200 MB single-line file with many findings stays linear).
fn excerpt<'t>(text: &'t str, f: &Finding) -> (String, &'t str, String) {
    let is_eol = |c: char| c == '\n' || c == '\r';
    // The CONTEXT_CHARS + 1 characters before the finding, stopping at a line end.
    let window_start = text[..f.byte_start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS)
        .map_or(0, |(i, _)| i);
    let line_start = text[window_start..f.byte_start]
        .rfind(is_eol)
        .map_or(window_start, |i| window_start + i + 1);
    let flagged_end = text[f.byte_start..f.byte_end]
        .find(is_eol)
        .map_or(f.byte_end, |i| f.byte_start + i);
    // The CONTEXT_CHARS + 1 characters after it, stopping at a line end.
    let line_end = if flagged_end < f.byte_end {
        flagged_end
    } else {
        let window = text[f.byte_end..]
            .char_indices()
            .nth(CONTEXT_CHARS + 1)
            .map_or(text.len(), |(i, _)| f.byte_end + i);
        text[f.byte_end..window]
            .find(is_eol)
            .map_or(window, |i| f.byte_end + i)
    };
    let before = &text[line_start..f.byte_start];
    let after = &text[flagged_end..line_end];
    let mut b: String = before
        .chars()
        .rev()
        .take(CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if b.len() < before.len() {
        b.insert(0, '…');
    }
    let mut a: String = after.chars().take(CONTEXT_CHARS).collect();
    if a.len() < after.len() {
        a.push('…');
    }
    (b, &text[f.byte_start..flagged_end], a)
}

/// `text` with the personal data among `findings` masked, for the context lines of the text
/// output (a typo next to an ID number must not show the number); `text` itself when masking
/// would move byte offsets (a user `privacy` rule over non-ASCII text).
pub fn mask_for_display<'t>(text: &'t str, findings: &[Finding]) -> std::borrow::Cow<'t, str> {
    if !findings.iter().any(|f| f.kind == zhproof::Kind::Privacy) {
        return std::borrow::Cow::Borrowed(text);
    }
    let masked = zhproof::mask_findings(text, findings);
    if masked.len() == text.len() {
        std::borrow::Cow::Owned(masked)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Writes one finding in text form. `text` is what the context line shows (see
/// [`mask_for_display`]); the finding's own span is masked in any case for `privacy` findings.
pub fn write_text(w: &mut dyn Write, path: &str, text: &str, f: &Finding) -> io::Result<()> {
    writeln!(
        w,
        "{}:{}:{}: {}[{}] {}",
        escape_controls(path),
        f.line,
        f.column,
        f.severity,
        escape_controls(&f.rule),
        escape_controls(&f.message)
    )?;
    let (before, flagged, after) = excerpt(text, f);
    // Personal data is shown masked, as the message promises (已隐去); JSON keeps the span.
    let flagged = match zhproof::masked_text(f) {
        Some(m) => m.chars().take(flagged.chars().count()).collect(),
        None => flagged.to_string(),
    };
    let (before, flagged, after) = (printable(&before), printable(&flagged), printable(&after));
    let gutter = f.line.to_string();
    let pad = " ".repeat(gutter.len());
    writeln!(w, "{gutter} | {before}{flagged}{after}")?;
    let carets = "^".repeat(display_width(&flagged).max(1));
    let hint = match f.suggestions.as_slice() {
        [] => String::new(),
        s => escape_controls(&format!(" 建议：{}", s.join(" / "))),
    };
    writeln!(
        w,
        "{pad} | {}{carets}{hint}",
        " ".repeat(display_width(&before))
    )?;
    Ok(())
}

/// Writes one finding as a JSON line.
pub fn write_jsonl(
    w: &mut dyn Write,
    path: &str,
    location: Option<&str>,
    f: &Finding,
) -> io::Result<()> {
    serde_json::to_writer(
        &mut *w,
        &Located {
            path,
            location,
            finding: f,
        },
    )?;
    writeln!(w)
}

/// The JSON document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// zhproof's version.
    pub version: &'a str,
    /// The reference date used.
    pub as_of: String,
    /// One report per input.
    pub files: &'a [FileReport],
    /// Counts.
    pub summary: Summary,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_underline_accounts_for_double_width() {
        let text = "ab会议布署x\n";
        let f = zhproof::Checker::new().check(text).remove(0);
        let mut out = Vec::new();
        write_text(&mut out, "-", text, &f).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "1 | ab会议布署x");
        // "ab" is 2 cells, "会议" 4 cells: carets start at cell 6 and cover 4 cells.
        assert_eq!(lines[2], "  |       ^^^^ 建议：部署");
    }

    #[test]
    fn personal_data_is_masked_and_controls_escaped() {
        // Issue 13: the text output showed the full number while the message said 已隐去, and
        // escape sequences and U+202E in file names and text reached the terminal raw.
        let text = "身份证号360702198506122312\u{202E}布署";
        let checker = zhproof::Checker::builder()
            .as_of(zhproof::Date::new(2025, 6, 1).unwrap())
            .build()
            .unwrap();
        let mut out = Vec::new();
        let findings = checker.check(text);
        let shown = mask_for_display(text, &findings);
        for f in &findings {
            write_text(&mut out, "a\u{1b}]0;pwned\u{7}\u{202E}.txt", &shown, f).unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("360702********2312"), "{out}");
        assert!(!out.contains("198506122312"), "{out}");
        assert!(
            out.contains("a\\u{001B}]0;pwned\\u{0007}\\u{202E}.txt:1:"),
            "{out}"
        );
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202E}'),
            "{out}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let text = format!("{}布署{}", "中".repeat(100), "文".repeat(100));
        let f = zhproof::Checker::new().check(&text).remove(0);
        let (b, flagged, a) = excerpt(&text, &f);
        assert_eq!(flagged, "布署");
        assert_eq!(b.chars().count(), CONTEXT_CHARS + 1);
        assert!(b.starts_with('…') && a.ends_with('…'));
    }
}
