//! Warnings from loading a session: things that did not stop the load but that a caller
//! may want to show.

use std::fmt;

use crate::location::{ElementPath, Location};

/// Something the loader noticed and handled without failing.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Where it is in the input.
    pub location: Location,
    /// The element concerned.
    pub path: ElementPath,
    /// What it is.
    pub kind: WarningKind,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// The file declares a format version newer than 3; it was read as version 3.
    NewerVersion {
        /// The declared version.
        version: u64,
    },
    /// An attribute this toolkit does not know; it was kept and is written back (unless
    /// strict v3 output is asked for).
    UnknownAttribute {
        /// Its name, as `{namespace}name` when it has a namespace.
        name: String,
    },
    /// An element this toolkit does not know; it was kept in its place and is written
    /// back there (unless strict v3 output is asked for).
    UnknownElement {
        /// Its name, as `{namespace}name` when it has a namespace.
        name: String,
    },
    /// Content that has no place in the model and was dropped: text between elements, a
    /// processing instruction, a comment or processing instruction outside the `session`
    /// element, or a second copy of an element the model holds once (with what it held).
    Dropped {
        /// What was dropped.
        what: String,
    },
    /// A second locator of a kind the media already has; the first one is kept.
    DuplicateLocator {
        /// The locator kind: `path`, `shortHash` or `url`.
        kind: String,
    },
    /// More warnings than a load lists; these were counted, not listed.
    Unlisted {
        /// How many warnings were left out of the list.
        count: usize,
    },
    /// A second annotation for a frame that already has one; the two were merged.
    MergedAnnotation {
        /// The frame number.
        frame: u32,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} at {}", self.path, self.kind, self.location)
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::NewerVersion { version } => write!(
                f,
                "the file is session format version {version}, newer than the version 3 this toolkit knows; it was read as version 3"
            ),
            WarningKind::UnknownAttribute { name } => {
                write!(f, "unknown attribute `{name}` kept")
            }
            WarningKind::UnknownElement { name } => write!(f, "unknown element `{name}` kept"),
            WarningKind::Dropped { what } => write!(f, "{what} dropped"),
            WarningKind::DuplicateLocator { kind } => {
                write!(f, "a second `{kind}` locator was ignored; the first one is kept")
            }
            WarningKind::Unlisted { count } => write!(f, "{count} more warnings like the ones above were not listed"),
            WarningKind::MergedAnnotation { frame } => {
                write!(f, "a second annotation for frame {frame} was merged into the first")
            }
        }
    }
}
