//! Check time against input size, 1 KB to 100 MB (`ZHPROOF_LINEAR_MAX_MB` lowers the top), on
//! prose and adversarial text: only dictionary words, one character repeated, nested brackets.
//! Linear time shows as the same MB/s at every size.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zhproof::Checker;
use zhproof_benches::linear_inputs;

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

criterion_group!(benches, linear);
criterion_main!(benches);
