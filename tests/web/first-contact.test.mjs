// First contact (issue #19): what a new user meets in the first minutes. The map is in the first
// screen with Play at every size; Space, → and R work from anywhere on the page and never scroll
// it; every action answers on screen next to its control. Screenshots: test-results/web/first-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** Tops (viewport px) of the main map's canvas, the play button and the first twin, and the scroll. */
const where = (page) =>
  page.evaluate(() => {
    const top = (sel) => document.querySelector(sel)?.getBoundingClientRect() ?? null;
    const map = top('.out .map-regions');
    return {
      map: map && { top: map.top, left: map.left, bottom: map.bottom },
      play: top('.play'),
      twin: top('.compare .twin'),
      lesson: top('.lesson'),
      scrollY: window.scrollY,
      innerHeight: window.innerHeight,
    };
  });

for (const [name, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 820, height: 1180 }],
  ['zoom200', { width: 720, height: 450 }], // a 1440 × 900 window at 200 %
]) {
  test(
    `${name} ${viewport.width}×${viewport.height}: Play and the map's top are in the first screen`,
    { skip },
    async () => {
      const { page, context, problems } = await openPage(env.browser, env.url, { viewport });
      const w = await where(page);
      await page.screenshot({ path: join(artifacts, `first-${name}.png`) });
      assert.ok(w.play.bottom <= viewport.height, `Play in the first screen (bottom ${w.play.bottom})`);
      assert.ok(w.map.top < viewport.height - 40, `the map's top in the first screen (at ${w.map.top})`);
      // the play bar stays at hand when the page scrolls (phones: a sticky bar)
      if (viewport.width < 760) {
        await page.evaluate(() => window.scrollTo(0, 1500));
        const after = await where(page);
        assert.ok(after.play.top >= 0 && after.play.bottom <= viewport.height, 'Play stays on screen when scrolled');
      }
      assert.deepEqual(problems, []);
      await context.close();
    },
  );
}

test('a lesson at 1440×900: the map and the twins sit beside the card, in the first screen', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=too-hot`, {
    viewport: { width: 1440, height: 900 },
  });
  await page.waitForSelector('.compare .twin');
  const w = await where(page);
  await page.screenshot({ path: join(artifacts, 'first-lesson.png') });
  assert.ok(w.lesson.right <= w.map.left, `the card (right ${w.lesson.right}) left of the map (${w.map.left})`);
  assert.ok(w.map.bottom <= 900, `the whole map in the first screen (bottom ${w.map.bottom})`);
  assert.ok(w.twin.top < 900 - 150, `the twins in the first screen (top ${w.twin.top})`);
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- keys --------------------------------------------------------------------------------------

const playing = (page) => page.evaluate(() => window.playground.state().playing);

test('Space right after load plays and does not scroll the page; → steps, R resets', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 } });
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'focus on <body>');
  await page.keyboard.press('Space');
  assert.equal(await playing(page), true, 'Space plays');
  await page.waitForTimeout(100);
  assert.equal((await where(page)).scrollY, 0, 'Space did not scroll the page');
  await page.keyboard.press('Space');
  assert.equal(await playing(page), false, 'Space pauses');
  await page.waitForTimeout(150);
  const e0 = await page.evaluate(() => window.playground.state().epoch);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((e) => window.playground.state().epoch === e + 1, e0);
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.playground.state().epoch === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Space plays after a click on a dataset tile, a slider or a unit, never scrolling', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 } });
  for (const sel of ['.dataset:nth-child(2)', '[data-control="learningRate"] input', '.hidden-unit']) {
    await page.click(sel);
    await page.waitForTimeout(900); // a unit's click brings its panel into view, smoothly
    const y0 = await page.evaluate(() => window.scrollY);
    const was = await playing(page);
    await page.keyboard.press('Space');
    assert.equal(await playing(page), !was, `Space toggles play after a click on ${sel}`);
    await page.waitForTimeout(80);
    assert.equal(await page.evaluate(() => window.scrollY), y0, `no scroll after a click on ${sel}`);
    if (sel.startsWith('.dataset'))
      assert.equal(await page.evaluate(() => window.playground.state().config.dataset), 'xor', 'the tile stays chosen');
  }
  await page.evaluate(() => window.playground.pause());
  // in a text field Space is typing
  await page.fill('[data-control="seed"] input', '');
  await page.focus('[data-control="seed"] input');
  await page.keyboard.press('Space');
  assert.equal(await playing(page), false, 'Space in a text field does not play');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a keyboard user still presses a focused button with Space', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url);
  // Tab to the first dataset tile (focus-visible), move to XOR and press it with Space
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.matches('.dataset'));
  }
  assert.ok(found);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.playground.state().config.dataset !== 'circle');
  assert.equal(await playing(page), false);
  await context.close();
});

test('on touch, tapping a unit selects it and leaves the decision map in place', { skip }, async () => {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  await page.tap('.hidden-unit');
  await page.waitForTimeout(300);
  const caption = await page.evaluate(() => document.querySelector('.out .map-caption')?.textContent ?? '');
  assert.equal(caption, '', `the main map is still the decision map (caption "${caption}")`);
  assert.equal(await page.getAttribute('.hidden-unit', 'aria-pressed'), 'true', 'the unit is selected');
  await context.close();
});

// ---- the embed ---------------------------------------------------------------------------------

test('an embed with panels=net,out shows the play bar and its map, not the settings', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}embed.html#panels=net,out`, {
    viewport: { width: 720, height: 560 },
  });
  await page.screenshot({ path: join(artifacts, 'first-embed.png') });
  assert.equal(await page.isVisible('.play'), true);
  assert.equal(await page.isVisible('[data-control="learningRate"]'), false, 'no toolbar settings');
  assert.equal(await page.isVisible('[data-control="init"]'), false, 'no network settings');
  const w = await where(page);
  assert.ok(w.map.bottom <= 560, `the whole map in a 560 px frame (bottom ${w.map.bottom})`);
  assert.ok(w.play.bottom <= w.map.top, 'the play bar above the map');
  // controls=all brings them back
  await page.goto(`${env.url}embed.html#panels=net,out&controls=all`);
  await page.reload();
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  assert.equal(await page.isVisible('[data-control="learningRate"]'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- the dark theme ----------------------------------------------------------------------------

const colours = (page) =>
  page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    html: getComputedStyle(document.documentElement).backgroundColor,
    panel: getComputedStyle(document.querySelector('.panel')).backgroundColor,
    chart: getComputedStyle(document.querySelector('.chart-canvas')).filter,
  }));
/** Relative luminance-ish of "rgb(r, g, b)": 0 black … 1 white. */
const light = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

test('prefers-color-scheme: dark and #theme=dark give the page dark colours; #theme=light wins', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  const dark = await colours(page);
  await page.screenshot({ path: join(artifacts, 'first-dark.png') });
  assert.ok(light(dark.body) < 0.2 && light(dark.html) < 0.2 && light(dark.panel) < 0.2, JSON.stringify(dark));
  assert.match(dark.chart, /invert/, 'the loss chart is not a bright box');
  await page.goto(`${env.url}#theme=light`);
  await page.reload();
  await page.waitForFunction(() => window.playground);
  const forced = await colours(page);
  assert.ok(light(forced.html) > 0.8 && light(forced.panel) > 0.8, 'theme=light over the system setting');
  await context.close();
  const { page: p2, context: c2 } = await openPage(env.browser, `${env.url}#theme=dark&dataset=xor`);
  assert.ok(light((await colours(p2)).panel) < 0.2, '#theme=dark');
  await p2.evaluate(() => window.playground.setConfig({ learningRate: 0.1 }));
  assert.match(await p2.evaluate(() => location.hash), /theme=dark/, 'the hash keeps the theme');
  await c2.close();
});

// ---- numbers -----------------------------------------------------------------------------------

test(
  'numbers: "—" before training, significant digits after; ReLU [0, ∞); the first histogram at its CSS size',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    const grads = () => page.evaluate(() => [...document.querySelectorAll('.grad-text')].map((e) => e.textContent));
    assert.ok(
      (await grads()).every((t) => t === '—'),
      `before training: ${await grads()}`,
    );
    await page.evaluate(() => window.playground.step(1));
    const after = await grads();
    assert.ok(
      after.every((t) => /^\d/.test(t) && t !== '0'),
      `after a step every layer's gradient shows its first digits: ${after}`,
    );
    assert.match(await page.textContent('.act .formula'), /range \[0, ∞\)/);
    assert.match(await page.textContent('.chart-legend'), /test accuracy \(right axis\)/, 'accuracy on its own axis');
    assert.deepEqual(
      await page.evaluate(() =>
        [...document.querySelector('.layer-act').options].slice(0, 2).map((o) => o.textContent),
      ),
      ['ReLU', 'Leaky ReLU'],
      'the layer menus use the display names',
    );
    // the first selection while paused: the histogram drawn at the size it is shown at
    await page.click('.hidden-unit');
    await page.waitForTimeout(300);
    const size = await page.evaluate(() => {
      const c = document.querySelector('.hist-canvas');
      const r = c.getBoundingClientRect();
      return { css: [Math.round(r.width), Math.round(r.height)], drawn: [c.width, c.height] };
    });
    assert.deepEqual(size.drawn, size.css, 'drawn pixels = CSS pixels (deviceScaleFactor 1)');
    assert.deepEqual(problems, []);
    await context.close();
  },
);

// ---- first load: what to press, born dead, the words ----------------------------------------

test(
  'first load: "press ▶", units born dead explained with the lesson, words with their definitions',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    assert.equal(await page.isVisible('.start-hint'), true, 'a hint to press ▶');
    const dead = await page.evaluate(() => window.playground.state().health.deadUnits);
    assert.ok(dead > 0, 'the default net has units dead at epoch 0');
    assert.equal(await page.isVisible('.born-dead'), true);
    assert.match(
      await page.textContent('.born-dead'),
      new RegExp(`Born dead: ${dead} units are dead before the first step`),
    );
    assert.match(await page.getAttribute('.born-dead a', 'href'), /index\.html#lesson=born-dead$/);
    // toggletips from the glossary (tests/web/glossary-tips.test.mjs opens them)
    assert.match(await page.textContent('[data-control="batchNorm"] .term-bubble'), /ε = 1e-5/);
    assert.match(await page.textContent('.layer-head .col-title + .term-bubble'), /Frobenius/);
    assert.ok((await page.$$('#glossary dt')).length >= 10, 'the page help lists the glossary');
    await page.evaluate(() => window.playground.step(1));
    assert.equal(await page.isVisible('.born-dead'), false, 'after a step it is history, not birth');
    assert.equal(await page.isVisible('.start-hint'), false);
    // the lesson link opens the born-dead lesson
    await page.evaluate(() => window.playground.reset());
    await page.click('.born-dead a');
    await page.waitForSelector('.lesson[data-lesson="born-dead"]');
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('touch targets: checkboxes, radios and header links are at least 24 px on a phone', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url, { viewport: { width: 390, height: 844 } });
  const small = await page.evaluate(
    () =>
      [...document.querySelectorAll('input[type=checkbox], input[type=radio], .site-nav a')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width < 24 || r.height < 24).length,
  );
  assert.equal(small, 0);
  await context.close();
});

test(
  'selecting a unit answers beside it (its popover: More brings the panel into view); a link under the mouse answers before the click',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    const top = () => page.evaluate(() => document.querySelector('.insp').getBoundingClientRect().top);
    assert.ok((await top()) > 900, 'the Selected unit panel starts below the fold');
    await page.click('.hidden-unit');
    await page.waitForSelector('.unit-popover:popover-open'); // tests/web/unit-popover.test.mjs
    await page.click('.unit-pop-more');
    await page.waitForFunction(() => {
      const r = document.querySelector('.insp').getBoundingClientRect();
      return r.top >= 0 && r.top + 80 <= innerHeight;
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    // the link from the input y (on by default) to layer 1's first unit, a quarter of the way along its
    // Bézier (network-links.js: control points at the middle x), in the gap between the columns
    const f = await page.locator('.feature').nth(1).boundingBox();
    const u = await page.locator('.hidden-unit').nth(0).boundingBox();
    const [x0, x1, fy, uy] = [f.x + f.width, u.x, f.y + f.height / 2, u.y + u.height / 2];
    const mx = (x0 + x1) / 2;
    await page.mouse.move(0.421875 * x0 + 0.5625 * mx + 0.015625 * x1, 0.84375 * fy + 0.15625 * uy);
    await page.waitForFunction(() => document.querySelector('.net-body').classList.contains('link-hover'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.net-body')).cursor), 'pointer');
    assert.match(
      await page.getAttribute('.net-body', 'title'),
      // which of the links fanning out of y is under the mouse depends on the batched painter's geometry
      /^Weight from input 2 to L1 u\d = -?[\d.e-]+: click to edit it$/,
    );
    assert.equal(await page.isVisible('.link-hilite'), true, 'the link is drawn highlighted');
    // clicking it focuses its weight without a jump: the page glides, it does not leap
    const y0 = await page.evaluate(() => window.scrollY);
    await page.mouse.down();
    await page.mouse.up();
    const y1 = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(y1 - y0) < 200, `no jump on the click (${y0} → ${y1})`);
    await page.waitForFunction(() => document.activeElement?.closest('.weights'));
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('a regression map has its colour scale; a classification map has none', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#dataset=regress_plane`);
  assert.equal(await page.isVisible('.out .value-scale'), true);
  // a click adds any of five values, not just ±1; Shift adds the opposite
  assert.deepEqual(
    await page.$$eval('.class-picker input', (r) => r.map((x) => Number(x.value))),
    [-1, -0.5, 0, 0.5, 1],
  );
  await page.click('.class-picker label:nth-child(4)'); // +0.5
  const box = await page.locator('.out .map-frame').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() =>
    /Added a point of value \+0\.5/.test(document.querySelector('[data-notice="map"]').textContent),
  );
  await page.keyboard.down('Shift');
  await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
  await page.keyboard.up('Shift');
  await page.waitForFunction(() =>
    /Added a point of value −0\.5/.test(document.querySelector('[data-notice="map"]').textContent),
  );
  assert.match(await page.getAttribute('.out .value-scale', 'aria-label'), /−1.*0.*\+1/);
  await page.evaluate(() => window.playground.setConfig({ dataset: 'circle' }));
  assert.equal(await page.isVisible('.out .value-scale'), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  '"Copy embed code": the iframe snippet\'s height is the embed\'s own, measured; nothing scrolls inside it',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    await page.click('[data-control="copyEmbed"]');
    await page.waitForFunction(
      () => document.querySelector('dialog.embed-dialog textarea')?.dataset.measured === 'true',
      null,
      {
        timeout: 30000,
      },
    );
    const snippet = await page.$eval('dialog.embed-dialog textarea', (t) => t.value);
    const height = Number(/height="(\d+)"/.exec(snippet)[1]);
    assert.ok(height > 560, `measured ${height} px (the old fixed 560 cut the playground off)`);
    assert.equal(await page.$$eval('iframe.embed-measure', (f) => f.length), 0, 'the measuring frame is gone');
    const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
    const host = await context.newPage();
    await host.setViewportSize({ width: 800, height: 900 });
    // a page with the snippet pasted in (on the site's origin: Chrome's private-network rules keep
    // a made-up public origin from framing 127.0.0.1)
    const at = `${env.url}snippet-test.html`;
    await host.route(at, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>t</title><body style="margin:0"><iframe id="f" src="${src}" width="720" height="${height}" style="border:0"></iframe>`,
      }),
    );
    await host.goto(at);
    let frame = null;
    for (let i = 0; i < 100 && !frame; i++) {
      frame = host.frames().find((f) => f.url().includes('embed.html')) ?? null;
      if (!frame) await host.waitForTimeout(100);
    }
    assert.ok(frame, 'the snippet frames the embed');
    await frame.waitForFunction(() => window.playground);
    await frame.evaluate(() => window.playground.ready);
    await host.waitForTimeout(500);
    const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(inner <= height, `the embed's content (${inner} px) fits the snippet's ${height} px`);
    assert.ok(inner >= height - 40, `and the snippet is not much taller (${inner} of ${height} px)`);
    assert.deepEqual(problems, []);
    await context.close();
  },
);
