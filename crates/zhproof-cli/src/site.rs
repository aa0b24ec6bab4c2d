//! `zhproof site`: inspect mirrored sites, WARC files and new-media exports the way the monthly
//! inspection does, and write the report (see `zhproof_site::report`).

use std::io::Write;

use anyhow::{anyhow, Context as _, Result};
use zhproof::Date;
use zhproof_site::report;

use crate::args::{SiteArgs, SiteFormat};
use crate::run::{build_checker, load_config, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

/// Runs `zhproof site`: exit status 0 when every site is 合格, 1 when one is 不合格, 2 on errors.
pub fn site(args: &SiteArgs, out: &mut dyn Write) -> Result<i32> {
    if args.common.paths.is_empty() {
        return Err(anyhow!(
            "site needs at least one mirror directory, WARC file or feed export"
        ));
    }
    let cfg = load_config(&args.common)?;
    let checker = build_checker(&args.common, &cfg)?;
    let as_of = match args.common.as_of.as_ref().or(cfg.as_of.as_ref()) {
        Some(s) => Some(s.parse::<Date>().map_err(|e| anyhow!("--as-of: {e}"))?),
        None => None,
    };
    let encoding = crate::decode::parse_encoding(args.common.encoding.as_deref())?;
    let opts = zhproof_site::InspectOptions { as_of, encoding };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.common.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build()?;
    let inspection =
        pool.install(|| zhproof_site::inspect(&checker, &args.common.paths, &cfg.site, &opts))?;
    let format = match args.format {
        SiteFormat::Text => report::Format::Text,
        SiteFormat::Json => report::Format::Json,
        SiteFormat::Markdown => report::Format::Markdown,
        SiteFormat::Csv => report::Format::Csv,
        SiteFormat::Html => report::Format::Html,
    };
    match &args.output {
        Some(p) => {
            let mut buf = Vec::new();
            report::write(&inspection, format, &mut buf)?;
            std::fs::write(p, buf)
                .with_context(|| format!("{}: cannot write the report", p.display()))?;
            eprintln!("zhproof: report written to {}", p.display());
        }
        None => report::write(&inspection, format, out)?,
    }
    let errors = inspection
        .sites
        .iter()
        .any(|s| s.pages == 0 && !s.errors.is_empty());
    Ok(if errors {
        EXIT_ERROR
    } else if inspection.sites.iter().any(|s| !s.qualified) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
