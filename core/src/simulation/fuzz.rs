//! The fuzz harness of the simulation (not public API): shared by the fuzz target
//! `simulation` and the regression test that replays its inputs.

use super::scenario::Scenario;
use super::sim::Simulation;

/// The most steps a fuzzed scenario runs (the range is cut to this many steps), so that
/// one input stays fast whatever its `end`.
const FUZZ_STEPS: f64 = 2_000.0;

/// A scenario from arbitrary JSON: refused with a typed error, or run with no pod on a node
/// it does not fit, the same result twice, and a snapshot that restores.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn scenario(data: &[u8]) -> Result<(), String> {
    let Ok(mut sc) = serde_json::from_slice::<Scenario>(data) else {
        return Ok(());
    };
    let span = f64::from(sc.step_seconds.max(1)) * FUZZ_STEPS;
    if sc.end.seconds_since(sc.start) > span
        && let Some(end) = sc.start.plus_seconds(span)
    {
        sc.end = end;
    }
    let Ok(mut sim) = Simulation::new(sc.clone()) else {
        return Ok(());
    };
    let mut half = None;
    let mut n = 0u32;
    while sim
        .step()
        .map_err(|e| format!("a step failed: {e}"))?
        .is_some()
    {
        n += 1;
        if n == 5 {
            half = Some(sim.snapshot());
        }
    }
    let r = sim.result();
    if !r.summary.violations.is_empty() {
        return Err(format!("invariants broken: {:?}", r.summary.violations));
    }
    let again = Simulation::new(sc)
        .and_then(Simulation::run)
        .map_err(|e| format!("the second run failed: {e}"))?;
    if again != r {
        return Err("the same scenario gave another result".into());
    }
    if let Some(snap) = half {
        let restored = Simulation::restore(snap)
            .and_then(Simulation::run)
            .map_err(|e| format!("a snapshot did not restore: {e}"))?;
        if restored != r {
            return Err("a restored simulation continued differently".into());
        }
    }
    Ok(())
}
