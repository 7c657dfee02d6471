// plain_mlp.mjs — "what a careful JS developer writes": a fully connected net in plain
// JavaScript on Float32Arrays. Per-sample forward/backward (the way TF Playground's nn.ts and
// most hand-written JS nets work), gradients summed over the minibatch, one SGD update per batch;
// every buffer allocated once in the constructor, no allocation in train or predict, monomorphic
// loops. Sigmoid output with binary cross-entropy, He-normal init, bias 0 — the engine's defaults.
import { normal, shuffler } from './common.mjs';

export class PlainMLP {
  /** sizes: [2, 8, 8, 8, 1]; activation of the hidden layers: 'relu' | 'tanh'. */
  constructor(sizes, activation = 'relu', { seed = 1, biasInit = 0 } = {}) {
    this.sizes = sizes;
    this.L = sizes.length - 1;
    this.relu = activation === 'relu';
    if (activation !== 'relu' && activation !== 'tanh') throw new Error(`plain MLP: no activation ${activation}`);
    const rng = shuffler(1, seed).rnd;
    ((this.W = []), (this.b = []), (this.gW = []), (this.gb = []), (this.z = []), (this.a = []), (this.d = []));
    this.a.push(new Float32Array(sizes[0]));
    for (let l = 0; l < this.L; ++l) {
      const nin = sizes[l],
        nout = sizes[l + 1];
      const W = new Float32Array(nin * nout),
        std = Math.sqrt(2 / nin);
      for (let i = 0; i < W.length; ++i) W[i] = normal(rng) * std;
      this.W.push(W);
      this.b.push(new Float32Array(nout).fill(biasInit));
      this.gW.push(new Float32Array(nin * nout));
      this.gb.push(new Float32Array(nout));
      this.z.push(new Float32Array(nout));
      this.a.push(new Float32Array(nout));
      this.d.push(new Float32Array(nout));
    }
  }

  /** Forward one point; returns the output pre-activation (logit). */
  forward(x, y) {
    const { L, W, b, z, a, sizes } = this;
    a[0][0] = x;
    a[0][1] = y;
    for (let l = 0; l < L; ++l) {
      const nin = sizes[l],
        nout = sizes[l + 1],
        Wl = W[l],
        bl = b[l],
        zl = z[l],
        ain = a[l],
        aout = a[l + 1];
      const hidden = l < L - 1;
      for (let o = 0; o < nout; ++o) {
        let s = bl[o];
        const row = o * nin;
        for (let i = 0; i < nin; ++i) s += Wl[row + i] * ain[i];
        zl[o] = s;
        aout[o] = hidden ? (this.relu ? (s > 0 ? s : 0) : Math.tanh(s)) : s;
      }
    }
    return a[L][0];
  }

  /** P(class 1) of one point. */
  predict(x, y) {
    return 1 / (1 + Math.exp(-this.forward(x, y)));
  }

  /** Forward + backward of one labelled point, adding into the gradient buffers. */
  accumulate(x, y, label) {
    const { L, W, z, a, d, gW, gb, sizes } = this;
    const p = 1 / (1 + Math.exp(-this.forward(x, y)));
    d[L - 1][0] = p - label; // ∂BCE/∂logit
    for (let l = L - 1; l >= 0; --l) {
      const nin = sizes[l],
        nout = sizes[l + 1],
        dl = d[l],
        ain = a[l],
        gWl = gW[l],
        gbl = gb[l];
      for (let o = 0; o < nout; ++o) {
        const g = dl[o];
        gbl[o] += g;
        const row = o * nin;
        for (let i = 0; i < nin; ++i) gWl[row + i] += g * ain[i];
      }
      if (l > 0) {
        const Wl = W[l],
          dprev = d[l - 1],
          zprev = z[l - 1],
          aprev = a[l];
        for (let i = 0; i < nin; ++i) {
          let s = 0;
          for (let o = 0; o < nout; ++o) s += Wl[o * nin + i] * dl[o];
          dprev[i] = s * (this.relu ? (zprev[i] > 0 ? 1 : 0) : 1 - aprev[i] * aprev[i]);
        }
      }
    }
  }

  /** One SGD step with the mean gradient of `n` accumulated points; clears the buffers. */
  step(lr, n) {
    const k = lr / n;
    for (let l = 0; l < this.L; ++l) {
      const W = this.W[l],
        gW = this.gW[l],
        b = this.b[l],
        gb = this.gb[l];
      for (let i = 0; i < W.length; ++i) ((W[i] -= k * gW[i]), (gW[i] = 0));
      for (let i = 0; i < b.length; ++i) ((b[i] -= k * gb[i]), (gb[i] = 0));
    }
  }
}

/** One epoch of minibatch SGD over { x, y, label } with a reshuffled order. */
export function trainEpoch(net, train, order, { learningRate, batchSize }) {
  const n = train.x.length;
  order.shuffle();
  const o = order.order;
  for (let s = 0; s < n; s += batchSize) {
    const e = Math.min(n, s + batchSize);
    for (let i = s; i < e; ++i) {
      const j = o[i];
      net.accumulate(train.x[j], train.y[j], train.label[j]);
    }
    net.step(learningRate, e - s);
  }
}
