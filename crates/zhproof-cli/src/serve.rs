//! `zhproof serve`: the HTTP API and the proofreading page (crate `zhproof-server`), configured
//! from the command line and the `[serve]` table of `zhproof.toml`:
//!
//! ```toml
//! [serve]
//! bind = "127.0.0.1:8080"     # loopback by default; another address is an explicit choice
//! max-body = 2097152          # bytes; larger requests get 413
//! timeout = 30                # seconds per request
//! workers = 2                 # checking threads (default: the cores)
//!
//! [serve.dictionaries]        # extra dictionaries a request may name: "dictionaries": ["local"]
//! local = ["words/local.tsv"] # relative to zhproof.toml
//! ```
//!
//! The top-level keys (`dictionaries`, `allow`, `select`, `ignore`, `as-of`, `[severity]`) are
//! the server's defaults, which each request can change as the CLI's options change them.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};
use zhproof::{Checker, Date, Selector, Severity};

use crate::args::ServeArgs;
use crate::config::Config;

/// Where the server listens when neither `--bind` nor `[serve] bind` says.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

fn selectors(names: &[String], what: &str) -> Result<Vec<Selector>> {
    names
        .iter()
        .map(|s| s.parse().with_context(|| format!("{what} `{s}`")))
        .collect()
}

/// The server's settings from the arguments and the configuration (the arguments win).
pub fn server_config(args: &ServeArgs) -> Result<(zhproof_server::Config, SocketAddr)> {
    let cfg = if args.no_config {
        Config::default()
    } else {
        match args.config.clone().or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d))
        }) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        }
    };
    let mut b = Checker::builder();
    if args.no_default_dicts || cfg.default_dictionaries == Some(false) {
        b = b.without_defaults();
    }
    for p in cfg.dictionaries.iter().chain(&args.dicts) {
        b = b.dictionary_file(p);
    }
    for p in cfg.allow.iter().chain(&args.allow) {
        b = b.allow_file(p);
    }
    let mut c = zhproof_server::Config::new(b.build()?);
    c.as_of = match args.as_of.as_ref().or(cfg.as_of.as_ref()) {
        Some(s) => Some(s.parse::<Date>().map_err(|e| anyhow!("as-of: {e}"))?),
        None => None,
    };
    if !cfg.select.is_empty() {
        c.select = Some(selectors(&cfg.select, "select")?);
    }
    c.ignore = selectors(&cfg.ignore, "ignore")?;
    for (k, v) in &cfg.severity {
        let sev = v
            .parse::<Severity>()
            .map_err(|e| anyhow!("[severity] {k}: {e}"))?;
        c.severity.push((k.parse()?, sev));
    }
    // HTML requests judge links by the `[site]` table's domains, as `zhproof check` does.
    c.allow_domains = cfg.site.allow_domains.clone();
    c.own_domains = cfg.site.own_domains.clone();
    let serve = &cfg.serve;
    for (name, files) in &serve.dictionaries {
        let mut loaded = Vec::new();
        for f in files {
            let text = std::fs::read(f)
                .with_context(|| format!("[serve.dictionaries] {name}: {}", f.display()))?;
            let text = String::from_utf8(text).map_err(|e| {
                anyhow!(
                    "{}: invalid UTF-8 at byte offset {}",
                    f.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            loaded.push((f.display().to_string(), text));
        }
        c.dictionaries.insert(name.clone(), loaded);
    }
    if let Some(n) = args.max_body.or(serve.max_body) {
        c.max_body_bytes = n;
    }
    if let Some(s) = args.timeout.or(serve.timeout) {
        c.timeout = Duration::from_secs(s.max(1));
    }
    if let Some(n) = args.workers.or(serve.workers) {
        c.workers = n.max(1);
        c.queue = 64 * c.workers;
    }
    let bind = match (args.bind, &serve.bind) {
        (Some(a), _) => a,
        (None, Some(s)) => s.parse().map_err(|e| anyhow!("[serve] bind `{s}`: {e}"))?,
        (None, None) => DEFAULT_BIND.parse().expect("valid address"),
    };
    Ok((c, bind))
}

/// `zhproof serve`: serves until SIGTERM or Ctrl-C, then exits 0.
pub fn serve(args: &ServeArgs) -> Result<i32> {
    let (config, bind) = server_config(args)?;
    zhproof_server::run(config, bind, |addr| {
        let note = if addr.ip().is_loopback() {
            "this machine only"
        } else {
            "reachable from the network"
        };
        eprintln!(
            "zhproof serve: listening on http://{addr}/ ({note}); submitted text is neither logged nor stored; Ctrl-C stops"
        );
    })?;
    Ok(crate::run::EXIT_CLEAN)
}
