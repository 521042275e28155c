//! A small unsigned integer of any size, for the arithmetic `duration` order needs
//! (multiply and divide by small numbers, add, compare) on fields of any length.

use std::cmp::Ordering;

const BASE: u64 = 1_000_000_000;

/// An unsigned integer in base 10^9, least significant limb first, no high zero limbs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    /// The number written in decimal `digits` (ASCII digits only; empty is zero).
    pub(crate) fn from_digits(digits: &str) -> BigUint {
        let digits = digits.trim_start_matches('0').as_bytes();
        let mut limbs = Vec::with_capacity(digits.len() / 9 + 1);
        for chunk in digits.rchunks(9) {
            let limb = chunk.iter().fold(0u32, |acc, &d| {
                acc * 10 + u32::from(d.wrapping_sub(b'0') % 10)
            });
            limbs.push(limb);
        }
        BigUint { limbs }
    }

    /// The number `n`.
    pub(crate) fn from_u64(mut n: u64) -> BigUint {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % BASE) as u32);
            n /= BASE;
        }
        BigUint { limbs }
    }

    fn trim(mut self) -> BigUint {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
        self
    }

    /// `self * factor + addend`.
    pub(crate) fn mul_add(&self, factor: u32, addend: &BigUint) -> BigUint {
        let len = self.limbs.len().max(addend.limbs.len()) + 1;
        let mut limbs = Vec::with_capacity(len);
        let mut carry = 0u64;
        for i in 0..len {
            let a = u64::from(self.limbs.get(i).copied().unwrap_or(0));
            let b = u64::from(addend.limbs.get(i).copied().unwrap_or(0));
            let total = a * u64::from(factor) + b + carry;
            limbs.push((total % BASE) as u32);
            carry = total / BASE;
        }
        while carry > 0 {
            limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
        BigUint { limbs }.trim()
    }

    /// Quotient and remainder of the division by `divisor` (not zero).
    pub(crate) fn div_rem(&self, divisor: u32) -> (BigUint, u32) {
        let divisor = u64::from(divisor.max(1));
        let mut limbs = vec![0u32; self.limbs.len()];
        let mut remainder = 0u64;
        for (i, &limb) in self.limbs.iter().enumerate().rev() {
            let current = remainder * BASE + u64::from(limb);
            if let Some(slot) = limbs.get_mut(i) {
                *slot = (current / divisor) as u32;
            }
            remainder = current % divisor;
        }
        (BigUint { limbs }.trim(), remainder as u32)
    }

    /// Whether it is zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &BigUint) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &BigUint) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let big = BigUint::from_digits("123456789012345678901234567890");
        let zero = BigUint::default();
        assert_eq!(big.mul_add(1, &zero), big);
        assert_eq!(
            big.mul_add(12, &BigUint::from_u64(7)),
            BigUint::from_digits("1481481468148148146814814814687")
        );
        assert_eq!(
            big.div_rem(4800),
            (BigUint::from_digits("25720164377572016437757201"), 3090)
        );
        assert!(BigUint::from_digits("0010") == BigUint::from_u64(10));
        assert!(BigUint::from_digits("999999999") < BigUint::from_digits("1000000000"));
        assert!(BigUint::from_digits("").is_zero());
    }
}
