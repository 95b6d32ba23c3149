#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod autoscaling;
pub mod error;
// Not public API: the harnesses the fuzz crate and the regression test share, and the
// internal hasher they reach. Hidden from the docs; no stability promise.
#[doc(hidden)]
pub mod fuzzing;
#[doc(hidden)]
pub mod hash;
pub mod machine;
pub mod model;
pub mod operations;
pub mod release;
pub mod scaling;
pub mod scheduling;
pub mod schema;
pub mod simulation;
pub mod time;

pub use autoscaling::{
    Autoscaler, AutoscalerConfig, AutoscalerEvent, AutoscalerOutput, AutoscalerSnapshot,
    BackoffConfig, Breaker, Decision, DerivedLimits, Estimator, Expander, GroupBackoff,
    GroupStatus, GroupVerdict, HealthGate, NodeGroupConfig, NodeTemplate, PendingPod,
    PendingReason, ProvisionRequest, ResourceRange, ScaleDownNode, ScaleUp, SlotPodConfig,
    Unneeded, UnneededStatus, WaterLevel, WaterMark, ZoneSelection,
};
pub use error::{
    Error, ErrorReport, FieldError, FieldErrorCode, FieldPath, QuantityErrorReason, Result,
    ValidationErrors,
};
pub use model::app_service::*;
pub use model::diff::{
    AppServiceDiff, Change, DiffInput, InPlaceRules, PostTask, PreTask, Upgrade, UpgradeReason,
    Warning, WarningCode, diff, diff_app_services,
};
pub use model::kube::{
    Affinity, ContainerResources, InclusionPolicy, Node, NodeAffinity, NodeSpec, NodeStatus,
    ObjectMeta, Pod, PodAffinity, PodAffinityTerm, PodContainer, PodHints, PodRunStatus, PodSpec,
    PreemptionPolicy, PreferredSchedulingTerm, Taint, TaintEffect, Toleration, TolerationOperator,
    TopologySpreadConstraint, WeightedPodAffinityTerm, WhenUnsatisfiable,
};
pub use model::labels::{Labels, LabelsInput, validate_labels};
pub use model::pdb::{
    IntOrString, PodDisruptionBudget, PodDisruptionBudgetSpec, PodDisruptionBudgetStatus,
    UnhealthyPodEvictionPolicy,
};
pub use model::quantity::{ParsedQuantity, Quantity, QuantityFormat, RawQuantity, parse_quantity};
pub use model::selector::{
    LabelSelector, LabelSelectorMatch, LabelSelectorMatchInput, LabelSelectorOperator,
    LabelSelectorRequirement, NodeSelector, NodeSelectorMatch, NodeSelectorMatchInput,
    NodeSelectorMatcher, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, Selector,
    match_label_selector, match_node_selector,
};
pub use model::units::{MAX_UNITS, UnitShare, UnitSplitInput, split_units};
pub use model::validate::{
    AppServiceInput, normalize, normalize_app_service, validate, validate_app_service,
};
pub use model::versions::{
    Activity, ActivityKind, Draft, DraftChoice, EditStatus, FailedRelease, HistoryEvent,
    HistoryOutcome, HistorySnapshot, PublishStatus, Version, VersionHistory, VersionSource,
};
pub use release::dag::{
    DagAnalysis, DagDrawing, DagEdge, DagInput, DagNode, DagReduction, DagService,
    MAX_DAG_DEPENDENCIES, MAX_DAG_SERVICES, MAX_REDUCTION_DEPENDENCIES, MAX_REDUCTION_SERVICES,
    MAX_SERVICE_NAME_LEN, analyze_dag, render_dag, transitive_reduction,
};
pub use release::engine::{
    ConfirmReason, EngineStatus, OrderOutcome, PodSnapshot, PodStatus, ReleaseAction,
    ReleaseEngine, ReleaseEvent, ReleaseSnapshot, ServiceOutcome, ServicePhase, ServiceSnapshot,
    ServiceStatus, TaskName, TimelineEntry,
};
pub use release::groups::{
    DEFAULT_MIN_GROUPS, GroupsInput, MAX_GROUP_PODS, PausePoint, PauseReason, PodGroup, PodGroups,
    PodRef, plan_groups,
};
pub use release::guard::{GuardEntry, GuardEvent, GuardOutcome, GuardSnapshot, Hold, ReleaseGuard};
pub use release::plan::{
    DEFAULT_READY_SECONDS, MAX_ORDER_PODS, MAX_ORDER_SERVICES, MAX_PLANNED_PODS, OrderService,
    ReleaseOrder, ReleasePlan, RollbackPlan, ServicePlan, plan_release,
};
pub use scaling::cron::{CronFires, CronNextInput, MAX_CRON_FIRES, cron_next};
pub use scaling::hpa::{
    ContainerResourceMetricSource, ExternalMetricSource, HpaBehavior, HpaConfig, HpaContainer,
    HpaInput, HpaPod, HpaReason, HpaRecommendation, HpaScalingPolicy, HpaScalingPolicyType,
    HpaScalingRules, HpaSnapshot, HpaSpec, HpaState, MAX_HPA_ITEMS, MetricIdentifier,
    MetricOutcome, MetricSpec, MetricStatus, MetricTarget, MetricTargetType, MetricValue,
    ObjectMetricSource, ObjectReference, PodCounts, PodPhase, PodSample, PodsMetricSource,
    ResourceMetricSource, ScaleEvent, SelectPolicy, Stabilization, TimedRecommendation,
};
pub use scaling::timed::{
    CurveInput, CurvePoint, Effective, EffectiveAtInput, EffectiveKind, MAX_CHANGES,
    MAX_CURVE_POINTS, NextChangesInput, ReplicaCurve, ScalingChange, ScalingChanges, ScalingInput,
    effective_at, next_changes, replica_curve, replica_curve_svg, validate_scaling,
};
pub use scheduling::handle::{
    DrainNodeResult, PlacePodsInput, PlacePodsResult, SchedulePodsInput, SchedulePodsResult,
    Scheduler,
};
pub use scheduling::machine::{SchedulerEvent, SchedulerOutput, SchedulerSnapshot};
pub use scheduling::ops::{
    DrainInput, DrainResult, Fit, FitsTemplateInput, KeptPod, NodeRefusal, NodeScore, Placement,
    Preemption, PreemptionCandidate, ScheduleAllInput, ScheduleAllResult, ScheduleOneInput,
    TaintEviction, TaintEvictionsInput, drain, fits_template, schedule_all, schedule_one,
    taint_evictions,
};
pub use scheduling::place::{PlaceInput, PlaceResult, UnitPlacement, place};
pub use scheduling::types::{ClusterSnapshot, LabelKeys, ScoringConfig, ScoringStrategy};

/// The repository README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct RepositoryReadmeDoctests;
