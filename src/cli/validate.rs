//! `cinesync validate [--schema FILE.rnc] [--json] FILE...|-`: check files against the
//! cineSync session schema (or another compact-syntax schema), many files in parallel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use cinesync::schema::{session_v3, Report, Schema, Validator};
use cinesync::Error;
use rayon::prelude::*;

use super::exit::Exit;
use super::input::{display_name, is_stdin};
use super::render;

/// Check session files against the schema, reporting every problem with its place.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every file is valid, 1 when any file is invalid \
(a file that is not well-formed XML is invalid), 2 on usage, I/O or schema errors."
)]
pub struct ValidateArgs {
    /// The files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A RELAX NG schema in the compact syntax to use instead of the cineSync 3 session
    /// schema.
    #[arg(long, value_name = "FILE.rnc")]
    schema: Option<PathBuf>,
    /// Print one JSON document describing every file's result.
    #[arg(long)]
    json: bool,
}

/// The result for one file.
enum Outcome {
    Checked(Report),
    Failed(Error),
}

/// With more files than this on a terminal, a progress bar is shown.
const PROGRESS_THRESHOLD: usize = 4;

pub fn run(args: &ValidateArgs) -> Exit {
    let schema = match &args.schema {
        Some(path) => match Schema::load_rnc(path) {
            Ok(schema) => {
                for warning in schema.warnings() {
                    eprintln!(
                        "{}:{}: warning: {}",
                        warning.file, warning.location, warning.message
                    );
                }
                schema
            }
            Err(error) => {
                for problem in error.problems() {
                    eprintln!("{}", render::schema_problem(problem));
                }
                return Exit::Trouble;
            }
        },
        None => session_v3().clone(),
    };
    if args.files.iter().filter(|file| is_stdin(file)).count() > 1 {
        eprintln!("error: standard input (-) can be read only once");
        return Exit::Trouble;
    }
    let outcomes = validate_all(&schema, &args.files);
    let exit = outcomes
        .iter()
        .map(|(_, outcome)| exit_of(outcome))
        .fold(Exit::Success, worse);
    let printed = if args.json {
        super::print_stdout(
            render::validation_json(&outcomes_json(&args.files, &outcomes)).as_bytes(),
        )
    } else {
        print_outcomes(&outcomes)
    };
    worse(exit, printed)
}

fn validate_all<'a>(schema: &Schema, files: &'a [PathBuf]) -> Vec<(&'a Path, Outcome)> {
    // One file needs no thread pool (whose idle threads would spin beside the work).
    if let [file] = files {
        return vec![(file.as_path(), validate_one(&mut schema.validator(), file))];
    }
    let progress = (files.len() > PROGRESS_THRESHOLD && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(files.len() as u64));
    let outcomes = files
        .par_iter()
        .map_init(
            || schema.validator(),
            |validator, file| {
                let outcome = validate_one(validator, file);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                (file.as_path(), outcome)
            },
        )
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    outcomes
}

fn validate_one(validator: &mut Validator, file: &Path) -> Outcome {
    let result = if is_stdin(file) {
        validator.validate_reader(std::io::stdin().lock())
    } else {
        validator.validate_path(file)
    };
    match result {
        Ok(report) => Outcome::Checked(report),
        Err(error) => Outcome::Failed(error),
    }
}

fn exit_of(outcome: &Outcome) -> Exit {
    match outcome {
        Outcome::Checked(report) if report.is_valid() => Exit::Success,
        Outcome::Checked(_) => Exit::Invalid,
        Outcome::Failed(error) if error.is_invalid_input() => Exit::Invalid,
        Outcome::Failed(_) => Exit::Trouble,
    }
}

fn worse(a: Exit, b: Exit) -> Exit {
    match (a, b) {
        (Exit::Trouble, _) | (_, Exit::Trouble) => Exit::Trouble,
        (Exit::Invalid, _) | (_, Exit::Invalid) => Exit::Invalid,
        (Exit::Success, Exit::Success) => Exit::Success,
    }
}

/// `FILE: valid`, or one diagnostic per problem (with the offending line and a caret when
/// standard output is a terminal); errors that stopped a file go to stderr.
fn print_outcomes(outcomes: &[(&Path, Outcome)]) -> Exit {
    let snippets = std::io::stdout().is_terminal();
    let mut out = String::new();
    for (file, outcome) in outcomes {
        let name = display_name(file);
        match outcome {
            Outcome::Checked(report) if report.is_valid() => {
                out.push_str(&format!("{name}: valid\n"));
            }
            Outcome::Checked(report) => {
                let lines = if snippets && !is_stdin(file) {
                    render::source_lines(file, report.problems().iter().map(|p| p.location.line))
                } else {
                    Default::default()
                };
                for problem in report.problems() {
                    out.push_str(&render::problem(
                        &name,
                        problem,
                        lines.get(&problem.location.line),
                    ));
                }
                if report.unlisted() > 0 {
                    out.push_str(&format!(
                        "{name}: … and {} more problems\n",
                        report.unlisted()
                    ));
                }
            }
            Outcome::Failed(error) if error.is_invalid_input() => {
                out.push_str(&render::error_line(&name, error));
                out.push('\n');
            }
            Outcome::Failed(error) => {
                eprintln!("{}", render::error_line(&name, error));
            }
        }
    }
    super::print_stdout(out.as_bytes())
}

fn outcomes_json(files: &[PathBuf], outcomes: &[(&Path, Outcome)]) -> serde_json::Value {
    let results = files.iter().zip(outcomes).map(|(file, (_, outcome))| {
        let name = display_name(file);
        match outcome {
            Outcome::Checked(report) => serde_json::json!({
                "file": name,
                "valid": report.is_valid(),
                "problems": report.problems().iter().map(|problem| serde_json::json!({
                    "line": problem.location.line,
                    "column": problem.location.column,
                    "path": problem.path.to_string(),
                    "message": problem.message(),
                })).collect::<Vec<_>>(),
                "unlisted_problems": report.unlisted(),
                "error": null,
            }),
            Outcome::Failed(error) => serde_json::json!({
                "file": name,
                "valid": false,
                "problems": [],
                "unlisted_problems": 0,
                "error": {
                    "message": error.to_string(),
                    "line": error.location().map(|at| at.line),
                    "column": error.location().map(|at| at.column),
                    "io": !error.is_invalid_input(),
                },
            }),
        }
    });
    serde_json::Value::Array(results.collect())
}
