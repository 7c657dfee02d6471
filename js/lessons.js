// lessons.js — the guided lessons of relu-lab as data.
//
// What it is: each lesson is a preset (the facade's dataset / network / train options and a
// number of epochs), an optional list of twins (partial overrides trained in lockstep on the
// same data, seed and initial weights), a predict-then-observe question and the observation.
// The numbers in `observation` were measured in relu-lab itself (bench/survey/lesson_survey.cpp,
// 30 seeds, native build; run it with `build/native/lesson_survey`), not copied from an article;
// where our engine disagrees with the hypothesis in ../shared/LESSONS.md the text says so.
// tests/js/lessons.test.mjs runs every lesson on its seed and asserts its observation.
// What it is not: UI. The page (#lesson=id) and <relu-lab lesson="id"> render these.

/** TF Playground's set-up: U(±0.5) weights, bias 0.1, tanh output with square loss. */
const TF = { init: 'uniform', initScale: 0.5, biasInit: 0.1, output: 'tanh' };

/** @type {ReadonlyArray<import('./index.js').Lesson>} */
export const LESSONS = Object.freeze([
  {
    id: 'meet-relu',
    title: 'Meet ReLU',
    question: 'ReLU is max(0, x). What is its slope left of zero, right of zero — and at zero?',
    preset: { dataset: { name: 'circle' }, network: { hidden: [4], activation: 'relu' }, epochs: 0 },
    panels: ['activation'],
    observation:
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
    observation:
      'With He initialisation the mean activation rate is 49 % over 30 seeds: about half the ' +
      'units are off for any given point. The hypothesis that no unit starts at 0 % is only mostly ' +
      'true here: 3.5 % of units (17 of 480) are born dead on the training data.',
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
    observation:
      'At learning rate 3, 39 % of the units are dead after 10 epochs and test accuracy is ' +
      '0.58 (30-seed means; this seed: 8 of 16 units, 0.57; 2-8-8-1 on the spiral: 43 % dead). At 0.03, 1 % die and accuracy ' +
      'reaches 1.0. Dead units get zero gradient, so they never come back.',
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
    observation:
      'ReLU: 16 % of units dead and accuracy 0.77 on average — it is all or nothing: in ' +
      'about half of the seeds (this one among them) a unit dies and accuracy stays near 0.5. ' +
      'Leaky: 7 % of units inactive (in the ' +
      'negative regime everywhere, yet still learning through the leak) and accuracy 1.0. The ' +
      'article figure of 3 % inactive is lower than ours.',
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
    observation:
      'Inactive units fall from 47 % (ReLU) to 36 % (α 0.01), 10 % (α 0.1), 2 % (α 0.3), ' +
      '10 % (ELU) and 0 % (ReLU with ReDo every 10 epochs) — but test accuracy stays at 0.52–0.54 ' +
      'for all of them. Lowering the learning rate to 0.1 reaches 0.91.',
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
    observation:
      'Over 1,000 initialisations, 90 % of width-2, 10-layer nets draw a constant map on ' +
      '[-1, 1]² (99 % at 20 layers); at width 8, 0.1 % (2 % at 20 layers) — the trend Lu et al. ' +
      '(2019) prove.',
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
    observation:
      'After 200 epochs, 6.9 % of units are dead on the training points but only 1.3 % on ' +
      'the whole plane (30 seeds; on this seed one unit is dead on the data and none on the plane): ' +
      'it lights up away from the clusters, where no data pulls on it.',
  },
  {
    id: 'revive',
    title: 'Death is permanent; ReDo revives',
    question: 'Kill units with 20 epochs at learning rate 3, then drop to 0.03. Do they recover? And with ReDo?',
    preset: {
      dataset: { name: 'circle', seed: 3 },
      network: { hidden: [8, 8], activation: 'relu', ...TF, seed: 3 },
      train: { learningRate: 3 },
      epochs: 20,
      then: { train: { learningRate: 0.03 }, epochs: 200 },
    },
    observation:
      'Without ReDo, 39 % of units are still dead 200 epochs after the switch (first layer: ' +
      '2.6 of 8) and accuracy is 0.65. Reviving the dead units at the switch brings the dead count ' +
      'to 1 % and accuracy to 0.75: capacity comes back, but not all the way to a fresh net (1.0).',
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
    observation:
      "After one epoch the first layer's gradient norm is 10^-2.5 of the last layer's with " +
      "sigmoid, 10^-0.1 with tanh and 10^-0.4 with ReLU + He: sigmoid's slope (≤ ¼) shrinks the " +
      'signal at every layer; ReLU stays within one order of magnitude.',
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
    observation:
      'σ 0.01 learns nothing (accuracy 0.48, 36 % dead), He trains (0.91), σ 1 is noisy ' +
      '(0.69, 23 % dead; 1 run in 30 diverged and was rolled back). Batch norm keeps every unit alive ' +
      '(0 % dead) and rescues σ 0.01 to 0.63 in 300 epochs.',
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
    observation:
      'A region for each of the three classes; at every point the three probabilities sum ' +
      'to 1. Test accuracy 0.94 after 200 epochs of Adam.',
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
    observation:
      'Mean over 30 seeds at SGD 0.03: ReLU 377 epochs, tanh 772 (2 seeds never within ' +
      '2,000), sigmoid never within 2,000 epochs.',
  },
]);

/** The lesson with this id, or undefined. */
export function lesson(id) {
  return LESSONS.find((l) => l.id === id);
}
