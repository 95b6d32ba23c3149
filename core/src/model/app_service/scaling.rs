//! Scaling settings (副本伸缩策略): fixed replicas or elastic bounds with timed policies
//! (seed 6.2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The most timed policies one elastic scaling may have (a documented limit, checked
/// before any schedule is compiled; refused at `scaling.policies` with `too_many`). Every
/// query looks at every policy at each step, so the policies multiply the work.
pub const MAX_POLICIES: usize = 100;

/// Replica scaling (副本伸缩策略), tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Scaling {
    /// A fixed number of replicas (固定副本数).
    Fixed {
        /// Replicas, ≥ 0; default 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replicas: Option<i32>,
    },
    /// Timed and metric scaling between bounds (定时弹性伸缩).
    Elastic {
        /// Replicas on the first release only; `min ≤ initial ≤ max`.
        initial_replicas: i32,
        /// Lower bound.
        min_replicas: i32,
        /// Upper bound.
        max_replicas: i32,
        /// Timed policies.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        policies: Vec<ScalingPolicy>,
    },
}

/// A timed scaling policy (定时策略); its semantics are in `docs/scaling.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingPolicy {
    /// Lowercase letters, digits, `-`; does not start with a digit or `-`; 2–50 characters.
    pub name: String,
    /// When it fires.
    pub schedule: Schedule,
    /// How long it stays in effect; absent: until another policy fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i32>,
    /// 0 without a duration; ≥ 1 with one (higher wins); default 0 / 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// What it does.
    pub action: PolicyAction,
}

/// When a policy fires: exactly one of `at` and `cron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schedule {
    /// Once, at an RFC 3339 instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A cron expression (5 fields, 6 with seconds, or `@daily`-style).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cron: Option<String>,
    /// IANA time zone of the cron expression; default `UTC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// What a policy does, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum PolicyAction {
    /// A preset replica count (预设副本数伸缩), optionally ramped over the duration.
    Replicas {
        /// Replicas, ≥ 0.
        replicas: i32,
        /// A ramp over the policy's duration (needs `durationSeconds`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ramp: Option<Ramp>,
    },
    /// Metric scaling (指标动态伸缩) inside the window.
    Metric {
        /// Target utilisations in percent; at least one.
        targets: MetricTargets,
        /// Lower bound inside the window (within the elastic bounds).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_replicas: Option<i32>,
        /// Upper bound inside the window (within the elastic bounds).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_replicas: Option<i32>,
    },
}

/// A replica ramp (渐变范围 / 渐变方式).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ramp {
    /// Replicas at the start of the window, ≥ 0.
    pub from: i32,
    /// Replicas at the end of the window, ≥ 0.
    pub to: i32,
    /// The ramp's shape.
    pub mode: RampMode,
}

/// The shape of a ramp: linear, accelerating (渐快), decelerating (渐慢).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RampMode {
    /// x.
    Linear,
    /// x².
    Accelerating,
    /// 1 − (1 − x)².
    Decelerating,
}

/// Metric targets in percent of requests (`cpu_util`, `mem_util` in the seed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricTargets {
    /// Target CPU utilisation, percent, ≥ 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_util: Option<i32>,
    /// Target memory utilisation, percent, ≥ 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mem_util: Option<i32>,
}
