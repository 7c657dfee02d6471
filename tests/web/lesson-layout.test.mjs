// A lesson on a phone (390 × 844) and a tablet (820 × 1180), issue #19: the lesson's map and
// twins are in the first screen, or on screen right after *Run it* (while it trains); nothing
// overflows sideways; the card's text is a readable size. Every lesson's first screen is
// checked; *Run it* on the first lesson with twins. Screenshots: test-results/web/lesson-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, haveBrowser, artifacts } from './helpers.mjs';
import { LESSONS } from '../../js/lessons.js';
import { lessonSetup } from '../../web/src/lesson-config.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const SIZES = [
  ['phone', { width: 390, height: 844 }, true],
  ['tablet', { width: 820, height: 1180 }, true],
];
const MIN_FONT = 13; // px: the smallest text the card may use…
const MIN_LABEL = 11; // …and the smallest of its uppercase labels (LESSON 1 OF 12, PREDICT)

/**
 * Boxes (viewport px) of the Run button, the map, the twins; overflow; the card's smallest font
 * (an uppercase label's scaled by MIN_FONT / MIN_LABEL, so one threshold checks both).
 */
const layoutOf = (page) =>
  page.evaluate(
    ([min, label]) => {
      const box = (sel) => {
        const e = document.querySelector(sel);
        if (!e || e.offsetParent === null) return null;
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      const card = document.querySelector('.lesson');
      const layout = {
        run: box('.lesson-run'),
        map: box('.out .map-frame'),
        twins: box('.compare:not([hidden])'),
      };
      // the text, with its "Measure it yourself" open too
      const closed = [...card.querySelectorAll('details:not([open])')];
      closed.forEach((d) => (d.open = true));
      let smallest = Infinity;
      const wide = [];
      for (const el of card.querySelectorAll('*')) {
        if (!el.checkVisibility()) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const cs = getComputedStyle(el);
        const upper = cs.textTransform === 'uppercase';
        if (own) smallest = Math.min(smallest, parseFloat(cs.fontSize) * (upper ? min / label : 1));
        if (el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          wide.push(el.className || el.tagName);
      }
      closed.forEach((d) => (d.open = false));
      return {
        ...layout,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        smallest,
        wide,
        vh: innerHeight,
      };
    },
    [MIN_FONT, MIN_LABEL],
  );
/** Wait for Run it's set-up to end (the scroll starts after it), then for the scroll to settle. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.lesson-status').textContent !== 'Setting up…');
  let y = -1;
  for (let k = 0; k < 40; k++) {
    await page.waitForTimeout(60);
    const now = await page.evaluate(() => scrollY);
    if (now === y) return;
    y = now;
  }
}
const onScreen = (b, vh) => b && b.top >= 0 && b.bottom <= vh + 0.5;

async function openLesson(viewport, touch, id) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${env.url}#lesson=${id}`);
  await page.waitForFunction(() => window.playground && window.lesson);
  await page.evaluate(() => window.playground.ready);
  await page.waitForFunction(() => window.playground.state().models.length > 0);
  return { page, context, problems };
}

for (const [name, viewport, touch] of SIZES) {
  test(
    `${name} ${viewport.width}×${viewport.height}: every lesson's card, map and twins fit, readable`,
    { skip },
    async () => {
      for (const lesson of LESSONS) {
        const { page, context, problems } = await openLesson(viewport, touch, lesson.id);
        if (lesson.twins) await page.waitForSelector('.compare .twin');
        const L = await layoutOf(page);
        const what = `${lesson.id} at ${name}`;
        assert.equal(L.overflow, 0, `${what}: no sideways scroll`);
        assert.deepEqual(L.wide, [], `${what}: nothing in the card wider than the screen`);
        assert.ok(L.smallest >= MIN_FONT, `${what}: the card's smallest text is ${L.smallest} px`);
        assert.ok(onScreen(L.run, L.vh), `${what}: Run it in the first screen`);
        // the map and the twins: in the first screen, or else on screen right after Run it
        const seen = (X) => onScreen(X.map, X.vh) && (!lesson.twins || onScreen(X.twins, X.vh));
        let where = 'in the first screen';
        if (lessonSetup(lesson).epochs < 10) {
          // a run over at once (under 10 epochs, lesson-view.js WATCH) answers in the card
          assert.ok(L.map.top < L.vh - 100, `${what}: the map's top in the first screen (${Math.round(L.map.top)})`);
          where = 'begins in the first screen (no training to watch)';
        } else if (!seen(L)) {
          where = 'after Run it';
          await (touch ? page.tap('.lesson-run') : page.click('.lesson-run'));
          await settled(page);
          const R = await layoutOf(page);
          assert.ok(seen(R), `${what}: map ${JSON.stringify(R.map)}, twins ${JSON.stringify(R.twins)} after Run it`);
        }
        console.log(`# ${what}: the map${lesson.twins ? ' and the twins' : ''} ${where}`);
        assert.deepEqual(problems, [], what);
        await context.close();
      }
    },
  );

  test(
    `${name} ${viewport.width}×${viewport.height}: after Run it the map and the twins are on screen while it trains`,
    { skip },
    async () => {
      const id = LESSONS.find((l) => l.twins).id;
      const { page, context, problems } = await openLesson(viewport, touch, id);
      await page.waitForSelector('.compare .twin');
      await page.screenshot({ path: join(artifacts, `lesson-${name}.png`) });
      await (touch ? page.tap('.lesson-run') : page.click('.lesson-run'));
      await settled(page);
      const L = await layoutOf(page);
      assert.ok(onScreen(L.map, L.vh), `the map on screen after Run it: ${JSON.stringify(L.map)}`);
      assert.ok(onScreen(L.twins, L.vh), `the twins on screen after Run it: ${JSON.stringify(L.twins)}`);
      // and not hidden under the sticky play bar
      const bar = await page.evaluate(() => document.querySelector('.transport').getBoundingClientRect().bottom);
      assert.ok(L.map.top >= bar - 1, `the map (${L.map.top}) below the play bar (${bar})`);
      await page.screenshot({ path: join(artifacts, `lesson-${name}-run.png`) });
      await page.waitForFunction(() => document.querySelector('.lesson').dataset.state === 'done', null, {
        timeout: 60_000,
      });
      assert.equal((await layoutOf(page)).overflow, 0, 'no sideways scroll with the results');
      await page.screenshot({ path: join(artifacts, `lesson-${name}-done.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    },
  );
}
