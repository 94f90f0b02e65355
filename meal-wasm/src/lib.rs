//! WebAssembly bindings (placeholder while the API lands).
