// types.test.mjs — the hand-written .d.ts files type-check a file that uses every declared type,
// and every name they declare exists at run time (and every option interface is its schema group).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as api from 'relu-lab';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const repo = fileURLToPath(new URL('../../', import.meta.url));

test('tsc --noEmit accepts tests/js/types/usage.mts', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', `${repo}tests/js/types/tsconfig.json`], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

// name → { members: [{ name, optional }], kind } for every interface and exported value.
function declarations(file) {
  const src = ts.createSourceFile(file, readFileSync(`${repo}js/${file}`, 'utf8'), ts.ScriptTarget.Latest);
  const interfaces = new Map(),
    values = [];
  for (const node of src.statements) {
    if (ts.isInterfaceDeclaration(node)) {
      interfaces.set(
        node.name.text,
        node.members.map((m) => ({
          name: ts.isComputedPropertyName(m.name) ? m.name.expression.getText(src) : m.name.text,
          optional: !!m.questionToken,
        })),
      );
    } else if (ts.isFunctionDeclaration(node)) {
      values.push(node.name.text);
    } else if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) values.push(d.name.text);
    }
  }
  return { interfaces, values };
}

const index = declarations('index.d.ts');
const schemaDts = declarations('schema.d.ts');
const interfaces = new Map([...index.interfaces, ...schemaDts.interfaces]);

let samples;
before(async () => {
  const lab = await api.load();
  const data = lab.dataset({ samples: 100 });
  const net = lab.network({ hidden: [4] });
  const health = net.health(data);
  samples = {
    Lab: lab,
    Dataset: data,
    Network: net,
    Metrics: net.train(data),
    Health: health,
    LayerHealth: health.layers[0],
    ActivationInfo: lab.activations[0],
    DatasetInfo: lab.datasets[0],
    Points: data.points(),
    UnitMaps: net.unitMaps(),
    LabLimits: lab.limits,
    Limits: api.LIMITS,
    NetworkConfig: net.config,
    ModelJSON: net.toJSON(),
    Field: api.schema[0],
    ActivationCurve: lab.activationCurve('relu', [0]),
    LayerParameters: net.layerParameters(0),
  };
});

test('every function and constant the .d.ts files declare is exported', async () => {
  for (const name of [...index.values, ...schemaDts.values])
    assert.ok(name in api, `${name} is not exported by relu-lab`);
  const sub = await import('relu-lab/schema');
  for (const name of schemaDts.values) assert.ok(name in sub, `${name} is not exported by relu-lab/schema`);
  for (const name of Object.keys(api)) {
    assert.ok(index.values.includes(name) || schemaDts.values.includes(name), `${name} is exported but not declared`);
  }
});

test('every member of every declared object type exists at run time', () => {
  for (const [name, obj] of Object.entries(samples)) {
    assert.ok(interfaces.has(name), `no interface ${name}`);
    for (const m of interfaces.get(name)) {
      if (m.name === 'Symbol.dispose') {
        assert.equal(typeof obj[Symbol.dispose], 'function', `${name}[Symbol.dispose]`);
      } else if (!m.optional) {
        assert.ok(m.name in obj, `${name}.${m.name} is declared but missing at run time`);
      }
    }
  }
});

test('plain data objects carry no undeclared fields', () => {
  for (const name of [
    'Metrics',
    'Health',
    'LayerHealth',
    'ActivationInfo',
    'DatasetInfo',
    'Points',
    'UnitMaps',
    'LabLimits',
    'NetworkConfig',
    'ModelJSON',
    'ActivationCurve',
    'LayerParameters',
  ]) {
    const declared = new Set(interfaces.get(name).map((m) => m.name));
    if (name === 'LabLimits') interfaces.get('Limits').forEach((m) => declared.add(m.name));
    for (const key of Object.keys(samples[name])) assert.ok(declared.has(key), `${name}.${key} is not declared`);
  }
});

test('every options interface lists exactly the fields of its schema group', () => {
  const groups = {
    LoadOptions: 'load',
    DatasetOptions: 'dataset',
    EmptyDatasetOptions: 'emptyDataset',
    CsvOptions: 'csv',
    NetworkOptions: 'network',
    LayerOptions: 'layer',
    TrainOptions: 'train',
    GridOptions: 'decisionMap',
    HealthOptions: 'health',
    ReviveOptions: 'revive',
  };
  for (const [name, group] of Object.entries(groups)) {
    const members = interfaces
      .get(name)
      .map((m) => m.name)
      .sort();
    assert.deepEqual(
      members,
      api
        .fieldsOf(group)
        .map((f) => f.name)
        .sort(),
      name,
    );
    assert.ok(
      interfaces.get(name).every((m) => m.optional),
      `${name}: every option is optional`,
    );
  }
  assert.deepEqual(
    api.fieldsOf('unitMaps').map((f) => f.name),
    api.fieldsOf('decisionMap').map((f) => f.name),
  );
});
