//! The resource-score caches: per node, the running totals the per-node loops read, and per
//! request shape, NodeResourcesFit's and BalancedAllocation's scores, replayed from a log of
//! the nodes that changed.

use super::Cluster;
use crate::scheduling::index::{Hot, ResourceScores, UNCACHED, resource_scores};
use crate::scheduling::pods::{PodInfo, UNSET};

/// Resource-score caches kept at once (one per distinct CPU/memory request); a pod of
/// another request shape is scored directly.
const MAX_REQUEST_SHAPES: usize = 256;

/// Node changes remembered for the caches to catch up with; past this the caches start
/// over.
const MAX_CHANGES: usize = 1 << 20;

/// The request shape the resource scores depend on.
fn shape(p: &PodInfo) -> [i64; 4] {
    [p.req.cpu, p.req.mem, p.nonzero.cpu, p.nonzero.mem]
}

impl Cluster {
    /// Re-read node `n`'s totals into [`Cluster::hot`] and log the change for the caches.
    pub(crate) fn refresh_hot(&mut self, n: usize) {
        let (Some(node), Some(h)) = (self.nodes.get(n), self.hot.get_mut(n)) else {
            return;
        };
        *h = Hot {
            alloc_cpu: node.alloc.cpu,
            alloc_mem: node.alloc.mem,
            req_cpu: node.requested.cpu,
            req_mem: node.requested.mem,
            nz_cpu: node.nonzero.cpu,
            nz_mem: node.nonzero.mem,
            free_pods: node
                .alloc_pods
                .saturating_sub(i64::try_from(node.pods.len()).unwrap_or(i64::MAX)),
            class: self
                .node_class
                .get(n)
                .and_then(|&c| u32::try_from(c).ok())
                .unwrap_or(UNSET),
        };
        let h = *h;
        if let Some(min) = self.class_min.get_mut(h.class as usize) {
            min.lower_to(&h);
        }
        if self.changes.len() >= MAX_CHANGES {
            self.changes.clear();
            // Every cache is now behind a log it cannot replay: it starts over.
            self.res_scores.iter_mut().for_each(|c| c.at = usize::MAX);
        }
        self.changes.push(u32::try_from(n).unwrap_or(UNSET));
    }

    /// Bring the resource scores of `p`'s request shape up to date.
    pub(crate) fn prepare_resources(&mut self, pod: usize) {
        let Some(p) = self.pods.get(pod) else { return };
        let key = shape(p);
        let id = match self.res_ids.get(&key) {
            Some(&id) => id as usize,
            None if self.res_scores.len() < MAX_REQUEST_SHAPES => {
                self.res_ids
                    .insert(key, u32::try_from(self.res_scores.len()).unwrap_or(UNSET));
                self.res_scores.push(ResourceScores {
                    at: usize::MAX,
                    scores: Vec::new(),
                });
                self.res_scores.len() - 1
            }
            None => return,
        };
        let strategy = self.scoring.strategy;
        let (hot, changes) = (&self.hot, &self.changes);
        let Some(cache) = self.res_scores.get_mut(id) else {
            return;
        };
        let score = |n: usize| {
            hot.get(n).map_or([0, 0], |h| {
                let [r, b] = resource_scores(strategy, h, p);
                let small = |v: i64| u8::try_from(v).ok().filter(|v| *v != UNCACHED);
                match (small(r), small(b)) {
                    (Some(r), Some(b)) => [r, b],
                    _ => [UNCACHED; 2],
                }
            })
        };
        if cache.at > changes.len() {
            cache.scores = (0..hot.len()).map(score).collect();
        } else {
            for &n in changes.iter().skip(cache.at) {
                if let Some(s) = cache.scores.get_mut(n as usize) {
                    *s = score(n as usize);
                }
            }
        }
        cache.at = changes.len();
    }

    /// The cached resource scores of `p`'s request shape, when up to date.
    pub(crate) fn cached_resources(&self, p: &PodInfo) -> Option<&[[u8; 2]]> {
        let id = *self.res_ids.get(&shape(p))?;
        self.res_scores
            .get(id as usize)
            .filter(|c| c.at == self.changes.len())
            .map(|c| c.scores.as_slice())
    }
}
