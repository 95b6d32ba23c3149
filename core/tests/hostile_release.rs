//! Hostile inputs to the release-order DAG and planner (a sweep of crashes and runaways):
//! every graph walk on graphs as deep as they are long, run on a 256 KiB stack (a Node
//! worker's stack is small, and a recursive walk overflowed at 50,000 services); the
//! inputs that used to take quadratic time; and every size limit, hit just above it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use weir::{
    AppService, DagInput, DagService, Error, FieldErrorCode, Grouping, GroupsInput, OrderService,
    PodRef, ReleaseOrder, UnitSplitInput,
};

/// The stack the graph walks run on.
const SMALL_STACK: usize = 256 * 1024;

/// How long a case of the runaway tests may take, unoptimised, on a loaded machine. Each
/// takes well under a second with linear work; the quadratic code they guard against
/// took minutes to hours on the same inputs.
const RUNAWAY_BOUND: Duration = Duration::from_secs(60);

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the walk finished on a 256 KiB stack")
}

fn name(i: usize) -> String {
    format!("s{i:07}")
}

fn service(i: usize, deps: Vec<String>) -> DagService {
    DagService {
        name: name(i),
        depends_on: deps,
        duration_seconds: Some(1),
    }
}

/// `s0 → s1 → … → s(n-1) → s0` along "depends on": one cycle through every service.
fn cycle(n: usize) -> DagInput {
    DagInput {
        services: (0..n)
            .map(|i| service(i, vec![name((i + 1) % n)]))
            .collect(),
    }
}

/// `s(i)` depends on `s(i-1)`: n waves, a critical path through every service.
fn chain(n: usize) -> DagInput {
    DagInput {
        services: (0..n)
            .map(|i| service(i, if i == 0 { vec![] } else { vec![name(i - 1)] }))
            .collect(),
    }
}

/// `s(i)` depends on `s(i+1)`, and the last two depend on each other: the cycle finder's
/// walk from `s0` goes n deep before it meets the only cycle.
fn tail_into_cycle(n: usize) -> DagInput {
    DagInput {
        services: (0..n)
            .map(|i| service(i, vec![name(if i + 1 < n { i + 1 } else { n - 2 })]))
            .collect(),
    }
}

/// A hub every service depends on, and a sink that depends on every service but the hub:
/// one `dependsOn` list of n-2 entries.
fn fan(n: usize) -> DagInput {
    let mut services = vec![service(0, vec![])];
    services.extend((1..n - 1).map(|i| service(i, vec![name(0)])));
    services.push(service(n - 1, (1..n - 1).map(name).collect()));
    DagInput { services }
}

fn cycles_of(r: Result<impl std::fmt::Debug, Error>) -> Vec<Vec<String>> {
    match r {
        Err(Error::Cycle { cycles }) => cycles,
        other => panic!("expected a cycle, got {:?}", other.map(|_| ())),
    }
}

fn fields_of<T>(r: Result<T, Error>) -> Vec<(String, FieldErrorCode)> {
    match r {
        Err(Error::Validation(v)) => v.0.into_iter().map(|f| (f.path, f.code)).collect(),
        Err(e) => panic!("expected a validation error, got {e}"),
        Ok(_) => panic!("expected a validation error, got a result"),
    }
}

fn too_many(path: &str) -> Vec<(String, FieldErrorCode)> {
    vec![(path.to_owned(), FieldErrorCode::TooMany)]
}

/// A minimal valid spec: one container, one replica.
fn spec() -> AppService {
    serde_json::from_value(serde_json::json!({"name": "web", "app": "web",
        "template": {"containers": [{"name": "web", "image": "web:v1"}]}}))
    .unwrap()
}

fn order_of(dag: &DagInput) -> ReleaseOrder {
    let spec = spec();
    ReleaseOrder {
        id: "order".into(),
        services: dag
            .services
            .iter()
            .map(|s| OrderService {
                name: s.name.clone(),
                depends_on: s.depends_on.clone(),
                to_version: "v1".into(),
                to_spec: spec.clone(),
                from_version: None,
                from_spec: None,
                last_successful_version: None,
                pods: None,
                duration_seconds: s.duration_seconds,
            })
            .collect(),
        units: Vec::new(),
        max_parallel_services: None,
        ready_seconds: None,
        rules: None,
        profile: None,
    }
}

/// `analyze_dag` and `render_dag` on one cycle through all `n` services.
fn walk_cycle(n: usize) {
    on_small_stack(move || {
        let c = cycle(n);
        let mut want: Vec<String> = (0..n).map(name).collect();
        want.push(name(0));
        assert_eq!(cycles_of(weir::analyze_dag(&c)), [want.clone()]);
        assert_eq!(cycles_of(weir::render_dag(&c)), [want]);
    });
}

/// The same on a chain `n` deep that ends in a cycle of two.
fn walk_tail(n: usize) {
    on_small_stack(move || {
        let t = tail_into_cycle(n);
        let want = vec![vec![name(n - 2), name(n - 1), name(n - 2)]];
        assert_eq!(cycles_of(weir::analyze_dag(&t)), want);
        assert_eq!(cycles_of(weir::render_dag(&t)), want);
    });
}

/// Waves, critical path, order and drawing of a chain through all `n` services.
fn walk_chain(n: usize) {
    on_small_stack(move || {
        let ch = chain(n);
        let a = weir::analyze_dag(&ch).unwrap();
        assert_eq!(a.waves.len(), n);
        assert_eq!(a.critical_path.len(), n);
        assert_eq!(a.critical_path.last(), Some(&name(n - 1)));
        assert_eq!(a.earliest_finish_seconds, u32::try_from(n).unwrap());
        assert!(a.nodes.iter().enumerate().all(|(i, x)| x.name == name(i)));
        let d = weir::render_dag(&ch).unwrap();
        assert_eq!(d.mermaid.lines().count(), 1 + n + (n - 1));
        assert_eq!(d.dot.lines().count(), 3 + n + (n - 1));
    });
}

/// The same on a hub, `n - 2` services on it and a sink on all of those.
fn walk_fan(n: usize) {
    on_small_stack(move || {
        let f = fan(n);
        let a = weir::analyze_dag(&f).unwrap();
        assert_eq!(a.waves.len(), 3);
        assert_eq!(a.critical_path, [name(0), name(1), name(n - 1)]);
        let d = weir::render_dag(&f).unwrap();
        assert_eq!(d.mermaid.lines().count(), 1 + n + 2 * (n - 2));
    });
}

/// The transitive reduction at its service limit, for each shape.
#[test]
fn transitive_reduction_at_its_limit_on_a_small_stack() {
    on_small_stack(|| {
        let n = weir::MAX_REDUCTION_SERVICES;
        assert_eq!(cycles_of(weir::transitive_reduction(&cycle(n))).len(), 1);
        assert_eq!(
            cycles_of(weir::transitive_reduction(&tail_into_cycle(n))).len(),
            1
        );
        let r = weir::transitive_reduction(&chain(n)).unwrap();
        assert_eq!((r.kept_edges.len(), r.redundant_edges.len()), (n - 1, 0));
        // The sink's edges to the hub's dependents are all needed; none is implied.
        let r = weir::transitive_reduction(&fan(n)).unwrap();
        assert_eq!(r.kept_edges.len(), 2 * (n - 2));
    });
}

/// Every shape at 200,000 services: four times deeper than the recursive walk could go
/// on a Node worker's stack.
#[test]
fn every_dag_walk_at_200k_on_a_small_stack() {
    let n = 200_000;
    walk_cycle(n);
    walk_tail(n);
    walk_chain(n);
    walk_fan(n);
}

// The spec's scale, a million services, one shape per test (so they run side by side).

#[test]
fn a_cycle_through_1m_services_on_a_small_stack() {
    walk_cycle(1_000_000);
}

#[test]
fn a_chain_1m_deep_into_a_cycle_on_a_small_stack() {
    walk_tail(1_000_000);
}

#[test]
fn a_chain_of_1m_services_on_a_small_stack() {
    walk_chain(1_000_000);
}

#[test]
fn a_fan_of_1m_services_on_a_small_stack() {
    walk_fan(1_000_000);
}

/// `plan_release` at its service limit: one cycle (refused after every spec is checked)
/// and one chain (planned).
#[test]
fn plan_release_at_its_limit_on_a_small_stack() {
    let n = weir::MAX_ORDER_SERVICES;
    on_small_stack(move || {
        {
            let order = order_of(&cycle(n));
            assert_eq!(cycles_of(weir::plan_release(&order))[0].len(), n + 1);
        }
        let order = order_of(&chain(n));
        let plan = weir::plan_release(&order).unwrap();
        assert_eq!(plan.waves.len(), n);
        assert_eq!(
            plan.services.last().map(|s| s.name.clone()),
            Some(name(n - 1))
        );
    });
}

/// One service more is refused before any work (a million services took 6 GB).
#[test]
fn plan_release_refuses_one_service_over_its_limit() {
    let order = order_of(&cycle(weir::MAX_ORDER_SERVICES + 1));
    assert_eq!(fields_of(weir::plan_release(&order)), too_many("services"));
}

/// One service that lists a million distinct dependencies (the fan's sink): the
/// duplicate check scanned the list so far for each entry (54 s at 1M, optimised); it is
/// linear now. A million copies of one dependency are all reported.
#[test]
fn a_million_dependencies_of_one_service_are_checked_in_linear_time() {
    let start = Instant::now();
    let n = 1_000_000;
    on_small_stack(move || assert!(weir::analyze_dag(&fan(n)).is_ok()));
    let input = DagInput {
        services: vec![service(0, vec![]), service(1, vec![name(0); n])],
    };
    let fields = fields_of(weir::analyze_dag(&input));
    assert_eq!(fields.len(), n - 1);
    assert_eq!(
        fields[0],
        ("services[1].dependsOn[1]".into(), FieldErrorCode::Duplicate)
    );
    assert!(
        start.elapsed() < RUNAWAY_BOUND,
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn the_dag_size_limits_are_checked_first() {
    let empty = |_| DagService {
        name: String::new(),
        depends_on: Vec::new(),
        duration_seconds: None,
    };
    let input = DagInput {
        services: (0..=weir::MAX_DAG_SERVICES).map(empty).collect(),
    };
    assert_eq!(fields_of(weir::analyze_dag(&input)), too_many("services"));
    drop(input);
    let input = DagInput {
        services: vec![
            service(0, vec![String::new(); 10]),
            service(1, vec![String::new(); weir::MAX_DAG_DEPENDENCIES - 10 + 1]),
        ],
    };
    assert_eq!(
        fields_of(weir::render_dag(&input)),
        too_many("services[1].dependsOn")
    );
    drop(input);
    let input = DagInput {
        services: vec![service(
            0,
            vec![String::new(); weir::MAX_REDUCTION_DEPENDENCIES + 1],
        )],
    };
    assert_eq!(
        fields_of(weir::transitive_reduction(&input)),
        too_many("services[0].dependsOn")
    );
}

#[test]
fn the_order_size_limits_are_checked_first() {
    let mut order = order_of(&chain(3));
    order.units = (0..=weir::MAX_UNITS).map(|i| format!("u{i}")).collect();
    assert_eq!(fields_of(weir::plan_release(&order)), too_many("units"));

    let mut order = order_of(&chain(3));
    order.services[1].to_spec.deploy = Some(weir::Deploy {
        units: (0..=weir::MAX_UNITS).map(|i| format!("u{i}")).collect(),
        ..Default::default()
    });
    assert_eq!(
        fields_of(weir::plan_release(&order)),
        too_many("services[1].toSpec.deploy.units")
    );

    // Given pods count towards the order's pods: 3 services, the last goes over.
    let mut order = order_of(&chain(3));
    let pods = |n: usize, tag: &str| {
        (0..n)
            .map(|i| PodRef {
                name: format!("{tag}-{i}"),
                unit: "u".into(),
            })
            .collect::<Vec<_>>()
    };
    order.services[0].pods = Some(pods(weir::MAX_ORDER_PODS / 2, "a"));
    order.services[2].pods = Some(pods(weir::MAX_ORDER_PODS / 2, "c"));
    assert_eq!(
        fields_of(weir::plan_release(&order)),
        too_many("services[2].pods")
    );

    // 250 services of 100,000 replicas each (a 42 KB order that needed 3.3 GB): refused
    // at the eleventh, which goes over a million pods.
    let mut order = order_of(&chain(250));
    let big: AppService = serde_json::from_value(serde_json::json!({"name": "web", "app": "web",
        "template": {"containers": [{"name": "web", "image": "web:v1"}]},
        "scaling": {"type": "fixed", "replicas": 100_000}}))
    .unwrap();
    for s in &mut order.services {
        s.to_spec = big.clone();
    }
    assert_eq!(
        fields_of(weir::plan_release(&order)),
        too_many("services[10].toSpec.scaling")
    );
    // Exactly a million pods are planned.
    order.services.truncate(10);
    let plan = weir::plan_release(&order).unwrap();
    let pods: usize = plan
        .services
        .iter()
        .flat_map(|s| &s.groups.groups)
        .map(|g| g.pods.len())
        .sum();
    assert_eq!(pods, weir::MAX_ORDER_PODS);
}

#[test]
fn the_group_and_unit_limits_are_checked_first() {
    let input = GroupsInput {
        pods: vec![
            PodRef {
                name: String::new(),
                unit: String::new()
            };
            weir::MAX_GROUP_PODS + 1
        ],
        grouping: None,
        beta: None,
        pause_between_groups: None,
        new_version: None,
    };
    assert_eq!(fields_of(weir::plan_groups(&input)), too_many("pods"));
    let input = UnitSplitInput {
        replicas: 1,
        units: vec![String::new(); weir::MAX_UNITS + 1],
    };
    assert_eq!(fields_of(weir::split_units(&input)), too_many("units"));
}

fn groups_input(pods: Vec<PodRef>, grouping: Grouping) -> GroupsInput {
    GroupsInput {
        pods,
        grouping: Some(grouping),
        beta: Some(true),
        pause_between_groups: Some(true),
        new_version: Some(true),
    }
}

fn pod(name: String, unit: String) -> PodRef {
    PodRef { name, unit }
}

/// Inputs whose grouping work was quadratic: one name listed 200,000 times; per-pod
/// grouping of one large unit among 100,000 one-pod units; fast grouping with more groups
/// than most units have pods.
#[test]
fn grouping_work_follows_the_pods_not_their_square() {
    let start = Instant::now();
    let n = 200_000;
    let same = (0..n).map(|_| pod("x".into(), "u".into())).collect();
    let fields = fields_of(weir::plan_groups(&groups_input(same, Grouping::Single)));
    assert_eq!(fields.len(), n - 1);
    assert_eq!(fields[0].0, "pods[1].name");
    assert_eq!(fields[n - 2].0, format!("pods[{}].name", n - 1));

    // Half the pods in unit "big", the other half one per unit.
    let pods: Vec<PodRef> = (0..n)
        .map(|i| {
            let unit = if i % 2 == 0 {
                "big".to_owned()
            } else {
                format!("u{i}")
            };
            pod(format!("p{i}"), unit)
        })
        .collect();
    let g = weir::plan_groups(&groups_input(pods.clone(), Grouping::PerPod)).unwrap();
    // Beta takes one pod of each unit; the rest of "big" is one pod per group.
    assert_eq!(g.groups.len(), 1 + (n / 2 - 1));
    assert_eq!(g.groups[0].pods.len(), n / 2 + 1);
    assert!(g.groups[1..].iter().all(|x| x.per_unit.len() == 1));

    let fast = Grouping::Fast {
        min_groups: Some(i32::MAX),
    };
    let g = weir::plan_groups(&groups_input(pods, fast)).unwrap();
    // After beta, n/2 - 1 pods remain (all of "big"): one group each.
    assert_eq!(g.groups.len(), 1 + (n / 2 - 1));
    // Two pods per unit over 100,000 units, more groups asked than pods.
    let pods: Vec<PodRef> = (0..n)
        .map(|i| pod(format!("p{i}"), format!("u{}", i / 2)))
        .collect();
    let fast = Grouping::Fast {
        min_groups: Some(i32::MAX),
    };
    let g = weir::plan_groups(&groups_input(pods, fast)).unwrap();
    assert_eq!(g.groups.len(), 1 + n / 2);
    assert!(g.groups[1..].iter().all(|x| x.pods.len() == 1));
    assert!(
        start.elapsed() < RUNAWAY_BOUND,
        "took {:?}",
        start.elapsed()
    );
}
