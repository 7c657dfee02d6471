// lessons.test.mjs — every lesson's observation, measured by our engine through the public API.
// Claims about averages use the mean over SEEDS seeds (the lessons' measurement uses 30, see
// lesson-results.test.mjs; the thresholds below leave room for the smaller sample). Every build trains the same bits, so a seed here
// gives what it gives in the native survey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'relu-lab';
import { LESSONS, LESSON_RESULTS, lesson } from 'relu-lab/lessons';
import { REGION_GRID } from '../../js/sweep-run.js';
import { bornDeadSweep, bornDeadCells } from '../../web/src/lesson-measure.js';

const lab = await load();
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Deep-merge a twin's overrides into a preset, with the seed set on data and network. */
function configure(preset, twin = {}, seed) {
  const pick = (k) => ({ ...(preset[k] ?? {}), ...(twin[k] ?? {}) });
  const dataset = pick('dataset'),
    network = pick('network'),
    train = pick('train');
  if (seed !== undefined) dataset.seed = network.seed = seed;
  return { dataset, network, train, epochs: twin.epochs ?? preset.epochs };
}

/** Train one configuration; returns its metrics and health, and frees everything. */
function run(preset, twin, seed, after) {
  const c = configure(preset, twin, seed);
  const data = lab.dataset(c.dataset);
  const net = lab.network(c.network);
  try {
    const m = c.epochs > 0 ? net.train(data, { ...c.train, epochs: c.epochs }) : net.evaluate(data);
    const extra = after ? after(net, data) : {};
    const h = net.health(data);
    return { m, h, dead: h.deadUnits / h.totalUnits, ...extra };
  } finally {
    net.dispose();
    data.dispose();
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const over = (fn) => SEEDS.map(fn);

test('every lesson is data: id, title, question, preset and observation', () => {
  assert.ok(LESSONS.length >= 12); // the count is data: pages and tests read LESSONS.length
  assert.equal(new Set(LESSONS.map((l) => l.id)).size, LESSONS.length, 'ids are unique');
  for (const l of LESSONS) {
    for (const k of ['id', 'title', 'question', 'observation']) assert.equal(typeof l[k], 'string', `${l.id}.${k}`);
    assert.ok(l.preset && l.preset.network && l.preset.dataset, l.id);
    assert.equal(lesson(l.id), l);
  }
});

test("meet-relu: ReLU is never negative, its slope is a 0/1 step, sigmoid' ≤ ¼, tanh' ≤ 1", () => {
  const relu = lab.activations.find((a) => a.name === 'relu');
  assert.equal(relu.range[0], 0);
  const net = lab.network({ hidden: [1], activation: 'relu', features: ['x'], output: 'linear' });
  try {
    // one unit z = x (weights set through the model JSON), read through the unit map
    const j = net.toJSON();
    j.layers[0].W = [[1]];
    j.layers[0].b = [0];
    const unit = lab.network(j);
    const map = unit.unitMaps({ width: 9, height: 1, domain: [-4.5, 4.5, -1, 1] }).layers[0][0];
    assert.deepEqual(Array.from(map), [0, 0, 0, 0, 0, 1, 2, 3, 4]); // max(0, x) at x = −4 … 4
    unit.dispose();
  } finally {
    net.dispose();
  }
  for (const name of ['sigmoid', 'tanh']) {
    const a = lab.activations.find((x) => x.name === name);
    assert.ok(a.range[0] >= -1 && a.range[1] <= 1, name);
  }
});

test('half-off: at He init about half the units are on for a point; few are born dead', () => {
  const rates = over((s) => {
    const { h } = run(lesson('half-off').preset, {}, s);
    return h.layers.flatMap((l) => l.activationRate);
  }).flat();
  const m = mean(rates),
    zero = rates.filter((r) => r === 0).length / rates.length;
  assert.ok(m > 0.4 && m < 0.6, `mean on-rate ${m}`);
  assert.ok(zero < 0.1, `born dead ${zero}`);
});

test('too-hot: lr 3 kills ≥ 25 % of units with accuracy < 0.8; lr 0.03 ≤ 5 % dead and ≥ 0.95', () => {
  const l = lesson('too-hot');
  const hot = over((s) => run(l.preset, l.twins[0], s)),
    cool = over((s) => run(l.preset, l.twins[1], s));
  const hotDead = mean(hot.map((r) => r.dead)),
    coolDead = mean(cool.map((r) => r.dead));
  assert.ok(hotDead >= 0.25, `dead at lr 3: ${hotDead}`);
  assert.ok(mean(hot.map((r) => r.m.testAccuracy)) < 0.8);
  assert.ok(coolDead <= 0.05, `dead at lr 0.03: ${coolDead}`);
  assert.ok(mean(cool.map((r) => r.m.testAccuracy)) >= 0.95);
  // on the lesson's own seed too
  const seed = l.preset.dataset.seed;
  assert.ok(run(l.preset, l.twins[0], seed).dead >= 0.25);
  assert.ok(run(l.preset, l.twins[1], seed).dead <= 0.05);
});

test('leak-helps: the leaky twin keeps more units active and reaches higher accuracy', () => {
  const l = lesson('leak-helps');
  const relu = over((s) => run(l.preset, l.twins[0], s)),
    leaky = over((s) => run(l.preset, l.twins[1], s));
  assert.ok(mean(leaky.map((r) => r.dead)) < mean(relu.map((r) => r.dead)));
  assert.ok(mean(relu.map((r) => r.dead)) >= 0.08);
  assert.ok(mean(leaky.map((r) => r.m.testAccuracy)) >= 0.95);
  assert.ok(mean(relu.map((r) => r.m.testAccuracy)) < 0.9);
});

test('leak-no-cure: leaks and ELU cut inactive units, yet accuracy stays below 0.65 at lr 3', () => {
  const l = lesson('leak-no-cure');
  const results = l.twins.map((t) => over((s) => run(l.preset, t, s)));
  const inactive = results.map((rs) => mean(rs.map((r) => r.dead)));
  assert.ok(inactive[0] >= 0.3, `relu ${inactive[0]}`);
  assert.ok(inactive[1] < inactive[0] && inactive[2] < inactive[1], inactive.join(' '));
  assert.ok(inactive[3] < inactive[0], `elu ${inactive[3]}`);
  for (const rs of results) assert.ok(mean(rs.map((r) => r.m.testAccuracy)) < 0.65);
  const slow = over((s) => run(l.preset, { train: { learningRate: 0.1 } }, s));
  assert.ok(mean(slow.map((r) => r.m.testAccuracy)) >= 0.8);
});

test('born-dead: width 2 × 10 layers gives mostly constant maps, width 8 almost never', () => {
  const constantShare = (width, n = 300) => {
    let flat = 0;
    for (let s = 1; s <= n; ++s) {
      const net = lab.network({ hidden: Array(10).fill(width), activation: 'relu', biasInit: 0, seed: s });
      const map = net.decisionMap({ width: 41, height: 41, domain: [-1, 1, -1, 1] });
      flat += map.every((v) => v === map[0]);
      net.dispose();
    }
    return flat / n;
  };
  const narrow = constantShare(2),
    wide = constantShare(8);
  assert.ok(narrow >= 0.75, `width 2: ${narrow}`);
  assert.ok(wide <= 0.05, `width 8: ${wide}`);
});

test('data-vs-plane: fewer units are dead on the plane than on the data', () => {
  const l = lesson('data-vs-plane');
  const rs = over((s) => run(l.preset, {}, s));
  const onData = mean(rs.map((r) => r.h.layers.flatMap((x) => x.deadOnData).filter(Boolean).length));
  const onPlane = mean(rs.map((r) => r.h.layers.flatMap((x) => x.deadOnPlane).filter(Boolean).length));
  assert.ok(onData > onPlane, `data ${onData} plane ${onPlane}`);
  // the lesson's own seed shows a unit dead on the data and alive on the plane
  const own = run(l.preset, {}, l.preset.dataset.seed).h.layers;
  assert.ok(own.some((x) => x.deadOnData.some((d, u) => d && !x.deadOnPlane[u])));
  // and dead on the plane implies dead on the data, unit by unit
  for (const r of rs) for (const x of r.h.layers) x.deadOnPlane.forEach((p, u) => p && assert.ok(x.deadOnData[u]));
});

test('revive: without ReDo first-layer dead units stay dead; ReDo brings the count down', () => {
  const l = lesson('revive');
  const go = (redo) =>
    over((s) =>
      run(l.preset, {}, s, (net, data) => {
        if (redo) net.revive(data);
        const m = net.train(data, { ...l.preset.then.train, epochs: l.preset.then.epochs });
        return { after: m };
      }),
    );
  const without = go(false),
    withRedo = go(true);
  const dead = (rs) => mean(rs.map((r) => r.dead));
  assert.ok(dead(without) >= 0.2, `without ${dead(without)}`);
  assert.ok(dead(withRedo) <= 0.1, `with ${dead(withRedo)}`);
  assert.ok(mean(withRedo.map((r) => r.after.testAccuracy)) > mean(without.map((r) => r.after.testAccuracy)));
});

test("vanishing: sigmoid's first-layer gradient is ≥ 1 order below its last; ReLU + He within one", () => {
  const l = lesson('vanishing');
  const ratio = (twin) =>
    mean(
      over((s) => {
        const { h } = run(l.preset, twin, s);
        return Math.log10(h.layers[0].gradientNorm / h.layers[4].gradientNorm);
      }),
    );
  const sigmoid = ratio(l.twins[0]),
    relu = ratio(l.twins[2]);
  assert.ok(sigmoid <= -1.5, `sigmoid ${sigmoid}`);
  assert.ok(Math.abs(relu) <= 1, `relu ${relu}`);
});

test('init-and-bn: σ 0.01 learns nothing, He trains, batch norm keeps units alive', () => {
  const l = lesson('init-and-bn');
  const acc = (twin) => mean(over((s) => run(l.preset, twin, s).m.testAccuracy).slice(0, 4));
  assert.ok(acc(l.twins[0]) < 0.6);
  assert.ok(acc(l.twins[1]) >= 0.8);
  const bn = over((s) => run(l.preset, l.twins[3], s)).slice(0, 4);
  assert.ok(mean(bn.map((r) => r.dead)) <= 0.02);
});

test('softmax: three regions whose probabilities sum to 1, accuracy ≥ 0.9', () => {
  const l = lesson('softmax');
  const c = configure(l.preset, {}, 1);
  const data = lab.dataset(c.dataset),
    net = lab.network(c.network);
  const m = net.train(data, { ...c.train, epochs: c.epochs });
  assert.ok(m.testAccuracy >= 0.9, `${m.testAccuracy}`);
  const map = net.decisionMap({ width: 32, height: 32 });
  const winners = new Set();
  for (let p = 0; p < 32 * 32; ++p) {
    const q = map.subarray(3 * p, 3 * p + 3);
    assert.ok(Math.abs(q[0] + q[1] + q[2] - 1) < 1e-5);
    winners.add(q.indexOf(Math.max(...q)));
  }
  assert.equal(winners.size, 3);
  net.dispose();
  data.dispose();
});

test('faster: ReLU reaches 90 % test accuracy in fewer epochs than tanh, and sigmoid is slowest', () => {
  const l = lesson('faster');
  const epochsTo90 = (twin, seed, cap = 2000) => {
    const c = configure(l.preset, twin, seed);
    const data = lab.dataset(c.dataset),
      net = lab.network(c.network);
    let e = 0;
    while (e < cap && net.trainEpoch(data, c.train).testAccuracy < 0.9) ++e;
    net.dispose();
    data.dispose();
    return e;
  };
  const seeds = SEEDS.slice(0, 4);
  const relu = mean(seeds.map((s) => epochsTo90(l.twins[0], s)));
  const tanh = mean(seeds.map((s) => epochsTo90(l.twins[1], s)));
  const sigmoid = mean(seeds.map((s) => epochsTo90(l.twins[2], s, 1000)));
  assert.ok(relu < tanh, `relu ${relu} tanh ${tanh}`);
  assert.ok(tanh < sigmoid, `tanh ${tanh} sigmoid ${sigmoid}`);
});

// ---- the Folds lesson (issue 15: linear regions) ----
test('folds: training adds linear pieces, learning rate 3 kills units and merges pieces (the sweep metric grid)', () => {
  const l = lesson('folds');
  const GRID = REGION_GRID; // the regions metric's grid
  const count = (net, data) => {
    const e = data.extent ?? 6;
    return { regions: net.regions({ width: GRID, height: GRID, domain: [-e, e, -e, e] }).count };
  };
  const init = over((s) => run(l.preset, { epochs: 0 }, s, count));
  const cool = over((s) => run(l.preset, l.twins[0], s, count));
  const hot = over((s) => run(l.preset, l.twins[1], s, count));
  SEEDS.forEach((seed, i) => {
    assert.ok(cool[i].regions > init[i].regions, `seed ${seed}: trained ${cool[i].regions} ≤ init ${init[i].regions}`);
    assert.ok(hot[i].regions < cool[i].regions, `seed ${seed}: lr 3 ${hot[i].regions} ≥ lr 0.03 ${cool[i].regions}`);
  });
  assert.ok(mean(hot.map((r) => r.dead)) >= 0.25, 'learning rate 3 kills units');
  assert.ok(init.every((r) => r.regions > 1));
  // the text says what the count is: regions visible at this resolution, a lower bound
  assert.ok(
    l.observation.includes(`regions visible at this resolution, a ${GRID} × ${GRID} grid of the window: a lower bound`),
  );
  assert.deepEqual(l.view, { regions: true }, 'the page runs it in Regions mode');
  // this seed: the twins of the preset through the facade give the committed records
  const r = LESSON_RESULTS.lessons.folds;
  const at = r.seeds.indexOf(r.seed);
  const seed = l.preset.network.seed;
  assert.equal(run(l.preset, l.twins[0], seed, count).regions, r.arms.cool.records.regions[at]);
  assert.equal(run(l.preset, l.twins[1], seed, count).regions, r.arms.hot.records.regions[at]);
  assert.equal(run(l.preset, { epochs: 0 }, seed, count).regions, r.arms.init.records.regions[at]);
});

// ---- born-dead's figure: one lab.sweep (the page runs it with runSweep in its workers) ----
test("born-dead's figure sweep counts the constant maps a direct decisionMap loop counts", async () => {
  const l = lesson('born-dead');
  const { cells, spec } = bornDeadSweep({ ...l, sweep: { ...l.sweep, depths: [2, 10], seeds: 12 } });
  const r = await lab.sweep(spec, { workers: 2 });
  const got = bornDeadCells(cells, r.records);
  assert.deepEqual(
    got.map((c) => [c.width, c.depth, c.seeds]),
    [
      [2, 2, 12],
      [8, 2, 12],
      [2, 10, 12],
      [8, 10, 12],
    ],
  );
  for (const c of got) {
    let constant = 0;
    for (let s = 1; s <= 12; ++s) {
      const net = lab.network({ ...l.preset.network, hidden: Array(c.depth).fill(c.width), seed: s });
      const g = l.sweep.grid;
      const map = net.decisionMap({ width: g, height: g, domain: [-1, 1, -1, 1] });
      constant += map.every((v) => v === map[0]) ? 1 : 0;
      net.dispose();
    }
    assert.equal(c.constant, constant, `width ${c.width}, depth ${c.depth}`);
  }
  assert.ok(got[2].constant > got[3].constant, 'width 2 × 10 layers is constant more often than width 8');
});
