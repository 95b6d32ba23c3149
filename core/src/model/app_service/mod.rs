//! The app service spec (应用服务): identity, pod template, scaling, access services,
//! deploy and schedule settings, as serde types with camelCase JSON.
//!
//! Source: seed sections 6.2 (create an app service: basic info, pod template, scaling,
//! access, deploy and schedule), 6.3 (advanced pod settings: env, volumes, probes,
//! lifecycle, logs, monitoring dir), 6.8 (log store limits), 1.7/1.8 (platform limits);
//! `docs/model.md`. Fields with a default are `Option`s here: [`crate::normalize`] fills
//! every one, so a normalized spec says everything explicitly. Unknown fields are refused
//! (`invalid_input`), so a typo such as `replcas` never passes silently.
//!
//! Integers that a person types (ports, replicas, seconds) are `i32` on the wire, so that
//! `-1` or `70000` reaches validation and is reported at its field path instead of failing
//! conversion.

mod access;
mod deploy;
mod scaling;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::quantity::RawQuantity;

pub use self::access::{
    Access, AccessService, ClusterIpPort, ClusterIpProtocol, LbPort, LbProtocol, LbScheduler,
};
pub use self::deploy::{
    AffinityType, ClusterProfile, Deploy, Grouping, Mesh, Platform, PlatformProfile,
    SchedulePolicy, ServiceAffinity, UnitProfile, UpgradeMode,
};
pub use self::scaling::{
    MAX_POLICIES, MetricTargets, PolicyAction, Ramp, RampMode, Scaling, ScalingPolicy, Schedule,
};

/// An app service (应用服务): what a version of it holds.
///
/// # Examples
///
/// ```
/// let spec: weir::AppService = serde_json::from_value(serde_json::json!({
///     "name": "aks-vote-redis-appservice",
///     "app": "aks-vote-redis",
///     "template": {"containers": [{"name": "redis", "image": "redis:6"}]}
/// }))?;
/// let full = weir::normalize(&spec, None)?;
/// assert_eq!(full.namespace.as_deref(), Some("default"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppService {
    /// Kubernetes namespace, a DNS-1123 label; default `default`. Never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// App service name, a DNS-1123 label. Never changes.
    pub name: String,
    /// The application it belongs to: letters, digits, `-`, `_`; starts with a letter, ends
    /// with a letter or digit. Never changes.
    pub app: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The person responsible (负责人).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Deployed as a StatefulSet with volume claim templates; default false. Never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateful: Option<bool>,
    /// Volume templates of a stateful app service (at least one when stateful).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_claim_templates: Vec<VolumeClaimTemplate>,
    /// The pod template.
    pub template: PodTemplate,
    /// Replica scaling; default fixed, 1 replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    /// Deploy to elastic nodes (adds the sub-cluster label); default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_autoscaling: Option<bool>,
    /// Access services (集群内访问 / VPC 内访问 / 公网访问).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<AccessService>,
    /// Deploy and schedule settings; every field has a default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy: Option<Deploy>,
}

/// A volume claim template of a stateful app service (seed 6.2 part 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeClaimTemplate {
    /// Lowercase letters, digits, `-`; starts with a letter, ends with a letter or digit.
    pub name: String,
    /// The storage class to claim from.
    pub storage_class_name: String,
    /// Capacity in GiB, an integer of at least 20.
    pub capacity_gi: i32,
}

/// The pod template: its containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodTemplate {
    /// At least one container; names unique in the pod and never changed.
    pub containers: Vec<Container>,
}

/// One container of the pod template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Container {
    /// DNS-1123 label, unique in the pod. Never changes.
    pub name: String,
    /// Image reference `[registry[:port]/]path[:tag][@digest]`.
    pub image: String,
    /// Where the image comes from; default a registry reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_source: Option<ImageSource>,
    /// Secret used to pull the image (保密字典).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_pull_secret: Option<String>,
    /// CPU and memory requests and limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    /// Entrypoint override (启动命令).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    /// Arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    /// Environment variables; names unique.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// Volume mounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
    /// Readiness probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Probe>,
    /// Liveness probe (its `successThreshold` must be 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Probe>,
    /// Lifecycle hooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
    /// Log collection (日志服务配置).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<LogConfig>,
    /// Business monitoring directory, shared read-only with the monitoring sidecar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring_dir: Option<String>,
}

/// Where a container image comes from (镜像来源), tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ImageSource {
    /// The `image` reference is pulled from a registry (镜像仓库).
    Registry,
    /// A build record of the owning app (构建记录).
    Build {
        /// The build record id.
        build_id: String,
    },
    /// Built from an uploaded package (从包构建).
    Package {
        /// The uploaded package.
        package_path: String,
        /// Where the package goes in the image; absolute.
        target_path: String,
        /// The base image; default `reg-cnsh-nf.cloud.alipay.com/library/sofaboot-runtime:2.0_java8`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base_image: Option<String>,
        /// Where the built image is pushed.
        target_image: String,
    },
}

/// The base image of a package build when none is given (seed 6.2 part 2).
pub const DEFAULT_BASE_IMAGE: &str =
    "reg-cnsh-nf.cloud.alipay.com/library/sofaboot-runtime:2.0_java8";

/// Requests and limits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resources {
    /// What the container is guaranteed (请求核数 / 请求内存).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<ResourceList>,
    /// The most it may use (最大核数 / 最大内存).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<ResourceList>,
}

/// CPU and memory amounts as Kubernetes quantities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceList {
    /// CPU (`500m`, `1`); 1 core = 1000m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<RawQuantity>,
    /// Memory (`128Mi`, `1Gi`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<RawQuantity>,
}

/// An environment variable: a literal `value` or a `valueFrom` reference (exactly one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvVar {
    /// A C identifier `[A-Za-z_][A-Za-z0-9_]*`, unique in the container.
    pub name: String,
    /// A literal value (手动输入).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A reference to a ConfigMap or Secret key (配置项 / 保密字典).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<EnvVarSource>,
}

/// Where an environment variable's value comes from (exactly one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvVarSource {
    /// A key of a ConfigMap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<KeyRef>,
    /// A key of a Secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<KeyRef>,
}

/// A key of a named ConfigMap or Secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyRef {
    /// The object's name.
    pub name: String,
    /// The key.
    pub key: String,
}

/// What a volume mount mounts (数据卷类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum VolumeType {
    /// A directory of the host (本地存储).
    HostPath,
    /// A ConfigMap.
    ConfigMap,
    /// A Secret.
    Secret,
}

/// A volume mount of a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeMount {
    /// What is mounted.
    #[serde(rename = "type")]
    pub volume_type: VolumeType,
    /// Read-only (只读) or read-write; default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// Where in the container; absolute.
    pub mount_path: String,
    /// The host path (absolute), or the ConfigMap / Secret name.
    pub source: String,
}

/// A probe: exactly one handler (`tcpSocket`, `httpGet`, `exec`) and its timing.
///
/// Defaults and bounds from seed 6.3: `initialDelaySeconds` 3 (≥ 0), `timeoutSeconds` 1
/// (≥ 1), `periodSeconds` 10 (≥ 1), `successThreshold` 1 (≥ 1; liveness exactly 1),
/// `failureThreshold` 3 (≥ 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Probe {
    /// Connect to a TCP port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocketAction>,
    /// HTTP GET; 200 ≤ status < 400 passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
    /// Run a command; exit code 0 passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecAction>,
    /// Seconds before the first probe; default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_delay_seconds: Option<i32>,
    /// Probe timeout; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
    /// Probe interval; default 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<i32>,
    /// Successes in a row to pass after a failure; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_threshold: Option<i32>,
    /// Failures in a row to fail after a success; default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<i32>,
}

/// Probe defaults (seed 6.3).
pub mod probe_defaults {
    /// `initialDelaySeconds`.
    pub const INITIAL_DELAY_SECONDS: i32 = 3;
    /// `timeoutSeconds`.
    pub const TIMEOUT_SECONDS: i32 = 1;
    /// `periodSeconds`.
    pub const PERIOD_SECONDS: i32 = 10;
    /// `successThreshold`.
    pub const SUCCESS_THRESHOLD: i32 = 1;
    /// `failureThreshold`.
    pub const FAILURE_THRESHOLD: i32 = 3;
}

/// A TCP connect check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TcpSocketAction {
    /// Container port, 1–65535.
    pub port: i32,
}

/// An HTTP GET check or hook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpGetAction {
    /// Request path, starting with `/`.
    pub path: String,
    /// Container port, 1–65535.
    pub port: i32,
}

/// A command run in the container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecAction {
    /// The command and its arguments; not empty.
    pub command: Vec<String>,
}

/// Lifecycle hooks (生命周期事件回调).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lifecycle {
    /// Runs after the container starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start: Option<LifecycleHandler>,
    /// Runs before the container stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_stop: Option<LifecycleHandler>,
}

/// A lifecycle hook: exactly one of `exec` and `httpGet`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifecycleHandler {
    /// Run a command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecAction>,
    /// HTTP GET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
}

/// Log collection into a log store (seed 6.3, 6.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogConfig {
    /// Log store name: lowercase letters, digits, `-`, `_`; starts and ends with a lowercase
    /// letter or digit; 3–63 bytes.
    pub logstore: String,
    /// Days kept, 1–3000; default 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<i32>,
    /// Shards, 1–10; default 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shards: Option<i32>,
    /// Absolute path globs, e.g. `/home/admin/logs/*.log`; at least one.
    pub paths: Vec<String>,
}

/// Defaults of a new log store (the seed gives only the bounds; these are the log
/// service's console defaults).
pub mod log_defaults {
    /// `retentionDays`.
    pub const RETENTION_DAYS: i32 = 30;
    /// `shards`.
    pub const SHARDS: i32 = 2;
}
