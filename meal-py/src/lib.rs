//! Python bindings (placeholder while the API lands).
