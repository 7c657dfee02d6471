// schema.test.mjs — the schema is data, mirrors the engine's names and limits, and its every
// default and boundary value is accepted by the engine.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import * as api from 'relu-lab';
import * as fromSubpath from 'relu-lab/schema';
import createScalar from '../../dist/wasm/relu_lab_scalar.mjs'; // test only: the raw engine tables

const { schema, fieldsOf, defaultsOf, LIMITS } = api;
let lab, engine;
before(async () => {
  lab = await api.load({ simd: false });
  engine = await createScalar();
});

test("'relu-lab/schema' is the same data as the package entry's, and frozen", () => {
  assert.equal(fromSubpath.schema, schema);
  assert.ok(Object.isFrozen(schema) && schema.every(Object.isFrozen));
  assert.ok(Object.isFrozen(api.ACTIVATIONS));
});

test('every field is well formed and unique within its group', () => {
  const types = ['number', 'integer', 'boolean', 'enum', 'names', 'layers', 'domain'];
  const seen = new Set();
  for (const f of schema) {
    const id = `${f.group}.${f.name}`;
    assert.ok(!seen.has(id), `${id} twice`);
    seen.add(id);
    assert.ok(types.includes(f.type), `${id}: type ${f.type}`);
    assert.equal(typeof f.doc, 'string', `${id}: doc`);
    if (f.type === 'number' || f.type === 'integer') {
      assert.ok(f.values || f.min < f.max, `${id}: limits`);
    }
    if (f.type === 'enum' || f.type === 'names') assert.ok(f.values.length > 0, `${id}: values`);
  }
});

test("the names are the engine's names, in the engine's order", () => {
  assert.deepEqual(api.DATASETS, engine.datasetNames());
  assert.deepEqual(api.OUTPUTS, engine.headNames());
  assert.deepEqual(api.INITS, engine.initNames());
  assert.deepEqual(api.OPTIMIZERS, engine.optimizerNames());
  assert.deepEqual(api.REGULARIZATIONS, engine.regularizationNames());
  assert.deepEqual(api.FEATURES, engine.featureNames());
  assert.deepEqual(
    api.ACTIVATIONS,
    engine.activations().map((a) => a.name),
  );
});

test("the limits are the engine's limits", () => {
  const e = engine.limits();
  for (const key of Object.keys(LIMITS).filter((k) => k in e)) assert.equal(LIMITS[key], e[key], key);
  const f = (group, name) => fieldsOf(group).find((x) => x.name === name);
  assert.equal(f('network', 'hidden').maxLength, e.maxHiddenLayers);
  assert.equal(f('layer', 'units').min, e.minUnits);
  assert.equal(f('layer', 'units').max, e.maxUnits);
  assert.equal(f('dataset', 'samples').min, e.minSamples);
  assert.equal(f('dataset', 'samples').max, e.maxSamples);
  assert.equal(f('dataset', 'classes').max, e.maxClasses);
  assert.equal(f('train', 'batchSize').max, e.maxBatchSize);
  assert.equal(f('train', 'learningRate').max, e.maxLearningRate);
  assert.equal(f('decisionMap', 'width').max, e.maxGridSide);
});

test('defaultsOf gives every field of a group, and the defaults are accepted', () => {
  assert.deepEqual(
    Object.keys(defaultsOf('train')),
    fieldsOf('train').map((f) => f.name),
  );
  const data = lab.dataset(defaultsOf('dataset'));
  const net = lab.network(defaultsOf('network'));
  assert.equal(net.train(data, defaultsOf('train')).diverged, false);
  net.decisionMap(defaultsOf('decisionMap'));
  net.unitMaps(defaultsOf('unitMaps'));
  net.health(data, defaultsOf('health'));
  net.revive(data, defaultsOf('revive'));
  lab.emptyDataset(defaultsOf('emptyDataset')).dispose();
  net.dispose();
  data.dispose();
});

// A value just inside each end of a numeric field.
const ends = (f) => f.values ?? [f.minExclusive ? f.min + 1e-3 : f.min, f.maxExclusive ? f.max - 1e-3 : f.max];

test('every allowed name and every boundary value of the engine options is accepted by the engine', () => {
  const data = lab.dataset({ samples: 20 });
  const tried = [];
  for (const f of fieldsOf('dataset')) {
    const values = f.type === 'enum' ? f.values : ends(f);
    for (const v of values) (lab.dataset({ samples: 20, [f.name]: v }).dispose(), tried.push(f.name));
  }
  for (const f of fieldsOf('network').filter((x) => x.name !== 'hidden')) {
    const values =
      f.type === 'enum'
        ? f.values
        : f.type === 'boolean'
          ? [true, false]
          : f.type === 'names'
            ? f.values.map((v) => [v])
            : ends(f);
    for (const v of values) (lab.network({ hidden: [2], [f.name]: v }).dispose(), tried.push(f.name));
  }
  lab.network({ hidden: Array(LIMITS.maxHiddenLayers).fill(LIMITS.maxUnits) }).dispose();
  lab.network({ hidden: [] }).dispose();
  const net = lab.network({ hidden: [2] });
  for (const f of fieldsOf('train').filter((x) => x.name !== 'epochs')) {
    for (const v of f.type === 'enum' ? f.values : ends(f)) (net.train(data, { [f.name]: v }), tried.push(f.name));
  }
  net.dispose();
  data.dispose();
  assert.ok(tried.length > 60, `${tried.length} values tried`);
});
