// memory.test.mjs — dispose frees everything: the live count and the engine's heap come back.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'relu-lab';

test('creating, using and disposing objects returns the heap to where it was', async () => {
  const lab = await load();
  const warm = () => {
    const data = lab.dataset({ name: 'spiral', samples: 400 });
    const net = lab.network({ hidden: [16, 16, 16], batchNorm: true, seed: 3 });
    net.train(data, { epochs: 3, optimizer: 'adam' });
    net.predict(new Float32Array(2000));
    net.decisionMap({ width: 128, height: 128 });
    net.unitMaps();
    net.health(data);
    net.revive(data);
    const copy = lab.network(net.toJSON());
    const csv = lab.datasetFromCSV(data.toCSV());
    assert.equal(lab.liveObjects(), 4);
    [data, net, copy, csv].forEach((o) => o.dispose());
  };
  warm(); // the first round may grow caches (iostream locale, allocator bins)
  const before = lab.memory().usedBytes;
  for (let i = 0; i < 5; ++i) warm();
  assert.equal(lab.liveObjects(), 0);
  assert.equal(lab.memory().usedBytes, before, 'bytes allocated after five rounds');
});

test('failed calls leave nothing behind', async () => {
  const lab = await load({ simd: false });
  const net = lab.network();
  const empty = lab.emptyDataset();
  const before = lab.memory().usedBytes;
  for (let i = 0; i < 20; ++i) {
    assert.throws(() => lab.network('{"format":"relu-lab-model","version":1,"config":{}}'), RangeError);
    assert.throws(() => lab.datasetFromCSV('x,y,label\n1,1,1\n2,q,0\n'), RangeError);
    assert.throws(() => net.train(empty, {}), RangeError);
    assert.throws(() => lab.network({ hidden: [0] }), RangeError);
  }
  assert.equal(lab.memory().usedBytes, before);
  assert.equal(lab.liveObjects(), 2);
  net.dispose();
  empty.dispose();
  assert.equal(lab.liveObjects(), 0);
});
