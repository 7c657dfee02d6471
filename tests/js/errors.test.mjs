// errors.test.mjs — bad input is a TypeError / RangeError naming the field and what is allowed, a
// call on a disposed object a clear Error; never a wasm abort, and everything keeps working after.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { load } from 'relu-lab';
import { FLAVOURS, labOf } from './helpers.mjs';

// [what, call(lab, fixtures), error type, message pattern]
// prettier-ignore
const CASES = [
  // load
  ['load with a non-boolean simd', () => load({ simd: 'yes' }), TypeError, /^load: simd must be true or false or null \(got "yes"\)/],
  ['load with an unknown option', () => load({ simdd: true }), TypeError, /^load: unknown option "simdd"; allowed: simd/],
  // lab.dataset
  ['an unknown dataset name', (lab) => lab.dataset({ name: 'spirals' }), RangeError, /^lab\.dataset: name must be one of "circle", "xor", .*"regress_gauss" \(got "spirals"\)/],
  ['a dataset name that is not a string', (lab) => lab.dataset({ name: 3 }), TypeError, /^lab\.dataset: name must be one of/],
  ['too few samples', (lab) => lab.dataset({ samples: 1 }), RangeError, /^lab\.dataset: samples must be an integer in \[2, 20000\] \(got 1\)/],
  ['a fractional sample count', (lab) => lab.dataset({ samples: 10.5 }), RangeError, /samples must be an integer in \[2, 20000\] \(got 10\.5\)/],
  ['samples as a string', (lab) => lab.dataset({ samples: '100' }), TypeError, /samples must be an integer in \[2, 20000\] \(got "100"\)/],
  ['NaN noise', (lab) => lab.dataset({ noise: NaN }), RangeError, /noise must be a number in \[0, 1\] \(got NaN\)/],
  ['infinite extent', (lab) => lab.dataset({ extent: Infinity }), RangeError, /extent must be a number in \[0\.1, 100\] \(got Infinity\)/],
  ['a zero train fraction', (lab) => lab.dataset({ trainFraction: 0 }), RangeError, /trainFraction must be a number in \(0, 1\] \(got 0\)/],
  ['a negative seed', (lab) => lab.dataset({ seed: -1 }), RangeError, /seed must be an integer in \[0, 9007199254740991\] \(got -1\)/],
  ['options that are not an object', (lab) => lab.dataset('spiral'), TypeError, /^lab\.dataset: options must be a plain object \(got "spiral"\)/],
  ['too many classes', (lab) => lab.dataset({ name: 'blobs_k', classes: 9 }), RangeError, /classes must be an integer in \[2, 8\] \(got 9\)/],
  // lab.network
  ['an unknown activation', (lab) => lab.network({ activation: 'relux' }), RangeError, /^lab\.network: activation must be one of "relu", .*"linear" \(got "relux"\)/],
  ['a layer with too many units', (lab) => lab.network({ hidden: [8, 65] }), RangeError, /^lab\.network: hidden\[1\] must be an integer in \[1, 64\] \(got 65\)/],
  ['a layer object with a bad activation', (lab) => lab.network({ hidden: [{ units: 4, activation: 'ReLU' }] }), RangeError, /hidden\[0\]\.activation must be one of/],
  ['a layer object with an unknown key', (lab) => lab.network({ hidden: [{ unit: 4 }] }), TypeError, /unknown option "hidden\[0\]\.unit"; allowed: units, activation, alpha, batchNorm/],
  ['a layer that is a string', (lab) => lab.network({ hidden: ['8'] }), TypeError, /hidden\[0\] must be a unit count or an object/],
  ['too many layers', (lab) => lab.network({ hidden: Array(21).fill(2) }), RangeError, /hidden must be an array of at most 20 layers/],
  ['hidden that is not an array', (lab) => lab.network({ hidden: 8 }), TypeError, /hidden must be an array of at most 20 layers/],
  ['an unknown feature', (lab) => lab.network({ features: ['x', 'z'] }), RangeError, /features must be a non-empty array of distinct names from "x", "y", .*"siny"/],
  ['no features', (lab) => lab.network({ features: [] }), RangeError, /features must be a non-empty array/],
  ['a repeated feature', (lab) => lab.network({ features: ['x', 'x'] }), RangeError, /features must be a non-empty array of distinct names/],
  ['an unknown output', (lab) => lab.network({ output: 'relu' }), RangeError, /output must be one of "sigmoid", "softmax", "tanh", "linear"/],
  ['an unknown init', (lab) => lab.network({ init: 'he' }), RangeError, /init must be one of "he_normal", /],
  ['a ReLU\'(0) that is not 0, 0.5 or 1', (lab) => lab.network({ reluGradAtZero: 0.3 }), RangeError, /reluGradAtZero must be one of 0, 0\.5, 1 \(got 0\.3\)/],
  ['a negative α', (lab) => lab.network({ alpha: -0.1 }), RangeError, /alpha must be a number in \[0, 10\] or null \(got -0\.1\)/],
  ['a boolean batchNorm given as 1', (lab) => lab.network({ batchNorm: 1 }), TypeError, /batchNorm must be true or false \(got 1\)/],
  ['a misspelt option', (lab) => lab.network({ hiden: [4] }), TypeError, /^lab\.network: unknown option "hiden"; allowed: features, hidden, /],
  ['a model with a wrong format', (lab) => lab.network({ format: 'keras' }), RangeError, /^lab\.network: model: format must be "relu-lab-model"/],
  ['a model that is not JSON', (lab) => lab.network('{not json'), RangeError, /^lab\.network: model: /],
  ['a model with a bad weight', (lab, { net }) => lab.network(withBadWeight(net.toJSON())), RangeError, /^lab\.network: model: layers\[0\]\.W\[0\]\[0\] must be a finite number/],
  ['a model that cannot be serialised', (lab) => { const m = { format: 'relu-lab-model' }; m.self = m; return lab.network(m); }, TypeError, /^lab\.network: model must be plain JSON data/],
  // net.train
  ['a NaN learning rate', (lab, { net, data }) => net.train(data, { learningRate: NaN }), RangeError, /^net\.train: learningRate must be a number in \[0\.000001, 10000\] \(got NaN\)/],
  ['a zero learning rate', (lab, { net, data }) => net.train(data, { learningRate: 0 }), RangeError, /learningRate must be a number in \[0\.000001, 10000\] \(got 0\)/],
  ['a batch size of 0', (lab, { net, data }) => net.train(data, { batchSize: 0 }), RangeError, /batchSize must be an integer in \[1, 1024\] \(got 0\)/],
  ['an unknown optimizer', (lab, { net, data }) => net.train(data, { optimizer: 'rmsprop' }), RangeError, /optimizer must be one of "sgd", "momentum", "adam" \(got "rmsprop"\)/],
  ['a momentum of 1', (lab, { net, data }) => net.train(data, { momentum: 1 }), RangeError, /momentum must be a number in \[0, 1\) \(got 1\)/],
  ['too many epochs', (lab, { net, data }) => net.train(data, { epochs: 1e6 }), RangeError, /epochs must be an integer in \[0, 100000\]/],
  ['epochs in trainEpoch', (lab, { net, data }) => net.trainEpoch(data, { epochs: 5 }), RangeError, /^net\.trainEpoch: epochs must be 1/],
  ['a misspelt train option', (lab, { net, data }) => net.train(data, { learningrate: 0.1 }), TypeError, /unknown option "learningrate"; allowed: epochs, learningRate, /],
  ['training on something that is not a dataset', (lab, { net }) => net.train({}, {}), TypeError, /^net\.train: data must be a Dataset created by lab\.dataset\(\)/],
  ['training on a dataset of another lab', (lab, { net, otherData }) => net.train(otherData, {}), TypeError, /^net\.train: data belongs to another lab/],
  ['training on a dataset without points', (lab, { net, empty }) => net.train(empty, {}), RangeError, /^net\.train: data has no training points/],
  ['a dataset that does not fit the head', (lab, { net, three }) => net.train(three, {}), RangeError, /^net\.train: data does not fit this network: output 'sigmoid' needs a two-class dataset/],
  ['evaluating a dataset that does not fit', (lab, { net, three }) => net.evaluate(three), RangeError, /^net\.evaluate: data does not fit this network/],
  // net.predict and maps
  ['predict on an odd number of coordinates', (lab, { net }) => net.predict([1, 2, 3]), RangeError, /^net\.predict: points must be of even length/],
  ['predict on a NaN coordinate', (lab, { net }) => net.predict(new Float32Array([0, NaN])), RangeError, /^net\.predict: points\[1\] must be a finite number \(got NaN\)/],
  ['predict on a string coordinate', (lab, { net }) => net.predict([0, '1']), TypeError, /^net\.predict: points\[1\] must be a number \(got "1"\)/],
  ['predict on a non-array', (lab, { net }) => net.predict('0,0'), TypeError, /^net\.predict: points must be a Float32Array or array of numbers/],
  ['predict on BigInts', (lab, { net }) => net.predict(new BigInt64Array(2)), TypeError, /points must be a Float32Array/],
  ['a map wider than 2048', (lab, { net }) => net.decisionMap({ width: 4096 }), RangeError, /^net\.decisionMap: width must be an integer in \[1, 2048\] \(got 4096\)/],
  ['a map with a reversed domain', (lab, { net }) => net.decisionMap({ domain: [6, -6, -6, 6] }), RangeError, /domain must be an array \[x0, x1, y0, y1\] of finite numbers with x0 < x1/],
  ['a map with a short domain', (lab, { net }) => net.decisionMap({ domain: [0, 1] }), TypeError, /domain must be an array \[x0, x1, y0, y1\]/],
  ['unit maps too large to hold', (lab, { net }) => net.unitMaps({ width: 2048, height: 2048 }), RangeError, /^net\.unitMaps: width × height × 16 values per pixel must be at most 33554432/],
  // health, revive, setters
  ['a health plane of 1 pixel', (lab, { net, data }) => net.health(data, { planeResolution: 1 }), RangeError, /planeResolution must be an integer in \[2, 512\]/],
  ['reviving in a layer that does not exist', (lab, { net, data }) => net.revive(data, { layer: 5 }), RangeError, /^net\.revive: layer must be null or an integer in \[0, 1\] \(got 5\)/],
  ['an unknown revive criterion', (lab, { net, data }) => net.revive(data, { criterion: 'sleepy' }), RangeError, /criterion must be one of "dead", "dormant"/],
  ['reviving a unit that does not exist', (lab, { net }) => net.reviveUnits([{ layer: 0, unit: 8 }]), RangeError, /^net\.reviveUnits: units\[0\]\.unit must be an integer in \[0, 7\] \(got 8\)/],
  ['reviving units given as pairs', (lab, { net }) => net.reviveUnits([[0, 1]]), TypeError, /units\[0\] must be an object \{ layer, unit \}/],
  ['setAlpha on a missing layer', (lab, { net }) => net.setAlpha(2, 0.1), RangeError, /^net\.setAlpha: layer must be an integer in \[0, 1\] \(got 2\)/],
  ['setAlpha with a huge α', (lab, { net }) => net.setAlpha(0, 11), RangeError, /alpha must be a number in \[0, 10\] or null \(got 11\)/],
  ['a ReLU\'(0) of 2', (lab, { net }) => net.setReluGradAtZero(2), RangeError, /^net\.setReluGradAtZero: value must be one of 0, 0\.5, 1 \(got 2\)/],
  // datasets: points and CSV
  ['a point outside the extent', (lab, { net, data }) => data.add(7, 0, 1), RangeError, /^data\.add: x must be a finite number in \[-extent, extent\]/],
  ['a class label out of range', (lab, { net, data }) => data.add(0, 0, 2), RangeError, /^data\.add: label must be a class index in \[0, 1\]/],
  ['a fractional class label', (lab, { net, data }) => data.add(0, 0, 0.5), RangeError, /label must be a class index/],
  ['a label that is a string', (lab, { net, data }) => data.add(0, 0, '1'), TypeError, /^data\.add: label must be a number in \[-1, 7\] \(got "1"\)/],
  ['a missing label', (lab, { net, data }) => data.add(0, 0), TypeError, /^data\.add: label must be a number in \[-1, 7\] \(got undefined\)/],
  ['an unknown split', (lab, { net, data }) => data.add(0, 0, 1, 'validation'), RangeError, /split must be one of "train", "test" \(got "validation"\)/],
  ['removing a point that does not exist', (lab, { net, data }) => data.remove(10000), RangeError, /^data\.remove: index must be an integer in \[0, 199\] \(got 10000\)/],
  ['relabelling with a fractional index', (lab, { net, data }) => data.relabel(1.5, 0), RangeError, /^data\.relabel: index must be an integer in \[0, 199\] \(got 1\.5\)/],
  ['a negative radius', (lab, { net, data }) => data.removeNear(0, 0, -1), RangeError, /radius must be a number in \[0, 200\] \(got -1\)/],
  ['CSV that is not a string', (lab) => lab.datasetFromCSV(42), TypeError, /^lab\.datasetFromCSV: text must be a string \(got 42\)/],
  ['CSV without a header', (lab) => lab.datasetFromCSV('1,2,0\n'), RangeError, /^lab\.datasetFromCSV: csv header must be x,y,label or x,y,label,split/],
  ['CSV with a bad number', (lab) => lab.datasetFromCSV('x,y,label\n1,2,0\n1,zz,1\n'), RangeError, /csv line 3 y must be a number in \[-extent, extent\]/],
  ['CSV with too few columns', (lab) => lab.datasetFromCSV('x,y,label\n1,2\n'), RangeError, /csv line 2 must have 3 columns/],
  ['CSV that is too long', (lab) => lab.datasetFromCSV('x'.repeat(9 << 20)), RangeError, /text must be at most 8388608 characters long/],
  // disposed objects
  ['a disposed network', (lab) => { const n = lab.network(); n.dispose(); return n.toJSON(); }, Error, /^net\.toJSON: this Network was disposed; create a new one$/],
  ['training on a disposed dataset', (lab, { net }) => { const d = lab.dataset(); d.dispose(); return net.train(d); }, Error, /^net\.train: data: this Dataset was disposed/],
  ['a disposed dataset', (lab) => { const d = lab.dataset(); d.dispose(); return d.points(); }, Error, /^data\.points: this Dataset was disposed/],
];

function withBadWeight(model) {
  model.layers[0].W[0][0] = 'NaN';
  return model;
}

for (const { name, simd } of FLAVOURS) {
  describe(`bad input on the ${name} build`, () => {
    let lab, f, reference;
    before(async () => {
      lab = await labOf(simd);
      const other = await load({ simd });
      f = {
        net: lab.network({ hidden: [8, 8], seed: 1 }),
        data: lab.dataset({ name: 'xor', samples: 400, seed: 1 }),
        three: lab.dataset({ name: 'blobs_k', classes: 3, samples: 60 }),
        empty: lab.emptyDataset({ classes: 3 }),
        otherData: other.dataset({ samples: 10 }),
      };
      reference = f.net.predict([1, 2, -3, 4]);
    });

    for (const [what, call, Type, message] of CASES) {
      test(`${what} throws ${Type.name}`, async () => {
        const live = lab.liveObjects();
        await assert.rejects(
          async () => call(lab, f),
          (e) => {
            assert.equal(e.constructor, Type, `${e.constructor.name}: ${e.message}`);
            assert.match(e.message, message);
            return true;
          },
        );
        // The lab and every object keep working, unchanged, and nothing leaked.
        assert.deepEqual(f.net.predict([1, 2, -3, 4]), reference);
        assert.equal(f.data.trainSize, 200);
        assert.equal(lab.liveObjects(), live);
      });
    }

    test('after all the errors, training still works and everything can be freed', () => {
      const m = f.net.train(f.data, { epochs: 30 });
      assert.ok(m.testAccuracy > 0.9, `accuracy ${m.testAccuracy}`);
      Object.values(f).forEach((o) => o.dispose());
      assert.equal(lab.liveObjects(), 0);
    });
  });
}
