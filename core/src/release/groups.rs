//! The pods of one app service in a release: the even split over deployment units, the
//! beta group and the grouping strategies (`docs/release.md`, seed 6.2 part 5 and 6.7).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrorCode, FieldPath, Result, ValidationErrors};
use crate::hash::FastMap;
use crate::model::app_service::Grouping;

/// Default minimum number of groups of fast grouping (seed 6.2: "最小分组数 ... 默认为3").
pub const DEFAULT_MIN_GROUPS: u32 = 3;

/// The most pods [`plan_groups`] groups: twice the million pods grouping is measured
/// with. The work is n·log n in the pods (every group, pause and per-unit count follows
/// from them, whatever `minGroups` asks for).
pub const MAX_GROUP_PODS: usize = 2_000_000;

/// A pod to release and the unit it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodRef {
    /// The pod's name, unique in the service.
    pub name: String,
    /// Its deployment unit.
    pub unit: String,
}

/// Input of [`plan_groups`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupsInput {
    /// The pods, in the order they are taken.
    pub pods: Vec<PodRef>,
    /// The grouping strategy; default fast with 3 groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grouping: Option<Grouping>,
    /// Release a beta group first; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta: Option<bool>,
    /// Pause after each group but the last; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause_between_groups: Option<bool>,
    /// A new version is released (rollbacks and restarts of the same version have no beta
    /// group); default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_version: Option<bool>,
}

/// One group of pods released together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodGroup {
    /// 0-based position.
    pub index: u32,
    /// The beta group (one pod per unit, released first).
    pub beta: bool,
    /// Its pods.
    pub pods: Vec<String>,
    /// How many of its pods each unit has.
    pub per_unit: BTreeMap<String, u32>,
}

/// Why the release waits after a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PauseReason {
    /// After the beta group: always, until the beta is confirmed.
    Beta,
    /// After a group when `pauseBetweenGroups` (分组暂停), until resumed.
    GroupPause,
}

/// A pause after a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PausePoint {
    /// The group it follows.
    pub after_group: u32,
    /// Why.
    pub reason: PauseReason,
}

/// The groups and pauses of one service's release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodGroups {
    /// The groups, in release order.
    pub groups: Vec<PodGroup>,
    /// Where the release waits.
    pub pauses: Vec<PausePoint>,
    /// Beta was asked for but is ineffective (every unit has exactly one pod), or does not
    /// apply (not a new version).
    pub beta_skipped: bool,
}

/// The indices of pods whose name appeared earlier, ascending. Sorts (hash, index) pairs
/// rather than filling a hash table: a million names stay in cache-friendly arrays. A run
/// of equal hashes (the same name listed many times, or colliding names) is sorted by
/// name, so even a million copies of one name cost n·log n, not n².
fn duplicate_names(pods: &[PodRef]) -> Vec<usize> {
    use std::hash::BuildHasher;
    let build = std::hash::BuildHasherDefault::<crate::hash::FastHasher>::default();
    let name = |i: usize| pods.get(i).map(|p| p.name.as_str());
    let mut keyed: Vec<(u64, usize)> = pods
        .iter()
        .enumerate()
        .map(|(i, p)| (build.hash_one(p.name.as_str()), i))
        .collect();
    keyed.sort_unstable();
    let mut dups = Vec::new();
    for run in keyed
        .chunk_by_mut(|a, b| a.0 == b.0)
        .filter(|r| r.len() > 1)
    {
        // By name, then index: of equal names, every one after the first is a duplicate.
        run.sort_unstable_by(|a, b| name(a.1).cmp(&name(b.1)).then(a.1.cmp(&b.1)));
        for pair in run.windows(2) {
            if let [(_, a), (_, b)] = pair
                && name(*a) == name(*b)
            {
                dups.push(*b);
            }
        }
    }
    dups.sort_unstable();
    dups
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Group the pods of one service (see the module docs and `docs/release.md`).
///
/// Fast grouping: `G = min(minGroups, remaining)`; per unit (in order of first appearance)
/// each group gets `n_u div G` pods and the `n_u mod G` extra pods go to groups chosen by
/// a pointer that starts at the last group, walks backwards and wraps, keeping its place
/// from one unit to the next — so group sizes never decrease and differ by at most one.
///
/// # Errors
///
/// [`crate::Error::Validation`] for more than [`MAX_GROUP_PODS`] pods (`too_many`), a
/// duplicate pod name or `minGroups` below 1.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// // 10 pods over 2 units, beta, fast grouping with 3 groups.
/// let pods: Vec<_> = (0..10).map(|i| json!({"name": format!("p{i}"), "unit": if i % 2 == 0 { "a" } else { "b" }})).collect();
/// let input: weir::GroupsInput = serde_json::from_value(json!({"pods": pods}))?;
/// let g = weir::plan_groups(&input)?;
/// let sizes: Vec<usize> = g.groups.iter().map(|g| g.pods.len()).collect();
/// assert_eq!(sizes, [2, 2, 3, 3]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plan_groups(input: &GroupsInput) -> Result<PodGroups> {
    if input.pods.len() > MAX_GROUP_PODS {
        return Err(crate::Error::validation_at(
            "pods",
            FieldErrorCode::TooMany,
            format!("at most {MAX_GROUP_PODS} pods, got {}", input.pods.len()),
        ));
    }
    let mut errs = ValidationErrors::new();
    let min_groups = match &input.grouping {
        Some(Grouping::Fast {
            min_groups: Some(m),
        }) if *m < 1 => {
            errs.push(
                "grouping.minGroups",
                FieldErrorCode::Invalid,
                format!("must be at least 1, got {m}"),
            );
            1
        }
        Some(Grouping::Fast {
            min_groups: Some(m),
        }) => u32::try_from(*m).unwrap_or(1),
        _ => DEFAULT_MIN_GROUPS,
    };
    for (i, p) in input.pods.iter().enumerate() {
        if p.name.is_empty() {
            errs.push(
                FieldPath::root("pods").index(i).child("name"),
                FieldErrorCode::Required,
                "a pod has a name",
            );
        }
    }
    for i in duplicate_names(&input.pods) {
        if let Some(p) = input.pods.get(i) {
            errs.push(
                FieldPath::root("pods").index(i).child("name"),
                FieldErrorCode::Duplicate,
                format!("pod `{}` is listed twice", crate::error::clip(&p.name)),
            );
        }
    }
    errs.into_result(())?;

    // Units in order of first appearance; each unit's pods in input order.
    let mut unit_index: FastMap<&str, usize> = FastMap::default();
    let mut unit_of: Vec<usize> = Vec::with_capacity(input.pods.len());
    let mut units: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, p) in input.pods.iter().enumerate() {
        let u = *unit_index.entry(p.unit.as_str()).or_insert_with(|| {
            units.push((p.unit.as_str(), Vec::new()));
            units.len() - 1
        });
        if let Some((_, v)) = units.get_mut(u) {
            v.push(i);
        }
        unit_of.push(u);
    }
    let wants_beta = input.beta.unwrap_or(true) && input.new_version.unwrap_or(true);
    let beta = wants_beta && units.iter().any(|(_, v)| v.len() > 1);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Each unit's pods not yet in a group: `v[cursor..]`.
    let mut rest: Vec<&[usize]> = units.iter().map(|(_, v)| v.as_slice()).collect();
    if beta {
        groups.push(rest.iter().filter_map(|v| v.first().copied()).collect());
        for v in &mut rest {
            *v = v.get(1..).unwrap_or(&[]);
        }
    }
    let remaining: usize = rest.iter().map(|v| v.len()).sum();
    match input
        .grouping
        .as_ref()
        .unwrap_or(&Grouping::Fast { min_groups: None })
    {
        _ if remaining == 0 => {}
        Grouping::Single => {
            let mut all: Vec<usize> = rest.iter().flat_map(|v| v.iter().copied()).collect();
            all.sort_unstable();
            groups.push(all);
        }
        Grouping::PerPod => per_pod(&mut groups, rest),
        Grouping::Fast { .. } => fast(&mut groups, &rest, min_groups as usize, remaining),
    }
    let names: Vec<&str> = units.iter().map(|(name, _)| *name).collect();
    Ok(finish(input, groups, beta, &names, &unit_of))
}

/// One pod per group, interleaving the units (A1, B1, A2, B2, ...). Each round visits
/// only the units that still have pods, so the work is the pod count.
fn per_pod(groups: &mut Vec<Vec<usize>>, mut rest: Vec<&[usize]>) {
    rest.retain(|v| !v.is_empty());
    while !rest.is_empty() {
        for v in &mut rest {
            if let Some((&p, tail)) = v.split_first() {
                groups.push(vec![p]);
                *v = tail;
            }
        }
        rest.retain(|v| !v.is_empty());
    }
}

/// Fast grouping of the pods in `rest` into `G = min(minGroups, remaining)` groups (see
/// [`plan_groups`]). Per unit, the groups that get one more pod are the `n_u mod G` steps
/// of the backward pointer; when a unit has fewer pods than groups only those groups are
/// visited, so the work is the pod count whatever `minGroups` is.
fn fast(groups: &mut Vec<Vec<usize>>, rest: &[&[usize]], min_groups: usize, remaining: usize) {
    let g = min_groups.min(remaining).max(1);
    let first = groups.len();
    groups.extend((0..g).map(|_| Vec::new()));
    let mut pointer = g - 1;
    let mut more: Vec<usize> = Vec::new();
    for pods in rest {
        let (base, extra) = (pods.len() / g, pods.len() % g);
        more.clear();
        for _ in 0..extra {
            more.push(pointer);
            pointer = if pointer == 0 { g - 1 } else { pointer - 1 };
        }
        more.sort_unstable();
        let mut taken = 0;
        let mut give = |k: usize, n: usize| {
            if let Some(group) = groups.get_mut(first + k) {
                group.extend(pods.iter().skip(taken).take(n));
            }
            taken += n;
        };
        if base == 0 {
            for &k in &more {
                give(k, 1);
            }
        } else {
            let mut extra_at = more.iter().copied().peekable();
            for k in 0..g {
                give(k, base + usize::from(extra_at.next_if_eq(&k).is_some()));
            }
        }
    }
}

/// The output: the groups as pod names with their per-unit counts, and the pauses.
fn finish(
    input: &GroupsInput,
    groups: Vec<Vec<usize>>,
    beta: bool,
    units: &[&str],
    unit_of: &[usize],
) -> PodGroups {
    let pause = input.pause_between_groups.unwrap_or(true);
    let last = groups.len().saturating_sub(1);
    let mut pauses = Vec::new();
    // Counted by unit index (unit names are cloned once per group, not per pod). A group
    // with fewer members than there are units reads back only its members' units, so many
    // small groups over many units cost their members, not units × groups.
    let mut counts = vec![0u32; units.len()];
    let out: Vec<PodGroup> = groups
        .into_iter()
        .enumerate()
        .map(|(k, members)| {
            let is_beta = beta && k == 0;
            if is_beta {
                pauses.push(PausePoint {
                    after_group: u32_of(k),
                    reason: PauseReason::Beta,
                });
            } else if pause && k < last {
                pauses.push(PausePoint {
                    after_group: u32_of(k),
                    reason: PauseReason::GroupPause,
                });
            }
            for &i in &members {
                if let Some(c) = unit_of.get(i).and_then(|&u| counts.get_mut(u)) {
                    *c += 1;
                }
            }
            let per_unit: BTreeMap<String, u32> = if units.len() <= members.len() {
                // Reading every unit costs no more than the members: one pass, in order.
                let m = counts
                    .iter()
                    .zip(units)
                    .filter(|(n, _)| **n > 0)
                    .map(|(n, name)| ((*name).to_owned(), *n))
                    .collect();
                counts.fill(0);
                m
            } else {
                let mut m = BTreeMap::new();
                for &i in &members {
                    let Some(&u) = unit_of.get(i) else { continue };
                    if let (Some(c), Some(name)) = (counts.get_mut(u), units.get(u))
                        && *c > 0
                    {
                        m.insert((*name).to_owned(), *c);
                        *c = 0;
                    }
                }
                m
            };
            let pods = members
                .iter()
                .filter_map(|&i| input.pods.get(i))
                .map(|p| p.name.clone())
                .collect();
            PodGroup {
                index: u32_of(k),
                beta: is_beta,
                pods,
                per_unit,
            }
        })
        .collect();
    PodGroups {
        groups: out,
        pauses,
        beta_skipped: input.beta.unwrap_or(true) && !beta,
    }
}
