//! The autoscaler against docs/performance.md: one `step` over 10,000 nodes in 100 node
//! groups with 5,000 pending pods — target ≤ 50 ms. The baseline in the same run is
//! compiling the same snapshot for the scheduler (`Scheduler::new`), the floor of any step
//! that reads the cluster: the line prints the step's time and its ratio to it.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use weir::time::Timestamp;
use weir_benches::autoscaler_workload;

/// The median of `rounds` timed runs of `run`, in milliseconds.
fn median_ms(rounds: usize, mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(rounds / 2).copied().unwrap_or(f64::NAN)
}

fn autoscaling(c: &mut Criterion) {
    let (config, cluster) = autoscaler_workload(10_000, 100, 5_000);
    let now = Timestamp::from_unix_seconds(1_767_225_600.0);
    let Some(now) = now else { return };
    let Ok(fresh) = weir::Autoscaler::new(config) else {
        println!("target: autoscaler: the bench configuration is refused");
        return;
    };
    let (small_config, small) = autoscaler_workload(500, 10, 250);
    if let Ok(a) = weir::Autoscaler::new(small_config) {
        let mut g = c.benchmark_group("autoscaling");
        g.sample_size(10);
        g.bench_function("500 nodes, 10 groups, 250 pending pods, one step", |b| {
            b.iter(|| black_box(a.clone().step(now, black_box(&small))))
        });
        g.finish();
    }
    let mut scaled_up = 0;
    let step = median_ms(5, || {
        let mut a = fresh.clone();
        if let Ok(d) = a.step(now, black_box(&cluster)) {
            scaled_up = d.scale_up.map_or(0, |u| u.count);
        }
    });
    let floor = median_ms(5, || {
        drop(black_box(weir::Scheduler::new(black_box(&cluster))));
    });
    let verdict = if step <= 50.0 { "OK" } else { "OVER" };
    println!(
        "target: autoscaler step, 10,000 nodes, 100 groups, 5,000 pending pods (+{scaled_up} nodes): {step:.1} ms (target <= 50 ms) {verdict}; {:.1}x compiling the snapshot ({floor:.1} ms) in the same run",
        step / floor
    );
}

criterion_group!(benches, autoscaling);
criterion_main!(benches);
