//! The one rule of what may hold an app service (seed 1.7: "同一个应用服务,不能同时进行发布和运维操作";
//! 6.7: a failed release blocks new release orders for the service until that order retries
//! it to success, rolls it back or cancels it).
//!
//! Two machines keep holds: [`crate::VersionHistory`] for one service's versions and
//! [`crate::ReleaseGuard`] across services and orders. Both ask this module whether a
//! release or an operation may begin, so the rule and its wording live here once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::clip;

/// What holds a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Hold {
    /// A release order is releasing it (or rolling it back).
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

/// A service's standing as the rule sees it: what holds it, and the release order whose
/// release of it failed, if any.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Standing<'a> {
    pub(crate) hold: Option<&'a Hold>,
    pub(crate) failed: Option<&'a str>,
}

/// Why a release or an operation may not begin (for a `conflict` error).
pub(crate) fn held_by(hold: &Hold) -> String {
    match hold {
        Hold::Release { order } => format!("release order `{}` is releasing it", clip(order)),
        Hold::Operation { operation } => format!("operation `{}` is running", clip(operation)),
    }
}

impl Standing<'_> {
    /// Whether release order `order` may take the service: nothing holds it, and no other
    /// order's release of it failed (a `rollback` may begin over a failed release: it is
    /// how the failure is resolved).
    pub(crate) fn may_release(&self, order: &str, rollback: bool) -> Result<(), String> {
        match (self.failed, self.hold) {
            (Some(f), _) if f != order && !rollback => Err(format!(
                "release order `{}` failed: retry, roll back or cancel it first",
                clip(f)
            )),
            (_, Some(hold)) => Err(held_by(hold)),
            _ => Ok(()),
        }
    }

    /// Whether an operation may begin: nothing holds the service.
    pub(crate) fn may_operate(&self) -> Result<(), String> {
        match self.hold {
            Some(hold) => Err(held_by(hold)),
            None => Ok(()),
        }
    }

    /// Whether a quick update (which makes a release order) may begin: nothing holds the
    /// service and no failed release blocks new orders.
    pub(crate) fn may_quick_update(&self) -> Result<(), String> {
        self.may_release("", false)
    }
}
