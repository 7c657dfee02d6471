// What trace mode draws, as numbers (web/src/trace-signals.js, issue 15): each link's forward
// signal a·w adds up, with the bias, to the engine's z of the unit it feeds; the backward and
// nudge values are w·∂L/∂z and −lr·∂L/∂w; a region's gate row is split per layer; each Step
// stage's sentence is made from the trace's own numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../js/index.js';
import {
  inputValues,
  forwardLinks,
  backwardLinks,
  deltaLinks,
  regionAt,
  regionGates,
  stageSentence,
  traceSentence,
  STAGES,
} from '../../web/src/trace-signals.js';
import { fmt } from '../../web/src/dom.js';

const lab = await load();

/** The view's weights ({ W: rows } per layer, the output last) of a network. */
function weightsOf(net) {
  const out = [];
  for (let l = 0; l <= net.config.hidden.length; l++) {
    const { W, b, inputs, units } = net.layerParameters(l);
    out.push({ W: Array.from({ length: units }, (_, u) => W.subarray(u * inputs, (u + 1) * inputs)), b });
  }
  return out;
}

test('the input values follow the feature order the network reads', () => {
  assert.deepEqual(inputValues(2, -3, ['x', 'y', 'xy']), [2, -3, -6]);
  assert.deepEqual(inputValues(2, -3, ['y2', 'x2']), [9, 4]);
  assert.deepEqual(inputValues(0.5, 1, ['sinx', 'siny']), [Math.sin(0.5), Math.sin(1)]);
  assert.throws(() => inputValues(0, 0, ['x', 'z']), /unknown feature "z"/);
});

test('each link’s forward signal a·w adds up, with the bias, to the engine’s z of its unit', () => {
  const net = lab.network({ hidden: [5, 4], features: ['x', 'y', 'x2', 'xy'], seed: 7 });
  const point = { x: 1.3, y: -0.7, label: 1 };
  const t = net.trace(point);
  const weights = weightsOf(net);
  const { links, top } = forwardLinks(t, weights, inputValues(point.x, point.y, ['x', 'y', 'x2', 'xy']));
  let widest = 0;
  links.forEach(({ W }, l) => {
    const z = l < t.layers.length ? t.layers[l].z : t.output.z;
    W.forEach((row, o) => {
      const sum = row.reduce((acc, v) => acc + v * top, 0) + weights[l].b[o];
      assert.ok(
        Math.abs(sum - z[o]) < 1e-4 * (1 + Math.abs(z[o])),
        `layer ${l} unit ${o}: Σ a·w + b = ${sum}, z = ${z[o]}`,
      );
      for (const v of row) widest = Math.max(widest, Math.abs(v));
    });
  });
  assert.equal(widest, 1, 'scaled so that the widest link is 1');
  // a link out of a closed gate carries nothing
  const closed = t.layers[0].gate.indexOf(0);
  assert.ok(closed >= 0, 'this seed has a closed gate in layer 1');
  for (const row of links[1].W) assert.ok(row[closed] === 0, `a link out of closed unit ${closed}: ${row[closed]}`);
  net.dispose();
});

test('backward links are w·∂L/∂z of the unit they feed; a nudge’s are −lr·∂L/∂w', () => {
  const trace = {
    point: { x: 0, y: 0, label: 0 },
    layers: [{ z: [1, -1], a: [1, 0], gate: [1, 0], dLdz: [0.5, 0] }],
    output: { z: [0.2], prediction: [0.55], loss: 0.8, dLdz: [-2] },
  };
  const weights = [
    {
      W: [
        [1, 2],
        [3, 4],
      ],
    },
    { W: [[0.5, -1]] },
  ];
  const back = backwardLinks(trace, weights);
  assert.equal(back.top, 2);
  assert.deepEqual(
    back.links.map((L) => L.W.map((r) => [...r])),
    [
      [
        [0.25, 0.5],
        [0, 0],
      ],
      [[-0.5, 1]],
    ],
  );
  const steps = [
    { dW: [0.1, 0, 0, 0.4], db: [0, 0] },
    { dW: [0.2, -0.2], db: [0] },
  ];
  const delta = deltaLinks(steps, weights);
  assert.equal(delta.top, 0.4);
  assert.deepEqual(
    delta.links.map((L) => L.W.map((r) => [...r])),
    [
      [
        [-0.25, -0],
        [-0, -1],
      ],
      [[-0.5, 0.5]],
    ],
  );
});

test('a region’s gates, and the region under a point', () => {
  const regions = {
    width: 2,
    height: 2,
    ids: Int32Array.from([0, 1, 1, 2]),
    gates: Uint8Array.from([1, 0, 1, 0, 0, 1, 1, 1, 0]),
  };
  assert.deepEqual(regionGates(regions, 1, [2, 1]), [[false, false], [true]]);
  assert.deepEqual(regionGates(regions, 2, [1, 2]), [[true], [true, false]]);
  assert.equal(regionAt(regions, -3, 3, 6), 0); // top left
  assert.equal(regionAt(regions, 3, 3, 6), 1); // top right
  assert.equal(regionAt(regions, 3, -3, 6), 2);
  assert.equal(regionAt(regions, 7, 0, 6), null);
});

test('each Step stage’s sentence is made from the trace’s numbers', () => {
  const net = lab.network({ hidden: [6, 6], seed: 3 });
  const t = { point: { x: 2, y: -1, label: 1 }, ...net.trace({ x: 2, y: -1, label: 1 }) };
  const open = t.layers.flatMap((L) => [...L.gate]).filter((g) => g === 1).length;
  assert.match(
    stageSentence('forward', t),
    new RegExp(`; ${open} of 12 hidden gates are open .* the ${12 - open} closed`),
  );
  assert.ok(stageSentence('loss', t).endsWith(`so this point's loss is ${fmt(t.output.loss)}.`));
  let best = { v: 0 };
  t.layers.forEach((L, l) => L.dLdz.forEach((d, u) => Math.abs(d) > best.v && (best = { v: Math.abs(d), l, u })));
  assert.ok(best.v > 0);
  assert.match(stageSentence('backward', t), new RegExp(`at layer ${best.l + 1} unit ${best.u + 1}\\.$`));
  const steps = t.grads.map((g) => ({ dW: g.dW.map((v) => 0.1 * v), db: g.db.map((v) => 0.1 * v) }));
  assert.match(
    stageSentence('update', t, { learningRate: 0.1, nudge: { steps } }),
    /^Update: .*−0\.1 × .*the largest change was /,
  );
  assert.equal(
    traceSentence(t),
    `${open} of 12 hidden gates open; prediction ${fmt(t.output.prediction[0])}, loss ${fmt(t.output.loss)}.`,
  );
  assert.deepEqual(STAGES, ['forward', 'loss', 'backward', 'update']);
  assert.throws(() => stageSentence('sideways', t), RangeError);
  net.dispose();
});
