// usage.mts — uses every type that js/index.d.ts and js/schema.d.ts declare; checked by
// `tsc --noEmit -p tests/js/types` (types.test.mjs). Never run.
import {
  load,
  simdSupported,
  version,
  schema,
  fieldsOf,
  defaultsOf,
  LIMITS,
  DATASETS,
  ACTIVATIONS,
  OUTPUTS,
  INITS,
  OPTIMIZERS,
  REGULARIZATIONS,
  FEATURES,
  type Lab,
  type LoadOptions,
  type ActivationInfo,
  type DatasetInfo,
  type LabLimits,
  type DatasetOptions,
  type EmptyDatasetOptions,
  type CsvOptions,
  type Split,
  type Points,
  type Dataset,
  type LayerOptions,
  type NetworkOptions,
  type NetworkConfig,
  type ModelJSON,
  type TrainOptions,
  type Metrics,
  type GridOptions,
  type UnitMaps,
  type HealthOptions,
  type LayerHealth,
  type Health,
  type ReviveOptions,
  type CodeOptions,
  type CodeTarget,
  type Network,
  type ActivationCurveOptions,
  type ActivationCurve,
  type LayerParameters,
  type Field,
  type Group,
  type DatasetName,
  type ActivationName,
  type OutputName,
  type InitName,
  type OptimizerName,
  type RegularizationName,
  type FeatureName,
  type Limits,
} from 'relu-lab';
import { schema as schema2, type Field as Field2 } from 'relu-lab/schema';

const loadOptions: LoadOptions = { simd: null };
const lab: Lab = await load(loadOptions);
const ok: boolean = simdSupported() && lab.simd;
const v: string = version + lab.version;
const acts: readonly ActivationInfo[] = lab.activations;
const range: readonly [number, number] = acts[0]!.range;
const infos: readonly DatasetInfo[] = lab.datasets;
const classes: number | null = infos[0]!.classes;
const limits: LabLimits = lab.limits;
const caps: Limits = LIMITS;
const group: Group = 'train';
const fields: readonly Field[] = fieldsOf(group);
const field2: Field2 | undefined = schema2[0];
const defaults: Record<string, unknown> = defaultsOf('network');
const names: [
  readonly DatasetName[],
  readonly ActivationName[],
  readonly OutputName[],
  readonly InitName[],
  readonly OptimizerName[],
  readonly RegularizationName[],
  readonly FeatureName[],
] = [DATASETS, ACTIVATIONS, OUTPUTS, INITS, OPTIMIZERS, REGULARIZATIONS, FEATURES];

const dOpts: DatasetOptions = {
  name: 'spiral',
  samples: 500,
  noise: 0,
  trainFraction: 0.5,
  classes: 2,
  extent: 6,
  seed: 1,
};
const data: Dataset = lab.dataset(dOpts);
const eOpts: EmptyDatasetOptions = { classes: 3, regression: false, extent: 6 };
const empty: Dataset = lab.emptyDataset(eOpts);
const cOpts: CsvOptions = { extent: 6 };
const csv: Dataset = lab.datasetFromCSV(data.toCSV(), cOpts);
const split: Split = 'test';
const pts: Points = data.points(split);
const xs: Float32Array = pts.x;
empty.add(1, 2, 0, 'train');
empty.relabel(0, 1);
empty.remove(0, 'train');
const removed: boolean = empty.removeNear(0, 0, 1);
const meta: [string | null, number, boolean, number, number, number, boolean] = [
  data.name,
  data.classes,
  data.regression,
  data.extent,
  data.trainSize,
  data.testSize,
  data.disposed,
];

const layer: LayerOptions = { units: 4, activation: 'leaky_relu', alpha: null, batchNorm: true };
const nOpts: NetworkOptions = {
  features: ['x', 'y'],
  hidden: [8, layer],
  activation: 'relu',
  alpha: 0.1,
  batchNorm: false,
  output: 'sigmoid',
  classes: 2,
  init: 'he_normal',
  initScale: 0.5,
  biasInit: 0,
  reluGradAtZero: 0,
  seed: 1,
};
const net: Network = lab.network(nOpts);
const tOpts: TrainOptions = {
  epochs: 10,
  learningRate: 0.03,
  batchSize: 10,
  optimizer: 'adam',
  regularization: 'l2',
  regularizationRate: 0.001,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
};
const m: Metrics = net.train(data, tOpts);
const m1: Metrics = net.trainEpoch(data);
const acc: number | null = m.testAccuracy ?? net.evaluate(data).trainAccuracy;
const p: Float32Array = net.predict(new Float32Array([0, 0])) ?? net.predict([1, 2]);
const gOpts: GridOptions = { width: 64, height: 64, domain: [-6, 6, -6, 6] };
const map: Float32Array = net.decisionMap(gOpts);
const units: UnitMaps = net.unitMaps(gOpts);
const thumb: Float32Array | undefined = units.layers[0]?.[0];
const hOpts: HealthOptions = { planeResolution: 64, dormancyTau: 0.1 };
const health: Health = net.health(data, hOpts);
const lh: LayerHealth | undefined = health.layers[0];
const died: (number | null)[] | undefined = lh?.diedAtEpoch;
const rOpts: ReviveOptions = { layer: null, criterion: 'dormant', dormancyTau: 0.1 };
const revived: number = net.revive(data, rOpts) + net.reviveUnits([{ layer: 0, unit: 1 }]);
net.setAlpha(0, null);
net.setReluGradAtZero(0.5);
const config: NetworkConfig = net.config;
const model: ModelJSON = net.toJSON();
// net.toCode (export as PyTorch / NumPy code)
const codeOptions: CodeOptions = { data, train: { optimizer: 'adam', batchSize: 32 } };
const target: CodeTarget = 'numpy';
const code: string = net.toCode('pytorch', codeOptions) + net.toCode(target) + net.toCode('numpy', { data: null });
// @ts-expect-error: toCode writes PyTorch or NumPy only
net.toCode('tensorflow');
const copy: Network = lab.network(model);
const copy2: Network = lab.network(JSON.stringify(model));
const counts: [number, number, number, number] = [net.epoch, net.outputs, net.hiddenUnits, net.parameterCount];
const curveOptions: ActivationCurveOptions = { alpha: null, reluGradAtZero: 0.5 };
const curve: ActivationCurve = lab.activationCurve('elu', new Float32Array([-1, 0, 1]), curveOptions);
const slope: Float32Array = lab.activationCurve('relu', [0]).df;
const params: LayerParameters = net.layerParameters(0);
const shape: [number, number, Float32Array, Float32Array, Float32Array | undefined] = [
  params.inputs,
  params.units,
  params.W,
  params.b,
  params.runningVar,
];
net.setWeight(0, 0, 1, 0.5);
net.setBias(net.config.hidden.length, 0, -0.25);
{
  using scoped = lab.network();
  scoped.predict([0, 0]);
}
const mem: { heapBytes: number; usedBytes: number } = lab.memory();
const live: number = lab.liveObjects();
for (const o of [data, empty, csv]) o.dispose();
for (const o of [net, copy, copy2]) o[Symbol.dispose]();
const dead: boolean = net.disposed;

// @ts-expect-error: an unknown activation name is a type error
lab.network({ activation: 'relux' });
// @ts-expect-error: options are checked by name
net.train(data, { learningrate: 0.1 });
// @ts-expect-error: reluGradAtZero is 0, 0.5 or 1
lab.activationCurve('relu', [0], { reluGradAtZero: 0.25 });

// ---- options.worker: lab.sweep in a bundled app ----
declare const emitted: { href: string; toString(): string };
declare const makeWorker: () => { postMessage(m: unknown): void; terminate(): void };
const sweepSpec = { seeds: 1, measure: ['testLoss'] } as const;
const swept = [
  lab.sweep(sweepSpec, { worker: emitted }),
  lab.sweep(sweepSpec, { worker: '/assets/sweep-worker.js', workers: 2 }),
  lab.sweep(sweepSpec, { worker: makeWorker }),
];
// @ts-expect-error: a number is not a worker entry
lab.sweep(sweepSpec, { worker: 42 });

export {
  ok,
  v,
  range,
  classes,
  limits,
  caps,
  fields,
  field2,
  defaults,
  names,
  xs,
  removed,
  meta,
  m1,
  acc,
  p,
  map,
  thumb,
  died,
  revived,
  config,
  counts,
  curve,
  slope,
  shape,
  mem,
  live,
  dead,
  schema,
  code,
  swept,
};
