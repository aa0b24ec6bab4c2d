//! GitHub Actions workflow commands (`--format github`): one line per finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, which a workflow run
//! shows as an annotation on the file's line. Levels: `error`, `warning` and `notice` (for info).
//! Columns count characters. Values are escaped as the runner expects (`%`, CR and LF
//! everywhere; `:` and `,` in properties too).

use std::io::{self, Write};

use zhproof::{Finding, Severity};

/// Escapes a message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one finding as a workflow command line. A finding in an office document (`location`
/// given) is annotated on the file, with the location leading the message, as line and column
/// mean nothing there.
pub fn write(w: &mut dyn Write, path: &str, location: Option<&str>, f: &Finding) -> io::Result<()> {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let end_column = f.column + f.text.chars().count();
    let mut message = match location {
        Some(l) => format!("[{l}] {}", f.message),
        None => f.message.clone(),
    };
    if !f.suggestions.is_empty() {
        message.push_str(&format!("（建议：{}）", f.suggestions.join(" / ")));
    }
    if location.is_some() {
        return writeln!(
            w,
            "::{level} file={},title={}::{}",
            property(path),
            property(&format!("zhproof {}", f.rule)),
            data(&message)
        );
    }
    writeln!(
        w,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(path),
        f.line,
        f.column,
        f.line,
        end_column,
        property(&format!("zhproof {}", f.rule)),
        data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(data("50%: a, b\r\n"), "50%25: a, b%0D%0A");
    }

    #[test]
    fn writes_one_line_per_finding() {
        let text = "ab会议布署。";
        let f = zhproof::Checker::new().check(text).remove(0);
        let mut out = Vec::new();
        write(&mut out, "docs/a,b.txt", None, &f).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(
            line.starts_with(
                "::warning file=docs/a%2Cb.txt,line=1,col=5,endLine=1,endColumn=7,title=zhproof "
            ),
            "{line}"
        );
        assert!(line.ends_with("（建议：部署）\n"), "{line}");
        assert_eq!(line.lines().count(), 1);
    }
}
