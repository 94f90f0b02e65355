#!/usr/bin/env python3
"""Generates the reference mission's XLSForms (French and English) in this folder.

The generated .xlsx files are committed: they are the source data that the tests, the demo and
people read. Re-run after editing this script:

    python3 -m venv /tmp/xlsgen && /tmp/xlsgen/bin/pip install openpyxl
    /tmp/xlsgen/bin/python examples/forms/make_forms.py

Every translatable column has a French and an English text; `default_language` is `fr`.
"""

import datetime
import io
import pathlib
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = pathlib.Path(__file__).resolve().parent
FR = "Français (fr)"
EN = "English (en)"
FIXED = datetime.datetime(2026, 1, 15, 9, 0, 0)

TRANSLATED = ["label", "hint", "required_message", "constraint_message", "warning_message"]
PLAIN = [
    "required",
    "constraint",
    "warning",
    "relevant",
    "calculation",
    "default",
    "read_only",
    "appearance",
    "choice_filter",
    "repeat_count",
    "parameters",
    "privacy",
    "purposes",
]

# Data protection (meal-core privacy::classification): every row that holds a value gets a
# `privacy` class and, when personal, the `purposes` (ids of examples/data/privacy-rules.json)
# it is collected for. The tables below each form say it field by field; `classify` refuses a
# form with a value field missing from its table, so no field is left unclassified.
NO_VALUE = ("begin_group", "end_group", "begin_repeat", "end_repeat", "note")
DI, QI, SC, SE, NP = "direct_identifier", "quasi_identifier", "special_category", "sensitive", "non_personal"


def classify(survey, table):
    """Sets the privacy and purposes columns of every value row from `table`
    (name -> (class, "purpose ...")); fails on a value row the table forgets or a name it
    does not have."""
    names = set()
    for row in survey:
        if row["type"].split()[0] in NO_VALUE:
            continue
        names.add(row["name"])
        if row["name"] not in table:
            raise SystemExit(f"{row['name']}: no privacy classification")
        klass, purposes = table[row["name"]]
        row["privacy"] = klass
        if purposes:
            row["purposes"] = purposes
    extra = set(table) - names
    if extra:
        raise SystemExit(f"classified but not in the form: {sorted(extra)}")
    return survey


def q(type_, name, fr=None, en=None, **kw):
    """One survey row. Translatable columns take (fr, en) pairs."""
    row = {"type": type_, "name": name}
    if fr is not None:
        row["label"] = (fr, en)
    row.update(kw)
    return row


def begin_group(name, fr, en, **kw):
    return q("begin_group", name, fr, en, **kw)


def end_group():
    return {"type": "end_group"}


def begin_repeat(name, fr, en, **kw):
    return q("begin_repeat", name, fr, en, **kw)


def end_repeat():
    return {"type": "end_repeat"}


def write(filename, form_id, title, survey, choices, version="2026.01"):
    wb = Workbook()
    wb.properties.creator = "meal examples/forms/make_forms.py"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED

    ws = wb.active
    ws.title = "survey"
    used = {k for row in survey for k in row}
    header = ["type", "name"]
    for col in TRANSLATED:
        if col in used:
            header += [f"{col}::{FR}", f"{col}::{EN}"]
    header += [c for c in PLAIN if c in used]
    ws.append(header)
    for row in survey:
        cells = [row.get("type"), row.get("name")]
        for col in TRANSLATED:
            if col in used:
                fr, en = row.get(col, (None, None))
                cells += [fr, en]
        cells += [row.get(c) for c in PLAIN if c in used]
        ws.append(cells)

    wc = wb.create_sheet("choices")
    extra = sorted({k for _, items in choices for item in items for k in item.get("props", {})})
    wc.append(["list_name", "name", f"label::{FR}", f"label::{EN}"] + extra)
    for list_name, items in choices:
        for item in items:
            props = item.get("props", {})
            wc.append([list_name, item["name"], item["fr"], item["en"]] + [props.get(k) for k in extra])

    wt = wb.create_sheet("settings")
    wt.append(["form_id", "version", f"form_title::{FR}", f"form_title::{EN}", "default_language"])
    wt.append([form_id, version, title[0], title[1], "fr"])

    for sheet in (ws, wc, wt):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    save_reproducibly(wb, HERE / filename)
    n = sum(1 for r in survey if not r["type"].startswith("end_"))
    print(f"{filename}: {n} fields")


def save_reproducibly(wb, path):
    """Saves with fixed zip timestamps and a fixed modification date, so that re-running the
    generator on an unchanged script gives byte-identical files (clean diffs)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = FIXED.timetuple()[:6]
    modified = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + modified.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            out.writestr(entry, data)


def c(name, fr, en, **props):
    item = {"name": name, "fr": fr, "en": en}
    if props:
        item["props"] = props
    return item


# ---------------------------------------------------------------------------------------------
# Shared choice lists

SITES = (
    "sites",
    [
        c("idf_centre", "Île-de-France – centre de jour MNA", "Île-de-France – day centre for minors"),
        c("idf_clinique_mobile", "Île-de-France – clinique mobile", "Île-de-France – mobile clinic"),
        c("calais_centre", "Calais – centre de jour MNA", "Calais – day centre for minors"),
        c("calais_clinique_mobile", "Calais et littoral – clinique mobile", "Calais & coast – mobile clinic"),
        c("marseille", "Marseille – accueil de jour", "Marseille – day centre"),
        c("dunkerque_femmes", "Dunkerque – centre de santé des femmes", "Dunkerque – women's health centre"),
    ],
)
OUI_NON = ("oui_non", [c("oui", "Oui", "Yes"), c("non", "Non", "No")])
OUI_NON_NSP = (
    "oui_non_nsp",
    [
        c("oui", "Oui", "Yes"),
        c("non", "Non", "No"),
        c("nsp", "Ne sait pas / ne souhaite pas répondre", "Does not know / prefers not to say"),
    ],
)
SEXE = (
    "sexe",
    [
        c("f", "Femme / fille", "Woman / girl"),
        c("m", "Homme / garçon", "Man / boy"),
        c("autre", "Autre", "Other"),
        c("nsp", "Ne souhaite pas répondre", "Prefers not to say"),
    ],
)
CODE_RE = "regex(., '^[A-Z]{3}-[0-9]{4}$')"
CODE_MSG = (
    "Le code pseudonyme s'écrit trois lettres majuscules, un tiret et quatre chiffres (ex. : KAB-0417).",
    "The pseudonym code is three capital letters, a hyphen and four digits (e.g. KAB-0417).",
)
CODE_HINT = (
    "Jamais le nom : le code pseudonyme du registre du site.",
    "Never the name: the pseudonym code from the site register.",
)
PAST = "Cette date ne peut pas être dans le futur.", "This date cannot be in the future."
REQUIRED = "Cette réponse est obligatoire.", "This answer is required."

META = [q("start", "debut"), q("end", "fin"), q("deviceid", "appareil")]


# ---------------------------------------------------------------------------------------------
# 1. Medical consultation

consultation = META + [
    q("date", "date_consultation", "Date de la consultation", "Date of the consultation",
      required="yes", constraint=". <= today()", constraint_message=PAST, default="today()"),
    q("select_one sites", "site", "Lieu de consultation", "Place of consultation", required="yes"),
    q("text", "code_patient", "Code pseudonyme du patient", "Patient's pseudonym code",
      hint=CODE_HINT, required="yes", constraint=CODE_RE, constraint_message=CODE_MSG),
    begin_group("patient", "Patient", "Patient"),
    q("integer", "age", "Âge (années, déclaré)", "Age (years, as stated)", required="yes",
      required_message=("Indiquez l'âge déclaré, même approximatif.", "Enter the stated age, even approximate."),
      constraint=". >= 0 and . <= 110",
      constraint_message=("L'âge doit être compris entre 0 et 110 ans.", "Age must be between 0 and 110 years."),
      warning=". >= 5 and . <= 80",
      warning_message=("Âge inhabituel pour ce dispositif : vérifiez la saisie.",
                       "Unusual age for this service: please check the entry.")),
    q("select_one sexe", "sexe", "Sexe", "Sex", required="yes"),
    q("select_one oui_non_nsp", "enceinte", "Grossesse en cours ?", "Currently pregnant?",
      required="yes", relevant="${sexe} = 'f' and ${age} >= 12 and ${age} <= 50"),
    q("integer", "semaines_amenorrhee", "Terme (semaines d'aménorrhée)", "Term (weeks of amenorrhoea)",
      relevant="${enceinte} = 'oui'", constraint=". >= 1 and . <= 44",
      constraint_message=("Le terme doit être compris entre 1 et 44 semaines.", "The term must be between 1 and 44 weeks.")),
    end_group(),
    begin_group("constantes", "Constantes", "Vital signs"),
    q("decimal", "temperature", "Température (°C)", "Temperature (°C)",
      constraint=". >= 30 and . <= 44",
      constraint_message=("Température impossible : entre 30 et 44 °C.", "Impossible temperature: between 30 and 44 °C."),
      warning=". >= 35 and . <= 40",
      warning_message=("Température hors de l'habituel : vérifiez la mesure.", "Temperature out of the usual range: check the measure.")),
    q("integer", "tension_systolique", "Tension systolique (mmHg)", "Systolic blood pressure (mmHg)",
      constraint=". >= 50 and . <= 260",
      constraint_message=("Entre 50 et 260 mmHg.", "Between 50 and 260 mmHg.")),
    q("integer", "tension_diastolique", "Tension diastolique (mmHg)", "Diastolic blood pressure (mmHg)",
      constraint=". >= 30 and . <= 160 and . < ${tension_systolique}",
      constraint_message=("Entre 30 et 160 mmHg, et inférieure à la systolique.",
                          "Between 30 and 160 mmHg, and lower than the systolic.")),
    q("integer", "frequence_cardiaque", "Fréquence cardiaque (/min)", "Heart rate (/min)",
      constraint=". >= 30 and . <= 220",
      constraint_message=("Entre 30 et 220 battements par minute.", "Between 30 and 220 beats per minute.")),
    q("decimal", "poids", "Poids (kg)", "Weight (kg)", constraint=". >= 2 and . <= 250",
      constraint_message=("Entre 2 et 250 kg.", "Between 2 and 250 kg.")),
    q("integer", "taille", "Taille (cm)", "Height (cm)", constraint=". >= 40 and . <= 230",
      constraint_message=("Entre 40 et 230 cm.", "Between 40 and 230 cm.")),
    q("calculate", "imc", calculation="round(${poids} * 10000 div (${taille} * ${taille}), 1)"),
    q("note", "note_imc", "IMC calculé : ${imc}", "Computed BMI: ${imc}",
      relevant="${poids} > 0 and ${taille} > 0"),
    end_group(),
    q("select_multiple motifs", "motifs", "Motifs de consultation", "Reasons for consultation",
      required="yes", constraint="not(selected(., 'bilan') and count-selected(.) > 3)",
      constraint_message=("Un bilan de santé se combine avec trois motifs au plus.",
                          "A health check combines with three reasons at most.")),
    q("text", "motif_autre", "Précisez l'autre motif", "Specify the other reason",
      required="yes", relevant="selected(${motifs}, 'autre')"),
    q("text", "diagnostic", "Diagnostic ou hypothèse diagnostique", "Diagnosis or working diagnosis",
      required="yes", appearance="multiline"),
    q("select_one orientation", "orientation", "Orientation", "Referral", required="yes"),
    q("select_one oui_non", "orientation_urgente", "Orientation urgente (dans les 24 h) ?",
      "Urgent referral (within 24 h)?", required="yes", relevant="${orientation} != 'aucune'"),
    q("text", "observations", "Observations", "Remarks", appearance="multiline"),
]
consultation_choices = [
    SITES,
    SEXE,
    OUI_NON,
    OUI_NON_NSP,
    ("motifs", [
        c("bilan", "Bilan de santé", "Health check"),
        c("douleur", "Douleur", "Pain"),
        c("fievre", "Fièvre", "Fever"),
        c("respiratoire", "Symptômes respiratoires", "Respiratory symptoms"),
        c("digestif", "Troubles digestifs", "Digestive problems"),
        c("peau", "Problème de peau (gale, plaies…)", "Skin problem (scabies, wounds…)"),
        c("traumatisme", "Traumatisme, blessure", "Trauma, injury"),
        c("sante_sexuelle", "Santé sexuelle et reproductive", "Sexual and reproductive health"),
        c("sante_mentale", "Souffrance psychique", "Psychological distress"),
        c("autre", "Autre", "Other"),
    ]),
    ("orientation", [
        c("aucune", "Aucune orientation", "No referral"),
        c("pass", "PASS (permanence d'accès aux soins de santé)", "PASS (hospital access-to-care unit)"),
        c("urgences", "Urgences hospitalières", "Hospital emergency department"),
        c("specialiste", "Consultation spécialisée", "Specialist consultation"),
        c("sante_mentale", "Équipe santé mentale", "Mental-health team"),
        c("socio_juridique", "Équipe socio-juridique", "Socio-legal team"),
    ]),
]
CARE = "medical_care meal_monitoring"
classify(consultation, {
    "debut": (QI, CARE), "fin": (QI, CARE), "appareil": (QI, "meal_monitoring"),
    "date_consultation": (QI, CARE), "site": (QI, CARE), "code_patient": (DI, CARE),
    "age": (QI, CARE), "sexe": (QI, CARE), "enceinte": (SC, CARE),
    "semaines_amenorrhee": (SC, "medical_care"), "temperature": (SC, "medical_care"),
    "tension_systolique": (SC, "medical_care"), "tension_diastolique": (SC, "medical_care"),
    "frequence_cardiaque": (SC, "medical_care"), "poids": (SC, "medical_care"),
    "taille": (SC, "medical_care"), "imc": (SC, "medical_care"), "motifs": (SC, CARE),
    "motif_autre": (SC, "medical_care"), "diagnostic": (SC, "medical_care"),
    "orientation": (SC, CARE), "orientation_urgente": (SC, "medical_care"),
    "observations": (SC, "medical_care"),
})
write("consultation_medicale.xlsx", "consultation_medicale",
      ("Consultation médicale", "Medical consultation"), consultation, consultation_choices)


# ---------------------------------------------------------------------------------------------
# 2. Mental-health follow-up (screening items inspired by the RHS-15)

RHS_ITEMS = [
    ("Douleurs musculaires, osseuses ou articulaires", "Muscle, bone or joint pain"),
    ("Se sentir abattu·e, triste la plupart du temps", "Feeling down or sad most of the time"),
    ("Trop penser, trop de pensées", "Thinking too much, too many thoughts"),
    ("Se sentir impuissant·e", "Feeling helpless"),
    ("Avoir peur soudainement sans raison", "Suddenly scared for no reason"),
    ("Malaises, vertiges ou faiblesse", "Faintness, dizziness or weakness"),
    ("Nervosité ou tremblements intérieurs", "Nervousness or shakiness inside"),
    ("Agitation, impossible de rester assis·e", "Restlessness, unable to sit still"),
    ("Pleurer facilement", "Crying easily"),
    ("Revivre l'événement traumatique", "Reliving the traumatic event"),
    ("Réactions physiques aux rappels de l'événement", "Physical reactions to reminders of the event"),
    ("Ne plus rien ressentir", "Feeling emotionally numb"),
    ("Sursauter, être facilement effrayé·e", "Jumpy, easily startled"),
    ("Difficultés de sommeil", "Trouble sleeping"),
]
rhs_rows = [
    q("range", f"rhs_{i}", fr, en, required="yes", parameters="start=0 end=4 step=1",
      hint=("0 = pas du tout … 4 = extrêmement", "0 = not at all … 4 = extremely"),
      appearance="likert")
    for i, (fr, en) in enumerate(RHS_ITEMS, start=1)
]
suivi = META + [
    q("date", "date_seance", "Date de la séance", "Date of the session", required="yes",
      constraint=". <= today()", constraint_message=PAST),
    q("select_one sites", "site", "Lieu", "Place", required="yes"),
    q("text", "code_patient", "Code pseudonyme", "Pseudonym code", hint=CODE_HINT, required="yes",
      constraint=CODE_RE, constraint_message=CODE_MSG),
    q("integer", "numero_seance", "Numéro de la séance", "Session number", required="yes",
      constraint=". >= 1 and . <= 200",
      constraint_message=("Entre 1 et 200.", "Between 1 and 200."),
      warning=". <= 40",
      warning_message=("Plus de 40 séances : le suivi est-il toujours adapté ?",
                       "More than 40 sessions: is the follow-up still appropriate?")),
    q("select_one type_seance", "type_seance", "Type de séance", "Type of session", required="yes"),
    q("select_one oui_non", "interprete", "Avec interprète ?", "With an interpreter?", required="yes"),
    q("text", "langue_entretien", "Langue de l'entretien", "Language of the session",
      relevant="${interprete} = 'oui'", required="yes"),
    begin_group("depistage", "Dépistage (inspiré du RHS-15)", "Screening (inspired by the RHS-15)",
                relevant="${numero_seance} = 1 or ${type_seance} = 'reevaluation'"),
    q("note", "note_depistage",
      "Au cours du dernier mois, à quel point avez-vous été gêné·e par…",
      "Over the past month, how much have you been bothered by…"),
    *rhs_rows,
    q("range", "thermometre", "Thermomètre de détresse (0 à 10)", "Distress thermometer (0 to 10)",
      required="yes", parameters="start=0 end=10 step=1"),
    q("calculate", "score_total", calculation=" + ".join(f"${{rhs_{i}}}" for i in range(1, 15))),
    q("calculate", "depistage_positif",
      calculation="if(${score_total} >= 12 or ${thermometre} >= 5, 1, 0)"),
    q("note", "note_positif",
      "Dépistage positif (score ${score_total}) : proposer une évaluation approfondie.",
      "Positive screening (score ${score_total}): offer an in-depth assessment.",
      relevant="${depistage_positif} = 1"),
    end_group(),
    begin_group("risque", "Évaluation du risque", "Risk assessment"),
    q("select_one oui_non_nsp", "idees_suicidaires", "Idées suicidaires exprimées ?",
      "Suicidal thoughts expressed?", required="yes",
      required_message=("L'évaluation du risque suicidaire est obligatoire à chaque séance.",
                        "The suicide-risk assessment is required at every session.")),
    q("select_one oui_non", "plan_suicidaire", "Un plan ou des moyens sont-ils évoqués ?",
      "Is a plan or means mentioned?", required="yes", relevant="${idees_suicidaires} = 'oui'"),
    q("select_one niveau_risque", "niveau_risque", "Niveau de risque", "Risk level", required="yes",
      required_message=("Indiquez un niveau de risque, même faible.", "Give a risk level, even low."),
      constraint=". != 'faible' or ${plan_suicidaire} != 'oui'",
      constraint_message=("Un plan suicidaire évoqué ne peut pas être un risque faible.",
                          "A mentioned suicide plan cannot be a low risk.")),
    q("text", "mesures_securite", "Mesures de sécurité prises", "Safety measures taken",
      required="yes", relevant="${niveau_risque} = 'eleve'", appearance="multiline",
      required_message=("Décrivez les mesures prises pour un risque élevé.",
                        "Describe the measures taken for a high risk.")),
    end_group(),
    q("select_one oui_non", "fin_suivi", "Fin du suivi ?", "End of follow-up?", required="yes"),
    q("date", "prochain_rdv", "Prochain rendez-vous", "Next appointment", required="yes",
      relevant="${fin_suivi} = 'non'", constraint=". > today()",
      constraint_message=("Le prochain rendez-vous doit être après aujourd'hui.",
                          "The next appointment must be after today.")),
    q("text", "observations", "Observations cliniques", "Clinical notes", appearance="multiline"),
]
suivi_choices = [
    SITES,
    OUI_NON,
    OUI_NON_NSP,
    ("type_seance", [
        c("individuelle", "Individuelle", "Individual"),
        c("famille", "Familiale", "Family"),
        c("groupe", "Groupe de parole", "Support group"),
        c("reevaluation", "Réévaluation", "Reassessment"),
    ]),
    ("niveau_risque", [
        c("faible", "Faible", "Low"),
        c("modere", "Modéré", "Moderate"),
        c("eleve", "Élevé", "High"),
    ]),
]
PSY = "psychological_follow_up meal_monitoring"
classify(suivi, {
    "debut": (QI, PSY), "fin": (QI, PSY), "appareil": (QI, "meal_monitoring"),
    "date_seance": (QI, PSY), "site": (QI, PSY), "code_patient": (DI, PSY),
    "numero_seance": (SC, PSY), "type_seance": (SC, PSY),
    "interprete": (QI, "psychological_follow_up"), "langue_entretien": (QI, "psychological_follow_up"),
    **{f"rhs_{i}": (SC, "psychological_follow_up") for i in range(1, 15)},
    "thermometre": (SC, "psychological_follow_up"), "score_total": (SC, PSY),
    "depistage_positif": (SC, PSY), "idees_suicidaires": (SC, "psychological_follow_up"),
    "plan_suicidaire": (SC, "psychological_follow_up"), "niveau_risque": (SC, "psychological_follow_up"),
    "mesures_securite": (SC, "psychological_follow_up"), "fin_suivi": (SC, PSY),
    "prochain_rdv": (SC, "psychological_follow_up"), "observations": (SC, "psychological_follow_up"),
})
write("suivi_sante_mentale.xlsx", "suivi_sante_mentale",
      ("Suivi en santé mentale", "Mental-health follow-up"), suivi, suivi_choices)


# ---------------------------------------------------------------------------------------------
# 3. Socio-legal case: minority-recognition appeal

dossier = META + [
    q("date", "date_ouverture", "Date d'ouverture du dossier", "Date the case was opened",
      required="yes", constraint=". <= today()", constraint_message=PAST),
    q("select_one sites", "site", "Lieu", "Place", required="yes"),
    q("text", "code_jeune", "Code pseudonyme du jeune", "Young person's pseudonym code", hint=CODE_HINT,
      required="yes", constraint=CODE_RE, constraint_message=CODE_MSG),
    q("integer", "age_declare", "Âge déclaré (années)", "Stated age (years)", required="yes",
      constraint=". >= 10 and . <= 25",
      constraint_message=("Entre 10 et 25 ans.", "Between 10 and 25 years."),
      warning=". < 18",
      warning_message=("Le dispositif accompagne des mineurs : le jeune se déclare majeur.",
                       "The programme supports minors: the young person states being an adult.")),
    q("select_one sexe", "sexe", "Sexe", "Sex", required="yes"),
    q("select_one pays", "pays_origine", "Pays d'origine", "Country of origin", required="yes"),
    q("text", "pays_autre", "Précisez le pays", "Specify the country", required="yes",
      relevant="${pays_origine} = 'autre'"),
    q("date", "date_arrivee", "Date d'arrivée en France", "Date of arrival in France",
      constraint=". <= today()", constraint_message=PAST),
    begin_group("evaluation", "Évaluation de la minorité", "Age assessment"),
    q("date", "date_evaluation", "Date de l'évaluation", "Date of the assessment", required="yes",
      constraint=". >= ${date_arrivee} and . <= today()",
      constraint_message=("Entre l'arrivée en France et aujourd'hui.", "Between arrival in France and today.")),
    q("select_one decision", "decision", "Décision du département", "Decision of the département",
      required="yes"),
    q("date", "date_refus", "Date de notification du refus", "Date the refusal was notified",
      required="yes", relevant="${decision} = 'refus'",
      constraint=". >= ${date_evaluation} and . <= today()",
      constraint_message=("Après l'évaluation, et pas dans le futur.", "After the assessment, and not in the future.")),
    q("select_one oui_non", "saisine_juge", "Le juge des enfants a-t-il été saisi ?",
      "Has the children's judge been seized?", required="yes", relevant="${decision} = 'refus'"),
    q("date", "date_saisine", "Date de la saisine", "Date of the referral to the judge",
      required="yes", relevant="${saisine_juge} = 'oui'",
      constraint=". >= ${date_refus} and . <= today()",
      constraint_message=("La saisine suit la notification du refus.", "The referral follows the refusal notice.")),
    end_group(),
    begin_repeat("etapes", "Étapes de la procédure", "Legal steps", relevant="${saisine_juge} = 'oui'"),
    q("select_one etapes", "type_etape", "Étape", "Step", required="yes"),
    q("date", "date_etape", "Date de l'étape", "Date of the step", required="yes",
      constraint=". >= ${date_saisine}",
      constraint_message=("Une étape suit la saisine du juge.", "A step follows the referral to the judge.")),
    q("select_one issue", "issue_etape", "Issue", "Outcome", required="yes"),
    q("select_one oui_non", "avocat_present", "Avocat présent ?", "Lawyer present?"),
    q("text", "commentaire_etape", "Commentaire", "Comment"),
    end_repeat(),
    q("select_one hebergement", "hebergement", "Hébergement actuel", "Current accommodation", required="yes"),
    q("select_one oui_non", "scolarise", "Scolarisé ou en formation ?", "In school or training?"),
    q("select_multiple besoins", "besoins", "Orientations nécessaires", "Referrals needed",
      constraint="not(selected(., 'aucun') and count-selected(.) > 1)",
      constraint_message=("« Aucun » exclut les autres réponses.", "“None” excludes the other answers.")),
    q("acknowledge", "consentement", "Le jeune a été informé de l'usage de ses données et l'accepte",
      "The young person was told how the data is used and agrees", required="yes"),
]
dossier_choices = [
    SITES,
    SEXE,
    OUI_NON,
    ("pays", [
        c("afghanistan", "Afghanistan", "Afghanistan"),
        c("cote_ivoire", "Côte d'Ivoire", "Côte d'Ivoire"),
        c("guinee", "Guinée", "Guinea"),
        c("mali", "Mali", "Mali"),
        c("soudan", "Soudan", "Sudan"),
        c("tchad", "Tchad", "Chad"),
        c("erythree", "Érythrée", "Eritrea"),
        c("autre", "Autre", "Other"),
    ]),
    ("decision", [
        c("reconnu", "Minorité reconnue", "Minority recognised"),
        c("refus", "Refus de reconnaissance", "Recognition refused"),
        c("en_attente", "En attente", "Pending"),
    ]),
    ("etapes", [
        c("audience", "Audience devant le juge des enfants", "Hearing before the children's judge"),
        c("expertise_documents", "Vérification des documents d'état civil", "Civil-status documents check"),
        c("decision_juge", "Décision du juge des enfants", "Decision of the children's judge"),
        c("appel", "Appel devant la cour d'appel", "Appeal before the court of appeal"),
        c("prise_en_charge_ase", "Prise en charge par l'ASE", "Taken into child protection (ASE)"),
        c("demande_asile", "Demande d'asile", "Asylum application"),
    ]),
    ("issue", [
        c("favorable", "Favorable", "Favourable"),
        c("defavorable", "Défavorable", "Unfavourable"),
        c("renvoi", "Renvoi", "Adjourned"),
        c("en_attente", "En attente", "Pending"),
    ]),
    ("hebergement", [
        c("rue", "Rue", "Street"),
        c("campement", "Campement ou squat", "Camp or squat"),
        c("hebergement_mission", "Hébergement de la mission", "Mission's shelter"),
        c("tiers", "Hébergé par un tiers", "Hosted by someone"),
        c("ase", "Structure de l'ASE", "Child-protection facility (ASE)"),
    ]),
    ("besoins", [
        c("medical", "Médical", "Medical"),
        c("sante_mentale", "Santé mentale", "Mental health"),
        c("hebergement", "Hébergement", "Accommodation"),
        c("scolarite", "Scolarité", "Schooling"),
        c("avocat", "Avocat", "Lawyer"),
        c("aucun", "Aucun", "None"),
    ]),
]
LEGAL = "socio_legal_support meal_monitoring"
classify(dossier, {
    "debut": (QI, LEGAL), "fin": (QI, LEGAL), "appareil": (QI, "meal_monitoring"),
    "date_ouverture": (QI, LEGAL), "site": (QI, LEGAL), "code_jeune": (DI, LEGAL),
    "age_declare": (SE, LEGAL), "sexe": (QI, LEGAL), "pays_origine": (SE, LEGAL),
    "pays_autre": (SE, "socio_legal_support"), "date_arrivee": (QI, "socio_legal_support"),
    "date_evaluation": (SE, "socio_legal_support"), "decision": (SE, LEGAL),
    "date_refus": (SE, "socio_legal_support"), "saisine_juge": (SE, LEGAL),
    "date_saisine": (SE, "socio_legal_support"), "type_etape": (SE, "socio_legal_support"),
    "date_etape": (SE, "socio_legal_support"), "issue_etape": (SE, LEGAL),
    "avocat_present": (SE, "socio_legal_support"), "commentaire_etape": (SE, "socio_legal_support"),
    "hebergement": (SE, LEGAL), "scolarise": (QI, "socio_legal_support"), "besoins": (SC, LEGAL),
    "consentement": (QI, "socio_legal_support"),
})
write("dossier_socio_juridique.xlsx", "dossier_socio_juridique",
      ("Dossier socio-juridique (recours minorité)", "Socio-legal case (minority appeal)"),
      dossier, dossier_choices)


# ---------------------------------------------------------------------------------------------
# 4. Coastal outreach contact with shipwreck survivors

maraude = META + [
    q("date", "date_maraude", "Date de la maraude", "Date of the outreach", required="yes",
      constraint=". <= today()", constraint_message=PAST),
    q("time", "heure_contact", "Heure du contact", "Time of contact", required="yes"),
    q("select_one lieux", "lieu", "Lieu du contact", "Place of contact", required="yes"),
    q("geopoint", "position", "Position GPS", "GPS position",
      hint=("Si le lieu n'expose personne : jamais devant un campement identifiable.",
            "Only where it exposes no one: never in front of an identifiable camp.")),
    q("select_one contexte", "contexte", "Contexte", "Context", required="yes"),
    begin_group("naufrage", "Naufrage", "Shipwreck", relevant="${contexte} = 'naufrage'"),
    q("select_one oui_non_nsp", "personnes_disparues", "Des personnes sont-elles signalées disparues ?",
      "Are people reported missing?", required="yes"),
    q("select_multiple secours", "secours_presents", "Secours présents", "Emergency services present",
      required="yes",
      constraint="not(selected(., 'aucun') and count-selected(.) > 1)",
      constraint_message=("« Aucun » exclut les autres réponses.", "“None” excludes the other answers.")),
    end_group(),
    q("integer", "nombre_personnes", "Nombre de personnes rencontrées", "Number of people met",
      required="yes", constraint=". >= 1 and . <= 300",
      constraint_message=("Entre 1 et 300.", "Between 1 and 300."),
      warning=". <= 80",
      warning_message=("Plus de 80 personnes : vérifiez le nombre.", "More than 80 people: check the number.")),
    q("integer", "nombre_mna", "Dont mineurs non accompagnés", "Of whom unaccompanied minors",
      required="yes", constraint=". >= 0 and . <= ${nombre_personnes}",
      constraint_message=("Pas plus que le nombre de personnes rencontrées.", "No more than the number of people met.")),
    begin_repeat("personnes", "Personnes vues individuellement", "People seen individually"),
    q("select_one tranches", "tranche_age", "Tranche d'âge", "Age band", required="yes"),
    q("select_one sexe", "sexe", "Sexe", "Sex", required="yes"),
    q("select_one oui_non_nsp", "mineur_seul", "Mineur non accompagné ?", "Unaccompanied minor?",
      required="yes", relevant="${tranche_age} = 'moins_5' or ${tranche_age} = 'de_5_14' or ${tranche_age} = 'de_15_17'"),
    q("select_multiple besoins", "besoins", "Besoins identifiés", "Needs identified", required="yes",
      constraint="not(selected(., 'aucun') and count-selected(.) > 1)",
      constraint_message=("« Aucun » exclut les autres réponses.", "“None” excludes the other answers.")),
    q("select_one orientation", "orientation", "Orientation", "Referral", required="yes"),
    end_repeat(),
    q("integer", "couvertures", "Couvertures de survie distribuées", "Survival blankets handed out",
      constraint=". >= 0 and . <= 500", constraint_message=("Entre 0 et 500.", "Between 0 and 500.")),
    q("select_one oui_non", "incident", "Incident de sécurité ?", "Security incident?", required="yes"),
    q("text", "incident_description", "Décrivez l'incident", "Describe the incident", required="yes",
      relevant="${incident} = 'oui'", appearance="multiline"),
    q("text", "remarques", "Remarques", "Remarks", appearance="multiline"),
]
maraude_choices = [
    SEXE,
    OUI_NON,
    OUI_NON_NSP,
    ("lieux", [
        c("plage", "Plage", "Beach"),
        c("dunes", "Dunes", "Dunes"),
        c("port", "Port", "Harbour"),
        c("campement", "Campement", "Camp"),
        c("distribution", "Point de distribution", "Distribution point"),
        c("autre", "Autre", "Other"),
    ]),
    ("contexte", [
        c("naufrage", "Naufrage ou personnes sorties de l'eau", "Shipwreck or people pulled from the water"),
        c("tentative", "Tentative de traversée interrompue", "Interrupted crossing attempt"),
        c("attente", "Attente de départ", "Waiting to leave"),
        c("autre", "Autre", "Other"),
    ]),
    ("secours", [
        c("cross", "CROSS / sauvetage en mer", "CROSS / sea rescue"),
        c("pompiers", "Pompiers", "Fire brigade"),
        c("samu", "SAMU", "SAMU (emergency medical service)"),
        c("police", "Police ou gendarmerie", "Police or gendarmerie"),
        c("associations", "Associations", "NGOs"),
        c("aucun", "Aucun", "None"),
    ]),
    ("tranches", [
        c("moins_5", "Moins de 5 ans", "Under 5"),
        c("de_5_14", "5 à 14 ans", "5 to 14"),
        c("de_15_17", "15 à 17 ans", "15 to 17"),
        c("de_18_24", "18 à 24 ans", "18 to 24"),
        c("de_25_49", "25 à 49 ans", "25 to 49"),
        c("plus_50", "50 ans et plus", "50 and over"),
        c("inconnu", "Inconnu", "Unknown"),
    ]),
    ("besoins", [
        c("soins_urgents", "Soins urgents", "Urgent care"),
        c("hypothermie", "Hypothermie, réchauffement", "Hypothermia, warming"),
        c("blessures", "Blessures, brûlures (carburant)", "Injuries, fuel burns"),
        c("soutien_psy", "Soutien psychologique", "Psychological support"),
        c("vetements", "Vêtements secs", "Dry clothes"),
        c("eau_nourriture", "Eau, nourriture", "Water, food"),
        c("mise_a_l_abri", "Mise à l'abri", "Shelter"),
        c("liens_familiaux", "Rétablir les liens familiaux", "Restoring family links"),
        c("aucun", "Aucun", "None"),
    ]),
    ("orientation", [
        c("aucune", "Aucune", "None"),
        c("samu", "SAMU / hôpital", "SAMU / hospital"),
        c("clinique_mobile", "Clinique mobile de la mission", "Mission's mobile clinic"),
        c("centre_mna", "Centre de jour MNA", "Day centre for minors"),
        c("mise_a_l_abri", "Mise à l'abri d'urgence", "Emergency shelter"),
    ]),
]
OUT = "outreach meal_monitoring"
classify(maraude, {
    "debut": (QI, OUT), "fin": (QI, OUT), "appareil": (QI, "meal_monitoring"),
    "date_maraude": (QI, OUT), "heure_contact": (QI, "outreach"), "lieu": (QI, OUT),
    "position": (SE, "outreach"), "contexte": (SE, OUT), "personnes_disparues": (SE, "outreach"),
    "secours_presents": (NP, ""), "nombre_personnes": (NP, ""), "nombre_mna": (NP, ""),
    "tranche_age": (QI, OUT), "sexe": (QI, OUT), "mineur_seul": (SE, OUT), "besoins": (SC, OUT),
    "orientation": (SC, OUT), "couvertures": (NP, ""), "incident": (NP, ""),
    "incident_description": (SE, "outreach"), "remarques": (SE, "outreach"),
})
write("contact_maraude_littoral.xlsx", "contact_maraude_littoral",
      ("Maraude littorale – contact", "Coastal outreach – contact"), maraude, maraude_choices)


# ---------------------------------------------------------------------------------------------
# 5. Feedback and complaint intake (categories after the IFRC community-feedback coding).
# Every `types` choice is a type id and every `categories` choice a code id of
# examples/data/feedback-taxonomy.json (its `type` column the code's type): a submission's
# answers are taxonomy ids as they are (checked by meal-core/tests/intake_props.rs).

feedback = META + [
    q("date", "date_reception", "Date de réception", "Date received", required="yes",
      constraint=". <= today()", constraint_message=PAST),
    q("select_one sites", "site", "Projet / lieu", "Project / place", required="yes"),
    q("select_one canaux", "canal", "Canal", "Channel", required="yes"),
    q("select_one oui_non", "anonyme", "La personne souhaite-t-elle rester anonyme ?",
      "Does the person wish to stay anonymous?", required="yes"),
    q("text", "code_reclamation", "Code de suivi remis à la personne", "Follow-up code given to the person",
      hint=("Il permet de suivre la réponse sans donner son nom : le code de la carte remise (ex. : 7572-MWRZ).",
            "It lets the person follow the answer without a name: the code on the card handed over (e.g. 7572-MWRZ)."),
      required="yes", relevant="${anonyme} = 'oui'",
      # Claim codes (meal-core feedback::intake): Crockford base32 in groups of four. The old
      # sequential FB-year-number codes are still read so that cards already handed out work;
      # they are guessable and no new card should carry one.
      constraint="regex(., '^([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})*|FB-[0-9]{4}-[0-9]{3})$')",
      constraint_message=("Le code s'écrit en groupes de quatre lettres ou chiffres (ex. : 7572-MWRZ).",
                          "The code is groups of four letters or digits (e.g. 7572-MWRZ).")),
    q("text", "contact", "Comment recontacter la personne ?", "How to reach the person back?",
      relevant="${anonyme} = 'non'"),
    begin_group("retour", "Le retour", "The feedback"),
    q("select_one types", "type_retour", "Type de retour", "Type of feedback", required="yes"),
    q("select_one categories", "categorie", "Catégorie", "Category", required="yes",
      choice_filter="type = ${type_retour}"),
    q("text", "description", "Description (mots de la personne)", "Description (the person's words)",
      required="yes", appearance="multiline"),
    q("select_one oui_non", "sensible", "Retour sensible (protection, abus, fraude) ?",
      "Sensitive feedback (safeguarding, abuse, fraud)?", required="yes",
      constraint=". = 'oui' or ${type_retour} != 'plainte_sensible'",
      constraint_message=("Une plainte sensible doit être marquée sensible.",
                          "A sensitive complaint must be marked sensitive.")),
    q("note", "note_safeguarding",
      "Retour sensible : ne pas le discuter en équipe. Transmettre sous 24 h, par le canal confidentiel, au référent protection (safeguarding).",
      "Sensitive feedback: do not discuss it in the team. Pass it within 24 h, through the confidential channel, to the safeguarding focal point.",
      relevant="${sensible} = 'oui'"),
    q("select_one routage", "routage", "Transmis à", "Passed to", required="yes",
      relevant="${sensible} = 'oui'"),
    end_group(),
    begin_group("consentements", "Consentements", "Consent"),
    q("select_one oui_non", "consentement_enregistrement",
      "La personne accepte-t-elle que son retour soit enregistré ?",
      "Does the person agree that the feedback is recorded?", required="yes"),
    q("select_one oui_non", "consentement_recontact", "Accepte-t-elle d'être recontactée ?",
      "Do they agree to be contacted back?", required="yes",
      relevant="${anonyme} = 'non' and ${consentement_enregistrement} = 'oui'"),
    q("select_one oui_non", "consentement_partage",
      "Accepte-t-elle que son retour, anonymisé, serve à améliorer les services ?",
      "Do they agree that the feedback, anonymised, is used to improve services?", required="yes",
      relevant="${consentement_enregistrement} = 'oui'"),
    end_group(),
    q("select_one oui_non", "reponse_immediate", "Réponse apportée immédiatement ?",
      "Answered on the spot?", required="yes"),
    q("text", "reponse", "Réponse apportée", "Answer given", required="yes",
      relevant="${reponse_immediate} = 'oui'"),
    q("calculate", "delai_reponse_jours", calculation="if(${sensible} = 'oui', 2, 14)"),
    q("note", "note_delai", "Réponse attendue sous ${delai_reponse_jours} jours.",
      "Answer expected within ${delai_reponse_jours} days.",
      relevant="${reponse_immediate} = 'non'"),
]
feedback_choices = [
    SITES,
    OUI_NON,
    ("canaux", [
        c("entretien", "En personne", "In person"),
        c("boite", "Boîte à suggestions", "Suggestion box"),
        c("telephone", "Téléphone", "Phone"),
        c("messagerie", "Messagerie (WhatsApp, SMS)", "Messaging (WhatsApp, SMS)"),
        c("courriel", "Courriel", "Email"),
        c("tiers", "Par un tiers (partenaire, bénévole)", "Through a third party (partner, volunteer)"),
        c("formulaire_web", "Formulaire en ligne", "Web form"),
        c("application", "Application mobile", "Mobile app"),
    ]),
    ("types", [
        c("question", "Question, demande d'information", "Question, request for information"),
        c("demande", "Demande d'aide", "Request for assistance"),
        c("suggestion", "Suggestion", "Suggestion"),
        c("positif", "Retour positif", "Positive feedback"),
        c("plainte", "Plainte sur la qualité ou l'accès à un service", "Complaint about service quality or access"),
        c("rumeur", "Rumeur, croyance, perception", "Rumour, belief, perception"),
        c("hors_champ", "Hors champ (autre acteur)", "Out of scope (another actor)"),
        c("plainte_sensible", "Plainte sensible", "Sensitive complaint"),
    ]),
    ("categories", [
        c("info_services", "Services de la mission", "Mission's services", type="question"),
        c("info_droits", "Droits, démarches", "Rights, procedures", type="question"),
        c("aide_sante", "Soins", "Health care", type="demande"),
        c("aide_hebergement", "Hébergement", "Accommodation", type="demande"),
        c("aide_autre", "Autre aide", "Other assistance", type="demande"),
        c("suggestion_service", "Amélioration d'un service", "Improving a service", type="suggestion"),
        c("positif_service", "Qualité du service", "Quality of service", type="positif"),
        c("attente", "Temps d'attente, accès", "Waiting time, access", type="plainte"),
        c("qualite_soins", "Qualité des soins", "Quality of care", type="plainte"),
        c("comportement", "Comportement du personnel (non sensible)", "Staff behaviour (not sensitive)", type="plainte"),
        c("rumeur_soins", "Sur les soins ou les traitements", "About care or treatment", type="rumeur"),
        c("rumeur_droits", "Sur les droits ou les démarches", "About rights or procedures", type="rumeur"),
        c("hors_champ_asile", "Procédure d'asile, de séjour", "Asylum, residence procedures", type="hors_champ"),
        c("hors_champ_autre", "Service d'un autre acteur", "Other actor's service", type="hors_champ"),
        c("exploitation_abus_sexuels", "Exploitation ou abus sexuels", "Sexual exploitation or abuse", type="plainte_sensible"),
        c("harcelement_sexuel", "Harcèlement sexuel", "Sexual harassment", type="plainte_sensible"),
        c("maltraitance", "Maltraitance, violence", "Abuse, violence", type="plainte_sensible"),
        c("abus_pouvoir", "Autre abus de pouvoir", "Other abuse of power", type="plainte_sensible"),
        c("fraude", "Fraude, corruption", "Fraud, corruption", type="plainte_sensible"),
        c("securite", "Sécurité des personnes", "People's safety", type="plainte_sensible"),
        c("protection_enfance", "Préoccupation de protection de l'enfance", "Child-protection concern", type="plainte_sensible"),
        c("donnees_personnelles", "Plainte sur la protection des données", "Data-protection complaint", type="plainte_sensible"),
    ]),
    # Route ids of examples/data/feedback-routing.json: where the item was passed.
    ("routage", [
        c("referent_protection", "Référent·e protection (safeguarding)", "Safeguarding focal point"),
        c("ligne_integrite", "Ligne intégrité", "Integrity line"),
        c("referent_securite", "Référent·e sécurité", "Security focal point"),
        c("referent_enfance", "Référent·e protection de l'enfance", "Child-safeguarding focal point"),
        c("dpo", "Délégué·e à la protection des données", "Data protection officer"),
        c("coordination", "Coordination de la mission", "Mission coordination"),
        c("siege", "Cellule d'investigation du siège", "Headquarters investigation unit"),
    ]),
]
FB = "feedback safeguarding"
FBM = "feedback safeguarding meal_monitoring"
classify(feedback, {
    "debut": (QI, FB), "fin": (QI, FB), "appareil": (QI, "meal_monitoring"),
    "date_reception": (QI, FBM), "site": (QI, FBM), "canal": (QI, FBM), "anonyme": (QI, FB),
    "code_reclamation": (DI, FB), "contact": (DI, FB), "type_retour": (SE, FBM),
    "categorie": (SE, FBM), "description": (SE, FB), "sensible": (SE, FBM),
    "routage": (SE, "safeguarding"), "consentement_enregistrement": (QI, FB),
    "consentement_recontact": (QI, FB), "consentement_partage": (QI, FB),
    "reponse_immediate": (QI, "feedback meal_monitoring"), "reponse": (SE, FB),
    "delai_reponse_jours": (SE, FB),
})
write("feedback_plainte.xlsx", "feedback_plainte",
      ("Retours et plaintes", "Feedback and complaints"), feedback, feedback_choices)
