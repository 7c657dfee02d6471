// xor.js — what every consumer runs: load relu-lab, train XOR, report. Copied into each project.
import { load } from 'relu-lab';

/** Train a 2-8-8-1 ReLU net on XOR; returns what the runner checks. */
export async function trainXor() {
  const t0 = performance.now();
  const lab = await load();
  const data = lab.dataset({ name: 'xor', samples: 400, noise: 0, trainFraction: 0.5, seed: 1 });
  const net = lab.network({ hidden: [8, 8], activation: 'relu', output: 'sigmoid', seed: 1 });
  const m = net.train(data, { epochs: 60, learningRate: 0.03, batchSize: 10 });
  const p = net.predict(new Float32Array([3, 3, -3, 3]));
  net.dispose();
  data.dispose();
  return {
    simd: lab.simd,
    accuracy: m.testAccuracy,
    predictions: Array.from(p),
    live: lab.liveObjects(),
    ms: Math.round(performance.now() - t0),
  };
}
