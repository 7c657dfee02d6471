// vite.sweep.config.js — consumer "vite": the XOR page and the sweep page; workers as ES modules
// (relu-lab's sweep worker entry imports the engine with a dynamic import; 'iife' cannot split).
export default {
  worker: { format: 'es' },
  build: { rollupOptions: { input: ['index.html', 'sweep-vite.html', 'sweep-vite-url.html'] } },
};
