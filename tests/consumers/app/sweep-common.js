// sweep-common.js — consumers "vite" and "esbuild" (issue 16): a small lab.sweep on 2 workers in
// the browser, whose worker entry the app's bundler emitted from 'relu-lab/sweep-worker' (how each
// bundler names it is in sweep-vite.js / sweep-esbuild.js). The runner compares the records with
// the same sweep in Node (sweep-node.mjs): the same seeds must give the same bits.
import { load } from 'relu-lab';

export const SPEC = {
  dataset: { name: 'xor', samples: 100 },
  network: { hidden: [8, 8] },
  epochs: 5,
  vary: { field: 'train.learningRate', values: [0.03, 3] },
  seeds: 2,
  measure: ['trainLoss', 'testAccuracy', 'deadOnData', 'regions'],
};

/** Run SPEC on 2 workers made by `worker` (options.worker) and report what the runner checks. */
export async function sweepIn(worker) {
  const lab = await load();
  const r = await lab.sweep(SPEC, { workers: 2, worker });
  return { simd: lab.simd, workers: r.workers, live: r.live, liveWorkers: lab.liveWorkers(), records: r.records };
}

/** Show a result (or the error) in #result, where the runner reads it. */
export function show(promise) {
  const out = document.getElementById('result');
  promise.then(
    (r) => (out.textContent = JSON.stringify(r)),
    (e) => (out.textContent = JSON.stringify({ error: String((e && e.stack) || e) })),
  );
}
