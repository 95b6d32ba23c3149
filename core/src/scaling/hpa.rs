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

use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors, clip};
use crate::hash::{FastMap, map_with_capacity};
use crate::machine::{Machine, check_forward};
use crate::model::quantity::{Quantity, QuantityFormat};
use crate::time::Timestamp;

pub use super::hpa_types::*;

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
    /// [`Error::Validation`] when the config or an entry is out of range.
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
                        format!("{name}[{n}].replicaChange"),
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
    /// [`Error::Validation`] for an invalid spec or observation (every problem, with its
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
        let early = |desired: i32, reason: HpaReason, message: &str| HpaRecommendation {
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
        };
        let rules = spec.behavior.as_ref().map(|b| self.effective_behavior(b));
        let out = if current == 0 && min != 0 {
            early(
                0,
                HpaReason::ScalingDisabled,
                "scaling is disabled since the replica count of the target is zero",
            )
        } else if current > max {
            early(
                max,
                HpaReason::AboveMaxReplicas,
                "Current number of replicas above Spec.MaxReplicas",
            )
        } else if current < min {
            early(
                min,
                HpaReason::BelowMinReplicas,
                "Current number of replicas below Spec.MinReplicas",
            )
        } else {
            let tolerances = Tolerances {
                up: rules
                    .as_ref()
                    .and_then(|r| r.up.tolerance)
                    .unwrap_or(self.s.config.tolerance),
                down: rules
                    .as_ref()
                    .and_then(|r| r.down.tolerance)
                    .unwrap_or(self.s.config.tolerance),
            };
            let calc = Calculator {
                input,
                prepared: &prepared,
                now,
                config: &self.s.config,
                tolerances,
            };
            let (proposal, name, statuses) = calc.all_metrics();
            let Some(metric_desired) = proposal else {
                let mut r = early(
                    current,
                    HpaReason::InvalidMetrics,
                    "invalid metrics: no change while any metric is invalid and the valid ones would not scale up",
                );
                r.metrics = statuses;
                return Ok(r);
            };
            let desired = metric_desired.max(0);
            let (final_replicas, stabilized, verdict, reason, message) = match &rules {
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
        };
        if out.rescale
            && let Some(rules) = &rules
        {
            self.store_scale_event(now, rules, current, out.desired_replicas);
        }
        self.s.at = Timestamp::from_unix_seconds(now);
        Ok(out)
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

/// What checking an input learned, kept for the computation (nothing is parsed twice).
struct Prepared {
    now: f64,
    /// Per pod: `startTime` and the `Ready` transition, Unix seconds.
    times: Vec<(Option<f64>, Option<f64>)>,
    /// Per metric, per sample: the index of its pod, `None` for a pod not listed.
    sample_pods: Vec<Vec<Option<usize>>>,
}

struct Calculator<'a> {
    input: &'a HpaInput,
    prepared: &'a Prepared,
    now: f64,
    config: &'a HpaConfig,
    tolerances: Tolerances,
}

/// One pod's place in a metric's computation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Ready,
    Unready,
    Missing,
    Ignored,
}

/// A metric's usable samples (`PodMetricsInfo` after grouping): value in milli-units and
/// the pod's index when the pod is known.
struct Samples {
    values: Vec<(i64, Option<usize>)>,
    ready: u32,
    unready: Vec<usize>,
    missing: Vec<usize>,
    ignored: u32,
}

type Proposal = std::result::Result<(i32, MetricStatus), String>;

impl Calculator<'_> {
    /// `computeReplicasForMetrics`: the largest valid proposal, or `None` when all are
    /// invalid or some are and the valid ones would not reach the spec replicas.
    fn all_metrics(&self) -> (Option<i32>, Option<String>, Vec<MetricStatus>) {
        let mut statuses = Vec::with_capacity(self.input.spec.metrics.len());
        let mut best: Option<(i32, String)> = None;
        let mut invalid = 0usize;
        for (n, (spec, value)) in self
            .input
            .spec
            .metrics
            .iter()
            .zip(&self.input.metrics)
            .enumerate()
        {
            match self.one(n, spec, value) {
                Ok((proposal, status)) => {
                    if best.as_ref().is_none_or(|(r, _)| *r == 0 || proposal > *r) {
                        best = Some((proposal, status.name.clone()));
                    }
                    statuses.push(status);
                }
                Err(message) => {
                    invalid += 1;
                    let Parts { kind, name, .. } = parts(spec);
                    statuses.push(MetricStatus {
                        kind: kind.to_owned(),
                        name: name.to_owned(),
                        outcome: MetricOutcome::Invalid,
                        proposal: None,
                        ratio: None,
                        current_utilization: None,
                        current_average_value: None,
                        current_value: None,
                        pods: None,
                        error: Some(message),
                    });
                }
            }
        }
        let replicas = best.as_ref().map_or(0, |(r, _)| *r);
        if invalid >= statuses.len() || (invalid > 0 && replicas < self.input.current_replicas) {
            return (None, None, statuses);
        }
        (Some(replicas), best.map(|(_, n)| n), statuses)
    }

    fn one(&self, n: usize, spec: &MetricSpec, value: &MetricValue) -> Proposal {
        if let Some(e) = &value.error {
            return Err(format!("unable to get metric: {e}"));
        }
        let current = self.input.current_replicas;
        let Parts { kind, name, .. } = parts(spec);
        let status = |outcome| MetricStatus {
            kind: kind.to_owned(),
            name: name.to_owned(),
            outcome,
            proposal: None,
            ratio: None,
            current_utilization: None,
            current_average_value: None,
            current_value: None,
            pods: None,
            error: None,
        };
        match spec {
            MetricSpec::Resource { resource: r } => self.resource(
                n,
                &r.name,
                None,
                &r.target,
                value,
                status(MetricOutcome::Scaled),
            ),
            MetricSpec::ContainerResource {
                container_resource: r,
            } => self.resource(
                n,
                &r.name,
                Some(&r.container),
                &r.target,
                value,
                status(MetricOutcome::Scaled),
            ),
            MetricSpec::Pods { pods } => {
                let target = milli(pods.target.average_value.as_ref());
                self.plain(n, value, target, false, status(MetricOutcome::Scaled))
            }
            MetricSpec::Object { object } => {
                let usage = milli(value.value.as_ref());
                let t = &object.target;
                self.total(usage, t, current, status(MetricOutcome::Scaled))
            }
            MetricSpec::External { external } => {
                let usage = value
                    .values
                    .iter()
                    .flatten()
                    .fold(0i64, |acc, q| acc.saturating_add(milli(Some(q))));
                self.total(
                    usage,
                    &external.target,
                    current,
                    status(MetricOutcome::Scaled),
                )
            }
        }
    }

    /// Object and External targets: `Value` against the spec replicas and the ready
    /// Running pods; `AverageValue` against the status replicas.
    fn total(
        &self,
        usage: i64,
        target: &MetricTarget,
        current: i32,
        mut st: MetricStatus,
    ) -> Proposal {
        if target.kind == MetricTargetType::AverageValue {
            // GetObjectPerPodMetricReplicas / GetExternalPerPodMetricReplicas
            let per_pod = milli(target.average_value.as_ref());
            let status = self.input.status_replicas.unwrap_or(current);
            let ratio = usage as f64 / (per_pod as f64 * f64::from(status));
            let mut replicas = status;
            st.outcome = MetricOutcome::WithinTolerance;
            if !self.tolerances.within(ratio) {
                replicas = ceil_i32(usage as f64 / per_pod as f64);
                st.outcome = MetricOutcome::Scaled;
            }
            let average = (usage as f64 / f64::from(status)).ceil();
            st.current_average_value = quantity(saturating_i64(average));
            st.ratio = finite(ratio);
            st.proposal = Some(replicas);
            return Ok((replicas, st));
        }
        // GetObjectMetricReplicas / GetExternalMetricReplicas + getUsageRatioReplicaCount
        let ratio = usage as f64 / milli(target.value.as_ref()) as f64;
        st.current_value = quantity(usage);
        st.ratio = finite(ratio);
        let replicas = if current != 0 {
            if self.tolerances.within(ratio) {
                st.outcome = MetricOutcome::WithinTolerance;
                current
            } else {
                if self.input.pods.is_empty() {
                    return Err(
                        "unable to calculate ready pods: no pods returned by selector while calculating replica count"
                            .to_owned(),
                    );
                }
                let ready = self
                    .input
                    .pods
                    .iter()
                    .filter(|p| {
                        p.phase.unwrap_or(PodPhase::Running) == PodPhase::Running
                            && p.ready == Some(true)
                    })
                    .count();
                ceil_i32(ratio * ready as f64)
            }
        } else {
            st.outcome = MetricOutcome::FromZero;
            ceil_i32(ratio)
        };
        st.proposal = Some(replicas);
        Ok((replicas, st))
    }

    /// Resource and ContainerResource metrics.
    fn resource(
        &self,
        n: usize,
        resource: &str,
        container: Option<&str>,
        target: &MetricTarget,
        value: &MetricValue,
        mut st: MetricStatus,
    ) -> Proposal {
        let is_cpu = resource == "cpu";
        if target.kind == MetricTargetType::AverageValue {
            // GetRawResourceReplicas: the plain path, with the CPU readiness rules.
            return self.plain(n, value, milli(target.average_value.as_ref()), is_cpu, st);
        }
        let target_util = target.average_utilization.unwrap_or(1).max(1);
        // GetResourceReplicas
        let s = self.group(n, value, is_cpu)?;
        let requests = self.requests(resource, container)?;
        let request = |i: Option<usize>| i.and_then(|i| requests.get(i).copied());
        let ratio_of =
            |values: &[(i64, Option<usize>)]| -> std::result::Result<(f64, i32, i64), String> {
                let (mut used, mut requested, mut n) = (0i128, 0i128, 0i64);
                for &(v, pod) in values {
                    if let Some(r) = request(pod) {
                        used += i128::from(v);
                        requested += i128::from(r);
                        n += 1;
                    }
                }
                if requested == 0 {
                    return Err("no metrics returned matched known pods".to_owned());
                }
                let util = clamp_i32(saturating_i128(used * 100 / requested));
                let raw = saturating_i128(used / i128::from(n.max(1)));
                Ok((f64::from(util) / f64::from(target_util), util, raw))
            };
        let (ratio, util, raw) = ratio_of(&s.values)?;
        st.current_utilization = Some(util);
        st.current_average_value = quantity(raw);
        st.ratio = finite(ratio);
        st.pods = Some(counts(&s));
        // On a scale-down a missing pod is assumed to use max(100 %, target) of its request.
        let fallback = i64::from(target_util.max(100));
        let fill_down = |p: usize| request(Some(p)).unwrap_or(0).saturating_mul(fallback) / 100;
        self.settle(s, ratio, fill_down, |v| ratio_of(v).map(|r| r.0), st)
    }

    /// The rest of `GetResourceReplicas` and `calcPlainMetricReplicas` once the first ratio
    /// is known: the fast path, or missing pods filled in (`fill_down` on a scale-down, 0 on
    /// a scale-up; none at exactly 1), unready pods at 0 on a scale-up, and the re-check.
    fn settle(
        &self,
        mut s: Samples,
        ratio: f64,
        fill_down: impl Fn(usize) -> i64,
        ratio_of: impl Fn(&[(i64, Option<usize>)]) -> std::result::Result<f64, String>,
        mut st: MetricStatus,
    ) -> Proposal {
        let current = self.input.current_replicas;
        let scale_up_with_unready = !s.unready.is_empty() && ratio > 1.0;
        if !scale_up_with_unready && s.missing.is_empty() {
            let replicas = if self.tolerances.within(ratio) {
                st.outcome = MetricOutcome::WithinTolerance;
                current
            } else {
                ceil_i32(ratio * f64::from(s.ready))
            };
            st.proposal = Some(replicas);
            return Ok((replicas, st));
        }
        if ratio < 1.0 {
            for &p in &s.missing {
                s.values.push((fill_down(p), Some(p)));
            }
        } else if ratio > 1.0 {
            for &p in &s.missing {
                s.values.push((0, Some(p)));
            }
        }
        if scale_up_with_unready {
            for &p in &s.unready {
                s.values.push((0, Some(p)));
            }
        }
        let new_ratio = ratio_of(&s.values)?;
        let replicas = self.rebalanced(ratio, new_ratio, s.values.len(), &mut st);
        Ok((replicas, st))
    }

    /// The shared end of the slow path: keep the current replicas when the filled-in
    /// ratio is within tolerance or flips direction, or the count moves against it.
    fn rebalanced(&self, ratio: f64, new_ratio: f64, n: usize, st: &mut MetricStatus) -> i32 {
        let current = self.input.current_replicas;
        let flipped = (ratio < 1.0 && new_ratio > 1.0) || (ratio > 1.0 && new_ratio < 1.0);
        let replicas = if self.tolerances.within(new_ratio) || flipped {
            st.outcome = MetricOutcome::Rebalanced;
            current
        } else {
            let new = ceil_i32(new_ratio * n as f64);
            if (new_ratio < 1.0 && new > current) || (new_ratio > 1.0 && new < current) {
                st.outcome = MetricOutcome::Rebalanced;
                current
            } else {
                new
            }
        };
        st.proposal = Some(replicas);
        replicas
    }

    /// `calcPlainMetricReplicas`: Pods metrics and resource `AverageValue` targets.
    fn plain(
        &self,
        n: usize,
        value: &MetricValue,
        target: i64,
        is_cpu: bool,
        mut st: MetricStatus,
    ) -> Proposal {
        let s = self.group(n, value, is_cpu)?;
        let usage_ratio = |values: &[(i64, Option<usize>)]| {
            let total: i128 = values.iter().map(|&(v, _)| i128::from(v)).sum();
            let n = i128::try_from(values.len()).unwrap_or(i128::MAX).max(1);
            let usage = saturating_i128(total / n);
            (usage as f64 / target as f64, usage)
        };
        let (ratio, usage) = usage_ratio(&s.values);
        st.current_average_value = quantity(usage);
        st.ratio = finite(ratio);
        st.pods = Some(counts(&s));
        self.settle(s, ratio, |_| target, |v| Ok(usage_ratio(v).0), st)
    }

    /// `groupPods`, then the samples of ready pods and of pods not in the list.
    fn group(
        &self,
        n: usize,
        value: &MetricValue,
        is_cpu: bool,
    ) -> std::result::Result<Samples, String> {
        let pods = &self.input.pods;
        if pods.is_empty() {
            return Err("no pods returned by selector while calculating replica count".to_owned());
        }
        let samples = value.pods.as_deref().unwrap_or(&[]);
        let sample_pods = self
            .prepared
            .sample_pods
            .get(n)
            .map_or(&[][..], Vec::as_slice);
        let mut sample_of: Vec<Option<usize>> = vec![None; pods.len()];
        for (si, pod) in sample_pods.iter().enumerate() {
            if let Some(slot) = pod.and_then(|p| sample_of.get_mut(p)) {
                *slot = Some(si);
            }
        }
        let mut out = Samples {
            values: Vec::with_capacity(samples.len()),
            ready: 0,
            unready: Vec::new(),
            missing: Vec::new(),
            ignored: 0,
        };
        for (i, (pod, sample)) in pods.iter().zip(&sample_of).enumerate() {
            let phase = pod.phase.unwrap_or(PodPhase::Running);
            let sample = sample.and_then(|si| samples.get(si));
            let g = if pod.deleting == Some(true)
                || matches!(phase, PodPhase::Failed | PodPhase::Succeeded)
            {
                Group::Ignored
            } else if phase == PodPhase::Pending {
                Group::Unready
            } else if let Some(sample) = sample {
                if is_cpu && self.cpu_unready(i, pod, sample) {
                    Group::Unready
                } else {
                    Group::Ready
                }
            } else {
                Group::Missing
            };
            match g {
                Group::Ready => {
                    out.ready += 1;
                    // Ready pods keep their samples; ignored and unready ones lose them.
                    if let Some(s) = sample {
                        out.values.push((milli(Some(&s.value)), Some(i)));
                    }
                }
                Group::Unready => out.unready.push(i),
                Group::Missing => out.missing.push(i),
                Group::Ignored => out.ignored += 1,
            }
        }
        // Samples of pods the selector did not return stay, as in Kubernetes.
        for (s, pod) in samples.iter().zip(sample_pods) {
            if pod.is_none() {
                out.values.push((milli(Some(&s.value)), None));
            }
        }
        if out.values.is_empty() {
            return Err(
                "did not receive metrics for targeted pods (pods might be unready)".to_owned(),
            );
        }
        Ok(out)
    }

    /// The CPU readiness rules of `groupPods`.
    fn cpu_unready(&self, i: usize, pod: &HpaPod, sample: &PodSample) -> bool {
        let (start, transition) = self.prepared.times.get(i).copied().unwrap_or((None, None));
        let (Some(ready), Some(start)) = (pod.ready, start) else {
            return true;
        };
        let transition = transition.unwrap_or(start);
        if start + f64::from(self.config.cpu_initialization_period_seconds) > self.now {
            let ts = sample
                .timestamp
                .as_deref()
                .and_then(crate::time::parse)
                .unwrap_or(self.now);
            let window = f64::from(sample.window_seconds.unwrap_or(60));
            !ready || ts < transition + window
        } else {
            !ready && start + f64::from(self.config.initial_readiness_delay_seconds) > transition
        }
    }

    /// `calculatePodRequests` in milli-units, per pod index.
    fn requests(
        &self,
        resource: &str,
        container: Option<&str>,
    ) -> std::result::Result<Vec<i64>, String> {
        let mut out = Vec::with_capacity(self.input.pods.len());
        for pod in &self.input.pods {
            if container.is_none()
                && let Some(pod_level) = pod.requests.as_ref()
            {
                // `calculatePodLevelRequests`: the pod-level request, else the containers'
                // aggregate with no per-container check.
                out.push(match pod_level.get(resource) {
                    Some(q) => milli(Some(q)),
                    None => pod
                        .containers
                        .iter()
                        .filter_map(|c| c.requests.get(resource))
                        .fold(0i64, |acc, q| acc.saturating_add(milli(Some(q)))),
                });
                continue;
            }
            let mut sum = 0i64;
            let mut found = false;
            for c in &pod.containers {
                if container.is_none_or(|name| name == c.name) {
                    found = true;
                    match c.requests.get(resource) {
                        Some(q) => sum = sum.saturating_add(milli(Some(q))),
                        None => {
                            return Err(format!(
                                "missing request for {resource} in container {} of Pod {}",
                                c.name, pod.name
                            ));
                        }
                    }
                }
            }
            // `calculatePodRequestsFromContainers`: a named container must exist.
            if let (Some(name), false) = (container, found) {
                return Err(format!("container {name} not found in Pod {}", pod.name));
            }
            out.push(sum);
        }
        Ok(out)
    }
}

fn counts(s: &Samples) -> PodCounts {
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    PodCounts {
        ready: s.ready,
        unready: n(s.unready.len()),
        missing: n(s.missing.len()),
        ignored: s.ignored,
    }
}

/// A metric's type, its source field in the spec, its resource or metric name, and target.
struct Parts<'a> {
    kind: &'static str,
    field: &'static str,
    name: &'a str,
    target: &'a MetricTarget,
}

fn parts(spec: &MetricSpec) -> Parts<'_> {
    let (kind, field, name, target) = match spec {
        MetricSpec::Resource { resource: r } => ("Resource", "resource", &r.name, &r.target),
        MetricSpec::ContainerResource {
            container_resource: r,
        } => ("ContainerResource", "containerResource", &r.name, &r.target),
        MetricSpec::Pods { pods: r } => ("Pods", "pods", &r.metric.name, &r.target),
        MetricSpec::Object { object: r } => ("Object", "object", &r.metric.name, &r.target),
        MetricSpec::External { external: r } => ("External", "external", &r.metric.name, &r.target),
    };
    Parts {
        kind,
        field,
        name,
        target,
    }
}

/// Kubernetes' `MilliValue` as an `int64`.
fn milli(q: Option<&Quantity>) -> i64 {
    q.map_or(0, |q| i64::try_from(q.milli_value()).unwrap_or(i64::MAX))
}

fn saturating_i128(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

fn saturating_i64(x: f64) -> i64 {
    x as i64
}

fn quantity(milli: i64) -> Option<Quantity> {
    u64::try_from(milli)
        .ok()
        .and_then(|m| Quantity::from_millis(m, QuantityFormat::DecimalSI).ok())
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

fn check_config(c: &HpaConfig, errs: &mut ValidationErrors) {
    if !(c.tolerance.is_finite() && c.tolerance >= 0.0) {
        errs.push(
            "config.tolerance",
            Code::Invalid,
            "a tolerance is a number ≥ 0",
        );
    }
    for (v, path) in [
        (
            c.cpu_initialization_period_seconds,
            "config.cpuInitializationPeriodSeconds",
        ),
        (
            c.initial_readiness_delay_seconds,
            "config.initialReadinessDelaySeconds",
        ),
        (
            c.downscale_stabilization_seconds,
            "config.downscaleStabilizationSeconds",
        ),
    ] {
        if v < 0 {
            errs.push(path, Code::Invalid, "a period is ≥ 0 seconds");
        }
    }
    for (v, path) in [
        (c.scale_up_limit_factor, "config.scaleUpLimitFactor"),
        (c.scale_up_limit_minimum, "config.scaleUpLimitMinimum"),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            errs.push(path, Code::Invalid, "a limit is a number ≥ 0");
        }
    }
}

/// Every problem of an input, Kubernetes' API validation (`validateHorizontalPodAutoscalerSpec`,
/// `validateMetrics`, `validateBehavior`) plus the observations' shape; keeps what it
/// parsed.
fn check_input(now: Timestamp, input: &HpaInput) -> Result<Prepared> {
    let mut errs = ValidationErrors::new();
    let spec = &input.spec;
    // The sizes first: every other check (and the work) grows with them.
    let policies = spec.behavior.iter().flat_map(|b| {
        [
            (&b.scale_up, "spec.behavior.scaleUp.policies"),
            (&b.scale_down, "spec.behavior.scaleDown.policies"),
        ]
    });
    let policies =
        policies.filter_map(|(r, path)| Some((r.as_ref()?.policies.as_ref()?.len(), path)));
    for (len, path, max) in [
        (input.pods.len(), "pods", MAX_HPA_ITEMS),
        (spec.metrics.len(), "spec.metrics", MAX_HPA_METRICS),
        (input.metrics.len(), "metrics", MAX_HPA_METRICS),
    ]
    .into_iter()
    .chain(policies.map(|(len, path)| (len, path, MAX_HPA_POLICIES)))
    {
        if len > max {
            errs.push(path, Code::TooMany, format!("{len}; at most {max}"));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let min = spec.min_replicas.unwrap_or(1);
    if min < 0 {
        errs.push("spec.minReplicas", Code::Invalid, "must be ≥ 0");
    }
    if spec.max_replicas < 1 {
        errs.push("spec.maxReplicas", Code::Invalid, "must be ≥ 1");
    } else if min > spec.max_replicas {
        errs.push(
            "spec.maxReplicas",
            Code::Invalid,
            format!("must be ≥ minReplicas ({min})"),
        );
    }
    if input.current_replicas < 0 {
        errs.push("currentReplicas", Code::Invalid, "must be ≥ 0");
    }
    if input.status_replicas.is_some_and(|s| s < 0) {
        errs.push("statusReplicas", Code::Invalid, "must be ≥ 0");
    }
    if spec.metrics.is_empty() {
        errs.push("spec.metrics", Code::Required, "at least one metric");
    }
    if input.metrics.len() != spec.metrics.len() {
        errs.push(
            "metrics",
            Code::Invalid,
            format!(
                "one observation per spec metric: {} for {}",
                input.metrics.len(),
                spec.metrics.len()
            ),
        );
    }
    for (n, (m, v)) in spec.metrics.iter().zip(&input.metrics).enumerate() {
        check_metric(n, m, v, &mut errs);
    }
    if let Some(b) = &spec.behavior {
        for (rules, path) in [
            (&b.scale_up, "spec.behavior.scaleUp"),
            (&b.scale_down, "spec.behavior.scaleDown"),
        ] {
            let Some(r) = rules else { continue };
            if r.stabilization_window_seconds
                .is_some_and(|w| !(0..=3600).contains(&w))
            {
                errs.push(
                    format!("{path}.stabilizationWindowSeconds"),
                    Code::Invalid,
                    "must be 0 to 3600 seconds",
                );
            }
            if let Some(policies) = &r.policies {
                if policies.is_empty() {
                    errs.push(
                        format!("{path}.policies"),
                        Code::Required,
                        "must specify at least one Policy",
                    );
                }
                for (i, p) in policies.iter().enumerate() {
                    if p.value < 1 {
                        errs.push(
                            format!("{path}.policies[{i}].value"),
                            Code::Invalid,
                            "must be ≥ 1",
                        );
                    }
                    if !(1..=1800).contains(&p.period_seconds) {
                        errs.push(
                            format!("{path}.policies[{i}].periodSeconds"),
                            Code::Invalid,
                            "must be 1 to 1800 seconds",
                        );
                    }
                }
            }
        }
    }
    let mut names: FastMap<&str, usize> = map_with_capacity(input.pods.len());
    let mut times = Vec::with_capacity(input.pods.len());
    for (n, pod) in input.pods.iter().enumerate() {
        if names.insert(pod.name.as_str(), n).is_some() {
            errs.push(
                format!("pods[{n}].name"),
                Code::Duplicate,
                format!("pod `{}` is listed twice", clip(&pod.name)),
            );
        }
        let mut parsed = [None, None];
        for ((t, field), slot) in [
            (&pod.start_time, "startTime"),
            (&pod.ready_transition_time, "readyTransitionTime"),
        ]
        .into_iter()
        .zip(&mut parsed)
        {
            if let Some(t) = t {
                *slot = crate::time::check(t, || format!("pods[{n}].{field}"), &mut errs);
            }
        }
        times.push((parsed[0], parsed[1]));
    }
    let mut sample_pods = Vec::with_capacity(input.metrics.len());
    for (n, v) in input.metrics.iter().enumerate() {
        let samples = v.pods.as_deref().unwrap_or(&[]);
        let mut seen = vec![false; input.pods.len()];
        let mut unknown: FastMap<&str, ()> = FastMap::default();
        let mut of = Vec::with_capacity(samples.len());
        for (i, s) in samples.iter().enumerate() {
            // Samples usually come in pod order: try the same position first.
            let pod = match input.pods.get(i) {
                Some(p) if p.name == s.pod => Some(i),
                _ => names.get(s.pod.as_str()).copied(),
            };
            let duplicate = match pod {
                Some(p) => seen.get_mut(p).is_some_and(|f| std::mem::replace(f, true)),
                None => unknown.insert(s.pod.as_str(), ()).is_some(),
            };
            if duplicate {
                errs.push(
                    format!("metrics[{n}].pods[{i}].pod"),
                    Code::Duplicate,
                    format!("two samples for pod `{}`", clip(&s.pod)),
                );
            }
            of.push(pod);
        }
        sample_pods.push(of);
    }
    errs.into_result(())?;
    Ok(Prepared {
        now: now.unix_seconds(),
        times,
        sample_pods,
    })
}

fn check_metric(n: usize, m: &MetricSpec, v: &MetricValue, errs: &mut ValidationErrors) {
    let Parts {
        kind,
        field,
        target,
        ..
    } = parts(m);
    let path = format!("spec.metrics[{n}].{field}.target");
    let allowed: &[MetricTargetType] = match m {
        MetricSpec::Resource { .. } | MetricSpec::ContainerResource { .. } => &[
            MetricTargetType::Utilization,
            MetricTargetType::AverageValue,
        ],
        MetricSpec::Pods { .. } => &[MetricTargetType::AverageValue],
        MetricSpec::Object { .. } | MetricSpec::External { .. } => {
            &[MetricTargetType::Value, MetricTargetType::AverageValue]
        }
    };
    if !allowed.contains(&target.kind) {
        errs.push(
            format!("{path}.type"),
            Code::NotSupported,
            format!("a {kind} metric takes a target of type {allowed:?}"),
        );
    }
    let positive = |q: &Option<Quantity>| q.as_ref().is_some_and(|q| q.milli_value() > 0);
    match target.kind {
        MetricTargetType::Utilization => {
            if target.average_utilization.is_none_or(|u| u < 1) {
                errs.push(
                    format!("{path}.averageUtilization"),
                    Code::Invalid,
                    "a utilization target is a percent ≥ 1",
                );
            }
        }
        MetricTargetType::Value => {
            if !positive(&target.value) {
                errs.push(format!("{path}.value"), Code::Invalid, "must be positive");
            }
        }
        MetricTargetType::AverageValue => {
            if !positive(&target.average_value) {
                errs.push(
                    format!("{path}.averageValue"),
                    Code::Invalid,
                    "must be positive",
                );
            }
        }
    }
    if v.error.is_some() {
        return;
    }
    let mpath = format!("metrics[{n}]");
    match m {
        MetricSpec::Resource { .. }
        | MetricSpec::ContainerResource { .. }
        | MetricSpec::Pods { .. } => match &v.pods {
            None => errs.push(
                format!("{mpath}.pods"),
                Code::Required,
                format!("a {kind} metric is observed as per-pod samples (or an `error`)"),
            ),
            Some(samples) => {
                if samples.len() > MAX_HPA_ITEMS {
                    errs.push(
                        format!("{mpath}.pods"),
                        Code::TooMany,
                        format!("at most {MAX_HPA_ITEMS}"),
                    );
                }
                // Duplicates are found where samples meet pods (`check_input`).
                for (i, s) in samples.iter().enumerate() {
                    if let Some(t) = &s.timestamp {
                        crate::time::check(t, || format!("{mpath}.pods[{i}].timestamp"), errs);
                    }
                    if s.window_seconds.is_some_and(|w| w < 0) {
                        errs.push(
                            format!("{mpath}.pods[{i}].windowSeconds"),
                            Code::Invalid,
                            "must be ≥ 0",
                        );
                    }
                }
            }
        },
        MetricSpec::Object { .. } => {
            if v.value.is_none() {
                errs.push(
                    format!("{mpath}.value"),
                    Code::Required,
                    "an Object metric is observed as one `value` (or an `error`)",
                );
            }
        }
        MetricSpec::External { .. } => {
            if v.values.is_none() {
                errs.push(
                    format!("{mpath}.values"),
                    Code::Required,
                    "an External metric is observed as `values` (or an `error`)",
                );
            }
        }
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
