//! What a check reports: [`Finding`], its [`Kind`], [`Severity`] and [`Applicability`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The family of problem a finding belongs to; users select and ignore findings by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Spam and illegal content: gambling, porn, fraud, illegal services (敏感词).
    Sensitive,
    /// A wrongly written word (错别字).
    Typo,
    /// A serious expression error (严重表述错误): leaders, official formulations, outdated names.
    Expression,
    /// Personal data: ID-card, phone and bank-card numbers (个人隐私).
    Privacy,
    /// Usage norms: variant forms, Xinhua wording norms, numbers and punctuation.
    Usage,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 5] = [
        Kind::Sensitive,
        Kind::Typo,
        Kind::Expression,
        Kind::Privacy,
        Kind::Usage,
    ];

    /// The lowercase name used in dictionaries, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sensitive => "sensitive",
            Kind::Typo => "typo",
            Kind::Expression => "expression",
            Kind::Privacy => "privacy",
            Kind::Usage => "usage",
        }
    }

    /// The Chinese label shown to editors.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Sensitive => "敏感词",
            Kind::Typo => "错别字",
            Kind::Expression => "表述错误",
            Kind::Privacy => "个人隐私",
            Kind::Usage => "用法规范",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown kind `{}` (expected sensitive, typo, expression, privacy or usage)",
                    crate::error::quote(s)
                )
            })
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a check by default.
    Info,
    /// Should be fixed before publication.
    Warning,
    /// Must be fixed: an inspection would flag it.
    Error,
}

impl Severity {
    /// The lowercase name used in dictionaries, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            _ => Err(format!(
                "unknown severity `{}` (expected error, warning or info)",
                crate::error::quote(s)
            )),
        }
    }
}

/// Whether the first suggestion may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Always right where the finding fires: `fix` applies it.
    Safe,
    /// Usually right, but needs a human: `fix` leaves it alone unless asked.
    Unsafe,
    /// Shown to the user only; never applied.
    #[default]
    DisplayOnly,
}

impl Applicability {
    /// The name used in JSON and Python: `safe`, `unsafe` or `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Applicability {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "safe" => Ok(Applicability::Safe),
            "unsafe" => Ok(Applicability::Unsafe),
            "none" | "display-only" => Ok(Applicability::DisplayOnly),
            _ => Err(format!(
                "unknown fix applicability `{}` (expected safe, unsafe or none)",
                crate::error::quote(s)
            )),
        }
    }
}

/// One problem found in the input.
///
/// Offsets come twice: `byte_start`/`byte_end` are UTF-8 byte offsets (for Rust and for slicing
/// bytes), `char_start`/`char_end` are Unicode scalar offsets (for Python's `str` and JavaScript
/// tooling). `line` and `column` are 1-based; `column` counts characters, not bytes or cells.
///
/// The JSON form (serde) has exactly the public fields below, in this order; Python's
/// `zhproof.Finding` has the same fields.
///
/// Findings are made by the checker (the struct is `#[non_exhaustive]`); a front end may
/// clone one and change its fields (e.g. shift its positions into a larger document).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// Kebab-case id of the rule that fired, e.g. `common-typo`.
    pub rule: String,
    /// The family of the problem.
    pub kind: Kind,
    /// How serious the problem is (after severity overrides).
    pub severity: Severity,
    /// UTF-8 byte offset where the flagged text starts.
    pub byte_start: usize,
    /// UTF-8 byte offset just past the flagged text.
    pub byte_end: usize,
    /// Unicode scalar offset where the flagged text starts.
    pub char_start: usize,
    /// Unicode scalar offset just past the flagged text.
    pub char_end: usize,
    /// 1-based line of `byte_start` (lines end at `\n`, `\r\n` or a lone `\r`).
    pub line: usize,
    /// 1-based column of `byte_start`, counted in characters from the start of its line.
    pub column: usize,
    /// The flagged text exactly as it appears in the input.
    pub text: String,
    /// Chinese explanation: what is wrong and why.
    pub message: String,
    /// Replacement strings, best first; may be empty.
    pub suggestions: Vec<String>,
    /// Where the rule or dictionary entry comes from (a standard, an official document, a norm).
    pub source: String,
    /// Whether `suggestions[0]` may be applied automatically: `safe` (`zhproof fix` applies
    /// it), `unsafe` (only with `--unsafe-fixes`) or `display-only` (never applied).
    #[serde(default)]
    pub applicability: Applicability,
}

impl Finding {
    /// at 0 for the checker (or an adapter, for its own findings) to fill in.
    /// at 0 for the checker to fill in (the same way for every family).
    #[allow(clippy::too_many_arguments)]
    pub fn at(
        rule: String,
        kind: Kind,
        severity: Severity,
        input: &str,
        span: std::ops::Range<usize>,
        message: String,
        suggestions: Vec<String>,
        source: String,
        applicability: Applicability,
    ) -> Finding {
        Finding {
            rule,
            kind,
            severity,
            byte_start: span.start,
            byte_end: span.end,
            char_start: 0,
            char_end: 0,
            line: 0,
            column: 0,
            text: input.get(span).unwrap_or("").to_string(),
            message,
            suggestions,
            source,
            applicability,
        }
    }

    /// The replacement that `fix` would apply, if the finding has a safe one.
    pub fn safe_fix(&self) -> Option<&str> {
        match self.applicability {
            Applicability::Safe => self.suggestions.first().map(String::as_str),
            _ => None,
        }
    }
}
