//! Fuzz target `snapshot_reopen`: the body is `jianyi_core::fuzzing::snapshot_reopen`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jianyi_core::fuzzing::snapshot_reopen(data);
});
