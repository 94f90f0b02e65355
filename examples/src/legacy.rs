//! A deterministic legacy case-management export with deliberate defects, for the migration
//! to a MANO-like person schema (`data/migration-voozanoo-mano.json`).
//!
//! The export looks like what an old case-management tool (VOOZANOO-like) writes: French
//! headers, `dd/mm/yyyy` dates, `H`/`F` sexes, `;`-joined services, amounts with a decimal
//! comma, `Oui`/`Non`, an address `rue, code postal, ville`. Every tenth record, from the third,
//! carries one defect, taken in turn from [`DEFECTS`]; every other record is clean. Each defect
//! says what the migration must do with it — reject the record with a code, or migrate it with
//! a warning — so a test can check the reconciliation record by record
//! (`tests/migration.rs`).

use std::fmt::Write as _;

/// The source columns, as the legacy tool writes them (`data/migration-voozanoo-schema.json`).
pub const HEADER: &str = "N° dossier,Nom,Prénom,Sexe,Date de naissance,Date d'inscription,\
Couverture santé,Services,Ressources (€),Hébergé,Adresse";

/// One kind of deliberate defect and the finding the migration must report for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defect {
    /// What is wrong, for test messages.
    pub what: &'static str,
    /// The finding code expected on the record.
    pub code: &'static str,
    /// True when the record is still migrated (the finding is a warning).
    pub migrated: bool,
}

/// The defects, in the order they are injected.
pub const DEFECTS: &[Defect] = &[
    Defect {
        what: "birth date not dd/mm/yyyy",
        code: "migration.bad_date",
        migrated: false,
    },
    Defect {
        what: "31 February",
        code: "migration.bad_date",
        migrated: false,
    },
    Defect {
        what: "unknown sex code",
        code: "migration.unmapped_value",
        migrated: false,
    },
    Defect {
        what: "file number missing",
        code: "data.required",
        migrated: false,
    },
    Defect {
        what: "registration date missing",
        code: "data.required",
        migrated: false,
    },
    Defect {
        what: "exact duplicate of the record before",
        code: "migration.duplicate_key",
        migrated: false,
    },
    Defect {
        what: "unknown service",
        code: "migration.unmapped_value",
        migrated: false,
    },
    Defect {
        what: "amount with two commas",
        code: "data.not_decimal",
        migrated: false,
    },
    Defect {
        what: "housing neither Oui nor Non",
        code: "migration.bad_boolean",
        migrated: false,
    },
    Defect {
        what: "a field too many (an unquoted comma)",
        code: "data.field_count",
        migrated: false,
    },
    Defect {
        what: "unknown health insurance",
        code: "migration.unmapped_default",
        migrated: true,
    },
    Defect {
        what: "health insurance missing",
        code: "migration.default_used",
        migrated: true,
    },
];

/// A generated export and the defect of each defective record.
#[derive(Debug, Clone)]
pub struct LegacyExport {
    /// The CSV text, header first.
    pub csv: String,
    /// `(record number, defect)`: record numbers as the CSV loader numbers them (1 = the first
    /// record after the header).
    pub defects: Vec<(u64, Defect)>,
    /// Records written.
    pub records: u64,
}

const FIRST_NAMES: &[&str] = &[
    "Amina", "Bakary", "Chen", "Dawit", "Elena", "Farid", "Grace",
];
const LAST_NAMES: &[&str] = &["Diallo", "Haile", "Kone", "Mensah", "Popescu", "Rahimi"];
const INSURANCES: &[&str] = &["AME", "CMU", "Aucune", "PUMa"];
const SERVICES: &[&str] = &["Douche", "Repas", "Vestiaire", "Consultation"];
const TOWNS: &[(&str, &str)] = &[
    ("75019", "Paris"),
    ("62100", "Calais"),
    ("13003", "Marseille"),
];

/// The export of `records` records (deterministic: the same number gives the same text).
pub fn legacy_export(records: u64) -> LegacyExport {
    let mut csv = format!("{HEADER}\n");
    let mut defects = Vec::new();
    let mut previous = String::new();
    for n in 1..=records {
        let mut fields = clean_record(n);
        let defect = (n % 10 == 3).then(|| {
            let index = usize::try_from((n / 10) % DEFECTS.len() as u64).unwrap_or(0);
            DEFECTS.get(index).copied()
        });
        if let Some(Some(defect)) = defect {
            inject(defect, &mut fields, &previous);
            defects.push((n, defect));
        }
        let line = fields.join(",");
        let _ = writeln!(csv, "{line}");
        previous = line;
    }
    LegacyExport {
        csv,
        defects,
        records,
    }
}

/// A clean record: every value valid, services and amounts varying with `n`.
fn clean_record(n: u64) -> Vec<String> {
    let pick = |list: &[&'static str], k: u64| -> &'static str {
        let len = list.len() as u64;
        list.get(usize::try_from(k % len).unwrap_or(0))
            .copied()
            .unwrap_or_default()
    };
    let town = usize::try_from(n % 3).ok().and_then(|i| TOWNS.get(i));
    let (postcode, town) = town.copied().unwrap_or(("75019", "Paris"));
    let services: Vec<&str> = (0..1 + n % 3).map(|k| pick(SERVICES, n + k)).collect();
    vec![
        format!("VZ-{n:05}"),
        pick(LAST_NAMES, n).to_owned(),
        pick(FIRST_NAMES, n / 2).to_owned(),
        if n % 2 == 1 { "H" } else { "F" }.to_owned(),
        format!("{:02}/{:02}/{}", 1 + n % 28, 1 + n % 12, 1960 + n % 45),
        format!("{:02}/{:02}/2025", 1 + n % 28, 1 + (n / 28) % 12),
        pick(INSURANCES, n / 3).to_owned(),
        services.join(";"),
        format!("\"{},{:02}\"", n % 900, n % 100),
        if n.is_multiple_of(5) { "Oui" } else { "Non" }.to_owned(),
        format!("\"{} rue des Lilas, {postcode}, {town}\"", 1 + n % 90),
    ]
}

/// Puts `defect` into a clean record (`previous` is the record before, as written).
fn inject(defect: Defect, fields: &mut Vec<String>, previous: &str) {
    let mut set = |column: usize, value: &str| {
        if let Some(field) = fields.get_mut(column) {
            *field = value.to_owned();
        }
    };
    match defect.what {
        "birth date not dd/mm/yyyy" => set(4, "1990-13-45"),
        "31 February" => set(4, "31/02/1985"),
        "unknown sex code" => set(3, "X"),
        "file number missing" => set(0, ""),
        "registration date missing" => set(5, ""),
        "unknown service" => set(7, "Douche;Piscine"),
        "amount with two commas" => set(8, "\"12,5,0\""),
        "housing neither Oui nor Non" => set(9, "Peut-être"),
        "a field too many (an unquoted comma)" => set(2, "Jean,Pierre"),
        "unknown health insurance" => set(6, "Mutuelle"),
        "health insurance missing" => set(6, ""),
        _ => {
            // The exact duplicate: the record before, field for field.
            *fields = split_line(previous);
        }
    }
}

/// A line written by this module back into its fields (quotes kept as written).
fn split_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
            ',' if !quoted => fields.push(String::new()),
            _ => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_is_deterministic_and_every_defect_is_used() {
        let export = legacy_export(200);
        assert_eq!(export.csv, legacy_export(200).csv);
        assert_eq!(export.csv.lines().count(), 201);
        assert_eq!(export.defects.len(), 20);
        for defect in DEFECTS {
            assert!(
                export.defects.iter().any(|(_, d)| d == defect),
                "{}",
                defect.what
            );
        }
    }

    #[test]
    fn a_line_splits_back_into_its_fields() {
        let fields = clean_record(7);
        assert_eq!(split_line(&fields.join(",")), fields);
    }
}
