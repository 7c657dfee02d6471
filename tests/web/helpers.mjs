// helpers.mjs — shared set-up of the Playwright tests and bench/page.mjs: build dist/site, serve it
// on a free loopback port, launch Debian's chromium headless through playwright-core (never a
// downloaded browser), and collect console errors and failed requests of a page.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../scripts/build-site.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(repo, 'test-results', 'web');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** True when the browser is there (tests skip with a reason otherwise). */
export const haveBrowser = existsSync(CHROMIUM);

let built = null;
/**
 * Build the site once per process into a temporary folder (so parallel test files and a running
 * `npm start` never race on dist/site), serve it on a free port, launch the browser.
 */
export async function setup() {
  built ??= mkdtemp(join(tmpdir(), 'relu-lab-site-')).then((out) => buildSite({ out, quiet: true }));
  const root = await built;
  const server = await startServer({ root, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  await mkdir(artifacts, { recursive: true });
  return {
    server,
    browser,
    url: server.url,
    async close() {
      await browser.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
      built = null;
    },
  };
}

/** A new page that records console errors, page errors and failed or 4xx/5xx requests. */
/** init: a function run in the page before its scripts (page.addInitScript), e.g. to count messages. */
export async function openPage(
  browser,
  url,
  { viewport = { width: 1400, height: 1000 }, reducedMotion = 'no-preference', init = null } = {},
) {
  const context = await browser.newContext({ viewport, reducedMotion, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // a reload aborts the favicon fetch of the page it leaves: not a failure of the page
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.url().endsWith('/favicon.svg')) return;
    problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`http ${r.status()}: ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  return { page, context, problems };
}

/**
 * A page without the playground (the tutorial, a host of <relu-lab>): a fresh context at viewport,
 * recording page errors.
 */
export async function openPlain(browser, url, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return { page, context, problems };
}

/** Run n epochs through the scripting API and return state(). */
export function step(page, n) {
  return page.evaluate((k) => window.playground.step(k), n);
}
