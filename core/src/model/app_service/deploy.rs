//! Deploy and schedule settings (部署和调度配置), and the platform profile an app service is
//! checked against (seed 6.2, 1.7 / 1.8).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::selector::NodeSelector;

/// Deploy and schedule settings (部署和调度配置).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deploy {
    /// `inPlace` (default) or `replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_mode: Option<UpgradeMode>,
    /// Deployment units; empty: every unit of the workspace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// Pod grouping; default fast with at least 3 groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grouping: Option<Grouping>,
    /// A beta group first (one pod per unit); default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta: Option<bool>,
    /// Pause after each group; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause_between_groups: Option<bool>,
    /// Pod schedule policy; default (and only) `evenAcrossUnits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_policy: Option<SchedulePolicy>,
    /// Node affinity (应用服务与节点亲和性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeSelector>,
    /// Affinity to other app services' pods (应用服务间亲和性).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_affinity: Vec<ServiceAffinity>,
    /// SOFAMesh injection and traffic shifting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mesh: Option<Mesh>,
}

/// How pods are upgraded (升级模式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum UpgradeMode {
    /// Keep the pod, change it in place (原地升级; IP unchanged).
    InPlace,
    /// Replace pods with new ones (替换升级, like a Deployment's RollingUpdate).
    Replace,
}

/// Pod grouping for a release (部署分组策略), tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Grouping {
    /// Groups spread evenly over the units (快速分组).
    Fast {
        /// The minimum number of groups, ≥ 1; default 3.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_groups: Option<i32>,
    },
    /// One pod per group (每个 Pod 一组).
    PerPod,
    /// All pods in one group (共分一组).
    Single,
}

/// Pod schedule policy (Pod 调度策略).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum SchedulePolicy {
    /// Even across deployment units, spilling over when a unit is short (按部署单元平均分配).
    EvenAcrossUnits,
}

/// Affinity to the pods of another app service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceAffinity {
    /// The other app service's name.
    pub app_service: String,
    /// Same node (`affinity`) or different node (`antiAffinity`).
    #[serde(rename = "type")]
    pub affinity_type: AffinityType,
    /// Required (hard) or preferred (soft).
    #[serde(default)]
    pub required: bool,
}

/// Same node or different node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum AffinityType {
    /// On the same node as the other service's pods.
    Affinity,
    /// On a different node.
    AntiAffinity,
}

/// SOFAMesh settings (注入 SOFAMesh).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mesh {
    /// Inject the mesh sidecar.
    pub enabled: bool,
    /// Share of traffic shifted to the new version, 0–100 (引流比例).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_percent: Option<i32>,
    /// The service traffic is shifted for (引流的目标服务).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_service: Option<String>,
}

/// Where the app service runs: what the platform allows (seed 1.7 / 1.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlatformProfile {
    /// Public cloud (default) or private cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// The target cluster, when known: checks units, node autoscaling and mesh against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterProfile>,
}

/// Public or private cloud (公有云 / 专有云).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Platform {
    /// Everything the manual describes.
    PublicCloud,
    /// No ClusterIP services, no storage, no node autoscaling (seed 1.8).
    PrivateCloud,
}

/// What the target cluster offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterProfile {
    /// The workspace's deployment units and their zones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitProfile>,
    /// Node autoscaling (节点伸缩) is enabled.
    #[serde(default)]
    pub node_autoscaling: bool,
    /// Zones that have a node group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_group_zones: Vec<String>,
    /// The service mesh is enabled.
    #[serde(default)]
    pub mesh: bool,
}

/// A deployment unit and its zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitProfile {
    /// The unit's name (its label value).
    pub name: String,
    /// The zone it is in.
    pub zone: String,
}
