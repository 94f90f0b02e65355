#!/usr/bin/env python3
"""The server's side of the collection session: verifies, with the Python binding, the sync
envelopes the Kotlin example sealed on the "device".

    python verify_envelopes.py <output dir of examples/kotlin/run.sh>

Each <dir>/outbox/*.json is verified against the form it names, read from <dir>/forms/ (the
device's store of canonical form documents). Exits 1 when an envelope has findings.
"""

import json
import pathlib
import sys

import meal


def main(out):
    forms = {}
    for path in sorted((out / "forms").glob("*.json")):
        form = meal.Form.from_json(path.read_text(encoding="utf-8"))
        forms[json.loads(form.to_json())["id"]] = form
    envelopes = sorted((out / "outbox").glob("*.json"))
    if not envelopes:
        sys.exit(f"no envelopes in {out / 'outbox'}")
    failed = 0
    for path in envelopes:
        text = path.read_text(encoding="utf-8")
        form = forms.get(json.loads(text)["form_id"])
        findings = meal.verify_envelope(text, form)
        if form is None or findings:
            failed += 1
            print(f"{path.name}: form {'missing' if form is None else 'found'}, {[f.code for f in findings]}")
    print(f"python: {len(envelopes) - failed} of {len(envelopes)} Kotlin-sealed envelopes verify")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
