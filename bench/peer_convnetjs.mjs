// peer_convnetjs.mjs — ConvNetJS 0.3 (Karpathy) as a bench peer, used as its 2-D classification
// demo uses it: input 1×1×2, fc layers with an activation, a 2-class softmax head (ConvNetJS has
// no sigmoid loss layer; softmax over 2 classes is the same model with one more output row),
// new convnetjs.Trainer(net, { method: 'sgd', learning_rate, batch_size: 10, momentum: 0,
// l2_decay: 0 }) and trainer.train(vol, label) once per point; one Vol per point made up front,
// and one reused Vol for rendering (net.forward(vol).w[1]). bias_pref is set to the bias init (0)
// so that W4 starts from the same kind of net (ConvNetJS adds 0.1 to ReLU biases by default).
import convnetjs from 'convnetjs';
import { shuffler } from './common.mjs';

export const system = 'convnetjs';
export const flavour = 'js';
export const renderMethod = 'net.forward(vol) per point';
let vols = null,
  labels = null;

export async function setup(data) {
  const { x, y, label } = data.train;
  vols = Array.from(x, (_, i) => new convnetjs.Vol([x[i], y[i]]));
  labels = Array.from(label, (l) => (l > 0.5 ? 1 : 0));
}

export function makeNet(activation, { hidden, seed = 1, biasInit = 0 }) {
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }];
  for (const units of hidden) defs.push({ type: 'fc', num_neurons: units, activation, bias_pref: biasInit });
  defs.push({ type: 'softmax', num_classes: 2 });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  return {
    net,
    trainer: new convnetjs.Trainer(net, {
      method: 'sgd',
      learning_rate: 0.03,
      batch_size: 10,
      momentum: 0,
      l2_decay: 0,
    }),
    order: shuffler(vols.length, seed + 7),
    vol: new convnetjs.Vol(1, 1, 2, 0),
  };
}

export const trainers = [
  {
    method: 'Trainer sgd batch_size 10, trainer.train(vol, label) per point',
    epochsPerCall: 1,
    run(m) {
      const o = m.order.shuffle();
      for (let i = 0; i < o.length; ++i) m.trainer.train(vols[o[i]], labels[o[i]]);
    },
  },
];

export const grid = (g) => ({ ...g, out: new Float32Array(g.n) });

export function render(m, g) {
  const { xs, ys, out, n } = g;
  const v = m.vol;
  for (let i = 0; i < n; ++i) {
    v.w[0] = xs[i];
    v.w[1] = ys[i];
    out[i] = m.net.forward(v, false).w[1];
  }
  return out;
}

/** Hidden units' activations: the out_act of each activation layer after a forward. */
export function unitMaps(m, g) {
  const { xs, ys, n } = g;
  const acts = m.net.layers.filter((L) => L.layer_type === 'relu' || L.layer_type === 'tanh');
  g.units ??= acts.flatMap((L) => Array.from({ length: L.out_depth }, () => new Float32Array(n)));
  const maps = g.units;
  const v = m.vol;
  for (let i = 0; i < n; ++i) {
    v.w[0] = xs[i];
    v.w[1] = ys[i];
    m.net.forward(v, false);
    let k = 0;
    for (const L of acts) for (let u = 0; u < L.out_depth; ++u) maps[k++][i] = L.out_act.w[u];
  }
  return maps;
}

export function accuracy(m, test) {
  let ok = 0;
  for (let i = 0; i < test.x.length; ++i) {
    m.vol.w[0] = test.x[i];
    m.vol.w[1] = test.y[i];
    ok += m.net.forward(m.vol, false).w[1] > 0.5 === test.label[i] > 0.5;
  }
  return ok / test.x.length;
}

export function dispose() {}
