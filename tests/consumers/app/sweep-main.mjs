// sweep-main.mjs — consumer "node", part 2 (issue 16): lab.sweep from the installed package; its
// worker entry (js/sweep-worker.js) runs in worker_threads. Not bundled: bundled apps pass the
// entry their bundler emitted (options.worker: the vite and esbuild consumers, sweep-common.js).
import { load } from 'relu-lab';

const lab = await load();
const r = await lab.sweep(
  {
    dataset: { name: 'xor', samples: 100 },
    epochs: 5,
    vary: { field: 'train.learningRate', values: [0.03, 0.3] },
    seeds: 2,
    measure: ['testAccuracy'],
  },
  { workers: 2 },
);
const ok = r.records.length === 4 && r.live === 0 && lab.liveWorkers() === 0 && r.workers === 2;
console.log(JSON.stringify({ ok, runs: r.records.length, workers: r.workers, live: r.live }));
if (!ok) process.exit(1);
