//! The reference mission's data as a library: the synthetic record generator the demo, the
//! tests and the benchmark share.

pub mod synthetic;
