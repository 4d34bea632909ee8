//! Finite outputs by construction: walks any serializable result and reports the first number
//! that is NaN or infinite, with its path (`design.cell.energy_wh`), so a layer can refuse to
//! hand on a value that failed to compute instead of printing `NaN` or `null`.

use serde::ser::{self, Serialize};
use std::fmt;

/// A non-finite number inside a result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{what}: `{path}` is {value}, not a finite number")]
pub struct NonFinite {
    /// What was being checked (e.g. `cell design`).
    pub what: String,
    /// Dotted path of the field; `[i]` for list items and map entries.
    pub path: String,
    pub value: f64,
}

impl crate::error::Blamed for NonFinite {
    /// Inputs that pass validation must give finite results; one that does not is a model
    /// fault, or a range in the schema that is too loose, and ours to fix.
    fn blame(&self) -> crate::error::Blame {
        crate::error::Blame::Internal
    }
}

/// `Ok` when every number in `value` is finite; otherwise the first one that is not.
pub fn ensure_finite<T: Serialize + ?Sized>(what: &str, value: &T) -> Result<(), NonFinite> {
    let mut scan = Scan::default();
    match value.serialize(&mut scan) {
        Err(Found) => Err(NonFinite {
            what: what.to_string(),
            path: scan.path_text(),
            value: scan.found.unwrap_or(f64::NAN),
        }),
        Ok(()) => Ok(()),
    }
}

/// One step of the path to a value; no allocation while walking.
enum Step {
    Field(&'static str),
    Item(usize),
}

#[derive(Default)]
struct Scan {
    path: Vec<Step>,
    found: Option<f64>,
}

/// Stops the walk at the first non-finite number.
#[derive(Debug)]
struct Found;

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("non-finite number")
    }
}

impl std::error::Error for Found {}

impl ser::Error for Found {
    fn custom<M: fmt::Display>(_: M) -> Found {
        Found
    }
}

impl Scan {
    fn number(&mut self, v: f64) -> Result<(), Found> {
        if v.is_finite() {
            Ok(())
        } else {
            self.found = Some(v);
            Err(Found)
        }
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Field(f) if out.is_empty() => out.push_str(f),
                Step::Field(f) => {
                    out.push('.');
                    out.push_str(f);
                }
                Step::Item(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn within<T: Serialize + ?Sized>(&mut self, step: Step, v: &T) -> Result<(), Found> {
        self.path.push(step);
        v.serialize(&mut *self)?;
        self.path.pop();
        Ok(())
    }
}

macro_rules! ignore {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, _: $t) -> Result<(), Found> {
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Scan {
    type Ok = ();
    type Error = Found;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Items<'a>;
    type SerializeStruct = &'a mut Scan;
    type SerializeStructVariant = &'a mut Scan;

    ignore!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_f32(self, v: f32) -> Result<(), Found> {
        self.number(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Found> {
        self.number(v)
    }
    fn serialize_none(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Found> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        self.within(Step::Field(variant), v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Found> {
        Ok(Items {
            scan: self,
            index: 0,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Found> {
        Ok(Items {
            scan: self,
            index: 0,
        })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Found> {
        Ok(Items {
            scan: self,
            index: 0,
        })
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Found> {
        Ok(Items {
            scan: self,
            index: 0,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Items<'a>, Found> {
        Ok(Items {
            scan: self,
            index: 0,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<&'a mut Scan, Found> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<&'a mut Scan, Found> {
        Ok(self)
    }
}

/// The elements of a list, tuple or map, numbered in order.
struct Items<'a> {
    scan: &'a mut Scan,
    index: usize,
}

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Found> {
        let step = Step::Item(self.index);
        self.index += 1;
        self.scan.within(step, v)
    }
}

macro_rules! items {
    ($($tr:ident :: $method:ident),*) => {$(
        impl ser::$tr for Items<'_> {
            type Ok = ();
            type Error = Found;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Found> {
                self.item(v)
            }
            fn end(self) -> Result<(), Found> {
                Ok(())
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Items<'_> {
    type Ok = ();
    type Error = Found;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Found> {
        self.item(v)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

macro_rules! fields {
    ($($tr:ident),*) => {$(
        impl ser::$tr for &mut Scan {
            type Ok = ();
            type Error = Found;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), Found> {
                self.within(Step::Field(key), v)
            }
            fn end(self) -> Result<(), Found> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::ensure_finite;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Cell {
        energy_wh: f64,
        layers: Vec<Option<f64>>,
    }

    #[test]
    fn names_the_path_of_the_first_non_finite_number() {
        let ok = Cell {
            energy_wh: 1.0,
            layers: vec![Some(2.0), None],
        };
        assert!(ensure_finite("cell", &ok).is_ok());
        let bad = Cell {
            energy_wh: 1.0,
            layers: vec![Some(2.0), Some(f64::NAN)],
        };
        let e = ensure_finite("cell", &bad).unwrap_err();
        assert_eq!(e.path, "layers[1]");
        assert!(e.value.is_nan());
        let inf = Cell {
            energy_wh: f64::INFINITY,
            layers: vec![],
        };
        assert_eq!(ensure_finite("cell", &inf).unwrap_err().path, "energy_wh");
    }
}
