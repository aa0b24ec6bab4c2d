//! `zhproof.Finding`: one problem found in the input, with exactly the fields of the CLI's JSON.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::errors;

/// One problem found in the input (frozen, hashable, picklable).
///
/// The fields are those of `zhproof check --format json`, in the same order. `char_start` and
/// `char_end` count code points, so `text[f.char_start:f.char_end] == f.text`; `byte_start` and
/// `byte_end` are offsets into `text.encode("utf-8")`.
#[pyclass(name = "Finding", module = "zhproof._zhproof", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyFinding {
    /// Kebab-case id of the rule that fired, e.g. `common-typo`.
    #[pyo3(get)]
    rule: String,
    /// `sensitive`, `typo`, `expression`, `privacy` or `usage`.
    #[pyo3(get)]
    kind: String,
    /// `error`, `warning` or `info`.
    #[pyo3(get)]
    severity: String,
    /// UTF-8 byte offset where the flagged text starts.
    #[pyo3(get)]
    byte_start: usize,
    /// UTF-8 byte offset just past the flagged text.
    #[pyo3(get)]
    byte_end: usize,
    /// Code point offset where the flagged text starts.
    #[pyo3(get)]
    char_start: usize,
    /// Code point offset just past the flagged text.
    #[pyo3(get)]
    char_end: usize,
    /// 1-based line.
    #[pyo3(get)]
    line: usize,
    /// 1-based column, in characters.
    #[pyo3(get)]
    column: usize,
    /// The flagged text exactly as in the input.
    #[pyo3(get)]
    text: String,
    /// Chinese explanation: what is wrong and why.
    #[pyo3(get)]
    message: String,
    /// Replacements, best first (a tuple in Python).
    suggestions: Vec<String>,
    /// Where the rule or dictionary entry comes from.
    #[pyo3(get)]
    source: String,
    /// Whether `suggestions[0]` may be applied automatically: `safe` (`fix` applies it),
    /// `unsafe` (only on request) or `display-only` (never applied).
    #[pyo3(get)]
    applicability: String,
}

impl From<zhproof::Finding> for PyFinding {
    fn from(f: zhproof::Finding) -> Self {
        PyFinding {
            rule: f.rule,
            kind: f.kind.as_str().to_string(),
            severity: f.severity.as_str().to_string(),
            byte_start: f.byte_start,
            byte_end: f.byte_end,
            char_start: f.char_start,
            char_end: f.char_end,
            line: f.line,
            column: f.column,
            text: f.text,
            message: f.message,
            suggestions: f.suggestions,
            source: f.source,
            applicability: f.applicability.as_str().to_string(),
        }
    }
}

/// The field names, in JSON order.
const FIELDS: [&str; 14] = [
    "rule",
    "kind",
    "severity",
    "byte_start",
    "byte_end",
    "char_start",
    "char_end",
    "line",
    "column",
    "text",
    "message",
    "suggestions",
    "source",
    "applicability",
];

impl PyFinding {
    /// The field values in JSON order; `suggestions` as a list when `list` is true, else a tuple.
    fn values<'py>(&self, py: Python<'py>, list: bool) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let suggestions = if list {
            self.suggestions.clone().into_pyobject(py)?.into_any()
        } else {
            PyTuple::new(py, &self.suggestions)?.into_any()
        };
        Ok(vec![
            self.rule.clone().into_pyobject(py)?.into_any(),
            self.kind.clone().into_pyobject(py)?.into_any(),
            self.severity.clone().into_pyobject(py)?.into_any(),
            self.byte_start.into_pyobject(py)?.into_any(),
            self.byte_end.into_pyobject(py)?.into_any(),
            self.char_start.into_pyobject(py)?.into_any(),
            self.char_end.into_pyobject(py)?.into_any(),
            self.line.into_pyobject(py)?.into_any(),
            self.column.into_pyobject(py)?.into_any(),
            self.text.clone().into_pyobject(py)?.into_any(),
            self.message.clone().into_pyobject(py)?.into_any(),
            suggestions,
            self.source.clone().into_pyobject(py)?.into_any(),
            self.applicability.clone().into_pyobject(py)?.into_any(),
        ])
    }
}

#[pymethods]
impl PyFinding {
    /// Builds a finding from its fields (used by pickling; checks kind and severity).
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (rule, kind, severity, byte_start, byte_end, char_start, char_end, line, column, text, message, suggestions, source, applicability="display-only".to_string()))]
    fn new(
        py: Python<'_>,
        rule: String,
        kind: String,
        severity: String,
        byte_start: usize,
        byte_end: usize,
        char_start: usize,
        char_end: usize,
        line: usize,
        column: usize,
        text: String,
        message: String,
        suggestions: Vec<String>,
        source: String,
        applicability: String,
    ) -> PyResult<Self> {
        kind.parse::<zhproof::Kind>()
            .map_err(|e| errors::option_error(py, e))?;
        severity
            .parse::<zhproof::Severity>()
            .map_err(|e| errors::option_error(py, e))?;
        applicability
            .parse::<zhproof::Applicability>()
            .map_err(|e| errors::option_error(py, e))?;
        Ok(PyFinding {
            rule,
            kind,
            severity,
            byte_start,
            byte_end,
            char_start,
            char_end,
            line,
            column,
            text,
            message,
            suggestions,
            source,
            applicability,
        })
    }

    /// Replacements, best first.
    #[getter]
    fn suggestions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.suggestions)
    }

    /// The finding as a `dict` equal to its JSON object (`suggestions` is a list).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in FIELDS.iter().zip(self.values(py, true)?) {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = Vec::with_capacity(FIELDS.len());
        for (name, value) in FIELDS.iter().zip(self.values(py, false)?) {
            parts.push(format!("{name}={}", value.repr()?));
        }
        Ok(format!("Finding({})", parts.join(", ")))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let args = PyTuple::new(py, slf.get().values(py, true)?)?;
        Ok((slf.get_type().into_any(), args))
    }
}
