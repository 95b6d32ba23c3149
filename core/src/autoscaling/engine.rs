//! The sans-IO engine: [`Autoscaler`] in the common machine shape
//! ([`crate::machine::Machine`]): observations, timers, snapshot and restore.

use std::collections::BTreeMap;

use super::config::{AutoscalerConfig, DerivedLimits};
use super::limits::MAX_REQUESTS;
use super::types::{AutoscalerEvent, AutoscalerOutput, AutoscalerSnapshot, Decision, GroupBackoff};
use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors, child, key};
use crate::machine::{Machine, check_forward};
use crate::scheduling::limits::MAX_NODES;
use crate::scheduling::types::ClusterSnapshot;
use crate::time::Timestamp;

/// The water-level node autoscaler (`docs/autoscaling.md`): keeps the managed nodes
/// between two water marks with slot pods, adds nodes for pending pods (CA's estimator and
/// expanders) and removes unneeded ones.
///
/// # Examples
///
/// ```
/// use weir::{Autoscaler, AutoscalerConfig, ClusterSnapshot};
/// use weir::time::Timestamp;
///
/// let config: AutoscalerConfig = serde_json::from_value(serde_json::json!({
///     "nodeGroups": [{"name": "g1", "template": {"cpu": "4", "memory": "8Gi"}}]
/// }))?;
/// let mut a = Autoscaler::new(config)?;
/// let now: Timestamp = "2026-01-01T00:00:00Z".parse()?;
/// let d = a.step(now, &ClusterSnapshot::default())?;
/// assert!(d.scale_up.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Autoscaler {
    pub(crate) s: AutoscalerSnapshot,
}

/// `since + seconds < now`: an interval has passed (timers are strict).
pub(crate) fn passed(since: Timestamp, seconds: i32, now: Timestamp) -> bool {
    now.seconds_since(since) > f64::from(seconds)
}

/// `since + seconds`, saturating at the last instant weir names.
pub(crate) fn after(since: Timestamp, seconds: i32) -> Timestamp {
    since
        .plus_seconds(f64::from(seconds))
        .unwrap_or_else(|| Timestamp::checked(crate::time::MAX_UNIX_SECONDS as f64))
}

impl Autoscaler {
    /// An autoscaler with `config` (defaults already filled by deserialization).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem of the configuration, at its path.
    pub fn new(config: AutoscalerConfig) -> Result<Autoscaler> {
        let mut errs = ValidationErrors::new();
        config.check(&mut errs);
        errs.into_result(())?;
        Ok(Autoscaler {
            s: AutoscalerSnapshot {
                config,
                at: None,
                steps: 0,
                requests: Vec::new(),
                failed: BTreeMap::new(),
                backoff: BTreeMap::new(),
                unneeded: BTreeMap::new(),
                last_scale_up: None,
                last_scale_down: None,
                last_scale_down_failure: None,
            },
        })
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &AutoscalerConfig {
        &self.s.config
    }

    /// The cluster limits the node groups imply (seed 9.6).
    #[must_use]
    pub fn derived_limits(&self) -> DerivedLimits {
        self.s.config.derived_limits()
    }

    /// Decide on `cluster` at `now` ([`AutoscalerEvent::Step`]).
    ///
    /// # Errors
    ///
    /// `invalid_transition` for a `now` before the last one handled; `validation` for a
    /// malformed cluster or one over a limit. The autoscaler is then unchanged.
    pub fn step(&mut self, now: Timestamp, cluster: &ClusterSnapshot) -> Result<Decision> {
        check_forward(self.s.at, now)?;
        let (decision, next) = super::step::run(&self.s, now, cluster)?;
        self.s = next;
        Ok(decision)
    }

    /// Record an observation (`nodeJoined`, `nodeFailed`, `nodeDeleted`,
    /// `scaleDownFailed`); a `step` is handled too, its decision dropped.
    ///
    /// # Errors
    ///
    /// As [`Machine::handle`].
    pub fn observe(&mut self, now: Timestamp, event: AutoscalerEvent) -> Result<()> {
        self.handle(now, event).map(|_| ())
    }

    /// The group's index, or `not_found`.
    fn group(&self, name: &str) -> Result<usize> {
        self.s
            .config
            .group_index(name)
            .ok_or_else(|| Error::not_found("node group", name))
    }

    /// Take one node off the group's oldest request, or refuse.
    fn take_requested(s: &mut AutoscalerSnapshot, group: &str, what: &str) -> Result<()> {
        let Some(i) = s.requests.iter().position(|r| r.group == group) else {
            return Err(Error::invalid_transition(
                what,
                &format!("no node of group `{group}` is being provisioned"),
            ));
        };
        if let Some(r) = s.requests.get_mut(i) {
            r.count -= 1;
            if r.count <= 0 {
                s.requests.remove(i);
            }
        }
        Ok(())
    }

    fn observe_event(&self, now: Timestamp, event: &AutoscalerEvent) -> Result<AutoscalerSnapshot> {
        let mut s = self.s.clone();
        match event {
            AutoscalerEvent::Step { .. } => {}
            AutoscalerEvent::NodeJoined { group, .. } => {
                self.group(group)?;
                Self::take_requested(&mut s, group, "nodeJoined")?;
            }
            AutoscalerEvent::NodeFailed { group, .. } => {
                self.group(group)?;
                Self::take_requested(&mut s, group, "nodeFailed")?;
                fail_nodes(&mut s, group, 1, now);
            }
            AutoscalerEvent::NodeDeleted {
                group,
                node,
                failed,
            } => {
                self.group(group)?;
                if *failed {
                    let n = s.failed.get(group).copied().unwrap_or(0);
                    if n <= 0 {
                        return Err(Error::invalid_transition(
                            "nodeDeleted",
                            &format!("group `{group}` has no failed node"),
                        ));
                    }
                    if n == 1 {
                        s.failed.remove(group);
                    } else {
                        s.failed.insert(group.clone(), n - 1);
                    }
                } else {
                    s.unneeded.remove(node);
                    s.last_scale_down = Some(now);
                }
            }
            AutoscalerEvent::ScaleDownFailed { group, node } => {
                self.group(group)?;
                s.unneeded.remove(node);
                s.last_scale_down_failure = Some(now);
            }
        }
        s.at = Some(now);
        Ok(s)
    }
}

/// `count` nodes of `group` failed at `now`: the breaker counts them, and the group backs
/// off (CA `exponential_backoff.go`: the duration doubles, up to the maximum, only when the
/// previous backoff had ended).
pub(crate) fn fail_nodes(s: &mut AutoscalerSnapshot, group: &str, count: i32, now: Timestamp) {
    let n = s.failed.entry(group.to_owned()).or_insert(0);
    *n = n.saturating_add(count);
    let Some(cfg) = &s.config.backoff else {
        return;
    };
    let seconds = match s.backoff.get(group) {
        Some(b) if b.until <= now => b.seconds.saturating_mul(2).min(cfg.max_seconds),
        Some(b) => b.seconds,
        None => cfg.initial_seconds,
    };
    s.backoff.insert(
        group.to_owned(),
        GroupBackoff {
            until: after(now, seconds),
            seconds,
            last_failure: now,
        },
    );
}

impl Machine for Autoscaler {
    type Event = AutoscalerEvent;
    type Output = AutoscalerOutput;
    type Snapshot = AutoscalerSnapshot;

    fn handle(&mut self, now: Timestamp, event: AutoscalerEvent) -> Result<AutoscalerOutput> {
        check_forward(self.s.at, now)?;
        if let AutoscalerEvent::Step { cluster } = &event {
            return self
                .step(now, cluster)
                .map(|d| AutoscalerOutput::Decision(Box::new(d)));
        }
        self.s = self.observe_event(now, &event)?;
        Ok(AutoscalerOutput::Observed)
    }

    fn poll_timeout(&self) -> Option<Timestamp> {
        let s = &self.s;
        let c = &s.config;
        let last = s.at?;
        // The first instant after `since + d` (timers are strict), to the millisecond.
        let strict = |since: Timestamp, d: i32| after(since, d).plus_seconds(0.001);
        let mut times: Vec<Timestamp> = Vec::new();
        times.extend(
            s.requests
                .iter()
                .filter_map(|r| strict(r.at, c.max_node_provision_time)),
        );
        times.extend(s.backoff.values().map(|b| b.until));
        if c.scale_down.enabled {
            times.extend(s.unneeded.values().filter_map(|u| {
                let d = if u.unready {
                    c.scale_down_unready_time
                } else {
                    c.scale_down_unneeded_time
                };
                strict(u.since, d)
            }));
            for (at, d) in [
                (s.last_scale_up, c.scale_down_delay_after_add),
                (s.last_scale_down, c.scale_down_delay_after_delete),
                (s.last_scale_down_failure, c.scale_down_delay_after_failure),
            ] {
                times.extend(at.and_then(|at| strict(at, d)));
            }
        }
        times
            .into_iter()
            .filter(|t| *t > last)
            .reduce(Timestamp::min)
    }

    fn snapshot(&self) -> AutoscalerSnapshot {
        self.s.clone()
    }

    fn restore(snapshot: AutoscalerSnapshot) -> Result<Autoscaler> {
        let mut errs = ValidationErrors::new();
        let mut cfg_errs = ValidationErrors::new();
        snapshot.config.check(&mut cfg_errs);
        for e in cfg_errs.0 {
            errs.push(child("config", &e.path), e.code, e.message);
        }
        check_state(&snapshot, &mut errs);
        errs.into_result(Autoscaler { s: snapshot })
    }
}

/// A snapshot's state against its configuration and its `last` instant.
fn check_state(s: &AutoscalerSnapshot, errs: &mut ValidationErrors) {
    let known = |g: &str| s.config.group_index(g).is_some();
    let late = |t: Timestamp| s.at.is_none_or(|last| t > last);
    let at = |path: String, t: Timestamp, errs: &mut ValidationErrors| {
        if late(t) {
            errs.push(path, Code::Invalid, "after the last instant handled");
        }
    };
    if s.requests.len() > MAX_REQUESTS {
        errs.push(
            "requests",
            Code::TooMany,
            format!("at most {MAX_REQUESTS} provisioning requests"),
        );
        return;
    }
    if s.unneeded.len() > MAX_NODES {
        errs.push(
            "unneeded",
            Code::TooMany,
            format!("at most {MAX_NODES} nodes"),
        );
        return;
    }
    for (i, r) in s.requests.iter().enumerate() {
        let path = format!("requests[{i}]");
        if !known(&r.group) {
            errs.push(
                child(&path, "group"),
                Code::NotSupported,
                "unknown node group",
            );
        }
        if r.count < 1 {
            errs.push(
                child(&path, "count"),
                Code::Invalid,
                "a request is for 1 node or more",
            );
        }
        at(child(&path, "at"), r.at, errs);
    }
    for (g, n) in &s.failed {
        if !known(g) {
            errs.push(key("failed", g), Code::NotSupported, "unknown node group");
        }
        if *n < 1 {
            errs.push(
                key("failed", g),
                Code::Invalid,
                "a failed count is 1 or more",
            );
        }
    }
    check_backoff(s, errs);
    for (node, u) in &s.unneeded {
        let path = key("unneeded", node);
        if !known(&u.group) {
            errs.push(
                child(&path, "group"),
                Code::NotSupported,
                "unknown node group",
            );
        }
        at(child(&path, "since"), u.since, errs);
    }
    for (path, t) in [
        ("lastScaleUp", s.last_scale_up),
        ("lastScaleDown", s.last_scale_down),
        ("lastScaleDownFailure", s.last_scale_down_failure),
    ] {
        if let Some(t) = t {
            at(path.to_owned(), t, errs);
        }
    }
}

/// The backoffs against the configuration and the last instant.
fn check_backoff(s: &AutoscalerSnapshot, errs: &mut ValidationErrors) {
    let known = |g: &str| s.config.group_index(g).is_some();
    let at = |path: String, t: Timestamp, errs: &mut ValidationErrors| {
        if s.at.is_none_or(|last| t > last) {
            errs.push(path, Code::Invalid, "after the last instant handled");
        }
    };
    for (g, b) in &s.backoff {
        let path = key("backoff", g);
        if !known(g) {
            errs.push(path.clone(), Code::NotSupported, "unknown node group");
        }
        match &s.config.backoff {
            None => errs.push(path.clone(), Code::Forbidden, "backoff is not configured"),
            Some(c) if !(c.initial_seconds..=c.max_seconds).contains(&b.seconds) => errs.push(
                child(&path, "seconds"),
                Code::Invalid,
                "outside the configured initial to max seconds",
            ),
            Some(_) => {}
        }
        if after(b.last_failure, b.seconds) != b.until {
            errs.push(
                child(&path, "until"),
                Code::Invalid,
                "until is lastFailure + seconds",
            );
        }
        at(child(&path, "lastFailure"), b.last_failure, errs);
    }
}
