//! SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One log with one run. `tool.driver.rules` lists every rule of the checker (id, summary as
//! `shortDescription`, summary and source as `fullDescription` and `help`, default level);
//! each result names its rule by `ruleId` and `ruleIndex`.
//!
//! **Regions.** `startLine`/`startColumn`/`endLine`/`endColumn` are 1-based, and columns count
//! Unicode code points (`run.columnKind` is `unicodeCodePoints`, not SARIF's default of UTF-16
//! code units), as `column` does in the JSON output. `byteOffset`/`byteLength` are UTF-8 byte
//! offsets into the file as stored (a leading BOM counted). `snippet` holds the flagged text,
//! except for privacy findings, whose matched text is left out of the log as it is of messages.
//!
//! **Fixes.** A finding with a safe suggestion (what `zhproof fix` applies) carries one `fix`
//! replacing the flagged bytes with the suggestion. Others list their suggestions in the message.
//!
//! **Inputs that could not be read** are `toolExecutionNotifications` of the invocation (level
//! `error`; skipped binary files `note`), and `executionSuccessful` is false when any failed.

use std::io::{self, Write};

use serde_json::{json, Value};
use zhproof::rules::RuleMeta;
use zhproof::{Finding, Kind, Severity};

use crate::output::FileReport;

/// The JSON schema URI written as `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF's level for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path as given on the command line: `/` separators, and every
/// byte outside RFC 3986's unreserved set and `/` percent-encoded. Standard input is `stdin`.
pub fn uri(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// End line and column (1-based, code points) of a finding, from its start and text.
fn end_of(f: &Finding) -> (usize, usize) {
    let mut line = f.line;
    let mut column = f.column;
    let mut chars = f.text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

fn rule_descriptor(r: &RuleMeta) -> Value {
    // Short and full descriptions come from the rule registry: the one-line summary and the
    // explanation (empty only for rules a user dictionary defines: the summary stands in).
    let full: &str = if r.explanation.is_empty() {
        &r.summary
    } else {
        &r.explanation
    };
    let mut help = full.to_string();
    if !r.source.is_empty() {
        help.push_str(&format!("\nSource: {}", r.source));
    }
    help.push_str(&format!("\nMore: `zhproof rules {}`.", r.id));
    json!({
        "id": &*r.id,
        "name": &*r.id,
        "shortDescription": { "text": &*r.summary },
        "fullDescription": { "text": full },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "kind": r.kind.as_str(), "family": r.family, "tags": [r.kind.as_str()] },
    })
}

/// A finding in an office document: the file and a logical location (`paragraph 3`,
/// `Sheet1!B2`, `page 2`), no region (lines and bytes of a zip or PDF mean nothing to a viewer),
/// and no fix.
fn document_result(f: &Finding, path: &str, location: &str, rule_index: Option<usize>) -> Value {
    let mut r = result(f, path, 0, rule_index);
    r["message"]["text"] = json!(format!(
        "[{location}] {}",
        r["message"]["text"].as_str().unwrap_or("")
    ));
    r["locations"] = json!([{
        "physicalLocation": { "artifactLocation": { "uri": uri(path) } },
        "logicalLocations": [{ "name": location, "kind": "element" }],
    }]);
    if let Some(obj) = r.as_object_mut() {
        obj.remove("fixes");
    }
    r
}

fn result(f: &Finding, path: &str, bom: usize, rule_index: Option<usize>) -> Value {
    let (end_line, end_column) = end_of(f);
    let mut message = f.message.clone();
    if !f.suggestions.is_empty() && f.safe_fix().is_none() {
        message.push_str(&format!("（建议：{}）", f.suggestions.join(" / ")));
    }
    let location = json!({ "uri": uri(path) });
    let mut region = json!({
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": f.byte_start + bom,
        "byteLength": f.byte_end - f.byte_start,
    });
    if f.kind != Kind::Privacy {
        region["snippet"] = json!({ "text": f.text });
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "kind": "fail",
        "message": { "text": message },
        "locations": [{
            "physicalLocation": { "artifactLocation": location, "region": region }
        }],
        "properties": { "kind": f.kind.as_str(), "suggestions": f.suggestions, "source": f.source },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(fix) = f.safe_fix() {
        r["fixes"] = json!([{
            "description": { "text": format!("改为“{fix}”") },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(path) },
                "replacements": [{
                    "deletedRegion": {
                        "byteOffset": f.byte_start + bom,
                        "byteLength": f.byte_end - f.byte_start,
                    },
                    "insertedContent": { "text": fix },
                }],
            }],
        }]);
    }
    r
}

/// Builds the SARIF log. `bom(path)` says how many bytes of BOM precede the text of `path`
/// (0 or 3), so that byte offsets are those of the file.
pub fn log(rules: &[RuleMeta], files: &[FileReport], bom: impl Fn(&str) -> usize) -> Value {
    let index: std::collections::HashMap<&str, usize> =
        rules.iter().enumerate().map(|(i, r)| (&*r.id, i)).collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    let mut failed = false;
    for report in files {
        match report {
            FileReport::Checked { path, findings } => {
                let b = bom(path);
                for f in findings {
                    results.push(result(f, path, b, index.get(f.rule.as_str()).copied()));
                }
            }
            FileReport::Document { path, findings } => {
                for d in findings {
                    let i = index.get(d.finding.rule.as_str()).copied();
                    results.push(document_result(&d.finding, path, &d.location, i));
                }
            }
            FileReport::Skipped { path, skipped } => notifications.push(json!({
                "level": "note",
                "message": { "text": format!("{path}: {skipped}") },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
            })),
            FileReport::Error { path, error } => {
                failed = true;
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": format!("{path}: {error}") },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
                }));
            }
        }
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "zhproof",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/zhproof/zhproof",
                "rules": rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": !failed,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Writes the SARIF log, pretty-printed, with a final newline.
pub fn write(
    out: &mut dyn Write,
    rules: &[RuleMeta],
    files: &[FileReport],
    bom: impl Fn(&str) -> usize,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(rules, files, bom))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(uri("./docs/通知 1.txt"), "docs/%E9%80%9A%E7%9F%A5%201.txt");
        assert_eq!(uri("a/b-c_d.txt"), "a/b-c_d.txt");
        assert_eq!(uri("-"), "stdin");
    }

    #[test]
    fn regions_count_code_points_and_offsets_count_the_bom() {
        let text = "第一行\nab会议布署。";
        let checker = zhproof::Checker::new();
        let findings = checker.check(text);
        let f = findings.iter().find(|f| f.text == "布署").unwrap().clone();
        let report = FileReport::Checked {
            path: "x.txt".into(),
            findings: vec![f],
        };
        let log = log(&checker.rules(), &[report], |_| 3);
        let r = &log["runs"][0]["results"][0];
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], 5);
        assert_eq!(region["endColumn"], 7);
        // "第一行\n" is 10 bytes, "ab会议" 8: 18, plus the 3-byte BOM.
        assert_eq!(region["byteOffset"], 21);
        assert_eq!(region["byteLength"], 6);
        let rules = &log["runs"][0]["tool"]["driver"]["rules"];
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
}
