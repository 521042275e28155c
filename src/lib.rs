//! `cinesync`: read, write and validate cineSync session files, build and open
//! `cinesync:` URLs, and write event handlers.
//!
//! (The crate overview grows with each area; see the README for now.)

mod atomic;
mod error;
mod location;
mod short_hash;

pub use crate::atomic::write_atomically;
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::location::{ElementPath, Location};
pub use crate::short_hash::{is_short_hash, short_hash};
