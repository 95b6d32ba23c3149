//! `plan_release(order)`: validate a release order and plan it — waves, per service the
//! version change (via `diff`), the pod groups and pauses, and what a rollback would do
//! (`docs/release.md`; seed 6.6, 6.7).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, FieldPath, Result, ValidationErrors};
use crate::model::app_service::{AppService, PlatformProfile, Scaling};
use crate::model::diff::{AppServiceDiff, InPlaceRules, PostTask, PreTask, Upgrade, diff};
use crate::model::units::MAX_UNITS;
use crate::model::validate::normalize;
use crate::release::dag::{DagInput, DagService, analyze_dag, check_size};
use crate::release::groups::{GroupsInput, PodGroups, PodRef, plan_groups};

/// One app service of a release order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderService {
    /// The app service's name (unique in the order).
    pub name: String,
    /// Services of the order that must succeed first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// The version to release (`v3`) and its spec.
    pub to_version: String,
    /// The spec of `toVersion`.
    pub to_spec: AppService,
    /// The version running now, absent on a first release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_version: Option<String>,
    /// The spec of `fromVersion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_spec: Option<AppService>,
    /// The version of the last successful release (from the version history), for
    /// rollback; absent when the service never released successfully.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_successful_version: Option<String>,
    /// The current pods; absent on a first release (planned from the unit split).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<Vec<PodRef>>,
    /// Estimated duration in seconds, for the critical path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
}

/// A release order (发布单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseOrder {
    /// The order's id.
    pub id: String,
    /// Its services.
    pub services: Vec<OrderService>,
    /// The workspace's deployment units, for services that choose none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// At most this many services release at once; default no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_parallel_services: Option<u32>,
    /// How long a pod must stay ready to count as updated; default 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_seconds: Option<u32>,
    /// The in-place rule set for the version changes; default `seed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<InPlaceRules>,
    /// The platform the specs are validated against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<PlatformProfile>,
}

/// What `rollback` does for a service (docs/release.md, three cases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum RollbackPlan {
    /// Release the last successful version again (same grouping, no beta, no pauses).
    ToVersion {
        /// The version rolled back to.
        version: String,
        /// How its pods change.
        upgrade: Upgrade,
    },
    /// The service never released successfully: delete its resources (回退至无资源状态).
    // `{}`, not a unit variant: `deny_unknown_fields` then refuses extra keys here too.
    DeleteResources {},
    /// Re-releasing the version that last succeeded failed: nothing to roll back to; the
    /// service is cancelled (取消发布).
    Cancel {},
}

/// The plan of one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePlan {
    /// The service.
    pub name: String,
    /// Its dependencies.
    pub depends_on: Vec<String>,
    /// Its wave.
    pub wave: u32,
    /// The version released.
    pub to_version: String,
    /// The version it replaces, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_version: Option<String>,
    /// A new version (not a restart or re-release of the running one).
    pub new_version: bool,
    /// How pods reach `toVersion` (`recreate` on a first release: pods are created).
    pub upgrade: Upgrade,
    /// The version change, when there is a running version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<AppServiceDiff>,
    /// Tasks before the pods are updated (from the change; on a first release, service
    /// and log configuration when the spec has them).
    pub pre_tasks: Vec<PreTask>,
    /// Tasks after the pods are updated.
    pub post_tasks: Vec<PostTask>,
    /// The groups and pauses.
    pub groups: PodGroups,
    /// The groups a rollback releases (no beta, no pauses).
    pub rollback_groups: PodGroups,
    /// What rollback means for it.
    pub rollback: RollbackPlan,
}

/// A validated, planned release order: the input of the release engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleasePlan {
    /// The order's id.
    pub id: String,
    /// The waves, by service name.
    pub waves: Vec<Vec<String>>,
    /// Every service, in topological order.
    pub services: Vec<ServicePlan>,
    /// At most this many services at once (0: no limit).
    pub max_parallel_services: u32,
    /// Seconds a pod must stay ready to count as updated.
    pub ready_seconds: u32,
}

/// The most pods a first release plans for one service (each becomes a pod entry in the
/// plan and the engine); larger replica counts are refused rather than exhausting memory.
pub const MAX_PLANNED_PODS: u32 = 100_000;

/// The most services one release order plans. Each planned service holds its specs, its
/// version change, two sets of groups and what rollback means (about 6 KB for the
/// smallest spec, so a million services needed 6 GB); a platform's order has tens. The
/// DAG operations alone take [`crate::MAX_DAG_SERVICES`].
pub const MAX_ORDER_SERVICES: usize = 100_000;

/// The most pods one order releases in all: the current pods given in `pods` plus the
/// pods first releases plan from their replicas. Each pod is an entry in the groups, the
/// rollback groups and the engine (a few hundred bytes), so this bounds an order's plan to
/// a few hundred MB whatever the number of services.
pub const MAX_ORDER_PODS: usize = 1_000_000;

/// Default `readySeconds` (docs/release.md).
pub const DEFAULT_READY_SECONDS: u32 = 30;

fn desired_replicas(spec: &AppService) -> u32 {
    let n = match &spec.scaling {
        Some(Scaling::Fixed { replicas }) => replicas.unwrap_or(1),
        Some(Scaling::Elastic {
            initial_replicas, ..
        }) => *initial_replicas,
        None => 1,
    };
    u32::try_from(n).unwrap_or(0)
}

/// The pods a first release plans: `wanted` split evenly over `units` as
/// [`crate::split_units`] does (the first `wanted mod U` units one more), named
/// `{service}-{k}`. Only units that get a pod are visited, and the unit list is borrowed,
/// not copied per service: the work is the pods planned, not units × services.
fn planned_pods(service: &str, wanted: u32, units: &[String]) -> Vec<PodRef> {
    let count = u32::try_from(units.len()).unwrap_or(u32::MAX).max(1);
    let (q, r) = (wanted / count, wanted % count);
    let mut planned = Vec::with_capacity(wanted as usize);
    for (i, unit) in (0u32..).zip(units) {
        let share = q + u32::from(i < r);
        if share == 0 {
            break;
        }
        for _ in 0..share {
            planned.push(PodRef {
                name: format!("{service}-{}", planned.len()),
                unit: unit.clone(),
            });
        }
    }
    planned
}

/// Refuse an order too large to plan before any work: [`MAX_ORDER_SERVICES`], the DAG's
/// [`crate::MAX_DAG_DEPENDENCIES`], [`MAX_UNITS`] for the order's and each spec's units,
/// and [`MAX_ORDER_PODS`] pods in all (at the `pods` or `toSpec.scaling` of the service
/// that goes over it). A service above [`MAX_PLANNED_PODS`] is left to its own check and
/// counts nothing here.
fn check_order_size(order: &ReleaseOrder) -> Result<()> {
    if order.services.len() > MAX_ORDER_SERVICES {
        return Err(Error::validation_at(
            "services",
            FieldErrorCode::TooMany,
            format!(
                "an order holds at most {MAX_ORDER_SERVICES} services, got {}",
                order.services.len()
            ),
        ));
    }
    check_size(
        order.services.len(),
        order.services.iter().map(|s| s.depends_on.as_slice()),
    )?;
    let mut errs = ValidationErrors::new();
    if order.units.len() > MAX_UNITS {
        errs.push(
            "units",
            FieldErrorCode::TooMany,
            format!("at most {MAX_UNITS} units, got {}", order.units.len()),
        );
    }
    let mut total = 0usize;
    for (i, s) in order.services.iter().enumerate() {
        let units = s.to_spec.deploy.as_ref().map_or(0, |d| d.units.len());
        if units > MAX_UNITS {
            errs.push(
                FieldPath::root("services")
                    .index(i)
                    .child("toSpec.deploy.units"),
                FieldErrorCode::TooMany,
                format!("at most {MAX_UNITS} units, got {units}"),
            );
        }
        let (pods, field) = match &s.pods {
            Some(pods) => (pods.len(), "pods"),
            None => {
                let wanted = desired_replicas(&s.to_spec);
                let wanted = if wanted > MAX_PLANNED_PODS { 0 } else { wanted };
                (wanted as usize, "toSpec.scaling")
            }
        };
        let before = total;
        total = total.saturating_add(pods);
        if before <= MAX_ORDER_PODS && total > MAX_ORDER_PODS {
            errs.push(
                FieldPath::root("services").index(i).child(field),
                FieldErrorCode::TooMany,
                format!("an order releases at most {MAX_ORDER_PODS} pods in all, and this service goes over it"),
            );
        }
    }
    errs.into_result(())
}

/// Validate and plan a release order: all problems at once (unknown dependencies, bad
/// specs under `services[i].toSpec`, ...), then cycles.
///
/// # Errors
///
/// [`Error::Validation`] with every problem, else [`Error::Cycle`]. An order above the
/// size limits ([`MAX_ORDER_SERVICES`], [`MAX_ORDER_PODS`], [`MAX_UNITS`], the DAG's) is
/// refused with those problems alone, before any planning.
pub fn plan_release(order: &ReleaseOrder) -> Result<ReleasePlan> {
    check_order_size(order)?;
    let mut errs = ValidationErrors::new();
    if order.id.is_empty() {
        errs.push("id", FieldErrorCode::Required, "the order needs an id");
    }
    if order.services.is_empty() {
        // An order with nothing to release would never report an outcome.
        errs.push(
            "services",
            FieldErrorCode::Required,
            "an order releases at least one service",
        );
    }
    crate::model::units::duplicate_units(&order.units, "units", &mut errs);
    let dag_input = DagInput {
        services: order
            .services
            .iter()
            .map(|s| DagService {
                name: s.name.clone(),
                depends_on: s.depends_on.clone(),
                duration_seconds: s.duration_seconds,
            })
            .collect(),
    };
    let cycle;
    let analysis = match analyze_dag(&dag_input) {
        Ok(a) => {
            cycle = None;
            Some(a)
        }
        Err(Error::Validation(v)) => {
            errs.0.extend(v.0);
            cycle = None;
            None
        }
        Err(e) => {
            cycle = Some(e);
            None
        }
    };
    let mut plans = Vec::with_capacity(order.services.len());
    for (i, s) in order.services.iter().enumerate() {
        let p = FieldPath::root("services").index(i);
        if let Some(plan) = plan_service(order, s, &p, &mut errs)? {
            plans.push(plan);
        }
    }
    errs.into_result(())?;
    // Field problems first (they are what a person fixes first), then the cycles.
    let analysis = match (analysis, cycle) {
        (Some(a), _) => a,
        (None, Some(e)) => return Err(e),
        // INVARIANT: without field problems the DAG analysis either succeeded or failed
        // with its cycles.
        (None, None) => return Err(Error::Cycle { cycles: Vec::new() }),
    };
    // Topological order and waves, by one lookup per service (not a search per node).
    let place: crate::hash::FastMap<&str, (usize, u32)> = analysis
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.name.as_str(), (k, n.wave)))
        .collect();
    let mut ordered = plans;
    for p in &mut ordered {
        p.wave = place.get(p.name.as_str()).map_or(0, |&(_, w)| w);
    }
    ordered.sort_by_key(|p| place.get(p.name.as_str()).map_or(usize::MAX, |&(k, _)| k));
    Ok(ReleasePlan {
        id: order.id.clone(),
        waves: analysis.waves,
        services: ordered,
        max_parallel_services: order.max_parallel_services.unwrap_or(0),
        ready_seconds: order.ready_seconds.unwrap_or(DEFAULT_READY_SECONDS),
    })
}

/// Service `s` of `order` planned, its problems added to `errs` under `p`; `None` when it
/// cannot be planned (its spec, pods or groups are invalid).
fn plan_service(
    order: &ReleaseOrder,
    s: &OrderService,
    p: &FieldPath,
    errs: &mut ValidationErrors,
) -> Result<Option<ServicePlan>> {
    let (rules, profile) = (order.rules.unwrap_or_default(), order.profile.as_ref());
    let to = match normalize(&s.to_spec, profile) {
        Ok(n) => Some(n),
        Err(Error::Validation(v)) => {
            errs.0.extend(v.0.into_iter().map(|mut f| {
                f.path = p.child("toSpec").child(&f.path).into();
                f
            }));
            None
        }
        Err(e) => return Err(e),
    };
    check_versions(s, p, errs);
    let change = match &to {
        Some(_) => service_change(s, rules, profile, p, errs)?,
        None => None,
    };
    let Some(to) = to else { return Ok(None) };
    let deploy = to.deploy.clone().unwrap_or_default();
    let Some(pods) = service_pods(order, s, &to, p, errs) else {
        return Ok(None);
    };
    let new_version = s.from_version.as_deref() != Some(s.to_version.as_str());
    let groups_for = |beta: bool, pause: bool, new_version: bool| {
        plan_groups(&GroupsInput {
            pods: pods.clone(),
            grouping: deploy.grouping.clone(),
            beta: Some(beta),
            pause_between_groups: Some(pause),
            new_version: Some(new_version),
        })
    };
    let groups = match groups_for(
        deploy.beta.unwrap_or(true),
        deploy.pause_between_groups.unwrap_or(true),
        new_version,
    ) {
        Ok(g) => g,
        Err(Error::Validation(v)) => {
            errs.0.extend(v.0.into_iter().map(|mut f| {
                f.path = p.child(&f.path).into();
                f
            }));
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let rollback_groups = groups_for(false, false, false)?;
    let (pre_tasks, post_tasks) = match &change {
        Some(c) => (c.pre_tasks.clone(), c.post_tasks.clone()),
        None => first_release_tasks(&to),
    };
    Ok(Some(ServicePlan {
        pre_tasks,
        post_tasks,
        name: s.name.clone(),
        depends_on: s.depends_on.clone(),
        wave: 0,
        to_version: s.to_version.clone(),
        from_version: s.from_version.clone(),
        new_version,
        upgrade: change.as_ref().map_or(Upgrade::Recreate, |c| c.upgrade),
        change,
        groups,
        rollback_groups,
        rollback: rollback_plan(s, rules, profile),
    }))
}

/// The change service `s` makes from its running spec (`None` for a first release); its
/// running spec's problems are added to `errs` under `{p}.fromSpec`.
fn service_change(
    s: &OrderService,
    rules: InPlaceRules,
    profile: Option<&PlatformProfile>,
    p: &FieldPath,
    errs: &mut ValidationErrors,
) -> Result<Option<AppServiceDiff>> {
    match &s.from_spec {
        Some(from) => match diff(from, &s.to_spec, rules, profile) {
            Ok(d) => Ok(Some(d)),
            Err(Error::Validation(v)) => {
                errs.0
                    .extend(v.0.into_iter().filter(|f| f.path.starts_with("from.")).map(
                        |mut f| {
                            let rest = f.path.trim_start_matches("from.");
                            f.path = p.child("fromSpec").child(rest).into();
                            f
                        },
                    ));
                Ok(None)
            }
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

/// A service's version fields: `fromVersion` with `fromSpec`, a version to release, a
/// version to roll back to that has an id.
fn check_versions(s: &OrderService, p: &FieldPath, errs: &mut ValidationErrors) {
    if s.from_version.is_some() != s.from_spec.is_some() {
        errs.push(
            p.child("fromSpec"),
            FieldErrorCode::Required,
            "`fromVersion` and `fromSpec` come together",
        );
    }
    if s.to_version.is_empty() {
        errs.push(
            p.child("toVersion"),
            FieldErrorCode::Required,
            "the version to release is required",
        );
    }
    if s.last_successful_version.as_deref() == Some("") {
        errs.push(
            p.child("lastSuccessfulVersion"),
            FieldErrorCode::Required,
            "a version to roll back to has an id (leave the field out when there is none)",
        );
    }
}

/// The pods service `s` releases: as given, or planned over its units (the spec's, the
/// order's, else `default`) for the desired replicas of `to`; `None` (reported at
/// `toSpec.scaling`) above [`MAX_PLANNED_PODS`].
fn service_pods(
    order: &ReleaseOrder,
    s: &OrderService,
    to: &AppService,
    p: &FieldPath,
    errs: &mut ValidationErrors,
) -> Option<Vec<PodRef>> {
    if let Some(pods) = &s.pods {
        return Some(pods.clone());
    }
    let default_unit = ["default".to_owned()];
    let spec_units = to.deploy.as_ref().map_or(&[][..], |d| d.units.as_slice());
    let units: &[String] = if !spec_units.is_empty() {
        spec_units
    } else if !order.units.is_empty() {
        &order.units
    } else {
        &default_unit
    };
    let wanted = desired_replicas(to);
    if wanted > MAX_PLANNED_PODS {
        errs.push(
            p.child("toSpec").child("scaling"),
            FieldErrorCode::TooMany,
            format!("a first release plans at most {MAX_PLANNED_PODS} pods, got {wanted}"),
        );
        return None;
    }
    Some(planned_pods(&s.name, wanted, units))
}

/// What a rollback of service `s` would do.
fn rollback_plan(
    s: &OrderService,
    rules: InPlaceRules,
    profile: Option<&PlatformProfile>,
) -> RollbackPlan {
    match (&s.last_successful_version, &s.from_spec) {
        (None, _) => RollbackPlan::DeleteResources {},
        (Some(v), _) if *v == s.to_version => RollbackPlan::Cancel {},
        // Rolling back to the running version: the reverse of this change decides the
        // mode. Any other version's spec is not in the order: recreate, the safe choice.
        (Some(v), Some(from)) if s.from_version.as_deref() == Some(v.as_str()) => {
            RollbackPlan::ToVersion {
                version: v.clone(),
                upgrade: diff(&s.to_spec, from, rules, profile)
                    .map(|d| d.upgrade)
                    .unwrap_or(Upgrade::Recreate),
            }
        }
        (Some(v), _) => RollbackPlan::ToVersion {
            version: v.clone(),
            upgrade: Upgrade::Recreate,
        },
    }
}

/// A first release's tasks (no change to compare): apply the access services and the log
/// stores the spec has.
fn first_release_tasks(to: &AppService) -> (Vec<PreTask>, Vec<PostTask>) {
    let mut pre = Vec::new();
    if !to.services.is_empty() {
        pre.push(PreTask::ApplyServiceConfig);
    }
    if to.template.containers.iter().any(|c| !c.logs.is_empty()) {
        pre.push(PreTask::ApplyLogConfig);
    }
    (pre, Vec::new())
}
