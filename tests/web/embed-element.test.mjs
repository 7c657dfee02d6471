// <relu-lab> (web/src/element.js, 'relu-lab/element') and the tutorial page that uses it:
// the tutorial loads cleanly, each figure trains when scrolled into view and pauses when scrolled
// away, attributes set (and validate) the configuration, events fire, elements are independent,
// ten on one page all work, removing one mid-training frees its worker, and a worker that fails
// to start shows a message in that element while the others keep working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, haveBrowser, artifacts } from './helpers.mjs';
import { CSP } from '../../scripts/serve.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** A page that records console errors, page errors and failed requests (nothing awaited). */
async function open(url, { viewport = { width: 1280, height: 900 }, init } = {}) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor: 1 });
  // an empty page of the site, under the site's CSP, to put elements on
  await context.route(`${env.url}blank.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CSP },
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><link rel="stylesheet" href="styles.css"><script type="module" src="src/element.js"></script></head><body><main id="main"></main></body></html>',
    }),
  );
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`http ${r.status()}: ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('relu-lab'));
  return { page, context, problems };
}

/** Add <relu-lab> elements to the page: [{ attrs }] → their indices in document order. */
function add(page, list, where = '#main') {
  return page.evaluate(
    ({ list, where }) =>
      list.map(({ attrs }) => {
        const el = document.createElement('relu-lab');
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        document.querySelector(where).append(el);
        return [...document.querySelectorAll('relu-lab')].indexOf(el);
      }),
    { list, where },
  );
}

const stateOf = (page, i) => page.evaluate((k) => document.querySelectorAll('relu-lab')[k].state, i);
const inShadow = (page, i, sel) =>
  page.evaluate(
    ({ k, sel }) =>
      [...document.querySelectorAll('relu-lab')[k].shadowRoot.querySelectorAll(sel)].map((e) => ({
        text: e.textContent,
        visible: e.checkVisibility(),
      })),
    { k: i, sel },
  );

test(
  'the tutorial loads with no console error; each figure starts near the viewport, trains in view and pauses out of it',
  { skip },
  async () => {
    const { page, context, problems } = await open(`${env.url}tutorial.html`);
    const counts = await page.evaluate(() => ({
      elements: document.querySelectorAll('relu-lab').length,
      iframes: document.querySelectorAll('iframe').length,
    }));
    assert.ok(counts.elements >= 3 && counts.iframes >= 1, `${counts.elements} elements and ${counts.iframes} iframe`);
    await page.waitForFunction(() => document.querySelector('relu-lab').state.epoch > 10);
    const started = await page.evaluate(() => [...document.querySelectorAll('relu-lab')].map((e) => e.state.started));
    assert.equal(started[0], true, 'the first figure (in view) started');
    assert.equal(started.at(-1), false, 'the last figure (far below) has not started: no worker yet');
    assert.equal(
      (await page.evaluate(() => document.querySelectorAll('relu-lab')[0].state.config.hidden)).join(),
      '8,8',
      'hidden="8,8" is the layer list, and does not hide the element',
    );
    await page.screenshot({ path: join(artifacts, 'tutorial-top.png') });

    // each autoplay figure trains when scrolled into view and pauses when scrolled away;
    // no stop epoch here: a figure that finished its run would pause by itself
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll('relu-lab')]
        .map((e, i) => (e.hasAttribute('autoplay') ? (e.setAttribute('stop-at', '0'), i) : -1))
        .filter((i) => i >= 0),
    );
    assert.ok(figures.length >= 2, `${figures.length} autoplay figures`);
    for (const i of figures) {
      await page.evaluate((k) => document.querySelectorAll('relu-lab')[k].scrollIntoView({ block: 'center' }), i);
      await page.waitForFunction(
        (k) => {
          const s = document.querySelectorAll('relu-lab')[k].state;
          return s.playing && s.epoch > 8;
        },
        i,
        { timeout: 20000 },
      );
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight)); // far away (the page's end)
      await page.waitForFunction((k) => !document.querySelectorAll('relu-lab')[k].state.playing, i);
      const e1 = (await stateOf(page, i)).epoch;
      await page.waitForTimeout(250);
      const off = await stateOf(page, i);
      assert.ok(
        !off.playing && !off.visible && off.epoch - e1 <= 60,
        `figure ${i} paused off-screen (${e1} → ${off.epoch})`,
      );
      await page.evaluate((k) => document.querySelectorAll('relu-lab')[k].scrollIntoView({ block: 'center' }), i);
      await page.waitForFunction((k) => document.querySelectorAll('relu-lab')[k].state.playing, i);
    }
    // the iframe figure: the same, measured inside the frame
    const iframe = page.locator('iframe.embed-frame');
    await iframe.scrollIntoViewIfNeeded();
    const frame = await (await iframe.elementHandle()).contentFrame();
    await frame.waitForFunction(() => window.playground?.state().epoch > 4, null, { timeout: 20000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await frame.waitForFunction(() => !window.playground.state().playing);
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('attributes set the configuration, are validated, and never become markup', { skip }, async () => {
  const { page, context, problems } = await open(`${env.url}blank.html`);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const [i] = await add(page, [
    {
      attrs: {
        'dataset': 'xor',
        'hidden': '6,4',
        'activation': 'tanh',
        'learning-rate': '0.1',
        'noise': '0.2',
        'batch-size': '20',
        'seed': '7',
        'data-seed': '9',
        'features': 'x,y,xy',
        'show-test': '',
        'optimizer': 'adam',
      },
    },
  ]);
  let s = await page.evaluate((k) => document.querySelectorAll('relu-lab')[k].step(2), i);
  assert.deepEqual(
    {
      dataset: s.config.dataset,
      hidden: s.config.hidden,
      activation: s.config.activation,
      learningRate: s.config.learningRate,
      noise: s.config.noise,
      batchSize: s.config.batchSize,
      seed: s.config.seed,
      dataSeed: s.config.dataSeed,
      features: s.config.features,
      showTest: s.config.showTest,
      optimizer: s.config.optimizer,
    },
    {
      dataset: 'xor',
      hidden: [6, 4],
      activation: 'tanh',
      learningRate: 0.1,
      noise: 0.2,
      batchSize: 20,
      seed: 7,
      dataSeed: 9,
      features: ['x', 'y', 'xy'],
      showTest: true,
      optimizer: 'adam',
    },
  );
  assert.equal(s.epoch, 2);
  assert.equal((await inShadow(page, i, '.hidden-unit')).length, 10, '6 + 4 unit buttons');
  // a change on a running element
  await page.evaluate((k) => {
    const el = document.querySelectorAll('relu-lab')[k];
    el.setAttribute('hidden', '3');
    el.setAttribute('activation', 'leaky_relu');
    el.setAttribute('compare', '0.03,0.3');
  }, i);
  await page.waitForFunction((k) => document.querySelectorAll('relu-lab')[k].state.models.length === 2, i);
  s = await stateOf(page, i);
  assert.deepEqual(
    [s.config.hidden, s.config.activation, s.config.compare, s.config.compareBy, s.config.twins],
    [[3], 'leaky_relu', true, 'learningRate', '0.03,0.3'],
  );
  assert.deepEqual(
    s.models.map((m) => m.label),
    ['lr 0.03', 'lr 0.3'],
  );
  // invalid values are ignored (with a warning); markup stays text
  const P = '<img src=x onerror="window.__pwned=1">';
  await page.evaluate(
    ({ k, P }) => {
      const el = document.querySelectorAll('relu-lab')[k];
      el.setAttribute('learning-rate', 'fast');
      el.setAttribute('hidden', '8,1000');
      el.setAttribute('dataset', P);
      el.setAttribute('lesson', P);
      el.setAttribute('height', P);
    },
    { k: i, P },
  );
  await page.waitForTimeout(200);
  s = await stateOf(page, i);
  assert.deepEqual(
    [s.config.learningRate, s.config.hidden, s.config.dataset],
    [0.1, [3], 'xor'],
    'the last valid values are kept',
  );
  assert.ok(
    warnings.some((w) => /ignoring learning-rate="fast"/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(warnings.some((w) => /ignoring hidden="8,1000"/.test(w)));
  const lessonMsg = await inShadow(page, i, '.rl-lesson .message');
  assert.equal(lessonMsg[0]?.text, `<relu-lab>: there is no lesson “${P}”.`, 'the bad lesson id is shown as text');
  assert.equal(
    await page.evaluate(
      () =>
        document.querySelector('relu-lab').shadowRoot.querySelectorAll('img').length +
        document.querySelectorAll('img').length,
    ),
    0,
  );
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  s = await page.evaluate((k) => document.querySelectorAll('relu-lab')[k].step(3), i);
  assert.equal(s.error, null, 'it still trains');
  assert.deepEqual(problems, []);
  await context.close();
});

test('events: epoch, unitdied (layer, unit, epoch) and diverged fire on the element', { skip }, async () => {
  const { page, context, problems } = await open(`${env.url}blank.html`);
  // the too-hot lesson's set-up: 6 of 16 units die in the first epochs; and a net that diverges
  await add(page, [
    {
      attrs: {
        'dataset': 'circle',
        'data-seed': '3',
        'seed': '3',
        'hidden': '8,8',
        'init': 'uniform',
        'init-scale': '0.5',
        'bias-init': '0.1',
        'output': 'tanh',
        'learning-rate': '3',
      },
    },
    { attrs: { 'dataset': 'spiral', 'activation': 'elu', 'optimizer': 'momentum', 'learning-rate': '10' } },
  ]);
  const r = await page.evaluate(async () => {
    const [a, b] = document.querySelectorAll('relu-lab');
    const seen = { epoch: [], unitdied: [], diverged: [] };
    for (const type of Object.keys(seen))
      for (const el of [a, b])
        el.addEventListener(type, (e) => seen[type].push({ who: el === a ? 'a' : 'b', ...e.detail }));
    let bubbled = 0;
    document.addEventListener('unitdied', () => bubbled++);
    await a.step(10);
    for (let k = 0; k < 40 && !seen.diverged.length; k++) await b.step(5);
    return { seen, bubbled, a: a.state };
  });
  assert.ok(
    r.seen.epoch.some((e) => e.who === 'a' && e.epoch === 10 && e.metrics.testLoss > 0),
    'an epoch event with the epoch and its metrics',
  );
  const died = r.seen.unitdied.filter((e) => e.who === 'a');
  assert.equal(died.length, r.a.health.deadUnits, `one unitdied per dead unit (${died.length})`);
  assert.ok(died.length >= 4);
  for (const d of died) {
    assert.ok(r.a.health.layers[d.layer].deadOnData[d.unit], `L${d.layer} u${d.unit} is dead`);
    assert.equal(d.epoch, r.a.health.layers[d.layer].diedAtEpoch[d.unit]);
  }
  assert.equal(r.bubbled, r.seen.unitdied.length, 'events bubble out of the element');
  assert.ok(
    r.seen.diverged.length === 1 && r.seen.diverged[0].who === 'b',
    `diverged fired once, on the diverging element (${JSON.stringify(r.seen.diverged)})`,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('two elements on one page do not interfere', { skip }, async () => {
  const { page, context, problems } = await open(`${env.url}blank.html`);
  await add(page, [
    { attrs: { 'dataset': 'spiral', 'hidden': '8,8', 'seed': '2', 'data-seed': '2' } },
    { attrs: { 'dataset': 'circle', 'hidden': '4', 'seed': '5', 'data-seed': '5', 'activation': 'tanh' } },
    { attrs: { 'dataset': 'spiral', 'hidden': '8,8', 'seed': '2', 'data-seed': '2' } },
  ]);
  const r = await page.evaluate(async () => {
    const [a, b, c] = document.querySelectorAll('relu-lab');
    const [sa, sb] = await Promise.all([a.step(30), b.step(7)]); // concurrently
    const sc = await c.step(30); // alone, later
    const again = b.state;
    return { sa, sb, sc, again };
  });
  assert.deepEqual([r.sa.epoch, r.sb.epoch, r.sc.epoch, r.again.epoch], [30, 7, 30, 7]);
  assert.deepEqual([r.sa.config.dataset, r.sb.config.dataset, r.sb.config.activation], ['spiral', 'circle', 'tanh']);
  assert.deepEqual(
    r.sa.metrics,
    r.sc.metrics,
    'the same configuration trains to the same numbers, with or without a neighbour',
  );
  assert.equal(
    await page.evaluate(
      () =>
        new Set([...document.querySelectorAll('relu-lab')].map((e) => e.shadowRoot.querySelector('.panel-title')?.id))
          .size,
    ),
    3,
    'no shared ids',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  'removing an element mid-training frees its networks and terminates its worker, with no error',
  { skip },
  async () => {
    const { page, context, problems } = await open(`${env.url}blank.html`);
    await add(page, [
      {
        attrs: { 'dataset': 'spiral', 'hidden': '16,16,16', 'autoplay': '', 'epochs-per-frame': '20', 'height': '380' },
      },
      { attrs: { dataset: 'circle', autoplay: '', height: '380' } },
    ]);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('relu-lab')].every((e) => e.state.playing && e.state.epoch > 20),
    );
    assert.equal(page.workers().length, 2, 'one worker per element');
    const disposed = await page.evaluate(async () => {
      const el = document.querySelector('relu-lab');
      el.remove();
      await new Promise((r) => setTimeout(r, 0));
      return el.disposed;
    });
    assert.deepEqual(disposed, { live: 0 }, 'the worker freed every network and dataset before it stopped');
    for (let t = 0; t < 40 && page.workers().length > 1; t++) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 1, 'its worker is gone');
    await page.waitForTimeout(300);
    const other = await stateOf(page, 0);
    assert.ok(other.playing && other.error === null, 'the other element keeps training');
    // and a move (remove + insert in one task) keeps it running
    const moved = await page.evaluate(async () => {
      const el = document.querySelector('relu-lab');
      const e0 = el.state.epoch;
      document.querySelector('#main').prepend(document.createElement('hr'));
      document.querySelector('#main').append(el);
      await new Promise((r) => setTimeout(r, 300));
      return { e0, e1: el.state.epoch, disposed: el.disposed };
    });
    assert.ok(
      moved.e1 > moved.e0 && moved.disposed === null,
      `a moved element keeps its playground (${JSON.stringify(moved)})`,
    );
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('ten elements on one page all work, and all free their workers when removed', { skip }, async () => {
  const { page, context, problems } = await open(`${env.url}blank.html`, { viewport: { width: 1280, height: 900 } });
  await add(
    page,
    Array.from({ length: 10 }, (_, k) => ({
      attrs: {
        dataset: ['circle', 'xor', 'gauss', 'moons', 'spiral'][k % 5],
        hidden: '6',
        seed: String(k + 1),
        panels: 'out',
        controls: 'play,epoch',
      },
    })),
  );
  const r = await page.evaluate(async () => {
    const els = [...document.querySelectorAll('relu-lab')];
    const states = await Promise.all(els.map((e, k) => e.step(5 + k)));
    return states.map((s) => ({ epoch: s.epoch, dataset: s.config.dataset, error: s.error, loss: s.metrics.testLoss }));
  });
  assert.deepEqual(
    r.map((s) => s.epoch),
    [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  );
  assert.ok(
    r.every((s) => s.error === null && Number.isFinite(s.loss)),
    JSON.stringify(r),
  );
  assert.equal(page.workers().length, 10);
  await page.screenshot({ path: join(artifacts, 'ten-elements.png') });
  const freed = await page.evaluate(async () => {
    const els = [...document.querySelectorAll('relu-lab')];
    els.forEach((e) => e.remove());
    await new Promise((r) => setTimeout(r, 0));
    return Promise.all(els.map((e) => e.disposed));
  });
  assert.deepEqual(freed, Array(10).fill({ live: 0 }));
  await page.waitForFunction(() => true);
  for (let t = 0; t < 50 && page.workers().length; t++) await page.waitForTimeout(50);
  assert.equal(page.workers().length, 0, 'every worker terminated');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker that fails to start shows a message in its element; the others keep working', { skip }, async () => {
  // while window.__failWorkers > 0, a new Worker points at a URL that does not exist
  const init = () => {
    const Real = window.Worker;
    window.__failWorkers = 0;
    window.Worker = class extends Real {
      constructor(url, options) {
        super(window.__failWorkers-- > 0 ? new URL('/missing-worker.js', location.href) : url, options);
      }
    };
  };
  const { page, context, problems } = await open(`${env.url}blank.html`, { init });
  const r = await page.evaluate(async () => {
    const out = [];
    for (const [k, dataset] of ['circle', 'xor', 'gauss'].entries()) {
      const el = document.createElement('relu-lab');
      el.setAttribute('dataset', dataset);
      el.setAttribute('height', '300');
      document.querySelector('#main').append(el);
      window.__failWorkers = k === 1 ? 1 : 0;
      out.push(
        await el.step(4).then(
          (s) => ({ epoch: s.epoch }),
          (err) => ({ rejected: String(err.message) }),
        ),
      );
    }
    return out;
  });
  assert.equal(r[0].epoch, 4, JSON.stringify(r));
  assert.match(r[1].rejected ?? '', /could not start/, JSON.stringify(r));
  assert.equal(r[2].epoch, 4);
  const msg = await inShadow(page, 1, '.playground > .message');
  assert.ok(
    msg[0]?.visible && /could not start/.test(msg[0].text),
    `a visible message in that element: ${JSON.stringify(msg)}`,
  );
  assert.equal((await stateOf(page, 1)).error, msg[0].text);
  await page
    .locator('relu-lab')
    .nth(1)
    .screenshot({ path: join(artifacts, 'element-worker-failed.png') });
  const after = await page.evaluate(() => document.querySelectorAll('relu-lab')[2].step(3));
  assert.equal(after.epoch, 7, 'the rest of the page keeps working');
  // the only problems are the missing script itself
  assert.ok(
    problems.every((p) => /missing-worker\.js/.test(p)),
    problems.join('\n'),
  );
  await context.close();
});

test('screenshots: a lesson in an element, a dark theme, a narrow element', { skip }, async () => {
  const { page, context, problems } = await open(`${env.url}blank.html`, { viewport: { width: 1100, height: 900 } });
  await add(page, [{ attrs: { lesson: 'leak-helps', panels: 'out' } }]);
  await page.evaluate(async () => {
    const el = document.querySelector('relu-lab');
    await el.step(1); // starts it (the lesson opens with the playground)
    await el.lesson.run();
  });
  const text = (await inShadow(page, 0, '.lesson'))[0].text;
  assert.match(text, /Inputs in \[-1, 1\], a 2-4-2-1 net at learning rate 1/, 'the question');
  assert.match(text, /Leaky: 7 % of units inactive/, 'the observation');
  await page.locator('relu-lab').screenshot({ path: join(artifacts, 'element-lesson.png') });
  await page.evaluate(() => document.querySelector('relu-lab').remove());
  await add(page, [{ attrs: { dataset: 'spiral', hidden: '8,8,8', theme: 'dark', panels: 'net,out', height: '700' } }]);
  await page.evaluate(() => document.querySelector('relu-lab').step(150));
  const box = await page.locator('relu-lab').boundingBox();
  assert.equal(Math.round(box.height), 700, 'height="700"');
  await page.locator('relu-lab').screenshot({ path: join(artifacts, 'element-dark.png') });
  await page.setViewportSize({ width: 380, height: 800 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, 'element-narrow.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  'the born-dead link: in place without lessons-href, to lessons-href with it, never a bad URL',
  { skip },
  async () => {
    const { page, context, problems } = await open(`${env.url}blank.html`);
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const born = { 'dataset': 'circle', 'hidden': '8,8', 'bias-init': '-5', 'seed': '1', 'panels': 'out' };
    await add(page, [
      { attrs: born },
      { attrs: { ...born, 'lessons-href': 'https://lessons.example/relu/index.html#old' } },
      { attrs: { ...born, 'lessons-href': 'javascript:alert(1)' } },
    ]);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('relu-lab')].map((e) => e.reset())));
    const links = (k) =>
      page.evaluate((i) => {
        const hint = document.querySelectorAll('relu-lab')[i].shadowRoot.querySelector('.born-dead');
        const a = hint.querySelector('a');
        return { shown: !hint.hidden, href: a?.getAttribute('href') ?? null, button: !!hint.querySelector('button') };
      }, k);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('relu-lab')].every((e) => !e.shadowRoot.querySelector('.born-dead').hidden),
    );
    assert.deepEqual(await links(0), { shown: true, href: null, button: true }, 'no lessons-href: a button');
    assert.deepEqual(
      await links(1),
      { shown: true, href: 'https://lessons.example/relu/index.html#lesson=born-dead', button: false },
      'lessons-href: a link to that page, its own hash replaced',
    );
    assert.deepEqual(await links(2), { shown: true, href: null, button: true }, 'a javascript: URL is refused');
    assert.ok(
      warnings.some((w) => /ignoring lessons-href/.test(w)),
      'with a warning naming the attribute',
    );
    // the button opens the lesson inside the element
    await page.evaluate(() =>
      document.querySelector('relu-lab').shadowRoot.querySelector('.born-dead button.link').click(),
    );
    await page.waitForFunction(() =>
      document.querySelector('relu-lab').shadowRoot.querySelector('section.lesson[data-lesson="born-dead"]'),
    );
    assert.equal(await page.evaluate(() => document.querySelector('relu-lab').getAttribute('lesson')), 'born-dead');
    assert.deepEqual(problems, []);
    await context.close();
  },
);
