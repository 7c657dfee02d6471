// roundtrip.test.mjs — model JSON and dataset CSV come back exactly.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { gridPoints, labOf } from './helpers.mjs';

let lab;
before(async () => (lab = await labOf(true)));

test('toJSON is plain versioned JSON, and lab.network(json) predicts identically', () => {
  const data = lab.dataset({ name: 'circle', samples: 300, seed: 5 });
  const net = lab.network({
    features: ['x', 'y', 'x2'],
    hidden: [
      { units: 6, activation: 'prelu', batchNorm: true },
      { units: 4, activation: 'elu', alpha: 0.7 },
    ],
    output: 'sigmoid',
    seed: 5,
  });
  net.train(data, { epochs: 15, optimizer: 'adam', learningRate: 0.01 });
  const json = net.toJSON();
  assert.equal(json.format, 'relu-lab-model');
  assert.equal(json.version, 2);
  assert.equal(json.version, lab.limits.modelFormatVersion);
  assert.deepEqual(
    json.layers.map((L) => L.diedAt?.length ?? null),
    [6, 4, null],
    'each hidden layer saves when its units died (version 2); the output has none',
  );
  assert.equal(json.epoch, 15);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json, 'plain data');
  assert.ok(json.layers[0].alpha && json.layers[0].gamma && json.layers[0].runningVar, 'α and BN state saved');

  const fromObject = lab.network(json);
  const fromText = lab.network(JSON.stringify(net));
  for (const copy of [fromObject, fromText]) {
    assert.deepEqual(copy.predict(gridPoints(32)), net.predict(gridPoints(32)));
    assert.deepEqual(copy.toJSON(), json);
    assert.equal(copy.epoch, 15);
    copy.dispose();
  }
  net.dispose();
  data.dispose();
});

test('a softmax model round-trips too', () => {
  const net = lab.network({ hidden: [5], output: 'softmax', classes: 4, init: 'uniform', seed: 9 });
  const copy = lab.network(net.toJSON());
  assert.deepEqual(copy.decisionMap({ width: 8, height: 8 }), net.decisionMap({ width: 8, height: 8 }));
  net.dispose();
  copy.dispose();
});

for (const options of [
  { name: 'spiral', samples: 200, noise: 0.3, seed: 2 },
  { name: 'blobs_k', classes: 5, samples: 200, seed: 2 },
  { name: 'regress_gauss', samples: 200, seed: 2 },
]) {
  test(`${options.name}: toCSV then datasetFromCSV gives the same points and the same CSV`, () => {
    const data = lab.dataset(options);
    const csv = data.toCSV();
    assert.match(csv, /^x,y,label,split\n/);
    const back = lab.datasetFromCSV(csv);
    for (const split of ['train', 'test']) assert.deepEqual(back.points(split), data.points(split));
    assert.equal(back.classes, data.classes);
    assert.equal(back.toCSV(), csv);
    data.dispose();
    back.dispose();
  });
}

test('CSV without a split column puts every point in the training set', () => {
  const data = lab.datasetFromCSV('x,y,label\n1,2,0\n-1,0.5,1\n3,3,1\n', { extent: 4 });
  assert.deepEqual([data.trainSize, data.testSize, data.classes, data.extent], [3, 0, 2, 4]);
  data.dispose();
});

// ---- version 2: diedAt (issue #19) ------------------------------------------------------------
test('a bad diedAt is an error naming it, nothing leaks; a version-1 model still loads', () => {
  const live = lab.liveObjects();
  const net = lab.network({ hidden: [4], seed: 3 });
  const json = net.toJSON();
  assert.deepEqual(json.layers[0].diedAt.length, 4);
  const bad = structuredClone(json);
  bad.layers[0].diedAt[2] = json.epoch + 1;
  assert.throws(() => lab.network(bad), /layers\[0\]\.diedAt\[2\]/);
  bad.layers[0].diedAt = [0, 0];
  assert.throws(() => lab.network(bad), /layers\[0\]\.diedAt/);
  const v1 = structuredClone(json);
  v1.version = 1;
  delete v1.layers[0].diedAt;
  const old = lab.network(v1);
  assert.equal(old.toJSON().version, 2, 'saved again as version 2');
  old.dispose();
  net.dispose();
  assert.equal(lab.liveObjects(), live);
});
