// lessons.d.ts — types of relu-lab/lessons (see lessons.js).
import type {
  DatasetOptions,
  NetworkOptions,
  TrainOptions,
  SweepMetric,
  SweepSetup,
  SweepSpec,
  SweepSummary,
} from './index.js';

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
  /**
   * The page's run as an intervention log (relu-lab/history kinds, at epochs; `twin`: the one
   * twin an entry applies to, else every twin): twins of the preset, trained to `epochs`.
   */
  run?: {
    twins: string[];
    epochs: number;
    log: { epoch: number; kind: string; twin?: number; [field: string]: unknown }[];
  };
  panels?: string[];
  /** The page's view options while the lesson runs (e.g. { regions: true }: the Regions map mode). */
  view?: { regions?: boolean };
  /** For born-dead: the seed sweep plotted against depth. */
  sweep?: { widths: number[]; depths: number[]; seeds: number; grid: number };
  /** The measurement behind the numbers: arms (set-up overrides of the preset), metrics, seeds 1 … seeds. */
  measure?: { seeds: number; metrics: SweepMetric[]; arms: Record<string, SweepSetup>; accuracyTarget?: number };
  /** The observation with {arm.metric.stat|format} slots (see fillTemplate). */
  template: string;
  /** What our engine showed: the template filled from the committed results. */
  observation: string;
  /** True when the committed results do not fit the measurement any more (run npm run lessons:measure). */
  stale: boolean;
  /** The committed results of the measurement (js/lesson-results.js), or null. */
  numbers: LessonResults | null;
}

/** One lesson's measurement: the seeds, its own seed, per arm the units, each seed's values and their summary. */
export interface LessonResults {
  seeds: number[];
  seed: number;
  arms: Record<
    string,
    {
      units: number;
      records: Partial<Record<SweepMetric, (number | null)[]>>;
      summary: Partial<Record<SweepMetric, SweepSummary>>;
    }
  >;
}

/** What `npm run lessons:measure` wrote. */
export declare const LESSON_RESULTS: { lessons: Record<string, LessonResults> };
/** The seed of a lesson's page run (its "this seed" numbers). */
export declare function lessonSeed(lesson: Lesson): number;
/** The lab.sweep spec of a lesson's measurement (seeds: default 1 … measure.seeds). */
export declare function lessonSweepSpec(lesson: Lesson, seeds?: number | number[]): SweepSpec;
/** One slot's value: {seeds}, {arm.units}, {arm.metric.stat} (mean, median, q1, q3, min, max, n, missing, sum, seed). */
export declare function slotValue(results: LessonResults, arm: string, metric?: string, stat?: string): number | null;
/** A template with its slots filled (formats: pct, pct1, f1, f2, int, count, epoch). */
export declare function fillTemplate(template: string, results: LessonResults): string;

export declare const LESSONS: ReadonlyArray<Lesson>;
export declare function lesson(id: string): Lesson | undefined;
