//! Conversions between the core's serde types and Python objects.
//!
//! Out: [`to_py`] is a serde `Serializer` that builds Python objects directly (dicts, lists,
//! str, int, float, bool, `None`). Dates come out as `datetime.date`: chrono serialises a
//! `NaiveDate` through `collect_str`, which nothing else in the core's types uses, so a
//! string collected that way and reading as `YYYY-MM-DD` becomes a date. Plain strings (ids,
//! titles) go through `serialize_str` and stay strings, whatever they contain.
//!
//! In: [`py_to_json`] reads a command given as a dict (dates as `datetime.date` or ISO text)
//! into a `serde_json::Value`, which the core's serde types then read.

use std::fmt::Display;

use chrono::NaiveDate;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

/// Deepest nesting read from Python (the same limit as `serde_json`'s parser).
const MAX_DEPTH: usize = 128;

/// A Python error carried through serde.
#[derive(Debug)]
pub(crate) struct SerError(PyErr);

impl Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: Display>(msg: T) -> Self {
        SerError(PyValueError::new_err(msg.to_string()))
    }
}

impl From<std::convert::Infallible> for SerError {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

/// Any serialisable core value as a Python object.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPy { py }).map_err(|e| e.0)
}

/// A date as `datetime.date`.
pub(crate) fn date_to_py(py: Python<'_>, d: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    Ok(d.into_pyobject(py)?.into_any())
}

#[derive(Clone, Copy)]
struct ToPy<'py> {
    py: Python<'py>,
}

type Out<'py> = Result<Bound<'py, PyAny>, SerError>;

impl<'py> ser::Serializer for ToPy<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = SeqOut<'py>;
    type SerializeTuple = SeqOut<'py>;
    type SerializeTupleStruct = SeqOut<'py>;
    type SerializeTupleVariant = VariantOut<SeqOut<'py>>;
    type SerializeMap = MapOut<'py>;
    type SerializeStruct = MapOut<'py>;
    type SerializeStructVariant = VariantOut<MapOut<'py>>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        let mut buf = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
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
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(variant, value.serialize(self)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqOut<'py>, SerError> {
        Ok(SeqOut {
            to: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqOut<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqOut<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantOut<SeqOut<'py>>, SerError> {
        Ok(VariantOut {
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapOut<'py>, SerError> {
        Ok(MapOut {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapOut<'py>, SerError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantOut<MapOut<'py>>, SerError> {
        Ok(VariantOut {
            variant,
            inner: self.serialize_map(Some(len))?,
        })
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Out<'py> {
        let text = value.to_string();
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Ok(date_to_py(self.py, d)?),
            Err(_) => self.serialize_str(&text),
        }
    }
}

/// A list being built.
pub(crate) struct SeqOut<'py> {
    to: ToPy<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

impl SeqOut<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }
}

impl<'py> SeqOut<'py> {
    fn finish(self) -> Out<'py> {
        Ok(PyList::new(self.to.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A dict being built.
pub(crate) struct MapOut<'py> {
    to: ToPy<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for MapOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(self.to)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for MapOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// `{variant: inner}` (externally tagged enums; the core uses none, but serde allows them).
pub(crate) struct VariantOut<I> {
    variant: &'static str,
    inner: I,
}

impl<I> VariantOut<I> {
    fn wrap<'py>(variant: &'static str, py: Python<'py>, inner: Bound<'py, PyAny>) -> Out<'py> {
        let dict = PyDict::new(py);
        dict.set_item(variant, inner)?;
        Ok(dict.into_any())
    }
}

impl<'py> ser::SerializeTupleVariant for VariantOut<SeqOut<'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.inner.push(value)
    }
    fn end(self) -> Out<'py> {
        let py = self.inner.to.py;
        let list = self.inner.finish()?;
        Self::wrap(self.variant, py, list)
    }
}

impl<'py> ser::SerializeStructVariant for VariantOut<MapOut<'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Out<'py> {
        let py = self.inner.to.py;
        let dict = self.inner.dict.into_any();
        Self::wrap(self.variant, py, dict)
    }
}

/// A Python value (dict, list, tuple, str, int, float, bool, None, `datetime.date`) as JSON.
/// `Err` names what could not be read and where.
pub(crate) fn py_to_json(obj: &Bound<'_, PyAny>) -> Result<Value, String> {
    read(obj, "$", 0)
}

fn read(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("{path}: nested more than {MAX_DEPTH} levels deep"));
    }
    let next = depth.saturating_add(1);
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(format!("{path}: integer out of range"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| format!("{path}: {} is not a finite number", f.value()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|e| format!("{path}: {e}"));
    }
    if obj.cast::<PyDateTime>().is_ok() {
        return Err(format!(
            "{path}: a datetime where a date is expected (pass `value.date()`)"
        ));
    }
    if obj.cast::<PyDate>().is_ok() {
        let d: NaiveDate = obj.extract().map_err(|e| format!("{path}: {e}"))?;
        return Ok(Value::String(d.format("%Y-%m-%d").to_string()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| format!("{path}: a key that is not a string"))?
                .to_cow()
                .map_err(|e| format!("{path}: {e}"))?
                .into_owned();
            let child = format!("{path}.{key}");
            map.insert(key, read(&v, &child, next)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .enumerate()
            .map(|(i, v)| read(&v, &format!("{path}[{i}]"), next))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple
            .iter()
            .enumerate()
            .map(|(i, v)| read(&v, &format!("{path}[{i}]"), next))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    let type_name = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    Err(format!(
        "{path}: a value of type `{type_name}` cannot be read"
    ))
}

/// A date argument: `datetime.date` (not `datetime.datetime`) or ISO text `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateArg(pub(crate) NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for DateArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.cast::<PyDateTime>().is_ok() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected a datetime.date, got a datetime.datetime (pass `value.date()`)",
            ));
        }
        if obj.cast::<PyDate>().is_ok() {
            return obj.extract::<NaiveDate>().map(DateArg);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let text = s.to_cow()?;
            return NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(DateArg)
                .map_err(|e| crate::errors::malformed(obj.py(), "date", format!("`{text}`: {e}")));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(
            "expected a datetime.date or an ISO date string `YYYY-MM-DD`",
        ))
    }
}
