//! `normalize`: the spec with every default filled and every quantity in canonical form.

use super::validate;
use crate::error::Result;
use crate::model::app_service::*;
use crate::model::quantity::RawQuantity;

fn canonical(raw: &mut Option<RawQuantity>) {
    if let Some(r) = raw
        && let Ok(q) = r.parse()
    {
        // A JSON number such as 0.5 becomes the canonical string `500m`; the settled form
        // keeps normalize idempotent (`62.5Ki` → `64k`, not `64000`).
        *r = RawQuantity(q.settled_canonical());
    }
}

/// Validate, then return the spec with every default filled and every quantity in
/// canonical form: what a version stores. Normalizing twice changes nothing.
///
/// Defaults (seed 6.2, 6.3): namespace `default`; not stateful; fixed scaling with 1
/// replica; no node autoscaling; image source `registry`; package base image
/// [`DEFAULT_BASE_IMAGE`]; probe timings 3/1/10/1/3; mounts read-write; log stores 30 days,
/// 2 shards; cron policies in `UTC`, priority 0 without duration and 1 with; LB ports
/// `wrr` with health check on; deploy `inPlace`, fast grouping with 3 groups, beta on,
/// pause between groups on, `evenAcrossUnits`. Empty `units` stays empty: it means every
/// unit of the workspace at release time, so a unit added later is included (the
/// version does not freeze today's topology).
///
/// # Errors
///
/// [`crate::Error::Validation`] listing every problem (as [`validate`]).
pub fn normalize(spec: &AppService, profile: Option<&PlatformProfile>) -> Result<AppService> {
    validate(spec, profile)?;
    let mut s = spec.clone();
    s.namespace.get_or_insert_with(|| "default".to_owned());
    s.stateful.get_or_insert(false);
    s.node_autoscaling.get_or_insert(false);
    match s
        .scaling
        .get_or_insert(Scaling::Fixed { replicas: Some(1) })
    {
        Scaling::Fixed { replicas } => {
            replicas.get_or_insert(1);
        }
        Scaling::Elastic { policies, .. } => {
            for p in policies {
                if p.schedule.cron.is_some() {
                    p.schedule.time_zone.get_or_insert_with(|| "UTC".to_owned());
                }
                let default_priority = i32::from(p.duration_seconds.is_some());
                p.priority.get_or_insert(default_priority);
            }
        }
    }
    s.template.containers.iter_mut().for_each(fill_container);
    for svc in &mut s.services {
        if let Access::IntranetLb { ports, .. } | Access::InternetLb { ports, .. } = &mut svc.access
        {
            for port in ports {
                port.scheduler.get_or_insert(LbScheduler::Wrr);
                port.health_check.get_or_insert(true);
            }
        }
    }
    let d = s.deploy.get_or_insert_with(Deploy::default);
    d.upgrade_mode.get_or_insert(UpgradeMode::InPlace);
    match d.grouping.get_or_insert(Grouping::Fast {
        min_groups: Some(3),
    }) {
        Grouping::Fast { min_groups } => {
            min_groups.get_or_insert(3);
        }
        Grouping::PerPod | Grouping::Single => {}
    }
    d.beta.get_or_insert(true);
    d.pause_between_groups.get_or_insert(true);
    d.schedule_policy
        .get_or_insert(SchedulePolicy::EvenAcrossUnits);
    Ok(s)
}

/// A container's defaults: image source `registry` (a package's base image), canonical
/// resource quantities (an empty list dropped), probe timings, read-write mounts, log
/// store retention and shards.
fn fill_container(ctr: &mut Container) {
    match ctr.image_source.get_or_insert(ImageSource::Registry) {
        ImageSource::Package { base_image, .. } => {
            base_image.get_or_insert_with(|| DEFAULT_BASE_IMAGE.to_owned());
        }
        ImageSource::Registry | ImageSource::Build { .. } => {}
    }
    if let Some(r) = &mut ctr.resources {
        for list in [&mut r.requests, &mut r.limits] {
            if let Some(l) = list {
                canonical(&mut l.cpu);
                canonical(&mut l.memory);
            }
            // An empty list says nothing: the same as no list.
            if list
                .as_ref()
                .is_some_and(|l| l.cpu.is_none() && l.memory.is_none())
            {
                *list = None;
            }
        }
    }
    if ctr
        .resources
        .as_ref()
        .is_some_and(|r| r.requests.is_none() && r.limits.is_none())
    {
        ctr.resources = None;
    }
    for probe in [&mut ctr.readiness_probe, &mut ctr.liveness_probe]
        .into_iter()
        .flatten()
    {
        use probe_defaults::*;
        probe
            .initial_delay_seconds
            .get_or_insert(INITIAL_DELAY_SECONDS);
        probe.timeout_seconds.get_or_insert(TIMEOUT_SECONDS);
        probe.period_seconds.get_or_insert(PERIOD_SECONDS);
        probe.success_threshold.get_or_insert(SUCCESS_THRESHOLD);
        probe.failure_threshold.get_or_insert(FAILURE_THRESHOLD);
    }
    for m in &mut ctr.volume_mounts {
        m.read_only.get_or_insert(false);
    }
    for log in &mut ctr.logs {
        log.retention_days
            .get_or_insert(log_defaults::RETENTION_DAYS);
        log.shards.get_or_insert(log_defaults::SHARDS);
    }
}
