// page-main.js — consumers 2 and 3: the page's module script (bundled by Vite or esbuild).
import { trainXor } from './xor.js';

trainXor().then(
  (r) => (document.getElementById('result').textContent = JSON.stringify(r)),
  (e) => (document.getElementById('result').textContent = JSON.stringify({ error: String((e && e.stack) || e) })),
);
