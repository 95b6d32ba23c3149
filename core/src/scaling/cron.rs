//! `cron_next`: the next fires of a cron schedule (the grammar is the model's,
//! [`crate::model::cron`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::model::cron::{Cron, format_in};

/// The most fires one [`cron_next`] call returns.
pub const MAX_CRON_FIRES: u32 = 100_000;

/// Input of [`cron_next`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CronNextInput {
    /// The expression.
    pub cron: String,
    /// IANA time zone; default `UTC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Fires strictly after this RFC 3339 instant.
    pub after: String,
    /// How many fires; default 1, at most [`MAX_CRON_FIRES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// The fires [`cron_next`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CronFires {
    /// RFC 3339 instants with the zone's offset at that instant (`2026-03-08T03:00:00-04:00`),
    /// or in UTC when that offset has seconds (local mean time) or the local date is past
    /// year 9999. Each parses back to exactly the instant fired, so the last
    /// one, given as `after`, pages on to strictly later fires.
    pub fires: Vec<String>,
}

/// The next fires of a cron expression.
///
/// Fires stop at `9999-12-31T23:59:59Z` ([`crate::time::MAX_UNIX_SECONDS`]): fewer than
/// `count` come back when the schedule runs out of years (none at all after the last one).
/// So the work is bounded twice: at most [`MAX_CRON_FIRES`] fires, and a rare schedule
/// (`0 0 29 2 *`) scans each year up to 9999 once, plus one 400-year search
/// past it.
///
/// # Errors
///
/// [`Error::Validation`] for a bad expression (`cron`), zone (`timeZone`), instant
/// (`after`) or count (`count`).
///
/// # Examples
///
/// ```
/// use weir::scaling::cron::{CronNextInput, cron_next};
/// // 02:30 does not exist in New York on 8 March 2026: it fires when the gap ends.
/// let out = cron_next(&CronNextInput {
///     cron: "30 2 * * *".into(),
///     time_zone: Some("America/New_York".into()),
///     after: "2026-03-07T12:00:00Z".into(),
///     count: Some(2),
/// })?;
/// assert_eq!(out.fires, ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]);
/// # Ok::<(), weir::Error>(())
/// ```
pub fn cron_next(input: &CronNextInput) -> Result<CronFires> {
    let mut errs = ValidationErrors::new();
    let zone = input.time_zone.as_deref().unwrap_or("UTC");
    let cron = match Cron::parse(&input.cron, zone) {
        Ok(c) => Some(c),
        Err(Error::Validation(e)) => {
            for f in e.0 {
                errs.push(f.path, f.code, f.message);
            }
            None
        }
        Err(e) => return Err(e),
    };
    let after = crate::time::check(&input.after, || "after", &mut errs);
    let count = input.count.unwrap_or(1);
    if count > MAX_CRON_FIRES {
        errs.push(
            "count",
            FieldErrorCode::TooMany,
            format!("at most {MAX_CRON_FIRES}"),
        );
    }
    errs.into_result(())?;
    let (Some(cron), Some(after)) = (cron, after) else {
        return Err(Error::invalid_input("unreachable: checked above"));
    };
    let mut t = after.floor() as i64;
    let mut fires = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let Some(next) = cron.next_after(t) else {
            break;
        };
        fires.push(format_in(next, cron.time_zone()));
        t = next;
    }
    Ok(CronFires { fires })
}
