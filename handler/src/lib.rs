//! Ready cineSync event-handler programs, built on the [`cinesync`] library.
//!
//! The binaries live in `src/bin/`, one file per handler.
