//! Messages of the `xlsform.*` codes, in English and French. Every finding about a cell names
//! it as `{sheet}!{column}{row}`.

use crate::i18n::Message;

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "xlsform.unreadable",
        en: "This file is not a readable Excel workbook (.xlsx): {detail}",
        fr: "Ce fichier n'est pas un classeur Excel (.xlsx) lisible : {detail}",
    },
    Message {
        code: "xlsform.no_survey",
        en: "This workbook has no 'survey' sheet; an XLSForm lists its questions there",
        fr: "Ce classeur n'a pas de feuille « survey » ; un XLSForm y liste ses questions",
    },
    Message {
        code: "xlsform.missing_column",
        en: "The sheet '{sheet}' has no '{header}' column (header row {row})",
        fr: "La feuille « {sheet} » n'a pas de colonne « {header} » (ligne d'en-tête {row})",
    },
    Message {
        code: "xlsform.duplicate_column",
        en: "The column '{value}' at {sheet}!{column}{row} repeats the one at {first}; it was not read",
        fr: "La colonne « {value} » en {sheet}!{column}{row} répète celle de {first} ; elle n'a pas été lue",
    },
    Message {
        code: "xlsform.unknown_column",
        en: "Unknown column '{value}' at {sheet}!{column}{row}; it was not read (check its spelling)",
        fr: "Colonne inconnue « {value} » en {sheet}!{column}{row} ; elle n'a pas été lue (vérifiez son orthographe)",
    },
    Message {
        code: "xlsform.unsupported_column",
        en: "The XLSForm column '{value}' at {sheet}!{column}{row} is not supported by this library; it was not read",
        fr: "La colonne XLSForm « {value} » en {sheet}!{column}{row} n'est pas prise en charge par cette bibliothèque ; elle n'a pas été lue",
    },
    Message {
        code: "xlsform.language_without_code",
        en: "The language '{value}' of the column at {sheet}!{column}{row} has no language code; write it as 'Name (code)', e.g. 'Français (fr)'",
        fr: "La langue « {value} » de la colonne en {sheet}!{column}{row} n'a pas de code de langue ; écrivez-la « Nom (code) », par exemple « English (en) »",
    },
    Message {
        code: "xlsform.missing_type",
        en: "The row {row} of '{sheet}' has no type (cell {sheet}!{column}{row}); it was not read",
        fr: "La ligne {row} de « {sheet} » n'a pas de type (cellule {sheet}!{column}{row}) ; elle n'a pas été lue",
    },
    Message {
        code: "xlsform.unknown_type",
        en: "Unknown question type '{value}' at {sheet}!{column}{row}",
        fr: "Type de question inconnu « {value} » en {sheet}!{column}{row}",
    },
    Message {
        code: "xlsform.unsupported_type",
        en: "The XLSForm type '{value}' at {sheet}!{column}{row} is not supported by this library",
        fr: "Le type XLSForm « {value} » en {sheet}!{column}{row} n'est pas pris en charge par cette bibliothèque",
    },
    Message {
        code: "xlsform.select_without_list",
        en: "The type '{value}' at {sheet}!{column}{row} names no choice list; write e.g. 'select_one sites'",
        fr: "Le type « {value} » en {sheet}!{column}{row} ne nomme aucune liste de choix ; écrivez par exemple « select_one sites »",
    },
    Message {
        code: "xlsform.missing_name",
        en: "The question at {sheet}!{column}{row} has no name",
        fr: "La question en {sheet}!{column}{row} n'a pas de nom",
    },
    Message {
        code: "xlsform.invalid_name",
        en: "The name '{value}' at {sheet}!{column}{row} is not valid: it must start with a letter or '_' and hold only letters, digits, '_', '.' or '-'",
        fr: "Le nom « {value} » en {sheet}!{column}{row} n'est pas valide : il doit commencer par une lettre ou « _ » et ne contenir que des lettres, des chiffres, « _ », « . » ou « - »",
    },
    Message {
        code: "xlsform.duplicate_name",
        en: "The name '{value}' at {sheet}!{column}{row} is already used at {first}; names must be unique in the form",
        fr: "Le nom « {value} » en {sheet}!{column}{row} est déjà utilisé en {first} ; les noms doivent être uniques dans le formulaire",
    },
    Message {
        code: "xlsform.unclosed_group",
        en: "The group '{value}' opened at {sheet}!{column}{row} is never closed by an 'end_group' row",
        fr: "Le groupe « {value} » ouvert en {sheet}!{column}{row} n'est jamais fermé par une ligne « end_group »",
    },
    Message {
        code: "xlsform.unclosed_repeat",
        en: "The repeat '{value}' opened at {sheet}!{column}{row} is never closed by an 'end_repeat' row",
        fr: "La répétition « {value} » ouverte en {sheet}!{column}{row} n'est jamais fermée par une ligne « end_repeat »",
    },
    Message {
        code: "xlsform.unmatched_end_group",
        en: "The row '{value}' at {sheet}!{column}{row} closes no open group",
        fr: "La ligne « {value} » en {sheet}!{column}{row} ne ferme aucun groupe ouvert",
    },
    Message {
        code: "xlsform.unmatched_end_repeat",
        en: "The row '{value}' at {sheet}!{column}{row} closes no open repeat",
        fr: "La ligne « {value} » en {sheet}!{column}{row} ne ferme aucune répétition ouverte",
    },
    Message {
        code: "xlsform.empty_group",
        en: "The group or repeat '{value}' at {sheet}!{column}{row} holds no question",
        fr: "Le groupe ou la répétition « {value} » en {sheet}!{column}{row} ne contient aucune question",
    },
    Message {
        code: "xlsform.missing_label",
        en: "The question '{value}' has no label in any language (cell {sheet}!{column}{row})",
        fr: "La question « {value} » n'a de libellé dans aucune langue (cellule {sheet}!{column}{row})",
    },
    Message {
        code: "xlsform.missing_translation",
        en: "The column '{header}' is empty at {sheet}!{column}{row} while another language has a text",
        fr: "La colonne « {header} » est vide en {sheet}!{column}{row} alors qu'une autre langue a un texte",
    },
    Message {
        code: "xlsform.missing_calculation",
        en: "The calculate field '{value}' has no calculation (cell {sheet}!{column}{row})",
        fr: "Le champ calculé « {value} » n'a pas de calcul (cellule {sheet}!{column}{row})",
    },
    Message {
        code: "xlsform.message_without_check",
        en: "The message in '{header}' at {sheet}!{column}{row} will never show: the row has no check it belongs to",
        fr: "Le message de « {header} » en {sheet}!{column}{row} ne s'affichera jamais : la ligne n'a pas le contrôle auquel il se rapporte",
    },
    Message {
        code: "xlsform.bad_yes_no",
        en: "The value '{value}' in '{header}' at {sheet}!{column}{row} is neither yes, no nor an expression",
        fr: "La valeur « {value} » de « {header} » en {sheet}!{column}{row} n'est ni yes, ni no, ni une expression",
    },
    Message {
        code: "xlsform.bad_expression",
        en: "The expression '{value}' at {sheet}!{column}{row} cannot be read ({expr_code}, at character {position})",
        fr: "L'expression « {value} » en {sheet}!{column}{row} est illisible ({expr_code}, au caractère {position})",
    },
    Message {
        code: "xlsform.unknown_reference",
        en: "The reference to the question '{name}' at {sheet}!{column}{row} names no question of the survey",
        fr: "La référence à la question « {name} » en {sheet}!{column}{row} ne désigne aucune question du formulaire",
    },
    Message {
        code: "xlsform.missing_choice_list",
        en: "The choice list '{list}' used at {sheet}!{column}{row} is not in the 'choices' sheet",
        fr: "La liste de choix « {list} » utilisée en {sheet}!{column}{row} n'existe pas dans la feuille « choices »",
    },
    Message {
        code: "xlsform.bad_parameters",
        en: "The parameters '{value}' at {sheet}!{column}{row} are not a list of distinct 'key=value' pairs",
        fr: "Les paramètres « {value} » en {sheet}!{column}{row} ne sont pas une liste de paires « clé=valeur » distinctes",
    },
    Message {
        code: "xlsform.bad_range",
        en: "The range parameters '{value}' at {sheet}!{column}{row} are invalid: start, end and step must be numbers, start and end must differ, and step must be positive and divide end − start",
        fr: "Les paramètres d'intervalle « {value} » en {sheet}!{column}{row} sont invalides : start, end et step doivent être des nombres, start et end différents, et step positif et diviseur de end − start",
    },
    Message {
        code: "xlsform.bad_count",
        en: "The count '{value}' at {sheet}!{column}{row} is not a whole number ≥ 0",
        fr: "Le nombre « {value} » en {sheet}!{column}{row} n'est pas un entier ≥ 0",
    },
    Message {
        code: "xlsform.missing_list_name",
        en: "The choice at {sheet}!{column}{row} has no list name; it was not read",
        fr: "Le choix en {sheet}!{column}{row} n'a pas de nom de liste ; il n'a pas été lu",
    },
    Message {
        code: "xlsform.missing_choice_name",
        en: "A choice of the list '{list}' has no name (cell {sheet}!{column}{row}); it was not read",
        fr: "Un choix de la liste « {list} » n'a pas de nom (cellule {sheet}!{column}{row}) ; il n'a pas été lu",
    },
    Message {
        code: "xlsform.duplicate_choice",
        en: "The choice '{value}' at {sheet}!{column}{row} is already in the list '{list}' at {first}",
        fr: "Le choix « {value} » en {sheet}!{column}{row} figure déjà dans la liste « {list} » en {first}",
    },
    Message {
        code: "xlsform.missing_choice_label",
        en: "The choice '{value}' of the list '{list}' has no label in any language (cell {sheet}!{column}{row})",
        fr: "Le choix « {value} » de la liste « {list} » n'a de libellé dans aucune langue (cellule {sheet}!{column}{row})",
    },
    Message {
        code: "xlsform.choice_name_with_space",
        en: "The choice '{value}' of the list '{list}' (cell {sheet}!{column}{row}) contains a space; a select_multiple stores its answers separated by spaces",
        fr: "Le choix « {value} » de la liste « {list} » (cellule {sheet}!{column}{row}) contient une espace ; un select_multiple enregistre ses réponses séparées par des espaces",
    },
    Message {
        code: "xlsform.missing_form_id",
        en: "The settings give no form_id (cell {sheet}!{column}{row}); the form is called 'form'",
        fr: "Les paramètres ne donnent pas de form_id (cellule {sheet}!{column}{row}) ; le formulaire s'appelle « form »",
    },
    Message {
        code: "xlsform.invalid_form_id",
        en: "The form_id '{value}' at {sheet}!{column}{row} is not valid: it must start with a letter or '_' and hold only letters, digits, '_', '.' or '-'",
        fr: "Le form_id « {value} » en {sheet}!{column}{row} n'est pas valide : il doit commencer par une lettre ou « _ » et ne contenir que des lettres, des chiffres, « _ », « . » ou « - »",
    },
    Message {
        code: "xlsform.unknown_default_language",
        en: "The default language '{value}' at {sheet}!{column}{row} is used by no column",
        fr: "La langue par défaut « {value} » en {sheet}!{column}{row} n'est utilisée par aucune colonne",
    },
    Message {
        code: "xlsform.extra_settings_row",
        en: "The settings are read from the first row under the header; the row {row} ('{value}', {sheet}!{column}{row}) was not read",
        fr: "Les paramètres sont lus sur la première ligne sous l'en-tête ; la ligne {row} (« {value} », {sheet}!{column}{row}) n'a pas été lue",
    },
    Message {
        code: "xlsform.unknown_classification",
        en: "Unknown data-protection classification '{value}' at {sheet}!{column}{row}; write direct_identifier, quasi_identifier, special_category, sensitive or non_personal",
        fr: "Classification de protection des données inconnue « {value} » en {sheet}!{column}{row} ; écrivez direct_identifier, quasi_identifier, special_category, sensitive ou non_personal",
    },
    Message {
        code: "xlsform.purposes_without_classification",
        en: "The purposes '{value}' at {sheet}!{column}{row} have no classification in the 'privacy' column; they were not read",
        fr: "Les finalités « {value} » en {sheet}!{column}{row} n'ont pas de classification dans la colonne « privacy » ; elles n'ont pas été lues",
    },
];
