// trace-steps.js — the trace panel's Step sequence (issue 15): one button that walks one SGD
// update on the traced point through its stages, forward → loss → backward → update, a row of the
// four stages with the current one marked (in words too, never colour alone), and the stage's
// one sentence, read out by an aria-live region. What a stage does is the tracer's (tracer.js);
// the network view shows it (network-trace.js).
import { h } from '../dom.js';
import { STAGES } from '../trace-signals.js';

const LABEL = { forward: 'Forward', loss: 'Loss', backward: 'Backward', update: 'Update' };

/** onStep(): the next stage. Returns { element, update({ stage, stageText, enabled }) }. */
export function createTraceSteps(onStep) {
  const button = h('button.secondary.trace-step', { type: 'button', onclick: () => onStep() }, 'Step: forward');
  const stages = STAGES.map((st) => h('li.trace-stage', { dataset: { stage: st } }, LABEL[st]));
  const list = h('ol.trace-stages', { 'aria-label': 'Stages of one update' }, ...stages);
  // spoken through the playground's status region (tracer.js say), not twice
  const text = h('p.trace-stage-text');
  const element = h('div.trace-steps', {}, button, list, text);

  function update({ stage, stageText, enabled }) {
    const next = STAGES[(STAGES.indexOf(stage) + 1) % STAGES.length];
    const label = stage === 'update' ? 'Step again: forward' : `Step: ${LABEL[next].toLowerCase()}`;
    if (button.textContent !== label) button.textContent = label;
    button.disabled = !enabled;
    element.dataset.stage = stage ?? '';
    for (const li of stages) {
      const on = li.dataset.stage === stage;
      li.classList.toggle('current', on);
      if (on) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    if (text.textContent !== (stageText ?? '')) text.textContent = stageText ?? '';
  }

  return { element, update };
}
