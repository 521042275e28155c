//! Splitting an event script's arguments into the script's own and cineSync's.
//!
//! cineSync appends its arguments after the script's own ones, so its arguments are a block
//! at the end: the longest tail of the argument list made only of cineSync's arguments,
//! each as `--name=VALUE` or `--name VALUE`. Everything before that tail is the script's
//! own, kept in order. A script option that shares a name with one of cineSync's (say
//! `--user`) must therefore not stand directly before cineSync's arguments: put the
//! script's positional arguments last.

use std::ffi::OsString;

use super::error::EventError;

/// One of the arguments cineSync passes to an event script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Key,
    SaveFormat,
    SaveDir,
    Url,
    User,
    OfflineKey,
    PdfPath,
}

const NAMES: [Name; 7] = [
    Name::Key,
    Name::SaveFormat,
    Name::SaveDir,
    Name::Url,
    Name::User,
    Name::OfflineKey,
    Name::PdfPath,
];

impl Name {
    /// The argument as cineSync spells it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Name::Key => "--key",
            Name::SaveFormat => "--save-format",
            Name::SaveDir => "--save-dir",
            Name::Url => "--url",
            Name::User => "--user",
            Name::OfflineKey => "--offline-key",
            Name::PdfPath => "--pdfPath",
        }
    }
}

/// cineSync's arguments, each `None` when absent; an empty value counts as absent.
#[derive(Debug, Default)]
pub(crate) struct CinesyncArgs {
    pub key: Option<String>,
    pub save_format: Option<String>,
    pub save_dir: Option<String>,
    pub url: Option<String>,
    pub user: Option<String>,
    pub offline_key: Option<String>,
    pub pdf_path: Option<String>,
    /// The arguments that were given, with or without a value.
    pub given: Vec<Name>,
}

impl CinesyncArgs {
    /// Whether `name` was given, with or without a value.
    pub fn was_given(&self, name: Name) -> bool {
        self.given.contains(&name)
    }

    /// The value of `name`.
    pub fn slot(&mut self, name: Name) -> &mut Option<String> {
        match name {
            Name::Key => &mut self.key,
            Name::SaveFormat => &mut self.save_format,
            Name::SaveDir => &mut self.save_dir,
            Name::Url => &mut self.url,
            Name::User => &mut self.user,
            Name::OfflineKey => &mut self.offline_key,
            Name::PdfPath => &mut self.pdf_path,
        }
    }
}

/// The arguments split in two.
#[derive(Debug)]
pub(crate) struct SplitArgs {
    /// The script's own arguments, in order.
    pub script: Vec<String>,
    /// cineSync's.
    pub cinesync: CinesyncArgs,
}

/// Splits `args` (without the program name) into the script's own and cineSync's.
pub(crate) fn split(args: Vec<OsString>) -> Result<SplitArgs, EventError> {
    let mut args = into_strings(args)?;
    let start = (0..=args.len())
        .find(|&start| parse_block(&args[start..]).is_ok())
        .unwrap_or(args.len());
    let block = parse_block(&args[start..]).unwrap_or_default();
    let cinesync = assign(block)?;
    args.truncate(start);
    Ok(SplitArgs {
        script: args,
        cinesync,
    })
}

/// The arguments as text; an argument that is not Unicode is an error naming its position.
fn into_strings(args: Vec<OsString>) -> Result<Vec<String>, EventError> {
    args.into_iter()
        .enumerate()
        .map(|(index, arg)| {
            arg.into_string().map_err(|arg| EventError::NotUnicode {
                position: index + 1,
                lossy: arg.to_string_lossy().into_owned(),
            })
        })
        .collect()
}

/// The error for a required argument `name` that is absent from cineSync's block but is
/// among the script's own arguments: something that is not one of cineSync's arguments
/// follows it, so it cannot be part of the block cineSync appends. `None` when `name` is
/// not among them.
pub(crate) fn misplaced(script: &[String], name: Name) -> Option<EventError> {
    let at = script
        .iter()
        .rposition(|arg| recognise(arg).is_some_and(|(found, _)| found == name))?;
    Some(EventError::NotTrailing {
        arguments: script[at..].into(),
    })
}

/// The message of [`EventError::NotTrailing`]: `arguments` are the misplaced argument and
/// everything after it.
pub(crate) fn misplaced_message(arguments: &[String]) -> String {
    let Some((first, after)) = arguments.split_first() else {
        return "one of cineSync's arguments is not among those it appends at the end".to_owned();
    };
    let name = recognise(first).map_or(first.as_str(), |(name, _)| name.as_str());
    let stray = match parse_block(arguments) {
        Err(index) => format!(
            ", and `{}` is not one of cineSync's arguments",
            arguments[index]
        ),
        Ok(_) => String::new(),
    };
    format!(
        "argument `{name}` was found (as `{first}`), but not among the arguments cineSync \
         appends at the end: it is followed by `{}`{stray} (the script's own arguments must \
         all come before cineSync's)",
        after.join(" ")
    )
}

/// Reads `args` as cineSync arguments only; when one of them is not one, fails with its
/// index. A value is `None` when the argument has none (`--key` last, or before another
/// of cineSync's arguments).
fn parse_block(args: &[String]) -> Result<Vec<(Name, Option<&str>)>, usize> {
    let mut block = Vec::new();
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        let (name, inline) = recognise(first).ok_or(args.len() - rest.len())?;
        match inline {
            Some(value) => {
                block.push((name, Some(value)));
                rest = tail;
            }
            None => match tail.split_first() {
                Some((value, after)) if recognise(value).is_none() => {
                    block.push((name, Some(value.as_str())));
                    rest = after;
                }
                _ => {
                    block.push((name, None));
                    rest = tail;
                }
            },
        }
    }
    Ok(block)
}

/// The cineSync argument `arg` is, with its inline value (`--key=VALUE`), if any.
fn recognise(arg: &str) -> Option<(Name, Option<&str>)> {
    NAMES.into_iter().find_map(|name| {
        let rest = arg.strip_prefix(name.as_str())?;
        if rest.is_empty() {
            Some((name, None))
        } else {
            rest.strip_prefix('=').map(|value| (name, Some(value)))
        }
    })
}

/// Puts each argument in its place; a repeated argument is an error.
fn assign(block: Vec<(Name, Option<&str>)>) -> Result<CinesyncArgs, EventError> {
    let mut args = CinesyncArgs::default();
    for (name, value) in block {
        if args.was_given(name) {
            return Err(EventError::Repeated {
                argument: name.as_str(),
            });
        }
        args.given.push(name);
        let value = value.filter(|value| !value.is_empty()).map(str::to_owned);
        *args.slot(name) = value;
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_strs(args: &[&str]) -> Result<SplitArgs, EventError> {
        split(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn the_block_is_the_longest_tail_of_cinesync_arguments() {
        let split = split_strs(&["--key", "b", "x", "--key=K", "--save-format", "PNG"]).unwrap();
        assert_eq!(split.script, ["--key", "b", "x"]);
        assert_eq!(split.cinesync.key.as_deref(), Some("K"));
        assert_eq!(split.cinesync.save_format.as_deref(), Some("PNG"));
    }

    #[test]
    fn a_script_option_named_like_cinesyncs_right_before_them_is_theirs() {
        let error = split_strs(&["a", "--key", "b", "--key=K", "--save-format=PNG"]).unwrap_err();
        assert_eq!(error, EventError::Repeated { argument: "--key" });
    }

    #[test]
    fn a_name_followed_by_another_name_has_no_value() {
        let split = split_strs(&["--save-dir", "--key=K"]).unwrap();
        assert!(split.script.is_empty());
        assert_eq!(split.cinesync.save_dir, None);
        assert_eq!(split.cinesync.key.as_deref(), Some("K"));
    }

    #[test]
    fn a_required_argument_followed_by_a_foreign_one_is_reported_as_misplaced() {
        let args = ["-x", "--key", "K", "--save-format=PNG", "--extra=1", "y"];
        let split = split_strs(&args).unwrap();
        assert_eq!(split.script, args);
        let error = misplaced(&split.script, Name::Key).unwrap();
        assert_eq!(
            error,
            EventError::NotTrailing {
                arguments: ["--key", "K", "--save-format=PNG", "--extra=1", "y"]
                    .map(String::from)
                    .into(),
            }
        );
        assert_eq!(
            error.to_string(),
            "argument `--key` was found (as `--key`), but not among the arguments cineSync \
             appends at the end: it is followed by `K --save-format=PNG --extra=1 y`, and \
             `--extra=1` is not one of cineSync's arguments (the script's own arguments must \
             all come before cineSync's)"
        );
        assert_eq!(misplaced(&split.script, Name::SaveDir), None);
        assert_eq!(
            misplaced(&["--keys=1".to_owned(), "x".to_owned()], Name::Key),
            None
        );
        // Made by hand, the error still has a message.
        let empty = EventError::NotTrailing {
            arguments: Box::new([]),
        };
        assert_eq!(
            empty.to_string(),
            "one of cineSync's arguments is not among those it appends at the end"
        );
    }

    #[test]
    fn a_longer_name_sharing_a_prefix_is_not_a_cinesync_argument() {
        let split = split_strs(&["--keys=3", "--key=K"]).unwrap();
        assert_eq!(split.script, ["--keys=3"]);
    }
}
