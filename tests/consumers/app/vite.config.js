// vite.config.js — consumer "element": the <relu-lab> element's worker imports the engine with a
// dynamic import, so Vite must emit workers as ES modules (its default, 'iife', cannot split).
export default { worker: { format: 'es' }, build: { rollupOptions: { input: 'element.html' } } };
