//! Replica scaling against docs/performance.md: one HPA recommendation over 100 pods
//! (≤ 10 µs), a 7-day curve at 60 s with 20 policies (≤ 2 ms), and cron next-fire.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use weir_benches::{hpa_input, week_curve};

/// Median of `rounds` timings of `run`, in microseconds, with the verdict line.
fn report(what: &str, target_us: f64, rounds: u32, mut run: impl FnMut()) {
    run();
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let us = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    let verdict = if us <= target_us { "OK" } else { "OVER" };
    println!("target: {what}: {us:.1} us (target <= {target_us} us) {verdict}");
}

/// A state as a running controller has it: 20 recommendations 15 s apart.
fn warm_state() -> weir::HpaState {
    let mut state = weir::HpaState::new(None);
    let input = hpa_input(100);
    for n in 0..20 {
        if let Some(t) =
            weir::time::Timestamp::from_unix_seconds(1_767_225_600.0 - 15.0 * f64::from(20 - n))
        {
            let _ = state.handle(t, &input);
        }
    }
    state
}

/// The reconcile the bench measures: one sync period after the warm history.
fn bench_now() -> weir::time::Timestamp {
    weir::time::Timestamp::from_unix_seconds(1_767_225_600.0).unwrap_or(weir::time::Timestamp::MAX)
}

fn hpa(c: &mut Criterion) {
    let input = hpa_input(100);
    let warm = warm_state();
    let mut g = c.benchmark_group("hpa");
    g.bench_function("recommend, 100 pods, cpu + memory, 20 in history", |b| {
        b.iter_batched(
            || warm.clone(),
            |mut state| black_box(state.handle(bench_now(), black_box(&input))),
            criterion::BatchSize::SmallInput,
        )
    });
    // What the Node binding pays before the computation: its input crosses as JSON text.
    let text = serde_json::to_string(&input).unwrap_or_default();
    g.bench_function("read the 100-pod input from JSON text", |b| {
        b.iter(|| black_box(serde_json::from_str::<weir::HpaInput>(black_box(&text))))
    });
    g.bench_function("parse one quantity (512Mi)", |b| {
        b.iter(|| black_box(weir::Quantity::parse(black_box("512Mi"))))
    });
    g.finish();
    let mut states: Vec<weir::HpaState> = (0..2001).map(|_| warm.clone()).collect();
    let mut next = states.iter_mut();
    report("HPA, 100-pod input, one recommendation", 10.0, 2000, || {
        if let Some(state) = next.next() {
            let _ = black_box(state.handle(bench_now(), black_box(&input)));
        }
    });
}

fn curve(c: &mut Criterion) {
    let input = week_curve();
    let mut g = c.benchmark_group("curve");
    g.bench_function("7 days at 60 s, 20 policies", |b| {
        b.iter(|| black_box(weir::replica_curve(black_box(&input))))
    });
    g.finish();
    report(
        "cron curve, 7 days at 60 s, 20 policies",
        2000.0,
        101,
        || {
            let _ = black_box(weir::replica_curve(&input));
        },
    );
}

fn cron(c: &mut Criterion) {
    let input = weir::CronNextInput {
        cron: "*/5 9-17 * * 1-5".into(),
        time_zone: Some("America/New_York".into()),
        after: "2026-01-01T00:00:00Z".into(),
        count: Some(10_000),
    };
    let mut g = c.benchmark_group("cron");
    g.sample_size(20);
    g.bench_function("10k next fires, New York, formatted", |b| {
        b.iter(|| black_box(weir::cron_next(black_box(&input))))
    });
    g.finish();
}

criterion_group!(benches, hpa, curve, cron);
criterion_main!(benches);
