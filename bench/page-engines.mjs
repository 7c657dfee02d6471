// page-engines.mjs — bench/page.mjs's figures in Firefox and WebKit (tests/engines/engines.mjs
// launches them: Debian's firefox-esr headless, WebKitGTK's MiniBrowser under Xvfb). One JSON
// line per engine and case, workload "page-engine":
//   load      first_map_ms (navigation → first painted map), longest_task_ms while loading
//   train     per case (1 model; 4 twins): fps (animation frames/s), epochs_per_s,
//             longest_task_ms while training
// The longest task is the longest gap of bench/heartbeat.js's setTimeout chain (±4 ms): neither
// engine has the Long Tasks API that bench/page.mjs uses in Chromium. WebKit under Xvfb paints
// in software (no GPU compositing), so its fps is a floor, not what Safari on a Mac shows: each
// line says so in `rendering`.
import { ENGINES, launch, serveSite, waitFor } from '../tests/engines/engines.mjs';

const RENDERING = { firefox: 'headless', webkit: 'Xvfb, software rendering' };

async function load(tab, url) {
  await tab.goto('about:blank');
  await tab.goto(url);
  await waitFor(tab, () => performance.getEntriesByName('relu-lab:first-map').length > 0, null, {
    timeout: 60_000,
    what: 'the first map',
  });
  return tab.run(() => ({
    map: performance.getEntriesByName('relu-lab:first-map')[0].startTime,
    longest: Math.max(0, ...window.__heartbeat.gaps.map((g) => g.ms)),
  }));
}

/** Play for `seconds`; → fps, epochs/s, the longest task meanwhile. */
function train(tab, seconds) {
  return tab.run(async (ms) => {
    await window.playground.ready;
    const pg = window.playground;
    pg.play();
    await new Promise((r) => setTimeout(r, 300)); // warm-up
    const a = pg.state();
    const t0 = performance.now();
    let frames = 0;
    await new Promise((done) => {
      const f = (t) => {
        frames++;
        if (t - t0 < ms) requestAnimationFrame(f);
        else done();
      };
      requestAnimationFrame(f);
    });
    const dt = (performance.now() - t0) / 1000;
    const b = pg.state();
    pg.pause();
    const longest = Math.max(0, ...window.__heartbeat.gaps.filter((g) => g.at > t0).map((g) => g.ms));
    return { fps: frames / dt, epochs: (b.epoch - a.epoch) / dt, longest, models: b.models.length };
  }, seconds * 1000);
}

/** Measure each available engine; line(fields) prints one JSON line. */
export async function benchEngines({ seconds, cases, loadHash, line }) {
  const env = await serveSite({ heartbeat: true });
  try {
    for (const name of ['firefox', 'webkit']) {
      if (!ENGINES[name].available) {
        console.error(`bench/page-engines.mjs: ${name} skipped: ${ENGINES[name].missing}`);
        continue;
      }
      const browser = await launch(name);
      try {
        await browser.tab.viewport(1400, 1000);
        const loads = [];
        for (let k = 0; k < 3; k++) loads.push(await load(browser.tab, `${env.site}#${loadHash}`));
        const common = { flavour: name, browser: browser.version, rendering: RENDERING[name], workload: 'page-engine' };
        line({
          ...common,
          phase: 'load',
          first_map_ms: loads.map((l) => l.map).sort((a, b) => a - b)[1],
          first_map_ms_all: loads.map((l) => Math.round(l.map)),
          longest_task_ms: Math.max(...loads.map((l) => l.longest)),
        });
        for (const c of cases) {
          await load(browser.tab, `${env.site}#${c.hash}`);
          const r = await train(browser.tab, seconds);
          line({
            ...common,
            phase: 'train',
            twins: r.models,
            seconds,
            fps: r.fps,
            epochs_per_s: r.epochs,
            longest_task_ms: r.longest,
          });
        }
        const problems = [...(await browser.tab.run(() => window.__probe.errors)), ...env.problems.splice(0)];
        if (problems.length) console.error(`bench/page-engines.mjs: ${name}: ${problems.join('; ')}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await env.close();
  }
}
