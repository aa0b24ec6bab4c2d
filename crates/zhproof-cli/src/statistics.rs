//! `check --statistics`: counts per rule instead of the findings, as ruff's `--statistics`.
//!
//! Text: one line per rule that fired, most frequent first (ties by rule id), giving the count,
//! the rule id, its kind, `[*]` when some of its findings have a safe fix (`zhproof fix` applies
//! it), and the rule's summary. JSON: an array of `{"rule", "kind", "count", "fixable",
//! "summary"}` in the same order.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use zhproof::rules::RuleMeta;
use zhproof::Finding;

/// One rule's count.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    /// Rule id.
    pub rule: String,
    /// Its kind.
    pub kind: String,
    /// How many findings it gave.
    pub count: usize,
    /// How many of them `zhproof fix` would fix.
    pub fixable: usize,
    /// The rule's summary (empty for a rule the registry does not list).
    pub summary: String,
}

/// Counts findings per rule.
#[derive(Debug, Default)]
pub struct Statistics {
    counts: HashMap<String, RuleCount>,
}

impl Statistics {
    /// Counts one finding.
    pub fn add(&mut self, f: &Finding) {
        let c = self
            .counts
            .entry(f.rule.clone())
            .or_insert_with(|| RuleCount {
                rule: f.rule.clone(),
                kind: f.kind.as_str().to_string(),
                count: 0,
                fixable: 0,
                summary: String::new(),
            });
        c.count += 1;
        if f.safe_fix().is_some() {
            c.fixable += 1;
        }
    }

    /// The counts, most frequent first, with summaries from `rules`.
    pub fn sorted(&self, rules: &[RuleMeta]) -> Vec<RuleCount> {
        let mut v: Vec<RuleCount> = self.counts.values().cloned().collect();
        for c in &mut v {
            if let Some(r) = rules.iter().find(|r| r.id == c.rule) {
                c.summary = r.summary.to_string();
            }
        }
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        v
    }

    /// Writes the text table.
    pub fn write_text(&self, out: &mut dyn Write, rules: &[RuleMeta]) -> io::Result<()> {
        let v = self.sorted(rules);
        let count_w = v
            .iter()
            .map(|c| c.count.to_string().len())
            .max()
            .unwrap_or(1);
        let rule_w = v.iter().map(|c| c.rule.len()).max().unwrap_or(0);
        let kind_w = v.iter().map(|c| c.kind.len()).max().unwrap_or(0);
        for c in &v {
            let mark = if c.fixable > 0 { "[*] " } else { "    " };
            writeln!(
                out,
                "{:>count_w$}  {:<rule_w$}  {:<kind_w$}  {mark}{}",
                c.count, c.rule, c.kind, c.summary
            )?;
        }
        Ok(())
    }

    /// Writes the JSON array.
    pub fn write_json(&self, out: &mut dyn Write, rules: &[RuleMeta]) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.sorted(rules))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_rule_most_frequent_first() {
        let checker = zhproof::Checker::new();
        let mut s = Statistics::default();
        for f in checker.check("会议布署。工作布署。身份证号110101199003074514。") {
            s.add(&f);
        }
        let v = s.sorted(&checker.rules());
        assert_eq!(v[0].count, 2);
        assert!(!v[0].summary.is_empty());
        assert_eq!(v.iter().map(|c| c.count).sum::<usize>(), 3);
        assert!(v.windows(2).all(|w| w[0].count >= w[1].count));
    }
}
