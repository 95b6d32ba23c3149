//! Properties of release orders (docs/release.md): the DAG order respects every
//! dependency and waves are 1 + the highest dependency wave; a graph with a cycle is
//! refused with cycles that really are cycles; pod groups cover every pod once, grow and
//! differ by at most one, and spread every unit evenly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use weir::{DagInput, DagService, Grouping, GroupsInput, PodRef};

fn graph() -> impl Strategy<Value = DagInput> {
    (1usize..30, any::<bool>()).prop_flat_map(|(n, acyclic)| {
        prop::collection::vec(prop::collection::vec(0..n, 0..4), n).prop_map(move |deps| DagInput {
            services: deps
                .into_iter()
                .enumerate()
                .map(|(i, ds)| {
                    let mut names: Vec<String> = ds
                        .into_iter()
                        .filter(|&j| j != i && (!acyclic || j < i))
                        .map(|j| format!("s{j:02}"))
                        .collect();
                    names.sort();
                    names.dedup();
                    DagService {
                        name: format!("s{i:02}"),
                        depends_on: names,
                        duration_seconds: Some((i as u32 * 7) % 13),
                    }
                })
                .collect(),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn dag_order_and_waves(input in graph()) {
        let deps: HashMap<&str, &Vec<String>> = input.services.iter().map(|s| (s.name.as_str(), &s.depends_on)).collect();
        match weir::analyze_dag(&input) {
            Ok(a) => {
                let pos: HashMap<&str, usize> = a.nodes.iter().enumerate().map(|(i, n)| (n.name.as_str(), i)).collect();
                prop_assert_eq!(pos.len(), input.services.len());
                let wave: HashMap<&str, u32> = a.nodes.iter().map(|n| (n.name.as_str(), n.wave)).collect();
                for n in &a.nodes {
                    let ds = deps[n.name.as_str()];
                    for d in ds.iter() {
                        prop_assert!(pos[d.as_str()] < pos[n.name.as_str()], "{} before its dependency {}", n.name, d);
                    }
                    let want = ds.iter().map(|d| wave[d.as_str()] + 1).max().unwrap_or(0);
                    prop_assert_eq!(n.wave, want);
                }
                for (w, bucket) in a.waves.iter().enumerate() {
                    prop_assert!(bucket.windows(2).all(|p| p[0] < p[1]));
                    prop_assert!(bucket.iter().all(|n| wave[n.as_str()] as usize == w));
                }
                let finish = a.nodes.iter().map(|n| n.earliest_finish_seconds).max().unwrap_or(0);
                prop_assert_eq!(a.earliest_finish_seconds, finish);
            }
            Err(weir::Error::Cycle { cycles }) => {
                prop_assert!(!cycles.is_empty());
                for c in &cycles {
                    prop_assert!(c.len() >= 3 && c.first() == c.last());
                    for pair in c.windows(2) {
                        prop_assert!(deps[pair[0].as_str()].contains(&pair[1]), "{} does not depend on {}", pair[0], pair[1]);
                    }
                }
            }
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }

    /// The reduction keeps exactly the edges no other path implies, and keeps reachability.
    #[test]
    fn reduction_keeps_reachability(input in graph()) {
        if let Ok(r) = weir::transitive_reduction(&input) {
            let reach = |edges: &[weir::DagEdge]| {
                let mut adj: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for e in edges {
                    adj.entry(e.service.as_str()).or_default().push(e.depends_on.as_str());
                }
                let mut out = BTreeMap::new();
                for s in &input.services {
                    let mut seen = std::collections::BTreeSet::new();
                    let mut stack = vec![s.name.as_str()];
                    while let Some(u) = stack.pop() {
                        for &v in adj.get(u).map_or(&[][..], Vec::as_slice) {
                            if seen.insert(v) {
                                stack.push(v);
                            }
                        }
                    }
                    out.insert(s.name.clone(), seen.into_iter().map(str::to_owned).collect::<Vec<_>>());
                }
                out
            };
            let all: Vec<weir::DagEdge> = r.kept_edges.iter().chain(&r.redundant_edges).cloned().collect();
            prop_assert_eq!(reach(&r.kept_edges), reach(&all));
            for e in &r.kept_edges {
                let without: Vec<weir::DagEdge> = r.kept_edges.iter().filter(|x| *x != e).cloned().collect();
                prop_assert!(!reach(&without)[&e.service].contains(&e.depends_on), "kept edge {e:?} is implied");
            }
        }
    }
}

fn pods() -> impl Strategy<Value = Vec<PodRef>> {
    prop::collection::vec(0usize..5, 0..60).prop_map(|units| {
        units
            .into_iter()
            .enumerate()
            .map(|(i, u)| PodRef {
                name: format!("p{i}"),
                unit: format!("u{u}"),
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn groups_invariants(pods in pods(), min_groups in 1i32..8, beta in any::<bool>(), new_version in any::<bool>(), kind in 0u8..3) {
        let grouping = match kind { 0 => Grouping::Fast { min_groups: Some(min_groups) }, 1 => Grouping::PerPod, _ => Grouping::Single };
        let input = GroupsInput { pods: pods.clone(), grouping: Some(grouping), beta: Some(beta), pause_between_groups: Some(true), new_version: Some(new_version) };
        let out = weir::plan_groups(&input).unwrap();
        // Every pod in exactly one group.
        let mut seen: Vec<&str> = out.groups.iter().flat_map(|g| g.pods.iter().map(String::as_str)).collect();
        seen.sort_unstable();
        let mut want: Vec<&str> = pods.iter().map(|p| p.name.as_str()).collect();
        want.sort_unstable();
        prop_assert_eq!(seen, want);
        let unit_of: HashMap<&str, &str> = pods.iter().map(|p| (p.name.as_str(), p.unit.as_str())).collect();
        let has_beta = out.groups.first().is_some_and(|g| g.beta);
        if has_beta {
            let mut units: Vec<&str> = out.groups[0].pods.iter().map(|p| unit_of[p.as_str()]).collect();
            let n = units.len();
            units.dedup();
            prop_assert_eq!(units.len(), n, "beta takes one pod per unit");
            prop_assert!(beta && new_version);
        }
        let rest = &out.groups[usize::from(has_beta)..];
        if kind == 0 {
            // Sizes never decrease and differ by at most one; per unit, counts differ by at most one.
            let sizes: Vec<usize> = rest.iter().map(|g| g.pods.len()).collect();
            prop_assert!(sizes.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(sizes.last().unwrap_or(&0) - sizes.first().unwrap_or(&0) <= 1);
            let mut units: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
            for g in rest {
                for u in unit_of.values() {
                    units.entry(u).or_default();
                }
                for (u, v) in units.iter_mut() {
                    v.push(g.per_unit.get(*u).copied().unwrap_or(0));
                }
            }
            for counts in units.values() {
                prop_assert!(counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0) <= 1);
            }
            prop_assert!(rest.len() <= min_groups as usize);
        }
        for g in &out.groups {
            let total: u32 = g.per_unit.values().sum();
            prop_assert_eq!(total as usize, g.pods.len());
        }
    }
}
