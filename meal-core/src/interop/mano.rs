//! CONTRACT (owner: migration helper). The xlsx export of MANO, the outreach teams' case
//! tool (reference/logframes-indicators.md §4.1 data model and field types, §4.3 export
//! layout, §7.10 loader path (a)): each known sheet (`personnes suivies`, `actions`,
//! `consultations`, `comptes rendus`, `services`, …) read into a typed [`Table`](crate::data::Table)
//! — every row loaded or rejected with findings — with the organisation's custom fields typed
//! by their MANO field type when the configuration is given.

use crate::data::Loaded;
use crate::error::{Finding, MealError};
use crate::i18n::Message;

/// One sheet of the export.
#[derive(Debug)]
pub struct ManoSheet {
    /// The sheet name as in the workbook.
    pub name: String,
    pub loaded: Loaded,
}

/// The whole export.
#[derive(Debug)]
pub struct ManoExport {
    pub sheets: Vec<ManoSheet>,
    /// Workbook-level findings (unknown sheet, unknown column, …).
    pub findings: Vec<Finding>,
}

/// Reads a MANO `data.xlsx` export. `config` is the organisation's custom-field configuration
/// (JSON, MANO's `customFieldsPersons`, … shape), when known. Errors: `mano.unreadable`.
pub fn read_export(bytes: &[u8], config: Option<&str>) -> Result<ManoExport, MealError> {
    let _ = (bytes, config);
    Err(MealError::new("mano.unreadable").with("detail", "not implemented"))
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[Message {
    code: "mano.unreadable",
    en: "The MANO export cannot be read: {detail}",
    fr: "L'export MANO ne peut pas être lu : {detail}",
}];
