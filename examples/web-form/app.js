// A field team's page that renders any of the mission's forms from its schema (the form
// document publish.mjs converts each XLSForm to) and checks it with the same engine as the phone
// and the notebook: relevance hides fields, required fields are marked, calculations fill in, the
// form author's messages show next to the field in French or English, and nothing is saved until
// the submission is valid. It keeps working offline: a service worker (sw.js) caches the page,
// the engine (.wasm) and the forms; submissions wait in an outbox on the device.
// The lean module meal/forms: everything this page needs, a fifth of the full package's download.
import init, { Form, Period, isMealError } from "./pkg/forms/meal_wasm.js";

const FORMS = ["consultation_medicale", "feedback_plainte", "contact_maraude_littoral",
  "dossier_socio_juridique", "suivi_sante_mentale"];
const METADATA = new Set(["start", "end", "today", "device_id"]);
const UI = {
  fr: { form: "Formulaire", submit: "Enregistrer", add: "Ajouter", remove: "Retirer", required: "obligatoire",
    toFix: (n) => `${n} point${n > 1 ? "s" : ""} à corriger avant l'enregistrement`, ready: "Prêt à enregistrer",
    saved: (n) => `Enregistré sur l'appareil (${n} en attente d'envoi).`, online: "En ligne",
    offline: "Hors ligne : le formulaire fonctionne, les envois attendent le réseau.",
    period: "Période de rapport", periodLabel: "Identifiant DHIS2 (ex. 2026Q1)" },
  en: { form: "Form", submit: "Save", add: "Add", remove: "Remove", required: "required",
    toFix: (n) => `${n} thing${n > 1 ? "s" : ""} to fix before saving`, ready: "Ready to save",
    saved: (n) => `Saved on this device (${n} waiting to be sent).`, online: "Online",
    offline: "Offline: the form works, submissions wait for the network.",
    period: "Reporting period", periodLabel: "DHIS2 identifier (e.g. 2026Q1)" },
};

await init();
if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});

const $ = (id) => document.getElementById(id);
const page = { form: null, doc: null, values: {}, touched: new Set(), showAll: false,
  locale: new URLSearchParams(location.search).get("lang") === "en" ? "en" : "fr", elements: new Map() };
const text = (labels) => labels?.[page.locale] ?? labels?.[page.doc?.default_language] ?? Object.values(labels ?? {})[0] ?? "";
const options = () => ({ locale: page.locale, now: new Date().toISOString() });

// ---- the submission as a nested object, addressed by the engine's paths (/members/2/age) ----
function segments(path) { return path.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s)); }
function setAt(path, value) {
  const keys = segments(path);
  let target = page.values;
  for (const key of keys.slice(0, -1)) target = target[key];
  if (value === undefined) delete target[keys.at(-1)];
  else target[keys.at(-1)] = value;
}
function getAt(path) { return segments(path).reduce((v, k) => v?.[k], page.values); }

/** The typed value of an input, or undefined when empty (the engine reports wrong types). */
function valueOf(kind, raw) {
  if (raw === "" || raw === undefined) return undefined;
  if (kind === "integer" && /^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

// ---- rendering from the schema --------------------------------------------------------------
function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== undefined));
  return node;
}

function choicesOf(field) { return page.doc.choices[field.type.list] ?? []; }

function control(field, path, id) {
  const kind = field.type.kind;
  const current = getAt(path);
  const onChange = (value) => { setAt(path, value); page.touched.add(path); refresh(); };
  if (kind === "select_one" || kind === "select_multiple" || kind === "acknowledge") {
    const multiple = kind !== "select_one";
    const list = kind === "acknowledge" ? [{ name: "OK", label: field.label }] : choicesOf(field);
    if (!multiple && list.length > 6) {
      const select = element("select", { id }, element("option", { value: "" }),
        ...list.map((c) => element("option", { value: c.name, textContent: text(c.label), selected: c.name === current })));
      select.addEventListener("change", () => onChange(valueOf(kind, select.value)));
      return select;
    }
    const chosen = new Set(String(current ?? "").split(" "));
    const box = element("div", { className: "choices", id, role: multiple ? "group" : "radiogroup" });
    for (const choice of list) {
      const input = element("input", { type: multiple ? "checkbox" : "radio", name: path, value: choice.name,
        checked: chosen.has(choice.name) });
      input.addEventListener("change", () => {
        const picked = [...box.querySelectorAll("input:checked")].map((i) => i.value);
        onChange(valueOf(kind, picked.join(" ")));
      });
      box.append(element("label", {}, input, text(choice.label)));
    }
    return box;
  }
  const multiline = field.appearance === "multiline";
  const input = element(multiline ? "textarea" : "input", { id, value: current ?? "" });
  if (!multiline) input.type = { date: "date", time: "time" }[kind] ?? "text";
  if (kind === "integer") input.inputMode = "numeric";
  if (kind === "decimal" || kind === "range") input.inputMode = "decimal";
  if (kind === "calculate") input.readOnly = true;
  if (kind === "geopoint") input.placeholder = "48.8566 2.3522";
  input.addEventListener("input", () => onChange(valueOf(kind, input.value)));
  return input;
}

function renderField(field, container, prefix) {
  const kind = field.type.kind;
  const path = `${prefix}/${field.name}`;
  if (METADATA.has(kind) || (kind === "calculate" && !field.label)) return;
  if (kind === "group" || kind === "repeat") {
    const set = element("fieldset", { className: kind }, element("legend", { textContent: text(field.label) }));
    set.dataset.path = path;
    page.elements.set(path, set);
    container.append(set);
    if (kind === "group") return field.children.forEach((c) => renderField(c, set, prefix));
    return renderRepeat(field, set, path);
  }
  const id = `f${path.replaceAll("/", "-")}`;
  const box = element("div", { className: kind === "note" ? "field note" : "field" });
  box.dataset.path = path;
  box.dataset.kind = kind;
  const title = element(kind === "note" ? "p" : "label", { className: "label" });
  title.dataset.template = text(field.label);
  if (kind !== "note") title.htmlFor = id;
  box.append(title);
  if (field.hint) box.append(element("p", { className: "hint", textContent: text(field.hint) }));
  if (kind !== "note") box.append(control(field, path, id));
  box.append(element("div", { className: "message", role: "alert" }));
  page.elements.set(path, box);
  container.append(box);
}

function renderRepeat(field, set, path) {
  const instances = getAt(path) ?? [];
  instances.forEach((_, i) => {
    const instance = element("fieldset", { className: "repeat-instance" },
      element("legend", { textContent: `${text(field.label)} — ${i + 1}` }));
    field.children.forEach((c) => renderField(c, instance, `${path}/${i}`));
    const remove = element("button", { type: "button", className: "remove", textContent: UI[page.locale].remove });
    remove.addEventListener("click", () => { instances.splice(i, 1); render(); });
    instance.append(remove);
    set.append(instance);
  });
  const add = element("button", { type: "button", className: "add", textContent: `+ ${UI[page.locale].add}` });
  add.addEventListener("click", () => { setAt(path, [...instances, {}]); render(); });
  set.append(add);
}

function render() {
  const ui = UI[page.locale];
  document.documentElement.lang = page.locale;
  $("picker-label").textContent = ui.form;
  $("submit").textContent = ui.submit;
  $("period-title").textContent = ui.period;
  $("period-label").textContent = ui.periodLabel;
  for (const lang of ["fr", "en"]) $(`lang-${lang}`).setAttribute("aria-pressed", String(lang === page.locale));
  $("form-picker").replaceChildren(...FORMS.map((name) => element("option", { value: name, selected: name === page.name,
    textContent: name === page.name ? text(page.doc.title) : name.replaceAll("_", " ") })));
  $("form-title").textContent = text(page.doc.title);
  page.elements.clear();
  const form = $("form");
  form.replaceChildren();
  page.doc.fields.forEach((f) => renderField(f, form, ""));
  refresh();
  showNetwork();
  showPeriod();
}

// ---- live state: on every change, one crossing for the whole submission ---------------------
function refresh() {
  const states = page.form.state(page.values, options());
  const computed = new Map(states.map((s) => [s.path, s.value]));
  for (const state of states) {
    const box = page.elements.get(state.path);
    if (!box) continue;
    box.hidden = !state.relevant;
    if (box.tagName === "FIELDSET") continue;
    const title = box.querySelector(".label");
    const instance = state.path.slice(0, state.path.lastIndexOf("/"));
    // Labels and notes may show values, as in XLSForm: "IMC calculé : ${imc}".
    title.textContent = title.dataset.template.replace(/\$\{([^}]+)\}/g,
      (_, name) => String(computed.get(`${instance}/${name}`) ?? computed.get(`/${name}`) ?? "…"));
    if (state.required) title.append(element("span", { className: "required-mark", textContent: "*",
      title: UI[page.locale].required, ariaLabel: UI[page.locale].required }));
    if (box.dataset.kind === "calculate") box.querySelector("input").value = state.value ?? "";
    const shown = state.findings.filter((f) => f.code !== "form.required" || page.showAll || page.touched.has(state.path));
    const message = box.querySelector(".message");
    message.textContent = shown.map((f) => f.message).join(" ");
    message.className = `message ${shown.some((f) => f.severity === "error") ? "error" : "warning"}`;
    message.dataset.codes = shown.map((f) => f.code).join(" ");
    box.classList.toggle("invalid", shown.some((f) => f.severity === "error"));
  }
  return verdict();
}

function verdict() {
  const checked = page.form.check(page.values, options());
  const blocking = checked.findings.filter((f) => f.severity === "error").length;
  $("submit").dataset.valid = String(checked.valid); // still clickable: a refusal says why
  const summary = $("summary");
  summary.dataset.valid = String(checked.valid);
  summary.className = checked.valid ? "ok" : page.showAll ? "error" : "";
  summary.textContent = checked.valid ? UI[page.locale].ready : page.showAll ? UI[page.locale].toFix(blocking) : "";
  return checked;
}

/** Saves a valid submission to the device's outbox; refuses (and shows why) otherwise. */
function submit() {
  page.showAll = true;
  const checked = refresh();
  $("saved").textContent = "";
  if (!checked.valid) {
    document.querySelector(".field.invalid input, .field.invalid select, .field.invalid textarea")?.focus();
    return;
  }
  stamp("end");
  const outbox = JSON.parse(localStorage.getItem("meal-outbox") ?? "[]");
  outbox.push({ form: page.doc.id, version: page.doc.version, submission: page.values });
  localStorage.setItem("meal-outbox", JSON.stringify(outbox));
  document.body.dataset.saved = String(outbox.length);
  start();
  $("saved").textContent = UI[page.locale].saved(outbox.length);
}

/** Fills the metadata fields (start, end, device) as a phone would. */
function stamp(kind) {
  for (const field of page.doc.fields) {
    if (field.type.kind !== kind) continue;
    page.values[field.name] = kind === "device_id" ? "web-form" : kind === "today" ? new Date().toISOString().slice(0, 10)
      : new Date().toISOString();
  }
}

function start() {
  page.values = {};
  page.touched.clear();
  page.showAll = false;
  ["start", "today", "device_id"].forEach(stamp);
  render();
}

async function load(name) {
  page.name = FORMS.includes(name) ? name : FORMS[0];
  // The form document publish.mjs wrote from the XLSForm: the page never reads a workbook.
  const text = await (await fetch(`forms/${page.name}.json`)).text();
  page.form = Form.fromJson(text);
  page.doc = JSON.parse(text);
  start();
}

// ---- the page's other pieces ------------------------------------------------------------------
function showNetwork() {
  const network = $("network");
  network.className = navigator.onLine ? "" : "offline";
  network.textContent = navigator.onLine ? UI[page.locale].online : UI[page.locale].offline;
}

function showPeriod() {
  try {
    const period = Period.parse($("period").value);
    $("period-dates").textContent = `${period.id}: ${period.start} → ${period.end}`;
    $("period-error").textContent = "";
    $("period-error").dataset.code = "";
  } catch (e) {
    if (!isMealError(e)) throw e;
    $("period-dates").textContent = "";
    $("period-error").textContent = page.locale === "fr" ? e.messageFr : e.message;
    $("period-error").dataset.code = e.code;
  }
}

$("form-picker").addEventListener("change", (e) => load(e.target.value));
$("submit").addEventListener("click", submit);
$("period").addEventListener("input", showPeriod);
for (const lang of ["fr", "en"]) $(`lang-${lang}`).addEventListener("click", () => { page.locale = lang; render(); });
addEventListener("online", showNetwork);
addEventListener("offline", showNetwork);
await load(new URLSearchParams(location.search).get("form"));
document.body.dataset.ready = "true";
