// The "Twin values" field (web/src/twin-values.js, issue #19): ids and display names are read,
// anything else is named; a new "Twins differ in" gets a list of its own kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTwins, defaultTwins } from '../../web/src/twin-values.js';
import { normalize, modelConfigs } from '../../web/src/config.js';

test('display names and ids are read and written back as ids', () => {
  assert.deepEqual(checkTwins('ReLU, Tanh', 'activation'), { text: 'relu,tanh', problem: '' });
  assert.deepEqual(checkTwins('Leaky ReLU,leaky-relu alpha:0.1', 'activation'), {
    text: 'leaky_relu,leaky_relu alpha:0.1',
    problem: '',
  });
  assert.deepEqual(checkTwins('He normal, Xavier uniform', 'init'), { text: 'he_normal,xavier_uniform', problem: '' });
  assert.deepEqual(checkTwins('0.3, 3', 'learningRate'), { text: '0.3,3', problem: '' });
});

test('a value that names nothing is named in the problem, and the list must be 2–4 long', () => {
  assert.match(checkTwins('relu, Leeky', 'activation').problem, /“Leeky” is not an activation: use ReLU, Leaky ReLU/);
  assert.match(checkTwins('0.3, fast', 'learningRate').problem, /“fast” is not a learning rate/);
  assert.match(checkTwins('relu foo:1, tanh', 'activation').problem, /foo is not a setting a twin can change/);
  assert.match(checkTwins('relu', 'activation').problem, /List 2–4 values/);
  assert.match(checkTwins('relu,tanh,elu,gelu,silu', 'activation').problem, /this is 5/);
});

test('the twins a display-name list makes differ (no silent "model" and "copy")', () => {
  const config = normalize({ compare: true, twins: 'ReLU, Leaky ReLU' });
  assert.deepEqual(
    modelConfigs(config).map((t) => t.config.activation),
    ['relu', 'leaky_relu'],
  );
});

test('a new dimension gets two different values of its own kind', () => {
  for (const by of ['activation', 'learningRate', 'init']) {
    const config = normalize({ compare: true, compareBy: by });
    const { text, problem } = checkTwins(defaultTwins(by, config), by);
    assert.equal(problem, '', `${by}: ${text}`);
    const models = modelConfigs({ ...config, twins: text });
    assert.equal(models.length, 2);
    assert.notEqual(models[0].label, models[1].label);
  }
});
