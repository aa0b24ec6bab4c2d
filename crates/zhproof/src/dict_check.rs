//! Checking dictionary files as a contributor edits them (`zhproof dict check`).

use crate::date::Date;
use crate::dictionary::{
    is_allow_list, merge_all, parse_allow, parse_terms, parse_terms_all, AllowEntry, Entry,
};
use crate::error::Error;

/// What [`check_dictionaries`] found.
#[derive(Debug)]
#[non_exhaustive]
pub struct DictionaryCheck {
    /// Entries (term and allow-list) read from the checked files.
    pub entries: usize,
    /// Every problem: bad rows, conflicts with other files, examples that misbehave.
    pub problems: Vec<Error>,
}

/// Checks dictionary and allow-list files as `zhproof dict check` does: every bad row of every
/// file, every conflict with the embedded dictionaries and between the files, and every entry's
/// `fire`/`quiet` example. A file named like an embedded one (`dictionaries/terms/typos.tsv`,
/// also as an absolute path) replaces it, so editing a row of the shipped dictionaries is checked
/// against the rest of them, not against itself.
///
/// Files are `(name, text)`; allow-lists are recognised by a header of `term`, `note` and
/// `source` columns only.
///
/// ```
/// let edited = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tfire\n\
///               布署\t部署\ttypo\tcommon-typo\twarning\tn\ts\t全面部署。\n";
/// let report = zhproof::check_dictionaries(&[("mine.tsv".into(), edited.into())]);
/// assert_eq!(report.entries, 1);
/// // The same data as the embedded entry is fine, but its fire example does not fire.
/// assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
/// assert!(report.problems[0].to_string().starts_with("mine.tsv:2: `布署` (common-typo) does not fire"));
/// ```
pub fn check_dictionaries(files: &[(String, String)]) -> DictionaryCheck {
    let replaced = |embedded: &str| {
        files.iter().any(|(name, _)| {
            let name = name.replace('\\', "/");
            name == embedded || name.ends_with(&format!("/{embedded}"))
        })
    };
    let mut problems = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut allow: Vec<AllowEntry> = Vec::new();
    for (name, text) in crate::embedded_dictionaries() {
        if !replaced(name) {
            entries.extend(parse_terms(name, text).expect("embedded dictionaries are valid"));
        }
    }
    for (name, text) in crate::embedded_allow_lists() {
        if !replaced(name) {
            allow.extend(parse_allow(name, text).expect("embedded allow-lists are valid"));
        }
    }
    let mut count = 0;
    // The checked files' entries, also those merged away as duplicates of an embedded entry.
    let mut checked: Vec<Entry> = Vec::new();
    for (name, text) in files {
        if is_allow_list(text) {
            match parse_allow(name, text) {
                Ok(a) => {
                    count += a.len();
                    allow.extend(a);
                }
                Err(e) => problems.push(e),
            }
        } else {
            let (e, errors) = parse_terms_all(name, text);
            count += e.len();
            checked.extend(e.iter().cloned());
            entries.extend(e);
            problems.extend(errors);
        }
    }
    let (merged, conflicts) = merge_all(entries, &allow);
    problems.extend(conflicts);
    match crate::Checker::from_entries(merged, &allow, Date::new(9999, 12, 31).expect("valid")) {
        Ok(checker) => {
            for e in &checked {
                for p in crate::rules::example_problems(&checker, e) {
                    problems.push(Error::dict(&e.origin.file, e.origin.line, p));
                }
            }
        }
        Err(e) => problems.push(e),
    }
    problems.sort_by_key(|e| match e {
        Error::Dictionary { file, line, .. } => (file.clone(), *line),
        _ => (String::new(), 0),
    });
    DictionaryCheck {
        entries: count,
        problems,
    }
}
