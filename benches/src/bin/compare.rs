//! One-run comparison: raw `aho-corasick` (default, DFA, contiguous NFA), raw daachorse charwise,
//! zhproof's engine and zhproof's full check on the same corpus and term lists; `Checker::new()`
//! and CLI start-up in fresh processes; `check_many` on 1 and 2 threads. Prints medians and ratios.
//!
//! `cargo run --release -p zhproof-benches --bin compare -- [--rounds N] [--cli PATH]`
//! (`--families`: only the per-family table; `--profile [--family NAME] [--corpus bench]`: only
//! `Checker::check`, for profilers; `--full`: only full check and per family;
//! `--linear MAX_MB`: time per MB by input size; `--worst`: issue 13's worst cases at 1 and 4 MB;
//! `--scaling`: only `check_many` on 1 and 2 threads; `--cli-process --cli PATH`: only the whole CLI
//! process on `bench/corpus.txt` against raw daachorse, first call and warm medians)
//! (`benches/compare.sh` builds the CLI and passes it).

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use zhproof::__bench::Automaton;
use zhproof::Checker;
use zhproof_benches::{bench_corpus, bench_dict, default_terms, gov_prose, mb_per_s, Corpus};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64())
}

/// A raw matcher under test: name, build time, and a scan returning the match count.
struct Engine {
    name: &'static str,
    build_ms: f64,
    heap: usize,
    scan: Box<dyn Fn(&str) -> usize>,
}

fn ac(kind: Option<AhoCorasickKind>, name: &'static str, terms: &[String]) -> Engine {
    let (a, s) = time(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(terms)
            .expect("builds")
    });
    Engine {
        name,
        build_ms: s * 1e3,
        heap: a.memory_usage(),
        scan: Box::new(move |t| {
            let mut c = Consumer::default();
            for m in a.find_iter(t) {
                c.take(m.start(), m.end(), m.pattern().as_usize());
            }
            c.count()
        }),
    }
}

/// What every engine does with its matches: reads each one's start, end and pattern id (as any
/// caller does), so that no engine gets to skip computing them.
#[derive(Default)]
struct Consumer {
    n: usize,
    mix: usize,
}

impl Consumer {
    #[inline]
    fn take(&mut self, start: usize, end: usize, id: usize) {
        self.n += 1;
        self.mix = self.mix.rotate_left(5) ^ start ^ (end << 1) ^ (id << 2);
    }

    fn count(self) -> usize {
        black_box(self.mix);
        self.n
    }
}

fn daachorse(terms: &[String]) -> Engine {
    let mut seen = std::collections::HashSet::new();
    let uniq: Vec<&String> = terms.iter().filter(|t| seen.insert(*t)).collect();
    let (d, s) = time(|| -> CharwiseDoubleArrayAhoCorasick<u32> {
        CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build(uniq)
            .expect("builds")
    });
    Engine {
        name: "daachorse charwise",
        build_ms: s * 1e3,
        heap: d.heap_bytes(),
        scan: Box::new(move |t| {
            let mut c = Consumer::default();
            for m in d.leftmost_find_iter(t) {
                c.take(m.start(), m.end(), m.value() as usize);
            }
            c.count()
        }),
    }
}

fn zhproof_engine(terms: &[String]) -> Engine {
    let (a, s) = time(|| Automaton::new(terms));
    Engine {
        name: "zhproof engine",
        build_ms: s * 1e3,
        heap: a.heap_bytes(),
        scan: Box::new(move |t| {
            let mut c = Consumer::default();
            a.for_each(t, |s, e, id| c.take(s, e, id));
            c.count()
        }),
    }
}

/// Scans `corpus` with every engine, `rounds` times interleaved; prints MB/s medians and ratios
/// to daachorse.
fn engines(corpus: &Corpus, dict: &str, terms: &[String], rounds: usize, with_dfa: bool) {
    let mut list = vec![
        ac(None, "aho-corasick default", terms),
        ac(
            Some(AhoCorasickKind::ContiguousNFA),
            "aho-corasick contiguous NFA",
            terms,
        ),
    ];
    if with_dfa {
        list.push(ac(Some(AhoCorasickKind::DFA), "aho-corasick DFA", terms));
    }
    list.push(daachorse(terms));
    list.push(zhproof_engine(terms));
    let mut speeds = vec![Vec::new(); list.len()];
    let mut counts = vec![0; list.len()];
    for _ in 0..rounds {
        for (i, e) in list.iter().enumerate() {
            let (n, s) = time(|| (e.scan)(black_box(&corpus.text)));
            counts[i] = n;
            speeds[i].push(mb_per_s(corpus.text.len(), s));
        }
    }
    println!(
        "\n## engines: {} ({:.1} MB) × {dict} ({} terms), leftmost-longest, {rounds} rounds",
        corpus.name,
        corpus.text.len() as f64 / 1e6,
        terms.len()
    );
    let medians: Vec<f64> = speeds.into_iter().map(median).collect();
    let daac = medians[list.len() - 2];
    println!("| engine | MB/s (median) | × daachorse | build ms | heap MB | matches |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (i, e) in list.iter().enumerate() {
        println!(
            "| {} | {:.0} | {:.2} | {:.1} | {:.1} | {} |",
            e.name,
            medians[i],
            medians[i] / daac,
            e.build_ms,
            e.heap as f64 / 1e6,
            counts[i]
        );
    }
}

/// Full check on `corpus` against the fastest raw engine over the same term list.
fn full_check(corpus: &Corpus, rounds: usize) {
    // the default: the statistical typo detector (issue 16) included
    let with_typo = Checker::new();
    let checker = Checker::builder()
        .ignore([zhproof::Selector::Rule("statistical-typo".into())])
        .build()
        .expect("builds");
    let terms = default_terms();
    let raw = [daachorse(&terms), zhproof_engine(&terms)];
    let mut speeds = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    let mut findings = 0;
    let mut typo_findings = 0;
    for _ in 0..rounds {
        for (i, e) in raw.iter().enumerate() {
            let (_, s) = time(|| (e.scan)(black_box(&corpus.text)));
            speeds[i].push(mb_per_s(corpus.text.len(), s));
        }
        let (f, s) = time(|| checker.check(black_box(&corpus.text)));
        findings = f.len();
        speeds[2].push(mb_per_s(corpus.text.len(), s));
        let (f, s) = time(|| with_typo.check(black_box(&corpus.text)));
        typo_findings = f.len();
        speeds[3].push(mb_per_s(corpus.text.len(), s));
    }
    let [d, z, c, t] = speeds.map(median);
    println!(
        "\n## full check: {} ({:.1} MB), default dictionaries ({} patterns), families {:?}, {rounds} rounds",
        corpus.name,
        corpus.text.len() as f64 / 1e6,
        terms.len(),
        with_typo.families()
    );
    // zhproof's engine (a prefilter in front of the automaton) can beat the raw automaton: both
    // ratios are shown, the stricter one against whichever is faster.
    println!("| what | MB/s (median) | × fastest raw | × raw daachorse |");
    println!("|---|---:|---:|---:|");
    let fastest = d.max(z);
    println!(
        "| raw daachorse charwise, same terms | {d:.0} | {:.2} | 1.00 |",
        d / fastest
    );
    println!(
        "| zhproof engine, same terms | {z:.0} | {:.2} | {:.2} |",
        z / fastest,
        z / d
    );
    println!(
        "| Checker::check, --ignore statistical-typo ({findings} findings) | {c:.0} | {:.2} | {:.2} |",
        c / fastest,
        c / d
    );
    println!(
        "| Checker::check, default (statistical-typo included; {typo_findings} findings) | {t:.0} | {:.2} | {:.2} |",
        t / fastest,
        t / d
    );
}

/// A default checker selecting only the rules of `family` (e.g. `punctuation`).
fn family_checker(family: &str) -> Checker {
    // the registry, not `Checker::new().rules()`: an opt-in family (idioms, not run by default)
    // is selected by its rules' ids like any other
    Checker::builder()
        .select(
            zhproof::rules::registry()
                .iter()
                .filter(|r| r.family == family)
                .map(|r| zhproof::Selector::Rule(r.id.to_string())),
        )
        .build()
        .expect("builds")
}

/// Each rule family alone (a checker selecting only its rules) on `corpus`.
fn per_family(corpus: &Corpus, rounds: usize) {
    let mut families: Vec<&str> = zhproof::rules::registry()
        .iter()
        .map(|r| r.family)
        .collect();
    families.sort_unstable();
    families.dedup();
    println!(
        "\n## per family: {} ({:.1} MB), {rounds} rounds",
        corpus.name,
        corpus.text.len() as f64 / 1e6
    );
    println!("| family | MB/s (median) |");
    println!("|---|---:|");
    for family in families {
        let only = family_checker(family);
        let v: Vec<f64> = (0..rounds)
            .map(|_| {
                mb_per_s(
                    corpus.text.len(),
                    time(|| only.check(black_box(&corpus.text))).1,
                )
            })
            .collect();
        println!("| {family} | {:.0} |", median(v));
    }
}

/// `check_many` over the corpus cut into documents, on 1 and 2 threads.
fn scaling(corpus: &Corpus, rounds: usize) {
    let checker = Checker::new();
    let docs: Vec<&str> = corpus.text.split_inclusive('\n').collect();
    let mut t = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (i, n) in [1, 2].into_iter().enumerate() {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("pool");
            let (_, s) = time(|| pool.install(|| checker.check_many(black_box(&docs))));
            t[i].push(s);
        }
    }
    let [one, two] = t.map(median);
    println!(
        "\n## check_many: {} cut into {} lines, {rounds} rounds",
        corpus.name,
        docs.len()
    );
    println!(
        "1 thread {:.0} MB/s, 2 threads {:.0} MB/s: speed-up {:.2}×",
        mb_per_s(corpus.text.len(), one),
        mb_per_s(corpus.text.len(), two),
        one / two
    );
}

/// Fresh-process figures: `Checker::new()` (this binary re-run with `--probe-new`) and the CLI
/// on a 5 KB article.
fn startup(cli: Option<&str>, runs: usize) {
    let me = std::env::current_exe().expect("own path");
    let mut new_ms = Vec::new();
    for _ in 0..runs {
        let out = Command::new(&me).arg("--probe-new").output().expect("runs");
        let s = String::from_utf8_lossy(&out.stdout);
        if let Ok(v) = s.trim().parse::<f64>() {
            new_ms.push(v);
        }
    }
    let heap = Checker::new().automaton_heap_bytes();
    println!("\n## start-up ({runs} fresh processes each)");
    println!(
        "Checker::new() in a fresh process: median {:.2} ms; dictionary automaton heap {:.2} MB",
        median(new_ms),
        heap as f64 / 1e6
    );
    let Some(cli) = cli else { return };
    let article = article_5kb();
    let path = std::env::temp_dir().join(format!("zhproof-compare-{}.txt", std::process::id()));
    std::fs::write(&path, &article).expect("temp file");
    let mut wall = Vec::new();
    for _ in 0..runs {
        let (_, s) = time(|| {
            Command::new(cli)
                .args(["check", "--no-config"])
                .arg(&path)
                .output()
                .expect("CLI runs")
        });
        wall.push(s * 1e3);
    }
    let _ = std::fs::remove_file(&path);
    println!(
        "`zhproof check` on a {} byte article, whole process: median {:.1} ms (min {:.1})",
        article.len(),
        median(wall.clone()),
        wall.iter().cloned().fold(f64::INFINITY, f64::min)
    );
}

/// Check time per MB at sizes 1 KB … `max_mb` MB on each `linear_inputs` kind (dictionary words,
/// where every word is a finding, stop at 10 MB to bound the findings' memory). Each size is
/// checked enough times for about 10 MB in total (at least 3), median taken.
fn linear(max_mb: usize) {
    let checker = Checker::new();
    let top = max_mb * 1_000_000;
    let sizes: Vec<usize> = [
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
    ]
    .into_iter()
    .filter(|&s| s <= top)
    .collect();
    println!("\n## linear: check time per MB by input size (median)");
    println!("| input | size | ms per MB | MB/s | × time per MB at 1 MB |");
    println!("|---|---:|---:|---:|---:|");
    for (kind, text) in zhproof_benches::linear_inputs(top) {
        let mut per_mb_at_1mb = None;
        for &size in &sizes {
            if kind == "dictionary-words" && size > 10_000_000 {
                continue;
            }
            let mut end = size.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let t = &text[..end];
            let runs = (10_000_000 / size).clamp(3, 1000);
            let secs = median(
                (0..runs)
                    .map(|_| time(|| checker.check(black_box(t)).len()).1)
                    .collect(),
            );
            let per_mb = secs * 1e3 / (t.len() as f64 / 1e6);
            if size == 1_000_000 {
                per_mb_at_1mb = Some(per_mb);
            }
            let ratio = per_mb_at_1mb.map_or("–".to_string(), |r| format!("{:.2}", per_mb / r));
            println!(
                "| {kind} | {} | {per_mb:.2} | {:.0} | {ratio} |",
                human(t.len()),
                mb_per_s(t.len(), secs)
            );
        }
    }
}

/// Issue 13's worst cases at 1 MB and 4 MB: median of 3 runs each (building the checker with
/// the case's dictionary is not timed, except for `user-dict-build`, where it is the case).
fn worst() {
    println!("\n## linear: worst cases at 1 MB and 4 MB (median of 3)");
    println!("| case | 1 MB: s | MB/s | 4 MB: s | MB/s | time(4 MB) / time(1 MB) |");
    println!("|---|---:|---:|---:|---:|---:|");
    let one = zhproof_benches::worst_cases(1_000_000);
    let four = zhproof_benches::worst_cases(4_000_000);
    let only = std::env::var("ZHPROOF_WORST").ok();
    for (a, b) in one.iter().zip(&four) {
        if only.as_ref().is_some_and(|o| o != a.name) {
            continue;
        }
        let run = |case: &zhproof_benches::WorstCase| -> (usize, f64) {
            let build = || match &case.dictionary {
                Some(tsv) => Checker::builder()
                    .dictionary_str("bench.tsv", tsv.as_str())
                    .build()
                    .expect("the bench dictionary is within the limits"),
                None => Checker::new(),
            };
            if case.text.is_empty() {
                let bytes = case.dictionary.as_ref().map_or(0, String::len);
                return (bytes, median((0..3).map(|_| time(build).1).collect()));
            }
            let checker = build();
            let secs = median(
                (0..3)
                    .map(|_| time(|| checker.check(black_box(&case.text)).len()).1)
                    .collect(),
            );
            (case.text.len(), secs)
        };
        let ((n1, t1), (n4, t4)) = (run(a), run(b));
        println!(
            "| {} | {t1:.3} | {:.1} | {t4:.3} | {:.1} | {:.2} |",
            a.name,
            mb_per_s(n1, t1),
            mb_per_s(n4, t4),
            t4 / t1
        );
    }
}

/// CPU time (user + sys) of this process's reaped children, in seconds (`/proc/self/stat`,
/// clock ticks of 10 ms); `None` off Linux.
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // Fields 16 and 17 of stat(5) (cutime, cstime); `rest` starts at field 3.
    let ticks: f64 = f.get(13)?.parse::<f64>().ok()? + f.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// CPU time this thread has run, in seconds (`/proc/thread-self/schedstat`, nanoseconds).
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// The whole CLI process (`zhproof check --no-config --format jsonl corpus.txt`) against raw
/// daachorse over the default dictionaries' terms, interleaved in the same run: the first call
/// (daachorse: build + first scan; CLI: first process) next to the medians of the later ones,
/// by wall clock and by CPU time (the machine is shared: CPU time is what load inflates least).
fn cli_process(cli: &str, rounds: usize) {
    let corpus = bench_corpus();
    let path = std::env::temp_dir().join(format!("zhproof-cli-corpus-{}.txt", std::process::id()));
    std::fs::write(&path, &corpus.text).expect("temp file");
    let terms = default_terms();
    let mb = corpus.text.len() as f64 / 1e6;
    let cpu0 = thread_cpu();
    let (raw, build) = time(|| daachorse(&terms));
    let (_, first_scan) = time(|| (raw.scan)(black_box(&corpus.text)));
    let raw_first_cpu = thread_cpu().zip(cpu0).map(|(b, a)| b - a);
    let raw_first = build + first_scan;
    // the default check, and the same without the statistical typo detector (issue 16)
    let variants: [(&str, &[&str]); 2] = [
        ("`zhproof check --format jsonl` process", &[]),
        (
            "`zhproof check --format jsonl --ignore statistical-typo` process",
            &["--ignore", "statistical-typo"],
        ),
    ];
    let run_cli = |extra: &[&str]| {
        let c0 = children_cpu();
        let (out, wall) = time(|| {
            Command::new(cli)
                .args(["check", "--no-config", "--format", "jsonl"])
                .args(extra)
                .arg(&path)
                .output()
                .expect("CLI runs")
        });
        let cpu = children_cpu().zip(c0).map(|(b, a)| b - a);
        let findings = out.stdout.iter().filter(|&&b| b == b'\n').count();
        (wall, cpu, findings)
    };
    let first: Vec<_> = variants.iter().map(|(_, extra)| run_cli(extra)).collect();
    let (mut rw, mut rc) = (Vec::new(), Vec::new());
    let mut cw = vec![Vec::new(); variants.len()];
    let mut cc = vec![Vec::new(); variants.len()];
    for _ in 0..rounds {
        let c0 = thread_cpu();
        let (_, s) = time(|| (raw.scan)(black_box(&corpus.text)));
        rw.push(s);
        if let Some(c) = thread_cpu().zip(c0).map(|(b, a)| b - a) {
            rc.push(c);
        }
        for (i, (_, extra)) in variants.iter().enumerate() {
            let (w, c, _) = run_cli(extra);
            cw[i].push(w);
            if let Some(c) = c {
                cc[i].push(c);
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\n## whole CLI process vs raw daachorse: {} ({mb:.1} MB), default dictionaries ({} \
         terms), {rounds} rounds after the first; load average {}",
        corpus.name,
        terms.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "| what | first call s | first MB/s | warm median s | warm MB/s | × raw daachorse (warm) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let rwm = median(rw);
    println!(
        "| raw daachorse, wall (first: build {:.0} ms + scan) | {raw_first:.3} | {:.0} | {rwm:.3} | {:.0} | 1.00 |",
        build * 1e3,
        mb / raw_first,
        mb / rwm
    );
    for (i, (name, _)) in variants.iter().enumerate() {
        let (cli_first, _, findings) = first[i];
        let cwm = median(cw[i].clone());
        println!(
            "| {name}, wall ({findings} findings) | {cli_first:.3} | {:.0} | {cwm:.3} | {:.0} | {:.2} |",
            mb / cli_first,
            mb / cwm,
            rwm / cwm
        );
    }
    if rc.is_empty() {
        return;
    }
    let rcm = median(rc);
    let rf = raw_first_cpu.unwrap_or(f64::NAN);
    println!(
        "| raw daachorse, CPU time | {rf:.3} | {:.0} | {rcm:.3} | {:.0} | 1.00 |",
        mb / rf,
        mb / rcm
    );
    for (i, (name, _)) in variants.iter().enumerate() {
        if cc[i].is_empty() {
            continue;
        }
        let ccm = median(cc[i].clone());
        let cf = first[i].1.unwrap_or(f64::NAN);
        println!(
            "| {name}, CPU time (user + sys) | {cf:.3} | {:.0} | {ccm:.3} | {:.0} | {:.2} |",
            mb / cf,
            mb / ccm,
            rcm / ccm
        );
    }
}

fn human(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{} MB", b / 1_000_000),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} B"),
    }
}

fn article_5kb() -> String {
    let p = gov_prose().text;
    let mut end = 5000.min(p.len());
    while !p.is_char_boundary(end) {
        end -= 1;
    }
    p[..end].to_string()
}

/// Flags taking a value, and flags standing alone.
const VALUE_FLAGS: &[&str] = &["--rounds", "--cli", "--linear", "--family", "--corpus"];
const PLAIN_FLAGS: &[&str] = &[
    "--worst",
    "--cli-process",
    "--scaling",
    "--profile",
    "--full",
    "--families",
];

const USAGE: &str = "usage: compare [--rounds N] [--cli PATH] [--full | --families | --scaling | \
--worst | --linear MAX_MB | --cli-process --cli PATH | --profile [--family NAME] [--corpus bench]]
(no mode flag: every table; see the comment at the top of benches/src/bin/compare.rs)";

/// `Some(text to print)` for `--help` or a flag this program does not know (so a mistyped flag
/// does not start a several-minute run of every table).
fn usage_error(args: &[String]) -> Option<String> {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "--help" || a == "-h" {
            return Some(USAGE.to_string());
        }
        if VALUE_FLAGS.contains(&a) {
            if i + 1 >= args.len() {
                return Some(format!("compare: {a} needs a value\n{USAGE}"));
            }
            i += 2;
            continue;
        }
        if !PLAIN_FLAGS.contains(&a) {
            return Some(format!("compare: unknown argument {a:?}\n{USAGE}"));
        }
        i += 1;
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--probe-new") {
        let (c, s) = time(Checker::new);
        black_box(c.check("全面布署"));
        println!("{}", s * 1e3);
        return;
    }
    if args.first().map(String::as_str) == Some("--probe-parse") {
        let (entries, s) = time(|| {
            let mut v = Vec::new();
            for (name, text) in zhproof::embedded_dictionaries() {
                v.extend(zhproof::dictionary::parse_terms(name, text).expect("valid"));
            }
            v
        });
        let (_, m) = time(|| zhproof::dictionary::merge(entries, &[]).expect("valid"));
        println!("parse {:.2} ms, merge {:.2} ms", s * 1e3, m * 1e3);
        return;
    }
    if args.first().map(String::as_str) == Some("--article") {
        print!("{}", article_5kb());
        return;
    }
    if let Some(message) = usage_error(&args) {
        eprintln!("{message}");
        std::process::exit(if args.iter().any(|a| a == "--help" || a == "-h") {
            0
        } else {
            2
        });
    }
    let opt = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
    };
    let rounds: usize = opt("--rounds").and_then(|s| s.parse().ok()).unwrap_or(5);
    let cli = opt("--cli").map(String::as_str);
    let started = Instant::now();
    if args.iter().any(|a| a == "--worst") {
        worst();
        return;
    }
    if let Some(mb) = opt("--linear") {
        linear(mb.parse().expect("--linear MAX_MB"));
        return;
    }
    if args.iter().any(|a| a == "--cli-process") {
        cli_process(cli.expect("--cli-process needs --cli PATH"), rounds);
        return;
    }
    if args.iter().any(|a| a == "--scaling") {
        scaling(&gov_prose(), rounds);
        return;
    }
    if args.iter().any(|a| a == "--profile") {
        // Only Checker::check on prose, for `perf record` or `valgrind --tool=callgrind`
        // (`--family NAME`: a checker selecting only that family's rules).
        let gov = match opt("--corpus").map(String::as_str) {
            Some("bench") => bench_corpus(),
            _ => gov_prose(),
        };
        let checker = match opt("--family") {
            Some(family) => family_checker(family),
            None => Checker::new(),
        };
        for _ in 0..rounds {
            black_box(checker.check(black_box(&gov.text)));
        }
        return;
    }
    if args.iter().any(|a| a == "--full") {
        full_check(&gov_prose(), rounds);
        per_family(&gov_prose(), rounds);
        full_check(&bench_corpus(), rounds);
        return;
    }
    if args.iter().any(|a| a == "--families") {
        per_family(&gov_prose(), rounds);
        return;
    }
    let corpus = bench_corpus();
    for dict in ["dict_small.txt", "dict_mid.txt"] {
        let (name, terms) = bench_dict(dict);
        engines(&corpus, &name, &terms, rounds, true);
    }
    let gov = gov_prose();
    full_check(&gov, rounds);
    per_family(&gov, rounds);
    full_check(&corpus, rounds);
    scaling(&gov, rounds);
    startup(cli, 21);
    eprintln!(
        "\n(total {:?})",
        Duration::from_secs_f64(started.elapsed().as_secs_f64())
    );
}
