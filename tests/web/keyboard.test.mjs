// Full keyboard use: Tab reaches play; Space toggles it (aria-pressed flips); → steps one epoch;
// on the focused map a crosshair adds points of either class and removes them, announced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

test('Tab reaches play, Space toggles it and → steps one epoch', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, env.url);
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList.contains('play'));
  }
  assert.ok(found, 'Tab reaches the play button');
  assert.equal(await page.getAttribute('.play', 'aria-pressed'), 'false');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('.play', 'aria-pressed'), 'true');
  await page.waitForFunction(() => window.playground.state().epoch > 0);
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('.play', 'aria-pressed'), 'false');
  await page.waitForTimeout(200); // let the frame in flight land
  const e0 = await page.evaluate(() => window.playground.state().epoch);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((e) => window.playground.state().epoch > e, e0);
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), e0 + 1, '→ steps exactly one epoch');
  // R resets (from a non-text control too)
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.playground.state().epoch === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keys work from anywhere on the page, but do nothing in a text field', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url);
  // the page is one playground: from <body> too (issue #19; first-contact.test.mjs has more)
  await page.focus('body');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.playground.state().epoch === 1);
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.playground.state().epoch === 0);
  await page.focus('[data-control="seed"] input');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), 0);
  await context.close();
});

// ---- the map: a crosshair moved by the arrow keys adds and removes points -------------------

const trainingPoints = (page) =>
  page.evaluate(() =>
    Number(/(\d+) training points/.exec(document.querySelector('.out .map-frame').getAttribute('aria-label'))?.[1]),
  );
/** Wait until the map's summary counts n training points (it follows the next painted frame). */
const pointsBecome = (page, n) =>
  page.waitForFunction(
    (k) =>
      /(\d+) training points/.exec(document.querySelector('.out .map-frame').getAttribute('aria-label'))?.[1] ===
      String(k),
    n,
  );
const said = (page, re) =>
  page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector('.playground .status').textContent),
    re.source,
  );

test(
  'with the map focused, arrows move a crosshair, Enter adds a point, Shift+Enter the other class, Delete removes it',
  { skip },
  async () => {
    const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=gauss&samples=100`);
    await page.evaluate(() => window.playground.step(1));
    const n0 = await trainingPoints(page);
    // Tab reaches the map (past the glossary's "?" tips too), and the crosshair shows at once
    let found = false;
    for (let i = 0; i < 120 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.matches('.out .map-frame'));
    }
    assert.ok(found, 'Tab reaches the map');
    assert.equal(await page.getAttribute('.out .map-frame', 'role'), 'application');
    assert.match(
      await page.evaluate(
        () =>
          document.getElementById(document.querySelector('.out .map-frame').getAttribute('aria-describedby'))
            .textContent,
      ),
      /Arrow keys move a crosshair/,
    );
    assert.ok(await page.isVisible('.out .map-cursor'), 'the crosshair is visible');

    // 3 steps right, 2 up: (1.2, 0.8) on the default [-6, 6]² (a step is 1/30 of the side)
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    await said(page, /Crosshair at x 1\.2, y 0\.8/);
    const box = await page.locator('.out .map-frame').boundingBox();
    const c = await page.locator('.out .map-cursor').boundingBox();
    assert.ok(Math.abs(c.x + c.width / 2 - (box.x + box.width * (7.2 / 12))) < 2, 'drawn where it is');
    assert.equal(
      (await page.evaluate(() => window.playground.state())).epoch,
      1,
      '→ moved the crosshair, it did not step',
    );

    await page.keyboard.press('Enter');
    await said(page, new RegExp(`Added a point of class 0 at \\(1\\.2, 0\\.8\\): ${n0 + 1} training points`));
    await pointsBecome(page, n0 + 1); // the dataset grew by one
    await page.keyboard.press('Shift+ArrowLeft'); // five steps: (−0.8, 0.8)
    await page.keyboard.press('Shift+Enter');
    await said(page, new RegExp(`Added a point of class 1 at \\(-0\\.8, 0\\.8\\): ${n0 + 2} training points`));
    await page.keyboard.press(' '); // Space adds too, and does not play
    await said(page, new RegExp(`${n0 + 3} training points`));
    assert.equal((await page.evaluate(() => window.playground.state())).playing, false);
    await page.keyboard.press('Delete');
    await said(page, new RegExp(`Removed the point nearest \\(-0\\.8, 0\\.8\\): ${n0 + 2} training points`));
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await said(page, /No point near \(-0\.8, 0\.8\) to remove/);
    await pointsBecome(page, n0 + 1);

    // a click focuses the map too, but hides the crosshair: Space then plays as before
    await page.mouse.click(box.x + 30, box.y + 30);
    await said(page, new RegExp(`${n0 + 2} training points`));
    assert.equal(await page.isVisible('.out .map-cursor'), false);
    await page.keyboard.press(' ');
    assert.equal((await page.evaluate(() => window.playground.state())).playing, true);
    await page.evaluate(() => window.playground.pause());
    assert.deepEqual(problems, []);
    await context.close();
  },
);
