//! Interoperability: what goes out to donors and other tools, and what comes in from them.
//!
//! | file | concept |
//! |---|---|
//! | `iati/` | IATI 2.03 results: export from logframes and computed figures, import back |
//! | `hxl.rs` | HXL hashtags declared on schema columns, on exported CSV, and matched by pattern |
//! | `mano.rs` | the xlsx export of the MANO case-management tool, read into typed tables |
//! | `migration.rs` | a declarative schema-to-schema mapping and its reconciliation report |

pub mod hxl;
pub mod iati;
pub mod mano;
pub mod migration;
