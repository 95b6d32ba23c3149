// Data types of weir (camelCase keys, as on the wire).
// Generated from core/schema/*.json by `WEIR_BLESS=1 cargo test -p weir --test schema`. Do not edit.

/** Inside the cluster (集群内访问): a ClusterIP service. */
export interface AccessClusterIP {
  /** Port mappings; at least one. */
  ports: ClusterIpPort[];
  type: "clusterIP";
}

/** Inside the VPC (VPC 内访问) through a load balancer. */
export interface AccessIntranetLB {
  /** An existing load balancer id, or `create`. */
  loadBalancer: string;
  /** Port mappings; at least one. */
  ports: LbPort[];
  type: "intranetLB";
}

/** From the internet (公网访问) through a load balancer. */
export interface AccessInternetLB {
  /** An existing load balancer id, or `create`. */
  loadBalancer: string;
  /** Port mappings; at least one. */
  ports: LbPort[];
  type: "internetLB";
}

/** An access service (服务). */
export interface AccessService {
  /** How it is reached. */
  access: Access;
  /** DNS-1123 label, unique among the app service's services. */
  name: string;
}

/** Create and start a release order. */
export interface ActionRelease {
  /** The order's id, unique in the script. */
  order: string;
  /** How long a pod must stay ready to count as updated; default 30. */
  readySeconds?: number | null;
  /** Its services. */
  services: ReleaseTarget[];
  type: "release";
}

/** Confirm a service's beta group. */
export interface ActionConfirmBeta {
  /** The order. */
  order: string;
  /** The service. */
  service: string;
  type: "confirmBeta";
}

/** Go on after a group pause. */
export interface ActionResume {
  /** The order. */
  order: string;
  /** The service. */
  service: string;
  type: "resume";
}

/** Retry a failed service. */
export interface ActionRetry {
  /** The order. */
  order: string;
  /** The service. */
  service: string;
  type: "retry";
}

/** Roll a failed or paused service back. */
export interface ActionRollback {
  /** The order. */
  order: string;
  /** The service. */
  service: string;
  type: "rollback";
}

/** Confirm a rollback. */
export interface ActionConfirmRollback {
  /** The order. */
  order: string;
  /** The service. */
  service: string;
  type: "confirmRollback";
}

/** Cancel one service, or the whole order. */
export interface ActionCancel {
  /** The order. */
  order: string;
  /** The service; absent: every unfinished one. */
  service?: string | null;
  type: "cancel";
}

/** A quick image update: the service's next version (release it with `release`). */
export interface ActionChangeImage {
  /** The container. */
  container: string;
  /** The new image. */
  image: string;
  /** The service. */
  service: string;
  type: "changeImage";
}

/** Make pods fail: one pod now, or every pod of a version as it starts. */
export interface ActionInjectFailure {
  /** This pod fails now. */
  pod?: string | null;
  /** The service. */
  service: string;
  type: "injectFailure";
  /** Every pod of this version fails when it starts (a broken image). */
  version?: string | null;
}

/** Mark a node unschedulable. */
export interface ActionCordon {
  /** The node. */
  node: string;
  type: "cordon";
}

/** Cordon a node and move its pods elsewhere. */
export interface ActionDrain {
  /** The node. */
  node: string;
  type: "drain";
}

/** A node dies: its pods are recreated elsewhere. */
export interface ActionFailNode {
  /** The node. */
  node: string;
  type: "failNode";
}

/** The release or operation in progress. */
export interface Activity {
  /** Release, rollback or operation. */
  kind: ActivityKind;
  /** The operation's name (operations). */
  operation?: string | null;
  /** The release order (releases and rollbacks). */
  releaseOrder?: string | null;
  /** When it began. */
  since: string;
  /** The target version (releases and rollbacks). */
  version?: string | null;
}

/** `Affinity`. */
export interface Affinity {
  /** Node affinity. */
  nodeAffinity?: NodeAffinity | null;
  /** Pod affinity. */
  podAffinity?: PodAffinity | null;
  /** Pod anti-affinity. */
  podAntiAffinity?: PodAffinity | null;
}

/** An app service (应用服务): what a version of it holds.
 * 
 * # Examples
 * 
 * ```
 * let spec: weir::AppService = serde_json::from_value(serde_json::json!({
 *     "name": "aks-vote-redis-appservice",
 *     "app": "aks-vote-redis",
 *     "template": {"containers": [{"name": "redis", "image": "redis:6"}]}
 * }))?;
 * let full = weir::normalize(&spec, None)?;
 * assert_eq!(full.namespace.as_deref(), Some("default"));
 * # Ok::<(), Box<dyn std::error::Error>>(())
 * ``` */
export interface AppService {
  /** The application it belongs to: letters, digits, `-`, `_`; starts with a letter, ends with a letter or digit. Never changes. */
  app: string;
  /** Deploy and schedule settings; every field has a default. */
  deploy?: Deploy | null;
  /** Free text. */
  description?: string | null;
  /** App service name, a DNS-1123 label. Never changes. */
  name: string;
  /** Kubernetes namespace, a DNS-1123 label; default `default`. Never changes. */
  namespace?: string | null;
  /** Deploy to elastic nodes (adds the sub-cluster label); default false. */
  nodeAutoscaling?: boolean | null;
  /** The person responsible (负责人). */
  owner?: string | null;
  /** Replica scaling; default fixed, 1 replica. */
  scaling?: Scaling | null;
  /** Access services (集群内访问 / VPC 内访问 / 公网访问). */
  services?: AccessService[];
  /** Deployed as a StatefulSet with volume claim templates; default false. Never changes. */
  stateful?: boolean | null;
  /** The pod template. */
  template: PodTemplate;
  /** Volume templates of a stateful app service (at least one when stateful). */
  volumeClaimTemplates?: VolumeClaimTemplate[];
}

/** What changed and what it implies. */
export interface AppServiceDiff {
  /** Every changed value, in path order. */
  changes: Change[];
  /** After the pods are updated. */
  postTasks: PostTask[];
  /** Before the pods are updated. */
  preTasks: PreTask[];
  /** Why (empty when nothing in the pods changed). */
  reasons: UpgradeReason[];
  /** How pods reach the new version. */
  upgrade: Upgrade;
  /** Consequences to confirm. */
  warnings: Warning[];
}

/** Input of [`validate_app_service`] and [`normalize_app_service`]. */
export interface AppServiceInput {
  /** The platform's restrictions and the target cluster, when known. */
  profile?: PlatformProfile | null;
  /** The app service spec. */
  spec: AppService;
}

/** The autoscaler's configuration (seed 9.2–9.6), camelCase JSON; every field has the
 * seed's default. */
export interface AutoscalerConfig {
  /** Per-group exponential backoff (CA); off when absent. */
  backoff?: BackoffConfig | null;
  /** Cluster CPU range, cores (CA `--cores-total`). */
  coresTotal?: ResourceRange | null;
  /** The estimator; default `binpacking`. */
  estimator?: Estimator;
  /** The expander chain; default `[priority, leastWaste]`. */
  expander?: Expander[];
  /** The node label naming a node's group; default `weir.io/node-group`. */
  groupLabel?: string;
  /** Cluster health gate (CA); off when absent. */
  healthGate?: HealthGate | null;
  /** DaemonSet pods do not count as utilisation; default true. */
  ignoreDaemonSetUtilization?: boolean;
  /** Circuit breaker: failed nodes tolerated (≥ 2); default 3. */
  maxFailedNodes?: number;
  /** Seconds a requested node has to join; default 600. */
  maxNodeProvisionTime?: number;
  /** Most nodes in the cluster (CA `--max-nodes-total`); none when absent. */
  maxNodesTotal?: number | null;
  /** Most nodes removed per step; default 5. */
  maxScaleDownNodes?: number;
  /** Cluster memory range (CA `--memory-total`). */
  memoryTotal?: ResourceRange | null;
  /** The node groups. */
  nodeGroups?: NodeGroupConfig[];
  /** The lower water mark; default on, 10. */
  scaleDown?: WaterMark;
  /** Scale-down pause after a scale-up, seconds; default 300. */
  scaleDownDelayAfterAdd?: number;
  /** Scale-down pause after a removal, seconds; default 30. */
  scaleDownDelayAfterDelete?: number;
  /** Scale-down pause after a failed removal, seconds; default 10. */
  scaleDownDelayAfterFailure?: number;
  /** Seconds a node stays unneeded before removal; default 300. */
  scaleDownUnneededTime?: number;
  /** The same for an unready node; default 300. */
  scaleDownUnreadyTime?: number;
  /** The upper water mark; default on, 90. */
  scaleUp?: WaterMark;
  /** The seed of every draw (`random` zone selection and expander). */
  seed?: number;
  /** Keep nodes with pods on node-local storage; default true. */
  skipNodesWithLocalStorage?: boolean;
  /** The slot pod. */
  slotPod?: SlotPodConfig;
  /** How a group is chosen among equals; default `sequential`. */
  zoneSelection?: ZoneSelection;
}

/** Decide on the cluster as it is now. */
export interface AutoscalerEventStep {
  /** The cluster: nodes (managed ones carry the group label) and pods. */
  cluster: ClusterSnapshot;
  type: "step";
}

/** A node the autoscaler asked for joined its group. */
export interface AutoscalerEventNodeJoined {
  /** The group. */
  group: string;
  /** The node. */
  node: string;
  type: "nodeJoined";
}

/** A node the autoscaler asked for will not join (the cloud refused or it broke):
 * it counts as failed (circuit breaker, backoff). */
export interface AutoscalerEventNodeFailed {
  /** The group. */
  group: string;
  /** The node, when it has a name. */
  node?: string | null;
  type: "nodeFailed";
}

/** A node was deleted: one the autoscaler removed, or (with `failed`) a failed node
 * an operator cleaned up, which closes the breaker by one. */
export interface AutoscalerEventNodeDeleted {
  /** It was one of the failed nodes. */
  failed?: boolean;
  /** The group. */
  group: string;
  /** The node. */
  node: string;
  type: "nodeDeleted";
}

/** Removing a node the autoscaler chose failed: scale-down pauses
 * (`scaleDownDelayAfterFailure`) and the node starts its unneeded time over. */
export interface AutoscalerEventScaleDownFailed {
  /** The group. */
  group: string;
  /** The node. */
  node: string;
  type: "scaleDownFailed";
}

/** The decision of a step. */
export interface AutoscalerOutputDecision {
  type: "decision";
}

/** An observation was recorded. */
export interface AutoscalerOutputObserved {
  type: "observed";
}

/** What a restore needs: the configuration and the timers; nothing derivable. */
export interface AutoscalerSnapshot {
  /** The last instant handled. */
  at?: Timestamp | null;
  /** Backoffs per group. */
  backoff?: Record<string, GroupBackoff>;
  /** The configuration, defaults filled. */
  config: AutoscalerConfig;
  /** Failed nodes per group (the breaker counts them all). */
  failed?: Record<string, number>;
  /** The last scale-down (decided or observed). */
  lastScaleDown?: Timestamp | null;
  /** The last failed scale-down. */
  lastScaleDownFailure?: Timestamp | null;
  /** The last scale-up. */
  lastScaleUp?: Timestamp | null;
  /** Nodes asked for and not joined yet, oldest first. */
  requests?: ProvisionRequest[];
  /** Steps handled (numbers the seeded draws). */
  steps?: number;
  /** Unneeded nodes by name. */
  unneeded?: Record<string, Unneeded>;
}

/** CA's per-group exponential backoff after a failed scale-up. */
export interface BackoffConfig {
  /** First backoff, seconds; default 300. */
  initialSeconds?: number;
  /** Longest backoff, seconds; default 1800. */
  maxSeconds?: number;
  /** A failure older than this is forgotten, seconds; default 10800. */
  resetSeconds?: number;
}

/** The circuit breaker (seed 9.6): nodes created by scale-up that did not join. */
export interface Breaker {
  /** Failed nodes not deleted yet. */
  failedNodes: number;
  /** The configured limit; open above it. */
  maxFailedNodes: number;
  /** No scale-up while open. */
  open: boolean;
}

/** One changed value, at a JSON-pointer path of the normalized spec. */
export interface Change {
  /** The old value; absent when the value was added. */
  from?: unknown;
  /** JSON pointer, e.g. `/template/containers/0/image`. */
  path: string;
  /** The new value; absent when the value was removed. */
  to?: unknown;
}

/** A ClusterIP port mapping. */
export interface ClusterIpPort {
  /** The port the workload listens on (访问端口), 1–65535. */
  port: number;
  /** `TCP` or `UDP`. */
  protocol: ClusterIpProtocol;
  /** The port on the virtual IP (容器端口), 1–65535. */
  targetPort: number;
}

/** What the target cluster offers. */
export interface ClusterProfile {
  /** The service mesh is enabled. */
  mesh?: boolean;
  /** Node autoscaling (节点伸缩) is enabled. */
  nodeAutoscaling?: boolean;
  /** Zones that have a node group. */
  nodeGroupZones?: string[];
  /** The workspace's deployment units and their zones. */
  units?: UnitProfile[];
}

/** The cluster as the scheduler sees it. */
export interface ClusterSnapshot {
  /** The label keys that carry meaning; default the seed's. */
  labelKeys?: LabelKeys | null;
  /** Namespace labels, for `namespaceSelector` in pod affinity terms. */
  namespaces?: Record<string, Record<string, string>>;
  /** The nodes. */
  nodes?: Node[];
  /** PodDisruptionBudgets (`policy/v1`): the autoscaler's scale-down evicts no more pods of a budget in one step than it allows. */
  podDisruptionBudgets?: PodDisruptionBudget[];
  /** The pods: bound (`spec.nodeName` set) or pending. */
  pods?: Pod[];
  /** How nodes are scored; default kube-scheduler's default profile. */
  scoring?: ScoringConfig | null;
}

/** One container of the pod template. */
export interface Container {
  /** Arguments. */
  args?: string[];
  /** Entrypoint override (启动命令). */
  command?: string[];
  /** Environment variables; names unique. */
  env?: EnvVar[];
  /** Image reference `[registry[:port]/]path[:tag][@digest]`. */
  image: string;
  /** Secret used to pull the image (保密字典). */
  imagePullSecret?: string | null;
  /** Where the image comes from; default a registry reference. */
  imageSource?: ImageSource | null;
  /** Lifecycle hooks. */
  lifecycle?: Lifecycle | null;
  /** Liveness probe (its `successThreshold` must be 1). */
  livenessProbe?: Probe | null;
  /** Log collection (日志服务配置). */
  logs?: LogConfig[];
  /** Business monitoring directory, shared read-only with the monitoring sidecar. */
  monitoringDir?: string | null;
  /** DNS-1123 label, unique in the pod. Never changes. */
  name: string;
  /** Readiness probe. */
  readinessProbe?: Probe | null;
  /** CPU and memory requests and limits. */
  resources?: Resources | null;
  /** Volume mounts. */
  volumeMounts?: VolumeMount[];
}

/** `ContainerResourceMetricSource`. */
export interface ContainerResourceMetricSource {
  /** The container whose usage and request count. */
  container: string;
  /** The resource name. */
  name: string;
  /** `Utilization` or `AverageValue`. */
  target: MetricTarget;
}

/** `ResourceRequirements` (requests only; limits do not affect placement). */
export interface ContainerResources {
  /** Limits (read and ignored). */
  limits?: Record<string, Quantity> | null;
  /** Requests. */
  requests?: Record<string, Quantity>;
}

/** The fires [`cron_next`] found. */
export interface CronFires {
  /** RFC 3339 instants with the zone's offset at that instant (`2026-03-08T03:00:00-04:00`), or in UTC when that offset has seconds (local mean time) or the local date is past year 9999. Each parses back to exactly the instant fired, so the last one, given as `after`, pages on to strictly later fires. */
  fires: string[];
}

/** Input of [`cron_next`]. */
export interface CronNextInput {
  /** Fires strictly after this RFC 3339 instant. */
  after: string;
  /** How many fires; default 1, at most [`MAX_CRON_FIRES`]. */
  count?: number | null;
  /** The expression. */
  cron: string;
  /** IANA time zone; default `UTC`. */
  timeZone?: string | null;
}

/** Input of [`replica_curve`]. */
export interface CurveInput {
  /** The replicas running at `from`; absent means the first release. */
  currentReplicas?: number | null;
  /** First point, RFC 3339. */
  from: string;
  /** The app service's scaling. */
  scaling: Scaling;
  /** Seconds between points, ≥ 1. */
  stepSeconds: number;
  /** Last point at or before this, RFC 3339. */
  to: string;
}

/** One point of a curve. */
export interface CurvePoint {
  /** The kind of value. */
  kind: EffectiveKind;
  /** For `metric`: the band's upper bound. */
  max?: number | null;
  /** For `metric`: the band's lower bound. */
  min?: number | null;
  /** The policy in effect. */
  policy?: string | null;
  /** The replicas (absent for `metric`, which has a band). */
  replicas?: number | null;
  /** Unix seconds. */
  t: number;
}

/** The analysis of a valid, acyclic order. */
export interface DagAnalysis {
  /** The longest chain by duration, dependencies first (ties broken by name). */
  criticalPath: string[];
  /** When the whole order can finish at the earliest. */
  earliestFinishSeconds: number;
  /** Every service in topological order (dependencies first, ties broken by name), with its wave and times. */
  nodes: DagNode[];
  /** The waves: services whose dependencies are all in earlier waves, each sorted by name. */
  waves: string[][];
}

/** Drawings of the DAG, dependencies pointing to their dependents (release flow). */
export interface DagDrawing {
  /** Graphviz DOT text. */
  dot: string;
  /** Mermaid flowchart text. */
  mermaid: string;
}

/** A dependency edge: `service` depends on `dependsOn`. */
export interface DagEdge {
  /** The service it depends on. */
  dependsOn: string;
  /** The dependent service. */
  service: string;
}

/** Input of [`analyze_dag`] and the other DAG operations. */
export interface DagInput {
  /** The services of the order. */
  services: DagService[];
}

/** Where one service stands in the plan. */
export interface DagNode {
  /** Its earliest start plus its duration (saturating at 2^32-1). */
  earliestFinishSeconds: number;
  /** When it can start at the earliest: the latest finish of its dependencies. */
  earliestStartSeconds: number;
  /** The service. */
  name: string;
  /** 0 without dependencies, else 1 + the highest wave of its dependencies. */
  wave: number;
}

/** The transitive reduction: the edges that are implied by others. */
export interface DagReduction {
  /** The edges that remain, sorted. */
  keptEdges: DagEdge[];
  /** Edges that another path already implies (safe to drop), sorted. */
  redundantEdges: DagEdge[];
}

/** One app service of the order and what it depends on. */
export interface DagService {
  /** The services that must succeed before this one starts. */
  dependsOn?: string[];
  /** Estimated release duration in seconds, for the critical path; default 0. */
  durationSeconds?: number | null;
  /** The app service's name, unique in the order. */
  name: string;
}

/** One step's decision. */
export interface Decision {
  /** The circuit breaker. */
  breaker: Breaker;
  /** Every node group: its state and its scale-up verdict. */
  groups: GroupStatus[];
  /** Set when the health gate halted scaling. */
  halted?: string | null;
  /** Every pending pod and what becomes of it. */
  pending: PendingPod[];
  /** The nodes to remove, emptiest first. */
  scaleDown: ScaleDownNode[];
  /** Why scale-down removed nothing more, when it did not run or stopped early. */
  scaleDownBlocked?: string | null;
  /** The nodes to add, if any (one group per step, as CA). */
  scaleUp?: ScaleUp | null;
  /** Every managed node that is unneeded, and since when. */
  unneeded: UnneededStatus[];
  /** The managed nodes' water level and the slot-pod delta. */
  waterLevel: WaterLevel;
}

/** Deploy and schedule settings (部署和调度配置). */
export interface Deploy {
  /** A beta group first (one pod per unit); default true. */
  beta?: boolean | null;
  /** Pod grouping; default fast with at least 3 groups. */
  grouping?: Grouping | null;
  /** SOFAMesh injection and traffic shifting. */
  mesh?: Mesh | null;
  /** Node affinity (应用服务与节点亲和性). */
  nodeAffinity?: NodeSelector | null;
  /** Pause after each group; default true. */
  pauseBetweenGroups?: boolean | null;
  /** Pod schedule policy; default (and only) `evenAcrossUnits`. */
  schedulePolicy?: SchedulePolicy | null;
  /** Affinity to other app services' pods (应用服务间亲和性). */
  serviceAffinity?: ServiceAffinity[];
  /** Deployment units; empty: every unit of the workspace. */
  units?: string[];
  /** `inPlace` (default) or `replace`. */
  upgradeMode?: UpgradeMode | null;
}

/** The cluster limits the node groups imply (seed 9.6), read-only. */
export interface DerivedLimits {
  /** Σ maxNodes × template CPU. */
  maxCores: Quantity;
  /** Σ maxNodes × template memory. */
  maxMemory: Quantity;
  /** Σ maxNodes. */
  maxNodes: number;
  /** Σ minNodes × template CPU. */
  minCores: Quantity;
  /** Σ minNodes × template memory. */
  minMemory: Quantity;
}

/** Input of [`diff`]. */
export interface DiffInput {
  /** The version running now (or being rolled back from). */
  from: AppService;
  /** The platform both versions are validated against (as in `validate`). */
  profile?: PlatformProfile | null;
  /** The in-place rule set; default `seed`. */
  rules?: InPlaceRules | null;
  /** The version to release. */
  to: AppService;
}

/** The one draft (草稿): an editable copy of a version, not validated until submit. */
export interface Draft {
  /** The version it started from. */
  basedOn: string;
  /** When it was started. */
  createdAt: string;
  /** The spec being edited. */
  spec: AppService;
  /** When it was last changed. */
  updatedAt: string;
}

/** Input of [`drain`]. */
export interface DrainInput {
  /** The node to drain. */
  node: string;
  /** The cluster. */
  snapshot: ClusterSnapshot;
}

/** The result of [`Scheduler::drain`]: [`super::ops::DrainResult`] without the snapshot. */
export interface DrainNodeResult {
  /** Pods that stay: DaemonSet pods and pods on node-local storage, with the reason. */
  kept: KeptPod[];
  /** Evicted pods and where they went (or why they are pending). */
  placements: Placement[];
}

/** The result of [`drain`]. */
export interface DrainResult {
  /** Pods that stay: DaemonSet pods (not evicted) and pods on node-local storage (cannot move), `namespace/name` with the reason. */
  kept: KeptPod[];
  /** Evicted pods and where they went (or why they are pending). */
  placements: Placement[];
  /** The snapshot afterwards (the node cordoned). */
  snapshot: ClusterSnapshot;
}

/** What is in effect at an instant. */
export interface Effective {
  /** When that policy fired (RFC 3339, in its schedule's zone). */
  firedAt?: string | null;
  /** For `metric`: the HPA to run inside the window (hand this to [`super::hpa::HpaState`]). */
  hpa?: HpaSpec | null;
  /** The kind of value. */
  kind: EffectiveKind;
  /** For `metric`: the band's upper bound. */
  maxReplicas?: number | null;
  /** For `metric`: the band's lower bound. */
  minReplicas?: number | null;
  /** The policy in effect. */
  policy?: string | null;
  /** Why, in words. */
  reason: string;
  /** The replicas (for `metric`: the current replicas brought into the band, when known). */
  replicas?: number | null;
  /** For `metric`: the targets. */
  targets?: MetricTargets | null;
  /** When its window ends (duration policies); absent too when it would end after `9999-12-31T23:59:59Z`, which has no RFC 3339 form. */
  until?: string | null;
}

/** Input of [`effective_at`]. */
export interface EffectiveAtInput {
  /** The instant, RFC 3339. */
  at: string;
  /** The replicas running now; absent means the first release (`initialReplicas`). */
  currentReplicas?: number | null;
  /** The app service's scaling. */
  scaling: Scaling;
}

/** A console's view of the engine. */
export interface EngineStatus {
  /** The order's id. */
  id: string;
  /** The order's outcome, once final. */
  outcome?: OrderOutcome | null;
  /** Every service. */
  services: ServiceStatus[];
  /** `start` was received. */
  started: boolean;
}

/** An environment variable: a literal `value` or a `valueFrom` reference (exactly one). */
export interface EnvVar {
  /** A C identifier `[A-Za-z_][A-Za-z0-9_]*`, unique in the container. */
  name: string;
  /** A literal value (手动输入). */
  value?: string | null;
  /** A reference to a ConfigMap or Secret key (配置项 / 保密字典). */
  valueFrom?: EnvVarSource | null;
}

/** Where an environment variable's value comes from (exactly one). */
export interface EnvVarSource {
  /** A key of a ConfigMap. */
  configMapKeyRef?: KeyRef | null;
  /** A key of a Secret. */
  secretKeyRef?: KeyRef | null;
}

/** The input is well-formed data but breaks one or more rules; every problem is listed. */
export interface ErrorDetailsValidation {
  /** The field errors, in the order the input was walked. */
  fields: FieldError[];
  type: "validation";
}

/** A Kubernetes quantity string could not be parsed. */
export interface ErrorDetailsParseQuantity {
  /** The text as given (serialised: at most 64 characters, then `…`). */
  input: string;
  /** The reason, a stable code. */
  reason: QuantityErrorReason;
  type: "parseQuantity";
}

/** The input does not have the expected shape (wrong type, missing field, a number out
 * of range for its field, NaN): what a binding reports when conversion fails. */
export interface ErrorDetailsInvalidInput {
  /** The field path of the offending value, Kubernetes style (`spec.containers[0].resources`); empty for the whole input. */
  path: string;
  /** The converter's message (at most 256 characters). */
  reason: string;
  type: "invalidInput";
}

/** The command is not allowed in the engine's current state; nothing changed. */
export interface ErrorDetailsInvalidTransition {
  /** The command (or event) that was refused. */
  command: string;
  /** The state that refuses it, as words (`when there is no draft`). */
  state: string;
  type: "invalidTransition";
}

/** Another release or operation holds the app service, or a choice must be made first;
 * nothing changed. */
export interface ErrorDetailsConflict {
  /** Why, as one line. */
  reason: string;
  type: "conflict";
}

/** The dependencies form one or more cycles; each is listed as the names along it,
 * ending where it starts (`["a", "b", "a"]`). */
export interface ErrorDetailsCycle {
  /** Every cycle, one per strongly connected component, in name order. */
  cycles: string[][];
  type: "cycle";
}

/** A referenced thing does not exist; nothing changed. */
export interface ErrorDetailsNotFound {
  /** Its id as given (serialised: at most 64 characters, then `…`). */
  id: string;
  /** What kind of thing (`version`, `container`). */
  kind: string;
  type: "notFound";
}

/** The error as it crosses a language boundary: `{code, message, details}`. */
export interface ErrorReport {
  /** The stable code (see [`Error::code`]). */
  code: string;
  /** The structured details, tagged by `type` (the same word as `code`, in camelCase). */
  details: ErrorDetails;
  /** The one-line human message; never match on it. */
  message: string;
}

/** A command run in the container. */
export interface ExecAction {
  /** The command and its arguments; not empty. */
  command: string[];
}

/** `ExternalMetricSource`. */
export interface ExternalMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** `Value` or `AverageValue`. */
  target: MetricTarget;
}

/** A release that failed and still blocks new release orders (seed 6.7). */
export interface FailedRelease {
  /** When it failed. */
  at: string;
  /** The failed release order. */
  releaseOrder: string;
  /** The version it was releasing. */
  version: string;
}

/** One broken rule, at a Kubernetes-style field path such as
 * `spec.template.containers[0].resources.requests.cpu`. */
export interface FieldError {
  /** The kind of problem, a stable code. */
  code: FieldErrorCode;
  /** One lowercase line saying what is wrong. */
  message: string;
  /** Field path, Kubernetes style (`a.b[0].c`, map keys as `labels[key]`). */
  path: string;
}

/** Whether a pod fits. */
export interface Fit {
  /** Every filter passed. */
  fits: boolean;
  /** The refusal, when it does not fit. */
  refusal?: NodeRefusal | null;
}

/** Input of [`fits_template`]. */
export interface FitsTemplateInput {
  /** Label keys, if not the seed's. */
  labelKeys?: LabelKeys | null;
  /** A node as a node group would create it (empty). */
  node: Node;
  /** The pod. */
  pod: Pod;
}

/** A group's backoff (CA `exponential_backoff.go`). */
export interface GroupBackoff {
  /** The last failure. */
  lastFailure: Timestamp;
  /** The length of this backoff, seconds (doubles on the next failure after it ends). */
  seconds: number;
  /** No scale-up before then. */
  until: Timestamp;
}

/** A node group's state and scale-up verdict. */
export interface GroupStatus {
  /** Backed off until then. */
  backedOffUntil?: Timestamp | null;
  /** Nodes asked for that failed and were not deleted yet. */
  failedNodes: number;
  /** The group. */
  group: string;
  /** What the verdict rests on. */
  message: string;
  /** Its nodes in the snapshot. */
  size: number;
  /** Nodes asked for that have not joined. */
  upcoming: number;
  /** The scale-up verdict. */
  verdict: GroupVerdict;
}

/** Groups spread evenly over the units (快速分组). */
export interface GroupingFast {
  /** The minimum number of groups, ≥ 1; default 3. */
  minGroups?: number | null;
  type: "fast";
}

/** One pod per group (每个 Pod 一组). */
export interface GroupingPerPod {
  type: "perPod";
}

/** All pods in one group (共分一组). */
export interface GroupingSingle {
  type: "single";
}

/** Input of [`plan_groups`]. */
export interface GroupsInput {
  /** Release a beta group first; default true. */
  beta?: boolean | null;
  /** The grouping strategy; default fast with 3 groups. */
  grouping?: Grouping | null;
  /** A new version is released (rollbacks and restarts of the same version have no beta group); default true. */
  newVersion?: boolean | null;
  /** Pause after each group but the last; default true. */
  pauseBetweenGroups?: boolean | null;
  /** The pods, in the order they are taken. */
  pods: PodRef[];
}

/** The per-service state of the guard. */
export interface GuardEntry {
  /** The order whose release of it failed (it still holds it). */
  failedIn?: string | null;
  /** What holds the service now. */
  hold?: Hold | null;
}

/** An order takes its services (all or none). */
export interface GuardEventBeginOrder {
  /** The order. */
  order: string;
  /** Its services. */
  services: string[];
  type: "beginOrder";
}

/** A service of an order reached an outcome (`failed` keeps it held by the order). */
export interface GuardEventFinishService {
  /** The order. */
  order: string;
  /** The outcome. */
  outcome: GuardOutcome;
  /** The service. */
  service: string;
  type: "finishService";
}

/** An operation takes a service. */
export interface GuardEventBeginOperation {
  /** The operation. */
  operation: string;
  /** The service. */
  service: string;
  type: "beginOperation";
}

/** The operation on a service ended. */
export interface GuardEventEndOperation {
  /** The service. */
  service: string;
  type: "endOperation";
}

/** A guard's state, as [`ReleaseGuard::snapshot`] gives it and [`ReleaseGuard::restore`]
 * takes it. */
export interface GuardSnapshot {
  /** The last instant handled; absent before the first event. */
  at?: Timestamp | null;
  /** Every service that is or was held. */
  services?: Record<string, GuardEntry>;
}

/** CA's cluster health gate: unready nodes above both numbers halt scaling. */
export interface HealthGate {
  /** Unready share tolerated, percent; default 45. */
  maxTotalUnreadyPercentage?: number;
  /** Unready nodes tolerated whatever the share; default 3. */
  okTotalUnreadyCount?: number;
}

/** Create the app service: its first version, `v1`. */
export interface HistoryEventCreate {
  /** Who. */
  author: string;
  /** The spec (validated and normalized). */
  spec: AppService;
  type: "create";
}

/** Open the draft: a new one from the newest version, or the existing one (`draft`
 * decides; without it an existing draft is a `conflict`). */
export interface HistoryEventEdit {
  /** What to do with an existing draft. */
  draft?: DraftChoice | null;
  type: "edit";
}

/** Replace the draft's spec (not validated until submit). */
export interface HistoryEventUpdateDraft {
  /** The edited spec. */
  spec: AppService;
  type: "updateDraft";
}

/** Start a draft from any version (拷贝到草稿); an existing draft is a `conflict` unless
 * `discardDraft` is true. */
export interface HistoryEventCopyToDraft {
  /** Throw away an existing draft. */
  discardDraft?: boolean;
  type: "copyToDraft";
  /** The version to copy. */
  version: string;
}

/** Throw away the draft. */
export interface HistoryEventDiscardDraft {
  type: "discardDraft";
}

/** Validate the draft and make it a new version. */
export interface HistoryEventSubmit {
  /** Who. */
  author: string;
  type: "submit";
}

/** Quick update: a new version from the newest with one container's image changed; a
 * release order should be created for it. */
export interface HistoryEventChangeImage {
  /** Who. */
  author: string;
  /** The container's name. */
  container: string;
  /** The new image reference. */
  image: string;
  type: "changeImage";
}

/** Quick update: a new version from the newest with fixed replicas changed. */
export interface HistoryEventChangeReplicas {
  /** Who. */
  author: string;
  /** The new replica count, ≥ 0. */
  replicas: number;
  type: "changeReplicas";
}

/** A release order starts publishing (or, with `rollback`, rolling back to) a version. */
export interface HistoryEventBeginRelease {
  /** The release order. */
  releaseOrder: string;
  /** A rollback (allowed while a failed release blocks new orders). */
  rollback?: boolean;
  type: "beginRelease";
  /** The target version. */
  version: string;
}

/** The release order succeeded: its version is deployed. */
export interface HistoryEventMarkPublished {
  /** The release order. */
  releaseOrder: string;
  type: "markPublished";
}

/** The release order failed: new orders are blocked until it is retried, rolled back or
 * cancelled. */
export interface HistoryEventMarkFailed {
  /** The release order. */
  releaseOrder: string;
  type: "markFailed";
}

/** The release order was cancelled (in progress or failed). */
export interface HistoryEventCancelRelease {
  /** The release order. */
  releaseOrder: string;
  type: "cancelRelease";
}

/** An operation (restart, scale, ...) begins. */
export interface HistoryEventBeginOperation {
  /** Its name. */
  operation: string;
  type: "beginOperation";
}

/** The operation in progress ended. */
export interface HistoryEventEndOperation {
  type: "endOperation";
}

/** Delete the app service (refused while a release or operation is in progress). */
export interface HistoryEventDelete {
  type: "delete";
}

/** What an event produced. */
export interface HistoryOutcome {
  /** The draft opened or changed. */
  draft?: Draft | null;
  /** A quick update made a version that needs a release order (seed 6.4: "提交后会自动生成 发布单"). */
  releaseOrderRequired?: boolean;
  /** The version created (create, submit, quick updates) or affected (release outcomes). */
  version?: Version | null;
}

/** A version history's state, as [`VersionHistory::snapshot`] gives it and
 * [`VersionHistory::restore`] takes it (every field is essential: nothing in it is
 * derived). */
export interface HistorySnapshot {
  /** The release or operation in progress. */
  activity?: Activity | null;
  /** The last instant handled; absent before the first event. */
  at?: Timestamp | null;
  /** The app service was deleted; every event is refused. */
  deleted?: boolean;
  /** The version the latest finished or cancelled release targeted: what is, at least in part, on the pods now. */
  deployedVersion?: string | null;
  /** The draft, if any. */
  draft?: Draft | null;
  /** Whether any release of this app service ever succeeded. */
  everReleased?: boolean;
  /** A failed release that blocks new release orders. */
  failedRelease?: FailedRelease | null;
  /** The version of the latest successful release: what a rollback returns to. */
  lastSuccessfulVersion?: string | null;
  /** The platform restrictions every submit is validated against. */
  profile?: PlatformProfile | null;
  /** Every version, oldest first. */
  versions?: Version[];
}

/** A release order is releasing it (or rolling it back). */
export interface HoldRelease {
  /** The order. */
  order: string;
  type: "release";
}

/** An operation (restart, scale, ...) runs on it. */
export interface HoldOperation {
  /** The operation. */
  operation: string;
  type: "operation";
}

/** `HorizontalPodAutoscalerBehavior`: when present, absent parts take the API defaults. */
export interface HpaBehavior {
  /** Default: window = the controller's downscale stabilisation (300 s), `Max` of 100 % / 15 s. */
  scaleDown?: HpaScalingRules | null;
  /** Default: window 0 s, `Max` of 4 pods / 15 s and 100 % / 15 s. */
  scaleUp?: HpaScalingRules | null;
}

/** The controller's flags (`kube-controller-manager --horizontal-pod-autoscaler-*`), with
 * the defaults of `RecommendedDefaultHPAControllerConfiguration`. */
export interface HpaConfig {
  /** 300 s: CPU samples of pods younger than this need a ready window first. */
  cpuInitializationPeriodSeconds?: number;
  /** 300 s: the scale-down stabilisation window (legacy path, and `behavior.scaleDown` without a window). */
  downscaleStabilizationSeconds?: number;
  /** 30 s: a pod unready this soon after start has never been ready. */
  initialReadinessDelaySeconds?: number;
  /** 2.0: the legacy path allows `max(factor × current, minimum)` per sync. */
  scaleUpLimitFactor?: number;
  /** 4.0: see `scaleUpLimitFactor`. */
  scaleUpLimitMinimum?: number;
  /** 15 s (`--horizontal-pod-autoscaler-sync-period`): how often the controller reconciles; [`crate::HpaState::poll_timeout`] is this long after the last one. */
  syncPeriodSeconds?: number;
  /** Default tolerance, 0.1: a ratio within `[1 − t, 1 + t]` changes nothing. */
  tolerance?: number;
}

/** A container's requests. */
export interface HpaContainer {
  /** The container name. */
  name: string;
  /** `resources.requests`. */
  requests?: Record<string, Quantity>;
  /** An init container with `restartPolicy: Always` (a sidecar): its requests count. A plain init container is not listed at all. */
  restartable?: boolean | null;
}

/** One reconcile's observations (the time is `handle`'s `now`): the HPA, the scale
 * subresource, the pods and what the
 * metrics APIs returned. */
export interface HpaInput {
  /** `scale.spec.replicas` of the target. */
  currentReplicas: number;
  /** What each metric of `spec.metrics` returned, in the same order. */
  metrics: MetricValue[];
  /** The pods the target's selector matches. */
  pods?: HpaPod[];
  /** The autoscaler. */
  spec: HpaSpec;
  /** `scale.status.replicas`; default `currentReplicas` (used by per-pod Object and External targets). */
  statusReplicas?: number | null;
}

/** A pod as the HPA reads it (a subset of `v1.Pod`, flattened). */
export interface HpaPod {
  /** `spec.containers` (and restartable init containers, marked `restartable`). */
  containers?: HpaContainer[];
  /** `metadata.deletionTimestamp` is set. */
  deleting?: boolean | null;
  /** `metadata.name`, unique. */
  name: string;
  /** `status.phase`; default `Running`. */
  phase?: PodPhase | null;
  /** The `Ready` condition's status; absent when the pod has no `Ready` condition. */
  ready?: boolean | null;
  /** The `Ready` condition's `lastTransitionTime` (RFC 3339); default `startTime`. */
  readyTransitionTime?: string | null;
  /** Pod-level `spec.resources.requests` (`PodLevelResources`): when set, a Resource metric uses it instead of summing containers. */
  requests?: Record<string, Quantity> | null;
  /** `status.startTime` (RFC 3339); absent for a pod not started. */
  startTime?: string | null;
}

/** The HPA's decision for one reconcile. */
export interface HpaRecommendation {
  /** `currentReplicas` of the input. */
  currentReplicas: number;
  /** What the target should be scaled to. */
  desiredReplicas: number;
  /** The reason in words. */
  message: string;
  /** The metric that proposed `metricReplicas`. */
  metricName?: string | null;
  /** The largest proposal of the valid metrics, before stabilisation and limits. */
  metricReplicas?: number | null;
  /** One entry per `spec.metrics` entry (empty on an early exit). */
  metrics: MetricStatus[];
  /** Why (the `ScalingLimited` reason, or an early exit). */
  reason: HpaReason;
  /** `desiredReplicas != currentReplicas`: the caller scales the target. */
  rescale: boolean;
  /** The stabilisation verdict. */
  stabilization?: Stabilization | null;
  /** After the stabilisation window, before rate limits and bounds. */
  stabilizedReplicas?: number | null;
}

/** `HPAScalingPolicy`. */
export interface HpaScalingPolicy {
  /** 1–1800 seconds. */
  periodSeconds: number;
  /** `Pods` or `Percent`. */
  type: HpaScalingPolicyType;
  /** Pods or percent, ≥ 1. */
  value: number;
}

/** `HPAScalingRules`: absent fields take the defaults of their direction. */
export interface HpaScalingRules {
  /** Rate limits; an empty list is allowed only with `Disabled`. */
  policies?: HpaScalingPolicy[] | null;
  /** `Max` (default), `Min` or `Disabled`. */
  selectPolicy?: SelectPolicy | null;
  /** 0–3600 seconds. */
  stabilizationWindowSeconds?: number | null;
  /** Tolerance of this direction (KEP-4951), a quantity such as `0.05`; default the controller's (0.1). */
  tolerance?: Quantity | null;
}

/** An HPA's state, as [`HpaState::snapshot`] gives it and [`HpaState::restore`] takes it
 * (every field is essential: nothing in it is derived). */
export interface HpaSnapshot {
  /** The last reconcile's instant; absent before the first. */
  at?: Timestamp | null;
  /** The controller's flags. */
  config?: HpaConfig;
  /** The recommendation history; `null` until the first reconcile, which seeds it with `{currentReplicas, now}` (so a fresh HPA cannot scale down within the window). */
  recommendations?: TimedRecommendation[] | null;
  /** Scale-down events (behaviour path only). */
  scaleDownEvents?: ScaleEvent[];
  /** Scale-up events (behaviour path only). */
  scaleUpEvents?: ScaleEvent[];
}

/** `HorizontalPodAutoscalerSpec` without `scaleTargetRef` (weir is told the target's
 * replicas directly). */
export interface HpaSpec {
  /** Scaling behaviour; absent means the legacy path (`max(2 × current, 4)` per sync). */
  behavior?: HpaBehavior | null;
  /** Upper bound, ≥ 1 and ≥ `minReplicas`. */
  maxReplicas: number;
  /** The metrics; the largest proposal wins. At least one. */
  metrics: MetricSpec[];
  /** Lower bound; default 1 (`pkg/apis/autoscaling/v2/defaults.go`). */
  minReplicas?: number | null;
}

/** An HTTP GET check or hook. */
export interface HttpGetAction {
  /** Request path, starting with `/`. */
  path: string;
  /** Container port, 1–65535. */
  port: number;
}

/** The `image` reference is pulled from a registry (镜像仓库). */
export interface ImageSourceRegistry {
  type: "registry";
}

/** A build record of the owning app (构建记录). */
export interface ImageSourceBuild {
  /** The build record id. */
  buildId: string;
  type: "build";
}

/** Built from an uploaded package (从包构建). */
export interface ImageSourcePackage {
  /** The base image; default `reg-cnsh-nf.cloud.alipay.com/library/sofaboot-runtime:2.0_java8`. */
  baseImage?: string | null;
  /** The uploaded package. */
  packagePath: string;
  /** Where the built image is pushed. */
  targetImage: string;
  /** Where the package goes in the image; absolute. */
  targetPath: string;
  type: "package";
}

/** A pod a drain leaves in place. */
export interface KeptPod {
  /** `namespace/name`. */
  pod: string;
  /** Why. */
  reason: string;
}

/** A key of a named ConfigMap or Secret. */
export interface KeyRef {
  /** The key. */
  key: string;
  /** The object's name. */
  name: string;
}

/** Label keys with a meaning (seed 6.2, 9.1). */
export interface LabelKeys {
  /** The node's own name as a label (app-service affinity); default `kubernetes.io/hostname`. */
  hostname?: string;
  /** Marks sub-cluster (elastic) nodes; default `cafe.sofastack.io/sub-cluster`. */
  subCluster?: string;
  /** The value of `subCluster` on sub-cluster nodes; default `default`. */
  subClusterValue?: string;
  /** The deployment unit of a node; default `cafe.sofastack.io/cell`. */
  unit?: string;
  /** The zone of a node (zone-bound volumes); default `cafe.sofastack.io/zone`. */
  zone?: string;
}

/** A Kubernetes label selector (`metav1.LabelSelector`). */
export interface LabelSelector {
  /** Requirements, AND'ed with `matchLabels`. */
  matchExpressions?: LabelSelectorRequirement[];
  /** Exact key/value pairs, each like an `In` with one value. */
  matchLabels?: Record<string, string>;
}

/** Output of [`match_label_selector`]. */
export interface LabelSelectorMatch {
  /** Whether the labels satisfy the selector. */
  matches: boolean;
}

/** Input of [`match_label_selector`]. */
export interface LabelSelectorMatchInput {
  /** The labels to test. */
  labels?: Record<string, string>;
  /** The selector; `null` (absent) matches nothing, `{}` matches everything. */
  selector?: LabelSelector | null;
}

/** One requirement of a label selector. */
export interface LabelSelectorRequirement {
  /** The label key. */
  key: string;
  /** How the key relates to the values. */
  operator: LabelSelectorOperator;
  /** The values (none for `Exists`/`DoesNotExist`). */
  values?: string[];
}

/** Input of [`validate_labels`]. */
export interface LabelsInput {
  /** The labels to check. */
  labels?: Record<string, string>;
}

/** A load balancer port mapping. */
export interface LbPort {
  /** Back-end port, 1–65535. */
  backendPort: number;
  /** Front-end port, 1–65535. */
  frontendPort: number;
  /** Health check on; default true; TCP ports must keep it on. */
  healthCheck?: boolean | null;
  /** `TCP`, `HTTP` or `HTTPS`. */
  protocol: LbProtocol;
  /** Forwarding rule: `wrr` (按权重) or `wlc` (按权重并且最小连接数); default `wrr`. */
  scheduler?: LbScheduler | null;
}

/** Lifecycle hooks (生命周期事件回调). */
export interface Lifecycle {
  /** Runs after the container starts. */
  postStart?: LifecycleHandler | null;
  /** Runs before the container stops. */
  preStop?: LifecycleHandler | null;
}

/** A lifecycle hook: exactly one of `exec` and `httpGet`. */
export interface LifecycleHandler {
  /** Run a command. */
  exec?: ExecAction | null;
  /** HTTP GET. */
  httpGet?: HttpGetAction | null;
}

/** One point of a load series. */
export interface LoadPoint {
  /** Time of day, `HH:MM`, in the scenario's time zone; strictly increasing. */
  at: string;
  /** The CPU used by all the service's pods together. */
  cpu: Quantity;
}

/** Log collection into a log store (seed 6.3, 6.8). */
export interface LogConfig {
  /** Log store name: lowercase letters, digits, `-`, `_`; starts and ends with a lowercase letter or digit; 3–63 bytes. */
  logstore: string;
  /** Absolute path globs, e.g. `/home/admin/logs/*.log`; at least one. */
  paths: string[];
  /** Days kept, 1–3000; default 30. */
  retentionDays?: number | null;
  /** Shards, 1–10; default 2. */
  shards?: number | null;
}

/** SOFAMesh settings (注入 SOFAMesh). */
export interface Mesh {
  /** Inject the mesh sidecar. */
  enabled: boolean;
  /** The service traffic is shifted for (引流的目标服务). */
  targetService?: string | null;
  /** Share of traffic shifted to the new version, 0–100 (引流比例). */
  trafficPercent?: number | null;
}

/** `MetricIdentifier`. */
export interface MetricIdentifier {
  /** The metric's name. */
  name: string;
  /** Narrows the metric (passed through; the caller's metrics API applies it). */
  selector?: LabelSelector | null;
}

/** A resource of the pods (`cpu`, `memory`) as utilisation of requests or an average value. */
export interface MetricSpecResource {
  /** The source. */
  resource: ResourceMetricSource;
  type: "Resource";
}

/** A resource of one named container of each pod. */
export interface MetricSpecContainerResource {
  /** The source. */
  containerResource: ContainerResourceMetricSource;
  type: "ContainerResource";
}

/** A per-pod custom metric, averaged over the pods (`AverageValue` target). */
export interface MetricSpecPods {
  /** The source. */
  pods: PodsMetricSource;
  type: "Pods";
}

/** A metric of another Kubernetes object (`Value` or `AverageValue` target). */
export interface MetricSpecObject {
  /** The source. */
  object: ObjectMetricSource;
  type: "Object";
}

/** A metric from outside the cluster (`Value` or `AverageValue` target). */
export interface MetricSpecExternal {
  /** The source. */
  external: ExternalMetricSource;
  type: "External";
}

/** What one metric said. */
export interface MetricStatus {
  /** The average per pod (Resource, Pods, per-pod Object/External targets). */
  currentAverageValue?: Quantity | null;
  /** For utilisation targets: the integer percent of requests. */
  currentUtilization?: number | null;
  /** The total (Object and External `Value` targets). */
  currentValue?: Quantity | null;
  /** Why the metric is invalid. */
  error?: string | null;
  /** The resource or metric name. */
  name: string;
  /** How the proposal came about. */
  outcome: MetricOutcome;
  /** Ready pods counted; pods left out as unready, missing a sample, or ignored. */
  pods?: PodCounts | null;
  /** The replicas this metric proposes; absent when invalid. */
  proposal?: number | null;
  /** The usage ratio to the target before rebalancing. */
  ratio?: number | null;
  /** `Resource`, `ContainerResource`, `Pods`, `Object` or `External`. */
  type: string;
}

/** `MetricTarget`: exactly the field its `type` names must be set. */
export interface MetricTarget {
  /** For `Utilization`: percent of the request, ≥ 1. */
  averageUtilization?: number | null;
  /** For `AverageValue`. */
  averageValue?: Quantity | null;
  /** `Utilization`, `Value` or `AverageValue`. */
  type: MetricTargetType;
  /** For `Value`. */
  value?: Quantity | null;
}

/** Metric targets in percent of requests (`cpu_util`, `mem_util` in the seed). */
export interface MetricTargets {
  /** Target CPU utilisation, percent, ≥ 1. */
  cpuUtil?: number | null;
  /** Target memory utilisation, percent, ≥ 1. */
  memUtil?: number | null;
}

/** What the metrics API returned for one metric of the spec. Per metric type:
 * Resource/ContainerResource/Pods → `pods`; Object → `value`; External → `values`; a
 * failed fetch → `error` (the metric is invalid for this reconcile). */
export interface MetricValue {
  /** Why the metric could not be read. */
  error?: string | null;
  /** Per-pod samples. */
  pods?: PodSample[] | null;
  /** The object's value. */
  value?: Quantity | null;
  /** The external metric's series; they are summed. */
  values?: Quantity[] | null;
}

/** Input of [`next_changes`]. */
export interface NextChangesInput {
  /** How many; default 10, at most [`MAX_CHANGES`]. */
  count?: number | null;
  /** The replicas running now; absent means the first release. */
  currentReplicas?: number | null;
  /** ScalingChanges strictly after this instant, RFC 3339. */
  from: string;
  /** The app service's scaling. */
  scaling: Scaling;
  /** Stop at this instant (RFC 3339, inclusive); default: when `count` changes are found, [`MAX_SCANNED_EVENTS`] policy events (or [`MAX_SCANNED_WORK`] policy-event steps) were examined, or at `9999-12-31T23:59:59Z`. */
  until?: string | null;
}

/** A node. */
export interface Node {
  /** Name and labels. */
  metadata: ObjectMeta;
  /** Taints and cordon. */
  spec?: NodeSpec;
  /** Allocatable resources. */
  status?: NodeStatus;
}

/** `NodeAffinity`. */
export interface NodeAffinity {
  /** Soft: matching terms add their weight. */
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
  /** Hard: the node must match. */
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
}

/** A node group (seed 9.4): a template and its size bounds. Only `priority`, `minNodes`
 * and `maxNodes` are meant to change after creation. */
export interface NodeGroupConfig {
  /** Most nodes; default 5. */
  maxNodes?: number;
  /** Fewest nodes; default 0. */
  minNodes?: number;
  /** Unique name; a node belongs to the group when its `groupLabel` has this value. */
  name: string;
  /** Scale-up priority, higher first; default 0. */
  priority?: number;
  /** The node it creates. */
  template: NodeTemplate;
}

/** `count` nodes of one template, named `<name>-<i>` (from 1), in one unit. */
export interface NodePool {
  /** How many nodes. */
  count: number;
  /** Allocatable CPU of each. */
  cpu: Quantity;
  /** Extra labels. */
  labels?: Record<string, string>;
  /** Allocatable memory of each. */
  memory: Quantity;
  /** The pool's name: the node name prefix and the group the nodes count in. */
  name: string;
  /** Allocatable pods of each; default 110. */
  pods?: number | null;
  /** Taints. */
  taints?: Taint[];
  /** The unit. */
  unit: string;
}

/** Why one node was refused. */
export interface NodeRefusal {
  /** The node. */
  node: string;
  /** The Filter plugin that refused it. */
  plugin: string;
  /** kube-scheduler's reason text (one entry per short resource). */
  reasons: string[];
  /** Preemption cannot help on this node (`UnschedulableAndUnresolvable`). */
  unresolvable: boolean;
}

/** One candidate node's score. */
export interface NodeScore {
  /** The node. */
  node: string;
  /** Each plugin's weighted score. */
  plugins: Record<string, number>;
  /** Σ plugin score × weight. */
  total: number;
}

/** A Kubernetes node selector (`requiredDuringSchedulingIgnoredDuringExecution`): its terms
 * are OR'ed. */
export interface NodeSelector {
  /** The terms; at least one. */
  nodeSelectorTerms: NodeSelectorTerm[];
}

/** Output of [`match_node_selector`]. */
export interface NodeSelectorMatch {
  /** The index of the first satisfied term (why it matched), absent when none is. */
  matchedTerm?: number | null;
  /** Whether the node satisfies at least one term. */
  matches: boolean;
}

/** Input of [`match_node_selector`]. */
export interface NodeSelectorMatchInput {
  /** The node's `metadata.labels`. */
  labels?: Record<string, string>;
  /** The node's `metadata.name`. */
  nodeName: string;
  /** The node selector. */
  nodeSelector: NodeSelector;
}

/** One requirement of a node selector term (`matchExpressions` or `matchFields`). */
export interface NodeSelectorRequirement {
  /** The label key (or `metadata.name` in `matchFields`). */
  key: string;
  /** How the key relates to the values. */
  operator: NodeSelectorOperator;
  /** The values (none for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`). */
  values?: string[];
}

/** One term of a node selector: its requirements are AND'ed. */
export interface NodeSelectorTerm {
  /** Requirements on node labels. */
  matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on node fields (only `metadata.name`). */
  matchFields?: NodeSelectorRequirement[];
}

/** `NodeSpec`. */
export interface NodeSpec {
  /** Taints. */
  taints?: Taint[];
  /** Cordoned. */
  unschedulable?: boolean;
}

/** `NodeStatus`. */
export interface NodeStatus {
  /** `cpu`, `memory`, `pods`, extended resources. Without `pods` a node takes 110 (the kubelet's default `maxPods`; kube-scheduler would read 0 and refuse every pod, which only ever happens with a hand-written node). */
  allocatable?: Record<string, Quantity>;
}

/** The node a group creates. */
export interface NodeTemplate {
  /** Allocatable CPU of one node. */
  cpu: Quantity;
  /** Instance type (label `node.kubernetes.io/instance-type`). */
  instanceType?: string | null;
  /** More labels. */
  labels?: Record<string, string>;
  /** Allocatable memory of one node. */
  memory: Quantity;
  /** Pods one node takes; default 110. */
  pods?: number;
  /** Taints. */
  taints?: Taint[];
  /** Deployment unit (the snapshot's unit label). */
  unit?: string | null;
  /** Zone (the snapshot's zone label). */
  zone?: string | null;
}

/** Object metadata (the parts placement reads). */
export interface ObjectMeta {
  /** Set when the object is being deleted (terminating pods do not count for spread). */
  deletionTimestamp?: string | null;
  /** Labels. */
  labels?: Record<string, string>;
  /** Name, unique among nodes (or among pods of a namespace). */
  name: string;
  /** Namespace (pods); default `default`. */
  namespace?: string | null;
}

/** `ObjectMetricSource`. */
export interface ObjectMetricSource {
  /** The object the metric describes. */
  describedObject: ObjectReference;
  /** The metric. */
  metric: MetricIdentifier;
  /** `Value` or `AverageValue`. */
  target: MetricTarget;
}

/** `CrossVersionObjectReference`. */
export interface ObjectReference {
  /** API version, e.g. `networking.k8s.io/v1`. */
  apiVersion?: string | null;
  /** Kind, e.g. `Ingress`. */
  kind: string;
  /** Name. */
  name: string;
}

/** One app service of a release order. */
export interface OrderService {
  /** Services of the order that must succeed first. */
  dependsOn?: string[];
  /** Estimated duration in seconds, for the critical path. */
  durationSeconds?: number | null;
  /** The spec of `fromVersion`. */
  fromSpec?: AppService | null;
  /** The version running now, absent on a first release. */
  fromVersion?: string | null;
  /** The version of the last successful release (from the version history), for rollback; absent when the service never released successfully. */
  lastSuccessfulVersion?: string | null;
  /** The app service's name (unique in the order). */
  name: string;
  /** The current pods; absent on a first release (planned from the unit split). */
  pods?: PodRef[] | null;
  /** The spec of `toVersion`. */
  toSpec: AppService;
  /** The version to release (`v3`) and its spec. */
  toVersion: string;
}

/** The result of [`parse_quantity`]: the canonical form and the exact values.
 * 
 * Values are decimal strings because they can exceed 2^53 (JavaScript's exact integers). */
export interface ParsedQuantity {
  /** The canonical Kubernetes form (`1536Mi`, `500m`). */
  canonical: string;
  /** The format the canonical form is written in. */
  format: QuantityFormat;
  /** Thousandths of a unit, rounded up (millicores for CPU), as a decimal string. */
  milliValue: string;
  /** Whole units, rounded up (bytes for memory), as a decimal string. */
  value: string;
}

/** A pause after a group. */
export interface PausePoint {
  /** The group it follows. */
  afterGroup: number;
  /** Why. */
  reason: PauseReason;
}

/** A pending pod and what becomes of it. */
export interface PendingPod {
  /** Details (the node, the groups' refusals). */
  message: string;
  /** `namespace/name`. */
  pod: string;
  /** What becomes of it. */
  reason: PendingReason;
}

/** How long a pod waited for a node. */
export interface PendingWait {
  /** The pod. */
  pod: string;
  /** Seconds waited (until the end when still waiting). */
  seconds: number;
  /** Its service; absent for a slot pod. */
  service?: string | null;
  /** When it started waiting. */
  since: Timestamp;
  /** When it got a node (or was removed, scaled down while waiting); absent: still waiting at the end. */
  until?: Timestamp | null;
}

/** Input of [`place`]. */
export interface PlaceInput {
  /** Preempt lower-priority (slot) pods when a unit is full; default false. */
  preemption?: boolean | null;
  /** How many pods to place. */
  replicas: number;
  /** The cluster. */
  snapshot: ClusterSnapshot;
  /** The service's pod template (`metadata.name` is the name prefix); its `hints.units` are the service's units unless `units` is given. */
  template: Pod;
  /** The service's deployment units, in order. */
  units?: string[];
}

/** Input of [`Scheduler::place`]: [`super::place::PlaceInput`] without the snapshot. */
export interface PlacePodsInput {
  /** Preempt lower-priority (slot) pods when a unit is full; default false. */
  preemption?: boolean | null;
  /** How many pods to place. */
  replicas: number;
  /** The service's pod template (`metadata.name` is the name prefix); its `hints.units` are the service's units unless `units` is given. */
  template: Pod;
  /** The service's deployment units, in order. */
  units?: string[];
}

/** The result of [`Scheduler::place`]: [`super::place::PlaceResult`] without the snapshot
 * (the scheduler keeps it). */
export interface PlacePodsResult {
  /** Pods no unit could take, with the reasons across all the service's units. */
  pending: Placement[];
  /** Every pod placed, in order. */
  placements: Placement[];
  /** Per unit, in the given order. */
  units: UnitPlacement[];
}

/** The result of [`place`]. */
export interface PlaceResult {
  /** Pods no unit could take, with the reasons across all the service's units. */
  pending: Placement[];
  /** Every pod placed, in order. */
  placements: Placement[];
  /** The snapshot afterwards. */
  snapshot: ClusterSnapshot;
  /** Per unit, in the given order. */
  units: UnitPlacement[];
}

/** Where one pod goes, or why it cannot. */
export interface Placement {
  /** How many nodes passed every filter. */
  feasibleNodes: number;
  /** kube-scheduler's summary (`0/5 nodes are available: ...`). */
  message?: string | null;
  /** The node; absent: unschedulable. */
  node?: string | null;
  /** `namespace/name`. */
  pod: string;
  /** Set when the pod got its node by preempting others. */
  preemption?: Preemption | null;
  /** Why each refused node was refused (unschedulable pods; capped at 1,000 nodes). */
  refusals?: NodeRefusal[];
  /** The best candidates (at most 5), best first; the first is the choice. */
  scores?: NodeScore[];
}

/** Where the app service runs: what the platform allows (seed 1.7 / 1.8). */
export interface PlatformProfile {
  /** The target cluster, when known: checks units, node autoscaling and mesh against it. */
  cluster?: ClusterProfile | null;
  /** Public cloud (default) or private cloud. */
  platform?: Platform | null;
}

/** A pod. */
export interface Pod {
  /** weir's hints: what the platform knows that Kubernetes' pod does not say. */
  hints?: PodHints | null;
  /** Name, namespace, labels. */
  metadata: ObjectMeta;
  /** What placement reads. */
  spec?: PodSpec;
  /** `status.startTime` (preemption prefers victims started later). */
  status?: PodRunStatus | null;
}

/** `PodAffinity` / `PodAntiAffinity`. */
export interface PodAffinity {
  /** Soft terms. */
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
  /** Hard terms. */
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
}

/** `PodAffinityTerm`. */
export interface PodAffinityTerm {
  /** Which pods; absent matches none. */
  labelSelector?: LabelSelector | null;
  /** Namespaces by label (`{}`: all). */
  namespaceSelector?: LabelSelector | null;
  /** Namespaces; with `namespaceSelector` absent too: the pod's own namespace. */
  namespaces?: string[];
  /** The node label that defines "the same place". */
  topologyKey: string;
}

/** A container's requests. */
export interface PodContainer {
  /** Name. */
  name?: string;
  /** Requests. */
  resources?: ContainerResources;
  /** `Always` on an init container makes it a sidecar (it keeps running). */
  restartPolicy?: string | null;
}

/** How the pods were grouped (`groupPods`). */
export interface PodCounts {
  /** Deleting, failed or succeeded. */
  ignored: number;
  /** No sample. */
  missing: number;
  /** Counted. */
  ready: number;
  /** Pending, or (CPU only) not ready / still initialising. */
  unready: number;
}

/** A `PodDisruptionBudget` (`policy/v1`). */
export interface PodDisruptionBudget {
  /** Name and namespace (default `default`): the budget covers pods of its namespace. */
  metadata: ObjectMeta;
  /** Which pods, and how many may be disrupted. */
  spec?: PodDisruptionBudgetSpec;
  /** The live status; only `disruptionsAllowed` is read. */
  status?: PodDisruptionBudgetStatus | null;
}

/** `PodDisruptionBudgetSpec`. */
export interface PodDisruptionBudgetSpec {
  /** At most this many (or this share) are unavailable after an eviction. */
  maxUnavailable?: IntOrString | null;
  /** At least this many (or this share) stay available after an eviction. */
  minAvailable?: IntOrString | null;
  /** The pods covered; absent covers none, `{}` every pod of the namespace. */
  selector?: LabelSelector | null;
  /** Read and not needed: weir evicts only bound pods, all of them healthy. */
  unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy | null;
}

/** `PodDisruptionBudgetStatus` (the part read). */
export interface PodDisruptionBudgetStatus {
  /** The disruption controller's live value. When given, weir trusts it as is; when absent, weir computes it from the snapshot's pods. */
  disruptionsAllowed?: number | null;
}

/** One group of pods released together. */
export interface PodGroup {
  /** The beta group (one pod per unit, released first). */
  beta: boolean;
  /** 0-based position. */
  index: number;
  /** How many of its pods each unit has. */
  perUnit: Record<string, number>;
  /** Its pods. */
  pods: string[];
}

/** The groups and pauses of one service's release. */
export interface PodGroups {
  /** Beta was asked for but is ineffective (every unit has exactly one pod), or does not apply (not a new version). */
  betaSkipped: boolean;
  /** The groups, in release order. */
  groups: PodGroup[];
  /** Where the release waits. */
  pauses: PausePoint[];
}

/** weir's hints about a pod. */
export interface PodHints {
  /** A DaemonSet pod: may go anywhere (sub-cluster too), is not drained. */
  daemonSet?: boolean;
  /** Uses node-local storage: cannot move when its node is drained. */
  localStorage?: boolean;
  /** The service uses node autoscaling: the pod only goes on sub-cluster nodes. */
  nodeAutoscaling?: boolean;
  /** The app service the pod belongs to. */
  service?: string | null;
  /** A placeholder reserving capacity: the lowest priority, preempted first. */
  slot?: boolean;
  /** A system pod: may go on sub-cluster nodes. */
  system?: boolean;
  /** The service's deployment units: the pod only goes on nodes of these units. */
  units?: string[];
  /** A volume bound to this zone: the pod only goes on nodes of the zone. */
  volumeZone?: string | null;
}

/** A pod to release and the unit it is in. */
export interface PodRef {
  /** The pod's name, unique in the service. */
  name: string;
  /** Its deployment unit. */
  unit: string;
}

/** `PodRunStatus` (the part read). */
export interface PodRunStatus {
  /** RFC 3339. */
  startTime?: string | null;
}

/** One pod's sample (`PodMetric`). */
export interface PodSample {
  /** The pod's name (a sample for a pod not in `pods` still counts, as in Kubernetes). */
  pod: string;
  /** When the sample was taken (RFC 3339); default `now`. */
  timestamp?: string | null;
  /** Usage: `250m` CPU, `100Mi` memory, or the custom metric's value. */
  value: Quantity;
  /** The sample's window; default 60 s (`metricServerDefaultMetricWindow`). */
  windowSeconds?: number | null;
}

/** A pod as last observed. */
export interface PodSnapshot {
  /** Observed failed. */
  failed?: boolean;
  /** Ready on that version since, while ready. */
  readySince?: Timestamp | null;
  /** The version it runs. */
  version: string;
}

/** `PodSpec` (the parts placement reads). */
export interface PodSpec {
  /** Node and pod affinity. */
  affinity?: Affinity | null;
  /** Containers. */
  containers?: PodContainer[];
  /** Init containers (`restartPolicy: Always` makes a sidecar). */
  initContainers?: PodContainer[];
  /** The node it is bound to; absent: pending. */
  nodeName?: string | null;
  /** Every pair must be a node label. */
  nodeSelector?: Record<string, string>;
  /** Pod overhead (RuntimeClass), added to the request. */
  overhead?: Record<string, Quantity> | null;
  /** `Never` keeps the pod from preempting. */
  preemptionPolicy?: PreemptionPolicy | null;
  /** Priority; default 0 (slot pods count as the lowest whatever this says). */
  priority?: number | null;
  /** Tolerations. */
  tolerations?: Toleration[];
  /** Topology spread constraints. */
  topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** The pod template: its containers. */
export interface PodTemplate {
  /** At least one container; names unique in the pod and never changed. */
  containers: Container[];
}

/** `PodsMetricSource`. */
export interface PodsMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** `AverageValue`. */
  target: MetricTarget;
}

/** A preset replica count (预设副本数伸缩), optionally ramped over the duration. */
export interface PolicyActionReplicas {
  /** A ramp over the policy's duration (needs `durationSeconds`). */
  ramp?: Ramp | null;
  /** Replicas, ≥ 0. */
  replicas: number;
  type: "replicas";
}

/** Metric scaling (指标动态伸缩) inside the window. */
export interface PolicyActionMetric {
  /** Upper bound inside the window (within the elastic bounds). */
  maxReplicas?: number | null;
  /** Lower bound inside the window (within the elastic bounds). */
  minReplicas?: number | null;
  /** Target utilisations in percent; at least one. */
  targets: MetricTargets;
  type: "metric";
}

/** A preemption: the node and the pods removed to make room. */
export interface Preemption {
  /** Nodes where removing lower-priority pods would make room, with their victims. */
  candidates: PreemptionCandidate[];
  /** The node chosen. */
  node: string;
  /** Why this node: the `pickOneNodeForPreemption` rule of its closest contest. */
  reason: string;
  /** The victims, `namespace/name`, most important first. */
  victims: string[];
}

/** A node preemption could use. */
export interface PreemptionCandidate {
  /** Why it was not chosen: the `pickOneNodeForPreemption` rule the chosen node won by (absent on the chosen node). */
  lostBy?: string | null;
  /** The node. */
  node: string;
  /** Its minimal victims, `namespace/name`. */
  victims: string[];
}

/** `PreferredSchedulingTerm`. */
export interface PreferredSchedulingTerm {
  /** The term. */
  preference: NodeSelectorTerm;
  /** 1–100. */
  weight: number;
}

/** A probe: exactly one handler (`tcpSocket`, `httpGet`, `exec`) and its timing.
 * 
 * Defaults and bounds from seed 6.3: `initialDelaySeconds` 3 (≥ 0), `timeoutSeconds` 1
 * (≥ 1), `periodSeconds` 10 (≥ 1), `successThreshold` 1 (≥ 1; liveness exactly 1),
 * `failureThreshold` 3 (≥ 1). */
export interface Probe {
  /** Run a command; exit code 0 passes. */
  exec?: ExecAction | null;
  /** Failures in a row to fail after a success; default 3. */
  failureThreshold?: number | null;
  /** HTTP GET; 200 ≤ status < 400 passes. */
  httpGet?: HttpGetAction | null;
  /** Seconds before the first probe; default 3. */
  initialDelaySeconds?: number | null;
  /** Probe interval; default 10. */
  periodSeconds?: number | null;
  /** Successes in a row to pass after a failure; default 1. */
  successThreshold?: number | null;
  /** Connect to a TCP port. */
  tcpSocket?: TcpSocketAction | null;
  /** Probe timeout; default 1. */
  timeoutSeconds?: number | null;
}

/** Nodes asked for that have not all joined. */
export interface ProvisionRequest {
  /** When they were asked for. */
  at: Timestamp;
  /** Nodes still to join (≥ 1). */
  count: number;
  /** The group. */
  group: string;
}

/** A replica ramp (渐变范围 / 渐变方式). */
export interface Ramp {
  /** Replicas at the start of the window, ≥ 0. */
  from: number;
  /** The ramp's shape. */
  mode: RampMode;
  /** Replicas at the end of the window, ≥ 0. */
  to: number;
}

/** Run a pre- or post-task, then send `taskFinished`. */
export interface ReleaseActionRunTask {
  /** The service. */
  service: string;
  /** The task. */
  task: TaskName;
  type: "runTask";
}

/** Update these pods to this version, then report them with `podObserved`. */
export interface ReleaseActionUpdatePods {
  /** The group (of the rollback groups while rolling back). */
  group: number;
  /** In place or recreate. */
  mode: Upgrade;
  /** The pods. */
  pods: string[];
  /** The service. */
  service: string;
  /** The version they should run. */
  toVersion: string;
  type: "updatePods";
}

/** Delete the service's resources (rollback of a first release). */
export interface ReleaseActionDeleteResources {
  /** The service. */
  service: string;
  type: "deleteResources";
}

/** Ask a person to confirm (`confirmBeta`, `resume`, `confirmRollback`). */
export interface ReleaseActionAwaitConfirmation {
  /** Why. */
  reason: ConfirmReason;
  /** The service. */
  service: string;
  type: "awaitConfirmation";
}

/** A service reached an outcome. */
export interface ReleaseActionServiceFinished {
  /** Why, for a person. */
  message?: string | null;
  /** The outcome. */
  outcome: ServiceOutcome;
  /** The service. */
  service: string;
  type: "serviceFinished";
}

/** Every service reached a final outcome. */
export interface ReleaseActionOrderFinished {
  /** The outcome. */
  outcome: OrderOutcome;
  type: "orderFinished";
}

/** Release the whole order (整体发布). */
export interface ReleaseEventStart {
  type: "start";
}

/** Release one service (its dependencies must have succeeded). */
export interface ReleaseEventStartService {
  /** The service. */
  service: string;
  type: "startService";
}

/** What the caller saw of a pod. */
export interface ReleaseEventPodObserved {
  /** Whether it failed (crash loop, image pull error, ...). */
  failed?: boolean;
  /** The pod. */
  pod: string;
  /** Whether it is ready. */
  ready: boolean;
  /** Why, for the timeline. */
  reason?: string | null;
  /** The service. */
  service: string;
  type: "podObserved";
  /** The version it runs. */
  version: string;
}

/** A task the engine asked for has finished. */
export interface ReleaseEventTaskFinished {
  /** Why it failed. */
  message?: string | null;
  /** Whether it succeeded. */
  ok: boolean;
  /** The service. */
  service: string;
  /** The task. */
  task: TaskName;
  type: "taskFinished";
}

/** The beta group looks good: go on (Beta 分组确认). */
export interface ReleaseEventConfirmBeta {
  /** The service. */
  service: string;
  type: "confirmBeta";
}

/** Go on after a group pause. */
export interface ReleaseEventResume {
  /** The service. */
  service: string;
  type: "resume";
}

/** Cancel one service, or (without `service`) every unfinished one. */
export interface ReleaseEventCancel {
  /** The service; absent: the whole order. */
  service?: string | null;
  type: "cancel";
}

/** Retry a failed service. */
export interface ReleaseEventRetry {
  /** The service. */
  service: string;
  type: "retry";
}

/** Roll a failed or paused service back. */
export interface ReleaseEventRollback {
  /** The service. */
  service: string;
  type: "rollback";
}

/** The rollback looks good. */
export interface ReleaseEventConfirmRollback {
  /** The service. */
  service: string;
  type: "confirmRollback";
}

/** Retry a failed rollback. */
export interface ReleaseEventRetryRollback {
  /** The service. */
  service: string;
  type: "retryRollback";
}

/** Abandon a failed rollback. */
export interface ReleaseEventCancelRollback {
  /** The service. */
  service: string;
  type: "cancelRollback";
}

/** Time passed (pods may have been ready long enough). */
export interface ReleaseEventTick {
  type: "tick";
}

/** A release order (发布单). */
export interface ReleaseOrder {
  /** The order's id. */
  id: string;
  /** At most this many services release at once; default no limit. */
  maxParallelServices?: number | null;
  /** The platform the specs are validated against. */
  profile?: PlatformProfile | null;
  /** How long a pod must stay ready to count as updated; default 30. */
  readySeconds?: number | null;
  /** The in-place rule set for the version changes; default `seed`. */
  rules?: InPlaceRules | null;
  /** Its services. */
  services: OrderService[];
  /** The workspace's deployment units, for services that choose none. */
  units?: string[];
}

/** A validated, planned release order: the input of the release engine. */
export interface ReleasePlan {
  /** The order's id. */
  id: string;
  /** At most this many services at once (0: no limit). */
  maxParallelServices: number;
  /** Seconds a pod must stay ready to count as updated. */
  readySeconds: number;
  /** Every service, in topological order. */
  services: ServicePlan[];
  /** The waves, by service name. */
  waves: string[][];
}

/** A release engine's state, as [`ReleaseEngine::snapshot`] gives it and
 * [`ReleaseEngine::restore`] takes it. */
export interface ReleaseSnapshot {
  /** The last instant the engine handled; absent before its first event. The engine refuses an earlier `now`, and `restore` reads the pods as of this instant. */
  at?: Timestamp | null;
  /** The order's id. */
  id: string;
  /** At most this many services at once (0: no limit). */
  maxParallelServices: number;
  /** The order's outcome once every service is final. */
  outcome?: OrderOutcome | null;
  /** Seconds a pod must stay ready. */
  readySeconds: number;
  /** Every service, in topological order. */
  services: ServiceSnapshot[];
  /** `start` was received. */
  started: boolean;
  /** Every transition. */
  timeline: TimelineEntry[];
}

/** How one release order went. */
export interface ReleaseSummary {
  /** The order. */
  order: string;
  /** Its outcome; absent when it had not finished at the end. */
  outcome?: OrderOutcome | null;
  /** Each service's last phase (`succeeded`, `rolledBack`, `paused`, ...). */
  services: Record<string, string>;
}

/** One service of a scripted release order. */
export interface ReleaseTarget {
  /** Services of the order that must succeed first. */
  dependsOn?: string[];
  /** The app service. */
  service: string;
  /** The version to release (`v1`, `v2`, ...: `v1` is the scenario's spec, each `changeImage` makes the next). */
  version: string;
}

/** A replica curve: what a console draws so a person can check the rules. */
export interface ReplicaCurve {
  /** The first point (RFC 3339 UTC). */
  from: string;
  /** The elastic bounds (for drawing). */
  maxReplicas: number;
  /** The elastic bounds (for drawing). */
  minReplicas: number;
  /** The points, `from` then every `stepSeconds`. */
  points: CurvePoint[];
  /** Seconds between points. */
  stepSeconds: number;
  /** The end of the range (RFC 3339 UTC). */
  to: string;
}

/** CPU and memory amounts as Kubernetes quantities. */
export interface ResourceList {
  /** CPU (`500m`, `1`); 1 core = 1000m. */
  cpu?: RawQuantity | null;
  /** Memory (`128Mi`, `1Gi`). */
  memory?: RawQuantity | null;
}

/** `ResourceMetricSource`. */
export interface ResourceMetricSource {
  /** The resource name as in container requests (`cpu`, `memory`, ...). */
  name: string;
  /** `Utilization` or `AverageValue`. */
  target: MetricTarget;
}

/** A cluster-wide resource range (CA `--cores-total`, `--memory-total`). */
export interface ResourceRange {
  /** Scale-up never goes above. */
  max: Quantity;
  /** Scale-down never goes below. */
  min?: Quantity;
}

/** Requests and limits. */
export interface Resources {
  /** The most it may use (最大核数 / 最大内存). */
  limits?: ResourceList | null;
  /** What the container is guaranteed (请求核数 / 请求内存). */
  requests?: ResourceList | null;
}

/** Release the last successful version again (same grouping, no beta, no pauses). */
export interface RollbackPlanToVersion {
  type: "toVersion";
  /** How its pods change. */
  upgrade: Upgrade;
  /** The version rolled back to. */
  version: string;
}

/** The service never released successfully: delete its resources (回退至无资源状态). */
export interface RollbackPlanDeleteResources {
  type: "deleteResources";
}

/** Re-releasing the version that last succeeded failed: nothing to roll back to; the
 * service is cancelled (取消发布). */
export interface RollbackPlanCancel {
  type: "cancel";
}

/** A node to remove. */
export interface ScaleDownNode {
  /** Its group. */
  group: string;
  /** The node. */
  node: string;
  /** Why it may go. */
  why: string;
}

/** One scale event (`timestampedScaleEvent`). */
export interface ScaleEvent {
  /** Older than the direction's longest policy period: its slot may be reused. */
  outdated?: boolean;
  /** Pods added (up list) or removed (down list), ≥ 0. */
  replicaChange: number;
  /** When. */
  timestamp: Timestamp;
}

/** A scale-up. */
export interface ScaleUp {
  /** Nodes to add. */
  count: number;
  /** The group. */
  group: string;
  /** The pending pods the new nodes take, `namespace/name`. */
  pods: string[];
  /** Why this group and this count. */
  why: string;
  /** Its zone. */
  zone?: string | null;
}

/** A fixed number of replicas (固定副本数). */
export interface ScalingFixed {
  /** Replicas, ≥ 0; default 1. */
  replicas?: number | null;
  type: "fixed";
}

/** Timed and metric scaling between bounds (定时弹性伸缩). */
export interface ScalingElastic {
  /** Replicas on the first release only; `min ≤ initial ≤ max`. */
  initialReplicas: number;
  /** Upper bound. */
  maxReplicas: number;
  /** Lower bound. */
  minReplicas: number;
  /** Timed policies. */
  policies?: ScalingPolicy[];
  type: "elastic";
}

/** One upcoming change. */
export interface ScalingChange {
  /** When (RFC 3339 UTC). */
  at: string;
  /** What is in effect from then on (a ramp: its first value). */
  effective: Effective;
}

/** The upcoming changes. */
export interface ScalingChanges {
  /** In time order. */
  changes: ScalingChange[];
}

/** Input of [`validate_scaling`]. */
export interface ScalingInput {
  /** The app service's scaling. */
  scaling: Scaling;
}

/** A timed scaling policy (定时策略); its semantics are in `docs/scaling.md`. */
export interface ScalingPolicy {
  /** What it does. */
  action: PolicyAction;
  /** How long it stays in effect; absent: until another policy fires. */
  durationSeconds?: number | null;
  /** Lowercase letters, digits, `-`; does not start with a digit or `-`; 2–50 characters. */
  name: string;
  /** 0 without a duration; ≥ 1 with one (higher wins); default 0 / 1. */
  priority?: number | null;
  /** When it fires. */
  schedule: Schedule;
}

/** A what-if rehearsal: a cluster, app services, a script and a load, over a time range. */
export interface Scenario {
  /** The node autoscaler: its node groups add and remove nodes, its slot pods hold the reserve; absent: the nodes stay as they are. */
  autoscaler?: AutoscalerConfig | null;
  /** When it ends (after `start`). */
  end: Timestamp;
  /** A name for the reports. */
  name?: string | null;
  /** Nodes made from a template, `count` of each. */
  nodePools?: NodePool[];
  /** Nodes given as Kubernetes objects (their unit is their unit label). */
  nodes?: Node[];
  /** What people do, at which instant. */
  script?: ScriptedAction[];
  /** The seed of the randomness (node failures): a 32-bit number, or a 64-bit one as a decimal string; default 0. */
  seed?: Seed | null;
  /** The app services. */
  services: SimService[];
  /** When the simulation starts. */
  start: Timestamp;
  /** The step: every instant the simulation stops at is `start` plus a multiple of it (at most [`MAX_STEPS`] steps from `start` to `end`). */
  stepSeconds: number;
  /** The time zone of the load's times of day; default `UTC`. */
  timeZone?: string | null;
  /** Delays and failure rates. */
  timing?: Timing;
  /** The deployment units and their zones. */
  units: SimUnit[];
}

/** When a policy fires: exactly one of `at` and `cron`. */
export interface Schedule {
  /** Once, at an RFC 3339 instant. */
  at?: string | null;
  /** A cron expression (5 fields, 6 with seconds, or `@daily`-style). */
  cron?: string | null;
  /** IANA time zone of the cron expression; default `UTC`. */
  timeZone?: string | null;
}

/** Input of [`schedule_all`]. */
export interface ScheduleAllInput {
  /** More pods to schedule. */
  pods?: Pod[];
  /** Preempt lower-priority pods when nothing fits; default true. */
  preemption?: boolean | null;
  /** The cluster; its pending pods are scheduled too. */
  snapshot: ClusterSnapshot;
}

/** The result of [`schedule_all`]. */
export interface ScheduleAllResult {
  /** Pods removed by preemption, `namespace/name`. */
  evicted: string[];
  /** One per pending pod, in the order they were scheduled. */
  placements: Placement[];
  /** The snapshot afterwards (bound pods have `nodeName`; victims are gone). */
  snapshot: ClusterSnapshot;
}

/** Input of [`schedule_one`] and [`fits_template`]-like calls: a snapshot and a pod. */
export interface ScheduleOneInput {
  /** The pod to place (its `nodeName` is ignored). */
  pod: Pod;
  /** The cluster. */
  snapshot: ClusterSnapshot;
}

/** Input of [`Scheduler::schedule_all`]. */
export interface SchedulePodsInput {
  /** Pods to add and schedule (with the cluster's pending pods). */
  pods?: Pod[];
  /** Preempt lower-priority pods when nothing fits; default true. */
  preemption?: boolean | null;
}

/** The result of [`Scheduler::schedule_all`]. */
export interface SchedulePodsResult {
  /** Pods removed by preemption, `namespace/name`. */
  evicted: string[];
  /** One per pending pod, in the order they were scheduled. */
  placements: Placement[];
}

/** Where one pod would go (nothing changes). */
export interface SchedulerEventScheduleOne {
  /** The pod. */
  pod: Pod;
  type: "scheduleOne";
}

/** Add pods and schedule every pending pod, with preemption unless `preemption` is
 * false. */
export interface SchedulerEventScheduleAll {
  /** Pods to add. */
  pods?: Pod[];
  /** Preempt lower-priority pods when nothing fits; default true. */
  preemption?: boolean | null;
  type: "scheduleAll";
}

/** Place a service's replicas evenly over its units, with spill-over. */
export interface SchedulerEventPlace {
  /** Preempt lower-priority (slot) pods when a unit is full; default false. */
  preemption?: boolean | null;
  /** How many pods to place. */
  replicas: number;
  /** The service's pod template (`metadata.name` is the name prefix); its `hints.units` are the service's units unless `units` is given. */
  template: Pod;
  type: "place";
  /** The service's deployment units, in order. */
  units?: string[];
}

/** Cordon a node, evict and reschedule its pods. */
export interface SchedulerEventDrain {
  /** The node. */
  node: string;
  type: "drain";
}

/** Evict the pods whose `NoExecute` taint eviction is due at `now`: each becomes
 * pending again (its controller recreates it), for the next `scheduleAll`. */
export interface SchedulerEventEvictTainted {
  type: "evictTainted";
}

/** For `scheduleOne`. */
export interface SchedulerOutputPlacement {
  type: "placement";
}

/** For `scheduleAll`. */
export interface SchedulerOutputScheduled {
  type: "scheduled";
}

/** For `place`. */
export interface SchedulerOutputPlaced {
  type: "placed";
}

/** For `drain`. */
export interface SchedulerOutputDrained {
  type: "drained";
}

/** For `evictTainted`: the pods evicted now. */
export interface SchedulerOutputEvicted {
  /** The evictions that were due. */
  evictions: TaintEviction[];
  type: "evicted";
}

/** A scheduler's state, as [`Scheduler::snapshot`] gives it and [`Scheduler::restore`]
 * takes it. */
export interface SchedulerSnapshot {
  /** The last instant handled; absent before the first event. */
  at?: Timestamp | null;
  /** The cluster: the scheduler's decisions depend on it alone. */
  cluster: ClusterSnapshot;
}

/** Scoring: the resource strategy and the plugin weights (kube-scheduler's default profile:
 * TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
 * NodeResourcesFit 1, NodeResourcesBalancedAllocation 1 —
 * `pkg/scheduler/apis/config/v1/default_plugins.go`). */
export interface ScoringConfig {
  /** NodeResourcesBalancedAllocation weight (0 turns it off). */
  balancedWeight?: number;
  /** NodeAffinity (preferred terms) weight. */
  nodeAffinityWeight?: number;
  /** InterPodAffinity (preferred terms) weight. */
  podAffinityWeight?: number;
  /** NodeResourcesFit weight. */
  resourcesWeight?: number;
  /** PodTopologySpread (`ScheduleAnyway`) weight. */
  spreadWeight?: number;
  /** `leastAllocated` (spread, the default) or `mostAllocated` (bin-packing). */
  strategy?: ScoringStrategy;
  /** TaintToleration (PreferNoSchedule) weight. */
  taintWeight?: number;
}

/** A scripted action at an instant (rounded up to the next step). */
export interface ScriptedAction {
  /** What. */
  action: Action;
  /** When. */
  at: Timestamp;
}

/** The day as time series: one sample per step taken (the values hold until the next). */
export interface Series {
  /** Business CPU requests over allocatable CPU, percent (the water level). */
  cpuPercent: number[];
  /** Business memory requests over allocatable memory, percent. */
  memoryPercent: number[];
  /** Ready nodes per group (node pool or autoscaled group). */
  nodes: Record<string, number[]>;
  /** Pods waiting for a node. */
  pending: number[];
  /** Business pods per service. */
  replicas: Record<string, number[]>;
  /** Slot pods' CPU requests over allocatable CPU, percent (the reserve). */
  reservePercent: number[];
  /** Slot pods. */
  slots: number[];
  /** Seconds from `start` to `end`. */
  span: number;
  /** Seconds since `start` of each sample. */
  t: number[];
  /** The autoscaler's water level: business CPU requests over the managed nodes' allocatable, percent, as of its last step (empty without an autoscaler). */
  waterLevel: number[];
}

/** Affinity to the pods of another app service. */
export interface ServiceAffinity {
  /** The other app service's name. */
  appService: string;
  /** Required (hard) or preferred (soft). */
  required?: boolean;
  /** Same node (`affinity`) or different node (`antiAffinity`). */
  type: AffinityType;
}

/** The plan of one service. */
export interface ServicePlan {
  /** The version change, when there is a running version. */
  change?: AppServiceDiff | null;
  /** Its dependencies. */
  dependsOn: string[];
  /** The version it replaces, if any. */
  fromVersion?: string | null;
  /** The groups and pauses. */
  groups: PodGroups;
  /** The service. */
  name: string;
  /** A new version (not a restart or re-release of the running one). */
  newVersion: boolean;
  /** Tasks after the pods are updated. */
  postTasks: PostTask[];
  /** Tasks before the pods are updated (from the change; on a first release, service and log configuration when the spec has them). */
  preTasks: PreTask[];
  /** What rollback means for it. */
  rollback: RollbackPlan;
  /** The groups a rollback releases (no beta, no pauses). */
  rollbackGroups: PodGroups;
  /** The version released. */
  toVersion: string;
  /** How pods reach `toVersion` (`recreate` on a first release: pods are created). */
  upgrade: Upgrade;
  /** Its wave. */
  wave: number;
}

/** One service in a [`ReleaseSnapshot`]. */
export interface ServiceSnapshot {
  /** The phase it failed in (a task phase, or updating), for `retry`. */
  failedIn?: ServicePhase | null;
  /** The current group (of the rollback groups while rolling back). */
  group: number;
  /** Why it failed or was cancelled. */
  message?: string | null;
  /** Why it is paused. */
  pausedFor?: ConfirmReason | null;
  /** Its phase. */
  phase: ServicePhase;
  /** Its plan. */
  plan: ServicePlan;
  /** The pods observed so far (pods of the plan never observed are absent). */
  pods?: Record<string, PodSnapshot>;
  /** Asked to start by `startService`. */
  requested?: boolean;
  /** The current task (index into the pre- or post-tasks). */
  task: number;
}

/** One service in [`EngineStatus`]. */
export interface ServiceStatus {
  /** What confirmation it waits for. */
  awaiting?: ConfirmReason | null;
  /** The current group. */
  group: number;
  /** How many groups. */
  groups: number;
  /** Why it failed or was cancelled. */
  message?: string | null;
  /** The service. */
  name: string;
  /** Its phase. */
  phase: ServicePhase;
  /** Each pod's status. */
  pods: Record<string, PodStatus>;
}

/** One timeline event: a line for a person and the same as data. */
export interface SimEvent {
  /** When. */
  at: Timestamp;
  /** What kind. */
  kind: EventKind;
  /** The service, node or order it is about. */
  subject?: string | null;
  /** What happened, in words. */
  text: string;
}

/** One app service of the scenario. */
export interface SimService {
  /** The CPU the service uses in total, by time of day (piecewise linear, repeating daily): what its pods' CPU metrics follow. */
  load?: LoadPoint[];
  /** Already running `v1` at the start (its replicas placed before the first step); default false: the first release creates it. */
  running?: boolean;
  /** Its spec: version `v1`. `scaling` holds its elastic policies; `deploy.units` its units (default every unit). */
  spec: AppService;
}

/** A deployment unit. */
export interface SimUnit {
  /** The unit's name (the value of its nodes' unit label). */
  name: string;
  /** Its zone. */
  zone: string;
}

/** The result of a whole run. */
export interface SimulationResult {
  /** The scenario's name. */
  name?: string | null;
  /** Every pod that waited for a node, and how long. */
  pendingWaits: PendingWait[];
  /** The time series. */
  series: Series;
  /** The numbers. */
  summary: Summary;
  /** Every event, in order. */
  timeline: SimEvent[];
}

/** What a restore needs: the scenario, the steps taken, and the digest of the state they
 * reached. */
export interface SimulationSnapshot {
  /** A digest of the state after those steps (16 hex digits). */
  digest: string;
  /** The scenario. */
  scenario: Scenario;
  /** Steps taken. */
  steps: number;
}

/** The slot pod: the placeholder that holds the reserve (seed: 0.5 core, 0.5 GiB).
 * 
 * Slot pods are recognised in a snapshot by `hints.slot: true`; the scheduler ranks them
 * below every priority, so any business pod preempts them. */
export interface SlotPodConfig {
  /** CPU request of one slot pod; default `500m`. */
  cpu?: Quantity;
  /** Memory request of one slot pod; default `512Mi`. */
  memory?: Quantity;
}

/** What one step did and how the cluster looks after it. */
export interface StepReport {
  /** The instant of the step. */
  at: Timestamp;
  /** Business pods' CPU requests over the ready nodes' allocatable CPU, percent. */
  cpuPercent: number;
  /** What happened. */
  events: SimEvent[];
  /** The same for memory. */
  memoryPercent: number;
  /** Ready nodes. */
  nodes: number;
  /** Pods waiting for a node (slot pods included). */
  pending: number;
  /** Business pods per service (placed or pending). */
  replicas: Record<string, number>;
  /** Slot pods holding reserve capacity. */
  slots: number;
}

/** The run in numbers. */
export interface Summary {
  /** Timeline events not kept (beyond the limit). */
  droppedEvents: number;
  /** Ready nodes at the end. */
  finalNodes: number;
  /** Business pods per service at the end. */
  finalReplicas: Record<string, number>;
  /** Invariant checks passed (each step: every pod on a ready node it fits). */
  invariantChecks: number;
  /** That pod. */
  longestPendingPod?: string | null;
  /** The longest a business pod waited for a node, seconds. */
  longestPendingSeconds: number;
  /** Node-hours (ready nodes over time). */
  nodeHours: number;
  /** Nodes the autoscaler asked for. */
  nodesAdded: number;
  /** Nodes whose provisioning failed. */
  nodesFailed: number;
  /** Nodes the autoscaler drained and removed. */
  nodesRemoved: number;
  /** The highest business CPU water level, percent. */
  peakCpuPercent: number;
  /** The highest business memory water level, percent. */
  peakMemoryPercent: number;
  /** The most ready nodes at once. */
  peakNodes: number;
  /** Pods still waiting at the end. */
  pendingAtEnd: number;
  /** The release orders. */
  releases: ReleaseSummary[];
  /** Steps taken (instants the simulation stopped at). */
  steps: number;
  /** Invariant checks failed, in words (empty when the simulation is sound). */
  violations: string[];
}

/** A taint. */
export interface Taint {
  /** Effect. */
  effect: TaintEffect;
  /** Key. */
  key: string;
  /** When a `NoExecute` taint was added (RFC 3339; eviction times count from it). */
  timeAdded?: string | null;
  /** Value. */
  value?: string;
}

/** A pod a `NoExecute` taint evicts. */
export interface TaintEviction {
  /** When (RFC 3339 UTC): `timeAdded` (or now, if later or absent) when no toleration matches; else `timeAdded` + the smallest `tolerationSeconds` among the matching tolerations that have one. */
  evictAt: string;
  /** Its node. */
  node: string;
  /** `namespace/name`. */
  pod: string;
  /** The taint that evicts it first, as `Taint.ToString()` writes it (`key=value:NoExecute`, `key:NoExecute` without a value). */
  taint: string;
}

/** Input of [`taint_evictions`]. */
export interface TaintEvictionsInput {
  /** The caller's clock, RFC 3339 (a taint without `timeAdded` counts from now). */
  now: string;
  /** The cluster. */
  snapshot: ClusterSnapshot;
}

/** A TCP connect check. */
export interface TcpSocketAction {
  /** Container port, 1–65535. */
  port: number;
}

/** One recommendation of the history (`timestampedRecommendation`). */
export interface TimedRecommendation {
  /** The raw (unstabilised) recommendation. */
  replicas: number;
  /** When it was made. */
  timestamp: Timestamp;
}

/** One recorded transition. */
export interface TimelineEntry {
  /** When (the event's `now`). */
  at: Timestamp;
  /** The event (or rule) that caused it. */
  cause: string;
  /** The phase before. */
  from: ServicePhase;
  /** The service; absent for order-level entries. */
  service?: string | null;
  /** The phase after. */
  to: ServicePhase;
}

/** Delays and failure rates of the simulated cluster. */
export interface Timing {
  /** Percent of new nodes that never join (0–100); default 0. */
  nodeFailurePercent?: number | null;
  /** From a scale-up to the node joining; default 120. */
  nodeProvisioningSeconds?: number | null;
  /** From running to ready (the readiness probe passing); default 5. */
  podReadySeconds?: number | null;
  /** From binding to the containers running; default 10. */
  podStartSeconds?: number | null;
  /** How long a release's pre- and post-tasks take; default 5. */
  taskSeconds?: number | null;
}

/** A toleration. */
export interface Toleration {
  /** Empty matches every effect. */
  effect?: TaintEffect | null;
  /** Empty with `Exists` matches every key. */
  key?: string;
  /** `Equal` (default) or `Exists`. */
  operator?: TolerationOperator | null;
  /** For `NoExecute`: how long the pod stays after the taint appears (an `int64` in Kubernetes; 32 bits here, about 68 years, keep every value exact in JavaScript). */
  tolerationSeconds?: number | null;
  /** Compared with `Equal`. */
  value?: string;
}

/** `TopologySpreadConstraint`. */
export interface TopologySpreadConstraint {
  /** Which pods count; absent counts none. */
  labelSelector?: LabelSelector | null;
  /** Pod label keys whose values narrow the selector. */
  matchLabelKeys?: string[];
  /** ≥ 1. */
  maxSkew: number;
  /** Fewer eligible domains than this makes the global minimum 0; default 1. */
  minDomains?: number | null;
  /** `Honor` (default): only nodes matching the pod's node affinity count. */
  nodeAffinityPolicy?: InclusionPolicy | null;
  /** `Ignore` (default): tainted nodes count too. */
  nodeTaintsPolicy?: InclusionPolicy | null;
  /** The node label whose values are the domains. */
  topologyKey: string;
  /** Hard or soft. */
  whenUnsatisfiable: WhenUnsatisfiable;
}

/** One unit's outcome in [`place`]. */
export interface UnitPlacement {
  /** Pods placed in it. */
  placed: number;
  /** Its share of the replicas (the even split). */
  quota: number;
  /** Pods of other units' quotas it took. */
  spilledIn: number;
  /** Pods of its quota that went to other units (or stayed pending). */
  spilledOut: number;
  /** The unit. */
  unit: string;
}

/** A deployment unit and its zone. */
export interface UnitProfile {
  /** The unit's name (its label value). */
  name: string;
  /** The zone it is in. */
  zone: string;
}

/** One unit's share of the replicas. */
export interface UnitShare {
  /** Its replicas. */
  replicas: number;
  /** The unit. */
  unit: string;
}

/** Input of [`split_units`]. */
export interface UnitSplitInput {
  /** Desired replicas, ≥ 0. */
  replicas: number;
  /** The deployment units, in order; at least one, no duplicates. */
  units: string[];
}

/** An unneeded node's timer. */
export interface Unneeded {
  /** Its group. */
  group: string;
  /** Unneeded since. */
  since: Timestamp;
  /** It was unready when last seen (the unready time applies). */
  unready?: boolean;
}

/** An unneeded managed node. */
export interface UnneededStatus {
  /** Why this step did not remove it, when its time had come. */
  kept?: string | null;
  /** The node. */
  node: string;
  /** It may be removed after this instant. */
  removableAfter: Timestamp;
  /** Unneeded since. */
  since: Timestamp;
}

/** An immutable version of the app service. */
export interface Version {
  /** Who submitted it. */
  author: string;
  /** The version it was derived from. */
  basedOn?: string | null;
  /** When (RFC 3339, as given). */
  createdAt: string;
  /** Submitted or published. */
  editStatus: EditStatus;
  /** `v1`, `v2`, ...; never reused. */
  id: string;
  /** Pending or deployed. */
  publishStatus: PublishStatus;
  /** When that release order succeeded. */
  publishedAt?: string | null;
  /** The release order that published it. */
  releaseOrder?: string | null;
  /** How it came to be. */
  source: VersionSource;
  /** The normalized spec; never changes after submit. */
  spec: AppService;
}

/** A volume claim template of a stateful app service (seed 6.2 part 1). */
export interface VolumeClaimTemplate {
  /** Capacity in GiB, an integer of at least 20. */
  capacityGi: number;
  /** Lowercase letters, digits, `-`; starts with a letter, ends with a letter or digit. */
  name: string;
  /** The storage class to claim from. */
  storageClassName: string;
}

/** A volume mount of a container. */
export interface VolumeMount {
  /** Where in the container; absolute. */
  mountPath: string;
  /** Read-only (只读) or read-write; default false. */
  readOnly?: boolean | null;
  /** The host path (absolute), or the ConfigMap / Secret name. */
  source: string;
  /** What is mounted. */
  type: VolumeType;
}

/** A warning with its stable code. */
export interface Warning {
  /** The stable code. */
  code: WarningCode;
  /** One line for a person. */
  message: string;
}

/** The water level of the managed nodes (seed 9.3): business requests over allocatable. */
export interface WaterLevel {
  /** Managed allocatable CPU. */
  allocatableCpu: Quantity;
  /** Managed allocatable memory. */
  allocatableMemory: Quantity;
  /** Business CPU utilisation, percent (slot pods and, when ignored, DaemonSet pods left out). */
  cpu: number;
  /** Slot pods that cover the reserve in CPU and memory. */
  desiredSlots: number;
  /** Business memory utilisation, percent. */
  memory: number;
  /** CPU the reserve holds: (100 − upper mark)% of allocatable. */
  reservedCpu: Quantity;
  /** Memory the reserve holds. */
  reservedMemory: Quantity;
  /** Slot pods to create (positive) or delete (negative). */
  slotDelta: number;
  /** Slot pods in the cluster (bound and pending). */
  slots: number;
}

/** One water mark: whether the direction is on, and its threshold in percent. */
export interface WaterMark {
  /** Scale in this direction at all; default true. */
  enabled?: boolean;
  /** The mark, percent of managed allocatable (1–100). */
  threshold: number;
}

/** `WeightedPodAffinityTerm`. */
export interface WeightedPodAffinityTerm {
  /** The term. */
  podAffinityTerm: PodAffinityTerm;
  /** 1–100. */
  weight: number;
}

/** How a service is reached, tagged by `type`. */
export type Access = AccessClusterIP | AccessIntranetLB | AccessInternetLB;

/** What a person (or a failure) does, tagged by `type`. */
export type Action = ActionRelease | ActionConfirmBeta | ActionResume | ActionRetry | ActionRollback | ActionConfirmRollback | ActionCancel | ActionChangeImage | ActionInjectFailure | ActionCordon | ActionDrain | ActionFailNode;

/** What holds the app service now. */
export type ActivityKind = "release" | "rollback" | "operation";

/** Same node or different node. */
export type AffinityType = "affinity" | "antiAffinity";

/** What the autoscaler is told (`type`-tagged, camelCase). */
export type AutoscalerEvent = AutoscalerEventStep | AutoscalerEventNodeJoined | AutoscalerEventNodeFailed | AutoscalerEventNodeDeleted | AutoscalerEventScaleDownFailed;

/** What the autoscaler answers: a decision for a `step`, `observed` for the rest. */
export type AutoscalerOutput = AutoscalerOutputDecision | AutoscalerOutputObserved;

/** Protocols of a ClusterIP service. */
export type ClusterIpProtocol = "TCP" | "UDP";

/** Why a person is asked to confirm. */
export type ConfirmReason = "beta" | "groupPause" | "rollback";

/** When a draft exists and `edit` is asked for: keep it or throw it away (seed 6.4: "选择是否
 * 恢复打开草稿,若选择否,会删除当前草稿"). */
export type DraftChoice = "restore" | "discard";

/** Whether a version was ever published. */
export type EditStatus = "submitted" | "published";

/** What kind of replica value is in effect. */
export type EffectiveKind = "fixed" | "initial" | "current" | "preset" | "ramp" | "metric";

/** The structured details of an error, internally tagged by `type` (its code in camelCase). */
export type ErrorDetails = ErrorDetailsValidation | ErrorDetailsParseQuantity | ErrorDetailsInvalidInput | ErrorDetailsInvalidTransition | ErrorDetailsConflict | ErrorDetailsCycle | ErrorDetailsNotFound;

/** The estimator (seed: "背包算法"; CA's first-fit-decreasing bin-packing). */
export type Estimator = "binpacking";

/** What kind of thing happened. */
export type EventKind = "action" | "refused" | "release" | "pods" | "scale" | "node" | "autoscaler";

/** One filter of the expander chain (CA `expander/*`). */
export type Expander = "priority" | "leastWaste" | "mostPods" | "leastNodes" | "random";

/** The kind of a field error; the spellings follow Kubernetes' `field.ErrorType`, as stable
 * snake_case codes. */
export type FieldErrorCode = "required" | "invalid" | "too_long" | "not_supported" | "duplicate" | "forbidden" | "too_many";

/** A node group's scale-up verdict (CA's `NoScaleUp` reasons, and the choice). */
export type GroupVerdict = "chosen" | "notChosen" | "noPendingPods" | "scaleUpDisabled" | "breakerOpen" | "maxSizeReached" | "backedOff" | "maxNodesTotalReached" | "resourceLimitReached" | "noPodFits";

/** Pod grouping for a release (部署分组策略), tagged by `type`. */
export type Grouping = GroupingFast | GroupingPerPod | GroupingSingle;

/** An event for the guard, tagged by `type`. */
export type GuardEvent = GuardEventBeginOrder | GuardEventFinishService | GuardEventBeginOperation | GuardEventEndOperation;

/** How a service ended in an order, as the guard needs to know. */
export type GuardOutcome = "succeeded" | "failed" | "cancelled" | "rolledBack";

/** A command to the version history, tagged by `type`. Every command carries the caller's
 * `now` (RFC 3339) where it records time. */
export type HistoryEvent = HistoryEventCreate | HistoryEventEdit | HistoryEventUpdateDraft | HistoryEventCopyToDraft | HistoryEventDiscardDraft | HistoryEventSubmit | HistoryEventChangeImage | HistoryEventChangeReplicas | HistoryEventBeginRelease | HistoryEventMarkPublished | HistoryEventMarkFailed | HistoryEventCancelRelease | HistoryEventBeginOperation | HistoryEventEndOperation | HistoryEventDelete;

/** What holds a service. */
export type Hold = HoldRelease | HoldOperation;

/** Why the HPA chose its number: the Kubernetes condition reasons, plus the early exits. */
export type HpaReason = "ScalingDisabled" | "AboveMaxReplicas" | "BelowMinReplicas" | "InvalidMetrics" | "DesiredWithinRange" | "ScaleUpLimit" | "ScaleDownLimit" | "TooManyReplicas" | "TooFewReplicas";

/** `HPAScalingPolicyType`. */
export type HpaScalingPolicyType = "Pods" | "Percent";

/** Where a container image comes from (镜像来源), tagged by `type`. */
export type ImageSource = ImageSourceRegistry | ImageSourceBuild | ImageSourcePackage;

/** Which in-place rule set decides `upgrade`. */
export type InPlaceRules = "seed" | "kubernetes";

/** `NodeInclusionPolicy`. */
export type InclusionPolicy = "Honor" | "Ignore";

/** A count (a 32-bit integer) or a percentage string such as `"50%"`. */
export type IntOrString = number | string;

/** The operators of a label selector requirement (Kubernetes spellings). */
export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** Protocols of a load balancer port. */
export type LbProtocol = "TCP" | "HTTP" | "HTTPS";

/** Load balancer forwarding rules. */
export type LbScheduler = "wrr" | "wlc";

/** How one metric's proposal came about. */
export type MetricOutcome = "withinTolerance" | "scaled" | "rebalanced" | "fromZero" | "invalid";

/** One metric of an HPA, tagged by `type` as in `autoscaling/v2` `MetricSpec`. */
export type MetricSpec = MetricSpecResource | MetricSpecContainerResource | MetricSpecPods | MetricSpecObject | MetricSpecExternal;

/** `MetricTargetType`. */
export type MetricTargetType = "Utilization" | "Value" | "AverageValue";

/** The operators of a node selector requirement (Kubernetes spellings). */
export type NodeSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";

/** How the order ended. */
export type OrderOutcome = "succeeded" | "partial" | "cancelled";

/** Why the release waits after a group. */
export type PauseReason = "beta" | "groupPause";

/** What becomes of a pending pod. */
export type PendingReason = "fitsExistingNode" | "upcomingNode" | "scaleUp" | "awaitingEvaluation" | "noGroupFits" | "notAutoscaled";

/** Public or private cloud (公有云 / 专有云). */
export type Platform = "publicCloud" | "privateCloud";

/** `v1.PodPhase`. */
export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

/** A pod's release status. */
export type PodStatus = "notUpdated" | "updating" | "updated" | "failed";

/** What a policy does, tagged by `type`. */
export type PolicyAction = PolicyActionReplicas | PolicyActionMetric;

/** Work to do after the pods are updated. */
export type PostTask = "cleanupServiceConfig" | "removeLogConfig";

/** Work to do before the pods are updated. */
export type PreTask = "applyServiceConfig" | "applyLogConfig";

/** `PreemptionPolicy`. */
export type PreemptionPolicy = "PreemptLowerPriority" | "Never";

/** Whether a version is deployed. */
export type PublishStatus = "pendingDeploy" | "deployed";

/** A Kubernetes quantity in canonical form, e.g. `500m`, `128Mi`, `1e3`. */
export type Quantity = string;

/** Why a quantity string was rejected. */
export type QuantityErrorReason = "empty" | "invalid_number" | "invalid_suffix" | "negative" | "overflow";

/** How a quantity was written, which decides its canonical form (Kubernetes' `Format`). */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** The shape of a ramp: linear, accelerating (渐快), decelerating (渐慢). */
export type RampMode = "linear" | "accelerating" | "decelerating";

/** A Kubernetes quantity as written: a string such as `500m`, `0.5`, `128Mi`, `1e3`, or a JSON number. */
export type RawQuantity = string | number;

/** An action for the caller to carry out, tagged by `type`. */
export type ReleaseAction = ReleaseActionRunTask | ReleaseActionUpdatePods | ReleaseActionDeleteResources | ReleaseActionAwaitConfirmation | ReleaseActionServiceFinished | ReleaseActionOrderFinished;

/** An event for the engine, tagged by `type`. */
export type ReleaseEvent = ReleaseEventStart | ReleaseEventStartService | ReleaseEventPodObserved | ReleaseEventTaskFinished | ReleaseEventConfirmBeta | ReleaseEventResume | ReleaseEventCancel | ReleaseEventRetry | ReleaseEventRollback | ReleaseEventConfirmRollback | ReleaseEventRetryRollback | ReleaseEventCancelRollback | ReleaseEventTick;

/** What `rollback` does for a service (docs/release.md, three cases). */
export type RollbackPlan = RollbackPlanToVersion | RollbackPlanDeleteResources | RollbackPlanCancel;

/** Replica scaling (副本伸缩策略), tagged by `type`. */
export type Scaling = ScalingFixed | ScalingElastic;

/** Pod schedule policy (Pod 调度策略). */
export type SchedulePolicy = "evenAcrossUnits";

/** An event for the scheduler, tagged by `type`. */
export type SchedulerEvent = SchedulerEventScheduleOne | SchedulerEventScheduleAll | SchedulerEventPlace | SchedulerEventDrain | SchedulerEventEvictTainted;

/** What the scheduler answers, tagged by `type`. */
export type SchedulerOutput = SchedulerOutputPlacement | SchedulerOutputScheduled | SchedulerOutputPlaced | SchedulerOutputDrained | SchedulerOutputEvicted;

/** `NodeResourcesFitArgs.scoringStrategy.type`. */
export type ScoringStrategy = "leastAllocated" | "mostAllocated";

/** A seed: a number up to 2^32 - 1, or a decimal string up to 2^64 - 1. */
export type Seed = string | number;

/** `ScalingPolicySelect`. */
export type SelectPolicy = "Max" | "Min" | "Disabled";

/** How a service ended. */
export type ServiceOutcome = "succeeded" | "failed" | "cancelled" | "rolledBack" | "resourcesDeleted";

/** Where a service is in the release. */
export type ServicePhase = "waiting" | "preTasks" | "updating" | "paused" | "postTasks" | "succeeded" | "failed" | "cancelled" | "rollingBack" | "awaitingRollbackConfirmation" | "rolledBack" | "rollbackFailed" | "resourcesDeleted";

/** The stabilisation step's verdict (the `AbleToScale` condition reason). */
export type Stabilization = "ReadyForNewScale" | "ScaleUpStabilized" | "ScaleDownStabilized";

/** `TaintEffect`. */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/** A task name: a pre-task or a post-task. */
export type TaskName = "applyServiceConfig" | "applyLogConfig" | "cleanupServiceConfig" | "removeLogConfig";

/** An RFC 3339 instant, e.g. `2026-11-27T09:00:00Z`. */
export type Timestamp = string;

/** `TolerationOperator`. */
export type TolerationOperator = "Equal" | "Exists";

/** `UnhealthyPodEvictionPolicyType`. weir reads it and does not need it: only bound pods
 * are evicted, and every bound pod counts as healthy. */
export type UnhealthyPodEvictionPolicy = "IfHealthyBudget" | "AlwaysAllow";

/** How pods reach the new version. */
export type Upgrade = "none" | "inPlace" | "recreate";

/** How pods are upgraded (升级模式). */
export type UpgradeMode = "inPlace" | "replace";

/** Why pods are recreated (or, for `affinityChanged`, why they would need to be). */
export type UpgradeReason = "replaceMode" | "resourcesChanged" | "containerCountChanged" | "monitoringTurnedOff" | "podSpecChanged" | "imageChanged" | "affinityChanged";

/** How a version came to be. */
export type VersionSource = "create" | "edit" | "changeImage" | "changeReplicas";

/** What a volume mount mounts (数据卷类型). */
export type VolumeType = "hostPath" | "configMap" | "secret";

/** A consequence the person releasing should know about. */
export type WarningCode = "loadBalancerChange" | "upgradeModeSwitch" | "affinityNeedsRecreate";

/** `UnsatisfiableConstraintAction`. */
export type WhenUnsatisfiable = "DoNotSchedule" | "ScheduleAnyway";

/** How a group is chosen among equals (seed 9.6 "机房选择策略"). */
export type ZoneSelection = "sequential" | "random";
