#!/usr/bin/env python3
"""Writes tests/vectors/xlsform.json: small XLSForm workbooks (real .xlsx bytes, base64) with the
finding codes and cells a reader must report — so every binding's XLSForm import is checked
on the same bytes. The expectations below are written by hand from the rules in
meal-core/src/xlsform (module docs), not taken from the reader's output.

    python3 -m venv /tmp/xlsgen && /tmp/xlsgen/bin/pip install openpyxl
    /tmp/xlsgen/bin/python tests/vectors/make_xlsform_vectors.py
"""

import base64
import datetime
import io
import json
import pathlib
import re
import zipfile

from openpyxl import Workbook

HERE = pathlib.Path(__file__).resolve().parent
FIXED = datetime.datetime(2026, 1, 15, 9, 0, 0)


def workbook(survey, choices=None, settings=(("form_id",), ("vector",)), extra=None):
    """An .xlsx from rows (lists of cell values); `None` omits a sheet."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings), *(extra or [])):
        if rows is None:
            continue
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.properties.created = FIXED
    book.properties.modified = FIXED
    raw = io.BytesIO()
    book.save(raw)
    return deterministic(raw.getvalue())


def deterministic(data):
    """Rewrites the zip with fixed timestamps so the vectors are byte-stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 15, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2026-01-15T09:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


HEAD = ("type", "name", "label")


def vector(name, data, expect):
    return {"name": name, "op": "xlsform.read", "input": {"workbook": base64.b64encode(data).decode()}, "expect": expect}


def findings(*pairs):
    return {"ok": [{"code": code, "path": path} for code, path in pairs]}


VECTORS = [
    vector("clean-minimal", workbook([HEAD, ("text", "nom", "Nom")]), findings()),
    vector("unknown-type", workbook([HEAD, ("textt", "nom", "Nom")]), findings(("xlsform.unknown_type", "survey!A2"))),
    vector("missing-name", workbook([HEAD, ("text", None, "Nom"), ("text", "age", "Âge")]),
           findings(("xlsform.missing_name", "survey!B2"))),
    vector("duplicate-name", workbook([HEAD, ("text", "nom", "Nom"), ("integer", "nom", "Nom encore")]),
           findings(("xlsform.duplicate_name", "survey!B3"))),
    vector("unclosed-group", workbook([HEAD, ("begin_group", "g", "Groupe"), ("text", "nom", "Nom")]),
           findings(("xlsform.unclosed_group", "survey!A2"))),
    vector("unmatched-end-group", workbook([HEAD, ("text", "nom", "Nom"), ("end_group", None, None)]),
           findings(("xlsform.unmatched_end_group", "survey!A3"))),
    vector("missing-choice-list", workbook([HEAD, ("select_one couleurs", "couleur", "Couleur")]),
           findings(("xlsform.missing_choice_list", "survey!A2"))),
    vector("duplicate-choice",
           workbook([HEAD, ("select_one c", "couleur", "Couleur")],
                    choices=[("list_name", "name", "label"), ("c", "rouge", "Rouge"), ("c", "rouge", "Rouge encore")]),
           findings(("xlsform.duplicate_choice", "choices!B3"))),
    vector("bad-expression", workbook([HEAD + ("constraint",), ("integer", "age", "Âge", ". >")]),
           findings(("xlsform.bad_expression", "survey!D2"))),
    vector("pulldata-refused", workbook([HEAD + ("calculation",), ("calculate", "prix", None, "pulldata('prix', 'p', 'k', 'v')")]),
           findings(("xlsform.bad_expression", "survey!D2"))),
    vector("unknown-reference", workbook([HEAD + ("relevant",), ("text", "nom", "Nom", "${inconnu} = 1")]),
           findings(("xlsform.unknown_reference", "survey!D2"))),
    vector("bad-yes-no", workbook([HEAD + ("required",), ("text", "nom", "Nom", "oui")]),
           findings(("xlsform.bad_yes_no", "survey!D2"))),
    vector("unknown-column-is-a-warning", workbook([HEAD + ("colour",), ("text", "nom", "Nom", "rouge")]),
           findings(("xlsform.unknown_column", "survey!D1"))),
    vector("not-a-workbook", b"this is not an xlsx file", {"error": "xlsform.unreadable"}),
    vector("no-survey-sheet", workbook(None, choices=[("list_name", "name", "label")]), {"error": "xlsform.no_survey"}),
    # A vector that was once a bug stays: docs/fuzzing.md, crash 1 (calamine indexed the
    # shared-string table unchecked, and the wasm build aborted on the panic).
    vector("fuzz-crash-1-shared-string-index-past-the-table",
           (HERE.parents[1] / "tests" / "fixtures" / "shared-string-out-of-range.xlsx").read_bytes(),
           {"error": "xlsform.unreadable"}),
    # docs/fuzzing.md, crash 2: a damaged `</t…>` end tag made calamine read two shared strings
    # as one, so its table was one shorter than the `<si>` count the check had made.
    vector("fuzz-crash-2-shared-string-table-shortened-by-a-damaged-end-tag",
           (HERE.parents[1] / "tests" / "fixtures" / "shared-string-damaged-end-tag.xlsx").read_bytes(),
           {"error": "xlsform.unreadable"}),
]

(HERE / "xlsform.json").write_text(
    json.dumps(
        {"description": "XLSForm import: findings with sheet!cell locations, from real .xlsx bytes (base64). "
                        "Generated by make_xlsform_vectors.py; expectations written by hand.",
         "vectors": VECTORS},
        indent=1, ensure_ascii=False) + "\n",
    encoding="utf-8",
)
