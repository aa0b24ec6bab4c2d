//! Checking off the async workers: a rayon pool sized to the cores, a bounded queue, a cache of
//! checkers per combination of named dictionaries, and `catch_unwind` around every check.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{oneshot, Semaphore};
use zhproof::rules::{did_you_mean, RuleMeta};
use zhproof::{Checker, Date, Finding, Kind, Selector, Severity};

use crate::api::{ApiError, CheckResponse, Counts, Format, Request, TextResponse};
use crate::Error;

/// The server's settings. Start from [`Config::new`] and change the fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The checker every request starts from: its dictionaries and allow-lists. Give it no rule
    /// selection; put the server's default selection in `select`, `ignore` and `severity`, which
    /// a request can change as the CLI's options change `zhproof.toml`'s.
    pub checker: Checker,
    /// Kinds or rules reported when a request does not say (`None`: all).
    pub select: Option<Vec<Selector>>,
    /// Kinds or rules never reported; a request's `ignore` adds to these.
    pub ignore: Vec<Selector>,
    /// Severity overrides; a request's come after these (and win).
    pub severity: Vec<(Selector, Severity)>,
    /// Reference date when a request gives none; `None` means the day of the request in China.
    pub as_of: Option<Date>,
    /// Extra dictionaries a request may name: name → files as `(file name, contents)`.
    pub dictionaries: BTreeMap<String, Vec<(String, String)>>,
    /// Largest request body accepted, in bytes (default 2 MiB); larger ones get 413.
    pub max_body_bytes: usize,
    /// Longest time a request may take, reading its body included (default 30 s); then 408.
    pub timeout: Duration,
    /// Checking threads (default: the number of cores).
    pub workers: usize,
    /// Host names (and their subdomains) HTML links may point to without an `external-link`
    /// finding, besides government hosts (`[site] allow-domains` in `zhproof.toml`).
    pub allow_domains: Vec<String>,
    /// The site's own host names: links to them are internal (`[site] own-domains`).
    pub own_domains: Vec<String>,
    /// Requests allowed to wait for a checking thread beyond those being checked (default 64 per
    /// thread); more get 503 at once instead of queuing without bound.
    pub queue: usize,
}

impl Config {
    /// Default settings around `checker`.
    pub fn new(checker: Checker) -> Config {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            checker,
            select: None,
            ignore: vec![],
            severity: vec![],
            as_of: None,
            dictionaries: BTreeMap::new(),
            max_body_bytes: 2 << 20,
            timeout: Duration::from_secs(30),
            workers,
            queue: 64 * workers,
            allow_domains: vec![],
            own_domains: vec![],
        }
    }
}

/// How many checkers with named dictionaries are kept (each combination a request names is built
/// once; past this many the cache starts again).
const CACHE_LIMIT: usize = 32;

/// How many checkers with a request's own selection and severities are kept.
const NARROWED_LIMIT: usize = 256;

/// A checker and the rule ids it knows.
#[derive(Debug, Clone)]
struct Known {
    checker: Checker,
    rules: Arc<BTreeSet<String>>,
}

impl Known {
    fn new(checker: Checker) -> Known {
        let rules = checker
            .rules()
            .into_iter()
            .map(|r| r.id.into_owned())
            .collect();
        Known {
            checker,
            rules: Arc::new(rules),
        }
    }
}

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Findings.
    Check,
    /// The text with fixes applied.
    Fix,
    /// The text with personal data masked.
    Mask,
}

/// The result of an [`Operation`], ready to serialise.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Findings.
    Check(CheckResponse),
    /// A fixed or masked text.
    Text(TextResponse),
}

/// Runs requests: shared by every connection.
#[derive(Debug)]
pub struct Engine {
    config: Config,
    base: Known,
    cache: Mutex<HashMap<Vec<String>, Known>>,
    /// Checkers with a request's selection and severities, by the request's options.
    narrowed: Mutex<HashMap<String, Checker>>,
    pool: rayon::ThreadPool,
    queue: Arc<Semaphore>,
    rules: Vec<RuleMeta>,
}

impl Engine {
    /// Builds every named dictionary once (so a broken one is reported now, with its file and
    /// line) and starts the checking threads.
    pub fn new(mut config: Config) -> Result<Engine, Error> {
        // HTML requests report page rules: a request may select, ignore and re-grade them.
        config.checker = config
            .checker
            .rebuild()
            .external_rules(zhproof_html::rules())
            .build()
            .map_err(|source| Error::Dictionary {
                name: "(base)".into(),
                source,
            })?;
        let base = Known::new(config.checker.clone());
        let mut rules = config.checker.rules();
        let mut cache = HashMap::new();
        for name in config.dictionaries.keys() {
            let known = build_with(&config, std::slice::from_ref(name)).map_err(|source| {
                Error::Dictionary {
                    name: name.clone(),
                    source,
                }
            })?;
            rules.extend(known.checker.rules());
            cache.insert(vec![name.clone()], known);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        rules.dedup_by(|a, b| a.id == b.id);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.workers.max(1))
            .thread_name(|i| format!("zhproof-check-{i}"))
            .build()
            .map_err(|e| Error::Runtime(std::io::Error::other(e)))?;
        let queue = Arc::new(Semaphore::new(config.workers.max(1) + config.queue.max(1)));
        Ok(Engine {
            config,
            base,
            cache: Mutex::new(cache),
            narrowed: Mutex::new(HashMap::new()),
            pool,
            queue,
            rules,
        })
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Every rule a request can select: the base checker's and the named dictionaries'.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// The reference date of a request that gives none.
    pub fn default_as_of(&self) -> Date {
        self.config.as_of.unwrap_or_else(Date::today_china)
    }

    /// Runs `op` on a checking thread. Waits for a free thread, or fails with
    /// [`ApiError::Overloaded`] when the queue is full; a panic becomes [`ApiError::Internal`].
    pub async fn run(self: &Arc<Self>, op: Operation, req: Request) -> Result<Outcome, ApiError> {
        let engine = Arc::clone(self);
        self.on_pool(move || engine.execute(op, &req)).await
    }

    /// Runs `job` on a checking thread (see [`run`](Self::run)).
    async fn on_pool<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = Arc::clone(&self.queue)
            .try_acquire_owned()
            .map_err(|_| ApiError::Overloaded)?;
        let (tx, rx) = oneshot::channel();
        self.pool.spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(job)).unwrap_or(Err(ApiError::Internal));
            drop(permit);
            // The receiver is gone when the request timed out or the client left.
            let _ = tx.send(result);
        });
        rx.await.unwrap_or(Err(ApiError::Internal))
    }

    /// Resolves the request's options and runs `op`, on the calling thread.
    pub fn execute(&self, op: Operation, req: &Request) -> Result<Outcome, ApiError> {
        let (checker, as_of) = self.resolve(req)?;
        let version = env!("CARGO_PKG_VERSION");
        let text = &req.text;
        if req.format == Format::Html {
            let page = zhproof_html::parse(text);
            let opts = zhproof_html::PageOptions {
                // A date shown on the page later than the reference date is ahead of it.
                captured: Some(as_of),
                own_domains: self.config.own_domains.clone(),
                allow_domains: self.config.allow_domains.clone(),
            };
            return Ok(match op {
                Operation::Check => {
                    let findings = zhproof_html::check_page_as_of(&checker, &page, &opts, as_of);
                    Outcome::Check(CheckResponse {
                        version,
                        as_of: as_of.to_string(),
                        counts: Counts::of(&findings),
                        findings,
                    })
                }
                Operation::Fix | Operation::Mask => {
                    let out = if op == Operation::Fix {
                        zhproof_html::fix_page_as_of(
                            &checker,
                            &page,
                            &opts,
                            req.unsafe_fixes,
                            as_of,
                        )
                    } else {
                        // Only spans whose source is the text itself are masked (no markup
                        // inside), and masks are `*`, safe in HTML.
                        zhproof::mask_findings(
                            text,
                            &zhproof_html::check_page_as_of(&checker, &page, &opts, as_of),
                        )
                    };
                    Outcome::Text(TextResponse {
                        version,
                        as_of: as_of.to_string(),
                        changed: out != *text,
                        text: out,
                    })
                }
            });
        }
        Ok(match op {
            Operation::Check => {
                let findings: Vec<Finding> = checker.check_as_of(text, as_of);
                Outcome::Check(CheckResponse {
                    version,
                    as_of: as_of.to_string(),
                    counts: Counts::of(&findings),
                    findings,
                })
            }
            Operation::Fix | Operation::Mask => {
                let out = if op == Operation::Fix {
                    checker.fix_as_of(text, as_of, req.unsafe_fixes)
                } else {
                    zhproof::mask_findings(text, &checker.check_as_of(text, as_of))
                };
                Outcome::Text(TextResponse {
                    version,
                    as_of: as_of.to_string(),
                    changed: out != *text,
                    text: out,
                })
            }
        })
    }

    /// The checker and reference date for a request: its dictionaries, selection, severities
    /// and date, each validated.
    pub fn resolve(&self, req: &Request) -> Result<(Checker, Date), ApiError> {
        let as_of = match &req.as_of {
            Some(s) => s.parse::<Date>().map_err(|e| ApiError::InvalidOption {
                field: "as_of",
                message: e.to_string(),
            })?,
            None => self.default_as_of(),
        };
        let known = self.known(&req.dictionaries)?;
        let parse = |field: &'static str, s: &str| -> Result<Selector, ApiError> {
            let unknown = || ApiError::UnknownRule {
                field,
                name: s.to_string(),
                suggestion: did_you_mean(
                    s,
                    Kind::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .chain(known.rules.iter().map(String::as_str)),
                )
                .map(str::to_string),
            };
            match s.parse::<Selector>() {
                Ok(Selector::Rule(id)) if !known.rules.contains(&id) => Err(unknown()),
                Ok(sel) => Ok(sel),
                Err(_) => Err(unknown()),
            }
        };
        let select = match &req.select {
            Some(names) => Some(
                names
                    .iter()
                    .map(|s| parse("select", s))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => self.config.select.clone(),
        };
        let mut ignore = self.config.ignore.clone();
        for s in &req.ignore {
            ignore.push(parse("ignore", s)?);
        }
        let mut severity = self.config.severity.clone();
        for (k, v) in &req.severity {
            let sel = parse("severity", k)?;
            let sev = v
                .parse::<Severity>()
                .map_err(|message| ApiError::InvalidOption {
                    field: "severity",
                    message: format!("{k}: {message}"),
                })?;
            severity.push((sel, sev));
        }
        if select.is_none() && ignore.is_empty() && severity.is_empty() {
            return Ok((known.checker, as_of));
        }
        // Editors send the same options again and again: build each combination once.
        let key = format!(
            "{:?}",
            (&req.dictionaries, &req.select, &req.ignore, &req.severity)
        );
        let lock = || self.narrowed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = lock().get(&key) {
            return Ok((c.clone(), as_of));
        }
        let mut b = known.checker.rebuild();
        if let Some(select) = select {
            b = b.select(select);
        }
        b = b.ignore(ignore);
        for (sel, sev) in severity {
            b = b.severity(sel, sev);
        }
        let checker = b.build().map_err(|e| ApiError::InvalidOption {
            field: "select",
            message: e.to_string(),
        })?;
        let mut cache = lock();
        if cache.len() >= NARROWED_LIMIT {
            cache.clear();
        }
        cache.insert(key, checker.clone());
        Ok((checker, as_of))
    }

    /// The checker with these named dictionaries added to the base one (built once, then cached).
    fn known(&self, names: &[String]) -> Result<Known, ApiError> {
        if names.is_empty() {
            return Ok(self.base.clone());
        }
        let mut key: Vec<String> = names.to_vec();
        key.sort();
        key.dedup();
        for n in &key {
            if !self.config.dictionaries.contains_key(n) {
                let configured: Vec<&str> = self
                    .config
                    .dictionaries
                    .keys()
                    .map(String::as_str)
                    .collect();
                let hint = match did_you_mean(n, configured.iter().copied()) {
                    Some(s) => format!(" (did you mean `{s}`?)"),
                    None if configured.is_empty() => {
                        " (this server has no named dictionaries)".to_string()
                    }
                    None => format!(" (configured: {})", configured.join(", ")),
                };
                return Err(ApiError::InvalidOption {
                    field: "dictionaries",
                    message: format!("no dictionary named `{n}`{hint}"),
                });
            }
        }
        if let Some(k) = self.lock_cache().get(&key) {
            return Ok(k.clone());
        }
        // Built outside the lock: other requests go on meanwhile. Every dictionary was built
        // alone at start-up, so an error here is two dictionaries defining the same term.
        let known = build_with(&self.config, &key).map_err(|e| ApiError::InvalidOption {
            field: "dictionaries",
            message: e.to_string(),
        })?;
        let mut cache = self.lock_cache();
        if cache.len() >= CACHE_LIMIT {
            cache.retain(|k, _| k.len() == 1);
        }
        cache.insert(key, known.clone());
        Ok(known)
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<String>, Known>> {
        // A panic while holding the lock leaves a consistent map (inserts are single calls).
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The base checker with the named dictionaries `names` added.
fn build_with(config: &Config, names: &[String]) -> Result<Known, zhproof::Error> {
    let mut b = config.checker.rebuild();
    for n in names {
        for (file, text) in &config.dictionaries[n] {
            b = b.dictionary_str(file.clone(), text.clone());
        }
    }
    Ok(Known::new(b.build()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(workers: usize, queue: usize) -> Arc<Engine> {
        let mut c = Config::new(Checker::new());
        c.workers = workers;
        c.queue = queue;
        Arc::new(Engine::new(c).unwrap())
    }

    #[tokio::test]
    async fn a_panic_in_a_check_becomes_an_internal_error() {
        let e = engine(1, 1);
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<(), ApiError> = e.on_pool(|| panic!("a bug")).await;
        std::panic::set_hook(prev);
        assert_eq!(r, Err(ApiError::Internal));
        // The thread survives: the next job runs.
        assert_eq!(e.on_pool(|| Ok(7)).await, Ok(7));
    }

    #[tokio::test]
    async fn a_full_queue_answers_overloaded_at_once() {
        let e = engine(1, 1);
        let held = Arc::clone(&e.queue).try_acquire_many_owned(2).unwrap();
        assert_eq!(e.on_pool(|| Ok(())).await, Err(ApiError::Overloaded));
        drop(held);
        assert_eq!(e.on_pool(|| Ok(())).await, Ok(()));
    }
}
