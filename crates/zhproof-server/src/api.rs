//! The JSON API's requests, responses and errors, independent of HTTP.
//!
//! Requests are parsed in two steps so every failure gets its own clear error: the body must be
//! UTF-8 ([`ApiError::InvalidUtf8`]), then JSON ([`ApiError::MalformedJson`]), then match the
//! request's shape ([`ApiError::InvalidRequest`]: wrong types, unknown or missing fields). Rule
//! ids, kinds, severities, dates and dictionary names are checked against the server's
//! configuration when the request is resolved ([`crate::engine::Engine::resolve`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use zhproof::{Finding, Severity};

/// What is checked: plain text or an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (the default).
    #[default]
    Text,
    /// An HTML page, checked as the reader sees it (through `zhproof-html`): findings are
    /// mapped back to the page source, so their offsets, line and column are those of `text`,
    /// and page rules (hidden text and links, improper links, dates ahead of `as_of`) run too.
    /// `fix` and `mask` change only spans whose source is exactly the text the reader sees,
    /// leaving markup byte for byte.
    Html,
}

/// The options every endpoint takes, named as in the CLI and `zhproof.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The text to check, fix or mask.
    pub text: String,
    /// `text` (default) or `html`.
    #[serde(default)]
    pub format: Format,
    /// Reference date of date-aware rules, `YYYY-MM-DD` (default: the server's).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Only report these kinds or rule ids (replaces the server's selection).
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Never report these kinds or rule ids (added to the server's).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides: kind or rule id → `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Extra dictionaries by the names the server's configuration gives them.
    #[serde(default)]
    pub dictionaries: Vec<String>,
    /// `fix` only: also apply fixes marked unsafe.
    #[serde(default, rename = "unsafe")]
    pub unsafe_fixes: bool,
}

/// The names of [`Request`]'s JSON fields, in declaration order (the OpenAPI test compares them
/// with the document).
pub const REQUEST_FIELDS: &[&str] = &[
    "text",
    "format",
    "as_of",
    "select",
    "ignore",
    "severity",
    "dictionaries",
    "unsafe",
];

/// Parses a request body: UTF-8, then JSON, then the request's shape.
pub fn parse_request(body: &[u8]) -> Result<Request, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| ApiError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    // First as any JSON value, so syntax errors and shape errors are told apart.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ApiError::MalformedJson {
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
    if !value.is_object() {
        return Err(ApiError::InvalidRequest(format!(
            "the body must be a JSON object with a `text` field, not {}",
            json_type(&value)
        )));
    }
    serde_json::from_value(value).map_err(|e| ApiError::InvalidRequest(e.to_string()))
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Findings of severity `error`.
    pub error: usize,
    /// Findings of severity `warning`.
    pub warning: usize,
    /// Findings of severity `info`.
    pub info: usize,
}

impl Counts {
    /// Counts `findings` by severity.
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
}

/// The answer to `POST /api/v1/check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResponse {
    /// zhproof's version.
    pub version: &'static str,
    /// The reference date used, `YYYY-MM-DD`.
    pub as_of: String,
    /// The findings, in the CLI's JSON form, sorted by position.
    pub findings: Vec<Finding>,
    /// Findings per severity.
    pub counts: Counts,
}

/// The answer to `POST /api/v1/fix` and `POST /api/v1/mask`.
#[derive(Debug, Clone, Serialize)]
pub struct TextResponse {
    /// zhproof's version.
    pub version: &'static str,
    /// The reference date used, `YYYY-MM-DD`.
    pub as_of: String,
    /// The fixed or masked text.
    pub text: String,
    /// Whether it differs from the text sent.
    pub changed: bool,
}

/// A failed request. Every variant becomes a JSON body
/// `{"error": {"code": "...", "message": "...", ...}}` with the status of [`ApiError::status`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The body is not UTF-8 (400).
    #[error("the body is not valid UTF-8 (first invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The body is not JSON (400).
    #[error("the body is not valid JSON: {message}")]
    MalformedJson {
        /// serde_json's description.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The JSON does not have the request's shape: a wrong type, an unknown or missing field (422).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A rule id or kind in `select`, `ignore` or `severity` that no rule has (422).
    #[error("unknown rule or kind `{name}` in `{field}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownRule {
        /// The request field it was found in.
        field: &'static str,
        /// The unknown name.
        name: String,
        /// The nearest valid name, if one is close.
        suggestion: Option<String>,
    },
    /// An option value that cannot be understood: a date, a severity, a dictionary name (422).
    #[error("invalid `{field}`: {message}")]
    InvalidOption {
        /// The request field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A feature this build does not have (422).
    #[error("{0}")]
    Unsupported(String),
    /// The body is larger than the server's limit (413).
    #[error("the body is larger than this server's limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not `application/json` (415).
    #[error("send the request as application/json")]
    UnsupportedMediaType,
    /// No such endpoint (404).
    #[error("no such endpoint: {0}")]
    NotFound(String),
    /// The endpoint exists but not with this method (405).
    #[error("method not allowed; this endpoint takes {0}")]
    MethodNotAllowed(&'static str),
    /// The request (reading its body and checking) took longer than the server's timeout (408).
    #[error("the request took longer than this server's limit of {seconds} s")]
    Timeout {
        /// The limit in seconds.
        seconds: u64,
    },
    /// Every worker is busy and the queue is full (503).
    #[error("the server is busy; try again shortly")]
    Overloaded,
    /// A bug: a check failed unexpectedly (500). The text is neither logged nor returned.
    #[error("internal error while checking; the text was not stored")]
    Internal,
}

impl ApiError {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::InvalidUtf8 { .. } | ApiError::MalformedJson { .. } => 400,
            ApiError::InvalidRequest(_)
            | ApiError::UnknownRule { .. }
            | ApiError::InvalidOption { .. }
            | ApiError::Unsupported(_) => 422,
            ApiError::TooLarge { .. } => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::NotFound(_) => 404,
            ApiError::MethodNotAllowed(_) => 405,
            ApiError::Timeout { .. } => 408,
            ApiError::Overloaded => 503,
            ApiError::Internal => 500,
        }
    }

    /// The stable, kebab-case code clients can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::InvalidUtf8 { .. } => "invalid-utf8",
            ApiError::MalformedJson { .. } => "malformed-json",
            ApiError::InvalidRequest(_) => "invalid-request",
            ApiError::UnknownRule { .. } => "unknown-rule",
            ApiError::InvalidOption { .. } => "invalid-option",
            ApiError::Unsupported(_) => "unsupported",
            ApiError::TooLarge { .. } => "body-too-large",
            ApiError::UnsupportedMediaType => "unsupported-media-type",
            ApiError::NotFound(_) => "not-found",
            ApiError::MethodNotAllowed(_) => "method-not-allowed",
            ApiError::Timeout { .. } => "timeout",
            ApiError::Overloaded => "overloaded",
            ApiError::Internal => "internal",
        }
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        let mut e = serde_json::json!({"code": self.code(), "message": self.to_string()});
        match self {
            ApiError::InvalidUtf8 { offset } => e["offset"] = (*offset).into(),
            ApiError::MalformedJson { line, column, .. } => {
                e["line"] = (*line).into();
                e["column"] = (*column).into();
            }
            ApiError::UnknownRule {
                field,
                name,
                suggestion,
            } => {
                e["field"] = (*field).into();
                e["name"] = name.as_str().into();
                if let Some(s) = suggestion {
                    e["suggestion"] = s.as_str().into();
                }
            }
            ApiError::InvalidOption { field, .. } => e["field"] = (*field).into(),
            ApiError::TooLarge { limit } => e["limit"] = (*limit).into(),
            _ => {}
        }
        serde_json::json!({ "error": e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_apart() {
        assert_eq!(
            parse_request(b"{\"text\": \"\xff\"}").unwrap_err(),
            ApiError::InvalidUtf8 { offset: 10 }
        );
        let e = parse_request(b"{\"text\": ").unwrap_err();
        assert_eq!((e.code(), e.status()), ("malformed-json", 400));
        let e = parse_request(b"{\"text\": 3}").unwrap_err();
        assert_eq!((e.code(), e.status()), ("invalid-request", 422));
        assert!(e.to_string().contains("invalid type: integer `3`"), "{e}");
        let e = parse_request(b"{\"text\": \"a\", \"selct\": []}").unwrap_err();
        assert!(e.to_string().contains("unknown field `selct`"), "{e}");
        let e = parse_request(b"[]").unwrap_err();
        assert!(e.to_string().contains("not an array"), "{e}");
        let e = parse_request(b"{}").unwrap_err();
        assert!(e.to_string().contains("missing field `text`"), "{e}");
        let r = parse_request(br#"{"text": "a", "unsafe": true, "severity": {"typo": "error"}}"#)
            .unwrap();
        assert!(r.unsafe_fixes);
        assert_eq!(r.severity["typo"], "error");
    }

    #[test]
    fn request_fields_are_listed() {
        // serde lists the expected fields when it meets an unknown one.
        let e = parse_request(b"{\"text\": \"a\", \"zzz\": 1}").unwrap_err();
        let listed: Vec<String> = e
            .to_string()
            .split('`')
            .skip(3)
            .step_by(2)
            .map(str::to_string)
            .collect();
        assert_eq!(listed, REQUEST_FIELDS);
    }
}
