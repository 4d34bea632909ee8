//! Numeric ranges declared beside the fields they bound. Each kind's schema lists its bounds
//! once with `bounds!`; the loader checks every record against them (and the CLI can hold an
//! option to the same range), so a range is never restated apart from its field.

use std::borrow::Cow;

/// The values a numeric field admits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// Greater than zero and at most `max`: at least a trillionth of `max`, since a positive
    /// figure smaller than that is a unit mistake whose reciprocal would overflow.
    Positive { max: f64 },
    /// From `min` to `max` inclusive, with the wording users see.
    Within {
        min: f64,
        max: f64,
        allowed: &'static str,
    },
    /// A calendar year from 1950 to 2100.
    Year,
}

impl Range {
    pub const YEARS: (f64, f64) = (1950.0, 2100.0);

    /// Whether `v` is finite and inside the range.
    pub fn admits(&self, v: f64) -> bool {
        v.is_finite()
            && match *self {
                Range::Positive { max } => v >= Self::positive_floor(max) && v <= max,
                Range::Within { min, max, .. } => v >= min && v <= max,
                Range::Year => v >= Self::YEARS.0 && v <= Self::YEARS.1,
            }
    }

    /// The least value a `Positive` range admits.
    pub fn positive_floor(max: f64) -> f64 {
        max * 1e-12
    }

    /// What the range admits, in words.
    pub fn allowed(&self) -> Cow<'static, str> {
        match *self {
            Range::Positive { max } => Cow::Owned(format!(
                "a number from {} to {}",
                fmt_num(Self::positive_floor(max)),
                fmt_num(max)
            )),
            Range::Within { allowed, .. } => Cow::Borrowed(allowed),
            Range::Year => Cow::Borrowed("a year from 1950 to 2100"),
        }
    }
}

/// One bounded field of a record kind: its name, how to read it (`None` when an optional field
/// is absent) and its range.
pub struct Bound<T> {
    pub field: &'static str,
    pub value: fn(&T) -> Option<f64>,
    pub range: Range,
}

/// A record kind with bounded numeric fields.
pub trait Bounded: Sized + 'static {
    const BOUNDS: &'static [Bound<Self>] = &[];

    /// The bound on `field`, if the kind declares one.
    fn bound(field: &str) -> Option<&'static Bound<Self>> {
        Self::BOUNDS.iter().find(|b| b.field == field)
    }
}

/// A field a bound can read: a number, or an optional number (checked only when present).
pub trait FieldValue {
    fn field_value(&self) -> Option<f64>;
}

impl FieldValue for f64 {
    fn field_value(&self) -> Option<f64> {
        Some(*self)
    }
}

impl FieldValue for i32 {
    fn field_value(&self) -> Option<f64> {
        Some(f64::from(*self))
    }
}

impl FieldValue for u8 {
    fn field_value(&self) -> Option<f64> {
        Some(f64::from(*self))
    }
}

impl FieldValue for u32 {
    fn field_value(&self) -> Option<f64> {
        Some(f64::from(*self))
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    fn field_value(&self) -> Option<f64> {
        self.as_ref().and_then(FieldValue::field_value)
    }
}

/// `bounds!(Kind { field: positive(max), other: within(min, max, "words"), year_field: year,
/// share: fraction })` declares `Kind`'s bounds; an optional field is checked only when present.
macro_rules! bounds {
    ($t:ty { $($field:ident : $range:ident $(($($arg:expr),*))?),* $(,)? }) => {
        impl $crate::bounds::Bounded for $t {
            const BOUNDS: &'static [$crate::bounds::Bound<Self>] = &[
                $($crate::bounds::Bound {
                    field: stringify!($field),
                    value: |r: &$t| $crate::bounds::FieldValue::field_value(&r.$field),
                    range: bounds!(@range $range $(($($arg),*))?),
                },)*
            ];
        }
    };
    (@range positive($max:expr)) => {
        $crate::bounds::Range::Positive { max: $max }
    };
    (@range within($min:expr, $max:expr, $allowed:expr)) => {
        $crate::bounds::Range::Within { min: $min, max: $max, allowed: $allowed }
    };
    (@range fraction) => {
        $crate::bounds::Range::Within { min: 0.0, max: 1.0, allowed: "a fraction from 0 to 1" }
    };
    (@range year) => {
        $crate::bounds::Range::Year
    };
}
pub(crate) use bounds;

/// A number as data files write it: integers without a decimal point.
pub(crate) fn fmt_num(v: f64) -> String {
    if v.is_finite() && v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.is_finite() && (v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-6)) {
        // Very large or small numbers in exponent form, not 309 digits (issue 28).
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
