// A field team's page, offline-capable: the XLSForm is read in the browser, and every
// keystroke is checked by the same engine as the phone and the notebook (relevance, required,
// constraints, calculations, the form author's messages in French).
import init, { Period, Form } from "/pkg/meal_wasm.js";

await init();

// --- the reporting period field -------------------------------------------------------------
const periodInput = document.getElementById("period");
const periodDates = document.getElementById("period-dates");
const periodError = document.getElementById("period-error");

function showPeriod() {
  try {
    const period = Period.parse(periodInput.value);
    periodDates.textContent = `${period.id}: ${period.start} → ${period.end}`;
    periodError.textContent = "";
    periodError.dataset.code = "";
  } catch (e) {
    periodDates.textContent = "";
    periodError.textContent = e.messageFr;
    periodError.dataset.code = e.code;
  }
}
periodInput.addEventListener("input", showPeriod);
showPeriod();

// --- the consultation form, from its XLSForm ------------------------------------------------
const bytes = new Uint8Array(await (await fetch("/forms/consultation_medicale.xlsx")).arrayBuffer());
const form = Form.fromXlsform(bytes);
const doc = JSON.parse(form.toJson());
const locale = "fr";
const formElement = document.getElementById("form");
const verdict = document.getElementById("verdict");
const inputs = new Map();

const label = (labels) => labels?.[locale] ?? labels?.default ?? Object.values(labels ?? {})[0] ?? "";
const numeric = new Set(["integer", "decimal"]);
const shown = new Set(["text", "integer", "decimal", "date", "select_one", "select_multiple", "note", "calculate"]);

function render(fields) {
  for (const field of fields) {
    const kind = field.type.kind;
    if (kind === "group") { render(field.children ?? []); continue; }
    if (!shown.has(kind)) continue;
    const wrapper = document.createElement("div");
    wrapper.dataset.path = `/${field.name}`;
    const title = document.createElement("label");
    title.textContent = label(field.label);
    title.dataset.template = label(field.label);
    title.htmlFor = field.name;
    wrapper.append(title);
    let input;
    if (kind === "select_one") {
      input = document.createElement("select");
      input.append(new Option("", ""));
      for (const choice of doc.choices[field.type.list] ?? []) input.append(new Option(label(choice.label), choice.name));
    } else if (kind !== "note") {
      input = document.createElement("input");
      input.type = kind === "date" ? "date" : "text";
      input.readOnly = kind === "calculate";
      if (numeric.has(kind)) input.inputMode = "decimal";
    }
    if (input) {
      input.id = field.name;
      input.addEventListener("input", refresh);
      inputs.set(field.name, { input, kind });
      wrapper.append(input);
    }
    const message = document.createElement("div");
    message.className = "message";
    message.setAttribute("role", "alert");
    wrapper.append(message);
    formElement.append(wrapper);
  }
}

function submission() {
  const values = {};
  for (const [name, { input, kind }] of inputs) {
    if (kind === "calculate" || input.value === "") continue;
    values[name] = kind === "integer" && /^-?\d+$/.test(input.value) ? Number(input.value) : input.value;
  }
  return values;
}

function refresh() {
  const values = submission();
  const now = new Date().toISOString();
  const states = new Map(form.state(values, { locale, now }).map((s) => [s.path, s]));
  const report = form.validate(values, { locale, now });
  for (const wrapper of formElement.children) {
    const state = states.get(wrapper.dataset.path);
    const found = report.findings.filter((f) => f.path === wrapper.dataset.path && f.code !== "form.required");
    wrapper.hidden = state ? !state.relevant : false;
    wrapper.classList.toggle("required", Boolean(state?.required));
    const message = wrapper.querySelector(".message");
    message.textContent = found.map((f) => f.message).join(" ");
    message.className = `message ${found.some((f) => f.severity === "error") ? "error" : "warning"}`;
    message.dataset.codes = found.map((f) => f.code).join(" ");
    // Labels may show values, as in XLSForm: "IMC calculé : ${imc}".
    const title = wrapper.querySelector("label");
    title.textContent = title.dataset.template.replace(/\$\{([^}]+)\}/g, (_, n) => String(report.cleaned[n] ?? "…"));
    const name = wrapper.dataset.path.slice(1);
    const entry = inputs.get(name);
    if (entry?.kind === "calculate") entry.input.value = report.cleaned[name] ?? "";
  }
  const blocking = report.findings.filter((f) => f.severity === "error").length;
  verdict.textContent = report.valid ? "Prêt à envoyer" : `${blocking} point(s) à corriger avant l'envoi`;
  verdict.dataset.valid = String(report.valid);
}

render(doc.fields);
refresh();
document.body.dataset.ready = "true";
