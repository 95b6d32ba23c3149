//! Kubernetes resource quantities: parsing, exact values and canonical formatting.
//!
//! The grammar and the canonical form follow Kubernetes'
//! `staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go` (facts, not code):
//!
//! ```text
//! <quantity>        ::= <signedNumber><suffix>
//! <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//! <suffix>          ::= <binarySI> | <decimalSI> | <decimalExponent>
//! <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//! <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//! <decimalExponent> ::= e <signedNumber> | E <signedNumber>   (integer exponent)
//! ```
//!
//! Values are kept exactly, in nano-units (Kubernetes' finest scale); a value with finer
//! precision is rounded **up** to the next nano-unit, as Kubernetes does ("if you want some
//! resources, you should get some resources"). Two deliberate differences from Kubernetes,
//! because weir only ever sees resource amounts: a negative value is an error
//! (`negative`), and a value above 2^63-1 units is an error (`overflow`) where Kubernetes
//! would silently cap it.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, QuantityError, QuantityErrorReason, Result};

/// Nano-units per unit.
const NANO: u128 = 1_000_000_000;
/// Kubernetes' largest quantity, 2^63-1 units (`maxAllowed` in quantity.go), in nano-units.
const MAX_NANOS: u128 = (i64::MAX as u128) * NANO;
/// Decimal digits of [`MAX_NANOS`]; a longer digit string is always an overflow.
const MAX_NANOS_DIGITS: usize = 28;

/// How a quantity was written, which decides its canonical form (Kubernetes' `Format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum QuantityFormat {
    /// Powers of ten with SI suffixes (`500m`, `1k`, `2G`).
    DecimalSI,
    /// Powers of two with IEC suffixes (`128Mi`, `1Gi`).
    BinarySI,
    /// Powers of ten written as an exponent (`1e3`).
    DecimalExponent,
}

/// A non-negative Kubernetes quantity, exact to the nano-unit.
///
/// Parse it from text (`"500m"`, `"0.5"`, `"1Gi"`, `"1e3"`), read it as millicores or
/// bytes, and print its canonical Kubernetes form. Serialises as the canonical string.
///
/// # Examples
///
/// ```
/// use weir::Quantity;
///
/// let cpu = Quantity::parse("0.5")?;
/// assert_eq!(cpu.milli_value(), 500);
/// assert_eq!(cpu.to_string(), "500m");
///
/// let mem = Quantity::parse("1.5Gi")?;
/// assert_eq!(mem.value(), 1_610_612_736);
/// assert_eq!(mem.to_string(), "1536Mi");
///
/// // Compared by value, like Kubernetes' `Cmp`.
/// assert_eq!(Quantity::parse("1Ki")?, Quantity::parse("1024")?);
/// # Ok::<(), weir::Error>(())
/// ```
///
/// Equality, ordering and hashing are by value, as Kubernetes' `Cmp`: `1Ki == 1024`.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    // INVARIANT: nanos <= MAX_NANOS.
    nanos: u128,
    format: QuantityFormat,
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl std::hash::Hash for Quantity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.nanos.hash(state);
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

impl Quantity {
    /// Zero, in the decimal SI format.
    pub const ZERO: Quantity = Quantity {
        nanos: 0,
        format: QuantityFormat::DecimalSI,
    };

    /// Parse a quantity string.
    ///
    /// # Errors
    ///
    /// [`Error::ParseQuantity`] with reason `empty`, `invalid_number`, `invalid_suffix`,
    /// `negative` or `overflow`.
    pub fn parse(text: &str) -> Result<Quantity> {
        parse(text).map_err(|reason| {
            Error::ParseQuantity(QuantityError {
                input: text.to_owned(),
                reason,
            })
        })
    }

    /// A quantity of `millis` thousandths of a unit (CPU millicores), in the given format.
    ///
    /// # Errors
    ///
    /// [`Error::ParseQuantity`] with reason `overflow` above 2^63-1 units.
    pub fn from_millis(millis: u64, format: QuantityFormat) -> Result<Quantity> {
        Self::from_nanos(u128::from(millis) * 1_000_000, format)
    }

    /// A quantity of whole `units` (bytes for memory), in the given format.
    ///
    /// # Errors
    ///
    /// [`Error::ParseQuantity`] with reason `overflow` above 2^63-1 units.
    pub fn from_units(units: u64, format: QuantityFormat) -> Result<Quantity> {
        Self::from_nanos(u128::from(units) * NANO, format)
    }

    /// A quantity of `nanos` billionths of a unit, in the given format.
    ///
    /// # Errors
    ///
    /// [`Error::ParseQuantity`] with reason `overflow` above 2^63-1 units.
    pub fn from_nanos(nanos: u128, format: QuantityFormat) -> Result<Quantity> {
        if nanos > MAX_NANOS {
            return Err(Error::ParseQuantity(QuantityError {
                input: format!("{nanos}n"),
                reason: QuantityErrorReason::Overflow,
            }));
        }
        Ok(Quantity {
            nanos,
            format: effective_format(nanos, format),
        })
    }

    /// The exact value in billionths of a unit.
    #[must_use]
    pub fn nano_value(&self) -> u128 {
        self.nanos
    }

    /// The value in thousandths of a unit, rounded up (Kubernetes' `MilliValue`): CPU
    /// millicores.
    #[must_use]
    pub fn milli_value(&self) -> u128 {
        self.nanos.div_ceil(1_000_000)
    }

    /// The value in whole units, rounded up (Kubernetes' `Value`): bytes for memory.
    #[must_use]
    pub fn value(&self) -> u64 {
        // INVARIANT: nanos <= MAX_NANOS, so the quotient is at most i64::MAX.
        u64::try_from(self.nanos.div_ceil(NANO)).unwrap_or(u64::MAX)
    }

    /// The format the canonical form is written in.
    #[must_use]
    pub fn format(&self) -> QuantityFormat {
        self.format
    }

    /// Whether the value is zero.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// The canonical string, as Kubernetes' `CanonicalizeBytes` writes it.
    ///
    /// Binary quantities below 1024 units, or not a whole number of units, are written in
    /// decimal SI; decimal quantities get the largest exponent that is a multiple of three
    /// and keeps the number whole (`1.5` → `1500m`, `2000` → `2k`, `1e-1` → `100e-3`).
    /// As in Kubernetes, a binary quantity that is no whole multiple of 1024 is written
    /// without suffix (`62.5Ki` → `64000`), which reads back as decimal (`64k`).
    #[must_use]
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_owned();
        }
        let mut format = self.format;
        if format == QuantityFormat::BinarySI
            && (self.nanos < 1024 * NANO || !self.nanos.is_multiple_of(NANO))
        {
            format = QuantityFormat::DecimalSI;
        }
        if format == QuantityFormat::BinarySI {
            let mut units = self.nanos / NANO;
            let mut power = 0usize;
            while units.is_multiple_of(1024) && power < BINARY_SUFFIXES.len() - 1 {
                units /= 1024;
                power += 1;
            }
            let suffix = BINARY_SUFFIXES.get(power).copied().unwrap_or("");
            return format!("{units}{suffix}");
        }
        // Decimal: remove factors of ten, then step the exponent down to a multiple of 3.
        let mut mantissa = self.nanos;
        let mut exponent: i32 = -9;
        while mantissa.is_multiple_of(10) {
            mantissa /= 10;
            exponent += 1;
        }
        match exponent.rem_euclid(3) {
            1 => {
                mantissa *= 10;
                exponent -= 1;
            }
            2 => {
                mantissa *= 100;
                exponent -= 2;
            }
            _ => {}
        }
        if format == QuantityFormat::DecimalExponent {
            if exponent == 0 {
                mantissa.to_string()
            } else {
                format!("{mantissa}e{exponent}")
            }
        } else {
            let suffix = DECIMAL_SUFFIXES
                .iter()
                .find(|(_, e)| *e == exponent)
                .map_or("", |(s, _)| *s);
            format!("{mantissa}{suffix}")
        }
    }
}

/// IEC suffixes by power of 1024.
const BINARY_SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/// SI suffixes and their power of ten.
const DECIMAL_SUFFIXES: [(&str, i32); 10] = [
    ("n", -9),
    ("u", -6),
    ("m", -3),
    ("", 0),
    ("k", 3),
    ("M", 6),
    ("G", 9),
    ("T", 12),
    ("P", 15),
    ("E", 18),
];

/// A binary quantity strictly between 0 and 1 unit is written as decimal (quantity.go).
fn effective_format(nanos: u128, format: QuantityFormat) -> QuantityFormat {
    if format == QuantityFormat::BinarySI && nanos > 0 && nanos < NANO {
        QuantityFormat::DecimalSI
    } else {
        format
    }
}

/// What a suffix means: base, exponent and format.
fn interpret_suffix(suffix: &str) -> Option<(u32, i64, QuantityFormat)> {
    if let Some(&(_, e)) = DECIMAL_SUFFIXES.iter().find(|(s, _)| *s == suffix) {
        return Some((10, i64::from(e), QuantityFormat::DecimalSI));
    }
    if let Some(p) = BINARY_SUFFIXES.iter().skip(1).position(|s| *s == suffix) {
        let power = i64::try_from(p).ok()? + 1;
        return Some((2, power * 10, QuantityFormat::BinarySI));
    }
    let rest = suffix.strip_prefix(['e', 'E'])?;
    let (negative, digits) = match rest.as_bytes().first() {
        Some(b'-') => (true, rest.get(1..)?),
        Some(b'+') => (false, rest.get(1..)?),
        _ => (false, rest),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // An exponent beyond i64 is not a number Kubernetes' ParseInt accepts either.
    let magnitude: i64 = digits.parse().ok()?;
    let exponent = if negative { -magnitude } else { magnitude };
    Some((10, exponent, QuantityFormat::DecimalExponent))
}

fn parse(text: &str) -> std::result::Result<Quantity, QuantityErrorReason> {
    if text.is_empty() {
        return Err(QuantityErrorReason::Empty);
    }
    if let Some(q) = parse_simple(text) {
        return Ok(q);
    }
    let bytes = text.as_bytes();
    let (negative, start) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let body = text
        .get(start..)
        .ok_or(QuantityErrorReason::InvalidNumber)?;
    // The number: digits, an optional '.', digits.
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let int_part = body.get(..int_len).unwrap_or("");
    let after_int = body.get(int_len..).unwrap_or("");
    let (frac_part, suffix) = match after_int.strip_prefix('.') {
        Some(rest) => {
            let frac_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            (
                rest.get(..frac_len).unwrap_or(""),
                rest.get(frac_len..).unwrap_or(""),
            )
        }
        None => ("", after_int),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(QuantityErrorReason::InvalidNumber);
    }
    let (base, exponent, format) =
        interpret_suffix(suffix).ok_or(QuantityErrorReason::InvalidSuffix)?;

    // Significant digits D and the value D * 10^dec_exp * 2^bin_exp in nano-units.
    let frac_trimmed = frac_part.trim_end_matches('0');
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_trimmed.bytes())
        .map(|b| b - b'0')
        .skip_while(|d| *d == 0)
        .collect();
    if digits.is_empty() {
        return Ok(Quantity { nanos: 0, format });
    }
    if negative {
        return Err(QuantityErrorReason::Negative);
    }
    let frac_len = i64::try_from(frac_trimmed.len()).map_err(|_| QuantityErrorReason::Overflow)?;
    let mut dec_exp: i64 = 9 - frac_len;
    if base == 10 {
        dec_exp = dec_exp.saturating_add(exponent);
    } else {
        // Binary exponents are 10..=60: multiply the digits by 2^exponent exactly.
        for _ in 0..exponent {
            double_in_place(&mut digits);
        }
    }
    let nanos = scale_round_up(&digits, dec_exp)?;
    Ok(Quantity {
        nanos,
        format: effective_format(nanos, format),
    })
}

/// The common shape, whole digits and a plain suffix (`500m`, `2`, `512Mi`, `1Gi`), read
/// without the general path's digit vector; `None` sends anything else (and any value the
/// shortcut cannot represent exactly) to the general path, which gives the same answer.
fn parse_simple(text: &str) -> Option<Quantity> {
    let bytes = text.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 18 {
        return None;
    }
    let mut v: u128 = 0;
    for b in bytes.get(..digits)? {
        v = v * 10 + u128::from(b - b'0');
    }
    let (scale, format): (u128, QuantityFormat) = match bytes.get(digits..)? {
        b"" => (NANO, QuantityFormat::DecimalSI),
        b"m" => (1_000_000, QuantityFormat::DecimalSI),
        b"u" => (1_000, QuantityFormat::DecimalSI),
        b"n" => (1, QuantityFormat::DecimalSI),
        b"k" => (NANO * 1_000, QuantityFormat::DecimalSI),
        b"M" => (NANO * 1_000_000, QuantityFormat::DecimalSI),
        b"G" => (NANO * 1_000_000_000, QuantityFormat::DecimalSI),
        b"Ki" => (NANO << 10, QuantityFormat::BinarySI),
        b"Mi" => (NANO << 20, QuantityFormat::BinarySI),
        b"Gi" => (NANO << 30, QuantityFormat::BinarySI),
        b"Ti" => (NANO << 40, QuantityFormat::BinarySI),
        _ => return None,
    };
    let nanos = v.checked_mul(scale)?;
    (nanos <= MAX_NANOS).then(|| Quantity {
        nanos,
        format: effective_format(nanos, format),
    })
}

/// Multiply a big-endian decimal digit vector by two.
fn double_in_place(digits: &mut Vec<u8>) {
    let mut carry = 0u8;
    for d in digits.iter_mut().rev() {
        let v = *d * 2 + carry;
        *d = v % 10;
        carry = v / 10;
    }
    if carry > 0 {
        digits.insert(0, carry);
    }
}

/// `ceil(D * 10^dec_exp)` as nano-units, or `overflow` above [`MAX_NANOS`].
/// `digits` has no leading zero and is not empty.
fn scale_round_up(digits: &[u8], dec_exp: i64) -> std::result::Result<u128, QuantityErrorReason> {
    let len = i64::try_from(digits.len()).map_err(|_| QuantityErrorReason::Overflow)?;
    let max_digits = i64::try_from(MAX_NANOS_DIGITS).unwrap_or(i64::MAX);
    // D * 10^dec_exp: keep `len + dec_exp` digits (appending zeros when dec_exp > 0).
    let kept_len = len.saturating_add(dec_exp);
    if kept_len > max_digits {
        return Err(QuantityErrorReason::Overflow);
    }
    let keep = usize::try_from(kept_len.clamp(0, len)).unwrap_or(0);
    let zeros = usize::try_from(dec_exp.max(0)).unwrap_or(0);
    let (kept, dropped) = digits.split_at(keep.min(digits.len()));
    let round_up = dropped.iter().any(|d| *d != 0);
    let mut value: u128 = 0;
    for d in kept {
        value = value * 10 + u128::from(*d);
    }
    for _ in 0..zeros {
        value *= 10;
    }
    if round_up {
        value += 1;
    }
    if value > MAX_NANOS {
        return Err(QuantityErrorReason::Overflow);
    }
    Ok(value)
}

impl Quantity {
    /// The canonical string once it no longer changes: [`Quantity::canonical`], except that
    /// a binary quantity printed without suffix (`62.5Ki` → `64000`) is given the decimal
    /// form it reads back as (`64k`). What `normalize` stores, so normalizing is idempotent.
    #[must_use]
    pub fn settled_canonical(&self) -> String {
        let first = self.canonical();
        match Quantity::parse(&first) {
            Ok(again) => again.canonical(),
            Err(_) => first,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.canonical())
    }
}

impl FromStr for Quantity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Quantity> {
        Quantity::parse(s)
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        /// Strings are parsed where they lie; numbers go through their text, as for
        /// [`RawQuantity`].
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity string or number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Quantity, E> {
                Quantity::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Quantity, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Quantity, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> std::result::Result<Quantity, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i128<E: serde::de::Error>(self, v: i128) -> std::result::Result<Quantity, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Quantity, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Quantity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Kubernetes quantity in canonical form, e.g. `500m`, `128Mi`, `1e3`.",
            "type": "string"
        })
    }
}

/// A quantity as written in an input, not yet parsed: a string (`"500m"`) or a JSON number
/// (`0.5`, `2`), exactly as Kubernetes manifests allow. Parsing is a separate step so that
/// validation can report a bad quantity at its field path.
///
/// # Examples
///
/// ```
/// let raw: weir::RawQuantity = serde_json::from_str("0.25")?;
/// assert_eq!(raw.parse()?.milli_value(), 250);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawQuantity(pub String);

impl RawQuantity {
    /// Parse the text (see [`Quantity::parse`]).
    ///
    /// # Errors
    ///
    /// [`Error::ParseQuantity`] when the text is not a valid quantity.
    pub fn parse(&self) -> Result<Quantity> {
        Quantity::parse(&self.0)
    }
}

impl From<&str> for RawQuantity {
    fn from(s: &str) -> Self {
        RawQuantity(s.to_owned())
    }
}

impl Serialize for RawQuantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RawQuantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawQuantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity string or number")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<RawQuantity, E> {
                Ok(RawQuantity(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<RawQuantity, E> {
                Ok(RawQuantity(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<RawQuantity, E> {
                Ok(RawQuantity(v.to_string()))
            }
            fn visit_u128<E: serde::de::Error>(
                self,
                v: u128,
            ) -> std::result::Result<RawQuantity, E> {
                Ok(RawQuantity(v.to_string()))
            }
            fn visit_i128<E: serde::de::Error>(
                self,
                v: i128,
            ) -> std::result::Result<RawQuantity, E> {
                Ok(RawQuantity(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<RawQuantity, E> {
                // Rust prints finite floats without exponent (`1e21` as digits), NaN as
                // `NaN` and infinities as `inf`, which then fail to parse as they should.
                Ok(RawQuantity(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for RawQuantity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawQuantity".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Kubernetes quantity as written: a string such as `500m`, `0.5`, `128Mi`, `1e3`, or a JSON number.",
            "type": ["string", "number"]
        })
    }
}

/// The result of [`parse_quantity`]: the canonical form and the exact values.
///
/// Values are decimal strings because they can exceed 2^53 (JavaScript's exact integers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParsedQuantity {
    /// The canonical Kubernetes form (`1536Mi`, `500m`).
    pub canonical: String,
    /// The format the canonical form is written in.
    pub format: QuantityFormat,
    /// Whole units, rounded up (bytes for memory), as a decimal string.
    pub value: String,
    /// Thousandths of a unit, rounded up (millicores for CPU), as a decimal string.
    pub milli_value: String,
}

/// Parse a quantity as written in an input and describe it.
///
/// # Errors
///
/// [`Error::ParseQuantity`] when the text is not a valid, non-negative quantity up to 2^63-1.
///
/// # Examples
///
/// ```
/// let q = weir::parse_quantity(&"1Gi".into())?;
/// assert_eq!(q.value, "1073741824");
/// assert_eq!(q.canonical, "1Gi");
/// # Ok::<(), weir::Error>(())
/// ```
pub fn parse_quantity(quantity: &RawQuantity) -> Result<ParsedQuantity> {
    let q = quantity.parse()?;
    Ok(ParsedQuantity {
        canonical: q.canonical(),
        format: q.format(),
        value: q.value().to_string(),
        milli_value: q.milli_value().to_string(),
    })
}
