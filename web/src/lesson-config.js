// lesson-config.js — a lesson (relu-lab/lessons: facade options + twins) as the page's config.
//
// What it is: the inverse of config.js's datasetOptions / networkOptions / trainOptions for the
// options the lessons use, so that the page trains exactly what tests/js/lessons.test.mjs trains
// (tests/web/lesson-config.test.mjs builds both and compares the initial weights). The lesson's
// epochs become `stopAt`; twins become compare mode with "key:value" twin tokens (config.js
// parseTwin), each with its own stopAt when its epochs differ.
// What it is not: the lesson UI (views/lesson-view.js) or the run (lesson-run.js).
import { DEFAULTS, normalize, MAX_TWINS } from './config.js';
import { pretty } from './views/controls.js';

// facade option → page field, per option group
const DATASET = {
  name: 'dataset',
  seed: 'dataSeed',
  classes: 'classes',
  samples: 'samples',
  noise: 'noise',
  trainFraction: 'trainFraction',
  extent: 'extent',
};
const NETWORK = {
  features: 'features',
  hidden: 'hidden',
  activation: 'activation',
  alpha: 'alpha',
  batchNorm: 'batchNorm',
  output: 'output',
  init: 'init',
  initScale: 'initScale',
  biasInit: 'biasInit',
  reluGradAtZero: 'reluGradAtZero',
  seed: 'seed',
  classes: null,
};
const TRAIN = {
  learningRate: 'learningRate',
  batchSize: 'batchSize',
  optimizer: 'optimizer',
  regularization: 'regularization',
  regularizationRate: 'regularizationRate',
};

/** Facade options { dataset, network, train } → a partial page config. Throws on an option the page cannot express. */
export function fromFacadeOptions({ dataset = {}, network = {}, train = {} } = {}) {
  const out = {};
  const map = (table, opts, group) => {
    for (const [k, v] of Object.entries(opts)) {
      if (!(k in table)) throw new Error(`lesson: the page has no field for ${group}.${k}`);
      const key = table[k];
      if (key === null) continue; // derived by the page (softmax classes = the data's classes)
      if (key === 'hidden') {
        if (!v.every((u) => typeof u === 'number')) throw new Error('lesson: hidden layers must be unit counts');
        out.hidden = [...v];
      } else if (key === 'reluGradAtZero') out[key] = String(v);
      else if (key === 'alpha') out[key] = v === null ? -1 : v;
      else out[key] = v;
    }
  };
  map(DATASET, dataset, 'dataset');
  map(NETWORK, network, 'network');
  map(TRAIN, train, 'train');
  return out;
}

/** A twin's overrides as a twin token list (config.js parseTwin). */
function twinTokens(twin, epochs, label) {
  const partial = fromFacadeOptions({ network: twin.network ?? {}, train: twin.train ?? {} });
  if (twin.dataset) throw new Error('lesson: twins share the data');
  const tokens = Object.entries(partial).map(([k, v]) => `${k}:${Array.isArray(v) ? v.join('/') : v}`);
  if (twin.epochs !== undefined && twin.epochs !== epochs) tokens.push(`stopAt:${twin.epochs}`);
  tokens.push(`label:${label.replaceAll(' ', '_')}`);
  return tokens.join(' ');
}

/** A short name for a twin: what differs from the preset ("lr 3", "Leaky ReLU α 0.1", "He normal"). */
export function twinLabel(twin, preset) {
  const parts = [];
  const n = twin.network ?? {};
  const t = twin.train ?? {};
  if (n.activation) parts.push(pretty(n.activation));
  if (n.alpha !== undefined && n.alpha !== null) parts.push(`α ${n.alpha}`);
  if (n.init && !(n.init === 'normal' && n.initScale !== undefined)) parts.push(pretty(n.init).replace(/ \(.*\)$/, ''));
  if (n.initScale !== undefined) parts.push(`σ ${n.initScale}`);
  if (n.batchNorm) parts.push('+ batch norm');
  if (t.learningRate !== undefined) parts.push(`lr ${t.learningRate}`);
  if (twin.epochs !== undefined && twin.epochs !== preset.epochs && !parts.length) parts.push(`${twin.epochs} epochs`);
  return parts.join(' ') || 'preset';
}

/**
 * The page setup of a lesson: { config, epochs (the longest run), phases } where config is a full
 * config from the defaults (not from whatever was on screen) and phases lists what the run does:
 * [{ until, set?, revive? }] — from the lesson's intervention log (lesson.run: the revive lesson
 * switches the learning rate and revives the second twin's dead units at one epoch).
 */
export function lessonSetup(lesson) {
  const p = lesson.preset;
  const partial = fromFacadeOptions(p);
  partial.stopAt = p.epochs;
  let epochs = p.epochs;
  const phases = [{ until: p.epochs }];
  if (lesson.twins?.length) {
    if (lesson.twins.length > MAX_TWINS) throw new Error(`lesson ${lesson.id}: at most ${MAX_TWINS} twins`);
    partial.compare = true;
    partial.twins = lesson.twins.map((t) => twinTokens(t, p.epochs, twinLabel(t, p))).join(',');
    epochs = Math.max(p.epochs, ...lesson.twins.map((t) => t.epochs ?? p.epochs));
    phases[0].until = epochs;
  }
  if (lesson.run) {
    // a run given as an intervention log (the revive lesson): twins of the same net, and at each
    // logged epoch the training fields set (every twin) and Revive (one twin), in a phase each
    partial.compare = true;
    partial.twins = lesson.run.twins.map((t) => `label:${t.replace(/ /g, '_')}`).join(',');
    epochs = lesson.run.epochs;
    const at = [...new Set(lesson.run.log.map((e) => e.epoch))].sort((a, b) => a - b);
    phases[0].until = at[0] ?? epochs;
    partial.stopAt = phases[0].until;
    at.forEach((epoch, i) => {
      const entries = lesson.run.log.filter((e) => e.epoch === epoch);
      const train = Object.fromEntries(entries.filter((e) => e.kind === 'train').map((e) => [e.field, e.value]));
      const until = at[i + 1] ?? epochs;
      const phase = { until, set: { ...fromFacadeOptions({ train }), stopAt: until } };
      const revive = entries.find((e) => e.kind === 'revive');
      if (revive) phase.revive = revive.twin;
      phases.push(phase);
    });
  }
  // about 30 frames a run: long enough to watch, short enough to wait for; at most 25 epochs a
  // frame, the resolution of "epochs to 90 %" in the faster lesson (which needs the trajectory,
  // `trace`: even with reduced motion it runs frame by frame, without animation)
  partial.epochsPerFrame = Math.max(1, Math.min(25, Math.ceil(epochs / 30)));
  if (lesson.view?.regions) partial.regions = true; // the Folds lesson: the map's Regions mode
  const config = normalize(partial, DEFAULTS);
  return { config, epochs, phases, trace: lesson.id === 'faster' };
}
