//! The native module `zhproof._zhproof` behind the Python package `zhproof`.
//!
//! `python/zhproof/__init__.py` re-exports [`checker::PyChecker`] as `zhproof.Checker` and
//! [`finding::PyFinding`] as `zhproof.Finding`; the exceptions are plain Python classes in
//! `python/zhproof/_errors.py`. Nothing here unwraps: every Rust panic is caught and raised as
//! `zhproof.InternalError`.

mod checker;
mod errors;
mod finding;
mod html;

use pyo3::prelude::*;

/// Panics on purpose inside the same guard as `Checker.check`, so the tests can prove that a
/// Rust panic reaches Python as `zhproof.InternalError` (not for use outside tests).
#[pyfunction]
fn _panic_for_test(py: Python<'_>, message: String) -> PyResult<()> {
    py.detach(|| errors::catch(|| panic!("{message}")))
        .map_err(|p| p.into_py(py))
}

/// Native part of the `zhproof` package.
#[pymodule]
fn _zhproof(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<checker::PyChecker>()?;
    m.add_class::<finding::PyFinding>()?;
    m.add_function(wrap_pyfunction!(checker::_checker_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(html::_check_html, m)?)?;
    m.add_function(wrap_pyfunction!(html::_inspect_sites, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_AS_OF", zhproof::Checker::DEFAULT_AS_OF.to_string())?;
    Ok(())
}
