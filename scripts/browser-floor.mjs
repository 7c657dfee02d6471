#!/usr/bin/env node
// browser-floor.mjs — the oldest Chrome/Edge, Firefox and Safari that run the page, computed from
// MDN's browser-compat-data (npm @mdn/browser-compat-data) over the platform features the page's
// code uses. Prints the README's table (between its browser-floor markers);
// tests/js/browser-floor.test.mjs fails when the README and this disagree, or when a feature
// listed here is no longer found in the sources (a stale entry).
// What it is not: a parser of the code. FEATURES is a hand-kept list, each with the pattern that
// finds its use; a new platform feature must be added here to count. The engines actually run are
// the current ones (tests/engines: Firefox ESR, WebKitGTK; tests/web: Chromium).
// Usage: node scripts/browser-floor.mjs [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data');

export const BROWSERS = [
  ['chrome', 'Chrome'],
  ['edge', 'Edge'],
  ['firefox', 'Firefox'],
  ['safari', 'Safari'],
  ['safari_ios', 'Safari on iOS'],
];

// effect: 'required' — without it the page does not train or does not paint (sets the floor);
// 'fallback' — the page uses something else and says so; 'style' — only the layout degrades.
// where: the sources searched for `use` (web/ and js/ .js files, the stylesheets, or the site build).
// prettier-ignore
export const FEATURES = [
  { name: 'module workers', bcd: 'api.Worker.Worker.ecmascript_modules', where: 'js', use: /type: 'module'/, effect: 'required' },
  { name: 'OffscreenCanvas 2D', bcd: 'api.OffscreenCanvas.getContext.2d_context', where: 'js', use: /new OffscreenCanvas\(/, effect: 'required' },
  { name: 'structuredClone', bcd: 'api.structuredClone', where: 'js', use: /structuredClone\(/, effect: 'required' },
  { name: 'Array.prototype.at', bcd: 'javascript.builtins.Array.at', where: 'js', use: /\.at\(-1\)/, effect: 'required' },
  { name: 'Object.hasOwn', bcd: 'javascript.builtins.Object.hasOwn', where: 'js', use: /Object\.hasOwn\(/, effect: 'required' },
  { name: 'private class methods', bcd: 'javascript.classes.private_class_methods', where: 'js', use: /^\s+#\w+\(\) \{/m, effect: 'required' },
  { name: 'top-level await', bcd: 'javascript.operators.await.top_level', where: 'js', use: /^await /m, effect: 'required' },
  { name: '<dialog> showModal()', bcd: 'api.HTMLDialogElement.showModal', where: 'js', use: /\.showModal\(\)/, effect: 'required' },
  { name: "CSP 'wasm-unsafe-eval'", bcd: 'http.headers.Content-Security-Policy.script-src.wasm-unsafe-eval', where: 'build', use: /'wasm-unsafe-eval'/, effect: 'required' },
  { name: 'WebAssembly (the scalar build: MVP only)', bcd: 'webassembly.api', where: 'js', use: /relu_lab_scalar\.mjs/, effect: 'required' },
  { name: 'WebAssembly SIMD', bcd: 'webassembly.fixed-width-SIMD', where: 'js', use: /WebAssembly\.validate\(SIMD_PROBE\)/, effect: 'fallback' },
  { name: 'CSS :has()', bcd: 'css.selectors.has', where: 'css', use: /:has\(/, effect: 'style' },
  { name: 'CSS container queries', bcd: 'css.at-rules.container', where: 'css', use: /@container /, effect: 'style' },
];

function files(where) {
  const list = (dir, ext) =>
    readdirSync(join(repo, dir), { recursive: true })
      .filter((f) => f.endsWith(ext))
      .map((f) => join(repo, dir, f));
  if (where === 'js') return [...list('web', '.js'), ...list('js', '.js')];
  if (where === 'css') return list('web', '.css');
  return [join(repo, 'scripts/build-site.mjs')];
}

/** Where the code uses a feature: the files (relative) whose text matches its pattern. */
export function usedIn(feature) {
  return files(feature.where)
    .filter((f) => feature.use.test(readFileSync(f, 'utf8')))
    .map((f) => f.slice(repo.length + 1));
}

/**
 * The first version of a browser with a feature: the earliest version_added of a support entry
 * without flags, prefix or another name (a partial implementation counts, and is marked).
 */
export function since(path, browser) {
  let node = bcd;
  for (const k of path.split('.')) node = node?.[k];
  const support = node?.__compat?.support?.[browser];
  if (!support) throw new Error(`browser-floor: no data for ${path} in ${browser}`);
  const ok = [support]
    .flat()
    .filter((e) => e.version_added && e.version_added !== 'preview' && !e.flags && !e.prefix && !e.alternative_name);
  if (!ok.length) return { version: null, partial: false };
  const v = (e) => String(e.version_added).replace(/^≤/, '');
  const first = ok.reduce((a, b) => (cmp(v(a), v(b)) <= 0 ? a : b));
  return { version: v(first), partial: !!first.partial_implementation };
}

function cmp(a, b) {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Per browser: the floor (max over required features), what sets it, and the full-style floor. */
export function floors() {
  return BROWSERS.map(([id, label]) => {
    const at = (effect) =>
      FEATURES.filter((f) => effect.includes(f.effect)).map((f) => ({ ...f, ...since(f.bcd, id) }));
    const max = (list) =>
      list.reduce(
        (a, b) => (b.version === null || (a && a.version !== null && cmp(a.version, b.version) >= 0) ? a : b),
        null,
      );
    const required = at(['required']);
    const floor = max(required);
    const setBy = required.filter((f) => f.version === floor.version).map((f) => f.name);
    const style = max(at(['required', 'style']));
    const simd = since('webassembly.fixed-width-SIMD', id);
    return { id, label, floor: floor.version, setBy, style: style.version, styleBy: style.name, simd: simd.version };
  });
}

/** The README's table. */
export function table() {
  const rows = floors().map(
    (b) =>
      `| ${b.label} | ${b.floor} | ${b.setBy.join(', ')} | ${b.style === b.floor ? '—' : `${b.style} (${b.styleBy})`} | ${b.simd} |`,
  );
  return [
    '| browser | runs the page from | set by | full layout from | WebAssembly SIMD from (older: the scalar build) |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--json')) console.log(JSON.stringify({ bcd: bcd.__meta.version, floors: floors() }));
  else console.log(`${table()}\n\n(MDN browser-compat-data ${bcd.__meta.version})`);
}
