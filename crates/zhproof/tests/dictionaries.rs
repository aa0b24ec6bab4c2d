//! Every embedded dictionary entry fires on its `fire` example and stays quiet on its `quiet`
//! example, and every embedded file is valid, sourced and free of conflicts.

use zhproof::{rules::example_problems, Checker};

#[test]
fn embedded_dictionaries_parse_and_merge() {
    let checker = Checker::new();
    assert!(!checker.entries().is_empty());
    for e in checker.entries() {
        assert!(!e.source.trim().is_empty(), "{}: no source", e.origin);
    }
}

#[test]
fn every_entry_fires_and_stays_quiet_on_its_examples() {
    let checker = Checker::new();
    let mut problems = Vec::new();
    for e in checker.entries() {
        for p in example_problems(&checker, e) {
            problems.push(format!("{}: {p}", e.origin));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn example_problems_detects_a_broken_entry() {
    // An entry whose fire example does not contain it, and whose quiet example does.
    let tsv = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tfire\tquiet\n\
               测试错词\t测试对词\ttypo\ttest-rule\twarning\tn\ts\t没有这个词。\t有测试错词。\n";
    let checker = Checker::builder()
        .dictionary_str("t.tsv", tsv)
        .build()
        .unwrap();
    let e = checker
        .entries()
        .iter()
        .find(|e| e.term == "测试错词")
        .unwrap();
    let p = example_problems(&checker, e);
    assert_eq!(p.len(), 2, "{p:?}");
}
