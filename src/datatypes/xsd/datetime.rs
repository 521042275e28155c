//! `dateTime`, `date`, `time` and the `g*` types, read and compared as jing does.
//!
//! jing builds a `java.util.GregorianCalendar` (proleptic, not lenient) from the fields,
//! which decides what is valid beyond the lexical form: no year 0, years up to 292278994,
//! hours up to 23 (no `24:00:00`), seconds up to 60 (a leap second), time zones from
//! -13:00 to +14:00. A value is an instant in milliseconds (fraction digits past the third
//! are ignored), a leap-second count, and whether it had a time zone: values with and
//! without a time zone are never equal, and are ordered with 14 hours between them.

/// The lexical shape of a date/time type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// `2001-10-26T21:32:52`
    DateTime,
    /// `21:32:52`
    Time,
    /// `2001-10-26`
    Date,
    /// `2001-10`
    GYearMonth,
    /// `2001`
    GYear,
    /// `--10-26`
    GMonthDay,
    /// `---26`
    GDay,
    /// `--10`
    GMonth,
}

impl DateKind {
    /// The fields, as jing's templates write them: `Y` year, `M` month, `D` day, `t` time;
    /// any other character stands for itself.
    fn template(self) -> &'static [u8] {
        match self {
            DateKind::DateTime => b"Y-M-DTt",
            DateKind::Time => b"t",
            DateKind::Date => b"Y-M-D",
            DateKind::GYearMonth => b"Y-M",
            DateKind::GYear => b"Y",
            DateKind::GMonthDay => b"--M-D",
            DateKind::GDay => b"---D",
            DateKind::GMonth => b"--M",
        }
    }
}

/// A date/time value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Instant {
    millis: i64,
    leap_millis: u32,
    has_time_zone: bool,
}

const MILLIS_PER_DAY: i64 = 86_400_000;
const TIME_ZONE_MAX_MILLIS: i64 = 14 * 3_600_000;
const MAX_YEAR: i64 = 292_278_994;

#[derive(Debug, Clone, Copy)]
struct Fields {
    bc: bool,
    year: i64,
    month: i64,
    day: i64,
    hours: i64,
    minutes: i64,
    seconds: i64,
    millis: i64,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn digits(&mut self) -> &[u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or(&[])
    }

    fn two_digits(&mut self) -> Option<i64> {
        let (a, b) = (self.peek()?, *self.bytes.get(self.pos + 1)?);
        if !a.is_ascii_digit() || !b.is_ascii_digit() {
            return None;
        }
        self.pos += 2;
        Some(i64::from(a - b'0') * 10 + i64::from(b - b'0'))
    }
}

/// The value of `text` (already whitespace-collapsed), or `None` when it is not of `kind`.
pub(crate) fn parse(kind: DateKind, text: &str) -> Option<Instant> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut fields = Fields {
        bc: false,
        year: 2000, // any leap year will do, as in jing
        month: 1,
        day: 1,
        hours: 0,
        minutes: 0,
        seconds: 0,
        millis: 0,
    };
    for &part in kind.template() {
        match part {
            b'Y' => read_year(&mut cursor, &mut fields)?,
            b'M' => fields.month = cursor.two_digits()?,
            b'D' => fields.day = cursor.two_digits()?,
            b't' => read_time(&mut cursor, &mut fields)?,
            other => cursor.eat(other)?,
        }
    }
    let offset = read_time_zone(&mut cursor)?;
    if cursor.pos != text.len() {
        return None;
    }
    instant(fields, offset)
}

/// `-?([1-9][0-9]*)?[0-9]{4}`, parsed as a Java `int`.
fn read_year(cursor: &mut Cursor<'_>, fields: &mut Fields) -> Option<()> {
    fields.bc = cursor.eat(b'-').is_some();
    let digits = cursor.digits();
    if digits.len() < 4 || (digits.len() > 4 && digits.first() == Some(&b'0')) {
        return None;
    }
    let year: i64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    if year > i64::from(i32::MAX) {
        return None;
    }
    fields.year = year;
    Some(())
}

/// `hh:mm:ss(.s*)?`; jing keeps the first three fraction digits.
fn read_time(cursor: &mut Cursor<'_>, fields: &mut Fields) -> Option<()> {
    fields.hours = cursor.two_digits()?;
    cursor.eat(b':')?;
    fields.minutes = cursor.two_digits()?;
    cursor.eat(b':')?;
    fields.seconds = cursor.two_digits()?;
    if cursor.eat(b'.').is_some() {
        let digits = cursor.digits();
        fields.millis = (0..3).fold(0, |millis, i| {
            millis * 10 + digits.get(i).map_or(0, |d| i64::from(d - b'0'))
        });
    }
    Some(())
}

/// `Z`, `[+-]hh:mm` with minutes below 60, or nothing; the offset in milliseconds.
fn read_time_zone(cursor: &mut Cursor<'_>) -> Option<Option<i64>> {
    let sign = match cursor.peek() {
        None => return Some(None),
        Some(b'Z') => {
            cursor.pos += 1;
            return Some(Some(0));
        }
        Some(b'+') => 1,
        Some(b'-') => -1,
        Some(_) => return None,
    };
    cursor.pos += 1;
    let hours = cursor.two_digits()?;
    cursor.eat(b':')?;
    let minutes = cursor.two_digits()?;
    if minutes > 59 {
        return None;
    }
    Some(Some(sign * (hours * 60 + minutes) * 60_000))
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// What the calendar makes of the fields, or `None` where it refuses them.
fn instant(mut fields: Fields, offset: Option<i64>) -> Option<Instant> {
    let zone = offset.unwrap_or(0);
    if !(-13 * 3_600_000..=TIME_ZONE_MAX_MILLIS).contains(&zone) {
        return None;
    }
    let leap_millis = if fields.seconds == 60 {
        let leap = fields.millis + 1;
        fields.millis = 999;
        fields.seconds = 59;
        leap
    } else {
        0
    };
    if !(1..=MAX_YEAR).contains(&fields.year)
        || !(1..=12).contains(&fields.month)
        || fields.hours > 23
        || fields.minutes > 59
        || fields.seconds > 59
    {
        return None;
    }
    // Year n BC is year 1 - n of the proleptic calendar.
    let year = if fields.bc {
        1 - fields.year
    } else {
        fields.year
    };
    if !(1..=days_in_month(year, fields.month)).contains(&fields.day) {
        return None;
    }
    let day_millis =
        ((fields.hours * 60 + fields.minutes) * 60 + fields.seconds) * 1000 + fields.millis;
    let millis = i128::from(days_from_civil(year, fields.month, fields.day))
        * i128::from(MILLIS_PER_DAY)
        + i128::from(day_millis)
        - i128::from(zone);
    Some(Instant {
        millis: i64::try_from(millis).ok()?,
        leap_millis: u32::try_from(leap_millis).ok()?,
        has_time_zone: offset.is_some(),
    })
}

/// jing's order: by instant, then leap second; when only one side has a time zone, the
/// other is taken 14 hours towards it.
pub(crate) fn less(a: &Instant, b: &Instant) -> bool {
    let (mut ta, mut tb) = (i128::from(a.millis), i128::from(b.millis));
    if a.has_time_zone && !b.has_time_zone {
        tb -= i128::from(TIME_ZONE_MAX_MILLIS);
    } else if !a.has_time_zone && b.has_time_zone {
        ta += i128::from(TIME_ZONE_MAX_MILLIS);
    }
    (ta, a.leap_millis) < (tb, b.leap_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: DateKind, text: &str) -> bool {
        parse(kind, text).is_some()
    }

    #[test]
    fn date_times_follow_the_calendar() {
        use DateKind::DateTime as Dt;
        assert!(ok(Dt, "2001-10-26T21:32:52"));
        assert!(ok(Dt, "2001-10-26T21:32:52.12679+02:00"));
        assert!(ok(Dt, "2001-10-26T21:32:52."));
        assert!(ok(Dt, "2000-02-29T00:00:00"));
        assert!(ok(Dt, "-0001-01-01T00:00:00"));
        assert!(ok(Dt, "12345-01-01T00:00:00"));
        assert!(ok(Dt, "2001-10-26T23:59:60Z"));
        assert!(!ok(Dt, "2001-02-29T00:00:00"));
        assert!(!ok(Dt, "1900-02-29T00:00:00"));
        assert!(!ok(Dt, "0000-01-01T00:00:00"));
        assert!(!ok(Dt, "01234-01-01T00:00:00"));
        assert!(!ok(Dt, "2001-10-26T24:00:00"));
        assert!(!ok(Dt, "2001-10-26T21:32:52+02:60"));
        assert!(!ok(Dt, "2001-10-26T21:32:52+0200"));
        assert!(!ok(Dt, "2001-10-26"));
    }

    #[test]
    fn g_types_use_a_leap_year() {
        assert!(ok(DateKind::GMonthDay, "--02-29"));
        assert!(!ok(DateKind::GMonthDay, "--04-31"));
        assert!(ok(DateKind::GDay, "---31"));
        assert!(!ok(DateKind::GMonth, "--13"));
        assert!(ok(DateKind::GYear, "-2001"));
        assert!(ok(DateKind::Time, "13:20:00-05:00"));
    }

    #[test]
    fn instants_compare_across_time_zones() {
        let at = |text| parse(DateKind::DateTime, text);
        assert_eq!(at("2001-10-26T21:32:52+02:00"), at("2001-10-26T19:32:52Z"));
        assert_eq!(at("2001-10-26T19:32:52.0001Z"), at("2001-10-26T19:32:52Z"));
        assert_ne!(at("2001-10-26T19:32:52"), at("2001-10-26T19:32:52Z"));
        let (Some(limit), Some(early), Some(late)) = (
            at("2001-01-01T00:00:00Z"),
            at("2001-01-01T14:00:00"),
            at("2001-01-01T14:00:01"),
        ) else {
            panic!("valid date-times")
        };
        assert!(!less(&limit, &early));
        assert!(less(&limit, &late));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
