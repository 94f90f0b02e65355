// A field team's page: every keystroke is checked by the same engine as the phone and the
// notebook, in the browser, offline. The package is served from /pkg/ (meal-wasm's build).
import init, { Period } from "/pkg/meal_wasm.js";

await init();

const input = document.getElementById("period");
const dates = document.getElementById("period-dates");
const error = document.getElementById("period-error");

function show() {
  try {
    const period = Period.parse(input.value);
    dates.textContent = `${period.id}: ${period.start} → ${period.end}`;
    error.textContent = "";
    error.dataset.code = "";
  } catch (e) {
    dates.textContent = "";
    error.textContent = e.messageFr;
    error.dataset.code = e.code;
  }
}

input.addEventListener("input", show);
show();
document.body.dataset.ready = "true";
