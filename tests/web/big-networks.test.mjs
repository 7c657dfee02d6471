// big-networks.test.mjs — the network view at the largest sizes the config allows (issue #18):
// 6 × 64 and 20 × 8 on a desktop and a phone, 4 twins, and the embed. Every layer and the output
// column can be reached without scrolling the page sideways (the view's own scroller and its
// overview count), no two dead-unit labels overlap, the view marks exactly as many units dead as
// state() counts, and the overview says which layers have dead units. Screenshots of each are
// saved to test-results/web/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const require = createRequire(import.meta.url);
let env;
let axeSource;
before(async () => {
  if (skip) return;
  env = await setup();
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});

/** axe-core's serious and critical violations (as tests/web/a11y.test.mjs reads them). */
async function axe(page) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
after(async () => env?.close());

const H6x64 = Array(6).fill(64).join(',');
const H20x8 = Array(20).fill(8).join(',');
// a hot learning rate kills units in both (so there are marks and labels to check)
const hash = (hidden) => `dataset=spiral&hidden=${hidden}&learningRate=0.3&seed=1&dataSeed=1`;

/**
 * In the page: for each column (inputs, layers, output), whether it can be brought fully into the
 * viewport by the view's own scroller (scrollIntoView on the scroller only), and the page's own
 * sideways overflow.
 */
async function reach(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector('.net-scroller');
    const cols = [...document.querySelectorAll('.net-columns > .net-col')];
    const out = [];
    for (const c of cols) {
      const box = () => c.getBoundingClientRect();
      // bring it into the scroller's view (centre), as the overview's buttons do
      const s = scroller.getBoundingClientRect();
      scroller.scrollLeft += box().left - s.left - (s.width - box().width) / 2;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const b = box();
      const v = scroller.getBoundingClientRect();
      out.push({
        name: c.getAttribute('aria-label'),
        inView: b.left >= v.left - 1 && b.right <= v.right + 1 && b.right <= innerWidth + 1 && b.width > 0,
      });
    }
    scroller.scrollLeft = 0;
    return {
      cols: out,
      pageOverflow: document.scrollingElement.scrollWidth - innerWidth,
      outputAlwaysVisible: (() => {
        const o = document.querySelector('.net-col.output').getBoundingClientRect();
        const v = scroller.getBoundingClientRect();
        return o.left >= v.left - 1 && o.right <= v.right + 1;
      })(),
    };
  });
}

/** The boxes of every visible label about dead units: the per-unit badges and the layer counts. */
async function labelBoxes(page) {
  return page.$$eval('.net-columns .badge.on, .net-columns .dead-count', (els) =>
    els
      .filter((e) => e.offsetParent && e.textContent.trim() && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom };
      }),
  );
}

function overlaps(boxes) {
  const bad = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i],
        b = boxes[j];
      if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5)
        bad.push(`"${a.text}" × "${b.text}"`);
    }
  return bad;
}

for (const [name, hidden, viewport] of [
  ['6x64', H6x64, { width: 1440, height: 900 }],
  ['20x8', H20x8, { width: 1440, height: 900 }],
  ['6x64-phone', H6x64, { width: 390, height: 844 }],
  ['20x8-phone', H20x8, { width: 390, height: 844 }],
]) {
  test(
    `${name}: every layer and the output reachable, labels apart, dead marks as state() counts`,
    { skip },
    async () => {
      const { page, problems, context } = await openPage(env.browser, `${env.url}#${hash(hidden)}`, { viewport });
      const s = await step(page, 30);
      await page.waitForTimeout(200);
      const layers = hidden.split(',').length;
      const r = await reach(page);
      assert.equal(r.cols.length, layers + 2, 'inputs, every hidden layer, the output');
      for (const c of r.cols) assert.ok(c.inView, `${c.name} can be scrolled into the view`);
      assert.ok(r.pageOverflow <= 0, `the page itself does not scroll sideways (${r.pageOverflow} px over)`);
      assert.ok(r.outputAlwaysVisible, 'the output column is on screen without scrolling');

      // the marks: one hatched unit per unit state() reports dead on the data, and the same ones
      assert.ok(s.health.deadUnits > 0, 'the hot learning rate killed units (something to mark)');
      const marked = await page.$$eval('.hidden-unit.dead-data', (els) =>
        els.map((b) => `${b.dataset.layer}.${b.dataset.unit}`),
      );
      const dead = s.health.layers.flatMap((L, l) => L.deadOnData.flatMap((d, u) => (d ? [`${l}.${u}`] : [])));
      assert.equal(marked.length, s.health.deadUnits, 'as many dead marks as state() counts');
      assert.deepEqual(marked.sort(), dead.sort(), 'on the same units');
      const hatched = await page.$eval('.hidden-unit.dead-data', (b) =>
        getComputedStyle(b, '::after').backgroundImage.includes('repeating-linear-gradient'),
      );
      assert.ok(hatched, 'a dead unit is hatched (not colour alone)');

      // the labels never overlap, wherever the view is scrolled
      for (const x of [0, 0.5, 1]) {
        await page.evaluate((f) => {
          const sc = document.querySelector('.net-scroller');
          sc.scrollLeft = f * (sc.scrollWidth - sc.clientWidth);
        }, x);
        await page.waitForTimeout(100);
        const boxes = await labelBoxes(page);
        assert.ok(boxes.length >= layers, 'a dead count per layer');
        assert.deepEqual(overlaps(boxes), [], `no two labels overlap (scrolled to ${x * 100} %)`);
      }

      // the overview (shown while the view scrolls) names the layers with dead units
      if (await page.isVisible('.net-overview')) {
        const chips = await page.$$eval('.net-chip', (els) => els.map((e) => e.dataset.dead ?? '0'));
        const perLayer = s.health.layers.map((L) => String(L.deadOnData.filter(Boolean).length));
        assert.deepEqual(chips.slice(1, -1), perLayer, 'each layer’s chip carries its dead count');
        // a chip scrolls its layer into view
        await page.click(`.net-chip >> nth=${layers}`);
        await page.waitForTimeout(600);
        const seen = await page.evaluate((l) => {
          const c = document.querySelector(`.net-col.layer[data-layer="${l}"]`).getBoundingClientRect();
          const v = document.querySelector('.net-scroller').getBoundingClientRect();
          return c.left >= v.left - 1 && c.right <= v.right + 1;
        }, layers - 1);
        assert.ok(seen, 'the last layer’s chip brings it into view');
      }
      if (viewport.width > 500) assert.deepEqual(await axe(page), [], 'no serious or critical axe violations');
      await page.evaluate(() => (document.querySelector('.net-scroller').scrollLeft = 0));
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(artifacts, `big-${name}.png`) });
      await page.locator('.network').screenshot({ path: join(artifacts, `big-${name}-network.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    },
  );
}

test('6x64 with four twins: the view and the chart stay readable', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#${hash(H6x64)}&compare=true&compareBy=activation&twins=relu,leaky_relu,elu,tanh`,
    { viewport: { width: 1440, height: 900 } },
  );
  const s = await step(page, 30);
  assert.equal(s.models.length, 4);
  const marked = await page.$$eval('.hidden-unit.dead-data', (els) => els.length);
  assert.equal(marked, s.health.deadUnits, 'the primary twin’s dead units are marked');
  assert.deepEqual(overlaps(await labelBoxes(page)), []);
  await page.screenshot({ path: join(artifacts, 'big-6x64-twins.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('6x64: a click on a strip cell edits that weight; hovering a unit draws its links', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#${hash(H6x64)}`, {
    viewport: { width: 1440, height: 900 },
  });
  await step(page, 5);
  // the gap between layers 1 and 2: its strip spans the gap, rows = layer 2's units
  const at = await page.evaluate(() => {
    const a = document.querySelector('.net-col.layer[data-layer="0"] .units').getBoundingClientRect();
    const b = document.querySelector('.net-col.layer[data-layer="1"] .units').getBoundingClientRect();
    return { x: (a.right + b.left) / 2, y: a.top + a.height * 0.5 };
  });
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() =>
    /^Layer 2, unit \d+/.test(document.querySelector('.inspector .panel-sub').textContent),
  );
  const sub = await page.textContent('.inspector .panel-sub');
  const unit = Number(sub.match(/unit (\d+)/)[1]);
  assert.ok(unit >= 28 && unit <= 37, `the row under the click's height (half-way down: unit ${unit} of 64)`);
  // details on demand: hovering a unit of a wide layer redraws the links with all of its own
  const links = () => page.evaluate(() => document.querySelector('.net-links').toDataURL());
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  const before = await links();
  await page.hover('.hidden-unit[data-layer="1"][data-unit="5"]');
  await page.waitForTimeout(150);
  assert.notEqual(await links(), before, 'the hovered unit’s links are drawn over the strips');
  await page.locator('.network').screenshot({ path: join(artifacts, 'big-6x64-hover.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed at 6x64: the whole network is reachable inside the frame', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}embed.html#${hash(H6x64)}`, {
    viewport: { width: 720, height: 640 },
  });
  await step(page, 10);
  const r = await reach(page);
  for (const c of r.cols) assert.ok(c.inView, `${c.name} can be scrolled into the view`);
  assert.ok(r.pageOverflow <= 0, `the embed does not scroll sideways (${r.pageOverflow} px over)`);
  await page.screenshot({ path: join(artifacts, 'big-6x64-embed.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
