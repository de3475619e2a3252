//! Fuzz target `calendar_arithmetic`: the body is `jianyi_core::fuzzing::calendar_arithmetic`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jianyi_core::fuzzing::calendar_arithmetic(data);
});
