//! Word boundaries from `jieba-rs`, loaded on first use.
//!
//! Only dictionary entries marked `boundary = word` ask for this, and only when one of them
//! matched, so texts without such candidates never load the segmenter.

use jieba_rs::Jieba;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// How far around a match (in characters) the segmenter looks.
const WINDOW_CHARS: usize = 24;

fn is_clause_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '【'
                | '】'
                | '…'
                | '—'
                | '·'
                | '「'
                | '」'
                | '『'
                | '』'
        )
}

/// True when the span `start..end` of `text` (byte offsets on char boundaries) starts or ends
/// inside a word according to jieba's segmentation of the surrounding clause.
///
/// `确定单位` segments as `确定/单位`, so the span of `定单` cuts through a word.
pub fn cuts_through_word(text: &str, start: usize, end: usize) -> bool {
    let mut from = start;
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if n >= WINDOW_CHARS || is_clause_break(c) {
            break;
        }
        from = i;
    }
    let mut to = end;
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        if n >= WINDOW_CHARS || is_clause_break(c) {
            break;
        }
        to = end + i + c.len_utf8();
    }
    let window = &text[from..to];
    let (s, e) = (start - from, end - from);
    let (mut start_ok, mut end_ok) = (s == 0, e == window.len());
    for word in JIEBA.cut(window, true) {
        let at = word.byte_end;
        if at == s {
            start_ok = true;
        }
        if at == e {
            end_ok = true;
        }
        if at >= e {
            break;
        }
    }
    !(start_ok && end_ok)
}

#[cfg(test)]
mod tests {
    use super::cuts_through_word;

    fn cuts(text: &str, word: &str) -> bool {
        let s = text.find(word).unwrap();
        cuts_through_word(text, s, s + word.len())
    }

    #[test]
    fn detects_matches_inside_words() {
        assert!(cuts("请确定单位名称", "定单"));
        assert!(cuts("篝火伴着歌声", "火伴"));
        assert!(!cuts("他是我的火伴。", "火伴"));
        assert!(!cuts("定单", "定单"));
    }
}
