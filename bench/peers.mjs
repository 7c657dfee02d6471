#!/usr/bin/env node
// peers.mjs — the same workloads, through other systems, with one timing rule (common.mjs):
//   node bench/peers.mjs plainjs|convnetjs|tfjs-cpu|tfjs-wasm [--only W1,W2] [--seconds 1]
// Every system trains on the engine's spiral (the same 250 points, read through the facade), the
// same 2→8→8→8→1 net, batch 10, SGD lr 0.03, reshuffled every epoch, with its own idiomatic API
// (see the adapters: bench/peer_*.mjs). One JSON line per (system, flavour, workload, activation).
//   W1  epochs/s (one epoch = 250 points = 25 updates); every training method the system offers
//   W2  forward over the 256×256 grid: grids/s, points/s
//   W3  a UI frame: 512×512 map + every hidden unit's 64×64 map + health statistics (dead on
//       data / on the plane, activation rate, mean |a| per unit) computed from the activations
//   W4  1,000 random inits of a 10×2 ReLU net (bias 0), each on a 41×41 grid: seconds (a system
//       too slow to finish within W4_CAP_S is extrapolated from the inits it ran; the line says so)
import {
  HIDDEN,
  TRAIN,
  W2,
  W3,
  W4,
  args,
  gridPoints,
  line,
  measure,
  measureAsync,
  spiral,
  unitStats,
} from './common.mjs';

const W4_CAP_S = 6;
const opt = args();
const which = opt.positional[0];
const adapters = {
  'plainjs': () => import('./peer_plainjs.mjs'),
  'convnetjs': () => import('./peer_convnetjs.mjs'),
  'tfjs-cpu': () => import('./peer_tfjs.mjs').then((m) => m.adapter('cpu')),
  'tfjs-wasm': () => import('./peer_tfjs.mjs').then((m) => m.adapter('wasm')),
};
if (!adapters[which]) {
  console.error(`usage: node bench/peers.mjs ${Object.keys(adapters).join('|')} [--only W1,W2,W3,W4]`);
  process.exit(2);
}
const A = await adapters[which]();
const data = await spiral();
await A.setup(data);
const base = { system: A.system, flavour: A.flavour };

if (opt.wants('W1')) {
  for (const activation of opt.activations) {
    for (const t of A.trainers) {
      const net = A.makeNet(activation, { hidden: HIDDEN, seed: 1 });
      const o = { seconds: opt.seconds * (t.seconds ?? 1), warmup: t.warmup ?? 20, units: t.epochsPerCall };
      const r = t.async ? await measureAsync(() => t.run(net, TRAIN), o) : measure(() => t.run(net, TRAIN), o);
      const acc = await A.accuracy(net, data.test);
      line({
        ...base,
        workload: 'W1',
        activation,
        method: t.method,
        epochs_per_s: r.median,
        epochs_per_s_best: r.best,
        test_accuracy: acc,
        epochs_trained: (r.calls + o.warmup) * t.epochsPerCall,
      });
      A.dispose(net);
    }
  }
}

const grids = new Map();
const grid = (w, h, domain) => {
  const key = `${w}x${h}:${domain}`;
  if (!grids.has(key)) grids.set(key, A.grid(gridPoints(w, h, domain)));
  return grids.get(key);
};

if (opt.wants('W2')) {
  const g = grid(W2.width, W2.height, W2.domain);
  for (const activation of opt.activations) {
    const net = A.makeNet(activation, { hidden: HIDDEN, seed: 1 });
    const r = measure(() => A.render(net, g), { seconds: opt.seconds, warmup: A.w2Warmup ?? 5 });
    line({
      ...base,
      workload: 'W2',
      activation,
      method: A.renderMethod,
      grids_per_s: r.median,
      grids_per_s_best: r.best,
      points_per_s: r.median * g.n,
    });
    A.dispose(net);
  }
}

if (opt.wants('W3')) {
  const big = grid(W3.map, W3.map, W2.domain),
    tiles = grid(W3.tile, W3.tile, W2.domain);
  const dataGrid = A.grid({ xs: data.train.x, ys: data.train.y, n: data.train.x.length });
  for (const activation of opt.activations) {
    const net = A.makeNet(activation, { hidden: HIDDEN, seed: 1 });
    for (let e = 0; e < 5; ++e) await A.trainers[0].run(net, TRAIN); // a trained net, as a UI shows it
    let dead = 0,
      deadOnPlane = 0;
    const frame = () => {
      A.render(net, big);
      const plane = A.unitMaps(net, tiles); // [unit] → Float32Array of 64·64
      const onData = A.unitMaps(net, dataGrid);
      dead = deadOnPlane = 0;
      for (let u = 0; u < onData.length; ++u) {
        dead += unitStats(onData[u], dataGrid.n).dead;
        deadOnPlane += unitStats(plane[u], tiles.n).dead;
      }
    };
    const r = measure(frame, { seconds: opt.seconds, warmup: 3 });
    line({
      ...base,
      workload: 'W3',
      activation,
      frames_per_s: r.median,
      frames_per_s_best: r.best,
      ms_per_frame: 1000 / r.median,
      dead_units: dead,
      dead_on_plane: deadOnPlane,
    });
    A.dispose(net);
  }
}

if (opt.wants('W4')) {
  const g = grid(W4.grid, W4.grid, W4.domain);
  const hidden = Array(W4.layers).fill(W4.width);
  const one = (s) => {
    const net = A.makeNet('relu', { hidden, seed: s + 1, biasInit: 0 });
    const out = A.render(net, g);
    A.dispose(net);
    let flat = true;
    for (let i = 1; i < out.length && flat; ++i) flat = out[i] === out[0];
    return flat;
  };
  for (let s = 0; s < 20; ++s) one(10000 + s); // warm up
  let constant = 0,
    done = 0;
  const t0 = performance.now();
  while (done < W4.inits && performance.now() - t0 < W4_CAP_S * 1000) constant += one(done++);
  const elapsed = (performance.now() - t0) / 1000;
  const fields = {
    ...base,
    workload: 'W4',
    seconds: (elapsed * W4.inits) / done,
    inits: done,
    constant_maps: constant,
  };
  if (done < W4.inits) fields.extrapolated_from = done;
  line(fields);
}
await A.close?.();
