//! Scheduling against docs/performance.md: 5,000 nodes, 50,000 pods with taints, affinity
//! and spread, every feasible node scored — target ≥ 27,000 pods/s; and the memory of a
//! compiled snapshot of 10,000 nodes and 100,000 pods — target ≤ 1 KiB per pod and
//! ≤ 4 KiB per node (counted by a counting allocator).
//!
//! The timed run is one `schedule_all` call over the whole workload (compiling the snapshot,
//! scheduling every pod, returning the new snapshot), as docs/performance.md states it.
//! `WEIR_SCHED_PODS` (default 50,000) schedules only the first pods, for a quick look; the
//! line says which run it was.

use std::alloc::System;
use std::hint::black_box;
use std::time::Instant;

use cap::Cap;
use criterion::{Criterion, criterion_group, criterion_main};
use weir_benches::scheduling_workload;

/// The system allocator, counting the bytes held.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Bytes held by a compiled `Scheduler` of `nodes` nodes and `pods` bound pods.
fn compiled_bytes(nodes: usize, pods: usize) -> f64 {
    let mut input = scheduling_workload(nodes, pods);
    for (i, p) in input.pods.iter_mut().enumerate() {
        p.spec.node_name = Some(format!("node-{:05}", i % nodes));
    }
    input.snapshot.pods = std::mem::take(&mut input.pods);
    let before = ALLOCATOR.allocated();
    let compiled = weir::Scheduler::new(&input.snapshot);
    let held = ALLOCATOR.allocated().saturating_sub(before);
    drop(black_box(compiled));
    held as f64
}

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
    drop(result);
    let per_node = compiled_bytes(10_000, 0) / 10_000.0;
    let per_pod = (compiled_bytes(10_000, 100_000) - per_node * 10_000.0) / 100_000.0;
    let ok = |v: f64, max: f64| if v <= max { "OK" } else { "OVER" };
    println!(
        "target: compiled snapshot, 10,000 nodes: {per_node:.0} B per node (target <= 4096) {}",
        ok(per_node, 4096.0)
    );
    println!(
        "target: compiled snapshot, 100,000 bound pods: {per_pod:.0} B per pod (target <= 1024) {}",
        ok(per_pod, 1024.0)
    );
}

criterion_group!(benches, scheduling);
criterion_main!(benches);
