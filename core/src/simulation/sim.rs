//! [`Simulation`]: the loop that drives every engine in virtual time.

use std::collections::{BTreeMap, BTreeSet};

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;

use super::limits::{MAX_EVENTS, MAX_PODS};
use super::report::{
    EventKind, PendingWait, ReleaseSummary, Series, SimEvent, SimulationResult, StepReport, Summary,
};
use super::scenario::{Scenario, time_of_day, validate_scenario};
use super::world::{SimNode, SimPod, Template, Water, pool_nodes, template};
use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::model::app_service::Scaling;
use crate::model::versions::{HistoryEvent, VersionHistory};
use crate::release::engine::ReleaseEngine;
use crate::scaling::hpa::{HpaSpec, HpaState};
use crate::scaling::timed::{CurveInput, CurvePoint, replica_curve};
use crate::time::Timestamp;

/// One app service as the simulation keeps it.
#[derive(Debug, Clone)]
pub(crate) struct Svc {
    pub(crate) history: VersionHistory,
    pub(crate) units: Vec<String>,
    /// The version its pods run; `None`: not deployed.
    pub(crate) deployed: Option<String>,
    /// Versions whose pods fail when they start.
    pub(crate) broken: BTreeSet<String>,
    pub(crate) templates: BTreeMap<String, Template>,
    /// The release order holding it.
    pub(crate) releasing: Option<String>,
    /// The HPA of the metric window in effect: its key, machine and spec.
    pub(crate) hpa: Option<(String, HpaState, HpaSpec)>,
    /// The replica target last applied.
    pub(crate) target: Option<u32>,
    /// The scenario's scaling (what the curve was computed from).
    pub(crate) scaling: Option<Scaling>,
    /// The timed policies' value at each step (elastic scaling).
    pub(crate) curve: Vec<CurvePoint>,
    /// (seconds of the day, millicores), increasing.
    pub(crate) load: Vec<(i64, u128)>,
}

/// A release order in progress.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    pub(crate) engine: ReleaseEngine,
    /// Per service: its pods and their units.
    pub(crate) pods: BTreeMap<String, BTreeMap<String, String>>,
    /// Per service: the version released.
    pub(crate) versions: BTreeMap<String, String>,
}

/// A task a release engine asked for, finishing at `at`.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub(crate) at: i64,
    pub(crate) order: String,
    pub(crate) service: String,
    pub(crate) task: crate::release::engine::TaskName,
}

/// The whole loop in virtual time: release engines, version histories, timed policies,
/// the HPA and the scheduler, driven together over a [`Scenario`] (`docs/simulation.md`).
///
/// Every instant the simulation stops at is `start` plus a multiple of `stepSeconds`, but
/// it does not stop at every one: [`Simulation::step`] jumps to the earliest instant at
/// which anything can happen — the next scripted action, a pod or node timer, a task, any
/// machine's `poll_timeout`, the next change of a timed policy, or the next step while
/// pods wait for room that has just appeared — so a quiet night costs nothing.
///
/// # Examples
///
/// ```
/// let scenario: weir::simulation::Scenario = serde_json::from_value(serde_json::json!({
///     "start": "2026-11-27T00:00:00Z", "end": "2026-11-27T01:00:00Z", "stepSeconds": 10,
///     "units": [{"name": "u1", "zone": "z1"}],
///     "nodePools": [{"name": "n", "unit": "u1", "count": 2, "cpu": "4", "memory": "8Gi"}],
///     "services": [{"running": true, "spec": {"name": "web", "app": "web",
///         "scaling": {"type": "fixed", "replicas": 3},
///         "template": {"containers": [{"name": "c", "image": "nginx:1",
///             "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}]}}}]
/// }))?;
/// let result = weir::simulation::Simulation::new(scenario)?.run()?;
/// assert_eq!(result.summary.final_replicas["web"], 3);
/// assert!(result.summary.violations.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulation {
    pub(crate) sc: Scenario,
    pub(crate) step: i64,
    pub(crate) span: i64,
    pub(crate) now: Option<i64>,
    pub(crate) steps: u32,
    pub(crate) rng: ChaCha8Rng,
    pub(crate) nodes: BTreeMap<String, SimNode>,
    pub(crate) pods: BTreeMap<String, SimPod>,
    pub(crate) seq: u64,
    pub(crate) services: BTreeMap<String, Svc>,
    pub(crate) releases: BTreeMap<String, Rel>,
    pub(crate) summaries: BTreeMap<String, ReleaseSummary>,
    pub(crate) tasks: Vec<Task>,
    pub(crate) script_next: usize,
    pub(crate) pod_timers: BTreeSet<(i64, String)>,
    pub(crate) node_timers: BTreeSet<(i64, String)>,
    pub(crate) curve_changes: BTreeSet<i64>,
    /// Room appeared (a node joined, a pod left): pending pods are worth another try.
    pub(crate) dirty: bool,
    /// The scheduler kept between steps; `None`: compile the cluster again.
    pub(crate) sched: Option<crate::scheduling::handle::Scheduler>,
    /// Waiting pods the kept scheduler does not hold yet (added with the next round).
    pub(crate) outside: Vec<String>,
    /// Pod names per service, built once per step when an HPA needs them.
    pub(crate) pod_index: Option<BTreeMap<String, Vec<String>>>,
    /// Pods or nodes changed this step (the fit check runs again).
    pub(crate) touched: bool,
    /// Scale-ups to place this step: (service, count).
    pub(crate) to_place: Vec<(String, u32)>,
    pub(crate) events: Vec<SimEvent>,
    pub(crate) timeline: Vec<SimEvent>,
    pub(crate) series: Series,
    pub(crate) waits: Vec<PendingWait>,
    pub(crate) summary: Summary,
    pub(crate) last_sample: Option<(i64, u32)>,
    /// The node autoscaler, when the scenario has one.
    pub(crate) autoscaler: Option<crate::autoscaling::Autoscaler>,
    /// The autoscaler's last water level (CPU, memory percent of the managed nodes).
    pub(crate) water: Option<(f64, f64)>,
    /// The autoscaler wants the next step (pods wait, and not as they did).
    pub(crate) wake: bool,
    /// What the waiting pods were when the autoscaler last looked.
    pub(crate) waiting_key: Option<u64>,
}

impl Simulation {
    /// A simulation at `start`, before its first step: the scenario checked, the timed
    /// policies of each service evaluated over the whole range, the starting nodes made.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem of the scenario at its field path (sizes
    /// against the limits first, then fields and references).
    pub fn new(scenario: Scenario) -> Result<Simulation> {
        validate_scenario(&scenario)?;
        check_pods(&scenario)?;
        let step = i64::from(scenario.step_seconds);
        let span = scenario.end.seconds_since(scenario.start).floor() as i64;
        let seed = scenario.seed.map_or(0, |s| s.value());
        let mut sim = Simulation {
            step,
            span,
            now: None,
            steps: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            nodes: BTreeMap::new(),
            pods: BTreeMap::new(),
            seq: 0,
            services: BTreeMap::new(),
            releases: BTreeMap::new(),
            summaries: BTreeMap::new(),
            tasks: Vec::new(),
            script_next: 0,
            pod_timers: BTreeSet::new(),
            node_timers: BTreeSet::new(),
            curve_changes: BTreeSet::new(),
            dirty: false,
            sched: None,
            outside: Vec::new(),
            pod_index: None,
            touched: true,
            to_place: Vec::new(),
            events: Vec::new(),
            timeline: Vec::new(),
            series: Series::default(),
            waits: Vec::new(),
            summary: Summary::default(),
            last_sample: None,
            autoscaler: None,
            water: None,
            wake: false,
            waiting_key: None,
            sc: scenario,
        };
        sim.autoscaler = sim
            .sc
            .autoscaler
            .clone()
            .map(crate::autoscaling::Autoscaler::new)
            .transpose()
            .map_err(|e| under("autoscaler", e))?;
        sim.make_nodes();
        sim.make_services()?;
        Ok(sim)
    }

    fn make_nodes(&mut self) {
        let zones: BTreeMap<&str, &str> = self
            .sc
            .units
            .iter()
            .map(|u| (u.name.as_str(), u.zone.as_str()))
            .collect();
        for pool in &self.sc.node_pools {
            let zone = zones.get(pool.unit.as_str()).copied().unwrap_or_default();
            for node in pool_nodes(pool, zone) {
                let name = node.metadata.name.clone();
                self.nodes
                    .insert(name, SimNode::new(node, pool.name.clone(), None));
            }
        }
        for node in &self.sc.nodes {
            let name = node.metadata.name.clone();
            let group = node
                .metadata
                .labels
                .get(super::world::GROUP_LABEL)
                .cloned()
                .unwrap_or_else(|| "nodes".into());
            self.nodes
                .insert(name, SimNode::new(node.clone(), group, None));
        }
    }

    fn make_services(&mut self) -> Result<()> {
        let start = self.sc.start;
        let all_units: Vec<String> = self.sc.units.iter().map(|u| u.name.clone()).collect();
        let services = self.sc.services.clone();
        for (i, s) in services.iter().enumerate() {
            let spec = crate::normalize(&s.spec, None)?;
            let mut history = VersionHistory::new(None);
            history.handle(
                start,
                HistoryEvent::Create {
                    spec: spec.clone(),
                    author: "scenario".into(),
                },
            )?;
            let units = match spec.deploy.as_ref().map(|d| d.units.clone()) {
                Some(u) if !u.is_empty() => u,
                _ => all_units.clone(),
            };
            let curve = self.curve(&spec.scaling, i)?;
            for (k, w) in curve.windows(2).enumerate() {
                if let [a, b] = w
                    && (a.kind, a.replicas, a.min, a.max) != (b.kind, b.replicas, b.min, b.max)
                {
                    self.curve_changes
                        .insert((k as i64 + 1).saturating_mul(self.step));
                }
            }
            let load = s
                .load
                .iter()
                .filter_map(|p| Some((time_of_day(&p.at)?, p.cpu.milli_value())))
                .collect();
            let mut templates = BTreeMap::new();
            templates.insert("v1".to_owned(), template(&spec, &units));
            let svc = Svc {
                history,
                units,
                deployed: None,
                broken: BTreeSet::new(),
                templates,
                releasing: None,
                hpa: None,
                target: None,
                scaling: spec.scaling.clone(),
                curve,
                load,
            };
            self.services.insert(spec.name.clone(), svc);
            if s.running {
                self.start_running(&spec.name, &spec.scaling);
            }
        }
        Ok(())
    }

    /// The timed policies' value at every step of the range (elastic scaling only).
    fn curve(&self, scaling: &Option<Scaling>, i: usize) -> Result<Vec<CurvePoint>> {
        let Some(
            scaling @ Scaling::Elastic {
                initial_replicas, ..
            },
        ) = scaling
        else {
            return Ok(Vec::new());
        };
        let input = CurveInput {
            scaling: scaling.clone(),
            from: self.sc.start.to_string(),
            to: self.sc.end.to_string(),
            step_seconds: i32::try_from(self.step).unwrap_or(i32::MAX),
            current_replicas: Some(*initial_replicas),
        };
        replica_curve(&input)
            .map(|c| c.points)
            .map_err(|e| under(&format!("services[{i}].spec.scaling"), e))
    }

    /// A service running `v1` at the start: its replicas, placed at the first step.
    fn start_running(&mut self, name: &str, scaling: &Option<Scaling>) {
        let replicas = initial_replicas(scaling);
        let start = self.sc.start;
        if let Some(svc) = self.services.get_mut(name) {
            // Released before the scenario starts: v1 is its last successful version.
            let order = "initial".to_owned();
            let begin = HistoryEvent::BeginRelease {
                version: "v1".into(),
                release_order: order.clone(),
                rollback: false,
            };
            let done = HistoryEvent::MarkPublished {
                release_order: order,
            };
            if svc.history.handle(start, begin).is_ok() {
                let _ = svc.history.handle(start, done);
            }
            svc.deployed = Some("v1".into());
            svc.target = Some(replicas);
        }
        self.to_place.push((name.to_owned(), replicas));
    }

    /// The instant `t` seconds after `start`.
    pub(crate) fn ts(&self, t: i64) -> Timestamp {
        self.sc.start.plus_seconds(t as f64).unwrap_or(self.sc.end)
    }

    /// Record an event of the current step.
    pub(crate) fn note(&mut self, kind: EventKind, subject: Option<&str>, text: String) {
        let at = self.ts(self.now.unwrap_or(0));
        self.events.push(SimEvent {
            at,
            kind,
            subject: subject.map(str::to_owned),
            text,
        });
    }

    /// Whether the run is over (no instant left before `end`).
    #[must_use]
    pub fn finished(&self) -> bool {
        self.next_instant().is_none()
    }

    /// The instant of the next step, `None` when the run is over.
    #[must_use]
    pub fn next_at(&self) -> Option<Timestamp> {
        self.next_instant().map(|t| self.ts(t))
    }

    /// The instant of the next step (seconds since start), `None` when the run is over.
    fn next_instant(&self) -> Option<i64> {
        let Some(now) = self.now else {
            return Some(0);
        };
        let mut next = i64::MAX;
        let mut want = |t: Option<i64>| {
            if let Some(t) = t {
                next = next.min(t.max(now.saturating_add(1)));
            }
        };
        want(
            self.sc
                .script
                .get(self.script_next)
                .map(|a| a.at.seconds_since(self.sc.start).ceil() as i64),
        );
        want(self.pod_timers.first().map(|(t, _)| *t));
        want(self.node_timers.first().map(|(t, _)| *t));
        want(self.tasks.iter().map(|t| t.at).min());
        want(self.curve_changes.range(now + 1..).next().copied());
        let offset = |ts: Timestamp| ts.seconds_since(self.sc.start).ceil() as i64;
        for r in self.releases.values() {
            want(r.engine.poll_timeout().map(offset));
        }
        if let Some(a) = &self.autoscaler {
            want(crate::machine::Machine::poll_timeout(a).map(offset));
        }
        for s in self.services.values() {
            if let Some((_, hpa, _)) = &s.hpa {
                want(hpa.poll_timeout().map(offset));
            }
        }
        if self.dirty || self.wake || !self.to_place.is_empty() {
            want(Some(now + 1));
        }
        // Round up to the step grid.
        let k = next.saturating_add(self.step - 1) / self.step;
        let at = k.saturating_mul(self.step);
        (at <= self.span).then_some(at)
    }

    /// Advance to the next instant and do everything due there; `None` when the run is
    /// over.
    ///
    /// # Errors
    ///
    /// Only when an engine refuses what the simulation itself built (a bug, reported as
    /// the engine's typed error); a scripted action that is refused is a `refused` event
    /// in the timeline, not an error.
    pub fn step(&mut self) -> Result<Option<StepReport>> {
        let Some(t) = self.next_instant() else {
            return Ok(None);
        };
        self.account(t);
        self.now = Some(t);
        self.steps = self.steps.saturating_add(1);
        self.fire_script(t)?;
        self.join_nodes(t)?;
        self.finish_tasks(t)?;
        self.pod_transitions(t)?;
        self.tick_releases(t)?;
        self.scale(t)?;
        self.schedule(t)?;
        if self.autoscaler.is_some() {
            self.autoscale(t)?;
            self.schedule(t)?;
            self.settle_autoscaler();
        }
        Ok(Some(self.close_step(t)))
    }

    /// Run to the end.
    ///
    /// # Errors
    ///
    /// As [`Simulation::step`].
    pub fn run(mut self) -> Result<SimulationResult> {
        while self.step()?.is_some() {}
        Ok(self.result())
    }

    /// Node-seconds since the last instant.
    fn account(&mut self, t: i64) {
        if let Some((at, nodes)) = self.last_sample {
            let hours = (t - at) as f64 * f64::from(nodes) / 3600.0;
            self.summary.node_hours += hours;
        }
    }

    /// The checks, the series sample, the report of the step.
    fn close_step(&mut self, t: i64) -> StepReport {
        // Nothing moved since the last check: it still holds.
        let problems = if std::mem::take(&mut self.touched) {
            super::world::check_fit(&self.nodes, &self.pods)
        } else {
            Vec::new()
        };
        if problems.is_empty() {
            self.summary.invariant_checks = self.summary.invariant_checks.saturating_add(1);
        } else if self.summary.violations.len() < 100 {
            let at = self.ts(t);
            self.summary
                .violations
                .extend(problems.into_iter().map(|p| format!("{at}: {p}")));
        }
        let w = Water::measure(&self.nodes, &self.pods);
        let report = StepReport {
            at: self.ts(t),
            events: self.events.clone(),
            replicas: self.replicas(),
            nodes: w.nodes,
            pending: w.pending,
            cpu_percent: Water::percent(w.cpu, w.alloc_cpu),
            memory_percent: Water::percent(w.memory, w.alloc_memory),
            slots: w.slots,
        };
        self.sample(t, &w, &report);
        self.last_sample = Some((t, w.nodes));
        let events = std::mem::take(&mut self.events);
        for e in events {
            if self.timeline.len() < MAX_EVENTS {
                self.timeline.push(e);
            } else {
                self.summary.dropped_events = self.summary.dropped_events.saturating_add(1);
            }
        }
        report
    }

    fn sample(&mut self, t: i64, w: &Water, r: &StepReport) {
        let s = &mut self.series;
        let n = s.t.len();
        s.t.push(u32::try_from(t).unwrap_or(u32::MAX));
        for (name, count) in &r.replicas {
            let v = s.replicas.entry(name.clone()).or_default();
            v.resize(n, 0);
            v.push(*count);
        }
        let mut groups: BTreeMap<&str, u32> = BTreeMap::new();
        for node in self.nodes.values() {
            let e = groups.entry(node.group.as_str()).or_default();
            *e = e.saturating_add(u32::from(node.ready()));
        }
        for (g, count) in groups {
            let v = s.nodes.entry(g.to_owned()).or_default();
            v.resize(n, 0);
            v.push(count);
        }
        for v in s.nodes.values_mut().chain(s.replicas.values_mut()) {
            v.resize(n + 1, 0);
        }
        s.pending.push(r.pending);
        s.cpu_percent.push(r.cpu_percent);
        s.memory_percent.push(r.memory_percent);
        s.reserve_percent
            .push(Water::percent(w.slot_cpu, w.alloc_cpu));
        s.slots.push(w.slots);
        if let Some((cpu, _)) = self.water {
            s.water_level.resize(n, 0.0);
            s.water_level.push(cpu);
        }
        let sm = &mut self.summary;
        sm.peak_cpu_percent = sm.peak_cpu_percent.max(r.cpu_percent);
        sm.peak_memory_percent = sm.peak_memory_percent.max(r.memory_percent);
        sm.peak_nodes = sm.peak_nodes.max(w.nodes);
    }

    /// Business pods per service.
    pub(crate) fn replicas(&self) -> BTreeMap<String, u32> {
        let mut counts: crate::hash::FastMap<&str, u32> =
            crate::hash::map_with_capacity(self.services.len());
        for p in self.pods.values() {
            if let Some(s) = &p.service {
                let n = counts.entry(s.as_str()).or_default();
                *n = n.saturating_add(1);
            }
        }
        self.services
            .keys()
            .map(|k| (k.clone(), counts.get(k.as_str()).copied().unwrap_or(0)))
            .collect()
    }

    /// The result as of now (after [`Simulation::run`], the whole run's).
    #[must_use]
    pub fn result(&self) -> SimulationResult {
        let mut summary = self.summary.clone();
        let end_t = self.span;
        if let Some((at, nodes)) = self.last_sample {
            summary.node_hours += (end_t - at).max(0) as f64 * f64::from(nodes) / 3600.0;
        }
        summary.node_hours = (summary.node_hours * 100.0).round() / 100.0;
        summary.steps = self.steps;
        summary.final_replicas = self.replicas();
        summary.final_nodes =
            u32::try_from(self.nodes.values().filter(|n| n.ready()).count()).unwrap_or(u32::MAX);
        summary.releases = self.summaries.values().cloned().collect();
        let mut waits = self.waits.clone();
        let now = self.now.unwrap_or(0);
        for (name, p) in &self.pods {
            if let Some(since) = p.pending_since {
                waits.push(PendingWait {
                    pod: name.clone(),
                    service: p.service.clone(),
                    since: self.ts(since),
                    until: None,
                    seconds: u32::try_from(end_t.max(now) - since).unwrap_or(u32::MAX),
                });
            }
        }
        summary.pending_at_end =
            u32::try_from(self.pods.values().filter(|p| p.node.is_none()).count())
                .unwrap_or(u32::MAX);
        for w in waits.iter().filter(|w| w.service.is_some()) {
            if w.seconds > summary.longest_pending_seconds {
                summary.longest_pending_seconds = w.seconds;
                summary.longest_pending_pod = Some(w.pod.clone());
            }
        }
        SimulationResult {
            name: self.sc.name.clone(),
            timeline: self.timeline.clone(),
            series: Series {
                span: u32::try_from(self.span).unwrap_or(u32::MAX),
                ..self.series.clone()
            },
            pending_waits: waits,
            summary,
        }
    }

    /// The scenario this simulation runs.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.sc
    }
}

/// The replicas a scaling starts with: fixed `replicas` (default 1) or `initialReplicas`.
pub(crate) fn initial_replicas(scaling: &Option<Scaling>) -> u32 {
    let n = match scaling {
        Some(Scaling::Fixed { replicas }) => replicas.unwrap_or(1),
        Some(Scaling::Elastic {
            initial_replicas, ..
        }) => *initial_replicas,
        None => 1,
    };
    u32::try_from(n).unwrap_or(0)
}

/// The most replicas a scaling can ask for.
fn most_replicas(scaling: &Option<Scaling>) -> u64 {
    match scaling {
        Some(Scaling::Elastic { max_replicas, .. }) => u64::try_from(*max_replicas).unwrap_or(0),
        other => u64::from(initial_replicas(other)),
    }
}

/// The services together may not ask for more than [`MAX_PODS`] pods.
fn check_pods(s: &Scenario) -> Result<()> {
    let total = s.services.iter().fold(0u64, |n, svc| {
        n.saturating_add(most_replicas(&svc.spec.scaling))
    });
    let mut errs = ValidationErrors::new();
    if total > MAX_PODS {
        errs.push(
            "services",
            FieldErrorCode::TooMany,
            format!("the services ask for up to {total} pods; at most {MAX_PODS}"),
        );
    }
    errs.into_result(())
}

/// `e` with its field paths under `prefix`.
pub(crate) fn under(prefix: &str, e: Error) -> Error {
    match e {
        Error::Validation(mut v) => {
            for f in &mut v.0 {
                f.path = if f.path.is_empty() {
                    prefix.to_owned()
                } else {
                    format!("{prefix}.{}", f.path)
                };
            }
            Error::Validation(v)
        }
        other => other,
    }
}
