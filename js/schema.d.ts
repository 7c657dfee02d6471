// schema.d.ts — types of js/schema.js ('relu-lab/schema'): the option schema as data.

/** One option field. `default: undefined` means the value is required. */
export interface Field {
  readonly group: Group;
  readonly name: string;
  readonly type: 'number' | 'integer' | 'boolean' | 'enum' | 'names' | 'layers' | 'domain';
  readonly default: unknown;
  readonly doc?: string;
  /** Inclusive unless minExclusive / maxExclusive. */
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** enum / names: the allowed names; number: the allowed values. */
  readonly values?: readonly (string | number)[];
  /** null is allowed (meaning the engine's default). */
  readonly nullable?: boolean;
  /** layers: the most layers. */
  readonly maxLength?: number;
}

/** The calls that take options, one schema group each. */
export type Group =
  | 'load'
  | 'dataset'
  | 'emptyDataset'
  | 'csv'
  | 'network'
  | 'layer'
  | 'train'
  | 'decisionMap'
  | 'unitMaps'
  | 'regions'
  | 'trace'
  | 'health'
  | 'revive'
  | 'point';

export type DatasetName =
  | 'circle'
  | 'xor'
  | 'gauss'
  | 'spiral'
  | 'moons'
  | 'spiral_k'
  | 'blobs_k'
  | 'regress_plane'
  | 'regress_gauss';
export type ActivationName =
  | 'relu'
  | 'leaky_relu'
  | 'prelu'
  | 'elu'
  | 'gelu'
  | 'silu'
  | 'softplus'
  | 'sigmoid'
  | 'tanh'
  | 'linear';
export type OutputName = 'sigmoid' | 'softmax' | 'tanh' | 'linear';
export type InitName =
  | 'he_normal'
  | 'he_uniform'
  | 'xavier_normal'
  | 'xavier_uniform'
  | 'lecun_normal'
  | 'uniform'
  | 'normal';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export type RegularizationName = 'none' | 'l1' | 'l2';
export type FeatureName = 'x' | 'y' | 'x2' | 'y2' | 'xy' | 'sinx' | 'siny';

/** Every option field, grouped by the call that takes it. */
export const schema: readonly Field[];
/** The fields of one group, in schema order. */
export function fieldsOf(group: Group): readonly Field[];
/** The default options of one group as a fresh plain object. */
export function defaultsOf(group: Group): Record<string, unknown>;

export const DATASETS: readonly DatasetName[];
export const ACTIVATIONS: readonly ActivationName[];
export const OUTPUTS: readonly OutputName[];
export const INITS: readonly InitName[];
export const OPTIMIZERS: readonly OptimizerName[];
export const REGULARIZATIONS: readonly RegularizationName[];
export const FEATURES: readonly FeatureName[];

/** The engine's limits and the facade's caps on sizes. */
export interface Limits {
  readonly maxHiddenLayers: number;
  readonly maxUnits: number;
  readonly maxClasses: number;
  readonly maxSamples: number;
  readonly maxBatchSize: number;
  readonly maxGridSide: number;
  readonly maxEpochsPerCall: number;
  /** The most minibatch steps of one net.trainSteps call (time travel). */
  readonly maxStepsPerCall: number;
  readonly maxPredictPoints: number;
  readonly maxMapValues: number;
  readonly maxTextLength: number;
  /** The largest |x| or |y| of a predict point or a map domain, and |x| of activationCurve's xs. */
  readonly maxCoordinate: number;
  /** Weights and biases stay below this magnitude (the engine's divergence bound). */
  readonly divergedMagnitude: number;
  /** The wasm heap never grows past this; a call that would need more throws a RangeError. */
  readonly maxHeapBytes: number;
}
export const LIMITS: Limits;
