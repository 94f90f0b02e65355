//! Statistical disclosure control before anything is published: frequency counts,
//! k-anonymity, re-identification risk, recoding, and primary and secondary cell suppression.
//!
//! See `reference/gdpr-feedback.md` §2.3–2.6 and §6. Submodules, one concept each:
//! * [`microdata`] — the key columns of a record set;
//! * [`frequency`] — f_k with missing values as wildcards;
//! * [`anonymity`] — k-anonymity check and local suppression;
//! * [`risk`] — individual and global risk;
//! * [`recode`] — age bands, dates to months or quarters, places to regions;
//! * [`table`] — frequency tables with margins;
//! * [`suppression`] — primary and secondary cell suppression;
//! * [`loss`] — information loss.

pub mod anonymity;
pub mod frequency;
pub mod loss;
pub mod microdata;
pub mod recode;
pub mod risk;
pub mod suppression;
pub mod table;
