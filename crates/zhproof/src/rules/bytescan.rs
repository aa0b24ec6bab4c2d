//! Byte-level prefilters: finding the few places of a text a family cares about without
//! decoding every character.
//!
//! [`for_each_position`] tests a predicate at every byte offset, 64 offsets at a time. The test
//! is written as plain comparisons on a fixed-size window, which the compiler turns into SIMD
//! code (16 or 32 offsets per instruction); only the offsets where it holds reach the caller.
//! On Chinese prose this runs at several GB/s, where an automaton pass over a handful of marks
//! (or decoding each character) runs below 1 GB/s.

/// Offsets tested per block.
const BLOCK: usize = 64;
/// Bytes a predicate may read from its offset on (`w[k..k + LOOKAHEAD]`).
pub(crate) const LOOKAHEAD: usize = 8;
/// The window a predicate sees: a block and its look-ahead.
pub(crate) type Window = [u8; BLOCK + LOOKAHEAD];

/// Calls `f(i)`, in increasing order, for every byte offset `i` of `bytes` where `at(w, k)`
/// holds, `w` being the bytes from `i - k` on (zero-padded past the end of `bytes`).
///
/// `at` must only read `w[k..k + LOOKAHEAD]`, and may hold at more offsets than the caller
/// wants (it is a filter: `f` checks the real bytes, which may end before the padding).
#[inline]
pub(crate) fn for_each_position(
    bytes: &[u8],
    at: impl Fn(&Window, usize) -> bool,
    mut f: impl FnMut(usize),
) {
    let mut start = 0;
    let mut padded: Window = [0; BLOCK + LOOKAHEAD];
    while start < bytes.len() {
        let w: &Window = match bytes.get(start..start + BLOCK + LOOKAHEAD) {
            Some(w) => w.try_into().expect("window length"),
            None => {
                let rest = &bytes[start..];
                padded[..rest.len()].copy_from_slice(rest);
                padded[rest.len()..].fill(0);
                &padded
            }
        };
        let mut flags = [0u8; BLOCK];
        for (k, flag) in flags.iter_mut().enumerate() {
            *flag = u8::from(at(w, k));
        }
        if flags.iter().fold(0, |any, &flag| any | flag) == 0 {
            start += BLOCK;
            continue;
        }
        let mut mask = bitmask(&flags);
        let end = (bytes.len() - start).min(BLOCK);
        if end < BLOCK {
            mask &= (1u64 << end) - 1;
        }
        while mask != 0 {
            f(start + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        start += BLOCK;
    }
}

/// Bit `k` set where `flags[k]` is 1 (every flag is 0 or 1).
#[inline]
fn bitmask(flags: &[u8; BLOCK]) -> u64 {
    // Each multiply gathers the low bits of eight bytes into the top byte (no carries: the
    // partial products land on distinct bits).
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut mask = 0u64;
    for (j, eight) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        mask |= (x.wrapping_mul(GATHER) >> 56) << (8 * j);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmask_gathers_every_combination() {
        for bits in 0u32..256 {
            let mut flags = [0u8; BLOCK];
            for (k, flag) in flags.iter_mut().enumerate() {
                *flag = ((bits >> (k % 8)) & 1) as u8;
            }
            let expected = flags
                .iter()
                .enumerate()
                .fold(0u64, |m, (k, &b)| m | (u64::from(b) << k));
            assert_eq!(bitmask(&flags), expected, "{bits:#b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_what_a_plain_loop_finds(bytes in proptest::collection::vec(
            proptest::sample::select(vec![0u8, b'a', b'b', 0xE3, 0x80]), 0..300)) {
            let at = |w: &Window, k: usize| w[k] == b'a' && w[k + 1] != b'b';
            let mut padded = bytes.clone();
            padded.extend([0; LOOKAHEAD]);
            let plain: Vec<usize> = (0..bytes.len())
                .filter(|&i| padded[i] == b'a' && padded[i + 1] != b'b')
                .collect();
            let mut fast = Vec::new();
            for_each_position(&bytes, at, |i| fast.push(i));
            proptest::prop_assert_eq!(fast, plain);
        }
    }
}
