//! The one shape of every sans-IO machine in weir (`docs/architecture.md`, "Machines").
//!
//! A machine never reads a clock, a socket or a file. The caller owns time and I/O: it
//! hands the machine an event at an instant, carries out what comes back, and asks when
//! the machine next wants to be called so that it can sleep (or, in a simulation, jump)
//! until then. The state is private; what a restore needs travels as a snapshot type of
//! its own, checked in full by `restore`.
//!
//! Every machine — [`ReleaseEngine`](crate::ReleaseEngine),
//! [`VersionHistory`](crate::VersionHistory), [`ReleaseGuard`](crate::ReleaseGuard),
//! [`HpaState`](crate::HpaState), [`Scheduler`](crate::Scheduler),
//! [`Autoscaler`](crate::Autoscaler) — implements
//! [`Machine`], with the same four promises:
//!
//! 1. `handle` checks the event against the state before it changes anything: a refused
//!    event returns an error and leaves the machine exactly as it was.
//! 2. `now` is a [`Timestamp`]: a bad instant is refused where the text is parsed, so a
//!    machine never computes at the Unix epoch by accident. Time never runs backwards for
//!    a machine: a `now` earlier than the last one handled is refused.
//! 3. `poll_timeout` names the next instant at which the machine would act with no new
//!    event (a pod becomes ready for long enough, a taint evicts, a timer ends), or `None`.
//!    Handling the machine's `tick`-like event at that instant is what makes it act.
//! 4. `restore(snapshot())` continues exactly as the machine would have: same outputs for
//!    the same events.

use crate::error::Result;
use crate::time::Timestamp;

/// A sans-IO state machine: events in at an instant, outputs out.
///
/// # Examples
///
/// Driving any machine to its next timer, as a simulation does:
///
/// ```
/// use weir::machine::Machine;
/// use weir::time::Timestamp;
///
/// /// Jump to the machine's next timer (if any) and feed it `event` there.
/// fn jump<M: Machine>(m: &mut M, event: M::Event) -> weir::Result<Option<M::Output>> {
///     match m.poll_timeout() {
///         Some(at) => m.handle(at, event).map(Some),
///         None => Ok(None),
///     }
/// }
/// ```
pub trait Machine: Sized {
    /// What the machine is told.
    type Event;
    /// What it answers: the actions for the caller to carry out, or the outcome.
    type Output;
    /// What a restore needs, and nothing the machine can derive.
    type Snapshot;

    /// Handle one event at `now`.
    ///
    /// # Errors
    ///
    /// The machine's typed error (`invalid_transition`, `conflict`, `not_found`,
    /// `validation`, ...); the machine is then unchanged.
    fn handle(&mut self, now: Timestamp, event: Self::Event) -> Result<Self::Output>;

    /// The next instant at which the machine would act without a new event, if any.
    fn poll_timeout(&self) -> Option<Timestamp>;

    /// What a restore needs to continue from here.
    fn snapshot(&self) -> Self::Snapshot;

    /// A machine that continues from `snapshot`, after checking every invariant it relies
    /// on.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) with every problem, at its path in
    /// the snapshot.
    fn restore(snapshot: Self::Snapshot) -> Result<Self>;
}

/// Refuse a `now` earlier than the last instant a machine handled (time never runs
/// backwards for a machine).
pub(crate) fn check_forward(last: Option<Timestamp>, now: Timestamp) -> Result<()> {
    match last {
        Some(last) if now < last => Err(crate::Error::invalid_transition(
            &now.to_string(),
            &format!("before {last}, the last instant handled (time runs forwards)"),
        )),
        _ => Ok(()),
    }
}
