// lessons.d.ts — types of relu-lab/lessons (see lessons.js).
import type { DatasetOptions, NetworkOptions, TrainOptions } from './index.js';

/** Partial options trained beside the preset (same data, seed and initial weights). */
export interface LessonTwin {
  dataset?: Partial<DatasetOptions>;
  network?: Partial<NetworkOptions>;
  train?: Partial<TrainOptions>;
  epochs?: number;
}

export interface Lesson {
  id: string;
  title: string;
  /** The predict-then-observe question shown before the run. */
  question: string;
  preset: LessonTwin & { epochs: number; then?: LessonTwin };
  twins?: LessonTwin[];
  panels?: string[];
  /** For born-dead: the seed sweep plotted against depth. */
  sweep?: { widths: number[]; depths: number[]; seeds: number; grid: number };
  /** What our engine showed, with the measured numbers. */
  observation: string;
}

export declare const LESSONS: ReadonlyArray<Lesson>;
export declare function lesson(id: string): Lesson | undefined;
