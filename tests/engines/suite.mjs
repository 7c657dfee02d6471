// suite.mjs — the cross-engine suite: what a reader does with the page, the <relu-lab> element
// and the iframe embed, run in one engine (firefox.test.mjs and webkit.test.mjs each call it).
// Lean by design: one browser launch and one tab per engine, reused by every test; the Chromium
// suite (tests/web) keeps the exhaustive checks. Every test name and failure starts with the
// engine's name and version, and each test saves a screenshot to test-results/engines/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { load } from '../../js/index.js';
import { lesson } from '../../js/lessons.js';
import { ENGINES, artifacts, launch, openPlayground, serveAll, waitFor } from './engines.mjs';

const state = () => window.playground.state();
const INLINE = 'window.__inline = 1'; // an inline script the CSP must refuse

export function crossEngineSuite(name) {
  const skip = ENGINES[name].available ? false : ENGINES[name].missing;
  let env, browser, tab, label;
  // console lines the CSP test provokes on purpose (Firefox reports its refusals as page errors,
  // asynchronously: they may arrive during a later test)
  const provoked = [];
  const it = (title, fn) =>
    test(`[${name}] ${title}`, { skip }, async () => {
      try {
        await fn();
      } catch (e) {
        e.message = `[${label ?? name}] ${e.message}`;
        throw e;
      }
    });
  /** Everything that went wrong since the last call: in the page, in the browser, on the servers. */
  const problems = async () => [
    ...((await tab.run(() => window.__probe?.errors.splice(0))) ?? ['the probe did not run']),
    ...tab.nativeProblems().filter((p) => {
      const mine = provoked.some((re) => re.test(p));
      if (mine) console.log(`# ${label}: provoked on purpose: ${p}`);
      return !mine;
    }),
    ...env.problems.splice(0),
  ];
  const violations = () => tab.run(() => window.__probe.violations.splice(0));
  const shot = (what) => tab.screenshot(join(artifacts, `${name}-${what}.png`));

  before(async () => {
    if (skip) return;
    env = await serveAll();
    browser = await launch(name);
    tab = browser.tab;
    label = browser.version;
    await tab.viewport(1440, 900);
    console.log(`# ${name}: ${label}`);
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('the page loads with no console error, and names the engine build it runs', async () => {
    await openPlayground(tab, env.site);
    const info = await tab.run(() => document.querySelector('.engine-info').textContent);
    assert.match(info, /^Engine: relu-lab \S+, WebAssembly SIMD128, in a worker\.$/, 'this engine has wasm SIMD');
    console.log(`# ${label}: ${info}`);
    await shot('desktop');
    assert.deepEqual(await problems(), []);
  });

  // issue #19: at 1440 px Firefox wrapped the toolbar onto two rows (its sliders' default width is
  // 12em, Chromium's 129 px); every control must share the play bar's row, as in Chromium
  it('at 1440 × 900 the toolbar is one row: as tall as its tallest control', async () => {
    await tab.viewport(1440, 900);
    await openPlayground(tab, env.site); // epoch 0: the "Press ▶" hint widens the play bar too
    const t = await tab.run(() => {
      const bar = document.querySelector('.toolbar');
      const cs = getComputedStyle(bar);
      const items = [bar.querySelector('.transport'), ...bar.querySelectorAll('.bar-controls > .control')].filter(
        (el) => el.offsetParent !== null,
      );
      const rows = items.map((el) => el.getBoundingClientRect());
      return {
        inner: bar.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom),
        tallest: Math.max(...rows.map((r) => r.height)),
        tops: [...new Set(rows.map((r) => Math.round(r.top)))],
        items: items.length,
        width: document.documentElement.clientWidth,
      };
    });
    await shot('toolbar-1440');
    assert.ok(t.items >= 8, `the play bar and its controls (${t.items})`);
    assert.ok(
      t.inner <= t.tallest + 1,
      `one row: the toolbar's content is ${t.inner} px tall, its tallest control ${t.tallest} px ` +
        `(window ${t.width} px wide; control tops at ${t.tops.join(', ')})`,
    );
    assert.deepEqual(await problems(), []);
  });

  it('Play trains, and the decision map changes', async () => {
    const map = () => document.querySelector('.out canvas.map-regions').toDataURL();
    const before = await tab.run(map);
    assert.equal(await tab.run(() => window.playground.state().epoch), 0);
    await tab.click('.toolbar button.play');
    await waitFor(tab, () => window.playground.state().epoch >= 50, null, { what: 'epoch ≥ 50' });
    await tab.click('.toolbar button.play');
    await waitFor(tab, () => !window.playground.state().playing, null, { what: 'paused' });
    const s = await tab.run(state);
    assert.ok(s.metrics.testLoss < 0.69, `the loss fell below chance level (${s.metrics.testLoss})`);
    assert.notEqual(await tab.run(map), before, 'the map was repainted');
    await shot('trained');
    assert.deepEqual(await problems(), []);
  });

  it('dead units at learning rate 3 are marked in the DOM, the same units as state() reports', async () => {
    await openPlayground(tab, `${env.site}#dataset=circle&hidden=8,8&activation=relu&learningRate=3&seed=1&dataSeed=1`);
    const s = await tab.run(() => window.playground.step(30));
    const r = await tab.run(() =>
      [...document.querySelectorAll('.hidden-unit')].map((b) => ({
        key: `${b.dataset.layer}/${b.dataset.unit}`,
        dead: b.dataset.deadOnData === 'true',
        label: b.getAttribute('aria-label'),
      })),
    );
    const dead = [];
    s.health.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && dead.push(`${l}/${u}`)));
    assert.ok(dead.length > 0, 'state() reports dead units');
    assert.deepEqual(
      r.filter((u) => u.dead).map((u) => u.key),
      dead,
      'the view marks the same units',
    );
    for (const u of r.filter((x) => x.dead)) assert.match(u.label, /dead on the data/);
    await shot('dead-units');
    assert.deepEqual(await problems(), []);
  });

  it('the URL hash survives a control change and a reload', async () => {
    const hash = 'dataset=xor&hidden=6,4&activation=tanh&learningRate=0.1&noise=0.2&features=x,y,xy&showTest=true';
    await openPlayground(tab, `${env.site}#${hash}`);
    let s = await tab.run(state);
    assert.deepEqual(
      [s.config.dataset, s.config.hidden, s.config.activation, s.config.features],
      ['xor', [6, 4], 'tanh', ['x', 'y', 'xy']],
    );
    await tab.select('.toolbar [data-control="activation"] select', 'leaky_relu');
    await waitFor(tab, () => location.hash.includes('activation=leaky_relu'), null, { what: 'the hash to follow' });
    const before = await tab.run(() => window.playground.state().config);
    await tab.reload();
    await waitFor(tab, () => !!window.playground, null, { what: 'window.playground' });
    await tab.run(async () => {
      await window.playground.ready;
    });
    s = await tab.run(state);
    assert.deepEqual(s.config, before, 'the same configuration after reload');
    assert.equal(
      await tab.run(() => document.querySelector('.toolbar [data-control="activation"] select').value),
      'leaky_relu',
    );
    assert.deepEqual(await problems(), []);
  });

  it('keyboard: Space plays and pauses, → steps one epoch', async () => {
    await openPlayground(tab, env.site);
    // the playground's own keys (web/src/keyboard.js), with focus in the playground; not on a
    // button: a headless Firefox window never has the system focus, so it would not activate one
    const root = '[aria-label="relu-lab playground"]';
    const pressed = () => document.querySelector('.toolbar button.play').getAttribute('aria-pressed');
    await tab.run((sel) => document.querySelector(sel).focus(), root);
    assert.equal(await tab.run(pressed), 'false');
    await tab.press('Space');
    await waitFor(tab, () => window.playground.state().epoch > 0, null, { what: 'training after Space' });
    assert.equal(await tab.run(pressed), 'true');
    await tab.press('Space');
    await waitFor(tab, () => !window.playground.state().playing, null, { what: 'paused after Space' });
    assert.equal(await tab.run(pressed), 'false');
    // the frame in flight lands: wait until the epoch holds still for 300 ms
    const epoch = () => tab.run(() => window.playground.state().epoch);
    let e0 = await epoch();
    for (let e = -1; e !== e0; ) {
      e = e0;
      await new Promise((r) => setTimeout(r, 300));
      e0 = await epoch();
    }
    await tab.press('ArrowRight');
    await waitFor(tab, (e) => window.playground.state().epoch > e, e0, { what: 'a step after →' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await tab.run(() => window.playground.state().epoch), e0 + 1, '→ steps exactly one epoch');
    assert.deepEqual(await problems(), []);
  });

  it('a glossary toggletip opens beside its "?" on a click, and closes on Esc and on a click elsewhere', async () => {
    await openPlayground(tab, env.site);
    const tip = '[data-control="batchNorm"] .term-tip';
    const tipState = (sel) => {
      const button = document.querySelector(sel);
      const bubble = document.getElementById(button.getAttribute('aria-controls'));
      const popover = 'popover' in HTMLElement.prototype;
      const r = bubble.getBoundingClientRect();
      return {
        popover,
        open: popover ? bubble.matches(':popover-open') : !bubble.hidden,
        expanded: button.getAttribute('aria-expanded'),
        text: bubble.textContent,
        inside: r.left >= 0 && r.right <= document.documentElement.clientWidth && r.top >= 0 && r.bottom <= innerHeight,
        // below its button, or above it when the button is low in the window (WebDriver's click
        // may scroll it to the bottom edge)
        beside:
          Math.abs(r.top - button.getBoundingClientRect().bottom) < 12 ||
          Math.abs(button.getBoundingClientRect().top - r.bottom) < 12,
      };
    };
    await tab.click(tip);
    await waitFor(tab, (sel) => document.querySelector(sel).getAttribute('aria-expanded') === 'true', tip, {
      what: 'the tip to open',
    });
    // placed at the next animation frame (WebKitGTK under Xvfb may take a while to give one)
    const placed = (sel) => {
      const button = document.querySelector(sel);
      const b = button.getBoundingClientRect();
      const r = document.getElementById(button.getAttribute('aria-controls')).getBoundingClientRect();
      return Math.abs(r.top - b.bottom) < 12 || Math.abs(b.top - r.bottom) < 12;
    };
    await waitFor(tab, placed, tip, { what: 'the bubble placed beside its button', timeout: 5000 }).catch(() => {});
    let s = await tab.run(tipState, tip);
    console.log(`# ${label}: popover attribute ${s.popover ? 'supported' : 'missing (the hidden fallback)'}`);
    assert.equal(s.open, true, 'open');
    assert.match(s.text, /ε = 1e-5/);
    assert.ok(s.inside && s.beside, `inside the viewport and beside its button: ${JSON.stringify(s)}`);
    await shot('toggletip');
    await tab.press('\uE00C'); // Escape
    await waitFor(tab, (sel) => document.querySelector(sel).getAttribute('aria-expanded') === 'false', tip, {
      what: 'Esc to close it',
    });
    assert.equal((await tab.run(tipState, tip)).open, false, 'Esc closed it');
    await tab.click(tip);
    await waitFor(tab, (sel) => document.querySelector(sel).getAttribute('aria-expanded') === 'true', tip, {
      what: 'the tip to open again',
    });
    await tab.click('.engine-info');
    await waitFor(tab, (sel) => document.querySelector(sel).getAttribute('aria-expanded') === 'false', tip, {
      what: 'a click elsewhere to close it',
    });
    assert.equal((await tab.run(tipState, tip)).open, false, 'a click elsewhere closed it');
    assert.deepEqual(await problems(), []);
  });

  it('selecting a unit opens its popover beside it, with its status and map; Esc closes it', async () => {
    await openPlayground(tab, env.site);
    const unit = '.hidden-unit[data-layer="0"][data-unit="0"]';
    const popState = (sel) => {
      const p = document.querySelector('.unit-popover');
      const r = p.getBoundingClientRect();
      const u = document.querySelector(sel).getBoundingClientRect();
      const map = p.querySelector('canvas').getContext('2d').getImageData(0, 0, 88, 88).data;
      return {
        open: p.matches(':popover-open'),
        status: p.querySelector('.unit-pop-status').textContent,
        beside: (r.left >= u.right || r.right <= u.left) && r.top < u.bottom && r.bottom > u.top,
        painted: map.some((v, i) => i % 4 === 3 && v > 0),
      };
    };
    await tab.click(unit);
    await waitFor(tab, () => document.querySelector('.unit-popover').matches(':popover-open'), null, {
      what: 'the popover to open',
    });
    await new Promise((r) => setTimeout(r, 150)); // placed and painted
    const s = await tab.run(popState, unit);
    assert.ok(s.beside, 'beside the unit');
    assert.match(s.status, /^(Alive|Dormant|Born dead on the data|Dead.*)$/);
    assert.ok(s.painted, "the unit's map is drawn");
    await shot('unit-popover');
    await tab.press('\uE00C'); // Escape
    await waitFor(tab, () => !document.querySelector('.unit-popover').matches(':popover-open'), null, {
      what: 'Esc to close it',
    });
    assert.deepEqual(await problems(), []);
  });

  it('a lesson runs, and trains the same numbers as Node does', async () => {
    const l = lesson('too-hot');
    await openPlayground(tab, `${env.site}#lesson=too-hot`);
    await tab.click('.lesson-run');
    await waitFor(
      tab,
      () => !!document.querySelector('.lesson[data-state="done"], .lesson[data-state="error"]'),
      null,
      {
        timeout: 120_000,
        what: 'the lesson to finish',
      },
    );
    const r = await tab.run(() => ({
      state: document.querySelector('.lesson').dataset.state,
      status: document.querySelector('.lesson-status').textContent,
      observation: document.querySelector('.lesson-observation').textContent,
      models: window.playground.state().models,
    }));
    assert.equal(r.state, 'done', r.status);
    assert.equal(r.observation, l.observation);
    // the same twins trained in Node (the wasm SIMD or scalar build: the same bits in both)
    const lab = await load();
    const expected = l.twins.map((twin) => {
      const pick = (k) => ({ ...(l.preset[k] ?? {}), ...(twin[k] ?? {}) });
      const data = lab.dataset(pick('dataset'));
      const net = lab.network(pick('network'));
      try {
        const m = net.train(data, { ...pick('train'), epochs: twin.epochs ?? l.preset.epochs });
        return { deadUnits: net.health(data).deadUnits, testAccuracy: m.testAccuracy, testLoss: m.testLoss };
      } finally {
        net.dispose();
        data.dispose();
      }
    });
    assert.deepEqual(
      r.models.map((m) => ({
        deadUnits: m.deadUnits,
        testAccuracy: m.metrics.testAccuracy,
        testLoss: m.metrics.testLoss,
      })),
      expected,
      'the page trained what Node trains',
    );
    await shot('lesson');
    assert.deepEqual(await problems(), []);
    // the same lesson at phone width (390 × 844, in a frame: see phone.html); not run again: the
    // animated run is slow under WebKit's software rendering, and the layout is what is checked
    await tab.goto(`${env.site}phone.html`);
    await waitFor(
      tab,
      () => {
        const d = document.getElementById('phone').contentDocument;
        return !!d?.querySelector('.lesson-run') && !!d.querySelector('.engine-info')?.textContent;
      },
      null,
      { what: 'the lesson and the engine in the phone frame' },
    );
    const width = await tab.run(() => document.getElementById('phone').contentDocument.documentElement.scrollWidth);
    await tab.screenshotOf('#phone', join(artifacts, `${name}-lesson-phone.png`));
    assert.ok(width <= 390, `nothing wider than the phone (${width} px)`);
    assert.deepEqual(await problems(), []);
  });

  it('the strict CSP holds: enforced (inline script and eval refused), and no violation while the page works', async () => {
    await openPlayground(tab, `${env.site}#dataset=spiral&hidden=8,8&compare=true&twins=relu,tanh`);
    // the engine enforces the policy: both are refused, and reported. Their own console lines
    // are expected: the inline script's (named by its hash) and eval's
    const hash = createHash('sha256').update(INLINE).digest('base64');
    provoked.push(
      new RegExp(`blocked an inline script.*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`),
      /blocked a JavaScript eval/,
    );
    const refused = await tab.run(async (inline) => {
      const s = document.createElement('script');
      s.textContent = inline;
      document.head.append(s);
      // eval from the page's own script (an automation script may be exempt from the page's CSP)
      const evalRefused = await window.__probe.tryEval();
      await new Promise((r) => setTimeout(r, 200));
      return { inlineRan: window.__inline === 1, evalRefused };
    }, INLINE);
    assert.deepEqual(refused, { inlineRan: false, evalRefused: true }, 'the CSP is enforced');
    const seen = await violations();
    console.log(`# ${label}: violations reported: ${seen.join('; ')}`);
    assert.ok(
      seen.length >= 1 && seen.every((v) => /^script-src/.test(v)),
      `the refusals are reported as violations: ${seen}`,
    );
    await tab.run(() => window.__probe.errors.splice(0));
    // the page at work: train two twins, open the embed dialog, train on
    await tab.run(() => window.playground.step(40));
    await tab.click('[data-control="copyEmbed"]');
    await waitFor(tab, () => !!document.querySelector('dialog.embed-dialog')?.open, null, { what: 'the embed dialog' });
    await shot('csp-embed-dialog');
    // the dialog measures the embed's height in an off-screen iframe (embed-height.js): wait for the
    // measured snippet, so that no frame is still loading when the next test navigates away (Firefox
    // 153 over BiDi never finished that navigation while the measuring frame was alive)
    await waitFor(tab, () => !document.querySelector('iframe.embed-measure'), null, {
      timeout: 60_000,
      what: 'the embed height measurement to end',
    });
    await tab.run(() => document.querySelector('dialog.embed-dialog').close());
    const s = await tab.run(() => window.playground.step(10));
    assert.equal(s.models.length, 2);
    assert.deepEqual(await violations(), [], 'no CSP violation');
    assert.deepEqual(await problems(), []);
  });

  it('the <relu-lab> element from the packed tarball trains on another origin, and frees its worker on removal', async () => {
    await tab.goto(env.foreign);
    await waitFor(tab, () => !!customElements.get('relu-lab'), null, { what: 'customElements relu-lab' });
    const r = await tab.run(async () => {
      const el = document.getElementById('e');
      const s = await el.step(60);
      const style = getComputedStyle(el.shadowRoot.querySelector('.panel')).borderTopStyle;
      return { epoch: s.epoch, dataset: s.config.dataset, error: s.error, acc: s.metrics.testAccuracy, style };
    });
    assert.deepEqual(
      [r.epoch, r.dataset, r.error, r.style],
      [60, 'xor', null, 'solid'],
      `it trained, styled by its own stylesheet (${JSON.stringify(r)})`,
    );
    assert.ok(r.acc > 0.8, `XOR learnt (${r.acc})`);
    await shot('foreign-element');
    const freed = await tab.run(async () => {
      const before = { ...window.__workers };
      const el = document.getElementById('e');
      el.remove();
      const disposed = await el.disposed;
      return { before, disposed, after: { ...window.__workers } };
    });
    assert.deepEqual(freed.disposed, { live: 0 }, 'the worker freed every network and dataset');
    assert.equal(
      freed.before.made - freed.before.terminated,
      1,
      'the element ran one worker (the iframe has its own window)',
    );
    assert.equal(freed.after.terminated, freed.before.terminated + 1, 'removal terminated the element’s worker');
    assert.deepEqual(await problems(), []);
  });

  it('the iframe embed on another origin answers relu-lab:set', async () => {
    // same foreign page, still open: the iframe was loaded with it
    await waitFor(tab, () => window.__messages.some((d) => d?.type === 'relu-lab:ready'), null, {
      timeout: 60_000,
      what: 'relu-lab:ready from the iframe',
    });
    const reply = await tab.run(async () => {
      const answers = () => window.__messages.filter((d) => d?.type === 'relu-lab:applied');
      const n = answers().length;
      const f = document.getElementById('f').contentWindow;
      f.postMessage({ type: 'relu-lab:set', config: { learningRate: 0.3, hidden: [4, 4], dataset: '<b>x</b>' } }, '*');
      for (let t = 0; t < 300 && answers().length === n; t++) await new Promise((r) => setTimeout(r, 20));
      return answers()[n] ?? null;
    });
    assert.deepEqual(reply, { type: 'relu-lab:applied', applied: ['learningRate', 'hidden'], rejected: ['dataset'] });
    await shot('foreign-iframe');
    assert.deepEqual(await problems(), []);
  });

  if (name === 'webkit')
    it('without WebAssembly SIMD the page falls back to the scalar build, says so, and trains the same numbers', async () => {
      const url = `${env.site}#dataset=spiral&hidden=8,8&learningRate=0.1&seed=4&dataSeed=4`;
      const train = async (t) => {
        await openPlayground(t, url);
        const s = await t.run(() => window.playground.step(40));
        const info = await t.run(() => document.querySelector('.engine-info').textContent);
        return { info, metrics: s.metrics, dead: s.health.deadUnits };
      };
      const simd = await train(tab);
      const scalar = await launch(name, { noSimd: true });
      try {
        const r = await train(scalar.tab);
        await scalar.tab.viewport(1440, 900);
        await scalar.tab.screenshot(join(artifacts, `${name}-no-simd.png`));
        assert.match(r.info, /scalar WebAssembly \(this browser has no WebAssembly SIMD: slower, same results\)/);
        assert.deepEqual(
          { metrics: r.metrics, dead: r.dead },
          { metrics: simd.metrics, dead: simd.dead },
          'same results',
        );
        assert.deepEqual(await scalar.tab.run(() => window.__probe.errors), []);
      } finally {
        await scalar.close();
      }
      assert.deepEqual(await problems(), []);
    });
}
