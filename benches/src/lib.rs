//! Shared inputs of zhproof's benchmarks: the benchmark corpus and dictionaries from
//! `../shared/bench` when present (`ZHPROOF_SHARED` overrides the location), else a small sample
//! committed in the repository, and the adversarial texts of the linear-time benchmark.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ is inside the repository")
        .to_path_buf()
}

/// The shared data directory: `$ZHPROOF_SHARED`, else `<repo>/../shared`;
/// `None` when none exists.
pub fn shared_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("ZHPROOF_SHARED").map(PathBuf::from),
        Some(repo_root().join("../shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The committed sample: `examples/article.txt` repeated to about 64 KiB.
pub fn sample() -> String {
    let one = read(&repo_root().join("examples/article.txt")).unwrap_or_else(|| {
        "为深入贯彻党的二十大精神，现将有关工作部署如下。各单位要把政务公开作为重要工作。\n"
            .to_string()
    });
    one.repeat((64 * 1024 / one.len().max(1)).max(1))
}

/// A named text to scan.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Short name for reports.
    pub name: String,
    /// The text.
    pub text: String,
}

/// The 29 MB benchmark corpus (`bench/corpus.txt`, Chinese laws), else the committed sample.
pub fn bench_corpus() -> Corpus {
    match shared_dir().and_then(|d| read(&d.join("bench/corpus.txt"))) {
        Some(text) => Corpus {
            name: "bench/corpus.txt".into(),
            text,
        },
        None => Corpus {
            name: "sample".into(),
            text: sample(),
        },
    }
}

/// Real government prose: the State Council and provincial government work reports under
/// `corpus/clean_gov` (about 5 MB), else the committed sample.
pub fn gov_prose() -> Corpus {
    let mut text = String::new();
    if let Some(d) = shared_dir() {
        for dir in [
            "corpus/clean_gov/gov_work_reports_wikisource/txt",
            "corpus/clean_gov/provincial_reports_2025",
        ] {
            let mut files: Vec<PathBuf> = std::fs::read_dir(d.join(dir))
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
            files.sort();
            for f in files {
                if let Some(t) = read(&f) {
                    text.push_str(&t);
                    text.push('\n');
                }
            }
        }
    }
    if text.is_empty() {
        Corpus {
            name: "sample".into(),
            text: sample(),
        }
    } else {
        Corpus {
            name: "clean_gov reports".into(),
            text,
        }
    }
}

/// A term list of `bench/` (`dict_mid.txt`, `dict_small.txt`), else the default dictionaries'
/// terms.
pub fn bench_dict(name: &str) -> (String, Vec<String>) {
    match shared_dir().and_then(|d| read(&d.join("bench").join(name))) {
        Some(t) => (
            name.to_string(),
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        ),
        None => ("default terms".into(), default_terms()),
    }
}

/// Every pattern of the default checker's dictionary automaton: the embedded dictionary terms
/// and allow-list terms.
pub fn default_terms() -> Vec<String> {
    let mut terms: Vec<String> = zhproof::Checker::new()
        .entries()
        .iter()
        .map(|e| e.term.clone())
        .collect();
    for (name, text) in zhproof::embedded_allow_lists() {
        if let Ok(allow) = zhproof::dictionary::parse_allow(name, text) {
            terms.extend(allow.into_iter().map(|a| a.term));
        }
    }
    terms
}

/// `text` repeated and cut (on a char boundary) to about `bytes` bytes.
pub fn sized(text: &str, bytes: usize) -> String {
    assert!(!text.is_empty());
    let mut out = String::with_capacity(bytes + 8);
    while out.len() < bytes {
        out.push_str(text);
    }
    let mut end = bytes.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// The inputs of the linear-time benchmark, each about `bytes` long: normal prose, text made only
/// of dictionary words (worst-case match density), one character repeated, deeply nested brackets.
pub fn linear_inputs(bytes: usize) -> Vec<(&'static str, String)> {
    let prose = gov_prose().text;
    let prose = &prose[..prose.floor_char_boundary_compat(1 << 20)];
    let words: String = default_terms().concat();
    vec![
        ("prose", sized(prose, bytes)),
        ("dictionary-words", sized(&words, bytes)),
        ("one-char", sized("的", bytes)),
        ("nested-brackets", nested_brackets(bytes)),
    ]
}

/// `（《【“` opened `bytes / 24` times, a word, then closed in reverse: deeply nested brackets.
pub fn nested_brackets(bytes: usize) -> String {
    let depth = (bytes / 24).max(1);
    let mut s = String::with_capacity(bytes + 16);
    for _ in 0..depth {
        s.push_str("（《【“");
    }
    s.push_str("布署");
    for _ in 0..depth {
        s.push_str("”】》）");
    }
    s
}

/// `str::floor_char_boundary`, which is not yet stable.
pub trait FloorCharBoundary {
    /// The largest char boundary at or below `i`.
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, i: usize) -> usize {
        let mut i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Megabytes (10^6 bytes) per second.
pub fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

/// One worst case of the `linear/worst-*` benchmark: a text (or, for `user-dict-build`, a
/// dictionary to build) of about the requested size that made a rule family quadratic before
/// issue 13.
pub struct WorstCase {
    /// Short name (`unpaired-mark`, `evasion`, …).
    pub name: &'static str,
    /// The text to check (empty for `user-dict-build`).
    pub text: String,
    /// A user dictionary (TSV) the checker is built with, if any.
    pub dictionary: Option<String>,
}

const DICT_HEAD: &str = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n";

/// A user dictionary of `terms`, all `sensitive` with no suggestion.
pub fn user_dictionary<'a>(terms: impl IntoIterator<Item = &'a str>) -> String {
    let mut tsv = DICT_HEAD.to_string();
    for t in terms {
        tsv.push_str(t);
        tsv.push_str("\t\tsensitive\tuser-term\terror\tn\tbench\n");
    }
    tsv
}

/// `head`, then `unit` repeated until about `bytes`, then `tail`: one line, no line break.
fn repeated(head: &str, unit: &str, tail: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    s.push_str(head);
    while s.len() + unit.len() + tail.len() <= bytes {
        s.push_str(unit);
    }
    s.push_str(tail);
    s
}

/// The worst cases of issue 13, each about `bytes` long (the longest term a user dictionary
/// may hold is used for the user-dictionary cases).
pub fn worst_cases(bytes: usize) -> Vec<WorstCase> {
    let plain = |name, text| WorstCase {
        name,
        text,
        dictionary: None,
    };
    let max_term = zhproof::dictionary::limits::MAX_TERM_CHARS;
    let long_term = "甲".repeat(max_term);
    let long_miss = format!("{}丙", "甲".repeat(max_term - 1));
    // Random-looking distinct terms of 2-8 characters, as many as fit in `bytes` of TSV.
    let mut build = DICT_HEAD.to_string();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while build.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let n = 2 + (x % 7) as usize;
        let term: String = (0..n)
            .map(|k| char::from_u32(0x4E00 + ((x >> (k * 7)) % 0x5000) as u32).unwrap_or('甲'))
            .collect();
        build.push_str(&term);
        build.push_str("\t\tsensitive\tuser-term\terror\tn\tbench\n");
    }
    vec![
        plain("unpaired-mark", {
            let n = bytes / 6;
            format!("{}{}", "《".repeat(n), "”".repeat(n))
        }),
        plain("evasion", repeated("", "百 家 乐，", "", bytes)),
        plain(
            "leader-chain",
            repeated("2015年", "国务院总理", "李克强。", bytes),
        ),
        plain(
            "enumeration",
            repeated("", "大局意识、政治意识、核心意识、富强、", "", bytes),
        ),
        plain(
            "injected-spam",
            repeated(
                "",
                "金沙金年会体育app_亚洲精品无码,澳门开奖结果，★",
                "",
                bytes,
            ),
        ),
        WorstCase {
            name: "user-long-term-spaced",
            text: repeated("", "甲 ", "", bytes),
            dictionary: Some(user_dictionary([long_term.as_str()])),
        },
        WorstCase {
            name: "user-long-prefix",
            text: repeated("", "甲", "", bytes),
            dictionary: Some(user_dictionary(["甲", long_miss.as_str()])),
        },
        WorstCase {
            name: "user-dict-build",
            text: String::new(),
            dictionary: Some(build),
        },
    ]
}
