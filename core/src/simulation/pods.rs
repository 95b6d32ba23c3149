//! Pods in the simulated cluster: what a release engine's actions do to them, their life
//! (bound, started, ready or failed), and what the engines are told of them.

use super::releases::{final_outcome, outcome_word};
use super::report::{EventKind, PendingWait};
use super::sim::{Simulation, Task};
use super::world::{SimPod, template};
use crate::error::Result;
use crate::model::versions::HistoryEvent;
use crate::release::engine::ReleaseAction as Act;
use crate::release::engine::{ConfirmReason, ReleaseEvent, ServiceOutcome};

impl Simulation {
    /// Carry out one action of an order's engine.
    pub(crate) fn carry_out(&mut self, t: i64, order: &str, action: Act) -> Result<()> {
        match action {
            Act::RunTask { service, task } => {
                self.note(
                    EventKind::Release,
                    Some(&service),
                    format!("task {task:?} runs"),
                );
                self.tasks.push(Task {
                    at: t.saturating_add(self.sc.timing.task()),
                    order: order.to_owned(),
                    service,
                    task,
                });
            }
            Act::UpdatePods {
                service,
                group,
                pods,
                to_version,
                mode,
            } => {
                self.note(
                    EventKind::Release,
                    Some(&service),
                    format!(
                        "group {} updates ({mode:?}) to {to_version}: {}",
                        group + 1,
                        pods.join(", ")
                    ),
                );
                for pod in &pods {
                    self.update_pod(t, order, &service, pod, &to_version);
                }
            }
            Act::DeleteResources { service } => {
                self.delete_service_pods(&service);
                if let Some(s) = self.services.get_mut(&service) {
                    s.deployed = None;
                }
                self.note(
                    EventKind::Release,
                    Some(&service),
                    "resources deleted".into(),
                );
            }
            Act::AwaitConfirmation { service, reason } => {
                let why = match reason {
                    ConfirmReason::Beta => "the beta group is done: waiting for confirmBeta",
                    ConfirmReason::GroupPause => "group done: paused, waiting for resume",
                    ConfirmReason::Rollback => "rolled back: waiting for confirmRollback",
                };
                self.note(EventKind::Release, Some(&service), why.into());
            }
            Act::ServiceFinished {
                service,
                outcome,
                message,
            } => self.service_finished(t, order, &service, outcome, message),
            Act::OrderFinished { outcome } => {
                if let Some(s) = self.summaries.get_mut(order) {
                    s.outcome = Some(outcome);
                }
                self.releases.remove(order);
                self.note(
                    EventKind::Release,
                    Some(order),
                    format!("order finished: {outcome:?}"),
                );
            }
        }
        Ok(())
    }

    fn service_finished(
        &mut self,
        t: i64,
        order: &str,
        service: &str,
        outcome: ServiceOutcome,
        message: Option<String>,
    ) {
        let at = self.ts(t);
        let word = outcome_word(outcome);
        let version = self
            .releases
            .get(order)
            .and_then(|r| r.versions.get(service).cloned());
        if let Some(s) = self.summaries.get_mut(order) {
            s.services.insert(service.to_owned(), word.to_owned());
        }
        let mut refused = None;
        if let Some(svc) = self.services.get_mut(service) {
            let event = match outcome {
                ServiceOutcome::Succeeded => {
                    svc.deployed = version.clone();
                    Some(HistoryEvent::MarkPublished {
                        release_order: order.to_owned(),
                    })
                }
                ServiceOutcome::Failed => None,
                _ => Some(HistoryEvent::MarkFailed {
                    release_order: order.to_owned(),
                }),
            };
            if outcome == ServiceOutcome::RolledBack {
                // Its pods run the version rolled back to.
                svc.deployed = svc.history.snapshot().last_successful_version;
            }
            if let Some(e) = event {
                refused = svc.history.handle(at, e).err();
            }
            if final_outcome(outcome) {
                svc.releasing = None;
                svc.target = None;
            }
        }
        let tail = message.map(|m| format!(" ({m})")).unwrap_or_default();
        self.note(EventKind::Release, Some(service), format!("{word}{tail}"));
        if let Some(e) = refused {
            self.note(
                EventKind::Refused,
                Some(service),
                format!("version history: {e}"),
            );
        }
    }

    /// A pod of a release moves to `version`: in place on its node (or created, on a first
    /// release), not ready until it has started again.
    fn update_pod(&mut self, t: i64, order: &str, service: &str, name: &str, version: &str) {
        let Some(svc) = self.services.get_mut(service) else {
            return;
        };
        if !svc.templates.contains_key(version)
            && let Some(v) = svc.history.version(version)
        {
            let tpl = template(&v.spec, &svc.units);
            svc.templates.insert(version.to_owned(), tpl);
        }
        let Some(tpl) = svc.templates.get(version) else {
            return;
        };
        let (cpu, memory) = (tpl.cpu, tpl.memory);
        let unit = self
            .releases
            .get(order)
            .and_then(|r| r.pods.get(service))
            .and_then(|p| p.get(name))
            .filter(|u| !u.is_empty())
            .cloned();
        self.clear_timer(name);
        match self.pods.get_mut(name) {
            Some(p) => {
                p.version = version.to_owned();
                p.ready = false;
                p.failed = false;
                // In place: the pod keeps its node; its requests follow the new spec only
                // when they fit (otherwise it is recreated and placed again).
                if (p.cpu, p.memory) != (cpu, memory) {
                    self.sched = None;
                    self.touched = true;
                }
                p.cpu = cpu;
                p.memory = memory;
                if p.node.is_some() {
                    self.restart(t, name);
                }
            }
            None => {
                self.seq += 1;
                self.pods.insert(
                    name.to_owned(),
                    SimPod {
                        service: Some(service.to_owned()),
                        version: version.to_owned(),
                        unit,
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
                self.outside.push(name.to_owned());
                self.dirty = true;
            }
        }
        if let Some(svc) = self.services.get_mut(service)
            && svc.deployed.is_none()
        {
            svc.deployed = Some(version.to_owned());
        }
    }

    /// The pod (re)starts on its node at `t`: ready, or failed, after the delays.
    pub(crate) fn restart(&mut self, t: i64, name: &str) {
        let timing = &self.sc.timing;
        let Some(p) = self.pods.get(name) else { return };
        let broken = p
            .service
            .as_ref()
            .and_then(|s| self.services.get(s))
            .is_some_and(|s| s.broken.contains(&p.version));
        let at = if broken {
            t.saturating_add(timing.start())
        } else {
            t.saturating_add(timing.start())
                .saturating_add(timing.ready())
        };
        if let Some(p) = self.pods.get_mut(name) {
            p.ready_at = Some(at);
        }
        if self.pods.get(name).is_some_and(|p| p.service.is_some()) {
            self.pod_timers.insert((at, name.to_owned()));
        }
    }

    /// A pod got node `node` at `t`.
    pub(crate) fn bind(&mut self, t: i64, name: &str, node: &str) {
        self.touched = true;
        let Some(p) = self.pods.get_mut(name) else {
            return;
        };
        p.node = Some(node.to_owned());
        if p.unit.is_none() {
            p.unit = self.nodes.get(node).map(|n| n.unit.clone());
        }
        if let Some(since) = p.pending_since.take().filter(|s| t > *s) {
            let service = p.service.clone();
            self.record_wait(name, service, since, t);
        }
        self.restart(t, name);
    }

    /// A pod waited from `since` to `t` (it got a node, or was removed).
    fn record_wait(&mut self, pod: &str, service: Option<String>, since: i64, t: i64) {
        if self.waits.len() < super::limits::MAX_EVENTS {
            let wait = PendingWait {
                pod: pod.to_owned(),
                service,
                since: self.ts(since),
                until: Some(self.ts(t)),
                seconds: u32::try_from(t - since).unwrap_or(u32::MAX),
            };
            self.waits.push(wait);
        }
    }

    /// A pod loses its node (evicted, its node gone): it waits for another.
    pub(crate) fn unbind(&mut self, t: i64, name: &str) {
        self.sched = None;
        self.touched = true;
        self.clear_timer(name);
        if let Some(p) = self.pods.get_mut(name) {
            p.node = None;
            p.ready = false;
            p.ready_at = None;
            p.pending_since = Some(t);
        }
    }

    /// Pods whose timers are due: ready, or failed (a broken version); the engines told.
    pub(crate) fn pod_transitions(&mut self, t: i64) -> Result<()> {
        while let Some((at, name)) = self.pod_timers.first().cloned() {
            if at > t {
                break;
            }
            self.pod_timers.pop_first();
            let Some(p) = self.pods.get(&name) else {
                continue;
            };
            let broken = p
                .service
                .as_ref()
                .and_then(|s| self.services.get(s))
                .is_some_and(|s| s.broken.contains(&p.version));
            if let Some(p) = self.pods.get_mut(&name) {
                p.ready = !broken && !p.failed;
                p.failed = p.failed || broken;
            }
            if broken {
                let svc = self.pods.get(&name).and_then(|p| p.service.clone());
                self.note(
                    EventKind::Pods,
                    svc.as_deref(),
                    format!("pod {name} fails: the image does not start (CrashLoopBackOff)"),
                );
            }
            self.observe(t, &name)?;
        }
        Ok(())
    }

    /// Tell the order releasing the pod's service what the pod looks like now.
    pub(crate) fn observe(&mut self, t: i64, name: &str) -> Result<()> {
        let Some(p) = self.pods.get(name) else {
            return Ok(());
        };
        let Some(service) = p.service.clone() else {
            return Ok(());
        };
        let Some(order) = self
            .services
            .get(&service)
            .and_then(|s| s.releasing.clone())
        else {
            return Ok(());
        };
        let known = self
            .releases
            .get(&order)
            .and_then(|r| r.pods.get(&service))
            .is_some_and(|pods| pods.contains_key(name));
        if !known {
            return Ok(());
        }
        if p.ready {
            let text = format!("pod {name} ready on {}", p.node.as_deref().unwrap_or("?"));
            self.note(EventKind::Pods, Some(&service), text);
        }
        let Some(p) = self.pods.get(name) else {
            return Ok(());
        };
        let event = ReleaseEvent::PodObserved {
            service,
            pod: name.to_owned(),
            version: p.version.clone(),
            ready: p.ready,
            failed: p.failed,
            reason: p.failed.then(|| "CrashLoopBackOff".to_owned()),
        };
        self.send(t, &order, event)
    }

    /// Drop the pod's pending timer, if any.
    pub(crate) fn clear_timer(&mut self, name: &str) {
        if let Some(at) = self.pods.get(name).and_then(|p| p.ready_at) {
            self.pod_timers.remove(&(at, name.to_owned()));
        }
    }

    /// Remove every pod of a service.
    pub(crate) fn delete_service_pods(&mut self, service: &str) {
        let names: Vec<String> = self
            .pods
            .iter()
            .filter(|(_, p)| p.service.as_deref() == Some(service))
            .map(|(n, _)| n.clone())
            .collect();
        for n in names {
            self.remove_pod(&n);
        }
    }

    /// Remove one pod: its room is free again.
    pub(crate) fn remove_pod(&mut self, name: &str) {
        self.clear_timer(name);
        let t = self.now.unwrap_or(0);
        self.sched = None;
        self.touched = true;
        if let Some(p) = self.pods.remove(name) {
            if p.node.is_some() {
                self.dirty = true;
            }
            if let Some(since) = p.pending_since.filter(|s| t > *s) {
                self.record_wait(name, p.service, since, t);
            }
        }
    }
}
