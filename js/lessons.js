// lessons.js — the guided lessons of relu-lab as data.
//
// What it is: each lesson is a preset (the facade's dataset / network / train options and a
// number of epochs), an optional list of twins (partial overrides trained in lockstep on the
// same data, seed and initial weights), a predict-then-observe question and the observation.
// No number about what the engine does is typed here: each lesson declares its measurement
// (`measure`: arms, metrics, seeds — a lab.sweep spec, see lessonSweepSpec) and its observation
// is a template whose {arm.metric.stat|format} slots are filled from js/lesson-results.js, which
// `npm run lessons:measure` (scripts/lessons-measure.mjs) writes by running those sweeps through
// this engine. tests/js/lesson-results.test.mjs re-measures the lessons' own seeds and fails when
// the committed numbers differ; tests/js/lessons.test.mjs asserts what the prose claims of them.
// Where our engine disagrees with the hypothesis in ../shared/LESSONS.md the text says so.
// What it is not: UI. The page (#lesson=id) and <relu-lab lesson="id"> render these.

import RESULTS from './lesson-results.js';

/** TF Playground's set-up: U(±0.5) weights, bias 0.1, tanh output with square loss. */
const TF = { init: 'uniform', initScale: 0.5, biasInit: 0.1, output: 'tanh' };

/** @type {ReadonlyArray<import('./index.js').Lesson>} */
const RAW = [
  {
    id: 'meet-relu',
    title: 'Meet ReLU',
    question: 'ReLU is max(0, x). What is its slope left of zero, right of zero — and at zero?',
    preset: { dataset: { name: 'circle' }, network: { hidden: [4], activation: 'relu' }, epochs: 0 },
    panels: ['activation'],
    template:
      'ReLU is never negative and grows without bound; its derivative is a step from 0 to 1. ' +
      "At exactly 0 the derivative is a convention (relu-lab uses 0 by default; switch ReLU'(0) to " +
      '0.5 or 1 and training barely changes, because a pre-activation is almost never exactly 0). ' +
      "Sigmoid's slope never exceeds ¼ and tanh's never exceeds 1.",
  },
  {
    id: 'half-off',
    title: 'Half the lights are off',
    question: "Before any training, what fraction of a ReLU unit's inputs switch it on?",
    preset: {
      dataset: { name: 'circle', seed: 1 },
      network: { hidden: [8, 8], activation: 'relu', init: 'he_normal', seed: 1 },
      epochs: 0,
    },
    measure: { seeds: 30, metrics: ['activationRate', 'deadOnData'], arms: { base: {} } },
    template:
      'With He initialisation the mean activation rate is {base.activationRate.mean|pct} over {seeds} seeds: ' +
      'about half the units are off for any given point. The hypothesis that no unit starts ' +
      'switched off for every point is only mostly true here: {base.deadOnData.mean|pct1} of units are ' +
      'born dead on the training data (this seed: {base.deadOnData.seed|count} of {base.units}).',
  },
  {
    id: 'too-hot',
    title: 'A hot learning rate kills units',
    question: 'Train the same circle net at learning rate 3 and at 0.03. How many ReLU units survive?',
    preset: {
      dataset: { name: 'circle', seed: 3 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 3 },
      train: { learningRate: 3 },
      epochs: 10,
    },
    twins: [{ train: { learningRate: 3 } }, { train: { learningRate: 0.03 }, epochs: 200 }],
    measure: {
      seeds: 30,
      metrics: ['deadOnData', 'testAccuracy'],
      arms: {
        hot: { train: { learningRate: 3 } },
        cool: { train: { learningRate: 0.03 }, epochs: 200 },
        spiral: { dataset: { name: 'spiral' } },
      },
    },
    template:
      'At learning rate 3, {hot.deadOnData.mean|pct} of the units are dead after 10 epochs and test ' +
      'accuracy is {hot.testAccuracy.mean|f2} ({seeds}-seed means; this seed: {hot.deadOnData.seed|count} ' +
      'of {hot.units} units, {hot.testAccuracy.seed|f2}; 2-8-8-1 on the spiral: ' +
      '{spiral.deadOnData.mean|pct} dead). At 0.03, {cool.deadOnData.mean|pct} die and accuracy reaches ' +
      '{cool.testAccuracy.mean|f2} after 200 epochs. Dead units get zero gradient, so they never come back.',
  },
  {
    id: 'leak-helps',
    title: 'A leak helps when the learning rate is only a bit too high',
    question: 'Inputs in [-1, 1], a 2-4-2-1 net at learning rate 1: ReLU or Leaky ReLU (α 0.01)?',
    preset: {
      dataset: { name: 'circle', extent: 1, seed: 3 },
      network: { hidden: [4, 2], activation: 'relu', ...TF, seed: 3 },
      train: { learningRate: 1 },
      epochs: 200,
    },
    twins: [{ network: { activation: 'relu' } }, { network: { activation: 'leaky_relu', alpha: 0.01 } }],
    measure: {
      seeds: 30,
      metrics: ['deadOnData', 'inactive', 'testAccuracy'],
      arms: {
        relu: { network: { activation: 'relu' } },
        leaky: { network: { activation: 'leaky_relu', alpha: 0.01 } },
      },
    },
    template:
      'ReLU: {relu.deadOnData.mean|pct} of units dead and accuracy {relu.testAccuracy.mean|f2} on ' +
      'average — it is all or nothing: a quarter of the seeds end at or below ' +
      '{relu.testAccuracy.q1|f2}, a quarter at or above {relu.testAccuracy.q3|f2} (this seed: ' +
      '{relu.deadOnData.seed|count} of {relu.units} units dead, accuracy {relu.testAccuracy.seed|f2}). ' +
      'Leaky: {leaky.inactive.mean|pct} of units inactive (in the negative regime everywhere, yet ' +
      'still learning through the leak) and accuracy {leaky.testAccuracy.mean|f2} (this seed: ' +
      '{leaky.testAccuracy.seed|f2}). The article figure of 3 % inactive is lower than ours.',
  },
  {
    id: 'leak-no-cure',
    title: 'A leak does not cure a bad learning rate',
    question: 'Spiral at learning rate 3: does a bigger leak, ELU, or reviving units fix training?',
    preset: {
      dataset: { name: 'spiral', seed: 2 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 2 },
      train: { learningRate: 3 },
      epochs: 200,
    },
    twins: [
      { network: { activation: 'relu' } },
      { network: { activation: 'leaky_relu', alpha: 0.1 } },
      { network: { activation: 'leaky_relu', alpha: 0.3 } },
      { network: { activation: 'elu' } },
    ],
    measure: {
      seeds: 30,
      metrics: ['inactive', 'testAccuracy'],
      arms: {
        relu: { network: { activation: 'relu' } },
        leaky01: { network: { activation: 'leaky_relu', alpha: 0.01 } },
        leaky1: { network: { activation: 'leaky_relu', alpha: 0.1 } },
        leaky3: { network: { activation: 'leaky_relu', alpha: 0.3 } },
        elu: { network: { activation: 'elu' } },
        redo: { reviveEvery: 10 },
        slow: { train: { learningRate: 0.1 } },
      },
    },
    template:
      'Inactive units fall from {relu.inactive.mean|pct} (ReLU) to {leaky01.inactive.mean|pct} (α 0.01), ' +
      '{leaky1.inactive.mean|pct} (α 0.1), {leaky3.inactive.mean|pct} (α 0.3), {elu.inactive.mean|pct} ' +
      '(ELU) and {redo.inactive.mean|pct} (ReLU with ReDo every 10 epochs) — but test accuracy stays at ' +
      '{relu.testAccuracy.mean|f2}, {leaky01.testAccuracy.mean|f2}, {leaky1.testAccuracy.mean|f2}, ' +
      '{leaky3.testAccuracy.mean|f2}, {elu.testAccuracy.mean|f2} and {redo.testAccuracy.mean|f2} ' +
      '({seeds}-seed means). Lowering the learning rate to 0.1 reaches {slow.testAccuracy.mean|f2}.',
  },
  {
    id: 'born-dead',
    title: 'Born dead: deep and narrow',
    question: 'Ten hidden layers of width 2, He init, zero bias: how often is the map a constant?',
    preset: {
      dataset: { name: 'circle', extent: 1, seed: 1 },
      network: { hidden: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], activation: 'relu', biasInit: 0, seed: 1 },
      epochs: 0,
    },
    sweep: { widths: [2, 8], depths: [2, 4, 6, 8, 10, 15, 20], seeds: 200, grid: 41 },
    measure: {
      seeds: 1000,
      metrics: ['constantMap'],
      arms: {
        w2d10: { network: { hidden: Array(10).fill(2) } },
        w2d20: { network: { hidden: Array(20).fill(2) } },
        w8d10: { network: { hidden: Array(10).fill(8) } },
        w8d20: { network: { hidden: Array(20).fill(8) } },
        // Brownlowe et al. (2024): a second-layer unit after n first-layer units, 2 inputs
        n1: { network: { hidden: [1, 1] } },
        n2: { network: { hidden: [2, 1] } },
        n3: { network: { hidden: [3, 1] } },
      },
    },
    template:
      'Over {seeds} initialisations, {w2d10.constantMap.mean|pct} of width-2, 10-layer nets draw a ' +
      'constant map on [-1, 1]² ({w2d20.constantMap.mean|pct} at 20 layers); at width 8, ' +
      '{w8d10.constantMap.mean|pct1} ({w8d20.constantMap.mean|pct1} at 20 layers) — the trend Lu et al. ' +
      '(2019) prove. A closed form exists for the second layer: Brownlowe et al. (2024) prove that, with ' +
      'weights and biases drawn from symmetric distributions and n ≤ 2 first-layer units on a 2D input, a ' +
      'second-layer unit is dead over the whole plane with probability 1/2^(n+1) (1/8 for two units), ' +
      'and 5/64 for three. relu-lab starts every bias at 0, which takes away the coin flip of the ' +
      'second-layer bias: 1/2 for one unit and 1/4 for two. With hidden layers of n and 1 units the map ' +
      'is constant exactly when that one unit is dead: measured {n1.constantMap.mean|pct1}, {n2.constantMap.mean|pct1} and, for three units, ' +
      '{n3.constantMap.mean|pct1}. With zero biases every pre-activation is positively homogeneous, so ' +
      'the window around the origin sees every direction: our window-limited "dead on the plane" is the ' +
      "whole plane's, up to the grid's angular resolution.",
  },
  {
    id: 'data-vs-plane',
    title: 'Dead on the data is not dead on the plane',
    question: 'Two Gaussian blobs: can a unit be dead on every training point yet alive somewhere else?',
    preset: {
      dataset: { name: 'gauss', seed: 1 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 1 },
      epochs: 200,
    },
    measure: { seeds: 30, metrics: ['deadOnData', 'deadOnPlane', 'testAccuracy'], arms: { base: {} } },
    template:
      'After 200 epochs, {base.deadOnData.mean|pct1} of units are dead on the training points but only ' +
      '{base.deadOnPlane.mean|pct1} on the whole plane ({seeds} seeds; on this seed, units dead on the ' +
      'data: {base.deadOnData.seed|count}, on the plane: {base.deadOnPlane.seed|count}): a unit dead on ' +
      'the data lights up away from the clusters, where no data pulls on it.',
  },
  {
    id: 'revive',
    title: 'Death is permanent; ReDo revives',
    question: 'Kill units with 20 epochs at learning rate 3, then drop to 0.03. Do they recover? And with ReDo?',
    preset: {
      dataset: { name: 'circle', seed: 2 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 2 },
      train: { learningRate: 3 },
      epochs: 20,
      then: { train: { learningRate: 0.03 }, epochs: 200 },
    },
    // The page's run as an intervention log (relu-lab/history; epochs here, step clocks in the
    // worker's Runs): learning rate 3 for 20 epochs, then 0.03, and Revive in the second twin.
    // tests/js/lessons.test.mjs replays it through a Run to this seed's committed numbers.
    run: {
      twins: ['without ReDo', 'with ReDo'],
      epochs: 220,
      log: [
        { epoch: 20, kind: 'train', field: 'learningRate', value: 0.03 },
        { epoch: 20, kind: 'revive', options: {}, twin: 1 },
      ],
    },
    measure: {
      seeds: 30,
      metrics: ['deadOnData', 'testAccuracy'],
      arms: {
        without: { then: { train: { learningRate: 0.03 }, epochs: 200, revive: false } },
        with: { then: { train: { learningRate: 0.03 }, epochs: 200, revive: true } },
        fresh: { train: { learningRate: 0.03 }, epochs: 220, then: null },
      },
    },
    template:
      'Without ReDo, {without.deadOnData.mean|pct} of units are still dead 200 epochs after the switch ' +
      'and accuracy is {without.testAccuracy.mean|f2}. Reviving the dead units at the switch brings the ' +
      'dead count to {with.deadOnData.mean|pct} and accuracy to {with.testAccuracy.mean|f2}: capacity ' +
      'comes back, but not all the way to a net trained at 0.03 from the start ' +
      '({fresh.testAccuracy.mean|f2}; {seeds}-seed means). This seed: {without.deadOnData.seed|count} ' +
      'dead units and accuracy {without.testAccuracy.seed|f2} without ReDo, ' +
      '{with.deadOnData.seed|count} and {with.testAccuracy.seed|f2} with it. A revived unit starts ' +
      'with zero outgoing weights, so on some seeds it changes the map only slowly.',
  },
  {
    id: 'vanishing',
    title: 'Vanishing gradients',
    question: "Five hidden layers of 8 on the spiral: how much smaller is the first layer's gradient than the last's?",
    preset: {
      dataset: { name: 'spiral', seed: 1 },
      network: { hidden: [8, 8, 8, 8, 8], activation: 'sigmoid', init: 'xavier_normal', seed: 1 },
      epochs: 1,
    },
    twins: [
      { network: { activation: 'sigmoid', init: 'xavier_normal' } },
      { network: { activation: 'tanh', init: 'xavier_normal' } },
      { network: { activation: 'relu', init: 'he_normal' } },
    ],
    measure: {
      seeds: 30,
      metrics: ['gradientRatio'],
      arms: {
        sigmoid: { network: { activation: 'sigmoid', init: 'xavier_normal' } },
        tanh: { network: { activation: 'tanh', init: 'xavier_normal' } },
        relu: { network: { activation: 'relu', init: 'he_normal' } },
      },
    },
    template:
      "After one epoch the first layer's gradient norm is 10^{sigmoid.gradientRatio.mean|f1} of the " +
      "last layer's with sigmoid, 10^{tanh.gradientRatio.mean|f1} with tanh and " +
      '10^{relu.gradientRatio.mean|f1} with ReLU + He (means of log10 over {seeds} seeds; this seed: ' +
      '10^{sigmoid.gradientRatio.seed|f1}, 10^{tanh.gradientRatio.seed|f1}, 10^{relu.gradientRatio.seed|f1}): ' +
      "sigmoid's slope (≤ ¼) shrinks the signal at every layer; ReLU stays within one order of magnitude.",
  },
  {
    id: 'init-and-bn',
    title: 'Init scale and batch norm',
    question: 'Six ReLU layers of 8: initial weights with σ 0.01, He, or σ 1? And with batch norm?',
    preset: {
      dataset: { name: 'spiral', seed: 1 },
      network: { hidden: [8, 8, 8, 8, 8, 8], activation: 'relu', init: 'normal', initScale: 0.01, seed: 1 },
      epochs: 300,
    },
    twins: [
      { network: { init: 'normal', initScale: 0.01 } },
      { network: { init: 'he_normal' } },
      { network: { init: 'normal', initScale: 1 } },
      { network: { init: 'normal', initScale: 0.01, batchNorm: true } },
    ],
    measure: {
      seeds: 30,
      metrics: ['testAccuracy', 'deadOnData', 'diverged'],
      arms: {
        small: { network: { init: 'normal', initScale: 0.01 } },
        he: { network: { init: 'he_normal' } },
        big: { network: { init: 'normal', initScale: 1 } },
        bn: { network: { init: 'normal', initScale: 0.01, batchNorm: true } },
      },
    },
    template:
      'σ 0.01 learns nothing (accuracy {small.testAccuracy.mean|f2}, {small.deadOnData.mean|pct} dead), ' +
      'He trains ({he.testAccuracy.mean|f2}), σ 1 is noisy ({big.testAccuracy.mean|f2}, ' +
      '{big.deadOnData.mean|pct} dead; runs that diverged and were rolled back: {big.diverged.sum|int} ' +
      'of {seeds}). Batch norm keeps units alive ({bn.deadOnData.mean|pct} dead) and takes σ 0.01 to ' +
      '{bn.testAccuracy.mean|f2} in 300 epochs ({seeds}-seed means).',
  },
  {
    id: 'softmax',
    title: 'Many classes need softmax',
    question: 'Three spiral arms: what does a softmax head give that one sigmoid cannot?',
    preset: {
      dataset: { name: 'spiral_k', classes: 3, seed: 1 },
      network: { hidden: [16, 16, 16], activation: 'relu', output: 'softmax', classes: 3, seed: 1 },
      train: { optimizer: 'adam', learningRate: 0.01 },
      epochs: 200,
    },
    measure: { seeds: 30, metrics: ['testAccuracy'], arms: { base: {} } },
    template:
      'A region for each of the three classes; at every point the three probabilities sum ' +
      'to 1. Test accuracy {base.testAccuracy.mean|f2} after 200 epochs of Adam ({seeds}-seed mean; ' +
      'this seed: {base.testAccuracy.seed|f2}).',
  },
  {
    id: 'faster',
    title: 'ReLU converges faster',
    question:
      'Same spiral, net, seed and learning rate: how many epochs to 90 % test accuracy for ReLU, tanh and sigmoid?',
    preset: {
      dataset: { name: 'spiral', seed: 1 },
      network: { hidden: [8, 8, 8], activation: 'relu', seed: 1 },
      epochs: 2000,
    },
    twins: [
      { network: { activation: 'relu', init: 'he_normal' } },
      { network: { activation: 'tanh', init: 'xavier_normal' } },
      { network: { activation: 'sigmoid', init: 'xavier_normal' } },
    ],
    measure: {
      seeds: 30,
      metrics: ['epochsToAccuracy'],
      accuracyTarget: 0.9,
      arms: {
        relu: { network: { activation: 'relu', init: 'he_normal' } },
        tanh: { network: { activation: 'tanh', init: 'xavier_normal' } },
        sigmoid: { network: { activation: 'sigmoid', init: 'xavier_normal' } },
      },
    },
    template:
      'At SGD 0.03, of {seeds} seeds, ReLU reaches 90 % test accuracy within 2,000 epochs in ' +
      '{relu.epochsToAccuracy.n} (median epoch {relu.epochsToAccuracy.median|int}), tanh in ' +
      '{tanh.epochsToAccuracy.n} (median {tanh.epochsToAccuracy.median|int}) and sigmoid in ' +
      '{sigmoid.epochsToAccuracy.n}. This seed: ReLU {relu.epochsToAccuracy.seed|epoch}, tanh ' +
      '{tanh.epochsToAccuracy.seed|epoch}, sigmoid {sigmoid.epochsToAccuracy.seed|epoch}.',
  },
  // ---- the Folds lesson (issue 15: linear regions) ----
  {
    id: 'folds',
    title: 'Folds: how many linear pieces?',
    question:
      'A 2-8-8-1 ReLU net is one linear function on each piece of the plane. How many pieces at init, after training, and after learning rate 3 has killed units?',
    preset: {
      dataset: { name: 'circle', seed: 1 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 1 },
      train: { learningRate: 0.03 },
      epochs: 200,
    },
    twins: [{ train: { learningRate: 0.03 } }, { train: { learningRate: 3 }, epochs: 10 }],
    view: { regions: true },
    measure: {
      seeds: 30,
      metrics: ['regions', 'deadOnData', 'testAccuracy'],
      arms: {
        init: { epochs: 0 },
        cool: { train: { learningRate: 0.03 } },
        hot: { train: { learningRate: 3 }, epochs: 10 },
      },
    },
    template:
      'A ReLU net is one linear function on each piece of the plane where the same units are on; the ' +
      "seams between pieces are its folds, where some unit's z crosses 0. At initialisation this " +
      '2-8-8-1 net draws {init.regions.median|int} pieces (median of {seeds} seeds; quartiles ' +
      '{init.regions.q1|int} and {init.regions.q3|int}). Training at learning rate 0.03 adds folds where ' +
      'the circle needs them: {cool.regions.median|int} pieces after 200 epochs ({cool.regions.q1|int} to ' +
      '{cool.regions.q3|int}; test accuracy {cool.testAccuracy.mean|f2}). Ten epochs at learning rate 3 ' +
      "kill {hot.deadOnData.mean|pct} of the units; a dead unit's fold has left the data, the pieces it " +
      'separated merge, and {hot.regions.median|int} remain ({hot.regions.q1|int} to {hot.regions.q3|int}). ' +
      'This seed: {init.regions.seed|int}, {cool.regions.seed|int} and {hot.regions.seed|int} pieces ' +
      '({hot.deadOnData.seed|count} of {hot.units} units dead at learning rate 3). Every count is the ' +
      'regions visible at this resolution, a 128 × 128 grid of the window: a lower bound (a piece thinner ' +
      "than a pixel is not counted), so the page's finer map may show more.",
  },
];

// ---- lesson numbers as data (issue 16) ----------------------------------------------------------

/** The seed a lesson's page run uses (its preset's network seed): its "this seed" numbers. */
export const lessonSeed = (l) => l.preset.network.seed ?? 1;

/**
 * The lab.sweep spec of a lesson's measurement: its preset, one `setup` vary value per arm
 * (labels: the arm ids), the lesson's metrics, and `seeds` (default: 1 … measure.seeds).
 */
export function lessonSweepSpec(l, seeds = l.measure.seeds) {
  const { dataset, network, train, epochs, then } = l.preset;
  const strip = (o) => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => k !== 'seed'));
  const arms = Object.entries(l.measure.arms);
  return {
    dataset: strip(dataset),
    network: strip(network),
    train: { ...(train ?? {}) },
    epochs,
    ...(then ? { then: { train: { ...(then.train ?? {}) }, epochs: then.epochs } } : {}),
    vary: { field: 'setup', values: arms.map(([, a]) => a), labels: arms.map(([id]) => id) },
    seeds,
    measure: [...l.measure.metrics],
    ...(l.measure.accuracyTarget ? { accuracyTarget: l.measure.accuracyTarget } : {}),
  };
}

// How a slot's value is written. null (no seed reached it, no value) is a dash.
const FORMATS = {
  pct: (v) => `${Math.round(100 * v)} %`,
  pct1: (v) => `${(100 * v).toFixed(1)} %`,
  f1: (v) => v.toFixed(1).replace(/^-0\.0$/, '0.0'),
  f2: (v) => v.toFixed(2),
  int: (v) => String(Math.round(v)),
  epoch: (v) => `epoch ${Math.round(v)}`,
};
const SLOT = /\{([a-zA-Z0-9]+)(?:\.([a-zA-Z]+))?(?:\.([a-zA-Z0-9]+))?(?:\|([a-z0-9]+))?\}/g;

/**
 * The value of one slot: {seeds}; {arm.units}; {arm.metric.stat} with stat one of mean, median,
 * q1, q3, min, max, n, missing (the summary of the committed records), sum (mean × n), seed (the
 * lesson's own seed) — and how it is written (|pct, |pct1, |f1, |f2, |int, |count: a share of
 * the arm's units as a count, |epoch).
 */
export function slotValue(results, arm, metric, stat) {
  if (arm === 'seeds') return results.seeds.length;
  const a = results.arms[arm];
  if (!a) throw new Error(`lesson slot: no arm ${arm}`);
  if (metric === 'units') return a.units;
  const values = a.records[metric];
  if (!values) throw new Error(`lesson slot: arm ${arm} has no metric ${metric}`);
  if (stat === 'seed') return values[results.seeds.indexOf(results.seed)];
  const sum = a.summary[metric];
  if (stat === 'sum') return sum.mean === null ? 0 : sum.mean * sum.n;
  if (!(stat in sum)) throw new Error(`lesson slot: no statistic ${stat}`);
  return sum[stat];
}

/** A template with every slot filled from a lesson's results (js/lesson-results.js). */
export function fillTemplate(template, results) {
  return template.replace(SLOT, (_, arm, metric, stat, format) => {
    const v = slotValue(results, arm, metric, stat);
    if (v === null || v === undefined) return format === 'epoch' ? 'never' : '—';
    if (format === 'count') return String(Math.round(v * results.arms[arm].units));
    if (!format) return String(v);
    if (!FORMATS[format]) throw new Error(`lesson slot: no format ${format}`);
    return FORMATS[format](v);
  });
}

/** The committed results of every lesson (what `npm run lessons:measure` wrote). */
export const LESSON_RESULTS = RESULTS;

/** @type {ReadonlyArray<import('./index.js').Lesson>} */
export const LESSONS = Object.freeze(
  RAW.map((l) => Object.freeze({ ...l, ...filled(l), numbers: RESULTS.lessons[l.id] ?? null })),
);

/**
 * The observation with its slots filled. A lesson whose measurement changed since the results were
 * written (a new arm, a new metric) shows "—" in the slots it cannot fill and is marked `stale`,
 * so that `npm run lessons:measure` can still import this module to write them;
 * tests/js/lesson-results.test.mjs fails on any stale lesson.
 */
function filled(l) {
  // a lesson written with a plain `observation` (no measured number in it) keeps it as its template
  if (l.template === undefined) return { template: l.observation, observation: l.observation, stale: false };
  if (!l.measure) return { observation: l.template, stale: false };
  try {
    if (!RESULTS.lessons[l.id]) throw new Error('no results');
    return { observation: fillTemplate(l.template, RESULTS.lessons[l.id]), stale: false };
  } catch {
    return { observation: l.template.replace(SLOT, '—'), stale: true };
  }
}

/** The lesson with this id, or undefined. */
export function lesson(id) {
  return LESSONS.find((l) => l.id === id);
}
