//! The autoscaler's configuration: the two water marks, the slot pod, the node groups and
//! their templates, the expander chain, the circuit breaker, the timers and CA's optional
//! extras, with the seed's defaults and a validation that reports every problem at once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::limits::{
    MAX_EXPANDERS, MAX_GROUP_NAME_LEN, MAX_NODE_GROUPS, MAX_TEMPLATE_CPU_MILLIS,
    MAX_TEMPLATE_LABELS, MAX_TEMPLATE_MEMORY_BYTES, MAX_TEMPLATE_TAINTS, MAX_TIMER_SECONDS,
};
use crate::error::{FieldErrorCode as Code, ValidationErrors, child, index};
use crate::model::kube::{Node, NodeSpec, NodeStatus, ObjectMeta, Taint};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::scheduling::limits::MAX_NODES;
use crate::scheduling::types::LabelKeys;

/// One water mark: whether the direction is on, and its threshold in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaterMark {
    /// Scale in this direction at all; default true.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The mark, percent of managed allocatable (1–100).
    pub threshold: i32,
}

/// The slot pod: the placeholder that holds the reserve (seed: 0.5 core, 0.5 GiB).
///
/// Slot pods are recognised in a snapshot by `hints.slot: true`; the scheduler ranks them
/// below every priority, so any business pod preempts them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SlotPodConfig {
    /// CPU request of one slot pod; default `500m`.
    #[serde(default = "slot_cpu")]
    pub cpu: Quantity,
    /// Memory request of one slot pod; default `512Mi`.
    #[serde(default = "slot_memory")]
    pub memory: Quantity,
}

/// The node a group creates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeTemplate {
    /// Zone (the snapshot's zone label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Deployment unit (the snapshot's unit label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Instance type (label `node.kubernetes.io/instance-type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// Allocatable CPU of one node.
    pub cpu: Quantity,
    /// Allocatable memory of one node.
    pub memory: Quantity,
    /// Pods one node takes; default 110.
    #[serde(default = "pods_110")]
    pub pods: i32,
    /// More labels.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub labels: Labels,
    /// Taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
}

/// A node group (seed 9.4): a template and its size bounds. Only `priority`, `minNodes`
/// and `maxNodes` are meant to change after creation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeGroupConfig {
    /// Unique name; a node belongs to the group when its `groupLabel` has this value.
    pub name: String,
    /// Scale-up priority, higher first; default 0.
    #[serde(default)]
    pub priority: i32,
    /// Fewest nodes; default 0.
    #[serde(default)]
    pub min_nodes: i32,
    /// Most nodes; default 5.
    #[serde(default = "five")]
    pub max_nodes: i32,
    /// The node it creates.
    pub template: NodeTemplate,
}

/// How a group is chosen among equals (seed 9.6 "机房选择策略").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ZoneSelection {
    /// The first remaining group in configuration order.
    #[default]
    Sequential,
    /// A remaining group drawn with the seeded generator.
    Random,
}

/// The estimator (seed: "背包算法"; CA's first-fit-decreasing bin-packing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Estimator {
    /// First-fit decreasing on template nodes.
    #[default]
    Binpacking,
}

/// One filter of the expander chain (CA `expander/*`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Expander {
    /// Highest group priority.
    Priority,
    /// Least wasted CPU + memory fraction on the new nodes.
    LeastWaste,
    /// Most pods helped.
    MostPods,
    /// Fewest nodes added.
    LeastNodes,
    /// A seeded draw.
    Random,
}

/// CA's per-group exponential backoff after a failed scale-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackoffConfig {
    /// First backoff, seconds; default 300.
    #[serde(default = "s300")]
    pub initial_seconds: i32,
    /// Longest backoff, seconds; default 1800.
    #[serde(default = "s1800")]
    pub max_seconds: i32,
    /// A failure older than this is forgotten, seconds; default 10800.
    #[serde(default = "s10800")]
    pub reset_seconds: i32,
}

/// CA's cluster health gate: unready nodes above both numbers halt scaling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HealthGate {
    /// Unready nodes tolerated whatever the share; default 3.
    #[serde(default = "three")]
    pub ok_total_unready_count: i32,
    /// Unready share tolerated, percent; default 45.
    #[serde(default = "pct45")]
    pub max_total_unready_percentage: i32,
}

/// A cluster-wide resource range (CA `--cores-total`, `--memory-total`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceRange {
    /// Scale-down never goes below.
    #[serde(default = "zero")]
    pub min: Quantity,
    /// Scale-up never goes above.
    pub max: Quantity,
}

/// The autoscaler's configuration (seed 9.2–9.6), camelCase JSON; every field has the
/// seed's default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AutoscalerConfig {
    /// The upper water mark; default on, 90.
    pub scale_up: WaterMark,
    /// The lower water mark; default on, 10.
    pub scale_down: WaterMark,
    /// The slot pod.
    pub slot_pod: SlotPodConfig,
    /// The node groups.
    pub node_groups: Vec<NodeGroupConfig>,
    /// The node label naming a node's group; default `weir.io/node-group`.
    pub group_label: String,
    /// How a group is chosen among equals; default `sequential`.
    pub zone_selection: ZoneSelection,
    /// The seed of every draw (`random` zone selection and expander).
    pub seed: u32,
    /// The estimator; default `binpacking`.
    pub estimator: Estimator,
    /// The expander chain; default `[priority, leastWaste]`.
    pub expander: Vec<Expander>,
    /// Circuit breaker: failed nodes tolerated (≥ 2); default 3.
    pub max_failed_nodes: i32,
    /// Seconds a requested node has to join; default 600.
    pub max_node_provision_time: i32,
    /// Seconds a node stays unneeded before removal; default 300.
    pub scale_down_unneeded_time: i32,
    /// The same for an unready node; default 300.
    pub scale_down_unready_time: i32,
    /// Scale-down pause after a removal, seconds; default 30.
    pub scale_down_delay_after_delete: i32,
    /// Scale-down pause after a scale-up, seconds; default 300.
    pub scale_down_delay_after_add: i32,
    /// Scale-down pause after a failed removal, seconds; default 10.
    pub scale_down_delay_after_failure: i32,
    /// Most nodes removed per step; default 5.
    pub max_scale_down_nodes: i32,
    /// Keep nodes with pods on node-local storage; default true.
    pub skip_nodes_with_local_storage: bool,
    /// DaemonSet pods do not count as utilisation; default true.
    pub ignore_daemon_set_utilization: bool,
    /// Per-group exponential backoff (CA); off when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff: Option<BackoffConfig>,
    /// Cluster health gate (CA); off when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_gate: Option<HealthGate>,
    /// Most nodes in the cluster (CA `--max-nodes-total`); none when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_nodes_total: Option<i32>,
    /// Cluster CPU range, cores (CA `--cores-total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cores_total: Option<ResourceRange>,
    /// Cluster memory range (CA `--memory-total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_total: Option<ResourceRange>,
}

impl Default for AutoscalerConfig {
    fn default() -> Self {
        AutoscalerConfig {
            scale_up: WaterMark {
                enabled: true,
                threshold: 90,
            },
            scale_down: WaterMark {
                enabled: true,
                threshold: 10,
            },
            slot_pod: SlotPodConfig {
                cpu: slot_cpu(),
                memory: slot_memory(),
            },
            node_groups: Vec::new(),
            group_label: DEFAULT_GROUP_LABEL.to_owned(),
            zone_selection: ZoneSelection::Sequential,
            seed: 0,
            estimator: Estimator::Binpacking,
            expander: vec![Expander::Priority, Expander::LeastWaste],
            max_failed_nodes: 3,
            max_node_provision_time: 600,
            scale_down_unneeded_time: 300,
            scale_down_unready_time: 300,
            scale_down_delay_after_delete: 30,
            scale_down_delay_after_add: 300,
            scale_down_delay_after_failure: 10,
            max_scale_down_nodes: 5,
            skip_nodes_with_local_storage: true,
            ignore_daemon_set_utilization: true,
            backoff: None,
            health_gate: None,
            max_nodes_total: None,
            cores_total: None,
            memory_total: None,
        }
    }
}

/// The default `groupLabel`.
pub const DEFAULT_GROUP_LABEL: &str = "weir.io/node-group";

fn yes() -> bool {
    true
}
fn slot_cpu() -> Quantity {
    Quantity::from_millis(500, crate::QuantityFormat::DecimalSI).unwrap_or(Quantity::ZERO)
}
fn slot_memory() -> Quantity {
    Quantity::from_units(512 * 1024 * 1024, crate::QuantityFormat::BinarySI)
        .unwrap_or(Quantity::ZERO)
}
fn zero() -> Quantity {
    Quantity::ZERO
}
fn pods_110() -> i32 {
    110
}
fn five() -> i32 {
    5
}
fn three() -> i32 {
    3
}
fn pct45() -> i32 {
    45
}
fn s300() -> i32 {
    300
}
fn s1800() -> i32 {
    1800
}
fn s10800() -> i32 {
    10800
}

/// CPU in millicores, saturating.
pub(crate) fn millis(q: &Quantity) -> i64 {
    i64::try_from(q.milli_value()).unwrap_or(i64::MAX)
}

/// Whole units (bytes), saturating.
pub(crate) fn units(q: &Quantity) -> i64 {
    i64::try_from(q.value()).unwrap_or(i64::MAX)
}

/// The cluster limits the node groups imply (seed 9.6), read-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DerivedLimits {
    /// Σ minNodes × template CPU.
    pub min_cores: Quantity,
    /// Σ maxNodes × template CPU.
    pub max_cores: Quantity,
    /// Σ minNodes × template memory.
    pub min_memory: Quantity,
    /// Σ maxNodes × template memory.
    pub max_memory: Quantity,
    /// Σ maxNodes.
    pub max_nodes: i32,
}

impl AutoscalerConfig {
    /// The derived cluster limits of seed 9.6.
    #[must_use]
    pub fn derived_limits(&self) -> DerivedLimits {
        let sum = |f: &dyn Fn(&NodeGroupConfig) -> u128| -> u128 {
            self.node_groups
                .iter()
                .map(f)
                .fold(0u128, u128::saturating_add)
        };
        let n = |v: i32| u128::try_from(v.max(0)).unwrap_or(0);
        let cpu = |g: &NodeGroupConfig| g.template.cpu.milli_value();
        let mem = |g: &NodeGroupConfig| u128::from(g.template.memory.value());
        let q_cpu = |m: u128| {
            Quantity::from_millis(
                u64::try_from(m).unwrap_or(u64::MAX),
                crate::QuantityFormat::DecimalSI,
            )
            .unwrap_or(Quantity::ZERO)
        };
        let q_mem = |b: u128| {
            Quantity::from_units(
                u64::try_from(b).unwrap_or(u64::MAX),
                crate::QuantityFormat::BinarySI,
            )
            .unwrap_or(Quantity::ZERO)
        };
        DerivedLimits {
            min_cores: q_cpu(sum(&|g| n(g.min_nodes).saturating_mul(cpu(g)))),
            max_cores: q_cpu(sum(&|g| n(g.max_nodes).saturating_mul(cpu(g)))),
            min_memory: q_mem(sum(&|g| n(g.min_nodes).saturating_mul(mem(g)))),
            max_memory: q_mem(sum(&|g| n(g.max_nodes).saturating_mul(mem(g)))),
            max_nodes: self
                .node_groups
                .iter()
                .fold(0i32, |a, g| a.saturating_add(g.max_nodes.max(0))),
        }
    }

    /// Every problem, at its field path (empty: valid).
    pub(crate) fn check(&self, errs: &mut ValidationErrors) {
        self.check_marks(errs);
        self.check_groups(errs);
        self.check_rules(errs);
    }

    fn check_marks(&self, errs: &mut ValidationErrors) {
        for (path, m, lo) in [
            ("scaleUp", &self.scale_up, 1),
            ("scaleDown", &self.scale_down, 0),
        ] {
            if !(lo..=100).contains(&m.threshold) {
                errs.push(
                    child(path, "threshold"),
                    Code::Invalid,
                    format!(
                        "a water mark is a percent from {lo} to 100, got {}",
                        m.threshold
                    ),
                );
            }
        }
        if self.scale_up.enabled
            && self.scale_down.enabled
            && self.scale_down.threshold > self.scale_up.threshold
        {
            errs.push(
                "scaleDown.threshold",
                Code::Invalid,
                format!(
                    "the lower water mark {} is above the upper one {}",
                    self.scale_down.threshold, self.scale_up.threshold
                ),
            );
        }
        if self.slot_pod.cpu.is_zero() && self.slot_pod.memory.is_zero() {
            errs.push(
                "slotPod",
                Code::Invalid,
                "a slot pod must request CPU or memory",
            );
        }
        if millis(&self.slot_pod.cpu) > MAX_TEMPLATE_CPU_MILLIS {
            errs.push(
                "slotPod.cpu",
                Code::Invalid,
                "a slot pod's CPU is above any node's",
            );
        }
        if units(&self.slot_pod.memory) > MAX_TEMPLATE_MEMORY_BYTES {
            errs.push(
                "slotPod.memory",
                Code::Invalid,
                "a slot pod's memory is above any node's",
            );
        }
    }

    fn check_groups(&self, errs: &mut ValidationErrors) {
        if self.node_groups.len() > MAX_NODE_GROUPS {
            errs.push(
                "nodeGroups",
                Code::TooMany,
                format!(
                    "at most {MAX_NODE_GROUPS} node groups, got {}",
                    self.node_groups.len()
                ),
            );
            return;
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, g) in self.node_groups.iter().enumerate() {
            let path = index("nodeGroups", i);
            if g.name.is_empty() || g.name.len() > MAX_GROUP_NAME_LEN {
                errs.push(
                    child(&path, "name"),
                    Code::Invalid,
                    format!("a node group name has 1 to {MAX_GROUP_NAME_LEN} characters"),
                );
            } else if !seen.insert(g.name.as_str()) {
                errs.push(
                    child(&path, "name"),
                    Code::Duplicate,
                    format!("node group `{}` is named twice", g.name),
                );
            }
            if g.min_nodes < 0 {
                errs.push(
                    child(&path, "minNodes"),
                    Code::Invalid,
                    "minNodes is at least 0",
                );
            }
            if g.max_nodes < g.min_nodes.max(0) {
                errs.push(
                    child(&path, "maxNodes"),
                    Code::Invalid,
                    format!("maxNodes {} is below minNodes {}", g.max_nodes, g.min_nodes),
                );
            }
            check_template(&g.template, &child(&path, "template"), errs);
        }
        let total = self
            .node_groups
            .iter()
            .fold(0i64, |a, g| a.saturating_add(i64::from(g.max_nodes.max(0))));
        if total > MAX_NODES as i64 {
            errs.push(
                "nodeGroups",
                Code::TooMany,
                format!("the groups' maxNodes add up to {total}, above the {MAX_NODES} nodes of a cluster"),
            );
        }
    }

    fn check_rules(&self, errs: &mut ValidationErrors) {
        if self.group_label.is_empty() {
            errs.push(
                "groupLabel",
                Code::Required,
                "the node-group label key is required",
            );
        }
        if self.expander.is_empty() || self.expander.len() > MAX_EXPANDERS {
            errs.push(
                "expander",
                Code::Invalid,
                format!("the expander chain has 1 to {MAX_EXPANDERS} expanders"),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, e) in self.expander.iter().enumerate() {
            if !seen.insert(*e) {
                errs.push(
                    index("expander", i),
                    Code::Duplicate,
                    "an expander appears once",
                );
            }
        }
        if self.max_failed_nodes < 2 {
            errs.push(
                "maxFailedNodes",
                Code::Invalid,
                "maxFailedNodes is at least 2",
            );
        }
        for (path, v) in [
            ("maxNodeProvisionTime", self.max_node_provision_time),
            ("scaleDownUnneededTime", self.scale_down_unneeded_time),
            ("scaleDownUnreadyTime", self.scale_down_unready_time),
            (
                "scaleDownDelayAfterDelete",
                self.scale_down_delay_after_delete,
            ),
            ("scaleDownDelayAfterAdd", self.scale_down_delay_after_add),
            (
                "scaleDownDelayAfterFailure",
                self.scale_down_delay_after_failure,
            ),
        ] {
            check_seconds(path, v, 0, errs);
        }
        if !(1..=super::limits::MAX_SCALE_DOWN_NODES).contains(&self.max_scale_down_nodes) {
            errs.push(
                "maxScaleDownNodes",
                Code::Invalid,
                format!(
                    "maxScaleDownNodes is from 1 to {}",
                    super::limits::MAX_SCALE_DOWN_NODES
                ),
            );
        }
        self.check_extras(errs);
    }

    fn check_extras(&self, errs: &mut ValidationErrors) {
        if let Some(b) = &self.backoff {
            check_seconds("backoff.initialSeconds", b.initial_seconds, 1, errs);
            check_seconds("backoff.resetSeconds", b.reset_seconds, 0, errs);
            if b.max_seconds < b.initial_seconds || b.max_seconds > MAX_TIMER_SECONDS {
                errs.push(
                    "backoff.maxSeconds",
                    Code::Invalid,
                    "maxSeconds is from initialSeconds to one year",
                );
            }
        }
        if let Some(h) = &self.health_gate {
            if h.ok_total_unready_count < 0 {
                errs.push(
                    "healthGate.okTotalUnreadyCount",
                    Code::Invalid,
                    "okTotalUnreadyCount is at least 0",
                );
            }
            if !(0..=100).contains(&h.max_total_unready_percentage) {
                errs.push(
                    "healthGate.maxTotalUnreadyPercentage",
                    Code::Invalid,
                    "maxTotalUnreadyPercentage is from 0 to 100",
                );
            }
        }
        if self.max_nodes_total.is_some_and(|m| m < 0) {
            errs.push(
                "maxNodesTotal",
                Code::Invalid,
                "maxNodesTotal is at least 0",
            );
        }
        for (path, r) in [
            ("coresTotal", &self.cores_total),
            ("memoryTotal", &self.memory_total),
        ] {
            if let Some(r) = r
                && r.min > r.max
            {
                errs.push(child(path, "min"), Code::Invalid, "min is above max");
            }
        }
    }

    /// The group's index by name.
    pub(crate) fn group_index(&self, name: &str) -> Option<usize> {
        self.node_groups.iter().position(|g| g.name == name)
    }
}

fn check_seconds(path: &str, v: i32, lo: i32, errs: &mut ValidationErrors) {
    if !(lo..=MAX_TIMER_SECONDS).contains(&v) {
        errs.push(
            path,
            Code::Invalid,
            format!("a duration is from {lo} to {MAX_TIMER_SECONDS} seconds, got {v}"),
        );
    }
}

fn check_template(t: &NodeTemplate, path: &str, errs: &mut ValidationErrors) {
    let cpu = millis(&t.cpu);
    if cpu <= 0 || cpu > MAX_TEMPLATE_CPU_MILLIS {
        errs.push(
            child(path, "cpu"),
            Code::Invalid,
            "a template's CPU is above 0 and at most 100000 cores",
        );
    }
    let mem = units(&t.memory);
    if mem <= 0 || mem > MAX_TEMPLATE_MEMORY_BYTES {
        errs.push(
            child(path, "memory"),
            Code::Invalid,
            "a template's memory is above 0 and at most 64Ti",
        );
    }
    if !(1..=super::limits::MAX_TEMPLATE_PODS).contains(&t.pods) {
        errs.push(
            child(path, "pods"),
            Code::Invalid,
            format!(
                "a template takes 1 to {} pods",
                super::limits::MAX_TEMPLATE_PODS
            ),
        );
    }
    if t.labels.len() > MAX_TEMPLATE_LABELS {
        errs.push(
            child(path, "labels"),
            Code::TooMany,
            format!("at most {MAX_TEMPLATE_LABELS} template labels"),
        );
    } else if let Err(crate::Error::Validation(v)) = crate::validate_labels(&t.labels) {
        for e in v.0 {
            errs.push(child(&child(path, "labels"), &e.path), e.code, e.message);
        }
    }
    if t.taints.len() > MAX_TEMPLATE_TAINTS {
        errs.push(
            child(path, "taints"),
            Code::TooMany,
            format!("at most {MAX_TEMPLATE_TAINTS} template taints"),
        );
    }
}

impl NodeGroupConfig {
    /// The node this group would create, named `name`: the template's labels plus the
    /// group, zone, unit, sub-cluster and instance-type labels.
    pub(crate) fn template_node(&self, name: &str, group_label: &str, keys: &LabelKeys) -> Node {
        let t = &self.template;
        let mut labels = t.labels.clone();
        labels.insert(group_label.to_owned(), self.name.clone());
        labels.insert(keys.sub_cluster.clone(), keys.sub_cluster_value.clone());
        labels.insert(keys.hostname.clone(), name.to_owned());
        if let Some(z) = &t.zone {
            labels.insert(keys.zone.clone(), z.clone());
        }
        if let Some(u) = &t.unit {
            labels.insert(keys.unit.clone(), u.clone());
        }
        if let Some(it) = &t.instance_type {
            labels.insert("node.kubernetes.io/instance-type".to_owned(), it.clone());
        }
        let mut allocatable = std::collections::BTreeMap::new();
        allocatable.insert("cpu".to_owned(), t.cpu);
        allocatable.insert("memory".to_owned(), t.memory);
        if let Ok(p) = Quantity::from_units(
            u64::try_from(t.pods.max(0)).unwrap_or(0),
            crate::QuantityFormat::DecimalSI,
        ) {
            allocatable.insert("pods".to_owned(), p);
        }
        Node {
            metadata: ObjectMeta {
                name: name.to_owned(),
                labels,
                ..ObjectMeta::default()
            },
            spec: NodeSpec {
                taints: t.taints.clone(),
                unschedulable: false,
            },
            status: NodeStatus { allocatable },
        }
    }
}
