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
            Err(Error::Option(format!(
                "`{s}` is neither a kind (sensitive, typo, expression, privacy, usage) nor a kebab-case rule id"
            )))
        }
    }
}

/// Everything a [`Checker`] was built from. Building again from the same options gives a checker
/// that behaves the same (the Python binding pickles checkers this way).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    /// Reference date of date-aware rules; `None` means [`Checker::DEFAULT_AS_OF`].
    pub as_of: Option<Date>,
}

impl Options {
    /// True when findings of `rule`/`kind` are reported under these options.
    pub fn selects(&self, rule: &str, kind: Kind) -> bool {
        self.select
            .as_ref()
            .is_none_or(|s| s.iter().any(|x| x.matches(rule, kind)))
            && !self.ignore.iter().any(|x| x.matches(rule, kind))
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
        }
    }

    /// Does not load the embedded dictionaries (only the ones added to this builder).
    pub fn without_defaults(mut self) -> Self {
        self.options.defaults = false;
        self
    }

    /// Adds a dictionary file (read when [`build`](Self::build) runs).
    pub fn dictionary_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.files.push(path.into());
        self
    }

    /// Adds a dictionary from memory; `name` is used in error messages.
    pub fn dictionary_str(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.options.dictionaries.push((name.into(), tsv.into()));
        self
    }

    /// Adds an allow-list file (read when [`build`](Self::build) runs).
    pub fn allow_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.allow_files.push(path.into());
        self
    }

    /// Adds an allow-list from memory.
    pub fn allow_str(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.options.allow.push((name.into(), tsv.into()));
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
    pub fn as_of(mut self, date: Date) -> Self {
        self.options.as_of = Some(date);
        self
    }

    /// Reads the files, validates every dictionary and builds the checker.
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
        Checker::from_options(self.options)
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
    families: Vec<Box<dyn Family>>,
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
    /// The reference date used when none is given: the date of the newest embedded data.
    pub const DEFAULT_AS_OF: Date = match Date::new(2026, 11, 27) {
        Some(d) => d,
        None => panic!("valid date"),
    };

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

    fn from_options(options: Options) -> Result<Checker> {
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
                for (name, text) in &options.dictionaries {
                    entries.extend(dictionary::parse_terms(name, text)?);
                    check_entry_count(&entries, &allow)?;
                }
                let entries = dictionary::merge(entries, &allow)?;
                Arc::new(Terms::new(Lexicon::build(entries, &allow)?))
            };
        let selected = |rule: &str, kind: Kind| options.selects(rule, kind);
        // Without a selection every entry is selected: no need to look at (and parse) them.
        let terms_enabled = (options.select.is_none() && options.ignore.is_empty())
            || terms.entry_count() == 0
            || terms.entries().iter().any(|e| selected(&e.rule, e.kind));
        let families: Vec<Box<dyn Family>> = if options.defaults {
            rules::structured_families(&terms)
        } else {
            vec![]
        }
        .into_iter()
        .filter(|f| f.rules().iter().any(|r| selected(&r.id, r.kind)))
        .collect();
        Ok(Checker {
            inner: Arc::new(Inner {
                as_of: options.as_of.unwrap_or(Checker::DEFAULT_AS_OF),
                options,
                terms,
                terms_enabled,
                families,
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

    /// Every rule this checker can report (dictionary rules and structured rules), sorted by id.
    pub fn rules(&self) -> Vec<RuleMeta> {
        let mut all = self.inner.terms.rules();
        for f in &self.inner.families {
            all.extend(f.rules());
        }
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all.dedup_by(|a, b| a.id == b.id);
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
        let inner = &*self.inner;
        let cx = Context { text, as_of };
        let mut out = Vec::new();
        let mut allowed = Vec::new();
        if inner.terms_enabled {
            inner.terms.check(&cx, &mut out, &mut allowed);
        }
        for family in &inner.families {
            family.check(&cx, &mut out);
        }
        // Allow-listed spans come from one leftmost-longest scan: sorted and disjoint, so only
        // the last one starting at or before a finding can cover it.
        out.retain(|f| {
            let covering = allowed
                .partition_point(|&(s, _)| s <= f.byte_start)
                .checked_sub(1)
                .map(|i| allowed[i]);
            inner.options.selects(&f.rule, f.kind)
                && !covering.is_some_and(|(s, e)| {
                    s <= f.byte_start && f.byte_end <= e && (s, e) != (f.byte_start, f.byte_end)
                })
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
    /// See [`rules::pii::mask`] for the forms and their sources.
    pub fn mask(&self, text: &str) -> String {
        rules::pii::mask_findings(text, &self.check(text))
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

/// [`apply_fixes_with`], skipping any fix that would make the result longer than `limit` bytes
/// (so a long suggestion on a short, frequent term cannot make `fix` write gigabytes).
fn apply_fixes_bounded(
    text: &str,
    findings: &[Finding],
    include_unsafe: bool,
    limit: usize,
) -> String {
    let mut out = String::with_capacity(text.len());
    // The length of the result if no further fix is applied.
    let mut projected = text.len();
    let mut at = 0;
    for f in findings {
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
