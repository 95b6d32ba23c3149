//! One simulated day: 1,000 nodes, 100 app services, 10,000 pods at the peak, a 10 s step.
//! Prints the wall time and the ratio to real time (a day is 86,400 s; the target is a day
//! in at most 10 s, 8,640× real time).
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use weir::simulation::Simulation;
use weir_benches::day_scenario;

fn day(c: &mut Criterion) {
    let scenario = day_scenario(1_000, 100, 10_000);
    let start = Instant::now();
    let result = Simulation::new(scenario.clone()).and_then(Simulation::run);
    let secs = start.elapsed().as_secs_f64();
    let ratio = 86_400.0 / secs;
    let steps = result.as_ref().map_or(0, |r| r.summary.steps);
    let verdict = if ratio >= 8_640.0 { "OK" } else { "UNDER" };
    println!(
        "target: simulation, one day of 1,000 nodes, 100 services, 10,000 pods, 10 s step ({steps} steps taken): {secs:.2} s, {ratio:.0}x real time (target >= 8640x) {verdict}"
    );
    let mut g = c.benchmark_group("simulation");
    g.sample_size(10);
    g.bench_function("one day, 1,000 nodes, 100 services, 10,000 pods", |b| {
        b.iter(|| black_box(Simulation::new(scenario.clone()).and_then(Simulation::run)))
    });
    g.finish();
}

criterion_group!(benches, day);
criterion_main!(benches);
