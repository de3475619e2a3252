//! Fuzz target `command_sequence`: the body is `jianyi_core::fuzzing::command_sequence`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jianyi_core::fuzzing::command_sequence(data);
});
