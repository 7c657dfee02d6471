// export-code.test.mjs — net.toCode('pytorch' | 'numpy') writes scripts that give relu-lab's numbers.
//
// The exported scripts run in Debian's python3 (with python3-torch and python3-numpy, which
// scripts/setup.sh installs) under `-W error`, and are checked with Black (line length 100):
//   1. forward: for every activation and every head, predict(points) on 1,000 points equals
//      net.predict in PyTorch and in NumPy, within FORWARD_TOLERANCE;
//   2. training: one step in PyTorch (train_one_epoch with a batch of every training point) from the
//      exported state gives relu-lab's weights after its own step, for SGD, momentum and Adam, with
//      no penalty, L1 and L2, with and without batch norm, within STEP_TOLERANCE — PyTorch's autograd
//      is then an independent check of relu-lab's gradients;
//   3. an epoch of several batches in the order relu_lab_shuffler replays equals relu-lab's epoch;
//   4. decision_map equals net.decisionMap, the PyTorch module loads relu-lab's parameters bit for
//      bit (the literals are exact), and the scripts are Black-formatted.
// Every script of a group goes to one python3 process (importing torch takes seconds).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import { ACTIVATIONS, OUTPUTS } from 'relu-lab';
import { labOf } from './helpers.mjs';

// Debian's python3 (the one python3-torch is installed for), unless RELU_PYTHON names another.
const PYTHON = process.env.RELU_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const BLACK = existsSync('/usr/bin/black') ? '/usr/bin/black' : 'black';

// Forward tolerance, |python − relu-lab| ≤ 4e-6 · (1 + |relu-lab|). Both sides compute in float32
// (unit roundoff u = 2⁻²⁴ ≈ 6e-8) but not the same operations: relu-lab's exp, tanh and sigmoid are
// polynomial and rational approximations (relative error < 2e-7, absolute < 4e-7,
// cpp/engine/fastmath.hpp), its sums run in another order, and batch norm multiplies by
// 1/√(var + ε) where the scripts divide. Through two hidden layers and a head that is a few units
// of u per operation; the test prints the largest seen (a few 1e-7 when written), and the bound
// leaves about ten times that. A wrong weight, α, ε or formula moves outputs by far more (the last
// test: one weight off by 1e-3 fails).
const FORWARD_TOLERANCE = 4e-6;
// One step, each parameter: |w_python − w_relu-lab| ≤ 5e-7 · (1 + |w|) after the step, a few
// float32 ulps of w. The steps themselves are ~1e-3 (lr 0.1), so a gradient off by 0.1 % fails.
// One exception is stated, not hidden: under Adam the bias of a batch-normalised layer has a
// gradient that is exactly 0 in exact arithmetic (batch norm subtracts the mean) and rounding noise
// (~1e-9) in float, and Adam turns noise into a step of up to lr in either direction: those biases
// are compared within lr.
const STEP_TOLERANCE = 5e-7;
// An epoch of four steps in relu-lab's order (train_one_epoch with relu_lab_shuffler): each step
// starts from weights that already differ by the last one's rounding, so four times the bound of one.
// The last batch has 6 points, not 2: with two points batch norm makes ẑ = ±1 whatever u, so the
// gradient through it is a cancellation of rounding noise divided by σ (with batches of 7, whose
// last has 2 points, the two sides differed by up to ~2e-6 of a first-layer weight).
const EPOCH_TOLERANCE = 2e-6;
const LR = 0.1;

// One step of relu-lab: net.trainSteps (time travel), one minibatch. The batch holds every training
// point (STEP_BATCH ≥ the 30 training points, in the train options the export gets too), so the
// minibatch is the same set in relu-lab and in the script whatever the shuffle.
const reluLabStep = (net, data, train) => {
  const r = net.trainSteps(data, 1, train);
  assert.equal(r.steps, 1, 'relu-lab took exactly one step');
};
const STEP_BATCH = 1024;

const points1000 = (() => {
  // 1,000 points over [-7, 7]² (past the data, where the features grow), seeded xorshift32.
  let s = 2463534242;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  return Float32Array.from({ length: 2000 }, () => -7 + 14 * next());
})();

function python(args, input, cwd) {
  const r = spawnSync(PYTHON, ['-W', 'error', ...args], { input, cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`cannot run ${PYTHON}: ${r.error.message} (scripts/setup.sh installs python3)`);
  assert.equal(r.status, 0, `python3 failed:\n${r.stderr}`);
  return r.stdout;
}

// Run module_i.py (scripts[i]) in one process: predict (and decision_map, train) per job.
const DRIVER = `
import importlib, json, sys
import numpy as np
jobs = json.load(sys.stdin)
out = []
for i, job in enumerate(jobs):
    mod = importlib.import_module(f"model_{i}")
    pts = np.array(job["points"], dtype=np.float32).reshape(-1, 2)
    r = {"predict": mod.predict(pts).ravel().tolist()}
    if hasattr(mod, "model"):  # PyTorch: the state as loaded, to compare bit for bit
        r["loaded"] = {k: v.reshape(-1).tolist() for k, v in mod.model.state_dict().items()}
    if job.get("map"):
        r["map"] = mod.decision_map(*job["map"]).ravel().tolist()
    if job.get("train"):
        points, labels = mod.load_data("train")
        optimizer = mod.make_optimizer(mod.model)
        mod.train_one_epoch(mod.model, optimizer, points, labels, mod.relu_lab_shuffler(len(points)))
        r["state"] = {k: v.reshape(-1).tolist() for k, v in mod.model.state_dict().items()}
    out.append(r)
json.dump(out, sys.stdout)
`;

function runScripts(scripts, jobs) {
  const dir = mkdtempSync(join(tmpdir(), 'relu-export-'));
  try {
    scripts.forEach((s, i) => writeFileSync(join(dir, `model_${i}.py`), s));
    const files = scripts.map((s, i) => join(dir, `model_${i}.py`));
    const black = spawnSync(BLACK, ['-l', '100', '--check', '--diff', '-q', ...files], { encoding: 'utf8' });
    if (black.error) throw new Error(`cannot run black: ${black.error.message} (scripts/setup.sh installs it)`);
    assert.equal(black.status, 0, `the exported scripts are not Black-formatted:\n${black.stdout.slice(0, 3000)}`);
    scripts.forEach((text, i) => {
      // Black does not wrap comments and docstrings: the generator keeps them within 100 too
      const long = text.split('\n').findIndex((l) => l.length > 100);
      assert.equal(long, -1, `model_${i}.py line ${long + 1} is over 100 characters: ${text.split('\n')[long]}`);
    });
    writeFileSync(join(dir, 'driver.py'), DRIVER);
    return JSON.parse(python(['driver.py'], JSON.stringify(jobs), dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first values outside |a − b| ≤ tol · (1 + |b|), as text ('' when none). */
function mismatches(a, b, tol, label) {
  assert.equal(a.length, b.length, `${label}: ${a.length} values, expected ${b.length}`);
  const bad = [];
  let worst = 0;
  for (let i = 0; i < a.length; ++i) {
    const d = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    worst = Math.max(worst, d);
    if (!(d <= tol) && bad.length < 5) bad.push(`[${i}] python ${a[i]} relu-lab ${b[i]}`);
  }
  return { text: bad.length ? `${label}: ${bad.join('; ')}` : '', worst };
}

// ---- the networks ------------------------------------------------------------------------------

// Every activation (sigmoid head, every feature, batch norm on every other one) and every head
// (relu, batch norm on softmax), each trained a little so that α, γ, β and the running statistics
// have moved.
function forwardCases(lab) {
  const two = lab.dataset({ name: 'circle', samples: 200, seed: 3 });
  const cases = ACTIVATIONS.map((activation, k) => ({
    name: `${activation} hidden layers`,
    data: two,
    net: lab.network({
      features: ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'],
      hidden: [
        { units: 6, batchNorm: k % 2 === 0 },
        { units: 5, batchNorm: k % 2 === 1 },
      ],
      activation,
      alpha: activation === 'elu' ? 0.7 : null,
      seed: 10 + k,
    }),
  }));
  const headData = {
    sigmoid: two,
    tanh: two,
    softmax: lab.dataset({ name: 'spiral_k', classes: 3, samples: 200, seed: 3 }),
    linear: lab.dataset({ name: 'regress_gauss', samples: 200, seed: 3 }),
  };
  for (const output of OUTPUTS) {
    cases.push({
      name: `${output} head`,
      data: headData[output],
      net: lab.network({
        hidden: [8, { units: 6, batchNorm: output === 'softmax' }],
        output,
        classes: 3,
        seed: 30,
      }),
    });
  }
  cases.push(
    { name: 'no hidden layer', data: two, net: lab.network({ hidden: [], features: ['x', 'y', 'sinx'], seed: 31 }) },
    { name: "ReLU'(0) = 0.5", data: two, net: lab.network({ hidden: [5], reluGradAtZero: 0.5, seed: 32 }) },
    {
      name: 'twelve layers of every activation',
      data: two,
      net: lab.network({
        hidden: Array.from({ length: 12 }, (_, l) => ({
          units: 3,
          activation: ACTIVATIONS[l % ACTIVATIONS.length],
          batchNorm: l % 3 === 0,
        })),
        seed: 33,
      }),
    },
  );
  for (const c of cases) c.net.train(c.data, { epochs: 5, learningRate: 0.03, optimizer: 'adam' });
  return cases;
}

// SGD, momentum and Adam × no penalty, L1 and L2 × without and with batch norm; the heads and a
// PReLU layer (its α learns) go round so that each loss's gradient is checked too. Pre-trained with
// SGD, so that the optimizer's state is fresh for the step (relu-lab restarts it on a change of
// optimizer, and SGD has none).
function stepCases(lab) {
  const data = {
    sigmoid: lab.dataset({ name: 'xor', samples: 60, seed: 4 }),
    tanh: lab.dataset({ name: 'moons', samples: 60, seed: 4 }),
    softmax: lab.dataset({ name: 'blobs_k', classes: 3, samples: 60, seed: 4 }),
    linear: lab.dataset({ name: 'regress_plane', samples: 60, seed: 4 }),
  };
  const cases = [];
  let k = 0;
  for (const optimizer of ['sgd', 'momentum', 'adam']) {
    for (const regularization of ['none', 'l1', 'l2']) {
      for (const batchNorm of [false, true]) {
        const output = OUTPUTS[k % OUTPUTS.length];
        const net = lab.network({
          features: ['x', 'y', 'xy'],
          hidden: [
            { units: 6, activation: 'prelu', batchNorm },
            { units: 5, activation: ['relu', 'tanh', 'gelu', 'elu'][k % 4], batchNorm },
          ],
          output,
          classes: 3,
          seed: 50 + k++,
        });
        net.train(data[output], { epochs: 3, batchSize: 10, learningRate: 0.05 });
        const train = { optimizer, regularization, regularizationRate: regularization === 'none' ? 0 : 0.01 };
        Object.assign(train, {
          batchSize: STEP_BATCH,
          learningRate: LR,
          momentum: 0.8,
          beta1: 0.85,
          beta2: 0.99,
          epsilon: 1e-7,
        });
        cases.push({
          name: `${optimizer}, ${regularization}, ${batchNorm ? 'batch norm' : 'no batch norm'}, ${output}`,
          net,
          data: data[output],
          train,
          batchNorm,
        });
      }
    }
  }
  return cases;
}

// The state_dict of the exported nn.Module, from relu-lab's layers (names as torchLayers writes them).
function stateOf(net) {
  const json = net.toJSON();
  const out = {};
  let i = 0;
  const flat = (v) => (Array.isArray(v[0]) ? v.flat() : v);
  json.config.hidden.forEach((l, k) => {
    const L = json.layers[k];
    Object.assign(out, { [`layers.${i}.weight`]: flat(L.W), [`layers.${i}.bias`]: L.b });
    i++;
    if (l.batchNorm) {
      Object.assign(out, {
        [`layers.${i}.weight`]: L.gamma,
        [`layers.${i}.bias`]: L.beta,
        [`layers.${i}.running_mean`]: L.runningMean,
        [`layers.${i}.running_var`]: L.runningVar,
      });
      i++;
    }
    if (l.activation === 'prelu') out[`layers.${i}.weight`] = L.alpha;
    i++;
  });
  const O = json.layers.at(-1);
  Object.assign(out, { [`layers.${i}.weight`]: flat(O.W), [`layers.${i}.bias`]: O.b });
  return out;
}

// ---- the tests ---------------------------------------------------------------------------------

describe("net.toCode: the exported scripts give relu-lab's numbers", () => {
  let lab;
  before(async () => {
    lab = await labOf(true);
  });

  for (const target of ['pytorch', 'numpy']) {
    test(`${target}: predict on 1,000 points equals net.predict for every activation and head`, () => {
      const cases = forwardCases(lab);
      const scripts = cases.map((c) => c.net.toCode(target));
      const results = runScripts(
        scripts,
        cases.map((c, i) => ({ points: Array.from(points1000), map: i % 4 === 0 ? [16, 12, [-5, 6, -4, 3]] : null })),
      );
      const report = [];
      let worst = 0;
      cases.forEach((c, i) => {
        if (results[i].loaded) assert.deepEqual(results[i].loaded, stateOf(c.net), `${c.name}: a literal is not exact`);
        const r = mismatches(results[i].predict, c.net.predict(points1000), FORWARD_TOLERANCE, c.name);
        worst = Math.max(worst, r.worst);
        if (r.text) report.push(r.text);
        if (results[i].map) {
          const want = c.net.decisionMap({ width: 16, height: 12, domain: [-5, 6, -4, 3] });
          const m = mismatches(results[i].map, want, FORWARD_TOLERANCE, `${c.name} decision map`);
          if (m.text) report.push(m.text);
        }
      });
      assert.equal(report.join('\n'), '', 'outputs differ');
      console.log(
        `# ${target}: largest |python − relu-lab| / (1 + |relu-lab|) over ${cases.length} nets: ${worst.toExponential(2)}`,
      );
      for (const c of cases) c.net.dispose();
    });
  }

  test("pytorch: one training step equals relu-lab's (SGD, momentum, Adam; L1, L2; with and without batch norm)", () => {
    const cases = stepCases(lab);
    const scripts = cases.map((c) => c.net.toCode('pytorch', { data: c.data, train: c.train }));
    const results = runScripts(
      scripts,
      cases.map(() => ({ points: [0, 0], train: true })),
    );
    const report = [];
    let worst = 0,
      worstNoise = 0;
    cases.forEach((c, i) => {
      const start = stateOf(c.net);
      assert.deepEqual(results[i].loaded, start, `${c.name}: the script does not load relu-lab's state exactly`);
      reluLabStep(c.net, c.data, c.train);
      const end = stateOf(c.net);
      const got = results[i].state;
      assert.deepEqual(Object.keys(got).sort(), Object.keys(end).sort(), `${c.name}: parameter names`);
      let moved = 0;
      for (const key of Object.keys(end)) {
        const preBnBias = c.batchNorm && c.train.optimizer === 'adam' && /^layers\.(0|3)\.bias$/.test(key);
        const tol = preBnBias ? LR : STEP_TOLERANCE;
        // Compare the steps: |Δ python − Δ relu-lab| relative to 1 + |w|.
        const d = got[key].map((v, j) => (v - end[key][j]) / (1 + Math.abs(end[key][j])));
        d.forEach((x, j) => {
          if (preBnBias) worstNoise = Math.max(worstNoise, Math.abs(x));
          else worst = Math.max(worst, Math.abs(x));
          if (!(Math.abs(x) <= tol) && report.length < 12) {
            report.push(
              `${c.name} ${key}[${j}]: python ${got[key][j]} relu-lab ${end[key][j]} (before ${start[key][j]})`,
            );
          }
        });
        moved += end[key].filter((v, j) => v !== start[key][j]).length;
      }
      assert.ok(moved > 0, `${c.name}: relu-lab's step moved nothing; the test would prove nothing`);
    });
    assert.equal(report.join('\n'), '', 'one step differs');
    console.log(`# one step: largest |Δ| / (1 + |w|) over ${cases.length} cases: ${worst.toExponential(2)}`);
    console.log(`# one step: the same for Adam's biases before batch norm: ${worstNoise.toExponential(2)}`);
    for (const c of cases) c.net.dispose();
  });

  test("pytorch: an epoch of several batches follows relu-lab's shuffle order", () => {
    // Pre-trained 2 epochs, so the script replays relu-lab's generator over them; then one epoch of
    // 30 points in batches of 8 (the last one 6) on both sides. The steps compound, so the bound
    // is EPOCH_TOLERANCE; batch norm under Adam is left out (its biases' noise, above).
    const data = lab.dataset({ name: 'moons', samples: 60, seed: 5 });
    const cases = [
      ['sgd', false],
      ['momentum', true],
      ['adam', false],
      ['sgd', true],
    ].map(([optimizer, batchNorm], k) => {
      const net = lab.network({ hidden: [{ units: 6, batchNorm }, 4], activation: 'leaky_relu', seed: 70 + k });
      net.train(data, { epochs: 2, batchSize: 10 });
      return {
        name: `${optimizer}${batchNorm ? ', batch norm' : ''}`,
        net,
        train: { optimizer, batchSize: 8, learningRate: LR },
      };
    });
    const results = runScripts(
      cases.map((c) => c.net.toCode('pytorch', { data, train: c.train })),
      cases.map(() => ({ points: [0, 0], train: true })),
    );
    let worst = 0;
    const report = [];
    cases.forEach((c, i) => {
      const start = stateOf(c.net);
      c.net.train(data, { ...c.train, epochs: 1 });
      const end = stateOf(c.net);
      for (const key of Object.keys(end)) {
        end[key].forEach((v, j) => {
          const d = Math.abs(results[i].state[key][j] - v) / (1 + Math.abs(v));
          worst = Math.max(worst, d);
          if (!(d <= EPOCH_TOLERANCE) && report.length < 12) {
            report.push(
              `${c.name} ${key}[${j}]: python ${results[i].state[key][j]} relu-lab ${v} (before ${start[key][j]})`,
            );
          }
        });
      }
    });
    assert.equal(report.join('\n'), '', 'the epoch differs');
    console.log(`# one epoch of 4 batches: largest |Δ| / (1 + |w|): ${worst.toExponential(2)}`);
    for (const c of cases) c.net.dispose();
    data.dispose();
  });

  test('both scripts run as programs under python3 -W error', () => {
    const data = lab.dataset({ name: 'spiral', samples: 80, seed: 6 });
    const net = lab.network({ hidden: [6, { units: 4, batchNorm: true }], activation: 'silu', seed: 6 });
    net.train(data, { epochs: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'relu-export-'));
    try {
      writeFileSync(join(dir, 'torch_model.py'), net.toCode('pytorch', { data, train: { optimizer: 'momentum' } }));
      writeFileSync(join(dir, 'numpy_model.py'), net.toCode('numpy', { data }));
      const trained = python(['torch_model.py'], '', dir);
      assert.match(trained, /^(epoch \d+: training loss \d+\.\d+\n){5}$/, `the PyTorch script printed:\n${trained}`);
      assert.match(python(['numpy_model.py'], '', dir), /^\[[-0-9.e ]+\]\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    net.dispose();
    data.dispose();
  });

  test('a wrong literal is caught: the forward check fails when one weight is off by 1e-3', () => {
    // The comparison above can fail: change one weight in the exported text and it must.
    const data = lab.dataset({ name: 'circle', samples: 50, seed: 1 });
    const net = lab.network({ hidden: [4], seed: 2 });
    const code = net.toCode('numpy');
    // W1[0][0], the first literal of the first row of W1
    const bad = code.replace(/(W1 = np\.array\(\[\n\s+\[)([-0-9.e+]+)/, (_, head, w) => head + (Number(w) + 1e-3));
    assert.notEqual(bad, code, 'the weight literal was not found in the script');
    const [r] = runScripts([bad], [{ points: Array.from(points1000) }]);
    assert.notEqual(mismatches(r.predict, net.predict(points1000), FORWARD_TOLERANCE, 'bad').text, '');
    net.dispose();
    data.dispose();
  });
});
