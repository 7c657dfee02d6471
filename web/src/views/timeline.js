// timeline.js — the run's timeline under the loss chart (time travel, issue #17): a slider over
// the epochs trained so far, shown while paused, a "viewing epoch e of n" label and a way back to
// now. Dragging it (or, once it has focus, ←/→, PageUp/PageDown, Home/End) asks for the past;
// Alt+←/→ (or the ‹ step / step › buttons) moves one minibatch step (one model only); the
// controller shows it and branches the run when training resumes from there.
// What it is not: the replay (the worker's relu-lab/history Run does that) or the loss chart.
import { h } from '../dom.js';

/** onView(epoch): show that past epoch; onNow(): back to the latest one; onStep(±1): one minibatch step. */
export function createTimeline({ onView, onNow, onStep }) {
  const input = h('input.timeline-range', {
    'type': 'range',
    'min': '0',
    'max': '0',
    'step': '1',
    'value': '0',
    'aria-label': 'Timeline: epoch to view (Alt+arrow keys: one minibatch step)',
    'oninput': () => onView(Number(input.value)),
    'onkeydown': (ev) => {
      // Alt (Option) + ←/→: one minibatch step; the plain keys stay the slider's (one epoch)
      if (!ev.altKey || !['ArrowLeft', 'ArrowRight'].includes(ev.key) || !stepping) return;
      ev.preventDefault();
      onStep(ev.key === 'ArrowLeft' ? -1 : 1);
    },
  });
  const back = h(
    'button.secondary.timeline-step',
    { 'type': 'button', 'aria-label': 'One minibatch step back', 'onclick': () => onStep(-1) },
    '‹ step',
  );
  const fwd = h(
    'button.secondary.timeline-step',
    { 'type': 'button', 'aria-label': 'One minibatch step on', 'onclick': () => onStep(1) },
    'step ›',
  );
  let stepping = true; // one-step moves offered (one model)
  const label = h('span.timeline-label', { 'aria-live': 'polite' });
  const now = h(
    'button.secondary.timeline-now',
    { type: 'button', hidden: true, onclick: () => onNow() },
    'Back to now',
  );
  const strip = h('div.timeline-marks', { 'aria-hidden': 'true' });
  const summary = h('span.timeline-summary');
  const track = h('div.timeline-track', {}, strip, input);
  const element = h(
    'div.timeline',
    { dataset: { control: 'timeline' }, hidden: true },
    track,
    label,
    back,
    fwd,
    now,
    summary,
  );

  /**
   * available: runs to travel in (paused, trained); first, latest: the epochs it began at and is
   * at now; viewing: the past epoch shown (epochs completed), or null (the present); step: the
   * minibatch steps taken in the epoch after it; steps: whether one-step moves are offered
   * (one model; twins move by epochs together).
   */
  function update({ available, first = 0, latest, viewing, step = 0, steps = true, twins = false }) {
    element.hidden = !available;
    stepping = steps;
    // the step buttons while the past is shown (from now, Alt+← steps back)
    back.hidden = fwd.hidden = !steps || viewing === null || viewing === undefined;
    input.min = String(first);
    input.max = String(latest);
    if (viewing === null || viewing === undefined) {
      input.value = String(latest);
      label.textContent = `Epoch ${latest}: drag back to see ${twins ? "every twin's" : "the run's"} past.`;
      now.hidden = true;
      element.classList.remove('past');
    } else {
      input.value = String(viewing);
      // inside an epoch: the epoch in progress (counted from 1, as the certificate names a step)
      const at = step ? `epoch ${viewing + 1}, step ${step}` : `epoch ${viewing}`;
      label.textContent = `Viewing ${at} of ${latest}${twins ? ' (every twin)' : ''}. Play or Step branches from here.`;
      now.hidden = false;
      element.classList.add('past');
    }
  }
  /** Marks along the track: interventions (▲), deaths (✕) and diverged epochs (!), by epoch. */
  function setMarks({ latest, interventions = [], deaths = [], diverged = [] }) {
    const at = (epoch) => `${latest ? (100 * Math.min(epoch, latest)) / latest : 0}%`;
    const mark = (cls, epoch, text, title) => {
      const m = h(`span.tl-mark.${cls}`, { title }, text);
      m.style.left = at(epoch);
      return m;
    };
    strip.replaceChildren(
      ...interventions.map((e) => mark('tl-intervention', e.epoch, '▲', `${e.kind} at epoch ${e.epoch}`)),
      ...deaths.map((d) =>
        mark(
          'tl-death',
          d.epoch,
          '✕',
          `L${d.layer + 1} u${d.unit + 1} died at epoch ${d.epoch}${d.step ? `, step ${d.step}` : ' (dead from the start)'}`,
        ),
      ),
      ...diverged.map((e) => mark('tl-diverged', e, '!', `diverged at epoch ${e}`)),
    );
    const n = (k, what) => (k ? `${k} ${what}${k === 1 ? '' : 's'}` : '');
    summary.textContent = [
      n(interventions.length, 'change'),
      n(deaths.length, 'death'),
      n(diverged.length, 'divergence'),
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return { element, update, setMarks };
}
