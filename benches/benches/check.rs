//! Full-check throughput on government prose (MB/s), `Checker::new()`, and the cost of each rule
//! family alone (a checker selecting only that family's rules).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhproof::{Checker, Selector};
use zhproof_benches::gov_prose;

fn full_check(c: &mut Criterion) {
    let corpus = gov_prose();
    let mut g = c.benchmark_group(format!("check/{}", corpus.name));
    g.throughput(Throughput::Bytes(corpus.text.len() as u64));
    g.sample_size(10);
    let checker = Checker::new();
    g.bench_function("all rules", |b| {
        b.iter(|| checker.check(black_box(&corpus.text)))
    });
    let rules = checker.rules();
    let mut families: Vec<&str> = rules.iter().map(|r| r.family).collect();
    families.sort_unstable();
    families.dedup();
    for family in families {
        let only = Checker::builder()
            .select(
                rules
                    .iter()
                    .filter(|r| r.family == family)
                    .map(|r| Selector::Rule(r.id.to_string())),
            )
            .build()
            .expect("builds");
        g.bench_function(format!("family {family}"), |b| {
            b.iter(|| only.check(black_box(&corpus.text)))
        });
    }
    g.finish();
}

fn construction(c: &mut Criterion) {
    let mut g = c.benchmark_group("construction");
    // The shared default data is built once per process; later checkers reuse it.
    g.bench_function("Checker::new (after first)", |b| b.iter(Checker::new));
    // What a custom dictionary costs: parsing every embedded file and building the automaton.
    g.bench_function("Checker with a user dictionary (rebuilds)", |b| {
        b.iter(|| {
            Checker::builder()
                .dictionary_str(
                    "u.tsv",
                    "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n",
                )
                .build()
                .expect("builds")
        })
    });
    g.finish();
}

criterion_group!(benches, full_check, construction);
criterion_main!(benches);
