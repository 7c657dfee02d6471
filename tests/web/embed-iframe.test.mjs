// The iframe mode (web/embed.html + embed.js) on a page of ANOTHER origin (a second loopback
// server, as a tutorial host would be): embed.html alone may be framed by any origin, it sizes
// its parent through relu-lab:resize, obeys relu-lab:set after validating every field against the
// field table (and answers which fields it applied and rejected); and the <relu-lab> snippet
// (module, worker and stylesheet fetched cross-origin) trains on that page too. Plus the
// "Copy embed code" dialog: both snippets for the current configuration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import { setup, openPage, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env;
let host; // the tutorial's origin
before(async () => {
  if (skip) return;
  env = await setup();
  const site = env.url; // e.g. http://127.0.0.1:PORT/
  host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Someone's tutorial</title>
<script type="module" src="${site}src/element.js"></script></head>
<body><h1>A tutorial elsewhere</h1>
<iframe id="f" title="relu-lab" width="900" height="300" src="${site}embed.html#dataset=spiral&hidden=8,8&learningRate=0.1&panels=net,out&controls=play,step,reset,epoch"></iframe>
<relu-lab id="e" dataset="xor" hidden="4" height="360" panels="out"></relu-lab></body></html>`);
  });
  await new Promise((r) => host.listen(0, 'localhost', r)); // "localhost" ≠ "127.0.0.1": another origin
});
after(async () => {
  await env?.close();
  await new Promise((r) => (host ? host.close(r) : r()));
});

const headers = (url) =>
  new Promise((ok, fail) =>
    get(url, (res) => {
      res.resume();
      ok(res.headers);
    }).on('error', fail),
  );

test('embed.html (only) may be framed by any origin', { skip }, async () => {
  const embed = await headers(`${env.url}embed.html`);
  const index = await headers(`${env.url}index.html`);
  const tutorial = await headers(`${env.url}tutorial.html`);
  assert.match(embed['content-security-policy'], /frame-ancestors \*/);
  assert.match(
    embed['content-security-policy'],
    /script-src 'self' 'wasm-unsafe-eval'/,
    'the rest of the policy is as strict',
  );
  for (const h of [index, tutorial]) assert.match(h['content-security-policy'], /frame-ancestors 'self'/);
});

test('the iframe sizes its parent, and obeys relu-lab:set with validated data only', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__messages = [];
    addEventListener('message', (e) => {
      window.__messages.push(e.data);
      // the parent's side of the snippet: apply the height it is told
      if (e.data?.type === 'relu-lab:resize') document.getElementById('f').style.height = `${e.data.height}px`;
    });
  });
  await page.goto(`http://localhost:${host.address().port}/`);
  await page.waitForFunction(() => window.__messages.some((d) => d?.type === 'relu-lab:ready'), null, {
    timeout: 20000,
  });
  const frame = page.frames().find((f) => f.url().includes('embed.html'));
  // resize: the last reported height is the iframe's height, and it is the embed's own height
  await page.waitForFunction(() => window.__messages.some((d) => d?.type === 'relu-lab:resize' && d.height > 400));
  await page.waitForTimeout(200);
  const sizes = await page.evaluate(() => ({
    reported: window.__messages.filter((d) => d?.type === 'relu-lab:resize').at(-1).height,
    iframe: document.getElementById('f').clientHeight,
  }));
  const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  assert.equal(sizes.reported, inner, 'it reports its height');
  assert.ok(
    Math.abs(sizes.iframe - sizes.reported) <= 1,
    `the parent sized the iframe to it (${JSON.stringify(sizes)})`,
  );
  let s = await frame.evaluate(() => window.playground.state());
  assert.deepEqual(
    [s.config.dataset, s.config.hidden, s.config.learningRate],
    ['spiral', [8, 8], 0.1],
    'the hash configured it',
  );

  const send = (msg) =>
    page.evaluate(async (m) => {
      const before = window.__messages.filter((d) => d?.type === 'relu-lab:applied').length;
      document.getElementById('f').contentWindow.postMessage(m, '*');
      for (let t = 0; t < 200; t++) {
        const replies = window.__messages.filter((d) => d?.type === 'relu-lab:applied');
        if (replies.length > before) return replies.at(-1);
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    }, msg);
  // valid fields are applied
  let reply = await send({
    type: 'relu-lab:set',
    config: { dataset: 'xor', hidden: [4, 4], learningRate: 0.3, activation: 'tanh', showTest: true },
  });
  assert.deepEqual(reply, {
    type: 'relu-lab:applied',
    applied: ['dataset', 'hidden', 'learningRate', 'activation', 'showTest'],
    rejected: [],
  });
  s = await frame.evaluate(() => window.playground.state());
  assert.deepEqual(
    [s.config.dataset, s.config.hidden, s.config.learningRate, s.config.activation, s.config.showTest],
    ['xor', [4, 4], 0.3, 'tanh', true],
  );
  assert.equal(await frame.evaluate(() => document.querySelectorAll('.hidden-unit').length), 8);
  // invalid ones are rejected, by name, and change nothing; markup is never markup
  const P = "<img src=x onerror=\"parent.postMessage('pwned', '*')\">";
  reply = await send({
    type: 'relu-lab:set',
    config: {
      learningRate: 'fast',
      hidden: [1000],
      dataset: P,
      activation: { toString: null },
      noise: -1,
      features: [],
      evil: 1,
      seed: 1.5,
    },
  });
  assert.deepEqual(reply.applied, []);
  assert.deepEqual(reply.rejected.sort(), [
    'activation',
    'dataset',
    'evil',
    'features',
    'hidden',
    'learningRate',
    'noise',
    'seed',
  ]);
  reply = await send({ type: 'relu-lab:set', config: 'dataset=spiral' });
  assert.deepEqual(reply.rejected, ['config'], 'a config must be an object');
  const after = await frame.evaluate(() => window.playground.state());
  assert.deepEqual(after.config, s.config, 'nothing changed');
  assert.ok(!(await page.evaluate(() => window.__messages.includes('pwned'))));
  // the embed trains on
  s = await frame.evaluate(() => window.playground.step(10));
  assert.ok(s.epoch >= 10 && s.error === null);
  // play / pause from the parent
  await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ type: 'relu-lab:play' }, '*'));
  await frame.waitForFunction(() => window.playground.state().playing);
  await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ type: 'relu-lab:pause' }, '*'));
  await frame.waitForFunction(() => !window.playground.state().playing);

  // the element snippet on the same foreign page: module, worker and stylesheet cross-origin
  const e = await page.evaluate(async () => {
    const el = document.getElementById('e');
    const st = await el.step(5);
    const sheet = getComputedStyle(el.shadowRoot.querySelector('.panel')).borderTopStyle;
    return { epoch: st.epoch, dataset: st.config.dataset, error: st.error, sheet };
  });
  assert.deepEqual(
    e,
    { epoch: 5, dataset: 'xor', error: null, sheet: 'solid' },
    'the element trains on another origin, styled',
  );
  await page.screenshot({ path: join(artifacts, 'embed-cross-origin.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Copy embed code" gives the iframe and the element snippet for the current configuration', { skip }, async () => {
  const { page, context, problems } = await openPage(
    env.browser,
    `${env.url}#dataset=moons&hidden=6,3&learningRate=0.3&activation=elu`,
  );
  await page.click('[data-control="copyEmbed"]');
  const codes = await page.$$eval('dialog.embed-dialog textarea', (t) => t.map((x) => x.value));
  assert.equal(codes.length, 2);
  const [iframe, element] = codes;
  assert.match(
    iframe,
    /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#dataset=moons&amp;hidden=6,3&amp;activation=elu&amp;learningRate=0\.3&amp;panels=net,out"/,
  );
  assert.match(
    element,
    /<relu-lab dataset="moons" hidden="6,3" activation="elu" learning-rate="0\.3" panels="net,out"><\/relu-lab>/,
  );
  assert.match(element, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/src\/element\.js"><\/script>/);
  await page.locator('dialog.embed-dialog').screenshot({ path: join(artifacts, 'embed-code-dialog.png') });
  // the iframe snippet's URL opens the same configuration
  const src = /src="([^"]+)"/.exec(iframe)[1].replaceAll('&amp;', '&');
  const other = await context.newPage();
  await other.goto(src);
  await other.waitForFunction(() => window.playground);
  const s = await other.evaluate(async () => {
    await window.playground.ready;
    return window.playground.state().config;
  });
  assert.deepEqual([s.dataset, s.hidden, s.learningRate, s.activation], ['moons', [6, 3], 0.3, 'elu']);
  assert.deepEqual(problems, []);
  await context.close();
});
