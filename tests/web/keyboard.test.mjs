// Full keyboard use: Tab reaches play; Space toggles it (aria-pressed flips); → steps one epoch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => { if (!skip) env = await setup(); });
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

test('keys do nothing while focus is outside the playground or in a text field', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await page.focus('body');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), 0);
  await page.focus('[data-control="seed"] input');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), 0);
  await context.close();
});
