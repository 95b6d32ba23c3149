//! The Score plugins of kube-scheduler's default profile over the feasible nodes, each
//! normalised as its own definition says, weighted and summed.

use super::Cluster;
use super::Rows;
use super::filter::{PodCtx, SpreadCtx};
use crate::scheduling::index::MAX_SCORE;
use crate::scheduling::index::{Column, NONE, UNCACHED, resource_scores};
use crate::scheduling::pods::{PodInfo, Spread};

impl Cluster {
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
    // Over 80 lines: the per-node breakdown closes over the weights and tables set up here.
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
        let pod_aff = |n: usize| ctx.topology.iter().map(|(_, d)| d.value(n)).sum::<i64>();
        let (pa_min, pa_max) = if w_pod_aff == 0 {
            (i64::MAX, i64::MIN)
        } else {
            pod_affinity_extremes(ctx, feasible, &mut rows.touched)
        };
        rows.spread.clear();
        let spread_col = if w_spread == 0 {
            None
        } else {
            self.spread_rows(&soft, feasible, slot_seen, ctx, rows)
        };
        // Per node: its normalised spread score (by domain value, or by position).
        let spread_of = |i: usize, n: usize| match spread_col {
            Some(col) => rows
                .spread
                .get(Column::at(col, n) as usize)
                .copied()
                .unwrap_or(0),
            None => rows.spread.get(i).copied().unwrap_or(0),
        };
        let by_slot = self.scores_by_slot(ctx, slot_seen, [w_taint, w_node_aff]);
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

    /// Per soft spread constraint, the domain values present among the feasible nodes with
    /// every soft key (numDomains; `IgnoredNodes` leaves the others out). Label values
    /// other than the hostname are alike across a class: one node of each class with a
    /// candidate stands for all of them.
    fn soft_values_seen(
        &self,
        soft: &[(&Spread, &SpreadCtx)],
        feasible: &[usize],
        slot_seen: &[bool],
        ctx: &PodCtx,
    ) -> Vec<Vec<bool>> {
        let mut value_seen: Vec<Vec<bool>> = soft
            .iter()
            .map(|(_, c)| vec![false; c.col.map_or(0, |c| c.count)])
            .collect();
        let mut mark = |n: usize| {
            if has_soft_keys(soft, n) {
                for ((_, c), seen) in soft.iter().zip(value_seen.iter_mut()) {
                    if let Some(s) = seen.get_mut(Column::at(c.col, n) as usize) {
                        *s = true;
                    }
                }
            }
        };
        let by_class = !ctx.rules.per_node && soft.iter().all(|(s, _)| s.key != self.keys.hostname);
        if by_class {
            for (c, _) in slot_seen.iter().enumerate().filter(|(_, s)| **s) {
                if let Some(&rep) = self.class_rep.get(c) {
                    mark(rep);
                }
            }
        } else {
            feasible.iter().for_each(|&n| mark(n));
        }
        value_seen
    }

    /// PodTopologySpread: Σ cnt × ln(numDomains + 2) + (maxSkew − 1), normalised over the
    /// candidates with every soft key, into `rows.spread`: per domain value (returning the
    /// key's column) when one soft constraint on a key other than the hostname decides it,
    /// else per feasible node in order (returning `None`).
    fn spread_rows<'a>(
        &self,
        soft: &[(&Spread, &SpreadCtx<'a>)],
        feasible: &[usize],
        slot_seen: &[bool],
        ctx: &PodCtx,
        rows: &mut Rows,
    ) -> Option<Option<&'a Column>> {
        let value_seen = self.soft_values_seen(soft, feasible, slot_seen, ctx);
        let ln_domains: Vec<f64> = value_seen
            .iter()
            .map(|seen| (seen.iter().filter(|s| **s).count() as f64 + 2.0).ln())
            .collect();
        match (soft, value_seen.first()) {
            ([(s, c)], Some(seen)) if c.host.is_none() => {
                let ln = ln_domains.first().copied().unwrap_or(0.0);
                let raw =
                    |cnt: i64| round_half_away(cnt.max(0) as f64 * ln + (s.max_skew - 1) as f64);
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
                Some(c.col)
            }
            _ => {
                let raw_spread = |n: usize| {
                    if !has_soft_keys(soft, n) {
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
                None
            }
        }
    }

    /// TaintToleration's and NodeAffinity's scores per verdict slot, normalised over the
    /// slots with a feasible node and weighted by `[taint, node affinity]`.
    fn scores_by_slot(&self, ctx: &PodCtx, slot_seen: &[bool], w: [i64; 2]) -> Vec<[i64; 2]> {
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
        (0..slot_seen.len())
            .map(|v| {
                [
                    normalize(taint_raw(v), taint_max, true) * w[0],
                    normalize(node_aff_raw(v), node_aff_max, false) * w[1],
                ]
            })
            .collect()
    }
}

/// Whether node `n` has the key of every soft spread constraint.
fn has_soft_keys(soft: &[(&Spread, &SpreadCtx)], n: usize) -> bool {
    soft.iter().all(|(_, c)| Column::at(c.col, n) != NONE)
}

/// InterPodAffinity's extremes over the feasible nodes: a node in no domain a term wrote to
/// scores 0; the extremes come from the written domains' feasible nodes, and 0 if any other
/// node is feasible. `touched` is a buffer.
fn pod_affinity_extremes(ctx: &PodCtx, feasible: &[usize], touched: &mut Vec<usize>) -> (i64, i64) {
    let (mut pa_min, mut pa_max) = (i64::MAX, i64::MIN);
    touched.clear();
    for (_, d) in &ctx.topology {
        if let Some(col) = d.col {
            for &v in &d.touched {
                touched.extend(col.nodes_with(v).iter().map(|&n| n as usize));
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    let mut written = 0usize;
    for &n in touched.iter() {
        if feasible.binary_search(&n).is_ok() {
            written += 1;
            let v: i64 = ctx.topology.iter().map(|(_, d)| d.value(n)).sum();
            (pa_min, pa_max) = (pa_min.min(v), pa_max.max(v));
        }
    }
    if written < feasible.len() {
        (pa_min, pa_max) = (pa_min.min(0), pa_max.max(0));
    }
    (pa_min, pa_max)
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
    use super::round_half_away;

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
