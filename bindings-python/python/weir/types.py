"""Data types of weir, as TypedDicts (camelCase keys, as on the wire).

Generated from core/schema/*.json by `WEIR_BLESS=1 cargo test -p weir --test schema`. Do not edit.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Dict, List, Literal, TypedDict, Union

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import NotRequired
    else:
        from typing_extensions import NotRequired


class AccessClusterIP(TypedDict):
    """Inside the cluster (集群内访问): a ClusterIP service."""
    #: Port mappings; at least one.
    ports: List["ClusterIpPort"]
    type: Literal["clusterIP"]


class AccessIntranetLB(TypedDict):
    """Inside the VPC (VPC 内访问) through a load balancer."""
    #: An existing load balancer id, or `create`.
    loadBalancer: str
    #: Port mappings; at least one.
    ports: List["LbPort"]
    type: Literal["intranetLB"]


class AccessInternetLB(TypedDict):
    """From the internet (公网访问) through a load balancer."""
    #: An existing load balancer id, or `create`.
    loadBalancer: str
    #: Port mappings; at least one.
    ports: List["LbPort"]
    type: Literal["internetLB"]


class AccessService(TypedDict):
    """An access service (服务)."""
    #: How it is reached.
    access: "Access"
    #: DNS-1123 label, unique among the app service's services.
    name: str


class ActionRelease(TypedDict):
    """Create and start a release order."""
    #: The order's id, unique in the script.
    order: str
    #: How long a pod must stay ready to count as updated; default 30.
    readySeconds: NotRequired[Union[int, None]]
    #: Its services.
    services: List["ReleaseTarget"]
    type: Literal["release"]


class ActionConfirmBeta(TypedDict):
    """Confirm a service's beta group."""
    #: The order.
    order: str
    #: The service.
    service: str
    type: Literal["confirmBeta"]


class ActionResume(TypedDict):
    """Go on after a group pause."""
    #: The order.
    order: str
    #: The service.
    service: str
    type: Literal["resume"]


class ActionRetry(TypedDict):
    """Retry a failed service."""
    #: The order.
    order: str
    #: The service.
    service: str
    type: Literal["retry"]


class ActionRollback(TypedDict):
    """Roll a failed or paused service back."""
    #: The order.
    order: str
    #: The service.
    service: str
    type: Literal["rollback"]


class ActionConfirmRollback(TypedDict):
    """Confirm a rollback."""
    #: The order.
    order: str
    #: The service.
    service: str
    type: Literal["confirmRollback"]


class ActionCancel(TypedDict):
    """Cancel one service, or the whole order."""
    #: The order.
    order: str
    #: The service; absent: every unfinished one.
    service: NotRequired[Union[str, None]]
    type: Literal["cancel"]


class ActionChangeImage(TypedDict):
    """A quick image update: the service's next version (release it with `release`)."""
    #: The container.
    container: str
    #: The new image.
    image: str
    #: The service.
    service: str
    type: Literal["changeImage"]


class ActionInjectFailure(TypedDict):
    """Make pods fail: one pod now, or every pod of a version as it starts."""
    #: This pod fails now.
    pod: NotRequired[Union[str, None]]
    #: The service.
    service: str
    type: Literal["injectFailure"]
    #: Every pod of this version fails when it starts (a broken image).
    version: NotRequired[Union[str, None]]


class ActionCordon(TypedDict):
    """Mark a node unschedulable."""
    #: The node.
    node: str
    type: Literal["cordon"]


class ActionDrain(TypedDict):
    """Cordon a node and move its pods elsewhere."""
    #: The node.
    node: str
    type: Literal["drain"]


class ActionFailNode(TypedDict):
    """A node dies: its pods are recreated elsewhere."""
    #: The node.
    node: str
    type: Literal["failNode"]


class Activity(TypedDict):
    """The release or operation in progress."""
    #: Release, rollback or operation.
    kind: "ActivityKind"
    #: The operation's name (operations).
    operation: NotRequired[Union[str, None]]
    #: The release order (releases and rollbacks).
    releaseOrder: NotRequired[Union[str, None]]
    #: When it began.
    since: str
    #: The target version (releases and rollbacks).
    version: NotRequired[Union[str, None]]


class Affinity(TypedDict):
    """`Affinity`."""
    #: Node affinity.
    nodeAffinity: NotRequired[Union["NodeAffinity", None]]
    #: Pod affinity.
    podAffinity: NotRequired[Union["PodAffinity", None]]
    #: Pod anti-affinity.
    podAntiAffinity: NotRequired[Union["PodAffinity", None]]


class AppService(TypedDict):
    """An app service (应用服务): what a version of it holds.
    
    # Examples
    
    ```
    let spec: weir::AppService = serde_json::from_value(serde_json::json!({
        "name": "aks-vote-redis-appservice",
        "app": "aks-vote-redis",
        "template": {"containers": [{"name": "redis", "image": "redis:6"}]}
    }))?;
    let full = weir::normalize(&spec, None)?;
    assert_eq!(full.namespace.as_deref(), Some("default"));
    # Ok::<(), Box<dyn std::error::Error>>(())
    ```"""
    #: The application it belongs to: letters, digits, `-`, `_`; starts with a letter, ends
    #: with a letter or digit. Never changes.
    app: str
    #: Deploy and schedule settings; every field has a default.
    deploy: NotRequired[Union["Deploy", None]]
    #: Free text.
    description: NotRequired[Union[str, None]]
    #: App service name, a DNS-1123 label. Never changes.
    name: str
    #: Kubernetes namespace, a DNS-1123 label; default `default`. Never changes.
    namespace: NotRequired[Union[str, None]]
    #: Deploy to elastic nodes (adds the sub-cluster label); default false.
    nodeAutoscaling: NotRequired[Union[bool, None]]
    #: The person responsible (负责人).
    owner: NotRequired[Union[str, None]]
    #: Replica scaling; default fixed, 1 replica.
    scaling: NotRequired[Union["Scaling", None]]
    #: Access services (集群内访问 / VPC 内访问 / 公网访问).
    services: NotRequired[List["AccessService"]]
    #: Deployed as a StatefulSet with volume claim templates; default false. Never changes.
    stateful: NotRequired[Union[bool, None]]
    #: The pod template.
    template: "PodTemplate"
    #: Volume templates of a stateful app service (at least one when stateful).
    volumeClaimTemplates: NotRequired[List["VolumeClaimTemplate"]]


class AppServiceDiff(TypedDict):
    """What changed and what it implies."""
    #: Every changed value, in path order.
    changes: List["Change"]
    #: After the pods are updated.
    postTasks: List["PostTask"]
    #: Before the pods are updated.
    preTasks: List["PreTask"]
    #: Why (empty when nothing in the pods changed).
    reasons: List["UpgradeReason"]
    #: How pods reach the new version.
    upgrade: "Upgrade"
    #: Consequences to confirm.
    warnings: List["Warning"]


class AppServiceInput(TypedDict):
    """Input of [`validate_app_service`] and [`normalize_app_service`]."""
    #: The platform's restrictions and the target cluster, when known.
    profile: NotRequired[Union["PlatformProfile", None]]
    #: The app service spec.
    spec: "AppService"


class AutoscalerConfig(TypedDict):
    """The autoscaler's configuration (seed 9.2–9.6), camelCase JSON; every field has the
    seed's default."""
    #: Per-group exponential backoff (CA); off when absent.
    backoff: NotRequired[Union["BackoffConfig", None]]
    #: Cluster CPU range, cores (CA `--cores-total`).
    coresTotal: NotRequired[Union["ResourceRange", None]]
    #: The estimator; default `binpacking`.
    estimator: NotRequired["Estimator"]
    #: The expander chain; default `[priority, leastWaste]`.
    expander: NotRequired[List["Expander"]]
    #: The node label naming a node's group; default `weir.io/node-group`.
    groupLabel: NotRequired[str]
    #: Cluster health gate (CA); off when absent.
    healthGate: NotRequired[Union["HealthGate", None]]
    #: DaemonSet pods do not count as utilisation; default true.
    ignoreDaemonSetUtilization: NotRequired[bool]
    #: Circuit breaker: failed nodes tolerated (≥ 2); default 3.
    maxFailedNodes: NotRequired[int]
    #: Seconds a requested node has to join; default 600.
    maxNodeProvisionTime: NotRequired[int]
    #: Most nodes in the cluster (CA `--max-nodes-total`); none when absent.
    maxNodesTotal: NotRequired[Union[int, None]]
    #: Most nodes removed per step; default 5.
    maxScaleDownNodes: NotRequired[int]
    #: Cluster memory range (CA `--memory-total`).
    memoryTotal: NotRequired[Union["ResourceRange", None]]
    #: The node groups.
    nodeGroups: NotRequired[List["NodeGroupConfig"]]
    #: The lower water mark; default on, 10.
    scaleDown: NotRequired["WaterMark"]
    #: Scale-down pause after a scale-up, seconds; default 300.
    scaleDownDelayAfterAdd: NotRequired[int]
    #: Scale-down pause after a removal, seconds; default 30.
    scaleDownDelayAfterDelete: NotRequired[int]
    #: Scale-down pause after a failed removal, seconds; default 10.
    scaleDownDelayAfterFailure: NotRequired[int]
    #: Seconds a node stays unneeded before removal; default 300.
    scaleDownUnneededTime: NotRequired[int]
    #: The same for an unready node; default 300.
    scaleDownUnreadyTime: NotRequired[int]
    #: The upper water mark; default on, 90.
    scaleUp: NotRequired["WaterMark"]
    #: The seed of every draw (`random` zone selection and expander).
    seed: NotRequired[int]
    #: Keep nodes with pods on node-local storage; default true.
    skipNodesWithLocalStorage: NotRequired[bool]
    #: The slot pod.
    slotPod: NotRequired["SlotPodConfig"]
    #: How a group is chosen among equals; default `sequential`.
    zoneSelection: NotRequired["ZoneSelection"]


class AutoscalerEventStep(TypedDict):
    """Decide on the cluster as it is now."""
    #: The cluster: nodes (managed ones carry the group label) and pods.
    cluster: "ClusterSnapshot"
    type: Literal["step"]


class AutoscalerEventNodeJoined(TypedDict):
    """A node the autoscaler asked for joined its group."""
    #: The group.
    group: str
    #: The node.
    node: str
    type: Literal["nodeJoined"]


class AutoscalerEventNodeFailed(TypedDict):
    """A node the autoscaler asked for will not join (the cloud refused or it broke):
    it counts as failed (circuit breaker, backoff)."""
    #: The group.
    group: str
    #: The node, when it has a name.
    node: NotRequired[Union[str, None]]
    type: Literal["nodeFailed"]


class AutoscalerEventNodeDeleted(TypedDict):
    """A node was deleted: one the autoscaler removed, or (with `failed`) a failed node
    an operator cleaned up, which closes the breaker by one."""
    #: It was one of the failed nodes.
    failed: NotRequired[bool]
    #: The group.
    group: str
    #: The node.
    node: str
    type: Literal["nodeDeleted"]


class AutoscalerEventScaleDownFailed(TypedDict):
    """Removing a node the autoscaler chose failed: scale-down pauses
    (`scaleDownDelayAfterFailure`) and the node starts its unneeded time over."""
    #: The group.
    group: str
    #: The node.
    node: str
    type: Literal["scaleDownFailed"]


class AutoscalerOutputDecision(TypedDict):
    """The decision of a step."""
    type: Literal["decision"]


class AutoscalerOutputObserved(TypedDict):
    """An observation was recorded."""
    type: Literal["observed"]


class AutoscalerSnapshot(TypedDict):
    """What a restore needs: the configuration and the timers; nothing derivable."""
    #: The last instant handled.
    at: NotRequired[Union["Timestamp", None]]
    #: Backoffs per group.
    backoff: NotRequired[Dict[str, "GroupBackoff"]]
    #: The configuration, defaults filled.
    config: "AutoscalerConfig"
    #: Failed nodes per group (the breaker counts them all).
    failed: NotRequired[Dict[str, int]]
    #: The last scale-down (decided or observed).
    lastScaleDown: NotRequired[Union["Timestamp", None]]
    #: The last failed scale-down.
    lastScaleDownFailure: NotRequired[Union["Timestamp", None]]
    #: The last scale-up.
    lastScaleUp: NotRequired[Union["Timestamp", None]]
    #: Nodes asked for and not joined yet, oldest first.
    requests: NotRequired[List["ProvisionRequest"]]
    #: Steps handled (numbers the seeded draws).
    steps: NotRequired[int]
    #: Unneeded nodes by name.
    unneeded: NotRequired[Dict[str, "Unneeded"]]


class BackoffConfig(TypedDict):
    """CA's per-group exponential backoff after a failed scale-up."""
    #: First backoff, seconds; default 300.
    initialSeconds: NotRequired[int]
    #: Longest backoff, seconds; default 1800.
    maxSeconds: NotRequired[int]
    #: A failure older than this is forgotten, seconds; default 10800.
    resetSeconds: NotRequired[int]


class Breaker(TypedDict):
    """The circuit breaker (seed 9.6): nodes created by scale-up that did not join."""
    #: Failed nodes not deleted yet.
    failedNodes: int
    #: The configured limit; open above it.
    maxFailedNodes: int
    #: No scale-up while open.
    open: bool


Change = TypedDict("Change", {
    "from": "NotRequired[Any]",
    "path": "str",
    "to": "NotRequired[Any]",
})
"""One changed value, at a JSON-pointer path of the normalized spec."""


class ClusterIpPort(TypedDict):
    """A ClusterIP port mapping."""
    #: The port the workload listens on (访问端口), 1–65535.
    port: int
    #: `TCP` or `UDP`.
    protocol: "ClusterIpProtocol"
    #: The port on the virtual IP (容器端口), 1–65535.
    targetPort: int


class ClusterProfile(TypedDict):
    """What the target cluster offers."""
    #: The service mesh is enabled.
    mesh: NotRequired[bool]
    #: Node autoscaling (节点伸缩) is enabled.
    nodeAutoscaling: NotRequired[bool]
    #: Zones that have a node group.
    nodeGroupZones: NotRequired[List[str]]
    #: The workspace's deployment units and their zones.
    units: NotRequired[List["UnitProfile"]]


class ClusterSnapshot(TypedDict):
    """The cluster as the scheduler sees it."""
    #: The label keys that carry meaning; default the seed's.
    labelKeys: NotRequired[Union["LabelKeys", None]]
    #: Namespace labels, for `namespaceSelector` in pod affinity terms.
    namespaces: NotRequired[Dict[str, Dict[str, str]]]
    #: The nodes.
    nodes: NotRequired[List["Node"]]
    #: PodDisruptionBudgets (`policy/v1`): the autoscaler's scale-down evicts no more pods
    #: of a budget in one step than it allows.
    podDisruptionBudgets: NotRequired[List["PodDisruptionBudget"]]
    #: The pods: bound (`spec.nodeName` set) or pending.
    pods: NotRequired[List["Pod"]]
    #: How nodes are scored; default kube-scheduler's default profile.
    scoring: NotRequired[Union["ScoringConfig", None]]


class Container(TypedDict):
    """One container of the pod template."""
    #: Arguments.
    args: NotRequired[List[str]]
    #: Entrypoint override (启动命令).
    command: NotRequired[List[str]]
    #: Environment variables; names unique.
    env: NotRequired[List["EnvVar"]]
    #: Image reference `[registry[:port]/]path[:tag][@digest]`.
    image: str
    #: Secret used to pull the image (保密字典).
    imagePullSecret: NotRequired[Union[str, None]]
    #: Where the image comes from; default a registry reference.
    imageSource: NotRequired[Union["ImageSource", None]]
    #: Lifecycle hooks.
    lifecycle: NotRequired[Union["Lifecycle", None]]
    #: Liveness probe (its `successThreshold` must be 1).
    livenessProbe: NotRequired[Union["Probe", None]]
    #: Log collection (日志服务配置).
    logs: NotRequired[List["LogConfig"]]
    #: Business monitoring directory, shared read-only with the monitoring sidecar.
    monitoringDir: NotRequired[Union[str, None]]
    #: DNS-1123 label, unique in the pod. Never changes.
    name: str
    #: Readiness probe.
    readinessProbe: NotRequired[Union["Probe", None]]
    #: CPU and memory requests and limits.
    resources: NotRequired[Union["Resources", None]]
    #: Volume mounts.
    volumeMounts: NotRequired[List["VolumeMount"]]


class ContainerResourceMetricSource(TypedDict):
    """`ContainerResourceMetricSource`."""
    #: The container whose usage and request count.
    container: str
    #: The resource name.
    name: str
    #: `Utilization` or `AverageValue`.
    target: "MetricTarget"


class ContainerResources(TypedDict):
    """`ResourceRequirements` (requests only; limits do not affect placement)."""
    #: Limits (read and ignored).
    limits: NotRequired[Union[Dict[str, "Quantity"], None]]
    #: Requests.
    requests: NotRequired[Dict[str, "Quantity"]]


class CronFires(TypedDict):
    """The fires [`cron_next`] found."""
    #: RFC 3339 instants with the zone's offset at that instant (`2026-03-08T03:00:00-04:00`),
    #: or in UTC when that offset has seconds (local mean time) or the local date is past
    #: year 9999. Each parses back to exactly the instant fired, so the last
    #: one, given as `after`, pages on to strictly later fires.
    fires: List[str]


class CronNextInput(TypedDict):
    """Input of [`cron_next`]."""
    #: Fires strictly after this RFC 3339 instant.
    after: str
    #: How many fires; default 1, at most [`MAX_CRON_FIRES`].
    count: NotRequired[Union[int, None]]
    #: The expression.
    cron: str
    #: IANA time zone; default `UTC`.
    timeZone: NotRequired[Union[str, None]]


CurveInput = TypedDict("CurveInput", {
    "currentReplicas": "NotRequired[Union[int, None]]",
    "from": "str",
    "scaling": "Scaling",
    "stepSeconds": "int",
    "to": "str",
})
"""Input of [`replica_curve`]."""


class CurvePoint(TypedDict):
    """One point of a curve."""
    #: The kind of value.
    kind: "EffectiveKind"
    #: For `metric`: the band's upper bound.
    max: NotRequired[Union[int, None]]
    #: For `metric`: the band's lower bound.
    min: NotRequired[Union[int, None]]
    #: The policy in effect.
    policy: NotRequired[Union[str, None]]
    #: The replicas (absent for `metric`, which has a band).
    replicas: NotRequired[Union[int, None]]
    #: Unix seconds.
    t: float


class DagAnalysis(TypedDict):
    """The analysis of a valid, acyclic order."""
    #: The longest chain by duration, dependencies first (ties broken by name).
    criticalPath: List[str]
    #: When the whole order can finish at the earliest.
    earliestFinishSeconds: int
    #: Every service in topological order (dependencies first, ties broken by name), with
    #: its wave and times.
    nodes: List["DagNode"]
    #: The waves: services whose dependencies are all in earlier waves, each sorted by name.
    waves: List[List[str]]


class DagDrawing(TypedDict):
    """Drawings of the DAG, dependencies pointing to their dependents (release flow)."""
    #: Graphviz DOT text.
    dot: str
    #: Mermaid flowchart text.
    mermaid: str


class DagEdge(TypedDict):
    """A dependency edge: `service` depends on `dependsOn`."""
    #: The service it depends on.
    dependsOn: str
    #: The dependent service.
    service: str


class DagInput(TypedDict):
    """Input of [`analyze_dag`] and the other DAG operations."""
    #: The services of the order.
    services: List["DagService"]


class DagNode(TypedDict):
    """Where one service stands in the plan."""
    #: Its earliest start plus its duration (saturating at 2^32-1).
    earliestFinishSeconds: int
    #: When it can start at the earliest: the latest finish of its dependencies.
    earliestStartSeconds: int
    #: The service.
    name: str
    #: 0 without dependencies, else 1 + the highest wave of its dependencies.
    wave: int


class DagReduction(TypedDict):
    """The transitive reduction: the edges that are implied by others."""
    #: The edges that remain, sorted.
    keptEdges: List["DagEdge"]
    #: Edges that another path already implies (safe to drop), sorted.
    redundantEdges: List["DagEdge"]


class DagService(TypedDict):
    """One app service of the order and what it depends on."""
    #: The services that must succeed before this one starts.
    dependsOn: NotRequired[List[str]]
    #: Estimated release duration in seconds, for the critical path; default 0.
    durationSeconds: NotRequired[Union[int, None]]
    #: The app service's name, unique in the order.
    name: str


class Decision(TypedDict):
    """One step's decision."""
    #: The circuit breaker.
    breaker: "Breaker"
    #: Every node group: its state and its scale-up verdict.
    groups: List["GroupStatus"]
    #: Set when the health gate halted scaling.
    halted: NotRequired[Union[str, None]]
    #: Every pending pod and what becomes of it.
    pending: List["PendingPod"]
    #: The nodes to remove, emptiest first.
    scaleDown: List["ScaleDownNode"]
    #: Why scale-down removed nothing more, when it did not run or stopped early.
    scaleDownBlocked: NotRequired[Union[str, None]]
    #: The nodes to add, if any (one group per step, as CA).
    scaleUp: NotRequired[Union["ScaleUp", None]]
    #: Every managed node that is unneeded, and since when.
    unneeded: List["UnneededStatus"]
    #: The managed nodes' water level and the slot-pod delta.
    waterLevel: "WaterLevel"


class Deploy(TypedDict):
    """Deploy and schedule settings (部署和调度配置)."""
    #: A beta group first (one pod per unit); default true.
    beta: NotRequired[Union[bool, None]]
    #: Pod grouping; default fast with at least 3 groups.
    grouping: NotRequired[Union["Grouping", None]]
    #: SOFAMesh injection and traffic shifting.
    mesh: NotRequired[Union["Mesh", None]]
    #: Node affinity (应用服务与节点亲和性).
    nodeAffinity: NotRequired[Union["NodeSelector", None]]
    #: Pause after each group; default true.
    pauseBetweenGroups: NotRequired[Union[bool, None]]
    #: Pod schedule policy; default (and only) `evenAcrossUnits`.
    schedulePolicy: NotRequired[Union["SchedulePolicy", None]]
    #: Affinity to other app services' pods (应用服务间亲和性).
    serviceAffinity: NotRequired[List["ServiceAffinity"]]
    #: Deployment units; empty: every unit of the workspace.
    units: NotRequired[List[str]]
    #: `inPlace` (default) or `replace`.
    upgradeMode: NotRequired[Union["UpgradeMode", None]]


class DerivedLimits(TypedDict):
    """The cluster limits the node groups imply (seed 9.6), read-only."""
    #: Σ maxNodes × template CPU.
    maxCores: "Quantity"
    #: Σ maxNodes × template memory.
    maxMemory: "Quantity"
    #: Σ maxNodes.
    maxNodes: int
    #: Σ minNodes × template CPU.
    minCores: "Quantity"
    #: Σ minNodes × template memory.
    minMemory: "Quantity"


DiffInput = TypedDict("DiffInput", {
    "from": "AppService",
    "profile": "NotRequired[Union[PlatformProfile, None]]",
    "rules": "NotRequired[Union[InPlaceRules, None]]",
    "to": "AppService",
})
"""Input of [`diff`]."""


class Draft(TypedDict):
    """The one draft (草稿): an editable copy of a version, not validated until submit."""
    #: The version it started from.
    basedOn: str
    #: When it was started.
    createdAt: str
    #: The spec being edited.
    spec: "AppService"
    #: When it was last changed.
    updatedAt: str


class DrainInput(TypedDict):
    """Input of [`drain`]."""
    #: The node to drain.
    node: str
    #: The cluster.
    snapshot: "ClusterSnapshot"


class DrainNodeResult(TypedDict):
    """The result of [`Scheduler::drain`]: [`super::ops::DrainResult`] without the snapshot."""
    #: Pods that stay: DaemonSet pods and pods on node-local storage, with the reason.
    kept: List["KeptPod"]
    #: Evicted pods and where they went (or why they are pending).
    placements: List["Placement"]


class DrainResult(TypedDict):
    """The result of [`drain`]."""
    #: Pods that stay: DaemonSet pods (not evicted) and pods on node-local storage
    #: (cannot move), `namespace/name` with the reason.
    kept: List["KeptPod"]
    #: Evicted pods and where they went (or why they are pending).
    placements: List["Placement"]
    #: The snapshot afterwards (the node cordoned).
    snapshot: "ClusterSnapshot"


class Effective(TypedDict):
    """What is in effect at an instant."""
    #: When that policy fired (RFC 3339, in its schedule's zone).
    firedAt: NotRequired[Union[str, None]]
    #: For `metric`: the HPA to run inside the window (hand this to [`super::hpa::HpaState`]).
    hpa: NotRequired[Union["HpaSpec", None]]
    #: The kind of value.
    kind: "EffectiveKind"
    #: For `metric`: the band's upper bound.
    maxReplicas: NotRequired[Union[int, None]]
    #: For `metric`: the band's lower bound.
    minReplicas: NotRequired[Union[int, None]]
    #: The policy in effect.
    policy: NotRequired[Union[str, None]]
    #: Why, in words.
    reason: str
    #: The replicas (for `metric`: the current replicas brought into the band, when known).
    replicas: NotRequired[Union[int, None]]
    #: For `metric`: the targets.
    targets: NotRequired[Union["MetricTargets", None]]
    #: When its window ends (duration policies); absent too when it would end after
    #: `9999-12-31T23:59:59Z`, which has no RFC 3339 form.
    until: NotRequired[Union[str, None]]


class EffectiveAtInput(TypedDict):
    """Input of [`effective_at`]."""
    #: The instant, RFC 3339.
    at: str
    #: The replicas running now; absent means the first release (`initialReplicas`).
    currentReplicas: NotRequired[Union[int, None]]
    #: The app service's scaling.
    scaling: "Scaling"


class EngineStatus(TypedDict):
    """A console's view of the engine."""
    #: The order's id.
    id: str
    #: The order's outcome, once final.
    outcome: NotRequired[Union["OrderOutcome", None]]
    #: Every service.
    services: List["ServiceStatus"]
    #: `start` was received.
    started: bool


class EnvVar(TypedDict):
    """An environment variable: a literal `value` or a `valueFrom` reference (exactly one)."""
    #: A C identifier `[A-Za-z_][A-Za-z0-9_]*`, unique in the container.
    name: str
    #: A literal value (手动输入).
    value: NotRequired[Union[str, None]]
    #: A reference to a ConfigMap or Secret key (配置项 / 保密字典).
    valueFrom: NotRequired[Union["EnvVarSource", None]]


class EnvVarSource(TypedDict):
    """Where an environment variable's value comes from (exactly one)."""
    #: A key of a ConfigMap.
    configMapKeyRef: NotRequired[Union["KeyRef", None]]
    #: A key of a Secret.
    secretKeyRef: NotRequired[Union["KeyRef", None]]


class ErrorDetailsValidation(TypedDict):
    """The input is well-formed data but breaks one or more rules; every problem is listed."""
    #: The field errors, in the order the input was walked.
    fields: List["FieldError"]
    type: Literal["validation"]


class ErrorDetailsParseQuantity(TypedDict):
    """A Kubernetes quantity string could not be parsed."""
    #: The text as given (serialised: at most 64 characters, then `…`).
    input: str
    #: The reason, a stable code.
    reason: "QuantityErrorReason"
    type: Literal["parseQuantity"]


class ErrorDetailsInvalidInput(TypedDict):
    """The input does not have the expected shape (wrong type, missing field, a number out
    of range for its field, NaN): what a binding reports when conversion fails."""
    #: The field path of the offending value, Kubernetes style
    #: (`spec.containers[0].resources`); empty for the whole input.
    path: str
    #: The converter's message (at most 256 characters).
    reason: str
    type: Literal["invalidInput"]


class ErrorDetailsInvalidTransition(TypedDict):
    """The command is not allowed in the engine's current state; nothing changed."""
    #: The command (or event) that was refused.
    command: str
    #: The state that refuses it, as words (`when there is no draft`).
    state: str
    type: Literal["invalidTransition"]


class ErrorDetailsConflict(TypedDict):
    """Another release or operation holds the app service, or a choice must be made first;
    nothing changed."""
    #: Why, as one line.
    reason: str
    type: Literal["conflict"]


class ErrorDetailsCycle(TypedDict):
    """The dependencies form one or more cycles; each is listed as the names along it,
    ending where it starts (`["a", "b", "a"]`)."""
    #: Every cycle, one per strongly connected component, in name order.
    cycles: List[List[str]]
    type: Literal["cycle"]


class ErrorDetailsNotFound(TypedDict):
    """A referenced thing does not exist; nothing changed."""
    #: Its id as given (serialised: at most 64 characters, then `…`).
    id: str
    #: What kind of thing (`version`, `container`).
    kind: str
    type: Literal["notFound"]


class ErrorReport(TypedDict):
    """The error as it crosses a language boundary: `{code, message, details}`."""
    #: The stable code (see [`Error::code`]).
    code: str
    #: The structured details, tagged by `type` (the same word as `code`, in camelCase).
    details: "ErrorDetails"
    #: The one-line human message; never match on it.
    message: str


class ExecAction(TypedDict):
    """A command run in the container."""
    #: The command and its arguments; not empty.
    command: List[str]


class ExternalMetricSource(TypedDict):
    """`ExternalMetricSource`."""
    #: The metric.
    metric: "MetricIdentifier"
    #: `Value` or `AverageValue`.
    target: "MetricTarget"


class FailedRelease(TypedDict):
    """A release that failed and still blocks new release orders (seed 6.7)."""
    #: When it failed.
    at: str
    #: The failed release order.
    releaseOrder: str
    #: The version it was releasing.
    version: str


class FieldError(TypedDict):
    """One broken rule, at a Kubernetes-style field path such as
    `spec.template.containers[0].resources.requests.cpu`."""
    #: The kind of problem, a stable code.
    code: "FieldErrorCode"
    #: One lowercase line saying what is wrong.
    message: str
    #: Field path, Kubernetes style (`a.b[0].c`, map keys as `labels[key]`).
    path: str


class Fit(TypedDict):
    """Whether a pod fits."""
    #: Every filter passed.
    fits: bool
    #: The refusal, when it does not fit.
    refusal: NotRequired[Union["NodeRefusal", None]]


class FitsTemplateInput(TypedDict):
    """Input of [`fits_template`]."""
    #: Label keys, if not the seed's.
    labelKeys: NotRequired[Union["LabelKeys", None]]
    #: A node as a node group would create it (empty).
    node: "Node"
    #: The pod.
    pod: "Pod"


class GroupBackoff(TypedDict):
    """A group's backoff (CA `exponential_backoff.go`)."""
    #: The last failure.
    lastFailure: "Timestamp"
    #: The length of this backoff, seconds (doubles on the next failure after it ends).
    seconds: int
    #: No scale-up before then.
    until: "Timestamp"


class GroupStatus(TypedDict):
    """A node group's state and scale-up verdict."""
    #: Backed off until then.
    backedOffUntil: NotRequired[Union["Timestamp", None]]
    #: Nodes asked for that failed and were not deleted yet.
    failedNodes: int
    #: The group.
    group: str
    #: What the verdict rests on.
    message: str
    #: Its nodes in the snapshot.
    size: int
    #: Nodes asked for that have not joined.
    upcoming: int
    #: The scale-up verdict.
    verdict: "GroupVerdict"


class GroupingFast(TypedDict):
    """Groups spread evenly over the units (快速分组)."""
    #: The minimum number of groups, ≥ 1; default 3.
    minGroups: NotRequired[Union[int, None]]
    type: Literal["fast"]


class GroupingPerPod(TypedDict):
    """One pod per group (每个 Pod 一组)."""
    type: Literal["perPod"]


class GroupingSingle(TypedDict):
    """All pods in one group (共分一组)."""
    type: Literal["single"]


class GroupsInput(TypedDict):
    """Input of [`plan_groups`]."""
    #: Release a beta group first; default true.
    beta: NotRequired[Union[bool, None]]
    #: The grouping strategy; default fast with 3 groups.
    grouping: NotRequired[Union["Grouping", None]]
    #: A new version is released (rollbacks and restarts of the same version have no beta
    #: group); default true.
    newVersion: NotRequired[Union[bool, None]]
    #: Pause after each group but the last; default true.
    pauseBetweenGroups: NotRequired[Union[bool, None]]
    #: The pods, in the order they are taken.
    pods: List["PodRef"]


class GuardEntry(TypedDict):
    """The per-service state of the guard."""
    #: The order whose release of it failed (it still holds it).
    failedIn: NotRequired[Union[str, None]]
    #: What holds the service now.
    hold: NotRequired[Union["Hold", None]]


class GuardEventBeginOrder(TypedDict):
    """An order takes its services (all or none)."""
    #: The order.
    order: str
    #: Its services.
    services: List[str]
    type: Literal["beginOrder"]


class GuardEventFinishService(TypedDict):
    """A service of an order reached an outcome (`failed` keeps it held by the order)."""
    #: The order.
    order: str
    #: The outcome.
    outcome: "GuardOutcome"
    #: The service.
    service: str
    type: Literal["finishService"]


class GuardEventBeginOperation(TypedDict):
    """An operation takes a service."""
    #: The operation.
    operation: str
    #: The service.
    service: str
    type: Literal["beginOperation"]


class GuardEventEndOperation(TypedDict):
    """The operation on a service ended."""
    #: The service.
    service: str
    type: Literal["endOperation"]


class GuardSnapshot(TypedDict):
    """A guard's state, as [`ReleaseGuard::snapshot`] gives it and [`ReleaseGuard::restore`]
    takes it."""
    #: The last instant handled; absent before the first event.
    at: NotRequired[Union["Timestamp", None]]
    #: Every service that is or was held.
    services: NotRequired[Dict[str, "GuardEntry"]]


class HealthGate(TypedDict):
    """CA's cluster health gate: unready nodes above both numbers halt scaling."""
    #: Unready share tolerated, percent; default 45.
    maxTotalUnreadyPercentage: NotRequired[int]
    #: Unready nodes tolerated whatever the share; default 3.
    okTotalUnreadyCount: NotRequired[int]


class HistoryEventCreate(TypedDict):
    """Create the app service: its first version, `v1`."""
    #: Who.
    author: str
    #: The spec (validated and normalized).
    spec: "AppService"
    type: Literal["create"]


class HistoryEventEdit(TypedDict):
    """Open the draft: a new one from the newest version, or the existing one (`draft`
    decides; without it an existing draft is a `conflict`)."""
    #: What to do with an existing draft.
    draft: NotRequired[Union["DraftChoice", None]]
    type: Literal["edit"]


class HistoryEventUpdateDraft(TypedDict):
    """Replace the draft's spec (not validated until submit)."""
    #: The edited spec.
    spec: "AppService"
    type: Literal["updateDraft"]


class HistoryEventCopyToDraft(TypedDict):
    """Start a draft from any version (拷贝到草稿); an existing draft is a `conflict` unless
    `discardDraft` is true."""
    #: Throw away an existing draft.
    discardDraft: NotRequired[bool]
    type: Literal["copyToDraft"]
    #: The version to copy.
    version: str


class HistoryEventDiscardDraft(TypedDict):
    """Throw away the draft."""
    type: Literal["discardDraft"]


class HistoryEventSubmit(TypedDict):
    """Validate the draft and make it a new version."""
    #: Who.
    author: str
    type: Literal["submit"]


class HistoryEventChangeImage(TypedDict):
    """Quick update: a new version from the newest with one container's image changed; a
    release order should be created for it."""
    #: Who.
    author: str
    #: The container's name.
    container: str
    #: The new image reference.
    image: str
    type: Literal["changeImage"]


class HistoryEventChangeReplicas(TypedDict):
    """Quick update: a new version from the newest with fixed replicas changed."""
    #: Who.
    author: str
    #: The new replica count, ≥ 0.
    replicas: int
    type: Literal["changeReplicas"]


class HistoryEventBeginRelease(TypedDict):
    """A release order starts publishing (or, with `rollback`, rolling back to) a version."""
    #: The release order.
    releaseOrder: str
    #: A rollback (allowed while a failed release blocks new orders).
    rollback: NotRequired[bool]
    type: Literal["beginRelease"]
    #: The target version.
    version: str


class HistoryEventMarkPublished(TypedDict):
    """The release order succeeded: its version is deployed."""
    #: The release order.
    releaseOrder: str
    type: Literal["markPublished"]


class HistoryEventMarkFailed(TypedDict):
    """The release order failed: new orders are blocked until it is retried, rolled back or
    cancelled."""
    #: The release order.
    releaseOrder: str
    type: Literal["markFailed"]


class HistoryEventCancelRelease(TypedDict):
    """The release order was cancelled (in progress or failed)."""
    #: The release order.
    releaseOrder: str
    type: Literal["cancelRelease"]


class HistoryEventBeginOperation(TypedDict):
    """An operation (restart, scale, ...) begins."""
    #: Its name.
    operation: str
    type: Literal["beginOperation"]


class HistoryEventEndOperation(TypedDict):
    """The operation in progress ended."""
    type: Literal["endOperation"]


class HistoryEventDelete(TypedDict):
    """Delete the app service (refused while a release or operation is in progress)."""
    type: Literal["delete"]


class HistoryOutcome(TypedDict):
    """What an event produced."""
    #: The draft opened or changed.
    draft: NotRequired[Union["Draft", None]]
    #: A quick update made a version that needs a release order (seed 6.4: "提交后会自动生成
    #: 发布单").
    releaseOrderRequired: NotRequired[bool]
    #: The version created (create, submit, quick updates) or affected (release outcomes).
    version: NotRequired[Union["Version", None]]


class HistorySnapshot(TypedDict):
    """A version history's state, as [`VersionHistory::snapshot`] gives it and
    [`VersionHistory::restore`] takes it (every field is essential: nothing in it is
    derived)."""
    #: The release or operation in progress.
    activity: NotRequired[Union["Activity", None]]
    #: The last instant handled; absent before the first event.
    at: NotRequired[Union["Timestamp", None]]
    #: The app service was deleted; every event is refused.
    deleted: NotRequired[bool]
    #: The version the latest finished or cancelled release targeted: what is, at least in
    #: part, on the pods now.
    deployedVersion: NotRequired[Union[str, None]]
    #: The draft, if any.
    draft: NotRequired[Union["Draft", None]]
    #: Whether any release of this app service ever succeeded.
    everReleased: NotRequired[bool]
    #: A failed release that blocks new release orders.
    failedRelease: NotRequired[Union["FailedRelease", None]]
    #: The version of the latest successful release: what a rollback returns to.
    lastSuccessfulVersion: NotRequired[Union[str, None]]
    #: The platform restrictions every submit is validated against.
    profile: NotRequired[Union["PlatformProfile", None]]
    #: Every version, oldest first.
    versions: NotRequired[List["Version"]]


class HoldRelease(TypedDict):
    """A release order is releasing it (or rolling it back)."""
    #: The order.
    order: str
    type: Literal["release"]


class HoldOperation(TypedDict):
    """An operation (restart, scale, ...) runs on it."""
    #: The operation.
    operation: str
    type: Literal["operation"]


class HpaBehavior(TypedDict):
    """`HorizontalPodAutoscalerBehavior`: when present, absent parts take the API defaults."""
    #: Default: window = the controller's downscale stabilisation (300 s), `Max` of
    #: 100 % / 15 s.
    scaleDown: NotRequired[Union["HpaScalingRules", None]]
    #: Default: window 0 s, `Max` of 4 pods / 15 s and 100 % / 15 s.
    scaleUp: NotRequired[Union["HpaScalingRules", None]]


class HpaConfig(TypedDict):
    """The controller's flags (`kube-controller-manager --horizontal-pod-autoscaler-*`), with
    the defaults of `RecommendedDefaultHPAControllerConfiguration`."""
    #: 300 s: CPU samples of pods younger than this need a ready window first.
    cpuInitializationPeriodSeconds: NotRequired[int]
    #: 300 s: the scale-down stabilisation window (legacy path, and `behavior.scaleDown`
    #: without a window).
    downscaleStabilizationSeconds: NotRequired[int]
    #: 30 s: a pod unready this soon after start has never been ready.
    initialReadinessDelaySeconds: NotRequired[int]
    #: 2.0: the legacy path allows `max(factor × current, minimum)` per sync.
    scaleUpLimitFactor: NotRequired[float]
    #: 4.0: see `scaleUpLimitFactor`.
    scaleUpLimitMinimum: NotRequired[float]
    #: 15 s (`--horizontal-pod-autoscaler-sync-period`): how often the controller
    #: reconciles; [`crate::HpaState::poll_timeout`] is this long after the last one.
    syncPeriodSeconds: NotRequired[int]
    #: Default tolerance, 0.1: a ratio within `[1 − t, 1 + t]` changes nothing.
    tolerance: NotRequired[float]


class HpaContainer(TypedDict):
    """A container's requests."""
    #: The container name.
    name: str
    #: `resources.requests`.
    requests: NotRequired[Dict[str, "Quantity"]]
    #: An init container with `restartPolicy: Always` (a sidecar): its requests count. A
    #: plain init container is not listed at all.
    restartable: NotRequired[Union[bool, None]]


class HpaInput(TypedDict):
    """One reconcile's observations (the time is `handle`'s `now`): the HPA, the scale
    subresource, the pods and what the
    metrics APIs returned."""
    #: `scale.spec.replicas` of the target.
    currentReplicas: int
    #: What each metric of `spec.metrics` returned, in the same order.
    metrics: List["MetricValue"]
    #: The pods the target's selector matches.
    pods: NotRequired[List["HpaPod"]]
    #: The autoscaler.
    spec: "HpaSpec"
    #: `scale.status.replicas`; default `currentReplicas` (used by per-pod Object and
    #: External targets).
    statusReplicas: NotRequired[Union[int, None]]


class HpaPod(TypedDict):
    """A pod as the HPA reads it (a subset of `v1.Pod`, flattened)."""
    #: `spec.containers` (and restartable init containers, marked `restartable`).
    containers: NotRequired[List["HpaContainer"]]
    #: `metadata.deletionTimestamp` is set.
    deleting: NotRequired[Union[bool, None]]
    #: `metadata.name`, unique.
    name: str
    #: `status.phase`; default `Running`.
    phase: NotRequired[Union["PodPhase", None]]
    #: The `Ready` condition's status; absent when the pod has no `Ready` condition.
    ready: NotRequired[Union[bool, None]]
    #: The `Ready` condition's `lastTransitionTime` (RFC 3339); default `startTime`.
    readyTransitionTime: NotRequired[Union[str, None]]
    #: Pod-level `spec.resources.requests` (`PodLevelResources`): when set, a Resource
    #: metric uses it instead of summing containers.
    requests: NotRequired[Union[Dict[str, "Quantity"], None]]
    #: `status.startTime` (RFC 3339); absent for a pod not started.
    startTime: NotRequired[Union[str, None]]


class HpaRecommendation(TypedDict):
    """The HPA's decision for one reconcile."""
    #: `currentReplicas` of the input.
    currentReplicas: int
    #: What the target should be scaled to.
    desiredReplicas: int
    #: The reason in words.
    message: str
    #: The metric that proposed `metricReplicas`.
    metricName: NotRequired[Union[str, None]]
    #: The largest proposal of the valid metrics, before stabilisation and limits.
    metricReplicas: NotRequired[Union[int, None]]
    #: One entry per `spec.metrics` entry (empty on an early exit).
    metrics: List["MetricStatus"]
    #: Why (the `ScalingLimited` reason, or an early exit).
    reason: "HpaReason"
    #: `desiredReplicas != currentReplicas`: the caller scales the target.
    rescale: bool
    #: The stabilisation verdict.
    stabilization: NotRequired[Union["Stabilization", None]]
    #: After the stabilisation window, before rate limits and bounds.
    stabilizedReplicas: NotRequired[Union[int, None]]


class HpaScalingPolicy(TypedDict):
    """`HPAScalingPolicy`."""
    #: 1–1800 seconds.
    periodSeconds: int
    #: `Pods` or `Percent`.
    type: "HpaScalingPolicyType"
    #: Pods or percent, ≥ 1.
    value: int


class HpaScalingRules(TypedDict):
    """`HPAScalingRules`: absent fields take the defaults of their direction."""
    #: Rate limits; an empty list is allowed only with `Disabled`.
    policies: NotRequired[Union[List["HpaScalingPolicy"], None]]
    #: `Max` (default), `Min` or `Disabled`.
    selectPolicy: NotRequired[Union["SelectPolicy", None]]
    #: 0–3600 seconds.
    stabilizationWindowSeconds: NotRequired[Union[int, None]]
    #: Tolerance of this direction (KEP-4951), a quantity such as `0.05`; default the
    #: controller's (0.1).
    tolerance: NotRequired[Union["Quantity", None]]


class HpaSnapshot(TypedDict):
    """An HPA's state, as [`HpaState::snapshot`] gives it and [`HpaState::restore`] takes it
    (every field is essential: nothing in it is derived)."""
    #: The last reconcile's instant; absent before the first.
    at: NotRequired[Union["Timestamp", None]]
    #: The controller's flags.
    config: NotRequired["HpaConfig"]
    #: The recommendation history; `null` until the first reconcile, which seeds it with
    #: `{currentReplicas, now}` (so a fresh HPA cannot scale down within the window).
    recommendations: NotRequired[Union[List["TimedRecommendation"], None]]
    #: Scale-down events (behaviour path only).
    scaleDownEvents: NotRequired[List["ScaleEvent"]]
    #: Scale-up events (behaviour path only).
    scaleUpEvents: NotRequired[List["ScaleEvent"]]


class HpaSpec(TypedDict):
    """`HorizontalPodAutoscalerSpec` without `scaleTargetRef` (weir is told the target's
    replicas directly)."""
    #: Scaling behaviour; absent means the legacy path (`max(2 × current, 4)` per sync).
    behavior: NotRequired[Union["HpaBehavior", None]]
    #: Upper bound, ≥ 1 and ≥ `minReplicas`.
    maxReplicas: int
    #: The metrics; the largest proposal wins. At least one.
    metrics: List["MetricSpec"]
    #: Lower bound; default 1 (`pkg/apis/autoscaling/v2/defaults.go`).
    minReplicas: NotRequired[Union[int, None]]


class HttpGetAction(TypedDict):
    """An HTTP GET check or hook."""
    #: Request path, starting with `/`.
    path: str
    #: Container port, 1–65535.
    port: int


class ImageSourceRegistry(TypedDict):
    """The `image` reference is pulled from a registry (镜像仓库)."""
    type: Literal["registry"]


class ImageSourceBuild(TypedDict):
    """A build record of the owning app (构建记录)."""
    #: The build record id.
    buildId: str
    type: Literal["build"]


class ImageSourcePackage(TypedDict):
    """Built from an uploaded package (从包构建)."""
    #: The base image; default `reg-cnsh-nf.cloud.alipay.com/library/sofaboot-runtime:2.0_java8`.
    baseImage: NotRequired[Union[str, None]]
    #: The uploaded package.
    packagePath: str
    #: Where the built image is pushed.
    targetImage: str
    #: Where the package goes in the image; absolute.
    targetPath: str
    type: Literal["package"]


class KeptPod(TypedDict):
    """A pod a drain leaves in place."""
    #: `namespace/name`.
    pod: str
    #: Why.
    reason: str


class KeyRef(TypedDict):
    """A key of a named ConfigMap or Secret."""
    #: The key.
    key: str
    #: The object's name.
    name: str


class LabelKeys(TypedDict):
    """Label keys with a meaning (seed 6.2, 9.1)."""
    #: The node's own name as a label (app-service affinity); default `kubernetes.io/hostname`.
    hostname: NotRequired[str]
    #: Marks sub-cluster (elastic) nodes; default `cafe.sofastack.io/sub-cluster`.
    subCluster: NotRequired[str]
    #: The value of `subCluster` on sub-cluster nodes; default `default`.
    subClusterValue: NotRequired[str]
    #: The deployment unit of a node; default `cafe.sofastack.io/cell`.
    unit: NotRequired[str]
    #: The zone of a node (zone-bound volumes); default `cafe.sofastack.io/zone`.
    zone: NotRequired[str]


class LabelSelector(TypedDict):
    """A Kubernetes label selector (`metav1.LabelSelector`)."""
    #: Requirements, AND'ed with `matchLabels`.
    matchExpressions: NotRequired[List["LabelSelectorRequirement"]]
    #: Exact key/value pairs, each like an `In` with one value.
    matchLabels: NotRequired[Dict[str, str]]


class LabelSelectorMatch(TypedDict):
    """Output of [`match_label_selector`]."""
    #: Whether the labels satisfy the selector.
    matches: bool


class LabelSelectorMatchInput(TypedDict):
    """Input of [`match_label_selector`]."""
    #: The labels to test.
    labels: NotRequired[Dict[str, str]]
    #: The selector; `null` (absent) matches nothing, `{}` matches everything.
    selector: NotRequired[Union["LabelSelector", None]]


class LabelSelectorRequirement(TypedDict):
    """One requirement of a label selector."""
    #: The label key.
    key: str
    #: How the key relates to the values.
    operator: "LabelSelectorOperator"
    #: The values (none for `Exists`/`DoesNotExist`).
    values: NotRequired[List[str]]


class LabelsInput(TypedDict):
    """Input of [`validate_labels`]."""
    #: The labels to check.
    labels: NotRequired[Dict[str, str]]


class LbPort(TypedDict):
    """A load balancer port mapping."""
    #: Back-end port, 1–65535.
    backendPort: int
    #: Front-end port, 1–65535.
    frontendPort: int
    #: Health check on; default true; TCP ports must keep it on.
    healthCheck: NotRequired[Union[bool, None]]
    #: `TCP`, `HTTP` or `HTTPS`.
    protocol: "LbProtocol"
    #: Forwarding rule: `wrr` (按权重) or `wlc` (按权重并且最小连接数); default `wrr`.
    scheduler: NotRequired[Union["LbScheduler", None]]


class Lifecycle(TypedDict):
    """Lifecycle hooks (生命周期事件回调)."""
    #: Runs after the container starts.
    postStart: NotRequired[Union["LifecycleHandler", None]]
    #: Runs before the container stops.
    preStop: NotRequired[Union["LifecycleHandler", None]]


class LifecycleHandler(TypedDict):
    """A lifecycle hook: exactly one of `exec` and `httpGet`."""
    #: Run a command.
    exec: NotRequired[Union["ExecAction", None]]
    #: HTTP GET.
    httpGet: NotRequired[Union["HttpGetAction", None]]


class LoadPoint(TypedDict):
    """One point of a load series."""
    #: Time of day, `HH:MM`, in the scenario's time zone; strictly increasing.
    at: str
    #: The CPU used by all the service's pods together.
    cpu: "Quantity"


class LogConfig(TypedDict):
    """Log collection into a log store (seed 6.3, 6.8)."""
    #: Log store name: lowercase letters, digits, `-`, `_`; starts and ends with a lowercase
    #: letter or digit; 3–63 bytes.
    logstore: str
    #: Absolute path globs, e.g. `/home/admin/logs/*.log`; at least one.
    paths: List[str]
    #: Days kept, 1–3000; default 30.
    retentionDays: NotRequired[Union[int, None]]
    #: Shards, 1–10; default 2.
    shards: NotRequired[Union[int, None]]


class Mesh(TypedDict):
    """SOFAMesh settings (注入 SOFAMesh)."""
    #: Inject the mesh sidecar.
    enabled: bool
    #: The service traffic is shifted for (引流的目标服务).
    targetService: NotRequired[Union[str, None]]
    #: Share of traffic shifted to the new version, 0–100 (引流比例).
    trafficPercent: NotRequired[Union[int, None]]


class MetricIdentifier(TypedDict):
    """`MetricIdentifier`."""
    #: The metric's name.
    name: str
    #: Narrows the metric (passed through; the caller's metrics API applies it).
    selector: NotRequired[Union["LabelSelector", None]]


class MetricSpecResource(TypedDict):
    """A resource of the pods (`cpu`, `memory`) as utilisation of requests or an average value."""
    #: The source.
    resource: "ResourceMetricSource"
    type: Literal["Resource"]


class MetricSpecContainerResource(TypedDict):
    """A resource of one named container of each pod."""
    #: The source.
    containerResource: "ContainerResourceMetricSource"
    type: Literal["ContainerResource"]


class MetricSpecPods(TypedDict):
    """A per-pod custom metric, averaged over the pods (`AverageValue` target)."""
    #: The source.
    pods: "PodsMetricSource"
    type: Literal["Pods"]


class MetricSpecObject(TypedDict):
    """A metric of another Kubernetes object (`Value` or `AverageValue` target)."""
    #: The source.
    object: "ObjectMetricSource"
    type: Literal["Object"]


class MetricSpecExternal(TypedDict):
    """A metric from outside the cluster (`Value` or `AverageValue` target)."""
    #: The source.
    external: "ExternalMetricSource"
    type: Literal["External"]


class MetricStatus(TypedDict):
    """What one metric said."""
    #: The average per pod (Resource, Pods, per-pod Object/External targets).
    currentAverageValue: NotRequired[Union["Quantity", None]]
    #: For utilisation targets: the integer percent of requests.
    currentUtilization: NotRequired[Union[int, None]]
    #: The total (Object and External `Value` targets).
    currentValue: NotRequired[Union["Quantity", None]]
    #: Why the metric is invalid.
    error: NotRequired[Union[str, None]]
    #: The resource or metric name.
    name: str
    #: How the proposal came about.
    outcome: "MetricOutcome"
    #: Ready pods counted; pods left out as unready, missing a sample, or ignored.
    pods: NotRequired[Union["PodCounts", None]]
    #: The replicas this metric proposes; absent when invalid.
    proposal: NotRequired[Union[int, None]]
    #: The usage ratio to the target before rebalancing.
    ratio: NotRequired[Union[float, None]]
    #: `Resource`, `ContainerResource`, `Pods`, `Object` or `External`.
    type: str


class MetricTarget(TypedDict):
    """`MetricTarget`: exactly the field its `type` names must be set."""
    #: For `Utilization`: percent of the request, ≥ 1.
    averageUtilization: NotRequired[Union[int, None]]
    #: For `AverageValue`.
    averageValue: NotRequired[Union["Quantity", None]]
    #: `Utilization`, `Value` or `AverageValue`.
    type: "MetricTargetType"
    #: For `Value`.
    value: NotRequired[Union["Quantity", None]]


class MetricTargets(TypedDict):
    """Metric targets in percent of requests (`cpu_util`, `mem_util` in the seed)."""
    #: Target CPU utilisation, percent, ≥ 1.
    cpuUtil: NotRequired[Union[int, None]]
    #: Target memory utilisation, percent, ≥ 1.
    memUtil: NotRequired[Union[int, None]]


class MetricValue(TypedDict):
    """What the metrics API returned for one metric of the spec. Per metric type:
    Resource/ContainerResource/Pods → `pods`; Object → `value`; External → `values`; a
    failed fetch → `error` (the metric is invalid for this reconcile)."""
    #: Why the metric could not be read.
    error: NotRequired[Union[str, None]]
    #: Per-pod samples.
    pods: NotRequired[Union[List["PodSample"], None]]
    #: The object's value.
    value: NotRequired[Union["Quantity", None]]
    #: The external metric's series; they are summed.
    values: NotRequired[Union[List["Quantity"], None]]


NextChangesInput = TypedDict("NextChangesInput", {
    "count": "NotRequired[Union[int, None]]",
    "currentReplicas": "NotRequired[Union[int, None]]",
    "from": "str",
    "scaling": "Scaling",
    "until": "NotRequired[Union[str, None]]",
})
"""Input of [`next_changes`]."""


class Node(TypedDict):
    """A node."""
    #: Name and labels.
    metadata: "ObjectMeta"
    #: Taints and cordon.
    spec: NotRequired["NodeSpec"]
    #: Allocatable resources.
    status: NotRequired["NodeStatus"]


class NodeAffinity(TypedDict):
    """`NodeAffinity`."""
    #: Soft: matching terms add their weight.
    preferredDuringSchedulingIgnoredDuringExecution: NotRequired[List["PreferredSchedulingTerm"]]
    #: Hard: the node must match.
    requiredDuringSchedulingIgnoredDuringExecution: NotRequired[Union["NodeSelector", None]]


class NodeGroupConfig(TypedDict):
    """A node group (seed 9.4): a template and its size bounds. Only `priority`, `minNodes`
    and `maxNodes` are meant to change after creation."""
    #: Most nodes; default 5.
    maxNodes: NotRequired[int]
    #: Fewest nodes; default 0.
    minNodes: NotRequired[int]
    #: Unique name; a node belongs to the group when its `groupLabel` has this value.
    name: str
    #: Scale-up priority, higher first; default 0.
    priority: NotRequired[int]
    #: The node it creates.
    template: "NodeTemplate"


class NodePool(TypedDict):
    """`count` nodes of one template, named `<name>-<i>` (from 1), in one unit."""
    #: How many nodes.
    count: int
    #: Allocatable CPU of each.
    cpu: "Quantity"
    #: Extra labels.
    labels: NotRequired[Dict[str, str]]
    #: Allocatable memory of each.
    memory: "Quantity"
    #: The pool's name: the node name prefix and the group the nodes count in.
    name: str
    #: Allocatable pods of each; default 110.
    pods: NotRequired[Union[int, None]]
    #: Taints.
    taints: NotRequired[List["Taint"]]
    #: The unit.
    unit: str


class NodeRefusal(TypedDict):
    """Why one node was refused."""
    #: The node.
    node: str
    #: The Filter plugin that refused it.
    plugin: str
    #: kube-scheduler's reason text (one entry per short resource).
    reasons: List[str]
    #: Preemption cannot help on this node (`UnschedulableAndUnresolvable`).
    unresolvable: bool


class NodeScore(TypedDict):
    """One candidate node's score."""
    #: The node.
    node: str
    #: Each plugin's weighted score.
    plugins: Dict[str, int]
    #: Σ plugin score × weight.
    total: int


class NodeSelector(TypedDict):
    """A Kubernetes node selector (`requiredDuringSchedulingIgnoredDuringExecution`): its terms
    are OR'ed."""
    #: The terms; at least one.
    nodeSelectorTerms: List["NodeSelectorTerm"]


class NodeSelectorMatch(TypedDict):
    """Output of [`match_node_selector`]."""
    #: The index of the first satisfied term (why it matched), absent when none is.
    matchedTerm: NotRequired[Union[int, None]]
    #: Whether the node satisfies at least one term.
    matches: bool


class NodeSelectorMatchInput(TypedDict):
    """Input of [`match_node_selector`]."""
    #: The node's `metadata.labels`.
    labels: NotRequired[Dict[str, str]]
    #: The node's `metadata.name`.
    nodeName: str
    #: The node selector.
    nodeSelector: "NodeSelector"


class NodeSelectorRequirement(TypedDict):
    """One requirement of a node selector term (`matchExpressions` or `matchFields`)."""
    #: The label key (or `metadata.name` in `matchFields`).
    key: str
    #: How the key relates to the values.
    operator: "NodeSelectorOperator"
    #: The values (none for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`).
    values: NotRequired[List[str]]


class NodeSelectorTerm(TypedDict):
    """One term of a node selector: its requirements are AND'ed."""
    #: Requirements on node labels.
    matchExpressions: NotRequired[List["NodeSelectorRequirement"]]
    #: Requirements on node fields (only `metadata.name`).
    matchFields: NotRequired[List["NodeSelectorRequirement"]]


class NodeSpec(TypedDict):
    """`NodeSpec`."""
    #: Taints.
    taints: NotRequired[List["Taint"]]
    #: Cordoned.
    unschedulable: NotRequired[bool]


class NodeStatus(TypedDict):
    """`NodeStatus`."""
    #: `cpu`, `memory`, `pods`, extended resources. Without `pods` a node takes 110 (the
    #: kubelet's default `maxPods`; kube-scheduler would read 0 and refuse every pod, which
    #: only ever happens with a hand-written node).
    allocatable: NotRequired[Dict[str, "Quantity"]]


class NodeTemplate(TypedDict):
    """The node a group creates."""
    #: Allocatable CPU of one node.
    cpu: "Quantity"
    #: Instance type (label `node.kubernetes.io/instance-type`).
    instanceType: NotRequired[Union[str, None]]
    #: More labels.
    labels: NotRequired[Dict[str, str]]
    #: Allocatable memory of one node.
    memory: "Quantity"
    #: Pods one node takes; default 110.
    pods: NotRequired[int]
    #: Taints.
    taints: NotRequired[List["Taint"]]
    #: Deployment unit (the snapshot's unit label).
    unit: NotRequired[Union[str, None]]
    #: Zone (the snapshot's zone label).
    zone: NotRequired[Union[str, None]]


class ObjectMeta(TypedDict):
    """Object metadata (the parts placement reads)."""
    #: Set when the object is being deleted (terminating pods do not count for spread).
    deletionTimestamp: NotRequired[Union[str, None]]
    #: Labels.
    labels: NotRequired[Dict[str, str]]
    #: Name, unique among nodes (or among pods of a namespace).
    name: str
    #: Namespace (pods); default `default`.
    namespace: NotRequired[Union[str, None]]


class ObjectMetricSource(TypedDict):
    """`ObjectMetricSource`."""
    #: The object the metric describes.
    describedObject: "ObjectReference"
    #: The metric.
    metric: "MetricIdentifier"
    #: `Value` or `AverageValue`.
    target: "MetricTarget"


class ObjectReference(TypedDict):
    """`CrossVersionObjectReference`."""
    #: API version, e.g. `networking.k8s.io/v1`.
    apiVersion: NotRequired[Union[str, None]]
    #: Kind, e.g. `Ingress`.
    kind: str
    #: Name.
    name: str


class OrderService(TypedDict):
    """One app service of a release order."""
    #: Services of the order that must succeed first.
    dependsOn: NotRequired[List[str]]
    #: Estimated duration in seconds, for the critical path.
    durationSeconds: NotRequired[Union[int, None]]
    #: The spec of `fromVersion`.
    fromSpec: NotRequired[Union["AppService", None]]
    #: The version running now, absent on a first release.
    fromVersion: NotRequired[Union[str, None]]
    #: The version of the last successful release (from the version history), for
    #: rollback; absent when the service never released successfully.
    lastSuccessfulVersion: NotRequired[Union[str, None]]
    #: The app service's name (unique in the order).
    name: str
    #: The current pods; absent on a first release (planned from the unit split).
    pods: NotRequired[Union[List["PodRef"], None]]
    #: The spec of `toVersion`.
    toSpec: "AppService"
    #: The version to release (`v3`) and its spec.
    toVersion: str


class ParsedQuantity(TypedDict):
    """The result of [`parse_quantity`]: the canonical form and the exact values.
    
    Values are decimal strings because they can exceed 2^53 (JavaScript's exact integers)."""
    #: The canonical Kubernetes form (`1536Mi`, `500m`).
    canonical: str
    #: The format the canonical form is written in.
    format: "QuantityFormat"
    #: Thousandths of a unit, rounded up (millicores for CPU), as a decimal string.
    milliValue: str
    #: Whole units, rounded up (bytes for memory), as a decimal string.
    value: str


class PausePoint(TypedDict):
    """A pause after a group."""
    #: The group it follows.
    afterGroup: int
    #: Why.
    reason: "PauseReason"


class PendingPod(TypedDict):
    """A pending pod and what becomes of it."""
    #: Details (the node, the groups' refusals).
    message: str
    #: `namespace/name`.
    pod: str
    #: What becomes of it.
    reason: "PendingReason"


class PendingWait(TypedDict):
    """How long a pod waited for a node."""
    #: The pod.
    pod: str
    #: Seconds waited (until the end when still waiting).
    seconds: int
    #: Its service; absent for a slot pod.
    service: NotRequired[Union[str, None]]
    #: When it started waiting.
    since: "Timestamp"
    #: When it got a node (or was removed, scaled down while waiting); absent: still
    #: waiting at the end.
    until: NotRequired[Union["Timestamp", None]]


class PlaceInput(TypedDict):
    """Input of [`place`]."""
    #: Preempt lower-priority (slot) pods when a unit is full; default false.
    preemption: NotRequired[Union[bool, None]]
    #: How many pods to place.
    replicas: int
    #: The cluster.
    snapshot: "ClusterSnapshot"
    #: The service's pod template (`metadata.name` is the name prefix); its
    #: `hints.units` are the service's units unless `units` is given.
    template: "Pod"
    #: The service's deployment units, in order.
    units: NotRequired[List[str]]


class PlacePodsInput(TypedDict):
    """Input of [`Scheduler::place`]: [`super::place::PlaceInput`] without the snapshot."""
    #: Preempt lower-priority (slot) pods when a unit is full; default false.
    preemption: NotRequired[Union[bool, None]]
    #: How many pods to place.
    replicas: int
    #: The service's pod template (`metadata.name` is the name prefix); its
    #: `hints.units` are the service's units unless `units` is given.
    template: "Pod"
    #: The service's deployment units, in order.
    units: NotRequired[List[str]]


class PlacePodsResult(TypedDict):
    """The result of [`Scheduler::place`]: [`super::place::PlaceResult`] without the snapshot
    (the scheduler keeps it)."""
    #: Pods no unit could take, with the reasons across all the service's units.
    pending: List["Placement"]
    #: Every pod placed, in order.
    placements: List["Placement"]
    #: Per unit, in the given order.
    units: List["UnitPlacement"]


class PlaceResult(TypedDict):
    """The result of [`place`]."""
    #: Pods no unit could take, with the reasons across all the service's units.
    pending: List["Placement"]
    #: Every pod placed, in order.
    placements: List["Placement"]
    #: The snapshot afterwards.
    snapshot: "ClusterSnapshot"
    #: Per unit, in the given order.
    units: List["UnitPlacement"]


class Placement(TypedDict):
    """Where one pod goes, or why it cannot."""
    #: How many nodes passed every filter.
    feasibleNodes: int
    #: kube-scheduler's summary (`0/5 nodes are available: ...`).
    message: NotRequired[Union[str, None]]
    #: The node; absent: unschedulable.
    node: NotRequired[Union[str, None]]
    #: `namespace/name`.
    pod: str
    #: Set when the pod got its node by preempting others.
    preemption: NotRequired[Union["Preemption", None]]
    #: Why each refused node was refused (unschedulable pods; capped at 1,000 nodes).
    refusals: NotRequired[List["NodeRefusal"]]
    #: The best candidates (at most 5), best first; the first is the choice.
    scores: NotRequired[List["NodeScore"]]


class PlatformProfile(TypedDict):
    """Where the app service runs: what the platform allows (seed 1.7 / 1.8)."""
    #: The target cluster, when known: checks units, node autoscaling and mesh against it.
    cluster: NotRequired[Union["ClusterProfile", None]]
    #: Public cloud (default) or private cloud.
    platform: NotRequired[Union["Platform", None]]


class Pod(TypedDict):
    """A pod."""
    #: weir's hints: what the platform knows that Kubernetes' pod does not say.
    hints: NotRequired[Union["PodHints", None]]
    #: Name, namespace, labels.
    metadata: "ObjectMeta"
    #: What placement reads.
    spec: NotRequired["PodSpec"]
    #: `status.startTime` (preemption prefers victims started later).
    status: NotRequired[Union["PodRunStatus", None]]


class PodAffinity(TypedDict):
    """`PodAffinity` / `PodAntiAffinity`."""
    #: Soft terms.
    preferredDuringSchedulingIgnoredDuringExecution: NotRequired[List["WeightedPodAffinityTerm"]]
    #: Hard terms.
    requiredDuringSchedulingIgnoredDuringExecution: NotRequired[List["PodAffinityTerm"]]


class PodAffinityTerm(TypedDict):
    """`PodAffinityTerm`."""
    #: Which pods; absent matches none.
    labelSelector: NotRequired[Union["LabelSelector", None]]
    #: Namespaces by label (`{}`: all).
    namespaceSelector: NotRequired[Union["LabelSelector", None]]
    #: Namespaces; with `namespaceSelector` absent too: the pod's own namespace.
    namespaces: NotRequired[List[str]]
    #: The node label that defines "the same place".
    topologyKey: str


class PodContainer(TypedDict):
    """A container's requests."""
    #: Name.
    name: NotRequired[str]
    #: Requests.
    resources: NotRequired["ContainerResources"]
    #: `Always` on an init container makes it a sidecar (it keeps running).
    restartPolicy: NotRequired[Union[str, None]]


class PodCounts(TypedDict):
    """How the pods were grouped (`groupPods`)."""
    #: Deleting, failed or succeeded.
    ignored: int
    #: No sample.
    missing: int
    #: Counted.
    ready: int
    #: Pending, or (CPU only) not ready / still initialising.
    unready: int


class PodDisruptionBudget(TypedDict):
    """A `PodDisruptionBudget` (`policy/v1`)."""
    #: Name and namespace (default `default`): the budget covers pods of its namespace.
    metadata: "ObjectMeta"
    #: Which pods, and how many may be disrupted.
    spec: NotRequired["PodDisruptionBudgetSpec"]
    #: The live status; only `disruptionsAllowed` is read.
    status: NotRequired[Union["PodDisruptionBudgetStatus", None]]


class PodDisruptionBudgetSpec(TypedDict):
    """`PodDisruptionBudgetSpec`."""
    #: At most this many (or this share) are unavailable after an eviction.
    maxUnavailable: NotRequired[Union["IntOrString", None]]
    #: At least this many (or this share) stay available after an eviction.
    minAvailable: NotRequired[Union["IntOrString", None]]
    #: The pods covered; absent covers none, `{}` every pod of the namespace.
    selector: NotRequired[Union["LabelSelector", None]]
    #: Read and not needed: weir evicts only bound pods, all of them healthy.
    unhealthyPodEvictionPolicy: NotRequired[Union["UnhealthyPodEvictionPolicy", None]]


class PodDisruptionBudgetStatus(TypedDict):
    """`PodDisruptionBudgetStatus` (the part read)."""
    #: The disruption controller's live value. When given, weir trusts it as is; when
    #: absent, weir computes it from the snapshot's pods.
    disruptionsAllowed: NotRequired[Union[int, None]]


class PodGroup(TypedDict):
    """One group of pods released together."""
    #: The beta group (one pod per unit, released first).
    beta: bool
    #: 0-based position.
    index: int
    #: How many of its pods each unit has.
    perUnit: Dict[str, int]
    #: Its pods.
    pods: List[str]


class PodGroups(TypedDict):
    """The groups and pauses of one service's release."""
    #: Beta was asked for but is ineffective (every unit has exactly one pod), or does not
    #: apply (not a new version).
    betaSkipped: bool
    #: The groups, in release order.
    groups: List["PodGroup"]
    #: Where the release waits.
    pauses: List["PausePoint"]


class PodHints(TypedDict):
    """weir's hints about a pod."""
    #: A DaemonSet pod: may go anywhere (sub-cluster too), is not drained.
    daemonSet: NotRequired[bool]
    #: Uses node-local storage: cannot move when its node is drained.
    localStorage: NotRequired[bool]
    #: The service uses node autoscaling: the pod only goes on sub-cluster nodes.
    nodeAutoscaling: NotRequired[bool]
    #: The app service the pod belongs to.
    service: NotRequired[Union[str, None]]
    #: A placeholder reserving capacity: the lowest priority, preempted first.
    slot: NotRequired[bool]
    #: A system pod: may go on sub-cluster nodes.
    system: NotRequired[bool]
    #: The service's deployment units: the pod only goes on nodes of these units.
    units: NotRequired[List[str]]
    #: A volume bound to this zone: the pod only goes on nodes of the zone.
    volumeZone: NotRequired[Union[str, None]]


class PodRef(TypedDict):
    """A pod to release and the unit it is in."""
    #: The pod's name, unique in the service.
    name: str
    #: Its deployment unit.
    unit: str


class PodRunStatus(TypedDict):
    """`PodRunStatus` (the part read)."""
    #: RFC 3339.
    startTime: NotRequired[Union[str, None]]


class PodSample(TypedDict):
    """One pod's sample (`PodMetric`)."""
    #: The pod's name (a sample for a pod not in `pods` still counts, as in Kubernetes).
    pod: str
    #: When the sample was taken (RFC 3339); default `now`.
    timestamp: NotRequired[Union[str, None]]
    #: Usage: `250m` CPU, `100Mi` memory, or the custom metric's value.
    value: "Quantity"
    #: The sample's window; default 60 s (`metricServerDefaultMetricWindow`).
    windowSeconds: NotRequired[Union[int, None]]


class PodSnapshot(TypedDict):
    """A pod as last observed."""
    #: Observed failed.
    failed: NotRequired[bool]
    #: Ready on that version since, while ready.
    readySince: NotRequired[Union["Timestamp", None]]
    #: The version it runs.
    version: str


class PodSpec(TypedDict):
    """`PodSpec` (the parts placement reads)."""
    #: Node and pod affinity.
    affinity: NotRequired[Union["Affinity", None]]
    #: Containers.
    containers: NotRequired[List["PodContainer"]]
    #: Init containers (`restartPolicy: Always` makes a sidecar).
    initContainers: NotRequired[List["PodContainer"]]
    #: The node it is bound to; absent: pending.
    nodeName: NotRequired[Union[str, None]]
    #: Every pair must be a node label.
    nodeSelector: NotRequired[Dict[str, str]]
    #: Pod overhead (RuntimeClass), added to the request.
    overhead: NotRequired[Union[Dict[str, "Quantity"], None]]
    #: `Never` keeps the pod from preempting.
    preemptionPolicy: NotRequired[Union["PreemptionPolicy", None]]
    #: Priority; default 0 (slot pods count as the lowest whatever this says).
    priority: NotRequired[Union[int, None]]
    #: Tolerations.
    tolerations: NotRequired[List["Toleration"]]
    #: Topology spread constraints.
    topologySpreadConstraints: NotRequired[List["TopologySpreadConstraint"]]


class PodTemplate(TypedDict):
    """The pod template: its containers."""
    #: At least one container; names unique in the pod and never changed.
    containers: List["Container"]


class PodsMetricSource(TypedDict):
    """`PodsMetricSource`."""
    #: The metric.
    metric: "MetricIdentifier"
    #: `AverageValue`.
    target: "MetricTarget"


class PolicyActionReplicas(TypedDict):
    """A preset replica count (预设副本数伸缩), optionally ramped over the duration."""
    #: A ramp over the policy's duration (needs `durationSeconds`).
    ramp: NotRequired[Union["Ramp", None]]
    #: Replicas, ≥ 0.
    replicas: int
    type: Literal["replicas"]


class PolicyActionMetric(TypedDict):
    """Metric scaling (指标动态伸缩) inside the window."""
    #: Upper bound inside the window (within the elastic bounds).
    maxReplicas: NotRequired[Union[int, None]]
    #: Lower bound inside the window (within the elastic bounds).
    minReplicas: NotRequired[Union[int, None]]
    #: Target utilisations in percent; at least one.
    targets: "MetricTargets"
    type: Literal["metric"]


class Preemption(TypedDict):
    """A preemption: the node and the pods removed to make room."""
    #: Nodes where removing lower-priority pods would make room, with their victims.
    candidates: List["PreemptionCandidate"]
    #: The node chosen.
    node: str
    #: Why this node: the `pickOneNodeForPreemption` rule of its closest contest.
    reason: str
    #: The victims, `namespace/name`, most important first.
    victims: List[str]


class PreemptionCandidate(TypedDict):
    """A node preemption could use."""
    #: Why it was not chosen: the `pickOneNodeForPreemption` rule the chosen node won by
    #: (absent on the chosen node).
    lostBy: NotRequired[Union[str, None]]
    #: The node.
    node: str
    #: Its minimal victims, `namespace/name`.
    victims: List[str]


class PreferredSchedulingTerm(TypedDict):
    """`PreferredSchedulingTerm`."""
    #: The term.
    preference: "NodeSelectorTerm"
    #: 1–100.
    weight: int


class Probe(TypedDict):
    """A probe: exactly one handler (`tcpSocket`, `httpGet`, `exec`) and its timing.
    
    Defaults and bounds from seed 6.3: `initialDelaySeconds` 3 (≥ 0), `timeoutSeconds` 1
    (≥ 1), `periodSeconds` 10 (≥ 1), `successThreshold` 1 (≥ 1; liveness exactly 1),
    `failureThreshold` 3 (≥ 1)."""
    #: Run a command; exit code 0 passes.
    exec: NotRequired[Union["ExecAction", None]]
    #: Failures in a row to fail after a success; default 3.
    failureThreshold: NotRequired[Union[int, None]]
    #: HTTP GET; 200 ≤ status < 400 passes.
    httpGet: NotRequired[Union["HttpGetAction", None]]
    #: Seconds before the first probe; default 3.
    initialDelaySeconds: NotRequired[Union[int, None]]
    #: Probe interval; default 10.
    periodSeconds: NotRequired[Union[int, None]]
    #: Successes in a row to pass after a failure; default 1.
    successThreshold: NotRequired[Union[int, None]]
    #: Connect to a TCP port.
    tcpSocket: NotRequired[Union["TcpSocketAction", None]]
    #: Probe timeout; default 1.
    timeoutSeconds: NotRequired[Union[int, None]]


class ProvisionRequest(TypedDict):
    """Nodes asked for that have not all joined."""
    #: When they were asked for.
    at: "Timestamp"
    #: Nodes still to join (≥ 1).
    count: int
    #: The group.
    group: str


Ramp = TypedDict("Ramp", {
    "from": "int",
    "mode": "RampMode",
    "to": "int",
})
"""A replica ramp (渐变范围 / 渐变方式)."""


class ReleaseActionRunTask(TypedDict):
    """Run a pre- or post-task, then send `taskFinished`."""
    #: The service.
    service: str
    #: The task.
    task: "TaskName"
    type: Literal["runTask"]


class ReleaseActionUpdatePods(TypedDict):
    """Update these pods to this version, then report them with `podObserved`."""
    #: The group (of the rollback groups while rolling back).
    group: int
    #: In place or recreate.
    mode: "Upgrade"
    #: The pods.
    pods: List[str]
    #: The service.
    service: str
    #: The version they should run.
    toVersion: str
    type: Literal["updatePods"]


class ReleaseActionDeleteResources(TypedDict):
    """Delete the service's resources (rollback of a first release)."""
    #: The service.
    service: str
    type: Literal["deleteResources"]


class ReleaseActionAwaitConfirmation(TypedDict):
    """Ask a person to confirm (`confirmBeta`, `resume`, `confirmRollback`)."""
    #: Why.
    reason: "ConfirmReason"
    #: The service.
    service: str
    type: Literal["awaitConfirmation"]


class ReleaseActionServiceFinished(TypedDict):
    """A service reached an outcome."""
    #: Why, for a person.
    message: NotRequired[Union[str, None]]
    #: The outcome.
    outcome: "ServiceOutcome"
    #: The service.
    service: str
    type: Literal["serviceFinished"]


class ReleaseActionOrderFinished(TypedDict):
    """Every service reached a final outcome."""
    #: The outcome.
    outcome: "OrderOutcome"
    type: Literal["orderFinished"]


class ReleaseEventStart(TypedDict):
    """Release the whole order (整体发布)."""
    type: Literal["start"]


class ReleaseEventStartService(TypedDict):
    """Release one service (its dependencies must have succeeded)."""
    #: The service.
    service: str
    type: Literal["startService"]


class ReleaseEventPodObserved(TypedDict):
    """What the caller saw of a pod."""
    #: Whether it failed (crash loop, image pull error, ...).
    failed: NotRequired[bool]
    #: The pod.
    pod: str
    #: Whether it is ready.
    ready: bool
    #: Why, for the timeline.
    reason: NotRequired[Union[str, None]]
    #: The service.
    service: str
    type: Literal["podObserved"]
    #: The version it runs.
    version: str


class ReleaseEventTaskFinished(TypedDict):
    """A task the engine asked for has finished."""
    #: Why it failed.
    message: NotRequired[Union[str, None]]
    #: Whether it succeeded.
    ok: bool
    #: The service.
    service: str
    #: The task.
    task: "TaskName"
    type: Literal["taskFinished"]


class ReleaseEventConfirmBeta(TypedDict):
    """The beta group looks good: go on (Beta 分组确认)."""
    #: The service.
    service: str
    type: Literal["confirmBeta"]


class ReleaseEventResume(TypedDict):
    """Go on after a group pause."""
    #: The service.
    service: str
    type: Literal["resume"]


class ReleaseEventCancel(TypedDict):
    """Cancel one service, or (without `service`) every unfinished one."""
    #: The service; absent: the whole order.
    service: NotRequired[Union[str, None]]
    type: Literal["cancel"]


class ReleaseEventRetry(TypedDict):
    """Retry a failed service."""
    #: The service.
    service: str
    type: Literal["retry"]


class ReleaseEventRollback(TypedDict):
    """Roll a failed or paused service back."""
    #: The service.
    service: str
    type: Literal["rollback"]


class ReleaseEventConfirmRollback(TypedDict):
    """The rollback looks good."""
    #: The service.
    service: str
    type: Literal["confirmRollback"]


class ReleaseEventRetryRollback(TypedDict):
    """Retry a failed rollback."""
    #: The service.
    service: str
    type: Literal["retryRollback"]


class ReleaseEventCancelRollback(TypedDict):
    """Abandon a failed rollback."""
    #: The service.
    service: str
    type: Literal["cancelRollback"]


class ReleaseEventTick(TypedDict):
    """Time passed (pods may have been ready long enough)."""
    type: Literal["tick"]


class ReleaseOrder(TypedDict):
    """A release order (发布单)."""
    #: The order's id.
    id: str
    #: At most this many services release at once; default no limit.
    maxParallelServices: NotRequired[Union[int, None]]
    #: The platform the specs are validated against.
    profile: NotRequired[Union["PlatformProfile", None]]
    #: How long a pod must stay ready to count as updated; default 30.
    readySeconds: NotRequired[Union[int, None]]
    #: The in-place rule set for the version changes; default `seed`.
    rules: NotRequired[Union["InPlaceRules", None]]
    #: Its services.
    services: List["OrderService"]
    #: The workspace's deployment units, for services that choose none.
    units: NotRequired[List[str]]


class ReleasePlan(TypedDict):
    """A validated, planned release order: the input of the release engine."""
    #: The order's id.
    id: str
    #: At most this many services at once (0: no limit).
    maxParallelServices: int
    #: Seconds a pod must stay ready to count as updated.
    readySeconds: int
    #: Every service, in topological order.
    services: List["ServicePlan"]
    #: The waves, by service name.
    waves: List[List[str]]


class ReleaseSnapshot(TypedDict):
    """A release engine's state, as [`ReleaseEngine::snapshot`] gives it and
    [`ReleaseEngine::restore`] takes it."""
    #: The last instant the engine handled; absent before its first event. The engine
    #: refuses an earlier `now`, and `restore` reads the pods as of this instant.
    at: NotRequired[Union["Timestamp", None]]
    #: The order's id.
    id: str
    #: At most this many services at once (0: no limit).
    maxParallelServices: int
    #: The order's outcome once every service is final.
    outcome: NotRequired[Union["OrderOutcome", None]]
    #: Seconds a pod must stay ready.
    readySeconds: int
    #: Every service, in topological order.
    services: List["ServiceSnapshot"]
    #: `start` was received.
    started: bool
    #: Every transition.
    timeline: List["TimelineEntry"]


class ReleaseSummary(TypedDict):
    """How one release order went."""
    #: The order.
    order: str
    #: Its outcome; absent when it had not finished at the end.
    outcome: NotRequired[Union["OrderOutcome", None]]
    #: Each service's last phase (`succeeded`, `rolledBack`, `paused`, ...).
    services: Dict[str, str]


class ReleaseTarget(TypedDict):
    """One service of a scripted release order."""
    #: Services of the order that must succeed first.
    dependsOn: NotRequired[List[str]]
    #: The app service.
    service: str
    #: The version to release (`v1`, `v2`, ...: `v1` is the scenario's spec, each
    #: `changeImage` makes the next).
    version: str


ReplicaCurve = TypedDict("ReplicaCurve", {
    "from": "str",
    "maxReplicas": "int",
    "minReplicas": "int",
    "points": "List[CurvePoint]",
    "stepSeconds": "int",
    "to": "str",
})
"""A replica curve: what a console draws so a person can check the rules."""


class ResourceList(TypedDict):
    """CPU and memory amounts as Kubernetes quantities."""
    #: CPU (`500m`, `1`); 1 core = 1000m.
    cpu: NotRequired[Union["RawQuantity", None]]
    #: Memory (`128Mi`, `1Gi`).
    memory: NotRequired[Union["RawQuantity", None]]


class ResourceMetricSource(TypedDict):
    """`ResourceMetricSource`."""
    #: The resource name as in container requests (`cpu`, `memory`, ...).
    name: str
    #: `Utilization` or `AverageValue`.
    target: "MetricTarget"


class ResourceRange(TypedDict):
    """A cluster-wide resource range (CA `--cores-total`, `--memory-total`)."""
    #: Scale-up never goes above.
    max: "Quantity"
    #: Scale-down never goes below.
    min: NotRequired["Quantity"]


class Resources(TypedDict):
    """Requests and limits."""
    #: The most it may use (最大核数 / 最大内存).
    limits: NotRequired[Union["ResourceList", None]]
    #: What the container is guaranteed (请求核数 / 请求内存).
    requests: NotRequired[Union["ResourceList", None]]


class RollbackPlanToVersion(TypedDict):
    """Release the last successful version again (same grouping, no beta, no pauses)."""
    type: Literal["toVersion"]
    #: How its pods change.
    upgrade: "Upgrade"
    #: The version rolled back to.
    version: str


class RollbackPlanDeleteResources(TypedDict):
    """The service never released successfully: delete its resources (回退至无资源状态)."""
    type: Literal["deleteResources"]


class RollbackPlanCancel(TypedDict):
    """Re-releasing the version that last succeeded failed: nothing to roll back to; the
    service is cancelled (取消发布)."""
    type: Literal["cancel"]


class ScaleDownNode(TypedDict):
    """A node to remove."""
    #: Its group.
    group: str
    #: The node.
    node: str
    #: Why it may go.
    why: str


class ScaleEvent(TypedDict):
    """One scale event (`timestampedScaleEvent`)."""
    #: Older than the direction's longest policy period: its slot may be reused.
    outdated: NotRequired[bool]
    #: Pods added (up list) or removed (down list), ≥ 0.
    replicaChange: int
    #: When.
    timestamp: "Timestamp"


class ScaleUp(TypedDict):
    """A scale-up."""
    #: Nodes to add.
    count: int
    #: The group.
    group: str
    #: The pending pods the new nodes take, `namespace/name`.
    pods: List[str]
    #: Why this group and this count.
    why: str
    #: Its zone.
    zone: NotRequired[Union[str, None]]


class ScalingFixed(TypedDict):
    """A fixed number of replicas (固定副本数)."""
    #: Replicas, ≥ 0; default 1.
    replicas: NotRequired[Union[int, None]]
    type: Literal["fixed"]


class ScalingElastic(TypedDict):
    """Timed and metric scaling between bounds (定时弹性伸缩)."""
    #: Replicas on the first release only; `min ≤ initial ≤ max`.
    initialReplicas: int
    #: Upper bound.
    maxReplicas: int
    #: Lower bound.
    minReplicas: int
    #: Timed policies.
    policies: NotRequired[List["ScalingPolicy"]]
    type: Literal["elastic"]


class ScalingChange(TypedDict):
    """One upcoming change."""
    #: When (RFC 3339 UTC).
    at: str
    #: What is in effect from then on (a ramp: its first value).
    effective: "Effective"


class ScalingChanges(TypedDict):
    """The upcoming changes."""
    #: In time order.
    changes: List["ScalingChange"]


class ScalingInput(TypedDict):
    """Input of [`validate_scaling`]."""
    #: The app service's scaling.
    scaling: "Scaling"


class ScalingPolicy(TypedDict):
    """A timed scaling policy (定时策略); its semantics are in `docs/scaling.md`."""
    #: What it does.
    action: "PolicyAction"
    #: How long it stays in effect; absent: until another policy fires.
    durationSeconds: NotRequired[Union[int, None]]
    #: Lowercase letters, digits, `-`; does not start with a digit or `-`; 2–50 characters.
    name: str
    #: 0 without a duration; ≥ 1 with one (higher wins); default 0 / 1.
    priority: NotRequired[Union[int, None]]
    #: When it fires.
    schedule: "Schedule"


class Scenario(TypedDict):
    """A what-if rehearsal: a cluster, app services, a script and a load, over a time range."""
    #: The node autoscaler: its node groups add and remove nodes, its slot pods hold the
    #: reserve; absent: the nodes stay as they are.
    autoscaler: NotRequired[Union["AutoscalerConfig", None]]
    #: When it ends (after `start`).
    end: "Timestamp"
    #: A name for the reports.
    name: NotRequired[Union[str, None]]
    #: Nodes made from a template, `count` of each.
    nodePools: NotRequired[List["NodePool"]]
    #: Nodes given as Kubernetes objects (their unit is their unit label).
    nodes: NotRequired[List["Node"]]
    #: What people do, at which instant.
    script: NotRequired[List["ScriptedAction"]]
    #: The seed of the randomness (node failures): a 32-bit number, or a 64-bit one as a
    #: decimal string; default 0.
    seed: NotRequired[Union["Seed", None]]
    #: The app services.
    services: List["SimService"]
    #: When the simulation starts.
    start: "Timestamp"
    #: The step: every instant the simulation stops at is `start` plus a multiple of it
    #: (at most [`MAX_STEPS`] steps from `start` to `end`).
    stepSeconds: int
    #: The time zone of the load's times of day; default `UTC`.
    timeZone: NotRequired[Union[str, None]]
    #: Delays and failure rates.
    timing: NotRequired["Timing"]
    #: The deployment units and their zones.
    units: List["SimUnit"]


class Schedule(TypedDict):
    """When a policy fires: exactly one of `at` and `cron`."""
    #: Once, at an RFC 3339 instant.
    at: NotRequired[Union[str, None]]
    #: A cron expression (5 fields, 6 with seconds, or `@daily`-style).
    cron: NotRequired[Union[str, None]]
    #: IANA time zone of the cron expression; default `UTC`.
    timeZone: NotRequired[Union[str, None]]


class ScheduleAllInput(TypedDict):
    """Input of [`schedule_all`]."""
    #: More pods to schedule.
    pods: NotRequired[List["Pod"]]
    #: Preempt lower-priority pods when nothing fits; default true.
    preemption: NotRequired[Union[bool, None]]
    #: The cluster; its pending pods are scheduled too.
    snapshot: "ClusterSnapshot"


class ScheduleAllResult(TypedDict):
    """The result of [`schedule_all`]."""
    #: Pods removed by preemption, `namespace/name`.
    evicted: List[str]
    #: One per pending pod, in the order they were scheduled.
    placements: List["Placement"]
    #: The snapshot afterwards (bound pods have `nodeName`; victims are gone).
    snapshot: "ClusterSnapshot"


class ScheduleOneInput(TypedDict):
    """Input of [`schedule_one`] and [`fits_template`]-like calls: a snapshot and a pod."""
    #: The pod to place (its `nodeName` is ignored).
    pod: "Pod"
    #: The cluster.
    snapshot: "ClusterSnapshot"


class SchedulePodsInput(TypedDict):
    """Input of [`Scheduler::schedule_all`]."""
    #: Pods to add and schedule (with the cluster's pending pods).
    pods: NotRequired[List["Pod"]]
    #: Preempt lower-priority pods when nothing fits; default true.
    preemption: NotRequired[Union[bool, None]]


class SchedulePodsResult(TypedDict):
    """The result of [`Scheduler::schedule_all`]."""
    #: Pods removed by preemption, `namespace/name`.
    evicted: List[str]
    #: One per pending pod, in the order they were scheduled.
    placements: List["Placement"]


class SchedulerEventScheduleOne(TypedDict):
    """Where one pod would go (nothing changes)."""
    #: The pod.
    pod: "Pod"
    type: Literal["scheduleOne"]


class SchedulerEventScheduleAll(TypedDict):
    """Add pods and schedule every pending pod, with preemption unless `preemption` is
    false."""
    #: Pods to add.
    pods: NotRequired[List["Pod"]]
    #: Preempt lower-priority pods when nothing fits; default true.
    preemption: NotRequired[Union[bool, None]]
    type: Literal["scheduleAll"]


class SchedulerEventPlace(TypedDict):
    """Place a service's replicas evenly over its units, with spill-over."""
    #: Preempt lower-priority (slot) pods when a unit is full; default false.
    preemption: NotRequired[Union[bool, None]]
    #: How many pods to place.
    replicas: int
    #: The service's pod template (`metadata.name` is the name prefix); its
    #: `hints.units` are the service's units unless `units` is given.
    template: "Pod"
    type: Literal["place"]
    #: The service's deployment units, in order.
    units: NotRequired[List[str]]


class SchedulerEventDrain(TypedDict):
    """Cordon a node, evict and reschedule its pods."""
    #: The node.
    node: str
    type: Literal["drain"]


class SchedulerEventEvictTainted(TypedDict):
    """Evict the pods whose `NoExecute` taint eviction is due at `now`: each becomes
    pending again (its controller recreates it), for the next `scheduleAll`."""
    type: Literal["evictTainted"]


class SchedulerOutputPlacement(TypedDict):
    """For `scheduleOne`."""
    type: Literal["placement"]


class SchedulerOutputScheduled(TypedDict):
    """For `scheduleAll`."""
    type: Literal["scheduled"]


class SchedulerOutputPlaced(TypedDict):
    """For `place`."""
    type: Literal["placed"]


class SchedulerOutputDrained(TypedDict):
    """For `drain`."""
    type: Literal["drained"]


class SchedulerOutputEvicted(TypedDict):
    """For `evictTainted`: the pods evicted now."""
    #: The evictions that were due.
    evictions: List["TaintEviction"]
    type: Literal["evicted"]


class SchedulerSnapshot(TypedDict):
    """A scheduler's state, as [`Scheduler::snapshot`] gives it and [`Scheduler::restore`]
    takes it."""
    #: The last instant handled; absent before the first event.
    at: NotRequired[Union["Timestamp", None]]
    #: The cluster: the scheduler's decisions depend on it alone.
    cluster: "ClusterSnapshot"


class ScoringConfig(TypedDict):
    """Scoring: the resource strategy and the plugin weights (kube-scheduler's default profile:
    TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
    NodeResourcesFit 1, NodeResourcesBalancedAllocation 1 —
    `pkg/scheduler/apis/config/v1/default_plugins.go`)."""
    #: NodeResourcesBalancedAllocation weight (0 turns it off).
    balancedWeight: NotRequired[int]
    #: NodeAffinity (preferred terms) weight.
    nodeAffinityWeight: NotRequired[int]
    #: InterPodAffinity (preferred terms) weight.
    podAffinityWeight: NotRequired[int]
    #: NodeResourcesFit weight.
    resourcesWeight: NotRequired[int]
    #: PodTopologySpread (`ScheduleAnyway`) weight.
    spreadWeight: NotRequired[int]
    #: `leastAllocated` (spread, the default) or `mostAllocated` (bin-packing).
    strategy: NotRequired["ScoringStrategy"]
    #: TaintToleration (PreferNoSchedule) weight.
    taintWeight: NotRequired[int]


class ScriptedAction(TypedDict):
    """A scripted action at an instant (rounded up to the next step)."""
    #: What.
    action: "Action"
    #: When.
    at: "Timestamp"


class Series(TypedDict):
    """The day as time series: one sample per step taken (the values hold until the next)."""
    #: Business CPU requests over allocatable CPU, percent (the water level).
    cpuPercent: List[float]
    #: Business memory requests over allocatable memory, percent.
    memoryPercent: List[float]
    #: Ready nodes per group (node pool or autoscaled group).
    nodes: Dict[str, List[int]]
    #: Pods waiting for a node.
    pending: List[int]
    #: Business pods per service.
    replicas: Dict[str, List[int]]
    #: Slot pods' CPU requests over allocatable CPU, percent (the reserve).
    reservePercent: List[float]
    #: Slot pods.
    slots: List[int]
    #: Seconds from `start` to `end`.
    span: int
    #: Seconds since `start` of each sample.
    t: List[int]
    #: The autoscaler's water level: business CPU requests over the managed nodes'
    #: allocatable, percent, as of its last step (empty without an autoscaler).
    waterLevel: List[float]


class ServiceAffinity(TypedDict):
    """Affinity to the pods of another app service."""
    #: The other app service's name.
    appService: str
    #: Required (hard) or preferred (soft).
    required: NotRequired[bool]
    #: Same node (`affinity`) or different node (`antiAffinity`).
    type: "AffinityType"


class ServicePlan(TypedDict):
    """The plan of one service."""
    #: The version change, when there is a running version.
    change: NotRequired[Union["AppServiceDiff", None]]
    #: Its dependencies.
    dependsOn: List[str]
    #: The version it replaces, if any.
    fromVersion: NotRequired[Union[str, None]]
    #: The groups and pauses.
    groups: "PodGroups"
    #: The service.
    name: str
    #: A new version (not a restart or re-release of the running one).
    newVersion: bool
    #: Tasks after the pods are updated.
    postTasks: List["PostTask"]
    #: Tasks before the pods are updated (from the change; on a first release, service
    #: and log configuration when the spec has them).
    preTasks: List["PreTask"]
    #: What rollback means for it.
    rollback: "RollbackPlan"
    #: The groups a rollback releases (no beta, no pauses).
    rollbackGroups: "PodGroups"
    #: The version released.
    toVersion: str
    #: How pods reach `toVersion` (`recreate` on a first release: pods are created).
    upgrade: "Upgrade"
    #: Its wave.
    wave: int


class ServiceSnapshot(TypedDict):
    """One service in a [`ReleaseSnapshot`]."""
    #: The phase it failed in (a task phase, or updating), for `retry`.
    failedIn: NotRequired[Union["ServicePhase", None]]
    #: The current group (of the rollback groups while rolling back).
    group: int
    #: Why it failed or was cancelled.
    message: NotRequired[Union[str, None]]
    #: Why it is paused.
    pausedFor: NotRequired[Union["ConfirmReason", None]]
    #: Its phase.
    phase: "ServicePhase"
    #: Its plan.
    plan: "ServicePlan"
    #: The pods observed so far (pods of the plan never observed are absent).
    pods: NotRequired[Dict[str, "PodSnapshot"]]
    #: Asked to start by `startService`.
    requested: NotRequired[bool]
    #: The current task (index into the pre- or post-tasks).
    task: int


class ServiceStatus(TypedDict):
    """One service in [`EngineStatus`]."""
    #: What confirmation it waits for.
    awaiting: NotRequired[Union["ConfirmReason", None]]
    #: The current group.
    group: int
    #: How many groups.
    groups: int
    #: Why it failed or was cancelled.
    message: NotRequired[Union[str, None]]
    #: The service.
    name: str
    #: Its phase.
    phase: "ServicePhase"
    #: Each pod's status.
    pods: Dict[str, "PodStatus"]


class SimEvent(TypedDict):
    """One timeline event: a line for a person and the same as data."""
    #: When.
    at: "Timestamp"
    #: What kind.
    kind: "EventKind"
    #: The service, node or order it is about.
    subject: NotRequired[Union[str, None]]
    #: What happened, in words.
    text: str


class SimService(TypedDict):
    """One app service of the scenario."""
    #: The CPU the service uses in total, by time of day (piecewise linear, repeating
    #: daily): what its pods' CPU metrics follow.
    load: NotRequired[List["LoadPoint"]]
    #: Already running `v1` at the start (its replicas placed before the first step);
    #: default false: the first release creates it.
    running: NotRequired[bool]
    #: Its spec: version `v1`. `scaling` holds its elastic policies; `deploy.units` its
    #: units (default every unit).
    spec: "AppService"


class SimUnit(TypedDict):
    """A deployment unit."""
    #: The unit's name (the value of its nodes' unit label).
    name: str
    #: Its zone.
    zone: str


class SimulationResult(TypedDict):
    """The result of a whole run."""
    #: The scenario's name.
    name: NotRequired[Union[str, None]]
    #: Every pod that waited for a node, and how long.
    pendingWaits: List["PendingWait"]
    #: The time series.
    series: "Series"
    #: The numbers.
    summary: "Summary"
    #: Every event, in order.
    timeline: List["SimEvent"]


class SimulationSnapshot(TypedDict):
    """What a restore needs: the scenario, the steps taken, and the digest of the state they
    reached."""
    #: A digest of the state after those steps (16 hex digits).
    digest: str
    #: The scenario.
    scenario: "Scenario"
    #: Steps taken.
    steps: int


class SlotPodConfig(TypedDict):
    """The slot pod: the placeholder that holds the reserve (seed: 0.5 core, 0.5 GiB).
    
    Slot pods are recognised in a snapshot by `hints.slot: true`; the scheduler ranks them
    below every priority, so any business pod preempts them."""
    #: CPU request of one slot pod; default `500m`.
    cpu: NotRequired["Quantity"]
    #: Memory request of one slot pod; default `512Mi`.
    memory: NotRequired["Quantity"]


class StepReport(TypedDict):
    """What one step did and how the cluster looks after it."""
    #: The instant of the step.
    at: "Timestamp"
    #: Business pods' CPU requests over the ready nodes' allocatable CPU, percent.
    cpuPercent: float
    #: What happened.
    events: List["SimEvent"]
    #: The same for memory.
    memoryPercent: float
    #: Ready nodes.
    nodes: int
    #: Pods waiting for a node (slot pods included).
    pending: int
    #: Business pods per service (placed or pending).
    replicas: Dict[str, int]
    #: Slot pods holding reserve capacity.
    slots: int


class Summary(TypedDict):
    """The run in numbers."""
    #: Timeline events not kept (beyond the limit).
    droppedEvents: int
    #: Ready nodes at the end.
    finalNodes: int
    #: Business pods per service at the end.
    finalReplicas: Dict[str, int]
    #: Invariant checks passed (each step: every pod on a ready node it fits).
    invariantChecks: int
    #: That pod.
    longestPendingPod: NotRequired[Union[str, None]]
    #: The longest a business pod waited for a node, seconds.
    longestPendingSeconds: int
    #: Node-hours (ready nodes over time).
    nodeHours: float
    #: Nodes the autoscaler asked for.
    nodesAdded: int
    #: Nodes whose provisioning failed.
    nodesFailed: int
    #: Nodes the autoscaler drained and removed.
    nodesRemoved: int
    #: The highest business CPU water level, percent.
    peakCpuPercent: float
    #: The highest business memory water level, percent.
    peakMemoryPercent: float
    #: The most ready nodes at once.
    peakNodes: int
    #: Pods still waiting at the end.
    pendingAtEnd: int
    #: The release orders.
    releases: List["ReleaseSummary"]
    #: Steps taken (instants the simulation stopped at).
    steps: int
    #: Invariant checks failed, in words (empty when the simulation is sound).
    violations: List[str]


class Taint(TypedDict):
    """A taint."""
    #: Effect.
    effect: "TaintEffect"
    #: Key.
    key: str
    #: When a `NoExecute` taint was added (RFC 3339; eviction times count from it).
    timeAdded: NotRequired[Union[str, None]]
    #: Value.
    value: NotRequired[str]


class TaintEviction(TypedDict):
    """A pod a `NoExecute` taint evicts."""
    #: When (RFC 3339 UTC): `timeAdded` (or now, if later or absent) when no toleration
    #: matches; else `timeAdded` + the smallest `tolerationSeconds` among the matching
    #: tolerations that have one.
    evictAt: str
    #: Its node.
    node: str
    #: `namespace/name`.
    pod: str
    #: The taint that evicts it first, as `Taint.ToString()` writes it (`key=value:NoExecute`,
    #: `key:NoExecute` without a value).
    taint: str


class TaintEvictionsInput(TypedDict):
    """Input of [`taint_evictions`]."""
    #: The caller's clock, RFC 3339 (a taint without `timeAdded` counts from now).
    now: str
    #: The cluster.
    snapshot: "ClusterSnapshot"


class TcpSocketAction(TypedDict):
    """A TCP connect check."""
    #: Container port, 1–65535.
    port: int


class TimedRecommendation(TypedDict):
    """One recommendation of the history (`timestampedRecommendation`)."""
    #: The raw (unstabilised) recommendation.
    replicas: int
    #: When it was made.
    timestamp: "Timestamp"


TimelineEntry = TypedDict("TimelineEntry", {
    "at": "Timestamp",
    "cause": "str",
    "from": "ServicePhase",
    "service": "NotRequired[Union[str, None]]",
    "to": "ServicePhase",
})
"""One recorded transition."""


class Timing(TypedDict):
    """Delays and failure rates of the simulated cluster."""
    #: Percent of new nodes that never join (0–100); default 0.
    nodeFailurePercent: NotRequired[Union[int, None]]
    #: From a scale-up to the node joining; default 120.
    nodeProvisioningSeconds: NotRequired[Union[int, None]]
    #: From running to ready (the readiness probe passing); default 5.
    podReadySeconds: NotRequired[Union[int, None]]
    #: From binding to the containers running; default 10.
    podStartSeconds: NotRequired[Union[int, None]]
    #: How long a release's pre- and post-tasks take; default 5.
    taskSeconds: NotRequired[Union[int, None]]


class Toleration(TypedDict):
    """A toleration."""
    #: Empty matches every effect.
    effect: NotRequired[Union["TaintEffect", None]]
    #: Empty with `Exists` matches every key.
    key: NotRequired[str]
    #: `Equal` (default) or `Exists`.
    operator: NotRequired[Union["TolerationOperator", None]]
    #: For `NoExecute`: how long the pod stays after the taint appears (an `int64` in
    #: Kubernetes; 32 bits here, about 68 years, keep every value exact in JavaScript).
    tolerationSeconds: NotRequired[Union[int, None]]
    #: Compared with `Equal`.
    value: NotRequired[str]


class TopologySpreadConstraint(TypedDict):
    """`TopologySpreadConstraint`."""
    #: Which pods count; absent counts none.
    labelSelector: NotRequired[Union["LabelSelector", None]]
    #: Pod label keys whose values narrow the selector.
    matchLabelKeys: NotRequired[List[str]]
    #: ≥ 1.
    maxSkew: int
    #: Fewer eligible domains than this makes the global minimum 0; default 1.
    minDomains: NotRequired[Union[int, None]]
    #: `Honor` (default): only nodes matching the pod's node affinity count.
    nodeAffinityPolicy: NotRequired[Union["InclusionPolicy", None]]
    #: `Ignore` (default): tainted nodes count too.
    nodeTaintsPolicy: NotRequired[Union["InclusionPolicy", None]]
    #: The node label whose values are the domains.
    topologyKey: str
    #: Hard or soft.
    whenUnsatisfiable: "WhenUnsatisfiable"


class UnitPlacement(TypedDict):
    """One unit's outcome in [`place`]."""
    #: Pods placed in it.
    placed: int
    #: Its share of the replicas (the even split).
    quota: int
    #: Pods of other units' quotas it took.
    spilledIn: int
    #: Pods of its quota that went to other units (or stayed pending).
    spilledOut: int
    #: The unit.
    unit: str


class UnitProfile(TypedDict):
    """A deployment unit and its zone."""
    #: The unit's name (its label value).
    name: str
    #: The zone it is in.
    zone: str


class UnitShare(TypedDict):
    """One unit's share of the replicas."""
    #: Its replicas.
    replicas: int
    #: The unit.
    unit: str


class UnitSplitInput(TypedDict):
    """Input of [`split_units`]."""
    #: Desired replicas, ≥ 0.
    replicas: int
    #: The deployment units, in order; at least one, no duplicates.
    units: List[str]


class Unneeded(TypedDict):
    """An unneeded node's timer."""
    #: Its group.
    group: str
    #: Unneeded since.
    since: "Timestamp"
    #: It was unready when last seen (the unready time applies).
    unready: NotRequired[bool]


class UnneededStatus(TypedDict):
    """An unneeded managed node."""
    #: Why this step did not remove it, when its time had come.
    kept: NotRequired[Union[str, None]]
    #: The node.
    node: str
    #: It may be removed after this instant.
    removableAfter: "Timestamp"
    #: Unneeded since.
    since: "Timestamp"


class Version(TypedDict):
    """An immutable version of the app service."""
    #: Who submitted it.
    author: str
    #: The version it was derived from.
    basedOn: NotRequired[Union[str, None]]
    #: When (RFC 3339, as given).
    createdAt: str
    #: Submitted or published.
    editStatus: "EditStatus"
    #: `v1`, `v2`, ...; never reused.
    id: str
    #: Pending or deployed.
    publishStatus: "PublishStatus"
    #: When that release order succeeded.
    publishedAt: NotRequired[Union[str, None]]
    #: The release order that published it.
    releaseOrder: NotRequired[Union[str, None]]
    #: How it came to be.
    source: "VersionSource"
    #: The normalized spec; never changes after submit.
    spec: "AppService"


class VolumeClaimTemplate(TypedDict):
    """A volume claim template of a stateful app service (seed 6.2 part 1)."""
    #: Capacity in GiB, an integer of at least 20.
    capacityGi: int
    #: Lowercase letters, digits, `-`; starts with a letter, ends with a letter or digit.
    name: str
    #: The storage class to claim from.
    storageClassName: str


class VolumeMount(TypedDict):
    """A volume mount of a container."""
    #: Where in the container; absolute.
    mountPath: str
    #: Read-only (只读) or read-write; default false.
    readOnly: NotRequired[Union[bool, None]]
    #: The host path (absolute), or the ConfigMap / Secret name.
    source: str
    #: What is mounted.
    type: "VolumeType"


class Warning(TypedDict):
    """A warning with its stable code."""
    #: The stable code.
    code: "WarningCode"
    #: One line for a person.
    message: str


class WaterLevel(TypedDict):
    """The water level of the managed nodes (seed 9.3): business requests over allocatable."""
    #: Managed allocatable CPU.
    allocatableCpu: "Quantity"
    #: Managed allocatable memory.
    allocatableMemory: "Quantity"
    #: Business CPU utilisation, percent (slot pods and, when ignored, DaemonSet pods
    #: left out).
    cpu: float
    #: Slot pods that cover the reserve in CPU and memory.
    desiredSlots: int
    #: Business memory utilisation, percent.
    memory: float
    #: CPU the reserve holds: (100 − upper mark)% of allocatable.
    reservedCpu: "Quantity"
    #: Memory the reserve holds.
    reservedMemory: "Quantity"
    #: Slot pods to create (positive) or delete (negative).
    slotDelta: int
    #: Slot pods in the cluster (bound and pending).
    slots: int


class WaterMark(TypedDict):
    """One water mark: whether the direction is on, and its threshold in percent."""
    #: Scale in this direction at all; default true.
    enabled: NotRequired[bool]
    #: The mark, percent of managed allocatable (1–100).
    threshold: int


class WeightedPodAffinityTerm(TypedDict):
    """`WeightedPodAffinityTerm`."""
    #: The term.
    podAffinityTerm: "PodAffinityTerm"
    #: 1–100.
    weight: int


Access = Union["AccessClusterIP", "AccessIntranetLB", "AccessInternetLB"]
"""How a service is reached, tagged by `type`."""

Action = Union["ActionRelease", "ActionConfirmBeta", "ActionResume", "ActionRetry", "ActionRollback", "ActionConfirmRollback", "ActionCancel", "ActionChangeImage", "ActionInjectFailure", "ActionCordon", "ActionDrain", "ActionFailNode"]
"""What a person (or a failure) does, tagged by `type`."""

ActivityKind = Literal["release", "rollback", "operation"]
"""What holds the app service now."""

AffinityType = Literal["affinity", "antiAffinity"]
"""Same node or different node."""

AutoscalerEvent = Union["AutoscalerEventStep", "AutoscalerEventNodeJoined", "AutoscalerEventNodeFailed", "AutoscalerEventNodeDeleted", "AutoscalerEventScaleDownFailed"]
"""What the autoscaler is told (`type`-tagged, camelCase)."""

AutoscalerOutput = Union["AutoscalerOutputDecision", "AutoscalerOutputObserved"]
"""What the autoscaler answers: a decision for a `step`, `observed` for the rest."""

ClusterIpProtocol = Literal["TCP", "UDP"]
"""Protocols of a ClusterIP service."""

ConfirmReason = Literal["beta", "groupPause", "rollback"]
"""Why a person is asked to confirm."""

DraftChoice = Literal["restore", "discard"]
"""When a draft exists and `edit` is asked for: keep it or throw it away (seed 6.4: "选择是否
恢复打开草稿,若选择否,会删除当前草稿")."""

EditStatus = Literal["submitted", "published"]
"""Whether a version was ever published."""

EffectiveKind = Literal["fixed", "initial", "current", "preset", "ramp", "metric"]
"""What kind of replica value is in effect."""

ErrorDetails = Union["ErrorDetailsValidation", "ErrorDetailsParseQuantity", "ErrorDetailsInvalidInput", "ErrorDetailsInvalidTransition", "ErrorDetailsConflict", "ErrorDetailsCycle", "ErrorDetailsNotFound"]
"""The structured details of an error, internally tagged by `type` (its code in camelCase)."""

Estimator = Literal["binpacking"]
"""The estimator (seed: "背包算法"; CA's first-fit-decreasing bin-packing)."""

EventKind = Literal["action", "refused", "release", "pods", "scale", "node", "autoscaler"]
"""What kind of thing happened."""

Expander = Literal["priority", "leastWaste", "mostPods", "leastNodes", "random"]
"""One filter of the expander chain (CA `expander/*`)."""

FieldErrorCode = Literal["required", "invalid", "too_long", "not_supported", "duplicate", "forbidden", "too_many"]
"""The kind of a field error; the spellings follow Kubernetes' `field.ErrorType`, as stable
snake_case codes."""

GroupVerdict = Literal["chosen", "notChosen", "noPendingPods", "scaleUpDisabled", "breakerOpen", "maxSizeReached", "backedOff", "maxNodesTotalReached", "resourceLimitReached", "noPodFits"]
"""A node group's scale-up verdict (CA's `NoScaleUp` reasons, and the choice)."""

Grouping = Union["GroupingFast", "GroupingPerPod", "GroupingSingle"]
"""Pod grouping for a release (部署分组策略), tagged by `type`."""

GuardEvent = Union["GuardEventBeginOrder", "GuardEventFinishService", "GuardEventBeginOperation", "GuardEventEndOperation"]
"""An event for the guard, tagged by `type`."""

GuardOutcome = Literal["succeeded", "failed", "cancelled", "rolledBack"]
"""How a service ended in an order, as the guard needs to know."""

HistoryEvent = Union["HistoryEventCreate", "HistoryEventEdit", "HistoryEventUpdateDraft", "HistoryEventCopyToDraft", "HistoryEventDiscardDraft", "HistoryEventSubmit", "HistoryEventChangeImage", "HistoryEventChangeReplicas", "HistoryEventBeginRelease", "HistoryEventMarkPublished", "HistoryEventMarkFailed", "HistoryEventCancelRelease", "HistoryEventBeginOperation", "HistoryEventEndOperation", "HistoryEventDelete"]
"""A command to the version history, tagged by `type`. Every command carries the caller's
`now` (RFC 3339) where it records time."""

Hold = Union["HoldRelease", "HoldOperation"]
"""What holds a service."""

HpaReason = Literal["ScalingDisabled", "AboveMaxReplicas", "BelowMinReplicas", "InvalidMetrics", "DesiredWithinRange", "ScaleUpLimit", "ScaleDownLimit", "TooManyReplicas", "TooFewReplicas"]
"""Why the HPA chose its number: the Kubernetes condition reasons, plus the early exits."""

HpaScalingPolicyType = Literal["Pods", "Percent"]
"""`HPAScalingPolicyType`."""

ImageSource = Union["ImageSourceRegistry", "ImageSourceBuild", "ImageSourcePackage"]
"""Where a container image comes from (镜像来源), tagged by `type`."""

InPlaceRules = Literal["seed", "kubernetes"]
"""Which in-place rule set decides `upgrade`."""

InclusionPolicy = Literal["Honor", "Ignore"]
"""`NodeInclusionPolicy`."""

IntOrString = Union[int, str]
"""A count (a 32-bit integer) or a percentage string such as `"50%"`."""

LabelSelectorOperator = Literal["In", "NotIn", "Exists", "DoesNotExist"]
"""The operators of a label selector requirement (Kubernetes spellings)."""

LbProtocol = Literal["TCP", "HTTP", "HTTPS"]
"""Protocols of a load balancer port."""

LbScheduler = Literal["wrr", "wlc"]
"""Load balancer forwarding rules."""

MetricOutcome = Literal["withinTolerance", "scaled", "rebalanced", "fromZero", "invalid"]
"""How one metric's proposal came about."""

MetricSpec = Union["MetricSpecResource", "MetricSpecContainerResource", "MetricSpecPods", "MetricSpecObject", "MetricSpecExternal"]
"""One metric of an HPA, tagged by `type` as in `autoscaling/v2` `MetricSpec`."""

MetricTargetType = Literal["Utilization", "Value", "AverageValue"]
"""`MetricTargetType`."""

NodeSelectorOperator = Literal["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]
"""The operators of a node selector requirement (Kubernetes spellings)."""

OrderOutcome = Literal["succeeded", "partial", "cancelled"]
"""How the order ended."""

PauseReason = Literal["beta", "groupPause"]
"""Why the release waits after a group."""

PendingReason = Literal["fitsExistingNode", "upcomingNode", "scaleUp", "awaitingEvaluation", "noGroupFits", "notAutoscaled"]
"""What becomes of a pending pod."""

Platform = Literal["publicCloud", "privateCloud"]
"""Public or private cloud (公有云 / 专有云)."""

PodPhase = Literal["Pending", "Running", "Succeeded", "Failed", "Unknown"]
"""`v1.PodPhase`."""

PodStatus = Literal["notUpdated", "updating", "updated", "failed"]
"""A pod's release status."""

PolicyAction = Union["PolicyActionReplicas", "PolicyActionMetric"]
"""What a policy does, tagged by `type`."""

PostTask = Literal["cleanupServiceConfig", "removeLogConfig"]
"""Work to do after the pods are updated."""

PreTask = Literal["applyServiceConfig", "applyLogConfig"]
"""Work to do before the pods are updated."""

PreemptionPolicy = Literal["PreemptLowerPriority", "Never"]
"""`PreemptionPolicy`."""

PublishStatus = Literal["pendingDeploy", "deployed"]
"""Whether a version is deployed."""

Quantity = str
"""A Kubernetes quantity in canonical form, e.g. `500m`, `128Mi`, `1e3`."""

QuantityErrorReason = Literal["empty", "invalid_number", "invalid_suffix", "negative", "overflow"]
"""Why a quantity string was rejected."""

QuantityFormat = Literal["DecimalSI", "BinarySI", "DecimalExponent"]
"""How a quantity was written, which decides its canonical form (Kubernetes' `Format`)."""

RampMode = Literal["linear", "accelerating", "decelerating"]
"""The shape of a ramp: linear, accelerating (渐快), decelerating (渐慢)."""

RawQuantity = Union[str, float]
"""A Kubernetes quantity as written: a string such as `500m`, `0.5`, `128Mi`, `1e3`, or a JSON number."""

ReleaseAction = Union["ReleaseActionRunTask", "ReleaseActionUpdatePods", "ReleaseActionDeleteResources", "ReleaseActionAwaitConfirmation", "ReleaseActionServiceFinished", "ReleaseActionOrderFinished"]
"""An action for the caller to carry out, tagged by `type`."""

ReleaseEvent = Union["ReleaseEventStart", "ReleaseEventStartService", "ReleaseEventPodObserved", "ReleaseEventTaskFinished", "ReleaseEventConfirmBeta", "ReleaseEventResume", "ReleaseEventCancel", "ReleaseEventRetry", "ReleaseEventRollback", "ReleaseEventConfirmRollback", "ReleaseEventRetryRollback", "ReleaseEventCancelRollback", "ReleaseEventTick"]
"""An event for the engine, tagged by `type`."""

RollbackPlan = Union["RollbackPlanToVersion", "RollbackPlanDeleteResources", "RollbackPlanCancel"]
"""What `rollback` does for a service (docs/release.md, three cases)."""

Scaling = Union["ScalingFixed", "ScalingElastic"]
"""Replica scaling (副本伸缩策略), tagged by `type`."""

SchedulePolicy = Literal["evenAcrossUnits"]
"""Pod schedule policy (Pod 调度策略)."""

SchedulerEvent = Union["SchedulerEventScheduleOne", "SchedulerEventScheduleAll", "SchedulerEventPlace", "SchedulerEventDrain", "SchedulerEventEvictTainted"]
"""An event for the scheduler, tagged by `type`."""

SchedulerOutput = Union["SchedulerOutputPlacement", "SchedulerOutputScheduled", "SchedulerOutputPlaced", "SchedulerOutputDrained", "SchedulerOutputEvicted"]
"""What the scheduler answers, tagged by `type`."""

ScoringStrategy = Literal["leastAllocated", "mostAllocated"]
"""`NodeResourcesFitArgs.scoringStrategy.type`."""

Seed = Union[str, int]
"""A seed: a number up to 2^32 - 1, or a decimal string up to 2^64 - 1."""

SelectPolicy = Literal["Max", "Min", "Disabled"]
"""`ScalingPolicySelect`."""

ServiceOutcome = Literal["succeeded", "failed", "cancelled", "rolledBack", "resourcesDeleted"]
"""How a service ended."""

ServicePhase = Literal["waiting", "preTasks", "updating", "paused", "postTasks", "succeeded", "failed", "cancelled", "rollingBack", "awaitingRollbackConfirmation", "rolledBack", "rollbackFailed", "resourcesDeleted"]
"""Where a service is in the release."""

Stabilization = Literal["ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized"]
"""The stabilisation step's verdict (the `AbleToScale` condition reason)."""

TaintEffect = Literal["NoSchedule", "PreferNoSchedule", "NoExecute"]
"""`TaintEffect`."""

TaskName = Literal["applyServiceConfig", "applyLogConfig", "cleanupServiceConfig", "removeLogConfig"]
"""A task name: a pre-task or a post-task."""

Timestamp = str
"""An RFC 3339 instant, e.g. `2026-11-27T09:00:00Z`."""

TolerationOperator = Literal["Equal", "Exists"]
"""`TolerationOperator`."""

UnhealthyPodEvictionPolicy = Literal["IfHealthyBudget", "AlwaysAllow"]
"""`UnhealthyPodEvictionPolicyType`. weir reads it and does not need it: only bound pods
are evicted, and every bound pod counts as healthy."""

Upgrade = Literal["none", "inPlace", "recreate"]
"""How pods reach the new version."""

UpgradeMode = Literal["inPlace", "replace"]
"""How pods are upgraded (升级模式)."""

UpgradeReason = Literal["replaceMode", "resourcesChanged", "containerCountChanged", "monitoringTurnedOff", "podSpecChanged", "imageChanged", "affinityChanged"]
"""Why pods are recreated (or, for `affinityChanged`, why they would need to be)."""

VersionSource = Literal["create", "edit", "changeImage", "changeReplicas"]
"""How a version came to be."""

VolumeType = Literal["hostPath", "configMap", "secret"]
"""What a volume mount mounts (数据卷类型)."""

WarningCode = Literal["loadBalancerChange", "upgradeModeSwitch", "affinityNeedsRecreate"]
"""A consequence the person releasing should know about."""

WhenUnsatisfiable = Literal["DoNotSchedule", "ScheduleAnyway"]
"""`UnsatisfiableConstraintAction`."""

ZoneSelection = Literal["sequential", "random"]
"""How a group is chosen among equals (seed 9.6 "机房选择策略")."""
