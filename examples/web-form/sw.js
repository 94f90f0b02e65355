// Offline: the page, the engine and the forms are cached on first visit; afterwards the cache
// answers first and the network only refreshes it, so a worker without signal still opens,
// fills and checks any form. Bump VERSION when a file changes shape.
const VERSION = "meal-web-form-3";
const FILES = [
  "./", "index.html", "app.js", "style.css", "pkg/forms/meal_wasm.js", "pkg/forms/meal_wasm_bg.wasm",
  ...["consultation_medicale", "feedback_plainte", "contact_maraude_littoral", "dossier_socio_juridique",
    "suivi_sante_mentale"].map((name) => `forms/${name}.json`),
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  event.respondWith(caches.open(VERSION).then(async (cache) => {
    const cached = await cache.match(event.request, { ignoreSearch: true });
    const fresh = fetch(event.request)
      .then((response) => { if (response.ok) cache.put(event.request, response.clone()); return response; })
      .catch(() => cached);
    return cached ?? fresh;
  }));
});
