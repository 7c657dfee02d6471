#!/usr/bin/env node
// screenshots.mjs — the pictures a change must be looked at in before it is called done (the
// brief: desktop, a 390 px phone, a lesson, an embed): the built site, served on a free port,
// in Debian's chromium, saved as test-results/look/<name>.png. Not a test: it asserts nothing
// and is not part of `npm test`; it only makes looking cheap and the same every time.
//
// Usage: node scripts/screenshots.mjs [name…]   (default: every shot below)
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setup, openPage, repo, haveBrowser } from '../tests/web/helpers.mjs';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const SPIRAL = 'dataset=spiral&hidden=8,8,8&activation=relu&seed=1&dataSeed=1';

/** name → where, at which size, and how many epochs to train first (through window.playground). */
const SHOTS = {
  'desktop': { path: '', viewport: DESKTOP, epochs: 60 },
  'phone': { path: '', viewport: PHONE, epochs: 60 },
  'dark-phone': { path: '#theme=dark', viewport: PHONE, epochs: 60 },
  'tablet': { path: '', viewport: TABLET, epochs: 60 },
  'regions': { path: `#${SPIRAL}&regions=1`, viewport: DESKTOP, epochs: 120 },
  'trace': {
    path: `#dataset=circle&hidden=8,8&learningRate=3&regions=1&trace=1&seed=1&dataSeed=1`,
    viewport: DESKTOP,
    epochs: 20,
  },
  'big-6x64': { path: '#dataset=spiral&hidden=64,64,64,64,64,64&seed=1&dataSeed=1', viewport: DESKTOP, epochs: 5 },
  'lesson-too-hot': { path: '#lesson=too-hot', viewport: DESKTOP, epochs: 0 },
  'lesson-too-hot-phone': { path: '#lesson=too-hot', viewport: PHONE, epochs: 0 },
  'lesson-folds': { path: '#lesson=folds', viewport: DESKTOP, epochs: 0 },
  'lesson-revive-tablet': { path: '#lesson=revive', viewport: TABLET, epochs: 0 },
  'embed': { path: `embed.html#${SPIRAL}`, viewport: { width: 720, height: 560 }, epochs: 60 },
  'tutorial': { path: 'tutorial.html', viewport: DESKTOP, epochs: 0, plain: true },
};

if (!haveBrowser) {
  console.error('screenshots.mjs: /usr/bin/chromium is missing');
  process.exit(2);
}
const wanted = process.argv.slice(2);
for (const name of wanted)
  if (!SHOTS[name]) throw new RangeError(`screenshots.mjs: no shot "${name}" (have ${Object.keys(SHOTS).join(', ')})`);
const out = join(repo, 'test-results', 'look');
await mkdir(out, { recursive: true });
const env = await setup();
try {
  for (const [name, shot] of Object.entries(SHOTS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const file = join(out, `${name}.png`);
    if (shot.plain) {
      const context = await env.browser.newContext({ viewport: shot.viewport });
      const page = await context.newPage();
      await page.goto(env.url + shot.path);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: file });
      await context.close();
    } else {
      const { page, context, problems } = await openPage(env.browser, env.url + shot.path, { viewport: shot.viewport });
      if (shot.epochs) await page.evaluate((n) => window.playground.step(n), shot.epochs);
      await page.waitForTimeout(400);
      await page.screenshot({ path: file });
      if (problems.length) console.error(`${name}: ${problems.join('; ')}`);
      await context.close();
    }
    console.log(file);
  }
} finally {
  await env.close();
}
