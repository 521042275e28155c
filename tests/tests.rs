//! Integration tests: one module per area.

/// Shared helpers: the `cinesync` binary, the reference files, temporary folders.
mod util;

/// Loading and writing the reference session files.
mod session_files;

/// Property tests: written sessions load back equal and are schema-valid.
mod session_roundtrip;

/// Rules a model must follow to be written; atomic saves; escaping.
mod model_rules;

/// The inspect, create and hash commands.
mod cli_session;

/// The EventHandler: cineSync's arguments, the session on stdin, saved frames.
mod events;

/// Notes export to CSV and JSON, and `cinesync notes`.
mod export;

/// cinesync: URLs: building, parsing, the CLI, and opening through a real xdg handler.
mod commands;

/// The programs in `examples/`, run on real inputs (dry runs, a real SMTP server).
mod examples;

/// The validator: messages, positions, both event sources, scale.
mod validate;

/// `cinesync validate`: output, exit statuses, other schemas, JSON, stdin.
mod cli_validate;

/// The RELAX NG datatype library: a verdict table checked against jing.
mod datatypes;

/// A seeded mutator of XML documents, for the differential tests.
mod mutate;

/// Differential tests of RELAX NG validation against jing: fixtures, mutants, bad schemas.
mod differential;

/// The RELAX NG compact-syntax parser: fixtures with trang's verdicts, the cineSync schema,
/// nesting limits, and random trees printed and parsed back.
mod rnc_parse;

/// Hostile input: entities, deep nesting, bad encodings, huge numbers and values, floods
/// of attributes, long text; clear errors in bounded time and memory.
mod hostile;

/// What the fuzzers found, kept as tests of the fixed behaviour (FUZZING.md).
mod fuzz_regressions;
