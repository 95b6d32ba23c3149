// Public API of the `weir` npm package. The data types are generated into types.d.ts from
// core/schema; a test checks that this file declares exactly what index.js exports.
import type {
  GuardCommand,
  ReleaseGuard as ReleaseGuardSnapshot,
  EngineStatus,
  ReleaseCommand,
  ReleaseEvent,
  ReleaseOrder,
  ReleasePlan,
  ReleaseEngine as ReleaseEngineSnapshot,
  DagAnalysis,
  DagDrawing,
  DagInput,
  DagReduction,
  GroupsInput,
  PodGroups,
  UnitShare,
  UnitSplitInput,
  AppService,
  AppServiceDiff,
  AppServiceInput,
  DiffInput,
  HistoryCommand,
  HistoryOutcome,
  PlatformProfile,
  VersionHistory as VersionHistorySnapshot,
  LabelSelectorMatch,
  LabelSelectorMatchInput,
  NodeSelectorMatch,
  NodeSelectorMatchInput,
  ParsedQuantity,
  ErrorDetails,
  CronFires,
  CronNextInput,
  CurveInput,
  Effective,
  EffectiveAtInput,
  HpaConfig,
  HpaInput,
  HpaRecommendation,
  HpaState as HpaStateSnapshot,
  NextChangesInput,
  ReplicaCurve,
  ScalingChanges,
  ScalingInput,
  ScheduleOneInput,
  Placement,
  ScheduleAllInput,
  ScheduleAllResult,
  PlaceInput,
  PlaceResult,
  DrainInput,
  DrainResult,
  TaintEvictionsInput,
  TaintEviction,
  FitsTemplateInput,
  Fit,
  ClusterSnapshot,
  Pod,
  SchedulePodsInput,
  SchedulePodsResult,
  PlacePodsInput,
  PlacePodsResult,
  DrainNodeResult,
  AutoscalerConfig,
  AutoscalerEvent,
  AutoscalerOutput,
  Decision,
  DerivedLimits,
  AutoscalerSnapshot,
} from './types';

export * from './types';
/** The whole state of a `VersionHistory`, as `snapshot()` returns it. */
export type { VersionHistorySnapshot };
/** The whole state of a `ReleaseEngine`, as `snapshot()` returns it. */
export type { ReleaseEngineSnapshot };
/** The whole state of a `ReleaseGuard`, as `snapshot()` returns it. */
export type { ReleaseGuardSnapshot };
/** The whole state of an `HpaState`, as `snapshot()` returns it. */
export type { HpaStateSnapshot };

/** The error every weir function throws: `code` is stable, `details` structured. */
export interface WeirError extends Error {
  code: 'validation' | 'parse_quantity' | 'invalid_input' | 'invalid_transition' | 'conflict' | 'cycle' | 'not_found';
  details: ErrorDetails;
}

/** Parse a Kubernetes quantity ('500m', '1.5Gi', 0.5): canonical form, format, exact values. */
export declare function parseQuantity(quantity: string | number): ParsedQuantity;
/** Check label keys and values; throws a 'validation' error listing every bad entry. */
export declare function validateLabels(labels: Record<string, string>): null;
/** Validate a label selector and test labels: {selector, labels} → {matches}. */
export declare function matchLabelSelector(input: LabelSelectorMatchInput): LabelSelectorMatch;
/** Validate a node selector and test a node: {nodeSelector, nodeName, labels} → {matches, matchedTerm?}. */
export declare function matchNodeSelector(input: NodeSelectorMatchInput): NodeSelectorMatch;
/** Validate an app service ({spec, profile?}); throws a 'validation' error listing every problem. */
export declare function validateAppService(input: AppServiceInput): null;
/** Validate and return the spec with every default filled ({spec, profile?} → spec). */
export declare function normalizeAppService(input: AppServiceInput): AppService;
/** What changed between two versions and what the release implies ({from, to, rules?}). */
export declare function diffAppServices(input: DiffInput): AppServiceDiff;
/**
 * The versions, draft and release state of one app service (a sans-IO state machine).
 * A refused command throws ('invalid_transition', 'conflict', 'not_found', 'validation')
 * and changes nothing.
 */
export declare class VersionHistory {
  constructor(profile?: PlatformProfile | null);
  /** Apply one command, tagged by `type`; returns the outcome. */
  apply(command: HistoryCommand): HistoryOutcome;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): VersionHistorySnapshot;
  /** A history that continues from a snapshot. */
  static restore(snapshot: VersionHistorySnapshot): VersionHistory;
}
/** Validate a release order's dependencies: order, waves, earliest times, critical path; a 'cycle' error lists every cycle. */
export declare function analyzeDag(input: DagInput): DagAnalysis;
/** Which dependency edges another path already implies (at most 10,000 services). */
export declare function transitiveReduction(input: DagInput): DagReduction;
/** DOT and Mermaid text of a release order's DAG. */
export declare function renderDag(input: DagInput): DagDrawing;
/** Split replicas evenly over units ({replicas, units} → [{unit, replicas}]). */
export declare function splitUnits(input: UnitSplitInput): UnitShare[];
/** Group one service's pods for a release (beta, fast / perPod / single, pauses). */
export declare function planGroups(input: GroupsInput): PodGroups;
/** Validate and plan a release order: waves, changes, tasks, groups, pauses, rollback. */
export declare function planRelease(input: ReleaseOrder): ReleasePlan;
/**
 * The release engine: a sans-IO state machine that drives a planned release order.
 * A refused event throws ('invalid_transition', 'not_found', 'validation') and changes nothing.
 */
export declare class ReleaseEngine {
  constructor(plan: ReleasePlan);
  /** Handle one event at `now` (RFC 3339); returns the commands to carry out. */
  handle(event: ReleaseEvent, now: string): ReleaseCommand[];
  /** Each service's phase, group and pod statuses at `now`. */
  status(now: string): EngineStatus;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): ReleaseEngineSnapshot;
  /** An engine that continues from a snapshot. */
  static restore(snapshot: ReleaseEngineSnapshot): ReleaseEngine;
}
/**
 * Which release order or operation holds each app service. A refused command throws
 * ('conflict', 'invalid_transition') and changes nothing.
 */
export declare class ReleaseGuard {
  constructor();
  /** Apply one command, tagged by `type`. */
  apply(command: GuardCommand): void;
  /** The whole state. */
  snapshot(): ReleaseGuardSnapshot;
  /** A guard that continues from a snapshot. */
  static restore(snapshot: ReleaseGuardSnapshot): ReleaseGuard;
}
/**
 * The Kubernetes HPA's memory for one autoscaler and its computation, sans-IO.
 * A bad input throws 'validation' and changes nothing.
 */
export declare class HpaState {
  constructor(config?: HpaConfig | null);
  /** One reconcile: the desired replicas, why, and what each metric said. */
  recommend(input: HpaInput): HpaRecommendation;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): HpaStateSnapshot;
  /** A state that continues from a snapshot. */
  static restore(snapshot: HpaStateSnapshot): HpaState;
}
/** The next fires of a cron expression; Sunday = 0 or 7; DST gaps fire when the gap ends, repeats fire once. */
export declare function cronNext(input: CronNextInput): CronFires;
/** Validate scaling alone; throws a 'validation' error listing every problem. */
export declare function validateScaling(input: ScalingInput): null;
/** What is in effect at an instant (no `currentReplicas`: the first release). */
export declare function effectiveAt(input: EffectiveAtInput): Effective;
/** The upcoming changes of what is in effect. */
export declare function nextChanges(input: NextChangesInput): ScalingChanges;
/** The replica curve: a point every `stepSeconds` (at most 1,000,000 points). */
export declare function replicaCurve(input: CurveInput): ReplicaCurve;
/** Render a `replicaCurve` result as an SVG picture. */
export declare function replicaCurveSvg(curve: ReplicaCurve): string;
/** Where kube-scheduler would put one pod (nothing changes); refusals and the summary line when nowhere. */
export declare function scheduleOne(input: ScheduleOneInput): Placement;
/** Schedule every pending pod, priority first, with preemption; returns the updated snapshot. */
export declare function scheduleAll(input: ScheduleAllInput): ScheduleAllResult;
/** A service's replicas evenly over its units, with spill-over. */
export declare function place(input: PlaceInput): PlaceResult;
/** Cordon a node, evict and reschedule its pods. */
export declare function drain(input: DrainInput): DrainResult;
/** Which pods NoExecute taints evict, and when. */
export declare function taintEvictions(input: TaintEvictionsInput): TaintEviction[];
/** Would a pod fit on a new node of a template (the autoscaler's predicate). */
export declare function fitsTemplate(input: FitsTemplateInput): Fit;
/**
 * A cluster snapshot compiled once and scheduled against many times. A refused call
 * throws and changes nothing.
 */
export declare class Scheduler {
  constructor(snapshot: ClusterSnapshot);
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
  /** The cluster as a snapshot. */
  snapshot(): ClusterSnapshot;
  /** A scheduler from a snapshot. */
  static restore(snapshot: ClusterSnapshot): Scheduler;
}
/**
 * The water-level node autoscaler (a sans-IO state machine). A refused call throws and
 * changes nothing.
 */
export declare class Autoscaler {
  constructor(config: AutoscalerConfig);
  /** Decide on a cluster at `now` (RFC 3339). */
  step(cluster: ClusterSnapshot, now: string): Decision;
  /** Record an observation (nodeJoined, nodeFailed, nodeDeleted, scaleDownFailed). */
  observe(event: AutoscalerEvent, now: string): void;
  /** Handle any event: a decision for a step, `{type: 'observed'}` otherwise. */
  handle(event: AutoscalerEvent, now: string): AutoscalerOutput;
  /** The next instant a timer changes a decision, or null. */
  pollTimeout(): string | null;
  /** The cluster limits the node groups imply. */
  derivedLimits(): DerivedLimits;
  /** The whole state (store it; `restore` continues from it). */
  snapshot(): AutoscalerSnapshot;
  /** An autoscaler that continues from a snapshot. */
  static restore(snapshot: AutoscalerSnapshot): Autoscaler;
}
/** The version of the native addon. */
export declare const version: string;
