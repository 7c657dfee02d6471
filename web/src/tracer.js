// tracer.js — the traced point (issue 15): picking it (a click, or the crosshair's Enter, while
// trace mode is on), the Backward toggle, and Nudge / Undo: one plain SGD step on that point alone
// at the current learning rate, and every weight put back exactly. It paints nothing (render.js
// and views/trace-panel.js do); the worker computes the trace with each frame.
import { fmt } from './dom.js';

/** s: the playground's state (s.trace is written here); engine, run, events, say: the playground's. */
export function createTracer({ s, engine, run, events, say }) {
  // A training epoch after a nudge makes its undo meaningless (it would throw the epoch away).
  events.on('epoch', () => {
    s.trace.canUndo = false;
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
    if (p)
      say(
        `Tracing ${p.training ? 'the training point' : 'the point'} at x ${fmt(p.x)}, y ${fmt(p.y)}, label ${fmt(p.label)}.`,
        true,
      );
    run.requestFrame();
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
    const r = await engine.request('nudge', { index: s.primary, ...point, learningRate: s.config.learningRate });
    let biggest = 0;
    for (const g of r.steps) for (const v of [...g.dW, ...g.db]) biggest = Math.max(biggest, Math.abs(v));
    s.trace.canUndo = true;
    s.trace.nudgeText = `Nudged: one SGD step on this point alone (its loss was ${fmt(r.loss)}); the largest change of a weight or bias was ${fmt(biggest)}.`;
    await run.waitFrame();
    say(s.trace.nudgeText, true);
  }

  async function undo() {
    if (!(await engine.request('undoNudge'))) return;
    s.trace.canUndo = false;
    s.trace.nudgeText = 'Undone: every weight and bias is back to its value before the nudge.';
    await run.waitFrame();
    say(s.trace.nudgeText, true);
  }

  return { pick, backward, nudge, undo };
}
