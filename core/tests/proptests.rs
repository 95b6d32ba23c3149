//! Properties docs/model.md states for quantities and selectors (docs/model.md, first section).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use weir::{
    LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, Labels, NodeSelector,
    NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, Quantity, QuantityFormat,
};

const MAX_NANOS: u128 = (i64::MAX as u128) * 1_000_000_000;

fn format() -> impl Strategy<Value = QuantityFormat> {
    prop_oneof![
        Just(QuantityFormat::DecimalSI),
        Just(QuantityFormat::BinarySI),
        Just(QuantityFormat::DecimalExponent)
    ]
}

/// Values spread over every magnitude, from nanos to the cap.
fn nanos() -> impl Strategy<Value = u128> {
    prop_oneof![
        0u128..1_000_000_000,
        (0u64..u64::MAX).prop_map(u128::from),
        (0u128..=MAX_NANOS),
        (0u64..(1 << 20), 0u32..=40)
            .prop_map(|(m, s)| (u128::from(m) << s).min(MAX_NANOS / 1_000_000_000) * 1_000_000_000),
    ]
}

const SUFFIXES: [(&str, u32, i32); 16] = [
    ("n", 10, -9),
    ("u", 10, -6),
    ("m", 10, -3),
    ("", 10, 0),
    ("k", 10, 3),
    ("M", 10, 6),
    ("G", 10, 9),
    ("T", 10, 12),
    ("P", 10, 15),
    ("E", 10, 18),
    ("Ki", 2, 10),
    ("Mi", 2, 20),
    ("Gi", 2, 30),
    ("Ti", 2, 40),
    ("Pi", 2, 50),
    ("Ei", 2, 60),
];

/// Reference value of `int.frac<suffix>` in nanos, rounded up, with plain u128 math.
fn reference(int: u64, frac: &str, base: u32, exp: i32) -> Option<u128> {
    let f = frac.len() as u32;
    let mantissa = u128::from(int) * 10u128.pow(f) + frac.parse::<u128>().unwrap_or(0);
    // value = mantissa / 10^f * base^exp * 10^9
    let (num, den) = if base == 2 {
        (
            mantissa
                .checked_mul(1u128 << exp)?
                .checked_mul(1_000_000_000)?,
            10u128.pow(f),
        )
    } else {
        let e = exp + 9 - f as i32;
        if e >= 0 {
            (mantissa.checked_mul(10u128.checked_pow(e as u32)?)?, 1)
        } else {
            (mantissa, 10u128.pow((-e) as u32))
        }
    };
    Some(num.div_ceil(den))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// format → parse round trip: the canonical string of any quantity parses back to the
    /// same value, and is a fixed point of canonicalisation.
    #[test]
    fn canonical_round_trips(n in nanos(), f in format()) {
        let q = Quantity::from_nanos(n, f).unwrap();
        let text = q.canonical();
        let back = Quantity::parse(&text).unwrap();
        prop_assert_eq!(back.nano_value(), n, "{} did not round-trip", text);
        // Binary values that are no multiple of 1024 print without suffix and read back as
        // decimal (Kubernetes does the same); every other canonical form is a fixed point.
        let units = n / 1_000_000_000;
        let suffixless_binary = f == QuantityFormat::BinarySI && n % 1_000_000_000 == 0 && units >= 1024 && units % 1024 != 0;
        if !suffixless_binary {
            prop_assert_eq!(back.canonical(), text);
        }
        let settled = back.canonical();
        prop_assert_eq!(Quantity::parse(&settled).unwrap().canonical(), settled);
    }

    /// Parsing any `digits[.digits]suffix` agrees with a reference computed exactly.
    #[test]
    fn parse_agrees_with_reference(int in 0u64..10_000_000, frac in "[0-9]{0,12}", s in 0usize..SUFFIXES.len()) {
        let (suffix, base, exp) = SUFFIXES[s];
        let text = if frac.is_empty() { format!("{int}{suffix}") } else { format!("{int}.{frac}{suffix}") };
        match reference(int, &frac, base, exp) {
            Some(want) if want <= MAX_NANOS => prop_assert_eq!(Quantity::parse(&text).unwrap().nano_value(), want),
            Some(_) => prop_assert_eq!(Quantity::parse(&text).unwrap_err().code(), "parse_quantity"),
            None => {}
        }
    }

    /// Exponent forms agree with the SI suffix of the same power.
    #[test]
    fn exponent_equals_suffix(int in 0u64..1_000_000, s in 0usize..10) {
        let (suffix, _, exp) = SUFFIXES[s];
        let a = Quantity::parse(&format!("{int}{suffix}")).map(|q| q.nano_value());
        let b = Quantity::parse(&format!("{int}e{exp}")).map(|q| q.nano_value());
        // The inputs differ; the outcome, and a refusal's reason, do not.
        let reason = |e: weir::Error| match e {
            weir::Error::ParseQuantity(q) => Ok(q.reason),
            other => Err(other.code()),
        };
        prop_assert_eq!(a.map_err(reason), b.map_err(reason));
    }

    /// Parsing arbitrary text never panics; a success is non-negative and within the cap.
    #[test]
    fn parse_never_panics(text in "\\PC{0,40}|[-+0-9.eEkKMGTPinum]{0,30}") {
        if let Ok(q) = Quantity::parse(&text) {
            prop_assert!(q.nano_value() <= MAX_NANOS);
            prop_assert!(!text.starts_with('-') || q.is_zero());
        }
    }

    /// Rounding up: milli and whole values never understate the quantity.
    #[test]
    fn values_round_up(n in nanos()) {
        let q = Quantity::from_nanos(n, QuantityFormat::DecimalSI).unwrap();
        prop_assert!(q.milli_value() * 1_000_000 >= n && q.milli_value() * 1_000_000 < n + 1_000_000);
        prop_assert!(u128::from(q.value()) * 1_000_000_000 >= n);
    }
}

// ---------------------------------------------------------------------------------------
// Selectors against a naive reference: the semantics as docs/model.md words them, written the
// most direct way (linear scans, strings compared as they are).

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "x/d"]).prop_map(str::to_owned)
}
fn value() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["1", "2", "10", "v", "007", ""]).prop_map(str::to_owned)
}
fn labels() -> impl Strategy<Value = Labels> {
    prop::collection::btree_map(key(), value(), 0..4)
}

fn naive(op: NodeSelectorOperator, values: &[String], got: Option<&String>) -> bool {
    match op {
        NodeSelectorOperator::In => got.is_some_and(|v| values.contains(v)),
        NodeSelectorOperator::NotIn => got.is_none_or(|v| !values.contains(v)),
        NodeSelectorOperator::Exists => got.is_some(),
        NodeSelectorOperator::DoesNotExist => got.is_none(),
        NodeSelectorOperator::Gt => match (
            got.and_then(|v| v.parse::<i64>().ok()),
            values[0].parse::<i64>(),
        ) {
            (Some(a), Ok(b)) => a > b,
            _ => false,
        },
        NodeSelectorOperator::Lt => match (
            got.and_then(|v| v.parse::<i64>().ok()),
            values[0].parse::<i64>(),
        ) {
            (Some(a), Ok(b)) => a < b,
            _ => false,
        },
    }
}

fn label_req() -> impl Strategy<Value = LabelSelectorRequirement> {
    (key(), 0usize..4, prop::collection::vec(value(), 1..3)).prop_map(|(key, op, values)| {
        let operator = [
            LabelSelectorOperator::In,
            LabelSelectorOperator::NotIn,
            LabelSelectorOperator::Exists,
            LabelSelectorOperator::DoesNotExist,
        ][op];
        let values = if op < 2 { values } else { vec![] };
        LabelSelectorRequirement {
            key,
            operator,
            values,
        }
    })
}

fn node_req() -> impl Strategy<Value = NodeSelectorRequirement> {
    (
        key(),
        0usize..6,
        prop::collection::vec(value(), 1..3),
        prop::sample::select(vec!["0", "1", "5", "10"]),
    )
        .prop_map(|(key, op, values, n)| {
            use NodeSelectorOperator::*;
            let operator = [In, NotIn, Exists, DoesNotExist, Gt, Lt][op];
            let values = match op {
                0 | 1 => values,
                2 | 3 => vec![],
                _ => vec![n.to_owned()],
            };
            NodeSelectorRequirement {
                key,
                operator,
                values,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A compiled label selector agrees with the naive reference on every label set.
    #[test]
    fn label_selector_matches_reference(
        match_labels in prop::collection::btree_map(key(), value(), 0..3),
        exprs in prop::collection::vec(label_req(), 0..4),
        l in labels(),
    ) {
        let selector = LabelSelector { match_labels: match_labels.clone(), match_expressions: exprs.clone() };
        let want = match_labels.iter().all(|(k, v)| l.get(k) == Some(v))
            && exprs.iter().all(|r| naive(r.operator.into(), &r.values, l.get(&r.key)));
        prop_assert_eq!(selector.compile().unwrap().matches(&l), want);
    }

    /// A compiled node selector agrees with the naive reference: terms OR'ed, requirements
    /// AND'ed, empty terms match nothing, the first satisfied term is reported.
    #[test]
    fn node_selector_matches_reference(
        terms in prop::collection::vec((prop::collection::vec(node_req(), 0..3), prop::option::of(prop::bool::ANY)), 1..4),
        l in labels(),
        node in prop::sample::select(vec!["n1", "n2"]),
    ) {
        let terms: Vec<NodeSelectorTerm> = terms.into_iter().map(|(exprs, field)| NodeSelectorTerm {
            match_expressions: exprs,
            match_fields: field.map(|in_| NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: if in_ { NodeSelectorOperator::In } else { NodeSelectorOperator::NotIn },
                values: vec!["n1".into()],
            }).into_iter().collect(),
        }).collect();
        let want = terms.iter().position(|t| {
            (!t.match_expressions.is_empty() || !t.match_fields.is_empty())
                && t.match_expressions.iter().all(|r| naive(r.operator, &r.values, l.get(&r.key)))
                && t.match_fields.iter().all(|r| naive(r.operator, &r.values, Some(&node.to_owned())))
        });
        let selector = NodeSelector { node_selector_terms: terms };
        prop_assert_eq!(selector.compile().unwrap().matching_term(node, &l), want);
    }

    /// Validation never panics on arbitrary keys and values, and what it accepts is what
    /// the label grammar accepts.
    #[test]
    fn label_validation_total(k in "\\PC{0,70}|[a-z0-9./_-]{0,70}", v in "\\PC{0,70}|[A-Za-z0-9._-]{0,70}") {
        let l = Labels::from([(k.clone(), v.clone())]);
        let ok = weir::validate_labels(&l).is_ok();
        let name_ok = |s: &str| !s.is_empty() && s.len() <= 63
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && s.starts_with(|c: char| c.is_ascii_alphanumeric()) && s.ends_with(|c: char| c.is_ascii_alphanumeric());
        let key_ok = match k.split_once('/') {
            Some((p, n)) => !p.is_empty() && p.len() <= 253 && p.split('.').all(|part| !part.is_empty()
                && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.starts_with('-') && !part.ends_with('-')) && name_ok(n),
            None => name_ok(&k),
        };
        prop_assert_eq!(ok, key_ok && (v.is_empty() || name_ok(&v)));
    }
}
