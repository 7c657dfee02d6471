// The loss history a model file carries (web/src/model-history.js, issue #19): written as plain
// entries, read back checked field by field; a bad one is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyForFile, historyFromFile } from '../../web/src/model-history.js';

const H = [
  { epoch: 0, trainLoss: 0.7, testLoss: 0.71, trainAccuracy: 0.5, testAccuracy: 0.49 },
  { epoch: 4, trainLoss: 0.5, testLoss: 0.52, trainAccuracy: 0.8, testAccuracy: NaN },
];

test('written and read back: the same entries (a missing metric is null)', () => {
  const file = { epoch: 4, history: historyForFile(H) };
  assert.deepEqual(JSON.parse(JSON.stringify(file)).history[1].testAccuracy, null);
  assert.deepEqual(historyFromFile(JSON.parse(JSON.stringify(file))), file.history);
  assert.deepEqual(historyFromFile({ epoch: 3 }), [], 'a file without history (version 1) has none');
});

test('a bad history is refused, naming the field', () => {
  const bad =
    (history, epoch = 10) =>
    () =>
      historyFromFile({ epoch, history });
  assert.throws(bad({}), /history must be an array/);
  assert.throws(bad([3]), /history\[0\] must be an object/);
  assert.throws(bad([{ epoch: 2 }, { epoch: 2 }]), /history\[1\]\.epoch must be a whole number above 2/);
  assert.throws(bad([{ epoch: 11 }]), /history\[0\]\.epoch .* at most the model's epoch \(10\)/);
  assert.throws(bad([{ epoch: 1, testLoss: 'x' }]), /history\[0\]\.testLoss must be a finite number or null/);
  assert.throws(bad([{ epoch: 1, testAccuracy: 1.5 }]), /history\[0\]\.testAccuracy must be a number in \[0, 1\]/);
  assert.throws(
    bad(
      Array.from({ length: 4001 }, (_, i) => ({ epoch: i })),
      5000,
    ),
    /at most 4000 entries/,
  );
});
