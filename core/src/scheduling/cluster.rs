//! The compiled cluster: nodes with their running totals, pods with their rules compiled
//! once, and the Filter and Score plugins of kube-scheduler's default profile
//! (`pkg/scheduler/framework/plugins/*`), plus the seed's unit, sub-cluster and zone rules.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors, clip};
use crate::hash::{FastMap, map_with_capacity};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::model::selector::{
    LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, NodeSelector,
    NodeSelectorMatcher, Selector,
};

use super::index::{
    Column, Group, Hot, NONE, ResourceScores, Rules, Topology, UNCACHED, UNSET, resource_scores,
};
use super::types::{
    ClusterSnapshot, InclusionPolicy, LabelKeys, Node, Pod, PodAffinityTerm, PodHints,
    PreemptionPolicy, ScoringConfig, Taint, TaintEffect, Toleration, TolerationOperator,
    WhenUnsatisfiable,
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

    /// Whether `want` fits in `self` (allocatable) beside `used`, resource by resource
    /// (a zero request always fits, as in `fitsRequest`).
    pub(crate) fn has_room(&self, used: &Res, want: &Res) -> bool {
        want.names()
            .all(|name| !short(want.get(name), self.get(name), used.get(name)))
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

    /// Whether a pod in namespace `ns` with `labels` matches the term.
    pub(crate) fn matches(
        &self,
        ns: &str,
        labels: &Labels,
        ns_labels: &BTreeMap<String, Labels>,
    ) -> bool {
        let ns_ok = match &self.namespaces {
            Namespaces::All => true,
            Namespaces::Some(list, sel) => {
                list.iter().any(|n| n == ns)
                    || sel
                        .as_ref()
                        .is_some_and(|s| ns_labels.get(ns).is_some_and(|l| s.matches(l)))
            }
        };
        ns_ok && self.selector.as_ref().is_some_and(|s| s.matches(labels))
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

/// A pod's scheduling rules, compiled once per rule class and shared (`Arc`) by every pod
/// of the class: a snapshot of many replicas holds each set of rules once.
#[derive(Debug)]
pub(crate) struct PodRules {
    pub labels: Labels,
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
    /// Some node affinity term has `matchFields` (node names).
    pub names_fields: bool,
    /// The label keys `nodeSelector` and node affinity terms read.
    pub node_keys: Vec<String>,
    /// The identity of the pod's bound-pod group: namespace, labels, inter-pod terms.
    pub group_key: String,
}

impl PodRules {
    pub(crate) fn has_affinity(&self) -> bool {
        !(self.aff_req.is_empty()
            && self.aff_pref.is_empty()
            && self.anti_req.is_empty()
            && self.anti_pref.is_empty())
    }
}

/// A pod, compiled once: its own facts, and its rules shared with its rule class. Field
/// access reaches the rules through `Deref` (`p.spread`, `p.labels`).
#[derive(Debug, Clone)]
pub(crate) struct PodInfo {
    pub name: String,
    pub namespace: String,
    pub node: Option<usize>,
    /// Effective priority: slot pods below everything.
    pub priority: i64,
    pub preempt_never: bool,
    pub req: Res,
    pub nonzero: Res,
    pub start: Option<f64>,
    pub terminating: bool,
    pub rules: Arc<PodRules>,
    /// The pod as given, as compact JSON: a pod's maps cost several times its text in
    /// memory, and the pod is only read back for a snapshot.
    source: Box<str>,
    /// Its bound-pod group ([`super::index::Group`]), assigned on its first bind.
    pub group: u32,
    /// Its rule class ([`super::index::Rules`]; [`UNSET`] when compiled outside a
    /// cluster).
    pub rule: u32,
}

impl std::ops::Deref for PodInfo {
    type Target = PodRules;

    fn deref(&self) -> &PodRules {
        &self.rules
    }
}

impl PodInfo {
    /// No CPU or memory request (BalancedAllocation has nothing to say).
    pub(crate) fn best_effort(&self) -> bool {
        self.req.cpu == 0 && self.req.mem == 0
    }

    /// The pod as given, bound to `node` (`None`: pending).
    pub(crate) fn pod(&self, node: Option<String>) -> Pod {
        let mut pod: Pod = serde_json::from_str(&self.source).unwrap_or_else(|_| {
            // Unreachable: the text is a pod's own serialisation.
            let mut pod = Pod::default();
            pod.metadata.name.clone_from(&self.name);
            pod.metadata.namespace = Some(self.namespace.clone());
            pod
        });
        pod.spec.node_name = node;
        pod
    }
}

/// The priority slot pods get: below any `int32` priority.
pub(crate) const SLOT_PRIORITY: i64 = i32::MIN as i64 - 1;

/// `PodRequests` (`component-helpers resource/helpers.go`): per resource, the larger of the
/// regular containers plus sidecars and each init container plus the sidecars started
/// before it; plus the overhead. With `non_zero`, a container's missing CPU or memory
/// request counts as 100m / 200Mi (scoring only).
pub(crate) fn pod_requests(pod: &Pod, non_zero: bool) -> Res {
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

/// A pod has a name, wherever it comes from (snapshot, added pods, a template's copies).
pub(crate) fn check_name(pod: &Pod, path: &str, errs: &mut ValidationErrors) {
    if pod.metadata.name.is_empty() {
        errs.push(
            format!("{path}.metadata.name"),
            Code::Required,
            "a pod has a name",
        );
    }
}

/// The namespace of a pod (`default` when unset).
fn namespace_of(pod: &Pod) -> String {
    pod.metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned())
}

/// The identity of a pod's rule class: everything but its name, requests and priority.
pub(crate) fn rule_key(pod: &Pod) -> String {
    let spec = &pod.spec;
    serde_json::to_string(&(
        namespace_of(pod),
        &pod.metadata.labels,
        &spec.tolerations,
        &spec.node_selector,
        &spec.affinity,
        &spec.topology_spread_constraints,
        &pod.hints,
    ))
    // Unreachable (plain data serializes); a class of its own then.
    .unwrap_or_else(|_| format!("\u{0}{}/{}", namespace_of(pod), pod.metadata.name))
}

impl PodInfo {
    /// Compile `pod` with rules of its own.
    pub(crate) fn compile(pod: &Pod, path: &str, errs: &mut ValidationErrors) -> PodInfo {
        check_name(pod, path, errs);
        let rules = Arc::new(PodRules::compile(pod, path, errs));
        PodInfo::with_rules(pod, rules, UNSET)
    }

    /// Compile `pod`'s own facts beside `rules` (of rule class `rule`).
    pub(crate) fn with_rules(pod: &Pod, rules: Arc<PodRules>, rule: u32) -> PodInfo {
        let req = pod_requests(pod, false);
        PodInfo {
            name: pod.metadata.name.clone(),
            namespace: namespace_of(pod),
            node: None,
            priority: if rules.hints.slot {
                SLOT_PRIORITY
            } else {
                i64::from(pod.spec.priority.unwrap_or(0))
            },
            preempt_never: pod.spec.preemption_policy == Some(PreemptionPolicy::Never),
            nonzero: pod_requests(pod, true),
            req,
            start: pod
                .status
                .as_ref()
                .and_then(|s| s.start_time.as_deref())
                .and_then(crate::time::parse),
            terminating: pod.metadata.deletion_timestamp.is_some(),
            rules,
            source: serde_json::to_string(pod)
                .unwrap_or_default()
                .into_boxed_str(),
            group: UNSET,
            rule,
        }
    }
}

impl PodRules {
    pub(crate) fn compile(pod: &Pod, path: &str, errs: &mut ValidationErrors) -> PodRules {
        let namespace = namespace_of(pod);
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
        let (names_fields, node_keys) = node_rule_keys(pod);
        let aff = pod.spec.affinity.as_ref();
        let group_key = serde_json::to_string(&(
            &namespace,
            &pod.metadata.labels,
            aff.and_then(|a| a.pod_affinity.as_ref()),
            aff.and_then(|a| a.pod_anti_affinity.as_ref()),
        ))
        .unwrap_or_else(|_| format!("\u{0}{namespace}/{}", pod.metadata.name));
        PodRules {
            labels: pod.metadata.labels.clone(),
            tolerations: pod.spec.tolerations.clone(),
            node_selector: pod.spec.node_selector.clone(),
            required,
            preferred,
            aff_req,
            aff_pref,
            anti_req,
            anti_pref,
            spread,
            names_fields,
            node_keys,
            hints,
            group_key,
        }
    }
}

/// What a pod's node rules read of a node: whether any term has `matchFields` (node names),
/// and the label keys of `nodeSelector` and every term's expressions.
fn node_rule_keys(pod: &Pod) -> (bool, Vec<String>) {
    let mut fields = false;
    let mut keys: Vec<String> = pod.spec.node_selector.keys().cloned().collect();
    let na = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref());
    let terms = na.into_iter().flat_map(|na| {
        na.required
            .iter()
            .flat_map(|r| r.node_selector_terms.iter())
            .chain(na.preferred.iter().map(|w| &w.preference))
    });
    for t in terms {
        fields |= !t.match_fields.is_empty();
        keys.extend(t.match_expressions.iter().map(|e| e.key.clone()));
    }
    keys.sort();
    keys.dedup();
    (fields, keys)
}

impl Spread {
    /// Whether pods with `labels` match the constraint's selector (an empty one matches;
    /// `countPodsMatchSelector` still counts nothing for it: see `empty_selector`).
    pub(crate) fn matches(&self, labels: &Labels) -> bool {
        self.selector
            .as_ref()
            .is_some_and(|sel| sel.matches(labels))
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

pub(crate) fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
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
    /// `namespace/name` → index in `pods`.
    pub ids: FastMap<String, usize>,
    /// Per node, its equivalence class: nodes with the same labels (the hostname aside),
    /// taints and cordon pass or fail the static filters alike.
    pub node_class: Vec<usize>,
    /// One node of each class.
    pub class_rep: Vec<usize>,
    /// Node label values per key.
    pub topology: Topology,
    /// Bound pods grouped by namespace, labels and own inter-pod terms.
    pub groups: Vec<Group>,
    pub group_ids: FastMap<String, u32>,
    /// The groups with inter-pod terms, in creation order.
    pub term_groups: Vec<u32>,
    /// Compiled rule classes by id (`None`: not compiled, or dropped past the cap).
    pub rules: Vec<Option<Rules>>,
    pub rule_ids: FastMap<String, u32>,
    /// The compiled rules of each rule class, shared by its pods.
    pub rule_arcs: Vec<Arc<PodRules>>,
    pub rules_built: usize,
    pub rules_bytes: usize,
    /// Per rule class, the group of its pods (once one is bound).
    pub rule_group: Vec<u32>,
    /// Per node, the totals the per-node loops read (derived from `nodes`).
    pub hot: Vec<Hot>,
    /// Per class, at most the least free CPU, memory and pod room of its nodes (kept
    /// exact as nodes fill; a node emptying leaves it low, which only costs speed).
    pub class_min: Vec<Hot>,
    /// Nodes whose totals changed, in order (the resource-score caches replay it).
    pub changes: Vec<u32>,
    /// Resource scores per request shape, and the shapes' ids.
    pub res_scores: Vec<ResourceScores>,
    pub res_ids: FastMap<[i64; 4], u32>,
    /// Buffers one decision uses, kept for the next (a pure speed matter).
    pub scratch: Scratch,
}

/// Per feasible node, the scores normalised over all of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    /// Nodes in a domain an inter-pod term wrote to.
    pub touched: Vec<usize>,
    /// PodTopologySpread raw per feasible node (`None`: a soft key is missing), when it
    /// is not worked out per domain value.
    pub raw_spread: Vec<Option<i64>>,
    /// PodTopologySpread normalised: per domain value or per feasible node.
    pub spread: Vec<i64>,
}

/// Per-decision buffers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scratch {
    pub feasible: Vec<usize>,
    /// Verdict slots with a feasible node.
    pub seen: Vec<bool>,
    pub rows: Rows,
}

/// Per-pod precomputation for the filters and scores.
pub(crate) struct PodCtx<'a> {
    /// The pod's rule class: static verdicts and the groups its terms match.
    rules: Cow<'a, Rules>,
    /// Per spread constraint: matching pods per domain.
    spread: Vec<SpreadCtx<'a>>,
    /// Per required affinity term: domains with a pod matching every term.
    aff: Vec<Domains<'a, bool>>,
    /// No pod anywhere matches all required affinity terms, and the pod matches them.
    first_replica: bool,
    /// Per required anti-affinity term: domains with a matching pod.
    anti: Vec<Domains<'a, bool>>,
    /// Per topology key: domains blocked by existing pods' required anti-affinity.
    blocked: Vec<(&'a str, Domains<'a, bool>)>,
    /// Preferred inter-pod affinity: per topology key, the score per domain.
    topology: Vec<(&'a str, Domains<'a, i64>)>,
    /// Some term (own or existing) scored a domain: InterPodAffinity has something to say.
    scored: bool,
}

struct SpreadCtx<'a> {
    col: Option<&'a Column>,
    /// By value id: matching pods in the domain; −1 for a value that is not a domain.
    by_domain: Vec<i64>,
    /// Minimum over eligible domains (0 when fewer than `minDomains`).
    global_min: i64,
    self_match: i64,
    /// A soft hostname constraint: matching pods per node.
    host: Option<Vec<i64>>,
}

impl Cluster {
    pub(crate) fn build(snapshot: &ClusterSnapshot) -> Result<Cluster> {
        super::limits::check_snapshot(snapshot.nodes.len(), snapshot.pods.len())?;
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
                    format!("node `{}` is listed twice", clip(&n.metadata.name)),
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
            keys,
            scoring: snapshot.scoring.clone().unwrap_or_default(),
            ns_labels: snapshot.namespaces.clone(),
            nodes,
            node_by_name,
            pods: Vec::with_capacity(snapshot.pods.len()),
            ids: FastMap::default(),
            node_class: Vec::new(),
            class_rep: Vec::new(),
            topology: Topology::default(),
            groups: Vec::new(),
            group_ids: FastMap::default(),
            term_groups: Vec::new(),
            rules: Vec::new(),
            rule_ids: FastMap::default(),
            rule_arcs: Vec::new(),
            rules_built: 0,
            rules_bytes: 0,
            rule_group: Vec::new(),
            hot: Vec::new(),
            class_min: Vec::new(),
            changes: Vec::new(),
            res_scores: Vec::new(),
            res_ids: FastMap::default(),
            scratch: Scratch::default(),
        };
        cluster.classify();
        cluster.topology = Topology::build(cluster.nodes.iter().map(|n| &n.labels));
        cluster.hot = vec![Hot::default(); cluster.nodes.len()];
        cluster.class_min = vec![Hot::roomiest(); cluster.class_rep.len()];
        (0..cluster.nodes.len()).for_each(|n| cluster.refresh_hot(n));
        for (i, p) in snapshot.pods.iter().enumerate() {
            let path = format!("pods[{i}]");
            let info = cluster.compile_pod(p, &path, &mut errs);
            let node = match &p.spec.node_name {
                Some(n) => match cluster.node_by_name.get(n) {
                    Some(&idx) => Some(idx),
                    None => {
                        errs.push(
                            format!("{path}.spec.nodeName"),
                            Code::Invalid,
                            format!("node `{}` is not in the snapshot", clip(n)),
                        );
                        None
                    }
                },
                None => None,
            };
            let idx = cluster.pods.len();
            let id = format!("{}/{}", info.namespace, info.name);
            if cluster.ids.insert(id, idx).is_some() {
                errs.push(
                    format!("{path}.metadata.name"),
                    Code::Duplicate,
                    format!(
                        "pod `{}/{}` is listed twice",
                        clip(&info.namespace),
                        clip(&info.name)
                    ),
                );
            }
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
        /// A class's identity: the labels but the hostname, the taints, the cordon — the
        /// values themselves, so no two different label sets can collide.
        type Signature<'n> = (Vec<(&'n str, &'n str)>, Vec<(&'n str, &'n str, u8)>, bool);
        let mut by_signature: FastMap<Signature, usize> = FastMap::default();
        let mut node_class = Vec::with_capacity(self.nodes.len());
        let mut class_rep = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let labels = n
                .labels
                .iter()
                .filter(|(k, _)| **k != self.keys.hostname)
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let taints = n
                .taints
                .iter()
                .map(|t| {
                    let effect = match t.effect {
                        TaintEffect::NoSchedule => 0,
                        TaintEffect::PreferNoSchedule => 1,
                        TaintEffect::NoExecute => 2,
                    };
                    (t.key.as_str(), t.value.as_str(), effect)
                })
                .collect();
            let next = class_rep.len();
            let class = *by_signature
                .entry((labels, taints, n.unschedulable))
                .or_insert(next);
            if class == next {
                class_rep.push(i);
            }
            node_class.push(class);
        }
        (self.node_class, self.class_rep) = (node_class, class_rep);
    }

    /// Whether a pod's node rules name nodes one by one (`metadata.name` fields or the
    /// hostname label): then nodes of a class may differ for it.
    pub(crate) fn names_nodes(&self, p: &PodInfo) -> bool {
        p.names_fields || p.node_keys.contains(&self.keys.hostname)
    }

    /// The filters that read only the node's labels, taints and cordon, in the default
    /// profile's order: cordon, taints, node affinity, then the seed's unit, sub-cluster and
    /// zone rules.
    pub(crate) fn static_filter(&self, p: &PodInfo, node: &NodeInfo) -> Option<Failure> {
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
        let (req, nonzero) = (pod.req.clone(), pod.nonzero.clone());
        if let Some(node) = self.nodes.get_mut(n) {
            node.requested.add(&req);
            node.nonzero.add(&nonzero);
            node.pods.push(p);
        }
        self.count_in_group(p, n, true);
        self.refresh_hot(n);
    }

    /// Take pod `p` off its node.
    pub(crate) fn unbind(&mut self, p: usize) {
        let Some(pod) = self.pods.get_mut(p) else {
            return;
        };
        let Some(n) = pod.node.take() else { return };
        if let Some(node) = self.nodes.get_mut(n) {
            node.pods.retain(|&q| q != p);
        }
        let totals = self.requests_without(n, &[]);
        if let Some(node) = self.nodes.get_mut(n) {
            (node.requested, node.nonzero) = totals;
        }
        self.count_in_group(p, n, false);
        self.refresh_hot(n);
    }

    /// The requests (actual, and with the scoring defaults) of node `n`'s pods but those in
    /// `leaving`, summed afresh: a saturated sum cannot be undone by subtracting.
    pub(crate) fn requests_without(&self, n: usize, leaving: &[usize]) -> (Res, Res) {
        let (mut requested, mut nonzero) = (Res::default(), Res::default());
        let pods = self
            .nodes
            .get(n)
            .map_or(&[][..], |node| node.pods.as_slice());
        for q in pods
            .iter()
            .filter(|q| !leaving.contains(q))
            .filter_map(|&q| self.pods.get(q))
        {
            requested.add(&q.req);
            nonzero.add(&q.nonzero);
        }
        (requested, nonzero)
    }

    /// Whether any bound pod has inter-pod terms (symmetric rules could then apply).
    pub(crate) fn any_bound_terms(&self) -> bool {
        self.term_groups.iter().any(|&g| {
            self.groups
                .get(g as usize)
                .is_some_and(|g| !g.per_node.is_empty())
        })
    }

    /// NodeAffinity's required part: `nodeSelector` and required terms.
    pub(crate) fn node_affinity_ok(&self, p: &PodInfo, node: &NodeInfo) -> bool {
        p.node_selector
            .iter()
            .all(|(k, v)| node.labels.get(k) == Some(v))
            && p.required
                .as_ref()
                .is_none_or(|m| m.matches(&node.name, &node.labels))
    }

    /// Everything the filters and scores need about pod `p` (not bound) beyond the node:
    /// its rule class's cached verdicts, and counts of the bound pods its terms match, per
    /// topology domain.
    pub(crate) fn context<'a>(&'a self, p: &'a PodInfo) -> PodCtx<'a> {
        let rules: Cow<'a, Rules> = match self.cached_rules(p) {
            Some(r) => Cow::Borrowed(r),
            None => {
                let mut r = self.static_rules(p);
                self.extend_matches(p, &mut r);
                Cow::Owned(r)
            }
        };
        let groups = |slot: usize| {
            rules
                .matched
                .get(slot)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|&g| self.groups.get(g as usize))
        };
        // PodTopologySpread: matching pods (not terminating) per domain, over the nodes the
        // constraint includes; per node for a soft hostname constraint (Score counts the
        // node's own pods).
        let mut spread = Vec::with_capacity(p.spread.len());
        for (i, (s, d)) in p.spread.iter().zip(&rules.spread).enumerate() {
            let col = self.topology.column(&s.key);
            let mut by_domain = d.template.clone();
            let mut host =
                (!s.hard && s.key == self.keys.hostname).then(|| vec![0; self.nodes.len()]);
            for g in groups(i) {
                for (&n, c) in &g.per_node {
                    let (n, live) = (n as usize, i64::from(c[1]));
                    if let Some(h) = host.as_mut().and_then(|h| h.get_mut(n)) {
                        *h += live;
                    }
                    if d.included.get(n).copied().unwrap_or(false)
                        && let Some(c) = by_domain.get_mut(Column::at(col, n) as usize)
                        && *c >= 0
                    {
                        *c += live;
                    }
                }
            }
            let global_min = if d.domains < s.min_domains {
                0
            } else {
                by_domain
                    .iter()
                    .copied()
                    .filter(|c| *c >= 0)
                    .min()
                    .unwrap_or(0)
            };
            spread.push(SpreadCtx {
                col,
                by_domain,
                global_min,
                self_match: i64::from(s.matches(&p.labels)),
                host,
            });
        }
        // InterPodAffinity, the incoming pod's terms: `updateWithAffinityTerms` counts an
        // existing pod only if it matches every required term, and only in the domains its
        // node has.
        let slot_aff = p.spread.len();
        let mut aff: Vec<Domains<'a, bool>> = p
            .aff_req
            .iter()
            .map(|t| Domains::new(self.topology.column(&t.key)))
            .collect();
        let mut any_match = false;
        for g in groups(slot_aff) {
            for &n in g.per_node.keys() {
                for d in &mut aff {
                    if let Some(v) = d.slot(n as usize) {
                        any_match = true;
                        *v = true;
                    }
                }
            }
        }
        let mut anti: Vec<Domains<'a, bool>> = Vec::with_capacity(p.anti_req.len());
        for (j, t) in p.anti_req.iter().enumerate() {
            let mut d = Domains::new(self.topology.column(&t.key));
            for g in groups(slot_aff + 1 + j) {
                for &n in g.per_node.keys() {
                    if let Some(v) = d.slot(n as usize) {
                        *v = true;
                    }
                }
            }
            anti.push(d);
        }
        let mut topology: Vec<(&'a str, Domains<'a, i64>)> = Vec::new();
        let mut scored = false;
        let mut add = |key: &'a str, g: &Group, w: i64| {
            let at = match topology.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    topology.push((key, Domains::new(self.topology.column(key))));
                    topology.len() - 1
                }
            };
            let Some((_, d)) = topology.get_mut(at) else {
                return;
            };
            for (&n, c) in &g.per_node {
                scored |= d.add(n as usize, w * i64::from(c[0]));
            }
        };
        let pref_base = slot_aff + 1 + p.anti_req.len();
        for (k, (w, t)) in p.aff_pref.iter().enumerate() {
            groups(pref_base + k).for_each(|g| add(&t.key, g, *w));
        }
        let anti_base = pref_base + p.aff_pref.len();
        for (k, (w, t)) in p.anti_pref.iter().enumerate() {
            groups(anti_base + k).for_each(|g| add(&t.key, g, -*w));
        }
        // Symmetric rules of existing pods towards the incoming one.
        let mut blocked: Vec<(&'a str, Domains<'a, bool>)> = Vec::new();
        let ns = &self.ns_labels;
        let hit = |t: &Term| t.matches(&p.namespace, &p.labels, ns);
        for g in rules
            .sym
            .iter()
            .filter_map(|&g| self.groups.get(g as usize))
        {
            for t in g.anti_req.iter().filter(|t| hit(t)) {
                let at = match blocked.iter().position(|(k, _)| *k == t.key) {
                    Some(at) => at,
                    None => {
                        blocked.push((&t.key, Domains::new(self.topology.column(&t.key))));
                        blocked.len() - 1
                    }
                };
                if let Some((_, d)) = blocked.get_mut(at) {
                    for &n in g.per_node.keys() {
                        if let Some(v) = d.slot(n as usize) {
                            *v = true;
                        }
                    }
                }
            }
            for (w, t) in g.aff_pref.iter().filter(|(_, t)| hit(t)) {
                add(&t.key, g, *w);
            }
            for (w, t) in g.anti_pref.iter().filter(|(_, t)| hit(t)) {
                add(&t.key, g, -*w);
            }
            // hardPodAffinityWeight (default 1) for the existing pod's required affinity.
            for t in g.aff_req.iter().filter(|t| hit(t)) {
                add(&t.key, g, 1);
            }
        }
        let first_replica = !any_match && p.aff_req.iter().all(hit);
        PodCtx {
            rules,
            spread,
            aff,
            first_replica,
            anti,
            blocked,
            topology,
            scored,
        }
    }

    /// The nodes that pass every filter, in node order. A pod whose only per-node filters
    /// are its class verdicts and CPU, memory and pod count (no hard spread, no required
    /// inter-pod terms on either side, no other resources) is checked on the node totals
    /// alone: the same verdict as [`Cluster::filter`], without its explanation.
    /// `seen` gets the verdict slots (classes, or nodes when the pod names nodes) that
    /// have a feasible node.
    pub(crate) fn feasible(
        &self,
        p: &PodInfo,
        ctx: &PodCtx,
        out: &mut Vec<usize>,
        seen: &mut Vec<bool>,
    ) {
        out.clear();
        seen.clear();
        seen.resize(ctx.rules.static_fails.len(), false);
        let simple = !ctx.rules.per_node
            && p.req.other.is_empty()
            && p.spread.iter().all(|s| !s.hard)
            && ctx.aff.is_empty()
            && ctx.anti.is_empty()
            && ctx.blocked.is_empty();
        if !simple {
            out.extend((0..self.nodes.len()).filter(|&n| self.filter(p, n, ctx, false).is_none()));
            for &n in out.iter() {
                if let Some(s) = seen.get_mut(self.verdict(ctx, n)) {
                    *s = true;
                }
            }
            return;
        }
        // Per class: refused, every node fits (the class's least free room does), or
        // check node by node.
        #[derive(Clone, Copy, PartialEq)]
        enum Verdict {
            Refused,
            AllFit,
            Check,
        }
        let by_class: Vec<Verdict> = ctx
            .rules
            .static_fails
            .iter()
            .zip(&self.class_min)
            .map(|(f, min)| match f {
                Some(_) => Verdict::Refused,
                None if fits_totals(min, p) => Verdict::AllFit,
                None => Verdict::Check,
            })
            .collect();
        for (n, &class) in self.node_class.iter().enumerate() {
            let fits = match by_class.get(class) {
                Some(Verdict::AllFit) => true,
                Some(Verdict::Check) => self.hot.get(n).is_some_and(|h| fits_totals(h, p)),
                _ => false,
            };
            if fits {
                out.push(n);
                if let Some(s) = seen.get_mut(class) {
                    *s = true;
                }
            }
        }
    }

    /// Where node `n`'s per-rule verdicts are kept: its class, or itself when the pod
    /// names nodes.
    #[inline]
    fn verdict(&self, ctx: &PodCtx, n: usize) -> usize {
        if ctx.rules.per_node {
            n
        } else {
            self.node_class.get(n).copied().unwrap_or(usize::MAX)
        }
    }

    /// Every Filter plugin, in the default profile's order; the failure of the first
    /// plugin that fails (NodeResourcesFit reports every short resource when `explain`),
    /// or `None`.
    pub(crate) fn filter(
        &self,
        p: &PodInfo,
        n: usize,
        ctx: &PodCtx,
        explain: bool,
    ) -> Option<Failure> {
        let (Some(node), Some(h)) = (self.nodes.get(n), self.hot.get(n)) else {
            return fail("NodeName", "node(s) didn't exist", true);
        };
        let slot = if ctx.rules.per_node {
            n
        } else {
            h.class as usize
        };
        if let Some(f) = ctx.rules.static_fails.get(slot).and_then(Option::as_ref) {
            return Some(f.clone());
        }
        // NodeResourcesFit
        let too_many = h.free_pods < 1;
        let short_named = |name: &str| {
            short(
                p.req.get(name),
                node.alloc.get(name),
                node.requested.get(name),
            )
        };
        if !fits_totals(h, p) || p.req.other.iter().any(|(name, _)| short_named(name)) {
            return Some(Failure {
                plugin: "NodeResourcesFit",
                reason: Reason::Short {
                    pods: too_many,
                    resources: if explain {
                        p.req
                            .names()
                            .filter(|r| short_named(r))
                            .map(str::to_owned)
                            .collect()
                    } else {
                        Vec::new()
                    },
                },
                unresolvable: false,
            });
        }
        // PodTopologySpread (DoNotSchedule)
        for (s, c) in p.spread.iter().zip(&ctx.spread) {
            if !s.hard {
                continue;
            }
            let v = Column::at(c.col, n);
            if v == NONE {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints (missing required label)",
                    true,
                );
            }
            let count = c.by_domain.get(v as usize).copied().unwrap_or(0).max(0);
            if count + c.self_match - c.global_min > s.max_skew {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints",
                    false,
                );
            }
        }
        // InterPodAffinity: required affinity, own anti-affinity, existing anti-affinity.
        if ctx.first_replica {
            if ctx.aff.iter().any(|d| Column::at(d.col, n) == NONE) {
                return fail(
                    "InterPodAffinity",
                    "node(s) didn't match pod affinity rules",
                    true,
                );
            }
        } else if !ctx.aff.iter().all(|d| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't match pod affinity rules",
                true,
            );
        }
        if ctx.anti.iter().any(|d| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't match pod anti-affinity rules",
                false,
            );
        }
        if ctx.blocked.iter().any(|(_, d)| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't satisfy existing pods anti-affinity rules",
                false,
            );
        }
        None
    }

    /// The Score plugins over the feasible nodes (in node order): the plugins that had
    /// something to say and the best `keep` nodes with each plugin's weighted score, best
    /// first (ties: the lowest name, as nodes are in name order).
    ///
    /// Each plugin is scored and normalised as its own definition says; only the work is
    /// arranged by what a score depends on: TaintToleration and NodeAffinity per node class
    /// (per node when the pod names nodes), the resource scores from the per-shape cache,
    /// PodTopologySpread per domain value when one soft constraint on a non-hostname key
    /// decides it, InterPodAffinity per node. Totals are summed per node; the breakdown is
    /// worked out again for the winners only.
    pub(crate) fn score(
        &self,
        p: &PodInfo,
        feasible: &[usize],
        slot_seen: &[bool],
        ctx: &PodCtx,
        keep: usize,
        rows: &mut Rows,
    ) -> Scores {
        let cfg = &self.scoring;
        let soft: Vec<(&Spread, &SpreadCtx)> = p
            .spread
            .iter()
            .zip(&ctx.spread)
            .filter(|(s, _)| !s.hard)
            .collect();
        let w = |on: bool, weight: i32| if on { i64::from(weight) } else { 0 };
        let weights = [
            ("NodeResourcesFit", w(true, cfg.resources_weight)),
            (
                "NodeResourcesBalancedAllocation",
                w(!p.best_effort(), cfg.balanced_weight),
            ),
            ("TaintToleration", w(true, cfg.taint_weight)),
            (
                "NodeAffinity",
                w(!p.preferred.is_empty(), cfg.node_affinity_weight),
            ),
            ("InterPodAffinity", w(ctx.scored, cfg.pod_affinity_weight)),
            ("PodTopologySpread", w(!soft.is_empty(), cfg.spread_weight)),
        ];
        let [w_res, w_bal, w_taint, w_node_aff, w_pod_aff, w_spread] = weights.map(|(_, w)| w);
        let has_soft_keys = |n: usize| soft.iter().all(|(_, c)| Column::at(c.col, n) != NONE);
        // One pass over the feasible nodes (when a plugin needs it): per soft constraint the
        // domain values present among candidates with every soft key (numDomains;
        // `IgnoredNodes` leaves the others out), and InterPodAffinity's raw scores.
        let mut value_seen: Vec<Vec<bool>> = soft
            .iter()
            .map(|(_, c)| vec![false; c.col.map_or(0, |c| c.count)])
            .collect();
        let (mut pa_min, mut pa_max) = (i64::MAX, i64::MIN);
        let mark = |n: usize, value_seen: &mut Vec<Vec<bool>>| {
            if has_soft_keys(n) {
                for ((_, c), seen) in soft.iter().zip(value_seen.iter_mut()) {
                    if let Some(s) = seen.get_mut(Column::at(c.col, n) as usize) {
                        *s = true;
                    }
                }
            }
        };
        // Label values other than the hostname are alike across a class: one node of each
        // class with a candidate stands for all of them.
        let by_class = !ctx.rules.per_node && soft.iter().all(|(s, _)| s.key != self.keys.hostname);
        if w_spread != 0 && by_class {
            for (c, _) in slot_seen.iter().enumerate().filter(|(_, s)| **s) {
                if let Some(&rep) = self.class_rep.get(c) {
                    mark(rep, &mut value_seen);
                }
            }
        }
        if w_spread != 0 && !by_class {
            for &n in feasible {
                mark(n, &mut value_seen);
            }
        }
        // InterPodAffinity: a node in no domain a term wrote to scores 0; the extremes
        // come from the written domains' feasible nodes, and 0 if any other node is
        // feasible.
        let pod_aff = |n: usize| ctx.topology.iter().map(|(_, d)| d.value(n)).sum::<i64>();
        if w_pod_aff != 0 {
            rows.touched.clear();
            for (_, d) in &ctx.topology {
                if let Some(col) = d.col {
                    for &v in &d.touched {
                        rows.touched
                            .extend(col.nodes_with(v).iter().map(|&n| n as usize));
                    }
                }
            }
            rows.touched.sort_unstable();
            rows.touched.dedup();
            let mut written = 0usize;
            for &n in &rows.touched {
                if feasible.binary_search(&n).is_ok() {
                    written += 1;
                    let v = pod_aff(n);
                    (pa_min, pa_max) = (pa_min.min(v), pa_max.max(v));
                }
            }
            if written < feasible.len() {
                (pa_min, pa_max) = (pa_min.min(0), pa_max.max(0));
            }
        }
        // PodTopologySpread: Σ cnt × ln(numDomains + 2) + (maxSkew − 1), normalised over
        // the candidates with every soft key.
        let ln_domains: Vec<f64> = value_seen
            .iter()
            .map(|seen| (seen.iter().filter(|s| **s).count() as f64 + 2.0).ln())
            .collect();
        let raw_spread = |n: usize| {
            if !has_soft_keys(n) {
                return None;
            }
            let mut total = 0.0;
            for ((s, c), ln) in soft.iter().zip(&ln_domains) {
                let cnt = match &c.host {
                    Some(h) => h.get(n).copied().unwrap_or(0),
                    None => c
                        .by_domain
                        .get(Column::at(c.col, n) as usize)
                        .copied()
                        .unwrap_or(0)
                        .max(0),
                };
                total += cnt as f64 * ln + (s.max_skew - 1) as f64;
            }
            Some(round_half_away(total))
        };
        rows.spread.clear();
        let mut spread_col = None;
        if w_spread != 0 {
            match (soft.as_slice(), value_seen.first()) {
                // One soft constraint on a key other than the hostname: per domain value.
                ([(s, c)], Some(seen)) if c.host.is_none() => {
                    let ln = ln_domains.first().copied().unwrap_or(0.0);
                    let raw = |cnt: i64| {
                        round_half_away(cnt.max(0) as f64 * ln + (s.max_skew - 1) as f64)
                    };
                    let present = || {
                        c.by_domain
                            .iter()
                            .zip(seen)
                            .filter(|(_, s)| **s)
                            .map(|(&cnt, _)| raw(cnt))
                    };
                    let min = present().min().unwrap_or(i64::MAX);
                    let max = present().max().unwrap_or(i64::MIN);
                    rows.spread.extend(
                        c.by_domain
                            .iter()
                            .map(|&cnt| spread_score(Some(raw(cnt)), min, max)),
                    );
                    spread_col = Some(c.col);
                }
                _ => {
                    rows.raw_spread.clear();
                    rows.raw_spread
                        .extend(feasible.iter().map(|&n| raw_spread(n)));
                    let present = || rows.raw_spread.iter().flatten().copied();
                    let min = present().min().unwrap_or(i64::MAX);
                    let max = present().max().unwrap_or(i64::MIN);
                    let mut last = None;
                    rows.spread.extend(
                        rows.raw_spread
                            .iter()
                            .map(|&v| memo(&mut last, v, |v| spread_score(v, min, max))),
                    );
                }
            }
        }
        // Per node: its normalised spread score (by domain value, or by position).
        let spread_of = |i: usize, n: usize| match spread_col {
            Some(col) => rows
                .spread
                .get(Column::at(col, n) as usize)
                .copied()
                .unwrap_or(0),
            None => rows.spread.get(i).copied().unwrap_or(0),
        };
        // TaintToleration and NodeAffinity: normalised per verdict slot.
        let taint_raw = |v: usize| {
            let class = if ctx.rules.per_node {
                self.node_class.get(v).copied().unwrap_or(usize::MAX)
            } else {
                v
            };
            ctx.rules.taint_raw.get(class).copied().unwrap_or(0)
        };
        let node_aff_raw = |v: usize| ctx.rules.node_aff_raw.get(v).copied().unwrap_or(0);
        let seen_max = |raw: &dyn Fn(usize) -> i64| {
            slot_seen
                .iter()
                .enumerate()
                .filter(|(_, s)| **s)
                .map(|(v, _)| raw(v))
                .max()
                .unwrap_or(0)
        };
        let (taint_max, node_aff_max) = (seen_max(&taint_raw), seen_max(&node_aff_raw));
        let by_slot: Vec<[i64; 2]> = (0..slot_seen.len())
            .map(|v| {
                [
                    normalize(taint_raw(v), taint_max, true) * w_taint,
                    normalize(node_aff_raw(v), node_aff_max, false) * w_node_aff,
                ]
            })
            .collect();
        let cached = self.cached_resources(p);
        let pa_last = std::cell::Cell::new(None);
        let breakdown = |i: usize, n: usize| -> [i64; 6] {
            let [resources, balanced] = match cached.and_then(|c| c.get(n)) {
                Some(&[r, b]) if r != UNCACHED && b != UNCACHED => [i64::from(r), i64::from(b)],
                _ => self
                    .hot
                    .get(n)
                    .map_or([0, 0], |h| resource_scores(cfg.strategy, h, p)),
            };
            let [taint, node_aff] = by_slot.get(self.verdict(ctx, n)).copied().unwrap_or([0, 0]);
            [
                resources * w_res,
                balanced * w_bal,
                taint,
                node_aff,
                if w_pod_aff == 0 {
                    0
                } else {
                    // Nodes mostly repeat a raw value (0): reuse the last result.
                    let mut last = pa_last.get();
                    let v = memo(&mut last, pod_aff(n), |v| min_max(v, pa_min, pa_max));
                    pa_last.set(last);
                    v * w_pod_aff
                },
                spread_of(i, n) * w_spread,
            ]
        };
        // The best `keep`, best first; a later node displaces an earlier one only with a
        // strictly higher total, so the lowest name wins ties.
        let mut best: Vec<(usize, usize, i64)> = Vec::with_capacity(keep + 1);
        for (i, &n) in feasible.iter().enumerate() {
            let total: i64 = breakdown(i, n).iter().sum();
            if best.len() == keep && best.last().is_none_or(|b| total <= b.2) {
                continue;
            }
            let at = best.iter().position(|b| total > b.2).unwrap_or(best.len());
            best.insert(at, (i, n, total));
            best.truncate(keep);
        }
        Scores {
            plugins: weights.map(|(name, w)| (w != 0).then_some(name)),
            best: best
                .into_iter()
                .map(|(i, n, total)| (n, total, breakdown(i, n)))
                .collect(),
        }
    }
}

/// `f(v)`, reusing the previous result when `v` repeats the previous value.
fn memo<T: Copy + PartialEq>(last: &mut Option<(T, i64)>, v: T, f: impl Fn(T) -> i64) -> i64 {
    match *last {
        Some((prev, out)) if prev == v => out,
        _ => {
            let out = f(v);
            *last = Some((v, out));
            out
        }
    }
}

/// Go's `math.Round` (half away from zero) as an integer, without a libm call: the
/// fraction `x − trunc(x)` is exact in binary floating point. Saturates past `i64`.
fn round_half_away(x: f64) -> i64 {
    let t = x as i64;
    let frac = x - t as f64;
    if frac >= 0.5 {
        t.saturating_add(1)
    } else if frac <= -0.5 {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// A request `want` > 0 that does not fit beside `used` in `alloc` (`fitsRequest`).
fn short(want: i64, alloc: i64, used: i64) -> bool {
    want > 0 && want > alloc.saturating_sub(used)
}

/// NodeResourcesFit on the node's pod count, CPU and memory (other resources aside).
#[inline]
fn fits_totals(h: &Hot, p: &PodInfo) -> bool {
    h.free_pods >= 1
        && !short(p.req.cpu, h.alloc_cpu, h.req_cpu)
        && !short(p.req.mem, h.alloc_mem, h.req_mem)
}

/// Per-domain values of one topology key: indexed by the key's value ids, read per node.
pub(crate) struct Domains<'a, T> {
    col: Option<&'a Column>,
    by_value: Vec<T>,
    /// Value ids written by [`Domains::add`], each once.
    touched: Vec<u32>,
    /// Per value id: in `touched` (sized on the first write).
    marked: Vec<bool>,
}

impl<'a, T: Copy + Default> Domains<'a, T> {
    fn new(col: Option<&'a Column>) -> Self {
        Domains {
            col,
            by_value: vec![T::default(); col.map_or(0, |c| c.count)],
            touched: Vec::new(),
            marked: Vec::new(),
        }
    }

    /// Node `n`'s domain entry (`None`: the node lacks the key).
    fn slot(&mut self, n: usize) -> Option<&mut T> {
        self.by_value.get_mut(Column::at(self.col, n) as usize)
    }

    /// Node `n`'s domain value (the default when it lacks the key).
    fn value(&self, n: usize) -> T {
        self.by_value
            .get(Column::at(self.col, n) as usize)
            .copied()
            .unwrap_or_default()
    }
}

impl Domains<'_, i64> {
    /// Add `w` to node `n`'s domain; false when the node lacks the key.
    fn add(&mut self, n: usize, w: i64) -> bool {
        let v = Column::at(self.col, n);
        let Some(x) = self.by_value.get_mut(v as usize) else {
            return false;
        };
        *x += w;
        if self.marked.is_empty() {
            self.marked = vec![false; self.by_value.len()];
        }
        if let Some(m) = self.marked.get_mut(v as usize)
            && !*m
        {
            *m = true;
            self.touched.push(v);
        }
        true
    }
}

impl Domains<'_, bool> {
    fn has(&self, n: usize) -> bool {
        self.value(n)
    }
}

/// The weighted scores of the best feasible nodes: the plugins that had something to say
/// (in [`Scores::plugins`] order) and, per node, each plugin's weighted score.
pub(crate) struct Scores {
    /// Plugin names; `None` where the plugin is off for this pod (weight 0, nothing to say).
    pub plugins: [Option<&'static str>; 6],
    /// `(node, total, weighted scores)`, best first.
    pub best: Vec<(usize, i64, [i64; 6])>,
}

/// `DefaultNormalizeScore(MaxNodeScore, reverse)` (`helper/normalize_score.go`) of one
/// raw score, given the largest.
fn normalize(s: i64, max: i64, reverse: bool) -> i64 {
    if max == 0 {
        if reverse { MAX_SCORE } else { s }
    } else {
        let v = MAX_SCORE * s / max;
        if reverse { MAX_SCORE - v } else { v }
    }
}

/// InterPodAffinity's NormalizeScore: `100 × (raw − min) / (max − min)`, 0 when equal.
fn min_max(s: i64, min: i64, max: i64) -> i64 {
    if max == min {
        0
    } else {
        // `int64(MaxNodeScore * (float64(s-min) / float64(diff)))`.
        (MAX_SCORE as f64 * ((s - min) as f64 / (max - min) as f64)) as i64
    }
}

/// PodTopologySpread's NormalizeScore: `100 × (max + min − raw) / max`, 100 when max is 0;
/// a node missing a key scores 0 (`min`/`max` over the nodes that have every key).
fn spread_score(raw: Option<i64>, min: i64, max: i64) -> i64 {
    match raw {
        None => 0,
        Some(_) if max == 0 => MAX_SCORE,
        Some(s) => MAX_SCORE * (max + min - s) / max,
    }
}

#[cfg(test)]
mod tests {
    use super::{Cluster, round_half_away};

    /// Taking a pod off a node whose requests summed past `i64` (and saturated) leaves the
    /// exact sum of the pods that stay, not the saturated sum minus the pod.
    #[test]
    fn unbind_recounts_past_saturation() -> Result<(), Box<dyn std::error::Error>> {
        let pod = |name: &str, mem: &str| {
            serde_json::json!({"metadata": {"name": name}, "spec": {"nodeName": "n1",
                "containers": [{"name": "c", "resources": {"requests": {"cpu": "1", "memory": mem}}}]}})
        };
        let snapshot = serde_json::from_value(serde_json::json!({
            "nodes": [{"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "4", "memory": "4Gi"}}}],
            "pods": [pod("a", "7Ei"), pod("b", "7Ei"), pod("c", "1Gi")]}))?;
        let mut cluster = Cluster::build(&snapshot)?;
        let requested = |c: &Cluster| c.nodes.first().map(|n| (n.requested.cpu, n.requested.mem));
        assert_eq!(requested(&cluster), Some((3000, i64::MAX)));
        cluster.unbind(1);
        assert_eq!(
            requested(&cluster),
            Some((2000, 7 * (1i64 << 60) + (1 << 30)))
        );
        Ok(())
    }

    /// `round_half_away` is `f64::round` (Go's `math.Round`) for every value it meets,
    /// including halves, the float just below a half, negatives and huge values.
    #[test]
    fn rounds_like_f64_round() {
        let below_half = 0.5f64.next_down();
        let cases = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            -1.5,
            below_half,
            -below_half,
            1.0 + below_half,
            4_503_599_627_370_495.5,
            9.0e15,
            1.0e300,
            -1.0e300,
            f64::NAN,
        ];
        for x in cases {
            assert_eq!(round_half_away(x), x.round() as i64, "{x}");
        }
        for i in 0..10_000 {
            let x = f64::from(i) * 0.137 - 500.0;
            assert_eq!(round_half_away(x), x.round() as i64, "{x}");
        }
    }
}
