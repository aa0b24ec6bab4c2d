//! Words that are right in one context and wrong in another (`dictionaries/terms/typos.tsv`
//! rows with `only_after`/`only_before`/`not_before`), and fixed words with a homophone or
//! near-shape character (`dictionaries/sources/typos_common.txt`, session 7): each fires in the
//! context its row names and stays quiet on the real words that resemble it.

use zhproof::{Checker, Date};

fn suggestions(checker: &Checker, text: &str) -> Vec<(String, Vec<String>)> {
    checker
        .check_as_of(text, Date::new(2025, 6, 1).unwrap())
        .into_iter()
        .filter(|f| f.rule == "common-typo")
        .map(|f| (f.text.clone(), f.suggestions.clone()))
        .collect()
}

#[test]
fn context_gated_words_fire_in_their_context() {
    let checker = Checker::new();
    for (text, wrong, right) in [
        ("行业正处于过度阶段。", "过度", "过渡"),
        ("设置两年的过度期。", "过度", "过渡"),
        ("美军侦查机抵近飞行。", "侦查", "侦察"),
        ("发射一颗侦查卫星。", "侦查卫星", "侦察卫星"),
        ("大桥主桥顺利合拢。", "合拢", "合龙"),
        ("化工厂发生氯气泄露。", "泄露", "泄漏"),
        ("防止天然气泄露。", "泄露", "泄漏"),
        ("科技巨头纷纷抢占行业至高点。", "至高点", "制高点"),
        ("郑钦文挤身年终总决赛。", "挤身", "跻身"),
        ("竞争对手挖墙角。", "挖墙角", "挖墙脚"),
        ("长江流域实施禁鱼。", "禁鱼", "禁渔"),
        ("患者被确诊为抽动综合症。", "综合症", "综合征"),
        ("市场上的鲶鱼效应。", "鲶鱼", "鲇鱼"),
        ("各国戮力同心应对挑战。", "戮力同心", "勠力同心"),
    ] {
        let found = suggestions(&checker, text);
        assert!(
            found
                .iter()
                .any(|(t, s)| t == wrong && s == &[right.to_string()]),
            "{text}: expected {wrong} → {right}, got {found:?}"
        );
    }
}

#[test]
fn real_words_that_resemble_them_stay_quiet() {
    let checker = Checker::new();
    for text in [
        "不要过度期待，也不要过度开发。",
        "过渡阶段的政策保持稳定。",
        "侦查机关依法立案侦查。",
        "完善侦查机制，规范侦查机构。",
        "美军侦察机抵近飞行。",
        "他把双手合拢。",
        "大桥主桥顺利合龙。",
        "有人泄露了商业秘密，泄露个人信息将被追责。",
        "化工厂发生氯气泄漏。",
        "人群拥挤身体不适。",
        "严禁鱼塘排污。",
        "抢占行业制高点，至高无上的荣誉。",
        "长江流域实施禁渔。",
        "郑钦文跻身年终总决赛。",
    ] {
        let found = suggestions(&checker, text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}
