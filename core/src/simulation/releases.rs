//! The script and the release engines: scripted actions, release orders built from the
//! version histories, and the engines' actions carried out in the simulated cluster.

use std::collections::BTreeMap;

use super::report::{EventKind, ReleaseSummary};
use super::scenario::{Action, ReleaseTarget};
use super::sim::{Rel, Simulation, Task};
use crate::error::{Error, Result};
use crate::model::versions::HistoryEvent;
use crate::release::engine::{ReleaseEngine, ReleaseEvent, ServiceOutcome};
use crate::release::groups::PodRef;
use crate::release::plan::{OrderService, ReleaseOrder, plan_release};

impl Simulation {
    /// Carry out every scripted action due at `t`.
    pub(crate) fn fire_script(&mut self, t: i64) -> Result<()> {
        while let Some(a) = self.sc.script.get(self.script_next) {
            if a.at.seconds_since(self.sc.start).ceil() as i64 > t {
                break;
            }
            let action = a.action.clone();
            self.script_next += 1;
            if let Err(e) = self.act(t, &action) {
                let subject = subject_of(&action);
                self.note(
                    EventKind::Refused,
                    subject.as_deref(),
                    format!("{} refused: [{}] {e}", action.name(), e.code()),
                );
            }
        }
        Ok(())
    }

    fn act(&mut self, t: i64, action: &Action) -> Result<()> {
        let event = |service: &str, e: fn(String) -> ReleaseEvent| e(service.to_owned());
        match action {
            Action::Release {
                order,
                services,
                ready_seconds,
            } => self.release(t, order, services, *ready_seconds),
            Action::ConfirmBeta { order, service } => self.drive(
                t,
                order,
                event(service, |service| ReleaseEvent::ConfirmBeta { service }),
                "confirmBeta",
            ),
            Action::Resume { order, service } => self.drive(
                t,
                order,
                event(service, |service| ReleaseEvent::Resume { service }),
                "resume",
            ),
            Action::Retry { order, service } => self.drive(
                t,
                order,
                event(service, |service| ReleaseEvent::Retry { service }),
                "retry",
            ),
            Action::Rollback { order, service } => self.drive(
                t,
                order,
                event(service, |service| ReleaseEvent::Rollback { service }),
                "rollback",
            ),
            Action::ConfirmRollback { order, service } => self.drive(
                t,
                order,
                event(service, |service| ReleaseEvent::ConfirmRollback { service }),
                "confirmRollback",
            ),
            Action::Cancel { order, service } => self.drive(
                t,
                order,
                ReleaseEvent::Cancel {
                    service: service.clone(),
                },
                "cancel",
            ),
            Action::ChangeImage {
                service,
                container,
                image,
            } => self.change_image(t, service, container, image),
            Action::InjectFailure {
                service,
                version,
                pod,
            } => self.inject(t, service, version.as_deref(), pod.as_deref()),
            Action::Cordon { node } => self.cordon(node),
            Action::Drain { node } => self.drain(t, node),
            Action::FailNode { node } => self.fail_node(t, node),
        }
    }

    /// A scripted event for an order: refused when the order is not running.
    fn drive(&mut self, t: i64, order: &str, event: ReleaseEvent, what: &str) -> Result<()> {
        if !self.releases.contains_key(order) {
            return Err(Error::invalid_transition(
                what,
                "when the order is not running",
            ));
        }
        let subject = match &event {
            ReleaseEvent::Cancel { service: None } => order.to_owned(),
            other => service_of(other).unwrap_or(order).to_owned(),
        };
        self.send(t, order, event.clone())?;
        self.note(
            EventKind::Action,
            Some(&subject),
            format!("{what} (order {order})"),
        );
        Ok(())
    }

    fn change_image(&mut self, t: i64, service: &str, container: &str, image: &str) -> Result<()> {
        let at = self.ts(t);
        let svc = self
            .services
            .get_mut(service)
            .ok_or_else(|| Error::not_found("service", service))?;
        let out = svc.history.handle(
            at,
            HistoryEvent::ChangeImage {
                container: container.to_owned(),
                image: image.to_owned(),
                author: "script".into(),
            },
        )?;
        let version = out.version.map(|v| v.id).unwrap_or_default();
        self.note(
            EventKind::Action,
            Some(service),
            format!("quick image update: {container} → {image} is version {version}; a release order is needed"),
        );
        Ok(())
    }

    fn inject(
        &mut self,
        t: i64,
        service: &str,
        version: Option<&str>,
        pod: Option<&str>,
    ) -> Result<()> {
        if let Some(v) = version {
            if let Some(svc) = self.services.get_mut(service) {
                svc.broken.insert(v.to_owned());
            }
            self.note(
                EventKind::Action,
                Some(service),
                format!("fault injected: pods of {v} will fail when they start"),
            );
        }
        if let Some(name) = pod {
            let p = self
                .pods
                .get_mut(name)
                .filter(|p| p.service.as_deref() == Some(service))
                .ok_or_else(|| Error::not_found("pod", name))?;
            p.failed = true;
            p.ready = false;
            self.note(
                EventKind::Action,
                Some(service),
                format!("fault injected: pod {name} fails"),
            );
            self.observe(t, name)?;
        }
        Ok(())
    }

    /// Plan and start a release order from the services' version histories.
    fn release(
        &mut self,
        t: i64,
        order: &str,
        targets: &[ReleaseTarget],
        ready_seconds: Option<u32>,
    ) -> Result<()> {
        let mut services = Vec::new();
        let mut pods = BTreeMap::new();
        let mut versions = BTreeMap::new();
        for target in targets {
            let (os, refs) = self.order_service(target)?;
            pods.insert(
                target.service.clone(),
                refs.into_iter().map(|r| (r.name, r.unit)).collect(),
            );
            versions.insert(target.service.clone(), target.version.clone());
            services.push(os);
        }
        let units = self.sc.units.iter().map(|u| u.name.clone()).collect();
        let plan = plan_release(&ReleaseOrder {
            id: order.to_owned(),
            services,
            units,
            max_parallel_services: None,
            ready_seconds,
            rules: None,
            profile: None,
        })?;
        self.describe_plan(&plan);
        let engine = ReleaseEngine::new(plan)?;
        let at = self.ts(t);
        for target in targets {
            if let Some(svc) = self.services.get_mut(&target.service) {
                svc.history.handle(
                    at,
                    HistoryEvent::BeginRelease {
                        version: target.version.clone(),
                        release_order: order.to_owned(),
                        rollback: false,
                    },
                )?;
                svc.releasing = Some(order.to_owned());
            }
        }
        self.releases.insert(
            order.to_owned(),
            Rel {
                engine,
                pods,
                versions,
            },
        );
        self.summaries.insert(
            order.to_owned(),
            ReleaseSummary {
                order: order.to_owned(),
                outcome: None,
                services: targets
                    .iter()
                    .map(|t| (t.service.clone(), "waiting".to_owned()))
                    .collect(),
            },
        );
        self.note(
            EventKind::Action,
            Some(order),
            format!("release order {order} created and started"),
        );
        self.send(t, order, ReleaseEvent::Start)
    }

    /// One service of an order: the versions from its history, its current pods (or, on a
    /// first release, pods named after it over its units).
    fn order_service(&self, target: &ReleaseTarget) -> Result<(OrderService, Vec<PodRef>)> {
        let svc = self
            .services
            .get(&target.service)
            .ok_or_else(|| Error::not_found("service", &target.service))?;
        if svc.releasing.is_some() {
            return Err(Error::conflict(&format!(
                "`{}` is held by release order {}",
                target.service,
                svc.releasing.as_deref().unwrap_or_default()
            )));
        }
        let to = svc
            .history
            .version(&target.version)
            .ok_or_else(|| Error::not_found("version", &target.version))?;
        let from = svc.deployed.as_ref().and_then(|v| svc.history.version(v));
        let mut refs: Vec<PodRef> = self
            .pods
            .iter()
            .filter(|(_, p)| p.service.as_deref() == Some(target.service.as_str()))
            .map(|(name, p)| PodRef {
                name: name.clone(),
                unit: p.unit.clone().unwrap_or_default(),
            })
            .collect();
        if from.is_none() {
            refs = self.first_pods(&target.service, &to.spec)?;
        }
        let last_ok = svc.history.snapshot().last_successful_version;
        Ok((
            OrderService {
                name: target.service.clone(),
                depends_on: target.depends_on.clone(),
                to_version: target.version.clone(),
                to_spec: to.spec.clone(),
                from_version: from.map(|v| v.id.clone()),
                from_spec: from.map(|v| v.spec.clone()),
                last_successful_version: last_ok,
                pods: Some(refs.clone()),
                duration_seconds: None,
            },
            refs,
        ))
    }

    /// The pods a first release creates: the replicas split evenly over the units.
    fn first_pods(&self, service: &str, spec: &crate::AppService) -> Result<Vec<PodRef>> {
        let units = self
            .services
            .get(service)
            .map(|s| s.units.clone())
            .unwrap_or_default();
        let replicas = super::sim::initial_replicas(&spec.scaling);
        let shares = crate::split_units(&crate::UnitSplitInput {
            replicas: i32::try_from(replicas).unwrap_or(i32::MAX),
            units,
        })?;
        let mut refs = Vec::new();
        for share in shares {
            for _ in 0..share.replicas {
                refs.push(PodRef {
                    name: format!("{service}-{}", refs.len()),
                    unit: share.unit.clone(),
                });
            }
        }
        Ok(refs)
    }

    fn describe_plan(&mut self, plan: &crate::ReleasePlan) {
        let waves: Vec<String> = plan
            .waves
            .iter()
            .enumerate()
            .map(|(i, w)| format!("wave {}: {}", i + 1, w.join(", ")))
            .collect();
        self.note(
            EventKind::Release,
            Some(&plan.id),
            format!("plan: {}", waves.join("; ")),
        );
        for s in &plan.services {
            let groups: Vec<String> = s
                .groups
                .groups
                .iter()
                .map(|g| {
                    let beta = if g.beta { " (beta)" } else { "" };
                    format!("group {}{beta}: {}", g.index + 1, g.pods.join(", "))
                })
                .collect();
            let pauses: Vec<String> = s
                .groups
                .pauses
                .iter()
                .map(|p| format!("after group {} ({:?})", p.after_group + 1, p.reason))
                .collect();
            let pauses = if pauses.is_empty() {
                "none".to_owned()
            } else {
                pauses.join(", ")
            };
            self.note(
                EventKind::Release,
                Some(&s.name),
                format!(
                    "{} → {}, {:?}; {}; pauses: {pauses}",
                    s.from_version.as_deref().unwrap_or("(first release)"),
                    s.to_version,
                    s.upgrade,
                    groups.join("; ")
                ),
            );
        }
    }

    /// Tell an order's engine something at `t` and carry out what it answers.
    pub(crate) fn send(&mut self, t: i64, order: &str, event: ReleaseEvent) -> Result<()> {
        let at = self.ts(t);
        let rel = self
            .releases
            .get_mut(order)
            .ok_or_else(|| Error::not_found("release order", order))?;
        let actions = rel.engine.handle(at, event)?;
        for a in actions {
            self.carry_out(t, order, a)?;
        }
        Ok(())
    }

    /// Tick every engine whose timer is due.
    pub(crate) fn tick_releases(&mut self, t: i64) -> Result<()> {
        let at = self.ts(t);
        let due: Vec<String> = self
            .releases
            .iter()
            .filter(|(_, r)| r.engine.poll_timeout().is_some_and(|p| p <= at))
            .map(|(k, _)| k.clone())
            .collect();
        for order in due {
            self.send(t, &order, ReleaseEvent::Tick)?;
        }
        Ok(())
    }

    /// Finish the tasks due at `t` (they always succeed).
    pub(crate) fn finish_tasks(&mut self, t: i64) -> Result<()> {
        let (due, rest): (Vec<Task>, Vec<Task>) = std::mem::take(&mut self.tasks)
            .into_iter()
            .partition(|k| k.at <= t);
        self.tasks = rest;
        for k in due {
            if self.releases.contains_key(&k.order) {
                self.send(
                    t,
                    &k.order,
                    ReleaseEvent::TaskFinished {
                        service: k.service,
                        task: k.task,
                        ok: true,
                        message: None,
                    },
                )?;
            }
        }
        Ok(())
    }
}

/// The service an event names.
fn service_of(e: &ReleaseEvent) -> Option<&str> {
    match e {
        ReleaseEvent::ConfirmBeta { service }
        | ReleaseEvent::Resume { service }
        | ReleaseEvent::Retry { service }
        | ReleaseEvent::Rollback { service }
        | ReleaseEvent::ConfirmRollback { service } => Some(service),
        _ => None,
    }
}

/// What an action is about, for its timeline line.
fn subject_of(a: &Action) -> Option<String> {
    match a {
        Action::Release { order, .. } => Some(order.clone()),
        Action::ConfirmBeta { service, .. }
        | Action::Resume { service, .. }
        | Action::Retry { service, .. }
        | Action::Rollback { service, .. }
        | Action::ConfirmRollback { service, .. }
        | Action::ChangeImage { service, .. }
        | Action::InjectFailure { service, .. } => Some(service.clone()),
        Action::Cancel { order, service } => Some(service.clone().unwrap_or(order.clone())),
        Action::Cordon { node } | Action::Drain { node } | Action::FailNode { node } => {
            Some(node.clone())
        }
    }
}

/// The outcome in the summary's words.
pub(crate) fn outcome_word(o: ServiceOutcome) -> &'static str {
    match o {
        ServiceOutcome::Succeeded => "succeeded",
        ServiceOutcome::Failed => "failed",
        ServiceOutcome::Cancelled => "cancelled",
        ServiceOutcome::RolledBack => "rolledBack",
        ServiceOutcome::ResourcesDeleted => "resourcesDeleted",
    }
}

/// Whether the service leaves the order with this outcome.
pub(crate) fn final_outcome(o: ServiceOutcome) -> bool {
    !matches!(o, ServiceOutcome::Failed)
}
