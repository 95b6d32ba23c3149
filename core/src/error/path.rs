//! Field paths, Kubernetes style (`spec.containers[0].image`, `labels[app]`): built step by
//! step with [`FieldPath`], as Kubernetes' `field.Path` is, or from the steps a deserializer
//! took ([`path_text`]).

use std::fmt;

use serde::de::DeserializeOwned;

use super::{Error, MAX_KEY_CHARS, Result, clip_to};

/// A field path, as Kubernetes' `field.Path`: a root field, then children (`.name`), list
/// items (`[0]`) and map entries (`[key]`, the key as given, cut after [`MAX_KEY_CHARS`]
/// characters and ending in `…`). It renders as the text every [`super::FieldError`] path
/// holds, and goes wherever a path is taken as a string
/// ([`ValidationErrors::push`](super::ValidationErrors::push),
/// [`Error::validation_at`], [`Error::invalid_input_at`]).
///
/// # Examples
///
/// ```
/// use weir::error::FieldPath;
///
/// let spec = FieldPath::root("spec");
/// assert_eq!(spec.child("containers").index(0).child("image").to_string(),
///     "spec.containers[0].image");
/// assert_eq!(FieldPath::root("labels").key("example.com/app").as_str(),
///     "labels[example.com/app]");
/// // The empty root is the whole input: its first child has no leading dot.
/// assert_eq!(FieldPath::default().child("name").as_str(), "name");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(String);

impl FieldPath {
    /// A path at a top-level field (`spec`); an empty `name` is the whole input.
    #[must_use]
    pub fn root(name: &str) -> Self {
        FieldPath(name.to_owned())
    }

    /// The path of field `name` under this one (`spec` + `template` → `spec.template`; the
    /// empty root + `name` → `name`). `name` may name several levels at once
    /// (`metadata.name`).
    #[must_use]
    pub fn child(&self, name: &str) -> Self {
        if self.0.is_empty() {
            FieldPath(name.to_owned())
        } else {
            FieldPath(format!("{}.{name}", self.0))
        }
    }

    /// The path of list item `i` of this one (`containers` + 0 → `containers[0]`).
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        FieldPath(format!("{}[{i}]", self.0))
    }

    /// The path of map entry `k` of this one (`labels` + `app` → `labels[app]`), as
    /// Kubernetes' `field.Path.Key`: the key as given, cut after [`MAX_KEY_CHARS`]
    /// characters.
    #[must_use]
    pub fn key(&self, k: &str) -> Self {
        FieldPath(format!("{}[{}]", self.0, clip_to(k, MAX_KEY_CHARS)))
    }

    /// The path `rest` (a path's text, relative to this one) under this one: `cluster` +
    /// `nodes[0].name` → `cluster.nodes[0].name`, `cluster` + `[0]` → `cluster[0]`,
    /// `cluster` + the empty path → `cluster`.
    pub(super) fn join(&self, rest: &str) -> Self {
        if rest.is_empty() {
            self.clone()
        } else if rest.starts_with('[') {
            FieldPath(format!("{}{rest}", self.0))
        } else {
            self.child(rest)
        }
    }

    /// The path as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<FieldPath> for String {
    fn from(path: FieldPath) -> String {
        path.0
    }
}

impl AsRef<str> for FieldPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A path already rendered as text (`spec.template`), to go on from.
impl From<&str> for FieldPath {
    fn from(path: &str) -> Self {
        FieldPath(path.to_owned())
    }
}

/// A path already rendered as text (`spec.template`), to go on from.
impl From<String> for FieldPath {
    fn from(path: String) -> Self {
        FieldPath(path)
    }
}

/// Join a field path and a child name (`spec` + `template` → `spec.template`): the text of
/// [`FieldPath::child`].
#[must_use]
pub fn child(path: &str, name: &str) -> String {
    FieldPath::from(path).child(name).into()
}

/// A list item's path (`containers` + 0 → `containers[0]`): the text of
/// [`FieldPath::index`].
#[must_use]
pub fn index(path: &str, i: usize) -> String {
    FieldPath::from(path).index(i).into()
}

/// A map entry's path (`labels` + `app` → `labels[app]`), as Kubernetes' `field.Path.Key`;
/// the key is cut after [`MAX_KEY_CHARS`] characters: the text of [`FieldPath::key`].
#[must_use]
pub fn key(path: &str, k: &str) -> String {
    FieldPath::from(path).key(k).into()
}

/// One step of a field path, as a deserializer descends: a field or map key, or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// A struct field, map key or enum variant (written `.name`, cut after [`MAX_KEY_CHARS`]).
    Key(String),
    /// A list index (written `[i]`).
    Index(usize),
}

/// The Kubernetes-style text of a path (`spec.containers[0].image`; empty for the root).
#[must_use]
pub fn path_text<'a>(steps: impl IntoIterator<Item = &'a PathStep>) -> String {
    let mut path = FieldPath::default();
    for step in steps {
        path = match step {
            PathStep::Key(k) => path.child(&clip_to(k, MAX_KEY_CHARS)),
            PathStep::Index(i) => path.index(*i),
        };
    }
    path.into()
}

/// Read JSON text into a weir input type, as the Node binding does: a value of the wrong
/// shape is [`Error::InvalidInput`] naming the field path of the offending value
/// (`spec.replicas`) and serde's reason, without serde_json's line and column (of text the
/// caller never saw) and with quoted input clipped.
///
/// # Errors
///
/// [`Error::InvalidInput`] when the text is not JSON or does not fit `T`.
///
/// # Examples
///
/// ```
/// let err = weir::error::from_json_str::<weir::NodeSelectorMatchInput>(
///     r#"{"nodeSelector": {"nodeSelectorTerms": [{"matchFields": 7}]}, "nodeName": "n"}"#,
/// )
/// .unwrap_err();
/// assert!(matches!(err, weir::Error::InvalidInput(i)
///     if i.path == "nodeSelector.nodeSelectorTerms[0].matchFields"));
/// ```
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let steps: Vec<PathStep> = e
            .path()
            .iter()
            .map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => PathStep::Index(*index),
                serde_path_to_error::Segment::Map { key } => PathStep::Key(key.clone()),
                serde_path_to_error::Segment::Enum { variant } => PathStep::Key(variant.clone()),
                serde_path_to_error::Segment::Unknown => PathStep::Key("?".to_owned()),
            })
            .collect();
        Error::invalid_input_at(path_text(&steps), json_reason(e.inner()))
    })?;
    de.end()
        .map_err(|e| Error::invalid_input(json_reason(&e)))?;
    Ok(value)
}

/// serde_json's message without its ` at line L column C` suffix.
fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(reason) => reason.to_owned(),
        None => text,
    }
}
