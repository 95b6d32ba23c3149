//! The fuzz harness of the autoscaler (shared by `fuzz/fuzz_targets/autoscaler_steps.rs`
//! and the regression replay): a configuration and a sequence of steps and observations
//! drawn from arbitrary bytes.

use std::collections::BTreeSet;

use super::{Autoscaler, AutoscalerConfig, AutoscalerEvent, AutoscalerOutput, Decision};
use crate::machine::Machine;
use crate::scheduling::types::ClusterSnapshot;
use crate::time::Timestamp;

const GROUPS: [&str; 3] = ["ga", "gb", "gc"];

/// Set `key` of an object (nothing for another value).
fn set(v: &mut serde_json::Value, key: &str, x: serde_json::Value) {
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_owned(), x);
    }
}

fn byte(data: &[u8], i: usize) -> u8 {
    data.get(i).copied().unwrap_or(0)
}

fn config(d: &[u8]) -> Option<AutoscalerConfig> {
    let expanders = ["priority", "leastWaste", "mostPods", "leastNodes", "random"];
    let chain: Vec<&str> = (0..5)
        .filter(|i| byte(d, 0) & (1 << i) != 0)
        .filter_map(|i| expanders.get(i).copied())
        .collect();
    let groups: Vec<serde_json::Value> = (0..1 + usize::from(byte(d, 1) % 3))
        .map(|i| {
            let b = byte(d, 2 + i);
            serde_json::json!({"name": GROUPS.get(i).copied().unwrap_or("gx"),
                "priority": i32::from(b % 3), "minNodes": i32::from(b % 2),
                "maxNodes": 1 + i32::from(b % 5),
                "template": {"cpu": format!("{}", 1 + b % 8), "memory": format!("{}Gi", 1 + b % 8),
                    "pods": 1 + i32::from(b % 10)}})
        })
        .collect();
    let mut c = serde_json::json!({"nodeGroups": groups,
        "expander": if chain.is_empty() { vec!["priority"] } else { chain },
        "zoneSelection": if byte(d, 5).is_multiple_of(2) { "sequential" } else { "random" },
        "seed": u32::from(byte(d, 6)),
        "scaleUp": {"threshold": 50 + i32::from(byte(d, 7) % 51)},
        "scaleDown": {"threshold": i32::from(byte(d, 8) % 50)},
        "scaleDownUnneededTime": i32::from(byte(d, 9) % 30),
        "scaleDownDelayAfterAdd": i32::from(byte(d, 9) % 20),
        "maxNodeProvisionTime": i32::from(byte(d, 10) % 60),
        "maxFailedNodes": 2 + i32::from(byte(d, 11) % 3),
        "maxScaleDownNodes": 1 + i32::from(byte(d, 12) % 3),
        "skipNodesWithLocalStorage": byte(d, 13).is_multiple_of(2)});
    if byte(d, 14) % 2 == 1 {
        let b = serde_json::json!({"initialSeconds": 5, "maxSeconds": 20, "resetSeconds": 100});
        set(&mut c, "backoff", b);
    }
    if byte(d, 15) % 3 == 1 {
        set(
            &mut c,
            "maxNodesTotal",
            serde_json::json!(i32::from(byte(d, 15) % 10)),
        );
    }
    if byte(d, 16) % 3 == 1 {
        let h = serde_json::json!({"okTotalUnreadyCount": 1, "maxTotalUnreadyPercentage": 30});
        set(&mut c, "healthGate", h);
    }
    serde_json::from_value(c).ok()
}

/// A small cluster from 8 bytes: nodes of the groups (or none), pods bound where they fit.
fn cluster(d: &[u8]) -> Option<ClusterSnapshot> {
    let nodes: Vec<(usize, u32, bool)> = (0..usize::from(byte(d, 0) % 6))
        .map(|i| {
            let b = byte(d, 1 + i);
            (
                usize::from(b % 4),
                1 + u32::from(b % 7),
                b.is_multiple_of(11),
            )
        })
        .collect();
    let mut used = vec![0u32; nodes.len()];
    let pods: Vec<serde_json::Value> = (0..usize::from(byte(d, 7) % 12))
        .map(|i| {
            let b = byte(d, i % 8).wrapping_mul(31).wrapping_add(u8::try_from(i).unwrap_or(0));
            let kind = b % 6;
            let cpu = if kind == 3 { 500 } else { 100 + u32::from(b) * 11 };
            let hints = match kind {
                3 => serde_json::json!({"slot": true, "nodeAutoscaling": true}),
                4 => serde_json::json!({"daemonSet": true}),
                5 => serde_json::json!({"localStorage": true, "nodeAutoscaling": true}),
                _ => serde_json::json!({"nodeAutoscaling": true}),
            };
            let mut p = serde_json::json!({"metadata": {"name": format!("p{i}")},
                "spec": {"priority": i32::from(b % 3), "containers": [{"name": "c", "resources": {"requests":
                    {"cpu": format!("{cpu}m"), "memory": format!("{cpu}Mi")}}}]}, "hints": hints});
            let at = usize::from(b / 7) % (nodes.len() + 1);
            if let (Some((g, room, _)), Some(u)) = (nodes.get(at), used.get_mut(at))
                && (*g < 3 || kind == 4)
                && *u + cpu <= room * 1000
            {
                *u += cpu;
                if let Some(o) = p.get_mut("spec") { set(o, "nodeName", serde_json::json!(format!("n{at}"))); }
            }
            p
        })
        .collect();
    let nodes: Vec<serde_json::Value> = nodes
        .iter()
        .enumerate()
        .map(|(i, (g, cpu, unready))| {
            let mut n = serde_json::json!({"metadata": {"name": format!("n{i}")},
                "status": {"allocatable": {"cpu": format!("{cpu}"), "memory": format!("{cpu}Gi"), "pods": "6"}}});
            if let (Some(name), Some(o)) = (GROUPS.get(*g), n.get_mut("metadata")) {
                let labels = serde_json::json!({"weir.io/node-group": name,
                    "cafe.sofastack.io/sub-cluster": "default"});
                set(o, "labels", labels);
            }
            if *unready {
                set(&mut n, "spec", serde_json::json!({"taints": [{"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"}]}));
            }
            n
        })
        .collect();
    serde_json::from_value(serde_json::json!({"nodes": nodes, "pods": pods})).ok()
}

fn event(op: u8, d: &[u8]) -> Option<AutoscalerEvent> {
    let group = GROUPS
        .get(usize::from(byte(d, 0) % 4))
        .copied()
        .unwrap_or("nope")
        .to_owned();
    let node = format!("n{}", byte(d, 1) % 6);
    Some(match op % 8 {
        0..=3 => AutoscalerEvent::Step {
            cluster: Box::new(cluster(d)?),
        },
        4 => AutoscalerEvent::NodeJoined { group, node },
        5 => AutoscalerEvent::NodeFailed { group, node: None },
        6 => AutoscalerEvent::NodeDeleted {
            group,
            node,
            failed: byte(d, 2).is_multiple_of(2),
        },
        _ => AutoscalerEvent::ScaleDownFailed { group, node },
    })
}

/// A decision's own invariants.
fn check(cfg: &AutoscalerConfig, cluster: &ClusterSnapshot, d: &Decision) -> Result<(), String> {
    if let Some(u) = &d.scale_up {
        let g = cfg
            .node_groups
            .iter()
            .find(|g| g.name == u.group)
            .ok_or("unknown group")?;
        let s = d
            .groups
            .iter()
            .find(|s| s.group == u.group)
            .ok_or("no status")?;
        if u.count < 1 || s.size.saturating_add(s.upcoming) > g.max_nodes {
            return Err(format!("scale-up past the group's max: {u:?} {s:?}"));
        }
        if !d.scale_down.is_empty() {
            return Err("a scale-up and a scale-down in one step".into());
        }
    }
    let mut seen = BTreeSet::new();
    if d.pending.iter().any(|p| !seen.insert(p.pod.as_str())) {
        return Err("a pending pod reported twice".into());
    }
    let mut removed = BTreeSet::new();
    for r in &d.scale_down {
        let managed = cluster.nodes.iter().any(|n| {
            n.metadata.name == r.node && n.metadata.labels.get(&cfg.group_label) == Some(&r.group)
        });
        if !managed || !removed.insert(r.node.as_str()) {
            return Err(format!("removed {} twice or unmanaged", r.node));
        }
    }
    if removed.len() > usize::try_from(cfg.max_scale_down_nodes).unwrap_or(0) {
        return Err("more removals than maxScaleDownNodes".into());
    }
    Ok(())
}

/// Random configurations and step / observe sequences: no panic; a refused event changes
/// nothing; a restored twin answers alike; decisions keep their invariants; the next
/// timer is after the last instant handled.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn autoscaler_steps(data: &[u8]) -> Result<(), String> {
    let Some(cfg) = config(data) else {
        return Ok(());
    };
    let Ok(mut a) = Autoscaler::new(cfg.clone()) else {
        return Ok(());
    };
    let mut t = 0u32;
    for chunk in data.get(17..).unwrap_or(&[]).chunks(10).take(40) {
        let (op, dt, rest) = (
            byte(chunk, 0),
            byte(chunk, 1),
            chunk.get(2..).unwrap_or(&[]),
        );
        t = if dt == 255 {
            t.saturating_sub(1)
        } else {
            t.saturating_add(u32::from(dt % 40))
        };
        let now =
            Timestamp::from_unix_seconds(1_767_225_600.0 + f64::from(t)).ok_or("bad instant")?;
        let Some(ev) = event(op, rest) else { continue };
        let before = a.snapshot();
        let mut twin = Autoscaler::restore(before.clone()).map_err(|e| format!("restore: {e}"))?;
        let out = a.handle(now, ev.clone());
        if twin.handle(now, ev.clone()).map_err(|e| e.to_string())
            != out.clone().map_err(|e| e.to_string())
        {
            return Err("a restored twin answered differently".into());
        }
        match out {
            Err(_) if a.snapshot() != before => {
                return Err("a refused event changed the state".into());
            }
            Err(_) => {}
            Ok(AutoscalerOutput::Decision(d)) => {
                if let AutoscalerEvent::Step { cluster } = &ev {
                    check(&cfg, cluster, &d)?;
                }
            }
            Ok(AutoscalerOutput::Observed) => {}
        }
        if let (Some(p), Some(last)) = (a.poll_timeout(), a.snapshot().at)
            && p <= last
        {
            return Err(format!("poll_timeout {p} is not after {last}"));
        }
    }
    Ok(())
}
