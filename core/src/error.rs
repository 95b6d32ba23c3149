//! The one error type of weir, and the field-error list that validation fills.
//!
//! Every failure is data: [`Error`] has one variant per stable machine-readable
//! [`code`](Error::code), and [`Error::details`] carries the structured facts a caller needs
//! (the field errors of a validation, the reason a quantity was rejected). The bindings map
//! the code to an exception class (Python) or `err.code` (Node) and pass the details on
//! unchanged. Messages are lowercase, one line, no final period, user input in backticks
//! (cedar's style guide).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Every error weir returns.
///
/// The variant decides the stable [`code`](Error::code); match on it, never on the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    #[error("invalid transition: `{command}` is not allowed {state}")]
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
    #[error("dependency cycle: {}", cycles.iter().map(|c| c.join(" -> ")).collect::<Vec<_>>().join("; "))]
    Cycle {
        /// Every cycle, one per strongly connected component, in name order.
        cycles: Vec<Vec<String>>,
    },
    /// A referenced thing does not exist; nothing changed.
    #[error("{kind} `{id}` not found")]
    NotFound {
        /// What kind of thing (`version`, `container`).
        kind: String,
        /// Its id as given.
        id: String,
    },
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

    /// The structured details of this error, as they cross into Python and Node.
    #[must_use]
    pub fn details(&self) -> ErrorDetails {
        match self {
            Error::Validation(v) => ErrorDetails::Validation {
                fields: v.0.clone(),
            },
            Error::ParseQuantity(q) => ErrorDetails::ParseQuantity {
                input: q.input.clone(),
                reason: q.reason,
            },
            Error::InvalidInput(i) => ErrorDetails::InvalidInput {
                reason: i.0.clone(),
            },
            Error::InvalidTransition { command, state } => ErrorDetails::InvalidTransition {
                command: command.clone(),
                state: state.clone(),
            },
            Error::Conflict { reason } => ErrorDetails::Conflict {
                reason: reason.clone(),
            },
            Error::Cycle { cycles } => ErrorDetails::Cycle {
                cycles: cycles.clone(),
            },
            Error::NotFound { kind, id } => ErrorDetails::NotFound {
                kind: kind.clone(),
                id: id.clone(),
            },
        }
    }

    /// The whole error as data: code, message and details (what the bindings raise).
    #[must_use]
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            details: self.details(),
        }
    }

    /// An [`Error::InvalidInput`] with the given reason (used by the bindings when a value
    /// from Python or JavaScript does not fit the expected type).
    #[must_use]
    pub fn invalid_input(reason: impl fmt::Display) -> Self {
        Error::InvalidInput(InvalidInput(reason.to_string()))
    }
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
    pub details: ErrorDetails,
}

/// Structured details of an [`Error`], internally tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ErrorDetails {
    /// Every field that broke a rule.
    Validation {
        /// The field errors, in the order the input was walked.
        fields: Vec<FieldError>,
    },
    /// The quantity that was rejected and why.
    ParseQuantity {
        /// The text as given.
        input: String,
        /// The reason, a stable code.
        reason: QuantityErrorReason,
    },
    /// Why the input did not have the expected shape.
    InvalidInput {
        /// The converter's message.
        reason: String,
    },
    /// The refused command and the state that refused it.
    InvalidTransition {
        /// The command.
        command: String,
        /// The state, as words.
        state: String,
    },
    /// What holds the app service, or what must be chosen first.
    Conflict {
        /// Why, as one line.
        reason: String,
    },
    /// Every dependency cycle.
    Cycle {
        /// Each cycle as the names along it, ending where it starts.
        cycles: Vec<Vec<String>>,
    },
    /// The missing thing.
    NotFound {
        /// Its kind.
        kind: String,
        /// Its id.
        id: String,
    },
}

/// Why an input did not fit the expected shape (see [`Error::InvalidInput`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput(pub String);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid input: {}", self.0)
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityError {
    /// The text as given.
    pub input: String,
    /// Why it was rejected.
    pub reason: QuantityErrorReason,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid quantity `{}`: {}",
            self.input,
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

/// Every field error of one validation, in the order the input was walked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

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
        self.0.push(FieldError {
            path: path.into(),
            code,
            message: message.into(),
        });
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
        for (i, e) in self.0.iter().enumerate() {
            write!(
                f,
                "{} {}: {}",
                if i == 0 { ":" } else { ";" },
                e.path,
                e.message
            )?;
        }
        Ok(())
    }
}

/// Join a field path and a child name (`spec` + `template` → `spec.template`).
#[must_use]
pub fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// A list item's path (`containers` + 0 → `containers[0]`).
#[must_use]
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A map entry's path (`labels` + `app` → `labels[app]`), as Kubernetes' `field.Path.Key`.
#[must_use]
pub fn key(path: &str, k: &str) -> String {
    format!("{path}[{k}]")
}
