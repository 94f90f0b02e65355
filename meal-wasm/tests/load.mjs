// Loads the built ESM package (wasm-bindgen --target web) in Node, the same artifact a browser
// form imports. The package directory comes from MEAL_WASM_PKG (set by meal-wasm/test.sh).
import { readFileSync } from "node:fs";
import { join } from "node:path";

const pkg = process.env.MEAL_WASM_PKG;
if (!pkg) throw new Error("MEAL_WASM_PKG is not set: run meal-wasm/test.sh");
const meal = await import(join(pkg, "meal_wasm.js"));
meal.initSync({ module: readFileSync(join(pkg, "meal_wasm_bg.wasm")) });
export default meal;
