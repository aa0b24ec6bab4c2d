//! Recall on errors that government bodies and media actually published
//! (`tests/data/published_errors.tsv`: inspection bulletins, correction notices, 《咬文嚼字》
//! annual lists, each row with its source). Each text is checked as of its own date; a row is
//! caught when a finding overlaps the reported error.
//!
//! Measured for issue 14: 16 of 61 (26%) before, 46 of 61 (75%) after round 2's first session, 47 of 61 (77%) after session 4, 49 of 61 (80%) after session 5 (a city under the
//! wrong province, 甘肃银川: `city-in-wrong-province`; protected geographic names, 黄埔江). Part of the gain is
//! general (protected-name variants, leader names, dates), part comes from typo entries taken
//! from the same 《咬文嚼字》 lists, so for those rows the set is not an independent sample (see
//! `dictionaries/sources/typos_common.txt`). The test keeps the share from falling back.
//! Rows marked `held-out` were collected after the rules were built and nothing was changed for
//! them; their share is printed apart (session 5: 1 of 12 before and after the session's changes —
//! only 帐号 caught; 检查院, 天燃气, 天河核心舱, 二十大报告精神 … missed: the 80% above does not
//! carry over to errors nobody tuned on). Session 6 solved those classes (procuratorates and
//! courts at every level, spacecraft and project names, the congress-spirit wording, word-list
//! entries): the 12 rows are now `tuned (held-out in session 5)`, counted with the tuned rows
//! (12 of 12; 61 of 73 tuned rows in all), and a new held-out set was collected after that:
//! 4 of 41 caught (9.8%) — the recall on errors nobody tuned on is still low (common typos such as
//! 严惩不怠, 一年之季, 挖墙角, word misuse, knowledge errors, a protected name two edits off:
//! 中华人民共物防疫法). Session 7 built entries for their classes (fixed words with a homophone or
//! near-shape character: 至高点, 挤身, 挖墙角, 禁鱼; words right in one context and wrong in another,
//! gated by context: 过度阶段, 侦查机, 合拢 of a bridge, 泄露 of a gas; norm forms: 综合征, 鲇鱼, 勠力同心):
//! and idiom near-misses in general (the opt-in `idioms` family: 严惩不怠): those 41 rows are now
//! `tuned (held-out in session 6)`, counted with the tuned rows (18 of 41 with the default rules,
//! 19 with `idiom-near-miss` selected; 79 of 114 tuned rows in all). A third held-out set,
//! `held-out (session 7)` (80 rows), was collected after that, blind to the rules, and checked
//! once: see `scripts/eval_published.py` and the closing note of session 7. Still missed among them: idioms jieba does not tag `i` (一年之计 is `l`, 电光石火 `n`,
//! 令人不齿 absent), word misuse (不以为然, 差强人意), knowledge errors (古稀, 航天飞机, 孔子曰)
//! and the garbled 2019 安康 notice.

use std::path::Path;

use zhproof::{Checker, Date};

/// The share of tuned rows caught must not fall below this (measured 79/114 with the default
/// rules, session 7: 49/61 of the rows tuned since session 5, 12/12 of the rows held out in
/// session 5 and 18/41 of the rows held out in session 6; 19/41 with the opt-in
/// `idiom-near-miss` selected, which catches 严惩不怠).
const MIN_CAUGHT: usize = 79;

#[test]
fn published_errors_are_caught() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/published_errors.tsv");
    let data = std::fs::read_to_string(path).expect("published_errors.tsv");
    let checker = Checker::new();
    let mut header: Option<Vec<&str>> = None;
    let (mut total, mut caught) = (0, 0);
    let mut missed = Vec::new();
    // Rows collected after the rules were built (`set` = `held-out`): reported apart.
    let (mut held_total, mut held_caught) = (0, 0);
    let mut held_missed = Vec::new();
    for line in data.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            header = Some(cells);
            continue;
        };
        let get = |name: &str| cells[h.iter().position(|c| *c == name).expect("column")];
        let (text, error, date) = (get("text"), get("error"), get("date"));
        assert!(!get("source").is_empty(), "row without a source: {line}");
        let date: Date = date.parse().expect("date");
        let start = text.find(error).expect("error inside its text");
        let end = start + error.len();
        let hit = checker
            .check_as_of(text, date)
            .iter()
            .any(|f| f.byte_start < end && start < f.byte_end);
        let (t, c, m) = match get("set") {
            // Held out in session 5 or 6, tuned on since: counted with the tuned rows.
            "tuned" | "tuned (held-out in session 5)" | "tuned (held-out in session 6)" => {
                (&mut total, &mut caught, &mut missed)
            }
            // Collected after the rules were built: `held-out (session 7)`.
            held if held.starts_with("held-out") => {
                (&mut held_total, &mut held_caught, &mut held_missed)
            }
            other => panic!("unknown set `{other}`: {line}"),
        };
        *t += 1;
        if hit {
            *c += 1;
        } else {
            m.push(error);
        }
    }
    println!("{caught}/{total} published errors caught; missed: {missed:?}");
    println!("held out (not tuned on): {held_caught}/{held_total} caught; missed: {held_missed:?}");
    assert!(total >= 110, "only {total} rows");
    assert!(
        caught >= MIN_CAUGHT,
        "{caught}/{total} caught (was {MIN_CAUGHT}); missed: {missed:?}"
    );
}
