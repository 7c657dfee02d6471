// export-code-panel.js — "Export → PyTorch / NumPy": the current model as a Python script, to copy
// or download. The script is net.toCode's (js/export-code.js), written in the engine's Worker from
// the model, the data and the training settings the page is running; this module only asks for it
// and shows it as text (a textarea value, never markup). It reuses the embed dialog's styles.
import { h, download } from './dom.js';

const TARGETS = [
  { target: 'pytorch', label: 'PyTorch', file: 'relu_lab_model.py' },
  { target: 'numpy', label: 'NumPy', file: 'relu_lab_numpy.py' },
];
const HINT = {
  pytorch:
    'An nn.Module with these weights, the loss, the optimizer and a train_one_epoch on this data. ' +
    'predict(points) returns what this page computes for the same points.',
  numpy: 'The forward pass and the decision map with these weights (no training): predict(points) and decision_map().',
};

/**
 * The share-panel button and its dialog. request(target) → Promise<string> (the script);
 * showError(e) shows a failure.
 */
export function createExportCode({ request, showError }) {
  const button = h(
    'button.secondary',
    { type: 'button', dataset: { control: 'exportCode' }, onclick: () => open('pytorch') },
    'Export → PyTorch / NumPy',
  );
  let dialog = null;

  async function open(target) {
    try {
      const code = await request(target);
      if (!dialog) dialog = build();
      dialog.show(target, code);
    } catch (e) {
      showError(e);
    }
  }

  function build() {
    const area = h('textarea.embed-code.export-code-text', {
      'readonly': true,
      'rows': 18,
      'spellcheck': 'false',
      'wrap': 'off',
      'aria-label': 'Python code',
    });
    const note = h('span.embed-copied', { role: 'status' });
    const hint = h('p.hint');
    let current = TARGETS[0];
    const tabs = TARGETS.map((t) =>
      h('button.secondary', { type: 'button', dataset: { target: t.target }, onclick: () => open(t.target) }, t.label),
    );
    const copy = h('button.secondary', { type: 'button', onclick: () => copyText(area, note) }, 'Copy');
    const save = h(
      'button.secondary',
      { type: 'button', onclick: () => download(el, current.file, area.value, 'text/x-python') },
      'Download .py',
    );
    const id = `export-code-${Math.random().toString(36).slice(2, 7)}`; // unique per playground
    const el = h(
      'dialog.embed-dialog.export-code-dialog',
      { 'aria-labelledby': id },
      h('h2', { id }, 'Export as Python code'),
      h('div.embed-head', { 'role': 'group', 'aria-label': 'Language' }, ...tabs, note, copy, save),
      hint,
      area,
      h('div.embed-foot', {}, h('button.secondary', { type: 'button', onclick: () => el.close() }, 'Close')),
    );
    el.addEventListener('close', () => {
      el.remove();
      dialog = null;
    });
    // Inside the playground: the <relu-lab> element's shadow root holds the styles.
    (button.closest('.playground') ?? document.body).append(el);
    return {
      show(target, code) {
        current = TARGETS.find((t) => t.target === target);
        for (const t of tabs) t.setAttribute('aria-pressed', String(t.dataset.target === target));
        hint.textContent = HINT[target];
        note.textContent = '';
        area.value = code;
        if (!el.open) el.showModal();
        tabs.find((t) => t.dataset.target === target).focus();
      },
    };
  }

  return { element: button };
}

async function copyText(area, note) {
  try {
    await navigator.clipboard.writeText(area.value);
    note.textContent = 'Copied';
  } catch {
    area.select();
    note.textContent = 'Selected: press Ctrl+C';
  }
}
