//! Sets of characters as sorted, disjoint, non-adjacent ranges of code points, with the
//! operations XSD character classes need: union, complement, subtraction.

use std::fmt::Write;

const MAX: u32 = 0x10FFFF;
const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);

/// A set of code points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    /// The set holding only `c`.
    pub(crate) fn single(c: char) -> CharSet {
        let c = u32::from(c);
        CharSet {
            ranges: vec![(c, c)],
        }
    }

    /// The set of `lo..=hi`.
    pub(crate) fn range(lo: char, hi: char) -> CharSet {
        CharSet {
            ranges: vec![(u32::from(lo), u32::from(hi))],
        }
    }

    /// The set of a table's ranges (sorted or not).
    pub(crate) fn from_table(table: &[(u32, u32)]) -> CharSet {
        CharSet::normalized(table.to_vec())
    }

    /// The union of several tables.
    pub(crate) fn from_tables(tables: &[&[(u32, u32)]]) -> CharSet {
        CharSet::normalized(tables.iter().flat_map(|t| t.iter().copied()).collect())
    }

    fn normalized(mut ranges: Vec<(u32, u32)>) -> CharSet {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        CharSet { ranges: merged }
    }

    /// Whether `c` is in the set.
    #[cfg(test)]
    pub(crate) fn contains(&self, c: char) -> bool {
        let c = u32::from(c);
        self.ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// The characters in `self` or in `other`.
    pub(crate) fn union(&self, other: &CharSet) -> CharSet {
        let mut all = self.ranges.clone();
        all.extend_from_slice(&other.ranges);
        CharSet::normalized(all)
    }

    /// Every code point not in the set.
    pub(crate) fn complement(&self) -> CharSet {
        let mut out = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = 0u32;
        for &(lo, hi) in &self.ranges {
            if lo > next {
                out.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= MAX {
            out.push((next, MAX));
        }
        CharSet { ranges: out }
    }

    /// The characters in `self` but not in `other`.
    pub(crate) fn subtract(&self, other: &CharSet) -> CharSet {
        self.intersect(&other.complement())
    }

    fn intersect(&self, other: &CharSet) -> CharSet {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while let (Some(&(a_lo, a_hi)), Some(&(b_lo, b_hi))) =
            (self.ranges.get(i), other.ranges.get(j))
        {
            let lo = a_lo.max(b_lo);
            let hi = a_hi.min(b_hi);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a_hi < b_hi {
                i += 1;
            } else {
                j += 1;
            }
        }
        CharSet { ranges: out }
    }

    /// The set as a class of the `regex` crate, surrogates (which no `str` holds) left out.
    pub(crate) fn write_regex_class(&self, out: &mut String) {
        out.push('[');
        let mut any = false;
        for &(lo, hi) in &self.ranges {
            for (lo, hi) in without_surrogates(lo, hi) {
                any = true;
                // Writing to a String cannot fail.
                let _ = if lo == hi {
                    write!(out, "\\x{{{lo:X}}}")
                } else {
                    write!(out, "\\x{{{lo:X}}}-\\x{{{hi:X}}}")
                };
            }
        }
        if !any {
            // The regex crate takes an empty class as one that never matches.
            out.push_str("^\\x{0}-\\x{10FFFF}");
        }
        out.push(']');
    }
}

fn without_surrogates(lo: u32, hi: u32) -> impl Iterator<Item = (u32, u32)> {
    let below = (lo < SURROGATES.0).then(|| (lo, hi.min(SURROGATES.0 - 1)));
    let above = (hi > SURROGATES.1).then(|| (lo.max(SURROGATES.1 + 1), hi));
    below.into_iter().chain(above)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ranges: &[(u32, u32)]) -> CharSet {
        CharSet::from_table(ranges)
    }

    #[test]
    fn union_merges_adjacent_and_overlapping_ranges() {
        let u = set(&[(10, 20), (30, 40)]).union(&set(&[(21, 25), (35, 50)]));
        assert_eq!(u.ranges, vec![(10, 25), (30, 50)]);
    }

    #[test]
    fn complement_covers_everything_else() {
        assert_eq!(
            set(&[(0, 9), (20, 0x10FFFF)]).complement().ranges,
            vec![(10, 19)]
        );
        assert_eq!(CharSet::default().complement().ranges, vec![(0, MAX)]);
    }

    #[test]
    fn subtraction_removes_the_second_set() {
        let s = set(&[(u32::from('a'), u32::from('z'))]).subtract(&set(&[
            (u32::from('a'), u32::from('a')),
            (u32::from('e'), u32::from('e')),
        ]));
        assert_eq!(
            s.ranges,
            vec![
                (u32::from('b'), u32::from('d')),
                (u32::from('f'), u32::from('z'))
            ]
        );
        assert!(s.contains('b') && !s.contains('e') && !s.contains('A'));
    }

    #[test]
    fn regex_class_skips_surrogates() {
        let mut out = String::new();
        set(&[(0xD000, 0xE000)]).write_regex_class(&mut out);
        assert_eq!(out, "[\\x{D000}-\\x{D7FF}\\x{E000}]");
        let mut empty = String::new();
        CharSet::default().write_regex_class(&mut empty);
        assert_eq!(empty, "[^\\x{0}-\\x{10FFFF}]");
    }
}
