//! The one reader of the TSV files under `dictionaries/` (term dictionaries, allow-lists and the
//! tables of the rule families) and of user dictionaries.
//!
//! A file is UTF-8 with an optional byte-order mark, `\n` or `\r\n` line ends, `#` comment lines,
//! blank lines, `#! column = value` defaults (for a row whose cell in that column is empty), then a
//! header row naming the columns and one row per entry. A row may have fewer cells than the header
//! (the rest are empty) but not more. Columns are looked up by name, so their order is free.
//! Errors name the file and the 1-based line.

use crate::error::{quote, Error, Result};

/// A parsed table: column names and, for each data row, its 1-based line and cells.
pub(crate) struct Table<'a> {
    /// The header row's column names.
    pub(crate) columns: Vec<&'a str>,
    /// `#! column = value` defaults, in file order.
    pub(crate) defaults: Vec<(&'a str, &'a str)>,
    /// Each data row: its 1-based line (counted in the file as written) and its cells.
    pub(crate) rows: Rows<'a>,
}

/// The data rows of a [`Table`], stored flat: one vector of line numbers and one of cells, each
/// row padded with empty cells to the header's width (a missing cell reads as empty anyway), so
/// reading a 45k-row table allocates two vectors instead of one per row.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Rows<'a> {
    /// Cells per row: the header's width (at least 1).
    width: usize,
    /// The 1-based line of each row.
    lines: Vec<usize>,
    /// `width` cells per row, row after row.
    cells: Vec<&'a str>,
}

impl<'a> Rows<'a> {
    /// The number of data rows.
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Each row's line and cells (`width` of them, empty past the cells written).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&usize, &[&'a str])> + '_ {
        self.lines.iter().zip(self.cells.chunks_exact(self.width))
    }
}

impl<'r, 'a> IntoIterator for &'r Rows<'a> {
    type Item = (&'r usize, &'r [&'a str]);
    type IntoIter =
        std::iter::Zip<std::slice::Iter<'r, usize>, std::slice::ChunksExact<'r, &'a str>>;

    fn into_iter(self) -> Self::IntoIter {
        self.lines.iter().zip(self.cells.chunks_exact(self.width))
    }
}

/// `line` (without its `\n`) cut at each tab, appended to `out`; the number of cells. Tab is
/// ASCII, so the cuts fall on character boundaries (a byte loop: `str::split` costs a `memchr`
/// call per short cell).
fn split_cells<'a>(line: &'a str, out: &mut Vec<&'a str>) -> usize {
    let bytes = line.as_bytes();
    let mut from = 0;
    let mut n = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\t' {
            out.push(&line[from..i]);
            from = i + 1;
            n += 1;
        }
    }
    out.push(&line[from..]);
    n
}

/// True when `line` holds only whitespace (`str::trim`'s definition), without trimming the
/// common line that starts with a visible ASCII character.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii_graphic() => false,
        Some(_) => line.trim().is_empty(),
    }
}

/// Reads `text` (the contents of `file`, named in errors) as a table whose columns must all be
/// in `known`.
pub(crate) fn read<'a>(file: &str, text: &'a str, known: &[&str]) -> Result<Table<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut columns: Option<Vec<&str>> = None;
    let mut defaults = Vec::new();
    let lines_in_file = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut rows = Rows {
        width: 1,
        lines: Vec::with_capacity(lines_in_file),
        cells: Vec::new(),
    };
    let mut rest = text;
    let mut line_no = 0;
    while !rest.is_empty() {
        line_no += 1;
        // As `str::lines`: cut at `\n`, drop a `\r` before it; then one more `\r`.
        let raw = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let (raw, next) = (&rest[..i], &rest[i + 1..]);
                rest = next;
                raw.strip_suffix('\r').unwrap_or(raw)
            }
            None => std::mem::take(&mut rest),
        };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(directive) = line.strip_prefix("#!") {
            let Some((k, v)) = directive.split_once('=') else {
                return Err(Error::dict(
                    file,
                    line_no,
                    "a `#!` line must read `#! column = value`",
                ));
            };
            let (k, v) = (k.trim(), v.trim());
            if !known.contains(&k) {
                return Err(Error::dict(
                    file,
                    line_no,
                    format!("unknown column `{}` in default", quote(k)),
                ));
            }
            defaults.push((k, v));
            continue;
        }
        if line.starts_with('#') || is_blank(line) {
            continue;
        }
        match &columns {
            None => {
                let mut cells = Vec::new();
                split_cells(line, &mut cells);
                for (n, c) in cells.iter().enumerate() {
                    if !known.contains(c) {
                        return Err(Error::dict(
                            file,
                            line_no,
                            format!(
                                "unknown column `{}` (known: {})",
                                quote(c),
                                known.join(", ")
                            ),
                        ));
                    }
                    if cells[..n].contains(c) {
                        return Err(Error::dict(
                            file,
                            line_no,
                            format!("column `{}` appears twice", quote(c)),
                        ));
                    }
                }
                rows.width = cells.len();
                rows.cells
                    .reserve(lines_in_file.saturating_sub(line_no) * cells.len());
                columns = Some(cells);
            }
            Some(cols) => {
                let n = split_cells(line, &mut rows.cells);
                if n > cols.len() {
                    return Err(Error::dict(
                        file,
                        line_no,
                        format!("{} cells but the header has {} columns", n, cols.len()),
                    ));
                }
                rows.cells.resize(rows.cells.len() + cols.len() - n, "");
                rows.lines.push(line_no);
            }
        }
    }
    let columns = columns.ok_or_else(|| Error::dict(file, 1, "no header row"))?;
    Ok(Table {
        columns,
        defaults,
        rows,
    })
}

impl<'a> Table<'a> {
    /// Fails unless every column of `names` is in the header or has a `#!` default (`term`, the
    /// key of a dictionary row, must be in the header).
    pub(crate) fn require(&self, file: &str, names: &[&str]) -> Result<()> {
        for name in names {
            let defaulted = self.defaults.iter().any(|(k, _)| k == name);
            if !(self.columns.contains(name) || (defaulted && *name != "term")) {
                return Err(Error::dict(file, 1, format!("missing column `{name}`")));
            }
        }
        Ok(())
    }

    /// The cell of `row` in `column`, falling back to the file's default for that column.
    pub(crate) fn cell(&self, cells: &[&'a str], column: &str) -> &'a str {
        let direct = self
            .columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| cells.get(i))
            .copied()
            .unwrap_or("");
        if direct.is_empty() {
            self.defaults
                .iter()
                .find(|(k, _)| *k == column)
                .map(|(_, v)| *v)
                .unwrap_or("")
        } else {
            direct
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    /// `text` as a Windows editor saves it: a byte-order mark and `\r\n` line ends.
    fn windows(text: &str) -> String {
        format!("\u{feff}{}", text.replace('\n', "\r\n"))
    }

    #[test]
    fn bom_crlf_and_lf_read_alike() {
        let lf = "# c\n#! note = n\nterm\tnote\n布署\t\n\n帐号\tx\n";
        let crlf = windows(lf);
        let (a, b) = (
            read("f.tsv", lf, &["term", "note"]).unwrap(),
            read("f.tsv", &crlf, &["term", "note"]).unwrap(),
        );
        assert_eq!(a.columns, b.columns);
        assert_eq!(a.rows, b.rows);
        let rows: Vec<(&usize, &[&str])> = b.rows.iter().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(*rows[0].0, 4, "lines are numbered as in the file");
        assert_eq!(*rows[1].0, 6);
        assert_eq!(
            b.cell(rows[0].1, "note"),
            "n",
            "a `#!` default fills an empty cell"
        );
        assert_eq!(b.cell(rows[1].1, "note"), "x");
    }

    /// Rows keep their line numbers and read as `str::lines` and `str::split` would cut them:
    /// a short row is padded with empty cells, blank and whitespace-only lines are skipped, a
    /// `\r` is dropped before `\n` and at the end of the last line.
    #[test]
    fn rows_are_cut_as_lines_and_tabs() {
        let text = "term\tnote\tsource\n短\n\n \u{3000}\n#c\n二\t\tz\r\n三\tn\r";
        let t = read("f.tsv", text, &["term", "note", "source"]).unwrap();
        let rows: Vec<(usize, Vec<&str>)> = t.rows.iter().map(|(l, c)| (*l, c.to_vec())).collect();
        assert_eq!(
            rows,
            [
                (2, vec!["短", "", ""]),
                (6, vec!["二", "", "z"]),
                (7, vec!["三", "n", ""]),
            ]
        );
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.cell(rows[2].1.as_slice(), "source"), "");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = read("f.tsv", "term\n布署\tx\n", &["term"]).err().unwrap();
        assert_eq!(
            e.to_string(),
            "f.tsv:2: 2 cells but the header has 1 columns"
        );
        let e = read("f.tsv", "\u{feff}term\tnope\n", &["term"])
            .err()
            .unwrap();
        assert!(
            e.to_string().starts_with("f.tsv:1: unknown column `nope`"),
            "{e}"
        );
        let e = read("f.tsv", "#! nope = 1\nterm\n", &["term"])
            .err()
            .unwrap();
        assert!(
            e.to_string().starts_with("f.tsv:1: unknown column `nope`"),
            "{e}"
        );
    }

    /// Every family table saved by a Windows editor reads as the file itself (before one reader,
    /// enumerations, leaders and injected spam rejected a BOM header or kept `\r` in the last cell).
    #[test]
    fn family_tables_read_alike_with_bom_and_crlf() {
        use crate::rules::{enumeration, injected_spam, leader_title};
        let e = embedded::RULES_ENUMERATIONS_TSV;
        assert_eq!(
            format!("{:?}", enumeration::parse(e)),
            format!("{:?}", enumeration::parse(&windows(e)))
        );
        assert!(enumeration::parse(e).is_ok());
        let l = embedded::RULES_LEADERS_TSV;
        assert_eq!(leader_title::parse(l), leader_title::parse(&windows(l)));
        assert!(leader_title::parse(l).is_ok());
        let s = embedded::RULES_INJECTED_SPAM_TSV;
        assert_eq!(injected_spam::parse(s), injected_spam::parse(&windows(s)));
        assert!(injected_spam::parse(s).is_ok());
        for (table, columns) in [
            (
                embedded::RULES_NAME_CHANGES_TSV,
                &[
                    "names",
                    "from",
                    "until",
                    "successors",
                    "scope",
                    "note",
                    "source",
                ][..],
            ),
            (
                embedded::RULES_PROTECTED_NAMES_TSV,
                &["term", "category", "mode", "source"],
            ),
            (
                embedded::RULES_BOUNDARY_WORDS_TSV,
                &["word", "freq", "role"],
            ),
            (
                embedded::SOURCES_CONFUSABLES_TSV,
                &["char", "homophones", "near_shape", "observed"],
            ),
        ] {
            let (a, w) = (read("t", table, columns).unwrap(), windows(table));
            let b = read("t", &w, columns).unwrap();
            assert!(a.rows.len() > 0);
            assert_eq!(a.rows, b.rows);
        }
    }

    /// A family table may fill a column with a `#!` default, as term dictionaries do.
    #[test]
    fn family_tables_take_defaults() {
        let t = "#! source = 《党政机关公文格式》\nname\toffice\tfrom\tuntil\tsource\n张某某\t县长\t2020-01-01\t\t\n";
        let terms = crate::rules::leader_title::parse(t).unwrap();
        assert!(
            format!("{terms:?}").contains("source: \"《党政机关公文格式》\""),
            "{terms:?}"
        );
    }
}
