//! `diff(from, to)`: what changed between two app service specs, and what the change
//! implies for a release — in-place or recreate, pre/post tasks, warnings.
//!
//! Facts: seed 1.7/1.8 (recreate when CPU/memory change, when the container count changes,
//! when rolling back from monitoring on to off; changing the SLB interrupts traffic), 6.2
//! part 5 (switching the upgrade mode after deployment causes brief unavailability;
//! affinity takes effect only when pods are recreated). The `kubernetes` rule set follows
//! OpenKruise CloneSet's in-place update: only image (and metadata) changes are in place.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, FieldPath, Result, ValidationErrors};
use crate::model::app_service::{
    Access, AppService, Container, LogConfig, PlatformProfile, ServiceAffinity, UpgradeMode,
};
use crate::model::quantity::RawQuantity;
use crate::model::selector::NodeSelector;
use crate::model::validate::normalize;

/// Which in-place rule set decides `upgrade`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum InPlaceRules {
    /// The platform's (seed 1.7): in place unless CPU/memory, the container count, or
    /// monitoring on → off change.
    #[default]
    Seed,
    /// OpenKruise CloneSet's: in place only when nothing but container images changed.
    Kubernetes,
}

/// Input of [`diff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiffInput {
    /// The version running now (or being rolled back from).
    pub from: AppService,
    /// The version to release.
    pub to: AppService,
    /// The in-place rule set; default `seed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<InPlaceRules>,
    /// The platform both versions are validated against (as in `validate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<PlatformProfile>,
}

/// One changed value, at a JSON-pointer path of the normalized spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    /// JSON pointer, e.g. `/template/containers/0/image`.
    pub path: String,
    /// The old value; absent when the value was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    /// The new value; absent when the value was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
}

/// How pods reach the new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Upgrade {
    /// The pods are not touched (only replicas, services or other non-pod settings changed).
    None,
    /// The pods are updated in place (原地升级; IPs kept).
    InPlace,
    /// The pods are deleted and recreated (替换).
    Recreate,
}

/// Why pods are recreated (or, for `affinityChanged`, why they would need to be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum UpgradeReason {
    /// The new version uses the replace upgrade mode.
    ReplaceMode,
    /// A CPU or memory request or limit changed (seed 1.7).
    ResourcesChanged,
    /// The number of containers changed (seed 1.7).
    ContainerCountChanged,
    /// Monitoring goes from on to off, e.g. a rollback (seed 1.7).
    MonitoringTurnedOff,
    /// Something other than an image changed in the pod (the `kubernetes` rule set).
    PodSpecChanged,
    /// Only images changed.
    ImageChanged,
    /// Node or service affinity changed.
    AffinityChanged,
}

/// Work to do before the pods are updated.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum PreTask {
    /// Services were added or changed.
    ApplyServiceConfig,
    /// Log collection was configured for the first time or changed.
    ApplyLogConfig,
}

/// Work to do after the pods are updated.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum PostTask {
    /// Services were removed.
    CleanupServiceConfig,
    /// A log store is no longer collected.
    RemoveLogConfig,
}

/// A consequence the person releasing should know about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum WarningCode {
    /// A service's load balancer changes: its traffic is interrupted (seed 1.7).
    LoadBalancerChange,
    /// The upgrade mode switches: brief unavailability (seed 6.2 part 5).
    UpgradeModeSwitch,
    /// Affinity changed but pods are not recreated, so it does not take effect yet.
    AffinityNeedsRecreate,
}

/// A warning with its stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// The stable code.
    pub code: WarningCode,
    /// One line for a person.
    pub message: String,
}

/// What changed and what it implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppServiceDiff {
    /// Every changed value, in path order.
    pub changes: Vec<Change>,
    /// How pods reach the new version.
    pub upgrade: Upgrade,
    /// Why (empty when nothing in the pods changed).
    pub reasons: Vec<UpgradeReason>,
    /// Before the pods are updated.
    pub pre_tasks: Vec<PreTask>,
    /// After the pods are updated.
    pub post_tasks: Vec<PostTask>,
    /// Consequences to confirm.
    pub warnings: Vec<Warning>,
}

/// Prefix every field path of a validation error (`name` → `from.name`).
fn under(prefix: &str, err: Error) -> Error {
    match err {
        Error::Validation(v) => Error::Validation(ValidationErrors(
            v.0.into_iter()
                .map(|mut f| {
                    f.path = FieldPath::root(prefix).child(&f.path).into();
                    f
                })
                .collect(),
        )),
        other => other,
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                walk(&format!("{path}/{}", escape(k)), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for n in 0..x.len().max(y.len()) {
                walk(&format!("{path}/{n}"), x.get(n), y.get(n), out);
            }
        }
        (x, y) if x != y => out.push(Change {
            path: path.to_owned(),
            from: x.cloned(),
            to: y.cloned(),
        }),
        _ => {}
    }
}

/// Give `to` the spelling `from` uses wherever a container's CPU or memory is the same
/// value (`1Gi` and `1073741824`), so only real changes show.
fn align_quantities(from: &AppService, to: &mut AppService) {
    let same = |a: &Option<RawQuantity>, b: &Option<RawQuantity>| match (a, b) {
        (Some(x), Some(y)) => matches!((x.parse(), y.parse()), (Ok(p), Ok(q)) if p == q),
        _ => false,
    };
    for (x, y) in from
        .template
        .containers
        .iter()
        .zip(to.template.containers.iter_mut())
    {
        let (Some(rx), Some(ry)) = (&x.resources, &mut y.resources) else {
            continue;
        };
        for (lx, ly) in [
            (&rx.requests, &mut ry.requests),
            (&rx.limits, &mut ry.limits),
        ] {
            if let (Some(lx), Some(ly)) = (lx, ly) {
                for (qx, qy) in [(&lx.cpu, &mut ly.cpu), (&lx.memory, &mut ly.memory)] {
                    if same(qx, qy) {
                        qy.clone_from(qx);
                    }
                }
            }
        }
    }
}

fn same_resources(x: &Container, y: &Container) -> bool {
    x.resources == y.resources
}

fn logs(s: &AppService) -> BTreeMap<(String, String), LogConfig> {
    s.template
        .containers
        .iter()
        .flat_map(|c| {
            c.logs
                .iter()
                .map(move |l| ((c.name.clone(), l.logstore.clone()), l.clone()))
        })
        .collect()
}

fn load_balancer(a: &Access) -> Option<(&'static str, &str)> {
    match a {
        Access::ClusterIp { .. } => None,
        Access::IntranetLb { load_balancer, .. } => Some(("intranet", load_balancer)),
        Access::InternetLb { load_balancer, .. } => Some(("internet", load_balancer)),
    }
}

/// Compare two app service specs (both are normalized first, against `profile`, so
/// defaults and quantity spellings never show as changes) and derive the release's
/// consequences.
///
/// # Errors
///
/// [`Error::Validation`] when either spec is invalid, with paths under `from.` / `to.`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// let from: weir::AppService = serde_json::from_value(json!({"name": "web", "app": "web",
///     "template": {"containers": [{"name": "web", "image": "web:v1",
///         "resources": {"requests": {"cpu": "500m"}}}]}}))?;
/// let mut to = from.clone();
/// to.template.containers[0].image = "web:v2".into();
/// let d = weir::diff(&from, &to, weir::InPlaceRules::Seed, None)?;
/// assert_eq!(d.upgrade, weir::Upgrade::InPlace);
/// assert_eq!(d.changes[0].path, "/template/containers/0/image");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff(
    from: &AppService,
    to: &AppService,
    rules: InPlaceRules,
    profile: Option<&PlatformProfile>,
) -> Result<AppServiceDiff> {
    let a = normalize(from, profile).map_err(|e| under("from", e));
    let b = normalize(to, profile).map_err(|e| under("to", e));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(mut b)) => {
            align_quantities(&a, &mut b);
            (a, b)
        }
        (Err(Error::Validation(mut x)), Err(Error::Validation(y))) => {
            x.0.extend(y.0);
            return Err(Error::Validation(x));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let (va, vb) = (serde_json::to_value(&a).ok(), serde_json::to_value(&b).ok());
    let mut changes = Vec::new();
    walk("", va.as_ref(), vb.as_ref(), &mut changes);

    let (upgrade, reasons) = upgrade_of(&a, &b, rules);
    let (pre_tasks, post_tasks, warnings) = tasks_and_warnings(&a, &b, upgrade);
    Ok(AppServiceDiff {
        changes,
        upgrade,
        reasons,
        pre_tasks,
        post_tasks,
        warnings,
    })
}

/// The upgrade mode of a spec (`inPlace` unless it says otherwise).
fn mode(s: &AppService) -> UpgradeMode {
    s.deploy
        .as_ref()
        .and_then(|d| d.upgrade_mode)
        .unwrap_or(UpgradeMode::InPlace)
}

/// A spec's node and service affinity.
fn affinity(s: &AppService) -> Option<(Option<NodeSelector>, Vec<ServiceAffinity>)> {
    s.deploy
        .as_ref()
        .map(|d| (d.node_affinity.clone(), d.service_affinity.clone()))
}

/// Whether a spec turns the mesh on.
fn mesh_on(s: &AppService) -> bool {
    s.deploy
        .as_ref()
        .and_then(|d| d.mesh.as_ref())
        .is_some_and(|m| m.enabled)
}

/// Whether a container of a spec has a monitoring directory.
fn monitoring(s: &AppService) -> bool {
    s.template
        .containers
        .iter()
        .any(|c| c.monitoring_dir.is_some())
}

/// How running pods move from `a` to `b` (normalized) under `rules`, and why.
fn upgrade_of(
    a: &AppService,
    b: &AppService,
    rules: InPlaceRules,
) -> (Upgrade, Vec<UpgradeReason>) {
    let affinity_changed = affinity(a) != affinity(b);
    let template_changed = a.template != b.template
        || a.node_autoscaling != b.node_autoscaling
        || mesh_on(a) != mesh_on(b);
    let mut reasons = Vec::new();
    let upgrade = if !template_changed && !affinity_changed {
        Upgrade::None
    } else {
        let (ca, cb) = (&a.template.containers, &b.template.containers);
        if mode(b) == UpgradeMode::Replace {
            reasons.push(UpgradeReason::ReplaceMode);
        }
        if ca.len() != cb.len() {
            reasons.push(UpgradeReason::ContainerCountChanged);
        }
        if ca.iter().zip(cb).any(|(x, y)| !same_resources(x, y)) {
            reasons.push(UpgradeReason::ResourcesChanged);
        }
        if monitoring(a) && !monitoring(b) {
            reasons.push(UpgradeReason::MonitoringTurnedOff);
        }
        if rules == InPlaceRules::Kubernetes {
            // CloneSet updates in place only image (and metadata) changes; affinity is
            // part of the pod spec.
            let images_only = ca.len() == cb.len()
                && a.node_autoscaling == b.node_autoscaling
                && mesh_on(a) == mesh_on(b)
                && !affinity_changed
                && ca.iter().zip(cb).all(|(x, y)| {
                    let mut y = y.clone();
                    y.image.clone_from(&x.image);
                    y.image_source.clone_from(&x.image_source);
                    *x == y
                });
            if !images_only {
                reasons.push(UpgradeReason::PodSpecChanged);
            }
        }
        let recreate = !reasons.is_empty();
        if !recreate && ca.iter().zip(cb).any(|(x, y)| x.image != y.image) {
            reasons.push(UpgradeReason::ImageChanged);
        }
        if affinity_changed {
            reasons.push(UpgradeReason::AffinityChanged);
        }
        if recreate {
            Upgrade::Recreate
        } else if template_changed {
            Upgrade::InPlace
        } else {
            // Seed 6.2 part 5: affinity alone does not touch running pods in place mode.
            Upgrade::None
        }
    };
    (upgrade, reasons)
}

/// The tasks around a release from `a` to `b` (normalized) and its warnings: access
/// services and log stores to apply first or clean up after, load balancers that change,
/// an upgrade mode switch, affinity that waits for a recreate.
fn tasks_and_warnings(
    a: &AppService,
    b: &AppService,
    upgrade: Upgrade,
) -> (Vec<PreTask>, Vec<PostTask>, Vec<Warning>) {
    let affinity_changed = affinity(a) != affinity(b);
    let mut pre_tasks = Vec::new();
    let mut post_tasks = Vec::new();
    let mut warnings = Vec::new();
    let old_services: BTreeMap<&str, &Access> = a
        .services
        .iter()
        .map(|s| (s.name.as_str(), &s.access))
        .collect();
    let new_services: BTreeMap<&str, &Access> = b
        .services
        .iter()
        .map(|s| (s.name.as_str(), &s.access))
        .collect();
    if new_services
        .iter()
        .any(|(n, acc)| old_services.get(n) != Some(acc))
    {
        pre_tasks.push(PreTask::ApplyServiceConfig);
    }
    if old_services.keys().any(|n| !new_services.contains_key(n)) {
        post_tasks.push(PostTask::CleanupServiceConfig);
    }
    for (name, old) in &old_services {
        if let (Some(x), Some(new)) = (load_balancer(old), new_services.get(name))
            && load_balancer(new) != Some(x)
        {
            warnings.push(Warning {
                code: WarningCode::LoadBalancerChange,
                message: format!(
                    "service `{name}` changes its load balancer: its traffic is interrupted",
                    name = crate::error::clip(name)
                ),
            });
        }
    }
    let (old_logs, new_logs) = (logs(a), logs(b));
    if !new_logs.is_empty() && new_logs != old_logs {
        pre_tasks.push(PreTask::ApplyLogConfig);
    }
    if old_logs.keys().any(|k| !new_logs.contains_key(k)) {
        post_tasks.push(PostTask::RemoveLogConfig);
    }
    if mode(a) != mode(b) {
        warnings.push(Warning {
            code: WarningCode::UpgradeModeSwitch,
            message:
                "switching the upgrade mode of a deployed app service makes it briefly unavailable"
                    .into(),
        });
    }
    if affinity_changed && upgrade != Upgrade::Recreate {
        warnings.push(Warning {
            code: WarningCode::AffinityNeedsRecreate,
            message: "affinity changes take effect only when pods are recreated: release with the replace upgrade mode to apply them".into(),
        });
    }
    (pre_tasks, post_tasks, warnings)
}

/// [`diff`] with its input as one value (the form the bindings and vectors use).
///
/// # Errors
///
/// As [`diff`].
pub fn diff_app_services(input: &DiffInput) -> Result<AppServiceDiff> {
    diff(
        &input.from,
        &input.to,
        input.rules.unwrap_or_default(),
        input.profile.as_ref(),
    )
}
