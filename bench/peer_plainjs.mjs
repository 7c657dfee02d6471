// peer_plainjs.mjs — the plain Float32Array JavaScript MLP (bench/plain_mlp.mjs) as a bench peer.
import { PlainMLP, trainEpoch } from './plain_mlp.mjs';
import { shuffler } from './common.mjs';

export const system = 'plainjs';
export const flavour = 'js';
export const renderMethod = 'forward per point';
let train = null;

export async function setup(data) {
  train = data.train;
}

export function makeNet(activation, { hidden, seed = 1, biasInit = 0 }) {
  const net = new PlainMLP([2, ...hidden, 1], activation, { seed, biasInit });
  net.order = shuffler(train.x.length, seed + 7);
  return net;
}

export const trainers = [
  {
    method: 'per-sample backprop, SGD per batch',
    epochsPerCall: 1,
    run: (net, t) => trainEpoch(net, train, net.order, t),
  },
];

export const grid = (g) => ({ ...g, out: new Float32Array(g.n) });

export function render(net, g) {
  const { xs, ys, out, n } = g;
  for (let i = 0; i < n; ++i) out[i] = net.predict(xs[i], ys[i]);
  return out;
}

/** Every hidden unit's activation over the points: [unit] → Float32Array(n). */
export function unitMaps(net, g) {
  const { xs, ys, n } = g;
  g.units ??= net.sizes.slice(1, -1).flatMap((u) => Array.from({ length: u }, () => new Float32Array(n)));
  const maps = g.units;
  for (let i = 0; i < n; ++i) {
    net.forward(xs[i], ys[i]);
    let k = 0;
    for (let l = 1; l < net.L; ++l) {
      const a = net.a[l];
      for (let u = 0; u < a.length; ++u) maps[k++][i] = a[u];
    }
  }
  return maps;
}

export function accuracy(net, test) {
  let ok = 0;
  for (let i = 0; i < test.x.length; ++i) ok += net.predict(test.x[i], test.y[i]) > 0.5 === test.label[i] > 0.5;
  return ok / test.x.length;
}

export function dispose() {}
