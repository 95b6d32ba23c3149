# Stub of the native module (checked with `python -m mypy.stubtest weir._weir` in CI).
from typing import Any, Dict, List, Optional, Union, final

from weir.types import (
    GuardCommand,
    EngineStatus,
    ReleaseCommand,
    ReleaseEvent,
    ReleaseOrder,
    ReleasePlan,
    AppService,
    DagAnalysis,
    DagDrawing,
    DagInput,
    DagReduction,
    GroupsInput,
    PodGroups,
    UnitShare,
    UnitSplitInput,
    AppServiceDiff,
    AppServiceInput,
    DiffInput,
    HistoryCommand,
    HistoryOutcome,
    LabelSelectorMatch,
    LabelSelectorMatchInput,
    NodeSelectorMatch,
    NodeSelectorMatchInput,
    ParsedQuantity,
    PlatformProfile,
    CronFires,
    CronNextInput,
    CurveInput,
    Effective,
    EffectiveAtInput,
    HpaConfig,
    HpaInput,
    HpaRecommendation,
    NextChangesInput,
    ReplicaCurve,
    ScalingChanges,
    ScalingInput,
    DrainInput,
    DrainResult,
    Fit,
    FitsTemplateInput,
    PlaceInput,
    PlaceResult,
    Placement,
    ScheduleAllInput,
    ScheduleAllResult,
    ScheduleOneInput,
    TaintEviction,
    TaintEvictionsInput,
    ClusterSnapshot,
    Pod,
    SchedulePodsInput,
    SchedulePodsResult,
    PlacePodsInput,
    PlacePodsResult,
    DrainNodeResult,
)
from weir.types import HpaState as HpaStateSnapshot
from weir.types import ReleaseEngine as ReleaseEngineSnapshot
from weir.types import ReleaseGuard as ReleaseGuardSnapshot
from weir.types import VersionHistory as VersionHistorySnapshot

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

def parse_quantity(input: Union[str, int, float]) -> ParsedQuantity: ...
def validate_labels(input: Dict[str, str]) -> None: ...
def match_label_selector(input: LabelSelectorMatchInput) -> LabelSelectorMatch: ...
def match_node_selector(input: NodeSelectorMatchInput) -> NodeSelectorMatch: ...

class InvalidTransitionError(WeirError):
    """The command is not allowed in the engine's current state; nothing changed."""

class ConflictError(WeirError):
    """Another release or operation holds the app service, or a choice must be made first; nothing changed."""

class CycleError(WeirError):
    """The dependencies form cycles; `.details['cycles']` lists each as the names along it."""

class NotFoundError(WeirError):
    """A referenced version or container does not exist; nothing changed."""

def validate_app_service(input: AppServiceInput) -> None: ...
def normalize_app_service(input: AppServiceInput) -> AppService: ...
def diff_app_services(input: DiffInput) -> AppServiceDiff: ...
def analyze_dag(input: DagInput) -> DagAnalysis: ...
def transitive_reduction(input: DagInput) -> DagReduction: ...
def render_dag(input: DagInput) -> DagDrawing: ...
def split_units(input: UnitSplitInput) -> List[UnitShare]: ...
def plan_groups(input: GroupsInput) -> PodGroups: ...
def plan_release(input: ReleaseOrder) -> ReleasePlan: ...
def cron_next(input: CronNextInput) -> CronFires: ...
def validate_scaling(input: ScalingInput) -> None: ...
def effective_at(input: EffectiveAtInput) -> Effective: ...
def next_changes(input: NextChangesInput) -> ScalingChanges: ...
def replica_curve(input: CurveInput) -> ReplicaCurve: ...
def replica_curve_svg(input: ReplicaCurve) -> str: ...
def schedule_one(input: ScheduleOneInput) -> Placement: ...
def schedule_all(input: ScheduleAllInput) -> ScheduleAllResult: ...
def place(input: PlaceInput) -> PlaceResult: ...
def drain(input: DrainInput) -> DrainResult: ...
def taint_evictions(input: TaintEvictionsInput) -> List[TaintEviction]: ...
def fits_template(input: FitsTemplateInput) -> Fit: ...

@final
class VersionHistory:
    def __new__(cls, profile: Optional[PlatformProfile] = None) -> "VersionHistory": ...
    def apply(self, command: HistoryCommand) -> HistoryOutcome: ...
    def snapshot(self) -> VersionHistorySnapshot: ...
    @staticmethod
    def restore(snapshot: VersionHistorySnapshot) -> "VersionHistory": ...

@final
class ReleaseEngine:
    def __new__(cls, plan: ReleasePlan) -> "ReleaseEngine": ...
    def handle(self, event: ReleaseEvent, now: str) -> List[ReleaseCommand]: ...
    def status(self, now: str) -> EngineStatus: ...
    def snapshot(self) -> ReleaseEngineSnapshot: ...
    @staticmethod
    def restore(snapshot: ReleaseEngineSnapshot) -> "ReleaseEngine": ...

@final
class ReleaseGuard:
    def __new__(cls) -> "ReleaseGuard": ...
    def apply(self, command: GuardCommand) -> None: ...
    def snapshot(self) -> ReleaseGuardSnapshot: ...
    @staticmethod
    def restore(snapshot: ReleaseGuardSnapshot) -> "ReleaseGuard": ...

@final
class HpaState:
    def __new__(cls, config: Optional[HpaConfig] = None) -> "HpaState": ...
    def recommend(self, input: HpaInput) -> HpaRecommendation: ...
    def snapshot(self) -> HpaStateSnapshot: ...
    @staticmethod
    def restore(snapshot: HpaStateSnapshot) -> "HpaState": ...

@final
class Scheduler:
    def __new__(cls, snapshot: ClusterSnapshot) -> "Scheduler": ...
    def schedule_one(self, pod: Pod) -> Placement: ...
    def schedule_all(self, input: Optional[SchedulePodsInput] = None) -> SchedulePodsResult: ...
    def place(self, input: PlacePodsInput) -> PlacePodsResult: ...
    def drain(self, node: str) -> DrainNodeResult: ...
    def taint_evictions(self, now: str) -> List[TaintEviction]: ...
    def snapshot(self) -> ClusterSnapshot: ...
    @staticmethod
    def restore(snapshot: ClusterSnapshot) -> "Scheduler": ...
