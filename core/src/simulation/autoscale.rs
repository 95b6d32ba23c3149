//! The node autoscaler in the loop: its decision each step, carried out — slot pods added
//! or removed, nodes provisioned (joining after the delay, or failing), unneeded nodes
//! drained and removed.

use std::collections::BTreeMap;

use rand_core::Rng;

use super::limits::MAX_NODES;
use super::report::EventKind;
use super::sim::Simulation;
use super::world::{SimNode, SimPod, snapshot};
use crate::autoscaling::{AutoscalerEvent, Decision, ScaleDownNode, ScaleUp};
use crate::error::Result;
use crate::machine::Machine;
use crate::model::kube::{ContainerResources, ObjectMeta, Pod, PodContainer, PodHints, PodSpec};
use crate::model::quantity::Quantity;
use crate::scheduling::machine::{SchedulerEvent, SchedulerOutput};
use crate::scheduling::types::LabelKeys;

impl Simulation {
    /// The slot pod the autoscaler's configuration describes.
    pub(crate) fn slot_pod(&self) -> Option<Pod> {
        let config = self.autoscaler.as_ref()?.config();
        // On sub-cluster nodes only pods of node-autoscaling services go: a slot pod
        // that is to hold room there says it is one.
        let mut requests = BTreeMap::new();
        requests.insert("cpu".to_owned(), config.slot_pod.cpu);
        requests.insert("memory".to_owned(), config.slot_pod.memory);
        Some(Pod {
            metadata: ObjectMeta {
                name: "slot".into(),
                ..ObjectMeta::default()
            },
            spec: PodSpec {
                containers: vec![PodContainer {
                    name: "slot".into(),
                    resources: ContainerResources {
                        requests,
                        limits: None,
                    },
                    restart_policy: None,
                }],
                ..PodSpec::default()
            },
            status: None,
            hints: Some(PodHints {
                slot: true,
                // The autoscaler's nodes are sub-cluster nodes, where only pods of
                // node-autoscaling services go: a slot pod that holds room there is one.
                node_autoscaling: true,
                ..PodHints::default()
            }),
        })
    }

    /// Step the autoscaler on the cluster as it is and carry out its decision.
    pub(crate) fn autoscale(&mut self, t: i64) -> Result<()> {
        let at = self.ts(t);
        if self.autoscaler.is_none() {
            return Ok(());
        }
        // The slot pods' shape comes from the autoscaler: the snapshot first.
        let snap = snapshot(&self.nodes, &self.pods, |n, p| self.pod_object(n, p));
        let Some(mut a) = self.autoscaler.take() else {
            return Ok(());
        };
        let decision = a.step(at, &snap);
        self.autoscaler = Some(a);
        let d = decision?;
        self.water = Some((d.water_level.cpu, d.water_level.memory));
        self.slots(t, &d);
        if let Some(up) = &d.scale_up {
            self.scale_up(t, up);
        }
        for down in &d.scale_down {
            self.scale_down_node(t, down)?;
        }
        if d.water_level.slot_delta != 0 || d.scale_up.is_some() || !d.scale_down.is_empty() {
            self.dirty = true;
        }
        Ok(())
    }

    /// After the step: the autoscaler looks again at the next step when pods wait and the
    /// waiting set changed since it last looked (a quiet wait costs nothing).
    pub(crate) fn settle_autoscaler(&mut self) {
        let waiting: Vec<&String> = self
            .pods
            .iter()
            .filter(|(_, p)| p.node.is_none())
            .map(|(k, _)| k)
            .collect();
        let key = waiting.len() as u64
            ^ waiting.iter().fold(0u64, |h, k| {
                k.bytes().fold(h.rotate_left(5), |h, b| {
                    h.wrapping_mul(31).wrapping_add(u64::from(b))
                })
            });
        self.wake = !waiting.is_empty() && Some(key) != self.waiting_key;
        self.waiting_key = Some(key);
    }

    /// Add or remove slot pods to the decision's count.
    fn slots(&mut self, t: i64, d: &Decision) {
        // The decision's target against every slot pod there is, waiting ones too (the
        // decision counts the placed ones).
        let have = self.pods.values().filter(|p| p.service.is_none()).count();
        let desired = usize::try_from(d.water_level.desired_slots.max(0)).unwrap_or(0);
        if desired > super::limits::MAX_SLOT_PODS {
            self.note(
                EventKind::Autoscaler,
                None,
                format!(
                    "{desired} slot pods wanted; the simulation holds at most {}",
                    super::limits::MAX_SLOT_PODS
                ),
            );
        }
        let desired = desired.min(super::limits::MAX_SLOT_PODS);
        let delta = i64::try_from(desired).unwrap_or(0) - i64::try_from(have).unwrap_or(i64::MAX);
        if delta > 0 {
            let Some(tpl) = self.slot_pod() else { return };
            let cpu = tpl.spec.containers.iter().fold(0u128, |n, c| {
                n + c
                    .resources
                    .requests
                    .get("cpu")
                    .map_or(0, Quantity::milli_value)
            });
            let memory = tpl.spec.containers.iter().fold(0u128, |n, c| {
                n + c
                    .resources
                    .requests
                    .get("memory")
                    .map_or(0, |q| q.milli_value() / 1000)
            });
            for _ in 0..delta {
                self.seq += 1;
                let name = format!("slot-{}", self.seq);
                self.pods.insert(
                    name.clone(),
                    SimPod {
                        service: None,
                        version: String::new(),
                        unit: None,
                        node: None,
                        pending_since: Some(t),
                        ready_at: None,
                        ready: false,
                        failed: false,
                        seq: self.seq,
                        cpu,
                        memory,
                    },
                );
                self.outside.push(name);
            }
        } else if delta < 0 {
            let mut slots: Vec<(bool, u64, String)> = self
                .pods
                .iter()
                .filter(|(_, p)| p.service.is_none())
                .map(|(k, p)| (p.node.is_some(), u64::MAX - p.seq, k.clone()))
                .collect();
            slots.sort();
            for (_, _, name) in slots.into_iter().take(delta.unsigned_abs() as usize) {
                self.remove_pod(&name);
            }
        }
        if delta != 0 {
            let w = &d.water_level;
            self.note(
                EventKind::Autoscaler,
                None,
                format!(
                    "water level cpu {:.1} %, memory {:.1} %: slot pods {have} → {desired} ({delta:+})",
                    w.cpu, w.memory
                ),
            );
        }
    }

    /// Provision `count` nodes of a group: each joins after the provisioning delay, or
    /// (drawn from the seeded stream) never does.
    fn scale_up(&mut self, t: i64, up: &ScaleUp) {
        let Some(config) = self.autoscaler.as_ref().map(|a| a.config().clone()) else {
            return;
        };
        let Some(group) = config.node_groups.iter().find(|g| g.name == up.group) else {
            return;
        };
        self.note(
            EventKind::Autoscaler,
            Some(&up.group),
            format!("scale-up: {} node(s) ({})", up.count, up.why),
        );
        let keys = LabelKeys::default();
        // Nodes beyond the limit are not made (the request then fails its provision time).
        let room = MAX_NODES.saturating_sub(self.nodes.len());
        let asked = usize::try_from(up.count.max(0)).unwrap_or(0);
        let count = asked.min(room);
        if count < asked {
            self.note(
                EventKind::Autoscaler,
                Some(&up.group),
                format!("the simulation holds at most {MAX_NODES} nodes: {count} made"),
            );
        }
        for _ in 0..count {
            let mut k = self.nodes.len() + 1;
            let name = loop {
                let n = format!("{}-{k}", up.group);
                if !self.nodes.contains_key(&n) {
                    break n;
                }
                k += 1;
            };
            // The node the autoscaler planned with (its template's labels, the group,
            // sub-cluster, zone and unit labels), in the zone it chose.
            let mut node = group.template_node(&name, &config.group_label, &keys);
            let labels = &mut node.metadata.labels;
            labels.insert(super::world::GROUP_LABEL.to_owned(), up.group.clone());
            if let Some(z) = &up.zone {
                labels.insert(keys.zone.clone(), z.clone());
            }
            let fails = self.rng.next_u32() % 100 < self.sc.timing.failure_percent();
            let joins = t.saturating_add(self.sc.timing.provisioning());
            let mut sim_node = SimNode::new(node, up.group.clone(), Some(joins));
            sim_node.fails = fails;
            self.nodes.insert(name.clone(), sim_node);
            self.node_timers.insert((joins, name));
            self.summary.nodes_added = self.summary.nodes_added.saturating_add(1);
        }
    }

    /// Drain an unneeded node and remove it; a node with a pod that cannot move stays.
    fn scale_down_node(&mut self, t: i64, down: &ScaleDownNode) -> Result<()> {
        if !self.nodes.get(&down.node).is_some_and(SimNode::ready) {
            return Ok(());
        }
        let at = self.ts(t);
        let mut sched = match self.sched.take() {
            Some(s) => s,
            None => {
                let snap = snapshot(&self.nodes, &self.pods, |n, p| self.pod_object(n, p));
                self.outside.clear();
                crate::scheduling::handle::Scheduler::new(&snap)?
            }
        };
        let out = sched.handle(
            at,
            SchedulerEvent::Drain {
                node: down.node.clone(),
            },
        )?;
        let kept = match &out {
            SchedulerOutput::Drained(d) => d.kept.len(),
            _ => 0,
        };
        if kept > 0 {
            // Cordoned by the drain: put it back as it was, and tell the autoscaler.
            self.sched = None;
            self.note(
                EventKind::Autoscaler,
                Some(&down.node),
                format!("scale-down refused: {kept} pod(s) cannot move"),
            );
            if let Some(a) = self.autoscaler.as_mut() {
                a.observe(
                    at,
                    AutoscalerEvent::ScaleDownFailed {
                        group: down.group.clone(),
                        node: down.node.clone(),
                    },
                )?;
            }
            return Ok(());
        }
        if let SchedulerOutput::Drained(d) = out {
            for p in &d.placements {
                let name = p.pod.split_once('/').map_or(p.pod.as_str(), |(_, n)| n);
                let name = name.to_owned();
                match (
                    &p.node,
                    self.pods.get(&name).is_some_and(|x| x.service.is_none()),
                ) {
                    (Some(n), _) => self.bind(t, &name, n),
                    (None, true) => {
                        self.clear_timer(&name);
                        self.pods.remove(&name);
                    }
                    (None, false) => self.unbind(t, &name),
                }
                self.observe(t, &name)?;
            }
        }
        self.nodes.remove(&down.node);
        self.sched = None;
        self.touched = true;
        self.summary.nodes_removed = self.summary.nodes_removed.saturating_add(1);
        self.note(
            EventKind::Autoscaler,
            Some(&down.node),
            format!("scale-down: drained and removed ({})", down.why),
        );
        if let Some(a) = self.autoscaler.as_mut() {
            a.observe(
                at,
                AutoscalerEvent::NodeDeleted {
                    group: down.group.clone(),
                    node: down.node.clone(),
                    failed: false,
                },
            )?;
        }
        Ok(())
    }

    /// Tell the autoscaler a node joined or failed.
    pub(crate) fn node_arrived(
        &mut self,
        t: i64,
        name: &str,
        group: &str,
        failed: bool,
    ) -> Result<()> {
        let at = self.ts(t);
        let managed = self
            .autoscaler
            .as_ref()
            .is_some_and(|a| a.config().node_groups.iter().any(|g| g.name == group));
        if !managed {
            return Ok(());
        }
        let event = if failed {
            AutoscalerEvent::NodeFailed {
                group: group.to_owned(),
                node: Some(name.to_owned()),
            }
        } else {
            AutoscalerEvent::NodeJoined {
                group: group.to_owned(),
                node: name.to_owned(),
            }
        };
        match self.autoscaler.as_mut() {
            Some(a) => Machine::handle(a, at, event).map(|_| ()),
            None => Ok(()),
        }
    }
}
