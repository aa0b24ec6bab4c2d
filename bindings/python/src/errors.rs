//! Errors raised to Python and the guard that keeps Rust panics from crossing the FFI boundary.
//!
//! The exception classes live in `python/zhproof/_errors.py` (plain Python, so they can inherit
//! from both `ZhproofError` and `ValueError` and pickle with their attributes); this module
//! imports them once and raises them.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static ZHPROOF_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DICTIONARY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static OPTION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INTERNAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn raise<'py>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<PyType>>,
    name: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyErr {
    match cell
        .import(py, "zhproof._errors", name)
        .and_then(|class| class.call1(args))
    {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => e,
    }
}

/// `zhproof.OptionError(message)`: a value given to the binding (a date, a kind, a rule id, a
/// severity, a thread count) is not valid. Also a `ValueError`.
pub(crate) fn option_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, &OPTION_ERROR, "OptionError", (message.into(),))
}

/// Converts a library error into the matching `zhproof` exception.
pub(crate) fn to_py(py: Python<'_>, error: zhproof::Error) -> PyErr {
    let message = error.to_string();
    match error {
        zhproof::Error::Dictionary { file, line, .. } => raise(
            py,
            &DICTIONARY_ERROR,
            "DictionaryError",
            (message, file, Some(line)),
        ),
        zhproof::Error::Io { path, source } => {
            let message = format!("{message}: {source}");
            let err = raise(
                py,
                &DICTIONARY_ERROR,
                "DictionaryError",
                (message, path.display().to_string(), None::<usize>),
            );
            let cause = PyErr::from(std::io::Error::new(source.kind(), source.to_string()));
            err.set_cause(py, Some(cause));
            err
        }
        zhproof::Error::InvalidUtf8 { path, .. } => raise(
            py,
            &DICTIONARY_ERROR,
            "DictionaryError",
            (message, path.display().to_string(), None::<usize>),
        ),
        zhproof::Error::Option(_) | zhproof::Error::UnknownRule { .. } => option_error(py, message),
        _ => raise(py, &ZHPROOF_ERROR, "ZhproofError", (message,)),
    }
}

/// A Rust panic caught before it could reach Python.
#[derive(Debug)]
pub(crate) struct Panicked(String);

impl Panicked {
    /// `zhproof.InternalError`: a bug in zhproof, reported as an exception instead of a crash.
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        raise(
            py,
            &INTERNAL_ERROR,
            "InternalError",
            (format!(
                "internal error in zhproof (a bug, please report it with the input): {}",
                self.0
            ),),
        )
    }
}

fn payload_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

/// Runs `f`, turning a panic into [`Panicked`]. Meant to run inside `Python::detach`, so the
/// conversion to an exception happens after the GIL is taken back.
///
/// `AssertUnwindSafe` is sound here: a `Checker` is immutable, so a panic midway through a check
/// leaves nothing half-updated that a later call could observe.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| Panicked(payload_message(p)))
}
