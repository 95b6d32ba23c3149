//! The wire types of the HPA: Kubernetes `autoscaling/v2` shapes (camelCase), plus the
//! observations a controller would read from the API server and the metrics APIs.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::quantity::Quantity;
use crate::model::selector::LabelSelector;

/// `HorizontalPodAutoscalerSpec` without `scaleTargetRef` (weir is told the target's
/// replicas directly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaSpec {
    /// Lower bound; default 1 (`pkg/apis/autoscaling/v2/defaults.go`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i32>,
    /// Upper bound, ≥ 1 and ≥ `minReplicas`.
    pub max_replicas: i32,
    /// The metrics; the largest proposal wins. At least one.
    pub metrics: Vec<MetricSpec>,
    /// Scaling behaviour; absent means the legacy path (`max(2 × current, 4)` per sync).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HpaBehavior>,
}

/// One metric of an HPA, tagged by `type` as in `autoscaling/v2` `MetricSpec`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum MetricSpec {
    /// A resource of the pods (`cpu`, `memory`) as utilisation of requests or an average value.
    Resource {
        /// The source.
        resource: ResourceMetricSource,
    },
    /// A resource of one named container of each pod.
    ContainerResource {
        /// The source.
        #[serde(rename = "containerResource")]
        container_resource: ContainerResourceMetricSource,
    },
    /// A per-pod custom metric, averaged over the pods (`AverageValue` target).
    Pods {
        /// The source.
        pods: PodsMetricSource,
    },
    /// A metric of another Kubernetes object (`Value` or `AverageValue` target).
    Object {
        /// The source.
        object: ObjectMetricSource,
    },
    /// A metric from outside the cluster (`Value` or `AverageValue` target).
    External {
        /// The source.
        external: ExternalMetricSource,
    },
}

/// `ResourceMetricSource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceMetricSource {
    /// The resource name as in container requests (`cpu`, `memory`, ...).
    pub name: String,
    /// `Utilization` or `AverageValue`.
    pub target: MetricTarget,
}

/// `ContainerResourceMetricSource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerResourceMetricSource {
    /// The resource name.
    pub name: String,
    /// The container whose usage and request count.
    pub container: String,
    /// `Utilization` or `AverageValue`.
    pub target: MetricTarget,
}

/// `MetricIdentifier`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricIdentifier {
    /// The metric's name.
    pub name: String,
    /// Narrows the metric (passed through; the caller's metrics API applies it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// `PodsMetricSource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodsMetricSource {
    /// The metric.
    pub metric: MetricIdentifier,
    /// `AverageValue`.
    pub target: MetricTarget,
}

/// `CrossVersionObjectReference`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectReference {
    /// API version, e.g. `networking.k8s.io/v1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind, e.g. `Ingress`.
    pub kind: String,
    /// Name.
    pub name: String,
}

/// `ObjectMetricSource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMetricSource {
    /// The object the metric describes.
    pub described_object: ObjectReference,
    /// The metric.
    pub metric: MetricIdentifier,
    /// `Value` or `AverageValue`.
    pub target: MetricTarget,
}

/// `ExternalMetricSource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalMetricSource {
    /// The metric.
    pub metric: MetricIdentifier,
    /// `Value` or `AverageValue`.
    pub target: MetricTarget,
}

/// `MetricTarget`: exactly the field its `type` names must be set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricTarget {
    /// `Utilization`, `Value` or `AverageValue`.
    #[serde(rename = "type")]
    pub kind: MetricTargetType,
    /// For `Value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Quantity>,
    /// For `AverageValue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_value: Option<Quantity>,
    /// For `Utilization`: percent of the request, ≥ 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_utilization: Option<i32>,
}

/// `MetricTargetType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MetricTargetType {
    /// Percent of the pods' requests (Resource, ContainerResource).
    Utilization,
    /// A total value (Object, External).
    Value,
    /// A value per pod.
    AverageValue,
}

/// `HorizontalPodAutoscalerBehavior`: when present, absent parts take the API defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaBehavior {
    /// Default: window 0 s, `Max` of 4 pods / 15 s and 100 % / 15 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_up: Option<HpaScalingRules>,
    /// Default: window = the controller's downscale stabilisation (300 s), `Max` of
    /// 100 % / 15 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down: Option<HpaScalingRules>,
}

/// `HPAScalingRules`: absent fields take the defaults of their direction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaScalingRules {
    /// 0–3600 seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stabilization_window_seconds: Option<i32>,
    /// `Max` (default), `Min` or `Disabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select_policy: Option<SelectPolicy>,
    /// Rate limits; an empty list is allowed only with `Disabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<HpaScalingPolicy>>,
    /// Tolerance of this direction (KEP-4951), a quantity such as `0.05`; default the
    /// controller's (0.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Quantity>,
}

/// `ScalingPolicySelect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SelectPolicy {
    /// The policy allowing the largest change.
    Max,
    /// The policy allowing the smallest change.
    Min,
    /// No scaling in this direction.
    Disabled,
}

/// `HPAScalingPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaScalingPolicy {
    /// `Pods` or `Percent`.
    #[serde(rename = "type")]
    pub kind: HpaScalingPolicyType,
    /// Pods or percent, ≥ 1.
    pub value: i32,
    /// 1–1800 seconds.
    pub period_seconds: i32,
}

/// `HPAScalingPolicyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HpaScalingPolicyType {
    /// A number of pods per period.
    Pods,
    /// A percent of the replicas at the start of the period.
    Percent,
}

/// The controller's flags (`kube-controller-manager --horizontal-pod-autoscaler-*`), with
/// the defaults of `RecommendedDefaultHPAControllerConfiguration`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct HpaConfig {
    /// Default tolerance, 0.1: a ratio within `[1 − t, 1 + t]` changes nothing.
    pub tolerance: f64,
    /// 300 s: CPU samples of pods younger than this need a ready window first.
    pub cpu_initialization_period_seconds: i32,
    /// 30 s: a pod unready this soon after start has never been ready.
    pub initial_readiness_delay_seconds: i32,
    /// 300 s: the scale-down stabilisation window (legacy path, and `behavior.scaleDown`
    /// without a window).
    pub downscale_stabilization_seconds: i32,
    /// 2.0: the legacy path allows `max(factor × current, minimum)` per sync.
    pub scale_up_limit_factor: f64,
    /// 4.0: see `scaleUpLimitFactor`.
    pub scale_up_limit_minimum: f64,
    /// 15 s (`--horizontal-pod-autoscaler-sync-period`): how often the controller
    /// reconciles; [`crate::HpaState::poll_timeout`] is this long after the last one.
    pub sync_period_seconds: i32,
}

impl Default for HpaConfig {
    fn default() -> Self {
        HpaConfig {
            tolerance: 0.1,
            cpu_initialization_period_seconds: 300,
            initial_readiness_delay_seconds: 30,
            downscale_stabilization_seconds: 300,
            scale_up_limit_factor: 2.0,
            scale_up_limit_minimum: 4.0,
            sync_period_seconds: 15,
        }
    }
}

/// One reconcile's observations (the time is `handle`'s `now`): the HPA, the scale
/// subresource, the pods and what the
/// metrics APIs returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaInput {
    /// The autoscaler.
    pub spec: HpaSpec,
    /// `scale.spec.replicas` of the target.
    pub current_replicas: i32,
    /// `scale.status.replicas`; default `currentReplicas` (used by per-pod Object and
    /// External targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_replicas: Option<i32>,
    /// The pods the target's selector matches.
    #[serde(default)]
    pub pods: Vec<HpaPod>,
    /// What each metric of `spec.metrics` returned, in the same order.
    pub metrics: Vec<MetricValue>,
}

/// A pod as the HPA reads it (a subset of `v1.Pod`, flattened).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaPod {
    /// `metadata.name`, unique.
    pub name: String,
    /// `status.phase`; default `Running`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<PodPhase>,
    /// The `Ready` condition's status; absent when the pod has no `Ready` condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<bool>,
    /// The `Ready` condition's `lastTransitionTime` (RFC 3339); default `startTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_transition_time: Option<String>,
    /// `status.startTime` (RFC 3339); absent for a pod not started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// `metadata.deletionTimestamp` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleting: Option<bool>,
    /// `spec.containers` (and restartable init containers, marked `restartable`).
    #[serde(default)]
    pub containers: Vec<HpaContainer>,
    /// Pod-level `spec.resources.requests` (`PodLevelResources`): when set, a Resource
    /// metric uses it instead of summing containers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<BTreeMap<String, Quantity>>,
}

/// `v1.PodPhase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PodPhase {
    /// Not yet running: counted as unready.
    Pending,
    /// Running.
    Running,
    /// Finished successfully: ignored, like `Failed` (`groupPods` in current Kubernetes).
    Succeeded,
    /// Failed: ignored.
    Failed,
    /// Unknown: counted like `Running`.
    Unknown,
}

/// A container's requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HpaContainer {
    /// The container name.
    pub name: String,
    /// `resources.requests`.
    #[serde(default)]
    pub requests: BTreeMap<String, Quantity>,
    /// An init container with `restartPolicy: Always` (a sidecar): its requests count. A
    /// plain init container is not listed at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restartable: Option<bool>,
}

/// What the metrics API returned for one metric of the spec. Per metric type:
/// Resource/ContainerResource/Pods → `pods`; Object → `value`; External → `values`; a
/// failed fetch → `error` (the metric is invalid for this reconcile).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricValue {
    /// Per-pod samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<Vec<PodSample>>,
    /// The object's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Quantity>,
    /// The external metric's series; they are summed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Quantity>>,
    /// Why the metric could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One pod's sample (`PodMetric`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSample {
    /// The pod's name (a sample for a pod not in `pods` still counts, as in Kubernetes).
    pub pod: String,
    /// Usage: `250m` CPU, `100Mi` memory, or the custom metric's value.
    pub value: Quantity,
    /// When the sample was taken (RFC 3339); default `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The sample's window; default 60 s (`metricServerDefaultMetricWindow`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<i32>,
}

/// Why the HPA chose its number: the Kubernetes condition reasons, plus the early exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HpaReason {
    /// `currentReplicas` is 0 and `minReplicas` is not: autoscaling is off (ScalingActive
    /// False).
    ScalingDisabled,
    /// `currentReplicas` is above `maxReplicas`: brought down to it, metrics unread.
    AboveMaxReplicas,
    /// `currentReplicas` is below `minReplicas`: brought up to it, metrics unread.
    BelowMinReplicas,
    /// All metrics failed, or some failed and the valid ones would scale down: no change.
    InvalidMetrics,
    /// The metrics' wish is within every limit.
    DesiredWithinRange,
    /// Capped by the scale-up rate (legacy `max(2×, 4)` or the behaviour's policies).
    ScaleUpLimit,
    /// Capped by the scale-down rate of the behaviour's policies.
    ScaleDownLimit,
    /// Capped at `maxReplicas`.
    TooManyReplicas,
    /// Raised to `minReplicas`.
    TooFewReplicas,
}

/// The stabilisation step's verdict (the `AbleToScale` condition reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Stabilization {
    /// The recommendation was used as is.
    ReadyForNewScale,
    /// Held up by lower recent recommendations (scale-up window).
    ScaleUpStabilized,
    /// Held up by higher recent recommendations (scale-down window).
    ScaleDownStabilized,
}

/// How one metric's proposal came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MetricOutcome {
    /// The usage ratio is within tolerance: the current replicas.
    WithinTolerance,
    /// `ceil(ratio × pods)`.
    Scaled,
    /// Missing or unready pods, filled in, flipped the direction or brought the ratio
    /// within tolerance: the current replicas.
    Rebalanced,
    /// Object/External from zero replicas: `ceil(ratio)`, no tolerance.
    FromZero,
    /// The metric could not be used (see `error`).
    Invalid,
}

/// What one metric said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MetricStatus {
    /// `Resource`, `ContainerResource`, `Pods`, `Object` or `External`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The resource or metric name.
    pub name: String,
    /// How the proposal came about.
    pub outcome: MetricOutcome,
    /// The replicas this metric proposes; absent when invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<i32>,
    /// The usage ratio to the target before rebalancing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// For utilisation targets: the integer percent of requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_utilization: Option<i32>,
    /// The average per pod (Resource, Pods, per-pod Object/External targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_average_value: Option<Quantity>,
    /// The total (Object and External `Value` targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_value: Option<Quantity>,
    /// Ready pods counted; pods left out as unready, missing a sample, or ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<PodCounts>,
    /// Why the metric is invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How the pods were grouped (`groupPods`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PodCounts {
    /// Counted.
    pub ready: u32,
    /// Pending, or (CPU only) not ready / still initialising.
    pub unready: u32,
    /// No sample.
    pub missing: u32,
    /// Deleting, failed or succeeded.
    pub ignored: u32,
}

/// The HPA's decision for one reconcile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HpaRecommendation {
    /// What the target should be scaled to.
    pub desired_replicas: i32,
    /// `currentReplicas` of the input.
    pub current_replicas: i32,
    /// `desiredReplicas != currentReplicas`: the caller scales the target.
    pub rescale: bool,
    /// Why (the `ScalingLimited` reason, or an early exit).
    pub reason: HpaReason,
    /// The reason in words.
    pub message: String,
    /// The largest proposal of the valid metrics, before stabilisation and limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_replicas: Option<i32>,
    /// The metric that proposed `metricReplicas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// After the stabilisation window, before rate limits and bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stabilized_replicas: Option<i32>,
    /// The stabilisation verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stabilization: Option<Stabilization>,
    /// One entry per `spec.metrics` entry (empty on an early exit).
    pub metrics: Vec<MetricStatus>,
}
