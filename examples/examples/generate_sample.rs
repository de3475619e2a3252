//! Writes the bundled sample ledger `examples/data/sample-city-2022.jsonl` from the seeded
//! generator (`GeneratorConfig::seed_city()`); a test checks the committed file equals it.
//!
//! ```text
//! cargo run --example generate_sample            # the sample city-year
//! cargo run --example generate_sample -- 100000  # a larger ledger to stdout
//! ```

use std::process::ExitCode;

use jianyi_core::generator::{generate, GeneratorConfig};

fn main() -> ExitCode {
    let size: Option<usize> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let config = size.map_or_else(GeneratorConfig::seed_city, |n| {
        GeneratorConfig::scaled(n, 1)
    });
    let ledger = match generate(&config) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::FAILURE;
        }
    };
    // A generated ledger holds its whole log.
    let text = match ledger.to_jsonl() {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::FAILURE;
        }
    };
    if size.is_some() {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-city-2022.jsonl");
    match std::fs::write(path, text) {
        Ok(()) => {
            eprintln!(
                "wrote {path}: {} events, {} items",
                ledger.events().len(),
                ledger.items().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
