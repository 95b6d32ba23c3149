//! Release orders against spec/07-quality.md: the DAG (100k services / 300k dependencies
//! ≤ 50 ms; 1M / 3M ≤ 1 s) and grouping (1M pods over 1,000 units, fast + beta ≤ 100 ms).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use weir_benches::{dag_input, pods_over_units};

fn report(what: &str, target_ms: f64, mut run: impl FnMut()) {
    run();
    let start = Instant::now();
    let rounds = 3;
    for _ in 0..rounds {
        run();
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
    let verdict = if ms <= target_ms { "OK" } else { "OVER" };
    println!("target: {what}: {ms:.1} ms (target <= {target_ms} ms) {verdict}");
}

fn dag(c: &mut Criterion) {
    let input = dag_input(100_000, 3);
    let mut g = c.benchmark_group("dag");
    g.sample_size(10);
    g.bench_function("analyze 100k services, 300k deps", |b| {
        b.iter(|| black_box(weir::analyze_dag(&input)))
    });
    g.finish();
    report(
        "DAG 100k services / 300k deps, validate + cycles + waves + order",
        50.0,
        || {
            let _ = black_box(weir::analyze_dag(&input));
        },
    );
    let big = dag_input(1_000_000, 3);
    report("DAG 1M services / 3M deps", 1000.0, || {
        let _ = black_box(weir::analyze_dag(&big));
    });
}

fn groups(c: &mut Criterion) {
    let input = pods_over_units(1_000_000, 1_000);
    let mut g = c.benchmark_group("groups");
    g.sample_size(10);
    g.bench_function("1M pods, 1000 units, fast + beta", |b| {
        b.iter(|| black_box(weir::plan_groups(&input)))
    });
    g.finish();
    report(
        "grouping 1M pods over 1,000 units, fast + beta",
        100.0,
        || {
            let _ = black_box(weir::plan_groups(&input));
        },
    );
}

criterion_group!(benches, dag, groups);
criterion_main!(benches);
