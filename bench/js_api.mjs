#!/usr/bin/env node
// js_api.mjs — the engine's workloads measured through the public JS API (what a page pays),
// one JSON line per result, in the shape of engine_bench's lines:
//   load  time of load() (glue import + wasm instantiation), first and repeated
//   W1    train: spiral, 250 training points, 2-8-8-8-1 ReLU, batch 10, SGD lr 0.03: epochs/s,
//         one trainEpoch() call per epoch (the page's per-frame call) and one train({ epochs })
//   W2    render: decisionMap 256×256 of that net: maps/s
// Usage: node bench/js_api.mjs [seconds per measurement, default 1]   (needs dist/wasm built)
import { load } from 'relu-lab';

const seconds = Number(process.argv[2] ?? 1);

// Runs fn (which does `n` units of work per call) for about `seconds`; returns units per second.
function rate(fn, n = 1) {
  fn(); // warm up
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) fn(), ++calls;
  return (calls * n * 1000) / (performance.now() - t0);
}

const line = (flavour, workload, fields) =>
  console.log(JSON.stringify({ system: 'relu-lab-js', flavour, workload, ...fields }));

for (const simd of [true, false]) {
  const flavour = simd ? 'simd' : 'scalar';
  let t0 = performance.now();
  const lab = await load({ simd });
  const first = performance.now() - t0;
  t0 = performance.now();
  await load({ simd });
  line(flavour, 'load', { first_ms: +first.toFixed(1), again_ms: +(performance.now() - t0).toFixed(1) });

  const data = lab.dataset({ name: 'spiral', samples: 500, noise: 0, trainFraction: 0.5, seed: 1 });
  const net = lab.network({ hidden: [8, 8, 8], activation: 'relu', output: 'sigmoid', seed: 1 });
  const opts = { learningRate: 0.03, batchSize: 10, optimizer: 'sgd' };
  const perCall = rate(() => net.trainEpoch(data, opts));
  const batched = rate(() => net.train(data, { ...opts, epochs: 100 }), 100);
  line(flavour, 'W1', {
    train_points: data.trainSize,
    epochs_per_s_trainEpoch: +perCall.toFixed(1),
    epochs_per_s_train100: +batched.toFixed(1),
    test_accuracy: +net.evaluate(data).testAccuracy.toFixed(3),
  });

  const grid = { width: 256, height: 256, domain: [-6, 6, -6, 6] };
  const maps = rate(() => net.decisionMap(grid));
  line(flavour, 'W2', { maps_per_s: +maps.toFixed(1), points_per_s: +(maps * 256 * 256).toPrecision(4) });
  net.dispose();
  data.dispose();
}
