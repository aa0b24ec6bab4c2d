//! Behaviour of the personal-data family on whole sentences. Every number here was computed for
//! these tests (valid check characters on made-up areas, dates and sequences), not taken from
//! any person.

use crate::rules::test_util::{assert_flags, assert_quiet, findings};

use super::{BANK_CARD, ID_CARD, MOBILE};

/// A valid identity number: area 360702, born 1985-06-12, sequence 231, check 2.
const ID: &str = "360702198506122312";
/// The same with the check character `X` (sequence 107).
const ID_X: &str = "36070219850612107X";

#[test]
fn identity_numbers_with_valid_check_characters() {
    assert_flags(
        &format!("低保对象张某，身份证号{ID}，住址略。"),
        ID_CARD,
        ID,
        Some("360702********2312"),
    );
    // No label needed for the 18-character form.
    assert_flags(
        &format!("张某 {ID} 男"),
        ID_CARD,
        ID,
        Some("360702********2312"),
    );
    assert_flags(
        &format!("李某{ID_X}"),
        ID_CARD,
        ID_X,
        Some("360702********107X"),
    );
    let lower = ID_X.to_lowercase();
    assert_flags(
        &format!("李某{lower}"),
        ID_CARD,
        &lower,
        Some("360702********107x"),
    );
    // GB 11643-1999's own example.
    assert_flags(
        "号码11010519491231002X。",
        ID_CARD,
        "11010519491231002X",
        Some("110105********002X"),
    );
}

#[test]
fn identity_numbers_with_wrong_check_characters_stay_quiet() {
    for wrong in [
        "360702198506122310",
        "360702198506122313",
        "36070219850612231X",
    ] {
        assert_quiet(&format!("身份证号{wrong}"), ID_CARD);
    }
}

#[test]
fn impossible_or_future_birth_dates_stay_quiet() {
    // 2023-02-29 and 2030-01-01, each with its correct check character.
    assert_quiet("身份证号360702202302291236", ID_CARD);
    assert_quiet("身份证号360702203001011231", ID_CARD);
    // 2000-02-29 exists.
    assert_flags(
        "身份证号110105200002291235",
        ID_CARD,
        "110105200002291235",
        Some("110105********1235"),
    );
    // Province 99 does not exist (check character correct).
    assert_quiet("身份证号99070219850612231X", ID_CARD);
}

#[test]
fn birth_date_after_the_reference_date_stays_quiet() {
    use crate::{Checker, Date};
    let c = Checker::builder()
        .as_of(Date::new(1985, 6, 11).unwrap())
        .build()
        .unwrap();
    assert!(c.check(&format!("身份证号{ID}")).is_empty());
    let c = Checker::builder()
        .as_of(Date::new(1985, 6, 12).unwrap())
        .build()
        .unwrap();
    assert_eq!(c.check(&format!("身份证号{ID}")).len(), 1);
}

#[test]
fn legacy_fifteen_digits_only_when_labelled() {
    assert_flags(
        "身份证号码：360702850612123",
        ID_CARD,
        "360702850612123",
        Some("360702******123"),
    );
    assert_quiet("登记编号360702850612123", ID_CARD);
    assert_quiet("身份证号码：360702851312123", ID_CARD);
}

#[test]
fn numbers_inside_longer_runs_stay_quiet() {
    for text in [
        format!("编号1{ID}"),
        format!("编号{ID}0"),
        format!("编号AB{ID}"),
        format!("编号{ID}-01"),
        format!("订单{ID}_2"),
        "流水号139000012345".to_string(),
        "流水号2023-13900001234-01".to_string(),
        "流水号A13900001234".to_string(),
        "金额13900001234.50元".to_string(),
        "卡号62170000123456701".to_string(),
    ] {
        assert!(findings(&text, ID_CARD).is_empty(), "{text}");
        assert!(findings(&text, MOBILE).is_empty(), "{text}");
        assert!(findings(&text, BANK_CARD).is_empty(), "{text}");
    }
}

#[test]
fn full_width_digits() {
    let wide: String = ID
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    assert_flags(
        &format!("身份证号{wide}"),
        ID_CARD,
        &wide,
        Some("３６０７０２＊＊＊＊＊＊＊＊２３１２"),
    );
    assert_flags(
        "手机１３９００００１２３４",
        MOBILE,
        "１３９００００１２３４",
        Some("１３９＊＊＊＊１２３４"),
    );
}

#[test]
fn numbers_split_by_spaces_or_hyphens() {
    assert_flags(
        "身份证 360702 19850612 2312",
        ID_CARD,
        "360702 19850612 2312",
        Some("360702 ******** 2312"),
    );
    assert_flags(
        "手机139 0000 1234。",
        MOBILE,
        "139 0000 1234",
        Some("139 **** 1234"),
    );
    assert_flags(
        "手机139-0000-1234。",
        MOBILE,
        "139-0000-1234",
        Some("139-****-1234"),
    );
    assert_flags(
        "手机+86 139 0000 1234",
        MOBILE,
        "+86 139 0000 1234",
        Some("+86 139 **** 1234"),
    );
    assert_flags(
        "手机+8613900001234",
        MOBILE,
        "+8613900001234",
        Some("+86139****1234"),
    );
    assert_flags(
        "手机86-13900001234",
        MOBILE,
        "86-13900001234",
        Some("86-139****1234"),
    );
    assert_flags(
        "卡6217 0000 1234 5670",
        BANK_CARD,
        "6217 0000 1234 5670",
        Some("6217 00** **** 5670"),
    );
    assert_flags(
        "卡6217-0000-1234-5678-907",
        BANK_CARD,
        "6217-0000-1234-5678-907",
        Some("6217-00**-****-***8-907"),
    );
    // 1-3-7 is no phone layout.
    assert_quiet("电话1 390 0001234", MOBILE);
}

#[test]
fn numbers_written_to_slip_past_masking() {
    // Issue 13: `mask` left these unmasked.
    let cases = [
        ("电话139 0000-1234", "139 0000-1234", "139 ****-1234"),
        ("电话139  0000  1234", "139  0000  1234", "139  ****  1234"),
        ("电话139\t0000\t1234", "139\t0000\t1234", "139\t****\t1234"),
        (
            "电话139\u{200B}0000\u{200B}1234",
            "139\u{200B}0000\u{200B}1234",
            "139\u{200B}****\u{200B}1234",
        ),
        ("电话139 0000\n1234", "139 0000\n1234", "139 ****\n1234"),
        ("电话1390000 1234", "1390000 1234", "139**** 1234"),
        (
            "电话0086-13900001234",
            "0086-13900001234",
            "0086-139****1234",
        ),
    ];
    for (text, flagged, masked) in cases {
        assert_flags(text, MOBILE, flagged, Some(masked));
    }
    // Two line breaks end a paragraph: not one number.
    assert_quiet("电话139\n\n0000 1234", MOBILE);
}

#[test]
fn several_numbers_in_a_list() {
    let text = "联系人：张某 13900001234 李某 13900005678，王某13900009012";
    let f = findings(text, MOBILE);
    let got: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(got, ["13900001234", "13900005678", "13900009012"]);
    let f = findings("13900001234 13900005678", MOBILE);
    assert_eq!(f.len(), 2, "{f:#?}");
}

#[test]
fn mobile_prefixes_and_public_lines() {
    assert_flags(
        "联系电话：13900001234",
        MOBILE,
        "13900001234",
        Some("139****1234"),
    );
    assert_flags(
        "联系电话：19200001234",
        MOBILE,
        "19200001234",
        Some("192****1234"),
    );
    assert_quiet("编号12000001234", MOBILE);
    assert_quiet("编号15400001234", MOBILE);
    assert_quiet("编号10000001234", MOBILE);
    for text in [
        "服务热线：13900001234",
        "举报电话13900001234。",
        "政务服务便民热线12345",
        "办公室电话0797-8212345",
        "咨询电话：400-800-1234",
        "客服电话800-820-1234",
        "传真0797-82123456",
    ] {
        assert!(findings(text, MOBILE).is_empty(), "{text}");
    }
    // The label belongs to its sentence only.
    assert_flags(
        "服务热线12345。张某13900001234",
        MOBILE,
        "13900001234",
        Some("139****1234"),
    );
}

#[test]
fn bank_cards_need_luhn_prefix_and_context_or_grouping() {
    assert_flags(
        "开户银行：某银行，账号：6217000012345670",
        BANK_CARD,
        "6217000012345670",
        Some("621700******5670"),
    );
    assert_flags(
        "银行卡号9558800001234567897",
        BANK_CARD,
        "9558800001234567897",
        Some("955880*********7897"),
    );
    assert_quiet("编号6217000012345670", BANK_CARD);
    assert_quiet("账号6217000012345671", BANK_CARD);
    assert_quiet("账号1111111111111117", BANK_CARD);
    assert_quiet("账号 1111 1111 1111 1117", BANK_CARD);
    assert_quiet("6217 0000 1234 5671", BANK_CARD);
}

#[test]
fn a_number_valid_both_as_card_and_identity_goes_by_its_label() {
    // Luhn-valid with a UnionPay prefix, and also area 623329, born 1931-11-23, sequence 150,
    // check 8 (found by the `valid_cards_and_phones_are_found` property).
    let both = "623329193111231508";
    let masked = Some("623329********1508");
    assert_flags(&format!("账号：{both}"), BANK_CARD, both, masked);
    assert_flags(&format!("身份证号：{both}"), ID_CARD, both, masked);
    assert_flags(&format!("身份证号（账号）：{both}"), ID_CARD, both, masked);
    assert_flags(&format!("编号{both}"), ID_CARD, both, masked);
}

#[test]
fn credit_codes_are_not_identity_numbers() {
    // Valid as a credit code and as an identity number (province 12, born 1980-01-01).
    let both = "121101198001010590";
    assert_quiet(&format!("统一社会信用代码：{both}"), ID_CARD);
    assert_quiet(&format!("统一社会信用代码 {both} 单位名称"), BANK_CARD);
    assert_quiet(&format!("机关代码{both}"), ID_CARD);
    assert_quiet(&format!("{both}（统一社会信用代码）"), ID_CARD);
    // Unlabelled, it is read as what it also is: an identity number.
    assert_flags(
        &format!("张某{both}"),
        ID_CARD,
        both,
        Some("121101********0590"),
    );
    for code in [
        "91360700MA35A0B1C9",
        "11360700014500000L",
        "12360702491234567E",
    ] {
        let text = format!("统一社会信用代码：{code}");
        assert!(findings(&text, ID_CARD).is_empty(), "{code}");
        let text = format!("机构{code}");
        assert!(findings(&text, ID_CARD).is_empty(), "{code}");
    }
}

#[test]
fn document_numbers_dates_amounts_stay_quiet() {
    for text in [
        "赣府厅字〔2023〕12号",
        "国办发〔2019〕47号文件",
        "2023年5月12日，20230512",
        "2023-05-12 14:30:00",
        "全年地区生产总值13900.12亿元，增长5.4%。",
        "总投资139,000,012,345元",
        "共计13900001234.56元",
        "财政收入13500000000元，覆盖13900001234人",
        "转入￥6217000012345670，账号金额6217000012345670元",
        "银行卡号 6217 0000 1234 5670元",
        "统计用区划代码360702001001，邮编341000",
        "标准号GB/T 35273-2020、GB 11643-1999",
    ] {
        let f: Vec<_> = crate::rules::test_util::checker()
            .check(text)
            .into_iter()
            .filter(|f| f.kind == crate::Kind::Privacy)
            .collect();
        assert!(f.is_empty(), "{text}: {f:#?}");
    }
}

#[test]
fn messages_never_contain_the_data() {
    let text = format!("身份证号{ID}，手机139 0000 1234，账号6217000012345670");
    let f = crate::rules::test_util::checker().check(&text);
    assert_eq!(f.len(), 3, "{f:#?}");
    for f in &f {
        let digits: String = f.text.chars().filter(char::is_ascii_digit).collect();
        assert!(!f.message.contains(&f.text), "{}", f.message);
        assert!(
            !f.message.contains(&digits[digits.len() - 4..]),
            "{}",
            f.message
        );
        assert!(f.message.contains("已隐去"), "{}", f.message);
    }
}

#[test]
fn masking_the_whole_text() {
    let c = crate::rules::test_util::checker();
    let text = format!("身份证号{ID}，手机139 0000 1234，账号6217000012345670，热线12345。");
    let masked = c.mask(&text);
    assert_eq!(
        masked,
        "身份证号360702********2312，手机139 **** 1234，账号621700******5670，热线12345。"
    );
    assert_eq!(masked.chars().count(), text.chars().count());
    assert_eq!(
        c.mask(&masked),
        masked,
        "masked text has nothing left to mask"
    );
}

#[test]
fn masking_takes_a_number_followed_by_a_unit() {
    // Issue 13: `13912345678元` and an identity number before `人` passed `check` as amounts
    // and counts, so `mask` left them in clear. `check` still reads them as quantities.
    let c = crate::rules::test_util::checker();
    let text = format!("联系13912345678元，{ID}人。");
    assert!(c
        .check(&text)
        .iter()
        .all(|f| f.kind != crate::Kind::Privacy));
    assert_eq!(c.mask(&text), "联系139****5678元，360702********2312人。");
    // A currency sign before the number still makes it an amount.
    assert_eq!(c.mask("￥13912345678"), "￥13912345678");
}

mod properties {
    //! Random digit strings of every length: never panic, flagged only when an independent
    //! reference check passes.
    use proptest::prelude::*;

    use crate::rules::pii::{BANK_CARD, ID_CARD, MOBILE};
    use crate::{Checker, Date, Kind};

    /// Reference check for identity numbers, written apart from `id_card.rs`: the ISO 7064
    /// MOD 11-2 check by its definition (Σ aᵢ·2^(17−i) ≡ 1 mod 11 over all 18 characters).
    fn reference_id(s: &str, as_of: Date) -> bool {
        let cs: Vec<char> = s.chars().collect();
        if cs.len() != 18 {
            return false;
        }
        let mut sum = 0u64;
        for (i, c) in cs.iter().enumerate() {
            let v = match c {
                '0'..='9' => u64::from(*c as u8 - b'0'),
                'X' | 'x' if i == 17 => 10,
                _ => return false,
            };
            sum += v * (1u64 << (17 - i)) % 11;
        }
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().unwrap();
        let province_ok = matches!(n(0, 2), 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83);
        sum % 11 == 1
            && province_ok
            && n(6, 10) >= 1900
            && Date::new(n(6, 10) as i32, n(10, 12), n(12, 14)).is_some_and(|d| d <= as_of)
    }

    /// Reference mobile check: 1 followed by 3–9, minus the codes `phone.rs` documents as not
    /// allocated to personal mobile numbers (written here as the complement of its list).
    fn reference_mobile(core: &str) -> bool {
        const NOT_PERSONAL: [&str; 17] = [
            "140", "141", "142", "143", "144", "146", "148", "154", "160", "161", "163", "164",
            "168", "169", "172", "174", "179",
        ];
        core.len() == 11
            && core.bytes().all(|b| b.is_ascii_digit())
            && core.starts_with('1')
            && (b'3'..=b'9').contains(&core.as_bytes()[1])
            && !NOT_PERSONAL.contains(&&core[..3])
            && &core[..3] != "194"
    }

    /// Reference issuer check, by string prefixes.
    fn reference_issuer(s: &str) -> bool {
        let p4: u32 = s[..4].parse().unwrap();
        ["4", "51", "52", "53", "54", "55", "60", "62", "65", "955"]
            .iter()
            .any(|p| s.starts_with(p))
            || (2221..=2720).contains(&p4)
            || (3528..=3589).contains(&p4)
    }

    /// Reference Luhn check: doubling every second digit from the right.
    fn reference_luhn(s: &str) -> bool {
        let ds: Vec<u32> = s.chars().rev().map(|c| c.to_digit(10).unwrap()).collect();
        let total: u32 = ds
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 1 {
                    (d * 2) / 10 + (d * 2) % 10
                } else {
                    d
                }
            })
            .sum();
        total % 10 == 0
    }

    fn checker() -> Checker {
        Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .select([crate::Selector::Kind(Kind::Privacy)])
            .build()
            .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_digit_strings(
            digits in proptest::collection::vec(0u8..10, 0..40),
            x in any::<bool>(),
            label in prop::sample::select(vec!["", "身份证号", "手机", "账号", "编号"]),
        ) {
            let mut s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            if x && !s.is_empty() {
                s.pop();
                s.push('X');
            }
            let text = format!("{label}{s}。");
            let c = checker();
            let found = c.check(&text);
            let masked = c.mask(&text);
            prop_assert_eq!(masked.chars().count(), text.chars().count());
            prop_assert!(found.len() <= 1, "{:?}", found);
            for f in &found {
                prop_assert_eq!(&f.text, &s);
                match f.rule.as_str() {
                    ID_CARD if s.len() == 18 => prop_assert!(reference_id(&s, Date::new(2025, 6, 1).unwrap())),
                    ID_CARD => prop_assert!(s.len() == 15 && label == "身份证号"),
                    MOBILE => {
                        let core = if s.len() == 13 { &s[2..] } else { &s[..] };
                        prop_assert!(s.len() == 11 || (s.len() == 13 && s.starts_with("86")));
                        prop_assert!(reference_mobile(core), "{}", core);
                    }
                    BANK_CARD => {
                        prop_assert!((16..=19).contains(&s.len()) && reference_luhn(&s) && label == "账号");
                        prop_assert!(reference_issuer(&s), "{}", s);
                    }
                    other => prop_assert!(false, "unexpected rule {other}"),
                }
                prop_assert!(!f.message.contains(&s));
            }
            // And the converse: what passes the reference checks is found.
            let as_of = Date::new(2025, 6, 1).unwrap();
            if s.len() == 18 && reference_id(&s, as_of) {
                prop_assert_eq!(found.len(), 1);
            } else if s.len() == 11 && reference_mobile(&s) {
                prop_assert_eq!(found.len(), 1);
            } else if label == "账号" && (16..=19).contains(&s.len()) && !s.contains('X')
                && reference_luhn(&s) && reference_issuer(&s) {
                prop_assert_eq!(found.len(), 1);
            }
        }

        #[test]
        fn arbitrary_text_never_panics_and_masking_keeps_length(s in "\\PC{0,60}") {
            let c = checker();
            let found = c.check(&s);
            for f in &found {
                prop_assert!(s.is_char_boundary(f.byte_start) && s.is_char_boundary(f.byte_end));
            }
            prop_assert_eq!(c.mask(&s).chars().count(), s.chars().count());
        }

        #[test]
        fn valid_cards_and_phones_are_found(
            prefix in prop::sample::select(vec!["4", "51", "55", "2221", "2720", "3528", "60", "62", "65", "955"]),
            body in proptest::collection::vec(0u8..10, 20),
            len in 16usize..=19,
        ) {
            let mut s: String = prefix.to_string();
            s.extend(body.iter().map(|d| char::from(b'0' + d)).take(len - 1 - prefix.len()));
            let check = (0..10).map(|c| format!("{s}{c}")).find(|n| reference_luhn(n)).unwrap();
            let c = checker();
            let f = c.check(&format!("账号：{check}"));
            prop_assert_eq!(f.len(), 1);
            prop_assert_eq!(&f[0].rule, BANK_CARD);
            let grouped: Vec<String> = check.as_bytes().chunks(4).map(|g| String::from_utf8(g.to_vec()).unwrap()).collect();
            let grouped = grouped.join(" ");
            let f = c.check(&format!("转账 {grouped}。"));
            prop_assert_eq!(f.len(), 1);
            prop_assert_eq!(&f[0].text, &grouped);
            let unlabelled = c.check(&format!("编号{check}"));
            if check.len() == 18 && reference_id(&check, Date::new(2025, 6, 1).unwrap()) {
                // Also a valid identity number, which needs no label.
                prop_assert_eq!(unlabelled.len(), 1);
                prop_assert_eq!(&unlabelled[0].rule, ID_CARD);
            } else {
                prop_assert!(unlabelled.is_empty(), "no label, no grouping");
            }
            let masked = c.mask(&grouped);
            prop_assert_eq!(masked.chars().count(), grouped.chars().count());
            prop_assert_eq!(masked.chars().filter(|&x| x == '*').count(), len - 10);
            // A phone number from the same digits, where its prefix is a personal one.
            let phone = format!("1{}", &check[..10]);
            let f = c.check(&format!("手机{phone}"));
            prop_assert_eq!(f.len(), usize::from(reference_mobile(&phone)));
        }

        #[test]
        fn valid_identity_numbers_are_always_found(
            area in prop::sample::select(vec!["110105", "360702", "440305", "650102", "810000"]),
            days in 0i64..(55 * 365),
            seq in 0u32..1000,
        ) {
            let birth = Date::from_unix_days(days - 20 * 365);
            let first17 = format!("{area}{:04}{:02}{:02}{seq:03}", birth.year(), birth.month(), birth.day());
            let check = (0..=10u64).find(|&c| {
                let s = if c == 10 { format!("{first17}X") } else { format!("{first17}{c}") };
                reference_id(&s, Date::new(2025, 6, 1).unwrap())
            });
            let c = check.expect("one check character fits");
            let id = if c == 10 { format!("{first17}X") } else { format!("{first17}{c}") };
            let found = checker().check(&format!("公示：{id}"));
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(&found[0].rule, ID_CARD);
        }
    }
}
