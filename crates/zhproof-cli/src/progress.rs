//! A progress bar for long runs: files done of all, megabytes read, findings so far and the rate,
//! drawn on standard error only when it is a terminal (never in pipes, files or CI logs) and
//! cleared when the run ends, before any output is printed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Progress of one run; cheap to update from several threads.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    bytes: AtomicU64,
    findings: AtomicU64,
    start: Instant,
}

impl Progress {
    /// A progress bar, drawn only if `enabled` and standard error is a terminal.
    pub fn new(enabled: bool) -> Self {
        use std::io::IsTerminal as _;
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg}",
                )
                .expect("valid template"),
            );
            bar
        });
        Progress {
            bar,
            bytes: AtomicU64::new(0),
            findings: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    /// Whether a bar is drawn.
    pub fn is_drawn(&self) -> bool {
        self.bar.is_some()
    }

    /// Sets how many inputs there are.
    pub fn set_total(&self, files: usize) {
        if let Some(b) = &self.bar {
            b.set_length(files as u64);
        }
    }

    /// One input done: its size in bytes and its number of findings.
    pub fn file_done(&self, bytes: usize, findings: usize) {
        let total = self.bytes.fetch_add(bytes as u64, Ordering::Relaxed) + bytes as u64;
        let found = self.findings.fetch_add(findings as u64, Ordering::Relaxed) + findings as u64;
        if let Some(b) = &self.bar {
            let mb = total as f64 / 1e6;
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!(
                "{mb:.1} MB, {found} findings, {:.1} MB/s",
                mb / secs
            ));
            b.inc(1);
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_without_a_terminal_and_draws_nothing_when_disabled() {
        let p = Progress::new(false);
        assert!(!p.is_drawn());
        p.set_total(2);
        p.file_done(10, 1);
        p.file_done(5, 2);
        assert_eq!(p.bytes.load(Ordering::Relaxed), 15);
        assert_eq!(p.findings.load(Ordering::Relaxed), 3);
        p.finish();
    }
}
