// element.d.ts — types of 'relu-lab/element' (see element.js and web/README.md, "Embed it").
import type { Lesson } from './lessons.js';

/** One model's numbers in an element's state and in its epoch event. */
export interface ReluLabModelState {
  label: string;
  epoch: number;
  metrics: { trainLoss: number; testLoss: number; trainAccuracy: number | null; testAccuracy: number | null } | null;
  diverged?: boolean;
  done?: boolean;
  deadUnits: number | null;
  totalUnits?: number | null;
  gradientNorms?: number[] | null;
}

export interface ReluLabState {
  /** Every field of the playground's configuration (the attributes, validated, in camelCase). */
  config: Record<string, unknown>;
  epoch: number;
  playing: boolean;
  metrics: ReluLabModelState['metrics'];
  health: unknown;
  models: ReluLabModelState[];
  error: string | null;
  /** false until the element has come near the viewport (or step/reset/play started it). */
  started: boolean;
  visible: boolean;
}

export interface ReluLabEpochDetail {
  epoch: number;
  metrics: ReluLabModelState['metrics'];
  deadUnits: number | null;
  totalUnits: number | null;
  models: ReluLabModelState[];
}
export interface ReluLabUnitDiedDetail {
  layer: number;
  unit: number;
  epoch: number;
  model: number;
}
export interface ReluLabDivergedDetail {
  model: number;
  label: string;
  epoch: number;
}

export interface ReluLabEventMap extends HTMLElementEventMap {
  epoch: CustomEvent<ReluLabEpochDetail>;
  unitdied: CustomEvent<ReluLabUnitDiedDetail>;
  diverged: CustomEvent<ReluLabDivergedDetail>;
  stopped: CustomEvent<{ epoch: number }>;
  ready: CustomEvent<undefined>;
}

/** <relu-lab>: a configured playground. Attributes: see web/README.md ("Embed it"). */
export declare class ReluLabElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Train while the element is near the viewport (starts the playground if needed). */
  play(): void;
  pause(): void;
  /** Train n epochs now, visible or not; resolves with the state. */
  step(n?: number): Promise<ReluLabState>;
  /** New networks from the same seeds. */
  reset(): Promise<ReluLabState>;
  readonly state: ReluLabState;
  /** Resolves when the engine is loaded and the first frame painted. */
  readonly ready: Promise<ReluLabElement>;
  /** After removal: resolves with the worker's count of live objects before it stopped, or null. */
  readonly disposed: Promise<{ live: number } | null> | null;
  /** The open lesson, when the lesson attribute names one. */
  readonly lesson: { run(): Promise<void>; apply(): Promise<unknown> } | null;
  addEventListener<K extends keyof ReluLabEventMap>(
    type: K,
    listener: (this: ReluLabElement, ev: ReluLabEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'relu-lab': ReluLabElement;
  }
}

export type { Lesson };
