//! `duration`, read and compared as jing does.
//!
//! Equality compares field by field (`PT24H` is not `P1D`); order compares months and
//! seconds, and where they disagree, the lengths in days starting from four reference
//! dates (XSD's rule), so `P1M` is neither less nor greater than `P30D`. Fields are
//! numbers of any length.

use std::cmp::Ordering;

use super::bignum::BigUint;

/// A duration, as views into its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Duration<'a> {
    negative: bool,
    years: &'a str,
    months: &'a str,
    days: &'a str,
    hours: &'a str,
    minutes: &'a str,
    seconds_int: &'a str,
    /// Without trailing zeros.
    seconds_frac: &'a str,
}

/// Reads `-?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.n*)?S|.nS)?)?` with at least one field and no
/// `T` without a time field.
pub(crate) fn parse(text: &str) -> Option<Duration<'_>> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    if text.ends_with(['P', 'T']) {
        return None;
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut duration = Duration {
        negative,
        years: "",
        months: "",
        days: "",
        hours: "",
        minutes: "",
        seconds_int: "",
        seconds_frac: "",
    };
    let date = field(date, 'Y', &mut duration.years)?;
    let date = field(date, 'M', &mut duration.months)?;
    if !field(date, 'D', &mut duration.days)?.is_empty() {
        return None;
    }
    if let Some(time) = time {
        let time = field(time, 'H', &mut duration.hours)?;
        let time = field(time, 'M', &mut duration.minutes)?;
        if !time.is_empty() {
            seconds(time, &mut duration)?;
        }
    }
    Some(duration)
}

/// Takes `digits designator` from the start of `text` when it is there.
fn field<'a>(text: &'a str, designator: char, slot: &mut &'a str) -> Option<&'a str> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(digits_end);
    match rest.strip_prefix(designator) {
        Some(rest) if !digits.is_empty() => {
            *slot = digits;
            Some(rest)
        }
        _ => Some(text),
    }
}

fn seconds<'a>(text: &'a str, duration: &mut Duration<'a>) -> Option<()> {
    let number = text.strip_suffix('S')?;
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || int.is_empty() && frac.is_empty() {
        return None;
    }
    duration.seconds_int = int;
    duration.seconds_frac = frac.trim_end_matches('0');
    Some(())
}

fn number(digits: &str) -> &str {
    digits.trim_start_matches('0')
}

fn is_zero(d: &Duration<'_>) -> [bool; 6] {
    [
        number(d.years).is_empty(),
        number(d.months).is_empty(),
        number(d.days).is_empty(),
        number(d.hours).is_empty(),
        number(d.minutes).is_empty(),
        number(d.seconds_int).is_empty() && d.seconds_frac.is_empty(),
    ]
}

/// jing's equality: every field equal as a signed number.
pub(crate) fn same(a: &Duration<'_>, b: &Duration<'_>) -> bool {
    let (za, zb) = (is_zero(a), is_zero(b));
    fn fields<'a>(d: &Duration<'a>) -> [&'a str; 6] {
        [
            number(d.years),
            number(d.months),
            number(d.days),
            number(d.hours),
            number(d.minutes),
            number(d.seconds_int),
        ]
    }
    let (fa, fb) = (fields(a), fields(b));
    (0..6).all(|i| za[i] && zb[i] || (a.negative == b.negative && fa[i] == fb[i]))
        && (za[5] && zb[5] || a.seconds_frac == b.seconds_frac)
}

/// A signed amount: a sign, a non-negative integer part and a fraction (digits after the
/// point, no trailing zeros).
#[derive(Debug, Clone)]
struct Amount<'a> {
    negative: bool,
    int: BigUint,
    frac: &'a str,
}

impl Amount<'_> {
    fn is_negative(&self) -> bool {
        self.negative && !(self.int.is_zero() && self.frac.is_empty())
    }

    fn cmp(&self, other: &Amount<'_>) -> Ordering {
        let magnitude =
            |a: &Amount<'_>, b: &Amount<'_>| a.int.cmp(&b.int).then_with(|| a.frac.cmp(b.frac));
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude(self, other),
            (true, true) => magnitude(other, self),
        }
    }
}

/// Months and seconds, as amounts with the duration's sign.
fn totals<'a>(d: &Duration<'a>) -> (Amount<'a>, Amount<'a>) {
    let big = BigUint::from_digits;
    let months = big(d.years).mul_add(12, &big(d.months));
    let hours = big(d.days).mul_add(24, &big(d.hours));
    let minutes = hours.mul_add(60, &big(d.minutes));
    let seconds = minutes.mul_add(60, &big(d.seconds_int));
    (
        Amount {
            negative: d.negative,
            int: months,
            frac: "",
        },
        Amount {
            negative: d.negative,
            int: seconds,
            frac: d.seconds_frac,
        },
    )
}

const REFERENCE_MONTHS: [(u32, u32); 4] = [(1696, 9), (1697, 2), (1903, 3), (1903, 7)];

/// jing's (XSD's) partial order.
pub(crate) fn less(a: &Duration<'_>, b: &Duration<'_>) -> bool {
    let ((months_a, seconds_a), (months_b, seconds_b)) = (totals(a), totals(b));
    let by_seconds = seconds_a.cmp(&seconds_b);
    match months_a.cmp(&months_b) {
        Ordering::Equal => return by_seconds == Ordering::Less,
        Ordering::Less if by_seconds != Ordering::Greater => return true,
        Ordering::Greater if by_seconds != Ordering::Less => return false,
        _ => {}
    }
    REFERENCE_MONTHS.iter().all(|&(year, month)| {
        let total = |months: &Amount<'_>, seconds: &Amount<'_>| -> BigUint {
            days_spanned(&months.int, year, month).mul_add(86_400, &seconds.int)
        };
        let (total_a, total_b) = (total(&months_a, &seconds_a), total(&months_b, &seconds_b));
        Amount {
            int: total_a,
            ..seconds_a.clone()
        }
        .cmp(&Amount {
            int: total_b,
            ..seconds_b.clone()
        }) == Ordering::Less
    })
}

/// Days in `months` months starting at `year`-`month`: whole 400-year cycles, then the
/// months left one by one.
fn days_spanned(months: &BigUint, mut year: u32, month: u32) -> BigUint {
    let (cycles, left) = months.div_rem(4800);
    let mut month = month - 1;
    let mut days = 0u64;
    for _ in 0..left {
        days += days_in_month(year, month);
        month += 1;
        if month == 12 {
            month = 0;
            year += 1;
        }
    }
    cycles.mul_add(146_097, &BigUint::from_u64(days))
}

fn days_in_month(year: u32, month0: u32) -> u64 {
    match month0 {
        3 | 5 | 8 | 10 => 30,
        1 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        1 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Duration<'_> {
        match parse(text) {
            Some(d) => d,
            None => panic!("{text} is a duration"),
        }
    }

    #[test]
    fn lexical_space() {
        for good in [
            "P1Y",
            "P1Y2M3DT4H5M6.7S",
            "-P1D",
            "PT1H",
            "PT1.S",
            "PT.5S",
            "PT0S",
            "P0D",
        ] {
            assert!(parse(good).is_some(), "{good}");
        }
        for bad in [
            "P", "PT", "P1DT", "P1H", "P-1D", "+P1D", "P1.5Y", "1Y", "PT.S", "P1M1Y", "-P",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn equality_is_field_by_field() {
        assert!(same(&d("P1D"), &d("P01D")));
        assert!(same(&d("P1D"), &d("P1DT0H")));
        assert!(same(&d("PT1S"), &d("PT1.000S")));
        assert!(same(&d("-P0D"), &d("PT0S")));
        assert!(!same(&d("P1D"), &d("PT24H")));
        assert!(!same(&d("P1D"), &d("-P1D")));
    }

    #[test]
    fn order_uses_reference_months() {
        assert!(less(&d("P1D"), &d("PT24H1S")));
        assert!(!less(&d("P1D"), &d("PT24H")));
        assert!(less(&d("P27D"), &d("P1M")));
        assert!(!less(&d("P29D"), &d("P1M")));
        assert!(!less(&d("P1M"), &d("P29D")));
        assert!(less(&d("-P1D"), &d("PT0S")));
        assert!(less(&d("-PT1.5S"), &d("-PT1S")));
        assert!(less(&d("P1D"), &d("P99999999999999999999Y")));
        assert!(!less(
            &d("P99999999999999999999Y"),
            &d("P99999999999999999999Y")
        ));
    }
}
