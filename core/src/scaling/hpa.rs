//! The Kubernetes HPA v2 replica computation, sans-IO (`docs/scaling.md`).
//!
//! Facts, with their source in kubernetes/kubernetes:
//! - per-metric math: `pkg/controller/podautoscaler/replica_calculator.go`
//!   (`GetResourceReplicas`, `calcPlainMetricReplicas`, `getUsageRatioReplicaCount`,
//!   `GetObjectPerPodMetricReplicas`, `GetExternal*`, `groupPods`, `calculatePodRequests`);
//! - utilisation: `pkg/controller/podautoscaler/metrics/utilization.go`
//!   (`GetResourceUtilizationRatio`: an integer percent before dividing by the target;
//!   `GetMetricUsageRatio`: an integer average);
//! - the reconcile, the legacy and the behaviour paths: `pkg/controller/podautoscaler/horizontal.go`
//!   (`reconcileAutoscaler`, `computeReplicasForMetrics`, `normalizeDesiredReplicas`,
//!   `stabilizeRecommendation[WithBehaviors]`, `convertDesiredReplicasWith{Rules,BehaviorRate}`,
//!   `calculateScale{Up,Down}Limit*`, `storeScaleEvent`, `recordInitialRecommendation`);
//! - defaults: `pkg/apis/autoscaling/v2/defaults.go` and the controller flags
//!   (`pkg/controller/podautoscaler/config/v1alpha1/defaults.go`);
//! - per-direction tolerance: KEP-4951; the `max(100 %, target)` fill for missing pods on a
//!   scale-down: kubernetes/kubernetes#112178.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrorCode as Code, FieldPath, Result, ValidationErrors};
use crate::machine::{Machine, check_forward};
use crate::time::Timestamp;

pub use super::hpa_types::*;

mod calc;
mod check;

use calc::{Calculator, Prepared};
use check::{check_config, check_input};

/// One recommendation of the history (`timestampedRecommendation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimedRecommendation {
    /// The raw (unstabilised) recommendation.
    pub replicas: i32,
    /// When it was made.
    pub timestamp: Timestamp,
}

/// One scale event (`timestampedScaleEvent`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScaleEvent {
    /// Pods added (up list) or removed (down list), ≥ 0.
    pub replica_change: i32,
    /// When.
    pub timestamp: Timestamp,
    /// Older than the direction's longest policy period: its slot may be reused.
    #[serde(default)]
    pub outdated: bool,
}

/// The HPA controller's memory for one autoscaler: the recommendation history and the scale
/// events, plus the controller's flags. Sans-IO: the caller feeds one reconcile's
/// observations to [`HpaState::handle`] at the reconcile's instant and scales the target
/// to the answer; [`HpaState::poll_timeout`] says when the next reconcile is due.
///
/// When `handle` returns `rescale: true`, weir records the scale event at once, as the
/// controller does after a successful update; a caller that fails to scale should
/// [`restore`](HpaState::restore) the snapshot it took before.
///
/// # Examples
///
/// ```
/// use weir::{HpaInput, HpaState};
/// let input: HpaInput = serde_json::from_value(serde_json::json!({
///     "spec": {"maxReplicas": 10, "metrics": [{"type": "Resource",
///         "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
///     "currentReplicas": 2,
///     "pods": [
///         {"name": "a", "ready": true, "startTime": "2025-12-31T00:00:00Z",
///          "containers": [{"name": "app", "requests": {"cpu": "1"}}]},
///         {"name": "b", "ready": true, "startTime": "2025-12-31T00:00:00Z",
///          "containers": [{"name": "app", "requests": {"cpu": "1"}}]}],
///     "metrics": [{"pods": [{"pod": "a", "value": "900m"}, {"pod": "b", "value": "700m"}]}]
/// }))?;
/// let mut hpa = HpaState::new(None);
/// let r = hpa.handle("2026-01-01T00:00:00Z".parse()?, &input)?;
/// // 80 % used against a 50 % target: ceil(1.6 × 2) = 4.
/// assert_eq!(r.desired_replicas, 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HpaState {
    s: HpaSnapshot,
}

/// An HPA's state, as [`HpaState::snapshot`] gives it and [`HpaState::restore`] takes it
/// (every field is essential: nothing in it is derived).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaSnapshot {
    /// The controller's flags.
    #[serde(default)]
    pub config: HpaConfig,
    /// The recommendation history; `null` until the first reconcile, which seeds it with
    /// `{currentReplicas, now}` (so a fresh HPA cannot scale down within the window).
    #[serde(default)]
    pub recommendations: Option<Vec<TimedRecommendation>>,
    /// Scale-up events (behaviour path only).
    #[serde(default)]
    pub scale_up_events: Vec<ScaleEvent>,
    /// Scale-down events (behaviour path only).
    #[serde(default)]
    pub scale_down_events: Vec<ScaleEvent>,
    /// The last reconcile's instant; absent before the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

impl Default for HpaState {
    fn default() -> Self {
        HpaState::new(None)
    }
}

/// The most samples per metric, pods, scale events or recommendations one reconcile takes
/// (a documented limit).
pub const MAX_HPA_ITEMS: usize = 100_000;

/// The most metrics one HPA spec has, and observations one reconcile takes: each metric is
/// weighed against every pod, so metrics × pods is at most 100 × [`MAX_HPA_ITEMS`].
/// Refused at `spec.metrics` / `metrics` with `too_many`, before anything else is read.
pub const MAX_HPA_METRICS: usize = 100;

/// The most scaling policies per direction of an HPA behaviour: each is weighed against
/// every stored scale event. Refused at `spec.behavior.scaleUp.policies` (or `scaleDown`)
/// with `too_many`, before anything else is read.
pub const MAX_HPA_POLICIES: usize = 100;

/// `horizontal.go`'s messages for the limiting conditions.
const MSG_WITHIN: &str = "the desired count is within the acceptable range";
const MSG_UP_LIMIT: &str =
    "the desired replica count is increasing faster than the maximum scale rate";
const MSG_DOWN_LIMIT: &str =
    "the desired replica count is decreasing faster than the maximum scale rate";
const MSG_TOO_MANY: &str = "the desired replica count is more than the maximum replica count";
const MSG_TOO_FEW: &str = "the desired replica count is less than the minimum replica count";

impl HpaState {
    /// A fresh state with the given controller flags (default: Kubernetes' defaults).
    #[must_use]
    pub fn new(config: Option<HpaConfig>) -> HpaState {
        HpaState {
            s: HpaSnapshot {
                config: config.unwrap_or_default(),
                recommendations: None,
                scale_up_events: Vec::new(),
                scale_down_events: Vec::new(),
                at: None,
            },
        }
    }

    /// What a restore needs.
    #[must_use]
    pub fn snapshot(&self) -> HpaSnapshot {
        self.s.clone()
    }

    /// The next reconcile: one sync period after the last (none before the first).
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        let period = f64::from(self.s.config.sync_period_seconds);
        self.s
            .at
            .map(|at| at.plus_seconds(period).unwrap_or(Timestamp::MAX))
    }

    /// A state from a snapshot, after checking it.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) when the config or an entry is out of range.
    pub fn restore(snapshot: HpaSnapshot) -> Result<HpaState> {
        let mut errs = ValidationErrors::new();
        check_config(&snapshot.config, &mut errs);
        for (len, name) in [
            (snapshot.scale_up_events.len(), "scaleUpEvents"),
            (snapshot.scale_down_events.len(), "scaleDownEvents"),
            (
                snapshot.recommendations.as_ref().map_or(0, Vec::len),
                "recommendations",
            ),
        ] {
            if len > MAX_HPA_ITEMS {
                errs.push(
                    name,
                    Code::TooMany,
                    format!("{len}; at most {MAX_HPA_ITEMS}"),
                );
            }
        }
        for (list, name) in [
            (&snapshot.scale_up_events, "scaleUpEvents"),
            (&snapshot.scale_down_events, "scaleDownEvents"),
        ] {
            for (n, e) in list.iter().enumerate() {
                if e.replica_change < 0 {
                    errs.push(
                        FieldPath::root(name).index(n).child("replicaChange"),
                        Code::Invalid,
                        "a replica change is ≥ 0",
                    );
                }
            }
        }
        if let Some(at) = snapshot.at {
            let later = |t: Timestamp| t > at;
            if snapshot
                .recommendations
                .iter()
                .flatten()
                .any(|r| later(r.timestamp))
                || snapshot
                    .scale_up_events
                    .iter()
                    .chain(&snapshot.scale_down_events)
                    .any(|e| later(e.timestamp))
            {
                errs.push(
                    "at",
                    Code::Invalid,
                    "a recommendation or scale event is later than the last reconcile",
                );
            }
        }
        errs.into_result(())?;
        Ok(HpaState { s: snapshot })
    }

    /// One reconcile: the desired replicas, why, and what each metric said. Updates the
    /// recommendation history and, on a rescale with a behaviour, the scale events.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) for an invalid spec or observation (every problem, with its
    /// path); the state is then unchanged. A metric that cannot be used (no samples, a
    /// missing request, a failed fetch) is not an error: it is reported in `metrics` and
    /// handled as Kubernetes does.
    pub fn handle(&mut self, now: Timestamp, input: &HpaInput) -> Result<HpaRecommendation> {
        check_forward(self.s.at, now)?;
        let prepared = check_input(now, input)?;
        let now = prepared.now;
        let spec = &input.spec;
        let current = input.current_replicas;
        let min = spec.min_replicas.unwrap_or(1);
        let max = spec.max_replicas;
        // recordInitialRecommendation: the first reconcile seeds the history.
        if self.s.recommendations.is_none() {
            self.s.recommendations = Some(vec![TimedRecommendation {
                replicas: current,
                timestamp: Timestamp::checked(now),
            }]);
        }
        let rules = spec.behavior.as_ref().map(|b| self.effective_behavior(b));
        let out = match early_answer(current, min, max) {
            Some(answer) => answer,
            None => self.compute(input, &prepared, rules.as_ref()),
        };
        if out.rescale
            && let Some(rules) = &rules
        {
            self.store_scale_event(now, rules, current, out.desired_replicas);
        }
        self.s.at = Timestamp::from_unix_seconds(now);
        Ok(out)
    }

    /// The metrics' proposal, normalised by the legacy or the behaviour path (the spec's
    /// replicas are within `[min, max]` and not zero).
    fn compute(
        &mut self,
        input: &HpaInput,
        prepared: &Prepared,
        rules: Option<&Rules>,
    ) -> HpaRecommendation {
        let now = prepared.now;
        let current = input.current_replicas;
        let min = input.spec.min_replicas.unwrap_or(1);
        let max = input.spec.max_replicas;
        let tolerances = Tolerances {
            up: rules
                .and_then(|r| r.up.tolerance)
                .unwrap_or(self.s.config.tolerance),
            down: rules
                .and_then(|r| r.down.tolerance)
                .unwrap_or(self.s.config.tolerance),
        };
        let calc = Calculator {
            input,
            prepared,
            now,
            config: &self.s.config,
            tolerances,
        };
        let (proposal, name, statuses) = calc.all_metrics();
        let Some(metric_desired) = proposal else {
            let mut r = early(
                current,
                current,
                HpaReason::InvalidMetrics,
                "invalid metrics: no change while any metric is invalid and the valid ones would not scale up",
            );
            r.metrics = statuses;
            return r;
        };
        let desired = metric_desired.max(0);
        let (final_replicas, stabilized, verdict, reason, message) = match rules {
            None => self.normalize_legacy(now, current, desired, min, max),
            Some(rules) => self.normalize_with_behavior(now, rules, current, desired, min, max),
        };
        HpaRecommendation {
            desired_replicas: final_replicas,
            current_replicas: current,
            rescale: final_replicas != current,
            reason,
            message: message.to_owned(),
            metric_replicas: Some(metric_desired),
            metric_name: name,
            stabilized_replicas: Some(stabilized),
            stabilization: Some(verdict),
            metrics: statuses,
        }
    }

    /// Fill the behaviour's defaults (`defaults.go` `GenerateHPAScale{Up,Down}Rules`, and the
    /// controller's `maybeInitScaleDownStabilizationWindow`).
    fn effective_behavior(&self, b: &HpaBehavior) -> Rules {
        let up = b.scale_up.as_ref();
        let down = b.scale_down.as_ref();
        let tol = |r: Option<&HpaScalingRules>| {
            r.and_then(|r| r.tolerance.as_ref())
                .map(|q| q.nano_value() as f64 / 1e9)
        };
        Rules {
            up: Direction {
                window: up.and_then(|r| r.stabilization_window_seconds).unwrap_or(0),
                select: up
                    .and_then(|r| r.select_policy)
                    .unwrap_or(SelectPolicy::Max),
                policies: up.and_then(|r| r.policies.clone()).unwrap_or_else(|| {
                    vec![
                        HpaScalingPolicy {
                            kind: HpaScalingPolicyType::Pods,
                            value: 4,
                            period_seconds: 15,
                        },
                        HpaScalingPolicy {
                            kind: HpaScalingPolicyType::Percent,
                            value: 100,
                            period_seconds: 15,
                        },
                    ]
                }),
                tolerance: tol(up),
            },
            down: Direction {
                window: down
                    .and_then(|r| r.stabilization_window_seconds)
                    .unwrap_or(self.s.config.downscale_stabilization_seconds),
                select: down
                    .and_then(|r| r.select_policy)
                    .unwrap_or(SelectPolicy::Max),
                policies: down.and_then(|r| r.policies.clone()).unwrap_or_else(|| {
                    vec![HpaScalingPolicy {
                        kind: HpaScalingPolicyType::Percent,
                        value: 100,
                        period_seconds: 15,
                    }]
                }),
                tolerance: tol(down),
            },
        }
    }

    /// The legacy path (`normalizeDesiredReplicas`): the highest recommendation of the
    /// downscale window, then `convertDesiredReplicasWithRules`.
    fn normalize_legacy(
        &mut self,
        now: f64,
        current: i32,
        desired: i32,
        min: i32,
        max: i32,
    ) -> (i32, i32, Stabilization, HpaReason, &'static str) {
        let cutoff = now - f64::from(self.s.config.downscale_stabilization_seconds);
        let history = self.s.recommendations.get_or_insert_with(Vec::new);
        let mut stabilized = desired;
        let mut old = None;
        for (i, rec) in history.iter().enumerate() {
            if rec.timestamp.unix_seconds() < cutoff {
                old = Some(i);
            } else if rec.replicas > stabilized {
                stabilized = rec.replicas;
            }
        }
        record(history, old, desired, now);
        let verdict = if stabilized == desired {
            Stabilization::ReadyForNewScale
        } else {
            Stabilization::ScaleDownStabilized
        };
        let limit = (self.s.config.scale_up_limit_factor * f64::from(current))
            .max(self.s.config.scale_up_limit_minimum);
        let scale_up_limit = saturate(limit);
        let (max_allowed, reason, message) = if max > scale_up_limit {
            (scale_up_limit, HpaReason::ScaleUpLimit, MSG_UP_LIMIT)
        } else {
            (max, HpaReason::TooManyReplicas, MSG_TOO_MANY)
        };
        if stabilized < min {
            (
                min,
                stabilized,
                verdict,
                HpaReason::TooFewReplicas,
                MSG_TOO_FEW,
            )
        } else if stabilized > max_allowed {
            (max_allowed, stabilized, verdict, reason, message)
        } else {
            (
                stabilized,
                stabilized,
                verdict,
                HpaReason::DesiredWithinRange,
                MSG_WITHIN,
            )
        }
    }

    /// The behaviour path (`normalizeDesiredReplicasWithBehaviors`).
    fn normalize_with_behavior(
        &mut self,
        now: f64,
        rules: &Rules,
        current: i32,
        desired: i32,
        min: i32,
        max: i32,
    ) -> (i32, i32, Stabilization, HpaReason, &'static str) {
        // stabilizeRecommendationWithBehaviors
        let up_cutoff = now - f64::from(rules.up.window);
        let down_cutoff = now - f64::from(rules.down.window);
        let history = self.s.recommendations.get_or_insert_with(Vec::new);
        let (mut up_rec, mut down_rec) = (desired, desired);
        let mut old = None;
        for (i, rec) in history.iter().enumerate() {
            let t = rec.timestamp.unix_seconds();
            if t > up_cutoff {
                up_rec = up_rec.min(rec.replicas);
            }
            if t > down_cutoff {
                down_rec = down_rec.max(rec.replicas);
            }
            if t < up_cutoff && t < down_cutoff {
                old = Some(i);
            }
        }
        let stabilized = current.max(up_rec).min(down_rec);
        record(history, old, desired, now);
        let verdict = if stabilized == desired {
            Stabilization::ReadyForNewScale
        } else if desired >= current {
            Stabilization::ScaleUpStabilized
        } else {
            Stabilization::ScaleDownStabilized
        };
        // convertDesiredReplicasWithBehaviorRate
        let (value, reason, message) = if stabilized > current {
            let limit = self.limit(now, &rules.up, current, true).max(current);
            let (allowed, reason, message) = if max > limit {
                (limit, HpaReason::ScaleUpLimit, MSG_UP_LIMIT)
            } else {
                (max, HpaReason::TooManyReplicas, MSG_TOO_MANY)
            };
            if stabilized > allowed {
                (allowed, reason, message)
            } else {
                (stabilized, HpaReason::DesiredWithinRange, MSG_WITHIN)
            }
        } else if stabilized < current {
            let limit = self.limit(now, &rules.down, current, false).min(current);
            let (allowed, reason, message) = if min < limit {
                (limit, HpaReason::ScaleDownLimit, MSG_DOWN_LIMIT)
            } else {
                (min, HpaReason::TooFewReplicas, MSG_TOO_FEW)
            };
            if stabilized < allowed {
                (allowed, reason, message)
            } else {
                (stabilized, HpaReason::DesiredWithinRange, MSG_WITHIN)
            }
        } else {
            (stabilized, HpaReason::DesiredWithinRange, MSG_WITHIN)
        };
        (value, stabilized, verdict, reason, message)
    }

    /// `calculateScaleUpLimitWithScalingRules` / `calculateScaleDownLimitWithBehaviors`.
    fn limit(&self, now: f64, d: &Direction, current: i32, up: bool) -> i32 {
        if d.select == SelectPolicy::Disabled {
            return current;
        }
        // Max picks the largest change: the highest limit up, the lowest down.
        let largest_change = d.select == SelectPolicy::Max;
        let pick_high = largest_change == up;
        let mut result: Option<i64> = None;
        for p in &d.policies {
            let added = change_in_period(&self.s.scale_up_events, now, p.period_seconds);
            let deleted = change_in_period(&self.s.scale_down_events, now, p.period_seconds);
            let start = i64::from(current) - added + deleted;
            let value = i64::from(p.value);
            let proposed = match (p.kind, up) {
                (HpaScalingPolicyType::Pods, true) => start + value,
                (HpaScalingPolicyType::Pods, false) => start - value,
                (HpaScalingPolicyType::Percent, true) => {
                    (start as f64 * (1.0 + value as f64 / 100.0)).ceil() as i64
                }
                (HpaScalingPolicyType::Percent, false) => {
                    (start as f64 * (1.0 - value as f64 / 100.0)) as i64
                }
            };
            let proposed = i64::from(clamp_i32(proposed));
            result = Some(match result {
                None => proposed,
                Some(r) if pick_high => r.max(proposed),
                Some(r) => r.min(proposed),
            });
        }
        // No policy: Kubernetes starts from MinInt32/MaxInt32 and keeps it.
        clamp_i32(result.unwrap_or(if pick_high {
            i64::from(i32::MIN)
        } else {
            i64::from(i32::MAX)
        }))
    }

    /// `storeScaleEvent`.
    fn store_scale_event(&mut self, now: f64, rules: &Rules, prev: i32, new: i32) {
        let (events, d, change) = if new > prev {
            (&mut self.s.scale_up_events, &rules.up, new - prev)
        } else {
            (&mut self.s.scale_down_events, &rules.down, prev - new)
        };
        let longest = d
            .policies
            .iter()
            .map(|p| p.period_seconds)
            .max()
            .unwrap_or(0);
        let cutoff = now - f64::from(longest);
        for e in events.iter_mut() {
            if e.timestamp.unix_seconds() < cutoff {
                e.outdated = true;
            }
        }
        let event = ScaleEvent {
            replica_change: change,
            timestamp: Timestamp::checked(now),
            outdated: false,
        };
        // The last outdated entry is reused (`oldSampleIndex` keeps the last match).
        match events.iter_mut().rev().find(|e| e.outdated) {
            Some(slot) => *slot = event,
            None => push_bounded(events, event, |e| e.timestamp.unix_seconds()),
        }
    }
}

/// An answer that needs no metric: `desired` with `reason`.
fn early(current: i32, desired: i32, reason: HpaReason, message: &str) -> HpaRecommendation {
    HpaRecommendation {
        desired_replicas: desired,
        current_replicas: current,
        rescale: desired != current && reason != HpaReason::ScalingDisabled,
        reason,
        message: message.to_owned(),
        metric_replicas: None,
        metric_name: None,
        stabilized_replicas: None,
        stabilization: None,
        metrics: Vec::new(),
    }
}

/// `reconcileAutoscaler`'s answers before any metric: scaling disabled at zero replicas,
/// or the current count outside `[min, max]`.
fn early_answer(current: i32, min: i32, max: i32) -> Option<HpaRecommendation> {
    if current == 0 && min != 0 {
        Some(early(
            current,
            0,
            HpaReason::ScalingDisabled,
            "scaling is disabled since the replica count of the target is zero",
        ))
    } else if current > max {
        Some(early(
            current,
            max,
            HpaReason::AboveMaxReplicas,
            "Current number of replicas above Spec.MaxReplicas",
        ))
    } else if current < min {
        Some(early(
            current,
            min,
            HpaReason::BelowMinReplicas,
            "Current number of replicas below Spec.MinReplicas",
        ))
    } else {
        None
    }
}

/// Replace the last entry older than the windows, else append (both paths).
fn record(history: &mut Vec<TimedRecommendation>, old: Option<usize>, desired: i32, now: f64) {
    let rec = TimedRecommendation {
        replicas: desired,
        timestamp: Timestamp::checked(now),
    };
    match old.and_then(|i| history.get_mut(i)) {
        Some(slot) => *slot = rec,
        None => push_bounded(history, rec, |r| r.timestamp.unix_seconds()),
    }
}

/// Push onto a state list, or, at [`MAX_HPA_ITEMS`] entries (only reached by many calls at
/// one instant), overwrite the oldest: a snapshot always restores.
fn push_bounded<T>(list: &mut Vec<T>, item: T, time: impl Fn(&T) -> f64) {
    if list.len() < MAX_HPA_ITEMS {
        list.push(item);
    } else if let Some(oldest) = list.iter_mut().min_by(|a, b| time(a).total_cmp(&time(b))) {
        *oldest = item;
    }
}

/// `getReplicasChangePerPeriod`: events strictly newer than `now − period`.
fn change_in_period(events: &[ScaleEvent], now: f64, period: i32) -> i64 {
    let cutoff = now - f64::from(period);
    events
        .iter()
        .filter(|e| e.timestamp.unix_seconds() > cutoff)
        .map(|e| i64::from(e.replica_change))
        .sum()
}

fn clamp_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

/// `int32(math.Ceil(x))`-style conversions, saturating (Go leaves overflow undefined).
fn saturate(x: f64) -> i32 {
    // `as` saturates and maps NaN to 0.
    x as i32
}

fn ceil_i32(x: f64) -> i32 {
    saturate(x.ceil())
}

struct Direction {
    window: i32,
    select: SelectPolicy,
    policies: Vec<HpaScalingPolicy>,
    tolerance: Option<f64>,
}

struct Rules {
    up: Direction,
    down: Direction,
}

/// `Tolerances.isWithin`: `1 − down ≤ ratio ≤ 1 + up`, inclusive.
#[derive(Clone, Copy)]
struct Tolerances {
    up: f64,
    down: f64,
}

impl Tolerances {
    fn within(self, ratio: f64) -> bool {
        (1.0 - self.down) <= ratio && ratio <= (1.0 + self.up)
    }
}

impl Machine for HpaState {
    type Event = HpaInput;
    type Output = HpaRecommendation;
    type Snapshot = HpaSnapshot;

    fn handle(&mut self, now: Timestamp, input: HpaInput) -> Result<HpaRecommendation> {
        HpaState::handle(self, now, &input)
    }

    fn poll_timeout(&self) -> Option<Timestamp> {
        HpaState::poll_timeout(self)
    }

    fn snapshot(&self) -> HpaSnapshot {
        HpaState::snapshot(self)
    }

    fn restore(snapshot: HpaSnapshot) -> Result<Self> {
        HpaState::restore(snapshot)
    }
}
