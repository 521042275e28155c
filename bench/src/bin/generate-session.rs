//! `generate-session SIZE SEED OUT.csc`: writes a realistic generated session.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [size, seed, out] = args.as_slice() else {
        eprintln!("usage: generate-session SIZE SEED OUT.csc   (SIZE like 100KB, 10MB)");
        return ExitCode::from(2);
    };
    let (size, seed) = match (cinesync_bench::parse_size(size), seed.parse::<u64>()) {
        (Ok(size), Ok(seed)) => (size, seed),
        (Err(error), _) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
        (_, Err(error)) => {
            eprintln!("error: seed {seed:?}: {error}");
            return ExitCode::from(2);
        }
    };
    let session = cinesync::generate::generate(seed, size);
    match session.save(out.as_ref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{out}: error: {error}");
            ExitCode::from(2)
        }
    }
}
