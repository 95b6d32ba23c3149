//! The cycle finder of the DAG: Tarjan's strongly connected components with an explicit
//! stack (a cycle through a million services is a walk a million deep), and per component
//! the shortest cycle through its smallest name.

use std::collections::VecDeque;

use super::{Graph, NONE, index_of};

impl Graph<'_> {
    /// Every cycle among the services Kahn's algorithm could not order: one per strongly
    /// connected component, as the shortest cycle through its smallest name (breadth
    /// first, dependencies in name order), read along "depends on" and back to its start.
    pub(super) fn cycles(&self, indegree: &[u32], rank: &[u32]) -> Vec<Vec<String>> {
        let n = self.names.len();
        let stuck: Vec<bool> = (0..n)
            .map(|i| indegree.get(i).is_some_and(|d| *d > 0))
            .collect();
        let by_rank = |a: &u32, b: &u32| rank.get(*a as usize).cmp(&rank.get(*b as usize));
        // member[v] = 1 + the component of `v`; prev[v]: the service before `v` on the
        // breadth-first walk (NONE at first). Each component touches only its own entries.
        let mut member = vec![0u32; n];
        let mut prev = vec![NONE; n];
        let mut cycles: Vec<Vec<String>> = Vec::new();
        for (c, scc) in self.components(&stuck).into_iter().enumerate() {
            let id = index_of(c).saturating_add(1);
            for &v in &scc {
                if let Some(m) = member.get_mut(v as usize) {
                    *m = id;
                }
            }
            let Some(&start) = scc.iter().min_by(|a, b| by_rank(a, b)) else {
                continue;
            };
            let inside = |v: u32| member.get(v as usize) == Some(&id);
            let mut queue = VecDeque::from([start]);
            let mut closing = None;
            let mut next: Vec<u32> = Vec::new();
            'bfs: while let Some(u) = queue.pop_front() {
                next.clear();
                next.extend(self.deps.of(u).iter().copied().filter(|&v| inside(v)));
                next.sort_unstable_by(by_rank);
                for &v in &next {
                    if v == start {
                        closing = Some(u);
                        break 'bfs;
                    }
                    if let Some(p) = prev.get_mut(v as usize)
                        && *p == NONE
                    {
                        *p = u;
                        queue.push_back(v);
                    }
                }
            }
            // From the closing service back to `start` along `prev`, then read forwards.
            let mut path = Vec::new();
            let mut at = closing;
            while let Some(u) = at.filter(|&u| u != start) {
                path.push(u);
                at = prev.get(u as usize).copied().filter(|&p| p != NONE);
            }
            path.push(start);
            path.reverse();
            let mut names: Vec<String> = path.iter().map(|&u| self.name(u).to_owned()).collect();
            names.push(self.name(start).to_owned());
            cycles.push(names);
        }
        cycles.sort();
        cycles
    }

    /// The strongly connected components of more than one service among `keep`, by
    /// Tarjan's algorithm with an explicit stack of (service, next dependency) frames in
    /// place of recursion.
    fn components(&self, keep: &[bool]) -> Vec<Vec<u32>> {
        let kept = |v: u32| keep.get(v as usize).copied().unwrap_or(false);
        let mut t = Tarjan {
            marks: vec![Mark::default(); self.names.len()],
            stack: Vec::new(),
            frames: Vec::new(),
            counter: 0,
        };
        let mut out = Vec::new();
        for root in (0..self.names.len()).map(index_of) {
            if !kept(root) || t.mark(root).order != NONE {
                continue;
            }
            t.reach(root);
            while let Some(&mut (v, ref mut next)) = t.frames.last_mut() {
                if let Some(&w) = self.deps.of(v).get(*next) {
                    *next += 1;
                    let seen = t.mark(w);
                    if kept(w) && seen.order == NONE {
                        t.reach(w);
                    } else if kept(w)
                        && seen.on_stack
                        && let Some(m) = t.marks.get_mut(v as usize)
                    {
                        m.low = m.low.min(seen.order);
                    }
                    continue;
                }
                t.frames.pop();
                let mv = t.mark(v);
                if let Some(&(parent, _)) = t.frames.last()
                    && let Some(m) = t.marks.get_mut(parent as usize)
                {
                    m.low = m.low.min(mv.low);
                }
                if mv.low == mv.order {
                    let mut scc = Vec::new();
                    while let Some(w) = t.stack.pop() {
                        if let Some(m) = t.marks.get_mut(w as usize) {
                            m.on_stack = false;
                        }
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if scc.len() > 1 {
                        out.push(scc);
                    }
                }
            }
        }
        out
    }
}

/// Where Tarjan's walk stands on one service.
#[derive(Clone, Copy)]
struct Mark {
    /// When the walk reached it (NONE: not yet).
    order: u32,
    /// The earliest reached service it leads back to while that one is on the stack.
    low: u32,
    on_stack: bool,
}

impl Default for Mark {
    fn default() -> Self {
        Mark {
            order: NONE,
            low: NONE,
            on_stack: false,
        }
    }
}

/// The state of [`Graph::components`]' walk.
struct Tarjan {
    marks: Vec<Mark>,
    stack: Vec<u32>,
    frames: Vec<(u32, usize)>,
    counter: u32,
}

impl Tarjan {
    fn mark(&self, v: u32) -> Mark {
        self.marks.get(v as usize).copied().unwrap_or_default()
    }

    fn reach(&mut self, v: u32) {
        if let Some(m) = self.marks.get_mut(v as usize) {
            *m = Mark {
                order: self.counter,
                low: self.counter,
                on_stack: true,
            };
        }
        self.counter = self.counter.saturating_add(1);
        self.stack.push(v);
        self.frames.push((v, 0));
    }
}
