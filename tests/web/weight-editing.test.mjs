// Editing weights in the page goes through net.setWeight / net.setBias: the epoch and the
// optimizer's state (Adam's moments) are kept, so training goes on exactly as the facade's own
// network does after the same edits; the output unit's bias and incoming weights are edited like a
// hidden unit's (select it with the keyboard, type into the inspector), the map follows, the edit
// is announced and the URL does not change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../js/index.js';
import { datasetOptions, networkOptions, trainOptions } from '../../web/src/config.js';
import { setup, openPage, step, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const lab = await load();
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** A hash of the main map's pixels. */
const mapHash = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('.out .map-regions');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619);
    return h >>> 0;
  });

/** Type a value into one input of the inspector, as a person would (then Tab: the change event). */
async function enter(page, input, value) {
  const sel = `.inspector .weights input[data-input="${input}"]`;
  await page.click(sel, { clickCount: 3 });
  await page.keyboard.type(String(value));
  await page.keyboard.press('Tab');
}

const lastLayer = (page) => page.evaluate(() => window.playground.exportModel().then((m) => m.layers.at(-1)));

test('an output weight set from the page changes the map and keeps the epoch and Adam going', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=4&optimizer=adam&learningRate=0.03&seed=3`,
  );
  const trained = await step(page, 20);
  const hash = await page.evaluate(() => location.hash);
  const map0 = await mapHash(page);

  // the output node is a button: the keyboard selects it, the inspector shows its weights
  await page.focus('.output-unit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.inspector .weights input[data-input="bias"]');
  assert.equal(await page.getAttribute('.output-unit', 'aria-pressed'), 'true');
  assert.match(await page.textContent('.inspector .panel-sub'), /^Output unit \(sigmoid\)/);
  assert.equal(await page.locator('.inspector .weight-grid input').count(), 5, 'a bias and 4 weights (from L1 u1…u4)');
  assert.match(await page.textContent('.inspector .weight-grid'), /from L1 u4/);
  assert.equal(await page.isVisible('.inspector .hist'), false, 'no histogram: the output is not a ReLU unit');

  await enter(page, 'bias', '2.5');
  await page.waitForFunction(() => window.playground.exportModel().then((m) => m.layers.at(-1).b[0] === 2.5));
  await page.waitForFunction(() =>
    /Set the bias of the output unit to 2\.5/.test(document.querySelector('.playground .status').textContent),
  );
  await enter(page, '0', '-1.5');
  await page.waitForFunction(() => window.playground.exportModel().then((m) => m.layers.at(-1).W[0][0] === -1.5));
  let s = await page.evaluate(() => window.playground.refresh());
  assert.equal(s.epoch, 20, 'the epoch is kept');
  assert.notEqual(await mapHash(page), map0, 'the map follows the new output weights');
  assert.notEqual(s.metrics.testLoss, trained.metrics.testLoss, 'the metrics are re-evaluated');

  // a hidden weight, the same way
  await page.click('.hidden-unit[data-layer="0"][data-unit="0"]');
  await page.waitForSelector('.inspector .hist:not([hidden])');
  await enter(page, '1', '0.7');
  await page.waitForFunction(() =>
    window.playground.exportModel().then((m) => m.layers[0].W[0][1] === Math.fround(0.7)),
  );

  s = await step(page, 10);
  assert.equal(s.epoch, 30);
  const model = await page.evaluate(() => window.playground.exportModel());
  assert.equal(model.epoch, 30);
  assert.equal(await page.evaluate(() => location.hash), hash, 'weights are not in the URL');

  // the facade's network, with the same edits between the same epochs
  const config = s.config;
  const data = lab.dataset(datasetOptions(config));
  const train = trainOptions(config);
  const edited = () => {
    const net = lab.network(networkOptions(config, data.classes));
    net.train(data, { ...train, epochs: 20 });
    net.setBias(1, 0, 2.5);
    net.setWeight(1, 0, 0, -1.5);
    net.setWeight(0, 0, 1, 0.7);
    return net;
  };
  const kept = edited();
  kept.train(data, { ...train, epochs: 10 });
  assert.deepEqual(model.layers, kept.toJSON().layers, 'the page trained on from its edits exactly as the facade does');
  // what a rebuild from JSON (the page's old way: Adam's moments lost) gives instead: the check can tell
  const rebuilt = lab.network(edited().toJSON());
  rebuilt.train(data, { ...train, epochs: 10 });
  assert.notDeepEqual(model.layers, rebuilt.toJSON().layers, 'a reset optimizer would train differently');
  for (const o of [kept, rebuilt, data]) o.dispose();
  assert.deepEqual(problems, []);
  await context.close();
});

test("softmax: each output unit's bias and weights are reachable from the output node", { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=blobs_k&classes=3&hidden=4`);
  await step(page, 5);
  await page.click('.output-unit');
  await page.waitForSelector('.inspector .output-pick:not([hidden]) select');
  assert.equal(await page.locator('.inspector .output-pick option').count(), 3);
  await page.selectOption('.inspector .output-pick select', '2');
  await page.waitForFunction(() =>
    /^Output unit of class 2 \(softmax, classes 0–2\)/.test(
      document.querySelector('.inspector .panel-sub').textContent,
    ),
  );
  await enter(page, 'bias', '-3');
  await page.waitForFunction(() => window.playground.exportModel().then((m) => m.layers.at(-1).b[2] === -3));
  const b = (await lastLayer(page)).b;
  assert.notEqual(b[0], -3, 'only output unit 3 changed');
  assert.equal((await page.evaluate(() => window.playground.refresh())).epoch, 5);
  // a bad value names the output unit and changes nothing
  await enter(page, '0', '1e9');
  assert.match(
    await page.textContent('.inspector .weights .field-error'),
    /^Weight from L1 u1 of the output unit of class 2: enter a number/,
  );
  assert.deepEqual((await lastLayer(page)).b, b);
  assert.equal(await page.isEnabled('.revive button >> nth=0'), false, 'no "revive layer" for the output');
  assert.deepEqual(problems, []);
  await context.close();
});
