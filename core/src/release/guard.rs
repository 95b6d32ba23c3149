//! `ReleaseGuard`: which release order or operation holds each app service (seed 1.7:
//! "同一个应用服务,不能同时进行发布和运维操作"; 6.7: a failed release blocks new release orders
//! for that service until it is retried, rolled back or cancelled). Across services and
//! orders, where [`crate::VersionHistory`] guards one service's versions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, FieldPath, Result, ValidationErrors, clip};
use crate::machine::{Machine, check_forward};
pub use crate::model::hold::Hold;
use crate::model::hold::Standing;
use crate::time::Timestamp;

/// How a service ended in an order, as the guard needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum GuardOutcome {
    /// Released: the service is free.
    Succeeded,
    /// Failed: new orders are blocked until this order retries it to success, rolls it
    /// back or cancels it.
    Failed,
    /// Cancelled: the service is free.
    Cancelled,
    /// Rolled back (or its resources deleted): the service is free.
    RolledBack,
}

/// An event for the guard, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum GuardEvent {
    /// An order takes its services (all or none).
    BeginOrder {
        /// The order.
        order: String,
        /// Its services.
        services: Vec<String>,
    },
    /// A service of an order reached an outcome (`failed` keeps it held by the order).
    FinishService {
        /// The order.
        order: String,
        /// The service.
        service: String,
        /// The outcome.
        outcome: GuardOutcome,
    },
    /// An operation takes a service.
    BeginOperation {
        /// The service.
        service: String,
        /// The operation.
        operation: String,
    },
    /// The operation on a service ended.
    EndOperation {
        /// The service.
        service: String,
    },
}

/// The per-service state of the guard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GuardEntry {
    /// What holds the service now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Hold>,
    /// The order whose release of it failed (it still holds it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_in: Option<String>,
}

/// A guard's state, as [`ReleaseGuard::snapshot`] gives it and [`ReleaseGuard::restore`]
/// takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GuardSnapshot {
    /// Every service that is or was held.
    #[serde(default)]
    pub services: BTreeMap<String, GuardEntry>,
    /// The last instant handled; absent before the first event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

/// Which release order or operation holds each app service: a sans-IO machine
/// ([`Machine`]) with no timers. The rule itself is the model's (`model::hold`), shared
/// with [`crate::VersionHistory`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseGuard {
    services: BTreeMap<String, GuardEntry>,
    at: Option<Timestamp>,
}

fn standing(e: Option<&GuardEntry>) -> Standing<'_> {
    e.map_or(Standing::default(), |e| Standing {
        hold: e.hold.as_ref(),
        failed: e.failed_in.as_deref(),
    })
}

impl ReleaseGuard {
    /// An empty guard.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// What holds `service`, if anything.
    #[must_use]
    pub fn hold(&self, service: &str) -> Option<&Hold> {
        self.services.get(service).and_then(|e| e.hold.as_ref())
    }

    /// What a restore needs.
    #[must_use]
    pub fn snapshot(&self) -> GuardSnapshot {
        GuardSnapshot {
            services: self.services.clone(),
            at: self.at,
        }
    }

    /// Continue from a snapshot.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when a service's `failedIn` names an order that does not hold
    /// it (a failed order keeps its hold until it resolves the service), at
    /// `services[<name>].failedIn`.
    pub fn restore(snapshot: GuardSnapshot) -> Result<Self> {
        let mut errs = ValidationErrors::new();
        for (name, e) in &snapshot.services {
            if let Some(order) = &e.failed_in
                && e.hold.as_ref()
                    != Some(&Hold::Release {
                        order: order.clone(),
                    })
            {
                errs.push(
                    FieldPath::root("services").key(name).child("failedIn"),
                    FieldErrorCode::Invalid,
                    format!(
                        "release order `{}` failed on `{}` but does not hold it",
                        clip(order),
                        clip(name)
                    ),
                );
            }
        }
        errs.into_result(ReleaseGuard {
            services: snapshot.services,
            at: snapshot.at,
        })
    }

    /// Handle one event at `now`; on any error nothing changes.
    ///
    /// # Errors
    ///
    /// `conflict` listing every held service (for `beginOrder`, all at once), or
    /// `invalid_transition` when an outcome or operation end does not match the hold, or
    /// `now` is earlier than the last instant handled.
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{GuardEvent, GuardOutcome, ReleaseGuard, time::Timestamp};
    /// let now: Timestamp = "2026-11-27T10:00:00Z".parse()?;
    /// let mut g = ReleaseGuard::new();
    /// g.handle(now, GuardEvent::BeginOrder { order: "o1".into(), services: vec!["web".into()] })?;
    /// g.handle(now, GuardEvent::FinishService { order: "o1".into(), service: "web".into(), outcome: GuardOutcome::Failed })?;
    /// let err = g.handle(now, GuardEvent::BeginOrder { order: "o2".into(), services: vec!["web".into()] }).unwrap_err();
    /// assert_eq!(err.code(), "conflict");
    /// # Ok::<(), weir::Error>(())
    /// ```
    pub fn handle(&mut self, now: Timestamp, event: GuardEvent) -> Result<()> {
        check_forward(self.at, now)?;
        match event {
            GuardEvent::BeginOrder { order, services } => self.begin_order(order, services)?,
            GuardEvent::FinishService {
                order,
                service,
                outcome,
            } => self.finish_service(order, service, outcome)?,
            GuardEvent::BeginOperation { service, operation } => {
                standing(self.services.get(&service))
                    .may_operate()
                    .map_err(|why| {
                        Error::conflict(&format!("`{}` is held: {why}", clip(&service)))
                    })?;
                self.services.entry(service).or_default().hold =
                    Some(Hold::Operation { operation });
            }
            GuardEvent::EndOperation { service } => {
                let running = self
                    .services
                    .get(&service)
                    .is_some_and(|e| matches!(e.hold, Some(Hold::Operation { .. })));
                if !running {
                    return Err(Error::invalid_transition(
                        "endOperation",
                        &format!("when no operation runs on `{}`", clip(&service)),
                    ));
                }
                if let Some(e) = self.services.get_mut(&service) {
                    e.hold = None;
                }
            }
        }
        self.at = Some(now);
        Ok(())
    }

    /// An order takes its services, all or none.
    fn begin_order(&mut self, order: String, services: Vec<String>) -> Result<()> {
        let held: Vec<String> = services
            .iter()
            .filter_map(|s| {
                let why = standing(self.services.get(s))
                    .may_release(&order, false)
                    .err()?;
                Some(format!("`{}` ({why})", clip(s)))
            })
            .collect();
        if !held.is_empty() {
            return Err(Error::conflict(&format!(
                "order `{}` cannot take {}",
                clip(&order),
                held.join(", ")
            )));
        }
        for s in services {
            self.services.entry(s).or_default().hold = Some(Hold::Release {
                order: order.clone(),
            });
        }
        Ok(())
    }

    /// A service of an order reached an outcome; a failure keeps it held by the order.
    fn finish_service(
        &mut self,
        order: String,
        service: String,
        outcome: GuardOutcome,
    ) -> Result<()> {
        let held = self.services.get(&service).is_some_and(|e| {
            e.hold
                == Some(Hold::Release {
                    order: order.clone(),
                })
        });
        if !held {
            return Err(Error::invalid_transition(
                "finishService",
                &format!(
                    "when order `{}` does not hold `{}`",
                    clip(&order),
                    clip(&service)
                ),
            ));
        }
        if let Some(e) = self.services.get_mut(&service) {
            if outcome == GuardOutcome::Failed {
                // The failed order keeps the service until it retries, rolls back or
                // cancels (a later finishService of the same order).
                e.failed_in = Some(order);
            } else {
                e.hold = None;
                e.failed_in = None;
            }
        }
        Ok(())
    }
}

impl Machine for ReleaseGuard {
    type Event = GuardEvent;
    type Output = ();
    type Snapshot = GuardSnapshot;

    fn handle(&mut self, now: Timestamp, event: GuardEvent) -> Result<()> {
        ReleaseGuard::handle(self, now, event)
    }

    /// The guard has no timers.
    fn poll_timeout(&self) -> Option<Timestamp> {
        None
    }

    fn snapshot(&self) -> GuardSnapshot {
        ReleaseGuard::snapshot(self)
    }

    fn restore(snapshot: GuardSnapshot) -> Result<Self> {
        ReleaseGuard::restore(snapshot)
    }
}
