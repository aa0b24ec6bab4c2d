//! The dictionary file format: UTF-8 TSV with a header row.
//!
//! The format is documented for users in `dictionaries/README.md`. In short:
//!
//! ```text
//! # comment lines start with `#`; blank lines are ignored
//! #! kind = typo            <- a default for every row whose cell in that column is empty
//! term→suggestions→kind→rule→severity→note→source→fire→quiet
//! 布署→部署→→common-typo→warning→“部署”指安排、布置→《现代汉语词典》第7版→全面布署。→全面部署。
//! ```
//!
//! (`→` stands for a tab.)
//!
//! Required columns: `term`, `suggestions`, `kind`, `rule`, `severity`, `note`, `source`.
//! Optional columns: `fix` (`safe`, `unsafe`, `none`), `boundary` (`word`: only fire when the
//! match does not cut through a word), `since`/`until` (reference-date window, `YYYY-MM-DD`),
//! `not_after`/`not_before`/`only_after`/`only_before` (`|`-separated context words), `fire` and
//! `quiet` (examples the test suite runs). Lists (`suggestions`, context words) are `|`-separated.
//!
//! Allow-list files have a `term` column and optionally `note` and `source`.

use crate::date::Date;
use crate::error::{quote, Error, Result};
use crate::finding::{Applicability, Kind, Severity};
use crate::tsv::{read as read_table, Table};

/// What one dictionary may cost. Every limit is checked while parsing (or, for
/// [`MAX_FILE_BYTES`](limits::MAX_FILE_BYTES), while reading a file) and past it parsing fails with an error naming
/// the file and line. Together they bound the time a dictionary adds to a check (a match of a
/// term is found in time proportional to the term's length, so long terms on repetitive text
/// cost that length per character) and the size of what `fix` may write (each character of
/// the input becomes at most [`MAX_SUGGESTION_CHARS`](limits::MAX_SUGGESTION_CHARS) characters).
///
/// ```
/// use zhproof::dictionary::{self, limits};
/// let long = "甲".repeat(limits::MAX_TERM_CHARS + 1);
/// let tsv = format!("term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n\
///                    {long}\t\tsensitive\tr\terror\tn\ts\n");
/// let err = dictionary::parse_terms("my.tsv", &tsv).unwrap_err().to_string();
/// assert!(err.starts_with("my.tsv:2: term is 33 characters long"), "{err}");
/// ```
pub mod limits {
    /// Longest term (and allow-list entry), in characters. The longest embedded term has 25.
    pub const MAX_TERM_CHARS: usize = 32;
    /// Longest suggestion, in characters.
    pub const MAX_SUGGESTION_CHARS: usize = 64;
    /// Most suggestions per entry.
    pub const MAX_SUGGESTIONS: usize = 16;
    /// Longest context word (`not_after`, `only_before` …), in characters; also most context
    /// words per column.
    pub const MAX_CONTEXT_CHARS: usize = 64;
    /// Longest cell of any other column (`note`, `source`, examples), in bytes.
    pub const MAX_CELL_BYTES: usize = 4096;
    /// Largest dictionary or allow-list file, in bytes (16 MiB). A larger file (or a device
    /// such as `/dev/urandom`) is refused after reading this much.
    pub const MAX_FILE_BYTES: u64 = 16 << 20;
    /// Most entries (terms plus allow-list entries) over all dictionaries a checker is built
    /// from, the embedded ones included.
    pub const MAX_ENTRIES: usize = 200_000;
}

/// Where an entry was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// File name (or the name of an in-memory dictionary).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Context conditions that decide whether a match of an entry is reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    /// Only report when the reference date is on or after this date (the change date of an
    /// outdated name).
    pub since: Option<Date>,
    /// Only report when the reference date is before this date.
    pub until: Option<Date>,
    /// Do not report when the text right before the match ends with one of these (`原`, `时任`).
    pub not_after: Vec<String>,
    /// Do not report when the text right after the match starts with one of these.
    pub not_before: Vec<String>,
    /// Only report when the text right before the match ends with one of these.
    pub only_after: Vec<String>,
    /// Only report when the text right after the match starts with one of these.
    pub only_before: Vec<String>,
}

impl Conditions {
    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        *self == Conditions::default()
    }

    /// Whether a match at `start..end` of `text` is reported at reference date `as_of`: the date
    /// lies in `since..until`, no `not_after` word ends the text before it and no `not_before`
    /// word starts the text after it, and where `only_after`/`only_before` are given, one of
    /// them does. The one evaluator of entry conditions: every family that reads them calls it.
    ///
    /// ```
    /// use zhproof::dictionary::Conditions;
    /// use zhproof::Date;
    /// let c = Conditions { not_after: vec!["原".into()], ..Conditions::default() };
    /// let as_of = Date::new(2024, 1, 1).unwrap();
    /// assert!(c.hold("赣县撤县", 0, 6, as_of));
    /// assert!(!c.hold("原赣县", 3, 9, as_of));
    /// ```
    pub fn hold(&self, text: &str, start: usize, end: usize, as_of: Date) -> bool {
        if self.since.is_some_and(|d| as_of < d) || self.until.is_some_and(|d| as_of >= d) {
            return false;
        }
        let (before, after) = (&text[..start], &text[end..]);
        let ends = |words: &[String]| words.iter().any(|w| before.ends_with(w.as_str()));
        let starts = |words: &[String]| words.iter().any(|w| after.starts_with(w.as_str()));
        !(ends(&self.not_after) || starts(&self.not_before))
            && (self.only_after.is_empty() || ends(&self.only_after))
            && (self.only_before.is_empty() || starts(&self.only_before))
    }
}

/// One dictionary entry: a term to flag and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The text to find.
    pub term: String,
    /// Replacements, best first.
    pub suggestions: Vec<String>,
    /// The family of the problem.
    pub kind: Kind,
    /// Kebab-case rule id.
    pub rule: String,
    /// Default severity.
    pub severity: Severity,
    /// Chinese explanation used in the finding's message.
    pub note: String,
    /// Where the entry comes from.
    pub source: String,
    /// Whether the first suggestion may be applied automatically.
    pub fix: Applicability,
    /// Only report when the match does not cut through a word (checked with jieba).
    pub word_boundary: bool,
    /// Context conditions.
    pub conditions: Conditions,
    /// A sentence the entry must fire on (run by the test suite).
    pub fire: Option<String>,
    /// A sentence the entry must stay quiet on (run by the test suite).
    pub quiet: Option<String>,
    /// Where the entry was defined.
    pub origin: Origin,
}

impl Entry {
    /// True when two entries for the same term say the same thing (so the second can be dropped).
    fn same_data(&self, other: &Entry) -> bool {
        self.suggestions == other.suggestions
            && self.kind == other.kind
            && self.rule == other.rule
            && self.severity == other.severity
            && self.fix == other.fix
            && self.word_boundary == other.word_boundary
            && self.conditions == other.conditions
    }
}

/// One allow-list entry: text that is never flagged by dictionary terms it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowEntry {
    /// The allowed text.
    pub term: String,
    /// Why it is allowed.
    pub note: String,
    /// Where the entry was defined.
    pub origin: Origin,
}

const REQUIRED: [&str; 7] = [
    "term",
    "suggestions",
    "kind",
    "rule",
    "severity",
    "note",
    "source",
];
const OPTIONAL: [&str; 11] = [
    "fix",
    "boundary",
    "since",
    "until",
    "not_after",
    "not_before",
    "only_after",
    "only_before",
    "fire",
    "quiet",
    "comment",
];

/// Returns true for a kebab-case id: lowercase ASCII letters and digits in `-`-separated words.
pub fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_term(file: &str, line: usize, term: &str) -> Result<()> {
    if term.is_empty() {
        return Err(Error::dict(file, line, "empty term"));
    }
    let n = term.chars().count();
    if n > limits::MAX_TERM_CHARS {
        return Err(Error::dict(
            file,
            line,
            format!(
                "term is {n} characters long (at most {} allowed)",
                limits::MAX_TERM_CHARS
            ),
        ));
    }
    if term != term.trim() {
        return Err(Error::dict(
            file,
            line,
            format!("term `{}` has leading or trailing spaces", quote(term)),
        ));
    }
    Ok(())
}

/// Checks the size of a `|`-separated list column and of every other cell of a row.
fn check_sizes(file: &str, line: usize, cells: &[&str], lists: &[(&str, &[String])]) -> Result<()> {
    for (column, items) in lists {
        let (max_items, max_chars) = if *column == "suggestions" {
            (limits::MAX_SUGGESTIONS, limits::MAX_SUGGESTION_CHARS)
        } else {
            (limits::MAX_CONTEXT_CHARS, limits::MAX_CONTEXT_CHARS)
        };
        if items.len() > max_items {
            return Err(Error::dict(
                file,
                line,
                format!(
                    "`{column}` has {} items (at most {max_items} allowed)",
                    items.len()
                ),
            ));
        }
        if let Some(n) = items
            .iter()
            .map(|s| s.chars().count())
            .find(|&n| n > max_chars)
        {
            return Err(Error::dict(
                file,
                line,
                format!(
                    "an item of `{column}` is {n} characters long (at most {max_chars} allowed)"
                ),
            ));
        }
    }
    if let Some(c) = cells.iter().find(|c| c.len() > limits::MAX_CELL_BYTES) {
        return Err(Error::dict(
            file,
            line,
            format!(
                "a cell is {} bytes long (at most {} allowed)",
                c.len(),
                limits::MAX_CELL_BYTES
            ),
        ));
    }
    Ok(())
}

/// Parses one dictionary file. `file` is the name used in error messages.
///
/// ```
/// let tsv = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n\
///            布署\t部署\ttypo\tcommon-typo\twarning\t应为“部署”\t《现代汉语词典》\n";
/// let entries = zhproof::dictionary::parse_terms("my.tsv", tsv).unwrap();
/// assert_eq!(entries[0].suggestions, ["部署"]);
///
/// let err = zhproof::dictionary::parse_terms("my.tsv", &tsv.replace("warning", "fatal")).unwrap_err();
/// assert!(err.to_string().starts_with("my.tsv:2: unknown severity"));
/// ```
pub fn parse_terms(file: &str, text: &str) -> Result<Vec<Entry>> {
    let (entries, mut errors) = parse_terms_all(file, text);
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors.swap_remove(0))
    }
}

/// Like [`parse_terms`], reporting every bad row instead of stopping at the first: the entries
/// of the good rows, and one error per bad row (or the one error of a bad header).
///
/// ```
/// let tsv = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n\
///            布署\t部署\ttypo\tcommon-typo\tfatal\tn\ts\n\
///            贯切\t贯彻\ttypo\tcommon-typo\twarning\tn\ts\n\
///            x\ty\tbad\tcommon-typo\twarning\tn\ts\n";
/// let (entries, errors) = zhproof::dictionary::parse_terms_all("my.tsv", tsv);
/// assert_eq!(entries.len(), 1);
/// assert_eq!(errors.len(), 2);
/// assert!(errors[1].to_string().starts_with("my.tsv:4: unknown kind"));
/// ```
pub fn parse_terms_all(file: &str, text: &str) -> (Vec<Entry>, Vec<Error>) {
    let known: Vec<&str> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect();
    let table = match read_table(file, text, &known).and_then(|t| {
        t.require(file, &REQUIRED)?;
        Ok(t)
    }) {
        Ok(t) => t,
        Err(e) => return (vec![], vec![e]),
    };
    let mut out = Vec::with_capacity(table.rows.len());
    let mut errors = Vec::new();
    for (line, cells) in &table.rows {
        match parse_row(&table, file, *line, cells) {
            Ok(e) => out.push(e),
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

/// One data row of a term dictionary.
fn parse_row(table: &Table<'_>, file: &str, line: usize, cells: &[&str]) -> Result<Entry> {
    {
        let get = |c: &str| table.cell(cells, c);
        let term = get("term");
        check_term(file, line, term)?;
        let err = |p: String| Error::dict(file, line, p);
        let kind: Kind = get("kind").parse().map_err(err)?;
        let severity: Severity = get("severity").parse().map_err(err)?;
        let rule = get("rule");
        if !is_kebab_case(rule) {
            return Err(err(format!(
                "rule `{}` is not a kebab-case id",
                quote(rule)
            )));
        }
        let source = get("source");
        if source.trim().is_empty() {
            return Err(err(
                "empty source: every entry must say where it comes from".into(),
            ));
        }
        let suggestions = split_list(get("suggestions"));
        if suggestions.iter().any(|s| s == term) {
            return Err(err(format!("suggestion equals the term `{}`", quote(term))));
        }
        let fix: Applicability = match get("fix") {
            "" if kind == Kind::Typo && suggestions.len() == 1 => Applicability::Safe,
            "" if suggestions.is_empty() => Applicability::DisplayOnly,
            "" => Applicability::Unsafe,
            v => v.parse().map_err(err)?,
        };
        if fix == Applicability::Safe && suggestions.is_empty() {
            return Err(err("`fix` is `safe` but there is no suggestion".into()));
        }
        let word_boundary = match get("boundary") {
            "" | "none" => false,
            "word" => true,
            v => {
                return Err(err(format!(
                    "unknown boundary `{}` (expected word or none)",
                    quote(v)
                )))
            }
        };
        let date = |c: &str| -> Result<Option<Date>> {
            match get(c) {
                "" => Ok(None),
                v => v
                    .parse()
                    .map(Some)
                    .map_err(|e: String| Error::dict(file, line, format!("{c}: {e}"))),
            }
        };
        let conditions = Conditions {
            since: date("since")?,
            until: date("until")?,
            not_after: split_list(get("not_after")),
            not_before: split_list(get("not_before")),
            only_after: split_list(get("only_after")),
            only_before: split_list(get("only_before")),
        };
        check_sizes(
            file,
            line,
            cells,
            &[
                ("suggestions", &suggestions),
                ("not_after", &conditions.not_after),
                ("not_before", &conditions.not_before),
                ("only_after", &conditions.only_after),
                ("only_before", &conditions.only_before),
            ],
        )?;
        let example = |c: &str| Some(get(c).to_string()).filter(|s| !s.is_empty());
        Ok(Entry {
            term: term.to_string(),
            suggestions,
            kind,
            rule: rule.to_string(),
            severity,
            note: get("note").to_string(),
            source: source.to_string(),
            fix,
            word_boundary,
            conditions,
            fire: example("fire"),
            quiet: example("quiet"),
            origin: Origin {
                file: file.to_string(),
                line,
            },
        })
    }
}

/// Parses one allow-list file (columns `term`, optional `note` and `source`).
pub fn parse_allow(file: &str, text: &str) -> Result<Vec<AllowEntry>> {
    let table = read_table(file, text, &["term", "note", "source"])?;
    table.require(file, &["term"])?;
    let mut out = Vec::with_capacity(table.rows.len());
    for (line, cells) in &table.rows {
        let term = table.cell(cells, "term");
        check_term(file, *line, term)?;
        check_sizes(file, *line, cells, &[])?;
        out.push(AllowEntry {
            term: term.to_string(),
            note: table.cell(cells, "note").to_string(),
            origin: Origin {
                file: file.to_string(),
                line: *line,
            },
        });
    }
    Ok(out)
}

/// Merges entries from several files: drops exact duplicates, rejects a term defined twice with
/// different data and a term that is also allow-listed.
pub fn merge(entries: Vec<Entry>, allow: &[AllowEntry]) -> Result<Vec<Entry>> {
    let (out, mut errors) = merge_all(entries, allow);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.swap_remove(0))
    }
}

/// Like [`merge`], reporting every conflict: the merged entries (conflicting ones left out) and
/// one error per conflicting entry.
pub fn merge_all(entries: Vec<Entry>, allow: &[AllowEntry]) -> (Vec<Entry>, Vec<Error>) {
    use std::collections::HashMap;
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    let allowed: HashMap<&str, &AllowEntry> = allow.iter().map(|a| (a.term.as_str(), a)).collect();
    for e in entries {
        if let Some(a) = allowed.get(e.term.as_str()) {
            errors.push(Error::dict(
                &e.origin.file,
                e.origin.line,
                format!(
                    "term `{}` is also in the allow-list at {}",
                    quote(&e.term),
                    a.origin
                ),
            ));
            continue;
        }
        match seen.get(&e.term) {
            Some(&i) if out[i].same_data(&e) => {}
            Some(&i) => errors.push(Error::dict(
                &e.origin.file,
                e.origin.line,
                format!(
                    "term `{}` is already defined with different data at {}",
                    quote(&e.term),
                    out[i].origin
                ),
            )),
            None => {
                seen.insert(e.term.clone(), out.len());
                out.push(e);
            }
        }
    }
    (out, errors)
}

/// True when `text`'s header row has only allow-list columns (`term`, `note`, `source`).
pub fn is_allow_list(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end_matches('\r'))
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .is_some_and(|h| {
            h.split('\t')
                .all(|c| matches!(c, "term" | "note" | "source"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n";

    fn err(text: &str) -> String {
        parse_terms("d.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn parses_defaults_comments_and_lists() {
        let t = "# c\n#! kind = typo\n#! source = 规范\nterm\tsuggestions\tkind\trule\tseverity\tnote\tsource\tnot_after\n\n布署\t部署|布置\t\tcommon-typo\twarning\tn\t\t原|时任\n";
        let e = parse_terms("d.tsv", t).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind, Kind::Typo);
        assert_eq!(e[0].source, "规范");
        assert_eq!(e[0].suggestions, ["部署", "布置"]);
        assert_eq!(e[0].conditions.not_after, ["原", "时任"]);
        assert_eq!(e[0].origin.line, 6);
        assert_eq!(e[0].fix, Applicability::Unsafe);
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(err("term\tbogus\n"), "d.tsv:1: unknown column `bogus` (known: term, suggestions, kind, rule, severity, note, source, fix, boundary, since, until, not_after, not_before, only_after, only_before, fire, quiet, comment)");
        assert!(err(&format!("{HEAD}x\ty\ttypo\tr\tfatal\tn\ts\n"))
            .starts_with("d.tsv:2: unknown severity `fatal`"));
        assert_eq!(
            err(&format!("{HEAD}\ty\ttypo\tr\twarning\tn\ts\n")),
            "d.tsv:2: empty term"
        );
        assert!(err(&format!("{HEAD}x\ty\tbad\tr\twarning\tn\ts\n"))
            .starts_with("d.tsv:2: unknown kind"));
        assert!(err(&format!("{HEAD}x\ty\ttypo\tBad_Rule\twarning\tn\ts\n")).contains("kebab-case"));
        assert!(err(&format!("{HEAD}x\ty\ttypo\tr\twarning\tn\t\n"))
            .starts_with("d.tsv:2: empty source"));
        assert!(err(&format!("{HEAD}x\tx\ttypo\tr\twarning\tn\ts\n")).contains("suggestion equals"));
        assert!(err(&format!("{HEAD}x\ty\ttypo\tr\twarning\tn\ts\textra\n")).contains("8 cells"));
        assert!(err("term\tkind\n").starts_with("d.tsv:1: missing column `suggestions`"));
        assert!(err("# only a comment\n").starts_with("d.tsv:1: no header row"));
    }

    #[test]
    fn limits_are_enforced_with_file_and_line() {
        let row = |term: &str, sugg: &str, extra: &str| {
            format!("{HEAD}x\ty\ttypo\tr\twarning\tn\ts\n{term}\t{sugg}\ttypo\tr\twarning\tn\ts{extra}\n")
        };
        let ok = "甲".repeat(limits::MAX_TERM_CHARS);
        assert!(parse_terms("d.tsv", &row(&ok, "乙", "")).is_ok());
        let long = "甲".repeat(limits::MAX_TERM_CHARS + 1);
        assert_eq!(
            err(&row(&long, "乙", "")),
            format!(
                "d.tsv:3: term is {} characters long (at most {} allowed)",
                limits::MAX_TERM_CHARS + 1,
                limits::MAX_TERM_CHARS
            )
        );
        let sugg = "乙".repeat(limits::MAX_SUGGESTION_CHARS + 1);
        assert!(err(&row("甲", &sugg, "")).starts_with("d.tsv:3: an item of `suggestions` is"));
        let many = vec!["乙"; limits::MAX_SUGGESTIONS + 1].join("|");
        assert!(err(&row("甲", &many, "")).starts_with("d.tsv:3: `suggestions` has 17 items"));
        let note = "n".repeat(limits::MAX_CELL_BYTES + 1);
        assert!(err(&row("甲", "乙", &format!("\t{note}"))).contains("8 cells"));
        let big_note = format!("{HEAD}甲\t乙\ttypo\tr\twarning\t{note}\ts\n");
        assert!(err(&big_note).starts_with("d.tsv:2: a cell is 4097 bytes long"));
        let allow = format!("term\n{long}\n");
        assert!(parse_allow("a.tsv", &allow)
            .unwrap_err()
            .to_string()
            .starts_with("a.tsv:2: term is"));
    }

    #[test]
    fn errors_quote_a_short_escaped_excerpt() {
        // Issue 13: `--dict /proc/self/environ` printed the environment in the error.
        let environ = format!("SECRET=hunter2{}\0PATH=/bin\u{1b}[2J", "x".repeat(200));
        let e = err(&environ);
        assert!(
            e.starts_with("d.tsv:1: unknown column `SECRET=hunter2xx"),
            "{e}"
        );
        assert!(
            !e.contains("PATH") && !e.contains('\0') && !e.contains('\u{1b}'),
            "{e}"
        );
        assert!(e.chars().count() < 250, "{e}");
    }

    #[test]
    fn merge_rejects_conflicts_and_allowed_terms() {
        let a = parse_terms("a.tsv", &format!("{HEAD}x\ty\ttypo\tr\twarning\tn\ts\n")).unwrap();
        let b = parse_terms(
            "b.tsv",
            &format!("{HEAD}\n\nx\tz\ttypo\tr\twarning\tn\ts\n"),
        )
        .unwrap();
        let same = parse_terms(
            "c.tsv",
            &format!("{HEAD}x\ty\ttypo\tr\twarning\tother note\ts2\n"),
        )
        .unwrap();
        assert_eq!(merge([a.clone(), same].concat(), &[]).unwrap().len(), 1);
        let e = merge([a.clone(), b].concat(), &[]).unwrap_err().to_string();
        assert_eq!(
            e,
            "b.tsv:4: term `x` is already defined with different data at a.tsv:2"
        );
        let allow = parse_allow("allow.tsv", "term\nx\n").unwrap();
        let e = merge(a, &allow).unwrap_err().to_string();
        assert_eq!(
            e,
            "a.tsv:2: term `x` is also in the allow-list at allow.tsv:2"
        );
    }
}
