// folds.mjs — how many linear pieces a 2-8-8-1 ReLU net draws on the circle (TF Playground's
// set-up) at initialisation, after 200 epochs at learning rate 0.03, and after 10 epochs at
// learning rate 3 (which kills units): net.regions over a 256 × 256 grid of the window, 30 seeds.
// Prints one JSON line per case: the mean, min and max count and the mean number of dead units.
// Usage: node bench/survey/folds.mjs [--seeds 30]
import { load } from '../../js/index.js';

const seeds = Number(process.argv[process.argv.indexOf('--seeds') + 1]) || 30;
const lab = await load();
const NET = { hidden: [8, 8], activation: 'relu', init: 'uniform', initScale: 0.5, biasInit: 0.1, output: 'tanh' };
const CASES = [
  { case: 'init', learningRate: 0.03, epochs: 0 },
  { case: 'trained, learning rate 0.03', learningRate: 0.03, epochs: 200 },
  { case: 'learning rate 3', learningRate: 3, epochs: 10 },
];
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
for (const c of CASES) {
  const counts = [],
    dead = [];
  for (let s = 1; s <= seeds; ++s) {
    const data = lab.dataset({ name: 'circle', seed: s });
    const net = lab.network({ ...NET, seed: s });
    if (c.epochs) net.train(data, { epochs: c.epochs, learningRate: c.learningRate });
    counts.push(net.regions({ width: 256, height: 256 }).count);
    dead.push(net.health(data).deadUnits);
    net.dispose();
    data.dispose();
  }
  console.log(
    JSON.stringify({
      survey: 'folds',
      ...c,
      seeds,
      regions_mean: Number(mean(counts).toFixed(1)),
      regions_min: Math.min(...counts),
      regions_max: Math.max(...counts),
      dead_units_mean: Number(mean(dead).toFixed(2)),
      of_units: 16,
    }),
  );
}
