//! # zhproof
//!
//! A Chinese proofreading engine for government websites and new media: it finds typos (错别字),
//! spam and illegal content (敏感词), serious expression errors (严重表述错误: leaders' names and
//! titles, official formulations, outdated institution names) and personal data (个人隐私) before
//! publication.
//!
//! ```
//! use zhproof::{Checker, Kind};
//!
//! let checker = Checker::new(); // embedded dictionaries, every rule
//! let text = "会议对下一阶段工作进行了全面布署。";
//! let findings = checker.check(text);
//! assert_eq!(findings.len(), 1);
//! let f = &findings[0];
//! assert_eq!(f.kind, Kind::Typo);
//! assert_eq!(&text[f.byte_start..f.byte_end], "布署");
//! assert_eq!((f.char_start, f.line, f.column), (14, 1, 15));
//! assert_eq!(f.suggestions, ["部署"]);
//! ```
//!
//! A [`Checker`] is immutable, `Send + Sync` and cheap to clone; build one with
//! [`Checker::builder`] to add dictionaries and allow-lists, select rules, override severities
//! or set the reference date of date-aware rules.

// One public path per type: the types live in private modules and are re-exported here;
// `dictionary` (the TSV format) and `rules` (the registry) are public modules of their own.
mod checker;
pub mod confusion;
mod date;
mod dict_check;
pub mod dictionary;
mod error;
mod finding;
mod lexicon;
mod position;
mod prefilter;
pub mod rules;
mod segment;
mod tsv;

/// Internals exposed for the `benches/` crate and ignored measurement tests only; not part of
/// the API.
#[doc(hidden)]
pub mod __bench {
    pub use crate::lexicon::Automaton;
    /// The word-boundary checks, for `tests/boundary_local.rs`.
    pub mod segment {
        pub use crate::segment::{crossed_by_word, jieba_cuts};
    }
}

// The generated tables include every `rules/` and `sources/` file, used or not.
#[allow(dead_code)]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use checker::{
    applied_fixes, apply_fixes, apply_fixes_with, fix_growth_limit, Checker, CheckerBuilder,
    Options, Selector, MAX_FIX_PASSES,
};
pub use date::{days_in_month, Date};
pub use dict_check::{check_dictionaries, DictionaryCheck};
pub use error::{quote, Error, Result, QUOTE_CHARS};
pub use finding::{Applicability, Finding, Kind, Severity};
pub use rules::pii::mask::{mask_text, masked_text};
pub use rules::pii::mask_findings;

/// The embedded dictionary files as `(path, contents)`, e.g. for `zhproof dict stats`.
pub fn embedded_dictionaries() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::TERM_FILES.iter().copied()
}

/// The embedded allow-list files as `(path, contents)`.
pub fn embedded_allow_lists() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::ALLOW_FILES.iter().copied()
}
