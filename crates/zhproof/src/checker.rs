//! [`Checker`] and [`CheckerBuilder`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use crate::date::Date;
use crate::dictionary::{self, limits, AllowEntry, Entry};
use crate::embedded;
use crate::error::{Error, Result};
use crate::finding::{Applicability, Finding, Kind, Severity};
use crate::lexicon::Lexicon;
use crate::position;
use crate::rules::{self, terms::Terms, Context, Family, RuleMeta};

/// The error for a selector naming no known rule or kind, with the nearest name as a hint.
fn unknown_selector<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Error {
    // `did_you_mean` borrows the candidates only while it runs.
    Error::UnknownRule {
        name: name.to_string(),
        did_you_mean: rules::did_you_mean(name, known).map(str::to_string),
    }
}

/// Selects findings by kind (`typo`) or by rule id (`common-typo`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selector {
    /// Every rule of a kind.
    Kind(Kind),
    /// One rule.
    Rule(String),
}

impl Selector {
    /// True when `rule`/`kind` is selected by this selector.
    pub fn matches(&self, rule: &str, kind: Kind) -> bool {
        match self {
            Selector::Kind(k) => *k == kind,
            Selector::Rule(r) => r == rule,
        }
    }
}

impl std::str::FromStr for Selector {
    type Err = Error;
    /// A kind name, else a kebab-case rule id.
    fn from_str(s: &str) -> Result<Self> {
        if let Ok(k) = s.parse::<Kind>() {
            Ok(Selector::Kind(k))
        } else if dictionary::is_kebab_case(s) {
            Ok(Selector::Rule(s.to_string()))
        } else {
            Err(unknown_selector(s, rules::known_names()))
        }
    }
}

/// Everything a [`Checker`] was built from. Building again from the same options gives a checker
/// that behaves the same (the Python binding pickles checkers this way): the checker's options
/// always carry the reference date it resolved.
///
/// `#[non_exhaustive]`: start from `Options::default()` (or [`Checker::options`]) and set fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    /// Load the embedded default dictionaries.
    pub defaults: bool,
    /// Extra dictionaries as `(name, contents)`.
    pub dictionaries: Vec<(String, String)>,
    /// Extra allow-lists as `(name, contents)`.
    pub allow: Vec<(String, String)>,
    /// Only these kinds/rules; `None` means all.
    pub select: Option<Vec<Selector>>,
    /// Never these kinds/rules.
    pub ignore: Vec<Selector>,
    /// Severity overrides, applied in order (a later one wins).
    pub severity: Vec<(Selector, Severity)>,
    /// Reference date of date-aware rules; `None` means today's date (China time), read once
    /// when the checker is built. Rules never read the clock.
    pub as_of: Option<Date>,
}

impl Options {
    /// True when findings of `rule`/`kind` are reported under these options. An
    /// [opt-in](crate::rules::RuleMeta::opt_in) rule is reported only when selected by its id.
    ///
    /// ```
    /// use zhproof::{Kind, Options, Selector};
    /// let mut o = Options::default();
    /// assert!(o.selects("common-typo", Kind::Typo));
    /// assert!(o.selects("statistical-typo", Kind::Typo));
    /// assert!(!o.selects("idiom-near-miss", Kind::Typo));
    /// o.select = Some(vec![Selector::Kind(Kind::Typo)]);
    /// assert!(!o.selects("idiom-near-miss", Kind::Typo));
    /// o.select = Some(vec![Selector::Rule("idiom-near-miss".into())]);
    /// assert!(o.selects("idiom-near-miss", Kind::Typo));
    /// ```
    pub fn selects(&self, rule: &str, kind: Kind) -> bool {
        let selected = if rules::rule(rule).is_some_and(|r| r.opt_in) {
            self.select.as_ref().is_some_and(|s| {
                s.iter()
                    .any(|x| matches!(x, Selector::Rule(r) if r == rule))
            })
        } else {
            self.select
                .as_ref()
                .is_none_or(|s| s.iter().any(|x| x.matches(rule, kind)))
        };
        selected && !self.ignore.iter().any(|x| x.matches(rule, kind))
    }
}

impl Options {
    /// False only when no embedded entry of `kind` can be selected: the kind is ignored, or a
    /// selection names neither the kind nor a rule id that the embedded dictionaries mention.
    fn may_select_kind(&self, kind: Kind) -> bool {
        if self.ignore.contains(&Selector::Kind(kind)) {
            return false;
        }
        self.select.as_ref().is_none_or(|sel| {
            sel.iter().any(|x| match x {
                Selector::Kind(k) => *k == kind,
                // No embedded file mentioning the id: no embedded entry has it.
                Selector::Rule(id) => embedded::TERM_FILES
                    .iter()
                    .any(|(_, text)| text.contains(id.as_str())),
            })
        })
    }
}

/// Builds a [`Checker`]: extra dictionaries, allow-lists, rule selection, severity overrides and
/// the reference date.
///
/// ```
/// use zhproof::{Checker, Date, Kind, Selector, Severity};
/// let checker = Checker::builder()
///     .as_of(Date::new(2024, 6, 1).unwrap())
///     .dictionary_str(
///         "mine.tsv",
///         "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n\
///          赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部行政区划\n",
///     )
///     .select([Selector::Kind(Kind::Expression)])
///     .severity(Selector::Rule("place-name".into()), Severity::Warning)
///     .build()?;
/// let findings = checker.check("赣洲市政务公开月报");
/// assert_eq!(findings[0].suggestions, ["赣州"]);
/// assert_eq!(findings[0].severity, Severity::Warning);
/// # Ok::<(), zhproof::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CheckerBuilder {
    options: Options,
    files: Vec<PathBuf>,
    allow_files: Vec<PathBuf>,
    /// Dictionaries already built from these options' dictionary fields, with the rules only
    /// they define (see [`Checker::rebuild`]).
    built: Option<(Arc<Terms>, Vec<RuleMeta>)>,
    /// Rules of adapter crates (see [`CheckerBuilder::external_rules`]).
    external: Vec<RuleMeta>,
}

impl Default for CheckerBuilder {
    fn default() -> Self {
        CheckerBuilder {
            options: Options {
                defaults: true,
                ..Options::default()
            },
            files: vec![],
            allow_files: vec![],
            built: None,
            external: vec![],
        }
    }
}

/// Reads a dictionary file, at most [`limits::MAX_FILE_BYTES`] of it: a larger file, a pipe
/// or a device that keeps giving (`/dev/urandom`, `/dev/zero`) is refused, not read until
/// memory runs out.
fn read_utf8(path: &Path) -> Result<String> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            limit: limits::MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

impl CheckerBuilder {
    /// Starts from [`Options`] (e.g. ones kept from another checker).
    pub fn from_options(options: Options) -> Self {
        CheckerBuilder {
            options,
            files: vec![],
            allow_files: vec![],
            built: None,
            external: vec![],
        }
    }

    /// Does not load the embedded dictionaries (only the ones added to this builder).
    pub fn without_defaults(mut self) -> Self {
        self.options.defaults = false;
        self.built = None;
        self
    }

    /// Adds a dictionary file (read when [`build`](Self::build) runs).
    pub fn dictionary_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.files.push(path.into());
        self.built = None;
        self
    }

    /// Adds a dictionary from memory; `name` is used in error messages.
    pub fn dictionary_str(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.options.dictionaries.push((name.into(), tsv.into()));
        self.built = None;
        self
    }

    /// Adds an allow-list file (read when [`build`](Self::build) runs).
    pub fn allow_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.allow_files.push(path.into());
        self.built = None;
        self
    }

    /// Adds an allow-list from memory.
    pub fn allow_str(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.options.allow.push((name.into(), tsv.into()));
        self.built = None;
        self
    }

    /// Only report these kinds or rules (may be called more than once; selections add up).
    pub fn select(mut self, selectors: impl IntoIterator<Item = Selector>) -> Self {
        self.options
            .select
            .get_or_insert_with(Vec::new)
            .extend(selectors);
        self
    }

    /// Never report these kinds or rules.
    pub fn ignore(mut self, selectors: impl IntoIterator<Item = Selector>) -> Self {
        self.options.ignore.extend(selectors);
        self
    }

    /// Reports findings matched by `selector` with `severity` instead of their default.
    pub fn severity(mut self, selector: Selector, severity: Severity) -> Self {
        self.options.severity.push((selector, severity));
        self
    }

    /// The reference date of date-aware rules (outdated names, leaders' offices, birth dates).
    /// Without it the checker uses today's date (China time), read once by
    /// [`build`](Self::build); tests and reproducible runs should set it.
    pub fn as_of(mut self, date: Date) -> Self {
        self.options.as_of = Some(date);
        self
    }

    /// Declares rules that adapter crates report through this checker's selection (the page
    /// rules of `zhproof-html`, say): a selection, ignore list or severity override may name
    /// them, and [`Checker::rules`] lists them. The core never reports them itself.
    ///
    /// ```
    /// use zhproof::rules::RuleMeta;
    /// use zhproof::{Checker, Kind, Selector, Severity};
    /// let page_rule = RuleMeta::external("hidden-text", "html", Kind::Sensitive, Severity::Error,
    ///     "hidden spam", "", "", &[], &[]);
    /// let c = Checker::builder()
    ///     .external_rules([page_rule])
    ///     .select([Selector::Rule("hidden-text".into())])
    ///     .build()?;
    /// assert!(c.options().selects("hidden-text", Kind::Sensitive));
    /// assert!(c.check("全面布署").is_empty());
    /// # Ok::<(), zhproof::Error>(())
    /// ```
    pub fn external_rules(mut self, rules: impl IntoIterator<Item = RuleMeta>) -> Self {
        for r in rules {
            if !self.external.iter().any(|e| e.id == r.id) {
                self.external.push(r);
            }
        }
        self
    }

    /// Reads the files, validates every dictionary and builds the checker.
    ///
    /// Fails with [`Error::UnknownRule`] when a selection or severity override names a rule that
    /// neither the registry nor a loaded dictionary defines:
    ///
    /// ```
    /// use zhproof::{Checker, Selector};
    /// let e = Checker::builder().select([Selector::Rule("typos".into())]).build().unwrap_err();
    /// assert_eq!(e.to_string(), "unknown rule `typos`; did you mean `typo`?");
    /// ```
    pub fn build(mut self) -> Result<Checker> {
        for path in std::mem::take(&mut self.files) {
            let text = read_utf8(&path)?;
            self.options
                .dictionaries
                .push((path.display().to_string(), text));
        }
        for path in std::mem::take(&mut self.allow_files) {
            let text = read_utf8(&path)?;
            self.options.allow.push((path.display().to_string(), text));
        }
        match self.built.take() {
            Some((terms, mut user_rules)) => {
                add_external(&mut user_rules, self.external);
                Checker::from_parts(self.options, terms, user_rules)
            }
            None => Checker::from_options(self.options, self.external),
        }
    }
}

/// Everything needed to check: immutable, `Send + Sync`, and cheap to clone (an [`Arc`]).
///
/// ```
/// let checker = zhproof::Checker::new();
/// let findings = checker.check("会议对下一阶段工作进行了全面布署。");
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].text, "布署");
/// assert_eq!(findings[0].suggestions, ["部署"]);
/// assert_eq!((findings[0].line, findings[0].column), (1, 15));
/// assert_eq!(checker.fix("全面布署。"), "全面部署。");
/// ```
#[derive(Debug, Clone)]
pub struct Checker {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    options: Options,
    as_of: Date,
    terms: Arc<Terms>,
    terms_enabled: bool,
    /// Whether any allow-list is loaded (then the term automaton runs even when no dictionary
    /// rule is selected, to find the allow-listed spans).
    has_allow: bool,
    families: Vec<Box<dyn Family>>,
    /// Rules defined only by user dictionaries.
    user_rules: Vec<RuleMeta>,
}

/// Adds the adapter rules `external` to `user_rules` (which the checker validates selections
/// against and lists), skipping ids already there.
fn add_external(user_rules: &mut Vec<RuleMeta>, external: Vec<RuleMeta>) {
    for r in external {
        if !user_rules.iter().any(|u| u.id == r.id) {
            user_rules.push(r);
        }
    }
}

/// Fails when a selector of `options` names a rule that is neither built in nor in `user_rules`.
fn check_selectors(options: &Options, user_rules: &[RuleMeta]) -> Result<()> {
    let selectors = options
        .select
        .iter()
        .flatten()
        .chain(&options.ignore)
        .chain(options.severity.iter().map(|(s, _)| s));
    for sel in selectors {
        if let Selector::Rule(id) = sel {
            if rules::rule(id).is_none() && !user_rules.iter().any(|r| r.id == id.as_str()) {
                let mut known: Vec<&str> = rules::known_names().collect();
                known.extend(user_rules.iter().map(|r| &*r.id));
                return Err(unknown_selector(id, known));
            }
        }
    }
    Ok(())
}

/// The embedded dictionaries and allow-lists, parsed.
fn embedded_sources() -> Result<(Vec<Entry>, Vec<AllowEntry>)> {
    let mut entries = Vec::new();
    for (name, text) in embedded::TERM_FILES {
        entries.extend(dictionary::parse_terms(name, text)?);
    }
    let mut allow = Vec::new();
    for (name, text) in embedded::ALLOW_FILES {
        allow.extend(dictionary::parse_allow(name, text)?);
    }
    Ok((entries, allow))
}

/// The embedded dictionary entries, parsed and merged (as the pre-built lexicon numbers them).
fn embedded_entries() -> Vec<Entry> {
    let (entries, allow) =
        embedded_sources().expect("embedded dictionaries are validated by tests");
    dictionary::merge(entries, &allow).expect("embedded dictionaries are validated by tests")
}

/// The default term family, built once per process and shared by every default checker.
static DEFAULT_TERMS: LazyLock<Arc<Terms>> = LazyLock::new(|| {
    if let Some(lexicon) = Lexicon::embedded(embedded_entries) {
        return Arc::new(Terms::new(lexicon));
    }
    let (entries, allow) =
        embedded_sources().expect("embedded dictionaries are validated by tests");
    let entries =
        dictionary::merge(entries, &allow).expect("embedded dictionaries are validated by tests");
    Arc::new(Terms::new(
        Lexicon::build(entries, &allow).expect("embedded dictionaries are validated by tests"),
    ))
});

/// Fails, naming the first entry past the limit, when there are more than
/// [`limits::MAX_ENTRIES`] entries in all.
fn check_entry_count(entries: &[Entry], allow: &[AllowEntry]) -> Result<()> {
    let max = limits::MAX_ENTRIES;
    if entries.len() + allow.len() <= max {
        return Ok(());
    }
    let origin = match allow.get(max) {
        Some(a) => &a.origin,
        None => &entries[max.saturating_sub(allow.len()).min(entries.len() - 1)].origin,
    };
    Err(Error::dict(
        &origin.file,
        origin.line,
        format!("more than {max} dictionary entries in all (embedded ones included)"),
    ))
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    /// A checker with the embedded dictionaries and every rule.
    pub fn new() -> Checker {
        Checker::builder()
            .build()
            .expect("embedded dictionaries are validated by tests")
    }

    /// A builder starting from the embedded dictionaries.
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// A builder starting from this checker's options. As long as no dictionary or allow-list is
    /// added and the defaults are kept, the checker it builds shares this one's dictionaries
    /// instead of building them again: changing the selection, severities or reference date of a
    /// checker with large user dictionaries is cheap (a server does it per request).
    ///
    /// ```
    /// use zhproof::{Checker, Selector, Severity};
    /// let base = Checker::new();
    /// let strict = base.rebuild().severity(Selector::Rule("common-typo".into()), Severity::Error).build()?;
    /// assert_eq!(strict.check("全面布署")[0].severity, Severity::Error);
    /// assert_eq!(base.check("全面布署")[0].severity, Severity::Warning);
    /// # Ok::<(), zhproof::Error>(())
    /// ```
    pub fn rebuild(&self) -> CheckerBuilder {
        CheckerBuilder {
            options: self.inner.options.clone(),
            files: vec![],
            allow_files: vec![],
            built: Some((Arc::clone(&self.inner.terms), self.inner.user_rules.clone())),
            external: vec![],
        }
    }

    fn from_options(options: Options, external: Vec<RuleMeta>) -> Result<Checker> {
        let mut user_entries = Vec::new();
        for (name, text) in &options.dictionaries {
            user_entries.extend(dictionary::parse_terms(name, text)?);
        }
        let mut user_rules = Terms::user_rules(&user_entries);
        add_external(&mut user_rules, external);
        check_selectors(&options, &user_rules)?;
        let terms =
            if options.defaults && options.dictionaries.is_empty() && options.allow.is_empty() {
                Arc::clone(&DEFAULT_TERMS)
            } else {
                let (mut entries, mut allow) = if options.defaults {
                    embedded_sources()?
                } else {
                    (vec![], vec![])
                };
                for (name, text) in &options.allow {
                    allow.extend(dictionary::parse_allow(name, text)?);
                    check_entry_count(&entries, &allow)?;
                }
                entries.extend(user_entries);
                check_entry_count(&entries, &allow)?;
                let entries = dictionary::merge(entries, &allow)?;
                Arc::new(Terms::new(Lexicon::build(entries, &allow)?))
            };
        Checker::from_parts(options, terms, user_rules)
    }

    /// A checker from options whose dictionaries are already built into `terms` (defining
    /// `user_rules`).
    fn from_parts(
        mut options: Options,
        terms: Arc<Terms>,
        user_rules: Vec<RuleMeta>,
    ) -> Result<Checker> {
        check_selectors(&options, &user_rules)?;
        let has_allow = !options.allow.is_empty() || options.defaults;
        let selected = |rule: &str, kind: Kind| options.selects(rule, kind);
        // Without a selection every entry is selected: no need to look at (and parse) them.
        // With one, the embedded entries are judged by kind and by the rule ids their files
        // mention, without parsing them (parsing all costs ~20 ms and 13 MB at start-up).
        let terms_enabled = (options.select.is_none() && options.ignore.is_empty())
            || terms.entry_count() == 0
            || match terms.lazy_kinds() {
                Some(kinds) => kinds.into_iter().any(|k| options.may_select_kind(k)),
                None => terms.entries().iter().any(|e| selected(&e.rule, e.kind)),
            };
        let families: Vec<Box<dyn Family>> = if options.defaults {
            rules::FAMILIES
                .iter()
                .filter(|f| {
                    f.rules.iter().any(|r| selected(&r.id, r.kind))
                        || f.borrows
                            .iter()
                            .filter_map(|id| rules::rule(id))
                            .any(|r| selected(&r.id, r.kind))
                })
                .filter_map(|f| f.new.map(|new| new(&terms)))
                .collect()
        } else {
            vec![]
        };
        let as_of = *options.as_of.get_or_insert_with(Date::today_china);
        Ok(Checker {
            inner: Arc::new(Inner {
                as_of,
                options,
                terms,
                terms_enabled,
                has_allow,
                families,
                user_rules,
            }),
        })
    }

    /// A checker of dictionary `entries` (already merged) and `allow` only, as of `as_of`: what
    /// `dictionary::check_files` runs the examples with.
    pub(crate) fn from_entries(
        entries: Vec<Entry>,
        allow: &[AllowEntry],
        as_of: Date,
    ) -> Result<Checker> {
        let user_rules = Terms::user_rules(&entries);
        let terms = Arc::new(Terms::new(Lexicon::build(entries, allow)?));
        let options = Options {
            as_of: Some(as_of),
            ..Options::default()
        };
        Ok(Checker {
            inner: Arc::new(Inner {
                as_of,
                options,
                terms,
                terms_enabled: true,
                has_allow: !allow.is_empty(),
                families: vec![],
                user_rules,
            }),
        })
    }

    /// The options this checker was built from (file dictionaries are included by contents).
    pub fn options(&self) -> &Options {
        &self.inner.options
    }

    /// The reference date of date-aware rules.
    pub fn as_of(&self) -> Date {
        self.inner.as_of
    }

    /// Every loaded dictionary entry.
    pub fn entries(&self) -> &[Entry] {
        self.inner.terms.entries()
    }

    /// Every rule this checker may report under its selection, sorted by id: the built-in
    /// rules of [`rules::registry`] (without the structured ones when built
    /// [`without_defaults`](CheckerBuilder::without_defaults)) and the rules user dictionaries
    /// define.
    pub fn rules(&self) -> Vec<RuleMeta> {
        let o = &self.inner.options;
        let mut all: Vec<RuleMeta> = rules::registry()
            .iter()
            .filter(|r| o.defaults || r.family == "terms")
            .chain(&self.inner.user_rules)
            .filter(|r| o.selects(&r.id, r.kind))
            .cloned()
            .collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all
    }

    /// Names of the structured rule families enabled in this checker (besides dictionary terms).
    pub fn families(&self) -> Vec<&'static str> {
        self.inner.families.iter().map(|f| f.name()).collect()
    }

    /// Approximate heap held by the dictionary automaton, in bytes.
    pub fn automaton_heap_bytes(&self) -> usize {
        self.inner.terms.heap_bytes()
    }

    /// Checks `text` and returns the findings sorted by position (then by end, then by rule).
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_as_of(text, self.inner.as_of)
    }

    /// Like [`check`](Self::check), with another reference date for this text only (e.g. each
    /// document's own publication date).
    pub fn check_as_of(&self, text: &str, as_of: Date) -> Vec<Finding> {
        self.check_in(text, as_of, false)
    }

    /// [`check_as_of`](Self::check_as_of), for masking when `masking` (see [`Context`]).
    fn check_in(&self, text: &str, as_of: Date, masking: bool) -> Vec<Finding> {
        let inner = &*self.inner;
        let shared = crate::rules::Shared::default();
        let cx = Context {
            text,
            as_of,
            masking,
            shared: &shared,
        };
        let mut out = Vec::new();
        let mut allowed = Vec::new();
        if inner.terms_enabled {
            inner.terms.check(&cx, Some(&mut out), &mut allowed);
        } else if inner.has_allow {
            inner.terms.check(&cx, None, &mut allowed);
        }
        for family in &inner.families {
            family.check(&cx, &mut out);
        }
        // An allow-listed span suppresses every finding inside it, of every family. The spans
        // come from one leftmost-longest scan: sorted and disjoint, so only the last one
        // starting at or before a finding can cover it.
        out.retain(|f| {
            let covering = allowed
                .partition_point(|&(s, _)| s <= f.byte_start)
                .checked_sub(1)
                .map(|i| allowed[i]);
            inner.options.selects(&f.rule, f.kind)
                && !covering.is_some_and(|(s, e)| s <= f.byte_start && f.byte_end <= e)
        });
        for f in &mut out {
            for (sel, sev) in &inner.options.severity {
                if sel.matches(&f.rule, f.kind) {
                    f.severity = *sev;
                }
            }
        }
        out.sort_by(|a, b| {
            (a.byte_start, a.byte_end, &a.rule).cmp(&(b.byte_start, b.byte_end, &b.rule))
        });
        out.dedup_by(|a, b| {
            (a.byte_start, a.byte_end, &a.rule) == (b.byte_start, b.byte_end, &b.rule)
        });
        // A protected-name variant inside a span another finding already reports
        // (扫黑险恶 in the listed 扫黑险恶专项斗争) is one error: keep the more specific finding.
        if out.iter().any(|f| f.rule == PROTECTED_VARIANT) {
            let spans: Vec<(usize, usize)> = out
                .iter()
                .filter(|f| f.rule != PROTECTED_VARIANT)
                .map(|f| (f.byte_start, f.byte_end))
                .collect();
            out.retain(|f| {
                f.rule != PROTECTED_VARIANT
                    || !spans
                        .iter()
                        .any(|&(s, e)| s <= f.byte_start && f.byte_end <= e)
            });
        }
        position::fill(text, &mut out);
        out
    }

    /// Checks many texts in parallel on all cores; the result is in input order and equal to
    /// calling [`check`](Self::check) on each text.
    ///
    /// ```
    /// let c = zhproof::Checker::new();
    /// let out = c.check_many(&["全面布署", "全面部署"]);
    /// assert_eq!((out[0].len(), out[1].len()), (1, 0));
    /// ```
    pub fn check_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<Finding>> {
        use rayon::prelude::*;
        texts.par_iter().map(|t| self.check(t.as_ref())).collect()
    }

    /// `text` with the personal data this checker finds (identity, mobile and bank-card numbers,
    /// any `privacy` rule it selects) masked, e.g. `139****1234`; same length in characters.
    /// Identity and bank-card numbers keep their first six and last four characters, mobile numbers
    /// their first three and last four.
    pub fn mask(&self, text: &str) -> String {
        self.mask_as_of(text, self.inner.as_of)
    }

    /// Like [`mask`](Self::mask), with another reference date for this text only (identity
    /// numbers with a birth date after it are not personal data).
    pub fn mask_as_of(&self, text: &str, as_of: Date) -> String {
        rules::pii::mask_findings(text, &self.check_in(text, as_of, true))
    }

    /// `text` with every safe suggestion applied (left to right, skipping overlaps).
    ///
    /// Fixing can make a new safe fix appear (fixing 不暇顾即 to 不暇顾及 in 不暇顾即时致今日
    /// lets 时致今日 match), so this repeats until the text no longer changes, at most
    /// [`MAX_FIX_PASSES`] times: the result is then idempotent. A user dictionary whose suggestion
    /// contains its own term (`甲` → `甲甲`) would make every pass longer; the passes stop before
    /// the text outgrows [`fix_growth_limit`], so such a dictionary cannot exhaust memory.
    pub fn fix(&self, text: &str) -> String {
        self.fix_with(text, false)
    }

    /// Like [`fix`](Self::fix), applying unsafe fixes too when `include_unsafe`.
    pub fn fix_with(&self, text: &str, include_unsafe: bool) -> String {
        self.fix_as_of(text, self.inner.as_of, include_unsafe)
    }

    /// Like [`fix_with`](Self::fix_with), with another reference date for this text only.
    pub fn fix_as_of(&self, text: &str, as_of: Date, include_unsafe: bool) -> String {
        let limit = fix_growth_limit(text.len());
        let fix_once =
            |t: &str| apply_fixes_bounded(t, &self.check_as_of(t, as_of), include_unsafe, limit);
        let mut current = fix_once(text);
        for _ in 1..MAX_FIX_PASSES {
            if current.len() > limit {
                break;
            }
            let next = fix_once(&current);
            if next == current {
                break;
            }
            current = next;
        }
        current
    }
}

/// The rule of `rules::protected_names`, which defers to any other finding on the same span.
const PROTECTED_VARIANT: &str = "protected-name-variant";

/// How many check-and-fix passes [`Checker::fix`] makes at most.
pub const MAX_FIX_PASSES: usize = 8;

/// The length in bytes past which [`Checker::fix`] makes no further pass over a text of `len`
/// bytes: twice its length plus 4 KiB. Real corrections change a text's length by a few
/// characters; only a suggestion that contains its own term keeps growing it.
pub fn fix_growth_limit(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(4096)
}

/// Applies the safe fixes of `findings` (sorted by position, from this `text`) to `text`.
pub fn apply_fixes(text: &str, findings: &[Finding]) -> String {
    apply_fixes_with(text, findings, false)
}

/// Applies safe fixes, and unsafe ones too when `include_unsafe` (the first suggestion of each
/// finding whose applicability is not display-only).
pub fn apply_fixes_with(text: &str, findings: &[Finding], include_unsafe: bool) -> String {
    apply_fixes_bounded(text, findings, include_unsafe, usize::MAX)
}

/// The indices (into `findings`, sorted by position, from this `text`) of the findings whose
/// first suggestion [`apply_fixes_with`] applies: safe ones (and unsafe ones when
/// `include_unsafe`), left to right, skipping any that overlaps one already applied. This is what
/// one pass of [`Checker::fix`] changes; the golden tests of Rust and Python both check it.
///
/// ```
/// use zhproof::{applied_fixes, Checker};
/// let text = "全面布署，认真贯切。";
/// let findings = Checker::new().check(text);
/// assert_eq!(applied_fixes(text, &findings, false), [0, 1]);
/// ```
pub fn applied_fixes(text: &str, findings: &[Finding], include_unsafe: bool) -> Vec<usize> {
    select_fixes(text, findings, include_unsafe, usize::MAX)
        .into_iter()
        .map(|(i, _)| i)
        .collect()
}

/// The fixes [`apply_fixes_bounded`] applies: (finding index, replacement), skipping any fix that
/// would make the result longer than `limit` bytes.
fn select_fixes<'f>(
    text: &str,
    findings: &'f [Finding],
    include_unsafe: bool,
    limit: usize,
) -> Vec<(usize, &'f str)> {
    let mut out = Vec::new();
    // The length of the result if no further fix is applied.
    let mut projected = text.len();
    let mut at = 0;
    for (i, f) in findings.iter().enumerate() {
        let fix = match f.applicability {
            Applicability::Safe => f.suggestions.first(),
            Applicability::Unsafe if include_unsafe => f.suggestions.first(),
            _ => None,
        };
        let Some(fix) = fix else { continue };
        if f.byte_start < at || f.byte_end > text.len() {
            continue;
        }
        let grown = (projected + fix.len()).saturating_sub(f.byte_end - f.byte_start);
        if grown > limit.max(text.len()) {
            continue;
        }
        projected = grown;
        at = f.byte_end;
        out.push((i, fix.as_str()));
    }
    out
}

/// [`apply_fixes_with`], skipping any fix that would make the result longer than `limit` bytes
/// (so a long suggestion on a short, frequent term cannot make `fix` write gigabytes).
fn apply_fixes_bounded(
    text: &str,
    findings: &[Finding],
    include_unsafe: bool,
    limit: usize,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, fix) in select_fixes(text, findings, include_unsafe, limit) {
        let f = &findings[i];
        out.push_str(&text[at..f.byte_start]);
        out.push_str(fix);
        at = f.byte_end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + Clone>() {}

    #[test]
    fn checker_is_send_sync_and_clone() {
        assert_send_sync::<Checker>();
    }

    #[test]
    fn selection_and_severity_overrides() {
        let text = "全面布署";
        let c = Checker::builder()
            .ignore([Selector::Kind(Kind::Typo)])
            .build()
            .unwrap();
        assert!(c.check(text).is_empty());
        let c = Checker::builder()
            .select([Selector::Rule("common-typo".into())])
            .severity(Selector::Kind(Kind::Typo), Severity::Error)
            .build()
            .unwrap();
        assert_eq!(c.check(text)[0].severity, Severity::Error);
        assert!("Bad Rule".parse::<Selector>().is_err());
    }

    #[test]
    fn a_selection_does_not_parse_the_embedded_entries() {
        let c = Checker::builder()
            .select([Selector::Rule("impossible-date".into())])
            .build()
            .unwrap();
        assert!(!c.inner.terms_enabled);
        assert!(c.check("全面布署").is_empty());
        let c = Checker::builder()
            .ignore([Selector::Kind(Kind::Privacy)])
            .build()
            .unwrap();
        assert!(c.inner.terms_enabled);
        assert_eq!(c.check("全面布署").len(), 1);
        let c = Checker::builder()
            .select([Selector::Rule("common-typo".into())])
            .build()
            .unwrap();
        assert!(c.inner.terms_enabled);
        assert_eq!(c.check("全面布署").len(), 1);
    }

    #[test]
    fn rebuild_shares_dictionaries_unless_they_change() {
        let tsv = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部\n";
        let base = Checker::builder()
            .dictionary_str("u.tsv", tsv)
            .build()
            .unwrap();
        let narrowed = base
            .rebuild()
            .select([Selector::Kind(Kind::Expression)])
            .build()
            .unwrap();
        assert!(Arc::ptr_eq(&base.inner.terms, &narrowed.inner.terms));
        let text = "赣洲全面布署";
        assert_eq!(base.check(text).len(), 2);
        assert_eq!(narrowed.check(text).len(), 1);
        assert_eq!(narrowed.check(text)[0].rule, "place-name");
        let plain = base.rebuild().without_defaults().build().unwrap();
        assert!(!Arc::ptr_eq(&base.inner.terms, &plain.inner.terms));
        assert_eq!(plain.check(text).len(), 1);
    }

    #[test]
    fn prebuilt_default_automaton_is_built_from_the_embedded_dictionaries() {
        let (entries, allow) = embedded_sources().unwrap();
        let entries = dictionary::merge(entries, &allow).unwrap();
        let patterns = crate::lexicon::patterns(&entries, &allow);
        assert_eq!(embedded::DEFAULT_ALLOW_COUNT, allow.len());
        assert!(embedded::DEFAULT_TERMS_AUTOMATON == crate::lexicon::prebuilt(&patterns));
    }

    #[test]
    fn embedded_rows_parse_to_the_merged_entries() {
        let lexicon = Lexicon::embedded(embedded_entries).expect("pre-built data is present");
        let all = embedded_entries();
        assert_eq!(lexicon.entry_count(), all.len());
        for (i, e) in all.iter().enumerate() {
            assert_eq!(lexicon.entry(i), e, "row {i}");
        }
        assert_eq!(lexicon.entries(), all.as_slice());
        let (_, allow) = embedded_sources().unwrap();
        let longest = crate::lexicon::patterns(&all, &allow)
            .iter()
            .map(|p| p.len())
            .max();
        assert_eq!(Some(lexicon.max_pattern_len()), longest);
        assert!(lexicon.max_pattern_len() > "全面建设社会主义现代化国家".len());
    }

    #[test]
    fn fix_stops_when_a_suggestion_contains_its_own_term() {
        // Found by the `dictionary` fuzz target: each pass multiplied the text by ten, eight
        // passes would need gigabytes.
        let checker = Checker::builder()
            .without_defaults()
            .dictionary_str(
                "u.tsv",
                "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n甲\t甲甲甲甲甲甲甲甲甲甲\ttypo\tself-typo\twarning\t\tt\n",
            )
            .build()
            .unwrap();
        let text = "甲乙甲";
        let fixed = checker.fix(text);
        assert!(
            fixed.len() <= fix_growth_limit(text.len()),
            "{} bytes",
            fixed.len()
        );
        assert!(
            fixed.len() + 30 > fix_growth_limit(text.len()),
            "fixes are applied up to the limit"
        );
        assert!(fixed.contains('乙'));
    }

    #[test]
    fn allow_listed_spans_suppress_every_family() {
        let date = Date::new(2025, 6, 1).unwrap();
        let text = "联系电话13812345678。中国共产党第二十届全国代表大会胜利召开。";
        let plain = Checker::builder().as_of(date).build().unwrap();
        let rules: Vec<String> = plain.check(text).into_iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"mobile-number".to_string()), "{rules:?}");
        assert!(
            rules.contains(&"wrong-session-counter".to_string()),
            "{rules:?}"
        );
        for select in [None, Some(Kind::Privacy), Some(Kind::Expression)] {
            let mut b = Checker::builder()
                .as_of(date)
                .allow_str("a.tsv", "term\n13812345678\n第二十届全国代表大会\n");
            if let Some(k) = select {
                b = b.select([Selector::Kind(k)]);
            }
            let found = b.build().unwrap().check(text);
            assert!(found.is_empty(), "{select:?}: {found:#?}");
        }
    }

    #[test]
    fn unknown_rules_and_kinds_fail_with_the_nearest_name() {
        let err = |sel: &str| {
            let s: Selector = sel.parse().unwrap();
            Checker::builder()
                .select([s])
                .build()
                .unwrap_err()
                .to_string()
        };
        assert_eq!(err("typos"), "unknown rule `typos`; did you mean `typo`?");
        assert_eq!(
            err("privcy"),
            "unknown rule `privcy`; did you mean `privacy`?"
        );
        assert_eq!(err("nonexistent-rule"), "unknown rule `nonexistent-rule`");
        let e = Checker::builder()
            .severity(Selector::Rule("comon-typo".into()), Severity::Error)
            .build()
            .unwrap_err();
        assert!(
            matches!(e, Error::UnknownRule { did_you_mean: Some(ref d), .. } if d == "common-typo")
        );
        let e = Checker::builder()
            .ignore([Selector::Rule("mobile-numbers".into())])
            .build()
            .unwrap_err();
        assert!(
            e.to_string().ends_with("did you mean `mobile-number`?"),
            "{e}"
        );
        // A rule a user dictionary defines is known.
        let c = Checker::builder()
            .dictionary_str(
                "u.tsv",
                "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n赣洲\t赣州\texpression\tlocal-place\terror\tx\ty\n",
            )
            .select([Selector::Rule("local-place".into())])
            .build()
            .unwrap();
        assert_eq!(c.check("赣洲市")[0].rule, "local-place");
        assert!(c.rules().iter().any(|r| r.id == "local-place"));
        assert!("Bad Rule".parse::<Selector>().is_err());
    }

    #[test]
    fn default_date_is_today_read_once_at_build() {
        let c = Checker::new();
        let today = Date::today_china();
        // The test may run across midnight: the build date is today or yesterday.
        assert!(c.as_of() <= today && c.as_of() >= Date::new(2026, 1, 1).unwrap());
        // The resolved date is part of the options, so a rebuilt checker keeps it.
        assert_eq!(c.options().as_of, Some(c.as_of()));
        let again = CheckerBuilder::from_options(c.options().clone())
            .build()
            .unwrap();
        assert_eq!(again.as_of(), c.as_of());
    }

    #[test]
    fn a_long_suggestion_on_a_frequent_term_keeps_fix_output_near_the_input_size() {
        // Issue 13: a 100,000-character suggestion made `fix` write 3 GB. Suggestions are now
        // limited in length, and no fix takes the result past `fix_growth_limit`.
        let long = "乙".repeat(dictionary::limits::MAX_SUGGESTION_CHARS);
        let tsv = format!(
            "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n甲\t{long}\ttypo\tt\twarning\t\tt\n"
        );
        let checker = Checker::builder()
            .without_defaults()
            .dictionary_str("u.tsv", tsv)
            .build()
            .unwrap();
        let text = "甲".repeat(100_000);
        let fixed = checker.fix(&text);
        assert!(
            fixed.len() <= fix_growth_limit(text.len()),
            "{}",
            fixed.len()
        );
        assert!(fixed.starts_with(&long), "the first fixes are applied");
        let too_long = format!("{long}乙");
        let e = Checker::builder()
            .dictionary_str("u.tsv", tsv_with(&too_long))
            .build()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("u.tsv:2: an item of `suggestions` is 65 characters"),
            "{e}"
        );
    }

    fn tsv_with(suggestion: &str) -> String {
        format!("term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n甲\t{suggestion}\ttypo\tt\twarning\t\tt\n")
    }

    #[test]
    fn dictionary_files_and_entry_counts_are_bounded() {
        // Issue 13: `--dict /dev/urandom` read until memory ran out.
        if std::path::Path::new("/dev/zero").exists() {
            let e = Checker::builder()
                .dictionary_file("/dev/zero")
                .build()
                .unwrap_err();
            assert!(matches!(e, Error::TooLarge { .. }), "{e}");
            assert!(
                e.to_string()
                    .starts_with("/dev/zero: larger than 16777216 bytes"),
                "{e}"
            );
        }
        let mut tsv = String::from("term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n");
        for i in 0..=dictionary::limits::MAX_ENTRIES {
            tsv.push_str(&format!("t{i}\t\tsensitive\tr\terror\t\ts\n"));
        }
        let e = Checker::builder()
            .without_defaults()
            .dictionary_str("big.tsv", tsv)
            .build()
            .unwrap_err()
            .to_string();
        let last_line = dictionary::limits::MAX_ENTRIES + 2;
        assert_eq!(
            e,
            format!("big.tsv:{last_line}: more than 200000 dictionary entries in all (embedded ones included)")
        );
    }

    #[test]
    fn user_dictionary_errors_name_file_and_line() {
        let e = Checker::builder()
            .dictionary_str("u.tsv", "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n布署\t部署\ttypo\tcommon-typo\terror\tx\ty\n")
            .build()
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("u.tsv:2: term `布署` is already defined with different data at dictionaries/terms/"), "{e}");
    }
}
