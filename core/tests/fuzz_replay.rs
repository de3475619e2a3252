//! The fuzz targets (`jianyi_core::fuzzing`) on every `cargo test`: the committed corpus and
//! regressions (`fuzz/corpus/TARGET/*`, `fuzz/regressions/TARGET/*`) replayed, then a bounded
//! smoke of seeded mutations of the corpus (the same targets `cargo fuzz` runs for hours).
#![cfg(feature = "fuzzing")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use jianyi_core::fuzzing::{run, TARGETS};
use jianyi_core::generator::Rng;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Every file of `fuzz/corpus/TARGET` and `fuzz/regressions/TARGET`, sorted.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).unwrap();
            out.push((p, bytes));
        }
    }
    out
}

#[test]
fn every_committed_input_passes_its_target() {
    for (target, _) in TARGETS {
        let all = inputs(target);
        assert!(!all.is_empty(), "no corpus for {target}");
        for (path, bytes) in all {
            assert!(run(target, &bytes), "{}", path.display());
        }
    }
    assert!(!run("no_such_target", b""));
}

/// One random edit: flip a byte, cut the tail, drop or duplicate a line, splice in bytes
/// that matter to the formats (quotes, braces, digits, dates, ids).
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    const TOKENS: [&[u8]; 12] = [
        b"\"",
        b"{",
        b"}",
        b"]",
        b",",
        b"null",
        b"-1",
        b"99999999999",
        b"\"2099-13-40\"",
        b"\"type\":\"closed\"",
        b"\\u0000",
        "建议".as_bytes(),
    ];
    let mut out = input.to_vec();
    if out.is_empty() {
        return TOKENS[rng.index(TOKENS.len())].to_vec();
    }
    let at = rng.index(out.len());
    match rng.below(6) {
        0 => out[at] ^= 1 << rng.below(8),
        1 => out.truncate(at),
        2 => {
            let token = TOKENS[rng.index(TOKENS.len())];
            out.splice(at..at, token.iter().copied());
        }
        3 => {
            let lines: Vec<&[u8]> = input.split(|b| *b == b'\n').collect();
            let drop = rng.index(lines.len());
            out = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .flat_map(|(_, l)| l.iter().copied().chain([b'\n']))
                .collect();
        }
        4 => {
            let lines: Vec<&[u8]> = input.split(|b| *b == b'\n').collect();
            let dup = rng.index(lines.len());
            out = lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| {
                    let times = if i == dup { 2 } else { 1 };
                    std::iter::repeat_n(*l, times).flat_map(|l| l.iter().copied().chain([b'\n']))
                })
                .collect();
        }
        _ => {
            let n = rng.index(8) + 1;
            for _ in 0..n {
                let i = rng.index(out.len());
                out[i] = u8::try_from(rng.below(256)).unwrap();
            }
        }
    }
    out
}

#[test]
fn a_seeded_smoke_of_mutations_never_breaks_an_invariant() {
    // Bounded for CI: a few hundred inputs per target; the hour-long runs use cargo-fuzz.
    let rounds = [
        ("ledger_replay", 40),
        ("command_sequence", 120),
        ("profile_json", 60),
        ("calendar_arithmetic", 3000),
    ];
    for (target, n) in rounds {
        let seeds = inputs(target);
        let mut rng = Rng::new(0x6a69_616e_7969);
        for round in 0..n {
            let (_, seed) = &seeds[round % seeds.len()];
            // Stack two edits on the ledger (it is long), one elsewhere.
            let mut input = mutate(&mut rng, seed);
            if target == "ledger_replay" {
                input.truncate(20_000);
                input = mutate(&mut rng, &input);
            }
            if target == "calendar_arithmetic" {
                input = (0..8)
                    .map(|_| u8::try_from(rng.below(256)).unwrap())
                    .collect();
            }
            assert!(run(target, &input));
        }
    }
}
