//! `decimal` (and the integer types, which are decimals without a fraction), `float` and
//! `double`. Decimals stay as the digits written, so any size compares exactly; floats are
//! rounded to `f32` (single precision) or `f64` as Java's `Float.parseFloat` and
//! `Double.parseDouble` round them.

use std::cmp::Ordering;

/// A decimal number, as views into its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimal<'a> {
    negative: bool,
    /// Digits before the point, as written.
    int_raw: &'a str,
    /// Digits after the point, as written.
    frac_raw: &'a str,
    /// Whether the text has a decimal point.
    has_point: bool,
}

impl<'a> Decimal<'a> {
    /// Reads `[+-]? digits* (. digits*)?` with at least one digit, as jing does.
    pub(crate) fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..)?),
            Some(b'+') => (false, text.get(1..)?),
            _ => (false, text),
        };
        let (int_raw, frac_raw, has_point) = match unsigned.split_once('.') {
            Some((int, frac)) => (int, frac, true),
            None => (unsigned, "", false),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_raw.len() + frac_raw.len() == 0 || !all_digits(int_raw) || !all_digits(frac_raw) {
            return None;
        }
        Some(Decimal {
            negative,
            int_raw,
            frac_raw,
            has_point,
        })
    }

    /// Whether it is written as an integer: no decimal point at all (jing refuses `1.` and
    /// `1.0` as integers).
    pub(crate) fn is_integer(&self) -> bool {
        !self.has_point
    }

    fn int(&self) -> &'a str {
        self.int_raw.trim_start_matches('0')
    }

    fn frac(&self) -> &'a str {
        self.frac_raw.trim_end_matches('0')
    }

    fn is_zero(&self) -> bool {
        self.int().is_empty() && self.frac().is_empty()
    }

    fn is_negative(&self) -> bool {
        self.negative && !self.is_zero()
    }

    /// Digits after the point, trailing zeros included (Java's `BigDecimal.scale`).
    pub(crate) fn fraction_digits(&self) -> usize {
        self.frac_raw.len()
    }

    /// Digits of the unscaled value, trailing zeros of the fraction included, leading zeros
    /// not (jing's `totalDigits`: `1.50` has 3, `0.001` has 1, `0` has 1).
    pub(crate) fn total_digits(&self) -> usize {
        let int = self.int();
        if int.is_empty() {
            self.frac_raw.trim_start_matches('0').len().max(1)
        } else {
            int.len() + self.frac_raw.len()
        }
    }

    fn cmp_magnitude(&self, other: &Decimal<'_>) -> Ordering {
        let (a, b) = (self.int(), other.int());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.cmp(b))
            .then_with(|| self.frac().cmp(other.frac()))
    }
}

impl Ord for Decimal<'_> {
    fn cmp(&self, other: &Decimal<'_>) -> Ordering {
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal<'_> {
    fn partial_cmp(&self, other: &Decimal<'_>) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Decimal<'_> {
    fn eq(&self, other: &Decimal<'_>) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal<'_> {}

/// jing's lexical space of `float` and `double`: `INF`, `-INF`, `NaN`, or a mantissa with
/// at least one digit and at most one point, signed or not, then optionally `e`/`E`, an
/// optional sign and at least one digit. So `+INF`, `1e` and ` 1` (unless collapsed) are
/// refused, while `.5`, `5.` and `1E+2` are fine.
fn is_float_lexical(text: &str) -> bool {
    // One pass, as jing does it: a sign only first (in the mantissa or the exponent), one
    // point and only in the mantissa, digits on both sides of the `e`.
    let (mut sign, mut point, mut digit, mut exponent) = (false, false, false, false);
    for b in text.bytes() {
        match b {
            b'+' | b'-' if !(digit || point || sign) => sign = true,
            b'0'..=b'9' => digit = true,
            b'e' | b'E' if digit && !exponent => {
                (sign, point, digit, exponent) = (false, false, false, true);
            }
            b'.' if !point && !exponent => point = true,
            _ => return false,
        }
    }
    digit
}

/// A `double`, or `None` when `text` is not one.
pub(crate) fn parse_double(text: &str) -> Option<f64> {
    match text {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ if is_float_lexical(text) => text.parse().ok(),
        _ => None,
    }
}

/// A `float`, or `None` when `text` is not one.
pub(crate) fn parse_float(text: &str) -> Option<f32> {
    if let Some(value) = short_decimal_float(text) {
        return Some(value);
    }
    match text {
        "INF" => Some(f32::INFINITY),
        "-INF" => Some(f32::NEG_INFINITY),
        "NaN" => Some(f32::NAN),
        _ if is_float_lexical(text) => text.parse().ok(),
        _ => None,
    }
}

/// Powers of ten that a `f32` holds exactly (5^10 still fits its 24-bit mantissa).
const EXACT_POWERS_OF_TEN: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// The common case, fast: a decimal without exponent whose digits make an integer below
/// 2^24, with at most ten after the point (coordinates, alphas, scale factors). The
/// integer and the power of ten are then exact, so one division is correctly rounded,
/// as `str::parse` and Java's `Float.parseFloat` are (Clinger's fast path). Anything
/// else, valid or not, is left to the general path.
fn short_decimal_float(text: &str) -> Option<f32> {
    let bytes = text.as_bytes();
    let (negative, unsigned) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, bytes),
    };
    let (whole, fraction) = match unsigned.iter().position(|&b| b == b'.') {
        Some(point) => (&unsigned[..point], &unsigned[point + 1..]),
        None => (unsigned, &[][..]),
    };
    // At most eight digits in all keeps the integer below 10^8 < 2^27; the check below
    // narrows that to 2^24.
    if whole.len() + fraction.len() > 8 || whole.len() + fraction.len() == 0 {
        return None;
    }
    let power = *EXACT_POWERS_OF_TEN.get(fraction.len())?;
    let mut mantissa = 0u32;
    for part in [whole, fraction] {
        for &b in part {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            mantissa = mantissa * 10 + u32::from(digit);
        }
    }
    if mantissa >= 1 << 24 {
        return None;
    }
    let value = mantissa as f32 / power;
    Some(if negative { -value } else { value })
}

/// Value equality as jing has it: `NaN` equals `NaN`, `-0` equals `0`.
pub(crate) fn same_float(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal<'_> {
        match Decimal::parse(text) {
            Some(d) => d,
            None => panic!("{text} is a decimal"),
        }
    }

    #[test]
    fn the_fast_float_path_agrees_with_the_general_one() {
        let mut rng = fastrand::Rng::with_seed(11);
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "+0",
            "1",
            "1.",
            ".5",
            "-.5",
            "0.1",
            "0.2",
            "0.367879",
            "2.718282",
            "16777215",
            "16777216",
            "0.0000000001",
            "0.00000000001",
            "1.5e3",
            ".",
            "-",
            "+.",
            "1..2",
            "INF",
            "NaN",
            "1e",
            "00000000000000000001",
            "0.30000001192092896",
        ]
        .iter()
        .map(|case| case.to_string())
        .collect();
        for _ in 0..20_000 {
            let whole = rng.u32(..100_000);
            let fraction = rng.u32(..10_000_000);
            let width = rng.usize(1..8);
            cases.push(format!("{whole}.{fraction:0width$}"));
            cases.push(format!("-0.{fraction:0width$}"));
        }
        for case in cases {
            let general = match case.as_str() {
                "INF" => Some(f32::INFINITY),
                "NaN" => None,
                _ if is_float_lexical(&case) => case.parse::<f32>().ok(),
                _ => None,
            };
            let fast = parse_float(&case);
            match (general, fast) {
                (None, None) => assert!(case == "NaN" || !is_float_lexical(&case)),
                (Some(g), Some(f)) => assert_eq!(g.to_bits(), f.to_bits(), "{case}"),
                (g, f) if case == "NaN" => assert!(g.is_none() && f.is_some_and(f32::is_nan)),
                (g, f) => panic!("{case}: general {g:?}, fast {f:?}"),
            }
        }
    }

    #[test]
    fn decimal_lexical_space() {
        for good in [
            "0",
            "-0",
            "+0",
            "1.5",
            ".5",
            "5.",
            "-.5",
            "+1",
            "00001.5000",
        ] {
            assert!(Decimal::parse(good).is_some(), "{good}");
        }
        for bad in [
            "", ".", "-", "+", "+.", "1e5", "1,5", "1.2.3", "- 1", "١", "INF", "--1",
        ] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn decimals_compare_exactly_at_any_size() {
        assert!(dec("99999999999999999999999") > dec("99999999999999999999998"));
        assert!(dec("-99999999999999999999999") < dec("-1"));
        assert_eq!(dec("-0"), dec("0.000"));
        assert_eq!(dec("01.50"), dec("1.5"));
        assert!(dec("1.49999999999999999999") < dec("1.5"));
        assert!(dec("0.05") < dec("0.5"));
        assert!(dec("-0.5") < dec("-0.05"));
    }

    #[test]
    fn digit_counts_follow_big_decimal() {
        assert_eq!(dec("1.50").total_digits(), 3);
        assert_eq!(dec("0.001").total_digits(), 1);
        assert_eq!(dec("000123").total_digits(), 3);
        assert_eq!(dec("0.000").total_digits(), 1);
        assert_eq!(dec("0").total_digits(), 1);
        assert_eq!(dec("10.0").total_digits(), 3);
        assert_eq!(dec("1.230").fraction_digits(), 3);
        assert_eq!(dec("5.").fraction_digits(), 0);
    }

    #[test]
    fn float_lexical_space() {
        for good in [
            "1", ".5", "5.", "1E+2", "1e-2", "-1.5e3", "+.5", "1.e5", "INF", "NaN",
        ] {
            assert!(parse_double(good).is_some(), "{good}");
        }
        for bad in [
            "1e", "+INF", "inf", "nan", "Infinity", "1.5e3.2", " 1", "", "1f", "0x1p3", "e1",
            ".e1", "1e+", "--1", ".",
        ] {
            assert!(parse_double(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn floats_round_to_single_precision() {
        assert_eq!(parse_float("1.00000001"), Some(1.0));
        assert_eq!(parse_float("1.000000059604644775390625"), Some(1.0));
        assert_eq!(parse_float("1.0000000596046448"), Some(1.000_000_1));
        assert_eq!(parse_float("3.5e38"), Some(f32::INFINITY));
        assert_eq!(parse_float("1e-46"), Some(0.0));
        assert!(same_float(f64::NAN, f64::NAN));
        assert!(same_float(-0.0, 0.0));
    }
}
