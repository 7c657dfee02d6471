#!/usr/bin/env node
// chromium.mjs — the kernels in the browser: the SIMD128 peak (bench/peak.mjs's bytes) and the
// facade's W2 and W3 (as bench/relu_lab.mjs measures them in node), run on the main thread of the
// real page's origin (dist/site served on a loopback port by tests/web/helpers.mjs, Debian's
// chromium through playwright-core), with common.mjs's timing rule. The page itself (fps, long
// tasks, first map) is bench/page.mjs.
// Usage: node bench/chromium.mjs [--seconds 1]
import { haveBrowser, setup } from '../tests/web/helpers.mjs';
import { DATA, HIDDEN, TRAIN, W2, W3, FLOP_PER_POINT, SLICE_MS, args, line } from './common.mjs';
import { FLOP_PER_ITER, peakModuleBytes } from './peak.mjs';

const opt = args();
if (!haveBrowser) {
  console.error('chromium: no chromium at /usr/bin/chromium (CHROMIUM_PATH): skipped');
  process.exit(0);
}

// Runs in the page.
async function inPage({ peakBytes, flopPerIter, W2, W3, DATA, HIDDEN, TRAIN, SLICE_MS, seconds }) {
  const measure = (fn, units = 1, warmup = 10) => {
    for (let i = 0; i < warmup; ++i) fn();
    const rates = [];
    let batch = 1;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < seconds * 1000 || rates.length < 3) {
      const s = performance.now();
      for (let i = 0; i < batch; ++i) fn();
      t = performance.now();
      const dt = t - s;
      if (dt < SLICE_MS / 4 && rates.length === 0) {
        batch *= 2;
        continue;
      }
      rates.push((batch * units * 1000) / dt);
      if (dt < SLICE_MS / 2) batch *= 2;
    }
    rates.sort((a, b) => a - b);
    return { median: rates[rates.length >> 1], best: rates[rates.length - 1] };
  };
  const { instance } = await WebAssembly.instantiate(new Uint8Array(peakBytes));
  let sink = 0;
  const iters = 20000;
  const p = measure(
    () => {
      sink += instance.exports.peak(iters, 0.999, 0.0001);
    },
    iters * flopPerIter,
    50,
  );
  const { load } = await import('/relu-lab/index.js');
  const lab = await load();
  const data = lab.dataset(DATA);
  const out = { simd: lab.simd, peak: { median: p.median / 1e9, best: p.best / 1e9 }, sink };
  for (const activation of ['relu', 'tanh']) {
    const net = lab.network({ hidden: HIDDEN, activation, seed: 1 });
    const buffer = new Float32Array(W2.width * W2.height); // the per-frame call, as in relu_lab.mjs
    out[`W2_${activation}`] = measure(() => net.decisionMap(W2, buffer), 1, 20);
    net.train(data, { ...TRAIN, epochs: 20 });
    const map = { width: W3.map, height: W3.map, domain: W2.domain };
    const tiles = { width: W3.tile, height: W3.tile, domain: W2.domain };
    out[`W3_${activation}`] = measure(
      () => {
        net.decisionMap(map);
        net.unitMaps(tiles);
        net.health(data);
      },
      1,
      5,
    );
    net.dispose();
  }
  data.dispose();
  return out;
}

const env = await setup();
try {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}favicon.svg`); // the site's origin and CSP, without the page's own work
  const r = await page.evaluate(inPage, {
    peakBytes: Array.from(peakModuleBytes()),
    flopPerIter: FLOP_PER_ITER,
    W2,
    W3,
    DATA,
    HIDDEN,
    TRAIN,
    SLICE_MS,
    seconds: opt.seconds,
  });
  const system = 'relu-lab',
    flavour = 'chromium',
    where = 'chromium main thread';
  line({
    system: 'wasm-peak',
    flavour: 'simd128',
    workload: 'peak',
    where: 'chromium',
    gflops: r.peak.median,
    gflops_best: r.peak.best,
  });
  const gflops = (g) => (g * W2.width * W2.height * FLOP_PER_POINT) / 1e9;
  for (const activation of ['relu', 'tanh']) {
    const g = r[`W2_${activation}`],
      f = r[`W3_${activation}`];
    line({
      system,
      flavour,
      workload: 'W2',
      activation,
      where,
      simd: r.simd,
      grids_per_s: g.median,
      grids_per_s_best: g.best,
      points_per_s: g.median * W2.width * W2.height,
      gflops: gflops(g.median),
      gflops_best: gflops(g.best),
    });
    line({
      system,
      flavour,
      workload: 'W3',
      activation,
      where,
      simd: r.simd,
      frames_per_s: f.median,
      frames_per_s_best: f.best,
      ms_per_frame: 1000 / f.median,
    });
  }
  await context.close();
} finally {
  await env.close();
}
