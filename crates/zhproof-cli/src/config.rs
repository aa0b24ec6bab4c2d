//! `zhproof.toml`: project settings for the CLI. Keys are kebab-case; unknown keys are rejected.
//!
//! ```toml
//! dictionaries = ["words/local.tsv"]   # relative to this file
//! allow = ["words/allow.tsv"]
//! select = ["typo", "expression"]
//! ignore = ["variant-form"]
//! fail-on = "error"
//! show = "info"                         # also print info findings in text output
//! as-of = "2024-06-01"
//!
//! [severity]
//! variant-form = "info"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "zhproof.toml";

/// Parsed configuration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Extra dictionary files.
    #[serde(default)]
    pub dictionaries: Vec<PathBuf>,
    /// Allow-list files.
    #[serde(default)]
    pub allow: Vec<PathBuf>,
    /// Kinds or rule ids to report.
    #[serde(default)]
    pub select: Vec<String>,
    /// Kinds or rule ids never to report.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// `error`, `warning` or `info`.
    pub fail_on: Option<String>,
    /// Lowest severity printed: `error`, `warning` or `info` (`--show`).
    pub show: Option<String>,
    /// Reference date: a TOML date (`as-of = 2024-06-01`) or a string (`"2024-06-01"`).
    #[serde(default, deserialize_with = "date_or_string")]
    pub as_of: Option<String>,
    /// Severity overrides: kind or rule id → `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Load the embedded dictionaries (default true).
    pub default_dictionaries: Option<bool>,
    /// `zhproof serve`'s settings.
    #[serde(default)]
    pub serve: ServeConfig,
    /// Pages and sites (`[site]`): own and allowed domains, column limits, site names.
    #[serde(default)]
    pub site: zhproof_site::SiteConfig,
}

/// Reads `as-of` as a native TOML date or a string; the date is checked later (and an error
/// names the key).
fn date_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum DateValue {
        Toml(toml::value::Datetime),
        Text(String),
    }
    Ok(Some(match DateValue::deserialize(d)? {
        DateValue::Toml(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => date.to_string(),
            _ => {
                return Err(serde::de::Error::custom(format!(
                    "as-of must be a date (YYYY-MM-DD), not a date-time: {dt}"
                )))
            }
        },
        DateValue::Text(s) => s,
    }))
}

impl Config {
    /// Parses TOML text. Errors say which key or line is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Reads and parses `path`, resolving relative dictionary paths against its directory.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
        let mut c = Config::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let serve_dicts = c.serve.dictionaries.values_mut().flatten();
        for p in c
            .dictionaries
            .iter_mut()
            .chain(c.allow.iter_mut())
            .chain(serve_dicts)
        {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(c)
    }

    /// The nearest `zhproof.toml` in `dir` or its parents.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// The nearest `zhproof.toml` in `dir` or its parents that the invoking user may trust:
    /// owned by that user or by root, as git's `safe.directory` reasons. A file owned by
    /// someone else (planted in a shared or world-writable directory, say, with
    /// `ignore = ["privacy"]`) is passed over and listed in the second value, to be reported.
    pub fn discover_trusted(dir: &Path) -> (Option<PathBuf>, Vec<(PathBuf, u32)>) {
        let mut ignored = Vec::new();
        for p in dir.ancestors().map(|d| d.join(FILE_NAME)) {
            let Ok(meta) = std::fs::metadata(&p) else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            match untrusted_owner(&meta) {
                Some(uid) => ignored.push((p, uid)),
                None => return (Some(p), ignored),
            }
        }
        (None, ignored)
    }
}

/// The owner of a file the invoking user should not take settings from: neither that user
/// (the effective uid) nor root.
#[cfg(unix)]
fn untrusted_owner(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    if trusted(meta.uid(), me) {
        None
    } else {
        Some(meta.uid())
    }
}

#[cfg(not(unix))]
fn untrusted_owner(_meta: &std::fs::Metadata) -> Option<u32> {
    None
}

/// True when a file owned by `owner` may configure a run by `me`.
pub fn trusted(owner: u32, me: u32) -> bool {
    owner == me || owner == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_is_a_native_toml_date_or_a_string() {
        let c = Config::parse("as-of = 2024-03-12\n").unwrap();
        assert_eq!(c.as_of.as_deref(), Some("2024-03-12"));
        let c = Config::parse("as-of = \"2024-03-12\"\n").unwrap();
        assert_eq!(c.as_of.as_deref(), Some("2024-03-12"));
        let e = Config::parse("as-of = 2024-03-12T10:00:00\n").unwrap_err();
        assert!(e.contains("not a date-time"), "{e}");
        assert_eq!(Config::parse("").unwrap().as_of, None);
    }

    #[test]
    fn parses_known_keys_and_rejects_unknown_ones() {
        let c = Config::parse(
            "select = [\"typo\"]\nfail-on = \"error\"\n[severity]\ntypo = \"info\"\n",
        )
        .unwrap();
        assert_eq!(c.select, ["typo"]);
        assert_eq!(c.fail_on.as_deref(), Some("error"));
        assert_eq!(c.severity["typo"], "info");
        let e = Config::parse("fail_on = \"error\"\n").unwrap_err();
        assert!(e.contains("unknown field `fail_on`"), "{e}");
    }

    #[test]
    fn only_the_user_and_root_are_trusted() {
        assert!(trusted(1000, 1000));
        assert!(trusted(0, 1000));
        assert!(!trusted(1001, 1000));
        assert!(!trusted(65534, 0));
    }
}

/// The `[serve]` table of `zhproof.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServeConfig {
    /// Address to listen on.
    pub bind: Option<String>,
    /// Largest request body in bytes.
    pub max_body: Option<usize>,
    /// Request timeout in seconds.
    pub timeout: Option<u64>,
    /// Checking threads.
    pub workers: Option<usize>,
    /// Named extra dictionaries: name → files (relative to the configuration file).
    #[serde(default)]
    pub dictionaries: BTreeMap<String, Vec<PathBuf>>,
}
