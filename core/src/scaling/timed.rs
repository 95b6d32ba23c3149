//! Timed scaling policies (定时策略): which policy is in effect, the upcoming changes, and the
//! replica curve preview (副本曲线预览). Semantics: `docs/scaling.md`, seed 6.2.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::hpa::{HpaSpec, MetricSpec, MetricTarget, MetricTargetType, ResourceMetricSource};
use crate::error::{Error, FieldErrorCode, Result, ValidationErrors, clip};
use crate::model::app_service::{MetricTargets, PolicyAction, RampMode, Scaling};
use crate::model::cron::{Cron, format_in, parse_time_zone};

/// The most points one curve may have (a documented limit).
pub const MAX_CURVE_POINTS: u64 = 1_000_000;

pub use crate::model::app_service::MAX_POLICIES;

/// The most point × policy steps one curve may take: its points times its policies (at
/// least 1). Checked before the work; refused at `stepSeconds` with `too_many`. A week at
/// 60 s with 20 policies is 201,600; a day at 1 s with 20 policies is 1,728,000. At each
/// step a policy may fire, which costs a schedule search.
pub const MAX_CURVE_WORK: u64 = 5_000_000;

/// The most policy-event steps one [`next_changes`] call examines: the events examined
/// times the policies (at least 1). With up to 2 policies this is [`MAX_SCANNED_EVENTS`];
/// with [`MAX_POLICIES`] it is 20,000 events. A structural bound (the search stops,
/// returning the changes found so far), as [`MAX_SCANNED_EVENTS`] is.
pub const MAX_SCANNED_WORK: u64 = 2_000_000;

/// The most changes one [`next_changes`] call returns.
pub const MAX_CHANGES: u32 = 10_000;

/// How many policy events [`next_changes`] examines before it stops looking (a schedule
/// that fires every second without changing anything would otherwise search for years).
pub const MAX_SCANNED_EVENTS: u32 = 1_000_000;

/// What kind of replica value is in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EffectiveKind {
    /// `{type: fixed}` scaling.
    Fixed,
    /// No policy has fired yet and this is the first release: `initialReplicas`.
    Initial,
    /// No policy has fired yet: the current replicas (clamped to the bounds).
    Current,
    /// A preset replica count.
    Preset,
    /// A ramp inside its window.
    Ramp,
    /// Metric scaling (the HPA) inside a band.
    Metric,
}

/// What is in effect at an instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Effective {
    /// The kind of value.
    pub kind: EffectiveKind,
    /// The replicas (for `metric`: the current replicas brought into the band, when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// For `metric`: the band's lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i32>,
    /// For `metric`: the band's upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<i32>,
    /// For `metric`: the targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<MetricTargets>,
    /// For `metric`: the HPA to run inside the window (hand this to [`super::hpa::HpaState`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hpa: Option<HpaSpec>,
    /// The policy in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// When that policy fired (RFC 3339, in its schedule's zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fired_at: Option<String>,
    /// When its window ends (duration policies); absent too when it would end after
    /// `9999-12-31T23:59:59Z`, which has no RFC 3339 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Why, in words.
    pub reason: String,
}

/// Input of [`effective_at`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EffectiveAtInput {
    /// The app service's scaling.
    pub scaling: Scaling,
    /// The instant, RFC 3339.
    pub at: String,
    /// The replicas running now; absent means the first release (`initialReplicas`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_replicas: Option<i32>,
}

/// Input of [`next_changes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextChangesInput {
    /// The app service's scaling.
    pub scaling: Scaling,
    /// ScalingChanges strictly after this instant, RFC 3339.
    pub from: String,
    /// How many; default 10, at most [`MAX_CHANGES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Stop at this instant (RFC 3339, inclusive); default: when `count` changes are found,
    /// [`MAX_SCANNED_EVENTS`] policy events (or [`MAX_SCANNED_WORK`] policy-event steps)
    /// were examined, or at `9999-12-31T23:59:59Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The replicas running now; absent means the first release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_replicas: Option<i32>,
}

/// One upcoming change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScalingChange {
    /// When (RFC 3339 UTC).
    pub at: String,
    /// What is in effect from then on (a ramp: its first value).
    pub effective: Effective,
}

/// The upcoming changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScalingChanges {
    /// In time order.
    pub changes: Vec<ScalingChange>,
}

/// Input of [`replica_curve`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurveInput {
    /// The app service's scaling.
    pub scaling: Scaling,
    /// First point, RFC 3339.
    pub from: String,
    /// Last point at or before this, RFC 3339.
    pub to: String,
    /// Seconds between points, ≥ 1.
    pub step_seconds: i32,
    /// The replicas running at `from`; absent means the first release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_replicas: Option<i32>,
}

/// One point of a curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    /// Unix seconds.
    pub t: f64,
    /// The kind of value.
    pub kind: EffectiveKind,
    /// The replicas (absent for `metric`, which has a band).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// For `metric`: the band's lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
    /// For `metric`: the band's upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    /// The policy in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Arc<str>>,
}

/// A replica curve: what a console draws so a person can check the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaCurve {
    /// The first point (RFC 3339 UTC).
    pub from: String,
    /// The end of the range (RFC 3339 UTC).
    pub to: String,
    /// Seconds between points.
    pub step_seconds: i32,
    /// The elastic bounds (for drawing).
    pub min_replicas: i32,
    /// The elastic bounds (for drawing).
    pub max_replicas: i32,
    /// The points, `from` then every `stepSeconds`.
    pub points: Vec<CurvePoint>,
}

/// A schedule, compiled.
enum When {
    At(i64),
    Cron(Box<Cron>),
}

struct Policy {
    name: Arc<str>,
    when: When,
    duration: Option<i64>,
    priority: i32,
    action: PolicyAction,
}

impl Policy {
    fn latest_at_or_before(&self, t: i64) -> Option<i64> {
        match &self.when {
            When::At(a) => (*a <= t).then_some(*a),
            When::Cron(c) => c.latest_at_or_before(t),
        }
    }

    fn next_after(&self, t: i64) -> Option<i64> {
        match &self.when {
            When::At(a) => (*a > t).then_some(*a),
            When::Cron(c) => c.next_after(t),
        }
    }

    fn zone(&self) -> chrono_tz::Tz {
        match &self.when {
            When::At(_) => chrono_tz::Tz::UTC,
            When::Cron(c) => c.time_zone(),
        }
    }
}

/// Elastic scaling, checked and compiled.
struct Plan {
    fixed: Option<i32>,
    min: i32,
    max: i32,
    initial: i32,
    policies: Vec<Policy>,
}

/// Where a policy stands at the sweep's instant: its last fire at or before it and its
/// next fire after it.
#[derive(Clone, Copy)]
struct Cursor {
    latest: Option<i64>,
    next: Option<i64>,
}

impl Plan {
    fn compile(scaling: &Scaling) -> Result<Plan> {
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
                            let path = || format!("scaling.policies[{n}].schedule.at");
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

    fn cursors(&self, t: i64) -> Vec<Cursor> {
        self.policies
            .iter()
            .map(|p| Cursor {
                latest: p.latest_at_or_before(t),
                next: p.next_after(t),
            })
            .collect()
    }

    /// Move the cursors to `t` (not earlier than their last instant).
    fn advance(&self, cursors: &mut [Cursor], t: i64) {
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
    fn pick(&self, cursors: &[Cursor], t: i64) -> Option<(usize, i64)> {
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

    fn clamp(&self, r: i32) -> i32 {
        r.clamp(self.min, self.max.max(self.min))
    }

    /// The value of the policy `i`, fired at `f`, at `t`: `(kind, replicas, band)`.
    fn value(&self, i: usize, f: i64, t: i64) -> (EffectiveKind, Option<i32>, Option<(i32, i32)>) {
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

    fn effective(&self, cursors: &[Cursor], t: i64, current: Option<i32>) -> Effective {
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
fn ramp_value(r: &crate::model::app_service::Ramp, k: i64, d: i64) -> i32 {
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
fn hpa_spec(targets: &MetricTargets, lo: i32, hi: i32) -> HpaSpec {
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

fn instant(text: &str, path: &str, errs: &mut ValidationErrors) -> Option<i64> {
    crate::time::check(text, || path, errs).map(|t| t.floor() as i64)
}

fn check_current(current: Option<i32>, errs: &mut ValidationErrors) {
    if current.is_some_and(|c| c < 0) {
        errs.push("currentReplicas", FieldErrorCode::Invalid, "must be ≥ 0");
    }
}

/// The policy count check ([`MAX_POLICIES`]), before any policy is looked at.
fn check_policy_count(scaling: &Scaling, errs: &mut ValidationErrors) -> bool {
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
fn policy_factor(scaling: &Scaling) -> u64 {
    match scaling {
        Scaling::Elastic { policies, .. } => (policies.len() as u64).max(1),
        Scaling::Fixed { .. } => 1,
    }
}

/// Compile the scaling and check the rest, reporting every problem at once.
fn prepare(scaling: &Scaling, mut errs: ValidationErrors) -> Result<Plan> {
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

/// Input of [`validate_scaling`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingInput {
    /// The app service's scaling.
    pub scaling: Scaling,
}

/// Validate scaling alone (`validate(elastic)` in docs/scaling.md): bounds, policy names, priority
/// and duration rules, ramps only with a duration, cron syntax and time zones, schedules
/// that never fire, metric windows. The same rules as the app service's `scaling.*`.
///
/// # Errors
///
/// [`Error::Validation`] with every problem, at paths starting with `scaling`.
///
/// # Examples
///
/// ```
/// use weir::scaling::timed::{ScalingInput, validate_scaling};
/// let input: ScalingInput = serde_json::from_value(serde_json::json!({"scaling": {
///     "type": "elastic", "initialReplicas": 1, "minReplicas": 1, "maxReplicas": 3,
///     "policies": [{"name": "leap", "schedule": {"cron": "0 0 30 2 *"},
///                   "action": {"type": "replicas", "replicas": 2}}]}}))?;
/// assert_eq!(validate_scaling(&input).unwrap_err().code(), "validation");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_scaling(input: &ScalingInput) -> Result<()> {
    let mut errs = ValidationErrors::new();
    if !check_policy_count(&input.scaling, &mut errs) {
        return Err(Error::Validation(errs));
    }
    crate::model::validate::scaling_rules(&input.scaling)?;
    // The app-service rules read a one-off `at` with chrono; compiling also refuses an
    // instant weir cannot print (past year 9999).
    Plan::compile(&input.scaling).map(|_| ())
}

/// Render a curve as SVG ([`ReplicaCurve::to_svg`]); the bindings' `replica_curve_svg`.
///
/// # Errors
///
/// As [`ReplicaCurve::to_svg`]: [`Error::Validation`] for a curve no [`replica_curve`]
/// call returns (too many points, bad instants).
pub fn replica_curve_svg(curve: &ReplicaCurve) -> Result<String> {
    curve.to_svg()
}

/// What is in effect at an instant (`effectiveAt` in docs/scaling.md).
///
/// # Errors
///
/// [`Error::Validation`] for invalid scaling (the app-service rules, at `scaling.*`), a bad
/// `at`, or negative `currentReplicas`.
///
/// # Examples
///
/// ```
/// use weir::scaling::timed::{EffectiveAtInput, EffectiveKind, effective_at};
/// let input: EffectiveAtInput = serde_json::from_value(serde_json::json!({
///     "scaling": {"type": "elastic", "initialReplicas": 2, "minReplicas": 1, "maxReplicas": 10,
///         "policies": [{"name": "workday", "schedule": {"cron": "0 9 * * 1-5", "timeZone": "Asia/Shanghai"},
///                       "action": {"type": "replicas", "replicas": 6}}]},
///     "at": "2026-11-27T02:00:00Z"
/// }))?;
/// let e = effective_at(&input)?;
/// assert_eq!((e.kind, e.replicas), (EffectiveKind::Preset, Some(6)));
/// assert_eq!(e.fired_at.as_deref(), Some("2026-11-27T09:00:00+08:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn effective_at(input: &EffectiveAtInput) -> Result<Effective> {
    let mut errs = ValidationErrors::new();
    let t = instant(&input.at, "at", &mut errs);
    check_current(input.current_replicas, &mut errs);
    let plan = prepare(&input.scaling, errs)?;
    let t = t.ok_or_else(|| Error::invalid_input("checked `at`"))?;
    Ok(plan.effective(&plan.cursors(t), t, input.current_replicas))
}

/// The upcoming changes of what is in effect (`nextChanges`): a policy taking over, a
/// window ending. A ramp is one change (its start); its steps are on the curve.
///
/// # Errors
///
/// As [`effective_at`], and `count` above [`MAX_CHANGES`].
pub fn next_changes(input: &NextChangesInput) -> Result<ScalingChanges> {
    let mut errs = ValidationErrors::new();
    let from = instant(&input.from, "from", &mut errs);
    check_current(input.current_replicas, &mut errs);
    let count = input.count.unwrap_or(10);
    if count > MAX_CHANGES {
        errs.push(
            "count",
            FieldErrorCode::TooMany,
            format!("at most {MAX_CHANGES}"),
        );
    }
    let until = input
        .until
        .as_deref()
        .map(|u| instant(u, "until", &mut errs));
    let plan = prepare(&input.scaling, errs)?;
    let until = until
        .flatten()
        .unwrap_or(i64::MAX)
        .min(crate::time::MAX_UNIX_SECONDS);
    let max_scanned =
        (MAX_SCANNED_WORK / policy_factor(&input.scaling)).min(u64::from(MAX_SCANNED_EVENTS));
    let mut t = from.ok_or_else(|| Error::invalid_input("checked `from`"))?;
    let mut cursors = plan.cursors(t);
    let current = input.current_replicas;
    let mut prev = plan.effective(&cursors, t, current);
    let mut changes = Vec::new();
    let mut scanned = 0u64;
    while changes.len() < count as usize && scanned < max_scanned {
        scanned += 1;
        // The next instant anything can change: a fire, or the end of a live window.
        let mut next: Option<i64> = None;
        for (p, c) in plan.policies.iter().zip(&cursors) {
            let end = p
                .duration
                .zip(c.latest)
                .map(|(d, f)| f.saturating_add(d))
                .filter(|e| *e > t);
            for cand in [c.next, end].into_iter().flatten() {
                next = Some(next.map_or(cand, |n| n.min(cand)));
            }
        }
        let Some(n) = next.filter(|n| *n <= until) else {
            break;
        };
        t = n;
        plan.advance(&mut cursors, t);
        let now = plan.effective(&cursors, t, current);
        // A base policy firing again, or a window re-firing with the same value, changes
        // nothing a platform would act on; a ramp firing again restarts.
        if change_key(&now) != change_key(&prev) {
            changes.push(ScalingChange {
                at: crate::time::format(t as f64),
                effective: now.clone(),
            });
        }
        prev = now;
    }
    Ok(ScalingChanges { changes })
}

type ChangeKey<'a> = (
    EffectiveKind,
    Option<&'a str>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<&'a str>,
);

fn change_key(e: &Effective) -> ChangeKey<'_> {
    let ramp_start = (e.kind == EffectiveKind::Ramp)
        .then_some(e.fired_at.as_deref())
        .flatten();
    (
        e.kind,
        e.policy.as_deref(),
        if e.kind == EffectiveKind::Ramp {
            None
        } else {
            e.replicas
        },
        e.min_replicas,
        e.max_replicas,
        ramp_start,
    )
}
/// The replica curve (`replicaCurve`): a point every `stepSeconds` from `from` to `to`.
///
/// The curve is piecewise constant between policy changes, except inside ramps.
///
/// # Errors
///
/// [`Error::Validation`] for invalid scaling (more than [`MAX_POLICIES`] policies at
/// `scaling.policies`), bad instants, `to` before `from`, `stepSeconds` < 1, more than
/// [`MAX_CURVE_POINTS`] points, or points × policies above [`MAX_CURVE_WORK`] (at
/// `stepSeconds`).
pub fn replica_curve(input: &CurveInput) -> Result<ReplicaCurve> {
    let mut errs = ValidationErrors::new();
    let from = instant(&input.from, "from", &mut errs);
    let to = instant(&input.to, "to", &mut errs);
    check_current(input.current_replicas, &mut errs);
    let step = i64::from(input.step_seconds);
    if step < 1 {
        errs.push("stepSeconds", FieldErrorCode::Invalid, "must be ≥ 1");
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errs.push(
                "to",
                FieldErrorCode::Invalid,
                "the range runs backwards: `to` is before `from`",
            );
        } else if step >= 1 {
            let points = ((t - f) / step) as u64 + 1;
            let policies = policy_factor(&input.scaling);
            if points > MAX_CURVE_POINTS {
                errs.push(
                    "stepSeconds",
                    FieldErrorCode::TooMany,
                    format!("{points} points; a curve has at most {MAX_CURVE_POINTS}"),
                );
            } else if points.saturating_mul(policies) > MAX_CURVE_WORK {
                errs.push(
                    "stepSeconds",
                    FieldErrorCode::TooMany,
                    format!(
                        "{points} points × {policies} policies; a curve takes at most {MAX_CURVE_WORK} point-policy steps"
                    ),
                );
            }
        }
    }
    let plan = prepare(&input.scaling, errs)?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Error::invalid_input("checked range"));
    };
    let n = ((to - from) / step) as usize + 1;
    let mut points = Vec::with_capacity(n);
    let mut cursors = plan.cursors(from);
    let current = input.current_replicas;
    let mut t = from;
    while t <= to {
        plan.advance(&mut cursors, t);
        let point = match (plan.fixed, plan.pick(&cursors, t)) {
            (Some(r), _) => CurvePoint {
                t: t as f64,
                kind: EffectiveKind::Fixed,
                replicas: Some(r),
                min: None,
                max: None,
                policy: None,
            },
            (None, None) => CurvePoint {
                t: t as f64,
                kind: if current.is_some() {
                    EffectiveKind::Current
                } else {
                    EffectiveKind::Initial
                },
                replicas: Some(current.map_or(plan.initial, |c| plan.clamp(c))),
                min: None,
                max: None,
                policy: None,
            },
            (None, Some((i, f))) => {
                let (kind, replicas, band) = plan.value(i, f, t);
                CurvePoint {
                    t: t as f64,
                    kind,
                    replicas,
                    min: band.map(|b| b.0),
                    max: band.map(|b| b.1),
                    policy: plan.policies.get(i).map(|p| Arc::clone(&p.name)),
                }
            }
        };
        points.push(point);
        t += step;
    }
    Ok(ReplicaCurve {
        from: crate::time::format(from as f64),
        to: crate::time::format(to as f64),
        step_seconds: input.step_seconds,
        min_replicas: plan.min,
        max_replicas: plan.max,
        points,
    })
}
