// engines.mjs — set-up shared by the cross-engine suite (tests/engines/*.test.mjs) and
// bench/page.mjs: Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi) and
// WebKit (WebKitGTK's MiniBrowser under Xvfb, driven by webdriver.mjs), each behind the same
// small "tab" interface; and the servers the suite needs:
//   site      the built site (a temp copy with probe.js as every page's first script), 127.0.0.1
//   package   the packed tarball (`npm pack`), unpacked and served as a CDN would, 127.0.0.1
//   foreign   "someone's tutorial" on another origin (localhost), embedding both
// Every server records each response ≥ 400, so a failed request fails a test in every engine.
// No browser is ever downloaded: puppeteer-core only drives the binary it is given.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, htmlFiles } from '../../scripts/build-site.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { haveWebKit, launchWebKit, webdriverTab } from './webdriver.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(repo, 'test-results', 'engines');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const ENGINES = {
  firefox: {
    available: existsSync(FIREFOX) && existsSync(join(repo, 'node_modules/puppeteer-core')),
    missing: `needs ${FIREFOX} (apt-get install firefox-esr) and npm's puppeteer-core (npm ci)`,
  },
  webkit: {
    available: haveWebKit,
    missing: 'needs WebKitWebDriver, MiniBrowser and Xvfb (apt-get install webkit2gtk-driver xvfb)',
  },
};

// ---- the browsers ---------------------------------------------------------------------------------

/**
 * Launch Firefox headless; → { version, tab, close() }. prefs: extra about:config prefs (the
 * suite turns wasm SIMD off with them to check the page's fallback).
 */
export async function launchFirefox({ prefs = {} } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: prefs,
    args: ['--width=1440', '--height=900'],
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const native = [];
  page.on('console', (m) => m.type() === 'error' && native.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => native.push(`pageerror: ${e.message}`));
  const tab = {
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    reload: () => page.reload({ waitUntil: 'load' }),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    click: (selector) => page.click(selector),
    select: (selector, value) => page.select(selector, value),
    press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key), // puppeteer's BiDi keyboard has no 'Space'
    viewport: (width, height) => page.setViewport({ width, height, deviceScaleFactor: 1 }),
    screenshot: (path) => page.screenshot({ path }),
    screenshotOf: async (selector, path) => (await page.$(selector)).screenshot({ path }),
    nativeProblems: () => native.splice(0),
  };
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    tab,
    close: () => browser.close(),
  };
}

/** Launch WebKit (Xvfb, WebKitWebDriver, MiniBrowser); → { version, tab, close() }. */
export async function launchWebKitEngine({ env } = {}) {
  const session = await launchWebKit({ env });
  return { version: session.version, tab: webdriverTab(session), close: () => session.close() };
}

/**
 * Launch an engine by name. noSimd (WebKit only): with WebAssembly SIMD turned off in
 * JavaScriptCore, as in a browser that lacks it. Firefox 153 has no such switch any more (its
 * javascript.options.wasm_simd pref is gone).
 */
export function launch(name, { noSimd = false } = {}) {
  if (name === 'firefox') {
    if (noSimd) throw new Error('launch: Firefox cannot turn WebAssembly SIMD off');
    return launchFirefox();
  }
  return launchWebKitEngine({ env: noSimd ? { JSC_useWasmSIMD: '0' } : {} });
}

// ---- helpers over a tab ---------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll fn(arg) in the page until it is truthy; → its value. The message names what was awaited. */
export async function waitFor(tab, fn, arg, { timeout = 30_000, what = String(fn) } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await tab.run(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Open url and wait for the playground's engine (window.playground.ready). */
export async function openPlayground(tab, url) {
  await tab.goto(url);
  await waitFor(tab, () => !!window.playground, null, { what: 'window.playground' });
  await tab.run(async () => {
    await window.playground.ready;
  });
}

// ---- the servers ----------------------------------------------------------------------------------

/** Log every response ≥ 400 of an http.Server into problems. */
function watch(server, name, problems) {
  server.on('request', (req, res) =>
    res.on('finish', () => res.statusCode >= 400 && problems.push(`${name}: http ${res.statusCode} ${req.url}`)),
  );
}

/**
 * Build the site into a temp folder and put test-only scripts (probe.js; bench/heartbeat.js for
 * the bench) first in every page, right after the CSP meta. Plus phone.html: the page in a
 * 390 × 844 frame (same origin, so the site's CSP allows it), as WebKitGTK's MiniBrowser window
 * cannot be narrower than its toolbar (447 px).
 */
async function buildProbedSite(tmp, scripts) {
  const out = join(tmp, 'site');
  await buildSite({ out, quiet: true });
  for (const [name, from] of Object.entries(scripts)) await copyFile(join(repo, from), join(out, name));
  const tags = Object.keys(scripts)
    .map((name) => `<script src="/${name}"></script>`)
    .join('');
  for (const file of await htmlFiles(out)) {
    const html = await readFile(file, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;
    if (!meta.test(html)) throw new Error(`${file}: no CSP <meta> to put the probe after`);
    await writeFile(
      file,
      html.replace(meta, (m) => `${m}\n  ${tags}`),
    );
  }
  await writeFile(
    join(out, 'phone.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>phone</title>' +
      `<link rel="icon" href="favicon.svg">${tags}</head><body>` +
      '<iframe id="phone" title="the page at 390 × 844" width="390" height="844" src="index.html#lesson=too-hot"></iframe>' +
      '</body></html>',
  );
  return out;
}

/** `npm pack` the repo (dist/wasm must be built) and unpack it; → the package folder. */
function packTarball(tmp) {
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], {
    cwd: repo,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  execFileSync('tar', ['-xzf', join(tmp, name), '-C', tmp]);
  return join(tmp, 'package');
}

/** The foreign tutorial: a page with no CSP of its own, loading the packed element cross-origin. */
function foreignPage({ site, pkg, probe }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Someone's tutorial</title>
<link rel="icon" href="data:,">
<script>${probe}
window.__workers = { made: 0, terminated: 0 };
window.__messages = [];
addEventListener('message', (e) => window.__messages.push(e.data));
{ const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(url, options) { super(url, options); window.__workers.made++; }
    terminate() { window.__workers.terminated++; super.terminate(); }
  };
}</script>
<script type="module" src="${pkg}js/element.js"></script></head>
<body><h1>A tutorial elsewhere</h1>
<relu-lab id="e" dataset="xor" hidden="4" height="360" panels="out" seed="3"></relu-lab>
<iframe id="f" title="relu-lab" width="900" height="420" src="${site}embed.html#dataset=spiral&hidden=8,8&panels=out&controls=play,step,epoch"></iframe>
</body></html>`;
}

const PROBE = { '__probe.js': 'tests/engines/probe.js' };

/**
 * Build and serve the site alone (bench/page-engines.mjs: with its heartbeat script too);
 * → { site, problems, close() }.
 */
export async function serveSite({ heartbeat = false } = {}) {
  const tmp = await mkdtemp(join(tmpdir(), 'relu-lab-engines-'));
  const problems = [];
  const root = await buildProbedSite(tmp, heartbeat ? { ...PROBE, '__heartbeat.js': 'bench/heartbeat.js' } : PROBE);
  const site = await startServer({ root, port: 0 });
  watch(site.server, 'site', problems);
  return {
    site: site.url,
    problems,
    tmp,
    async close() {
      await site.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Build, pack and serve everything once per test file; → { site, pkg, foreign, problems, close() }.
 * problems: the servers' failed responses (a test takes and clears them with problems.splice(0)).
 */
export async function serveAll() {
  const s = await serveSite();
  const { problems, tmp } = s;
  const pkgRoot = packTarball(tmp);
  const pkg = await startServer({ root: pkgRoot, port: 0 });
  watch(pkg.server, 'package', problems);
  const probe = await readFile(join(repo, 'tests/engines/probe.js'), 'utf8');
  const html = foreignPage({ site: s.site, pkg: pkg.url, probe });
  const foreign = createServer((req, res) => {
    if (req.url !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  watch(foreign, 'foreign', problems);
  await new Promise((r) => foreign.listen(0, '127.0.0.1', r));
  await mkdir(artifacts, { recursive: true });
  return {
    site: s.site,
    pkg: pkg.url,
    // "localhost" ≠ "127.0.0.1": another origin than the site's and the package's
    foreign: `http://localhost:${foreign.address().port}/`,
    problems,
    async close() {
      await Promise.all([pkg.close(), new Promise((r) => foreign.close(r))]);
      await s.close();
    },
  };
}
