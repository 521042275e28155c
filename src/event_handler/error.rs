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
