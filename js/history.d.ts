// history.d.ts — relu-lab/history: a run as its set-up plus a log of interventions (time travel).
import type {
  Dataset,
  Health,
  HealthOptions,
  Lab,
  LayerHealth,
  Metrics,
  Network,
  ReviveOptions,
  StepsResult,
  TrainOptions,
} from './index.js';
import type { DatasetOptions, NetworkOptions } from './index.js';

/** Version of run.toJSON()'s format. */
export const RUN_FORMAT: number;
/** The most interventions one log holds. */
export const MAX_LOG: number;
/** The kinds of intervention: train, weight, bias, addPoint, removePoint, relabel, removeNear, revive, reviveUnits, reluGradAtZero, alpha. */
export const INTERVENTIONS: readonly string[];

/** One intervention: `at` is the step clock (net.stepsTaken) at which it took effect; epoch and step are for display. */
export interface Intervention {
  at: number;
  epoch?: number;
  step?: number;
  kind: string;
  [field: string]: unknown;
}

export interface RunSetup {
  /** Dataset options, or { csv, extent? } (points as data.toCSV() writes them; lab.datasetFromCSV's options). */
  data?: DatasetOptions | { csv: string; extent?: number };
  /** Network options, or a model's JSON (net.toJSON()): the run then begins at that model's epoch. */
  network?: NetworkOptions | object;
  train?: TrainOptions;
}

export interface RunJSON {
  format: number;
  setup: RunSetup;
  log: Intervention[];
  clock: number;
}

/** A past moment as new objects: dispose net and data when done. */
export interface RunState {
  net: Network;
  data: Dataset;
  train: TrainOptions;
}

export interface SnapshotPolicy {
  /** Epochs kept at every epoch before they thin out (default 256). */
  recent?: number;
  /** Bytes of wasm memory the snapshots may hold (default 32 MB). */
  budgetBytes?: number;
}

/** Check one log entry field by field (TypeError / RangeError naming log[i].field). */
export function checkEntry(entry: unknown, index: number, where?: string): Intervention;
/** A log as compact JSON for a link ([at, kind, …fields] per entry). */
export function compactLog(log: Intervention[]): string;
/** compactLog's text back to a checked log (TypeError / RangeError naming log[i]). */
export function expandLog(text: string, where?: string): Intervention[];
/** A hex hash of every parameter's and BN statistic's bits. */
export function parameterHash(net: Network): string;

export interface DeathCertificate {
  layer: number;
  unit: number;
  /** Dead from initialisation (no step killed it). */
  bornDead: boolean;
  /** An intervention was logged at the same step clock. */
  byIntervention: boolean;
  clock: number;
  epoch: number;
  step: number;
  learningRate: number;
  optimizer: string;
  biasBefore: number;
  biasAfter: number;
  deltaBias: number;
  deltaWeightNorm: number;
  /** Plain SGD only: −Δ of the bias and ‖ΔW‖ (what lr × gradient moved). */
  lrTimesGradient: { bias: number; weightNorm: number } | null;
  /** Training points on its open side (z > 0) just before the step. */
  openBefore: number;
  /** Those points themselves (the page rings them on the map). */
  openPoints: { x: number; y: number; label: number }[];
  histogramBefore: number[];
  histogramAfter: number[];
  sentence: string;
}

/** When a unit died, to the step: the epoch (counted from 1), the minibatch step in it, the step clock. */
export interface DiedAt {
  epoch: number;
  /** 0 for a unit dead where the run began (born dead, or dead in an imported model). */
  step: number;
  clock: number;
}

export interface RunLayerHealth extends LayerHealth {
  /** Per unit: when it became dead on the data for the last time; null while alive. */
  diedAt: (DiedAt | null)[];
  /** Per unit: diedAt's minibatch step; null while alive. */
  diedAtStep: (number | null)[];
}

export interface RunHealth extends Health {
  layers: RunLayerHealth[];
}

export class Run {
  constructor(lab: Lab, setup: RunSetup, policy?: SnapshotPolicy);
  /** Live objects owned by the run: do not dispose them. */
  readonly net: Network;
  readonly data: Dataset;
  readonly train: TrainOptions;
  /** The step clock now (net.stepsTaken). */
  readonly clock: number;
  /** Where the run began (a model given as setup.network starts at its epoch). */
  readonly start: { epoch: number; clock: number };
  readonly log: Intervention[];
  readonly metrics: (Metrics & { clock: number })[];
  readonly snapshots: { list: { epoch: number; clock: number; bytes: number }[]; bytes: number; budgetBytes: number };

  trainEpoch(): Metrics;
  trainSteps(steps: number): StepsResult;

  setTrain(field: keyof TrainOptions, value: unknown): void;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  setBias(layer: number, unit: number, value: number): void;
  addPoint(x: number, y: number, label: number, split?: 'train' | 'test'): void;
  removePoint(index: number, split?: 'train' | 'test'): void;
  relabel(index: number, label: number, split?: 'train' | 'test'): void;
  removeNear(x: number, y: number, radius?: number): boolean;
  revive(options?: ReviveOptions): number;
  reviveUnits(units: { layer: number; unit: number }[]): number;
  setReluGradAtZero(value: 0 | 0.5 | 1): void;
  setAlpha(layer: number, value: number | null): void;

  toJSON(): RunJSON;
  /** Replays a run from scratch to json.clock; the log is checked field by field first. */
  static replay(lab: Lab, json: RunJSON, policy?: SnapshotPolicy): Run;
  /** The state at step clock `clock` (after the interventions logged at it): new objects. */
  seek(clock: number): RunState;
  /** The step clock at which epoch `epoch` ended, or null. */
  clockOfEpoch(epoch: number): number | null;
  /** A new run sharing this one's past up to `clock`. */
  branch(clock: number): Run;
  /**
   * How hidden unit (layer, unit) died: the epoch (counted from 1) and minibatch step after which
   * it was dead on the data, found by seeking step by step through the epoch its death was first
   * seen in; null when it is not dead now.
   */
  deathCertificate(layer: number, unit: number): DeathCertificate | null;
  /**
   * net.health(run.data, options) plus diedAt and diedAtStep per hidden layer: found exactly by
   * walking the steps around each death once (then remembered).
   */
  health(options?: HealthOptions): RunHealth;
  dispose(): void;
}
