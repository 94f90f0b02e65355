//! The reference mission as a library: its documents and the computation the demo, the tests
//! and the benchmark share ([`mod@reference`]), the synthetic record generator ([`synthetic`]),
//! the four MEAL plans and the lessons register ([`plans`]), and a legacy case-tool export with
//! deliberate defects for the migration example ([`legacy`]).

pub mod legacy;
pub mod plans;
pub mod reference;
pub mod synthetic;
