//! Time as weir takes it: the caller's `now`, an RFC 3339 string (ground rule 5: no clock).

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};

/// The instant `now` names, in Unix seconds (milliseconds kept; exact as an `f64` for the
/// next 285,000 years).
///
/// # Errors
///
/// [`Error::Validation`] at the path `now` when it is not an RFC 3339 timestamp.
///
/// # Examples
///
/// ```
/// assert_eq!(weir::time::unix_seconds("1970-01-01T00:00:01.5Z")?, 1.5);
/// assert_eq!(weir::time::unix_seconds("yesterday").unwrap_err().code(), "validation");
/// # Ok::<(), weir::Error>(())
/// ```
pub fn unix_seconds(now: &str) -> Result<f64> {
    match chrono::DateTime::parse_from_rfc3339(now) {
        Ok(t) => Ok(t.timestamp_millis() as f64 / 1000.0),
        Err(_) => {
            let mut errs = ValidationErrors::new();
            errs.push(
                "now",
                FieldErrorCode::Invalid,
                format!("`{now}` must be an RFC 3339 timestamp such as `2026-11-27T09:00:00Z`"),
            );
            Err(Error::Validation(errs))
        }
    }
}
