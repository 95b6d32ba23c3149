//! A simulation's snapshot, and the machine shape.
//!
//! A simulation is a pure function of its scenario (seed included) and the number of
//! steps taken, so its snapshot is exactly that, plus a digest of the state reached: a
//! restore replays the steps and checks that it reaches the same state. The snapshot is
//! small and plain data whatever the cluster's size; a restore costs the replay.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::report::StepReport;
use super::scenario::Scenario;
use super::sim::{Simulation, under};
use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::machine::Machine;
use crate::time::Timestamp;

/// What a restore needs: the scenario, the steps taken, and the digest of the state they
/// reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationSnapshot {
    /// The scenario.
    pub scenario: Scenario,
    /// Steps taken.
    pub steps: u32,
    /// A digest of the state after those steps (16 hex digits).
    pub digest: String,
}

impl Simulation {
    /// The snapshot of the simulation as it is now.
    #[must_use]
    pub fn snapshot(&self) -> SimulationSnapshot {
        SimulationSnapshot {
            scenario: self.sc.clone(),
            steps: self.steps,
            digest: self.digest(),
        }
    }

    /// A simulation that continues from `snapshot` exactly as the one it was taken from.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`]: the scenario's problems under `scenario`; `steps` beyond
    /// the run's end; a `digest` the replay does not reach (an edited snapshot).
    pub fn restore(snapshot: SimulationSnapshot) -> Result<Simulation> {
        let mut sim = Simulation::new(snapshot.scenario).map_err(|e| under("scenario", e))?;
        let mut errs = ValidationErrors::new();
        for _ in 0..snapshot.steps {
            if sim.step()?.is_none() {
                errs.push(
                    "steps",
                    FieldErrorCode::Invalid,
                    format!("the run ends after {} steps", sim.steps),
                );
                return errs.into_result(sim);
            }
        }
        if sim.digest() != snapshot.digest {
            errs.push(
                "digest",
                FieldErrorCode::Invalid,
                "not the state the scenario reaches after these steps",
            );
        }
        errs.into_result(sim)
    }

    /// FNV-1a over the state that decides what comes next.
    fn digest(&self) -> String {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        let word = self.rng.get_word_pos();
        h.text(&format!(
            "{:?}|{}|{}|{word}",
            self.now, self.steps, self.seq
        ));
        for (name, p) in &self.pods {
            h.text(&format!(
                "{name}|{:?}|{}|{:?}|{:?}|{}|{}",
                p.node, p.version, p.pending_since, p.ready_at, p.ready, p.failed
            ));
        }
        for (name, n) in &self.nodes {
            h.text(&format!(
                "{name}|{:?}|{}",
                n.joins_at, n.node.spec.unschedulable
            ));
        }
        for (order, r) in &self.releases {
            let snap = serde_json::to_string(&r.engine.snapshot()).unwrap_or_default();
            h.text(&format!("{order}|{snap}"));
        }
        for (name, s) in &self.services {
            h.text(&format!(
                "{name}|{:?}|{:?}|{:?}|{}",
                s.deployed,
                s.target,
                s.releasing,
                s.history.versions().len()
            ));
        }
        h.text(&format!("{}|{}", self.timeline.len(), self.script_next));
        format!("{:016x}", h.0)
    }
}

struct Fnv(u64);

impl Fnv {
    fn text(&mut self, t: &str) {
        for b in t.bytes().chain([0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The machine shape: `handle(now, ())` takes every step due at or before `now`;
/// `poll_timeout` is the instant of the next step.
impl Machine for Simulation {
    type Event = ();
    type Output = Vec<StepReport>;
    type Snapshot = SimulationSnapshot;

    fn handle(&mut self, now: Timestamp, (): ()) -> Result<Vec<StepReport>> {
        if let Some(t) = self.now {
            let last = self.ts(t);
            if now < last {
                return Err(Error::invalid_transition(
                    &now.to_string(),
                    &format!("before {last}, the last instant handled (time runs forwards)"),
                ));
            }
        }
        let mut out = Vec::new();
        while self.poll_timeout().is_some_and(|at| at <= now) {
            match self.step()? {
                Some(r) => out.push(r),
                None => break,
            }
        }
        Ok(out)
    }

    fn poll_timeout(&self) -> Option<Timestamp> {
        self.next_at()
    }

    fn snapshot(&self) -> SimulationSnapshot {
        Simulation::snapshot(self)
    }

    fn restore(snapshot: SimulationSnapshot) -> Result<Self> {
        Simulation::restore(snapshot)
    }
}
