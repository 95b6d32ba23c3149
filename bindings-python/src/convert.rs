//! The one generic conversion each way between Python objects and weir's serde types.
//!
//! Inbound, [`PyDeserializer`] reads a Python object (dict, list/tuple, str, int, float,
//! bool, None) straight into the weir type, exactly as `serde_json::Value` would present
//! the same data as JSON — so the three front doors accept and refuse the same inputs
//! (pythonize alone would read a `str` as a list of characters). NaN and ±Infinity are
//! refused rather than turned into `null`; a number whose value is an integer beyond
//! ±2^53 (int or float) is refused, as JavaScript cannot carry it exactly; a float with an
//! integral value (`1.0`, `-0.0`) is that integer, as JavaScript cannot tell them apart.
//! Enum tags and variant names are strings only (an int is never a variant index). A
//! dict is read from a snapshot of its items, so nothing a value's own methods do to the
//! dict mid-read can break the walk; a list is read by index, its length checked each
//! step. Every error names the field path of the offending value. Strings are borrowed
//! from Python, never copied on the way in (that and skipping an intermediate tree make a
//! 100-pod HPA input several times cheaper). Outbound, [`crate::ser`] writes dicts and
//! lists, making each field name once per call.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use weir::error::PathStep;

use crate::errors;

/// Nesting deeper than this is refused (serde_json's own parser stops at 128 too).
const MAX_DEPTH: usize = 128;

/// The largest integer magnitude a number may have (2^53, `Number.MAX_SAFE_INTEGER + 1`):
/// beyond it JavaScript cannot carry an integer exactly, so both doors refuse it.
const MAX_EXACT_INT: i64 = 1 << 53;

/// A conversion problem, reported as `InvalidInputError` at its field path.
#[derive(Debug)]
pub struct DeError {
    reason: String,
    /// The path from the offending value up to the root (innermost step first), filled in
    /// as the error travels up.
    steps: Vec<PathStep>,
}

impl DeError {
    fn new(reason: impl Into<String>) -> Self {
        DeError {
            reason: reason.into(),
            steps: Vec::new(),
        }
    }

    fn at(mut self, step: PathStep) -> Self {
        self.steps.push(step);
        self
    }

    fn into_weir(self) -> weir::Error {
        weir::Error::invalid_input_at(weir::error::path_text(self.steps.iter().rev()), self.reason)
    }
}

impl std::fmt::Display for DeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }
}

impl From<PyErr> for DeError {
    fn from(e: PyErr) -> Self {
        DeError::new(e.to_string())
    }
}

/// The text of a Python str; one with a lone surrogate (not valid Unicode) is refused.
fn text<'a>(s: &'a Bound<'_, PyString>) -> Result<&'a str, DeError> {
    s.to_str()
        .map_err(|_| DeError::new("a str that is not valid Unicode (a lone surrogate)"))
}

/// The name of an object's type, read without running any of the object's own code.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| weir::error::clip(&n.to_string()).into_owned())
        .unwrap_or_else(|_| "?".to_owned())
}

/// An integer refused for being beyond ±2^53.
fn too_large() -> DeError {
    DeError::new(
        "a number beyond ±2^53 (9007199254740992) cannot be carried exactly by every binding; \
         write a large quantity as a string",
    )
}

/// A serde `Deserializer` over one Python object.
pub struct PyDeserializer<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    depth: usize,
}

impl<'a, 'py> PyDeserializer<'a, 'py> {
    fn new(obj: &'a Bound<'py, PyAny>, depth: usize) -> Result<Self, DeError> {
        if depth > MAX_DEPTH {
            return Err(DeError::new(format!("nesting deeper than {MAX_DEPTH}")));
        }
        Ok(Self { obj, depth })
    }

    fn dict(&self, d: &Bound<'py, PyDict>) -> DictAccess<'py> {
        // A snapshot: PyDict_Next runs no Python code, so the dict cannot change while it
        // is copied; what a value's methods do to the dict later does not affect the walk.
        DictAccess {
            items: d.iter().collect::<Vec<_>>().into_iter(),
            key: None,
            value: None,
            tag: false,
            depth: self.depth,
        }
    }
}

/// Visit an int: refused beyond ±2^53 (without asking the object for anything else).
fn visit_int<'de, V: Visitor<'de>>(
    obj: &Bound<'_, PyAny>,
    visitor: V,
) -> Result<V::Value, DeError> {
    let Ok(i) = obj.extract::<i64>() else {
        return Err(too_large());
    };
    if i.unsigned_abs() > MAX_EXACT_INT.unsigned_abs() {
        return Err(too_large());
    }
    // As serde_json presents numbers: non-negative as u64, negative as i64.
    match u64::try_from(i) {
        Ok(u) => visitor.visit_u64(u),
        Err(_) => visitor.visit_i64(i),
    }
}

/// Visit a float: not finite or an integer beyond ±2^53 is refused; an integral value is
/// that integer (`1.0` is 1, `-0.0` is 0), as JSON text from JavaScript would say.
#[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
fn visit_float<'de, V: Visitor<'de>>(v: f64, visitor: V) -> Result<V::Value, DeError> {
    if !v.is_finite() {
        return Err(DeError::new(format!("{v} is not a finite number")));
    }
    if v.trunc() != v {
        return visitor.visit_f64(v);
    }
    #[allow(clippy::cast_precision_loss)]
    if v.abs() > MAX_EXACT_INT as f64 {
        return Err(too_large());
    }
    // Exact: an integral value within ±2^53 converts without loss.
    let i = v as i64;
    match u64::try_from(i) {
        Ok(u) => visitor.visit_u64(u),
        Err(_) => visitor.visit_i64(i),
    }
}

impl<'de> de::Deserializer<'de> for PyDeserializer<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = self.obj;
        // Most frequent first (exact types are one pointer comparison each); subclasses
        // fall through to the general checks below.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return visitor.visit_str(text(s)?);
        }
        if let Ok(d) = obj.cast_exact::<PyDict>() {
            return visitor.visit_map(self.dict(d));
        }
        if let Ok(l) = obj.cast_exact::<PyList>() {
            return visitor.visit_seq(ListAccess {
                list: l,
                next: 0,
                depth: self.depth,
            });
        }
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if obj.cast::<PyInt>().is_ok() {
            return visit_int(obj, visitor);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visit_float(f.value(), visitor);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(text(s)?);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(self.dict(d));
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return visitor.visit_seq(SeqAccess {
                items: l.iter().collect::<Vec<_>>().into_iter(),
                next: 0,
                depth: self.depth,
            });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(SeqAccess {
                items: t.iter().collect::<Vec<_>>().into_iter(),
                next: 0,
                depth: self.depth,
            });
        }
        Err(DeError::new(format!("unsupported type {}", type_name(obj))))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// A field name, an enum tag or a variant name: a str only (serde would read an int as
    /// a variant's index, which JSON never does).
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.obj.cast::<PyString>() {
            Ok(s) => visitor.visit_str(text(s)?),
            Err(_) => Err(DeError::new(format!(
                "expected a str naming a variant or field, got {}",
                type_name(self.obj)
            ))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A unit variant is a string, as in JSON; other variants are one-key dicts.
        if let Ok(s) = self.obj.cast::<PyString>() {
            let name: &str = text(s)?;
            return visitor.visit_enum(name.into_deserializer());
        }
        if let Ok(d) = self.obj.cast::<PyDict>()
            && let [(k, v)] = d.iter().collect::<Vec<_>>().as_slice()
        {
            let key = k
                .cast::<PyString>()
                .map_err(|_| DeError::new("an enum's key must be a str"))
                .and_then(|k| text(k).map(str::to_owned))?;
            return visitor.visit_enum(EnumAccess {
                key,
                value: v.clone(),
                depth: self.depth,
            });
        }
        Err(DeError::new(format!(
            "expected a string or a one-key dict for an enum, got {}",
            type_name(self.obj)
        )))
    }

    /// A value serde discards (an unknown field where unknown fields are allowed) is not
    /// read at all, as serde_json skips it: no depth limit, no cost.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct
    }
}

struct DictAccess<'py> {
    items: std::vec::IntoIter<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    /// The current entry's key, for the path of an error in its value.
    key: Option<Bound<'py, PyAny>>,
    value: Option<Bound<'py, PyAny>>,
    /// Whether the current key is `type`, every tagged enum's tag (see `next_value_seed`).
    tag: bool,
    depth: usize,
}

/// A path step for a dict key (a non-str key is named by its type).
fn key_step(k: &Bound<'_, PyAny>) -> PathStep {
    match k.cast::<PyString>() {
        Ok(s) => PathStep::Key(s.to_str().map_or_else(|_| "?".to_owned(), str::to_owned)),
        Err(_) => PathStep::Key("?".to_owned()),
    }
}

impl<'de> de::MapAccess<'de> for DictAccess<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((k, v)) = self.items.next() else {
            return Ok(None);
        };
        let key = k
            .cast::<PyString>()
            .map_err(|_| DeError::new(format!("dict keys must be str, got {}", type_name(&k))))?;
        let name = text(key)?;
        self.tag = name == "type";
        let read = seed
            .deserialize(name.into_deserializer())
            .map_err(|e: DeError| e.at(PathStep::Key(name.to_owned())));
        self.key = Some(k);
        self.value = Some(v);
        read.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let v = self
            .value
            .take()
            .ok_or_else(|| DeError::new("a dict value without its key"))?;
        // Every tagged enum of weir is tagged by `type`, and every `type` is a string. A tag
        // nested inside another tagged enum is read from serde's buffer, which would take an
        // int as the variant's index: refuse it here, where the value is still Python's.
        let read = if self.tag && v.cast::<PyString>().is_err() {
            Err(DeError::new(format!(
                "a `type` must be a str, got {}",
                type_name(&v)
            )))
        } else {
            PyDeserializer::new(&v, self.depth + 1).and_then(|d| seed.deserialize(d))
        };
        read.map_err(|e| match &self.key {
            Some(k) => e.at(key_step(k)),
            None => e,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A list read in place, by index (no copy of its items).
struct ListAccess<'a, 'py> {
    list: &'a Bound<'py, PyList>,
    next: usize,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for ListAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.next >= self.list.len() {
            return Ok(None);
        }
        let at = self.next;
        let item = self.list.get_item(at)?;
        self.next += 1;
        PyDeserializer::new(&item, self.depth + 1)
            .and_then(|d| seed.deserialize(d))
            .map(Some)
            .map_err(|e| e.at(PathStep::Index(at)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.list.len().saturating_sub(self.next))
    }
}

struct SeqAccess<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    next: usize,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(v) = self.items.next() else {
            return Ok(None);
        };
        let at = self.next;
        self.next += 1;
        PyDeserializer::new(&v, self.depth + 1)
            .and_then(|d| seed.deserialize(d))
            .map(Some)
            .map_err(|e| e.at(PathStep::Index(at)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct EnumAccess<'py> {
    key: String,
    value: Bound<'py, PyAny>,
    depth: usize,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let key: &str = &self.key;
        let de: de::value::StrDeserializer<'_, DeError> = key.into_deserializer();
        let v = seed.deserialize(de)?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumAccess<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        PyDeserializer::new(&self.value, self.depth + 1)
            .and_then(de::Deserialize::deserialize)
            .map_err(|e| e.at(PathStep::Key(self.key)))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        PyDeserializer::new(&self.value, self.depth + 1)
            .and_then(|d| seed.deserialize(d))
            .map_err(|e| e.at(PathStep::Key(self.key)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        PyDeserializer::new(&self.value, self.depth + 1)
            .and_then(|d| de::Deserializer::deserialize_any(d, visitor))
            .map_err(|e| e.at(PathStep::Key(self.key)))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        PyDeserializer::new(&self.value, self.depth + 1)
            .and_then(|d| de::Deserializer::deserialize_any(d, visitor))
            .map_err(|e| e.at(PathStep::Key(self.key)))
    }
}

/// Python object → weir input type; a value of the wrong shape (wrong type, missing field,
/// an int too large for its field, a fraction where an int belongs, NaN, an integer beyond
/// ±2^53) is `InvalidInputError` naming its field path. Never panics across: a panic while
/// converting (a bug) becomes `InvalidInputError` too.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let read = catch_unwind(AssertUnwindSafe(|| {
        PyDeserializer::new(obj, 0).and_then(T::deserialize)
    }));
    match read {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(errors::to_py(e.into_weir())),
        Err(_) => Err(errors::to_py(weir::Error::invalid_input(
            "the input could not be read (an internal error while converting it)",
        ))),
    }
}

/// A str argument (`now`, a node name) → `String`; anything else, or a str that is not
/// valid Unicode, is `InvalidInputError` at the argument's name.
pub fn text_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => text(s).map(str::to_owned),
        Err(_) => Err(DeError::new(format!(
            "expected a str, got {}",
            type_name(obj)
        ))),
    }
    .map_err(|e| errors::to_py(e.at(PathStep::Key(name.to_owned())).into_weir()))
}

/// A time argument: a `str` holding an RFC 3339 instant (`validation` at `name` when it
/// is not one, `invalid_input` when it is not a `str`).
pub fn now_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<weir::time::Timestamp> {
    let text = text_arg(obj, name)?;
    weir::time::Timestamp::parse_at(&text, name).map_err(errors::to_py)
}

/// weir result → Python object (dicts with camelCase keys), or the mapped exception.
pub fn to_py<'py, T: Serialize>(
    py: Python<'py>,
    result: weir::Result<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = result.map_err(errors::to_py)?;
    crate::ser::to_object(py, &value)
}
