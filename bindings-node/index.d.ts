// Public API of the `weir` npm package. The data types are generated into types.d.ts from
// core/schema; a test checks that this file declares exactly what index.js exports.
import type {
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
  ErrorDetails,
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
} from './types';
// The types of the stateless operations not imported above.
// <generated: operation types>
import type {
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
} from './types';
// </generated>

export * from './types';

/** The error every weir function throws: `code` is stable, `details` structured. */
export interface WeirError extends Error {
  code: 'validation' | 'parse_quantity' | 'invalid_input' | 'invalid_transition' | 'conflict' | 'cycle' | 'not_found';
  details: ErrorDetails;
}

// The stateless operations, from the table in core (`weir::for_each_operation!`);
// `WEIR_BLESS=1 cargo test -p weir --test schema` rewrites this block.
// <generated: operations>
/**
 * Parse a Kubernetes quantity (`"500m"`, `"1.5Gi"`, `0.5`) and describe it: canonical
 * form, format, and the exact `value` / `milliValue` as decimal strings.
 * Raises `ParseQuantityError` for a bad, negative or too large quantity.
 */
export declare function parseQuantity(input: RawQuantity): ParsedQuantity;
/**
 * Check label keys and values (a `dict[str, str]`); raises `ValidationError` listing
 * every bad entry at `labels[key]`.
 */
export declare function validateLabels(input: Record<string, string>): null;
/**
 * Validate a label selector and test a label set against it:
 * `{"selector": {...}, "labels": {...}}` → `{"matches": bool}`. An absent selector
 * matches nothing, `{}` matches everything.
 */
export declare function matchLabelSelector(input: LabelSelectorMatchInput): LabelSelectorMatch;
/**
 * Validate a node selector and test a node against it:
 * `{"nodeSelector": {...}, "nodeName": str, "labels": {...}}` →
 * `{"matches": bool, "matchedTerm"?: int}`.
 */
export declare function matchNodeSelector(input: NodeSelectorMatchInput): NodeSelectorMatch;
/**
 * Validate an app service: `{"spec": {...}, "profile"?: {...}}`; raises
 * `ValidationError` listing every problem with its field path.
 */
export declare function validateAppService(input: AppServiceInput): null;
/**
 * Validate an app service and return it with every default filled and every quantity
 * canonical: `{"spec": {...}, "profile"?: {...}}` → the spec.
 */
export declare function normalizeAppService(input: AppServiceInput): AppService;
/**
 * What changed between two versions and what the release implies:
 * `{"from": spec, "to": spec, "rules"?: "seed" | "kubernetes", "profile"?: {...}}` →
 * `{"changes", "upgrade", "reasons", "preTasks", "postTasks", "warnings"}`.
 */
export declare function diffAppServices(input: DiffInput): AppServiceDiff;
/**
 * Validate a release order's dependencies and analyse them: `{"services": [{"name",
 * "dependsOn"?, "durationSeconds"?}]}` → order, waves, earliest times, critical path.
 * Raises `CycleError` with every cycle in `.details["cycles"]`.
 */
export declare function analyzeDag(input: DagInput): DagAnalysis;
/**
 * Which dependency edges another path already implies: `{"services": [...]}` →
 * `{"redundantEdges", "keptEdges"}` (at most 10,000 services).
 */
export declare function transitiveReduction(input: DagInput): DagReduction;
/** DOT and Mermaid text of a release order's DAG: `{"services": [...]}` → `{"dot", "mermaid"}`. */
export declare function renderDag(input: DagInput): DagDrawing;
/** Split replicas evenly over units: `{"replicas", "units"}` → `[{"unit", "replicas"}]`. */
export declare function splitUnits(input: UnitSplitInput): UnitShare[];
/**
 * Group one service's pods for a release (beta, fast / perPod / single, pauses):
 * `{"pods": [{"name", "unit"}], "grouping"?, "beta"?, "pauseBetweenGroups"?,
 * "newVersion"?}` → `{"groups", "pauses", "betaSkipped"}`.
 */
export declare function planGroups(input: GroupsInput): PodGroups;
/**
 * Validate and plan a release order: waves, per service the version change, tasks,
 * groups, pauses and what a rollback means. Raises `ValidationError` with every
 * problem, or `CycleError`.
 */
export declare function planRelease(input: ReleaseOrder): ReleasePlan;
/**
 * The next fires of a cron expression: `{"cron", "timeZone"?, "after", "count"?}` →
 * `{"fires": [RFC 3339 in the zone's offset]}`. Standard 5 fields (Sunday = 0 or 7),
 * 6 with leading seconds, `@daily`-style; DST gaps fire when the gap ends, repeated
 * times fire once.
 */
export declare function cronNext(input: CronNextInput): CronFires;
/**
 * Validate scaling alone: `{"scaling": {...}}`; raises `ValidationError` with every
 * problem (cron syntax, zones, schedules that never fire, priorities, ramps).
 */
export declare function validateScaling(input: ScalingInput): null;
/**
 * What is in effect at an instant: `{"scaling", "at", "currentReplicas"?}` →
 * `{"kind", "replicas"?, "minReplicas"?, "maxReplicas"?, "hpa"?, "policy"?, "firedAt"?,
 * "until"?, "reason"}`. No `currentReplicas` means the first release.
 */
export declare function effectiveAt(input: EffectiveAtInput): Effective;
/**
 * The upcoming changes: `{"scaling", "from", "count"?, "currentReplicas"?}` →
 * `{"changes": [{"at", "effective"}]}`.
 */
export declare function nextChanges(input: NextChangesInput): ScalingChanges;
/**
 * The replica curve: `{"scaling", "from", "to", "stepSeconds", "currentReplicas"?}` →
 * `{"from", "to", "stepSeconds", "minReplicas", "maxReplicas", "points": [{"t", "kind",
 * "replicas"?, "min"?, "max"?, "policy"?}]}` (at most 1,000,000 points).
 */
export declare function replicaCurve(input: CurveInput): ReplicaCurve;
/** Render a `replica_curve` result as an SVG picture (a `str`). */
export declare function replicaCurveSvg(input: ReplicaCurve): string;
/**
 * Where kube-scheduler would put one pod: `{"snapshot", "pod"}` → `{"pod", "node"?,
 * "feasibleNodes", "scores", "refusals", "message"?}`; nothing changes.
 */
export declare function scheduleOne(input: ScheduleOneInput): Placement;
/**
 * Schedule every pending pod (priority order, with preemption): `{"snapshot",
 * "pods"?, "preemption"?}` → `{"placements", "evicted", "snapshot"}`.
 */
export declare function scheduleAll(input: ScheduleAllInput): ScheduleAllResult;
/**
 * A service's replicas evenly over its units, with spill-over: `{"snapshot",
 * "template", "replicas", "units"?}` → `{"units", "placements", "pending", "snapshot"}`.
 */
export declare function place(input: PlaceInput): PlaceResult;
/**
 * Cordon a node, evict and reschedule its pods: `{"snapshot", "node"}` →
 * `{"placements", "kept", "snapshot"}`.
 */
export declare function drain(input: DrainInput): DrainResult;
/**
 * Which pods `NoExecute` taints evict, and when: `{"snapshot", "now"}` →
 * `[{"pod", "node", "taint", "evictAt"}]`.
 */
export declare function taintEvictions(input: TaintEvictionsInput): TaintEviction[];
/**
 * Would a pod fit on a new node of a template: `{"pod", "node"}` → `{"fits",
 * "refusal"?}`.
 */
export declare function fitsTemplate(input: FitsTemplateInput): Fit;
/**
 * Run a what-if scenario to its end in virtual time (releases, timed scaling, the
 * HPA, placement): `{"start", "end", "stepSeconds", "units", "nodePools"?,
 * "services", "script"?, ...}` → `{"timeline", "series", "pendingWaits", "summary"}`.
 */
export declare function simulate(input: Scenario): SimulationResult;
/**
 * Draw a `simulate` result as an SVG chart of the day (a `str`): replicas per
 * service, nodes and pending pods, the water level.
 */
export declare function simulationSvg(input: SimulationResult): string;
// </generated>

/**
 * Every class below is a sans-IO machine of one shape: `handle(now, event)` takes the
 * time (RFC 3339) and an event tagged by `type`; a refused event throws and changes
 * nothing, and a `now` earlier than the last one handled is refused
 * ('invalid_transition'); `pollTimeout()` names the next instant the machine would act
 * with no new event (or `null`); `snapshot()` is what `restore` needs.
 */
/**
 * The versions, draft and release state of one app service. A refused event throws
 * ('invalid_transition', 'conflict', 'not_found', 'validation').
 */
export declare class VersionHistory {
  constructor(profile?: PlatformProfile | null);
  /** Handle one event at `now`; returns the outcome. */
  handle(now: string, event: HistoryEvent): HistoryOutcome;
  /** Always `null`: the history has no timers. */
  pollTimeout(): string | null;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): HistorySnapshot;
  /** A history that continues from a snapshot. */
  static restore(snapshot: HistorySnapshot): VersionHistory;
}
/**
 * The release engine: drives a planned release order. A refused event throws
 * ('invalid_transition', 'not_found', 'validation').
 */
export declare class ReleaseEngine {
  constructor(plan: ReleasePlan);
  /** Handle one event at `now`; returns the actions to carry out. */
  handle(now: string, event: ReleaseEvent): ReleaseAction[];
  /** When a pod will have been ready long enough to complete a group: send a `tick` then. */
  pollTimeout(): string | null;
  /** Each service's phase, group and pod statuses at `now`. */
  status(now: string): EngineStatus;
  /** What a restore needs (store it; `restore` continues from it). */
  snapshot(): ReleaseSnapshot;
  /** An engine that continues from a snapshot. */
  static restore(snapshot: ReleaseSnapshot): ReleaseEngine;
}
/**
 * Which release order or operation holds each app service. A refused event throws
 * ('conflict', 'invalid_transition').
 */
export declare class ReleaseGuard {
  constructor();
  /** Handle one event at `now`. */
  handle(now: string, event: GuardEvent): void;
  /** Always `null`: the guard has no timers. */
  pollTimeout(): string | null;
  /** What a restore needs. */
  snapshot(): GuardSnapshot;
  /** A guard that continues from a snapshot. */
  static restore(snapshot: GuardSnapshot): ReleaseGuard;
}
/**
 * The Kubernetes HPA's memory for one autoscaler and its computation. A bad input throws
 * 'validation' and changes nothing.
 */
export declare class HpaState {
  constructor(config?: HpaConfig | null);
  /** One reconcile at `now`: the desired replicas, why, and what each metric said. */
  handle(now: string, event: HpaInput): HpaRecommendation;
  /** The next reconcile: one sync period after the last (`null` before the first). */
  pollTimeout(): string | null;
  /** What a restore needs (store it; `restore` continues from it). */
  snapshot(): HpaSnapshot;
  /** A state that continues from a snapshot. */
  static restore(snapshot: HpaSnapshot): HpaState;
}
/**
 * A cluster snapshot compiled once and scheduled against many times. A refused call
 * throws and changes nothing.
 */
export declare class Scheduler {
  constructor(snapshot: ClusterSnapshot);
  /** Handle one event at `now` (`scheduleOne`, `scheduleAll`, `place`, `drain`, `evictTainted`). */
  handle(now: string, event: SchedulerEvent): SchedulerOutput;
  /** The next NoExecute eviction after the last instant handled (`null`: none, or none handled yet). */
  pollTimeout(): string | null;
  /** Where one pod would go; nothing changes. */
  scheduleOne(pod: Pod): Placement;
  /** Add pods and schedule every pending pod; the placements stay. */
  scheduleAll(input?: SchedulePodsInput): SchedulePodsResult;
  /** Place a service's replicas over its units with spill-over; the placements stay. */
  place(input: PlacePodsInput): PlacePodsResult;
  /** Cordon a node and move its pods elsewhere; the result stays. */
  drain(node: string): DrainNodeResult;
  /** The pods NoExecute taints evict as of `now` (RFC 3339); nothing changes. */
  taintEvictions(now: string): TaintEviction[];
  /** The cluster as a snapshot (pods with their current `nodeName`). */
  cluster(): ClusterSnapshot;
  /** What a restore needs: the cluster and the last instant handled. */
  snapshot(): SchedulerSnapshot;
  /** A scheduler that continues from a snapshot. */
  static restore(snapshot: SchedulerSnapshot): Scheduler;
}
/**
 * The water-level node autoscaler (a sans-IO state machine). A refused call throws and
 * changes nothing.
 */
export declare class Autoscaler {
  constructor(config: AutoscalerConfig);
  /** Decide on a cluster at `now` (RFC 3339). */
  step(now: string, cluster: ClusterSnapshot): Decision;
  /** Record an observation (nodeJoined, nodeFailed, nodeDeleted, scaleDownFailed). */
  observe(now: string, event: AutoscalerEvent): void;
  /** Handle any event: a decision for a step, `{type: 'observed'}` otherwise. */
  handle(now: string, event: AutoscalerEvent): AutoscalerOutput;
  /** The next instant a timer changes a decision, or null. */
  pollTimeout(): string | null;
  /** The cluster limits the node groups imply. */
  derivedLimits(): DerivedLimits;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): AutoscalerSnapshot;
  /** An autoscaler that continues from a snapshot. */
  static restore(snapshot: AutoscalerSnapshot): Autoscaler;
}
/**
 * A what-if scenario run in virtual time; iterable, one step report per iteration.
 */
export declare class Simulation implements Iterable<StepReport> {
  constructor(scenario: Scenario);
  /** Advance to the next instant with something to do; its report (`null` at the end). */
  step(): StepReport | null;
  [Symbol.iterator](): Iterator<StepReport>;
  /** Take every remaining step; the whole run's result. */
  run(): SimulationResult;
  /** The result so far. */
  result(): SimulationResult;
  /** The chart of the result so far (SVG text). */
  svg(): string;
  /** Whether the run is over. */
  readonly finished: boolean;
  /** Take every step due at or before `now` (RFC 3339); their reports. */
  handle(now: string): StepReport[];
  /** The instant of the next step, or `null` at the end. */
  pollTimeout(): string | null;
  /** What a restore needs: the scenario, the steps taken, the state's digest. */
  snapshot(): SimulationSnapshot;
  /** A simulation that continues from a snapshot (it replays the steps and checks the digest). */
  static restore(snapshot: SimulationSnapshot): Simulation;
}
/** The quick start's scenario (the file `cargo run -p weir --example quickstart` runs), fresh each call. */
export declare function quickstartScenario(): Scenario;
/** The version of the native addon. */
export declare const version: string;
