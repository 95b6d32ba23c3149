//! Scheduling against spec/07-quality.md: 5,000 nodes, 50,000 pods with taints, affinity
//! and spread, every feasible node scored — target ≥ 27,000 pods/s.
//!
//! The timed run is one `schedule_all` call over the whole workload (compiling the snapshot,
//! scheduling every pod, returning the new snapshot), as the spec states it.
//! `WEIR_SCHED_PODS` (default 50,000) schedules only the first pods, for a quick look; the
//! line says which run it was.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use weir_benches::scheduling_workload;

fn scheduling(c: &mut Criterion) {
    let pods: usize = std::env::var("WEIR_SCHED_PODS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let small = scheduling_workload(500, 500);
    let mut g = c.benchmark_group("scheduling");
    g.sample_size(10);
    g.bench_function("500 nodes, 500 pods, schedule_all", |b| {
        b.iter(|| black_box(weir::schedule_all(black_box(&small))))
    });
    g.finish();
    let input = scheduling_workload(5_000, pods);
    let start = Instant::now();
    let result = weir::schedule_all(&input);
    let secs = start.elapsed().as_secs_f64();
    let placed = result
        .as_ref()
        .map(|r| r.placements.iter().filter(|p| p.node.is_some()).count())
        .unwrap_or(0);
    let rate = pods as f64 / secs;
    let verdict = if rate >= 27_000.0 { "OK" } else { "UNDER" };
    println!(
        "target: scheduler, 5,000 nodes, first {pods} of 50,000 pods ({placed} placed): {rate:.0} pods/s (target >= 27000) {verdict}"
    );
}

criterion_group!(benches, scheduling);
criterion_main!(benches);
