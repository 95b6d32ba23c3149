//! What a reconcile's input and the controller flags must satisfy, checked before any
//! work (Kubernetes' API validation of the HPA, and weir's limits).

use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors, clip};
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
