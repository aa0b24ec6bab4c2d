//! `zhproof.Checker`: builds a `zhproof::Checker` from Python arguments, checks with the GIL
//! released, and pickles by rebuilding itself from its `zhproof::Options`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rayon::iter::{ParallelBridge, ParallelIterator};

use zhproof::{CheckerBuilder, Date, Options, Selector, Severity};

use crate::errors::{self, catch};
use crate::finding::PyFinding;

/// Checks Chinese text; immutable, shareable between threads, picklable.
#[pyclass(name = "Checker", module = "zhproof._zhproof", frozen)]
pub struct PyChecker {
    inner: zhproof::Checker,
}

/// Iterates `obj` (any iterable but a bare `str`), naming `what` in type errors.
fn items<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable (e.g. a list), not a single str"
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be an iterable, not {}",
            type_name(obj)
        ))
    })?;
    iter.collect()
}

/// `texts[i]` as UTF-8 held by Python, or the `TypeError` naming its position.
fn text_at(i: usize, item: Bound<'_, PyAny>) -> PyResult<PyBackedStr> {
    let s = item.cast_into::<PyString>().map_err(|e| {
        PyTypeError::new_err(format!(
            "texts[{i}] must be a str, not {}",
            type_name(e.into_inner().as_any())
        ))
    })?;
    PyBackedStr::try_from(s)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A dictionary or allow-list argument: a path, or a `(name, text)` pair held in memory.
enum Source {
    Path(PathBuf),
    Text(String, String),
}

fn sources(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<Source>> {
    let Some(obj) = obj else { return Ok(vec![]) };
    let mut out = Vec::new();
    for (i, item) in items(obj, what)?.into_iter().enumerate() {
        if let Ok(pair) = item.cast::<PyTuple>() {
            if let Ok((name, text)) = pair.extract::<(String, String)>() {
                out.push(Source::Text(name, text));
                continue;
            }
        } else if item.is_instance_of::<PyString>() || item.hasattr("__fspath__")? {
            if let Ok(path) = item.extract::<PathBuf>() {
                out.push(Source::Path(path));
                continue;
            }
        }
        return Err(PyTypeError::new_err(format!(
            "{what}[{i}] must be a path (str or os.PathLike) or a (name, text) tuple of two str, not {}",
            type_name(&item)
        )));
    }
    Ok(out)
}

fn selectors(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<Vec<Selector>>> {
    let Some(obj) = obj else { return Ok(None) };
    let mut out = Vec::new();
    for (i, item) in items(obj, what)?.into_iter().enumerate() {
        let s: String = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what}[{i}] must be a str (a kind or a rule id), not {}",
                type_name(&item)
            ))
        })?;
        out.push(parse_selector(py, &s)?);
    }
    Ok(Some(out))
}

fn parse_selector(py: Python<'_>, s: &str) -> PyResult<Selector> {
    s.parse().map_err(|e| errors::to_py(py, e))
}

fn parse_severity(py: Python<'_>, s: &str) -> PyResult<Severity> {
    s.parse().map_err(|e: String| errors::option_error(py, e))
}

fn severities(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(Selector, Severity)>> {
    let Some(obj) = obj else { return Ok(vec![]) };
    let dict = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "severity must be a dict mapping a kind or rule id to 'error', 'warning' or 'info', not {}",
            type_name(obj)
        ))
    })?;
    let mut out = Vec::new();
    for (key, value) in dict.iter() {
        let (Ok(key), Ok(value)) = (key.extract::<String>(), value.extract::<String>()) else {
            return Err(PyTypeError::new_err("severity keys and values must be str"));
        };
        out.push((parse_selector(py, &key)?, parse_severity(py, &value)?));
    }
    Ok(out)
}

static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `None`, a `datetime.date` (not a `datetime.datetime`) or a `'YYYY-MM-DD'` str.
fn date_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return s
            .parse()
            .map(Some)
            .map_err(|e: String| errors::option_error(py, e));
    }
    let date = DATE_TYPE.import(py, "datetime", "date")?;
    let datetime = DATETIME_TYPE.import(py, "datetime", "datetime")?;
    if obj.is_instance(datetime)? {
        return Err(PyTypeError::new_err(
            "as_of must be a datetime.date or a 'YYYY-MM-DD' str, not a datetime.datetime (use .date())",
        ));
    }
    if !obj.is_instance(date)? {
        return Err(PyTypeError::new_err(format!(
            "as_of must be a datetime.date or a 'YYYY-MM-DD' str, not {}",
            type_name(obj)
        )));
    }
    let (y, m, d): (i32, u32, u32) = (
        obj.getattr("year")?.extract()?,
        obj.getattr("month")?.extract()?,
        obj.getattr("day")?.extract()?,
    );
    Date::new(y, m, d)
        .map(Some)
        .ok_or_else(|| errors::option_error(py, format!("date {y}-{m}-{d} is out of range")))
}

fn to_date<'py>(py: Python<'py>, d: Date) -> PyResult<Bound<'py, PyAny>> {
    DATE_TYPE
        .import(py, "datetime", "date")?
        .call1((d.year(), d.month(), d.day()))
}

/// Rayon pools by thread count, for this process (`pid`): at most [`MAX_POOLS`], the least
/// recently used dropped first (its threads end when the calls using it are done), so calls with
/// many distinct `threads=` values cannot pile up OS threads. A forked child (multiprocessing's
/// default start method on Linux) inherits the parent's pools without their threads: it
/// forgets them (dropping them would talk to threads that do not exist) and builds its own.
/// The global rayon pool is never used, for the same reason.
struct Pools {
    pid: u32,
    /// Most recently used last.
    pools: Vec<(usize, Arc<rayon::ThreadPool>)>,
}

static POOLS: Mutex<Pools> = Mutex::new(Pools {
    pid: 0,
    pools: Vec::new(),
});

/// How many pools of distinct sizes are kept.
const MAX_POOLS: usize = 4;

fn pool(py: Python<'_>, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut guard = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    let me = std::process::id();
    if guard.pid != me {
        // Forked (or first use): the inherited pools have no threads in this process.
        for p in guard.pools.drain(..) {
            std::mem::forget(p);
        }
        guard.pid = me;
    }
    if let Some(i) = guard.pools.iter().position(|(n, _)| *n == threads) {
        let entry = guard.pools.remove(i);
        let p = Arc::clone(&entry.1);
        guard.pools.push(entry);
        return Ok(p);
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("zhproof-{i}"))
        .build()
        .map_err(|e| errors::option_error(py, format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    if guard.pools.len() >= MAX_POOLS {
        guard.pools.remove(0);
    }
    guard.pools.push((threads, Arc::clone(&p)));
    Ok(p)
}

/// Tells the waiting thread that the workers are done, however they end.
struct DoneOnDrop(std::sync::mpsc::Sender<()>);

impl Drop for DoneOnDrop {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

/// How many texts are checked between two looks for a pending signal (Ctrl-C).
const SIGNAL_CHUNK: usize = 64;

/// The number of threads `threads=None` means: one per core.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn selector_name(s: &Selector) -> String {
    match s {
        Selector::Kind(k) => k.as_str().to_string(),
        Selector::Rule(r) => r.clone(),
        // `Selector` is not `#[non_exhaustive]`, so this match is complete.
    }
}

impl PyChecker {
    /// The Rust checker (for the page and site functions in `html.rs`).
    pub(crate) fn inner(&self) -> &zhproof::Checker {
        &self.inner
    }

    fn build(py: Python<'_>, builder: CheckerBuilder) -> PyResult<Self> {
        let built = py
            .detach(|| catch(|| builder.build()))
            .map_err(|p| p.into_py(py))?;
        let inner = built.map_err(|e| errors::to_py(py, e))?;
        Ok(PyChecker { inner })
    }

    /// The per-call reference date, or the checker's own.
    fn date_or_default(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
        Ok(date_arg(py, as_of)?.unwrap_or_else(|| self.inner.as_of()))
    }

    fn findings(list: Vec<zhproof::Finding>) -> Vec<PyFinding> {
        list.into_iter().map(PyFinding::from).collect()
    }
}

#[pymethods]
impl PyChecker {
    /// Builds a checker: see `_zhproof.pyi` for the arguments.
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (dictionaries=None, allow=None, select=None, ignore=None, as_of=None, *, defaults=true, severity=None))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<&Bound<'_, PyAny>>,
        allow: Option<&Bound<'_, PyAny>>,
        select: Option<&Bound<'_, PyAny>>,
        ignore: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        defaults: bool,
        severity: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut b = zhproof::Checker::builder();
        if !defaults {
            b = b.without_defaults();
        }
        for s in sources(dictionaries, "dictionaries")? {
            b = match s {
                Source::Path(p) => b.dictionary_file(p),
                Source::Text(name, text) => b.dictionary_str(name, text),
            };
        }
        for s in sources(allow, "allow")? {
            b = match s {
                Source::Path(p) => b.allow_file(p),
                Source::Text(name, text) => b.allow_str(name, text),
            };
        }
        if let Some(sel) = selectors(py, select, "select")? {
            b = b.select(sel);
        }
        if let Some(ign) = selectors(py, ignore, "ignore")? {
            b = b.ignore(ign);
        }
        for (sel, sev) in severities(py, severity)? {
            b = b.severity(sel, sev);
        }
        if let Some(d) = date_arg(py, as_of)? {
            b = b.as_of(d);
        }
        Self::build(py, b)
    }

    /// Checks `text`; the findings are sorted by position.
    #[pyo3(signature = (text, *, as_of=None))]
    fn check(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<PyFinding>> {
        let date = self.date_or_default(py, as_of)?;
        let checker = &self.inner;
        let found = py
            .detach(|| catch(|| checker.check_as_of(&text, date)))
            .map_err(|p| p.into_py(py))?;
        Ok(Self::findings(found))
    }

    /// Checks every text in parallel with the GIL released; results in input order.
    /// `threads=1` starts no other thread; more convert and check at the same time.
    #[pyo3(signature = (texts, threads=None))]
    fn check_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = match threads.filter(|t| !t.is_none()) {
            None => Some(pool(py, default_threads())?),
            Some(t) => {
                let n: i64 = t.extract().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "threads must be an int or None, not {}",
                        type_name(t)
                    ))
                })?;
                if n < 1 {
                    return Err(PyValueError::new_err(format!(
                        "threads must be at least 1, not {n}"
                    )));
                }
                Some(pool(py, n as usize)?)
            }
        };
        let items = items(texts, "texts")?;
        let count = items.len();
        let checker = &self.inner;
        if threads
            .as_ref()
            .is_some_and(|p| p.current_num_threads() == 1)
        {
            // One thread means one (e.g. one process per core in a multiprocessing or Dask
            // pool): convert everything, then check on this thread with the GIL released.
            let owned = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| text_at(i, item))
                .collect::<PyResult<Vec<_>>>()?;
            // In chunks, so that Ctrl-C (a pending signal) is seen between them.
            let out = PyList::empty(py);
            let mut found = Vec::with_capacity(owned.len());
            for chunk in owned.chunks(SIGNAL_CHUNK) {
                py.check_signals()?;
                found.extend(
                    py.detach(|| {
                        catch(|| chunk.iter().map(|t| checker.check(t)).collect::<Vec<_>>())
                    })
                    .map_err(|p| p.into_py(py))?,
                );
            }
            drop(owned);
            for list in found {
                out.append(Self::findings(list))?;
            }
            return Ok(out);
        }
        // Pipelined: this thread turns each `str` into UTF-8 (which needs the GIL: abi3 has no
        // borrowed UTF-8 view before Python 3.10) and hands it over at once, while the pool,
        // without the GIL, checks the texts already handed over. Converting everything first
        // would leave the pool idle for that long.
        let (tx, rx) = std::sync::mpsc::channel::<(usize, PyBackedStr)>();
        // Set on Ctrl-C: the workers skip the texts not checked yet.
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let cancelled = || cancel.load(std::sync::atomic::Ordering::Relaxed);
        let (checked, converted) = std::thread::scope(|scope| {
            let pool = threads.as_deref();
            let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
            let worker = scope.spawn(move || {
                let _done = DoneOnDrop(done_tx);
                catch(|| {
                    let work = || {
                        rx.into_iter()
                            .par_bridge()
                            .map(|(i, text)| {
                                let found = if cancelled() {
                                    Vec::new()
                                } else {
                                    checker.check(&text)
                                };
                                (i, found, text)
                            })
                            .collect::<Vec<_>>()
                    };
                    match pool {
                        Some(pool) => pool.install(work),
                        None => work(),
                    }
                })
            });
            let mut converted = Ok(());
            for (i, item) in items.into_iter().enumerate() {
                if i % SIGNAL_CHUNK == SIGNAL_CHUNK - 1 {
                    if let Err(e) = py.check_signals() {
                        converted = Err(e);
                        break;
                    }
                }
                match text_at(i, item) {
                    // The workers only stop early by panicking; the panic is reported below.
                    Ok(text) => {
                        if tx.send((i, text)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        converted = Err(e);
                        break;
                    }
                }
            }
            drop(tx);
            // Wait for the workers, looking for Ctrl-C every 50 ms.
            let mut done_rx = done_rx;
            while converted.is_ok() {
                let (rx, waited) = py.detach(move || {
                    let r = done_rx.recv_timeout(std::time::Duration::from_millis(50));
                    (done_rx, r)
                });
                done_rx = rx;
                if !matches!(waited, Err(std::sync::mpsc::RecvTimeoutError::Timeout)) {
                    break;
                }
                if let Err(e) = py.check_signals() {
                    converted = Err(e);
                }
            }
            if converted.is_err() {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            // A panic is caught inside the worker; should one escape, it becomes an error too.
            let checked = py.detach(|| {
                worker
                    .join()
                    .unwrap_or_else(|p| catch(|| -> Vec<_> { std::panic::resume_unwind(p) }))
            });
            (checked, converted)
        });
        converted?;
        let mut checked = checked.map_err(|p| p.into_py(py))?;
        debug_assert_eq!(checked.len(), count);
        checked.sort_unstable_by_key(|(i, _, _)| *i);
        let out = PyList::empty(py);
        for (_, found, text) in checked {
            drop(text);
            out.append(Self::findings(found))?;
        }
        Ok(out)
    }

    /// `text` with every safe suggestion applied (unsafe ones too when `unsafe_fixes`).
    #[pyo3(signature = (text, *, as_of=None, unsafe_fixes=false))]
    fn fix(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        as_of: Option<&Bound<'_, PyAny>>,
        unsafe_fixes: bool,
    ) -> PyResult<String> {
        let date = self.date_or_default(py, as_of)?;
        let checker = &self.inner;
        py.detach(|| catch(|| checker.fix_as_of(&text, date, unsafe_fixes)))
            .map_err(|p| p.into_py(py))
    }

    /// Indices into `check(text)` of the findings one fix pass applies (`zhproof::applied_fixes`).
    #[pyo3(signature = (text, *, as_of=None, unsafe_fixes=false))]
    fn applied_fixes(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        as_of: Option<&Bound<'_, PyAny>>,
        unsafe_fixes: bool,
    ) -> PyResult<Vec<usize>> {
        let date = self.date_or_default(py, as_of)?;
        let checker = &self.inner;
        py.detach(|| {
            catch(|| {
                let found = checker.check_as_of(&text, date);
                zhproof::applied_fixes(&text, &found, unsafe_fixes)
            })
        })
        .map_err(|p| p.into_py(py))
    }

    /// `text` with the personal data this checker finds masked (same length in characters).
    #[pyo3(signature = (text, *, as_of=None))]
    fn mask(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let date = self.date_or_default(py, as_of)?;
        let checker = &self.inner;
        py.detach(|| catch(|| checker.mask_as_of(&text, date)))
            .map_err(|p| p.into_py(py))
    }

    /// The reference date of date-aware rules.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_date(py, self.inner.as_of())
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        let names = |v: &[(String, String)]| {
            v.iter()
                .map(|(n, _)| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sel = |v: &[Selector]| {
            v.iter()
                .map(|s| format!("{:?}", selector_name(s)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "Checker(dictionaries=[{}], allow=[{}], select={}, ignore=[{}], as_of='{}', defaults={})",
            names(&o.dictionaries),
            names(&o.allow),
            o.select
                .as_deref()
                .map_or("None".to_string(), |s| format!("[{}]", sel(s))),
            sel(&o.ignore),
            self.inner.as_of(),
            if o.defaults { "True" } else { "False" },
        )
    }

    /// Pickles the configuration (`zhproof::Options`, with file dictionaries by contents); the
    /// receiving process builds the same checker again.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let o = self.inner.options();
        let state = PyDict::new(py);
        state.set_item("defaults", o.defaults)?;
        state.set_item("dictionaries", o.dictionaries.clone())?;
        state.set_item("allow", o.allow.clone())?;
        state.set_item(
            "select",
            o.select
                .as_ref()
                .map(|s| s.iter().map(selector_name).collect::<Vec<_>>()),
        )?;
        state.set_item(
            "ignore",
            o.ignore.iter().map(selector_name).collect::<Vec<_>>(),
        )?;
        state.set_item(
            "severity",
            o.severity
                .iter()
                .map(|(s, v)| (selector_name(s), v.as_str()))
                .collect::<Vec<_>>(),
        )?;
        state.set_item("as_of", o.as_of.map(|d| d.to_string()))?;
        let module = py.import("zhproof._zhproof")?;
        Ok((
            module.getattr("_checker_from_state")?,
            PyTuple::new(py, [state])?,
        ))
    }
}

/// Rebuilds a pickled `Checker` from the state written by `Checker.__reduce__`.
#[pyfunction]
pub fn _checker_from_state(py: Python<'_>, state: &Bound<'_, PyDict>) -> PyResult<PyChecker> {
    let get = |key: &str| -> PyResult<Bound<'_, PyAny>> {
        state
            .get_item(key)?
            .ok_or_else(|| PyValueError::new_err(format!("pickled Checker state lacks `{key}`")))
    };
    let select: Option<Vec<String>> = get("select")?.extract()?;
    let ignore: Vec<String> = get("ignore")?.extract()?;
    let severity: Vec<(String, String)> = get("severity")?.extract()?;
    let as_of: Option<String> = get("as_of")?.extract()?;
    let mut options = Options::default();
    options.defaults = get("defaults")?.extract()?;
    options.dictionaries = get("dictionaries")?.extract()?;
    options.allow = get("allow")?.extract()?;
    options.select = select
        .map(|v| v.iter().map(|s| parse_selector(py, s)).collect())
        .transpose()?;
    options.ignore = ignore
        .iter()
        .map(|s| parse_selector(py, s))
        .collect::<PyResult<_>>()?;
    options.severity = severity
        .iter()
        .map(|(s, v)| Ok((parse_selector(py, s)?, parse_severity(py, v)?)))
        .collect::<PyResult<_>>()?;
    options.as_of = as_of
        .map(|d| d.parse().map_err(|e: String| errors::option_error(py, e)))
        .transpose()?;
    PyChecker::build(py, CheckerBuilder::from_options(options))
}
