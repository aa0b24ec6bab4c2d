//! Mainland mobile numbers: 11 digits `1XX XXXX XXXX`.
//!
//! The first three digits are a network access code (网号) allocated for public mobile
//! networks by the Ministry of Industry and Information Technology under the numbering plan
//! 《电信网编号计划（2017年版）》 and its later allocations (the 16x/17x/19x segments to the
//! three operators, China Broadnet and mobile virtual network operators). Codes reserved for
//! machine-to-machine (物联网) numbers, which are 13 digits long, satellite codes and unallocated
//! codes are left out: 140–144, 146, 148, 154, 160–161, 163–164, 168–169, 172, 174, 179, 194.

/// The three-digit prefixes of personal mobile numbers.
pub(super) const PREFIXES: &[u16] = &[
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, // 2G/3G era, all operators
    145, 147, 149, // data-card segments now also used for voice
    150, 151, 152, 153, 155, 156, 157, 158, 159, //
    162, 165, 166, 167, // 166 China Unicom; 162/165/167 virtual operators
    170, 171, 173, 175, 176, 177, 178, // 170/171 virtual operators
    180, 181, 182, 183, 184, 185, 186, 187, 188, 189, //
    190, 191, 192, 193, 195, 196, 197, 198, 199, // 192 China Broadnet
];

/// True when `d` is 11 ASCII digits with an allocated mobile prefix.
pub(super) fn is_mobile(d: &[u8]) -> bool {
    d.len() == 11
        && d.iter().all(u8::is_ascii_digit)
        && PREFIXES.contains(
            &(u16::from(d[0] - b'0') * 100 + u16::from(d[1] - b'0') * 10 + u16::from(d[2] - b'0')),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert!(is_mobile(b"13912345678"));
        assert!(is_mobile(b"19912345678"));
        assert!(!is_mobile(b"12012345678"), "12x is not mobile");
        assert!(!is_mobile(b"15412345678"), "154 is not allocated");
        assert!(!is_mobile(b"1391234567"), "10 digits");
        assert!(!is_mobile(b"1391234567X"));
    }
}
