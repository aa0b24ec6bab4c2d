//! Raw matching throughput (MB/s): `aho-corasick` default, daachorse charwise and zhproof's
//! engine over `bench/corpus.txt` with `dict_small.txt` and `dict_mid.txt` (or the committed
//! sample with the default dictionary terms).

use std::hint::black_box;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use zhproof::__bench::Automaton;
use zhproof_benches::{bench_corpus, bench_dict};

fn engines(c: &mut Criterion) {
    let corpus = bench_corpus();
    for dict in ["dict_small.txt", "dict_mid.txt"] {
        let (name, terms) = bench_dict(dict);
        let mut g = c.benchmark_group(format!("engine/{name}"));
        g.throughput(Throughput::Bytes(corpus.text.len() as u64));
        g.sample_size(10);
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .expect("builds");
        g.bench_function("aho-corasick default", |b| {
            b.iter(|| ac.find_iter(black_box(&corpus.text)).count())
        });
        let mut seen = std::collections::HashSet::new();
        let uniq: Vec<&String> = terms.iter().filter(|t| seen.insert(*t)).collect();
        let d: CharwiseDoubleArrayAhoCorasick<u32> = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build(uniq)
            .expect("builds");
        g.bench_function("daachorse charwise", |b| {
            b.iter(|| d.leftmost_find_iter(black_box(&corpus.text)).count())
        });
        let z = Automaton::new(&terms);
        g.bench_function("zhproof engine", |b| {
            b.iter(|| {
                let mut n = 0usize;
                z.for_each(black_box(&corpus.text), |_, _, _| n += 1);
                n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, engines);
criterion_main!(benches);
