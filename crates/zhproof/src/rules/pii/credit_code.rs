//! Unified social credit codes (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from `0-9A-HJ-NP-RTUW-Y` (no I, O, Z, S, V): registration authority, organisation
//! type, area code, organisation code and a check character, `31 - (Σ value × weight mod 31)`
//! (31 becomes 0) with weights `3^i mod 31`. Organs of state have all-digit codes such as
//! `11360700…`, which look like identity numbers; their own check character tells them apart.

/// Weights of the first 17 characters (3^i mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The alphabet, in value order.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// True when `code` (ASCII, upper case) is a well-formed code with a correct check character.
pub(super) fn is_valid(code: &[u8]) -> bool {
    if code.len() != 18 {
        return false;
    }
    let Some(sum) = code[..17]
        .iter()
        .zip(WEIGHTS)
        .try_fold(0u32, |s, (&c, w)| value(c).map(|v| s + v * w))
    else {
        return false;
    };
    let check = (31 - sum % 31) % 31;
    value(code[17]) == Some(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends the check character to 17 characters.
    fn complete(first17: &str) -> String {
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(c, w)| value(c).unwrap() * w)
            .sum();
        let c = ALPHABET[((31 - sum % 31) % 31) as usize] as char;
        format!("{first17}{c}")
    }

    #[test]
    fn check_character() {
        let code = complete("91360700MA35A0B1C");
        assert!(is_valid(code.as_bytes()), "{code}");
        let mut bad = code.into_bytes();
        bad[17] = if bad[17] == b'0' { b'1' } else { b'0' };
        assert!(!is_valid(&bad));
        assert!(!is_valid(b"91360700MA35A0BIC0"), "I is not in the alphabet");
        assert!(!is_valid(b"123"));
    }
}
