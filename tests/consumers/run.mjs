#!/usr/bin/env node
// run.mjs — real consumers of the packed relu-lab: `npm pack`, install the tarball into fresh
// temporary projects, and in each one train XOR to ≥ 95 % test accuracy:
//   node     a plain Node ESM script (and lab.sweep on 2 worker_threads from the installed package)
//   vite     a Vite 7 app (vite build), opened in Debian Chromium; and lab.sweep there on 2 module
//            Workers of the entry Vite emitted from 'relu-lab/sweep-worker?worker' (and '?worker&url')
//   esbuild  an esbuild bundle, run in Node and opened in Chromium; and lab.sweep there on 2 module
//            Workers of the entry esbuild emitted from 'relu-lab/sweep-worker' (a second entry point)
//   (both sweeps must give the records of the same sweep in Node, bit for bit)
//   worker   a module Worker in Chromium importing the installed package without a bundler
//   element  import 'relu-lab/element' in a Vite 7 app: a <relu-lab> trains XOR, then is removed
//   types    tsc --noEmit on a file importing the published types
// Pages are served from 127.0.0.1 with a CSP that forbids eval; the browser may reach nothing
// else (every other request is aborted and fails the run). Only `npm install` uses the network,
// and only the npm registry (--prefer-offline: the local cache first).
//
// Usage: node tests/consumers/run.mjs [name…]   (default: all; needs dist/wasm built)
// Env: KEEP=1 keeps the temporary projects; CHROMIUM (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const app = join(repo, 'tests/consumers/app');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MIN_ACCURACY = 0.95;
const VERSIONS = { vite: '^7.0.0', esbuild: '^0.28.0', typescript: '^5.9.3' };

for (const flavour of ['simd', 'scalar']) {
  if (!existsSync(join(repo, `dist/wasm/relu_lab_${flavour}.mjs`))) {
    console.error(`run.mjs: dist/wasm/relu_lab_${flavour}.mjs missing: run scripts/build.sh wasm first`);
    process.exit(2);
  }
}

const root = mkdtempSync(join(tmpdir(), 'relu-lab-consumers-'));
const sh = (cmd, args, cwd, timeout = 300_000) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });

/** A fresh project with the tarball (and extra packages) installed, and the app files copied. */
function project(name, extra, files) {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  sh(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
      ...extra.map((p) => `${p}@${VERSIONS[p]}`),
    ],
    dir,
  );
  for (const f of files) copyFileSync(join(app, f), join(dir, f));
  return dir;
}

function check(result) {
  if (result.error) throw new Error(result.error);
  if (!(result.accuracy >= MIN_ACCURACY)) throw new Error(`accuracy ${result.accuracy} < ${MIN_ACCURACY}`);
  if (result.live !== 0) throw new Error(`${result.live} objects left live after dispose`);
  return `accuracy ${result.accuracy.toFixed(3)}, simd ${result.simd}`;
}

const SWEEP_FILES = ['sweep-common.js', 'sweep-node.mjs'];

/** The sweep page of a consumer: index.html with its module script `entry`, written as sweep-<entry>.html. */
function sweepPage(dir, entry) {
  const html = readFileSync(join(app, 'index.html'), 'utf8').replace('./page-main.js', `./${entry}`);
  writeFileSync(join(dir, entry.replace(/\.js$/, '.html')), html);
}

/** A browser sweep's result against the same sweep in Node (sweep-node.mjs in the same project). */
function checkSweep(result, dir) {
  if (result.error) throw new Error(`lab.sweep: ${result.error}`);
  const node = JSON.parse(sh(process.execPath, ['sweep-node.mjs'], dir, 60_000));
  if (result.workers !== 2) throw new Error(`lab.sweep ran on ${result.workers} workers, not 2`);
  if (result.live !== 0 || result.liveWorkers !== 0)
    throw new Error(`lab.sweep left ${result.live} objects, ${result.liveWorkers} workers`);
  if (!result.records?.length || JSON.stringify(result.records) !== JSON.stringify(node.records))
    throw new Error(
      `lab.sweep records differ from Node's:\n${JSON.stringify(result.records)}\n${JSON.stringify(node.records)}`,
    );
  return `lab.sweep ${result.records.length} runs on 2 workers = Node's records`;
}

// ---- a static server for built pages (127.0.0.1 only) ------------------------------------------
const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' data:; worker-src 'self'";

function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let browser;
async function openPage(dir, page) {
  if (!browser) {
    const { chromium: pw } = await import('playwright-core');
    browser = await pw.launch({
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext();
  const blocked = [],
    logs = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  try {
    const tab = await context.newPage();
    tab.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    tab.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await tab.goto(`${origin}/${page}`);
    await tab.waitForFunction(() => document.getElementById('result')?.textContent, null, { timeout: 60_000 });
    const result = JSON.parse(await tab.textContent('#result'));
    if (blocked.length) throw new Error(`the page tried to reach ${blocked.join(', ')}`);
    if (logs.some((l) => /Content Security Policy|pageerror/.test(l))) throw new Error(logs.join('\n'));
    return result;
  } catch (e) {
    throw new Error(`${e.message}\n${logs.join('\n')}`);
  } finally {
    await context.close();
    server.close();
  }
}

// ---- the consumers ------------------------------------------------------------------------------
const CONSUMERS = {
  async node() {
    const dir = project('node', [], ['xor.js', 'node-main.mjs', 'sweep-main.mjs']);
    const sweep = JSON.parse(sh(process.execPath, ['sweep-main.mjs'], dir, 60_000)); // exits 1 unless ok
    return `${check(JSON.parse(sh(process.execPath, ['node-main.mjs'], dir, 60_000)))}; lab.sweep ${sweep.runs} runs on ${sweep.workers} workers`;
  },
  async vite() {
    const files = [
      'xor.js',
      'page-main.js',
      'index.html',
      'sweep-vite.js',
      'sweep-vite-url.js',
      'vite.sweep.config.js',
    ];
    const dir = project('vite', ['vite'], [...files, ...SWEEP_FILES]);
    sweepPage(dir, 'sweep-vite.js');
    sweepPage(dir, 'sweep-vite-url.js');
    const vite = ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'];
    sh(process.execPath, [...vite, '--config', 'vite.sweep.config.js'], dir);
    const xor = check(await openPage(join(dir, 'dist'), 'index.html'));
    const ctor = checkSweep(await openPage(join(dir, 'dist'), 'sweep-vite.html'), dir);
    const url = checkSweep(await openPage(join(dir, 'dist'), 'sweep-vite-url.html'), dir);
    return `${xor}; ?worker: ${ctor}; ?worker&url: ${url}`;
  },
  async esbuild() {
    const files = ['xor.js', 'page-main.js', 'index.html', 'node-main.mjs', 'sweep-esbuild.js'];
    const dir = project('esbuild', ['esbuild'], [...files, ...SWEEP_FILES]);
    sweepPage(dir, 'sweep-esbuild.js');
    const esbuild = join(dir, 'node_modules/.bin/esbuild');
    sh(esbuild, ['page-main.js', '--bundle', '--format=esm', '--outfile=out/page-main.js', '--log-level=error'], dir);
    // the sweep worker entry is a second entry point, named so that the app can find it
    const entries = ['sweep-esbuild.js', 'sweep-worker=relu-lab/sweep-worker'];
    sh(esbuild, [...entries, '--bundle', '--format=esm', '--outdir=out', '--log-level=error'], dir);
    copyFileSync(join(dir, 'sweep-esbuild.html'), join(dir, 'out/sweep-esbuild.html'));
    sh(
      esbuild,
      [
        'node-main.mjs',
        '--bundle',
        '--format=esm',
        '--platform=node',
        '--outfile=out/node-main.mjs',
        '--log-level=error',
      ],
      dir,
    );
    copyFileSync(join(dir, 'index.html'), join(dir, 'out/index.html'));
    const inNode = check(JSON.parse(sh(process.execPath, ['out/node-main.mjs'], dir, 60_000)));
    const inChromium = check(await openPage(join(dir, 'out'), 'index.html'));
    const swept = checkSweep(await openPage(join(dir, 'out'), 'sweep-esbuild.html'), dir);
    return `node: ${inNode}; chromium: ${inChromium}; ${swept}`;
  },
  async element() {
    const dir = project('element', ['vite'], ['element.html', 'element-main.js', 'vite.config.js']);
    sh(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], dir);
    return check(await openPage(join(dir, 'dist'), 'element.html'));
  },
  async worker() {
    const dir = project('worker', [], ['worker.html', 'worker-page.js', 'worker.js']);
    return check(await openPage(dir, 'worker.html'));
  },
  async types() {
    const dir = project('types', ['typescript'], ['types.mts', 'tsconfig.json']);
    sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], dir, 120_000);
    return 'tsc --noEmit passed';
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(CONSUMERS);
let passed = 0,
  failed = 0,
  tarball;
try {
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', root, '--loglevel=error'], repo));
  tarball = join(root, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${(packed[0].size / 1024).toFixed(0)} KiB`);
  for (const name of wanted) {
    const t0 = Date.now();
    try {
      const what = await CONSUMERS[name]();
      console.log(`ok ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${what}`);
      ++passed;
    } catch (e) {
      console.log(`not ok ${name}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      ++failed;
    }
  }
} finally {
  await browser?.close();
  if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
  else console.log(`kept ${root}`);
}
console.log(`consumers: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
