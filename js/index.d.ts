// index.d.ts — the public API of relu-lab, written by hand (Emscripten 3.1.6 cannot emit it).
//
// Ownership: Network and Dataset own wasm memory. Call dispose() (or `using`) when done; a call
// on a disposed object throws an Error. Every array returned is a copy owned by the caller
// (unitMaps' per-unit arrays are views into one such copy), never a view on wasm memory.
// Errors: TypeError for a wrong type, a missing value or an unknown option name; RangeError for a
// value that is not allowed (NaN, ±∞, out of range, unknown name) and for what the engine rejects
// (CSV, model JSON, a dataset that does not fit the network), and when the wasm heap (capped at
// limits.maxHeapBytes) cannot hold what a call needs. Messages name the field and what is
// allowed. After any error the lab and every object keep working.
import type {
  ActivationName,
  DatasetName,
  FeatureName,
  InitName,
  Limits,
  OptimizerName,
  OutputName,
  RegularizationName,
} from './schema.js';

export * from './schema.js';

/** The package version. */
export const version: string;
/** True when this runtime can run WebAssembly SIMD128. */
export function simdSupported(): boolean;
/** Load the engine: the SIMD build when the runtime has it, unless `simd` says otherwise. */
export function load(options?: LoadOptions): Promise<Lab>;

export interface LoadOptions {
  /** null / left out: SIMD when available; false: the scalar build; true: insist on SIMD. */
  simd?: boolean | null;
}

/** One row of the engine's activation table. */
export interface ActivationInfo {
  readonly name: ActivationName;
  readonly formula: string;
  /** Output range [lo, hi]; ±Infinity when unbounded. */
  readonly range: readonly [number, number];
  readonly defaultAlpha: number;
  readonly hasAlpha: boolean;
  readonly learnedAlpha: boolean;
  readonly reluFamily: boolean;
}

/** One dataset generator. */
export interface DatasetInfo {
  readonly name: DatasetName;
  readonly regression: boolean;
  /** Classes it produces; 0 for regression; null when set by the `classes` option. */
  readonly classes: number | null;
}

/** The engine's limits and tables' sizes, plus the facade's caps. */
export interface LabLimits extends Limits {
  readonly minUnits: number;
  readonly minClasses: number;
  readonly minSamples: number;
  readonly histogramBins: number;
  readonly histogramRange: number;
  readonly maxLearningRate: number;
  readonly modelFormatVersion: number;
}

/** A loaded engine: tables, factories and the live-object count. */
export interface Lab {
  readonly simd: boolean;
  readonly version: string;
  readonly activations: readonly ActivationInfo[];
  readonly datasets: readonly DatasetInfo[];
  readonly features: readonly FeatureName[];
  readonly limits: LabLimits;
  readonly schema: typeof import('./schema.js').schema;

  /** Generate a dataset. */
  dataset(options?: DatasetOptions): Dataset;
  /** An empty dataset to fill with data.add(). */
  emptyDataset(options?: EmptyDatasetOptions): Dataset;
  /** A dataset from CSV text (header x,y,label[,split]). */
  datasetFromCSV(text: string, options?: CsvOptions): Dataset;
  /** A new network, or one restored from net.toJSON() (object or JSON text). */
  network(options?: NetworkOptions | ModelJSON | string): Network;
  /** f and f′ of one activation at xs (each within ±limits.maxCoordinate, at most limits.maxPredictPoints). */
  activationCurve(
    activation: ActivationName,
    xs: Float32Array | Float64Array | readonly number[],
    options?: ActivationCurveOptions,
  ): ActivationCurve;
  // ---- sweeps (lab.sweep, issue 16) ----
  /**
   * Train one set-up over values × seeds in a pool of workers (module Workers in browsers,
   * worker_threads in Node), each loading its own engine of this lab's flavour. The records are
   * the same bits for any number of workers. A bad spec or option throws a TypeError/RangeError
   * naming the field at once (before any worker starts); options.signal cancels: every worker is
   * terminated and the promise rejects with the signal's reason (an AbortError by default).
   */
  sweep(spec: SweepSpec, options?: SweepRunOptions): Promise<SweepResult>;
  /** Sweep workers still running in this thread: 0 once every sweep ended or was cancelled. */
  liveWorkers(): number;
  // ---- end sweeps ----
  /** Networks and datasets of this lab not yet disposed. */
  liveObjects(): number;
  /** Wasm memory: reserved heap and bytes the engine has allocated now. */
  memory(): { heapBytes: number; usedBytes: number };
}

/** A layer's α and the network's ReLU′(0), as in NetworkOptions. */
export interface ActivationCurveOptions {
  /** null / left out: the activation's default α; ignored by activations without one. */
  alpha?: number | null;
  /** The value taken for f′ at a kink (default 0). */
  reluGradAtZero?: 0 | 0.5 | 1;
}

/** f and f′ at each x, as copies. */
export interface ActivationCurve {
  f: Float32Array;
  df: Float32Array;
}

export interface DatasetOptions {
  name?: DatasetName;
  samples?: number;
  noise?: number;
  trainFraction?: number;
  /** spiral_k and blobs_k only. */
  classes?: number;
  extent?: number;
  seed?: number;
}

export interface EmptyDatasetOptions {
  classes?: number;
  regression?: boolean;
  extent?: number;
}

export interface CsvOptions {
  extent?: number;
}

export type Split = 'train' | 'test';

/** The points of one set, as copies. */
export interface Points {
  x: Float32Array;
  y: Float32Array;
  label: Float32Array;
}

/** Training and test points of one problem. Owns wasm memory: dispose() it. */
export interface Dataset {
  /** The generator's name; null for an empty or CSV dataset. */
  readonly name: DatasetName | null;
  /** Classes; 0 for regression. */
  readonly classes: number;
  readonly regression: boolean;
  readonly extent: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly disposed: boolean;

  points(split?: Split): Points;
  add(x: number, y: number, label: number, split?: Split): void;
  remove(index: number, split?: Split): void;
  relabel(index: number, label: number, split?: Split): void;
  /** Remove the nearest point within radius (default 0.5); false when there is none. */
  removeNear(x: number, y: number, radius?: number): boolean;
  toCSV(): string;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A hidden layer written as an object; what it leaves out comes from the network options. */
export interface LayerOptions {
  units?: number;
  activation?: ActivationName;
  /** null: the activation's default α. */
  alpha?: number | null;
  batchNorm?: boolean;
}

export interface NetworkOptions {
  features?: FeatureName[];
  /** Unit counts or layer objects, at most limits.maxHiddenLayers. */
  hidden?: (number | LayerOptions)[];
  activation?: ActivationName;
  alpha?: number | null;
  batchNorm?: boolean;
  output?: OutputName;
  /** softmax outputs. */
  classes?: number;
  init?: InitName;
  initScale?: number;
  biasInit?: number;
  /** The value taken for ReLU'(0). */
  reluGradAtZero?: 0 | 0.5 | 1;
  seed?: number;
}

/** A network's configuration as the engine reports it. */
export interface NetworkConfig {
  features: FeatureName[];
  hidden: { units: number; activation: ActivationName; alpha: number; batchNorm: boolean }[];
  output: OutputName;
  classes: number;
  init: InitName;
  initScale: number;
  biasInit: number;
  reluGradAtZero: number;
  seed: number;
}

/**
 * A saved model (net.toJSON()): versioned plain JSON. Version 2 adds each hidden layer's
 * diedAt; version 1 files still load (their dead units then date from the loaded epoch).
 */
export interface ModelJSON {
  format: 'relu-lab-model';
  version: number;
  epoch?: number;
  config: NetworkConfig;
  layers: {
    W: number[][];
    b: number[];
    alpha?: number[];
    gamma?: number[];
    beta?: number[];
    runningMean?: number[];
    runningVar?: number[];
    /** Hidden layers (version 2): the epoch each unit became dead on the data, −1 alive. */
    diedAt?: number[];
  }[];
  /**
   * The playground's loss history, when it saved the model (ignored by the engine, checked by the
   * page on import): one entry per painted epoch.
   */
  history?: {
    epoch: number;
    trainLoss: number;
    testLoss: number;
    trainAccuracy?: number | null;
    testAccuracy?: number | null;
  }[];
}

// ---- net.toCode (export as PyTorch / NumPy code) ----
/** The languages net.toCode writes. */
export type CodeTarget = 'pytorch' | 'numpy';
export interface CodeOptions {
  /** A dataset to embed as CSV (pytorch: with load_data and train_one_epoch); null or left out: none. */
  data?: Dataset | null;
  /** The training the PyTorch script writes out: optimizer, learningRate, batchSize, penalty, …; epochs is not used. */
  train?: TrainOptions;
}

/** One layer's parameters (net.layerParameters), as copies; names as in ModelJSON's layers. */
export interface LayerParameters {
  inputs: number;
  units: number;
  /** units × inputs weights, row-major: W[unit * inputs + input]. */
  W: Float32Array;
  b: Float32Array;
  /** Hidden layers: each unit's α (PReLU's learned, otherwise the layer's fixed α). */
  alpha?: Float32Array;
  /** Batch-normalised layers: scale, shift and running statistics. */
  gamma?: Float32Array;
  beta?: Float32Array;
  runningMean?: Float32Array;
  runningVar?: Float32Array;
}

export interface TrainOptions {
  /** Epochs in this call (default 1); training stops at the first diverged epoch. */
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  regularization?: RegularizationName;
  regularizationRate?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Metrics after an epoch. Accuracies are null for regression. */
export interface Metrics {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  /** A non-finite value appeared; the epoch was rolled back. */
  diverged: boolean;
}

export interface GridOptions {
  width?: number;
  height?: number;
  /** [x0, x1, y0, y1], each within ±limits.maxCoordinate. */
  domain?: [number, number, number, number];
}

export interface UnitMaps {
  width: number;
  height: number;
  domain: [number, number, number, number];
  /** layers[l][u]: width·height activations, row-major from the top row. */
  layers: Float32Array[][];
}

// ---- regions and traces (issue 15) ----------------------------------------------------------

/** GridOptions plus `gates`. */
export interface RegionOptions {
  width?: number;
  height?: number;
  /** [x0, x1, y0, y1], each within ±limits.maxCoordinate. */
  domain?: [number, number, number, number];
  /** Also return each region's open gates (count × hidden units bytes). Default false. */
  gates?: boolean;
}

export interface Regions {
  width: number;
  height: number;
  domain: [number, number, number, number];
  /** Distinct gate patterns seen at the pixel centres: a lower bound on the regions in the window. */
  count: number;
  /** Every hidden layer is relu, leaky_relu, prelu or linear: one linear function per region. */
  linear: boolean;
  /** width·height region ids, row-major from the top row; dense, in first-appearance order. */
  ids: Int32Array;
  /** width·height: the lowest hidden layer whose gate flips at the pixel's right or lower edge; 255 none. */
  foldLayer: Uint8Array;
  /** With options.gates: count × hidden units (layer by layer), 1 where the unit's z > 0 in that region. */
  gates?: Uint8Array;
}

/** The traced point; every field defaults to 0. */
export interface TracePoint {
  x?: number;
  y?: number;
  /**
   * Class index for sigmoid and tanh (0 or 1) and softmax (0 … classes − 1): a RangeError
   * otherwise; the target value for linear. Within ±limits.maxCoordinate.
   */
  label?: number;
}

export interface TraceLayer {
  /** Pre-activations (after batch norm), activations, gates (z > 0) and ∂L/∂z, one per unit. */
  z: Float32Array;
  a: Float32Array;
  gate: Uint8Array;
  dLdz: Float32Array;
}

export interface Trace {
  /** The hidden layers. */
  layers: TraceLayer[];
  output: {
    z: Float32Array;
    /** P(class 1), the k probabilities, tanh(z) or the value, as predict gives. */
    prediction: Float32Array;
    /** This point's loss alone. */
    loss: number;
    dLdz: Float32Array;
  };
  /** ∂L/∂W and ∂L/∂b of every layer (the output layer last); dW laid out like layerParameters' W. */
  grads: { dW: Float32Array; db: Float32Array }[];
}

export interface HealthOptions {
  planeResolution?: number;
  dormancyTau?: number;
}

export interface LayerHealth {
  activation: ActivationName;
  units: number;
  deadOnData: boolean[];
  deadOnPlane: boolean[];
  activationRate: number[];
  dormancy: number[];
  dormant: boolean[];
  meanAbs: number[];
  /** Fraction of exactly-zero outputs over units × points. */
  sparsity: number;
  gradientNorm: number;
  /**
   * Epoch at which the unit died on the data; null while alive. The engine dates a death when it
   * first sees it (the epoch's count then), so the killing step lies in epoch d or d + 1 counted
   * from 1; relu-lab/history's run.health() adds diedAt and diedAtStep, exact to the step.
   */
  diedAtEpoch: (number | null)[];
  deadCount: number;
  /** units × limits.histogramBins pre-activation counts over ±limits.histogramRange. */
  histogram: Uint32Array;
}

export interface Health {
  deadUnits: number;
  totalUnits: number;
  layers: LayerHealth[];
}

export interface ReviveOptions {
  /** null: every hidden layer. */
  layer?: number | null;
  criterion?: 'dead' | 'dormant';
  dormancyTau?: number;
}

/** A small fully connected network. Owns wasm memory: dispose() it. */
export interface Network {
  readonly config: NetworkConfig;
  readonly epoch: number;
  readonly outputs: number;
  readonly hiddenUnits: number;
  readonly parameterCount: number;
  readonly disposed: boolean;

  /** Train (default 1 epoch); returns the last epoch's metrics. */
  train(data: Dataset, options?: TrainOptions): Metrics;
  /** Train one epoch: the per-frame call. */
  trainEpoch(data: Dataset, options?: TrainOptions): Metrics;
  evaluate(data: Dataset): Metrics;
  /** points: [x0, y0, x1, y1, …], each within ±limits.maxCoordinate; one value per point (k for softmax). */
  predict(points: Float32Array | Float64Array | readonly number[]): Float32Array;
  /**
   * width·height values (·k for softmax), row-major from the top row: a new Float32Array, or
   * `out` filled and returned (a Float32Array of exactly that length; nothing is allocated).
   */
  decisionMap(options?: GridOptions, out?: Float32Array): Float32Array;
  unitMaps(options?: GridOptions): UnitMaps;
  /** The gate regions (linear regions for piecewise-linear nets) and their folds over a grid. */
  regions(options?: RegionOptions): Regions;
  /** One point's forward and backward pass, batch norm in evaluation mode; nothing changes. */
  trace(options?: TracePoint): Trace;
  health(data: Dataset, options?: HealthOptions): Health;
  /** Re-initialise dead (or dormant) units; returns how many. */
  revive(data: Dataset, options?: ReviveOptions): number;
  reviveUnits(units: { layer: number; unit: number }[]): number;
  /** null: the activation's default α. */
  setAlpha(layer: number, alpha: number | null): void;
  setReluGradAtZero(value: 0 | 0.5 | 1): void;
  /** Layers 0 … hidden − 1 are the hidden layers; layer = hidden (config.hidden.length) is the output layer. */
  layerParameters(layer: number): LayerParameters;
  /** Set W[unit][input] (layers as in layerParameters), |value| < limits.divergedMagnitude; keeps optimizer state. */
  setWeight(layer: number, unit: number, input: number, value: number): void;
  /** Set the bias of a unit (layers as in layerParameters); as setWeight. */
  setBias(layer: number, unit: number, value: number): void;
  toJSON(): ModelJSON;

  // ---- time travel: clones and minibatch steps ----
  /** Minibatch steps taken in the epoch in progress: 0 between epochs. */
  readonly step: number;
  /**
   * Every minibatch step ever taken, rolled-back (diverged) epochs' too: a clock that only moves
   * forward, by which an intervention log names a moment. Not saved by toJSON().
   */
  readonly stepsTaken: number;
  /**
   * An independent network with the complete training state (parameters, optimizer state, epoch,
   * the epoch in progress and its shuffle order, died-at epochs, gradient norms): trained alike,
   * the two give identical bits. A new object: dispose() it too.
   */
  clone(): Network;
  /**
   * Train `steps` minibatch steps (an integer in [0, limits.maxStepsPerCall]) from where the epoch
   * in progress stands; an epoch that ends on the way is scored as by trainEpoch, so k steps then
   * m steps equal one trainEpoch when k + m = stepsPerEpoch. Stops at the first diverged epoch
   * (rolled back to its start). options.epochs must be left out (or 1). If the training set's
   * size changed since the epoch in progress began, that epoch ends at once (its order named the
   * old points). toJSON() does not save an epoch in progress.
   */
  trainSteps(data: Dataset, steps: number, options?: TrainOptions): StepsResult;

  // ---- net.toCode (export as PyTorch / NumPy code) ----
  /**
   * The network as a Python script whose predict(points) returns what net.predict returns:
   * 'pytorch' (nn.Module, weights, loss, optimizer, train_one_epoch) or 'numpy' (forward pass and
   * decision map). options.data (of this lab, fitting the network) is embedded as CSV.
   */
  toCode(target: CodeTarget, options?: CodeOptions): string;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** What net.trainSteps did (time travel). */
export interface StepsResult {
  /** Steps taken (fewer than asked only when an epoch diverged). */
  steps: number;
  /** Epochs trained so far, and steps taken in the epoch in progress, after the call. */
  epoch: number;
  step: number;
  /** ⌈training points / batch size⌉ with these options. */
  stepsPerEpoch: number;
  /** Steps before the epoch in progress ends with these options (a whole epoch's between epochs). */
  stepsLeft: number;
  /** The metrics of the last epoch that ended in this call (diverged: the call stopped there); null if none ended. */
  metrics: Metrics | null;
}
// ---- sweeps (lab.sweep, issue 16) ----

/**
 * lab.sweep without a lab in this thread (a page's main thread that only draws): the same checks
 * and workers; options.simd forces a flavour (default: SIMD when the runtime has it). A set-up the
 * engine cannot run rejects from the first worker instead of throwing at the call.
 */
export declare function runSweep(spec: SweepSpec, options?: SweepRunOptions & { simd?: boolean }): Promise<SweepResult>;

/** { n, missing, mean, median, q1, q3, min, max } of the non-null values (quartiles by linear interpolation). */
export declare function summarize(values: readonly (number | null)[]): SweepSummary;

/** What a sweep run can measure (js/sweep-run.js METRICS; a share is in [0, 1]). */
export type SweepMetric =
  | 'deadOnData' // share of hidden units that are ReLU and output 0 on every training point
  | 'deadOnPlane' // … over the whole plane (a 64×64 grid of the domain)
  | 'inactive' // share of hidden units inactive on every training point (any activation)
  | 'activationRate' // mean share of training points that switch a unit on
  | 'trainLoss'
  | 'testLoss'
  | 'trainAccuracy'
  | 'testAccuracy'
  | 'epochsToAccuracy' // first epoch with test accuracy ≥ accuracyTarget; null: never within the epochs
  | 'constantMap' // 1 when the output is constant over a grid × grid sample of the domain
  | 'gradientRatio' // log10(first hidden layer's gradient norm / last hidden layer's)
  | 'regions' // gate regions visible on a 128 × 128 grid of the domain (net.regions; a lower bound)
  | 'diverged'; // 1 when a non-finite loss rolled an epoch back

/** A set-up: the facade's options (seeds come from SweepSpec.seeds; train.epochs is `epochs`). */
export interface SweepSetup {
  dataset?: Omit<DatasetOptions, 'seed'>;
  network?: Omit<NetworkOptions, 'seed'>;
  train?: Omit<TrainOptions, 'epochs'>;
  /** Epochs of the first phase (0: measure at initialisation). */
  epochs?: number;
  /** A second phase: optionally ReDo (revive the dead units) at the switch, then train on. null: none. */
  then?: { train?: Omit<TrainOptions, 'epochs'>; epochs?: number; revive?: boolean } | null;
  /** ReDo every k epochs (0: never). */
  reviveEvery?: number;
}

/** One varied field: 'train.learningRate', 'network.hidden', 'epochs', … or 'setup' (values are SweepSetup overrides). */
export interface SweepVary {
  field: string;
  values: readonly unknown[];
  /** Names of the values (default: the value, or "setup k"). */
  labels?: readonly string[];
}

export interface SweepSpec extends SweepSetup {
  /** One or two fields (at most 64 values each); their product is the grid of cells. */
  vary?: SweepVary | readonly SweepVary[];
  /** A count n (seeds 1 … n, n ≤ 1000) or a list of distinct seeds: each sets dataset.seed and network.seed. */
  seeds: number | readonly number[];
  measure: readonly SweepMetric[];
  /** For epochsToAccuracy (default 0.9). */
  accuracyTarget?: number;
  /** Grid side for constantMap (default 41). */
  grid?: number;
}

export interface SweepRunOptions {
  /** Workers (1–64); default the machine's parallelism. */
  workers?: number;
  /** Called after each run, in finishing order. */
  onProgress?: (p: { done: number; total: number; record: SweepRecord; elapsedMs: number; etaMs: number }) => void;
  /** An AbortSignal (declared structurally: the types need no DOM library). */
  signal?: SweepAbortSignal;
  // ---- options.worker: lab.sweep in a bundled app ----
  /**
   * The sweep worker entry a bundler emitted from `relu-lab/sweep-worker`: a URL object, a URL
   * string (in Node also a file path), or a function returning a new module Worker of it (called
   * once per worker; in Node a worker_threads Worker). Default: the package's own
   * js/sweep-worker.js, which a bundle does not carry (README "lab.sweep in a bundled app").
   */
  worker?: SweepWorkerURL | string | (() => SweepWorker);
}

/** A URL object (declared structurally: the types need no DOM library; at run time, a URL). */
export interface SweepWorkerURL {
  readonly href: string;
  toString(): string;
}

/** A Worker (browser) or worker_threads Worker (Node) running the sweep worker entry. */
export interface SweepWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

export interface SweepAbortSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface SweepRecord {
  cell: number;
  seed: number;
  metrics: Partial<Record<SweepMetric, number | null>>;
  /** Hidden units of the run's network. */
  units: number;
  epoch: number;
  diverged: boolean;
}

export interface SweepSummary {
  n: number;
  missing: number;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

export interface SweepCell {
  index: number;
  /** field → value of this cell. */
  values: Record<string, unknown>;
  /** field → label of this cell's value. */
  labels: Record<string, string>;
  runs: number;
  summary: Partial<Record<SweepMetric, SweepSummary>>;
}

export interface SweepResult {
  spec: {
    vary: { field: string; values: unknown[]; labels: string[] | null }[];
    seeds: number[];
    measure: SweepMetric[];
  };
  cells: SweepCell[];
  /** Every run, cell by cell, seed by seed: the same for any number of workers. */
  records: SweepRecord[];
  workers: number;
  /** Objects the workers still held when they were stopped (0). */
  live: number;
  elapsedMs: number;
}
// ---- end sweeps ----
