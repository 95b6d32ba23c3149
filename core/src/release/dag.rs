//! The dependency DAG of a release order: validation, every cycle, a deterministic
//! topological order, waves, the transitive reduction, the critical path, DOT and Mermaid.
//!
//! Source: `docs/release.md` (seed 2 step 5: "aks-vote-front-appservice 依赖于
//! aks-vote-redis-appservice"; 6.7: "应用服务之间不可循环依赖"). Services are indexed once
//! and the graph is walked as arrays (Kahn's algorithm with a name-ordered heap), so a
//! million services stay well inside a second. Every walk is a loop over explicit queues
//! and stacks, never a recursion: a chain or a cycle through a million services is as deep
//! as it is long, far deeper than a thread's stack (a Node worker's is under 1 MB).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, FieldPath, Result, ValidationErrors};
use crate::hash::FastMap;

pub use self::render::render_dag;

mod cycles;
mod render;

/// The most services the DAG operations take: twice the million services the DAG is
/// measured with (a release order has its own, lower limit,
/// [`crate::MAX_ORDER_SERVICES`]). The DAG keeps a few 4-byte entries per service besides
/// the names.
pub const MAX_DAG_SERVICES: usize = 2_000_000;

/// The most `dependsOn` entries of all services together (about 4 bytes of index each,
/// twice), above the three million the DAG is measured with.
pub const MAX_DAG_DEPENDENCIES: usize = 10_000_000;

/// The longest service name, in bytes: a Kubernetes object name (DNS-1123 subdomain) is
/// at most this long.
pub const MAX_SERVICE_NAME_LEN: usize = 253;

/// The most services [`transitive_reduction`] takes: it keeps a reachability bit set per
/// service (n² bits, 12.5 MB at this limit).
pub const MAX_REDUCTION_SERVICES: usize = 10_000;

/// The most dependencies [`transitive_reduction`] takes: each kept edge merges a bit set
/// of up to [`MAX_REDUCTION_SERVICES`] bits (157 words), so this bounds the work to about
/// 1.6·10⁸ word operations.
pub const MAX_REDUCTION_DEPENDENCIES: usize = 1_000_000;

/// One app service of the order and what it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DagService {
    /// The app service's name, unique in the order.
    pub name: String,
    /// The services that must succeed before this one starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Estimated release duration in seconds, for the critical path; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
}

/// Input of [`analyze_dag`] and the other DAG operations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DagInput {
    /// The services of the order.
    pub services: Vec<DagService>,
}

/// Where one service stands in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DagNode {
    /// The service.
    pub name: String,
    /// 0 without dependencies, else 1 + the highest wave of its dependencies.
    pub wave: u32,
    /// When it can start at the earliest: the latest finish of its dependencies.
    pub earliest_start_seconds: u32,
    /// Its earliest start plus its duration (saturating at 2^32-1).
    pub earliest_finish_seconds: u32,
}

/// The analysis of a valid, acyclic order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DagAnalysis {
    /// The waves: services whose dependencies are all in earlier waves, each sorted by name.
    pub waves: Vec<Vec<String>>,
    /// Every service in topological order (dependencies first, ties broken by name), with
    /// its wave and times.
    pub nodes: Vec<DagNode>,
    /// The longest chain by duration, dependencies first (ties broken by name).
    pub critical_path: Vec<String>,
    /// When the whole order can finish at the earliest.
    pub earliest_finish_seconds: u32,
}

/// A dependency edge: `service` depends on `dependsOn`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DagEdge {
    /// The dependent service.
    pub service: String,
    /// The service it depends on.
    pub depends_on: String,
}

/// The transitive reduction: the edges that are implied by others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DagReduction {
    /// Edges that another path already implies (safe to drop), sorted.
    pub redundant_edges: Vec<DagEdge>,
    /// The edges that remain, sorted.
    pub kept_edges: Vec<DagEdge>,
}

/// Drawings of the DAG, dependencies pointing to their dependents (release flow).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DagDrawing {
    /// Graphviz DOT text.
    pub dot: String,
    /// Mermaid flowchart text.
    pub mermaid: String,
}

/// Adjacency lists in one flat array: the list of `i` is `targets[offsets[i]..offsets[i+1]]`.
pub(crate) struct Adjacency {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    pub(crate) fn of(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.targets.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn len_of(&self, i: usize) -> u32 {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => b - a,
            _ => 0,
        }
    }
}

/// The indexed graph: `deps.of(i)` are the indices service `i` depends on (deduplicated).
pub(crate) struct Graph<'a> {
    pub(crate) names: Vec<&'a str>,
    pub(crate) deps: Adjacency,
}

/// Up to this many `dependsOn` entries, a duplicate is found by searching the entries
/// taken so far (at most 16·16/2 comparisons, all in cache); longer lists use a stamp per
/// service, whose random accesses cost more than the search on short lists.
const SHORT_LIST: usize = 16;

/// "No service": an unset entry of the per-service arrays.
const NONE: u32 = u32::MAX;

fn index_of(i: usize) -> u32 {
    // INVARIANT: callers index at most MAX_DAG_SERVICES services (checked in `build`).
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A service name as a map key: a short name is held inline, so a lookup compares it in
/// place instead of following a pointer to the name (at 1M services and 3M dependencies,
/// that second cache miss per lookup was most of the graph's build time). The inline form
/// packs bytes 0–22 and the length (byte 23) into three words: equality is three integer
/// comparisons.
#[derive(PartialEq, Eq, Hash)]
enum NameKey<'a> {
    Short([u64; 3]),
    Long(&'a str),
}

impl<'a> NameKey<'a> {
    fn of(name: &'a str) -> NameKey<'a> {
        let bytes = name.as_bytes();
        let mut inline = [0u8; 24];
        let (Some(dst), Ok(len)) = (inline.get_mut(..bytes.len()), u8::try_from(bytes.len()))
        else {
            return NameKey::Long(name);
        };
        if len > 23 {
            return NameKey::Long(name);
        }
        dst.copy_from_slice(bytes);
        if let Some(last) = inline.last_mut() {
            *last = len;
        }
        let mut words = [0u64; 3];
        for (w, chunk) in words.iter_mut().zip(inline.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *w = u64::from_le_bytes(b);
        }
        NameKey::Short(words)
    }
}

/// Why a service name (in `name` or `dependsOn`) is refused, or `None` when it is taken.
///
/// The rule refuses only what can do harm: an empty name, one longer than
/// [`MAX_SERVICE_NAME_LEN`] bytes, and control characters (C0, DEL, C1) and the Unicode
/// line and paragraph separators, which break the lines of logs and of the DOT and
/// Mermaid text. It is deliberately looser than the app service's own name (a DNS-1123
/// label, checked by `plan_release` on `toSpec.name`): the DAG operations also draw and
/// order plain dependency graphs whose names are not Kubernetes objects (the shared
/// vectors draw `a"b`), so quotes, spaces and the like are kept and escaped in every
/// output language instead (see [`render_dag`]).
fn name_problem(name: &str) -> Option<(FieldErrorCode, String)> {
    if name.is_empty() {
        return Some((FieldErrorCode::Required, "must not be empty".to_owned()));
    }
    if name.len() > MAX_SERVICE_NAME_LEN {
        return Some((
            FieldErrorCode::TooLong,
            format!(
                "a service name is at most {MAX_SERVICE_NAME_LEN} bytes, got {}",
                name.len()
            ),
        ));
    }
    if name
        .chars()
        .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
    {
        return Some((
            FieldErrorCode::Invalid,
            "a service name must not hold control characters or line breaks".to_owned(),
        ));
    }
    None
}

/// Refuse an input above [`MAX_DAG_SERVICES`] or [`MAX_DAG_DEPENDENCIES`] before any
/// work: the services at `services`, the dependencies at the `dependsOn` list that goes
/// over the limit.
pub(crate) fn check_size<'a>(
    services: usize,
    depends_on: impl Iterator<Item = &'a [String]>,
) -> Result<usize> {
    let mut errs = ValidationErrors::new();
    if services > MAX_DAG_SERVICES {
        errs.push(
            "services",
            FieldErrorCode::TooMany,
            format!("at most {MAX_DAG_SERVICES} services, got {services}"),
        );
        return Err(Error::Validation(errs));
    }
    let mut total = 0usize;
    for (i, deps) in depends_on.enumerate() {
        total = total.saturating_add(deps.len());
        if total > MAX_DAG_DEPENDENCIES {
            errs.push(
                FieldPath::root("services").index(i).child("dependsOn"),
                FieldErrorCode::TooMany,
                format!(
                    "at most {MAX_DAG_DEPENDENCIES} dependencies in all, and this list goes \
                     over it"
                ),
            );
            return Err(Error::Validation(errs));
        }
    }
    Ok(total)
}

/// Index the services, collecting every bad or unknown name, self dependency and
/// duplicate. Linear: a dependency listed twice is found by a search of a short list, by
/// a per-service stamp in a long one.
pub(crate) fn build(input: &DagInput) -> Result<Graph<'_>> {
    let total = check_size(
        input.services.len(),
        input.services.iter().map(|s| s.depends_on.as_slice()),
    )?;
    let mut errs = ValidationErrors::new();
    let mut by_name: FastMap<NameKey, u32> = crate::hash::map_with_capacity(input.services.len());
    let name_path = |i: usize| FieldPath::root("services").index(i).child("name");
    for (i, s) in input.services.iter().enumerate() {
        if let Some((code, message)) = name_problem(&s.name) {
            errs.push(name_path(i), code, message);
        } else if by_name.insert(NameKey::of(&s.name), index_of(i)).is_some() {
            errs.push(
                name_path(i),
                FieldErrorCode::Duplicate,
                format!("service `{}` is in the order twice", s.name),
            );
        }
    }
    let mut offsets = Vec::with_capacity(input.services.len() + 1);
    let mut targets: Vec<u32> = Vec::with_capacity(total);
    // A short list is searched (it is in cache); a long one marks its entries in
    // `stamp`, stamp[k] == i + 1 when service `i` already lists `k` (allocated at the
    // first long list), so no list costs more than linear time.
    let mut stamp: Vec<u32> = Vec::new();
    offsets.push(0u32);
    for (i, s) in input.services.iter().enumerate() {
        let mark = index_of(i).saturating_add(1);
        let start = targets.len();
        let long = s.depends_on.len() > SHORT_LIST;
        if long && stamp.is_empty() {
            stamp = vec![0u32; input.services.len()];
        }
        for (j, dep) in s.depends_on.iter().enumerate() {
            let path = || {
                FieldPath::root("services")
                    .index(i)
                    .child("dependsOn")
                    .index(j)
            };
            let Some(&k) = by_name.get(&NameKey::of(dep)) else {
                let (code, message) = name_problem(dep).unwrap_or_else(|| {
                    (
                        FieldErrorCode::NotSupported,
                        format!("`{dep}` is not a service of the order"),
                    )
                });
                errs.push(path(), code, message);
                continue;
            };
            let listed = if long {
                stamp
                    .get_mut(k as usize)
                    .is_some_and(|seen| std::mem::replace(seen, mark) == mark)
            } else {
                targets.get(start..).is_some_and(|t| t.contains(&k))
            };
            if k as usize == i {
                errs.push(
                    path(),
                    FieldErrorCode::Invalid,
                    format!("`{dep}` depends on itself"),
                );
            } else if listed {
                errs.push(
                    path(),
                    FieldErrorCode::Duplicate,
                    format!("`{dep}` is listed twice"),
                );
            } else {
                targets.push(k);
            }
        }
        offsets.push(index_of(targets.len()));
    }
    let deps = Adjacency { offsets, targets };
    errs.into_result(Graph {
        names: input.services.iter().map(|s| s.name.as_str()).collect(),
        deps,
    })
}

impl Graph<'_> {
    /// Rank of each service by name (for deterministic tie breaks).
    ///
    /// Sorted by the 8 bytes after the prefix every name shares (as one big-endian
    /// integer), then by the whole name: the same order as comparing names, with most
    /// comparisons on integers.
    fn name_ranks(&self) -> Vec<u32> {
        let first = self.names.first().copied().unwrap_or("").as_bytes();
        let common = self.names.iter().fold(first.len(), |len, n| {
            first
                .iter()
                .zip(n.as_bytes())
                .take(len)
                .take_while(|(a, b)| a == b)
                .count()
        });
        let key = |name: &str| {
            let mut w = [0u8; 8];
            for (dst, src) in w.iter_mut().zip(name.as_bytes().iter().skip(common)) {
                *dst = *src;
            }
            u64::from_be_bytes(w)
        };
        let mut idx: Vec<(u64, u32)> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (key(n), index_of(i)))
            .collect();
        idx.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.name(a.1).cmp(self.name(b.1)))
        });
        let mut rank = vec![0u32; idx.len()];
        for (r, &(_, i)) in idx.iter().enumerate() {
            if let Some(slot) = rank.get_mut(i as usize) {
                *slot = index_of(r);
            }
        }
        rank
    }

    pub(crate) fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).copied().unwrap_or("")
    }

    fn dependents(&self) -> Adjacency {
        let n = self.names.len();
        let mut counts = vec![0u32; n + 1];
        for &d in &self.deps.targets {
            if let Some(c) = counts.get_mut(d as usize + 1) {
                *c += 1;
            }
        }
        for i in 0..n {
            let prev = counts.get(i).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(i + 1) {
                *c += prev;
            }
        }
        let mut fill = counts.clone();
        let mut targets = vec![0u32; self.deps.targets.len()];
        for i in 0..n {
            for &d in self.deps.of(index_of(i)) {
                if let Some(slot) = fill.get_mut(d as usize)
                    && let Some(t) = targets.get_mut(*slot as usize)
                {
                    *t = index_of(i);
                    *slot += 1;
                }
            }
        }
        Adjacency {
            offsets: counts,
            targets,
        }
    }

    /// Kahn's algorithm, smallest name first; `Err` with every cycle when it cannot finish.
    pub(crate) fn topological(&self) -> Result<Vec<u32>> {
        let n = self.names.len();
        let rank = self.name_ranks();
        let by_rank: Vec<u32> = {
            let mut v = vec![0u32; n];
            for (i, &r) in rank.iter().enumerate() {
                if let Some(slot) = v.get_mut(r as usize) {
                    *slot = index_of(i);
                }
            }
            v
        };
        let dependents = self.dependents();
        let mut indegree: Vec<u32> = (0..n).map(|i| self.deps.len_of(i)).collect();
        let mut heap: BinaryHeap<Reverse<u32>> = indegree
            .iter()
            .enumerate()
            .filter(|(_, d)| **d == 0)
            .filter_map(|(i, _)| rank.get(i).map(|r| Reverse(*r)))
            .collect();
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse(r)) = heap.pop() {
            let Some(&u) = by_rank.get(r as usize) else {
                continue;
            };
            order.push(u);
            for &v in dependents.of(u) {
                if let Some(d) = indegree.get_mut(v as usize) {
                    *d -= 1;
                    if *d == 0
                        && let Some(&rv) = rank.get(v as usize)
                    {
                        heap.push(Reverse(rv));
                    }
                }
            }
        }
        if order.len() == n {
            Ok(order)
        } else {
            Err(Error::Cycle {
                cycles: self.cycles(&indegree, &rank),
            })
        }
    }
}

/// Validate the order's dependencies and analyse them: topological order, waves, earliest
/// times and the critical path.
///
/// # Errors
///
/// [`Error::Validation`] for unknown names, self dependencies and duplicates (every one),
/// else [`Error::Cycle`] with every cycle.
///
/// # Examples
///
/// ```
/// let input: weir::DagInput = serde_json::from_value(serde_json::json!({"services": [
///     {"name": "aks-vote-front-appservice", "dependsOn": ["aks-vote-redis-appservice"]},
///     {"name": "aks-vote-redis-appservice"}]}))?;
/// let a = weir::analyze_dag(&input)?;
/// let order: Vec<&str> = a.nodes.iter().map(|n| n.name.as_str()).collect();
/// assert_eq!(order, ["aks-vote-redis-appservice", "aks-vote-front-appservice"]);
/// assert_eq!(a.waves.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze_dag(input: &DagInput) -> Result<DagAnalysis> {
    let g = build(input)?;
    let order = g.topological()?;
    let n = g.names.len();
    let mut wave = vec![0u32; n];
    let mut finish = vec![0u32; n];
    let mut start = vec![0u32; n];
    let mut via: Vec<Option<u32>> = vec![None; n];
    for &u in &order {
        let ui = u as usize;
        let mut w = 0u32;
        let mut s = 0u32;
        let mut best: Option<u32> = None;
        for &d in g.deps.of(u) {
            let di = d as usize;
            w = w.max(wave.get(di).map_or(0, |x| x.saturating_add(1)));
            let fd = finish.get(di).copied().unwrap_or(0);
            let better = match best {
                None => true,
                Some(b) => fd > s || (fd == s && g.name(d) < g.name(b)),
            };
            if better {
                s = fd;
                best = Some(d);
            }
        }
        let dur = input
            .services
            .get(ui)
            .and_then(|x| x.duration_seconds)
            .unwrap_or(0);
        if let (Some(wv), Some(sv), Some(fv), Some(vv)) = (
            wave.get_mut(ui),
            start.get_mut(ui),
            finish.get_mut(ui),
            via.get_mut(ui),
        ) {
            *wv = w;
            *sv = s;
            *fv = s.saturating_add(dur);
            *vv = best;
        }
    }
    let waves_count = wave.iter().max().map_or(0, |m| *m as usize + 1);
    let mut waves: Vec<Vec<String>> = vec![Vec::new(); if n == 0 { 0 } else { waves_count }];
    for (i, w) in wave.iter().enumerate() {
        if let Some(bucket) = waves.get_mut(*w as usize) {
            bucket.push(g.name(index_of(i)).to_owned());
        }
    }
    for bucket in &mut waves {
        bucket.sort_unstable();
    }
    // The critical path ends at the latest finish (smallest name on ties).
    let end = (0..n).map(index_of).max_by(|&a, &b| {
        finish
            .get(a as usize)
            .cmp(&finish.get(b as usize))
            .then_with(|| g.name(b).cmp(g.name(a)))
    });
    let mut critical_path = Vec::new();
    let mut at = end;
    while let Some(u) = at {
        critical_path.push(g.name(u).to_owned());
        at = via.get(u as usize).copied().flatten();
    }
    critical_path.reverse();
    let nodes = order
        .iter()
        .map(|&u| DagNode {
            name: g.name(u).to_owned(),
            wave: wave.get(u as usize).copied().unwrap_or(0),
            earliest_start_seconds: start.get(u as usize).copied().unwrap_or(0),
            earliest_finish_seconds: finish.get(u as usize).copied().unwrap_or(0),
        })
        .collect();
    Ok(DagAnalysis {
        waves,
        nodes,
        critical_path,
        earliest_finish_seconds: end
            .and_then(|e| finish.get(e as usize).copied())
            .unwrap_or(0),
    })
}

/// The transitive reduction: which dependency edges another path already implies.
///
/// # Errors
///
/// As [`analyze_dag`], and [`Error::Validation`] (`too_many`) above
/// [`MAX_REDUCTION_SERVICES`] services or [`MAX_REDUCTION_DEPENDENCIES`] dependencies.
pub fn transitive_reduction(input: &DagInput) -> Result<DagReduction> {
    let mut errs = ValidationErrors::new();
    if input.services.len() > MAX_REDUCTION_SERVICES {
        errs.push(
            "services",
            FieldErrorCode::TooMany,
            format!(
                "the transitive reduction takes at most {MAX_REDUCTION_SERVICES} services, got {}",
                input.services.len()
            ),
        );
        return Err(Error::Validation(errs));
    }
    let mut total = 0usize;
    for (i, s) in input.services.iter().enumerate() {
        total = total.saturating_add(s.depends_on.len());
        if total > MAX_REDUCTION_DEPENDENCIES {
            errs.push(
                FieldPath::root("services").index(i).child("dependsOn"),
                FieldErrorCode::TooMany,
                format!(
                    "the transitive reduction takes at most {MAX_REDUCTION_DEPENDENCIES} \
                     dependencies in all, and this list goes over it"
                ),
            );
            return Err(Error::Validation(errs));
        }
    }
    let g = build(input)?;
    let order = g.topological()?;
    let n = g.names.len();
    let words = n.div_ceil(64);
    let mut pos = vec![0usize; n];
    for (p, &u) in order.iter().enumerate() {
        if let Some(slot) = pos.get_mut(u as usize) {
            *slot = p;
        }
    }
    // reach[u]: every transitive dependency of u, as a bit set.
    let mut reach = vec![0u64; n * words];
    let mut redundant = Vec::new();
    let mut kept = Vec::new();
    for &u in &order {
        let ui = u as usize;
        let mut ds: Vec<u32> = g.deps.of(u).to_vec();
        // Nearest dependencies first: a farther one may be implied by a nearer one.
        ds.sort_unstable_by_key(|d| Reverse(pos.get(*d as usize).copied().unwrap_or(0)));
        let mut acc = vec![0u64; words];
        for d in ds {
            let di = d as usize;
            let bit = |set: &[u64]| {
                set.get(di / 64)
                    .is_some_and(|w| w & (1u64 << (di % 64)) != 0)
            };
            let edge = DagEdge {
                service: g.name(u).to_owned(),
                depends_on: g.name(d).to_owned(),
            };
            if bit(&acc) {
                redundant.push(edge);
            } else {
                kept.push(edge);
                if let Some(w) = acc.get_mut(di / 64) {
                    *w |= 1u64 << (di % 64);
                }
                for (a, r) in acc
                    .iter_mut()
                    .zip(reach.iter().skip(di * words).take(words))
                {
                    *a |= *r;
                }
            }
        }
        for (r, a) in reach.iter_mut().skip(ui * words).take(words).zip(&acc) {
            *r = *a;
        }
    }
    redundant.sort();
    kept.sort();
    Ok(DagReduction {
        redundant_edges: redundant,
        kept_edges: kept,
    })
}

#[cfg(test)]
mod tests {
    use super::{DagInput, DagService, analyze_dag};
    use crate::error::Error;

    fn service(name: &str, deps: &[&str]) -> DagService {
        DagService {
            name: name.to_owned(),
            depends_on: deps.iter().map(|d| (*d).to_owned()).collect(),
            duration_seconds: None,
        }
    }

    /// Names on both sides of the inline-key limit (23 bytes), names that differ only past
    /// it, and a name that is a prefix of another resolve and collide exactly as the names
    /// themselves do.
    #[test]
    fn names_resolve_on_both_sides_of_the_inline_limit() {
        let at = "a".repeat(23);
        let past = "a".repeat(24);
        let long_x = format!("{}x", "b".repeat(30));
        let long_y = format!("{}y", "b".repeat(30));
        let input = DagInput {
            services: vec![
                service(&at, &[]),
                service(&past, &[&at]),
                service(&long_x, &[&past]),
                service(&long_y, &[&long_x, &at]),
                service("a-", &[&long_y]),
                service("a", &["a-"]),
            ],
        };
        let a = analyze_dag(&input).map_err(|e| e.to_string());
        let waves = a.map(|a| a.waves.len());
        assert_eq!(waves, Ok(6));
        let dup = DagInput {
            services: vec![service(&long_x, &[]), service(&long_x, &[])],
        };
        assert!(matches!(analyze_dag(&dup), Err(Error::Validation(_))));
        let missing = DagInput {
            services: vec![service(&long_x, &[&long_y])],
        };
        assert!(matches!(analyze_dag(&missing), Err(Error::Validation(_))));
    }
}
