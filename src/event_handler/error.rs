//! The error of reading cineSync's event-script arguments.

/// Why the arguments cineSync passed to an event script cannot be used.
///
/// Every variant names the argument at fault, as cineSync spells it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// A required argument is absent: `--key` or `--save-format`.
    #[error("missing argument `{argument}`: cineSync passes it to every event script (run this program from cineSync's script preferences)")]
    MissingArgument {
        /// The argument, as `--key`.
        argument: &'static str,
    },
    /// A required argument (`--key` or `--save-format`) is there, but not in the block of
    /// arguments cineSync appends at the end: something that is not one of cineSync's
    /// arguments follows it (a newer cineSync's unknown argument, or a stray word), so it
    /// was taken for one of the script's own. The message names the argument, what
    /// follows it, and the first of those that is not one of cineSync's.
    #[error("{}", super::args::misplaced_message(.arguments))]
    NotTrailing {
        /// The argument as given (`--key=K`, or `--key` then its value) and every argument
        /// after it.
        arguments: Box<[String]>,
    },
    /// A required argument is present without a value (`--key` at the end, or `--key=`).
    #[error("argument `{argument}` has no value")]
    MissingValue {
        /// The argument, as `--key`.
        argument: &'static str,
    },
    /// One of cineSync's arguments is given more than once.
    #[error("argument `{argument}` is given more than once")]
    Repeated {
        /// The argument, as `--key`.
        argument: &'static str,
    },
    /// `--save-format` is neither `JPEG` nor `PNG`.
    #[error("unknown save format `{value}` in `--save-format`: expected JPEG or PNG")]
    UnknownSaveFormat {
        /// The value given.
        value: String,
    },
    /// An argument is not valid Unicode (possible on Unix, where arguments are bytes).
    #[error("argument {position} is not valid Unicode: `{lossy}`")]
    NotUnicode {
        /// Its position among the arguments, counting from 1 (the program name not counted).
        position: usize,
        /// The argument with its invalid bytes shown as U+FFFD.
        lossy: String,
    },
}
