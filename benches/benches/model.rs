//! Quantities and selectors: the hot primitives every later area calls per pod and node.
//!
//! docs/performance.md sets no target for these primitives themselves; they bound the
//! scheduler's per-node work (≥ 27,000 pods/s over 5,000 nodes leaves ~7 ns per
//! pod×node pair), so the compiled matcher is measured per label set.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use weir::{Labels, NodeSelector, Quantity};

fn quantities(c: &mut Criterion) {
    let inputs = [
        "500m",
        "1",
        "128Mi",
        "1.5Gi",
        "1e3",
        "0.0001",
        "9223372036854775807",
    ];
    let mut g = c.benchmark_group("quantity");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("parse (7 forms)", |b| {
        b.iter(|| {
            for s in inputs {
                let _ = black_box(Quantity::parse(black_box(s)));
            }
        });
    });
    let parsed: Vec<Quantity> = inputs
        .iter()
        .filter_map(|s| Quantity::parse(s).ok())
        .collect();
    g.bench_function("canonical (7 forms)", |b| {
        b.iter(|| {
            for q in &parsed {
                black_box(q.canonical());
            }
        });
    });
    g.finish();
}

fn node(i: usize) -> Labels {
    let side = if i.is_multiple_of(2) { "a" } else { "b" };
    Labels::from([
        (
            "cafe.sofastack.io/cell".to_owned(),
            format!("rz{:02}{}", i % 4, side),
        ),
        (
            "cafe.sofastack.io/zone".to_owned(),
            format!("cn-shanghai-{}", side),
        ),
        ("kubernetes.io/hostname".to_owned(), format!("node-{i}")),
        ("cpu-count".to_owned(), format!("{}", 4 << (i % 4))),
        (
            "node.kubernetes.io/instance-type".to_owned(),
            "ecs.g6.xlarge".to_owned(),
        ),
    ])
}

fn selectors(c: &mut Criterion) {
    let selector: NodeSelector = serde_json::from_value(serde_json::json!({
        "nodeSelectorTerms": [
            {"matchExpressions": [
                {"key": "cafe.sofastack.io/cell", "operator": "In", "values": ["rz00a", "rz01b"]},
                {"key": "cafe.sofastack.io/sub-cluster", "operator": "DoesNotExist"}]},
            {"matchExpressions": [{"key": "cpu-count", "operator": "Gt", "values": ["16"]}]}
        ]
    }))
    .unwrap_or_default();
    let nodes: Vec<(String, Labels)> = (0..5000).map(|i| (format!("node-{i}"), node(i))).collect();
    let mut g = c.benchmark_group("node_selector");
    g.bench_function("compile", |b| b.iter(|| black_box(selector.compile())));
    if let Ok(m) = selector.compile() {
        g.throughput(Throughput::Elements(nodes.len() as u64));
        g.bench_function("match 5000 nodes", |b| {
            b.iter(|| nodes.iter().filter(|(n, l)| m.matches(n, l)).count());
        });
    }
    g.finish();
}

/// 10,000 app services around the seed's quick start (the workload): every tenth
/// one has a bad resource and a bad port, so the error path is measured too.
fn app_services(c: &mut Criterion) {
    let base: weir::AppService = match serde_json::from_str(include_str!(
        "../../core/tests/fixtures/quickstart/aks-vote-front-appservice.json"
    )) {
        Ok(s) => s,
        Err(_) => return,
    };
    let specs: Vec<weir::AppService> = (0..10_000)
        .map(|i| {
            let mut s = base.clone();
            s.name = format!("svc-{i}");
            if i % 10 == 0
                && let Some(ctr) = s.template.containers.first_mut()
            {
                ctr.resources = Some(weir::Resources {
                    requests: Some(weir::ResourceList {
                        cpu: Some("-1".into()),
                        memory: None,
                    }),
                    limits: None,
                });
            }
            s
        })
        .collect();
    let mut g = c.benchmark_group("app_service");
    g.throughput(Throughput::Elements(specs.len() as u64));
    g.sample_size(20);
    g.bench_function("validate 10k", |b| {
        b.iter(|| {
            specs
                .iter()
                .filter(|s| weir::validate(s, None).is_ok())
                .count()
        });
    });
    g.bench_function("normalize 10k", |b| {
        b.iter(|| {
            specs
                .iter()
                .filter_map(|s| weir::normalize(s, None).ok())
                .count()
        });
    });
    if let Some(b0) = specs.get(1) {
        let mut other = b0.clone();
        if let Some(ctr) = other.template.containers.first_mut() {
            ctr.image =
                "registry-vpc.cn-shanghai.aliyuncs.com/sofa-samples/aks-vote-front:v2".into();
        }
        g.throughput(Throughput::Elements(1));
        g.bench_function("diff one version", |b| {
            b.iter(|| black_box(weir::diff(b0, &other, weir::InPlaceRules::Seed, None)));
        });
    }
    g.finish();
}

criterion_group!(benches, quantities, selectors, app_services);
criterion_main!(benches);
