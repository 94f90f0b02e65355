//! `cargo run -p meal-wasm-bindgen -- <wasm-bindgen args>`: the wasm-bindgen CLI at exactly the
//! version of the `wasm-bindgen` crate in Cargo.lock, with no global install; then the
//! generated glue's argument conversions get their type checks (`harden.rs`).

mod harden;

use std::ffi::OsString;
use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Err(error) = wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(args.iter().cloned()) {
        eprintln!("wasm-bindgen: {error:?}");
        return std::process::ExitCode::FAILURE;
    }
    match out_dir(&args).map(|dir| harden::harden_out_dir(&dir)) {
        Some(Err(error)) => {
            eprintln!("wasm-bindgen-runner: {error}");
            std::process::ExitCode::FAILURE
        }
        _ => std::process::ExitCode::SUCCESS,
    }
}

/// The `--out-dir` of the command line (`--out-dir DIR` or `--out-dir=DIR`), if any.
fn out_dir(args: &[OsString]) -> Option<PathBuf> {
    args.iter().enumerate().find_map(|(i, arg)| {
        let text = arg.to_str()?;
        if text == "--out-dir" {
            args.get(i + 1).map(PathBuf::from)
        } else {
            text.strip_prefix("--out-dir=").map(PathBuf::from)
        }
    })
}
