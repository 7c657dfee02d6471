// The Stop-at notice's words (web/src/answers.js stoppedText): one epoch for one model or twins
// that stopped together; each twin named with its own epoch when a lesson's arms stop apart (the
// notice used to say "epoch 10" under a twin that had trained to 200).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stoppedText } from '../../web/src/answers.js';

test('one model, or twins that stopped together: one epoch', () => {
  assert.equal(stoppedText([20]), 'Stopped at epoch 20, as “Stop at epoch” asks. Press ▶ to train on.');
  assert.match(stoppedText([200, 200], ['ReLU', 'Tanh']), /^Stopped at epoch 200, as “Stop at epoch” asks\./);
});

test('twins that stopped apart: each named with its epoch', () => {
  const t = stoppedText([200, 10], ['lr 0.03', 'lr 3']);
  assert.equal(t, 'Stopped at epochs 200 (lr 0.03) and 10 (lr 3). Press ▶ to train on.');
  assert.match(stoppedText([5, 7, 9]), /^Stopped at epochs 5 \(twin 1\), 7 \(twin 2\) and 9 \(twin 3\)\./);
});
