#!/usr/bin/env node
// page-cpu.mjs — the page's main-thread CPU time while training, per net (issue #18): what the
// page's own work costs, apart from the time its thread waits for a core. bench/page.mjs counts
// frames against the wall clock, and on a shared 2-core machine a busy worker (20 × 8 and 6 × 64
// keep theirs busy; 3 × 8's idles) and other processes take the main thread's core: fps falls
// although the page asks for no more work. A Chromium trace (devtools.timeline) gives each
// main-thread task's wall time and its thread (CPU) time; this prints, for 3 × 8, 20 × 8 and
// 6 × 64 (spiral, 4 epochs per frame), one JSON line each:
//   cpu_ms_per_s     main-thread CPU per second of training (1000 = a whole core)
//   cpu_ms_per_update  the same per painted update (map, network, chart, text)
//   wall_ms_per_s    the tasks' wall time per second (CPU plus waiting for a core)
//   by_event         CPU ms per second by trace event (script, paint, commit, layout, …)
// Usage: node bench/page-cpu.mjs [seconds] [trace]
//   trace: the same with trace mode on and a point traced (issue 15: z, gates and each link's
//   signal redrawn in the network view every frame); its lines say "mode": "trace".
import { loadavg } from 'node:os';
import { setup, openPage, haveBrowser } from '../tests/web/helpers.mjs';

const seconds = Number(process.argv[2] ?? 4);
const traced = process.argv[3] === 'trace';
if (!haveBrowser) {
  console.error('bench/page-cpu.mjs: /usr/bin/chromium is missing; skipped');
  process.exit(0);
}
const ONLY = process.env.PAGE_CPU_NET;
const NETS0 = { '3x8': '8,8,8', '20x8': Array(20).fill(8).join(','), '6x64': Array(6).fill(64).join(',') };

/** Trace `ms` of the page's training → the main thread's complete events (ph X). */
async function trace(page, context, ms) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await page.waitForTimeout(ms);
  await cdp.send('Tracing.end');
  await done;
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.name === 'FireAnimationFrame'),
  );
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
}

const NETS = Object.fromEntries(Object.entries(NETS0).filter(([k]) => !ONLY || k === ONLY));
const env = await setup();
try {
  for (const [net, hidden] of Object.entries(NETS)) {
    const { page, context } = await openPage(
      env.browser,
      `${env.url}#dataset=spiral&hidden=${hidden}&learningRate=0.03&batchSize=10&epochsPerFrame=4${traced ? '&trace=1' : ''}`,
    );
    if (traced) {
      const box = await page.locator('.out .map-overlay').boundingBox();
      await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
      await page.waitForSelector('.network .hidden-unit[data-gate]');
    }
    await page.evaluate(() => window.playground.play());
    await page.waitForTimeout(1500); // warm-up
    const f0 = await page.evaluate(() => window.playground.state().frames);
    const xs = await trace(page, context, seconds * 1000);
    const updates = (await page.evaluate(() => window.playground.state().frames)) - f0;
    const tasks = xs.filter((e) => e.name === 'RunTask');
    const cpu = tasks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
    const wall = tasks.reduce((a, e) => a + e.dur, 0) / 1000;
    const by = {};
    for (const e of xs)
      if (['FunctionCall', 'Paint', 'Commit', 'Layout', 'Layerize', 'UpdateLayoutTree', 'PrePaint'].includes(e.name))
        by[e.name] = Math.round(((by[e.name] ?? 0) + (e.tdur ?? 0) / 1000 / seconds) * 10) / 10;
    console.log(
      JSON.stringify({
        system: 'relu-lab',
        flavour: 'chromium',
        workload: 'page-cpu',
        net,
        ...(traced ? { mode: 'trace' } : {}),
        seconds,
        updates_per_s: Math.round((updates / seconds) * 10) / 10,
        cpu_ms_per_s: Math.round(cpu / seconds),
        cpu_ms_per_update: Math.round((cpu / Math.max(1, updates)) * 10) / 10,
        wall_ms_per_s: Math.round(wall / seconds),
        by_event: by,
        load_avg: loadavg()[0],
      }),
    );
    await context.close();
  }
} finally {
  await env.close();
}
