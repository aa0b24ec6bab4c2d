//! The native module `zhproof._zhproof` behind the Python package `zhproof`.
//!
//! `python/zhproof/__init__.py` re-exports `checker::PyChecker` as `zhproof.Checker` and
//! `finding::PyFinding` as `zhproof.Finding`; the exceptions are plain Python classes in
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

/// Runs the `zhproof` command-line tool with `argv` (the first item is the program name) on the
/// process's standard input and output, and returns its exit status. The GIL is released while
/// it runs; a Rust panic raises `zhproof.InternalError`.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> PyResult<i32> {
    py.detach(|| errors::catch(|| zhproof_cli::entry::main(argv)))
        .map_err(|p| p.into_py(py))
}

/// Every built-in rule of the registry, sorted by id, as dicts (`id`, `family`, `kind`,
/// `severity`, `summary`, `explanation`, `source`, `fires`, `quiet`): what `zhproof rules --json`
/// prints.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, pyo3::types::PyDict>>> {
    zhproof::rules::registry()
        .iter()
        .map(|r| {
            let d = pyo3::types::PyDict::new(py);
            d.set_item("id", &*r.id)?;
            d.set_item("family", r.family)?;
            d.set_item("kind", r.kind.as_str())?;
            d.set_item("severity", r.severity.as_str())?;
            d.set_item("summary", &*r.summary)?;
            d.set_item("explanation", &*r.explanation)?;
            d.set_item("source", &*r.source)?;
            d.set_item("fires", r.fires.to_vec())?;
            d.set_item("quiet", r.quiet.to_vec())?;
            Ok(d)
        })
        .collect()
}

/// Native part of the `zhproof` package.
#[pymodule]
fn _zhproof(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<checker::PyChecker>()?;
    m.add_class::<finding::PyFinding>()?;
    m.add_function(wrap_pyfunction!(checker::_checker_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add_function(wrap_pyfunction!(html::_check_html, m)?)?;
    m.add_function(wrap_pyfunction!(html::_inspect_sites, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
