//! The one error type of weir, and the field-error list that validation fills.
//!
//! Every failure is data: [`Error`] has one variant per stable machine-readable
//! [`code`](Error::code) and carries the structured facts a caller needs (the field errors
//! of a validation, the reason a quantity was rejected); its serde form is those details,
//! tagged by `type`. The bindings map the code to an exception class (Python) or
//! `err.code` (Node) and pass the serialised error on as its details, unchanged. Messages are lowercase, one line, no final period, user input in backticks
//! (cedar's style guide).

mod path;

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use self::path::{FieldPath, PathStep, child, from_json_str, index, key, path_text};

/// The most characters of one piece of user input (a quantity, a label key or value, a
/// name, a map key in a path) an error message or detail quotes; longer input is cut there
/// and ends in `…`, so a 10 MB input never makes a 10 MB error. See [`clip`].
pub const MAX_QUOTED_CHARS: usize = 64;

/// The most characters of a map key a field path quotes (`labels[key]`): enough for every
/// valid label key (a 253-character prefix, `/` and a 63-character name), so a path always
/// names a valid entry whole; a longer key is cut there and ends in `…`.
pub const MAX_KEY_CHARS: usize = 320;

/// The most characters of a converter's reason (serde's own messages quote strings and list
/// the expected variants) kept in an [`Error::InvalidInput`].
pub const MAX_REASON_CHARS: usize = 256;

/// The most characters of one field error's message: a backstop behind [`clip`], so that
/// no message that quotes input in full can grow with it.
pub const MAX_FIELD_MESSAGE_CHARS: usize = 512;

/// The most field errors a validation's message lists (its details list all of them).
pub const MAX_MESSAGE_FIELDS: usize = 16;

/// The most cycles, and names per cycle, a cycle error's message lists (its details list all).
pub const MAX_MESSAGE_CYCLES: usize = 8;

/// User input as an error quotes it: at most [`MAX_QUOTED_CHARS`] characters, then `…`.
/// Cuts on a character boundary; short input is borrowed unchanged.
///
/// # Examples
///
/// ```
/// assert_eq!(weir::error::clip("500m"), "500m");
/// assert_eq!(weir::error::clip(&"9".repeat(100)).chars().count(), 65);
/// ```
#[must_use]
pub fn clip(text: &str) -> Cow<'_, str> {
    clip_to(text, MAX_QUOTED_CHARS)
}

/// `text` cut after `max` characters (then `…`), on a character boundary.
fn clip_to(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", text.get(..cut).unwrap_or_default())),
    }
}

/// Every error weir returns.
///
/// The variant decides the stable [`code`](Error::code); match on it, never on the message.
/// New variants may come (with new codes), so a `match` outside weir needs a wildcard arm.
///
/// Serialised, an error is its details, internally tagged by `type` (the code in camelCase):
/// `{"type": "validation", "fields": [...]}`, `{"type": "notFound", "kind": ..., "id": ...}`.
/// Quoted input (a quantity's text, a missing id) is cut to [`MAX_QUOTED_CHARS`] there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
// The schema keeps the name the bindings' generated types know this shape by, and a
// description that holds in every language.
#[schemars(
    rename = "ErrorDetails",
    description = "The structured details of an error, internally tagged by `type` (its code in camelCase)."
)]
#[non_exhaustive]
pub enum Error {
    /// The input is well-formed data but breaks one or more rules; every problem is listed.
    #[error("{0}")]
    Validation(ValidationErrors),
    /// A Kubernetes quantity string could not be parsed.
    #[error("{0}")]
    ParseQuantity(QuantityError),
    /// The input does not have the expected shape (wrong type, missing field, a number out
    /// of range for its field, NaN): what a binding reports when conversion fails.
    #[error("{0}")]
    InvalidInput(InvalidInput),
    /// The command is not allowed in the engine's current state; nothing changed.
    #[error("invalid transition: `{}` is not allowed {state}", clip(command))]
    InvalidTransition {
        /// The command (or event) that was refused.
        command: String,
        /// The state that refuses it, as words (`when there is no draft`).
        state: String,
    },
    /// Another release or operation holds the app service, or a choice must be made first;
    /// nothing changed.
    #[error("conflict: {reason}")]
    Conflict {
        /// Why, as one line.
        reason: String,
    },
    /// The dependencies form one or more cycles; each is listed as the names along it,
    /// ending where it starts (`["a", "b", "a"]`).
    #[error("dependency cycle: {}", cycles_message(cycles))]
    Cycle {
        /// Every cycle, one per strongly connected component, in name order.
        cycles: Vec<Vec<String>>,
    },
    /// A referenced thing does not exist; nothing changed.
    #[error("{kind} `{}` not found", clip(id))]
    NotFound {
        /// What kind of thing (`version`, `container`).
        kind: String,
        /// Its id as given (serialised: at most 64 characters, then `…`).
        #[serde(serialize_with = "serialize_clipped")]
        id: String,
    },
}

/// Serialise user input as an error quotes it (see [`clip`]).
fn serialize_clipped<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&clip(text))
}

impl Error {
    /// The stable, snake_case code of this error (`validation`, `parse_quantity`,
    /// `invalid_input`, `invalid_transition`, `conflict`, `cycle`, `not_found`).
    ///
    /// # Examples
    ///
    /// ```
    /// let err = weir::Quantity::parse("-1").unwrap_err();
    /// assert_eq!(err.code(), "parse_quantity");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::ParseQuantity(_) => "parse_quantity",
            Error::InvalidInput(_) => "invalid_input",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::Conflict { .. } => "conflict",
            Error::Cycle { .. } => "cycle",
            Error::NotFound { .. } => "not_found",
        }
    }

    /// The structured details of this error, as they cross into Python and Node: the error
    /// itself, whose serde form they are (kept for callers that serialise `details()`).
    #[must_use]
    pub fn details(&self) -> &Self {
        self
    }

    /// The whole error as data: code, message and details (what the bindings raise).
    #[must_use]
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            details: self.clone(),
        }
    }

    /// An [`Error::Validation`] with one field error: `code` at `path` (a [`FieldPath`] or
    /// its text), with `message` (cut as [`ValidationErrors::push`] cuts it).
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{Error, FieldErrorCode, FieldPath};
    ///
    /// let err = Error::validation_at(FieldPath::root("units"), FieldErrorCode::TooMany, "at most 2");
    /// assert_eq!(err.to_string(), "validation failed with 1 problem: units: at most 2");
    /// ```
    #[must_use]
    pub fn validation_at(
        path: impl Into<String>,
        code: FieldErrorCode,
        message: impl Into<String>,
    ) -> Self {
        let mut errs = ValidationErrors::new();
        errs.push(path, code, message);
        Error::Validation(errs)
    }

    /// This error with its field paths moved under `prefix`, for an error about a part of
    /// a larger input (a snapshot's `cluster`): a validation's field paths become
    /// `prefix.<path>` (see [`ValidationErrors::under`]); any other error is unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{Error, FieldErrorCode, FieldPath};
    ///
    /// let err = Error::validation_at("nodes[0].name", FieldErrorCode::Required, "a name")
    ///     .under(&FieldPath::root("cluster"));
    /// assert!(matches!(&err, Error::Validation(v) if v.0[0].path == "cluster.nodes[0].name"));
    /// ```
    #[must_use]
    pub fn under(self, prefix: &FieldPath) -> Self {
        match self {
            Error::Validation(v) => Error::Validation(v.under(prefix)),
            other => other,
        }
    }

    /// An [`Error::NotFound`]: no `kind` named `id` (the id quoted through [`clip`]).
    #[must_use]
    pub fn not_found(kind: &str, id: &str) -> Self {
        Error::NotFound {
            kind: kind.to_owned(),
            id: clip(id).into_owned(),
        }
    }

    /// An [`Error::Conflict`] for `reason`, cut to [`MAX_REASON_CHARS`].
    #[must_use]
    pub fn conflict(reason: &str) -> Self {
        Error::Conflict {
            reason: clip_to(reason, MAX_REASON_CHARS).into_owned(),
        }
    }

    /// An [`Error::InvalidTransition`]: `command` is not allowed in `state` (each cut to
    /// [`MAX_REASON_CHARS`]).
    #[must_use]
    pub fn invalid_transition(command: &str, state: &str) -> Self {
        Error::InvalidTransition {
            command: clip_to(command, MAX_REASON_CHARS).into_owned(),
            state: clip_to(state, MAX_REASON_CHARS).into_owned(),
        }
    }

    /// An [`Error::InvalidInput`] of the whole input (an empty path) with the given reason,
    /// cut to [`MAX_REASON_CHARS`].
    #[must_use]
    pub fn invalid_input(reason: impl fmt::Display) -> Self {
        Self::invalid_input_at(String::new(), reason)
    }

    /// An [`Error::InvalidInput`] at a field path (`spec.containers[0].image`, empty for the
    /// whole input) with the given reason, cut to [`MAX_REASON_CHARS`] (used by the bindings
    /// when a value from Python or JavaScript does not fit the expected type).
    #[must_use]
    pub fn invalid_input_at(path: impl Into<String>, reason: impl fmt::Display) -> Self {
        let reason = reason.to_string();
        Error::InvalidInput(InvalidInput {
            path: path.into(),
            reason: clip_to(&reason, MAX_REASON_CHARS).into_owned(),
        })
    }
}

/// A cycle error's message: at most [`MAX_MESSAGE_CYCLES`] cycles of at most as many
/// names each, every name clipped.
fn cycles_message(cycles: &[Vec<String>]) -> String {
    let mut parts: Vec<String> = cycles
        .iter()
        .take(MAX_MESSAGE_CYCLES)
        .map(|c| {
            let mut names: Vec<Cow<'_, str>> =
                c.iter().take(MAX_MESSAGE_CYCLES).map(|n| clip(n)).collect();
            if c.len() > MAX_MESSAGE_CYCLES {
                names.push(Cow::Borrowed("…"));
            }
            names.join(" -> ")
        })
        .collect();
    if cycles.len() > MAX_MESSAGE_CYCLES {
        parts.push(format!("and {} more", cycles.len() - MAX_MESSAGE_CYCLES));
    }
    parts.join("; ")
}

/// A result whose error is weir's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The error as it crosses a language boundary: `{code, message, details}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    /// The stable code (see [`Error::code`]).
    pub code: String,
    /// The one-line human message; never match on it.
    pub message: String,
    /// The structured details, tagged by `type` (the same word as `code`, in camelCase).
    pub details: Error,
}

/// Where and why an input did not fit the expected shape (see [`Error::InvalidInput`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(inline)]
pub struct InvalidInput {
    /// The field path of the offending value, Kubernetes style
    /// (`spec.containers[0].resources`); empty for the whole input.
    pub path: String,
    /// The converter's message (at most 256 characters).
    pub reason: String,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid input: {}", self.reason)
        } else {
            write!(f, "invalid input at `{}`: {}", self.path, self.reason)
        }
    }
}

/// Why a quantity string was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityErrorReason {
    /// The string is empty.
    Empty,
    /// The number part is not `digits[.digits]` with an optional sign.
    InvalidNumber,
    /// The suffix is not one Kubernetes accepts.
    InvalidSuffix,
    /// The value is below zero (resource amounts cannot be negative).
    Negative,
    /// The value exceeds Kubernetes' largest quantity, 2^63-1 (Kubernetes silently caps
    /// there; weir refuses instead, so a typo never turns into a huge request).
    Overflow,
}

impl QuantityErrorReason {
    /// The stable snake_case code of this reason.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            QuantityErrorReason::Empty => "empty",
            QuantityErrorReason::InvalidNumber => "invalid_number",
            QuantityErrorReason::InvalidSuffix => "invalid_suffix",
            QuantityErrorReason::Negative => "negative",
            QuantityErrorReason::Overflow => "overflow",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            QuantityErrorReason::Empty => "it is empty",
            QuantityErrorReason::InvalidNumber => {
                "the number must be digits with an optional sign and decimal point"
            }
            QuantityErrorReason::InvalidSuffix => {
                "the suffix must be one of n u m k M G T P E Ki Mi Gi Ti Pi Ei or an exponent like e3"
            }
            QuantityErrorReason::Negative => "it must not be negative",
            QuantityErrorReason::Overflow => "it exceeds the largest quantity, 2^63-1",
        }
    }
}

/// A quantity string that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(inline)]
pub struct QuantityError {
    /// The text as given (serialised: at most 64 characters, then `…`).
    #[serde(serialize_with = "serialize_clipped")]
    pub input: String,
    /// The reason, a stable code.
    pub reason: QuantityErrorReason,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid quantity `{}`: {}",
            clip(&self.input),
            self.reason.describe()
        )
    }
}

/// The kind of a field error; the spellings follow Kubernetes' `field.ErrorType`, as stable
/// snake_case codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// A required value is missing or empty (`field.Required`).
    Required,
    /// The value does not have the required form (`field.Invalid`).
    Invalid,
    /// The value is longer than allowed (`field.TooLong`).
    TooLong,
    /// The value is not one of the supported values (`field.NotSupported`).
    NotSupported,
    /// The value appears twice where it must be unique (`field.Duplicate`).
    Duplicate,
    /// The field must not be set here (`field.Forbidden`).
    Forbidden,
    /// The list has too many items (`field.TooMany`).
    TooMany,
}

/// One broken rule, at a Kubernetes-style field path such as
/// `spec.template.containers[0].resources.requests.cpu`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// Field path, Kubernetes style (`a.b[0].c`, map keys as `labels[key]`).
    pub path: String,
    /// The kind of problem, a stable code.
    pub code: FieldErrorCode,
    /// One lowercase line saying what is wrong.
    pub message: String,
}

/// Every field error of one validation, in the order the input was walked. Serialised as
/// `{"fields": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "ValidationFields", into = "ValidationFields")]
#[schemars(inline)]
pub struct ValidationErrors(pub Vec<FieldError>);

/// The serde form of [`ValidationErrors`].
#[derive(Serialize, Deserialize, JsonSchema)]
struct ValidationFields {
    /// The field errors, in the order the input was walked.
    fields: Vec<FieldError>,
}

impl From<ValidationFields> for ValidationErrors {
    fn from(v: ValidationFields) -> Self {
        ValidationErrors(v.fields)
    }
}

impl From<ValidationErrors> for ValidationFields {
    fn from(v: ValidationErrors) -> Self {
        ValidationFields { fields: v.0 }
    }
}

impl ValidationErrors {
    /// An empty list.
    #[must_use]
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Add one problem.
    pub fn push(
        &mut self,
        path: impl Into<String>,
        code: FieldErrorCode,
        message: impl Into<String>,
    ) {
        let message = message.into();
        let message = match clip_to(&message, MAX_FIELD_MESSAGE_CHARS) {
            Cow::Borrowed(_) => message,
            Cow::Owned(cut) => cut,
        };
        self.0.push(FieldError {
            path: path.into(),
            code,
            message,
        });
    }

    /// These problems with their paths moved under `prefix` (`prefix.<path>`; a path
    /// starting with a list index joins without the dot, the empty path becomes `prefix`).
    #[must_use]
    pub fn under(mut self, prefix: &FieldPath) -> Self {
        for f in &mut self.0 {
            f.path = prefix.join(&f.path).into();
        }
        self
    }

    /// Whether no problem was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was found, else [`Error::Validation`] with all of them.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when the list is not empty.
    pub fn into_result<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Validation(self))
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "validation failed with {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for (i, e) in self.0.iter().take(MAX_MESSAGE_FIELDS).enumerate() {
            write!(
                f,
                "{} {}: {}",
                if i == 0 { ":" } else { ";" },
                e.path,
                e.message
            )?;
        }
        if n > MAX_MESSAGE_FIELDS {
            write!(f, "; and {} more", n - MAX_MESSAGE_FIELDS)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Error, FieldErrorCode, FieldPath, InvalidInput, QuantityError};
    use super::{QuantityErrorReason, ValidationErrors};

    /// Serialised, each error is the tagged details the bindings and vectors have always
    /// seen (quoted input clipped), and reads back as itself when nothing was clipped.
    #[test]
    fn serde_form_is_the_details() {
        let long = "9".repeat(100);
        let clipped = format!("{}…", "9".repeat(64));
        let cases = [
            (
                Error::validation_at(FieldPath::root("a").index(0), FieldErrorCode::Required, "m"),
                json!({"type": "validation",
                    "fields": [{"path": "a[0]", "code": "required", "message": "m"}]}),
            ),
            (
                Error::ParseQuantity(QuantityError {
                    input: long.clone(),
                    reason: QuantityErrorReason::Overflow,
                }),
                json!({"type": "parseQuantity", "input": clipped, "reason": "overflow"}),
            ),
            (
                Error::InvalidInput(InvalidInput {
                    path: "spec".into(),
                    reason: "r".into(),
                }),
                json!({"type": "invalidInput", "path": "spec", "reason": "r"}),
            ),
            (
                Error::invalid_transition("publish", "when there is no draft"),
                json!({"type": "invalidTransition", "command": "publish",
                    "state": "when there is no draft"}),
            ),
            (
                Error::conflict("held"),
                json!({"type": "conflict", "reason": "held"}),
            ),
            (
                Error::Cycle {
                    cycles: vec![vec!["a".into(), "b".into(), "a".into()]],
                },
                json!({"type": "cycle", "cycles": [["a", "b", "a"]]}),
            ),
            (
                Error::NotFound {
                    kind: "version".into(),
                    id: long,
                },
                json!({"type": "notFound", "kind": "version", "id": clipped}),
            ),
        ];
        for (err, want) in cases {
            let got = serde_json::to_value(&err).unwrap();
            assert_eq!(got, want, "{err:?}");
            assert_eq!(serde_json::to_value(err.details()).unwrap(), want);
            assert_eq!(serde_json::to_value(err.report().details).unwrap(), want);
            let back: Error = serde_json::from_value(got).unwrap();
            if !matches!(err, Error::ParseQuantity(_) | Error::NotFound { .. }) {
                assert_eq!(back, err);
            }
        }
        let none: ValidationErrors = serde_json::from_value(json!({"fields": []})).unwrap();
        assert!(none.is_empty());
    }

    /// `under` puts every validation path below the prefix, as the scheduler's restore
    /// always has (`cluster.x`, `cluster[0]`, `cluster` for the whole input), and leaves
    /// other errors alone.
    #[test]
    fn under_moves_validation_paths_below_a_prefix() {
        let mut v = ValidationErrors::new();
        for path in ["nodes[0].name", "[2].x", ""] {
            v.push(path, FieldErrorCode::Invalid, "m");
        }
        let prefix = FieldPath::root("cluster");
        let Error::Validation(moved) = Error::Validation(v).under(&prefix) else {
            panic!("still a validation");
        };
        let paths: Vec<&str> = moved.0.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["cluster.nodes[0].name", "cluster[2].x", "cluster"]);
        let other = Error::conflict("held");
        assert_eq!(other.clone().under(&prefix), other);
        let deep = FieldPath::root("versions").index(1).child("spec");
        let mut v = ValidationErrors::new();
        v.push("template.containers[0].name", FieldErrorCode::Invalid, "m");
        assert_eq!(
            v.under(&deep).0[0].path,
            "versions[1].spec.template.containers[0].name"
        );
    }

    /// A field path renders as the string helpers and the deserializer's paths do.
    #[test]
    fn field_path_renders_as_the_string_helpers() {
        let long = "k".repeat(400);
        let p = FieldPath::root("spec")
            .child("labels")
            .key(&long)
            .child("x")
            .index(3);
        let s = super::index(
            &super::child(&super::key(&super::child("spec", "labels"), &long), "x"),
            3,
        );
        assert_eq!(p.as_str(), s);
        assert_eq!(p.to_string(), s);
        assert_eq!(String::from(p), s);
        assert_eq!(FieldPath::default().index(0).as_str(), "[0]");
        assert_eq!(FieldPath::root("").child("a").as_str(), "a");
        assert_eq!(FieldPath::root("m").key("a]b.c").as_str(), "m[a]b.c]");
    }
}
