#!/usr/bin/env node
// sweep-page.mjs — does the page keep painting while a sweep runs in its workers (issue 16)?
// Headless Debian chromium loads the built page with a Sweep in its hash, starts it and counts
// animation frames on the main thread over the sweep (fps, and the longest gap between two
// frames), against the same count with the page idle. JSON lines; the ratio line's target is
// 60 fps. Usage: node bench/sweep-page.mjs [seconds]
// Hazard: on a 2-core machine the sweep's workers take both cores; other load shows directly (the
// load average is printed).
import { loadavg } from 'node:os';
import { setup, openPage, haveBrowser } from '../tests/web/helpers.mjs';

const seconds = Number(process.argv[2] ?? 3);
if (!haveBrowser) {
  console.error('bench/sweep-page.mjs: /usr/bin/chromium is missing; skipped');
  process.exit(0);
}
const SWEEP = 'learningRate:0.01/0.03/0.1/0.3/1/3|seeds:60|epochs:300|measure:deadOnData/testAccuracy';

/** Animation frames over `ms` on the page: fps and the longest gap. */
const frames = (page, ms) =>
  page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const t = [];
        const tick = (now) => {
          t.push(now);
          if (now - t[0] < ms) requestAnimationFrame(tick);
          else {
            let gap = 0;
            for (let i = 1; i < t.length; ++i) gap = Math.max(gap, t[i] - t[i - 1]);
            resolve({ fps: ((t.length - 1) * 1000) / (t.at(-1) - t[0]), max_gap_ms: gap });
          }
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );

const env = await setup();
try {
  const { page, context } = await openPage(env.browser, `${env.url}#dataset=circle&sweep=${encodeURIComponent(SWEEP)}`);
  const idle = await frames(page, seconds * 1000);
  await page.click('.sweep-run');
  await page.waitForFunction(() => Number(document.querySelector('.sweep-panel .measure-bar').value) >= 2);
  const busy = await frames(page, seconds * 1000);
  const state = await page.evaluate(() => document.querySelector('.sweep-panel').dataset.state);
  await page.click('.sweep-panel .measure-cancel').catch(() => {});
  await context.close();
  const base = { system: 'relu-lab', flavour: 'chromium', workload: 'page while a sweep runs', load_avg: loadavg()[0] };
  console.log(JSON.stringify({ ...base, case: 'idle', ...idle }));
  console.log(JSON.stringify({ ...base, case: 'sweep running', still_running: state === 'running', ...busy }));
  console.log(
    JSON.stringify({
      ratio: 'page fps while a sweep runs',
      value: Number(busy.fps.toPrecision(3)),
      target: 60,
      cmp: '>=',
      met: busy.fps >= 59.5,
    }),
  );
} finally {
  await env.close();
}
