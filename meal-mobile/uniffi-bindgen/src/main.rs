//! `cargo run -p uniffi-bindgen -- generate --library …`: the bindings generator at exactly the
//! uniffi version meal-mobile is built with.

fn main() {
    uniffi::uniffi_bindgen_main()
}
