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
    /// Could not be read.
    Error {
        /// Name of the input.
        path: String,
        /// What went wrong.
        error: String,
    },
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

/// Replaces tabs and control characters so that columns stay aligned.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\t' || c.is_control() { ' ' } else { c })
        .collect()
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

/// Writes one finding in text form.
pub fn write_text(w: &mut dyn Write, path: &str, text: &str, f: &Finding) -> io::Result<()> {
    writeln!(
        w,
        "{path}:{}:{}: {}[{}] {}",
        f.line, f.column, f.severity, f.rule, f.message
    )?;
    let (before, flagged, after) = excerpt(text, f);
    let (before, flagged, after) = (printable(&before), printable(flagged), printable(&after));
    let gutter = f.line.to_string();
    let pad = " ".repeat(gutter.len());
    writeln!(w, "{gutter} | {before}{flagged}{after}")?;
    let carets = "^".repeat(display_width(&flagged).max(1));
    let hint = match f.suggestions.as_slice() {
        [] => String::new(),
        s => format!(" 建议：{}", s.join(" / ")),
    };
    writeln!(
        w,
        "{pad} | {}{carets}{hint}",
        " ".repeat(display_width(&before))
    )?;
    Ok(())
}

/// Writes one finding as a JSON line.
pub fn write_jsonl(w: &mut dyn Write, path: &str, f: &Finding) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &Located { path, finding: f })?;
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
    fn long_lines_are_cut_around_the_finding() {
        let text = format!("{}布署{}", "中".repeat(100), "文".repeat(100));
        let f = zhproof::Checker::new().check(&text).remove(0);
        let (b, flagged, a) = excerpt(&text, &f);
        assert_eq!(flagged, "布署");
        assert_eq!(b.chars().count(), CONTEXT_CHARS + 1);
        assert!(b.starts_with('…') && a.ends_with('…'));
    }
}
