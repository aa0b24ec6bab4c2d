//! End-to-end: the issue-4 examples of evasion, numbers and punctuation through the binary.

mod common;
use common::run;

use serde_json::Value;

#[test]
fn fix_applies_the_safe_number_and_punctuation_fixes() {
    let input = "二零二三年，学习《宪法》、《民法典》。各部门,各单位:是否属实?这是我们的的工作。\n\
                 印发《通知。谢谢大家，天天向上。";
    let o = run(&["fix"], input.as_bytes());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "二〇二三年，学习《宪法》《民法典》。各部门，各单位：是否属实？这是我们的工作。\n\
         印发《通知。谢谢大家，天天向上。"
    );
}

#[test]
fn check_reports_disguised_spam_and_usage_findings_with_suggestions() {
    let o = run(
        &["check", "--format", "jsonl"],
        "首页出现百 家 乐和六*合*彩链接。二零二三年工作总结。".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let found: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let brief: Vec<(&str, &str, Option<&str>)> = found
        .iter()
        .map(|v| {
            (
                v["rule"].as_str().unwrap(),
                v["text"].as_str().unwrap(),
                v["suggestions"][0].as_str(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("obfuscated-sensitive-term", "百 家 乐", None),
            ("obfuscated-sensitive-term", "六*合*彩", None),
            ("year-with-ling", "二零二三年", Some("二〇二三年")),
        ]
    );
    assert_eq!(found[0]["kind"], "sensitive");
    assert_eq!(found[0]["char_start"], 4);
    assert_eq!(found[2]["kind"], "usage");
}
