//! Nodes and placement: the scheduler compiled from the simulated cluster when pods need
//! a node, its decisions read back; nodes joining, cordoned, drained or failing.

use std::collections::{BTreeMap, BTreeSet};

use super::report::EventKind;
use super::sim::Simulation;
use super::world::{SimPod, snapshot};
use crate::error::{Error, Result};
use crate::model::kube::Pod;
use crate::scheduling::handle::{PlacePodsInput, Scheduler};
use crate::scheduling::machine::{SchedulerEvent, SchedulerOutput};

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

    /// The slot pod (none until the autoscaler is configured).
    pub(crate) fn slot_template(&self) -> Option<Pod> {
        None
    }

    fn scheduler(&self) -> Result<Scheduler> {
        let snap = snapshot(&self.nodes, &self.pods, |n, p| self.pod_object(n, p));
        Scheduler::new(&snap)
    }

    /// Place this step's scale-ups (evenly over each service's units, spilling over,
    /// preempting slot pods) and retry waiting pods when room appeared.
    pub(crate) fn schedule(&mut self, t: i64) -> Result<()> {
        let waiting = self.pods.values().any(|p| p.node.is_none());
        if self.to_place.is_empty() && !(self.dirty && waiting) {
            self.dirty = false;
            return Ok(());
        }
        self.dirty = false;
        let at = self.ts(t);
        let mut sched = self.scheduler()?;
        let before: BTreeSet<String> = self.pods.keys().cloned().collect();
        for (service, count) in std::mem::take(&mut self.to_place) {
            self.place(t, &mut sched, &service, count)?;
        }
        if waiting {
            sched.handle(
                at,
                SchedulerEvent::ScheduleAll {
                    pods: Vec::new(),
                    preemption: Some(true),
                },
            )?;
        }
        self.read_back(t, &before, &sched)
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
        let (mut ok, mut short) = (0u32, 0u32);
        for (p, is_placed) in placed
            .placements
            .iter()
            .map(|p| (p, true))
            .chain(placed.pending.iter().map(|p| (p, false)))
        {
            let name = p.pod.split_once('/').map_or(p.pod.as_str(), |(_, n)| n);
            self.seq += 1;
            self.pods.insert(
                name.to_owned(),
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
            if is_placed {
                ok += 1;
            } else {
                short += 1;
            }
        }
        let spill: u32 = placed.units.iter().map(|u| u.spilled_in).sum();
        let mut text = format!("{ok} pod(s) placed");
        if spill > 0 {
            text.push_str(&format!(", {spill} spilled over to another unit"));
        }
        if short > 0 {
            let why = placed
                .pending
                .first()
                .and_then(|p| p.message.clone())
                .unwrap_or_default();
            text.push_str(&format!(", {short} waiting for a node ({why})"));
        }
        self.note(EventKind::Pods, Some(service), text);
        Ok(())
    }

    /// Take the scheduler's decisions: new nodes of pods, pods preempted.
    fn read_back(&mut self, t: i64, before: &BTreeSet<String>, sched: &Scheduler) -> Result<()> {
        let cluster = sched.cluster();
        let after: BTreeMap<&str, Option<&String>> = cluster
            .pods
            .iter()
            .map(|p| (p.metadata.name.as_str(), p.spec.node_name.as_ref()))
            .collect();
        let names: Vec<String> = self.pods.keys().cloned().collect();
        let mut evicted = Vec::new();
        for name in names {
            let mine = self.pods.get(&name).and_then(|p| p.node.clone());
            match after.get(name.as_str()) {
                None if before.contains(&name) => evicted.push(name),
                Some(Some(node)) if mine.as_deref() != Some(node.as_str()) => {
                    self.bind(t, &name, node);
                }
                Some(None) if mine.is_some() => self.unbind(t, &name),
                _ => {}
            }
        }
        for name in evicted {
            let slot = self.pods.get(&name).is_some_and(|p| p.service.is_none());
            if slot {
                self.remove_pod(&name);
            } else {
                self.unbind(t, &name);
                let svc = self.pods.get(&name).and_then(|p| p.service.clone());
                self.note(
                    EventKind::Pods,
                    svc.as_deref(),
                    format!("pod {name} preempted; it waits for a node"),
                );
                self.observe(t, &name)?;
            }
        }
        Ok(())
    }

    /// Nodes whose provisioning ends at `t` join.
    pub(crate) fn join_nodes(&mut self, t: i64) {
        while let Some((at, name)) = self.node_timers.first().cloned() {
            if at > t {
                break;
            }
            self.node_timers.pop_first();
            if let Some(n) = self.nodes.get_mut(&name) {
                n.joins_at = None;
                self.dirty = true;
                let group = n.group.clone();
                self.note(
                    EventKind::Node,
                    Some(&name),
                    format!("joined (group {group})"),
                );
            }
        }
    }

    pub(crate) fn cordon(&mut self, node: &str) -> Result<()> {
        let n = self
            .nodes
            .get_mut(node)
            .ok_or_else(|| Error::not_found("node", node))?;
        n.node.spec.unschedulable = true;
        self.note(EventKind::Node, Some(node), "cordoned".into());
        Ok(())
    }

    /// Cordon `node` and move its pods (the scheduler's drain).
    pub(crate) fn drain(&mut self, t: i64, node: &str) -> Result<()> {
        if !self.nodes.get(node).is_some_and(|n| n.ready()) {
            return Err(Error::not_found("node", node));
        }
        let mut sched = self.scheduler()?;
        let before: BTreeSet<String> = self.pods.keys().cloned().collect();
        let out = sched.handle(
            self.ts(t),
            SchedulerEvent::Drain {
                node: node.to_owned(),
            },
        )?;
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
        }
        self.read_back(t, &before, &sched)?;
        self.dirty = true;
        Ok(())
    }

    /// A node dies: its pods wait for another node (slot pods are dropped).
    pub(crate) fn fail_node(&mut self, t: i64, node: &str) -> Result<()> {
        if self.nodes.remove(node).is_none() {
            return Err(Error::not_found("node", node));
        }
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
