//! Command-line arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// zhproof: proofread Chinese text for government publishing — typos, spam and illegal content,
/// serious expression errors and personal data.
#[derive(Debug, Parser)]
#[command(name = "zhproof", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check text files, directories or standard input and report findings.
    Check(CheckArgs),
    /// Print the text with safe fixes applied (or rewrite files in place with --write).
    Fix(FixArgs),
    /// Print the text with personal data (identity, mobile and bank-card numbers) masked.
    Mask(MaskArgs),
    /// Validate or summarise dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// List every rule with its kind, default severity and summary.
    Rules(RulesArgs),
    /// Serve the HTTP API and the proofreading page (loopback only unless --bind says otherwise).
    Serve(ServeArgs),
    /// Inspect mirrored sites, WARC files and new-media exports as the monthly inspection does:
    /// page checks, columns, 单项否决 items, verdicts and a report.
    Site(SiteArgs),
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:column: severity[rule] message`, the source line with a caret underline, and a summary.
    Text,
    /// One JSON document with every file and its findings.
    Json,
    /// One JSON object per finding, with `path`.
    Jsonl,
    /// A SARIF 2.1.0 log (GitHub code scanning and other SARIF viewers); see `sarif`.
    Sarif,
    /// GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per finding.
    Github,
}

/// A severity threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail on findings: report them and exit 0 (2 still means a usage or input error).
    Never,
}

impl Level {
    /// The lowest severity that fails the run; `None` for `never`.
    pub fn threshold(self) -> Option<zhproof::Severity> {
        match self {
            Level::Error => Some(zhproof::Severity::Error),
            Level::Warning => Some(zhproof::Severity::Warning),
            Level::Info => Some(zhproof::Severity::Info),
            Level::Never => None,
        }
    }
}

/// The lowest severity printed (`--show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shown {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Every finding.
    Info,
}

impl Shown {
    /// The severity.
    pub fn severity(self) -> zhproof::Severity {
        match self {
            Shown::Error => zhproof::Severity::Error,
            Shown::Warning => zhproof::Severity::Warning,
            Shown::Info => zhproof::Severity::Info,
        }
    }
}

/// Options shared by `check` and `fix`.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Files or directories to check; standard input when none (or `-`) is given.
    pub paths: Vec<PathBuf>,
    /// Reference date for date-aware rules, YYYY-MM-DD (default: today, China time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Extra dictionary file (TSV, see dictionaries/README.md); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Allow-list file: terms never flagged; repeatable.
    #[arg(long = "allow", value_name = "FILE")]
    pub allow: Vec<PathBuf>,
    /// Only report these kinds or rule ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "KIND|RULE")]
    pub select: Vec<String>,
    /// Never report these kinds or rule ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "KIND|RULE")]
    pub ignore: Vec<String>,
    /// Do not load the embedded default dictionaries.
    #[arg(long)]
    pub no_default_dicts: bool,
    /// Read invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Decode inputs from this encoding (gbk, gb18030, big5 …) instead of UTF-8 / the declared
    /// `<meta charset>` / detection.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Configuration file (default: the nearest zhproof.toml in this directory or a parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore zhproof.toml files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Worker threads for several files (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Standard input and files larger than this are read and checked in chunks of this many
    /// bytes, cut after a line break (default 16 MiB; see `stream`). For tests.
    #[arg(long, hide = true, value_name = "BYTES")]
    pub chunk_bytes: Option<usize>,
}

/// `zhproof check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum)]
    pub fail_on: Option<Level>,
    /// Lowest severity printed. Default: `warning` for text and github output (findings below it
    /// are counted in the summary line), `info` for json, jsonl, sarif and --statistics; a
    /// `--fail-on` below the default lowers it too.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub show: Option<Shown>,
    /// Print the fixed text instead of findings (same as `zhproof fix`).
    #[arg(long)]
    pub fix: bool,
    /// Print counts per rule instead of the findings (with --format text or json).
    #[arg(long)]
    pub statistics: bool,
    /// Never draw the progress bar (it is drawn on standard error only when that is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// `zhproof fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Rewrite the files in place (atomically) instead of printing.
    #[arg(long)]
    pub write: bool,
    /// Also apply fixes marked unsafe (they need a human's look).
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// `zhproof mask`.
#[derive(Debug, Args)]
pub struct MaskArgs {
    /// Shared options (`--select`/`--ignore` are ignored: masking masks all personal data).
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `zhproof dict`.
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Validate dictionary or allow-list files: format, conflicts with the embedded dictionaries,
    /// and each entry's fire/quiet examples. Problems print as `file:line: message`.
    Check {
        /// Files to validate.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print entry counts per file, kind and rule.
    Stats {
        /// Extra files to count along with the embedded dictionaries.
        files: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `zhproof rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print this rule's documentation (summary, why it matters, source, examples), like
    /// `ruff rule`.
    #[arg(value_name = "RULE", conflicts_with = "explain")]
    pub rule: Option<String>,
    /// Same as giving RULE.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `zhproof serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080, this machine only; port 0 picks a free one).
    #[arg(long, value_name = "ADDR:PORT")]
    pub bind: Option<SocketAddr>,
    /// Largest request body in bytes (default 2 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_body: Option<usize>,
    /// Longest time a request may take, in seconds (default 30).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// Checking threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Default reference date, YYYY-MM-DD (default: the day of each request, China time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Extra dictionary file loaded for every request; repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Allow-list file; repeatable.
    #[arg(long = "allow", value_name = "FILE")]
    pub allow: Vec<PathBuf>,
    /// Do not load the embedded default dictionaries.
    #[arg(long)]
    pub no_default_dicts: bool,
    /// Configuration file (default: the nearest zhproof.toml in this directory or a parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore zhproof.toml files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// Report format of `site`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    /// A summary per site and the issue table.
    Text,
    /// The whole inspection as JSON (sites, columns, vetoes, findings).
    Json,
    /// Markdown: summary, issue table, columns and findings per site.
    Markdown,
    /// The issue table (序号, 网站名称, 主要存在问题, 主办单位, 发现日期, 结论) as CSV.
    Csv,
    /// A self-contained HTML report with a chart per site.
    Html,
}

/// `zhproof site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Shared options; PATHS are mirror directories (one site, or host-named site directories as
    /// `wget --mirror` and HTTrack write them), WARC files (.warc, .warc.gz) and new-media
    /// accounts' RSS/Atom feeds (.rss, .atom, .xml) or feed exports (.json). `--as-of` is the
    /// inspection date (default: each file's time).
    #[command(flatten)]
    pub common: CommonArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
    pub format: SiteFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
