//! Pods as the scheduler compiles them: requests summed as kube-scheduler does, and the
//! scheduling rules (tolerations, node and inter-pod affinity, spread constraints) compiled
//! once per rule class and shared.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{Error, FieldErrorCode as Code, FieldPath, Result, ValidationErrors};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::model::selector::{
    LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, NodeSelector,
    NodeSelectorMatcher, Selector,
};

use super::types::{
    InclusionPolicy, Pod, PodAffinity, PodAffinityTerm, PodHints, PreemptionPolicy, Toleration,
    TopologySpreadConstraint, WhenUnsatisfiable,
};

/// `DefaultMilliCPURequest` and `DefaultMemoryRequest` (`pkg/scheduler/util`): what scoring
/// assumes for a container that requests no CPU or memory.
const DEFAULT_MILLI_CPU: i64 = 100;
const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;

/// Pods, rule classes or groups whose id is not assigned yet.
pub(crate) const UNSET: u32 = u32::MAX;

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
    pub(crate) fn get(&self, name: &str) -> i64 {
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

    pub(crate) fn slot(&mut self, name: &str) -> &mut i64 {
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

    pub(crate) fn add(&mut self, o: &Res) {
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

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
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

pub(crate) fn res_of(map: &BTreeMap<String, Quantity>) -> Res {
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
            FieldPath::from(path).child("metadata").child("name"),
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
        let aff = pod.spec.affinity.as_ref();
        let spec = FieldPath::from(path).child("spec");
        let affinity = spec.child("affinity");
        let (required, preferred) = compile_node_affinity(pod, &affinity, errs);
        let (aff_req, aff_pref) = compile_terms(
            aff.and_then(|a| a.pod_affinity.as_ref()),
            &namespace,
            &affinity.child("podAffinity"),
            errs,
        );
        let (anti_req, anti_pref) = compile_terms(
            aff.and_then(|a| a.pod_anti_affinity.as_ref()),
            &namespace,
            &affinity.child("podAntiAffinity"),
            errs,
        );
        let spread = (pod.spec.topology_spread_constraints.iter().enumerate())
            .map(|(i, c)| {
                let at = spec.child("topologySpreadConstraints").index(i);
                compile_spread(pod, c, &at, errs)
            })
            .collect();
        let (names_fields, node_keys) = node_rule_keys(pod);
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

/// A pod's node affinity, compiled: the required terms and the weighted preferred ones
/// (weight-0 terms are skipped, as NodeAffinity's Score does); a term that does not compile
/// is reported at `{affinity}.nodeAffinity`.
fn compile_node_affinity(
    pod: &Pod,
    affinity: &FieldPath,
    errs: &mut ValidationErrors,
) -> (Option<NodeSelectorMatcher>, Vec<(i64, NodeSelectorMatcher)>) {
    let at = affinity.child("nodeAffinity");
    let mut fail = |e: Error| errs.push(at.clone(), Code::Invalid, e.to_string());
    let node_aff = (pod.spec.affinity.as_ref()).and_then(|a| a.node_affinity.as_ref());
    let required = match node_aff
        .and_then(|n| n.required.as_ref())
        .map(NodeSelector::compile)
    {
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            fail(e);
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
            Err(e) => fail(e),
        }
    }
    (required, preferred)
}

/// The required and weighted preferred terms of a pod (anti-)affinity, compiled for a pod
/// in `namespace`; a term that does not compile is reported at `at`.
fn compile_terms(
    pa: Option<&PodAffinity>,
    namespace: &str,
    at: &FieldPath,
    errs: &mut ValidationErrors,
) -> (Vec<Term>, Vec<(i64, Term)>) {
    let mut req = Vec::new();
    let mut pref = Vec::new();
    if let Some(pa) = pa {
        for t in &pa.required {
            match Term::compile(t, namespace) {
                Ok(t) => req.push(t),
                Err(e) => errs.push(at.clone(), Code::Invalid, e.to_string()),
            }
        }
        for w in &pa.preferred {
            match Term::compile(&w.pod_affinity_term, namespace) {
                Ok(t) => pref.push((i64::from(w.weight), t)),
                Err(e) => errs.push(at.clone(), Code::Invalid, e.to_string()),
            }
        }
    }
    (req, pref)
}

/// One topology spread constraint of `pod`, compiled (`matchLabelKeys` folded into its
/// selector); problems are reported under `at`.
fn compile_spread(
    pod: &Pod,
    c: &TopologySpreadConstraint,
    at: &FieldPath,
    errs: &mut ValidationErrors,
) -> Spread {
    if c.max_skew < 1 {
        errs.push(at.child("maxSkew"), Code::Invalid, "must be ≥ 1");
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
            errs.push(at.child("labelSelector"), Code::Invalid, e.to_string());
            None
        }
    };
    Spread {
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

/// A request `want` > 0 that does not fit beside `used` in `alloc` (`fitsRequest`).
pub(crate) fn short(want: i64, alloc: i64, used: i64) -> bool {
    want > 0 && want > alloc.saturating_sub(used)
}
