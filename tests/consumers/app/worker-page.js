// worker-page.js — consumer 4's page: start the module Worker and show what it reports.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const out = document.getElementById('result');
worker.onmessage = (e) => (out.textContent = JSON.stringify(e.data));
worker.onerror = (e) => (out.textContent = JSON.stringify({ error: e.message || 'worker error' }));
