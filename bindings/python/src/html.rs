//! Pages and sites for Python: `zhproof.check_html` and `zhproof.inspect_sites` (see
//! `python/zhproof/_html.py`), over `zhproof-html` and `zhproof-site`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use zhproof::Date;
use zhproof_html::PageOptions;

use crate::checker::PyChecker;
use crate::errors::{catch, option_error};
use crate::finding::PyFinding;

fn parse_date(py: Python<'_>, d: Option<&str>) -> PyResult<Option<Date>> {
    match d {
        None => Ok(None),
        Some(s) => s.parse::<Date>().map(Some).map_err(|e| option_error(py, e)),
    }
}

/// `_check_html(checker, html, captured, own_domains, allow_domains, encoding)`: the findings of
/// a page (str, or bytes decoded from `encoding`, the declared charset or detection) and its
/// decoded source.
#[pyfunction]
#[pyo3(signature = (checker, html, captured=None, own_domains=Vec::new(), allow_domains=Vec::new(), encoding=None))]
pub fn _check_html(
    py: Python<'_>,
    checker: &PyChecker,
    html: &Bound<'_, PyAny>,
    captured: Option<String>,
    own_domains: Vec<String>,
    allow_domains: Vec<String>,
    encoding: Option<String>,
) -> PyResult<(Vec<PyFinding>, String)> {
    let captured = parse_date(py, captured.as_deref())?;
    let forced = match encoding.as_deref() {
        None => None,
        Some(l) => Some(
            zhproof_html::encoding::by_label(l)
                .ok_or_else(|| option_error(py, format!("unknown encoding `{l}`")))?,
        ),
    };
    let bytes: Vec<u8> = if html.is_instance_of::<PyString>() {
        let s: pyo3::pybacked::PyBackedStr = html.extract()?;
        s.as_bytes().to_vec()
    } else if let Ok(b) = html.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else {
        return Err(PyTypeError::new_err("html must be str or bytes"));
    };
    let is_str = html.is_instance_of::<PyString>();
    let inner = checker.inner();
    let (findings, source) = py
        .detach(|| {
            catch(|| {
                let page = if is_str {
                    zhproof_html::parse(std::str::from_utf8(&bytes).unwrap_or_default())
                } else {
                    zhproof_html::parse_bytes(&bytes, forced)
                };
                let opts = PageOptions {
                    captured: Some(captured.unwrap_or_else(|| inner.as_of())),
                    own_domains,
                    allow_domains,
                };
                (zhproof_html::check_page(inner, &page, &opts), page.source)
            })
        })
        .map_err(|p| p.into_py(py))?;
    Ok((findings.into_iter().map(PyFinding::from).collect(), source))
}

/// `_inspect_sites(checker, paths, as_of, config_toml)`: the inspection as a JSON string.
#[pyfunction]
#[pyo3(signature = (checker, paths, as_of=None, config_toml=None))]
pub fn _inspect_sites(
    py: Python<'_>,
    checker: &PyChecker,
    paths: Vec<std::path::PathBuf>,
    as_of: Option<String>,
    config_toml: Option<String>,
) -> PyResult<String> {
    let as_of = parse_date(py, as_of.as_deref())?;
    let cfg: zhproof_site::SiteConfig = match config_toml {
        None => Default::default(),
        Some(t) => toml::from_str(&t).map_err(|e| option_error(py, format!("site config: {e}")))?,
    };
    let inner = checker.inner();
    let opts = zhproof_site::InspectOptions {
        as_of,
        encoding: None,
    };
    let r = py
        .detach(|| {
            catch(|| {
                zhproof_site::inspect(inner, &paths, &cfg, &opts)
                    .map_err(|e| e.to_string())
                    .and_then(|i| serde_json::to_string(&i).map_err(|e| e.to_string()))
            })
        })
        .map_err(|p| p.into_py(py))?;
    r.map_err(|e| option_error(py, e))
}
