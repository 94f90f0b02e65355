//! `cargo run -p meal-wasm-bindgen -- <wasm-bindgen args>`: the wasm-bindgen CLI at exactly the
//! version of the `wasm-bindgen` crate in Cargo.lock, with no global install.

fn main() -> std::process::ExitCode {
    match wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(std::env::args_os()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wasm-bindgen: {error:?}");
            std::process::ExitCode::FAILURE
        }
    }
}
