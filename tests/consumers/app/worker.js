// worker.js — consumer 4: a module Worker that imports the installed package without a bundler
// (every import inside relu-lab is relative, so a static server is enough).
import { load } from './node_modules/relu-lab/js/index.js';

const lab = await load();
const data = lab.dataset({ name: 'xor', samples: 400, noise: 0, trainFraction: 0.5, seed: 1 });
const net = lab.network({ hidden: [8, 8], seed: 1 });
const m = net.train(data, { epochs: 60, learningRate: 0.03, batchSize: 10 });
net.dispose();
data.dispose();
postMessage({ simd: lab.simd, accuracy: m.testAccuracy, live: lab.liveObjects() });
