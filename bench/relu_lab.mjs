#!/usr/bin/env node
// relu_lab.mjs — relu-lab measured through its public npm API (`import { load } from 'relu-lab'`),
// i.e. what a page or a node program pays, for both flavours (SIMD128 and scalar):
//   load   first load() (glue import + wasm compile + instantiate) and a repeated one
//   peak   the SIMD128 ceiling (bench/peak.mjs), measured in this process right before W2
//   W1     epochs/s: net.trainEpoch(data, opts) once per epoch (the ratios use this one: it
//          pays a JS→wasm call, option checks and a metrics object every epoch), and
//          net.train(data, { epochs: 100 }) (what the page calls per frame)
//   W2     net.decisionMap(256×256, out) into one buffer (and W2-new-array: a new array per
//          map): grids/s, points/s, GFLOPS (304 FLOP a point)
//   W3     one UI frame: decisionMap 512×512 + unitMaps 64×64 + health(data): frames/s
//   W4     1,000 × (lab.network 10×2 ReLU, bias 0, seed s → decisionMap 41×41 → dispose): seconds
// Usage: node bench/relu_lab.mjs [--only W1,W2] [--activations relu,tanh] [--seconds 1]
import { load } from 'relu-lab';
import { DATA, HIDDEN, TRAIN, W2, W3, W4, FLOP_PER_POINT, args, line, measure } from './common.mjs';
import { measurePeak } from './peak.mjs';

const opt = args();
const system = 'relu-lab';

for (const simd of [true, false]) {
  const flavour = simd ? 'simd' : 'scalar';
  let t0 = performance.now();
  const lab = await load({ simd });
  const first = performance.now() - t0;
  t0 = performance.now();
  await load({ simd });
  line({ system, flavour, workload: 'load', first_ms: first, again_ms: performance.now() - t0 });

  const data = lab.dataset(DATA);
  const net = (activation, seed = 1) => lab.network({ hidden: HIDDEN, activation, output: 'sigmoid', seed });

  if (opt.wants('W1')) {
    // Two calls: trainEpoch (one call per epoch, as the page does per frame) and
    // train({ epochs: 100 }) (a script training a model). Both run every epoch's evaluation
    // on the train and test sets; the ratios take the faster, and name it (as for tfjs).
    for (const activation of opt.activations) {
      const a = net(activation);
      const perEpoch = measure(() => a.trainEpoch(data, TRAIN), { seconds: opt.seconds, warmup: 200 });
      const b = net(activation);
      const per100 = measure(() => b.train(data, { ...TRAIN, epochs: 100 }), {
        seconds: opt.seconds,
        warmup: 3,
        units: 100,
      });
      for (const [method, r, n] of [
        ['trainEpoch', perEpoch, a],
        ['train({ epochs: 100 })', per100, b],
      ]) {
        line({
          system,
          flavour,
          workload: 'W1',
          activation,
          method,
          epochs_per_s: r.median,
          epochs_per_s_best: r.best,
          train_points: data.trainSize,
          test_accuracy: n.evaluate(data).testAccuracy,
        });
      }
      a.dispose();
      b.dispose();
    }
  }

  if (opt.wants('W2')) {
    if (simd) {
      const p = await measurePeak({ seconds: opt.seconds });
      line({
        system: 'wasm-peak',
        flavour: 'simd128',
        workload: 'peak',
        where: 'node',
        gflops: p.median,
        gflops_best: p.best,
      });
    }
    for (const activation of opt.activations) {
      const a = net(activation);
      // W2 is the per-frame call: the map written into the caller's buffer. W2-new-array is
      // the same call returning a fresh Float32Array (one 256 KB allocation per map).
      const out = new Float32Array(W2.width * W2.height);
      for (const [workload, call] of [
        ['W2', () => a.decisionMap(W2, out)],
        ['W2-new-array', () => a.decisionMap(W2)],
        ['W2-regions', () => a.regions(W2)], // issue 15: the Regions mode's call, same grid and net
      ]) {
        const r = measure(call, { seconds: opt.seconds, warmup: 20 });
        line({
          system,
          flavour,
          workload,
          activation,
          call: { 'W2': 'decisionMap(grid, out)', 'W2-new-array': 'decisionMap(grid)', 'W2-regions': 'regions(grid)' }[
            workload
          ],
          grids_per_s: r.median,
          grids_per_s_best: r.best,
          points_per_s: r.median * W2.width * W2.height,
          gflops: (r.median * W2.width * W2.height * FLOP_PER_POINT) / 1e9,
          gflops_best: (r.best * W2.width * W2.height * FLOP_PER_POINT) / 1e9,
        });
      }
      a.dispose();
    }
  }

  if (opt.wants('W3')) {
    for (const activation of opt.activations) {
      const a = net(activation);
      a.train(data, { ...TRAIN, epochs: 20 }); // a trained net, as a UI shows it
      const map = { width: W3.map, height: W3.map, domain: W2.domain };
      const tiles = { width: W3.tile, height: W3.tile, domain: W2.domain };
      let dead = 0;
      const frame = () => {
        a.decisionMap(map);
        a.unitMaps(tiles);
        dead = a.health(data).deadUnits;
      };
      const r = measure(frame, { seconds: opt.seconds, warmup: 5 });
      line({
        system,
        flavour,
        workload: 'W3',
        activation,
        frames_per_s: r.median,
        frames_per_s_best: r.best,
        ms_per_frame: 1000 / r.median,
        dead_units: dead,
      });
      a.dispose();
    }
  }

  if (opt.wants('W4')) {
    const hidden = Array(W4.layers).fill(W4.width);
    const grid = { width: W4.grid, height: W4.grid, domain: W4.domain };
    const sweep = () => {
      let constant = 0;
      for (let s = 0; s < W4.inits; ++s) {
        const n = lab.network({ hidden, activation: 'relu', biasInit: 0, seed: s + 1 });
        const out = n.decisionMap(grid);
        n.dispose();
        let flat = true;
        for (let i = 1; i < out.length && flat; ++i) flat = out[i] === out[0];
        constant += flat;
      }
      return constant;
    };
    sweep(); // warm up
    const runs = [];
    let constant = 0;
    for (let i = 0; i < 3; ++i) {
      const t = performance.now();
      constant = sweep();
      runs.push((performance.now() - t) / 1000);
    }
    runs.sort((x, y) => x - y);
    line({
      system,
      flavour,
      workload: 'W4',
      seconds: runs[1],
      seconds_best: runs[0],
      inits: W4.inits,
      constant_maps: constant,
    });
  }
  if (opt.wants('heap')) {
    // The wasm heap over 10,000 W1 minibatch steps (400 epochs) and 1,000 W2 maps, after one
    // warm-up call of each (workspaces grow once). tests/js/heap.test.mjs asserts the same.
    const a = net('relu');
    a.train(data, { ...TRAIN, epochs: 1 });
    a.decisionMap(W2);
    const before = lab.memory();
    a.train(data, { ...TRAIN, epochs: 400 });
    for (let i = 0; i < 1000; ++i) a.decisionMap(W2);
    const after = lab.memory();
    line({
      system,
      flavour,
      workload: 'heap',
      steps: 400 * 25,
      maps: 1000,
      heap_bytes: after.heapBytes,
      heap_growth_bytes: after.heapBytes - before.heapBytes,
      used_growth_bytes: after.usedBytes - before.usedBytes,
    });
    a.dispose();
  }
  data.dispose();
}
