//! Replica targets: the timed policies' value at each step, the HPA inside metric windows
//! with metrics derived from each service's load, and the pods added or removed.

use std::collections::BTreeMap;

use super::report::EventKind;
use super::sim::Simulation;
use crate::error::Result;
use crate::model::app_service::Scaling;
use crate::model::quantity::{Quantity, QuantityFormat};
use crate::scaling::hpa::{
    HpaContainer, HpaInput, HpaPod, HpaState, MetricSpec, MetricValue, PodPhase, PodSample,
};
use crate::scaling::timed::{EffectiveAtInput, EffectiveKind, effective_at};

impl Simulation {
    /// Bring every deployed service that no release holds to its replica target.
    pub(crate) fn scale(&mut self, t: i64) -> Result<()> {
        let mut counts = self.replicas();
        for (s, n) in &self.to_place {
            *counts.entry(s.clone()).or_default() += n;
        }
        self.pod_index = None;
        let names: Vec<String> = self.services.keys().cloned().collect();
        for name in names {
            let current = counts.get(&name).copied().unwrap_or(0);
            self.scale_one(t, &name, current)?;
        }
        Ok(())
    }

    fn scale_one(&mut self, t: i64, name: &str, current: u32) -> Result<()> {
        let Some(svc) = self.services.get(name) else {
            return Ok(());
        };
        let Some(deployed) = svc.deployed.clone() else {
            return Ok(());
        };
        if svc.releasing.is_some() {
            return Ok(());
        }
        let scaling = svc
            .history
            .version(&deployed)
            .and_then(|v| v.spec.scaling.clone());
        let (desired, why) = match &scaling {
            Some(Scaling::Fixed { replicas }) => (
                u32::try_from(replicas.unwrap_or(1)).unwrap_or(0),
                "fixed".to_owned(),
            ),
            Some(Scaling::Elastic { .. }) => self.timed_target(t, name, current)?,
            None => (1, "fixed".to_owned()),
        };
        if let Some(svc) = self.services.get_mut(name) {
            svc.target = Some(desired);
        }
        if desired == current {
            return Ok(());
        }
        self.note(
            EventKind::Scale,
            Some(name),
            format!("replicas {current} → {desired} ({why})"),
        );
        if desired > current {
            self.to_place.push((name.to_owned(), desired - current));
        } else {
            self.scale_down(name, current - desired);
        }
        Ok(())
    }

    /// The replicas of the timed policies at `t`; inside a metric window, the HPA's.
    fn timed_target(&mut self, t: i64, name: &str, current: u32) -> Result<(u32, String)> {
        let idx = usize::try_from(t / self.step).unwrap_or(usize::MAX);
        let Some(point) = self
            .services
            .get(name)
            .and_then(|s| s.curve.get(idx))
            .cloned()
        else {
            return Ok((current, "no policy".into()));
        };
        let policy = point.policy.as_deref().unwrap_or("no policy").to_owned();
        if point.kind == EffectiveKind::Current {
            // No policy in effect: the replicas stay as they are.
            if let Some(s) = self.services.get_mut(name) {
                s.hpa = None;
            }
            return Ok((current, "no policy in effect".into()));
        }
        if point.kind != EffectiveKind::Metric {
            if let Some(s) = self.services.get_mut(name) {
                s.hpa = None;
            }
            let n = point
                .replicas
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(current);
            let kind = format!("{:?}", point.kind).to_lowercase();
            return Ok((n, format!("policy {policy}, {kind}")));
        }
        let desired = self.hpa_target(t, name, current, &policy, point.min, point.max)?;
        Ok((desired, format!("policy {policy}, HPA")))
    }

    /// Run the HPA when its sync is due; between syncs the target holds.
    fn hpa_target(
        &mut self,
        t: i64,
        name: &str,
        current: u32,
        policy: &str,
        min: Option<i32>,
        max: Option<i32>,
    ) -> Result<u32> {
        let at = self.ts(t);
        let key = format!("{policy}/{min:?}/{max:?}");
        let fresh = self
            .services
            .get(name)
            .is_none_or(|s| s.hpa.as_ref().is_none_or(|(k, _, _)| *k != key));
        if fresh {
            let Some(svc) = self.services.get(name) else {
                return Ok(current);
            };
            let Some(scaling) = svc.scaling.clone() else {
                return Ok(current);
            };
            let e = effective_at(&EffectiveAtInput {
                scaling,
                at: at.to_string(),
                current_replicas: Some(i32::try_from(current).unwrap_or(i32::MAX)),
            })?;
            let Some(spec) = e.hpa else {
                return Ok(current);
            };
            if let Some(s) = self.services.get_mut(name) {
                s.hpa = Some((key, HpaState::new(None), spec));
            }
        }
        let due = self
            .services
            .get(name)
            .and_then(|s| s.hpa.as_ref())
            .is_some_and(|(_, h, _)| h.poll_timeout().is_none_or(|p| p <= at));
        let held = self.services.get(name).and_then(|s| s.target);
        if !due {
            return Ok(held.unwrap_or(current));
        }
        if self.pod_index.is_none() {
            let mut index: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (pod, p) in &self.pods {
                if let Some(s) = &p.service {
                    index.entry(s.clone()).or_default().push(pod.clone());
                }
            }
            self.pod_index = Some(index);
        }
        let input = self.hpa_input(t, name, current);
        let Some((_, hpa, _)) = self.services.get_mut(name).and_then(|s| s.hpa.as_mut()) else {
            return Ok(current);
        };
        match input.map(|i| hpa.handle(at, &i)) {
            Some(Ok(rec)) => Ok(u32::try_from(rec.desired_replicas).unwrap_or(0)),
            Some(Err(e)) => {
                self.note(EventKind::Refused, Some(name), format!("HPA: {e}"));
                Ok(held.unwrap_or(current))
            }
            None => Ok(held.unwrap_or(current)),
        }
    }

    /// What the HPA reads: the service's pods and, per metric, their usage (CPU from the
    /// load series shared by the ready pods; memory at half the request).
    fn hpa_input(&self, t: i64, name: &str, current: u32) -> Option<HpaInput> {
        let svc = self.services.get(name)?;
        let (_, _, spec) = svc.hpa.as_ref()?;
        let timing = &self.sc.timing;
        let mut pods = Vec::new();
        let mut ready = Vec::new();
        let names = self.pod_index.as_ref().and_then(|i| i.get(name));
        for (pod, p) in names
            .into_iter()
            .flatten()
            .filter_map(|n| self.pods.get(n).map(|p| (n, p)))
        {
            let tpl = svc.templates.get(&p.version)?;
            let started = p.ready_at.map(|r| r - timing.ready() - timing.start());
            pods.push(HpaPod {
                name: pod.clone(),
                phase: Some(if p.node.is_some() {
                    PodPhase::Running
                } else {
                    PodPhase::Pending
                }),
                ready: Some(p.ready),
                ready_transition_time: p.ready_at.map(|r| self.ts(r).to_string()),
                start_time: started.map(|s| self.ts(s).to_string()),
                deleting: None,
                containers: tpl
                    .pod
                    .spec
                    .containers
                    .iter()
                    .map(|c| HpaContainer {
                        name: c.name.clone(),
                        requests: c.resources.requests.clone(),
                        restartable: None,
                    })
                    .collect(),
                requests: None,
            });
            if p.ready {
                ready.push((pod.clone(), tpl.cpu, tpl.memory));
            }
        }
        let load = self
            .load_at(t, name)
            .unwrap_or_else(|| ready.iter().map(|(_, cpu, _)| cpu / 2).sum());
        let share = load / (ready.len().max(1) as u128);
        let metrics = spec
            .metrics
            .iter()
            .map(|m| match m {
                MetricSpec::Resource { resource } if resource.name == "cpu" => {
                    samples(&ready, |_| share, QuantityFormat::DecimalSI)
                }
                MetricSpec::Resource { resource } if resource.name == "memory" => samples(
                    &ready,
                    |(_, _, mem)| mem / 2 * 1000,
                    QuantityFormat::BinarySI,
                ),
                _ => MetricValue {
                    error: Some("not simulated".into()),
                    ..MetricValue::default()
                },
            })
            .collect();
        Some(HpaInput {
            spec: spec.clone(),
            current_replicas: i32::try_from(current).unwrap_or(i32::MAX),
            status_replicas: None,
            pods,
            metrics,
        })
    }

    /// The service's load at `t` (millicores), from its series by time of day (linear
    /// between points, wrapping around midnight).
    fn load_at(&self, t: i64, name: &str) -> Option<u128> {
        let load = &self.services.get(name)?.load;
        let d = self.day_seconds(t);
        let (first, last) = (*load.first()?, *load.last()?);
        let (a, b) = match load.iter().position(|(at, _)| *at > d) {
            Some(0) => ((last.0 - 86_400, last.1), first),
            None => (last, (first.0 + 86_400, first.1)),
            Some(i) => (*load.get(i - 1)?, *load.get(i)?),
        };
        let x = if b.0 > a.0 {
            ((d - a.0) as f64 / (b.0 - a.0) as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let v = a.1 as f64 + (b.1 as f64 - a.1 as f64) * x;
        Some(v.round().max(0.0) as u128)
    }

    /// Seconds since midnight of `t` in the scenario's time zone.
    fn day_seconds(&self, t: i64) -> i64 {
        let unix = self.ts(t).unix_seconds().floor() as i64;
        let tz: chrono_tz::Tz = self
            .sc
            .time_zone
            .as_deref()
            .and_then(|z| z.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        let offset = chrono::DateTime::from_timestamp(unix, 0)
            .map(|d| {
                use chrono::Offset;
                d.with_timezone(&tz).offset().fix().local_minus_utc()
            })
            .unwrap_or(0);
        (unix + i64::from(offset)).rem_euclid(86_400)
    }

    /// Remove `n` pods: waiting ones first, then the newest.
    fn scale_down(&mut self, name: &str, n: u32) {
        let mut pods: Vec<(bool, u64, String)> = self
            .pods
            .iter()
            .filter(|(_, p)| p.service.as_deref() == Some(name))
            .map(|(k, p)| (p.node.is_some(), u64::MAX - p.seq, k.clone()))
            .collect();
        pods.sort();
        for (_, _, pod) in pods.into_iter().take(n as usize) {
            self.remove_pod(&pod);
        }
    }
}

fn samples(
    ready: &[(String, u128, u128)],
    value: impl Fn(&(String, u128, u128)) -> u128,
    format: QuantityFormat,
) -> MetricValue {
    let pods = ready
        .iter()
        .filter_map(|r| {
            let v = value(r);
            let q = Quantity::from_millis(u64::try_from(v).ok()?, format).ok()?;
            Some(PodSample {
                pod: r.0.clone(),
                value: q,
                timestamp: None,
                window_seconds: None,
            })
        })
        .collect();
    MetricValue {
        pods: Some(pods),
        ..MetricValue::default()
    }
}
