// lesson-results.test.mjs — the numbers the lessons print are what this engine measures.
// js/lesson-results.js is written by `npm run lessons:measure`; here every lesson's own seed and
// its first seeds (its first 50 for born-dead) are measured again through lab.sweep and must
// equal the committed per-seed values bit for bit; the committed summaries must be the summaries
// of the committed values; every slot of every template must fill. LESSONS_FULL=1 re-measures
// everything (about a minute on two cores), as `node scripts/lessons-measure.mjs --check` does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'relu-lab';
import { LESSONS, LESSON_RESULTS, lesson, lessonSeed, lessonSweepSpec, fillTemplate } from 'relu-lab/lessons';
import { summarize } from '../../js/sweep.js';
import { measureLesson } from '../../scripts/lessons-measure.mjs';

const lab = await load();
const measured = LESSONS.filter((l) => l.measure);

test('every lesson with numbers has committed results for each arm and metric, its own seed among the seeds', () => {
  assert.ok(measured.length >= 10);
  for (const l of measured) {
    const r = LESSON_RESULTS.lessons[l.id];
    assert.ok(r, `${l.id}: no results (run npm run lessons:measure)`);
    assert.equal(r.seed, lessonSeed(l), l.id);
    assert.ok(r.seeds.includes(r.seed), l.id);
    assert.deepEqual(
      r.seeds,
      Array.from({ length: l.measure.seeds }, (_, i) => i + 1),
      `${l.id}: seeds`,
    );
    assert.deepEqual(Object.keys(r.arms), Object.keys(l.measure.arms), `${l.id}: arms`);
    for (const a of Object.values(r.arms)) assert.deepEqual(Object.keys(a.records), l.measure.metrics, l.id);
  }
});

test('the committed summaries are the summaries of the committed per-seed values', () => {
  for (const l of measured)
    for (const [arm, a] of Object.entries(LESSON_RESULTS.lessons[l.id].arms))
      for (const [metric, values] of Object.entries(a.records))
        assert.deepEqual(a.summary[metric], summarize(values), `${l.id}.${arm}.${metric}`);
});

test('every template fills: no slot left, no unknown arm, metric, statistic or format', () => {
  for (const l of LESSONS) {
    assert.equal(l.stale, false, `${l.id}: its results are stale (run npm run lessons:measure)`);
    assert.doesNotMatch(l.observation, /[{}]/, l.id);
    if (l.measure) assert.equal(l.observation, fillTemplate(l.template, LESSON_RESULTS.lessons[l.id]));
  }
});

test("re-measured through lab.sweep, each lesson's own seed and first seeds give the committed values", async () => {
  for (const l of measured) {
    const r = LESSON_RESULTS.lessons[l.id];
    const seeds = process.env.LESSONS_FULL
      ? r.seeds
      : [...new Set([r.seed, ...r.seeds.slice(0, l.id === 'born-dead' ? 50 : 2)])];
    const fresh = await measureLesson(lab, l, { seeds });
    for (const [arm, a] of Object.entries(fresh.arms)) {
      assert.equal(a.units, r.arms[arm].units, `${l.id}.${arm}.units`);
      for (const [metric, values] of Object.entries(a.records)) {
        const committed = seeds.map((s) => r.arms[arm].records[metric][r.seeds.indexOf(s)]);
        assert.deepEqual(
          values,
          committed,
          `${l.id}.${arm}.${metric} on seeds ${seeds.join(',')}: run npm run lessons:measure`,
        );
      }
    }
  }
});

test("too-hot and revive: the 'this seed' numbers are a run of the preset through the facade", () => {
  const hot = lesson('too-hot');
  const p = hot.preset;
  const data = lab.dataset(p.dataset);
  const net = lab.network(p.network);
  const m = net.train(data, { ...p.train, epochs: p.epochs });
  const h = net.health(data);
  const r = LESSON_RESULTS.lessons['too-hot'];
  const at = r.seeds.indexOf(r.seed);
  assert.equal(h.deadUnits / h.totalUnits, r.arms.hot.records.deadOnData[at]);
  assert.equal(m.testAccuracy, r.arms.hot.records.testAccuracy[at]);
  assert.match(
    hot.observation,
    new RegExp(`this seed: ${h.deadUnits} of ${h.totalUnits} units, ${m.testAccuracy.toFixed(2)}`),
  );
  net.dispose();
  data.dispose();
  // revive: on the lesson's seed the ReDo twin ends with fewer dead units and a higher accuracy
  const rv = lesson('revive');
  const q = rv.preset;
  const end = (redo) => {
    const d = lab.dataset(q.dataset);
    const n = lab.network(q.network);
    n.train(d, { ...q.train, epochs: q.epochs });
    if (redo) n.revive(d);
    const mm = n.train(d, { ...q.then.train, epochs: q.then.epochs });
    const hh = n.health(d);
    n.dispose();
    d.dispose();
    return { dead: hh.deadUnits, accuracy: mm.testAccuracy };
  };
  const without = end(false);
  const withRedo = end(true);
  assert.ok(withRedo.dead < without.dead, `dead: ${withRedo.dead} with ReDo, ${without.dead} without`);
  assert.ok(withRedo.accuracy > without.accuracy + 0.1, `accuracy ${withRedo.accuracy} vs ${without.accuracy}`);
  const rr = LESSON_RESULTS.lessons.revive;
  const i = rr.seeds.indexOf(rr.seed);
  assert.equal(Math.round(rr.arms.with.records.deadOnData[i] * 16), withRedo.dead);
  assert.equal(Math.round(rr.arms.without.records.deadOnData[i] * 16), without.dead);
  assert.equal(lab.liveObjects(), 0);
});

test('born-dead: the second-layer closed form (zero biases: 1/2, 1/4) within three binomial σ of the measurement', () => {
  // Brownlowe et al. (2024): 1/2^(n+1) for n ≤ n0 first-layer units with random symmetric biases;
  // with every bias 0 (our init) the second layer's bias no longer flips a coin: 1/2^n.
  const r = LESSON_RESULTS.lessons['born-dead'];
  for (const [arm, p] of [
    ['n1', 1 / 2],
    ['n2', 1 / 4],
  ]) {
    const s = r.arms[arm].summary.constantMap;
    const sigma = Math.sqrt((p * (1 - p)) / s.n);
    assert.ok(
      Math.abs(s.mean - p) <= 3 * sigma,
      `${arm}: measured ${s.mean}, closed form ${p} (σ ${sigma.toFixed(4)})`,
    );
  }
});

test("the scalar build measures the same bits on each lesson's own seed (all lessons but faster's 2,000 epochs)", async () => {
  const scalar = await load({ simd: false });
  for (const l of measured.filter((x) => x.id !== 'faster')) {
    const r = LESSON_RESULTS.lessons[l.id];
    const fresh = await measureLesson(scalar, l, { seeds: [r.seed] });
    for (const [arm, a] of Object.entries(fresh.arms))
      for (const [metric, values] of Object.entries(a.records))
        assert.deepEqual(
          values,
          [r.arms[arm].records[metric][r.seeds.indexOf(r.seed)]],
          `${l.id}.${arm}.${metric} (scalar)`,
        );
  }
});

// ---- the revive lesson as an intervention log (time travel, issue #17) ----
test("the revive lesson's intervention log, replayed through a Run, gives its seed's committed numbers", async () => {
  const { Run, parameterHash } = await import('relu-lab/history');
  const l = lesson('revive');
  const r = LESSON_RESULTS.lessons.revive;
  const spec = lessonSweepSpec(l);
  const setup = {
    data: { ...spec.dataset, seed: r.seed },
    network: { ...spec.network, seed: r.seed },
    train: spec.train,
  };
  const arm = { 'without ReDo': 'without', 'with ReDo': 'with' }; // the twins are the arms
  const k = r.seeds.indexOf(r.seed);
  for (const [i, twin] of l.run.twins.entries()) {
    const run = new Run(lab, setup);
    let m = null;
    for (let e = 0; e <= l.run.epochs; ++e) {
      for (const x of l.run.log.filter((x) => x.epoch === e && (x.twin === undefined || x.twin === i))) {
        if (x.kind === 'train') run.setTrain(x.field, x.value);
        else if (x.kind === 'revive') run.revive(x.options);
        else assert.fail(`a lesson log entry of kind ${x.kind} is not played here`);
      }
      if (e < l.run.epochs) m = run.trainEpoch();
    }
    const h = run.net.health(run.data);
    const want = r.arms[arm[twin]].records;
    assert.equal(h.deadUnits / h.totalUnits, want.deadOnData[k], `${twin}: dead on the data`);
    assert.equal(m.testAccuracy, want.testAccuracy[k], `${twin}: test accuracy`);
    assert.equal(run.log.length, l.run.log.filter((x) => x.twin === undefined || x.twin === i).length);
    // to the bit: the measurement's own run (the preset, its then phase, ReDo in the 'with' arm)
    const q = l.preset;
    const d = lab.dataset({ ...q.dataset, seed: r.seed });
    const n = lab.network({ ...q.network, seed: r.seed });
    n.train(d, { ...q.train, epochs: q.epochs });
    if (arm[twin] === 'with') n.revive(d);
    n.train(d, { ...q.then.train, epochs: q.then.epochs });
    assert.equal(parameterHash(run.net), parameterHash(n), `${twin}: the log's run is the measured run`);
    (n.dispose(), d.dispose());
    // and the run is its log: replayed from scratch, the same bits
    const replay = Run.replay(lab, JSON.parse(JSON.stringify(run.toJSON())));
    assert.equal(parameterHash(replay.net), parameterHash(run.net), twin);
    replay.dispose();
    run.dispose();
  }
});
