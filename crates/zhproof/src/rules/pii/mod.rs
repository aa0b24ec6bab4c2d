//! # Personal data: identity, mobile and bank-card numbers (个人隐私)
//!
//! **What it flags** (kind `privacy`):
//!
//! | rule | what | severity |
//! | --- | --- | --- |
//! | `id-card-number` | 18-character citizen identity numbers (GB 11643-1999) with a correct check character, an existing province and a real birth date not after the reference date; legacy 15-digit numbers only right after a label such as `身份证号` | error |
//! | `mobile-number` | 11-digit mainland mobile numbers with an allocated prefix, compact or `3-4-4`, optionally after `+86`/`86`, unless labelled as a public service line (`服务热线`, `咨询电话` …) | warning |
//! | `bank-card-number` | 16–19-digit card numbers passing the Luhn check with a plausible issuer prefix, grouped `4-4-4-4…` or right after a label such as `银行卡号`, `账号`, `开户` | error |
//!
//! **Why**: lists of subsidy recipients and 公示 with full identity or phone numbers are one of
//! the most common reasons government websites fail inspection, and GB/T 35273-2020 counts
//! identity-card numbers and bank accounts as sensitive personal information. Government pages
//! are also full of other long numbers, so every candidate must pass its own checks:
//!
//! - numbers are read in one linear pass ([`scan`]): ASCII and full-width digits, separators
//!   (space or hyphen) inside a number, never a piece of a longer digit or letter run, a
//!   hyphenated serial number or a decimal;
//! - unified social credit codes (GB 32100-2015) are told apart by their own check character
//!   and their label (`统一社会信用代码`); the all-digit codes of state organs that also pass the
//!   identity checks stay quiet when labelled;
//! - amounts and counts (a currency sign before or a unit such as `元`, `万`, `人`, `%` right
//!   after the number);
//! - document numbers (`赣府厅字〔2023〕12号`), dates, amounts, statistics, landlines
//!   (`0797-8212345`), hotlines (`12345`, `400`/`800` numbers) and order or serial numbers that
//!   fail the checks are never flagged.
//!
//! **Example**: `经公示，低保对象张某，身份证号360702198506122312，联系电话13900001234。` gives
//! `id-card-number` on the identity number and `mobile-number` on the phone number.
//!
//! **What to write instead**: remove the number; where a 公示 really needs it, mask it
//! (the finding's suggestion, also applied by [`Checker::mask`](crate::Checker::mask), `zhproof
//! mask` and `zhproof fix --unsafe-fixes`): `360702********2312`, `139****1234`,
//! `621700******5670`. See [`mask`] for the forms and their sources.
//!
//! **Personal data in findings**: a finding's `message` only describes what was found
//! (“疑似公民身份号码（已隐去）…”), so logs of messages do not copy the data. Its `text` field is
//! the matched number itself (that is what a span is) and its suggestion the masked form: treat
//! full findings (JSON output) as personal data.

mod bank_card;
mod credit_code;
mod id_card;
pub mod mask;
mod phone;
mod scan;

pub use mask::mask_findings;

use crate::finding::{Applicability, Finding};
use crate::rules::{rule_meta, rule_of, Context, Family, RuleMeta};
use scan::Candidate;

/// Rule id of identity numbers.
pub const ID_CARD: &str = "id-card-number";
/// Rule id of mobile numbers.
pub const MOBILE: &str = "mobile-number";
/// Rule id of bank-card numbers.
pub const BANK_CARD: &str = "bank-card-number";

/// How many characters before a number are searched for its label.
const LABEL_WINDOW: usize = 20;

/// Labels of identity numbers (needed for the legacy 15-digit form).
const ID_LABELS: &[&str] = &["身份证", "身份号码", "证件号", "公民身份"];
/// Labels of unified social credit codes and other organisation codes (`统一社会信用代码`,
/// `组织机构代码`, `机关代码` …), looked for before and after the number.
const CODE_LABELS: &[&str] = &["代码", "纳税人识别号", "税号", "注册号"];
/// Labels of public service lines: a mobile number after one is the office's, not a person's.
const PUBLIC_LINE_LABELS: &[&str] = &[
    "热线",
    "服务电话",
    "客服",
    "咨询电话",
    "举报电话",
    "投诉电话",
    "监督电话",
    "值班电话",
    "办公电话",
    "受理电话",
    "服务号码",
    "总机",
];
/// Labels of bank cards and accounts.
const BANK_LABELS: &[&str] = &[
    "银行卡",
    "卡号",
    "账号",
    "帐号",
    "账户",
    "帐户",
    "开户",
    "借记卡",
    "信用卡",
    "储蓄卡",
];

macro_rules! privacy_why {
    () => {
        "Publishing a citizen's personal data on a government site (a list of \
    recipients, a public notice, an attachment) is a privacy leak that inspections treat as a \
    veto item, and the Personal Information Protection Law requires it to be masked. The finding's \
    message leaves the number out, so logs do not copy it; the suggestion is the masked form \
    (`zhproof mask`), an unsafe fix because only a human can say whether the number is personal. \
    "
    };
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: BANK_CARD,
        family: "pii",
        kind: Privacy,
        severity: Error,
        summary: "银行卡号（Luhn 校验通过、发卡机构号段合理，且有上下文或 4-4-4-4 分组）",
        explanation: concat!(privacy_why!(), "A bank-card number is reported when its \
            Luhn check digit is right, its issuer prefix is plausible and a label (银行卡, 账号) \
            or 4-4-4-4 grouping says it is a card. Mask it: 621700******5670."),
        source: "ISO/IEC 7812-1（发卡机构标识号、Luhn 校验位）；GB/T 35273-2020《信息安全技术 个人信息安全规范》附录B（银行账户属个人敏感信息）",
        fires: ["收款账号：6217 0000 1234 5670。"],
        quiet: ["订单号 6217000012345671。"],
    },
    rule_meta! {
        id: ID_CARD,
        family: "pii",
        kind: Privacy,
        severity: Error,
        summary: "公民身份号码（校验码、省级行政区划代码、出生日期均有效）",
        explanation: concat!(privacy_why!(), "An identity number is reported when its \
            check digit, province code and birth date (not after the reference date) are valid. \
            Mask it: keep the first six and last four characters."),
        source: "GB 11643-1999《公民身份号码》；GB/T 2260《中华人民共和国行政区划代码》；GB/T 35273-2020 附录B（身份证件号码属个人敏感信息）",
        fires: ["身份证号：11010519491231002X。"],
        quiet: ["文号：110105194912310021。"],
    },
    rule_meta! {
        id: MOBILE,
        family: "pii",
        kind: Privacy,
        severity: Warning,
        summary: "个人手机号码（已分配的移动网号段，公共服务热线除外）",
        explanation: concat!(privacy_why!(), "A mobile number is reported when it has \
            an allocated prefix; service hotlines (12345, 95xxx) and numbers a text labels as an \
            office line stay quiet. Mask it: 139****1234."),
        source: "工业和信息化部《电信网编号计划（2017年版）》及其后号段分配；GB/T 35273-2020 附录A（个人电话号码属个人信息）",
        fires: ["联系人：张三，电话13812345678。"],
        quiet: ["政务服务热线：12345。"],
    },
];

/// The personal-data family.
#[derive(Debug)]
pub(crate) struct Pii;

impl Pii {
    pub(crate) fn new() -> Pii {
        Pii
    }

    fn rule(&self, id: &str) -> &'static RuleMeta {
        rule_of(RULES, id)
    }
}

/// Line breaks and sentence ends: labels do not reach across them.
fn is_stop(c: char) -> bool {
    matches!(c, '\n' | '\r' | '。' | '；' | ';' | '！' | '？' | '!' | '?')
}

/// Up to [`LABEL_WINDOW`] characters before byte `start`, cut after the last line break or
/// sentence end.
fn before(text: &str, start: usize) -> &str {
    let head = &text[..start];
    let mut from = start;
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n == LABEL_WINDOW || is_stop(c) {
            break;
        }
        from = i;
    }
    &head[from..]
}

/// Up to [`LABEL_WINDOW`] characters after byte `end`, cut before the first line break or
/// sentence end.
fn after(text: &str, end: usize) -> &str {
    let tail = &text[end..];
    let cut = tail
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == LABEL_WINDOW || is_stop(c))
        .map_or(tail.len(), |(_, (i, _))| i);
    &tail[..cut]
}

fn labelled(window: &str, labels: &[&str]) -> bool {
    labels.iter().any(|l| window.contains(l))
}

/// The 11 digits of a mobile number written as `c`, if its layout is one a phone number takes.
fn mobile_digits(c: &Candidate) -> Option<&[u8]> {
    let v = c.value.as_slice();
    let after_86 = v.starts_with(b"86").then(|| &v[2..]);
    let after_0086 = v.starts_with(b"0086").then(|| &v[4..]);
    match c.layout.as_slice() {
        [11] | [3, 4, 4] | [7, 4] => Some(v),
        [13] | [2, 11] | [2, 3, 4, 4] | [2, 7, 4] => after_86,
        [15] | [4, 11] | [4, 3, 4, 4] | [4, 7, 4] => after_0086,
        _ => None,
    }
}

/// `4-4-4-4`, `4-4-4-4-3` …: the grouping printed on cards.
fn card_grouping(layout: &[usize]) -> bool {
    match layout.split_last() {
        Some((last, rest)) => {
            rest.len() >= 3 && rest.iter().all(|&n| n == 4) && (1..=4).contains(last)
        }
        None => false,
    }
}

/// Whether the number at `span` is a quantity: a currency sign right before it, or a unit of
/// money or count right after it (`13500000000元`, `￥6217000012345670`). When `masking`, only
/// the currency sign counts: a unit after a number does not keep it from being masked.
fn quantity(text: &str, span: &std::ops::Range<usize>, masking: bool) -> bool {
    let prev = text[..span.start].chars().next_back();
    let next = text[span.end..].chars().next().filter(|_| !masking);
    prev.is_some_and(|c| matches!(c, '¥' | '￥' | '$' | '＄' | '€' | '£'))
        || next.is_some_and(|c| {
            matches!(
                c,
                '元' | '角'
                    | '分'
                    | '万'
                    | '亿'
                    | '千'
                    | '百'
                    | '%'
                    | '％'
                    | '‰'
                    | '人'
                    | '户'
                    | '吨'
                    | '次'
                    | '件'
                    | '个'
                    | '台'
                    | '辆'
                    | '名'
                    | '册'
                    | '份'
                    | '笔'
                    | '美'
                    | '欧'
                    | '港'
                    | '英'
                    | '日'
                    | '韩'
            )
        })
}

/// Which rule, if any, `c` falls under in `cx`.
/// The shortest number any rule takes: an 11-digit mobile number. Shorter candidates (years,
/// counts) are not even built.
const MIN_LEN: usize = 11;

fn classify(cx: &Context<'_>, c: &Candidate) -> Option<&'static str> {
    let v = c.value.as_slice();
    if v.len() < MIN_LEN || quantity(cx.text, &c.span, cx.masking) {
        return None;
    }
    let window = || before(cx.text, c.span.start);
    if v.len() == 18
        && credit_code::is_valid(v)
        && (labelled(window(), CODE_LABELS) || labelled(after(cx.text, c.span.end), CODE_LABELS))
    {
        return None;
    }
    let bank = || {
        v.iter().all(u8::is_ascii_digit)
            && bank_card::is_card(v)
            && (card_grouping(&c.layout) || labelled(window(), BANK_LABELS))
    };
    if id_card::is_valid_18(v, cx.as_of) {
        // About one 18-digit card number in 10^4 also passes every identity check (`账号：
        // 623329193111231500`): a bank label or card grouping, without an identity label,
        // decides.
        if bank() && !labelled(window(), ID_LABELS) {
            return Some(BANK_CARD);
        }
        return Some(ID_CARD);
    }
    if !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if id_card::is_valid_15(v, cx.as_of) && labelled(window(), ID_LABELS) {
        return Some(ID_CARD);
    }
    if let Some(d) = mobile_digits(c) {
        return (phone::is_mobile(d) && !labelled(window(), PUBLIC_LINE_LABELS)).then_some(MOBILE);
    }
    if bank() {
        return Some(BANK_CARD);
    }
    None
}

/// The message of a finding of `rule` over `value` (the data itself never appears).
fn message(rule: &str, value: &[u8]) -> String {
    match rule {
        ID_CARD if value.len() == 15 => "疑似15位旧版公民身份号码（已隐去）：在网上公开属于个人信息泄露。应删除；确需公示的，保留前6位和后3位，其余用*遮盖。",
        ID_CARD => "疑似公民身份号码（已隐去）：在网上公开属于个人信息泄露。应删除；确需公示的，保留前6位和后4位，其余用*遮盖。",
        MOBILE => "疑似个人手机号码（已隐去）：未经本人同意公开属于个人信息泄露。应删除或改为单位办公电话；确需公示的，保留前3位和后4位，中间用*遮盖。",
        _ => "疑似银行卡号（已隐去）：在网上公开属于个人金融信息泄露。应删除；确需公示的，保留前6位和后4位，其余用*遮盖。",
    }
    .to_string()
}

impl Family for Pii {
    fn name(&self) -> &'static str {
        "pii"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        scan::candidates(cx.text, MIN_LEN, |c| {
            let Some(rule) = classify(cx, c) else {
                return false;
            };
            let mut span = c.span.clone();
            if rule == MOBILE && c.value.len() == 13 {
                // Take in the `+` of `+86`.
                if let Some(plus) = cx.text[..span.start].chars().next_back() {
                    if matches!(plus, '+' | '＋') {
                        span.start -= plus.len_utf8();
                    }
                }
            }
            let masked = mask::mask_span(rule, &cx.text[span.clone()]);
            out.push(self.rule(rule).finding(
                cx.text,
                span,
                message(rule, &c.value),
                vec![masked],
                Applicability::Unsafe,
            ));
            true
        });
    }
}

#[cfg(test)]
mod tests;
