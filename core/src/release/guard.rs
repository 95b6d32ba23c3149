//! `ReleaseGuard`: which release order or operation holds each app service (seed 1.7:
//! "同一个应用服务,不能同时进行发布和运维操作"; 6.7: a failed release blocks new release orders
//! for that service until it is retried, rolled back or cancelled). Across services and
//! orders, where [`crate::VersionHistory`] guards one service's versions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors, clip};

/// What holds a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Hold {
    /// A release order is releasing it.
    Release {
        /// The order.
        order: String,
    },
    /// An operation (restart, scale, ...) runs on it.
    Operation {
        /// The operation.
        operation: String,
    },
}

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

/// A command to the guard, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum GuardCommand {
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

/// Holds per app service; its serialized form is its snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseGuard {
    /// Every service that is or was held.
    #[serde(default)]
    pub services: BTreeMap<String, GuardEntry>,
}

impl ReleaseGuard {
    /// An empty guard.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Continue from a snapshot.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when a service's `failedIn` names an order that does not hold
    /// it (a failed order keeps its hold until it resolves the service), at
    /// `services[<name>].failedIn`.
    pub fn restore(snapshot: ReleaseGuard) -> Result<Self> {
        let mut errs = ValidationErrors::new();
        for (name, e) in &snapshot.services {
            if let Some(order) = &e.failed_in
                && e.hold.as_ref()
                    != Some(&Hold::Release {
                        order: order.clone(),
                    })
            {
                errs.push(
                    format!("services[{name}].failedIn"),
                    FieldErrorCode::Invalid,
                    format!("release order `{order}` failed on `{name}` but does not hold it"),
                );
            }
        }
        errs.into_result(snapshot)
    }

    /// Apply one command; on any error nothing changes.
    ///
    /// # Errors
    ///
    /// `conflict` listing every held service (for `beginOrder`, all at once), or
    /// `invalid_transition` when an outcome or operation end does not match the hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{GuardCommand, GuardOutcome, ReleaseGuard};
    /// let mut g = ReleaseGuard::new();
    /// g.apply(GuardCommand::BeginOrder { order: "o1".into(), services: vec!["web".into()] })?;
    /// g.apply(GuardCommand::FinishService { order: "o1".into(), service: "web".into(), outcome: GuardOutcome::Failed })?;
    /// let err = g.apply(GuardCommand::BeginOrder { order: "o2".into(), services: vec!["web".into()] }).unwrap_err();
    /// assert_eq!(err.code(), "conflict");
    /// # Ok::<(), weir::Error>(())
    /// ```
    pub fn apply(&mut self, command: GuardCommand) -> Result<()> {
        match command {
            GuardCommand::BeginOrder { order, services } => {
                let held: Vec<String> = services
                    .iter()
                    .filter_map(|s| {
                        let e = self.services.get(s)?;
                        match (&e.hold, &e.failed_in) {
                            (_, Some(f)) => Some(format!("`{s}` (release order `{f}` failed: retry, roll back or cancel it first)")),
                            (Some(Hold::Release { order: o }), None) => Some(format!("`{s}` (release order `{o}` is releasing it)")),
                            (Some(Hold::Operation { operation }), None) => Some(format!("`{s}` (operation `{operation}` is running)")),
                            (None, None) => None,
                        }
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
            GuardCommand::FinishService {
                order,
                service,
                outcome,
            } => {
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
            GuardCommand::BeginOperation { service, operation } => {
                if let Some(e) = self.services.get(&service)
                    && (e.hold.is_some() || e.failed_in.is_some())
                {
                    return Err(Error::conflict(&format!(
                        "`{}` is held: {}",
                        clip(&service),
                        match &e.hold {
                            Some(Hold::Release { order }) => format!("release order `{order}`"),
                            Some(Hold::Operation { operation }) =>
                                format!("operation `{operation}`"),
                            None => "a failed release".into(),
                        }
                    )));
                }
                self.services.entry(service).or_default().hold =
                    Some(Hold::Operation { operation });
                Ok(())
            }
            GuardCommand::EndOperation { service } => {
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
                Ok(())
            }
        }
    }
}
