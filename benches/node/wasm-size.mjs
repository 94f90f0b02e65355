// What the .wasm weighs: raw and gzipped (level 9), and the code size per crate, read from the
// module itself — the code section's function bodies named by the `name` custom section
// (wasm-bindgen keeps it). A function that names a meal_core module anywhere in its path —
// generic code instantiated for it included (`drop_in_place<meal_core::form::…>`, serde's
// deserializers of its documents) — counts for that module; any other function for the crate
// its path starts with. Indicative, not exact: inlining moves code into its callers.
//
// The module as shipped has no name section (it is a quarter of the bytes): give the same build
// with names as a third argument and the costs are read from it.
//
//   node benches/node/wasm-size.mjs <shipped.wasm> [top] [same build with names.wasm]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file, top = "12", named] = process.argv.slice(2);
const shipped = readFileSync(file);
const bytes = readFileSync(named ?? file);

/** A reader of the binary format's unsigned LEB128 integers and byte vectors. */
function reader(buffer, start = 0) {
  let at = start;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[at++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  const name = () => {
    const length = u32();
    const text = buffer.toString("utf8", at, at + length);
    at += length;
    return text;
  };
  return { u32, name, byte: () => buffer[at++], skip: (k) => { at += k; }, get at() { return at; } };
}

/** The sections of the module: [{id, name?, start, size}]. */
function sections() {
  const r = reader(bytes, 8);
  const found = [];
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.at;
    const name = id === 0 ? reader(bytes, start).name() : undefined;
    found.push({ id, name, start, size });
    r.skip(size);
  }
  return found;
}

function importedFunctions(section) {
  if (!section) return 0;
  const r = reader(bytes, section.start);
  let functions = 0;
  for (let i = r.u32(); i > 0; i--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === 0) { functions++; r.u32(); }
    else if (kind === 1) { r.byte(); if (r.byte() & 1) { r.u32(); r.u32(); } else r.u32(); }
    else if (kind === 2) { const flags = r.byte(); r.u32(); if (flags & 1) r.u32(); }
    else if (kind === 3) { r.byte(); r.byte(); }
    else if (kind === 4) { r.byte(); r.u32(); }
  }
  return functions;
}

function functionNames(section) {
  const names = new Map();
  if (!section) return names;
  const r = reader(bytes, section.start);
  r.name(); // "name"
  const end = section.start + section.size;
  while (r.at < end) {
    const id = r.byte();
    const size = r.u32();
    const next = r.at + size;
    if (id === 1) for (let i = r.u32(); i > 0; i--) names.set(r.u32(), r.name());
    r.skip(next - r.at);
  }
  return names;
}

function ownerOf(name) {
  const module = /meal_core::([a-z_0-9]+)/.exec(name);
  if (module) return `meal_core::${module[1]}`;
  const path = name.replace(/^[<&*\s]+(mut |const |dyn )?/, "");
  const cut = path.indexOf("::");
  return cut > 0 ? path.slice(0, cut) : "(unnamed / wasm-bindgen glue)";
}

const all = sections();
const imports = importedFunctions(all.find((s) => s.id === 2));
const names = functionNames(all.find((s) => s.id === 0 && s.name === "name"));
const code = all.find((s) => s.id === 10);
const perCrate = new Map();
const perModule = new Map();
if (code) {
  const r = reader(bytes, code.start);
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    r.skip(size);
    const owner = ownerOf(names.get(imports + i) ?? "");
    perModule.set(owner, (perModule.get(owner) ?? 0) + size);
    const crate = owner.split("::")[0];
    perCrate.set(crate, (perCrate.get(crate) ?? 0) + size);
  }
}
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const data = all.filter((s) => s.id === 11).reduce((k, s) => k + s.size, 0);
const custom = all.filter((s) => s.id === 0).reduce((k, s) => k + s.size, 0);
const gzipped = gzipSync(shipped, { level: 9 }).length;
console.log(`\n.wasm ${file}: ${kb(shipped.length)} raw, ${kb(gzipped)} gzipped (level 9)`);
console.log(`  code ${kb(code?.size ?? 0)}, data ${kb(data)}, custom sections ${kb(custom)}${named ? " in the build with names" : ""}`);
function table(title, sizes) {
  console.log(`  ${title}:`);
  [...sizes].sort((a, b) => b[1] - a[1]).slice(0, Number(top))
    .forEach(([owner, size]) => console.log(`    ${owner.padEnd(34)} ${kb(size).padStart(10)}  ${((100 * size) / (code?.size ?? 1)).toFixed(1).padStart(5)} %`));
}
table(`code by crate (the ${top} largest)`, perCrate);
table(`meal_core by module (the ${top} largest)`, new Map([...perModule].filter(([k]) => k.startsWith("meal_core::"))));
