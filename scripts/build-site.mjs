#!/usr/bin/env node
// build-site.mjs — builds the static playground into dist/site/: the page sources (web/), the npm
// facade (js/) and the wasm glue (dist/wasm/), laid out as the package is, so the facade's own
// relative imports work unchanged:
//   dist/site/index.html, styles.css, main.js, src/…      ← web/
//   dist/site/relu-lab/js/…                                ← js/ (the facade)
//   dist/site/relu-lab/dist/wasm/…                         ← dist/wasm/ (run scripts/build.sh first)
//   dist/site/relu-lab/index.js, schema.js, lessons.js,    ← re-export the package's entries
//     history.js
//   dist/site/relu-lab/element.js, js/element.js           ← 'relu-lab/element': the site's
//                                                            src/element.js (one copy of the UI)
// (web/relu-lab/ holds the same entries for the repo and the npm package, pointing at ../../js/;
// the site writes its own.)
// No bundler and no network: plain file copies (the page is vanilla ES modules).
// Usage: node scripts/build-site.mjs   (also imported by scripts/serve.mjs and the tests)
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The site's Content-Security-Policy, minus what a <meta> cannot carry (frame-ancestors, sandbox,
 * report-uri: scripts/serve.mjs adds those to the header). Strict: nothing inline (no inline
 * <script>, no style="" attribute, no eval); style properties set from JS through the CSSOM are
 * allowed by CSP. 'wasm-unsafe-eval' only lets the page compile WebAssembly (the glue is linked
 * with -sDYNAMIC_EXECUTION=0 and embeds the wasm, so it needs no 'unsafe-eval' and no fetch).
 * Every built .html file carries it as <meta http-equiv="Content-Security-Policy"> too, so a
 * static host that sends no header still enforces it.
 */
export const CSP_META = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "frame-src 'self'", // the tutorial frames embed.html
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Put the CSP <meta> right after <meta charset>, before any script, style or link it governs. */
export function withCspMeta(html, policy = CSP_META) {
  if (/<meta\s+http-equiv=["']?content-security-policy/i.test(html)) return html;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const charset = /<meta\s+charset=[^>]*>/i;
  if (charset.test(html)) return html.replace(charset, (m) => `${m}\n  ${meta}`);
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}\n  ${meta}`);
  throw new Error('build-site: an HTML file without <head>: cannot add the CSP <meta>');
}

/** Every .html file under dir (the CSP pass here and tests/engines' probe pass share it). */
export async function htmlFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The facade entry, relative to the package root (package.json "exports" / "module" / "main"). */
async function facadeEntry(sub = '.') {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  let e = pkg.exports;
  if (sub !== '.') return String(e?.[sub]?.default ?? e?.[sub] ?? `./js/${sub.slice(2)}.js`).replace(/^\.\//, '');
  if (e && typeof e === 'object') e = e['.'] ?? e;
  if (e && typeof e === 'object') e = e.browser ?? e.import ?? e.default;
  if (e && typeof e === 'object') e = e.default;
  return String(e ?? pkg.module ?? pkg.main ?? './js/index.js').replace(/^\.\//, '');
}

export async function buildSite({ out = join(repo, 'dist', 'site'), quiet = false } = {}) {
  const log = quiet ? () => {} : (m) => console.error(`build-site: ${m}`);
  const wasm = join(repo, 'dist', 'wasm');
  if (!(await exists(wasm))) throw new Error('dist/wasm is missing: run `bash scripts/build.sh wasm` first');

  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await cp(join(repo, 'web'), out, {
    recursive: true,
    filter: (src) =>
      !src.endsWith('README.md') &&
      !src.includes(`${join('web', 'docs')}`) &&
      !src.includes(`${join('web', 'relu-lab')}`),
  });

  for (const file of await htmlFiles(out)) await writeFile(file, withCspMeta(await readFile(file, 'utf8')));

  const pkgDir = join(out, 'relu-lab');
  await cp(wasm, join(pkgDir, 'dist', 'wasm'), { recursive: true });
  if (!(await exists(join(repo, 'js', 'index.js')))) throw new Error('js/index.js (the facade) is missing');
  await cp(join(repo, 'js'), join(pkgDir, 'js'), {
    recursive: true,
    filter: (src) => !/\.d\.ts$|\.test\.m?js$/.test(src),
  });
  // The page imports the package as '…/relu-lab/index.js' and '…/relu-lab/schema.js', the way a
  // bundler would resolve 'relu-lab' and 'relu-lab/schema' through package.json "exports".
  for (const [name, sub] of [
    ['index.js', '.'],
    ['schema.js', './schema'],
    ['lessons.js', './lessons'],
    ['history.js', './history'], // time travel: the worker's runs
  ]) {
    const entry = await facadeEntry(sub);
    await writeFile(
      join(pkgDir, name),
      `// generated by scripts/build-site.mjs: 'relu-lab${sub.slice(1)}' as the page imports it\nexport * from './${entry}';\n`,
    );
  }
  // 'relu-lab/element': in the package js/element.js imports ../web/src/element.js; the site has
  // the UI once, at src/, so both paths point there (importing it registers <relu-lab>).
  const element =
    "// generated by scripts/build-site.mjs: 'relu-lab/element' is the site's src/element.js\nexport * from '%s';\n";
  await writeFile(join(pkgDir, 'element.js'), element.replace('%s', '../src/element.js'));
  await writeFile(join(pkgDir, 'js', 'element.js'), element.replace('%s', '../../src/element.js'));
  log(`built ${out}`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite().catch((e) => {
    console.error(`build-site: ${e.message}`);
    process.exit(1);
  });
}
