//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libjianyi_uniffi.so --language kotlin --out-dir …`

fn main() {
    uniffi::uniffi_bindgen_main();
}
