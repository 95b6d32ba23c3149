//! What a reconcile's input and the controller flags must satisfy, checked before any
//! work (Kubernetes' API validation of the HPA, and weir's limits).

use crate::error::{FieldErrorCode as Code, FieldPath, Result, ValidationErrors, clip};
use crate::hash::{FastMap, map_with_capacity};
use crate::model::quantity::Quantity;
use crate::time::Timestamp;

use super::*;

use super::calc::{Parts, Prepared, parts};

pub(super) fn check_config(c: &HpaConfig, errs: &mut ValidationErrors) {
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
pub(super) fn check_input(now: Timestamp, input: &HpaInput) -> Result<Prepared> {
    // The sizes first: every other check (and the work) grows with them.
    check_sizes(input)?;
    let mut errs = ValidationErrors::new();
    let spec = &input.spec;
    check_replicas(input, &mut errs);
    for (n, (m, v)) in spec.metrics.iter().zip(&input.metrics).enumerate() {
        check_metric(n, m, v, &mut errs);
    }
    if let Some(b) = &spec.behavior {
        check_behavior(b, &mut errs);
    }
    let (names, times) = check_pods(input, &mut errs);
    let sample_pods = check_samples(input, &names, &mut errs);
    errs.into_result(())?;
    Ok(Prepared {
        now: now.unix_seconds(),
        times,
        sample_pods,
    })
}

/// The lists are no longer than weir's limits.
fn check_sizes(input: &HpaInput) -> Result<()> {
    let mut errs = ValidationErrors::new();
    let spec = &input.spec;
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
    errs.into_result(())
}

/// The replica bounds and counts, and one observation per spec metric.
fn check_replicas(input: &HpaInput, errs: &mut ValidationErrors) {
    let spec = &input.spec;
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
}

/// Each direction's stabilization window and policies (`validateBehavior`).
fn check_behavior(b: &HpaBehavior, errs: &mut ValidationErrors) {
    for (rules, name) in [(&b.scale_up, "scaleUp"), (&b.scale_down, "scaleDown")] {
        let Some(r) = rules else { continue };
        // Paths are built only for a problem (the HPA is checked on every reconcile).
        let path = || FieldPath::root("spec").child("behavior").child(name);
        if r.stabilization_window_seconds
            .is_some_and(|w| !(0..=3600).contains(&w))
        {
            errs.push(
                path().child("stabilizationWindowSeconds"),
                Code::Invalid,
                "must be 0 to 3600 seconds",
            );
        }
        let Some(policies) = &r.policies else {
            continue;
        };
        let list = || path().child("policies");
        if policies.is_empty() {
            errs.push(list(), Code::Required, "must specify at least one Policy");
        }
        for (i, p) in policies.iter().enumerate() {
            if p.value < 1 {
                errs.push(list().index(i).child("value"), Code::Invalid, "must be ≥ 1");
            }
            if !(1..=1800).contains(&p.period_seconds) {
                errs.push(
                    list().index(i).child("periodSeconds"),
                    Code::Invalid,
                    "must be 1 to 1800 seconds",
                );
            }
        }
    }
}

/// Per pod: its `startTime` and `Ready` transition, Unix seconds.
type PodTimes = Vec<(Option<f64>, Option<f64>)>;

/// Pod names unique and times RFC 3339; returns each name's position and each pod's
/// parsed `startTime` and `Ready` transition.
fn check_pods<'a>(
    input: &'a HpaInput,
    errs: &mut ValidationErrors,
) -> (FastMap<&'a str, usize>, PodTimes) {
    let mut names: FastMap<&str, usize> = map_with_capacity(input.pods.len());
    let mut times = Vec::with_capacity(input.pods.len());
    for (n, pod) in input.pods.iter().enumerate() {
        let path = || FieldPath::root("pods").index(n);
        if names.insert(pod.name.as_str(), n).is_some() {
            errs.push(
                path().child("name"),
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
                *slot = crate::time::check(t, || path().child(field), errs);
            }
        }
        times.push((parsed[0], parsed[1]));
    }
    (names, times)
}

/// At most one sample per pod in each metric; returns, per metric and sample, the index
/// of its pod (`None` for a pod not listed).
fn check_samples(
    input: &HpaInput,
    names: &FastMap<&str, usize>,
    errs: &mut ValidationErrors,
) -> Vec<Vec<Option<usize>>> {
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
                    FieldPath::root("metrics")
                        .index(n)
                        .child("pods")
                        .index(i)
                        .child("pod"),
                    Code::Duplicate,
                    format!("two samples for pod `{}`", clip(&s.pod)),
                );
            }
            of.push(pod);
        }
        sample_pods.push(of);
    }
    sample_pods
}

/// A spec metric's target fits its type; then its observation (unless it is an `error`).
fn check_metric(n: usize, m: &MetricSpec, v: &MetricValue, errs: &mut ValidationErrors) {
    let Parts {
        kind,
        field,
        target,
        ..
    } = parts(m);
    // Built only for a problem (the HPA is checked on every reconcile).
    let path = || {
        FieldPath::root("spec")
            .child("metrics")
            .index(n)
            .child(field)
            .child("target")
    };
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
            path().child("type"),
            Code::NotSupported,
            format!("a {kind} metric takes a target of type {allowed:?}"),
        );
    }
    let positive = |q: &Option<Quantity>| q.as_ref().is_some_and(|q| q.milli_value() > 0);
    match target.kind {
        MetricTargetType::Utilization => {
            if target.average_utilization.is_none_or(|u| u < 1) {
                errs.push(
                    path().child("averageUtilization"),
                    Code::Invalid,
                    "a utilization target is a percent ≥ 1",
                );
            }
        }
        MetricTargetType::Value => {
            if !positive(&target.value) {
                errs.push(path().child("value"), Code::Invalid, "must be positive");
            }
        }
        MetricTargetType::AverageValue => {
            if !positive(&target.average_value) {
                errs.push(
                    path().child("averageValue"),
                    Code::Invalid,
                    "must be positive",
                );
            }
        }
    }
    if v.error.is_none() {
        check_observation(n, kind, m, v, errs);
    }
}

/// A metric's observation has the shape its type needs (samples, a value or values).
fn check_observation(
    n: usize,
    kind: &str,
    m: &MetricSpec,
    v: &MetricValue,
    errs: &mut ValidationErrors,
) {
    let mpath = || FieldPath::root("metrics").index(n);
    match m {
        MetricSpec::Resource { .. }
        | MetricSpec::ContainerResource { .. }
        | MetricSpec::Pods { .. } => match &v.pods {
            None => errs.push(
                mpath().child("pods"),
                Code::Required,
                format!("a {kind} metric is observed as per-pod samples (or an `error`)"),
            ),
            Some(samples) => {
                if samples.len() > MAX_HPA_ITEMS {
                    errs.push(
                        mpath().child("pods"),
                        Code::TooMany,
                        format!("at most {MAX_HPA_ITEMS}"),
                    );
                }
                // Duplicates are found where samples meet pods (`check_input`).
                for (i, s) in samples.iter().enumerate() {
                    if let Some(t) = &s.timestamp {
                        crate::time::check(
                            t,
                            || mpath().child("pods").index(i).child("timestamp"),
                            errs,
                        );
                    }
                    if s.window_seconds.is_some_and(|w| w < 0) {
                        errs.push(
                            mpath().child("pods").index(i).child("windowSeconds"),
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
                    mpath().child("value"),
                    Code::Required,
                    "an Object metric is observed as one `value` (or an `error`)",
                );
            }
        }
        MetricSpec::External { .. } => {
            if v.values.is_none() {
                errs.push(
                    mpath().child("values"),
                    Code::Required,
                    "an External metric is observed as `values` (or an `error`)",
                );
            }
        }
    }
}
