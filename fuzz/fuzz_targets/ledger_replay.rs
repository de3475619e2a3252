//! Fuzz target `ledger_replay`: the body is `jianyi_core::fuzzing::ledger_replay`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jianyi_core::fuzzing::ledger_replay(data);
});
