//! # Cities placed under the wrong province
//!
//! **What it flags** (`city-in-wrong-province`): a province's name written right before a
//! prefecture-level city, autonomous prefecture, 地区 or 盟 of another province: `甘肃银川` (银川 is
//! in 宁夏), `山西西安` (西安 is in 陕西), `河北省济南市`.
//!
//! **Why**: a place put in the wrong province is a factual error in a published text; 《咬文嚼字》
//! listed `甘肃银川` among the ten language errors of 2021, and inspections count wrong place
//! names as serious expression errors (严重表述错误).
//!
//! **Example**: `甘肃银川新增本土病例` → `city-in-wrong-province` on `甘肃银川`, suggestion
//! `宁夏银川`.
//!
//! **What to write instead**: the city's own province (or the city that was meant).
//!
//! **Not flagged**: a correct pair; a name that is also a county-level unit or another place of
//! the written province (`吉林朝阳` for 长春市朝阳区, `广西兴安` for 兴安县, `甘肃黑河` for the
//! river); a unit's former province before it moved (`广东海口` before 1988-04-13); names that are
//! also common words (日照, 来宾, 长治) unless written with their suffix (`四川日照市`); a
//! street or association named after the city (`…南京路`, `…温州商会`); and a pair that cuts
//! through a word (`新疆长治久安`, `台湾北海岸`). Municipalities and SARs are not taken as
//! prefixes: their streets and districts carry other cities' names (上海南京路, 北京朝阳).
//!
//! **Data**: `dictionaries/rules/prefecture_cities.tsv` (民政部 register, checked against the 2023
//! statistical division codes; columns in its header).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{rule_meta, Context, Family, List, RuleMeta};
use crate::segment;

const TABLE: &str = crate::embedded::RULES_PREFECTURE_CITIES_TSV;

/// Provinces and autonomous regions: short and full name. Municipalities and SARs are left out
/// (see the module docs).
const PROVINCES: &[(&str, &str)] = &[
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("内蒙古", "内蒙古自治区"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("广西", "广西壮族自治区"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("西藏", "西藏自治区"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
];

/// What may follow a city's name when the pair names something else: a street, an association
/// or a native-place label of people from that city living in another province.
const NOT_BEFORE: &[&str] = &[
    "路",
    "街",
    "巷",
    "胡同",
    "大道",
    "大街",
    "商会",
    "会馆",
    "同乡会",
    "籍",
    "老乡",
];

/// One row of the table.
#[derive(Debug)]
struct City {
    name: &'static str,
    full: &'static str,
    province: usize,
    strict: bool,
    also: Vec<usize>,
    /// Provinces it belonged to before the date.
    former: Option<(Vec<usize>, Date)>,
}

#[derive(Debug)]
struct Index {
    /// Patterns: every short name, then every full name (pattern `i` is province `i % n`),
    /// matched by the shared scan ([`List::Provinces`]).
    provinces: Vec<&'static str>,
    cities: HashMap<&'static str, City>,
    /// Longest city name, in characters.
    max_chars: usize,
}

fn province(name: &str) -> Option<usize> {
    PROVINCES.iter().position(|(short, _)| *short == name)
}

fn provinces(list: &str, file: &str, line: usize) -> Vec<usize> {
    list.split('|')
        .filter(|s| !s.is_empty())
        .map(|s| province(s).unwrap_or_else(|| panic!("{file}:{line}: unknown province `{s}`")))
        .collect()
}

fn index() -> Index {
    const FILE: &str = "prefecture_cities.tsv";
    const COLUMNS: [&str; 8] = [
        "city", "full", "province", "strict", "also", "former", "note", "source",
    ];
    let table = crate::tsv::read(FILE, TABLE, &COLUMNS)
        .and_then(|t| t.require(FILE, &COLUMNS).map(|()| t))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut cities = HashMap::new();
    for (line, cells) in &table.rows {
        let cell = |c| table.cell(cells, c);
        let former = (!cell("former").is_empty()).then(|| {
            let (list, date) = cell("former")
                .split_once('@')
                .unwrap_or_else(|| panic!("{FILE}:{line}: former must read province@date"));
            let date: Date = date
                .parse()
                .unwrap_or_else(|_| panic!("{FILE}:{line}: bad date `{date}`"));
            (provinces(list, FILE, *line), date)
        });
        let city = City {
            name: cell("city"),
            full: cell("full"),
            province: provinces(cell("province"), FILE, *line)[0],
            strict: cell("strict") == "yes",
            also: provinces(cell("also"), FILE, *line),
            former,
        };
        assert!(
            city.full.starts_with(city.name) && !cell("source").is_empty(),
            "{FILE}:{line}: the full name must start with the name, and a source is required"
        );
        let name = city.name;
        assert!(
            cities.insert(name, city).is_none(),
            "{FILE}:{line}: `{name}` listed twice"
        );
    }
    let patterns: Vec<&str> = PROVINCES
        .iter()
        .map(|p| p.0)
        .chain(PROVINCES.iter().map(|p| p.1))
        .collect();
    Index {
        provinces: patterns,
        max_chars: cities.keys().map(|k| k.chars().count()).max().unwrap_or(0),
        cities,
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(index);

/// The pattern list of [`List::Provinces`]: the provinces' short names, then their full names.
pub(crate) fn patterns() -> Vec<&'static str> {
    INDEX.provinces.clone()
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "city-in-wrong-province",
    family: "city_province",
    kind: Expression,
    severity: Error,
    summary: "a city written after the name of a province it does not belong to (甘肃银川, \
        山西西安)",
    explanation: "Putting a city in the wrong province (甘肃银川 for 宁夏银川, one of \
        《咬文嚼字》's ten errors of 2021; 山西西安 for 陕西西安) is a factual error that \
        inspections count as a serious expression error. Every prefecture-level unit is checked \
        against the province written right before it; names that are also another place of \
        that province, or common words (日照, 来宾) without their suffix, stay quiet. Write the \
        city's own province.",
    source: "dictionaries/rules/prefecture_cities.tsv (民政部《中华人民共和国行政区划简册》; \
        国家统计局统计用区划代码 2023)",
    fires: ["甘肃银川新增本土病例。", "山西西安是十三朝古都。", "河北省济南市召开会议。"],
    quiet: [
        "宁夏银川新增本土病例。",
        "陕西西安是十三朝古都。",
        "确保新疆长治久安。",
        "吉林朝阳区。",
        "四川日照充足。"
    ],
}];

/// The city-province family.
#[derive(Debug)]
pub(crate) struct CityProvince {
    meta: &'static RuleMeta,
}

impl CityProvince {
    pub(crate) fn new() -> CityProvince {
        CityProvince { meta: &RULES[0] }
    }
}

/// The city whose name starts `text`, the longest one.
///
/// Only the first `max_chars` characters of `text` are read (it is the rest of the whole text:
/// counting all of its characters per province name made the family quadratic).
fn city_at<'a>(ix: &'a Index, text: &str) -> Option<&'a City> {
    let mut longest = None;
    for (i, c) in text.char_indices().take(ix.max_chars) {
        if let Some(city) = ix.cities.get(&text[..i + c.len_utf8()]) {
            longest = Some(city);
        }
    }
    longest
}

impl Family for CityProvince {
    fn name(&self) -> &'static str {
        "city_province"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        if text.is_ascii() {
            return;
        }
        let ix = &*INDEX;
        let n = PROVINCES.len();
        for (ps, pe, k) in leftmost_longest(cx.occurrences(List::Provinces), 0) {
            let (p, full) = (k % n, k >= n);
            let Some(city) = city_at(ix, &text[pe..]) else {
                continue;
            };
            if city.province == p
                || city.also.contains(&p)
                || city
                    .former
                    .as_ref()
                    .is_some_and(|(list, until)| cx.as_of < *until && list.contains(&p))
            {
                continue;
            }
            let ce = pe + city.name.len();
            let after = &text[ce..];
            let rest = &city.full[city.name.len()..];
            let suffix = [rest, "市", "州"]
                .into_iter()
                .find(|s| !s.is_empty() && after.starts_with(s));
            if (city.strict && suffix.is_none())
                || (suffix.is_none() && NOT_BEFORE.iter().any(|w| after.starts_with(w)))
            {
                continue;
            }
            let end = ce + suffix.map_or(0, str::len);
            if segment::cuts_through_word(text, ps, pe) || segment::cuts_through_word(text, pe, end)
            {
                continue;
            }
            let right = PROVINCES[city.province];
            let written = PROVINCES[p];
            let replacement = if full { right.1 } else { right.0 };
            out.push(self.meta.finding(
                text,
                ps..ce,
                format!(
                    "{}属于{}，不属于{}：“{}”应为“{replacement}{}”（或核对城市名）。",
                    city.full,
                    right.1,
                    written.1,
                    &text[ps..ce],
                    city.name
                ),
                vec![format!("{replacement}{}", city.name)],
                Applicability::Unsafe,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{assert_flags, assert_quiet};
    use crate::{Checker, Selector};

    const RULE: &str = "city-in-wrong-province";

    #[test]
    fn the_table_loads_every_prefecture() {
        let ix = &*INDEX;
        // 333 prefecture-level units less 吉林市 and 海南藏族自治州, plus five county-level units
        // under their province directly.
        assert_eq!(ix.cities.len(), 331 + 5);
        assert_eq!(PROVINCES[ix.cities["银川"].province].0, "宁夏");
        assert_eq!(PROVINCES[ix.cities["延边"].province].0, "吉林");
    }

    #[test]
    fn a_city_after_another_province_fires() {
        for (text, flagged, right) in [
            ("甘肃银川新增本土病例。", "甘肃银川", "宁夏银川"),
            ("山西西安是十三朝古都。", "山西西安", "陕西西安"),
            ("陕西太原市迎来降雪。", "陕西太原", "山西太原"),
            ("河北省济南市召开会议。", "河北省济南", "山东省济南"),
            ("江苏台州的企业。", "江苏台州", "浙江台州"),
            ("浙江泰州市的企业。", "浙江泰州", "江苏泰州"),
            ("湖南恩施土家族苗族自治州。", "湖南恩施", "湖北恩施"),
            ("广东日照市的游客。", "广东日照", "山东日照"),
            ("广西壮族自治区黔南州。", "广西壮族自治区黔南", "贵州省黔南"),
            ("四川凉山州、贵州大理州。", "贵州大理", "云南大理"),
        ] {
            assert_flags(text, RULE, flagged, Some(right));
        }
    }

    #[test]
    fn a_city_is_read_from_a_few_characters_wherever_the_text_ends() {
        // At the very end of the text, before a long text, and the longest name first
        // (克孜勒苏柯尔克孜 holds no shorter name; 黔南 is read whole, not as 黔).
        let long = "的企业".repeat(5_000);
        for text in [
            "甘肃银川".to_string(),
            format!("甘肃银川{long}"),
            format!("{long}。甘肃银川"),
        ] {
            assert_flags(&text, RULE, "甘肃银川", Some("宁夏银川"));
        }
        assert_flags("广西黔南", RULE, "广西黔南", Some("贵州黔南"));
        assert_quiet("甘肃银", RULE);
    }

    #[test]
    fn correct_pairs_other_places_and_words_stay_quiet() {
        for text in [
            "宁夏银川新增本土病例。",
            "陕西西安、山西太原、甘肃兰州。",
            "宁夏回族自治区银川市。",
            "吉林长春、吉林延边。",
            // The same name is another place of the written province.
            "吉林朝阳区。",
            "广西兴安县灵渠。",
            "黑龙江大同区。",
            "甘肃黑河流域综合治理。",
            "内蒙古大兴安岭林区。",
            // Common words without the suffix.
            "四川日照充足。",
            "欢迎湖北来宾莅临指导。",
            "确保新疆长治久安。",
            "台湾北海岸风光。",
            "云南白银产量。",
            // Streets and associations named after a city.
            "湖北南京路小学。",
            "河南温州商会成立。",
            // Words that contain a province's name.
            "浙江西湖景区。",
            "黄河南岸。",
            // Municipalities are not taken as prefixes.
            "上海南京路步行街。",
            "北京朝阳区。",
        ] {
            assert_quiet(text, RULE);
        }
    }

    #[test]
    fn a_former_province_is_right_before_the_move() {
        let check = |text: &str, date: Date| {
            Checker::builder()
                .as_of(date)
                .select([Selector::Rule(RULE.into())])
                .build()
                .unwrap()
                .check(text)
        };
        let text = "广东海口市召开会议。";
        assert!(check(text, Date::new(1987, 6, 1).unwrap()).is_empty());
        let f = check(text, Date::new(1990, 6, 1).unwrap());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestions, ["海南海口"]);
    }
}
