//! The per-metric replica computation of one reconcile (`replica_calculator.go`): pods
//! grouped as ready, unready, missing or ignored, and each metric type's proposal.

use crate::model::quantity::{Quantity, QuantityFormat};

use super::*;

/// What checking an input learned, kept for the computation (nothing is parsed twice).
pub(super) struct Prepared {
    pub(super) now: f64,
    /// Per pod: `startTime` and the `Ready` transition, Unix seconds.
    pub(super) times: Vec<(Option<f64>, Option<f64>)>,
    /// Per metric, per sample: the index of its pod, `None` for a pod not listed.
    pub(super) sample_pods: Vec<Vec<Option<usize>>>,
}

pub(super) struct Calculator<'a> {
    pub(super) input: &'a HpaInput,
    pub(super) prepared: &'a Prepared,
    pub(super) now: f64,
    pub(super) config: &'a HpaConfig,
    pub(super) tolerances: Tolerances,
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
    pub(super) fn all_metrics(&self) -> (Option<i32>, Option<String>, Vec<MetricStatus>) {
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
pub(super) struct Parts<'a> {
    pub(super) kind: &'static str,
    pub(super) field: &'static str,
    pub(super) name: &'a str,
    pub(super) target: &'a MetricTarget,
}

pub(super) fn parts(spec: &MetricSpec) -> Parts<'_> {
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
