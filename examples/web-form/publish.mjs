// Publishes the mission's XLSForms for this page. Each `.xlsx` is read once by the full package
// (`Form.fromXlsform`) and written as the form document (JSON) that the page loads with the lean
// module `meal/forms`. ODK servers do the same when they convert an XLSForm to an XForm once:
// the phone and the page never parse a workbook. A form with findings is not published.
//
//   node examples/web-form/publish.mjs <package dir of meal> <out dir> [dir of the .xlsx files]
//
// The out dir is what the page serves as `forms/` (one `<name>.json` per form).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Converts every `.xlsx` of `formsDir` into `outDir/<name>.json`; returns the names written. */
export async function publish(pkgDir, outDir, formsDir = join(here, "..", "forms")) {
  const meal = await import(pathToFileURL(join(pkgDir, "meal_wasm.js")).href);
  meal.initSync({ module: readFileSync(join(pkgDir, "meal_wasm_bg.wasm")) });
  mkdirSync(outDir, { recursive: true });
  const names = [];
  for (const file of readdirSync(formsDir).filter((f) => f.endsWith(".xlsx")).sort()) {
    const form = meal.Form.fromXlsform(readFileSync(join(formsDir, file)));
    const problems = form.findings("en");
    if (problems.length > 0) {
      const list = problems.map((f) => `  ${f.path}: ${f.code} ${f.message}`).join("\n");
      throw new Error(`${file} has findings, not published:\n${list}`);
    }
    const name = basename(file, ".xlsx");
    writeFileSync(join(outDir, `${name}.json`), form.toJson());
    form.free();
    names.push(name);
  }
  return names;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [pkgDir, outDir, formsDir] = process.argv.slice(2);
  if (!pkgDir || !outDir) {
    console.error("usage: node publish.mjs <package dir of meal> <out dir> [dir of the .xlsx files]");
    process.exit(2);
  }
  const names = await publish(pkgDir, outDir, formsDir);
  console.log(`published ${names.length} forms to ${outDir}: ${names.join(", ")}`);
}
