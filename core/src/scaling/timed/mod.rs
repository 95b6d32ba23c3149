//! Timed scaling policies (定时策略): which policy is in effect, the upcoming changes, and the
//! replica curve preview (副本曲线预览). Semantics: `docs/scaling.md`, seed 6.2.

mod plan;

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use self::plan::{Plan, check_current, check_policy_count, instant, policy_factor, prepare};
use super::hpa::HpaSpec;
use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::model::app_service::{MetricTargets, Scaling};

/// The most points one curve may have (a documented limit).
pub const MAX_CURVE_POINTS: u64 = 1_000_000;

/// The most point × policy steps one curve may take: its points times its policies (at
/// least 1). Checked before the work; refused at `stepSeconds` with `too_many`. A week at
/// 60 s with 20 policies is 201,600; a day at 1 s with 20 policies is 1,728,000. At each
/// step a policy may fire, which costs a schedule search.
pub const MAX_CURVE_WORK: u64 = 5_000_000;

/// The most policy-event steps one [`next_changes`] call examines: the events examined
/// times the policies (at least 1). With up to 2 policies this is [`MAX_SCANNED_EVENTS`];
/// with [`MAX_POLICIES`](crate::MAX_POLICIES) it is 20,000 events. A structural bound (the
/// search stops, returning the changes found so far), as [`MAX_SCANNED_EVENTS`] is.
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
/// [`Error::Validation`] for invalid scaling (more than
/// [`MAX_POLICIES`](crate::MAX_POLICIES) policies at `scaling.policies`), bad instants, `to` before `from`, `stepSeconds` < 1, more than
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
        check_curve_range(f, t, step, &input.scaling, &mut errs);
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

/// A curve's range `f`..`t` every `step` seconds: not backwards, within
/// [`MAX_CURVE_POINTS`] points and [`MAX_CURVE_WORK`] point-policy steps.
fn check_curve_range(f: i64, t: i64, step: i64, scaling: &Scaling, errs: &mut ValidationErrors) {
    if t < f {
        errs.push(
            "to",
            FieldErrorCode::Invalid,
            "the range runs backwards: `to` is before `from`",
        );
    } else if step >= 1 {
        let points = ((t - f) / step) as u64 + 1;
        let policies = policy_factor(scaling);
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
