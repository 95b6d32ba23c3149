//! The table of weir's stateless operations, written once.
//!
//! Every stateless operation is one function `fn(&Input) -> Result<Output>` of the crate.
//! [`for_each_operation!`](crate::for_each_operation) lists them, each with its input type,
//! output type and doc text, and everything that has to name every operation is expanded
//! or generated from it: the Python functions (the doc text is their `__doc__`) and the
//! Node exports, the function parts of the stubs (`_weir.pyi`, `index.d.ts`, `index.js`,
//! `weir/__init__.py`) and `core/schema/operations.json` (written by the schema test), and
//! the three runners of the shared vectors. The stateful engines (`VersionHistory`,
//! `ReleaseEngine`, ...) are classes and are not in the table.

/// Expand the table of stateless operations through a callback macro.
///
/// `for_each_operation!(callback)` invokes `callback! { ... }` with one entry per
/// operation, in a stable order:
///
/// ```text
/// /// Doc text (one `#[doc]` attribute per line; the bindings' docstring).
/// name(InputType) -> OutputType = path::to::function;
/// ```
///
/// `name` is the snake_case name (Rust, Python, the `op` of the shared vectors; Node's is
/// its camelCase form), and `function` is `fn(&InputType) -> weir::Result<OutputType>`.
/// Paths are written with `$crate`, so they resolve from any crate.
///
/// # Examples
///
/// ```
/// macro_rules! names {
///     ($($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path;)*) => {
///         [$(stringify!($name)),*]
///     };
/// }
/// let names = weir::for_each_operation!(names);
/// assert!(names.contains(&"parse_quantity"));
///
/// // Calling one operation through its entry:
/// macro_rules! call_first {
///     ($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path; $($rest:tt)*) => {{
///         let input: $input = serde_json::from_str("\"1.5Gi\"")?;
///         let out: weir::Result<$output> = $call(&input);
///         out
///     }};
/// }
/// assert_eq!(weir::for_each_operation!(call_first)?.canonical, "1536Mi");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            /// Parse a Kubernetes quantity (`"500m"`, `"1.5Gi"`, `0.5`) and describe it: canonical
            /// form, format, and the exact `value` / `milliValue` as decimal strings.
            /// Raises `ParseQuantityError` for a bad, negative or too large quantity.
            parse_quantity($crate::RawQuantity) -> $crate::ParsedQuantity = $crate::parse_quantity;
            /// Check label keys and values (a `dict[str, str]`); raises `ValidationError` listing
            /// every bad entry at `labels[key]`.
            validate_labels($crate::Labels) -> () = $crate::validate_labels;
            /// Validate a label selector and test a label set against it:
            /// `{"selector": {...}, "labels": {...}}` → `{"matches": bool}`. An absent selector
            /// matches nothing, `{}` matches everything.
            match_label_selector($crate::LabelSelectorMatchInput) -> $crate::LabelSelectorMatch
                = $crate::match_label_selector;
            /// Validate a node selector and test a node against it:
            /// `{"nodeSelector": {...}, "nodeName": str, "labels": {...}}` →
            /// `{"matches": bool, "matchedTerm"?: int}`.
            match_node_selector($crate::NodeSelectorMatchInput) -> $crate::NodeSelectorMatch
                = $crate::match_node_selector;
            /// Validate an app service: `{"spec": {...}, "profile"?: {...}}`; raises
            /// `ValidationError` listing every problem with its field path.
            validate_app_service($crate::AppServiceInput) -> () = $crate::validate_app_service;
            /// Validate an app service and return it with every default filled and every quantity
            /// canonical: `{"spec": {...}, "profile"?: {...}}` → the spec.
            normalize_app_service($crate::AppServiceInput) -> $crate::AppService
                = $crate::normalize_app_service;
            /// What changed between two versions and what the release implies:
            /// `{"from": spec, "to": spec, "rules"?: "seed" | "kubernetes", "profile"?: {...}}` →
            /// `{"changes", "upgrade", "reasons", "preTasks", "postTasks", "warnings"}`.
            diff_app_services($crate::DiffInput) -> $crate::AppServiceDiff
                = $crate::diff_app_services;
            /// Validate a release order's dependencies and analyse them: `{"services": [{"name",
            /// "dependsOn"?, "durationSeconds"?}]}` → order, waves, earliest times, critical path.
            /// Raises `CycleError` with every cycle in `.details["cycles"]`.
            analyze_dag($crate::DagInput) -> $crate::DagAnalysis = $crate::analyze_dag;
            /// Which dependency edges another path already implies: `{"services": [...]}` →
            /// `{"redundantEdges", "keptEdges"}` (at most 10,000 services).
            transitive_reduction($crate::DagInput) -> $crate::DagReduction
                = $crate::transitive_reduction;
            /// DOT and Mermaid text of a release order's DAG: `{"services": [...]}` → `{"dot", "mermaid"}`.
            render_dag($crate::DagInput) -> $crate::DagDrawing = $crate::render_dag;
            /// Split replicas evenly over units: `{"replicas", "units"}` → `[{"unit", "replicas"}]`.
            split_units($crate::UnitSplitInput) -> Vec<$crate::UnitShare> = $crate::split_units;
            /// Group one service's pods for a release (beta, fast / perPod / single, pauses):
            /// `{"pods": [{"name", "unit"}], "grouping"?, "beta"?, "pauseBetweenGroups"?,
            /// "newVersion"?}` → `{"groups", "pauses", "betaSkipped"}`.
            plan_groups($crate::GroupsInput) -> $crate::PodGroups = $crate::plan_groups;
            /// Validate and plan a release order: waves, per service the version change, tasks,
            /// groups, pauses and what a rollback means. Raises `ValidationError` with every
            /// problem, or `CycleError`.
            plan_release($crate::ReleaseOrder) -> $crate::ReleasePlan = $crate::plan_release;
            /// The next fires of a cron expression: `{"cron", "timeZone"?, "after", "count"?}` →
            /// `{"fires": [RFC 3339 in the zone's offset]}`. Standard 5 fields (Sunday = 0 or 7),
            /// 6 with leading seconds, `@daily`-style; DST gaps fire when the gap ends, repeated
            /// times fire once.
            cron_next($crate::CronNextInput) -> $crate::CronFires = $crate::cron_next;
            /// Validate scaling alone: `{"scaling": {...}}`; raises `ValidationError` with every
            /// problem (cron syntax, zones, schedules that never fire, priorities, ramps).
            validate_scaling($crate::ScalingInput) -> () = $crate::validate_scaling;
            /// What is in effect at an instant: `{"scaling", "at", "currentReplicas"?}` →
            /// `{"kind", "replicas"?, "minReplicas"?, "maxReplicas"?, "hpa"?, "policy"?, "firedAt"?,
            /// "until"?, "reason"}`. No `currentReplicas` means the first release.
            effective_at($crate::EffectiveAtInput) -> $crate::Effective = $crate::effective_at;
            /// The upcoming changes: `{"scaling", "from", "count"?, "currentReplicas"?}` →
            /// `{"changes": [{"at", "effective"}]}`.
            next_changes($crate::NextChangesInput) -> $crate::ScalingChanges
                = $crate::next_changes;
            /// The replica curve: `{"scaling", "from", "to", "stepSeconds", "currentReplicas"?}` →
            /// `{"from", "to", "stepSeconds", "minReplicas", "maxReplicas", "points": [{"t", "kind",
            /// "replicas"?, "min"?, "max"?, "policy"?}]}` (at most 1,000,000 points).
            replica_curve($crate::CurveInput) -> $crate::ReplicaCurve = $crate::replica_curve;
            /// Render a `replica_curve` result as an SVG picture (a `str`).
            replica_curve_svg($crate::ReplicaCurve) -> String = $crate::replica_curve_svg;
            /// Where kube-scheduler would put one pod: `{"snapshot", "pod"}` → `{"pod", "node"?,
            /// "feasibleNodes", "scores", "refusals", "message"?}`; nothing changes.
            schedule_one($crate::ScheduleOneInput) -> $crate::Placement = $crate::schedule_one;
            /// Schedule every pending pod (priority order, with preemption): `{"snapshot",
            /// "pods"?, "preemption"?}` → `{"placements", "evicted", "snapshot"}`.
            schedule_all($crate::ScheduleAllInput) -> $crate::ScheduleAllResult
                = $crate::schedule_all;
            /// A service's replicas evenly over its units, with spill-over: `{"snapshot",
            /// "template", "replicas", "units"?}` → `{"units", "placements", "pending", "snapshot"}`.
            place($crate::PlaceInput) -> $crate::PlaceResult = $crate::place;
            /// Cordon a node, evict and reschedule its pods: `{"snapshot", "node"}` →
            /// `{"placements", "kept", "snapshot"}`.
            drain($crate::DrainInput) -> $crate::DrainResult = $crate::drain;
            /// Which pods `NoExecute` taints evict, and when: `{"snapshot", "now"}` →
            /// `[{"pod", "node", "taint", "evictAt"}]`.
            taint_evictions($crate::TaintEvictionsInput) -> Vec<$crate::TaintEviction>
                = $crate::taint_evictions;
            /// Would a pod fit on a new node of a template: `{"pod", "node"}` → `{"fits",
            /// "refusal"?}`.
            fits_template($crate::FitsTemplateInput) -> $crate::Fit = $crate::fits_template;
            /// Run a what-if scenario to its end in virtual time (releases, timed scaling, the
            /// HPA, placement): `{"start", "end", "stepSeconds", "units", "nodePools"?,
            /// "services", "script"?, ...}` → `{"timeline", "series", "pendingWaits", "summary"}`.
            simulate($crate::simulation::Scenario) -> $crate::simulation::SimulationResult
                = $crate::simulation::simulate;
            /// Draw a `simulate` result as an SVG chart of the day (a `str`): replicas per
            /// service, nodes and pending pods, the water level.
            simulation_svg($crate::simulation::SimulationResult) -> String
                = $crate::simulation::simulation_svg;
        }
    };
}
