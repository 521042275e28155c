//! `cargo bench -p cinesync-bench`: the library's hot paths on a generated 1 MB session.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cinesync::Session;

fn sample() -> String {
    let session = cinesync::generate::generate(1, 1_000_000);
    session.to_xml().expect("a generated session is valid")
}

fn parse_to_model(c: &mut Criterion) {
    let xml = sample();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function(BenchmarkId::new("roxmltree only", xml.len()), |b| {
        b.iter(|| roxmltree::Document::parse(&xml).map(|d| d.root().id()))
    });
    group.bench_function(BenchmarkId::new("parse to model", xml.len()), |b| {
        b.iter(|| Session::load_str(&xml).map(|loaded| loaded.session.media.len()))
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let xml = sample();
    let schema = cinesync::schema::session_v3();
    let document = roxmltree::Document::parse(&xml).expect("parses");
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    let mut validator = schema.validator();
    group.bench_function(BenchmarkId::new("parsed document", xml.len()), |b| {
        b.iter(|| validator.validate_document(&document).is_valid())
    });
    group.bench_function(BenchmarkId::new("streaming", xml.len()), |b| {
        b.iter(|| validator.validate_str(&xml).map(|report| report.is_valid()))
    });
    group.bench_function(BenchmarkId::new("load and validate", xml.len()), |b| {
        b.iter(|| Session::load_validated(&xml).map(|(_, report)| report.is_valid()))
    });
    group.finish();
}

fn write_to_xml(c: &mut Criterion) {
    let xml = sample();
    let session = Session::load_str(&xml).expect("loads").session;
    let mut group = c.benchmark_group("write");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function(BenchmarkId::new("model to XML", xml.len()), |b| {
        b.iter(|| session.to_xml().map(|x| x.len()))
    });
    group.finish();
}

fn notes_to_csv(c: &mut Criterion) {
    let xml = sample();
    let session = Session::load_str(&xml).expect("loads").session;
    c.bench_function("notes to CSV", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            cinesync::export::write_csv(&session, &mut out).map(|()| out.len())
        })
    });
}

fn short_hash(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let movie = dir.path().join("movie.mov");
    std::fs::write(&movie, vec![7u8; 50_000_000]).expect("writes");
    c.bench_function("short hash of a 50 MB file", |b| {
        b.iter(|| cinesync::short_hash(&movie))
    });
}

criterion_group!(
    benches,
    parse_to_model,
    validate,
    write_to_xml,
    notes_to_csv,
    short_hash
);
criterion_main!(benches);
