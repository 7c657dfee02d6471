// peer_tfjs.mjs — TensorFlow.js 4.22 (tfjs-core + tfjs-layers) on the wasm backend
// (@tensorflow/tfjs-backend-wasm, SIMD, single-threaded in node) or the plain-JS cpu backend
// (@tensorflow/tfjs-backend-cpu), as a bench peer.
//   net      tf.sequential: dense(8, activation, heNormal) ×3 → dense(1, sigmoid), compiled with
//            tf.train.sgd(0.03) and 'binaryCrossentropy'
//   W1       two idiomatic ways, both measured (the ratios take the faster):
//            'fit'      await model.fit(xs, ys, { batchSize: 10, epochs: 10, shuffle: true })
//            'minimize' a hand loop: per epoch a shuffled order, per batch
//                       optimizer.minimize(() => logLoss(gather(ys, idx), model.apply(gather(xs, idx))))
//   W2       model.predict(gridTensor, { batchSize: 65536 }) + dataSync() on a grid tensor made
//            once (predict's default batchSize of 32 would be ~100× slower: 2048 small batches)
//   W3       a second tf.model whose outputs are the three hidden layers, for the unit maps
//   W4       a fresh tf.sequential per init (10 × dense(2, relu, heNormal, zeros) → dense(1))
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { shuffler } from './common.mjs';

export async function adapter(backend) {
  let xs = null,
    ys = null,
    n = 0;
  const A = {
    system: `tfjs-${backend}`,
    flavour: backend === 'wasm' ? 'wasm-simd' : 'js',
    renderMethod: 'model.predict(grid, { batchSize: n }) + dataSync',
    w2Warmup: 3,
    async setup(data) {
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend ${backend} failed`);
      await tf.ready();
      A.flavour =
        backend === 'wasm'
          ? `wasm${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? '-simd' : ''}-${wasm.getThreadsCount()}thread`
          : 'js';
      n = data.train.x.length;
      const x = new Float32Array(2 * n);
      for (let i = 0; i < n; ++i) ((x[2 * i] = data.train.x[i]), (x[2 * i + 1] = data.train.y[i]));
      xs = tf.tensor2d(x, [n, 2]);
      ys = tf.tensor2d(
        Float32Array.from(data.train.label, (l) => (l > 0.5 ? 1 : 0)),
        [n, 1],
      );
    },
    makeNet(activation, { hidden, seed = 1, biasInit = 0 }) {
      const model = tfl.sequential();
      hidden.forEach((units, i) =>
        model.add(
          tfl.layers.dense({
            units,
            activation,
            ...(i === 0 ? { inputShape: [2] } : {}),
            kernelInitializer: tfl.initializers.heNormal({ seed: seed * 101 + i }),
            biasInitializer: tfl.initializers.constant({ value: biasInit }),
          }),
        ),
      );
      model.add(
        tfl.layers.dense({
          units: 1,
          activation: 'sigmoid',
          kernelInitializer: tfl.initializers.heNormal({ seed: seed * 101 + 99 }),
        }),
      );
      const optimizer = tf.train.sgd(0.03);
      model.compile({ optimizer, loss: 'binaryCrossentropy' });
      return { model, optimizer, order: shuffler(n, seed + 7), hiddenModel: null };
    },
    trainers: [
      {
        method: 'minimize',
        epochsPerCall: 1,
        warmup: 30, // tfjs-cpu's kernels are JS: V8 needs a few dozen epochs to tier them up
        seconds: 2,
        run(m, t) {
          const o = m.order.shuffle();
          for (let s = 0; s < n; s += t.batchSize) {
            const idx = tf.tensor1d(o.subarray(s, Math.min(n, s + t.batchSize)), 'int32');
            m.optimizer.minimize(() => tf.losses.logLoss(tf.gather(ys, idx), m.model.apply(tf.gather(xs, idx))));
            idx.dispose();
          }
        },
      },
      {
        method: 'fit',
        async: true,
        epochsPerCall: 10,
        warmup: 3,
        seconds: 2,
        run: (m, t) => m.model.fit(xs, ys, { batchSize: t.batchSize, epochs: 10, shuffle: true, verbose: 0 }),
      },
    ],
    grid(g) {
      const x = new Float32Array(2 * g.n);
      for (let i = 0; i < g.n; ++i) ((x[2 * i] = g.xs[i]), (x[2 * i + 1] = g.ys[i]));
      return { ...g, tensor: tf.tensor2d(x, [g.n, 2]) };
    },
    render(m, g) {
      const y = m.model.predict(g.tensor, { batchSize: g.n });
      const out = y.dataSync();
      y.dispose();
      return out;
    },
    unitMaps(m, g) {
      const layers = m.model.layers.slice(0, -1);
      m.hiddenModel ??= tfl.model({ inputs: m.model.inputs, outputs: layers.map((L) => L.output) });
      const outs = m.hiddenModel.predict(g.tensor, { batchSize: g.n });
      const maps = [];
      for (const t of outs) {
        const v = t.dataSync(),
          units = t.shape[1];
        for (let u = 0; u < units; ++u) {
          const a = new Float32Array(g.n);
          for (let i = 0; i < g.n; ++i) a[i] = v[i * units + u];
          maps.push(a);
        }
        t.dispose();
      }
      return maps;
    },
    accuracy(m, test) {
      const x = new Float32Array(2 * test.x.length);
      for (let i = 0; i < test.x.length; ++i) ((x[2 * i] = test.x[i]), (x[2 * i + 1] = test.y[i]));
      return tf.tidy(() => {
        const p = m.model.predict(tf.tensor2d(x, [test.x.length, 2])).dataSync();
        let ok = 0;
        for (let i = 0; i < p.length; ++i) ok += p[i] > 0.5 === test.label[i] > 0.5;
        return ok / p.length;
      });
    },
    dispose(m) {
      m.model.dispose();
      m.optimizer.dispose();
    },
  };
  return A;
}
