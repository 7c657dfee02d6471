// timeline.js — the run's timeline under the loss chart (time travel, issue #17): a slider over
// the epochs trained so far, shown while paused, a "viewing epoch e of n" label and a way back to
// now. Dragging it (or, once it has focus, ←/→, PageUp/PageDown, Home/End) asks for the past;
// the controller shows it and branches the run when training resumes from there.
// What it is not: the replay (the worker's relu-lab/history Run does that) or the loss chart.
import { h } from '../dom.js';

/** onView(epoch): show that past epoch; onNow(): back to the latest one. */
export function createTimeline({ onView, onNow, onSwitch }) {
  const input = h('input.timeline-range', {
    'type': 'range',
    'min': '0',
    'max': '0',
    'step': '1',
    'value': '0',
    'aria-label': 'Timeline: epoch to view',
    'oninput': () => onView(Number(input.value)),
  });
  const label = h('span.timeline-label', { 'aria-live': 'polite' });
  const now = h(
    'button.secondary.timeline-now',
    { type: 'button', hidden: true, onclick: () => onNow() },
    'Back to now',
  );
  const strip = h('div.timeline-marks', { 'aria-hidden': 'true' });
  const summary = h('span.timeline-summary');
  const other = h(
    'button.secondary.timeline-switch',
    { type: 'button', hidden: true, onclick: () => onSwitch() },
    'Switch to the other branch',
  );
  const track = h('div.timeline-track', {}, strip, input);
  const element = h(
    'div.timeline',
    { dataset: { control: 'timeline' }, hidden: true },
    track,
    label,
    now,
    other,
    summary,
  );

  /**
   * available: a run to travel in (one model, paused, trained); latest: its epoch now; viewing:
   * the past epoch shown, or null (the present).
   */
  function update({ available, latest, viewing, step = 0, branches = false }) {
    element.hidden = !available;
    other.hidden = !branches || (viewing !== null && viewing !== undefined);
    input.max = String(latest);
    if (viewing === null || viewing === undefined) {
      input.value = String(latest);
      label.textContent = `Epoch ${latest}: drag back to see the run's past.`;
      now.hidden = true;
      element.classList.remove('past');
    } else {
      input.value = String(viewing);
      const at = step ? `epoch ${viewing}, step ${step}` : `epoch ${viewing}`;
      label.textContent = `Viewing ${at} of ${latest}. Play or Step branches from here.`;
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
      ...deaths.map((d) => mark('tl-death', d.epoch, '✕', `L${d.layer + 1} u${d.unit + 1} died at epoch ${d.epoch}`)),
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
