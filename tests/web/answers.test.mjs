// Every action answers visibly, next to its control (issue #19): Stop at epoch shows a message
// under the play bar and ▶ trains on; Revive says what it did and, when the units die again, the
// likely cause; a point added on the map is answered under the map; a rejected model file is
// answered by the model buttons, can be dismissed, and shifts nothing on the page.
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

const notice = (page, name) =>
  page.evaluate((n) => {
    const el = document.querySelector(`[data-notice="${n}"]`);
    if (!el || el.hidden) return null;
    const r = el.getBoundingClientRect();
    return { text: el.querySelector('.notice-text').textContent, tone: el.dataset.tone, top: r.top, height: r.height };
  }, name);

test('Stop at epoch: a visible message under the play bar, and ▶ trains on', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#stopAt=20&epochsPerFrame=4`);
  await page.click('.play');
  await page.waitForFunction(() => !window.playground.state().playing && window.playground.state().epoch === 20);
  const n = await notice(page, 'run');
  assert.ok(n, 'a visible notice');
  assert.match(n.text, /Stopped at epoch 20/);
  const bar = await page.locator('.toolbar').boundingBox();
  assert.ok(n.top >= bar.y && n.top < bar.y + bar.height + 40, 'right under the play bar');
  await page.screenshot({ path: join(artifacts, 'answers-stop.png') });
  await page.click('.play');
  await page.waitForFunction(() => window.playground.state().epoch > 24);
  await page.evaluate(() => window.playground.pause());
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * The run notice's box, and what it covers: the lesson card's title, and every control (button,
 * field, link) outside the notice that its box intersects; the play button below which it hangs.
 */
const runNoticePlace = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-notice="run"]');
    const r = el.getBoundingClientRect();
    const meets = (b) => b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
    const name = (c) =>
      `${c.tagName.toLowerCase()}${c.dataset.control ? `[${c.dataset.control}]` : ''} “${(c.getAttribute('aria-label') ?? c.textContent).trim().slice(0, 30)}”`;
    const title = document.querySelector('.lesson-title')?.getBoundingClientRect();
    const controls = [...document.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"]')].filter(
      (c) => !el.contains(c) && c.checkVisibility() && meets(c.getBoundingClientRect()),
    );
    const play = document.querySelector('.toolbar .play').getBoundingClientRect();
    return {
      shown: !el.hidden,
      box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      vh: innerHeight,
      overTitle: title ? meets(title) : false,
      covers: controls.map(name),
      belowPlay: r.top - play.bottom,
    };
  });

// issue #19: the run notice floated over the next thing on the page (a lesson card's title on a
// tablet). It must hang under the play bar's buttons, on screen, covering no content or control.
for (const [size, viewport] of [
  ['desktop', { width: 1440, height: 900 }],
  ['tablet', { width: 820, height: 1180 }],
  ['phone', { width: 390, height: 844 }],
]) {
  for (const [where, hash, start] of [
    ['a twins lesson (Run it)', 'lesson=too-hot', '.lesson-run'],
    ['the page (Stop at epoch)', 'stopAt=20&epochsPerFrame=4', '.toolbar .play'],
  ]) {
    test(
      `${size} ${viewport.width}×${viewport.height}, ${where}: the run notice covers nothing`,
      { skip },
      async () => {
        const { page, context, problems } = await openPage(env.browser, `${env.url}#${hash}`, { viewport });
        await page.click(start);
        await page.waitForFunction(() => !document.querySelector('[data-notice="run"]').hidden, null, {
          timeout: 120_000,
        });
        if (start === '.lesson-run') await page.waitForFunction(() => window.lesson.element.dataset.state === 'done');
        await page.waitForTimeout(400); // a lesson's smooth scroll settles
        const p = await runNoticePlace(page);
        await page.screenshot({ path: join(artifacts, `answers-run-notice-${size}-${hash.split(/[=&]/)[0]}.png`) });
        const what = `${where} at ${size}: ${JSON.stringify(p)}`;
        assert.ok(p.shown, `${what}: shown`);
        assert.ok(p.box.top >= 0 && p.box.bottom <= p.vh, `${what}: on screen`);
        assert.ok(p.belowPlay >= 0 && p.belowPlay < 24, `${what}: right under the play button`);
        assert.equal(p.overTitle, false, `${what}: clear of the lesson card's title`);
        assert.deepEqual(p.covers, [], `${what}: covers no control`);
        assert.deepEqual(problems, []);
        await context.close();
      },
    );
  }
}

test('Revive says what it did, then why the units died again', { skip }, async () => {
  const { page, context, problems } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=8,8&learningRate=3&seed=2`,
  );
  await page.evaluate(() => window.playground.step(60));
  const dead = await page.evaluate(() => window.playground.state().health.deadUnits);
  assert.ok(dead > 0, 'the hot learning rate killed units');
  await page.click('text=Revive whole net');
  await page.waitForFunction(() => !document.querySelector('[data-notice="net"]').hidden);
  assert.match((await notice(page, 'net')).text, new RegExp(`Revived ${dead} dead units?`));
  await page.evaluate(() => window.playground.step(2));
  await page.waitForFunction(() =>
    /revived units died again within 2 epochs/.test(
      document.querySelector('[data-notice="net"] .notice-text').textContent,
    ),
  );
  const n = await notice(page, 'net');
  assert.match(n.text, /learning rate \(3\)/, 'names the likely cause');
  assert.equal(n.tone, 'warn');
  await page.screenshot({ path: join(artifacts, 'answers-revive.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a point added on the map is answered under the map', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#dataset=gauss&samples=100`);
  const box = await page.locator('.out .map-frame').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => !document.querySelector('[data-notice="map"]').hidden);
  const n = await notice(page, 'map');
  assert.match(n.text, /Added a point of class/);
  assert.ok(n.top >= box.y + box.height - 2 && n.top < box.y + box.height + 80, 'just under the map');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad model file: the error by the model buttons, dismissable, nothing shifts', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 } });
  await page.locator('text=Import model').scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => ({
    y: window.scrollY,
    out: document.querySelector('.out').getBoundingClientRect().top,
    more: document.querySelector('.more').getBoundingClientRect().height,
  }));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('text=Import model')]);
  await chooser.setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"config": 3}') });
  await page.waitForFunction(() => !document.querySelector('[data-notice="model"]').hidden);
  const n = await notice(page, 'model');
  assert.equal(n.tone, 'error');
  assert.match(n.text, /Not imported: /);
  const button = await page.locator('text=Import model').boundingBox();
  assert.ok(n.top > button.y && n.top < button.y + button.height + 30, 'under the button the reader used');
  assert.ok(n.top >= 0 && n.top + n.height <= 900, 'inside the viewport');
  const afterIt = await page.evaluate(() => ({
    y: window.scrollY,
    out: document.querySelector('.out').getBoundingClientRect().top,
    more: document.querySelector('.more').getBoundingClientRect().height,
  }));
  assert.deepEqual(afterIt, before, 'no layout shift');
  assert.equal(await page.isVisible('.playground > .message'), false, 'not the message above the playground');
  await page.screenshot({ path: join(artifacts, 'answers-import.png') });
  await page.click('[data-notice="model"] .notice-close');
  assert.equal(await notice(page, 'model'), null, 'dismissed');
  await context.close();
});

test(
  'twins: display names work, a bad value is named under the field, a new dimension gets its own list',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, `${env.url}#compare=true`);
    const labels = () => page.evaluate(() => window.playground.state().models.map((m) => m.label));
    const field = '[data-control="twins"] input';
    await page.fill(field, 'ReLU, Tanh');
    await page.press(field, 'Enter');
    await page.waitForFunction(() => window.playground.state().config.twins === 'relu,tanh');
    await page.evaluate(() => window.playground.refresh());
    assert.deepEqual(await labels(), ['relu', 'tanh']);
    await page.fill(field, 'Leaky ReLU, relu');
    await page.press(field, 'Enter');
    await page.waitForFunction(() => window.playground.state().config.twins === 'leaky_relu,relu');
    await page.evaluate(() => window.playground.refresh());
    // a typo: named inline, nothing changes
    await page.fill(field, 'relu, Leeky');
    await page.press(field, 'Enter');
    const error = page.locator('[data-control="twins"] .field-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /“Leeky” is not an activation/);
    assert.equal(await page.getAttribute(field, 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => window.playground.state().config.twins), 'leaky_relu,relu');
    // the toolbar's activation is the twins' while they differ in it
    assert.equal(await page.isDisabled('[data-control="activation"] select'), true);
    // a new dimension: a list of learning rates, and two different twins
    await page.selectOption('[data-control="compareBy"] select', 'learningRate');
    await page.waitForFunction(() => window.playground.state().config.compareBy === 'learningRate');
    await page.evaluate(() => window.playground.refresh());
    const twins = await page.evaluate(() => window.playground.state().config.twins);
    assert.match(twins, /^[\d.]+,[\d.]+$/);
    const l = await labels();
    assert.equal(l.length, 2);
    assert.notEqual(l[0], l[1], 'two different twins');
    assert.ok(
      l.every((x) => x.startsWith('lr ')),
      l.join(),
    );
    assert.equal(await page.isDisabled('[data-control="learningRate"] input'), true);
    assert.equal(await page.isDisabled('[data-control="activation"] select'), false);
    assert.equal(await error.isVisible(), false, 'the old error is gone');
    assert.deepEqual(problems, []);
    await context.close();
  },
);
