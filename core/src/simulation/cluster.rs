//! Nodes and placement: the scheduler compiled from the simulated cluster when pods need
//! a node, its decisions read back; nodes joining, cordoned, drained or failing.

use super::report::EventKind;
use super::sim::Simulation;
use super::world::{SimPod, snapshot};
use crate::error::{Error, Result};
use crate::model::kube::Pod;
use crate::scheduling::handle::{PlacePodsInput, Scheduler};
use crate::scheduling::machine::{SchedulerEvent, SchedulerOutput};
use crate::scheduling::ops::Placement;

impl Simulation {
    /// The pod the scheduler sees for one of ours.
    pub(crate) fn pod_object(&self, name: &str, p: &SimPod) -> Option<Pod> {
        let mut pod = match &p.service {
            Some(s) => self.services.get(s)?.templates.get(&p.version)?.pod.clone(),
            None => self.slot_template()?,
        };
        pod.metadata.name = name.to_owned();
        Some(pod)
    }

    /// The slot pod (none without an autoscaler).
    pub(crate) fn slot_template(&self) -> Option<Pod> {
        self.slot_pod()
    }

    /// The scheduler: the one kept since the last change it did not make itself, or one
    /// compiled afresh from the simulated cluster (every pod in it, waiting ones too).
    fn take_scheduler(&mut self) -> Result<Scheduler> {
        if let Some(s) = self.sched.take() {
            return Ok(s);
        }
        self.outside.clear();
        let snap = snapshot(&self.nodes, &self.pods, |n, p| self.pod_object(n, p));
        Scheduler::new(&snap)
    }

    /// Place this step's scale-ups (evenly over each service's units, spilling over,
    /// preempting slot pods) and retry waiting pods when room appeared.
    ///
    /// The compiled scheduler is kept between steps: what it decides is read from its
    /// answers, and only a change it did not make (a pod removed, a node joining or
    /// failing, a pod recreated) makes the next round compile the cluster again.
    pub(crate) fn schedule(&mut self, t: i64) -> Result<()> {
        let waiting = !self.outside.is_empty() || self.pods.values().any(|p| p.node.is_none());
        if self.to_place.is_empty() && !(self.dirty && waiting) {
            self.dirty = false;
            return Ok(());
        }
        self.dirty = false;
        let at = self.ts(t);
        let mut sched = self.take_scheduler()?;
        for (service, count) in std::mem::take(&mut self.to_place) {
            self.place(t, &mut sched, &service, count)?;
        }
        if waiting {
            let names: std::collections::BTreeSet<String> =
                std::mem::take(&mut self.outside).into_iter().collect();
            let pods: Vec<Pod> = names
                .iter()
                .filter_map(|n| self.pods.get(n).and_then(|p| self.pod_object(n, p)))
                .collect();
            let out = sched.handle(
                at,
                SchedulerEvent::ScheduleAll {
                    pods,
                    preemption: Some(true),
                },
            )?;
            if let SchedulerOutput::Scheduled(r) = out {
                self.take_placements(t, &r.placements)?;
                for victim in &r.evicted {
                    self.evicted(t, victim)?;
                }
            }
        }
        self.sched = Some(sched);
        Ok(())
    }

    /// The scheduler's placements: pods bound, pods preempted.
    fn take_placements(&mut self, t: i64, placements: &[Placement]) -> Result<()> {
        for p in placements {
            if let Some(pre) = &p.preemption {
                for victim in &pre.victims {
                    self.evicted(t, victim)?;
                }
            }
            if let Some(node) = &p.node {
                let name = short(&p.pod).to_owned();
                if self
                    .pods
                    .get(&name)
                    .is_some_and(|mine| mine.node.as_ref() != Some(node))
                {
                    self.bind(t, &name, node);
                }
            }
        }
        Ok(())
    }

    /// A pod the scheduler removed (preempted): a slot pod is gone; a business pod waits
    /// for a node again (its controller recreates it).
    fn evicted(&mut self, t: i64, id: &str) -> Result<()> {
        let name = short(id).to_owned();
        let Some(p) = self.pods.get(&name) else {
            return Ok(());
        };
        self.touched = true;
        if p.service.is_none() {
            self.clear_timer(&name);
            self.pods.remove(&name);
            return Ok(());
        }
        let svc = p.service.clone();
        self.clear_timer(&name);
        if let Some(p) = self.pods.get_mut(&name) {
            p.node = None;
            p.ready = false;
            p.ready_at = None;
            p.pending_since = Some(t);
        }
        self.outside.push(name.clone());
        self.note(
            EventKind::Pods,
            svc.as_deref(),
            format!("pod {name} preempted; it waits for a node"),
        );
        self.observe(t, &name)
    }

    fn place(&mut self, t: i64, sched: &mut Scheduler, service: &str, count: u32) -> Result<()> {
        let Some(svc) = self.services.get(service) else {
            return Ok(());
        };
        let Some(version) = svc.deployed.clone() else {
            return Ok(());
        };
        let Some(tpl) = svc.templates.get(&version) else {
            return Ok(());
        };
        let (template, units) = (tpl.pod.clone(), svc.units.clone());
        let (cpu, memory) = (tpl.cpu, tpl.memory);
        let out = sched.handle(
            self.ts(t),
            SchedulerEvent::Place(PlacePodsInput {
                template,
                replicas: i32::try_from(count).unwrap_or(i32::MAX),
                units,
                preemption: Some(true),
            }),
        )?;
        let SchedulerOutput::Placed(placed) = out else {
            return Err(Error::invalid_input("place answers `placed`"));
        };
        for (p, in_cluster) in placed
            .placements
            .iter()
            .map(|p| (p, true))
            .chain(placed.pending.iter().map(|p| (p, false)))
        {
            let name = short(&p.pod).to_owned();
            self.seq += 1;
            self.pods.insert(
                name.clone(),
                SimPod {
                    service: Some(service.to_owned()),
                    version: version.clone(),
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
            if !in_cluster {
                // `place` did not keep it: the next round adds it.
                self.outside.push(name);
            }
        }
        self.take_placements(t, &placed.placements)?;
        self.note_placed(service, &placed);
        Ok(())
    }

    fn note_placed(&mut self, service: &str, placed: &crate::PlacePodsResult) {
        let ok = placed.placements.len();
        let short_of = placed.pending.len();
        let spill: u32 = placed.units.iter().map(|u| u.spilled_in).sum();
        let mut text = format!("{ok} pod(s) placed");
        if spill > 0 {
            text.push_str(&format!(", {spill} spilled over to another unit"));
        }
        if short_of > 0 {
            let why = placed
                .pending
                .first()
                .and_then(|p| p.message.clone())
                .unwrap_or_default();
            text.push_str(&format!(", {short_of} waiting for a node ({why})"));
        }
        self.note(EventKind::Pods, Some(service), text);
    }

    /// Nodes whose provisioning ends at `t` join.
    pub(crate) fn join_nodes(&mut self, t: i64) -> Result<()> {
        while let Some((at, name)) = self.node_timers.first().cloned() {
            if at > t {
                break;
            }
            self.node_timers.pop_first();
            let Some(n) = self.nodes.get_mut(&name) else {
                continue;
            };
            let (group, fails) = (n.group.clone(), n.fails);
            if fails {
                self.nodes.remove(&name);
                self.summary.nodes_failed = self.summary.nodes_failed.saturating_add(1);
                self.note(
                    EventKind::Node,
                    Some(&name),
                    format!("never joined (group {group}): provisioning failed"),
                );
            } else {
                n.joins_at = None;
                self.dirty = true;
                self.sched = None;
                self.touched = true;
                self.note(
                    EventKind::Node,
                    Some(&name),
                    format!("joined (group {group})"),
                );
            }
            self.node_arrived(t, &name, &group, fails)?;
        }
        Ok(())
    }

    pub(crate) fn cordon(&mut self, node: &str) -> Result<()> {
        let n = self
            .nodes
            .get_mut(node)
            .ok_or_else(|| Error::not_found("node", node))?;
        n.node.spec.unschedulable = true;
        self.sched = None;
        self.touched = true;
        self.note(EventKind::Node, Some(node), "cordoned".into());
        Ok(())
    }

    /// Cordon `node` and move its pods (the scheduler's drain).
    pub(crate) fn drain(&mut self, t: i64, node: &str) -> Result<()> {
        if !self.nodes.get(node).is_some_and(|n| n.ready()) {
            return Err(Error::not_found("node", node));
        }
        let mut sched = self.take_scheduler()?;
        let out = sched.handle(
            self.ts(t),
            SchedulerEvent::Drain {
                node: node.to_owned(),
            },
        );
        // Pods waiting outside the scheduler are added again with the next round.
        let out = match out {
            Ok(o) => o,
            Err(e) => {
                self.sched = Some(sched);
                return Err(e);
            }
        };
        if let Some(n) = self.nodes.get_mut(node) {
            n.node.spec.unschedulable = true;
        }
        if let SchedulerOutput::Drained(d) = out {
            let moved = d.placements.iter().filter(|p| p.node.is_some()).count();
            self.note(
                EventKind::Node,
                Some(node),
                format!(
                    "drained: {moved} pod(s) moved, {} waiting, {} kept",
                    d.placements.len() - moved,
                    d.kept.len()
                ),
            );
            for p in &d.placements {
                let name = short(&p.pod).to_owned();
                match &p.node {
                    Some(n) => self.bind(t, &name, n),
                    None => {
                        // Evicted and not placed: it waits (the scheduler keeps it pending).
                        self.clear_timer(&name);
                        if let Some(pod) = self.pods.get_mut(&name) {
                            pod.node = None;
                            pod.ready = false;
                            pod.ready_at = None;
                            pod.pending_since = Some(t);
                        }
                    }
                }
                self.observe(t, &name)?;
            }
        }
        self.sched = Some(sched);
        self.dirty = true;
        Ok(())
    }

    /// A node dies: its pods wait for another node (slot pods are dropped).
    pub(crate) fn fail_node(&mut self, t: i64, node: &str) -> Result<()> {
        if self.nodes.remove(node).is_none() {
            return Err(Error::not_found("node", node));
        }
        self.sched = None;
        self.touched = true;
        let on: Vec<String> = self
            .pods
            .iter()
            .filter(|(_, p)| p.node.as_deref() == Some(node))
            .map(|(n, _)| n.clone())
            .collect();
        self.note(
            EventKind::Node,
            Some(node),
            format!("failed; {} pod(s) lose their node", on.len()),
        );
        for name in on {
            if self.pods.get(&name).is_some_and(|p| p.service.is_none()) {
                self.remove_pod(&name);
            } else {
                self.unbind(t, &name);
                self.observe(t, &name)?;
            }
        }
        self.dirty = true;
        Ok(())
    }
}

/// `name` of a `namespace/name` pod id.
fn short(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, n)| n)
}
