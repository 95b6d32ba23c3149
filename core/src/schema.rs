//! The JSON Schema of every type that crosses the wire, from one place.
//!
//! `core/schema/<Name>.json` is written from [`all`]; a test fails when the committed
//! files are stale, and the Python `TypedDict`s and TypeScript interfaces of the bindings
//! are generated from the same schemas.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings};

use crate::{
    AppService, AppServiceDiff, AppServiceInput, DagAnalysis, DagDrawing, DagInput, DagReduction,
    DiffInput, EngineStatus, ErrorReport, GroupsInput, GuardEvent, GuardSnapshot, HistoryEvent,
    HistoryOutcome, HistorySnapshot, LabelSelectorMatch, LabelSelectorMatchInput, LabelsInput,
    NodeSelectorMatch, NodeSelectorMatchInput, ParsedQuantity, PodGroups, ReleaseAction,
    ReleaseEvent, ReleaseOrder, ReleasePlan, ReleaseSnapshot, UnitShare, UnitSplitInput,
};
use crate::{
    AutoscalerConfig, AutoscalerEvent, AutoscalerOutput, AutoscalerSnapshot, Decision,
    DerivedLimits,
};
use crate::{
    ClusterSnapshot, DrainInput, DrainNodeResult, DrainResult, Fit, FitsTemplateInput, PlaceInput,
    PlacePodsInput, PlacePodsResult, PlaceResult, Placement, ScheduleAllInput, ScheduleAllResult,
    ScheduleOneInput, SchedulePodsInput, SchedulePodsResult, SchedulerEvent, SchedulerOutput,
    SchedulerSnapshot, TaintEviction, TaintEvictionsInput,
};
use crate::{
    CronFires, CronNextInput, CurveInput, Effective, EffectiveAtInput, HpaConfig, HpaInput,
    HpaRecommendation, HpaSnapshot, NextChangesInput, ReplicaCurve, ScalingChanges, ScalingInput,
};

fn one<T: JsonSchema>(generator: &mut SchemaGenerator) -> (String, Schema) {
    (
        T::schema_name().into_owned(),
        generator.root_schema_for::<T>(),
    )
}

/// The schema of every input and output type, by type name, in a stable order.
///
/// Each schema is self-contained (its referenced types under `$defs`).
#[must_use]
pub fn all() -> Vec<(String, Schema)> {
    let mut g = SchemaSettings::draft2020_12().into_generator();
    vec![
        one::<AppService>(&mut g),
        one::<AppServiceDiff>(&mut g),
        one::<AppServiceInput>(&mut g),
        one::<DiffInput>(&mut g),
        one::<HistoryEvent>(&mut g),
        one::<HistoryOutcome>(&mut g),
        one::<HistorySnapshot>(&mut g),
        one::<DagAnalysis>(&mut g),
        one::<DagDrawing>(&mut g),
        one::<DagInput>(&mut g),
        one::<DagReduction>(&mut g),
        one::<GroupsInput>(&mut g),
        one::<PodGroups>(&mut g),
        one::<UnitShare>(&mut g),
        one::<UnitSplitInput>(&mut g),
        one::<EngineStatus>(&mut g),
        one::<GuardEvent>(&mut g),
        one::<GuardSnapshot>(&mut g),
        one::<ReleaseAction>(&mut g),
        one::<ReleaseSnapshot>(&mut g),
        one::<ReleaseEvent>(&mut g),
        one::<ReleaseOrder>(&mut g),
        one::<ReleasePlan>(&mut g),
        one::<ErrorReport>(&mut g),
        one::<LabelSelectorMatch>(&mut g),
        one::<LabelSelectorMatchInput>(&mut g),
        one::<LabelsInput>(&mut g),
        one::<NodeSelectorMatch>(&mut g),
        one::<NodeSelectorMatchInput>(&mut g),
        one::<ParsedQuantity>(&mut g),
        one::<crate::RawQuantity>(&mut g),
        one::<HpaConfig>(&mut g),
        one::<HpaInput>(&mut g),
        one::<HpaRecommendation>(&mut g),
        one::<HpaSnapshot>(&mut g),
        one::<CronNextInput>(&mut g),
        one::<CronFires>(&mut g),
        one::<ScalingInput>(&mut g),
        one::<EffectiveAtInput>(&mut g),
        one::<Effective>(&mut g),
        one::<NextChangesInput>(&mut g),
        one::<ScalingChanges>(&mut g),
        one::<CurveInput>(&mut g),
        one::<ReplicaCurve>(&mut g),
        one::<ClusterSnapshot>(&mut g),
        one::<ScheduleOneInput>(&mut g),
        one::<Placement>(&mut g),
        one::<ScheduleAllInput>(&mut g),
        one::<ScheduleAllResult>(&mut g),
        one::<PlaceInput>(&mut g),
        one::<PlaceResult>(&mut g),
        one::<DrainInput>(&mut g),
        one::<DrainResult>(&mut g),
        one::<TaintEvictionsInput>(&mut g),
        one::<TaintEviction>(&mut g),
        one::<FitsTemplateInput>(&mut g),
        one::<Fit>(&mut g),
        one::<SchedulePodsInput>(&mut g),
        one::<PlacePodsInput>(&mut g),
        one::<PlacePodsResult>(&mut g),
        one::<DrainNodeResult>(&mut g),
        one::<SchedulePodsResult>(&mut g),
        one::<SchedulerEvent>(&mut g),
        one::<SchedulerOutput>(&mut g),
        one::<SchedulerSnapshot>(&mut g),
        one::<AutoscalerConfig>(&mut g),
        one::<AutoscalerEvent>(&mut g),
        one::<AutoscalerOutput>(&mut g),
        one::<Decision>(&mut g),
        one::<DerivedLimits>(&mut g),
        one::<AutoscalerSnapshot>(&mut g),
        one::<crate::simulation::Scenario>(&mut g),
        one::<crate::simulation::SimulationResult>(&mut g),
        one::<crate::simulation::StepReport>(&mut g),
        one::<crate::simulation::SimulationSnapshot>(&mut g),
    ]
}
