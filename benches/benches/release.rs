//! Release orders against docs/performance.md: the DAG (100k services / 300k dependencies
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

/// 1M pod observations through one order (docs/performance.md: ≥ 1M events/s): one app
/// service with 1,000 pods over 10 units; the observations flap the pods of the current
/// group between ready and not ready, so every event is handled and none finishes it.
fn engine(c: &mut Criterion) {
    let Some(plan) = weir_benches::release_plan(1_000, 10) else {
        return;
    };
    let Ok(now) = "2026-11-27T10:00:00Z".parse::<weir::time::Timestamp>() else {
        return;
    };
    let Ok(mut base) = weir::ReleaseEngine::new(plan) else {
        return;
    };
    if base.handle(now, weir::ReleaseEvent::Start).is_err() {
        return;
    }
    let group: Vec<String> = match base.handle(now, weir::ReleaseEvent::Tick) {
        Ok(_) => base
            .snapshot()
            .services
            .first()
            .and_then(|s| s.plan.groups.groups.first())
            .map(|g| g.pods.clone())
            .unwrap_or_default(),
        Err(_) => return,
    };
    let events: Vec<weir::ReleaseEvent> = (0..1_000_000usize)
        .map(|k| weir::ReleaseEvent::PodObserved {
            service: "svc".into(),
            pod: group
                .get(k % group.len().max(1))
                .cloned()
                .unwrap_or_default(),
            version: "v2".into(),
            ready: (k / group.len().max(1)).is_multiple_of(2),
            failed: false,
            reason: None,
        })
        .collect();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.throughput(criterion::Throughput::Elements(events.len() as u64));
    g.bench_function("1M pod observations", |b| {
        b.iter(|| {
            let mut e = base.clone();
            for ev in &events {
                let _ = black_box(e.handle(now, ev.clone()));
            }
        });
    });
    g.finish();
    let start = Instant::now();
    let mut e = base.clone();
    for ev in &events {
        let _ = black_box(e.handle(now, ev.clone()));
    }
    let rate = events.len() as f64 / start.elapsed().as_secs_f64();
    let verdict = if rate >= 1_000_000.0 { "OK" } else { "UNDER" };
    println!(
        "target: release engine: {:.2} M events/s (target >= 1 M events/s) {verdict}",
        rate / 1e6
    );
}

criterion_group!(benches, dag, groups, engine);
criterion_main!(benches);
