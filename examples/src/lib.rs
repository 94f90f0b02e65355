//! The reference mission as a library: its documents and the computation the demo, the tests
//! and the benchmark share ([`mod@reference`]), and the synthetic record generator ([`synthetic`]).

pub mod plans;
pub mod reference;
pub mod synthetic;
