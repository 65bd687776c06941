//! JSON value semantics as JSON Schema defines them: numeric equality across representations
//! (`1 == 1.0`), exact comparison of integers with float bounds, and short value descriptions
//! for messages.

use std::cmp::Ordering;

use serde_json::{Number, Value};

/// JSON Schema equality (`enum`, `const`): numbers compare by value, objects ignore key order.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => num_eq(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => false,
    }
}

/// An integer held exactly, when the number is one (not a float).
fn as_int(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Numeric equality of two JSON numbers, exact across integer and float representations.
pub fn num_eq(a: &Number, b: &Number) -> bool {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => x == y,
        (Some(_), None) => b
            .as_f64()
            .is_some_and(|f| cmp_num(a, f) == Some(Ordering::Equal)),
        (None, Some(_)) => a
            .as_f64()
            .is_some_and(|f| cmp_num(b, f) == Some(Ordering::Equal)),
        (None, None) => a.as_f64() == b.as_f64(),
    }
}

/// Compares a JSON number with a bound exactly (no rounding of large integers to `f64`).
/// `None` when the bound is NaN.
pub fn cmp_num(value: &Number, bound: f64) -> Option<Ordering> {
    match as_int(value) {
        None => value.as_f64()?.partial_cmp(&bound),
        Some(n) => cmp_int_float(n, bound),
    }
}

fn cmp_int_float(n: i128, bound: f64) -> Option<Ordering> {
    if bound.is_nan() {
        return None;
    }
    // Every i64/u64 lies well inside ±1e30; beyond that only the sign of the bound matters.
    if bound >= 1e30 {
        return Some(Ordering::Less);
    }
    if bound <= -1e30 {
        return Some(Ordering::Greater);
    }
    let floor = bound.floor();
    // In range, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let fi = floor as i128;
    Some(match n.cmp(&fi) {
        Ordering::Equal if floor < bound => Ordering::Less,
        o => o,
    })
}

/// Whether a number is an integer in JSON Schema's sense (`1.0` is one).
pub fn is_integer(n: &Number) -> bool {
    as_int(n).is_some()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// A short description of a value for messages: scalars verbatim (long strings cut), containers
/// by kind.
pub fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Array(a) => format!(
            "an array of {} item{}",
            a.len(),
            if a.len() == 1 { "" } else { "s" }
        ),
        Value::Object(_) => "an object".to_owned(),
        Value::Number(_) => format!("number {v}"),
        _ => v.to_string(),
    }
}

/// A JSON string literal, cut to about 60 characters.
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        Value::String(s.to_owned()).to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        let q = Value::String(cut).to_string();
        format!("{}…\"", q.strip_suffix('"').unwrap_or(&q))
    }
}

/// A literal for messages: JSON text, cut when long.
pub fn literal(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        other => {
            let s = other.to_string();
            if s.chars().count() > 80 {
                format!("{}…", s.chars().take(80).collect::<String>())
            } else {
                s
            }
        }
    }
}

/// Formats an `f64` bound the way a person writes it (`3`, not `3.0`).
pub fn bound(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_equal_across_representations() {
        assert!(json_eq(&json!(1), &json!(1.0)));
        assert!(json_eq(&json!([1, {"a": 2.0}]), &json!([1.0, {"a": 2}])));
        assert!(!json_eq(&json!(1), &json!(1.5)));
        assert!(!json_eq(&json!(1), &json!(true)));
        assert!(!json_eq(&json!(0), &json!(false)));
        assert!(json_eq(&json!({"a": 1, "b": 2}), &json!({"b": 2, "a": 1})));
        assert!(!json_eq(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(json_eq(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!json_eq(&json!(-1), &json!(u64::MAX)));
    }

    #[test]
    fn integer_comparison_with_float_bounds_is_exact() {
        let big = Number::from(9_007_199_254_740_993_u64); // 2^53 + 1, not representable in f64
        assert_eq!(
            cmp_num(&big, 9_007_199_254_740_992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_num(&Number::from(3), 2.5), Some(Ordering::Greater));
        assert_eq!(cmp_num(&Number::from(2), 2.5), Some(Ordering::Less));
        assert_eq!(cmp_num(&Number::from(-3), -2.5), Some(Ordering::Less));
        assert_eq!(cmp_num(&Number::from(3), 3.0), Some(Ordering::Equal));
        assert_eq!(
            cmp_num(&Number::from(u64::MAX), 1e300),
            Some(Ordering::Less)
        );
        assert_eq!(cmp_num(&Number::from(3), f64::NAN), None);
    }

    #[test]
    fn integers_include_whole_floats() {
        assert!(is_integer(
            &Number::from_f64(1.0).unwrap_or(Number::from(0))
        ));
        assert!(!is_integer(
            &Number::from_f64(1.5).unwrap_or(Number::from(0))
        ));
    }

    #[test]
    fn descriptions_are_short() {
        assert_eq!(describe(&json!("fax")), "\"fax\"");
        assert_eq!(describe(&json!([1])), "an array of 1 item");
        let long = "x".repeat(100);
        assert!(describe(&json!(long)).len() < 70);
        assert_eq!(bound(3.0), "3");
        assert_eq!(bound(2.5), "2.5");
    }
}
