//! Outbound conversion: a weir value straight into Python objects (dict, list, tuple, str,
//! int, float, bool, None), the shapes pythonize writes. The difference is the field names:
//! a struct's field name is made into a Python string once per call and reused, where
//! pythonize makes (and Python then hashes) a new one for every field of every object. On a
//! 100,000-node DAG analysis that is 500,000 strings fewer.

use std::cell::RefCell;
use std::fmt;

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::ser;

/// A Python error met while building the output.
#[derive(Debug)]
pub struct SerError(PyErr);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

impl From<SerError> for PyErr {
    fn from(e: SerError) -> Self {
        e.0
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, SerError>;

/// Slots of the field-name cache (a power of two).
const SLOTS: usize = 64;

/// The field names made in one call, by the address of their `&'static str`: a
/// direct-mapped cache (a name whose slot is taken by another is simply made again).
struct Keys<'py> {
    made: RefCell<[Slot<'py>; SLOTS]>,
}

/// A cached field name: its identity and the Python string.
type Slot<'py> = Option<(usize, Bound<'py, PyString>)>;

impl<'py> Keys<'py> {
    fn get(&self, py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
        // Field names are distinct static strings; their address identifies them (a
        // zero-length one shares its address with others, so its length is mixed in).
        let id = (key.as_ptr() as usize) ^ (key.len() << 48);
        let slot = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58;
        let mut made = self.made.borrow_mut();
        let Some(entry) = made.get_mut(slot as usize) else {
            return PyString::new(py, key);
        };
        match entry {
            Some((k, s)) if *k == id => s.clone(),
            _ => {
                let s = PyString::new(py, key);
                *entry = Some((id, s.clone()));
                s
            }
        }
    }
}

/// `value` as Python objects.
pub fn to_object<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let keys = Keys {
        made: RefCell::new([const { None }; SLOTS]),
    };
    Ok(value.serialize(Serializer { py, keys: &keys })?)
}

#[derive(Clone, Copy)]
struct Serializer<'a, 'py> {
    py: Python<'py>,
    keys: &'a Keys<'py>,
}

impl<'a, 'py> Serializer<'a, 'py> {
    fn any<T: IntoPyObject<'py>>(self, v: T) -> Out<'py> {
        Ok(v.into_bound_py_any(self.py)?)
    }

    /// `{variant: value}`, as serde's externally tagged enums.
    fn tagged(self, variant: &'static str, value: Bound<'py, PyAny>) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(self.keys.get(self.py, variant), value)?;
        Ok(d.into_any())
    }
}

/// Items of a list or tuple being built.
struct Items<'a, 'py> {
    s: Serializer<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    /// Wrapped as `{variant: tuple}` when set.
    variant: Option<&'static str>,
}

/// A dict being built.
struct Dict<'a, 'py> {
    s: Serializer<'a, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    /// Wrapped as `{variant: dict}` when set.
    variant: Option<&'static str>,
}

impl<'a, 'py> ser::Serializer for Serializer<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = Items<'a, 'py>;
    type SerializeTuple = Items<'a, 'py>;
    type SerializeTupleStruct = Items<'a, 'py>;
    type SerializeTupleVariant = Items<'a, 'py>;
    type SerializeMap = Dict<'a, 'py>;
    type SerializeStruct = Dict<'a, 'py>;
    type SerializeStructVariant = Dict<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        self.any(v)
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(self.keys.get(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let v = value.serialize(self)?;
        self.tagged(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items<'a, 'py>, SerError> {
        Ok(Items {
            s: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'a, 'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Items<'a, 'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Items<'a, 'py>, SerError> {
        let mut items = self.serialize_seq(Some(len))?;
        items.variant = Some(variant);
        Ok(items)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Dict<'a, 'py>, SerError> {
        Ok(Dict {
            s: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Dict<'a, 'py>, SerError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Dict<'a, 'py>, SerError> {
        let mut d = self.serialize_map(Some(len))?;
        d.variant = Some(variant);
        Ok(d)
    }
}

impl<'py> Items<'_, 'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(self.s)?);
        Ok(())
    }

    fn tuple(self) -> Out<'py> {
        let t = PyTuple::new(self.s.py, self.items)?.into_any();
        match self.variant {
            Some(v) => self.s.tagged(v, t),
            None => Ok(t),
        }
    }
}

impl<'py> ser::SerializeSeq for Items<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        Ok(PyList::new(self.s.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeTuple for Items<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.tuple()
    }
}

impl<'py> ser::SerializeTupleStruct for Items<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.tuple()
    }
}

impl<'py> ser::SerializeTupleVariant for Items<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.tuple()
    }
}

impl<'py> ser::SerializeMap for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(self.s)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("a map value without its key"))?;
        self.dict.set_item(key, value.serialize(self.s)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        let d = self.dict.into_any();
        match self.variant {
            Some(v) => self.s.tagged(v, d),
            None => Ok(d),
        }
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let k = self.s.keys.get(self.s.py, key);
        self.dict.set_item(k, value.serialize(self.s)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        ser::SerializeMap::end(self)
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Out<'py> {
        ser::SerializeMap::end(self)
    }
}
