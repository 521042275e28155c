//! Benchmark support for `cinesync`: the binaries in `src/bin/` generate sessions and time
//! the bare parsers that set the floor for any reader or validator.

/// Parses a size such as `100KB`, `10MB`, `1GB` or `5000` (bytes; decimal units).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let upper = text.trim().to_ascii_uppercase();
    let (digits, unit) = match upper.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => upper.split_at(at),
        None => (upper.as_str(), ""),
    };
    let number: usize = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size like 10MB"))?;
    let factor = match unit {
        "" | "B" => 1,
        "KB" => 1_000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        _ => return Err(format!("{text:?}: the unit must be B, KB, MB or GB")),
    };
    Ok(number * factor)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::parse_size("100KB"), Ok(100_000));
        assert_eq!(super::parse_size("10mb"), Ok(10_000_000));
        assert_eq!(super::parse_size("42"), Ok(42));
        assert!(super::parse_size("1TB").is_err());
    }
}
