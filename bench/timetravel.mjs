#!/usr/bin/env node
// timetravel.mjs — seeking in a run (relu-lab/history) of the page's default net, through the npm
// API: a Run of circle (500 samples, half for training), 2→8→8→8→1 ReLU, SGD lr 0.03, batch 10,
// trained 10,000 epochs with the default snapshot policy; then run.seek to past epochs: every
// epoch of the last 100, and 200 spread over the whole run (seeded). A seek clones the nearest
// snapshot and replays from it, so its cost is the gap between snapshots at that age.
// Prints one JSON line per flavour (seek ms: median, 95th percentile, worst; snapshots held and
// their bytes) and a ratio line against the target (worst seek at epoch 10,000 ≤ 50 ms).
// Then run.health()'s diedAtStep: the same net at learning rate 3 (units die), 200 epochs: the
// first call walks step by step through the epochs around each death (cold), a second one reads
// what it found (warm); one JSON line per flavour, no target. Last, 4 twins trained as Runs (as
// the page trains every model) against net.train: a ratio line, no target.
// Usage: node bench/timetravel.mjs [--epochs 10000]
import { load } from 'relu-lab';
import { Run } from 'relu-lab/history';
import { line } from './common.mjs';

const EPOCHS = Number(process.argv[process.argv.indexOf('--epochs') + 1]) || 10000;
const TARGET_MS = 50;
const SETUP = {
  data: { name: 'circle', samples: 500 },
  network: { hidden: [8, 8, 8] },
  train: { learningRate: 0.03, batchSize: 10 },
};

for (const simd of [true, false]) {
  const flavour = simd ? 'simd' : 'scalar';
  const lab = await load({ simd });
  const run = new Run(lab, SETUP);
  let t0 = performance.now();
  for (let e = 0; e < EPOCHS; ++e) run.trainEpoch();
  const trainMs = performance.now() - t0;
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const targets = [
    ...Array.from({ length: 100 }, (_, i) => EPOCHS - 1 - i),
    ...Array.from({ length: 200 }, () => Math.floor(random() * EPOCHS)),
  ];
  const ms = [];
  for (const epoch of targets) {
    t0 = performance.now();
    const s = run.seek(run.clockOfEpoch(epoch));
    ms.push(performance.now() - t0);
    s.net.dispose();
    s.data.dispose();
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  const { list, bytes, budgetBytes } = run.snapshots;
  line({
    system: 'relu-lab',
    flavour,
    workload: 'seek',
    epochs: EPOCHS,
    train_ms: trainMs,
    seeks: ms.length,
    seek_ms_median: at(0.5),
    seek_ms_p95: at(0.95),
    seek_ms_worst: ms.at(-1),
    snapshots: list.length,
    snapshot_bytes: bytes,
    budget_bytes: budgetBytes,
  });
  console.log(
    JSON.stringify({
      ratio: `seek at epoch ${EPOCHS}, worst of ${ms.length} (${flavour}, ms)`,
      value: Number(ms.at(-1).toPrecision(3)),
      target: TARGET_MS,
      cmp: '<=',
      met: ms.at(-1) <= TARGET_MS,
    }),
  );
  run.dispose();

  const hot = new Run(lab, { ...SETUP, train: { ...SETUP.train, learningRate: 3 } });
  for (let e = 0; e < 200; ++e) hot.trainEpoch();
  t0 = performance.now();
  const h = hot.health();
  const cold = performance.now() - t0;
  t0 = performance.now();
  hot.health();
  const warm = performance.now() - t0;
  const found = h.layers.reduce((n, L) => n + L.diedAtStep.filter((x) => x !== null).length, 0);
  line({ system: 'relu-lab', flavour, workload: 'diedAtStep', epochs: 200, dead: found, cold_ms: cold, warm_ms: warm });
  hot.dispose();

  // what keeping a run costs in training: the page trains every model (compare mode's 4 twins
  // too) as a Run, an epoch at a time with a snapshot each, against net.train of the same epochs
  const data = lab.dataset(SETUP.data);
  const nets = Array.from({ length: 4 }, () => lab.network(SETUP.network));
  t0 = performance.now();
  for (const n of nets) n.train(data, { ...SETUP.train, epochs: 500 });
  const plainMs = performance.now() - t0;
  const twins = Array.from({ length: 4 }, () => new Run(lab, SETUP, { budgetBytes: 8 << 20 }));
  t0 = performance.now();
  for (const r of twins) for (let e = 0; e < 500; ++e) r.trainEpoch();
  const runMs = performance.now() - t0;
  line({
    system: 'relu-lab',
    flavour,
    workload: 'twins-as-runs',
    twins: 4,
    epochs: 500,
    train_ms: plainMs,
    run_ms: runMs,
  });
  console.log(
    JSON.stringify({
      ratio: `4 twins × 500 epochs as Runs / net.train (${flavour})`,
      value: Number((runMs / plainMs).toPrecision(3)),
    }),
  );
  [...nets, ...twins, data].forEach((x) => x.dispose());
}
