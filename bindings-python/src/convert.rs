//! The one generic conversion each way between Python objects and weir's serde types.
//!
//! Inbound, [`PyDeserializer`] reads a Python object (dict, list/tuple, str, int, float,
//! bool, None) straight into the weir type, exactly as `serde_json::Value` would present
//! the same data as JSON — so the three front doors accept and refuse the same inputs
//! (pythonize alone would read a `str` as a list of characters). NaN and ±Infinity are
//! refused rather than turned into `null`; an int beyond 64 bits becomes a float, as in
//! JSON. Strings are borrowed from Python, never copied on the way in (that and skipping
//! an intermediate tree make a 100-pod HPA input several times cheaper). Outbound,
//! [`crate::ser`] writes dicts and lists, making each field name once per call.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use crate::errors;

/// Nesting deeper than this is refused (serde_json's own parser stops at 128 too).
const MAX_DEPTH: usize = 128;

fn invalid(reason: impl std::fmt::Display) -> PyErr {
    errors::to_py(weir::Error::invalid_input(reason))
}

/// A conversion problem, reported as `InvalidInputError`.
#[derive(Debug)]
pub struct DeError(String);

impl std::fmt::Display for DeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

impl From<PyErr> for DeError {
    fn from(e: PyErr) -> Self {
        DeError(e.to_string())
    }
}

/// A serde `Deserializer` over one Python object.
pub struct PyDeserializer<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    depth: usize,
}

impl<'a, 'py> PyDeserializer<'a, 'py> {
    fn new(obj: &'a Bound<'py, PyAny>, depth: usize) -> Result<Self, DeError> {
        if depth > MAX_DEPTH {
            return Err(DeError(format!("nesting deeper than {MAX_DEPTH}")));
        }
        Ok(Self { obj, depth })
    }
}

impl<'de> de::Deserializer<'de> for PyDeserializer<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = self.obj;
        // Most frequent first (exact types are one pointer comparison each); subclasses
        // fall through to the general checks below.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return visitor.visit_str(s.to_str()?);
        }
        if let Ok(d) = obj.cast_exact::<PyDict>() {
            return visitor.visit_map(DictAccess {
                items: d.iter(),
                value: None,
                depth: self.depth,
            });
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
            // As serde_json presents numbers: non-negative as u64, negative as i64.
            if let Ok(u) = obj.extract::<u64>() {
                return visitor.visit_u64(u);
            }
            if let Ok(i) = obj.extract::<i64>() {
                return visitor.visit_i64(i);
            }
            let f: f64 = obj.extract()?;
            if !f.is_finite() {
                return Err(DeError("integer too large".into()));
            }
            return visitor.visit_f64(f);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let v = f.value();
            if !v.is_finite() {
                return Err(DeError(format!("{v} is not a finite number")));
            }
            return visitor.visit_f64(v);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(s.to_str()?);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(DictAccess {
                items: d.iter(),
                value: None,
                depth: self.depth,
            });
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return visitor.visit_seq(SeqAccess {
                items: l.iter().collect::<Vec<_>>().into_iter(),
                depth: self.depth,
            });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(SeqAccess {
                items: t.iter().collect::<Vec<_>>().into_iter(),
                depth: self.depth,
            });
        }
        Err(DeError(format!("unsupported type {}", obj.get_type())))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
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
            let name: &str = s.to_str()?;
            return visitor.visit_enum(name.into_deserializer());
        }
        if let Ok(d) = self.obj.cast::<PyDict>()
            && d.len() == 1
            && let Some((k, v)) = d.iter().next()
        {
            let key = k
                .cast::<PyString>()
                .map_err(|_| DeError("an enum's key must be a str".into()))?
                .to_str()?
                .to_owned();
            return visitor.visit_enum(EnumAccess {
                key,
                value: v,
                depth: self.depth,
            });
        }
        Err(DeError(format!(
            "expected a string or a one-key dict for an enum, got {}",
            self.obj.get_type()
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
        tuple_struct map struct identifier
    }
}

struct DictAccess<'py> {
    items: pyo3::types::iter::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
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
            .map_err(|_| DeError(format!("dict keys must be str, got {}", k.get_type())))?;
        self.value = Some(v);
        let text: &str = key.to_str()?;
        seed.deserialize(text.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let v = self
            .value
            .take()
            .ok_or_else(|| DeError("a dict value without its key".into()))?;
        seed.deserialize(PyDeserializer::new(&v, self.depth + 1)?)
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
        let item = self.list.get_item(self.next)?;
        self.next += 1;
        seed.deserialize(PyDeserializer::new(&item, self.depth + 1)?)
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.list.len().saturating_sub(self.next))
    }
}

struct SeqAccess<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(v) => seed
                .deserialize(PyDeserializer::new(&v, self.depth + 1)?)
                .map(Some),
            None => Ok(None),
        }
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
        de::Deserialize::deserialize(PyDeserializer::new(&self.value, self.depth + 1)?)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(PyDeserializer::new(&self.value, self.depth + 1)?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(
            PyDeserializer::new(&self.value, self.depth + 1)?,
            visitor,
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(
            PyDeserializer::new(&self.value, self.depth + 1)?,
            visitor,
        )
    }
}

/// Python object → weir input type; a value of the wrong shape (wrong type, missing field,
/// an int too large for its field, a float where an int belongs, NaN) is
/// `InvalidInputError`.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let de = PyDeserializer::new(obj, 0).map_err(invalid)?;
    T::deserialize(de).map_err(invalid)
}

/// weir result → Python object (dicts with camelCase keys), or the mapped exception.
pub fn to_py<'py, T: Serialize>(
    py: Python<'py>,
    result: weir::Result<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = result.map_err(errors::to_py)?;
    crate::ser::to_object(py, &value)
}
