//! Global recoding: ages into bands, dates into months or quarters, places into regions.
//!
//! Recoding (generalisation) makes key values coarser for every row at once, so that fewer rows
//! are unique before any local suppression is needed (reference `gdpr-feedback.md` §2.3 "recode
//! to intervals", §6.1 item 5 "generalisation hierarchies (age bands, nationality → region,
//! date → month/quarter, commune → département)"; sdcMicro's `globalRecode`, §2.5).
//!
//! # Decisions
//!
//! * **Age bands** are inclusive `from`–`to` ranges in completed years, the last one possibly
//!   open (`60+`). A band list must be non-empty, each band `from ≤ to`, and each band must start
//!   after the previous one ends (sorted, no overlap; an open band can only be last). Gaps are
//!   allowed, but an age falling in one is an error, not a silent missing value. Two sets are
//!   built in:
//!   - [`AgeBands::standard`]: `0-4, 5-14, 15-17, 18-24, 25-59, 60+` — under-fives and older
//!     people as in humanitarian age disaggregation, with children split at 15, the French age
//!     of digital consent (LIL art. 45, §1.4), and 18, majority;
//!   - [`AgeBands::minors`]: `0-14, 15-17, 18+` — the mission's consent-relevant split (§1.4:
//!     under 15 joint consent, 15–17 alone, adults).
//!
//!   An age is read as a non-negative number and floored (4.9 years is in `0-4`).
//! * **Dates** are ISO `YYYY-MM-DD` (error `input.date` otherwise). A month is written
//!   `YYYY-MM` (ISO 8601, which DHIS2 also reads); a quarter is the DHIS2 id `YYYYQn`
//!   ([`crate::period`]).
//! * **Places → regions** use the caller's mapping, matched exactly. A place the mapping lacks
//!   is an error (`disclosure.unknown_place`) unless an `other` region is given, in which case
//!   it goes there: never silently missing.
//! * [`recode_column`] recodes each *distinct* value once (the column is dictionary-encoded),
//!   leaves missing values missing, and on failure reports the first row holding the offending
//!   value (path `/row/column`, params `row`, `column`). A recoding is a function of the value,
//!   so it never increases the number of distinct values.
//!
//! # Codes
//!
//! | code | when | params |
//! |---|---|---|
//! | `disclosure.bands_empty` | no age band | — |
//! | `disclosure.band_reversed` | a band ends before it starts | `band` |
//! | `disclosure.bands_overlap` | a band does not start after the previous one ends | `band`, `previous` |
//! | `disclosure.unknown_band_set` | a named band set that does not exist | `name` |
//! | `disclosure.bad_age` | an age that is not a non-negative number | `value` |
//! | `disclosure.age_outside_bands` | an age no band covers | `value` |
//! | `disclosure.unknown_place` | a place missing from the mapping, no `other` | `value` |
//! | `disclosure.bad_recoding` | a recoding JSON of the wrong shape | `detail` |
//! | `input.date` (from [`crate::input`]) | a value that is not a date | `value` |

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::microdata::Microdata;
use crate::error::MealError;
use crate::i18n::{Message, Term};
use crate::input::{parse_date, parse_decimal};
use crate::period::{Period, PeriodType};

/// One age band, inclusive, in completed years; `to: None` is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// First age in the band.
    pub from: u32,
    /// Last age in the band, or `None` for "and over".
    #[serde(default)]
    pub to: Option<u32>,
}

impl AgeBand {
    /// Whether `age` falls in the band.
    pub fn contains(&self, age: u32) -> bool {
        age >= self.from && self.to.is_none_or(|to| age <= to)
    }
}

impl fmt::Display for AgeBand {
    /// `0-4`, `60+`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}-{to}", self.from),
            None => write!(f, "{}+", self.from),
        }
    }
}

/// A validated list of age bands (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeBands(Vec<AgeBand>);

impl AgeBands {
    /// Validates `bands`. Errors `disclosure.bands_empty`, `disclosure.band_reversed`,
    /// `disclosure.bands_overlap`.
    pub fn new(bands: Vec<AgeBand>) -> Result<AgeBands, MealError> {
        if bands.is_empty() {
            return Err(MealError::new("disclosure.bands_empty"));
        }
        let mut previous: Option<&AgeBand> = None;
        for band in &bands {
            if band.to.is_some_and(|to| to < band.from) {
                return Err(MealError::new("disclosure.band_reversed").with("band", band));
            }
            if let Some(before) = previous {
                if before.to.is_none_or(|end| band.from <= end) {
                    return Err(MealError::new("disclosure.bands_overlap")
                        .with("band", band)
                        .with("previous", before));
                }
            }
            previous = Some(band);
        }
        Ok(AgeBands(bands))
    }

    /// `0-4, 5-14, 15-17, 18-24, 25-59, 60+`.
    pub fn standard() -> AgeBands {
        Self::from_bounds(&[
            (0, Some(4)),
            (5, Some(14)),
            (15, Some(17)),
            (18, Some(24)),
            (25, Some(59)),
            (60, None),
        ])
    }

    /// `0-14, 15-17, 18+`.
    pub fn minors() -> AgeBands {
        Self::from_bounds(&[(0, Some(14)), (15, Some(17)), (18, None)])
    }

    /// A built-in set by name (`standard`, `minors`). Error `disclosure.unknown_band_set`.
    pub fn named(name: &str) -> Result<AgeBands, MealError> {
        match name {
            "standard" => Ok(Self::standard()),
            "minors" => Ok(Self::minors()),
            _ => Err(MealError::new("disclosure.unknown_band_set").with("name", name)),
        }
    }

    fn from_bounds(bounds: &[(u32, Option<u32>)]) -> AgeBands {
        AgeBands(
            bounds
                .iter()
                .map(|&(from, to)| AgeBand { from, to })
                .collect(),
        )
    }

    /// The bands, in order.
    pub fn bands(&self) -> &[AgeBand] {
        &self.0
    }
}

/// The label of the band holding `age` (`"15-17"`), or `None` when it falls in a gap.
pub fn age_band(age: u32, bands: &AgeBands) -> Option<String> {
    bands
        .0
        .iter()
        .find(|b| b.contains(age))
        .map(ToString::to_string)
}

/// `2026-11-27` → `2026-11`. Error `input.date`.
pub fn date_to_month(date: &str) -> Result<String, MealError> {
    Ok(parse_date(date)?.format("%Y-%m").to_string())
}

/// `2026-11-27` → `2026Q4` (DHIS2 quarterly id). Error `input.date`.
pub fn date_to_quarter(date: &str) -> Result<String, MealError> {
    Ok(Period::containing(PeriodType::Quarterly, parse_date(date)?)?.id())
}

/// The region of `place` in `mapping`, matched exactly; `None` when the mapping lacks it.
pub fn place_to_region<'m>(place: &str, mapping: &'m BTreeMap<String, String>) -> Option<&'m str> {
    mapping.get(place).map(String::as_str)
}

/// A recoding of one key column. JSON: `{"kind": "age_band", "bands": "standard" | [{from, to}]}`,
/// `{"kind": "month"}`, `{"kind": "quarter"}`, `{"kind": "region", "mapping": {place: region},
/// "other": region?}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recoding {
    /// Ages into bands.
    AgeBand(AgeBands),
    /// Dates into `YYYY-MM`.
    Month,
    /// Dates into `YYYYQn`.
    Quarter,
    /// Places into regions; places the mapping lacks go to `other`, or are an error without it.
    Region {
        /// Place → region.
        mapping: BTreeMap<String, String>,
        /// The region of places the mapping lacks.
        other: Option<String>,
    },
}

/// The JSON shape of a recoding, before the bands are validated.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum RecodingSpec {
    AgeBand {
        bands: BandsSpec,
    },
    // Empty struct variants, not unit ones: serde lets a unit variant take unknown fields.
    Month {},
    Quarter {},
    Region {
        mapping: BTreeMap<String, String>,
        #[serde(default)]
        other: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BandsSpec {
    Named(String),
    List(Vec<AgeBand>),
}

impl Recoding {
    /// Reads a recoding from JSON (shape above). Errors `json.malformed`,
    /// `disclosure.bad_recoding`, and the band errors of [`AgeBands::new`].
    pub fn from_json(json: &str) -> Result<Recoding, MealError> {
        let spec: RecodingSpec = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                MealError::new("disclosure.bad_recoding").with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })?;
        Ok(match spec {
            RecodingSpec::AgeBand {
                bands: BandsSpec::Named(name),
            } => Recoding::AgeBand(AgeBands::named(&name)?),
            RecodingSpec::AgeBand {
                bands: BandsSpec::List(list),
            } => Recoding::AgeBand(AgeBands::new(list)?),
            RecodingSpec::Month {} => Recoding::Month,
            RecodingSpec::Quarter {} => Recoding::Quarter,
            RecodingSpec::Region { mapping, other } => Recoding::Region { mapping, other },
        })
    }

    /// The recoded form of one present value.
    pub fn apply(&self, value: &str) -> Result<String, MealError> {
        match self {
            Recoding::AgeBand(bands) => {
                let age = read_age(value)?;
                age_band(age, bands).ok_or_else(|| {
                    MealError::new("disclosure.age_outside_bands").with("value", value)
                })
            }
            Recoding::Month => date_to_month(value),
            Recoding::Quarter => date_to_quarter(value),
            Recoding::Region { mapping, other } => place_to_region(value, mapping)
                .or(other.as_deref())
                .map(str::to_owned)
                .ok_or_else(|| MealError::new("disclosure.unknown_place").with("value", value)),
        }
    }
}

/// A non-negative number of years, floored. Error `disclosure.bad_age`.
fn read_age(value: &str) -> Result<u32, MealError> {
    let bad = || MealError::new("disclosure.bad_age").with("value", value);
    let number = parse_decimal(value).map_err(|_| bad())?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(bad());
    }
    number.floor().to_u32().ok_or_else(bad)
}

/// `data` with key `column` recoded (see the module docs). Errors `disclosure.unknown_column`
/// and those of [`Recoding::apply`], at the first row holding the value.
pub fn recode_column(
    data: &Microdata,
    column: &str,
    recoding: &Recoding,
) -> Result<Microdata, MealError> {
    let index = data.column_index(column)?;
    data.map_column(index, |value| recoding.apply(value).map(Some))
}

/// A plain list of values recoded, missing (`None` or `""`) staying missing; errors carry the
/// index (path `/row`, param `row`). For callers holding one column outside any [`Microdata`].
pub fn recode_values(
    values: &[Option<String>],
    recoding: &Recoding,
) -> Result<Vec<Option<String>>, MealError> {
    values
        .iter()
        .enumerate()
        .map(|(row, value)| match value.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => recoding
                .apply(text)
                .map(Some)
                .map_err(|e| e.at(format!("/{row}")).with("row", row)),
        })
        .collect()
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.bands_empty",
        en: "The list of age bands is empty",
        fr: "La liste des tranches d'âge est vide",
    },
    Message {
        code: "disclosure.band_reversed",
        en: "Age band {band} ends before it starts",
        fr: "La tranche d'âge {band} se termine avant de commencer",
    },
    Message {
        code: "disclosure.bands_overlap",
        en: "Age band {band} must start after band {previous} ends: list bands in order, without overlap, an open band last",
        fr: "La tranche d'âge {band} doit commencer après la fin de la tranche {previous} : listez les tranches dans l'ordre, sans chevauchement, une tranche ouverte en dernier",
    },
    Message {
        code: "disclosure.unknown_band_set",
        en: "There is no built-in set of age bands named \"{name}\"; use \"standard\" or \"minors\", or list the bands",
        fr: "Il n'existe pas de jeu de tranches d'âge nommé « {name} » ; utilisez « standard » ou « minors », ou listez les tranches",
    },
    Message {
        code: "disclosure.bad_age",
        en: "\"{value}\" is not an age; expected a number of years, 0 or more",
        fr: "« {value} » n'est pas un âge ; attendu un nombre d'années, 0 ou plus",
    },
    Message {
        code: "disclosure.age_outside_bands",
        en: "Age {value} falls in no age band",
        fr: "L'âge {value} ne tombe dans aucune tranche d'âge",
    },
    Message {
        code: "disclosure.unknown_place",
        en: "Place \"{value}\" is not in the region mapping; add it, or give a region for other places",
        fr: "Le lieu « {value} » ne figure pas dans la correspondance des régions ; ajoutez-le, ou indiquez une région pour les autres lieux",
    },
    Message {
        code: "disclosure.bad_recoding",
        en: "The recoding is not valid: {detail}",
        fr: "Le recodage n'est pas valide : {detail}",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    fn band(from: u32, to: Option<u32>) -> AgeBand {
        AgeBand { from, to }
    }

    #[test]
    fn standard_bands_cover_every_age_with_the_documented_labels() {
        let bands = AgeBands::standard();
        let labels: Vec<_> = [0, 4, 5, 14, 15, 17, 18, 24, 25, 59, 60, 120]
            .iter()
            .map(|&a| age_band(a, &bands).unwrap())
            .collect();
        assert_eq!(
            labels,
            [
                "0-4", "0-4", "5-14", "5-14", "15-17", "15-17", "18-24", "18-24", "25-59", "25-59",
                "60+", "60+"
            ]
        );
        assert_eq!(age_band(14, &AgeBands::minors()).unwrap(), "0-14");
        assert_eq!(age_band(15, &AgeBands::minors()).unwrap(), "15-17");
        assert_eq!(age_band(18, &AgeBands::minors()).unwrap(), "18+");
    }

    #[test]
    fn band_lists_are_validated() {
        let code = |bands| AgeBands::new(bands).unwrap_err().code;
        assert_eq!(code(vec![]), "disclosure.bands_empty");
        assert_eq!(code(vec![band(10, Some(5))]), "disclosure.band_reversed");
        assert_eq!(
            code(vec![band(0, Some(10)), band(10, None)]),
            "disclosure.bands_overlap"
        );
        assert_eq!(
            code(vec![band(5, Some(9)), band(0, Some(4))]),
            "disclosure.bands_overlap"
        );
        assert_eq!(
            code(vec![band(18, None), band(60, None)]),
            "disclosure.bands_overlap"
        );
        let gappy = AgeBands::new(vec![band(0, Some(4)), band(10, None)]).unwrap();
        assert_eq!(age_band(7, &gappy), None);
    }

    #[test]
    fn dates_become_months_and_quarters() {
        assert_eq!(date_to_month("2026-11-27").unwrap(), "2026-11");
        assert_eq!(date_to_quarter("2026-11-27").unwrap(), "2026Q4");
        assert_eq!(date_to_quarter("2026-01-01").unwrap(), "2026Q1");
        assert_eq!(date_to_month("27/11/2026").unwrap_err().code, "input.date");
    }

    #[test]
    fn recoding_values_keeps_missing_and_reports_the_row() {
        let recoding = Recoding::from_json(r#"{"kind": "age_band", "bands": "minors"}"#).unwrap();
        let values = vec![
            Some("4.9".to_owned()),
            None,
            Some(String::new()),
            Some("17".to_owned()),
        ];
        assert_eq!(
            recode_values(&values, &recoding).unwrap(),
            vec![
                Some("0-14".to_owned()),
                None,
                None,
                Some("15-17".to_owned())
            ]
        );
        let bad = vec![Some("3".to_owned()), Some("-1".to_owned())];
        let err = recode_values(&bad, &recoding).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("disclosure.bad_age", "/1")
        );
    }

    #[test]
    fn regions_need_a_mapping_or_an_other() {
        let strict =
            Recoding::from_json(r#"{"kind": "region", "mapping": {"Calais": "Hauts-de-France"}}"#)
                .unwrap();
        assert_eq!(strict.apply("Calais").unwrap(), "Hauts-de-France");
        assert_eq!(
            strict.apply("Paris").unwrap_err().code,
            "disclosure.unknown_place"
        );
        let lenient = Recoding::from_json(
            r#"{"kind": "region", "mapping": {"Calais": "Hauts-de-France"}, "other": "other"}"#,
        )
        .unwrap();
        assert_eq!(lenient.apply("Paris").unwrap(), "other");
    }

    #[test]
    fn recoding_json_is_checked() {
        let code = |json| Recoding::from_json(json).unwrap_err().code;
        assert_eq!(code(r#"{"kind": "decade"}"#), "disclosure.bad_recoding");
        assert_eq!(
            code(r#"{"kind": "month", "extra": 1}"#),
            "disclosure.bad_recoding"
        );
        assert_eq!(
            code(r#"{"kind": "age_band", "bands": "teens"}"#),
            "disclosure.unknown_band_set"
        );
        assert_eq!(
            code(r#"{"kind": "age_band", "bands": []}"#),
            "disclosure.bands_empty"
        );
        assert_eq!(code(r#"{"kind": "month""#), "json.malformed");
    }

    #[test]
    fn recode_column_reports_the_first_row_with_a_bad_value() {
        let md = Microdata::from_columns(vec![
            ("sex".to_owned(), vec![Some("f"), Some("m"), Some("f")]),
            (
                "arrival".to_owned(),
                vec![Some("2026-01-03"), Some("2026-13-01"), Some("2026-02-28")],
            ),
        ])
        .unwrap();
        let err = recode_column(&md, "arrival", &Recoding::Month).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.date", "/1/arrival")
        );
        let err = recode_column(&md, "age", &Recoding::Month).unwrap_err();
        assert_eq!(err.code, "disclosure.unknown_column");
        let quarters = recode_column(&md, "arrival", &Recoding::Quarter);
        assert!(quarters.is_err());
    }
}
