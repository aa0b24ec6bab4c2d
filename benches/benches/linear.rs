//! Check time against input size, 1 KB to 100 MB (`ZHPROOF_LINEAR_MAX_MB` lowers the top), on
//! prose and adversarial text: only dictionary words, one character repeated, nested brackets.
//! Linear time shows as the same MB/s at every size.
//!
//! `linear/worst-*`: the worst cases of issue 13 (one per rule family and for user
//! dictionaries, see [`zhproof_benches::worst_cases`]) at 1 MB and 4 MB; the goal is at least
//! 1 MB/s and time(4 MB) / time(1 MB) ≤ 4.5. `ZHPROOF_LINEAR_WORST=0` skips them.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zhproof::Checker;
use zhproof_benches::{linear_inputs, worst_cases};

fn linear(c: &mut Criterion) {
    let max_mb: usize = std::env::var("ZHPROOF_LINEAR_MAX_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let checker = Checker::new();
    let sizes: Vec<usize> = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]
        .into_iter()
        .filter(|&s| s <= max_mb * 1_000_000)
        .collect();
    let top = *sizes.last().expect("at least 1 KB");
    let inputs = linear_inputs(top);
    for (kind, text) in &inputs {
        let mut g = c.benchmark_group(format!("linear/{kind}"));
        g.sample_size(10);
        for &size in &sizes {
            let mut end = size.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let t = &text[..end];
            g.throughput(Throughput::Bytes(t.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(size), t, |b, t| {
                b.iter(|| checker.check(black_box(t)).len())
            });
        }
        g.finish();
    }
}

fn worst(c: &mut Criterion) {
    if std::env::var("ZHPROOF_LINEAR_WORST").is_ok_and(|v| v == "0") {
        return;
    }
    let cases_1 = worst_cases(1_000_000);
    let cases_4 = worst_cases(4_000_000);
    for (one, four) in cases_1.iter().zip(&cases_4) {
        let mut g = c.benchmark_group(format!("linear/worst-{}", one.name));
        g.sample_size(10);
        for (size, case) in [(1_000_000, one), (4_000_000, four)] {
            if case.text.is_empty() {
                // Building the checker from the dictionary is what is measured.
                let tsv = case.dictionary.clone().unwrap_or_default();
                g.throughput(Throughput::Bytes(tsv.len() as u64));
                g.bench_with_input(BenchmarkId::from_parameter(size), &tsv, |b, tsv| {
                    b.iter(|| {
                        Checker::builder()
                            .dictionary_str("bench.tsv", black_box(tsv.as_str()))
                            .build()
                            .map(|c| c.rules().len())
                    })
                });
                continue;
            }
            let checker = match &case.dictionary {
                Some(tsv) => Checker::builder()
                    .dictionary_str("bench.tsv", tsv.as_str())
                    .build()
                    .expect("the bench dictionary is within the limits"),
                None => Checker::new(),
            };
            g.throughput(Throughput::Bytes(case.text.len() as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(size),
                case.text.as_str(),
                |b, t| b.iter(|| checker.check(black_box(t)).len()),
            );
        }
        g.finish();
    }
}

criterion_group!(benches, linear, worst);
criterion_main!(benches);
