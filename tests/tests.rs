//! Integration tests: one module per area.

/// Shared helpers: the `cinesync` binary, the reference files, temporary folders.
mod util;
