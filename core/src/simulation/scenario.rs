//! The scenario: what a simulation starts from and what happens in it (`docs/simulation.md`).

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::limits::{
    MAX_ACTIONS, MAX_LOAD_POINTS, MAX_NODE_PODS, MAX_NODES, MAX_SERIES_VALUES, MAX_SERVICES,
    MAX_STEPS, check_len,
};
use crate::error::{FieldErrorCode, Result, ValidationErrors};
use crate::model::app_service::AppService;
use crate::model::kube::{Node, Taint};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::time::Timestamp;

/// A what-if rehearsal: a cluster, app services, a script and a load, over a time range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// A name for the reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When the simulation starts.
    pub start: Timestamp,
    /// When it ends (after `start`).
    pub end: Timestamp,
    /// The step: every instant the simulation stops at is `start` plus a multiple of it
    /// (at most [`MAX_STEPS`] steps from `start` to `end`).
    pub step_seconds: u32,
    /// The seed of the randomness (node failures): a 32-bit number, or a 64-bit one as a
    /// decimal string; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<Seed>,
    /// The time zone of the load's times of day; default `UTC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The deployment units and their zones.
    pub units: Vec<SimUnit>,
    /// Nodes made from a template, `count` of each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_pools: Vec<NodePool>,
    /// Nodes given as Kubernetes objects (their unit is their unit label).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    /// Delays and failure rates.
    #[serde(default)]
    pub timing: Timing,
    /// The app services.
    pub services: Vec<SimService>,
    /// What people do, at which instant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<ScriptedAction>,
    /// The node autoscaler: its node groups add and remove nodes, its slot pods hold the
    /// reserve; absent: the nodes stay as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscaler: Option<crate::autoscaling::AutoscalerConfig>,
}

/// A seed: a 32-bit number, or a 64-bit one as a decimal string (no 64-bit numbers on the
/// wire). Written back as the decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed(pub u64);

impl Seed {
    /// The seed's value.
    #[must_use]
    pub fn value(&self) -> u64 {
        self.0
    }
}

impl Serialize for Seed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Seed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Seed;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number up to 2^32 - 1, or a decimal string up to 2^64 - 1")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Seed, E> {
                u32::try_from(v)
                    .map(|n| Seed(u64::from(n)))
                    .map_err(|_| E::custom("a number seed is at most 2^32 - 1 (use a string)"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Seed, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("a seed is not negative"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Seed, E> {
                v.parse::<u64>()
                    .map(Seed)
                    .map_err(|_| E::custom("a seed string is a decimal number below 2^64"))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl JsonSchema for Seed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Seed".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A seed: a number up to 2^32 - 1, or a decimal string up to 2^64 - 1.",
            "type": ["string", "integer"]
        })
    }
}

/// A deployment unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimUnit {
    /// The unit's name (the value of its nodes' unit label).
    pub name: String,
    /// Its zone.
    pub zone: String,
}

/// `count` nodes of one template, named `<name>-<i>` (from 1), in one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodePool {
    /// The pool's name: the node name prefix and the group the nodes count in.
    pub name: String,
    /// The unit.
    pub unit: String,
    /// How many nodes.
    pub count: u32,
    /// Allocatable CPU of each.
    pub cpu: Quantity,
    /// Allocatable memory of each.
    pub memory: Quantity,
    /// Allocatable pods of each; default 110.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<u32>,
    /// Extra labels.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub labels: Labels,
    /// Taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
}

/// Delays and failure rates of the simulated cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timing {
    /// From a scale-up to the node joining; default 120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_provisioning_seconds: Option<u32>,
    /// Percent of new nodes that never join (0–100); default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_failure_percent: Option<u32>,
    /// From binding to the containers running; default 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_start_seconds: Option<u32>,
    /// From running to ready (the readiness probe passing); default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_ready_seconds: Option<u32>,
    /// How long a release's pre- and post-tasks take; default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_seconds: Option<u32>,
}

/// The largest delay a scenario may set (a week).
pub const MAX_DELAY_SECONDS: u32 = 604_800;

impl Timing {
    pub(crate) fn provisioning(&self) -> i64 {
        i64::from(self.node_provisioning_seconds.unwrap_or(120))
    }
    pub(crate) fn failure_percent(&self) -> u32 {
        self.node_failure_percent.unwrap_or(0)
    }
    pub(crate) fn start(&self) -> i64 {
        i64::from(self.pod_start_seconds.unwrap_or(10))
    }
    pub(crate) fn ready(&self) -> i64 {
        i64::from(self.pod_ready_seconds.unwrap_or(5))
    }
    pub(crate) fn task(&self) -> i64 {
        i64::from(self.task_seconds.unwrap_or(5))
    }
}

/// One app service of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimService {
    /// Its spec: version `v1`. `scaling` holds its elastic policies; `deploy.units` its
    /// units (default every unit).
    pub spec: AppService,
    /// Already running `v1` at the start (its replicas placed before the first step);
    /// default false: the first release creates it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub running: bool,
    /// The CPU the service uses in total, by time of day (piecewise linear, repeating
    /// daily): what its pods' CPU metrics follow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load: Vec<LoadPoint>,
}

/// One point of a load series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadPoint {
    /// Time of day, `HH:MM`, in the scenario's time zone; strictly increasing.
    pub at: String,
    /// The CPU used by all the service's pods together.
    pub cpu: Quantity,
}

/// A scripted action at an instant (rounded up to the next step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScriptedAction {
    /// When.
    pub at: Timestamp,
    /// What.
    pub action: Action,
}

/// One service of a scripted release order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseTarget {
    /// The app service.
    pub service: String,
    /// The version to release (`v1`, `v2`, ...: `v1` is the scenario's spec, each
    /// `changeImage` makes the next).
    pub version: String,
    /// Services of the order that must succeed first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

/// What a person (or a failure) does, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Action {
    /// Create and start a release order.
    Release {
        /// The order's id, unique in the script.
        order: String,
        /// Its services.
        services: Vec<ReleaseTarget>,
        /// How long a pod must stay ready to count as updated; default 30.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ready_seconds: Option<u32>,
    },
    /// Confirm a service's beta group.
    ConfirmBeta {
        /// The order.
        order: String,
        /// The service.
        service: String,
    },
    /// Go on after a group pause.
    Resume {
        /// The order.
        order: String,
        /// The service.
        service: String,
    },
    /// Retry a failed service.
    Retry {
        /// The order.
        order: String,
        /// The service.
        service: String,
    },
    /// Roll a failed or paused service back.
    Rollback {
        /// The order.
        order: String,
        /// The service.
        service: String,
    },
    /// Confirm a rollback.
    ConfirmRollback {
        /// The order.
        order: String,
        /// The service.
        service: String,
    },
    /// Cancel one service, or the whole order.
    Cancel {
        /// The order.
        order: String,
        /// The service; absent: every unfinished one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
    },
    /// A quick image update: the service's next version (release it with `release`).
    ChangeImage {
        /// The service.
        service: String,
        /// The container.
        container: String,
        /// The new image.
        image: String,
    },
    /// Make pods fail: one pod now, or every pod of a version as it starts.
    InjectFailure {
        /// The service.
        service: String,
        /// Every pod of this version fails when it starts (a broken image).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<String>,
        /// This pod fails now.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pod: Option<String>,
    },
    /// Mark a node unschedulable.
    Cordon {
        /// The node.
        node: String,
    },
    /// Cordon a node and move its pods elsewhere.
    Drain {
        /// The node.
        node: String,
    },
    /// A node dies: its pods are recreated elsewhere.
    FailNode {
        /// The node.
        node: String,
    },
}

impl Action {
    /// The action's `type`, for the timeline.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Action::Release { .. } => "release",
            Action::ConfirmBeta { .. } => "confirmBeta",
            Action::Resume { .. } => "resume",
            Action::Retry { .. } => "retry",
            Action::Rollback { .. } => "rollback",
            Action::ConfirmRollback { .. } => "confirmRollback",
            Action::Cancel { .. } => "cancel",
            Action::ChangeImage { .. } => "changeImage",
            Action::InjectFailure { .. } => "injectFailure",
            Action::Cordon { .. } => "cordon",
            Action::Drain { .. } => "drain",
            Action::FailNode { .. } => "failNode",
        }
    }
}

/// Seconds of a `HH:MM` time of day, `None` when malformed.
pub(crate) fn time_of_day(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 3600 + m * 60)
}

/// Check a scenario: sizes first (against the limits), then every field and reference.
///
/// # Errors
///
/// [`crate::Error::Validation`] with every problem at its field path.
pub fn validate_scenario(s: &Scenario) -> Result<()> {
    let mut errs = ValidationErrors::new();
    check_len(s.services.len(), MAX_SERVICES, "services", &mut errs);
    check_len(s.script.len(), MAX_ACTIONS, "script", &mut errs);
    let pooled = s
        .node_pools
        .iter()
        .fold(0u64, |n, p| n.saturating_add(u64::from(p.count)));
    let nodes = pooled.saturating_add(s.nodes.len() as u64);
    if nodes > MAX_NODES as u64 {
        errs.push(
            "nodePools",
            FieldErrorCode::TooMany,
            format!("{nodes} nodes; at most {MAX_NODES}"),
        );
    }
    let span = s.end.seconds_since(s.start);
    if s.step_seconds == 0 {
        errs.push("stepSeconds", FieldErrorCode::Invalid, "at least 1");
    } else if span <= 0.0 {
        errs.push("end", FieldErrorCode::Invalid, "after `start`");
    } else if span / f64::from(s.step_seconds) > MAX_STEPS as f64 {
        errs.push(
            "stepSeconds",
            FieldErrorCode::TooMany,
            format!("more than {MAX_STEPS} steps from `start` to `end`"),
        );
    } else {
        let steps = (span / f64::from(s.step_seconds)).ceil() + 1.0;
        let per_step = (s.services.len() + s.node_pools.len() + 6) as f64;
        if steps * per_step > MAX_SERIES_VALUES as f64 {
            errs.push(
                "stepSeconds",
                FieldErrorCode::TooMany,
                format!("{steps} steps × {per_step} series: more than {MAX_SERIES_VALUES} values"),
            );
        }
    }
    for (i, svc) in s.services.iter().enumerate() {
        check_len(
            svc.load.len(),
            MAX_LOAD_POINTS,
            &format!("services[{i}].load"),
            &mut errs,
        );
    }
    if !errs.is_empty() {
        return errs.into_result(());
    }
    check_fields(s, &mut errs);
    errs.into_result(())
}

fn check_fields(s: &Scenario, errs: &mut ValidationErrors) {
    if let Some(tz) = &s.time_zone
        && tz.parse::<chrono_tz::Tz>().is_err()
    {
        errs.push(
            "timeZone",
            FieldErrorCode::Invalid,
            "an IANA time zone name",
        );
    }
    check_timing(&s.timing, errs);
    if let Some(config) = &s.autoscaler
        && let Err(crate::Error::Validation(v)) =
            crate::autoscaling::Autoscaler::new(config.clone())
    {
        for f in v.0 {
            errs.push(format!("autoscaler.{}", f.path), f.code, f.message);
        }
    }
    let mut units = BTreeSet::new();
    for (i, u) in s.units.iter().enumerate() {
        if u.name.is_empty() || !units.insert(u.name.as_str()) {
            errs.push(
                format!("units[{i}].name"),
                FieldErrorCode::Duplicate,
                "a unit name, unique",
            );
        }
    }
    if s.units.is_empty() {
        errs.push("units", FieldErrorCode::Required, "at least one unit");
    }
    let nodes = node_names(s, &units, errs);
    let versions = check_services(s, &units, errs);
    check_script(s, &nodes, versions, errs);
}

fn check_timing(t: &Timing, errs: &mut ValidationErrors) {
    for (v, name) in [
        (t.node_provisioning_seconds, "nodeProvisioningSeconds"),
        (t.pod_start_seconds, "podStartSeconds"),
        (t.pod_ready_seconds, "podReadySeconds"),
        (t.task_seconds, "taskSeconds"),
    ] {
        if v.is_some_and(|v| v > MAX_DELAY_SECONDS) {
            errs.push(
                format!("timing.{name}"),
                FieldErrorCode::Invalid,
                format!("at most {MAX_DELAY_SECONDS}"),
            );
        }
    }
    if t.node_failure_percent.is_some_and(|p| p > 100) {
        errs.push(
            "timing.nodeFailurePercent",
            FieldErrorCode::Invalid,
            "0 to 100",
        );
    }
}

/// Every node name the scenario starts with; duplicate names and unknown units reported.
fn node_names(
    s: &Scenario,
    units: &BTreeSet<&str>,
    errs: &mut ValidationErrors,
) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, p) in s.node_pools.iter().enumerate() {
        if !units.contains(p.unit.as_str()) {
            errs.push(
                format!("nodePools[{i}].unit"),
                FieldErrorCode::NotSupported,
                format!("unknown unit `{}`", crate::error::clip(&p.unit)),
            );
        }
        if p.cpu.is_zero() || p.memory.is_zero() {
            errs.push(
                format!("nodePools[{i}].cpu"),
                FieldErrorCode::Invalid,
                "cpu and memory above 0",
            );
        }
        if p.pods.is_some_and(|n| n as usize > MAX_NODE_PODS) {
            errs.push(
                format!("nodePools[{i}].pods"),
                FieldErrorCode::Invalid,
                format!("at most {MAX_NODE_PODS}"),
            );
        }
        for k in 1..=p.count {
            if !names.insert(format!("{}-{k}", p.name)) {
                errs.push(
                    format!("nodePools[{i}].name"),
                    FieldErrorCode::Duplicate,
                    "node names must be unique",
                );
                break;
            }
        }
    }
    for (i, n) in s.nodes.iter().enumerate() {
        if !names.insert(n.metadata.name.clone()) {
            errs.push(
                format!("nodes[{i}].metadata.name"),
                FieldErrorCode::Duplicate,
                "node names must be unique",
            );
        }
    }
    names
}

/// Validate each service; the number of versions each will have when the script runs
/// (`v1` plus one per `changeImage`).
fn check_services(
    s: &Scenario,
    units: &BTreeSet<&str>,
    errs: &mut ValidationErrors,
) -> BTreeMap<String, u32> {
    let mut versions = BTreeMap::new();
    for (i, svc) in s.services.iter().enumerate() {
        let path = format!("services[{i}]");
        if let Err(crate::Error::Validation(v)) = crate::validate(&svc.spec, None) {
            for f in v.0 {
                errs.push(format!("{path}.spec.{}", f.path), f.code, f.message);
            }
        }
        if versions.insert(svc.spec.name.clone(), 1u32).is_some() {
            errs.push(
                format!("{path}.spec.name"),
                FieldErrorCode::Duplicate,
                "service names must be unique",
            );
        }
        let chosen = svc.spec.deploy.as_ref().map(|d| d.units.as_slice());
        for (j, u) in chosen.unwrap_or_default().iter().enumerate() {
            if !units.contains(u.as_str()) {
                errs.push(
                    format!("{path}.spec.deploy.units[{j}]"),
                    FieldErrorCode::NotSupported,
                    format!("unknown unit `{}`", crate::error::clip(u)),
                );
            }
        }
        let mut last = -1;
        for (j, p) in svc.load.iter().enumerate() {
            match time_of_day(&p.at) {
                Some(t) if t > last => last = t,
                _ => errs.push(
                    format!("{path}.load[{j}].at"),
                    FieldErrorCode::Invalid,
                    "`HH:MM`, later than the point before",
                ),
            }
        }
    }
    versions
}

/// Check the script in order: instants inside the range and not decreasing; every
/// service, node, order and version it names known by then.
fn check_script(
    s: &Scenario,
    nodes: &BTreeSet<String>,
    versions: BTreeMap<String, u32>,
    errs: &mut ValidationErrors,
) {
    let mut known = Known {
        versions,
        orders: BTreeSet::new(),
        nodes,
    };
    let mut last = s.start;
    for (i, a) in s.script.iter().enumerate() {
        let path = format!("script[{i}]");
        if a.at < last || a.at > s.end {
            errs.push(
                format!("{path}.at"),
                FieldErrorCode::Invalid,
                "between `start` and `end`, not before the action before",
            );
        }
        last = last.max(a.at);
        known.check(&path, &a.action, errs);
    }
}

/// What the script has named so far: services with their version count, orders, nodes.
struct Known<'a> {
    versions: BTreeMap<String, u32>,
    orders: BTreeSet<String>,
    nodes: &'a BTreeSet<String>,
}

impl Known<'_> {
    fn service(&self, path: &str, svc: &str, field: &str, errs: &mut ValidationErrors) {
        if !self.versions.contains_key(svc) {
            errs.push(
                format!("{path}.action.{field}"),
                FieldErrorCode::NotSupported,
                format!("unknown service `{}`", crate::error::clip(svc)),
            );
        }
    }

    fn order(&self, path: &str, o: &str, errs: &mut ValidationErrors) {
        if !self.orders.contains(o) {
            errs.push(
                format!("{path}.action.order"),
                FieldErrorCode::NotSupported,
                format!(
                    "unknown order `{}` (no release before)",
                    crate::error::clip(o)
                ),
            );
        }
    }

    fn version(&self, path: &str, svc: &str, v: &str, field: &str, errs: &mut ValidationErrors) {
        let n = self.versions.get(svc).copied();
        if n.is_some_and(|n| !version_in(v, n)) {
            errs.push(
                format!("{path}.action.{field}"),
                FieldErrorCode::NotSupported,
                format!("unknown version `{}`", crate::error::clip(v)),
            );
        }
    }

    fn check(&mut self, path: &str, action: &Action, errs: &mut ValidationErrors) {
        match action {
            Action::Release {
                order, services, ..
            } => self.release(path, order, services, errs),
            Action::ConfirmBeta { order, service }
            | Action::Resume { order, service }
            | Action::Retry { order, service }
            | Action::Rollback { order, service }
            | Action::ConfirmRollback { order, service } => {
                self.order(path, order, errs);
                self.service(path, service, "service", errs);
            }
            Action::Cancel { order, service } => {
                self.order(path, order, errs);
                if let Some(svc) = service {
                    self.service(path, svc, "service", errs);
                }
            }
            Action::ChangeImage { service, .. } => {
                self.service(path, service, "service", errs);
                if let Some(n) = self.versions.get_mut(service) {
                    *n = n.saturating_add(1);
                }
            }
            Action::InjectFailure {
                service,
                version,
                pod,
            } => {
                self.service(path, service, "service", errs);
                if let Some(v) = version {
                    self.version(path, service, v, "version", errs);
                }
                if version.is_none() == pod.is_none() {
                    errs.push(
                        format!("{path}.action"),
                        FieldErrorCode::Invalid,
                        "exactly one of `version` and `pod`",
                    );
                }
            }
            Action::Cordon { node } | Action::Drain { node } | Action::FailNode { node } => {
                if !self.nodes.contains(node) {
                    errs.push(
                        format!("{path}.action.node"),
                        FieldErrorCode::NotSupported,
                        format!("unknown node `{}`", crate::error::clip(node)),
                    );
                }
            }
        }
    }

    fn release(
        &mut self,
        path: &str,
        order: &str,
        services: &[ReleaseTarget],
        errs: &mut ValidationErrors,
    ) {
        if services.is_empty() {
            errs.push(
                format!("{path}.action.services"),
                FieldErrorCode::Required,
                "at least one service",
            );
        }
        for (j, t) in services.iter().enumerate() {
            self.service(path, &t.service, &format!("services[{j}].service"), errs);
            let field = format!("services[{j}].version");
            self.version(path, &t.service, &t.version, &field, errs);
        }
        if !self.orders.insert(order.to_owned()) {
            errs.push(
                format!("{path}.action.order"),
                FieldErrorCode::Duplicate,
                "order ids must be unique",
            );
        }
    }
}

/// Whether `v` is one of `v1` ..= `v<n>`.
fn version_in(v: &str, n: u32) -> bool {
    v.strip_prefix('v')
        .filter(|d| !d.starts_with('0'))
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|k| (1..=n).contains(&k))
}
