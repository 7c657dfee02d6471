// data-panel.js — the DATA column: dataset picker with small previews, sample/noise/split/classes,
// a visible editable seed with "regenerate", the class to add on click, CSV import/export.
// Emits onChange(key, value), onRegenerate(), onImportCSV(text), onExportCSV(), onClass(k).
import { h, fitCanvas, filePicker } from '../dom.js';
import { DATASETS } from '../config.js';
import { createControls, pretty } from './controls.js';
import { labelColor, CLASS_COLORS, rgb } from '../palette.js';

/** A point's label as the class picker names it: "class 1", "value −1". */
export function labelName(label, classes) {
  if (classes !== 0) return `class ${label}`;
  return `value ${label > 0 ? '+' : label < 0 ? '−' : ''}${Math.abs(label)}`;
}

// the values a click can add to a regression dataset (issue #19: only ±1 before)
const REGRESSION_VALUES = [-1, -0.5, 0, 0.5, 1];
const valuesFor = (k) => (k === 0 ? REGRESSION_VALUES : Array.from({ length: k }, (_, i) => i));

/**
 * The map's mouse and keys, as they work for k classes (0: regression): Shift picks the other of
 * two values only (issue #19: the hint showed with 3 classes too).
 */
export function clickHint(k) {
  const other = k === 0 ? 'the opposite value' : 'the other class';
  const shift = k > 2 ? '' : `Shift-click: ${other} · `;
  const enter = k > 2 ? 'Enter adds' : `Enter adds (Shift+Enter: ${other})`;
  return `${shift}Alt- or right-click: remove · Keys: focus the map, arrows move a crosshair, ${enter}, Delete removes`;
}

export function createDataPanel(handlers) {
  const previews = new Map();
  const picker = h(
    'div.dataset-picker',
    { 'role': 'group', 'aria-label': 'Dataset' },
    DATASETS.map((name) => {
      const canvas = h('canvas.preview', { 'aria-hidden': 'true' });
      const b = h(
        'button.dataset',
        {
          'type': 'button',
          'aria-pressed': 'false',
          'dataset': { dataset: name },
          'title': pretty(name),
          'onclick': () => handlers.onChange('dataset', name),
        },
        canvas,
        h('span', {}, pretty(name)),
      );
      previews.set(name, { button: b, canvas });
      return b;
    }),
  );
  const pickerWrap = h(
    'div.control',
    { dataset: { control: 'dataset' } },
    h('span.control-title', {}, 'Dataset'),
    picker,
  );
  const controls = createControls(['classes', 'samples', 'noise', 'trainFraction'], handlers.onChange, {
    kind: { samples: 'slider', classes: 'slider' },
  });
  const seed = createControls(['dataSeed'], handlers.onChange, { className: 'controls inline' });
  const regen = h('button.secondary', { type: 'button', onclick: () => handlers.onRegenerate() }, 'Regenerate');
  seed.element.append(regen);
  const classPick = h('div.class-picker', { 'role': 'radiogroup', 'aria-label': 'Class of a clicked point' });
  const classWrap = h(
    'div.control',
    { dataset: { control: 'addClass' } },
    h('span.control-title', {}, 'Click on the map to add'),
    classPick,
    h('p.hint.click-hint', {}, clickHint(2)),
  );
  const fileInput = filePicker('.csv,text/csv', (text) => handlers.onImportCSV(text));
  const csv = h(
    'div.control.csv',
    { dataset: { control: 'csv' } },
    h('button.secondary', { type: 'button', onclick: () => fileInput.click() }, 'Import CSV'),
    h('button.secondary', { type: 'button', onclick: () => handlers.onExportCSV() }, 'Export CSV'),
    fileInput,
  );
  const element = h('div.data-panel', {}, pickerWrap, controls.element, seed.element, classWrap, csv);
  let classes = 2;
  let current = 0;

  function setClasses(k) {
    if (k === classes && classPick.childElementCount) return;
    classes = k;
    const values = valuesFor(k);
    current = k === 0 ? values.length - 1 : Math.min(current, Math.max(0, k - 1));
    classWrap.querySelector('.click-hint').textContent = clickHint(k);
    classPick.replaceChildren(
      ...values.map((v, i) => {
        const id = `cls-${Math.random().toString(36).slice(2, 8)}`;
        const sw = h('span.swatch.fill');
        sw.style.backgroundColor = k === 0 ? labelColor(v, 0) : k > 2 ? rgb(CLASS_COLORS[i]) : labelColor(i, 2);
        const text = labelName(v, k);
        return h(
          'label.radio',
          { for: id },
          h('input', {
            id,
            type: 'radio',
            name: 'add-class',
            value: String(v),
            checked: i === current,
            onchange: () => {
              current = i;
              handlers.onClass?.(v);
            },
          }),
          sw,
          text,
        );
      }),
    );
  }

  /** The label a click adds (shift: the other of two classes, or the opposite regression value). */
  function clickLabel(shift) {
    const values = valuesFor(classes);
    let i = current;
    if (shift && (values.length === 2 || classes === 0)) i = values.length - 1 - i;
    return values[i];
  }

  function set(config, k) {
    for (const [name, p] of previews) p.button.setAttribute('aria-pressed', String(name === config.dataset));
    controls.set(config);
    seed.set(config);
    const multi = config.dataset === 'spiral_k' || config.dataset === 'blobs_k';
    controls.controls.get('classes').hidden = !multi;
    setClasses(k);
  }

  /** Paint previews: { name: { points: {x, y, label}, classes } }. */
  function setPreviews(data) {
    for (const [name, p] of previews) {
      const d = data[name];
      if (!d) continue;
      const ctx = fitCanvas(p.canvas, 44, 44);
      ctx.fillStyle = '#fafafa';
      ctx.fillRect(0, 0, 44, 44);
      const { x, y, label } = d.points;
      for (let i = 0; i < x.length; i++) {
        ctx.fillStyle = labelColor(d.classes === 0 ? label[i] : label[i] | 0, d.classes);
        ctx.fillRect(((x[i] + 6) / 12) * 44 - 1, ((6 - y[i]) / 12) * 44 - 1, 2.2, 2.2);
      }
    }
  }

  return {
    element,
    set,
    setPreviews,
    clickLabel,
    controls: new Map([
      ...controls.controls,
      ...seed.controls,
      ['dataset', pickerWrap],
      ['addClass', classWrap],
      ['csv', csv],
    ]),
  };
}
