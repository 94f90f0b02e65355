//! The words and numbers of a report as a reader sees them: headings, column titles and status
//! words in French and English, and decimals and percentages written for the reader's locale.
//!
//! Decisions:
//! * Labels are an enum ([`Label`]), not string keys: a label missing a language, or a key
//!   misspelt, does not compile.
//! * A status is always shown as a symbol **and** a word (`✓ on track`), never as a colour
//!   alone (WCAG 2.1 success criterion 1.4.1, "use of colour"); HTML adds the colour on top.
//! * Decimals shown to a person use the locale's separator: a comma in French (`12,5`), a dot
//!   in English. No digit grouping, so that a value copied into a spreadsheet stays a number.
//!   CSV and JSON keep the machine form (dot, no grouping) whatever the locale.
//! * Achievement is stored as a fraction (1 = 100 %, 4 decimals, as `indicator::achievement`
//!   gives it) and shown as a percentage with one decimal, rounded half to even like the core
//!   (`0.87654` → `87.7 %`, `0.87650` → `87.6 %`). French puts a no-break space before `%`
//!   (Imprimerie nationale rule), English none.
//!
//! This file raises no code.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::i18n::Locale;
use crate::indicator::Status;
use crate::logframe::{Level, ObjectiveKind};

/// The symbol shown instead of a suppressed value, in every format.
pub const SUPPRESSED_SYMBOL: &str = "*";

/// What an empty cell (no value, no target) shows in text formats.
pub const NOTHING: &str = "—";

/// Every fixed word a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    SitrepTitle,
    AnnualTitle,
    Mission,
    Project,
    Scope,
    Period,
    Audience,
    Internal,
    External,
    Year,
    Code,
    Indicator,
    Unit,
    Baseline,
    Value,
    Target,
    Achievement,
    Status,
    Category,
    Dimension,
    Cell,
    Objective,
    Indicators,
    Disaggregations,
    By,
    CrossedCells,
    NotLinked,
    NotComputed,
    Unlisted,
    Notes,
    DataQuality,
    Site,
    AllSites,
    Total,
    Records,
    Completeness,
    Timeliness,
    ReportsReceived,
    Duplicates,
    RuleViolations,
    Outliers,
    InvalidNumerics,
    RowsChecked,
    FailuresByCheck,
    Sources,
    RowsRead,
    RowsWithoutDate,
    Documents,
    Engine,
    Legend,
    SuppressedLegend,
    SuppressedCount,
    StatusLegend,
    NoQuality,
    Unknown,
    Operational,
    Influence,
    Impact,
    Outcome,
    Output,
    Activity,
    Summary,
    Quality,
    Rows,
    RowsWithoutValue,
    NoValue,
}

impl Label {
    /// The label in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        let (en, fr) = self.pair();
        match locale {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        use Label::*;
        match self {
            SitrepTitle => ("Situation report (SITREP)", "Rapport de situation (SITREP)"),
            AnnualTitle => ("Annual report", "Rapport annuel"),
            Mission => ("Mission", "Mission"),
            Project => ("Project", "Projet"),
            Scope => ("Scope", "Périmètre"),
            Period => ("Period", "Période"),
            Audience => ("Audience", "Public"),
            Internal => ("Internal", "Interne"),
            External => ("External", "Externe"),
            Year => ("Year", "Année"),
            Code => ("Code", "Code"),
            Indicator => ("Indicator", "Indicateur"),
            Unit => ("Unit", "Unité"),
            Baseline => ("Baseline", "Référence"),
            Value => ("Value", "Valeur"),
            Target => ("Target", "Cible"),
            Achievement => ("Achievement", "Réalisation"),
            Status => ("Status", "Statut"),
            Category => ("Category", "Catégorie"),
            Dimension => ("Dimension", "Dimension"),
            Cell => ("Cell", "Cellule"),
            Objective => ("Objective", "Objectif"),
            Indicators => ("Indicators", "Indicateurs"),
            Disaggregations => ("Disaggregations", "Ventilations"),
            By => ("By", "Par"),
            CrossedCells => ("Crossed cells", "Cellules croisées"),
            NotLinked => (
                "Indicators not linked to an objective",
                "Indicateurs rattachés à aucun objectif",
            ),
            NotComputed => ("Indicators not computed", "Indicateurs non calculés"),
            Unlisted => (
                "Figures of indicators no logframe defines",
                "Chiffres d’indicateurs qu’aucun cadre logique ne définit",
            ),
            Notes => ("Notes on the computation", "Remarques sur le calcul"),
            DataQuality => ("Data quality", "Qualité des données"),
            Site => ("Site", "Site"),
            AllSites => ("All sites", "Tous les sites"),
            Total => ("Total", "Total"),
            Records => ("Records", "Enregistrements"),
            Completeness => ("Completeness", "Complétude"),
            Timeliness => ("Timeliness", "Ponctualité"),
            ReportsReceived => ("Reports received / expected", "Rapports reçus / attendus"),
            Duplicates => ("Duplicates", "Doublons"),
            RuleViolations => ("Rule violations", "Règles non respectées"),
            Outliers => ("Outliers", "Valeurs aberrantes"),
            InvalidNumerics => ("Invalid numbers", "Nombres invalides"),
            RowsChecked => ("Rows checked", "Lignes contrôlées"),
            FailuresByCheck => ("Failures by check", "Anomalies par contrôle"),
            Sources => ("Sources", "Sources"),
            RowsRead => ("Rows read", "Lignes lues"),
            RowsWithoutDate => ("Rows without a date", "Lignes sans date"),
            Documents => ("Documents", "Documents"),
            Engine => ("Engine", "Moteur"),
            Legend => ("Legend", "Légende"),
            SuppressedLegend => (
                "hidden to protect small groups: fewer than {k} persons or records, or hidden so that such a cell cannot be recomputed from the total and the other cells",
                "masqué pour protéger les petits groupes : moins de {k} personnes ou enregistrements, ou masqué pour qu’une telle cellule ne puisse pas être recalculée à partir du total et des autres cellules",
            ),
            SuppressedCount => ("Cells hidden", "Cellules masquées"),
            StatusLegend => (
                "on track: at least 85% of the target; at risk: at least 60%; off track: below 60%",
                "en bonne voie : au moins 85\u{a0}% de la cible ; à risque : au moins 60\u{a0}% ; hors trajectoire : moins de 60\u{a0}%",
            ),
            NoQuality => (
                "No data-quality report was given.",
                "Aucun rapport de qualité des données n’a été fourni.",
            ),
            Unknown => ("unknown", "inconnu"),
            Operational => ("operational", "opérationnel"),
            Influence => ("influence", "influence"),
            Impact => ("Impact", "Impact"),
            Outcome => ("Outcome", "Effet"),
            Output => ("Output", "Extrant"),
            Activity => ("Activity", "Activité"),
            Summary => ("Summary", "Synthèse"),
            Quality => ("Quality", "Qualité"),
            Rows => ("Rows", "Lignes"),
            RowsWithoutValue => ("Rows without a value", "Lignes sans valeur"),
            NoValue => ("no value", "pas de valeur"),
        }
    }
}

/// The label of a results-chain level.
pub fn level(level: Level) -> Label {
    match level {
        Level::Impact => Label::Impact,
        Level::Outcome => Label::Outcome,
        Level::Output => Label::Output,
        Level::Activity => Label::Activity,
    }
}

/// The label of an objective kind.
pub fn kind(kind: ObjectiveKind) -> Label {
    match kind {
        ObjectiveKind::Operational => Label::Operational,
        ObjectiveKind::Influence => Label::Influence,
    }
}

/// A status as a symbol and words, in `locale`: `✓ on track`. The symbol differs by shape,
/// so the status reads without colour.
pub fn status(status: Status, locale: Locale) -> String {
    let (symbol, en, fr) = match status {
        Status::OnTrack => ("✓", "on track", "en bonne voie"),
        Status::AtRisk => ("!", "at risk", "à risque"),
        Status::OffTrack => ("✗", "off track", "hors trajectoire"),
        Status::NoData => ("∅", "no data", "pas de données"),
        Status::NoTarget => ("○", "no target", "pas de cible"),
    };
    let word = match locale {
        Locale::En => en,
        Locale::Fr => fr,
    };
    format!("{symbol} {word}")
}

/// A decimal for a reader: normalised, with the locale's decimal separator.
pub fn number(value: Decimal, locale: Locale) -> String {
    let text = value.normalize().to_string();
    match locale {
        Locale::En => text,
        Locale::Fr => text.replace('.', ","),
    }
}

/// An achievement fraction as a percentage with one decimal, half to even: `87.5%`,
/// `87,5 %`. `None` when the percentage does not fit a decimal.
pub fn percent(fraction: Decimal, locale: Locale) -> Option<String> {
    let mut rounded = fraction
        .checked_mul(Decimal::ONE_HUNDRED)?
        .round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(1);
    let text = rounded.to_string();
    Some(match locale {
        Locale::En => format!("{text}%"),
        Locale::Fr => format!("{}\u{a0}%", text.replace('.', ",")),
    })
}

/// An achievement fraction as an exact percentage for machines (`0.8751` → `87.51`).
pub fn machine_percent(fraction: Decimal) -> Option<Decimal> {
    fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.normalize())
}

/// The legend of suppressed cells, with the threshold in it.
pub fn suppressed_legend(threshold: u64, locale: Locale) -> String {
    format!(
        "{SUPPRESSED_SYMBOL} {}",
        Label::SuppressedLegend
            .text(locale)
            .replace("{k}", &threshold.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_round_half_to_even_with_one_decimal() {
        assert_eq!(percent(d("0.8765"), Locale::En).unwrap(), "87.6%");
        assert_eq!(percent(d("0.8775"), Locale::En).unwrap(), "87.8%");
        assert_eq!(percent(d("0.87654"), Locale::En).unwrap(), "87.7%");
        assert_eq!(percent(d("1"), Locale::En).unwrap(), "100.0%");
        assert_eq!(percent(d("0.875"), Locale::Fr).unwrap(), "87,5\u{a0}%");
    }

    #[test]
    fn french_numbers_use_a_comma_and_machine_percent_is_exact() {
        assert_eq!(number(d("12.50"), Locale::Fr), "12,5");
        assert_eq!(number(d("12.50"), Locale::En), "12.5");
        assert_eq!(number(d("1050"), Locale::Fr), "1050");
        assert_eq!(machine_percent(d("0.8751")).unwrap(), d("87.51"));
    }

    #[test]
    fn statuses_carry_a_symbol_and_words() {
        assert_eq!(status(Status::OnTrack, Locale::En), "✓ on track");
        assert_eq!(status(Status::OffTrack, Locale::Fr), "✗ hors trajectoire");
    }

    #[test]
    fn the_legend_names_the_threshold() {
        assert!(suppressed_legend(5, Locale::Fr).starts_with("* masqué"));
        assert!(suppressed_legend(5, Locale::Fr).contains("moins de 5 personnes"));
    }
}
