//! The compiled cluster: nodes with their running totals, pods with their rules compiled
//! once, and the Filter and Score plugins of kube-scheduler's default profile
//! (`pkg/scheduler/framework/plugins/*`), plus the seed's unit, sub-cluster and zone rules.

use std::collections::BTreeMap;

use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors};
use crate::hash::{FastMap, FastSet, map_with_capacity};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::model::selector::{
    LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, NodeSelector,
    NodeSelectorMatcher, Selector,
};

use super::types::{
    ClusterSnapshot, InclusionPolicy, LabelKeys, Node, Pod, PodAffinityTerm, PodHints,
    PreemptionPolicy, ScoringConfig, ScoringStrategy, Taint, TaintEffect, Toleration,
    TolerationOperator, WhenUnsatisfiable,
};

/// `DefaultMilliCPURequest` and `DefaultMemoryRequest` (`pkg/scheduler/util`): what scoring
/// assumes for a container that requests no CPU or memory.
const DEFAULT_MILLI_CPU: i64 = 100;
const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;
/// `MaxNodeScore`.
pub(crate) const MAX_SCORE: i64 = 100;
/// The cordon's synthetic taint (`node.kubernetes.io/unschedulable`).
const UNSCHEDULABLE_KEY: &str = "node.kubernetes.io/unschedulable";

/// Resource amounts: CPU in millicores, the rest in whole units (bytes), as Kubernetes'
/// `MilliValue` / `Value`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Res {
    pub cpu: i64,
    pub mem: i64,
    /// Other resources by name (`ephemeral-storage`, extended resources).
    pub other: Vec<(String, i64)>,
}

impl Res {
    fn get(&self, name: &str) -> i64 {
        match name {
            "cpu" => self.cpu,
            "memory" => self.mem,
            _ => self
                .other
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0, |(_, v)| *v),
        }
    }

    fn slot(&mut self, name: &str) -> &mut i64 {
        match name {
            "cpu" => &mut self.cpu,
            "memory" => &mut self.mem,
            _ => {
                let at = match self.other.iter().position(|(n, _)| n == name) {
                    Some(i) => i,
                    None => {
                        self.other.push((name.to_owned(), 0));
                        self.other.len() - 1
                    }
                };
                match self.other.get_mut(at) {
                    Some((_, v)) => v,
                    None => &mut self.cpu, // unreachable: `at` was just made valid
                }
            }
        }
    }

    fn add(&mut self, o: &Res) {
        self.cpu = self.cpu.saturating_add(o.cpu);
        self.mem = self.mem.saturating_add(o.mem);
        for (n, v) in &o.other {
            let s = self.slot(n);
            *s = s.saturating_add(*v);
        }
    }

    pub(crate) fn sub(&mut self, o: &Res) {
        self.cpu = self.cpu.saturating_sub(o.cpu);
        self.mem = self.mem.saturating_sub(o.mem);
        for (n, v) in &o.other {
            let s = self.slot(n);
            *s = s.saturating_sub(*v);
        }
    }

    /// Whether `want` fits in `self` (allocatable) beside `used`, resource by resource
    /// (a zero request always fits, as in `fitsRequest`).
    pub(crate) fn has_room(&self, used: &Res, want: &Res) -> bool {
        want.names().all(|name| {
            let w = want.get(name);
            w <= 0 || w <= self.get(name).saturating_sub(used.get(name))
        })
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        ["cpu", "memory"]
            .into_iter()
            .chain(self.other.iter().map(|(n, _)| n.as_str()))
    }
}

fn amount(name: &str, q: &Quantity) -> i64 {
    let v = if name == "cpu" {
        q.milli_value()
    } else {
        u128::from(q.value())
    };
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn res_of(map: &BTreeMap<String, Quantity>) -> Res {
    let mut r = Res::default();
    for (n, q) in map {
        if n != "pods" {
            *r.slot(n) = amount(n, q);
        }
    }
    r
}

/// A pod affinity term, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// `None`: the term has no selector and matches no pod.
    selector: Option<Selector>,
    namespaces: Namespaces,
    pub key: String,
}

#[derive(Debug, Clone)]
enum Namespaces {
    /// Listed names and/or a namespace selector.
    Some(Vec<String>, Option<Selector>),
    /// `namespaceSelector: {}`.
    All,
}

impl Term {
    fn compile(t: &PodAffinityTerm, own_ns: &str) -> Result<Term> {
        let selector = t
            .label_selector
            .as_ref()
            .map(LabelSelector::compile)
            .transpose()?;
        let namespaces = match &t.namespace_selector {
            Some(s) if s.match_labels.is_empty() && s.match_expressions.is_empty() => {
                Namespaces::All
            }
            Some(s) => Namespaces::Some(t.namespaces.clone(), Some(s.compile()?)),
            None if t.namespaces.is_empty() => Namespaces::Some(vec![own_ns.to_owned()], None),
            None => Namespaces::Some(t.namespaces.clone(), None),
        };
        Ok(Term {
            selector,
            namespaces,
            key: t.topology_key.clone(),
        })
    }

    /// Whether pod `p` matches the term (namespace and labels).
    pub(crate) fn matches(&self, p: &PodInfo, ns_labels: &BTreeMap<String, Labels>) -> bool {
        let ns_ok = match &self.namespaces {
            Namespaces::All => true,
            Namespaces::Some(list, sel) => {
                list.contains(&p.namespace)
                    || sel
                        .as_ref()
                        .is_some_and(|s| ns_labels.get(&p.namespace).is_some_and(|l| s.matches(l)))
            }
        };
        ns_ok && self.selector.as_ref().is_some_and(|s| s.matches(&p.labels))
    }
}

/// A topology spread constraint, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    pub max_skew: i64,
    pub key: String,
    pub hard: bool,
    selector: Option<Selector>,
    pub min_domains: i64,
    /// `labelSelector: {}`: matches the pod itself, counts no pod.
    pub empty_selector: bool,
    pub honor_affinity: bool,
    pub honor_taints: bool,
}

/// A pod, compiled once.
#[derive(Debug, Clone)]
pub(crate) struct PodInfo {
    pub name: String,
    pub namespace: String,
    pub labels: Labels,
    pub node: Option<usize>,
    /// Effective priority: slot pods below everything.
    pub priority: i64,
    pub preempt_never: bool,
    pub req: Res,
    pub nonzero: Res,
    pub best_effort: bool,
    pub tolerations: Vec<Toleration>,
    pub node_selector: Labels,
    pub required: Option<NodeSelectorMatcher>,
    pub preferred: Vec<(i64, NodeSelectorMatcher)>,
    pub aff_req: Vec<Term>,
    pub aff_pref: Vec<(i64, Term)>,
    pub anti_req: Vec<Term>,
    pub anti_pref: Vec<(i64, Term)>,
    pub spread: Vec<Spread>,
    pub hints: PodHints,
    pub start: Option<f64>,
    pub terminating: bool,
    pub source: Pod,
}

impl PodInfo {
    pub(crate) fn has_affinity(&self) -> bool {
        !(self.aff_req.is_empty()
            && self.aff_pref.is_empty()
            && self.anti_req.is_empty()
            && self.anti_pref.is_empty())
    }
}

/// The priority slot pods get: below any `int32` priority.
pub(crate) const SLOT_PRIORITY: i64 = i32::MIN as i64 - 1;

/// `PodRequests` (`component-helpers resource/helpers.go`): per resource, the larger of the
/// regular containers plus sidecars and each init container plus the sidecars started
/// before it; plus the overhead. With `non_zero`, a container's missing CPU or memory
/// request counts as 100m / 200Mi (scoring only).
fn pod_requests(pod: &Pod, non_zero: bool) -> Res {
    let container = |c: &super::types::PodContainer| {
        let mut r = res_of(&c.resources.requests);
        if non_zero {
            if !c.resources.requests.contains_key("cpu") {
                r.cpu = DEFAULT_MILLI_CPU;
            }
            if !c.resources.requests.contains_key("memory") {
                r.mem = DEFAULT_MEMORY;
            }
        }
        r
    };
    let mut total = Res::default();
    for c in &pod.spec.containers {
        total.add(&container(c));
    }
    let mut sidecars = Res::default();
    let mut init_max = Res::default();
    for c in &pod.spec.init_containers {
        let r = container(c);
        if c.restart_policy.as_deref() == Some("Always") {
            sidecars.add(&r);
            total.add(&r);
        } else {
            let mut with = r.clone();
            with.add(&sidecars);
            for name in with.names().map(str::to_owned).collect::<Vec<_>>() {
                let v = with.get(&name);
                let s = init_max.slot(&name);
                *s = (*s).max(v);
            }
        }
    }
    for name in init_max.names().map(str::to_owned).collect::<Vec<_>>() {
        let v = init_max.get(&name);
        let s = total.slot(&name);
        *s = (*s).max(v);
    }
    if let Some(o) = &pod.spec.overhead {
        total.add(&res_of(o));
    }
    total
}

impl PodInfo {
    pub(crate) fn compile(pod: &Pod, path: &str, errs: &mut ValidationErrors) -> PodInfo {
        let namespace = pod
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_owned());
        let hints = pod.hints.clone().unwrap_or_default();
        let mut fail = |what: &str, e: Error| {
            errs.push(format!("{path}.{what}"), Code::Invalid, e.to_string());
        };
        let aff = pod.spec.affinity.as_ref();
        let node_aff = aff.and_then(|a| a.node_affinity.as_ref());
        let required = match node_aff
            .and_then(|n| n.required.as_ref())
            .map(NodeSelector::compile)
        {
            Some(Ok(m)) => Some(m),
            Some(Err(e)) => {
                fail("spec.affinity.nodeAffinity", e);
                None
            }
            None => None,
        };
        let mut preferred = Vec::new();
        for p in node_aff.map_or(&[][..], |n| n.preferred.as_slice()) {
            if p.weight == 0 {
                continue; // weight-0 terms are skipped (NodeAffinity Score)
            }
            match (NodeSelector {
                node_selector_terms: vec![p.preference.clone()],
            })
            .compile()
            {
                Ok(m) => preferred.push((i64::from(p.weight), m)),
                Err(e) => fail("spec.affinity.nodeAffinity", e),
            }
        }
        let mut terms = |pa: Option<&super::types::PodAffinity>, what: &str| {
            let mut req = Vec::new();
            let mut pref = Vec::new();
            if let Some(pa) = pa {
                for t in &pa.required {
                    match Term::compile(t, &namespace) {
                        Ok(t) => req.push(t),
                        Err(e) => errs.push(
                            format!("{path}.spec.affinity.{what}"),
                            Code::Invalid,
                            e.to_string(),
                        ),
                    }
                }
                for w in &pa.preferred {
                    match Term::compile(&w.pod_affinity_term, &namespace) {
                        Ok(t) => pref.push((i64::from(w.weight), t)),
                        Err(e) => errs.push(
                            format!("{path}.spec.affinity.{what}"),
                            Code::Invalid,
                            e.to_string(),
                        ),
                    }
                }
            }
            (req, pref)
        };
        let (aff_req, aff_pref) = terms(aff.and_then(|a| a.pod_affinity.as_ref()), "podAffinity");
        let (anti_req, anti_pref) = terms(
            aff.and_then(|a| a.pod_anti_affinity.as_ref()),
            "podAntiAffinity",
        );
        let mut spread = Vec::new();
        for (i, c) in pod.spec.topology_spread_constraints.iter().enumerate() {
            if c.max_skew < 1 {
                errs.push(
                    format!("{path}.spec.topologySpreadConstraints[{i}].maxSkew"),
                    Code::Invalid,
                    "must be ≥ 1",
                );
            }
            let selector = c.label_selector.as_ref().map(|s| {
                let mut s = s.clone();
                for k in &c.match_label_keys {
                    if let Some(v) = pod.metadata.labels.get(k) {
                        s.match_expressions.push(LabelSelectorRequirement {
                            key: k.clone(),
                            operator: LabelSelectorOperator::In,
                            values: vec![v.clone()],
                        });
                    }
                }
                s.compile()
            });
            let selector = match selector.transpose() {
                Ok(s) => s,
                Err(e) => {
                    errs.push(
                        format!("{path}.spec.topologySpreadConstraints[{i}].labelSelector"),
                        Code::Invalid,
                        e.to_string(),
                    );
                    None
                }
            };
            spread.push(Spread {
                max_skew: i64::from(c.max_skew),
                key: c.topology_key.clone(),
                hard: c.when_unsatisfiable == WhenUnsatisfiable::DoNotSchedule,
                selector,
                min_domains: i64::from(c.min_domains.unwrap_or(1).max(1)),
                empty_selector: c
                    .label_selector
                    .as_ref()
                    .is_some_and(|l| l.match_labels.is_empty() && l.match_expressions.is_empty()),
                honor_affinity: c.node_affinity_policy != Some(InclusionPolicy::Ignore),
                honor_taints: c.node_taints_policy == Some(InclusionPolicy::Honor),
            });
        }
        let req = pod_requests(pod, false);
        let best_effort = req.cpu == 0 && req.mem == 0;
        PodInfo {
            name: pod.metadata.name.clone(),
            namespace,
            labels: pod.metadata.labels.clone(),
            node: None,
            priority: if hints.slot {
                SLOT_PRIORITY
            } else {
                i64::from(pod.spec.priority.unwrap_or(0))
            },
            preempt_never: pod.spec.preemption_policy == Some(PreemptionPolicy::Never),
            nonzero: pod_requests(pod, true),
            req,
            best_effort,
            tolerations: pod.spec.tolerations.clone(),
            node_selector: pod.spec.node_selector.clone(),
            required,
            preferred,
            aff_req,
            aff_pref,
            anti_req,
            anti_pref,
            spread,
            start: pod
                .status
                .as_ref()
                .and_then(|s| s.start_time.as_deref())
                .and_then(crate::time::parse),
            terminating: pod.metadata.deletion_timestamp.is_some(),
            hints,
            source: pod.clone(),
        }
    }

    /// selfMatch: the pod matches the constraint's selector (an empty one matches).
    fn matches_spread(&self, s: &Spread) -> bool {
        s.selector
            .as_ref()
            .is_some_and(|sel| sel.matches(&self.labels))
    }

    /// Whether the pod counts in a domain: `countPodsMatchSelector` counts nothing for an
    /// empty selector.
    fn counts_for_spread(&self, s: &Spread) -> bool {
        !s.empty_selector && self.matches_spread(s)
    }
}

/// A node with its running totals.
#[derive(Debug, Clone)]
pub(crate) struct NodeInfo {
    pub name: String,
    pub labels: Labels,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub alloc: Res,
    pub alloc_pods: i64,
    pub requested: Res,
    pub nonzero: Res,
    pub pods: Vec<usize>,
    /// The unit and zone label values and the sub-cluster mark, read once.
    pub unit: Option<String>,
    pub zone: Option<String>,
    pub sub_cluster: bool,
    pub source: Node,
}

/// Why a Filter plugin refused a node, kept cheap (no text) until an explanation is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// A fixed message.
    Text(&'static str),
    /// The node's taint at this index is not tolerated.
    Taint(usize),
    /// NodeResourcesFit: too many pods, and the short resources.
    Short { pods: bool, resources: Vec<String> },
}

/// One Filter failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub plugin: &'static str,
    pub reason: Reason,
    /// `UnschedulableAndUnresolvable`: preemption cannot help.
    pub unresolvable: bool,
}

impl Failure {
    /// kube-scheduler's reason texts (one per short resource).
    pub(crate) fn texts(&self, node: Option<&NodeInfo>) -> Vec<String> {
        match &self.reason {
            Reason::Text(t) => vec![(*t).to_owned()],
            Reason::Taint(i) => {
                let t = node.and_then(|n| n.taints.get(*i));
                vec![format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    t.map_or("", |t| t.key.as_str()),
                    t.map_or("", |t| t.value.as_str())
                )]
            }
            Reason::Short { pods, resources } => {
                let mut v: Vec<String> = Vec::new();
                if *pods {
                    v.push("Too many pods".to_owned());
                }
                v.extend(resources.iter().map(|r| format!("Insufficient {r}")));
                v
            }
        }
    }
}

fn fail(plugin: &'static str, reason: &'static str, unresolvable: bool) -> Option<Failure> {
    Some(Failure {
        plugin,
        reason: Reason::Text(reason),
        unresolvable,
    })
}

/// `ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`).
pub(crate) fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if t.effect.is_some_and(|e| e != taint.effect) {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.unwrap_or(TolerationOperator::Equal) {
        TolerationOperator::Exists => true,
        TolerationOperator::Equal => t.value == taint.value,
    }
}

fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| tolerates(t, taint))
}

/// The compiled cluster.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    pub keys: LabelKeys,
    pub scoring: ScoringConfig,
    pub ns_labels: BTreeMap<String, Labels>,
    /// Sorted by name: ties go to the lowest name.
    pub nodes: Vec<NodeInfo>,
    pub node_by_name: FastMap<String, usize>,
    pub pods: Vec<PodInfo>,
    /// Pods (indices) with any affinity term: the only ones symmetric rules need.
    pub with_affinity: FastSet<usize>,
    /// `namespace/name` → index in `pods`.
    pub ids: FastMap<String, usize>,
    /// Per node, its equivalence class: nodes with the same labels (the hostname aside),
    /// taints and cordon pass or fail the static filters alike.
    pub node_class: Vec<usize>,
    /// One node of each class.
    pub class_rep: Vec<usize>,
}

/// Per-pod precomputation for the filters and scores.
pub(crate) struct PodCtx<'a> {
    /// Per hard/soft spread constraint: matching pods per domain value.
    spread: Vec<SpreadCtx<'a>>,
    /// Per required affinity term: domain values with a matching pod.
    aff_domains: Vec<FastSet<&'a str>>,
    /// No pod anywhere matches any required affinity term, and the pod matches all its own.
    first_replica: bool,
    /// Per required anti-affinity term: domain values with a matching pod.
    anti_domains: Vec<FastSet<&'a str>>,
    /// (topology key, value) blocked by existing pods' required anti-affinity.
    blocked: FastSet<(&'a str, &'a str)>,
    /// Preferred inter-pod affinity: key → value → score.
    topology_score: FastMap<&'a str, FastMap<&'a str, i64>>,
    /// The static filters' verdict per class (per node when `per_node`).
    static_fails: Vec<Option<Failure>>,
    per_node: bool,
}

struct SpreadCtx<'a> {
    by_domain: FastMap<&'a str, i64>,
    /// Minimum over eligible domains (0 when fewer than `minDomains`).
    global_min: i64,
    self_match: i64,
}

impl Cluster {
    pub(crate) fn build(snapshot: &ClusterSnapshot) -> Result<Cluster> {
        let mut errs = ValidationErrors::new();
        let mut order: Vec<usize> = (0..snapshot.nodes.len()).collect();
        order.sort_by(|a, b| {
            let name = |i: &usize| snapshot.nodes.get(*i).map(|n| n.metadata.name.as_str());
            name(a).cmp(&name(b))
        });
        let keys = snapshot.label_keys.clone().unwrap_or_default();
        let mut nodes = Vec::with_capacity(order.len());
        let mut node_by_name = map_with_capacity(order.len());
        for i in order {
            let Some(n) = snapshot.nodes.get(i) else {
                continue;
            };
            if n.metadata.name.is_empty() {
                errs.push(
                    format!("nodes[{i}].metadata.name"),
                    Code::Required,
                    "a node has a name",
                );
            }
            if node_by_name
                .insert(n.metadata.name.clone(), nodes.len())
                .is_some()
            {
                errs.push(
                    format!("nodes[{i}].metadata.name"),
                    Code::Duplicate,
                    format!("node `{}` is listed twice", n.metadata.name),
                );
            }
            nodes.push(NodeInfo {
                unit: n.metadata.labels.get(&keys.unit).cloned(),
                zone: n.metadata.labels.get(&keys.zone).cloned(),
                sub_cluster: n.metadata.labels.get(&keys.sub_cluster)
                    == Some(&keys.sub_cluster_value),
                name: n.metadata.name.clone(),
                labels: n.metadata.labels.clone(),
                taints: n.spec.taints.clone(),
                unschedulable: n.spec.unschedulable,
                alloc: res_of(&n.status.allocatable),
                alloc_pods: n
                    .status
                    .allocatable
                    .get("pods")
                    .map_or(110, |q| i64::try_from(q.value()).unwrap_or(i64::MAX)),
                requested: Res::default(),
                nonzero: Res::default(),
                pods: Vec::new(),
                source: n.clone(),
            });
        }
        let mut cluster = Cluster {
            keys: snapshot.label_keys.clone().unwrap_or_default(),
            scoring: snapshot.scoring.clone().unwrap_or_default(),
            ns_labels: snapshot.namespaces.clone(),
            nodes,
            node_by_name,
            pods: Vec::with_capacity(snapshot.pods.len()),
            with_affinity: FastSet::default(),
            ids: FastMap::default(),
            node_class: Vec::new(),
            class_rep: Vec::new(),
        };
        cluster.classify();
        let mut seen: FastSet<(String, String)> = FastSet::default();
        for (i, p) in snapshot.pods.iter().enumerate() {
            let path = format!("pods[{i}]");
            let info = PodInfo::compile(p, &path, &mut errs);
            if p.metadata.name.is_empty() {
                errs.push(
                    format!("{path}.metadata.name"),
                    Code::Required,
                    "a pod has a name",
                );
            }
            if !seen.insert((info.namespace.clone(), info.name.clone())) {
                errs.push(
                    format!("{path}.metadata.name"),
                    Code::Duplicate,
                    format!("pod `{}/{}` is listed twice", info.namespace, info.name),
                );
            }
            let node = match &p.spec.node_name {
                Some(n) => match cluster.node_by_name.get(n) {
                    Some(&idx) => Some(idx),
                    None => {
                        errs.push(
                            format!("{path}.spec.nodeName"),
                            Code::Invalid,
                            format!("node `{n}` is not in the snapshot"),
                        );
                        None
                    }
                },
                None => None,
            };
            let idx = cluster.pods.len();
            cluster
                .ids
                .insert(format!("{}/{}", info.namespace, info.name), idx);
            cluster.pods.push(info);
            if let Some(n) = node {
                cluster.bind(idx, n);
            }
        }
        errs.into_result(cluster)
    }

    /// Group the nodes into equivalence classes (the lever the issue names: the static
    /// filters then run once per class, not once per node).
    fn classify(&mut self) {
        let mut by_signature: FastMap<String, usize> = FastMap::default();
        self.node_class = Vec::with_capacity(self.nodes.len());
        self.class_rep.clear();
        for (i, n) in self.nodes.iter().enumerate() {
            let mut sig = String::new();
            for (k, v) in &n.labels {
                if *k != self.keys.hostname {
                    sig.push_str(k);
                    sig.push('\u{1}');
                    sig.push_str(v);
                    sig.push('\u{2}');
                }
            }
            sig.push('\u{3}');
            for t in &n.taints {
                sig.push_str(&t.key);
                sig.push('\u{1}');
                sig.push_str(&t.value);
                sig.push_str(match t.effect {
                    TaintEffect::NoSchedule => "\u{1}S",
                    TaintEffect::PreferNoSchedule => "\u{1}P",
                    TaintEffect::NoExecute => "\u{1}E",
                });
                sig.push('\u{2}');
            }
            sig.push(if n.unschedulable { 'U' } else { 'u' });
            let next = self.class_rep.len();
            let class = *by_signature.entry(sig).or_insert(next);
            if class == next {
                self.class_rep.push(i);
            }
            self.node_class.push(class);
        }
    }

    /// Whether a pod's node rules name nodes one by one (`metadata.name` fields or the
    /// hostname label): then nodes of a class may differ for it.
    fn names_nodes(&self, p: &PodInfo) -> bool {
        let host = self.keys.hostname.as_str();
        if p.node_selector.contains_key(host) {
            return true;
        }
        let Some(na) = p
            .source
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
        else {
            return false;
        };
        let term_names = |t: &crate::model::selector::NodeSelectorTerm| {
            !t.match_fields.is_empty() || t.match_expressions.iter().any(|e| e.key == host)
        };
        na.required
            .as_ref()
            .is_some_and(|r| r.node_selector_terms.iter().any(term_names))
            || na.preferred.iter().any(|w| term_names(&w.preference))
    }

    /// The filters that read only the node's labels, taints and cordon, in the default
    /// profile's order: cordon, taints, node affinity, then the seed's unit, sub-cluster and
    /// zone rules.
    fn static_filter(&self, p: &PodInfo, node: &NodeInfo) -> Option<Failure> {
        // NodeUnschedulable
        if node.unschedulable {
            let cordon = Taint {
                key: UNSCHEDULABLE_KEY.into(),
                value: String::new(),
                effect: TaintEffect::NoSchedule,
                time_added: None,
            };
            if !tolerated(&p.tolerations, &cordon) {
                return fail("NodeUnschedulable", "node(s) were unschedulable", true);
            }
        }
        // TaintToleration: the first untolerated NoSchedule/NoExecute taint.
        if let Some(i) = node.taints.iter().position(|t| {
            t.effect != TaintEffect::PreferNoSchedule && !tolerated(&p.tolerations, t)
        }) {
            return Some(Failure {
                plugin: "TaintToleration",
                reason: Reason::Taint(i),
                unresolvable: true,
            });
        }
        // NodeAffinity
        if !self.node_affinity_ok(p, node) {
            return fail(
                "NodeAffinity",
                "node(s) didn't match Pod's node affinity/selector",
                true,
            );
        }
        // The seed's rules: deployment units, sub-cluster isolation, zone-bound volumes.
        if !p.hints.units.is_empty()
            && !node
                .unit
                .as_ref()
                .is_some_and(|u| p.hints.units.contains(u))
        {
            return fail(
                "DeploymentUnit",
                "node(s) were not in the service's deployment units",
                true,
            );
        }
        let sub_cluster = node.sub_cluster;
        if p.hints.node_autoscaling && !sub_cluster {
            return fail("SubCluster", "node(s) were not in the sub-cluster", true);
        }
        if sub_cluster && !p.hints.node_autoscaling && !p.hints.daemon_set && !p.hints.system {
            return fail(
                "SubCluster",
                "node(s) were reserved for the sub-cluster",
                true,
            );
        }
        if let Some(z) = &p.hints.volume_zone
            && node.zone.as_ref() != Some(z)
        {
            return fail("VolumeZone", "node(s) had no available volume zone", true);
        }
        None
    }

    /// Put pod `p` on node `n` (updating the totals).
    pub(crate) fn bind(&mut self, p: usize, n: usize) {
        let Some(pod) = self.pods.get_mut(p) else {
            return;
        };
        pod.node = Some(n);
        pod.source.spec.node_name = self.nodes.get(n).map(|x| x.name.clone());
        let (req, nonzero, aff) = (pod.req.clone(), pod.nonzero.clone(), pod.has_affinity());
        if let Some(node) = self.nodes.get_mut(n) {
            node.requested.add(&req);
            node.nonzero.add(&nonzero);
            node.pods.push(p);
        }
        if aff {
            self.with_affinity.insert(p);
        }
    }

    /// Take pod `p` off its node.
    pub(crate) fn unbind(&mut self, p: usize) {
        let Some(pod) = self.pods.get_mut(p) else {
            return;
        };
        let Some(n) = pod.node.take() else { return };
        pod.source.spec.node_name = None;
        let (req, nonzero) = (pod.req.clone(), pod.nonzero.clone());
        if let Some(node) = self.nodes.get_mut(n) {
            node.requested.sub(&req);
            node.nonzero.sub(&nonzero);
            node.pods.retain(|&q| q != p);
        }
        self.with_affinity.remove(&p);
    }

    /// Pods bound to a node. PodTopologySpread leaves out terminating ones; InterPodAffinity
    /// counts them (`nodeInfo.Pods`, `PodsWithAffinity`).
    fn live_pods(&self) -> impl Iterator<Item = (usize, &PodInfo, usize)> {
        self.pods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.node.map(|n| (i, p, n)))
    }

    fn label<'a>(&'a self, n: usize, key: &str) -> Option<&'a String> {
        self.nodes.get(n).and_then(|node| node.labels.get(key))
    }

    /// NodeAffinity's required part: `nodeSelector` and required terms.
    fn node_affinity_ok(&self, p: &PodInfo, node: &NodeInfo) -> bool {
        p.node_selector
            .iter()
            .all(|(k, v)| node.labels.get(k) == Some(v))
            && p.required
                .as_ref()
                .is_none_or(|m| m.matches(&node.name, &node.labels))
    }

    pub(crate) fn context<'a>(&'a self, p: &'a PodInfo, skip: Option<usize>) -> PodCtx<'a> {
        // The static filters once per class, or per node when the pod names nodes.
        let per_node = self.names_nodes(p);
        let static_fails: Vec<Option<Failure>> = if per_node {
            self.nodes
                .iter()
                .map(|n| self.static_filter(p, n))
                .collect()
        } else {
            self.class_rep
                .iter()
                .map(|&r| self.nodes.get(r).and_then(|n| self.static_filter(p, n)))
                .collect()
        };
        let class_affinity: Vec<bool> = if per_node {
            Vec::new()
        } else {
            self.class_rep
                .iter()
                .map(|&r| {
                    self.nodes
                        .get(r)
                        .is_some_and(|n| self.node_affinity_ok(p, n))
                })
                .collect()
        };
        let affinity_ok: Vec<bool> = if per_node {
            self.nodes
                .iter()
                .map(|n| self.node_affinity_ok(p, n))
                .collect()
        } else {
            self.node_class
                .iter()
                .map(|&c| class_affinity.get(c).copied().unwrap_or(false))
                .collect()
        };
        let live = || self.live_pods().filter(move |(i, _, _)| Some(*i) != skip);
        // PodTopologySpread: counts per domain over the nodes the constraint includes.
        let mut spread = Vec::with_capacity(p.spread.len());
        for s in &p.spread {
            let included = |n: usize| {
                let Some(node) = self.nodes.get(n) else {
                    return false;
                };
                // Filter counts over nodes with every hard key, Score over every soft key
                // (`calPreFilterState`, `initPreScoreState`).
                p.spread
                    .iter()
                    .filter(|c| c.hard == s.hard)
                    .all(|c| node.labels.contains_key(&c.key))
                    && (!s.honor_affinity || affinity_ok.get(n).copied().unwrap_or(false))
                    && (!s.honor_taints
                        || node.taints.iter().all(|t| {
                            t.effect == TaintEffect::PreferNoSchedule
                                || tolerated(&p.tolerations, t)
                        }))
            };
            let mut by_domain: FastMap<&str, i64> = FastMap::default();
            for (n, node) in self.nodes.iter().enumerate() {
                if included(n)
                    && let Some(v) = node.labels.get(&s.key)
                {
                    by_domain.entry(v.as_str()).or_insert(0);
                }
            }
            for (_, q, n) in live().filter(|(_, q, _)| !q.terminating) {
                if q.namespace == p.namespace
                    && q.counts_for_spread(s)
                    && included(n)
                    && let Some(v) = self.label(n, &s.key)
                    && let Some(c) = by_domain.get_mut(v.as_str())
                {
                    *c += 1;
                }
            }
            let global_min = if (by_domain.len() as i64) < s.min_domains {
                0
            } else {
                by_domain.values().copied().min().unwrap_or(0)
            };
            spread.push(SpreadCtx {
                by_domain,
                global_min,
                self_match: i64::from(p.matches_spread(s)),
            });
        }
        // InterPodAffinity.
        let mut aff_domains = vec![FastSet::default(); p.aff_req.len()];
        let mut anti_domains = vec![FastSet::default(); p.anti_req.len()];
        let mut any_match = false;
        let mut blocked = FastSet::default();
        let mut topology_score: FastMap<&str, FastMap<&str, i64>> = FastMap::default();
        let mut add_score = |key: &'a str, value: &'a str, w: i64| {
            *topology_score
                .entry(key)
                .or_default()
                .entry(value)
                .or_insert(0) += w;
        };
        let incoming_terms = p.has_affinity();
        for (i, q, n) in live() {
            if incoming_terms {
                // `updateWithAffinityTerms`: an existing pod counts only if it matches every
                // required term, and only in the domains its node has.
                if !p.aff_req.is_empty() && p.aff_req.iter().all(|t| t.matches(q, &self.ns_labels))
                {
                    for (t, set) in p.aff_req.iter().zip(aff_domains.iter_mut()) {
                        if let Some(v) = self.label(n, &t.key) {
                            any_match = true;
                            set.insert(v.as_str());
                        }
                    }
                }
                for (t, set) in p.anti_req.iter().zip(anti_domains.iter_mut()) {
                    if t.matches(q, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        set.insert(v.as_str());
                    }
                }
                for (w, t) in &p.aff_pref {
                    if t.matches(q, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        add_score(&t.key, v, *w);
                    }
                }
                for (w, t) in &p.anti_pref {
                    if t.matches(q, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        add_score(&t.key, v, -*w);
                    }
                }
            }
            if self.with_affinity.contains(&i) {
                // Symmetric rules of the existing pod towards the incoming one.
                for t in &q.anti_req {
                    if t.matches(p, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        blocked.insert((t.key.as_str(), v.as_str()));
                    }
                }
                for (w, t) in &q.aff_pref {
                    if t.matches(p, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        add_score(&t.key, v, *w);
                    }
                }
                for (w, t) in &q.anti_pref {
                    if t.matches(p, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        add_score(&t.key, v, -*w);
                    }
                }
                // hardPodAffinityWeight (default 1) for the existing pod's required affinity.
                for t in &q.aff_req {
                    if t.matches(p, &self.ns_labels)
                        && let Some(v) = self.label(n, &t.key)
                    {
                        add_score(&t.key, v, 1);
                    }
                }
            }
        }
        let first_replica = !any_match && p.aff_req.iter().all(|t| t.matches(p, &self.ns_labels));
        PodCtx {
            spread,
            aff_domains,
            first_replica,
            anti_domains,
            blocked,
            topology_score,
            static_fails,
            per_node,
        }
    }

    /// Every Filter plugin, in the default profile's order; the failure of the first
    /// plugin that fails (NodeResourcesFit reports every short resource), or `None`.
    pub(crate) fn filter(&self, p: &PodInfo, n: usize, ctx: &PodCtx) -> Option<Failure> {
        let Some(node) = self.nodes.get(n) else {
            return fail("NodeName", "node(s) didn't exist", true);
        };
        let slot = if ctx.per_node {
            n
        } else {
            self.node_class.get(n).copied().unwrap_or(usize::MAX)
        };
        if let Some(f) = ctx.static_fails.get(slot).and_then(Option::as_ref) {
            return Some(f.clone());
        }
        // NodeResourcesFit
        let too_many = i64::try_from(node.pods.len()).unwrap_or(i64::MAX) + 1 > node.alloc_pods;
        let short = |name: &str| {
            let want = p.req.get(name);
            want > 0
                && want
                    > node
                        .alloc
                        .get(name)
                        .saturating_sub(node.requested.get(name))
        };
        if too_many || p.req.names().any(short) {
            return Some(Failure {
                plugin: "NodeResourcesFit",
                reason: Reason::Short {
                    pods: too_many,
                    resources: p
                        .req
                        .names()
                        .filter(|r| short(r))
                        .map(str::to_owned)
                        .collect(),
                },
                unresolvable: false,
            });
        }
        // PodTopologySpread (DoNotSchedule)
        for (s, c) in p.spread.iter().zip(&ctx.spread) {
            if !s.hard {
                continue;
            }
            let Some(v) = node.labels.get(&s.key) else {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints (missing required label)",
                    true,
                );
            };
            let count = c.by_domain.get(v.as_str()).copied().unwrap_or(0);
            if count + c.self_match - c.global_min > s.max_skew {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints",
                    false,
                );
            }
        }
        // InterPodAffinity: required affinity, own anti-affinity, existing anti-affinity.
        if !ctx.first_replica {
            for (t, set) in p.aff_req.iter().zip(&ctx.aff_domains) {
                if !node
                    .labels
                    .get(&t.key)
                    .is_some_and(|v| set.contains(v.as_str()))
                {
                    return fail(
                        "InterPodAffinity",
                        "node(s) didn't match pod affinity rules",
                        true,
                    );
                }
            }
        } else if p.aff_req.iter().any(|t| !node.labels.contains_key(&t.key)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't match pod affinity rules",
                true,
            );
        }
        for (t, set) in p.anti_req.iter().zip(&ctx.anti_domains) {
            if node
                .labels
                .get(&t.key)
                .is_some_and(|v| set.contains(v.as_str()))
            {
                return fail(
                    "InterPodAffinity",
                    "node(s) didn't match pod anti-affinity rules",
                    false,
                );
            }
        }
        if !ctx.blocked.is_empty()
            && node
                .labels
                .iter()
                .any(|(k, v)| ctx.blocked.contains(&(k.as_str(), v.as_str())))
        {
            return fail(
                "InterPodAffinity",
                "node(s) didn't satisfy existing pods anti-affinity rules",
                false,
            );
        }
        None
    }

    /// The Score plugins over the feasible nodes: `(node, total, breakdown)`.
    pub(crate) fn score(&self, p: &PodInfo, feasible: &[usize], ctx: &PodCtx) -> Scores {
        let cfg = &self.scoring;
        let mut raw_taint = Vec::with_capacity(feasible.len());
        let mut raw_node_aff = Vec::with_capacity(feasible.len());
        let mut raw_pod_aff = Vec::with_capacity(feasible.len());
        let mut raw_spread: Vec<Option<i64>> = Vec::with_capacity(feasible.len());
        let mut resources = Vec::with_capacity(feasible.len());
        let mut balanced = Vec::with_capacity(feasible.len());
        // Soft spread: numDomains among candidates, per constraint.
        let soft: Vec<(&Spread, &SpreadCtx)> = p
            .spread
            .iter()
            .zip(&ctx.spread)
            .filter(|(s, _)| !s.hard)
            .collect();
        let domains: Vec<f64> = soft
            .iter()
            .map(|(s, _)| {
                // Candidates missing a soft key are ignored (`IgnoredNodes`).
                let mut values: FastSet<&String> = FastSet::default();
                for &n in feasible {
                    let Some(node) = self.nodes.get(n) else {
                        continue;
                    };
                    if soft.iter().all(|(c, _)| node.labels.contains_key(&c.key))
                        && let Some(v) = node.labels.get(&s.key)
                    {
                        values.insert(v);
                    }
                }
                values.len() as f64
            })
            .collect();
        // TaintToleration score: only tolerations with an empty or PreferNoSchedule effect.
        let prefer: Vec<Toleration> = p
            .tolerations
            .iter()
            .filter(|t| t.effect.is_none_or(|e| e == TaintEffect::PreferNoSchedule))
            .cloned()
            .collect();
        for &n in feasible {
            let Some(node) = self.nodes.get(n) else {
                continue;
            };
            // NodeResourcesFit score (cpu and memory, weight 1 each).
            // Per resource (cpu, memory; weight 1 each), leaving out a resource the node
            // has none of (`leastResourceScorer` skips it in both sums); i128: no overflow.
            let (mut sum, mut weight) = (0i128, 0i128);
            for (alloc, used) in [
                (
                    node.alloc.cpu,
                    node.nonzero.cpu.saturating_add(p.nonzero.cpu),
                ),
                (
                    node.alloc.mem,
                    node.nonzero.mem.saturating_add(p.nonzero.mem),
                ),
            ] {
                if alloc <= 0 {
                    continue;
                }
                let (alloc, used) = (i128::from(alloc), i128::from(used.max(0)));
                weight += 1;
                sum += match cfg.strategy {
                    ScoringStrategy::LeastAllocated if used > alloc => 0,
                    ScoringStrategy::LeastAllocated => (alloc - used) * 100 / alloc,
                    ScoringStrategy::MostAllocated => used.min(alloc) * 100 / alloc,
                };
            }
            resources.push(if weight == 0 {
                0
            } else {
                (sum / weight) as i64
            });
            // BalancedAllocation: actual requests, fractions capped at 1.
            let frac = |alloc: i64, used: i64| {
                if alloc == 0 {
                    None
                } else {
                    Some((used as f64 / alloc as f64).min(1.0))
                }
            };
            let std = match (
                frac(node.alloc.cpu, node.requested.cpu.saturating_add(p.req.cpu)),
                frac(node.alloc.mem, node.requested.mem.saturating_add(p.req.mem)),
            ) {
                (Some(a), Some(b)) => (a - b).abs() / 2.0,
                _ => 0.0,
            };
            balanced.push(((1.0 - std) * MAX_SCORE as f64) as i64);
            raw_taint.push(
                node.taints
                    .iter()
                    .filter(|t| t.effect == TaintEffect::PreferNoSchedule && !tolerated(&prefer, t))
                    .count() as i64,
            );
            raw_node_aff.push(
                p.preferred
                    .iter()
                    .filter(|(_, m)| m.matches(&node.name, &node.labels))
                    .map(|(w, _)| *w)
                    .sum::<i64>(),
            );
            raw_pod_aff.push(
                ctx.topology_score
                    .iter()
                    .map(|(k, by)| {
                        node.labels
                            .get(*k)
                            .and_then(|v| by.get(v.as_str()))
                            .copied()
                            .unwrap_or(0)
                    })
                    .sum::<i64>(),
            );
            // PodTopologySpread score: Σ cnt × ln(numDomains + 2) + (maxSkew − 1).
            if soft.is_empty() {
                raw_spread.push(Some(0));
            } else if soft.iter().any(|(s, _)| !node.labels.contains_key(&s.key)) {
                raw_spread.push(None);
            } else {
                let mut total = 0.0;
                for ((s, c), d) in soft.iter().zip(&domains) {
                    let cnt = if s.key == self.keys.hostname {
                        self.nodes
                            .get(n)
                            .map(|node| {
                                node.pods
                                    .iter()
                                    .filter_map(|&q| self.pods.get(q))
                                    .filter(|q| {
                                        !q.terminating
                                            && q.namespace == p.namespace
                                            && q.counts_for_spread(s)
                                    })
                                    .count() as i64
                            })
                            .unwrap_or(0)
                    } else {
                        node.labels
                            .get(&s.key)
                            .and_then(|v| c.by_domain.get(v.as_str()))
                            .copied()
                            .unwrap_or(0)
                    };
                    total += cnt as f64 * (d + 2.0).ln() + (s.max_skew - 1) as f64;
                }
                raw_spread.push(Some(total.round() as i64));
            }
        }
        let taint = normalize(&raw_taint, true);
        let node_aff = normalize(&raw_node_aff, false);
        let pod_aff = min_max(&raw_pod_aff);
        let spread = spread_scores(&raw_spread);
        let w = |on: bool, weight: i32| if on { i64::from(weight) } else { 0 };
        let weights = [
            ("NodeResourcesFit", w(true, cfg.resources_weight)),
            (
                "NodeResourcesBalancedAllocation",
                w(!p.best_effort, cfg.balanced_weight),
            ),
            ("TaintToleration", w(true, cfg.taint_weight)),
            (
                "NodeAffinity",
                w(!p.preferred.is_empty(), cfg.node_affinity_weight),
            ),
            (
                "InterPodAffinity",
                w(!ctx.topology_score.is_empty(), cfg.pod_affinity_weight),
            ),
            ("PodTopologySpread", w(!soft.is_empty(), cfg.spread_weight)),
        ];
        let scores = feasible
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let raw = [
                    resources.get(i),
                    balanced.get(i),
                    taint.get(i),
                    node_aff.get(i),
                    pod_aff.get(i),
                    spread.get(i),
                ];
                let mut weighted = [0i64; 6];
                for ((slot, r), (_, w)) in weighted.iter_mut().zip(raw).zip(&weights) {
                    *slot = r.copied().unwrap_or(0) * w;
                }
                (n, weighted)
            })
            .collect();
        Scores {
            plugins: weights.map(|(name, w)| (w != 0).then_some(name)),
            nodes: scores,
        }
    }
}

/// The weighted scores of the feasible nodes: the plugins that had something to say (in
/// [`Scores::plugins`] order) and, per node, each plugin's weighted score.
pub(crate) struct Scores {
    /// Plugin names; `None` where the plugin is off for this pod (weight 0, nothing to say).
    pub plugins: [Option<&'static str>; 6],
    pub nodes: Vec<(usize, [i64; 6])>,
}

/// `DefaultNormalizeScore(MaxNodeScore, reverse)` (`helper/normalize_score.go`).
fn normalize(raw: &[i64], reverse: bool) -> Vec<i64> {
    let max = raw.iter().copied().max().unwrap_or(0);
    raw.iter()
        .map(|&s| {
            if max == 0 {
                if reverse { MAX_SCORE } else { s }
            } else {
                let v = MAX_SCORE * s / max;
                if reverse { MAX_SCORE - v } else { v }
            }
        })
        .collect()
}

/// InterPodAffinity's NormalizeScore: `100 × (raw − min) / (max − min)`, all 0 when equal.
fn min_max(raw: &[i64]) -> Vec<i64> {
    let (min, max) = (
        raw.iter().copied().min().unwrap_or(0),
        raw.iter().copied().max().unwrap_or(0),
    );
    raw.iter()
        .map(|&s| {
            if max == min {
                0
            } else {
                // `int64(MaxNodeScore * (float64(s-min) / float64(diff)))`.
                (MAX_SCORE as f64 * ((s - min) as f64 / (max - min) as f64)) as i64
            }
        })
        .collect()
}

/// PodTopologySpread's NormalizeScore: `100 × (max + min − raw) / max`, 100 when max is 0;
/// a node missing a key scores 0.
fn spread_scores(raw: &[Option<i64>]) -> Vec<i64> {
    let present: Vec<i64> = raw.iter().flatten().copied().collect();
    let (min, max) = (
        present.iter().copied().min().unwrap_or(0),
        present.iter().copied().max().unwrap_or(0),
    );
    raw.iter()
        .map(|r| match r {
            None => 0,
            Some(_) if max == 0 => MAX_SCORE,
            Some(s) => MAX_SCORE * (max + min - s) / max,
        })
        .collect()
}
