// lesson-view.js — one guided lesson over a playground: its title, the predict-then-observe
// question, a "Run it" button that applies the preset (lesson-config.js) and trains to the
// lesson's epochs, then what THIS run measured (lesson-measure.js) and the lesson's observation.
// Used by the page (#lesson=id) and by <relu-lab lesson="id">; it drives the playground only
// through its public API (setConfig, reset, play, revive, refresh, on); born-dead's figure is a
// sweep in the page's workers (runSweep), as Measure it yourself is.
// All text goes in as text nodes (h()), never as markup.
import { h, nextFrame } from '../dom.js';
import { runSweep } from '../../relu-lab/index.js';
import { lessonSetup } from '../lesson-config.js';
import { measure, bornDeadSweep, bornDeadCells } from '../lesson-measure.js';
import { createSweepChart } from './sweep-chart.js';
import { createMeasurePanel } from './measure-panel.js';
import { pageWorkers } from './sweep-progress.js';

/**
 * createLessonView(playground, lesson, { index, total, href(id), prev, next, reducedMotion })
 * → { element, setup, apply(), run(), dispose() }
 */
const WATCH = 10; // epochs: a shorter run is over before the reader could watch it (showOutput)

export function createLessonView(pg, lesson, options = {}) {
  const setup = lessonSetup(lesson);
  const uid = Math.random().toString(36).slice(2, 8);
  const runButton = h(
    'button.lesson-run',
    { type: 'button', onclick: () => run({ show: true }).catch(fail) },
    'Run it',
  );
  const progress = h('progress.lesson-bar', {
    'max': Math.max(1, setup.epochs),
    'value': 0,
    'aria-label': 'Run progress',
  });
  const status = h(
    'p.lesson-status',
    { 'role': 'status', 'aria-live': 'polite' },
    setup.epochs
      ? `Predict first, then run ${setup.epochs} epoch${setup.epochs === 1 ? '' : 's'}.`
      : 'Predict first, then look.',
  );
  const measured = h('dl.lesson-measured');
  const observation = h('p.lesson-observation', {}, lesson.observation);
  const result = h(
    'div.lesson-result',
    { hidden: true },
    h('h3.lesson-sub', {}, 'This run, measured in your browser'),
    measured,
    h(
      'h3.lesson-sub',
      {},
      lesson.numbers ? `What our engine shows (${lesson.numbers.seeds.length} seeds)` : 'What our engine shows',
    ),
    observation,
  );
  const sweep = lesson.sweep ? createSweepChart(lesson.sweep) : null;
  const measurePanel = lesson.measure ? createMeasurePanel(lesson) : null;
  if (sweep) sweep.element.hidden = true;
  const nav = options.href
    ? h(
        'nav.lesson-nav',
        { 'aria-label': 'Lessons' },
        options.prev ? h('a', { href: options.href(options.prev.id), rel: 'prev' }, `‹ ${options.prev.title}`) : null,
        options.next ? h('a', { href: options.href(options.next.id), rel: 'next' }, `${options.next.title} ›`) : null,
      )
    : null;
  const element = h(
    'section.lesson',
    { 'aria-labelledby': `lesson-${uid}`, 'dataset': { lesson: lesson.id, state: 'ready' } },
    h(
      'header.lesson-head',
      {},
      h('p.lesson-kicker', {}, options.total ? `Lesson ${options.index + 1} of ${options.total}` : 'Lesson'),
      h('h2.lesson-title', { id: `lesson-${uid}` }, lesson.title),
    ),
    h('div.lesson-question', {}, h('span.lesson-tag', {}, 'Predict'), h('p', {}, lesson.question)),
    h('div.lesson-actions', {}, runButton, setup.epochs ? progress : null, status),
    sweep?.element,
    result,
    measurePanel?.element,
    nav,
  );

  let token = 0; // a newer run (or dispose) makes an older one stop
  let figureRun = null; // born-dead: the AbortController of its figure's sweep
  let reached90 = [];
  const offs = [
    pg.on('epoch', (d) => {
      progress.value = Math.min(setup.epochs, Math.max(d.epoch, ...d.models.map((m) => m.epoch)));
      d.models.forEach((m, i) => {
        if (reached90[i] === null && m.metrics?.testAccuracy >= 0.9) reached90[i] = m.epoch;
      });
      if (element.dataset.state === 'running') status.textContent = `Epoch ${progress.value} of ${setup.epochs}…`;
    }),
  ];

  const once = (type) =>
    new Promise((resolve) => {
      const off = pg.on(type, (d) => {
        off();
        resolve(d);
      });
      offs.push(off);
    });

  function fail(e) {
    element.dataset.state = 'error';
    status.textContent = `The run stopped: ${e?.message ?? e}`;
    runButton.disabled = false;
  }

  /** Put the lesson's preset on the playground (no training). */
  async function apply() {
    await pg.setConfig(setup.config);
    return pg.reset();
  }

  /** Train until every model reached `until` (or the learner pauses; ▶ resumes the run). */
  async function trainTo(until, my) {
    for (;;) {
      const s = pg.state();
      if (my !== token || s.models.every((m) => m.done || m.epoch >= until) || s.models.some((m) => m.diverged)) return;
      if (options.reducedMotion) {
        const left = until - Math.min(...s.models.filter((m) => !m.done).map((m) => m.epoch));
        await pg.step(setup.trace ? Math.min(left, s.config.epochsPerFrame) : left, { quiet: setup.trace });
        continue;
      }
      const paused = once('pause');
      pg.play();
      if (!pg.state().playing) return; // the playground refused (an error is showing)
      await paused;
      const after = pg.state();
      if (!after.models.every((m) => m.done || m.epoch >= until)) {
        status.textContent = `Paused at epoch ${after.epoch}: press ▶ to go on, or Run it to start over.`;
        await once('play');
        if (my !== token) return;
        status.textContent = `Epoch ${pg.state().epoch} of ${setup.epochs}…`;
      }
    }
  }

  /**
   * Run it trains where the reader can see it (issue #19): on a phone or tablet the map and the
   * twins are below the card, so the output panel comes into view (smoothly; on a tablet only
   * when its map or twins are not all on screen; on a phone always, as the card's results then
   * push it down; first-screen.css keeps it clear of the sticky play bar).
   */
  function showOutput() {
    const out = pg.element?.querySelector('.out');
    if (!out || out.offsetParent === null) return;
    const vh = document.documentElement.clientHeight;
    const phone = globalThis.matchMedia?.('(max-width: 759px)').matches;
    const parts = [out.querySelector('.map-frame'), out.querySelector('.compare:not([hidden])')].filter(Boolean);
    const seen = parts.every((p) => p.getBoundingClientRect().top >= 0 && p.getBoundingClientRect().bottom <= vh);
    if (seen && !phone) return;
    out.scrollIntoView({ behavior: options.reducedMotion ? 'auto' : 'smooth', block: 'start' });
  }

  /** show: bring the output into view once set up (a reader pressed Run it, see showOutput). */
  async function run({ show = false } = {}) {
    const my = ++token;
    element.dataset.state = 'running';
    runButton.disabled = true;
    result.hidden = true;
    status.textContent = 'Setting up…';
    await apply();
    // a lesson that trains is watched on the map; one that is over at once (fewer than WATCH
    // epochs: meet-relu, born-dead, vanishing) answers in its card, which then grows
    if (show && setup.epochs >= WATCH && my === token) showOutput();
    reached90 = pg.state().models.map(() => null);
    let revived;
    const sweepDone = sweep ? runSweepFigure(my) : null;
    for (const phase of setup.phases) {
      if (my !== token) return;
      if (phase.set) await pg.setConfig(phase.set);
      if (phase.revive !== undefined) revived = await pg.revive(-1, phase.revive);
      await trainTo(phase.until, my);
    }
    const cells = await sweepDone;
    if (my !== token) return;
    const s = await pg.refresh();
    measured.replaceChildren(
      ...measure(lesson, s, { reached90, revived, sweep: cells, every: s.config.epochsPerFrame }).flatMap((row) => [
        h('dt', {}, row.label),
        h('dd', {}, row.text),
      ]),
    );
    result.hidden = false;
    runButton.disabled = false;
    runButton.textContent = 'Run again';
    element.dataset.state = 'done';
    const last = Math.max(s.epoch, ...s.models.map((m) => m.epoch));
    progress.value = Math.min(setup.epochs, last);
    status.textContent = setup.epochs
      ? `Done: ${last} epoch${last === 1 ? '' : 's'}. Compare your prediction with the numbers below.`
      : 'Compare your prediction with the numbers below.';
  }

  /** Born-dead's figure: its sweep in workers, drawn as the runs come in; → the cells (partial if cancelled). */
  async function runSweepFigure(my) {
    sweep.element.hidden = false;
    const { cells, spec } = bornDeadSweep(lesson);
    status.textContent = `Re-rolling ${spec.seeds} seeds per depth in workers…`;
    const records = [];
    const redraw = nextFrame(() => my === token && sweep.set(bornDeadCells(cells, records)));
    figureRun?.abort();
    const ac = (figureRun = new AbortController());
    try {
      const r = await runSweep(spec, {
        workers: pageWorkers(),
        signal: ac.signal,
        onProgress: (p) => (records.push(p.record), redraw()),
      });
      return bornDeadCells(cells, r.records);
    } catch (e) {
      if (e?.name === 'AbortError') return bornDeadCells(cells, records);
      throw e;
    }
  }

  return {
    element,
    setup,
    apply,
    run,
    dispose() {
      token++;
      figureRun?.abort();
      measurePanel?.dispose();
      offs.forEach((off) => off());
      element.remove();
    },
  };
}
