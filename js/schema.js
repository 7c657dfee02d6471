// schema.js — every option of relu-lab as data: one list of fields with type, default, limits
// and allowed names.
//
// What it is: the single source the facade validates against (js/validate.js) and that the page's
// URL state and the <relu-lab> element's attributes are meant to be generated from. Pure data, no
// wasm: importing 'relu-lab/schema' loads nothing else.
// What it is not: the engine's own checks. The names and limits here mirror cpp/engine/config.hpp
// and dataset.hpp; tests/js/schema.test.mjs compares them with the loaded engine, so a change in
// the engine that is not made here fails a test.
//
// A field: { group, name, type, default, doc, ...limits }. Types:
//   number   finite number; min/max, minExclusive/maxExclusive, values (a closed list of numbers)
//   integer  safe integer; min/max
//   boolean  true or false
//   enum     one of `values` (strings)
//   names    a non-empty list of distinct `values` (strings)
//   layers   a list of at most maxLength hidden layers: a unit count or a { units, activation,
//            alpha, batchNorm } object (group 'layer'); the network's activation/alpha/batchNorm
//            fill what a layer leaves out
//   domain   [x0, x1, y0, y1], each in [min, max], x0 < x1 and y0 < y1
// `nullable: true` allows null (meaning "the engine's default", e.g. an activation's own α).

/** Names of the generated datasets, in the engine's order (kDatasetNames). */
export const DATASETS = [
  'circle',
  'xor',
  'gauss',
  'spiral',
  'moons',
  'spiral_k',
  'blobs_k',
  'regress_plane',
  'regress_gauss',
];
/** Activation names, in the order of the engine's activation table. */
export const ACTIVATIONS = [
  'relu',
  'leaky_relu',
  'prelu',
  'elu',
  'gelu',
  'silu',
  'softplus',
  'sigmoid',
  'tanh',
  'linear',
];
/** Output heads (kHeadNames). */
export const OUTPUTS = ['sigmoid', 'softmax', 'tanh', 'linear'];
/** Weight initialisations (kInitNames). */
export const INITS = [
  'he_normal',
  'he_uniform',
  'xavier_normal',
  'xavier_uniform',
  'lecun_normal',
  'uniform',
  'normal',
];
/** Optimizers (kOptimizerNames). */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
/** Weight penalties (kRegularizationNames). */
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
/** Input features computed from (x, y), in the engine's bit order (kFeatureNames). */
export const FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];

/** The engine's limits (config.hpp) and the facade's own caps on sizes. */
// A table, its comments aligned: Prettier leaves it as it is.
// prettier-ignore
export const LIMITS = Object.freeze({
  maxHiddenLayers: 20,
  maxUnits: 64,
  maxClasses: 8,
  maxSamples: 20000,
  maxBatchSize: 1024,
  maxGridSide: 2048,
  maxEpochsPerCall: 100000,
  maxStepsPerCall: 1 << 24,  // time travel: facade cap on net.trainSteps' minibatch steps in one call
  maxPredictPoints: 1 << 21, // facade cap: keeps one call's buffers far below the 512 MB heap
  maxMapValues: 1 << 25,     // facade cap on width·height·outputs of one decisionMap / unitMaps
  maxTextLength: 8 << 20,    // facade cap on CSV / model JSON text (characters)
  maxCoordinate: 1e4,        // facade cap on |x|, |y| of predict points and map domains (and on the xs of
                             // activationCurve): far past any extent, and x², xy of it stay far from
                             // float overflow (NaN outputs)
  divergedMagnitude: 1e6,    // the engine's kDivergedMagnitude (config.hpp): a weight this large counts
                             // as divergence and a model holding one is refused, so setWeight / setBias
                             // take |value| below it
  maxHeapBytes: 512 << 20,   // the wasm heap never grows past this (-sMAXIMUM_MEMORY, cmake/ReluWasm.cmake);
                             // js/memory.js turns running out of it into a RangeError
});

const seed = {
  type: 'integer',
  default: 1,
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  doc: 'seed of every random choice: the same seed gives the same result',
};
const extent = { type: 'number', default: 6, min: 0.1, max: 100, doc: 'the domain is [-extent, extent]²' };
const classes = { type: 'integer', default: 2, min: 2, max: LIMITS.maxClasses };
const activation = { type: 'enum', values: ACTIVATIONS, default: 'relu', doc: 'hidden activation' };
const alpha = {
  type: 'number',
  default: null,
  nullable: true,
  min: 0,
  max: 10,
  doc: "leak (leaky_relu), scale (elu) or starting slope (prelu); null: the activation's default",
};
const batchNorm = { type: 'boolean', default: false, doc: 'batch-normalise the pre-activations' };
const side = { type: 'integer', min: 1, max: LIMITS.maxGridSide };
const domain = {
  type: 'domain',
  default: [-6, 6, -6, 6],
  min: -LIMITS.maxCoordinate,
  max: LIMITS.maxCoordinate,
  doc: '[x0, x1, y0, y1] of the grid',
};
const planeResolution = {
  type: 'integer',
  default: 64,
  min: 2,
  max: 512,
  doc: 'grid side used for "dead on the plane"',
};
const dormancyTau = {
  type: 'number',
  default: 0.1,
  min: 0,
  max: 10,
  doc: 'a unit is τ-dormant when its dormancy score is ≤ τ',
};
const split = { type: 'enum', values: ['train', 'test'], default: 'train', doc: 'which set' };

/** Every option field, grouped by the call that takes it. Frozen data. */
// One row per field: Prettier leaves the table as it is.
// prettier-ignore
export const schema = deepFreeze([
  // load(options)
  { group: 'load', name: 'simd', type: 'boolean', default: null, nullable: true,
    doc: 'null: use SIMD when the runtime has it; false: the scalar build; true: insist on SIMD' },

  // lab.dataset(options)
  { group: 'dataset', name: 'name', type: 'enum', values: DATASETS, default: 'circle',
    doc: 'which generator' },
  { group: 'dataset', name: 'samples', type: 'integer', default: 500, min: 2,
    max: LIMITS.maxSamples, doc: 'points in all (train + test)' },
  { group: 'dataset', name: 'noise', type: 'number', default: 0, min: 0, max: 1,
    doc: 'label noise / blob spread, see dataset.hpp' },
  { group: 'dataset', name: 'trainFraction', type: 'number', default: 0.5, min: 0,
    minExclusive: true, max: 1, doc: 'share of the points in the training set' },
  { group: 'dataset', name: 'classes', ...classes, doc: 'classes of spiral_k and blobs_k (others fix it)' },
  { group: 'dataset', name: 'extent', ...extent },
  { group: 'dataset', name: 'seed', ...seed },

  // lab.emptyDataset(options): a dataset to fill point by point
  { group: 'emptyDataset', name: 'classes', ...classes, doc: 'number of classes' },
  { group: 'emptyDataset', name: 'regression', type: 'boolean', default: false,
    doc: 'labels are values in [-1, 1] instead of classes' },
  { group: 'emptyDataset', name: 'extent', ...extent },

  // lab.datasetFromCSV(text, options)
  { group: 'csv', name: 'extent', ...extent },

  // lab.network(options)
  { group: 'network', name: 'features', type: 'names', values: FEATURES, default: ['x', 'y'],
    doc: 'input features' },
  { group: 'network', name: 'hidden', type: 'layers', maxLength: LIMITS.maxHiddenLayers,
    default: [8, 8], doc: 'hidden layers: unit counts or { units, activation, alpha, batchNorm }' },
  { group: 'network', name: 'activation', ...activation },
  { group: 'network', name: 'alpha', ...alpha },
  { group: 'network', name: 'batchNorm', ...batchNorm },
  { group: 'network', name: 'output', type: 'enum', values: OUTPUTS, default: 'sigmoid',
    doc: 'output head: sigmoid (2 classes), softmax (k classes), tanh (2 classes), linear (regression)' },
  { group: 'network', name: 'classes', ...classes, doc: 'softmax outputs' },
  { group: 'network', name: 'init', type: 'enum', values: INITS, default: 'he_normal',
    doc: 'weight initialisation' },
  { group: 'network', name: 'initScale', type: 'number', default: 0.5, min: 1e-6, max: 100,
    doc: 'uniform: ±scale; normal: standard deviation' },
  { group: 'network', name: 'biasInit', type: 'number', default: 0, min: -1000, max: 1000,
    doc: 'initial value of every bias' },
  { group: 'network', name: 'reluGradAtZero', type: 'number', values: [0, 0.5, 1], default: 0,
    doc: 'the value taken for ReLU\'(0)' },
  { group: 'network', name: 'seed', ...seed },

  // one entry of network.hidden written as an object
  { group: 'layer', name: 'units', type: 'integer', default: 8, min: 1, max: LIMITS.maxUnits,
    doc: 'units in the layer' },
  { group: 'layer', name: 'activation', ...activation },
  { group: 'layer', name: 'alpha', ...alpha },
  { group: 'layer', name: 'batchNorm', ...batchNorm },

  // net.train(data, options) and net.trainEpoch(data, options)
  { group: 'train', name: 'epochs', type: 'integer', default: 1, min: 0,
    max: LIMITS.maxEpochsPerCall, doc: 'epochs in this call (stops at the first diverged one)' },
  { group: 'train', name: 'learningRate', type: 'number', default: 0.03, min: 1e-6, max: 10000,
    doc: 'step size' },
  { group: 'train', name: 'batchSize', type: 'integer', default: 10, min: 1,
    max: LIMITS.maxBatchSize, doc: 'points per step' },
  { group: 'train', name: 'optimizer', type: 'enum', values: OPTIMIZERS, default: 'sgd',
    doc: 'update rule' },
  { group: 'train', name: 'regularization', type: 'enum', values: REGULARIZATIONS,
    default: 'none', doc: 'weight penalty' },
  { group: 'train', name: 'regularizationRate', type: 'number', default: 0, min: 0, max: 10,
    doc: 'strength of the weight penalty' },
  { group: 'train', name: 'momentum', type: 'number', default: 0.9, min: 0, max: 1,
    maxExclusive: true, doc: 'momentum optimizer' },
  { group: 'train', name: 'beta1', type: 'number', default: 0.9, min: 0, max: 1,
    maxExclusive: true, doc: 'Adam' },
  { group: 'train', name: 'beta2', type: 'number', default: 0.999, min: 0, max: 1,
    maxExclusive: true, doc: 'Adam' },
  { group: 'train', name: 'epsilon', type: 'number', default: 1e-8, min: 1e-12, max: 1,
    doc: 'Adam' },

  // net.decisionMap(options)
  { group: 'decisionMap', name: 'width', ...side, default: 256, doc: 'pixels across' },
  { group: 'decisionMap', name: 'height', ...side, default: 256, doc: 'pixels down' },
  { group: 'decisionMap', name: 'domain', ...domain },

  // net.unitMaps(options): one small map per hidden unit (thumbnails)
  { group: 'unitMaps', name: 'width', ...side, default: 32, doc: 'pixels across' },
  { group: 'unitMaps', name: 'height', ...side, default: 32, doc: 'pixels down' },
  { group: 'unitMaps', name: 'domain', ...domain },

  // net.regions(options) and net.trace(point) (issue 15: linear regions, one point's passes)
  { group: 'regions', name: 'width', ...side, default: 256, doc: 'pixels across' },
  { group: 'regions', name: 'height', ...side, default: 256, doc: 'pixels down' },
  { group: 'regions', name: 'domain', ...domain },
  { group: 'regions', name: 'gates', type: 'boolean', default: false,
    doc: 'also return every region\'s open gates (count × hidden units bytes)' },
  { group: 'trace', name: 'x', type: 'number', default: 0, min: -LIMITS.maxCoordinate,
    max: LIMITS.maxCoordinate, doc: 'x of the traced point' },
  { group: 'trace', name: 'y', type: 'number', default: 0, min: -LIMITS.maxCoordinate,
    max: LIMITS.maxCoordinate, doc: 'y of the traced point' },
  { group: 'trace', name: 'label', type: 'number', default: 0, min: -LIMITS.maxCoordinate,
    max: LIMITS.maxCoordinate,
    doc: 'class index (sigmoid, tanh: 0 or 1; softmax: 0 … classes − 1) or the target value (linear)' },

  // net.health(data, options)
  { group: 'health', name: 'planeResolution', ...planeResolution },
  { group: 'health', name: 'dormancyTau', ...dormancyTau },

  // net.revive(data, options)
  { group: 'revive', name: 'layer', type: 'integer', default: null, nullable: true, min: 0,
    max: LIMITS.maxHiddenLayers - 1, doc: 'hidden layer to revive in; null: every layer' },
  { group: 'revive', name: 'criterion', type: 'enum', values: ['dead', 'dormant'],
    default: 'dead', doc: 'dead on the data, or τ-dormant' },
  { group: 'revive', name: 'dormancyTau', ...dormancyTau },

  // data.add / remove / relabel / removeNear
  { group: 'point', name: 'x', type: 'number', default: undefined, min: -100, max: 100,
    doc: 'x coordinate (within the dataset\'s extent)' },
  { group: 'point', name: 'y', type: 'number', default: undefined, min: -100, max: 100,
    doc: 'y coordinate (within the dataset\'s extent)' },
  { group: 'point', name: 'label', type: 'number', default: undefined, min: -1, max: 7,
    doc: 'class index, or a value in [-1, 1] for regression' },
  { group: 'point', name: 'split', ...split },
  { group: 'point', name: 'radius', type: 'number', default: 0.5, min: 0, max: 200,
    doc: 'removeNear: how far to look' },
]);

/** The fields of one group (e.g. 'train'), in schema order. */
export function fieldsOf(group) {
  let fields = byGroup.get(group);
  if (!fields) byGroup.set(group, (fields = Object.freeze(schema.filter((f) => f.group === group))));
  return fields;
}
const byGroup = new Map();

/** The default options of one group as a fresh plain object. */
export function defaultsOf(group) {
  const out = {};
  for (const f of fieldsOf(group)) out[f.name] = structuredClone(f.default);
  return out;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
