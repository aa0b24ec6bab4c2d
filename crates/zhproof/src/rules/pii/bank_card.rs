//! Payment card numbers (银行卡号): 16–19 digits whose last digit is a Luhn check digit
//! (ISO/IEC 7812-1, Annex B) and whose first digits are an issuer identification number of a
//! scheme that issues cards in China.

/// True when the digits pass the Luhn check.
pub(super) fn luhn(d: &[u8]) -> bool {
    if d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let v = u32::from(b - b'0');
            if i % 2 == 1 {
                let w = v * 2;
                if w > 9 {
                    w - 9
                } else {
                    w
                }
            } else {
                v
            }
        })
        .sum();
    sum % 10 == 0
}

/// True when the number starts with a plausible issuer prefix (ISO/IEC 7812 IIN ranges as
/// published by the schemes): UnionPay 62 and 60/65 (shared with Discover), Visa 4,
/// Mastercard 51–55 and 2221–2720, JCB 3528–3589, and 955, the domestic 19-digit debit BINs of
/// the large Chinese banks (e.g. 9558, 95599). American Express (34/37) and Diners Club cards have
/// 15 and 14 digits and never reach 16.
pub(super) fn plausible_issuer(d: &[u8]) -> bool {
    let prefix = |n: usize| -> u32 {
        d.iter()
            .take(n)
            .fold(0, |acc, &b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
    };
    if d.len() < 4 || !d[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (p1, p2, p3, p4) = (prefix(1), prefix(2), prefix(3), prefix(4));
    p1 == 4
        || (51..=55).contains(&p2)
        || (2221..=2720).contains(&p4)
        || (3528..=3589).contains(&p4)
        || matches!(p2, 60 | 62 | 65)
        || p3 == 955
}

/// True for 16–19 digits that pass Luhn with a plausible issuer prefix.
pub(super) fn is_card(d: &[u8]) -> bool {
    (16..=19).contains(&d.len()) && luhn(d) && plausible_issuer(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_prefixes() {
        // The classic Luhn example 79927398713.
        assert!(luhn(b"79927398713"));
        assert!(!luhn(b"79927398710"));
        assert!(is_card(b"4111111111111111"));
        assert!(!is_card(b"4111111111111112"), "Luhn fails");
        assert!(!is_card(b"1111111111111117"), "prefix 1 is no card scheme");
        assert!(!is_card(b"411111111111111"), "15 digits");
    }
}
