# Stub of the native module (checked with `python -m mypy.stubtest weir._weir` in CI).
from typing import Any, Dict, List, Optional, Union, final

from weir.types import (
    GuardEvent,
    GuardSnapshot,
    EngineStatus,
    ReleaseAction,
    ReleaseEvent,
    ReleasePlan,
    ReleaseSnapshot,
    HistoryEvent,
    HistoryOutcome,
    HistorySnapshot,
    PlatformProfile,
    HpaConfig,
    HpaInput,
    HpaRecommendation,
    HpaSnapshot,
    Placement,
    TaintEviction,
    ClusterSnapshot,
    Pod,
    SchedulePodsInput,
    SchedulePodsResult,
    SchedulerEvent,
    SchedulerOutput,
    SchedulerSnapshot,
    PlacePodsInput,
    PlacePodsResult,
    DrainNodeResult,
    AutoscalerConfig,
    AutoscalerEvent,
    AutoscalerOutput,
    Decision,
    DerivedLimits,
    AutoscalerSnapshot,
    SimulationSnapshot,
    StepReport,
)

# The types of the stateless operations not imported above.
# <generated: operation types>
from weir.types import (
    AppService,
    AppServiceDiff,
    AppServiceInput,
    CronFires,
    CronNextInput,
    CurveInput,
    DagAnalysis,
    DagDrawing,
    DagInput,
    DagReduction,
    DiffInput,
    DrainInput,
    DrainResult,
    Effective,
    EffectiveAtInput,
    Fit,
    FitsTemplateInput,
    GroupsInput,
    LabelSelectorMatch,
    LabelSelectorMatchInput,
    NextChangesInput,
    NodeSelectorMatch,
    NodeSelectorMatchInput,
    ParsedQuantity,
    PlaceInput,
    PlaceResult,
    PodGroups,
    RawQuantity,
    ReleaseOrder,
    ReplicaCurve,
    ScalingChanges,
    ScalingInput,
    Scenario,
    ScheduleAllInput,
    ScheduleAllResult,
    ScheduleOneInput,
    SimulationResult,
    TaintEvictionsInput,
    UnitShare,
    UnitSplitInput,
)
# </generated>

__version__: str

class WeirError(Exception):
    """Base class of every weir error; `.code` and `.details` say what went wrong."""

    code: str
    details: Dict[str, Any]

class ValidationError(WeirError):
    """The input broke one or more rules; `.details['fields']` lists every problem with its field path."""

class ParseQuantityError(WeirError):
    """A Kubernetes quantity could not be parsed; `.details['reason']` says why."""

class InvalidInputError(WeirError):
    """The input does not have the expected shape (wrong type, missing field, out-of-range number); `.details['path']` names the field."""

class InvalidTransitionError(WeirError):
    """The command is not allowed in the engine's current state; nothing changed."""

class ConflictError(WeirError):
    """Another release or operation holds the app service, or a choice must be made first; nothing changed."""

class CycleError(WeirError):
    """The dependencies form cycles; `.details['cycles']` lists each as the names along it."""

class NotFoundError(WeirError):
    """A referenced version or container does not exist; nothing changed."""

# The stateless operations, from the table in core (`weir::for_each_operation!`);
# `WEIR_BLESS=1 cargo test -p weir --test schema` rewrites this block.
# <generated: operations>
def parse_quantity(input: RawQuantity) -> ParsedQuantity:
    """Parse a Kubernetes quantity (`"500m"`, `"1.5Gi"`, `0.5`) and describe it: canonical
    form, format, and the exact `value` / `milliValue` as decimal strings.
    Raises `ParseQuantityError` for a bad, negative or too large quantity."""

def validate_labels(input: Dict[str, str]) -> None:
    """Check label keys and values (a `dict[str, str]`); raises `ValidationError` listing
    every bad entry at `labels[key]`."""

def match_label_selector(input: LabelSelectorMatchInput) -> LabelSelectorMatch:
    """Validate a label selector and test a label set against it:
    `{"selector": {...}, "labels": {...}}` → `{"matches": bool}`. An absent selector
    matches nothing, `{}` matches everything."""

def match_node_selector(input: NodeSelectorMatchInput) -> NodeSelectorMatch:
    """Validate a node selector and test a node against it:
    `{"nodeSelector": {...}, "nodeName": str, "labels": {...}}` →
    `{"matches": bool, "matchedTerm"?: int}`."""

def validate_app_service(input: AppServiceInput) -> None:
    """Validate an app service: `{"spec": {...}, "profile"?: {...}}`; raises
    `ValidationError` listing every problem with its field path."""

def normalize_app_service(input: AppServiceInput) -> AppService:
    """Validate an app service and return it with every default filled and every quantity
    canonical: `{"spec": {...}, "profile"?: {...}}` → the spec."""

def diff_app_services(input: DiffInput) -> AppServiceDiff:
    """What changed between two versions and what the release implies:
    `{"from": spec, "to": spec, "rules"?: "seed" | "kubernetes", "profile"?: {...}}` →
    `{"changes", "upgrade", "reasons", "preTasks", "postTasks", "warnings"}`."""

def analyze_dag(input: DagInput) -> DagAnalysis:
    """Validate a release order's dependencies and analyse them: `{"services": [{"name",
    "dependsOn"?, "durationSeconds"?}]}` → order, waves, earliest times, critical path.
    Raises `CycleError` with every cycle in `.details["cycles"]`."""

def transitive_reduction(input: DagInput) -> DagReduction:
    """Which dependency edges another path already implies: `{"services": [...]}` →
    `{"redundantEdges", "keptEdges"}` (at most 10,000 services)."""

def render_dag(input: DagInput) -> DagDrawing:
    """DOT and Mermaid text of a release order's DAG: `{"services": [...]}` → `{"dot", "mermaid"}`."""

def split_units(input: UnitSplitInput) -> List[UnitShare]:
    """Split replicas evenly over units: `{"replicas", "units"}` → `[{"unit", "replicas"}]`."""

def plan_groups(input: GroupsInput) -> PodGroups:
    """Group one service's pods for a release (beta, fast / perPod / single, pauses):
    `{"pods": [{"name", "unit"}], "grouping"?, "beta"?, "pauseBetweenGroups"?,
    "newVersion"?}` → `{"groups", "pauses", "betaSkipped"}`."""

def plan_release(input: ReleaseOrder) -> ReleasePlan:
    """Validate and plan a release order: waves, per service the version change, tasks,
    groups, pauses and what a rollback means. Raises `ValidationError` with every
    problem, or `CycleError`."""

def cron_next(input: CronNextInput) -> CronFires:
    """The next fires of a cron expression: `{"cron", "timeZone"?, "after", "count"?}` →
    `{"fires": [RFC 3339 in the zone's offset]}`. Standard 5 fields (Sunday = 0 or 7),
    6 with leading seconds, `@daily`-style; DST gaps fire when the gap ends, repeated
    times fire once."""

def validate_scaling(input: ScalingInput) -> None:
    """Validate scaling alone: `{"scaling": {...}}`; raises `ValidationError` with every
    problem (cron syntax, zones, schedules that never fire, priorities, ramps)."""

def effective_at(input: EffectiveAtInput) -> Effective:
    """What is in effect at an instant: `{"scaling", "at", "currentReplicas"?}` →
    `{"kind", "replicas"?, "minReplicas"?, "maxReplicas"?, "hpa"?, "policy"?, "firedAt"?,
    "until"?, "reason"}`. No `currentReplicas` means the first release."""

def next_changes(input: NextChangesInput) -> ScalingChanges:
    """The upcoming changes: `{"scaling", "from", "count"?, "currentReplicas"?}` →
    `{"changes": [{"at", "effective"}]}`."""

def replica_curve(input: CurveInput) -> ReplicaCurve:
    """The replica curve: `{"scaling", "from", "to", "stepSeconds", "currentReplicas"?}` →
    `{"from", "to", "stepSeconds", "minReplicas", "maxReplicas", "points": [{"t", "kind",
    "replicas"?, "min"?, "max"?, "policy"?}]}` (at most 1,000,000 points)."""

def replica_curve_svg(input: ReplicaCurve) -> str:
    """Render a `replica_curve` result as an SVG picture (a `str`)."""

def schedule_one(input: ScheduleOneInput) -> Placement:
    """Where kube-scheduler would put one pod: `{"snapshot", "pod"}` → `{"pod", "node"?,
    "feasibleNodes", "scores", "refusals", "message"?}`; nothing changes."""

def schedule_all(input: ScheduleAllInput) -> ScheduleAllResult:
    """Schedule every pending pod (priority order, with preemption): `{"snapshot",
    "pods"?, "preemption"?}` → `{"placements", "evicted", "snapshot"}`."""

def place(input: PlaceInput) -> PlaceResult:
    """A service's replicas evenly over its units, with spill-over: `{"snapshot",
    "template", "replicas", "units"?}` → `{"units", "placements", "pending", "snapshot"}`."""

def drain(input: DrainInput) -> DrainResult:
    """Cordon a node, evict and reschedule its pods: `{"snapshot", "node"}` →
    `{"placements", "kept", "snapshot"}`."""

def taint_evictions(input: TaintEvictionsInput) -> List[TaintEviction]:
    """Which pods `NoExecute` taints evict, and when: `{"snapshot", "now"}` →
    `[{"pod", "node", "taint", "evictAt"}]`."""

def fits_template(input: FitsTemplateInput) -> Fit:
    """Would a pod fit on a new node of a template: `{"pod", "node"}` → `{"fits",
    "refusal"?}`."""

def simulate(input: Scenario) -> SimulationResult:
    """Run a what-if scenario to its end in virtual time (releases, timed scaling, the
    HPA, placement): `{"start", "end", "stepSeconds", "units", "nodePools"?,
    "services", "script"?, ...}` → `{"timeline", "series", "pendingWaits", "summary"}`."""

def simulation_svg(input: SimulationResult) -> str:
    """Draw a `simulate` result as an SVG chart of the day (a `str`): replicas per
    service, nodes and pending pods, the water level."""
# </generated>

# Every class below is a sans-IO machine of one shape: `handle(now, event)` takes the time
# (RFC 3339) and an event tagged by `type`; a refused event raises and changes nothing,
# and a `now` earlier than the last one handled is refused; `poll_timeout()` names the next
# instant the machine would act with no new event (or None); `snapshot()` is what
# `restore` needs.

@final
class VersionHistory:
    def __new__(cls, profile: Optional[PlatformProfile] = None) -> "VersionHistory": ...
    def handle(self, now: str, event: HistoryEvent) -> HistoryOutcome: ...
    def poll_timeout(self) -> Optional[str]: ...
    def snapshot(self) -> HistorySnapshot: ...
    @staticmethod
    def restore(snapshot: HistorySnapshot) -> "VersionHistory": ...

@final
class ReleaseEngine:
    def __new__(cls, plan: ReleasePlan) -> "ReleaseEngine": ...
    def handle(self, now: str, event: ReleaseEvent) -> List[ReleaseAction]: ...
    def poll_timeout(self) -> Optional[str]: ...
    def status(self, now: str) -> EngineStatus: ...
    def snapshot(self) -> ReleaseSnapshot: ...
    @staticmethod
    def restore(snapshot: ReleaseSnapshot) -> "ReleaseEngine": ...

@final
class ReleaseGuard:
    def __new__(cls) -> "ReleaseGuard": ...
    def handle(self, now: str, event: GuardEvent) -> None: ...
    def poll_timeout(self) -> Optional[str]: ...
    def snapshot(self) -> GuardSnapshot: ...
    @staticmethod
    def restore(snapshot: GuardSnapshot) -> "ReleaseGuard": ...

@final
class HpaState:
    def __new__(cls, config: Optional[HpaConfig] = None) -> "HpaState": ...
    def handle(self, now: str, event: HpaInput) -> HpaRecommendation: ...
    def poll_timeout(self) -> Optional[str]: ...
    def snapshot(self) -> HpaSnapshot: ...
    @staticmethod
    def restore(snapshot: HpaSnapshot) -> "HpaState": ...

@final
class Scheduler:
    def __new__(cls, snapshot: ClusterSnapshot) -> "Scheduler": ...
    def handle(self, now: str, event: SchedulerEvent) -> SchedulerOutput: ...
    def poll_timeout(self) -> Optional[str]: ...
    def schedule_one(self, pod: Pod) -> Placement: ...
    def schedule_all(self, input: Optional[SchedulePodsInput] = None) -> SchedulePodsResult: ...
    def place(self, input: PlacePodsInput) -> PlacePodsResult: ...
    def drain(self, node: str) -> DrainNodeResult: ...
    def taint_evictions(self, now: str) -> List[TaintEviction]: ...
    def cluster(self) -> ClusterSnapshot: ...
    def snapshot(self) -> SchedulerSnapshot: ...
    @staticmethod
    def restore(snapshot: SchedulerSnapshot) -> "Scheduler": ...

@final
class Autoscaler:
    def __new__(cls, config: AutoscalerConfig) -> "Autoscaler": ...
    def step(self, now: str, cluster: ClusterSnapshot) -> Decision: ...
    def observe(self, now: str, event: AutoscalerEvent) -> None: ...
    def handle(self, now: str, event: AutoscalerEvent) -> AutoscalerOutput: ...
    def poll_timeout(self) -> Optional[str]: ...
    def derived_limits(self) -> DerivedLimits: ...
    def snapshot(self) -> AutoscalerSnapshot: ...
    @staticmethod
    def restore(snapshot: AutoscalerSnapshot) -> "Autoscaler": ...

@final
class Simulation:
    def __new__(cls, scenario: Scenario) -> "Simulation": ...
    def step(self) -> Optional[StepReport]: ...
    def __iter__(self) -> "Simulation": ...
    def __next__(self) -> StepReport: ...
    def run(self) -> SimulationResult: ...
    def result(self) -> SimulationResult: ...
    def svg(self) -> str: ...
    @property
    def finished(self) -> bool: ...
    def handle(self, now: str) -> List[StepReport]: ...
    def poll_timeout(self) -> Optional[str]: ...
    def snapshot(self) -> SimulationSnapshot: ...
    @staticmethod
    def restore(snapshot: SimulationSnapshot) -> "Simulation": ...
