//! Mobile bindings (placeholder while the API lands).
uniffi::setup_scaffolding!();
