//! CA's bin-packing estimator (`estimator/binpacking_estimator.go`,
//! `decreasing_pod_orderer.go`): first-fit decreasing of pending pod classes onto fresh
//! template nodes.
//!
//! Classes are ordered by `cpu/alloc + mem/alloc` of the template, largest first (ties: the
//! order given). Each pod of a class goes to the first new node with room; when none has
//! room a node is added, unless the limiter refuses (the whole estimate stops) or a fresh
//! empty node cannot take the pod either (that class stops: a new node would not help).
//! The class's filters were checked on the template beforehand, so only CPU, memory and the
//! pod count decide here; pods of one class are alike, so the first fit of each is found by
//! a cursor that only moves forward, in time linear in pods and nodes.

/// One class of alike pods to pack.
pub(crate) struct Class {
    /// CPU request of one pod, millicores.
    pub cpu: i64,
    /// Memory request of one pod, bytes.
    pub mem: i64,
    /// How many pods.
    pub count: usize,
}

/// A template node's room.
#[derive(Clone, Copy)]
pub(crate) struct Room {
    /// Millicores.
    pub cpu: i64,
    /// Bytes.
    pub mem: i64,
    /// Pods.
    pub pods: i64,
}

impl Room {
    /// How many pods of `c` fit (a zero request never limits).
    fn takes(&self, c: &Class) -> i64 {
        let by = |free: i64, want: i64| {
            if want <= 0 {
                i64::MAX
            } else {
                free.max(0) / want
            }
        };
        by(self.cpu, c.cpu)
            .min(by(self.mem, c.mem))
            .min(self.pods.max(0))
    }

    fn take(&mut self, c: &Class, n: i64) {
        self.cpu = self.cpu.saturating_sub(c.cpu.saturating_mul(n));
        self.mem = self.mem.saturating_sub(c.mem.saturating_mul(n));
        self.pods = self.pods.saturating_sub(n);
    }
}

/// An estimate: nodes that received pods, and per class (in the order given) how many of
/// its pods they take.
pub(crate) struct Estimate {
    pub nodes: i64,
    pub placed: Vec<usize>,
}

/// Pack `classes` onto fresh `template` nodes, adding at most `limit` nodes.
pub(crate) fn estimate(template: Room, classes: &[Class], limit: i64) -> Estimate {
    let mut order: Vec<usize> = (0..classes.len()).collect();
    let score = |c: &Class| {
        let f = |want: i64, alloc: i64| {
            if alloc > 0 {
                want as f64 / alloc as f64
            } else {
                0.0
            }
        };
        f(c.cpu, template.cpu) + f(c.mem, template.mem)
    };
    order.sort_by(|&a, &b| {
        let (sa, sb) = (
            classes.get(a).map_or(0.0, score),
            classes.get(b).map_or(0.0, score),
        );
        sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut nodes: Vec<Room> = Vec::new();
    let mut placed = vec![0usize; classes.len()];
    'classes: for i in order {
        let Some(c) = classes.get(i) else { continue };
        let mut left = i64::try_from(c.count).unwrap_or(i64::MAX);
        // First fit on the nodes already added.
        for room in nodes.iter_mut() {
            if left == 0 {
                break;
            }
            let n = room.takes(c).min(left);
            room.take(c, n);
            left -= n;
        }
        let per_node = template.takes(c);
        while left > 0 {
            if per_node <= 0 {
                // A fresh, empty node cannot take it: stop this class.
                break;
            }
            if i64::try_from(nodes.len()).unwrap_or(i64::MAX) >= limit {
                // The limiter refuses a node: stop the estimate.
                if let Some(p) = placed.get_mut(i) {
                    *p = c.count - usize::try_from(left).unwrap_or(0);
                }
                break 'classes;
            }
            let mut room = template;
            let n = per_node.min(left);
            room.take(c, n);
            nodes.push(room);
            left -= n;
        }
        if let Some(p) = placed.get_mut(i) {
            *p = c.count - usize::try_from(left).unwrap_or(0);
        }
    }
    Estimate {
        nodes: i64::try_from(nodes.len()).unwrap_or(i64::MAX),
        placed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(cpu: i64, mem: i64, count: usize) -> Class {
        Class { cpu, mem, count }
    }

    #[test]
    fn ca_binpacking_table() {
        // CA binpacking_estimator_test.go "simple resource-based binpacking": 10 pods of
        // 350m / 1000 on nodes of 1000m / 2000 (2 pods each by memory... by cpu) → 5 nodes.
        let t = Room {
            cpu: 1000,
            mem: 2000,
            pods: 10,
        };
        let e = estimate(t, &[class(350, 1000, 10)], 1000);
        assert_eq!(e.nodes, 5);
        assert_eq!(e.placed, vec![10]);
        // "pods-per-node bound binpacking": 10 pods of 10m / 100, 2 pods per node → 5.
        let t2 = Room {
            cpu: 1000,
            mem: 2000,
            pods: 2,
        };
        assert_eq!(estimate(t2, &[class(10, 100, 10)], 1000).nodes, 5);
        // "node limit": the limiter allows 2 nodes → 4 pods of 10.
        let e = estimate(t, &[class(350, 1000, 10)], 2);
        assert_eq!((e.nodes, e.placed), (2, vec![4]));
        // A pod larger than the template: no node.
        let e = estimate(t, &[class(1500, 10, 3)], 1000);
        assert_eq!((e.nodes, e.placed), (0, vec![0]));
    }
}
