//! Timed scaling compiled: each policy's schedule as instants or a cron, the cursors a
//! sweep keeps per policy, and which policy is in effect at an instant.

use std::sync::Arc;

use super::{Effective, EffectiveKind};
use crate::error::{Error, FieldErrorCode, FieldPath, Result, ValidationErrors, clip};
use crate::model::app_service::{MAX_POLICIES, MetricTargets, PolicyAction, RampMode, Scaling};
use crate::model::cron::{Cron, format_in, parse_time_zone};
use crate::scaling::hpa::{
    HpaSpec, MetricSpec, MetricTarget, MetricTargetType, ResourceMetricSource,
};

/// A schedule, compiled.
pub(super) enum When {
    At(i64),
    Cron(Box<Cron>),
}

pub(super) struct Policy {
    pub(super) name: Arc<str>,
    pub(super) when: When,
    pub(super) duration: Option<i64>,
    pub(super) priority: i32,
    pub(super) action: PolicyAction,
}

impl Policy {
    pub(super) fn latest_at_or_before(&self, t: i64) -> Option<i64> {
        match &self.when {
            When::At(a) => (*a <= t).then_some(*a),
            When::Cron(c) => c.latest_at_or_before(t),
        }
    }

    pub(super) fn next_after(&self, t: i64) -> Option<i64> {
        match &self.when {
            When::At(a) => (*a > t).then_some(*a),
            When::Cron(c) => c.next_after(t),
        }
    }

    pub(super) fn zone(&self) -> chrono_tz::Tz {
        match &self.when {
            When::At(_) => chrono_tz::Tz::UTC,
            When::Cron(c) => c.time_zone(),
        }
    }
}

/// Elastic scaling, checked and compiled.
pub(super) struct Plan {
    pub(super) fixed: Option<i32>,
    pub(super) min: i32,
    pub(super) max: i32,
    pub(super) initial: i32,
    pub(super) policies: Vec<Policy>,
}

/// Where a policy stands at the sweep's instant: its last fire at or before it and its
/// next fire after it.
#[derive(Clone, Copy)]
pub(super) struct Cursor {
    pub(super) latest: Option<i64>,
    pub(super) next: Option<i64>,
}

impl Plan {
    pub(super) fn compile(scaling: &Scaling) -> Result<Plan> {
        crate::model::validate::scaling_rules(scaling)?;
        match scaling {
            Scaling::Fixed { replicas } => Ok(Plan {
                fixed: Some(replicas.unwrap_or(1)),
                min: replicas.unwrap_or(1),
                max: replicas.unwrap_or(1),
                initial: replicas.unwrap_or(1),
                policies: Vec::new(),
            }),
            Scaling::Elastic {
                initial_replicas,
                min_replicas,
                max_replicas,
                policies,
            } => {
                let mut out = Vec::with_capacity(policies.len());
                for (n, p) in policies.iter().enumerate() {
                    let when = match (&p.schedule.at, &p.schedule.cron) {
                        // The app-service check reads `at` with chrono; weir's own reader
                        // also refuses an instant past year 9999 (`9999-12-31T23:00:00-05:00`).
                        (Some(at), _) => {
                            let mut errs = ValidationErrors::new();
                            let path = || {
                                (FieldPath::root("scaling").child("policies").index(n))
                                    .child("schedule")
                                    .child("at")
                            };
                            let t = crate::time::check(at, path, &mut errs);
                            When::At(t.ok_or(Error::Validation(errs))?.floor() as i64)
                        }
                        (None, Some(cron)) => {
                            let tz =
                                parse_time_zone(p.schedule.time_zone.as_deref().unwrap_or("UTC"))
                                    .map_err(Error::invalid_input)?;
                            When::Cron(Box::new(
                                Cron::parse_in(cron, tz).map_err(Error::invalid_input)?,
                            ))
                        }
                        (None, None) => return Err(Error::invalid_input("checked schedule")),
                    };
                    out.push(Policy {
                        name: Arc::from(p.name.as_str()),
                        when,
                        duration: p.duration_seconds.map(i64::from),
                        priority: p
                            .priority
                            .unwrap_or(i32::from(p.duration_seconds.is_some())),
                        action: p.action.clone(),
                    });
                }
                Ok(Plan {
                    fixed: None,
                    min: *min_replicas,
                    max: *max_replicas,
                    initial: *initial_replicas,
                    policies: out,
                })
            }
        }
    }

    pub(super) fn cursors(&self, t: i64) -> Vec<Cursor> {
        self.policies
            .iter()
            .map(|p| Cursor {
                latest: p.latest_at_or_before(t),
                next: p.next_after(t),
            })
            .collect()
    }

    /// Move the cursors to `t` (not earlier than their last instant).
    pub(super) fn advance(&self, cursors: &mut [Cursor], t: i64) {
        for (p, c) in self.policies.iter().zip(cursors.iter_mut()) {
            let Some(n) = c.next.filter(|n| *n <= t) else {
                continue;
            };
            // Usually `n` is the last fire at or before `t` (one search, not two).
            let after = p.next_after(n);
            *c = if after.is_none_or(|a| a > t) {
                Cursor {
                    latest: Some(n),
                    next: after,
                }
            } else {
                Cursor {
                    latest: p.latest_at_or_before(t),
                    next: p.next_after(t),
                }
            };
        }
    }

    /// The policy in effect at `t` and its fire: the in-window duration policy with the
    /// highest priority (then the smallest name), else the base policy that fired last
    /// (then the smallest name).
    pub(super) fn pick(&self, cursors: &[Cursor], t: i64) -> Option<(usize, i64)> {
        let mut window: Option<(usize, i64)> = None;
        let mut base: Option<(usize, i64)> = None;
        for (i, (p, c)) in self.policies.iter().zip(cursors).enumerate() {
            let Some(f) = c.latest else { continue };
            match p.duration {
                Some(d) => {
                    if t >= f.saturating_add(d) {
                        continue;
                    }
                    let better = window.is_none_or(|(w, _)| {
                        let wp = self.policies.get(w);
                        wp.is_none_or(|wp| {
                            p.priority > wp.priority
                                || (p.priority == wp.priority && p.name < wp.name)
                        })
                    });
                    if better {
                        window = Some((i, f));
                    }
                }
                None => {
                    let better = base.is_none_or(|(b, bf)| {
                        f > bf
                            || (f == bf && self.policies.get(b).is_none_or(|bp| p.name < bp.name))
                    });
                    if better {
                        base = Some((i, f));
                    }
                }
            }
        }
        window.or(base)
    }

    pub(super) fn clamp(&self, r: i32) -> i32 {
        r.clamp(self.min, self.max.max(self.min))
    }

    /// The value of the policy `i`, fired at `f`, at `t`: `(kind, replicas, band)`.
    pub(super) fn value(
        &self,
        i: usize,
        f: i64,
        t: i64,
    ) -> (EffectiveKind, Option<i32>, Option<(i32, i32)>) {
        let Some(p) = self.policies.get(i) else {
            return (EffectiveKind::Current, None, None);
        };
        match &p.action {
            PolicyAction::Replicas { replicas, ramp } => match (ramp, p.duration) {
                (Some(r), Some(d)) if d > 0 => (
                    EffectiveKind::Ramp,
                    Some(self.clamp(ramp_value(r, t - f, d))),
                    None,
                ),
                _ => (EffectiveKind::Preset, Some(self.clamp(*replicas)), None),
            },
            PolicyAction::Metric {
                min_replicas,
                max_replicas,
                ..
            } => {
                let lo = self.clamp(min_replicas.unwrap_or(self.min));
                let hi = self.clamp(max_replicas.unwrap_or(self.max)).max(lo);
                (EffectiveKind::Metric, None, Some((lo, hi)))
            }
        }
    }

    pub(super) fn effective(&self, cursors: &[Cursor], t: i64, current: Option<i32>) -> Effective {
        let blank = |kind, replicas, reason: &str| Effective {
            kind,
            replicas,
            min_replicas: None,
            max_replicas: None,
            targets: None,
            hpa: None,
            policy: None,
            fired_at: None,
            until: None,
            reason: reason.to_owned(),
        };
        if let Some(r) = self.fixed {
            return blank(EffectiveKind::Fixed, Some(r), "fixed replicas");
        }
        let Some((i, f)) = self.pick(cursors, t) else {
            return match current {
                None => blank(
                    EffectiveKind::Initial,
                    Some(self.initial),
                    "no policy has fired yet: initialReplicas (first release)",
                ),
                Some(c) => blank(
                    EffectiveKind::Current,
                    Some(self.clamp(c)),
                    "no policy has fired yet: the current replicas, within the bounds",
                ),
            };
        };
        let Some(p) = self.policies.get(i) else {
            return blank(EffectiveKind::Current, current, "no policy");
        };
        let (kind, replicas, band) = self.value(i, f, t);
        let mut e = blank(kind, replicas, "");
        e.policy = Some(p.name.to_string());
        e.fired_at = Some(format_in(f, p.zone()));
        e.until = p
            .duration
            .map(|d| f.saturating_add(d))
            .filter(|u| *u <= crate::time::MAX_UNIX_SECONDS)
            .map(|u| format_in(u, p.zone()));
        e.reason = match (p.duration, kind) {
            (Some(_), EffectiveKind::Ramp) => {
                format!(
                    "window of `{}` (priority {}), ramping",
                    clip(&p.name),
                    p.priority
                )
            }
            (Some(_), _) => format!(
                "window of `{}`, the highest priority ({}) in effect",
                p.name, p.priority
            ),
            (None, _) => format!("base policy `{}` fired last", clip(&p.name)),
        };
        if let (Some((lo, hi)), PolicyAction::Metric { targets, .. }) = (band, &p.action) {
            e.min_replicas = Some(lo);
            e.max_replicas = Some(hi);
            e.replicas = current.map(|c| c.clamp(lo, hi));
            e.targets = Some(targets.clone());
            e.hpa = Some(hpa_spec(targets, lo, hi));
            if current.is_none() {
                e.reason.push_str("; the HPA decides within the band");
            }
        }
        e
    }
}

/// A ramp's value `k` seconds into a window of `d`: `from + (to − from) · shape(k/d)` with
/// shape x, x², 1 − (1 − x)², rounded to nearest with ties up — in exact integers, so a
/// tie such as 7.5 really is a tie (floating point would land on 7.4999…).
pub(super) fn ramp_value(r: &crate::model::app_service::Ramp, k: i64, d: i64) -> i32 {
    let (k, d) = (i128::from(k.clamp(0, d)), i128::from(d.max(1)));
    // shape = num / den.
    let (num, den) = match r.mode {
        RampMode::Linear => (k, d),
        RampMode::Accelerating => (k * k, d * d),
        RampMode::Decelerating => (2 * k * d - k * k, d * d),
    };
    let span = i128::from(r.to) - i128::from(r.from);
    // from + span·num/den, rounded half up: floor((2·span·num + den) / (2·den)).
    let v = i128::from(r.from) + (2 * span * num + den).div_euclid(2 * den);
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

/// The HPA a metric window hands over to: each target as a Resource utilisation metric.
pub(super) fn hpa_spec(targets: &MetricTargets, lo: i32, hi: i32) -> HpaSpec {
    let metric = |name: &str, util: i32| MetricSpec::Resource {
        resource: ResourceMetricSource {
            name: name.to_owned(),
            target: MetricTarget {
                kind: MetricTargetType::Utilization,
                value: None,
                average_value: None,
                average_utilization: Some(util),
            },
        },
    };
    let mut metrics = Vec::new();
    if let Some(c) = targets.cpu_util {
        metrics.push(metric("cpu", c));
    }
    if let Some(m) = targets.mem_util {
        metrics.push(metric("memory", m));
    }
    HpaSpec {
        min_replicas: Some(lo),
        max_replicas: hi.max(1),
        metrics,
        behavior: None,
    }
}

pub(super) fn instant(text: &str, path: &str, errs: &mut ValidationErrors) -> Option<i64> {
    crate::time::check(text, || path, errs).map(|t| t.floor() as i64)
}

pub(super) fn check_current(current: Option<i32>, errs: &mut ValidationErrors) {
    if current.is_some_and(|c| c < 0) {
        errs.push("currentReplicas", FieldErrorCode::Invalid, "must be ≥ 0");
    }
}

/// The policy count check ([`MAX_POLICIES`]), before any policy is looked at.
pub(super) fn check_policy_count(scaling: &Scaling, errs: &mut ValidationErrors) -> bool {
    match scaling {
        Scaling::Elastic { policies, .. } if policies.len() > MAX_POLICIES => {
            errs.push(
                "scaling.policies",
                FieldErrorCode::TooMany,
                format!(
                    "{} policies; an elastic scaling has at most {MAX_POLICIES}",
                    policies.len()
                ),
            );
            false
        }
        _ => true,
    }
}

/// How many policies a scaling has (at least 1: the work of a step without policies).
pub(super) fn policy_factor(scaling: &Scaling) -> u64 {
    match scaling {
        Scaling::Elastic { policies, .. } => (policies.len() as u64).max(1),
        Scaling::Fixed { .. } => 1,
    }
}

/// Compile the scaling and check the rest, reporting every problem at once.
pub(super) fn prepare(scaling: &Scaling, mut errs: ValidationErrors) -> Result<Plan> {
    if !check_policy_count(scaling, &mut errs) {
        return Err(Error::Validation(errs));
    }
    let plan = Plan::compile(scaling);
    match (plan, errs.is_empty()) {
        (Ok(p), true) => Ok(p),
        (Ok(_), false) => Err(Error::Validation(errs)),
        (Err(Error::Validation(mut e)), _) => {
            e.0.extend(errs.0);
            Err(Error::Validation(e))
        }
        (Err(e), _) => Err(e),
    }
}
