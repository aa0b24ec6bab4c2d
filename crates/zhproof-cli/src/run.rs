//! The commands. Each returns the process exit status: 0 clean, 1 findings (or invalid
//! dictionaries for `dict check`), 2 usage or input errors.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{anyhow, bail, Context as _, Result};
use rayon::prelude::*;
use zhproof::{Checker, CheckerBuilder, Date, Finding, Severity};

use crate::args::{CheckArgs, CommonArgs, DictCommand, FixArgs, Format, MaskArgs, RulesArgs};
use crate::config::Config;
use crate::input::{self, Outcome, Source};
use crate::output::{self, FileReport, Summary};
use crate::stream;

/// Exit status: nothing at or above the threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit status: findings (or invalid dictionaries).
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: usage or input error.
pub const EXIT_ERROR: i32 = 2;

fn parse_severity(s: &str) -> Result<Severity> {
    s.parse::<Severity>().map_err(|e| anyhow!(e))
}

/// The configuration in effect (for `site`, see `config`).
pub fn load_config(common: &CommonArgs) -> Result<Config> {
    config(common)
}

/// The configuration in effect: `--config`, else the nearest `zhproof.toml`, unless `--no-config`.
fn config(common: &CommonArgs) -> Result<Config> {
    if common.no_config {
        return Ok(Config::default());
    }
    let path = match &common.config {
        Some(p) => Some(p.clone()),
        None => {
            let (found, ignored) = match std::env::current_dir() {
                Ok(d) => Config::discover_trusted(&d),
                Err(_) => (None, vec![]),
            };
            for (p, uid) in ignored {
                eprintln!(
                    "zhproof: note: ignoring {}: owned by uid {uid}, neither you nor root \
                     (pass it with --config to use it)",
                    crate::output::escape_controls(&p.display().to_string())
                );
            }
            found
        }
    };
    match path {
        Some(p) => Config::load(&p),
        None => Ok(Config::default()),
    }
}

/// Builds the checker from the command line and the configuration (the command line wins).
pub fn build_checker(common: &CommonArgs, cfg: &Config) -> Result<Checker> {
    let mut b: CheckerBuilder = Checker::builder();
    // Page and site rules are selected, ignored and re-graded like the core's.
    b = b
        .external_rules(zhproof_html::rules())
        .external_rules(zhproof_site::rules());
    if common.no_default_dicts || cfg.default_dictionaries == Some(false) {
        b = b.without_defaults();
    }
    // Without a date the library uses today's (China time), read once when the checker is built.
    if let Some(s) = &common.as_of {
        b = b.as_of(s.parse::<Date>().map_err(|e| anyhow!("--as-of: {e}"))?);
    } else if let Some(s) = &cfg.as_of {
        b = b.as_of(
            s.parse::<Date>()
                .map_err(|e| anyhow!("zhproof.toml: as-of: {e}"))?,
        );
    }
    for p in cfg.dictionaries.iter().chain(&common.dicts) {
        b = b.dictionary_file(p);
    }
    for p in cfg.allow.iter().chain(&common.allow) {
        b = b.allow_file(p);
    }
    let select: Vec<&String> = if common.select.is_empty() {
        cfg.select.iter().collect()
    } else {
        common.select.iter().collect()
    };
    if !select.is_empty() {
        let sel = select
            .iter()
            .map(|s| s.parse())
            .collect::<Result<Vec<_>, _>>()?;
        b = b.select(sel);
    }
    let ignore = cfg
        .ignore
        .iter()
        .chain(&common.ignore)
        .map(|s| s.parse())
        .collect::<Result<Vec<_>, _>>()?;
    b = b.ignore(ignore);
    for (k, v) in &cfg.severity {
        b = b.severity(
            k.parse()?,
            parse_severity(v).with_context(|| format!("[severity] {k}"))?,
        );
    }
    Ok(b.build()?)
}

fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n.max(1));
    }
    Ok(b.build()?)
}

/// One input and what came of it: its text and `f`'s result, or why there is no text.
type PerInput<T> = (Source, std::result::Result<(input::Text, T), Outcome>);

/// Reads every input (in parallel) and applies `f` to each text, keeping the input order.
#[allow(dead_code)] // every command now leaves office documents unread
fn for_each_input<T: Send>(
    common: &CommonArgs,
    f: impl Fn(&input::Text) -> T + Sync,
) -> Result<Vec<PerInput<T>>> {
    Ok(for_each_input_or_large(common, |_| false, |_| {}, f)?.collect())
}

/// Like [`for_each_input`], leaving the sources `large` selects unread ([`Outcome::Large`]).
///
/// The inputs are read and checked a few at a time (as many as the pool has threads), in
/// parallel, and handed out in input order as the iterator is advanced: what is held at once is
/// that window's texts and results, never every input's (issue 13: ten files of 4 MB held 3.3 GB).
fn for_each_input_or_large<'a, T: Send + 'a>(
    common: &'a CommonArgs,
    large: impl Fn(&Source) -> bool + Sync + 'a,
    on_sources: impl FnOnce(usize),
    f: impl Fn(&input::Text) -> T + Sync + 'a,
) -> Result<impl Iterator<Item = PerInput<T>> + 'a> {
    let sources = input::expand(&common.paths);
    on_sources(sources.len());
    let pool = thread_pool(common.threads)?;
    let window = pool.current_num_threads().max(1);
    let lossy = common.lossy;
    let forced = crate::decode::parse_encoding(common.encoding.as_deref())?;
    let mut pending = sources.into_iter();
    let mut ready = std::collections::VecDeque::new();
    Ok(std::iter::from_fn(move || {
        if ready.is_empty() {
            let batch: Vec<_> = pending.by_ref().take(window).collect();
            if batch.is_empty() {
                return None;
            }
            let done: Vec<PerInput<T>> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|s| match s {
                        Err((src, msg)) => (src.clone(), Err(Outcome::Failed(src, msg))),
                        Ok(src) if large(&src) => (src.clone(), Err(Outcome::Large(src))),
                        Ok(src) => match input::read_with(src.clone(), lossy, forced) {
                            Outcome::Text(t) => {
                                let r = f(&t);
                                (src, Ok((t, r)))
                            }
                            other => (src, Err(other)),
                        },
                    })
                    .collect()
            });
            ready.extend(done);
        }
        ready.pop_front()
    }))
}

/// Whether `path` (as shown in output) was named on the command line (or is standard input), so
/// that failing to check it is an error rather than a skipped file met in a directory.
fn named(common: &CommonArgs, path: &str) -> bool {
    path == "-" || common.paths.iter().any(|p| p.display().to_string() == path)
}

/// Reports an input that could not be checked: on standard error, and as a
/// `{"path", "error"}` line for JSON Lines consumers (JSON has it in `files`).
fn unreadable(
    summary: &mut Summary,
    out: &mut dyn Write,
    format: Format,
    path: &str,
    why: &str,
) -> Result<String> {
    summary.unreadable += 1;
    let why = why.strip_suffix(", skipped").unwrap_or(why);
    eprintln!("zhproof: {path}: {why}");
    if format == Format::Jsonl {
        serde_json::to_writer(&mut *out, &serde_json::json!({"path": path, "error": why}))?;
        writeln!(out)?;
    }
    Ok(why.to_string())
}

/// `zhproof check`.
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<i32> {
    if args.fix {
        let fix = FixArgs {
            common: args.common.clone(),
            write: false,
            unsafe_fixes: false,
        };
        return self::fix(&fix, out);
    }
    let cfg = config(&args.common)?;
    let checker = build_checker(&args.common, &cfg)?;
    let fail_on: Option<Severity> = match args.fail_on {
        Some(l) => l.threshold(),
        None => match cfg.fail_on.as_deref() {
            Some("never") => None,
            Some(s) => Some(
                parse_severity(s)
                    .context("zhproof.toml: fail-on (expected error, warning, info or never)")?,
            ),
            None => Some(Severity::Warning),
        },
    };
    // The lowest severity printed: info findings (the statistical typo detector's less
    // confident ones, usage hints) are left out of the output people read unless asked for.
    let show: Severity = match args.show {
        Some(s) => s.severity(),
        None => match cfg.show.as_deref() {
            Some(s) => {
                parse_severity(s).context("zhproof.toml: show (expected error, warning or info)")?
            }
            None if args.statistics
                || matches!(args.format, Format::Json | Format::Jsonl | Format::Sarif) =>
            {
                Severity::Info
            }
            None => fail_on.map_or(Severity::Warning, |t| t.min(Severity::Warning)),
        },
    };
    if args.statistics && !matches!(args.format, Format::Text | Format::Json) {
        return Err(anyhow!("--statistics works with --format text or json"));
    }
    let chunk = args.common.chunk_bytes.unwrap_or(stream::CHUNK_BYTES);
    // Pages are read whole (the HTML adapter is linear in the page); `--encoding` reads whole too.
    let whole = |s: &Source| {
        args.common.encoding.is_some()
            || matches!(s, Source::File(p) if crate::decode::has_html_extension(p))
    };
    let as_of = match args.common.as_of.as_ref().or(cfg.as_of.as_ref()) {
        Some(s) => Some(s.parse::<Date>().map_err(|e| anyhow!("--as-of: {e}"))?),
        None => None,
    };
    // Findings are printed as each input is checked: a bar on the same terminal would be drawn
    // over them, so it is shown only when they go elsewhere (or come at the end).
    let streamed_to_terminal = {
        use std::io::IsTerminal as _;
        std::io::stdout().is_terminal()
            && !args.statistics
            && !matches!(args.format, Format::Json | Format::Sarif)
    };
    let progress = crate::progress::Progress::new(!args.no_progress && !streamed_to_terminal);
    let results = for_each_input_or_large(
        &args.common,
        // Office documents are left unread here and read in the loop below.
        |s| crate::documents::is_document(s) || (!whole(s) && input::is_large(s, chunk)),
        |n| progress.set_total(n),
        |t| {
            let findings = crate::page::check(&checker, t, as_of, &cfg.site);
            progress.file_done(t.text.len(), findings.len());
            findings
        },
    )?;
    let mut stats = crate::statistics::Statistics::default();
    // Inputs starting with a BOM (SARIF reports the column unit for them).
    let mut with_bom = std::collections::HashSet::new();
    let mut summary = Summary::default();
    let mut failing = false;
    let mut reports = Vec::new();
    // The threads large inputs are checked on (made when the first one comes).
    let mut pool: Option<rayon::ThreadPool> = None;
    // Counts and prints one finding; `shown` has byte offsets into `text` (a chunk's own).
    // `location`: where in an office document (then `f`'s positions are within that text).
    let mut emit = |summary: &mut Summary,
                    out: &mut dyn Write,
                    path: &str,
                    location: Option<&str>,
                    text: &str,
                    f: &Finding,
                    shown: &Finding| {
        failing |= fail_on.is_some_and(|t| f.severity >= t);
        if f.severity < show {
            summary.hidden += 1;
            return Ok(());
        }
        summary.count(f);
        if args.statistics {
            stats.add(f);
            return Ok(());
        }
        match args.format {
            Format::Text => match location {
                Some(l) => output::write_text(out, &format!("{path}:{l}"), text, shown),
                None => output::write_text(out, path, text, shown),
            },
            Format::Jsonl => output::write_jsonl(out, path, location, f),
            Format::Github => crate::github::write(out, path, location, f),
            Format::Json | Format::Sarif => Ok(()),
        }
    };
    for (src, r) in results {
        let path = src.name();
        match r {
            Ok((text, findings)) => {
                if text.bom {
                    with_bom.insert(path.clone());
                }
                summary.files += 1;
                let shown_text = output::mask_for_display(&text.text, &findings);
                for f in &findings {
                    emit(&mut summary, out, &path, None, &shown_text, f, f)?;
                }
                // Only the JSON and SARIF documents need the findings kept until the end.
                let findings = if matches!(args.format, Format::Json | Format::Sarif) {
                    let mut findings = findings;
                    findings.retain(|f| f.severity >= show);
                    findings
                } else {
                    Vec::new()
                };
                reports.push(FileReport::Checked { path, findings });
            }
            Err(Outcome::Large(Source::File(p))) if crate::documents::is_document(&src) => {
                match crate::documents::read(&p) {
                    Ok(doc) => {
                        summary.files += 1;
                        let mut findings = Vec::new();
                        for seg in &doc.segments {
                            let location = seg.location.to_string();
                            let seg_findings = checker.check(&seg.text);
                            let shown_text = output::mask_for_display(&seg.text, &seg_findings);
                            for f in seg_findings {
                                emit(
                                    &mut summary,
                                    out,
                                    &path,
                                    Some(&location),
                                    &shown_text,
                                    &f,
                                    &f,
                                )?;
                                if f.severity < show {
                                    continue;
                                }
                                findings.push(output::DocumentFinding {
                                    location: location.clone(),
                                    finding: f,
                                });
                            }
                        }
                        reports.push(FileReport::Document { path, findings });
                    }
                    Err(why) => {
                        let why = unreadable(&mut summary, out, args.format, &path, &why)?;
                        reports.push(FileReport::Error { path, error: why });
                    }
                }
            }
            Err(Outcome::Large(src)) => {
                let mut findings = Vec::new();
                // A chunk is checked in pieces on every core.
                if pool.is_none() {
                    pool = Some(thread_pool(args.common.threads)?);
                }
                let pool = pool.as_ref().expect("made above");
                let result = stream::for_each_chunk(
                    &src,
                    stream::piece(args.common.chunk_bytes),
                    args.common.lossy,
                    |text, base| {
                        let chunk_findings = pool.install(|| crate::pieces::check(&checker, text));
                        let text = &*output::mask_for_display(text, &chunk_findings);
                        for f in chunk_findings {
                            let global = base.shift(&f);
                            let mut shown = global.clone();
                            shown.byte_start = f.byte_start;
                            shown.byte_end = f.byte_end;
                            emit(&mut summary, out, &path, None, text, &global, &shown)?;
                            if matches!(args.format, Format::Json | Format::Sarif)
                                && global.severity >= show
                            {
                                findings.push(global);
                            }
                        }
                        Ok(())
                    },
                )?;
                match result {
                    Ok(()) => {
                        summary.files += 1;
                        reports.push(FileReport::Checked { path, findings });
                    }
                    Err(stream::ChunkError::Binary) if !named(&args.common, &path) => {
                        let why = stream::ChunkError::Binary.to_string();
                        summary.skipped += 1;
                        eprintln!("zhproof: {path}: {why}");
                        reports.push(FileReport::Skipped { path, skipped: why });
                    }
                    Err(e) => {
                        let why = e.to_string();
                        let why = unreadable(&mut summary, out, args.format, &path, &why)?;
                        reports.push(FileReport::Error { path, error: why });
                    }
                }
            }
            Err(Outcome::Skipped(_, why)) if !named(&args.common, &path) => {
                summary.skipped += 1;
                eprintln!("zhproof: {path}: {why}");
                reports.push(FileReport::Skipped { path, skipped: why });
            }
            Err(Outcome::Skipped(_, why) | Outcome::Failed(_, why)) => {
                let why = unreadable(&mut summary, out, args.format, &path, &why)?;
                reports.push(FileReport::Error { path, error: why });
            }
            Err(Outcome::Text(_)) => unreachable!("texts are Ok"),
        }
    }
    progress.finish();
    match args.format {
        _ if args.statistics => {
            if args.format == Format::Json {
                stats.write_json(out, &checker.rules())?;
            } else {
                stats.write_text(out, &checker.rules())?;
                writeln!(out, "{}", summary.line())?;
            }
        }
        Format::Text => writeln!(out, "{}", summary.line())?,
        Format::Sarif => crate::sarif::write(out, &checker.rules(), &reports, |p| {
            if with_bom.contains(p) {
                3
            } else {
                0
            }
        })?,
        Format::Json => {
            let as_of = checker.as_of().to_string();
            let doc = output::Document {
                version: env!("CARGO_PKG_VERSION"),
                as_of,
                files: &reports,
                summary,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
        Format::Jsonl | Format::Github => {}
    }
    out.flush()?;
    Ok(if summary.unreadable > 0 {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `zhproof fix`.
pub fn fix(args: &FixArgs, out: &mut dyn Write) -> Result<i32> {
    let cfg = config(&args.common)?;
    let checker = build_checker(&args.common, &cfg)?;
    let sources = input::expand(&args.common.paths);
    if !args.write && sources.len() > 1 {
        return Err(anyhow!(
            "fix prints one text to standard output; use --write to fix several files in place"
        ));
    }
    let unsafe_fixes = args.unsafe_fixes;
    let fixed = |text: &str| checker.fix_with(text, unsafe_fixes);
    // Pages are fixed through the HTML adapter: visible text only, markup left byte for byte.
    let fixed_input = |t: &input::Text| {
        if crate::page::is_html(&t.source, &t.text) {
            let page = zhproof_html::parse(&t.text);
            zhproof_html::fix_page(&checker, &page, &Default::default(), unsafe_fixes)
        } else {
            fixed(&t.text)
        }
    };
    // Printed fixes of large inputs are streamed, chunk by chunk; `--write` reads files whole.
    let chunk = args.common.chunk_bytes.unwrap_or(stream::CHUNK_BYTES);
    let results = for_each_input_or_large(
        &args.common,
        |s| {
            crate::documents::is_document(s)
                || (!args.write && input::is_large(s, chunk) && !crate::page::is_html(s, ""))
        },
        |_| {},
        fixed_input,
    )?;
    let mut status = EXIT_CLEAN;
    for (src, r) in results {
        let path = src.name();
        match r {
            Err(Outcome::Large(src)) if crate::documents::is_document(&src) => {
                eprintln!(
                    "zhproof: {path}: fix does not rewrite office documents (`check` gives the \
                     locations to edit; `mask` writes a masked copy); left unchanged"
                );
                status = EXIT_ERROR;
            }
            Err(Outcome::Large(src)) => {
                match stream::for_each_chunk(
                    &src,
                    stream::piece(args.common.chunk_bytes),
                    args.common.lossy,
                    |text, base| {
                        // The BOM is not part of the text: print it back before the first chunk.
                        if base.bom && base.bytes == 0 {
                            out.write_all(b"\xEF\xBB\xBF")?;
                        }
                        out.write_all(fixed(text).as_bytes())
                    },
                )? {
                    Ok(()) => {}
                    Err(e @ stream::ChunkError::Binary) => eprintln!("zhproof: {path}: {e}"),
                    Err(e) => {
                        eprintln!("zhproof: {path}: {e}; output incomplete");
                        status = EXIT_ERROR;
                    }
                }
            }
            Ok((text, fixed)) => {
                if !args.write {
                    // `fix a.txt > fixed.txt` gives the file `--write` would: BOM kept.
                    if text.bom {
                        out.write_all(b"\xEF\xBB\xBF")?;
                    }
                    out.write_all(fixed.as_bytes())?;
                    continue;
                }
                let Source::File(p) = &src else {
                    return Err(anyhow!("--write needs file paths, not standard input"));
                };
                if fixed == text.text {
                    continue;
                }
                if text.encoding != "UTF-8" {
                    eprintln!(
                        "zhproof: {path}: encoded in {}; not rewritten, as fixes are written in \
                         UTF-8 (convert the file first)",
                        text.encoding
                    );
                    status = EXIT_ERROR;
                    continue;
                }
                if text.lossy {
                    eprintln!(
                        "zhproof: {path}: contains invalid UTF-8; not rewritten, as that would \
                         replace the invalid bytes (fix it without --lossy after repairing them)"
                    );
                    status = EXIT_ERROR;
                    continue;
                }
                let bom: &[u8] = if text.bom { b"\xEF\xBB\xBF" } else { b"" };
                let expected = [bom, text.text.as_bytes()].concat();
                let bytes = [bom, fixed.as_bytes()].concat();
                match crate::safe_write::rewrite(p, &expected, &bytes) {
                    Ok(()) => eprintln!("zhproof: fixed {path}"),
                    Err(e) => {
                        eprintln!("zhproof: {path}: cannot write, left unchanged: {e}");
                        status = EXIT_ERROR;
                    }
                }
            }
            Err(Outcome::Skipped(_, why)) => eprintln!("zhproof: {path}: {why}"),
            Err(Outcome::Failed(_, why)) => {
                eprintln!("zhproof: {path}: {why}; left unchanged");
                status = EXIT_ERROR;
            }
            Err(Outcome::Text(_)) => unreachable!("texts are Ok"),
        }
    }
    out.flush()?;
    Ok(status)
}

/// `zhproof mask`: every input's text with its personal data masked (see
/// `zhproof::Checker::mask`), printed in input order; the text keeps its length in characters.
/// Exit status 0, or 2 when an input could not be read (it is then left out of the output).
pub fn mask(args: &MaskArgs, out: &mut dyn Write) -> Result<i32> {
    // Masking masks: a selection (from the command line or a zhproof.toml) never turns the
    // personal-data rules off here.
    let mut cfg = config(&args.common)?;
    let mut common = args.common.clone();
    let selected = [&cfg.select, &cfg.ignore, &common.select, &common.ignore];
    if selected.iter().any(|v| !v.is_empty()) {
        eprintln!("zhproof: note: mask ignores rule selection (select/ignore): it masks all personal data");
    }
    cfg.select.clear();
    cfg.ignore.clear();
    common.select.clear();
    common.ignore.clear();
    let checker = build_checker(&common, &cfg)?;
    // Standard input, pipes, devices and large files are masked chunk by chunk, as `check`
    // reads them (issue 13: 64 MB of phone numbers took 3.4 GB).
    let chunk = args.common.chunk_bytes.unwrap_or(stream::CHUNK_BYTES);
    let whole = |s: &Source| {
        args.common.encoding.is_some()
            || matches!(s, Source::File(p) if crate::decode::has_html_extension(p))
    };
    let results = for_each_input_or_large(
        &args.common,
        |s| crate::documents::is_document(s) || (!whole(s) && input::is_large(s, chunk)),
        |_| {},
        |t| checker.mask(&t.text),
    )?;
    let mut status = EXIT_CLEAN;
    for (src, r) in results {
        match r {
            Err(Outcome::Large(src)) if !crate::documents::is_document(&src) => {
                let path = src.name();
                match stream::for_each_chunk(
                    &src,
                    stream::piece(args.common.chunk_bytes),
                    args.common.lossy,
                    |text, _| out.write_all(checker.mask(text).as_bytes()),
                )? {
                    Ok(()) => {}
                    Err(e) => {
                        eprintln!("zhproof: {path}: {e}; output incomplete");
                        status = EXIT_ERROR;
                    }
                }
            }
            Err(Outcome::Large(Source::File(p))) => {
                let limits = zhproof_docs::Limits::default();
                match zhproof_docs::mask_path(&p, &limits, &|t| checker.mask(t)) {
                    Ok(copy) => eprintln!(
                        "zhproof: {}: masked copy written to {}",
                        src.name(),
                        copy.display()
                    ),
                    Err(e) => {
                        eprintln!("zhproof: {}: {e}", src.name());
                        status = EXIT_ERROR;
                    }
                }
            }
            Ok((_, masked)) => out.write_all(masked.as_bytes())?,
            Err(Outcome::Skipped(_, why)) => eprintln!("zhproof: {}: {why}", src.name()),
            Err(Outcome::Failed(_, why)) => {
                eprintln!("zhproof: {}: {why}", src.name());
                status = EXIT_ERROR;
            }
            Err(Outcome::Text(_)) => unreachable!("texts are Ok"),
            Err(Outcome::Large(Source::Stdin)) => unreachable!("standard input is no document"),
        }
    }
    out.flush()?;
    Ok(status)
}

/// Is this header the header of an allow-list (only `term`, `note`, `source` columns)?
/// `zhproof dict …`.
pub fn dict(cmd: &DictCommand, out: &mut dyn Write) -> Result<i32> {
    match cmd {
        DictCommand::Check { files } => dict_check(files, out),
        DictCommand::Stats { files, json } => dict_stats(files, *json, out),
    }
}

fn dict_check(files: &[std::path::PathBuf], out: &mut dyn Write) -> Result<i32> {
    let mut problems = 0usize;
    let mut texts = Vec::new();
    for f in files {
        match std::fs::read(f) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => texts.push((f.display().to_string(), t)),
                Err(e) => {
                    writeln!(
                        out,
                        "{}: invalid UTF-8 at byte offset {}",
                        f.display(),
                        e.utf8_error().valid_up_to()
                    )?;
                    problems += 1;
                }
            },
            Err(e) => {
                writeln!(out, "{}: cannot read: {e}", f.display())?;
                problems += 1;
            }
        }
    }
    let report = zhproof::check_dictionaries(&texts);
    for p in &report.problems {
        writeln!(out, "{p}")?;
    }
    problems += report.problems.len();
    if problems == 0 {
        writeln!(
            out,
            "{} entries OK in {} files",
            report.entries,
            files.len()
        )?;
    }
    Ok(if problems > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn dict_stats(files: &[std::path::PathBuf], json: bool, out: &mut dyn Write) -> Result<i32> {
    let mut b = Checker::builder();
    for f in files {
        b = b.dictionary_file(f);
    }
    let checker = b.build()?;
    let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in checker.entries() {
        *by_file.entry(&e.origin.file).or_default() += 1;
        *by_kind.entry(e.kind.as_str()).or_default() += 1;
        *by_rule.entry((e.kind.as_str(), &e.rule)).or_default() += 1;
    }
    if json {
        let rules: Vec<_> = by_rule
            .iter()
            .map(|((k, r), n)| serde_json::json!({"kind": k, "rule": r, "entries": n}))
            .collect();
        let doc = serde_json::json!({
            "entries": checker.entries().len(),
            "files": by_file, "kinds": by_kind, "rules": rules,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} entries", checker.entries().len())?;
        writeln!(out, "\nby file:")?;
        for (f, n) in &by_file {
            writeln!(out, "  {n:>7}  {f}")?;
        }
        writeln!(out, "\nby kind:")?;
        for (k, n) in &by_kind {
            writeln!(out, "  {n:>7}  {k}")?;
        }
        writeln!(out, "\nby rule:")?;
        for ((k, r), n) in &by_rule {
            writeln!(out, "  {n:>7}  {k:<10}  {r}")?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// One rule of the registry as JSON (what `zhproof rules --json` lists).
fn rule_json(r: &zhproof::rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "id": r.id, "family": r.family, "kind": r.kind, "severity": r.severity,
        "summary": r.summary, "explanation": r.explanation, "source": r.source,
        "fires": r.fires, "quiet": r.quiet,
    })
}

/// `zhproof rules [RULE]`: the registry, or one rule's documentation.
pub fn rules(args: &RulesArgs, out: &mut dyn Write) -> Result<i32> {
    // Page and site rules live in the adapter crates and join the registry view here.
    let mut registry: Vec<zhproof::rules::RuleMeta> = zhproof::rules::registry().to_vec();
    registry.extend(zhproof_html::rules());
    registry.extend(zhproof_site::rules());
    registry.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(id) = args.rule.as_ref().or(args.explain.as_ref()) {
        if let Ok(kind) = id.parse::<zhproof::Kind>() {
            for r in registry.iter().filter(|r| r.kind == kind) {
                writeln!(out, "{:<28} {:<8} {}", r.id, r.severity, r.summary)?;
            }
            return Ok(EXIT_CLEAN);
        }
        let Some(r) = registry.iter().find(|r| r.id == id.as_str()) else {
            let kinds = zhproof::Kind::ALL.map(zhproof::Kind::as_str);
            let ids = registry.iter().map(|r| &*r.id).chain(kinds);
            let hint = zhproof::rules::did_you_mean(id, ids)
                .map(|d| format!("; did you mean `{d}`?"))
                .unwrap_or_else(|| "; `zhproof rules` lists them".to_string());
            bail!("unknown rule `{id}`{hint}");
        };
        if args.json {
            serde_json::to_writer_pretty(&mut *out, &rule_json(r))?;
            writeln!(out)?;
        } else {
            write!(out, "{}", r.doc())?;
        }
        return Ok(EXIT_CLEAN);
    }
    if args.json {
        let v: Vec<_> = registry.iter().map(rule_json).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
    } else {
        for r in &registry {
            writeln!(
                out,
                "{:<28} {:<10} {:<8} {}",
                r.id, r.kind, r.severity, r.summary
            )?;
        }
    }
    Ok(EXIT_CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn inputs_are_read_and_checked_a_window_at_a_time() {
        // Issue 13: every input was read and checked before the first was printed, so all
        // texts and findings were held at once (ten files of 4 MB: 3.3 GB). With one thread,
        // one input is held at a time.
        let dir = std::env::temp_dir().join(format!("zhproof-window-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..5 {
            std::fs::write(dir.join(format!("{i}.txt")), "全面布署。").unwrap();
        }
        let dir_arg = dir.display().to_string();
        let cli = crate::args::Cli::parse_from(["zhproof", "check", "-j1", &dir_arg]);
        let crate::args::Command::Check(args) = cli.command else {
            unreachable!("parsed as check")
        };
        let done = AtomicUsize::new(0);
        let mut inputs = for_each_input_or_large(
            &args.common,
            |_| false,
            |n| assert_eq!(n, 5),
            |t| {
                done.fetch_add(1, Ordering::SeqCst);
                t.text.len()
            },
        )
        .unwrap();
        let (first, r) = inputs.next().unwrap();
        assert!(first.name().ends_with("0.txt"), "{first:?}");
        assert!(matches!(r, Ok((_, 15))));
        assert_eq!(done.load(Ordering::SeqCst), 1);
        assert_eq!(inputs.count(), 4);
        assert_eq!(done.load(Ordering::SeqCst), 5);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
