//! Differential tests against jing, the reference RELAX NG validator.
//!
//! The harness ([`compare_with_jing`]) runs jing once over a whole corpus of documents
//! and compares each verdict with another validator's. Until our validator exists, that
//! other validator is a stand-in ([`our_verdict`] is the integration point); the tests in
//! this branch prove the harness on stand-ins: the fixtures' folders, jing itself run one
//! document at a time, jing's verdicts deliberately falsified, and xmllint.
//!
//! Corpora: the small schemas of `tests/fixtures/rng/NN-topic/` with their valid and
//! invalid documents and mutants of the valid ones; the session schema with the reference
//! sessions, generated sessions and more than 5,000 mutants; and the schemas jing refuses
//! (`tests/fixtures/rng/bad-schemas/`), each with jing's messages in a `.expected` file.
//! Set `DIFFTEST_BLESS=1` to write the `.expected` files again from jing's output.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::mutate::{Mutator, Operation};
use crate::util::{java_tool, jing_report, reference_dir, scratch_dir, tool_available, JingReport};

// ==== Verdicts and the harness ====

/// A validator's verdict on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The document matches the schema.
    Valid,
    /// The document does not match (or is not well-formed), with the validator's messages.
    Invalid(Vec<String>),
}

impl Verdict {
    /// Whether the verdict is [`Verdict::Valid`].
    pub fn is_valid(&self) -> bool {
        *self == Verdict::Valid
    }

    /// A verdict from a [`JingReport`] entry.
    fn from_jing(verdict: &Result<(), Vec<String>>) -> Self {
        match verdict {
            Ok(()) => Verdict::Valid,
            Err(messages) => Verdict::Invalid(messages.clone()),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Valid => write!(f, "valid"),
            Verdict::Invalid(messages) => {
                write!(f, "invalid")?;
                for message in messages.iter().take(3) {
                    write!(f, "\n        {message}")?;
                }
                if messages.len() > 3 {
                    write!(f, "\n        (and {} more)", messages.len() - 3)?;
                }
                Ok(())
            }
        }
    }
}

/// A document on which jing and the other validator disagree.
#[derive(Debug, Clone)]
pub struct Disagreement {
    /// The document.
    pub document: PathBuf,
    /// What the document is (a fixture, a mutant of which document by which operations).
    pub about: String,
    /// jing's verdict.
    pub jing: Verdict,
    /// The other validator's verdict.
    pub ours: Verdict,
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\n    what: {}\n    jing: {}\n    ours: {}",
            self.document.display(),
            self.about,
            self.jing,
            self.ours
        )
    }
}

/// Checks `documents` against `schema` with jing (in one batch) and with `ours`, and
/// lists the documents where the two disagree on validity. `None` when jing is not
/// installed (see [`tool_available`]); panics when jing refuses the schema.
pub fn compare_with_jing(
    schema: &Path,
    documents: &[PathBuf],
    ours: &dyn Fn(&Path) -> Verdict,
) -> Option<Vec<Disagreement>> {
    let jing = jing_verdicts(schema, documents)?;
    Some(disagreements(&jing, ours))
}

/// jing's verdict on each document, from one batch (see [`jing_report`]), with the time
/// it took printed for the record.
fn jing_verdicts(schema: &Path, documents: &[PathBuf]) -> Option<Vec<(PathBuf, Verdict)>> {
    let report = jing_report(schema, documents)?;
    assert!(
        report.schema_errors.is_empty(),
        "jing refuses {}:\n{}",
        schema.display(),
        report.schema_errors.join("\n")
    );
    print_timing(schema, &report);
    Some(
        documents
            .iter()
            .zip(&report.verdicts)
            .map(|(document, (_, verdict))| (document.clone(), Verdict::from_jing(verdict)))
            .collect(),
    )
}

/// Prints how long jing took over a corpus.
fn print_timing(schema: &Path, report: &JingReport) {
    let name = schema.file_name().unwrap_or_default().to_string_lossy();
    let parent = schema
        .parent()
        .and_then(Path::file_name)
        .unwrap_or_default()
        .to_string_lossy();
    eprintln!(
        "jing: {} documents against {parent}/{name} in {} run(s), {:.2} s",
        report.verdicts.len(),
        report.runs,
        report.elapsed.as_secs_f64()
    );
}

/// The documents of `jing` where `ours` disagrees on validity.
fn disagreements(
    jing: &[(PathBuf, Verdict)],
    ours: &dyn Fn(&Path) -> Verdict,
) -> Vec<Disagreement> {
    jing.iter()
        .filter_map(|(document, jing)| {
            let ours = ours(document);
            (ours.is_valid() != jing.is_valid()).then(|| Disagreement {
                document: document.clone(),
                about: String::new(),
                jing: jing.clone(),
                ours,
            })
        })
        .collect()
}

/// A readable list of disagreements (the first 25), each with its `about` from the
/// corpus; `None` when there is none.
fn disagreement_report(
    what: &str,
    corpus: &Corpus,
    mut found: Vec<Disagreement>,
) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    for disagreement in &mut found {
        if disagreement.about.is_empty() {
            disagreement.about = corpus.about(&disagreement.document);
        }
    }
    let shown: Vec<String> = found.iter().take(25).map(ToString::to_string).collect();
    Some(format!(
        "{what}: {} disagreement(s) with jing{}:\n{}",
        found.len(),
        if found.len() > 25 { " (first 25)" } else { "" },
        shown.join("\n")
    ))
}

/// Panics with a readable list when there is any disagreement.
fn assert_no_disagreements(what: &str, corpus: &Corpus, found: Vec<Disagreement>) {
    if let Some(report) = disagreement_report(what, corpus, found) {
        panic!("{report}");
    }
}

/// Panics with every report when any corpus had disagreements.
fn assert_no_reports(reports: Vec<String>) {
    assert!(reports.is_empty(), "{}", reports.join("\n\n"));
}

// ==== Our validator, and stand-ins for it ====

/// Our validator's verdict on `document` against the compact-syntax `schema`, from both
/// event sources: the streaming parser and a `roxmltree` document must report the same
/// problems at the same places (or both find the document not well-formed).
fn our_verdict(schema: &Path, document: &Path) -> Verdict {
    verdict_of(&our_schema(schema), document)
}

/// [`our_verdict`] with a schema already loaded.
fn verdict_of(schema: &cinesync::schema::Schema, document: &Path) -> Verdict {
    let streamed = match schema.validate_path(document) {
        Ok(report) => report,
        Err(error) => {
            let text = std::fs::read_to_string(document).unwrap_or_default();
            assert!(
                roxmltree::Document::parse(&text).is_err()
                    || !error.is_invalid_input()
                    || text.contains("<!DOCTYPE"),
                "only the streaming source refuses {}: {error}",
                document.display()
            );
            return Verdict::Invalid(vec![error.to_string()]);
        }
    };
    let text = std::fs::read_to_string(document).expect("the document is UTF-8");
    let parsed = roxmltree::Document::parse(&text)
        .unwrap_or_else(|error| panic!("only roxmltree refuses {}: {error}", document.display()));
    let walked = schema.validate_document(&parsed);
    let messages = |report: &cinesync::schema::Report| -> Vec<String> {
        report.problems().iter().map(ToString::to_string).collect()
    };
    assert_eq!(
        messages(&streamed),
        messages(&walked),
        "the sources disagree on {}",
        document.display()
    );
    if streamed.is_valid() {
        Verdict::Valid
    } else {
        Verdict::Invalid(messages(&streamed))
    }
}

/// Our schema for a path, loaded once per path.
fn our_schema(path: &Path) -> cinesync::schema::Schema {
    static SCHEMAS: Mutex<BTreeMap<PathBuf, cinesync::schema::Schema>> =
        Mutex::new(BTreeMap::new());
    let mut schemas = SCHEMAS.lock().unwrap_or_else(|poison| poison.into_inner());
    schemas
        .entry(path.to_path_buf())
        .or_insert_with(|| {
            cinesync::schema::Schema::load_rnc(path)
                .unwrap_or_else(|error| panic!("our validator refuses {}: {error}", path.display()))
        })
        .clone()
}

/// Our validator's verdict on a schema: `Err` with its message when it refuses it.
fn our_schema_verdict(schema: &Path) -> Result<(), String> {
    cinesync::schema::Schema::load_rnc(schema)
        .map(drop)
        .map_err(|error| error.to_string())
}

/// Converts a compact-syntax schema to the XML syntax with trang; `Err` with trang's
/// messages when it refuses the schema.
fn rng_from_rnc(schema: &Path, rng: &Path) -> Result<(), String> {
    let output = java_tool("trang")
        .args(["-I", "rnc", "-O", "rng"])
        .arg(schema)
        .arg(rng)
        .output()
        .expect("trang starts");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr))
    }
}

/// xmllint's verdict on a document, with the schema converted by trang: a stand-in
/// validator independent of jing.
///
/// The first question about a folder checks every `.xml` file in it, in one xmllint run
/// (the converted schema goes into that folder too), and remembers the verdicts.
fn xmllint_verdict(schema: &Path, document: &Path) -> Verdict {
    static VERDICTS: Mutex<BTreeMap<(PathBuf, PathBuf), Verdict>> = Mutex::new(BTreeMap::new());
    let key = (schema.to_path_buf(), document.to_path_buf());
    let mut verdicts = VERDICTS.lock().unwrap_or_else(|poison| poison.into_inner());
    if let Some(verdict) = verdicts.get(&key) {
        return verdict.clone();
    }
    let folder = document.parent().expect("a document is in a folder");
    let rng = folder.join(format!("xmllint-{}.rng", verdicts.len()));
    if let Err(error) = rng_from_rnc(schema, &rng) {
        panic!("trang refuses {}: {error}", schema.display());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the folder is readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    for (file, verdict) in xmllint_batch(&rng, &files) {
        verdicts.insert((schema.to_path_buf(), file), verdict);
    }
    verdicts
        .get(&key)
        .cloned()
        .unwrap_or_else(|| panic!("xmllint said nothing about {}", document.display()))
}

/// Runs xmllint once over `files` (paths without `:`) with an XML-syntax schema. xmllint
/// prints `FILE validates` or `FILE fails to validate` for each document it could parse;
/// a document that is not well-formed gets neither, only parser errors (`FILE:LINE: …`).
fn xmllint_batch(rng: &Path, files: &[PathBuf]) -> Vec<(PathBuf, Verdict)> {
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(rng)
        .args(files)
        .output()
        .expect("xmllint starts");
    let report = String::from_utf8_lossy(&output.stderr);
    let mut messages: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut validated = BTreeSet::new();
    for line in report.lines() {
        if let Some(file) = line.strip_suffix(" validates") {
            validated.insert(file);
        } else if let Some((file, message)) = line.split_once(':') {
            // Corpus paths have no `:`; other lines (source excerpts, carets) go nowhere.
            messages.entry(file).or_default().push(message.to_owned());
        }
    }
    files
        .iter()
        .map(|file| {
            let name = file.to_str().unwrap_or_default();
            let verdict = if validated.contains(name) {
                Verdict::Valid
            } else {
                Verdict::Invalid(messages.remove(name).unwrap_or_default())
            };
            (file.clone(), verdict)
        })
        .collect()
}

/// jing's verdict on one document, from a run of jing on that document alone: the
/// reference for checking that batches are split right.
fn jing_alone(schema: &Path, document: &Path) -> Verdict {
    let report = jing_report(schema, &[document.to_path_buf()]).expect("jing is installed");
    Verdict::from_jing(&report.verdicts[0].1)
}

// ==== Corpora ====

/// The folder of the RELAX NG fixtures.
fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rng")
}

/// The small fixture schemas' folders (`NN-topic`), in order.
fn fixture_schema_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures are readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.join("schema.rnc").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The `.xml` files of a folder, sorted.
fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| entry.expect("a folder entry").path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// One document of a corpus.
#[derive(Debug, Clone)]
struct Entry {
    path: PathBuf,
    /// What the document is, for reports.
    about: String,
    /// The verdict the document is known to have (a fixture's folder, the samples'
    /// README), if known.
    expected: Option<bool>,
    /// For a mutant: the corpus index of the document it was made from.
    source: Option<usize>,
    /// For a mutant: whether it only got comments and processing instructions.
    neutral: bool,
}

/// Documents to check against one schema, written into a temporary folder with names
/// safe for jing's report (`NNNNN-name.xml`: no `:`, no spaces).
struct Corpus {
    schema: PathBuf,
    dir: tempfile::TempDir,
    entries: Vec<Entry>,
}

impl Corpus {
    fn new(schema: &Path) -> Self {
        Corpus {
            schema: schema.to_path_buf(),
            dir: scratch_dir(),
            entries: Vec::new(),
        }
    }

    /// Writes a document into the corpus; returns its index.
    fn add(&mut self, name: &str, text: &str, about: String, expected: Option<bool>) -> usize {
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let index = self.entries.len();
        let path = self.dir.path().join(format!("{index:05}-{safe}.xml"));
        std::fs::write(&path, text).expect("the corpus folder is writable");
        self.entries.push(Entry {
            path,
            about,
            expected,
            source: None,
            neutral: false,
        });
        index
    }

    /// Copies a file into the corpus.
    fn add_file(&mut self, file: &Path, about: String, expected: Option<bool>) -> usize {
        let text = std::fs::read_to_string(file).expect("the document is readable");
        let name = file.file_stem().unwrap_or_default().to_string_lossy();
        self.add(&name, &text, about, expected)
    }

    /// Adds `count` mutants of the document at `source`, seeded by the source's index.
    fn add_mutants(&mut self, source: usize, count: u64) {
        let text = std::fs::read_to_string(&self.entries[source].path).expect("readable");
        let mutator = Mutator::new(&text).expect("mutants are made of well-formed documents");
        let name = self.entries[source]
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let source_about = self.entries[source].about.clone();
        for k in 0..count {
            let seed = (source as u64) << 32 | k;
            let mutant = mutator.mutant(seed);
            let about = format!(
                "mutant (seed {seed}) of {source_about}: {}",
                mutant.describe()
            );
            let index = self.add(&format!("{name}-m{k}"), &mutant.xml, about, None);
            self.entries[index].source = Some(source);
            self.entries[index].neutral = mutant.is_neutral();
        }
    }

    /// Adds each well-formed document with a known verdict again, as the mutator writes
    /// it without any change: the verdict must not change.
    fn add_reserialized(&mut self) {
        for index in 0..self.entries.len() {
            let entry = self.entries[index].clone();
            let text = std::fs::read_to_string(&entry.path).expect("readable");
            if let (Some(expected), Ok(mutator)) = (entry.expected, Mutator::new(&text)) {
                let name = entry.path.file_stem().unwrap_or_default().to_string_lossy();
                let about = format!("{}, written again by the mutator", entry.about);
                self.add(
                    &format!("{name}-again"),
                    &mutator.unchanged(),
                    about,
                    Some(expected),
                );
            }
        }
    }

    fn paths(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .map(|entry| entry.path.clone())
            .collect()
    }

    /// What a document of the corpus is.
    fn about(&self, path: &Path) -> String {
        self.entries
            .iter()
            .find(|entry| entry.path == path)
            .map_or_else(
                || "not in the corpus".to_owned(),
                |entry| entry.about.clone(),
            )
    }

    /// The known verdict of a document, as a stand-in verdict.
    fn expected_verdict(&self, path: &Path) -> Verdict {
        let entry = self.entries.iter().find(|entry| entry.path == path);
        match entry.and_then(|entry| entry.expected) {
            Some(true) => Verdict::Valid,
            Some(false) => Verdict::Invalid(vec!["(known to be invalid)".to_owned()]),
            None => panic!("no known verdict for {}", path.display()),
        }
    }

    /// The documents with a known verdict.
    fn known(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .filter(|entry| entry.expected.is_some())
            .map(|entry| entry.path.clone())
            .collect()
    }
}

/// How many mutants of each valid fixture document go into a small schema's corpus.
const MUTANTS_PER_FIXTURE: u64 = 40;

/// A small schema's corpus: its valid and invalid documents, the same written again by
/// the mutator, then mutants of the valid ones.
fn fixture_corpus(dir: &Path) -> Corpus {
    let mut corpus = Corpus::new(&dir.join("schema.rnc"));
    let topic = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut valid = Vec::new();
    for (folder, expected) in [("valid", true), ("invalid", false)] {
        for file in xml_files(&dir.join(folder)) {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let about = format!("fixture {topic}/{folder}/{name}");
            let index = corpus.add_file(&file, about, Some(expected));
            if expected {
                valid.push(index);
            }
        }
    }
    corpus.add_reserialized();
    for index in valid {
        corpus.add_mutants(index, MUTANTS_PER_FIXTURE);
    }
    corpus
}

/// The reference sessions and whether each is valid against the schema (from
/// `sessions/README.md`).
const SAMPLES: &[(&str, bool)] = &[
    ("basic.csc", true),
    ("pro.csc", true),
    ("groups-and-drawings.csc", true),
    ("group-movie.csc", true),
    ("url-locators.csc", true),
    ("newer-version-4.csc", true),
    ("broken-features.csc", false),
    ("broken-namespace.csc", false),
];

/// How many generated sessions go into the session corpus, and their sizes.
const GENERATED_SESSIONS: u64 = 40;

/// Mutants of each reference session and of each generated session.
const MUTANTS_PER_SAMPLE: u64 = 150;
const MUTANTS_PER_GENERATED: u64 = 100;

/// The session schema's corpus: every reference session, generated sessions of 2 to
/// 10 KB, and mutants of all of them (over 5,000).
fn session_corpus() -> Corpus {
    let mut corpus = Corpus::new(&reference_dir().join("session-v3-schema.rnc"));
    let mut sources = Vec::new();
    for &(name, valid) in SAMPLES {
        let file = reference_dir().join("sessions").join(name);
        sources.push(corpus.add_file(&file, format!("reference session {name}"), Some(valid)));
    }
    // Every file of the folder is in SAMPLES.
    let listed: BTreeSet<&str> = SAMPLES.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(reference_dir().join("sessions")).expect("readable") {
        let name = entry.expect("a folder entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            !name.ends_with(".csc") || listed.contains(&*name),
            "{name} is missing from SAMPLES"
        );
    }
    let mut generated = Vec::new();
    for seed in 1..=GENERATED_SESSIONS {
        let size = 2_000 + (seed as usize * 7_919) % 8_000;
        let xml = cinesync::generate::generate(seed, size)
            .to_xml()
            .expect("a generated session writes");
        let about = format!("generated session (seed {seed}, {size} bytes)");
        generated.push(corpus.add(&format!("generated-{seed}"), &xml, about, Some(true)));
    }
    for index in sources {
        corpus.add_mutants(index, MUTANTS_PER_SAMPLE);
    }
    for index in generated {
        corpus.add_mutants(index, MUTANTS_PER_GENERATED);
    }
    corpus
}

// ==== Checks on jing's verdicts over a corpus ====

/// Documents whose jing verdict is not the known one.
fn known_verdict_failures(corpus: &Corpus, jing: &[(PathBuf, Verdict)]) -> Vec<Disagreement> {
    let known: BTreeSet<PathBuf> = corpus.known().into_iter().collect();
    let jing: Vec<(PathBuf, Verdict)> = jing
        .iter()
        .filter(|(path, _)| known.contains(path))
        .cloned()
        .collect();
    disagreements(&jing, &|path| corpus.expected_verdict(path))
}

/// Neutral mutants (comments and processing instructions only) whose verdict differs
/// from their source's; `ours` is the source's verdict.
fn neutral_mutant_failures(corpus: &Corpus, jing: &[(PathBuf, Verdict)]) -> Vec<Disagreement> {
    let verdicts: BTreeMap<&Path, &Verdict> = jing
        .iter()
        .map(|(path, verdict)| (path.as_path(), verdict))
        .collect();
    corpus
        .entries
        .iter()
        .filter(|entry| entry.neutral)
        .filter_map(|entry| {
            let source = &corpus.entries[entry.source?];
            let (mine, theirs) = (
                verdicts[entry.path.as_path()],
                verdicts[source.path.as_path()],
            );
            (mine.is_valid() != theirs.is_valid()).then(|| Disagreement {
                document: entry.path.clone(),
                about: format!("{} (verdict of the source as `ours`)", entry.about),
                jing: mine.clone(),
                ours: theirs.clone(),
            })
        })
        .collect()
}

/// How many of the corpus's non-neutral mutants jing finds valid and invalid.
fn mutant_counts(corpus: &Corpus, jing: &[(PathBuf, Verdict)]) -> (usize, usize) {
    let mutants: BTreeSet<&Path> = corpus
        .entries
        .iter()
        .filter(|entry| entry.source.is_some() && !entry.neutral)
        .map(|entry| entry.path.as_path())
        .collect();
    let valid = jing
        .iter()
        .filter(|(path, verdict)| mutants.contains(path.as_path()) && verdict.is_valid())
        .count();
    (valid, mutants.len() - valid)
}

// ==== Tests: the mutator ====

/// Every well-formed document the mutator works on in these tests: the fixtures' and
/// the reference sessions.
fn mutator_sources() -> Vec<(PathBuf, String)> {
    let mut files: Vec<PathBuf> = fixture_schema_dirs()
        .iter()
        .flat_map(|dir| {
            [
                xml_files(&dir.join("valid")),
                xml_files(&dir.join("invalid")),
            ]
        })
        .flatten()
        .collect();
    files.extend(
        SAMPLES
            .iter()
            .map(|(name, _)| reference_dir().join("sessions").join(name)),
    );
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("readable");
            (file, text)
        })
        .filter(|(_, text)| roxmltree::Document::parse(text).is_ok())
        .collect()
}

/// A canonical dump of a document's RELAX NG data model: expanded names, attributes in
/// order of name, text with adjacent text merged, comments and processing instructions
/// left out, and the namespaces in scope for QName values.
fn canonical(xml: &str) -> String {
    fn element(node: roxmltree::Node, out: &mut String) {
        let name = node.tag_name();
        let mut attributes: Vec<String> = node
            .attributes()
            .map(|a| {
                format!(
                    "{{{}}}{}={:?}",
                    a.namespace().unwrap_or(""),
                    a.name(),
                    a.value()
                )
            })
            .collect();
        attributes.sort();
        let mut scope: Vec<String> = node
            .namespaces()
            .map(|ns| format!("{}={}", ns.name().unwrap_or(""), ns.uri()))
            .collect();
        scope.sort();
        out.push_str(&format!(
            "<{{{}}}{} {attributes:?} {scope:?}>",
            name.namespace().unwrap_or(""),
            name.name()
        ));
        let mut text = String::new();
        for child in node.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap_or(""));
            } else if child.is_element() {
                out.push_str(&format!("{text:?}"));
                text.clear();
                element(child, out);
            }
        }
        out.push_str(&format!("{text:?}</>"));
    }
    let document = roxmltree::Document::parse(xml).expect("well-formed");
    let mut out = String::new();
    element(document.root_element(), &mut out);
    out
}

#[test]
fn mutator_writes_unchanged_documents_back_with_the_same_data_model() {
    let sources = mutator_sources();
    assert!(sources.len() > 250, "{} documents", sources.len());
    for (file, text) in sources {
        let again = Mutator::new(&text).expect("well-formed").unchanged();
        assert_eq!(canonical(&again), canonical(&text), "{}", file.display());
    }
}

#[test]
fn mutator_is_deterministic_and_keeps_documents_well_formed() {
    let mut seen = BTreeSet::new();
    for (file, text) in mutator_sources() {
        let mutator = Mutator::new(&text).expect("well-formed");
        for seed in 0..20 {
            let mutant = mutator.mutant(seed);
            assert_eq!(
                mutant,
                mutator.mutant(seed),
                "{} seed {seed}",
                file.display()
            );
            assert!(!mutant.operations.is_empty() && mutant.operations.len() <= 3);
            if let Err(error) = roxmltree::Document::parse(&mutant.xml) {
                panic!(
                    "{} seed {seed} ({}): {error}\n{}",
                    file.display(),
                    mutant.describe(),
                    mutant.xml
                );
            }
            assert!(
                mutant.xml.chars().all(|c| c <= '\u{FFFF}'),
                "a character outside the BMP in {} seed {seed}",
                file.display()
            );
            seen.extend(mutant.operations.iter().map(|(operation, _)| *operation));
        }
    }
    let all: BTreeSet<_> = Operation::WEIGHTED
        .iter()
        .map(|(operation, _)| *operation)
        .collect();
    assert_eq!(seen, all, "every operation is used");
}

#[test]
fn mutator_operations_do_what_they_say() {
    let xml = r#"<r xmlns="urn:a" xmlns:p="urn:p" p:k="v"><c x="1">t&amp;</c><d/></r>"#;
    let mutator = Mutator::new(xml).expect("well-formed");
    let only = |operation: Operation, seed: u64| mutator.mutant_with(seed, 1, &[operation]);
    let names = |xml: &str| -> Vec<String> {
        roxmltree::Document::parse(xml)
            .expect("well-formed")
            .descendants()
            .filter(|node| node.is_element())
            .map(|node| {
                format!(
                    "{{{}}}{}",
                    node.tag_name().namespace().unwrap_or(""),
                    node.tag_name().name()
                )
            })
            .collect()
    };
    for seed in 0..40 {
        // A namespace replaced on the root alone leaves the children where they were.
        let mutant = only(Operation::ReplaceRootNamespace, seed);
        let found = names(&mutant.xml);
        assert_ne!(found[0], "{urn:a}r", "{}", mutant.xml);
        let everywhere = mutant.describe().ends_with("everywhere");
        assert_eq!(found[1] == "{urn:a}c", !everywhere, "{}", mutant.xml);
        // Comments and processing instructions change nothing in the data model.
        for operation in [
            Operation::InsertComment,
            Operation::InsertProcessingInstruction,
        ] {
            let mutant = only(operation, seed);
            assert!(mutant.is_neutral());
            assert_eq!(canonical(&mutant.xml), canonical(xml), "{}", mutant.xml);
        }
        // An element dropped, duplicated or renamed.
        assert_eq!(names(&only(Operation::DropElement, seed).xml).len(), 2);
        assert_eq!(names(&only(Operation::DuplicateElement, seed).xml).len(), 4);
        let moved = only(Operation::RenameToOtherNamespace, seed);
        assert!(
            names(&moved.xml)
                .iter()
                .any(|name| name.starts_with("{urn:example:mutant}") || name.starts_with("{}")),
            "{}",
            moved.xml
        );
        // Values, escaped as needed, read back as the description says.
        for operation in [Operation::ChangeAttributeValue, Operation::ChangeText] {
            let changed = only(operation, seed);
            let parsed = roxmltree::Document::parse(&changed.xml).expect("well-formed");
            let mut values = parsed
                .descendants()
                .flat_map(|node| node.attributes().map(|a| a.value()).chain(node.text()))
                .chain([""]);
            let said = changed.describe();
            assert!(
                values.any(|value| said.ends_with(&format!(" to {value:?}"))),
                "{said}: {}",
                changed.xml
            );
        }
    }
    assert!(mutator
        .mutant_with(1, 1, &[Operation::SwapSiblings])
        .xml
        .contains("<d/><c x=\"1\">t&amp;</c>"));
}

// ==== Tests: the fixtures and the session corpus against jing ====

#[test]
fn every_fixture_schema_has_five_valid_and_five_invalid_documents() {
    let dirs = fixture_schema_dirs();
    assert!(dirs.len() >= 20, "{} fixture schemas", dirs.len());
    for dir in dirs {
        for folder in ["valid", "invalid"] {
            let count = xml_files(&dir.join(folder)).len();
            assert!(count >= 5, "{}: {count} {folder} documents", dir.display());
        }
    }
}

#[test]
fn jing_agrees_with_the_fixture_folders_and_keeps_neutral_mutants() {
    let mut reports = Vec::new();
    let mut total = (0, 0, 0);
    for dir in fixture_schema_dirs() {
        let corpus = fixture_corpus(&dir);
        let Some(jing) = jing_verdicts(&corpus.schema, &corpus.paths()) else {
            return;
        };
        let (valid, invalid) = mutant_counts(&corpus, &jing);
        total = (
            total.0 + corpus.entries.len(),
            total.1 + valid,
            total.2 + invalid,
        );
        let topic = dir.file_name().unwrap_or_default().to_string_lossy();
        let mut found = known_verdict_failures(&corpus, &jing);
        found.extend(neutral_mutant_failures(&corpus, &jing));
        reports.extend(disagreement_report(&topic, &corpus, found));
    }
    eprintln!(
        "fixture corpora: {} documents; jing finds {} non-neutral mutants valid and {} invalid",
        total.0, total.1, total.2
    );
    assert_no_reports(reports);
    // The mutants probe both sides of the schemas.
    assert!(total.1 > total.0 / 20 && total.2 > total.0 / 3, "{total:?}");
}

#[test]
fn session_corpus_verdicts_from_jing() {
    if !tool_available("jing", "checking the session corpus with jing") {
        return;
    }
    let started = Instant::now();
    let corpus = session_corpus();
    eprintln!(
        "session corpus: {} documents written in {:.2} s",
        corpus.entries.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(corpus.entries.len() >= 5_000 + SAMPLES.len());
    let Some(jing) = jing_verdicts(&corpus.schema, &corpus.paths()) else {
        return;
    };
    assert_no_disagreements(
        "reference and generated sessions",
        &corpus,
        known_verdict_failures(&corpus, &jing),
    );
    assert_no_disagreements(
        "mutants with only comments and processing instructions",
        &corpus,
        neutral_mutant_failures(&corpus, &jing),
    );
    let (valid, invalid) = mutant_counts(&corpus, &jing);
    eprintln!("session mutants: jing finds {valid} valid and {invalid} invalid");
    let mutants = valid + invalid;
    assert!(
        valid * 10 >= mutants && invalid * 10 >= mutants * 4,
        "{valid} valid, {invalid} invalid"
    );
    if !tool_available("trang", "xmllint as a stand-in validator")
        || !tool_available("xmllint", "xmllint as a stand-in validator")
    {
        return;
    }
    // xmllint as the stand-in, over the same jing verdicts: it accepts the float `1e`, and
    // NaN where the schema wants a float above 0; the harness must find exactly those.
    let started = Instant::now();
    let mut found = disagreements(&jing, &|document| xmllint_verdict(&corpus.schema, document));
    eprintln!(
        "xmllint: {} disagreements with jing over the session corpus, {:.2} s",
        found.len(),
        started.elapsed().as_secs_f64()
    );
    let mut kinds = BTreeSet::new();
    found.retain(|disagreement| {
        let about = corpus.about(&disagreement.document);
        let kind = [" to \"1e\"", " to \"NaN\""]
            .into_iter()
            .find(|value| about.contains(value) && !disagreement.jing.is_valid());
        kinds.extend(kind);
        kind.is_none()
    });
    assert_no_disagreements("xmllint beyond its two known bugs", &corpus, found);
    assert_eq!(kinds.len(), 2, "both xmllint bugs are found: {kinds:?}");
}

// ==== Tests: the harness catches what it must ====

#[test]
fn harness_batches_give_the_verdicts_and_messages_of_single_runs() {
    // Documents around the fixtures that are not well-formed: jing stops its batch at a
    // fatal error, and the harness goes on with the next document in a new run.
    let dir = fixtures_dir().join("01-patterns");
    let mut corpus = Corpus::new(&dir.join("schema.rnc"));
    let names = [
        "invalid/author-before-title",
        "invalid/mismatched-tags",
        "invalid/missing-name",
        "valid/books-with-authors",
        "valid/many-shelves",
        "invalid/mismatched-tags",
    ];
    for name in names {
        let file = dir.join(format!("{name}.xml"));
        corpus.add_file(&file, name.to_owned(), None);
    }
    let schema = corpus.schema.clone();
    let Some(report) = jing_report(&schema, &corpus.paths()) else {
        return;
    };
    assert_eq!(report.runs, 2, "the last document ends the second run");
    for (document, verdict) in &report.verdicts {
        assert_eq!(
            Verdict::from_jing(verdict),
            jing_alone(&schema, document),
            "{}",
            document.display()
        );
    }
    let fatal = &report.verdicts[1].1;
    assert!(
        matches!(fatal, Err(m) if m.len() == 1 && m[0].starts_with("1:38: fatal: The element type \"shelf\" must be terminated")),
        "{fatal:?}"
    );
    assert_eq!(
        report.verdicts[2].1,
        Err(vec![
            "1:10: error: element \"library\" missing required attribute \"name\"".to_owned()
        ])
    );
}

#[test]
fn harness_splits_multi_line_messages_and_schema_errors() {
    let bad = fixtures_dir().join("bad-schemas");
    let Some(report) = jing_report(&bad.join("bad-pattern-facet.rnc"), &[]) else {
        return;
    };
    assert_eq!(report.schema_errors.len(), 1, "{:?}", report.schema_errors);
    assert!(
        report.schema_errors[0].ends_with(":\n[a->>>>"),
        "{:?}",
        report.schema_errors
    );
    // An error without a location is the schema's too.
    let report = jing_report(&bad.join("empty-start.rnc"), &[]).expect("jing");
    assert_eq!(
        report.schema_errors,
        ["error: found element matching the prohibited path start//empty in the simplified XML form of the schema (see section 7.1 of the RELAX NG specification)"]
    );
}

#[test]
fn harness_catches_a_wrong_stand_in() {
    let corpus = fixture_corpus(&fixtures_dir().join("13-interleave-attributes"));
    let documents = corpus.paths();
    let Some(report) = jing_report(&corpus.schema, &documents) else {
        return;
    };
    // A stand-in recorded from jing's verdicts in an earlier run, every seventh flipped.
    let recorded: BTreeMap<PathBuf, Verdict> = report
        .verdicts
        .iter()
        .enumerate()
        .map(|(index, (path, verdict))| {
            let verdict = match (index % 7 == 0, Verdict::from_jing(verdict)) {
                (false, verdict) => verdict,
                (true, Verdict::Valid) => Verdict::Invalid(vec!["flipped".to_owned()]),
                (true, Verdict::Invalid(_)) => Verdict::Valid,
            };
            (path.clone(), verdict)
        })
        .collect();
    let found = compare_with_jing(&corpus.schema, &documents, &|path| recorded[path].clone())
        .expect("jing is installed");
    let flipped: Vec<&PathBuf> = documents.iter().step_by(7).collect();
    let caught: Vec<&PathBuf> = found.iter().map(|d| &d.document).collect();
    assert_eq!(caught, flipped);
    // A stand-in that accepts everything is caught on exactly the invalid documents.
    let jing: Vec<(PathBuf, Verdict)> = report
        .verdicts
        .iter()
        .map(|(path, verdict)| (path.clone(), Verdict::from_jing(verdict)))
        .collect();
    let found = disagreements(&jing, &|_| Verdict::Valid);
    let invalid: Vec<&PathBuf> = report
        .verdicts
        .iter()
        .filter(|(_, verdict)| verdict.is_err())
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        found.iter().map(|d| &d.document).collect::<Vec<_>>(),
        invalid
    );
    assert!(invalid.len() >= 7, "{} invalid documents", invalid.len());
    let shown = found[0].to_string();
    assert!(
        shown.contains("jing: invalid\n        ") && shown.ends_with("ours: valid"),
        "{shown}"
    );
}

#[test]
fn harness_finds_the_known_xmllint_bugs() {
    if !tool_available("trang", "xmllint as a stand-in validator")
        || !tool_available("xmllint", "xmllint as a stand-in validator")
    {
        return;
    }
    // xmllint accepts the float `1e` and an empty IDREFS, and refuses an integer beyond
    // 64 bits; everywhere else in these corpora it agrees with jing.
    let known = [
        (
            "08-xsd-types",
            "fixture 08-xsd-types/invalid/float-bad-exponent.xml",
        ),
        (
            "09-id-idref",
            "fixture 09-id-idref/invalid/empty-idrefs.xml",
        ),
        (
            "23-data-except",
            "fixture 23-data-except/valid/negatives.xml",
        ),
    ];
    for (topic, expected) in known {
        let corpus = fixture_corpus(&fixtures_dir().join(topic));
        let documents = corpus.known();
        let Some(found) = compare_with_jing(&corpus.schema, &documents, &|document| {
            xmllint_verdict(&corpus.schema, document)
        }) else {
            return;
        };
        let found: Vec<String> = found.iter().map(|d| corpus.about(&d.document)).collect();
        let again = format!("{expected}, written again by the mutator");
        assert_eq!(found, [expected, &again], "{topic}");
    }
}

// ==== Tests: schemas jing refuses ====

/// The schema-error fixtures: every `.rnc` file directly in `bad-schemas/`.
fn bad_schemas() -> Vec<PathBuf> {
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("bad-schemas"))
        .expect("the fixtures are readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rnc"))
        .collect();
    schemas.sort();
    schemas
}

/// jing's verdict on a schema as recorded in its `.expected` file: `verdict: accepted`
/// or `verdict: refused`, then jing's messages with the folder's path taken out.
fn jing_schema_record(schema: &Path) -> Option<String> {
    let report = jing_report(schema, &[])?;
    let dir = format!("{}/", schema.parent().expect("a folder").display());
    let mut record = String::from(if report.schema_errors.is_empty() {
        "verdict: accepted\n"
    } else {
        "verdict: refused\n"
    });
    for message in &report.schema_errors {
        record.push_str(&message.replace(&dir, ""));
        record.push('\n');
    }
    Some(record)
}

/// Runs `check` on every item with two threads (jing takes a third of a second to start).
fn in_two_threads<T: Sync, R: Send>(items: &[T], check: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let half = items.len().div_ceil(2);
    std::thread::scope(|scope| {
        let chunks: Vec<_> = items
            .chunks(half.max(1))
            .map(|chunk| scope.spawn(|| chunk.iter().map(&check).collect::<Vec<R>>()))
            .collect();
        chunks
            .into_iter()
            .flat_map(|chunk| chunk.join().expect("a checking thread"))
            .collect()
    })
}

#[test]
fn jing_refuses_the_bad_schemas_with_the_recorded_messages() {
    if !tool_available("jing", "checking the bad schemas with jing") {
        return;
    }
    let schemas = bad_schemas();
    let bless = std::env::var_os("DIFFTEST_BLESS").is_some();
    let records = in_two_threads(&schemas, |schema| jing_schema_record(schema));
    let mut refused = 0;
    let mut differences = Vec::new();
    for (schema, record) in schemas.iter().zip(records) {
        let Some(record) = record else {
            return;
        };
        let name = schema.file_name().unwrap_or_default().to_string_lossy();
        let expected_path = schema.with_extension("rnc.expected");
        if bless {
            std::fs::write(&expected_path, &record).expect("the fixtures are writable");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if record != expected {
            differences.push(format!(
                "{name}:\n  jing now:\n{record}  recorded:\n{expected}"
            ));
        }
        let accepted = record.starts_with("verdict: accepted");
        assert_eq!(accepted, name.starts_with("accepted-"), "{name}: {record}");
        refused += usize::from(!accepted);
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(refused >= 25, "{refused} refused schemas");
}

// ==== Tests waiting for our validator ====

#[test]
fn our_validator_agrees_with_jing_on_the_fixture_corpora() {
    let mut reports = Vec::new();
    for dir in fixture_schema_dirs() {
        let corpus = fixture_corpus(&dir);
        let Some(found) = compare_with_jing(&corpus.schema, &corpus.paths(), &|document| {
            our_verdict(&corpus.schema, document)
        }) else {
            return;
        };
        let topic = dir.file_name().unwrap_or_default().to_string_lossy();
        reports.extend(disagreement_report(&topic, &corpus, found));
    }
    assert_no_reports(reports);
}

#[test]
fn our_validator_agrees_with_jing_on_the_session_corpus() {
    let corpus = session_corpus();
    // jing reads the reference schema; we check with it and with our embedded copy,
    // which must define the same language.
    let Some(found) = compare_with_jing(&corpus.schema, &corpus.paths(), &|document| {
        let with_reference = our_verdict(&corpus.schema, document);
        let with_embedded = verdict_of(cinesync::schema::session_v3(), document);
        assert_eq!(
            with_reference.is_valid(),
            with_embedded.is_valid(),
            "the embedded schema and the reference disagree on {}",
            document.display()
        );
        with_reference
    }) else {
        return;
    };
    assert_no_disagreements("session corpus", &corpus, found);
}

#[test]
fn our_validator_refuses_the_schemas_jing_refuses() {
    let mut wrong = Vec::new();
    for schema in bad_schemas() {
        let Some(record) = jing_schema_record(&schema) else {
            return;
        };
        let jing_accepts = record.starts_with("verdict: accepted");
        let ours = our_schema_verdict(&schema);
        if ours.is_ok() != jing_accepts {
            wrong.push(format!(
                "{}\n  jing: {record}  ours: {ours:?}",
                schema.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
