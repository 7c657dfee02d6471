// A model file keeps when each unit died and the loss history (issue #19: importing rewrote every
// death to the import's epoch and dropped the loss chart), and a version-1 file still loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const deaths = (page) => page.evaluate(() => window.playground.state().health.layers.map((L) => [...L.diedAtEpoch]));

test('export, reload, import: the same death epochs and the same loss history', { skip }, async () => {
  const url = `${env.url}#dataset=circle&hidden=8,8&learningRate=3&seed=2`;
  const { page, context, problems } = await openPage(env.browser, url);
  for (let i = 0; i < 6; i++) await page.evaluate(() => window.playground.step(10));
  const before = await deaths(page);
  const json = await page.evaluate(() => window.playground.exportModel());
  assert.equal(json.version, 2);
  assert.ok(
    before.flat().some((e) => e > 0 && e < 60),
    `units died along the way: ${before}`,
  );
  assert.ok(json.history.length >= 6, 'the loss history is in the file');
  await page.reload();
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  await page.evaluate((j) => window.playground.importModel(j), json);
  assert.deepEqual(await deaths(page), before, 'each unit died when it did, not at the import');
  const again = await page.evaluate(() => window.playground.exportModel());
  assert.deepEqual(again.history, json.history, 'the loss chart has its history back');
  // a version-1 file (no diedAt, no history) still loads
  const v1 = structuredClone(json);
  v1.version = 1;
  delete v1.history;
  v1.layers.forEach((L) => delete L.diedAt);
  await page.evaluate((j) => window.playground.importModel(j), v1);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), 60);
  // a bad history is refused by name, and the model shown stays
  const bad = { ...json, history: [{ epoch: 99 }] };
  const message = await page.evaluate(
    (j) =>
      window.playground.importModel(j).then(
        () => '',
        (e) => e.message,
      ),
    bad,
  );
  assert.match(message, /history\[0\]\.epoch/);
  assert.deepEqual(problems, []);
  await context.close();
});
