// sweep.mjs — lab.sweep on every core (issue 16): the circle 2-8-8-1 net (TF Playground's set-up),
// learning rate ∈ {0.01, 0.03, 0.1, 0.3, 1, 3} × 30 seeds × 200 epochs, with 1 and with 2 workers
// (each worker loads its own engine; loading is part of the time, as a user waits for it).
// JSON lines: one per worker count { seconds, runs_per_s }, then the ratio line (target ≥ 1.8×
// with 2 workers on a 2-core machine) and whether both sweeps gave the same records.
import { isDeepStrictEqual } from 'node:util';
import { load } from 'relu-lab';
import { line } from './common.mjs';

const SPEC = {
  dataset: { name: 'circle' },
  network: { hidden: [8, 8], init: 'uniform', initScale: 0.5, biasInit: 0.1, output: 'tanh' },
  epochs: 200,
  vary: { field: 'train.learningRate', values: [0.01, 0.03, 0.1, 0.3, 1, 3] },
  seeds: 30,
  measure: ['deadOnData', 'testAccuracy'],
};

const lab = await load();
await lab.sweep({ ...SPEC, vary: undefined, seeds: 2, epochs: 5 }, { workers: 2 }); // warm the module cache
const results = {};
for (const workers of [1, 2]) {
  const t0 = performance.now();
  const r = await lab.sweep(SPEC, { workers });
  const seconds = (performance.now() - t0) / 1000;
  results[workers] = r;
  line({
    system: 'relu-lab',
    workload: 'sweep circle 2-8-8-1, 6 lr × 30 seeds × 200 epochs',
    workers,
    runs: r.records.length,
    seconds: Number(seconds.toFixed(3)),
    runs_per_s: Number((r.records.length / seconds).toFixed(1)),
  });
  results[workers].seconds = seconds;
}
const speedup = results[1].seconds / results[2].seconds;
console.log(
  JSON.stringify({
    ratio: 'sweep speedup, 2 workers vs 1',
    value: Number(speedup.toPrecision(3)),
    target: 1.8,
    cmp: '>=',
    met: speedup >= 1.8,
    same_records: isDeepStrictEqual(results[1].records, results[2].records),
  }),
);
