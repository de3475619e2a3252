//! Fuzz target `profile_json`: the body is `jianyi_core::fuzzing::profile_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jianyi_core::fuzzing::profile_json(data);
});
