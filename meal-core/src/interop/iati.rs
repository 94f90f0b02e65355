//! CONTRACT (owner: iati helper). IATI 2.03 activity results (reference/logframes-indicators.md
//! §2, §7.9): a logframe and its computed figures become `iati-activity/result` elements
//! (result → indicator → baseline → period target/actual with dimensions), valid against the
//! official schema (`meal-core/tests/iati/iati-activities-schema.xsd`), and an IATI file is read
//! back into the same model: `Activities::from_xml(&a.to_xml()) == a`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::error::MealError;
use crate::i18n::Message;
use crate::logframe::Logframe;
use crate::period::Period;
use crate::text::Text;

/// The reporting organisation (`reporting-org`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The organisation identifier (`FR-RNA-W751234567`).
    #[serde(rename = "ref")]
    pub reference: String,
    /// OrganisationType code (`21` international NGO).
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Text,
}

/// What an export needs besides the logframes and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiRequest {
    pub organisation: Organisation,
    /// Activity identifiers are `{prefix}-{project code}`; the prefix starts with the
    /// organisation identifier, as IATI asks.
    pub activity_prefix: String,
    /// `iati-activities/@generated-datetime` (given, so exports are reproducible).
    pub generated: DateTime<FixedOffset>,
    /// The periods whose targets and actuals are exported (each an IATI `period`).
    pub periods: Vec<Period>,
}

/// `iati-activities`: one activity per logframe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activities {
    pub generated: DateTime<FixedOffset>,
    pub activities: Vec<Activity>,
}

/// One `iati-activity` with what this library carries of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub identifier: String,
    pub organisation: Organisation,
    pub title: Text,
    pub results: Vec<IatiResult>,
}

/// One `result`: a logframe objective (impact 3, outcome 2, output 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiResult {
    /// ResultType code.
    pub result_type: u8,
    pub aggregation_status: bool,
    pub title: Text,
    pub indicators: Vec<IatiIndicator>,
}

/// One `indicator` of a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiIndicator {
    /// IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).
    pub measure: u8,
    /// `None` for `maintain` (no better direction).
    pub ascending: Option<bool>,
    pub aggregation_status: bool,
    /// The logframe indicator code (reference vocabulary 99).
    pub code: String,
    pub title: Text,
    pub baseline: Option<IatiBaseline>,
    pub periods: Vec<IatiPeriod>,
}

/// A `baseline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiBaseline {
    pub year: i32,
    pub iso_date: Option<chrono::NaiveDate>,
    pub value: Option<rust_decimal::Decimal>,
}

/// A `period` with its targets and actuals (the total, then one per disaggregation cell).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiPeriod {
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub targets: Vec<IatiValue>,
    pub actuals: Vec<IatiValue>,
}

/// A `target` or `actual`: a value and the `dimension`s of its cell (none for the total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiValue {
    pub value: Option<rust_decimal::Decimal>,
    /// (dimension name, value), in the cell's dimension order.
    pub dimensions: Vec<(String, String)>,
}

impl Activities {
    /// The model of `logframes` and their `results` (figures of `request.periods`). Errors:
    /// `iati.*` for what IATI rules 8.5.1–8.11.1 forbid and cannot be mended.
    pub fn from_logframes(
        logframes: &[Logframe],
        results: Option<&Results>,
        request: &IatiRequest,
    ) -> Result<Activities, MealError> {
        let _ = (logframes, results, request);
        Err(MealError::new("iati.invalid"))
    }

    /// The IATI 2.03 XML document (`iati-activities version="2.03"`).
    pub fn to_xml(&self) -> String {
        String::new()
    }

    /// Reads an IATI activities file. Errors: `iati.malformed` (not XML), `iati.invalid`
    /// (an element or attribute the model needs is missing or wrong, with a path).
    pub fn from_xml(xml: &str) -> Result<Activities, MealError> {
        let _ = xml;
        Err(MealError::new("iati.malformed"))
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "iati.invalid",
        en: "The IATI data is not valid",
        fr: "Les données IATI ne sont pas valides",
    },
    Message {
        code: "iati.malformed",
        en: "The IATI file is not well-formed XML",
        fr: "Le fichier IATI n'est pas du XML bien formé",
    },
];
