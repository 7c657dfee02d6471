// tracer.js — the traced point (issue 15): picking it (a click, or the crosshair's Enter, while
// trace mode is on), the Backward toggle, and Nudge / Undo: one plain SGD step on that point alone
// at the current learning rate, and every weight put back exactly. It paints nothing (render.js
// and views/trace-panel.js do); the worker computes the trace with each frame.
import { fmt } from './dom.js';
import { STAGES, stageSentence, traceSentence } from './trace-signals.js';

/**
 * s: the playground's state (s.trace is written here); engine, run, events, say: the playground's;
 * branchIfPast(): time-travel.js's, before a nudge (a change: in the past it branches the run there).
 * The trace read is the one shown (run.current): the past model's while the timeline shows one.
 */
export function createTracer({ s, engine, run, events, say, branchIfPast = async () => {} }) {
  // A training epoch after a nudge makes its undo meaningless (it would throw the epoch away).
  // The links show the nudge's changes until Undo or the next epoch of training.
  events.on('epoch', () => {
    s.trace.canUndo = false;
    s.trace.nudge = null;
    if (s.trace.stage === 'update') s.trace.stage = null;
  });

  // A click on (or next to) a training point traces that point with its label; elsewhere the
  // class the add-point gesture would give (Shift: the other one), or target 0 for regression.
  function pointAt(x, y, shift) {
    const train = s.points?.train;
    const near = (0.3 * s.config.extent) / 6;
    let best = -1,
      bestD = near * near;
    for (let i = 0; i < (train?.x.length ?? 0); ++i) {
      const d = (train.x[i] - x) ** 2 + (train.y[i] - y) ** 2;
      if (d <= bestD) ((best = i), (bestD = d));
    }
    if (best >= 0) return { x: train.x[best], y: train.y[best], label: train.label[best], training: true };
    return { x, y, label: s.classes === 0 ? 0 : shift ? 1 : 0, training: false };
  }

  function pick(x, y, shift = false) {
    const p = x === null ? null : pointAt(x, y, shift);
    s.trace.point = p && { x: p.x, y: p.y, label: p.label };
    s.trace.canUndo = false;
    s.trace.nudgeText = '';
    s.trace.nudge = null;
    s.trace.stage = null;
    s.trace.stageText = '';
    run.requestFrame();
    if (p)
      announce(
        `Tracing ${p.training ? 'the training point' : 'the point'} at x ${fmt(p.x)}, y ${fmt(p.y)}, label ${fmt(p.label)}.`,
      );
  }

  // Say `what`, and once the point's pass has come, its gates, prediction and loss (the panel's
  // numbers change every frame while training: they are not a live region).
  async function announce(what) {
    const point = s.trace.point;
    say(what, true);
    await run.waitFrame();
    const t = run.current?.models[s.primary]?.trace;
    if (t && s.trace.point === point && t.point.x === point.x && t.point.y === point.y)
      say(`${what} ${traceSentence(t)}`, true);
  }

  /**
   * Move the traced point to (x, y), keeping its label (a drag, or the crosshair's arrow keys); the
   * next frame brings its trace. Spoken only when `spoken` (the end of a drag).
   */
  function move(x, y, spoken = false) {
    const p = s.trace.point;
    if (!p) return pick(x, y);
    const e = s.config.extent ?? 6;
    s.trace.point = { x: Math.max(-e, Math.min(e, x)), y: Math.max(-e, Math.min(e, y)), label: p.label };
    s.trace.nudge = null;
    s.trace.stage = null;
    s.trace.stageText = '';
    run.requestFrame();
    if (spoken) announce(`Tracing the point at x ${fmt(s.trace.point.x)}, y ${fmt(s.trace.point.y)}.`);
  }

  function backward(on) {
    s.trace.backward = on;
    say(on ? 'Backward pass: |∂L/∂z| per unit.' : 'Forward pass: z and the gate per unit.', true);
    run.requestFrame();
  }

  async function nudge() {
    const point = s.trace.point;
    if (!point) return;
    run.pause();
    await branchIfPast(); // the nudge then acts on the moment shown, now the present of a new branch
    const r = await engine.request('nudge', { index: s.primary, ...point, learningRate: s.config.learningRate });
    let biggest = 0;
    for (const g of r.steps) for (const v of [...g.dW, ...g.db]) biggest = Math.max(biggest, Math.abs(v));
    s.trace.canUndo = true;
    s.trace.nudge = { steps: r.steps };
    s.trace.nudgeText = `Nudged: one SGD step on this point alone (its loss was ${fmt(r.loss)}); the largest change of a weight or bias was ${fmt(biggest)}.`;
    await run.waitFrame();
    say(s.trace.nudgeText, true);
  }

  async function undo() {
    if (!(await engine.request('undoNudge'))) return;
    s.trace.canUndo = false;
    s.trace.nudge = null;
    if (s.trace.stage === 'update') ((s.trace.stage = null), (s.trace.stageText = ''));
    s.trace.nudgeText = 'Undone: every weight and bias is back to its value before the nudge.';
    await run.waitFrame();
    say(s.trace.nudgeText, true);
  }

  /**
   * The Step sequence: forward → loss → backward → update, one stage per call. Each stage is
   * shown in the network view and told in one sentence made from this trace's numbers; the update
   * is Nudge itself (the same request: exact, and undoable). After the update it starts again.
   */
  async function step() {
    const t = run.current?.models[s.primary]?.trace;
    if (!s.trace.point || !t) return;
    const next = STAGES[(STAGES.indexOf(s.trace.stage) + 1) % STAGES.length];
    if (next === 'forward') s.trace.nudge = null; // a new round: the links carry the signal again
    let nudged = null;
    if (next === 'update') {
      await nudge();
      nudged = s.trace.nudge;
    } else run.pause();
    s.trace.stage = next;
    s.trace.stageText = stageSentence(next, t, { learningRate: s.config.learningRate, nudge: nudged });
    run.requestFrame();
    await run.waitFrame();
    say(s.trace.stageText, true);
  }

  return { pick, move, backward, nudge, undo, step };
}
