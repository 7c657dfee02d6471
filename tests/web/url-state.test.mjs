// The whole configuration lives in the URL hash: load a hash, change a control, reload → same config.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

test('a hash survives a control change and a reload', { skip }, async () => {
  const hash = 'dataset=xor&hidden=6,4&activation=tanh&learningRate=0.1&noise=0.2&features=x,y,xy&showTest=true';
  const { page, problems, context } = await openPage(env.browser, `${env.url}#${hash}`);
  let s = await page.evaluate(() => window.playground.state());
  assert.equal(s.config.dataset, 'xor');
  assert.deepEqual(s.config.hidden, [6, 4]);
  assert.equal(s.config.activation, 'tanh');
  assert.deepEqual(s.config.features, ['x', 'y', 'xy']);
  assert.equal(await page.locator('.hidden-unit').count(), 10);

  // change a control through the UI
  await page.selectOption('.toolbar [data-control="activation"] select', 'leaky_relu');
  await page.waitForFunction(() => location.hash.includes('activation=leaky_relu'));
  const before = await page.evaluate(() => window.playground.state().config);
  await page.reload();
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  s = await page.evaluate(() => window.playground.state());
  assert.deepEqual(s.config, before, 'the same configuration after reload');
  assert.equal(await page.inputValue('.toolbar [data-control="activation"] select'), 'leaky_relu');
  assert.deepEqual(problems, []);
  await context.close();
});

test('<control>_hide=true hides a control and hideText=true hides the text', { skip }, async () => {
  const { page, context } = await openPage(
    env.browser,
    `${env.url}#learningRate_hide=true&dataset_hide=true&hideText=true`,
  );
  assert.equal(await page.isVisible('.toolbar [data-control="learningRate"]'), false);
  assert.equal(await page.isVisible('[data-control="dataset"]'), false);
  assert.equal(await page.isVisible('.site-header .intro'), false);
  assert.equal(await page.isVisible('.toolbar [data-control="activation"]'), true);
  await page.selectOption('.toolbar [data-control="activation"] select', 'elu');
  await page.waitForFunction(() => location.hash.includes('activation=elu'));
  assert.match(await page.evaluate(() => location.hash), /learningRate_hide=true/, 'hide flags are kept in the hash');
  await context.close();
});
