// network-columns.js — the network view's DOM for one architecture: the layer-count buttons of
// its toolbar and its columns. Inputs: a toggle button per feature. Each hidden layer: a head
// (+ / − units, its activation, "k of n dead", gradient-norm bar, sparsity) and a native <button>
// per unit (select on click, preview on hover or focus) with its activation-rate bar and badge.
// Output: one button (selecting it, onSelect(-1, 0), edits the output's bias and incoming
// weights). It makes the elements and wires them to the handlers, once per structure; not here:
// the tiles and links painted behind the buttons (network-tiles.js, network-links.js) or the
// marks written into them each frame (network-marks.js).
import { h } from '../dom.js';
import { FEATURE_LABEL } from '../features.js';
import { FEATURES, ACTIVATIONS, MAX_LAYERS, MAX_UNITS, layerActivation, effectiveHead } from '../config.js';

function iconButton(label, disabled, onclick, text) {
  return h('button.icon', { 'type': 'button', 'aria-label': label, disabled, onclick }, text);
}

/** + / − a hidden layer (a new layer copies the last one's width), and how many there are. */
function layerCountButtons(hidden, handlers) {
  const n = hidden.length;
  return h(
    'div.net-layer-count',
    {},
    iconButton('Add a hidden layer', n >= MAX_LAYERS, () => handlers.onLayers([...hidden, hidden.at(-1) ?? 4]), '+'),
    iconButton('Remove the last hidden layer', n === 0, () => handlers.onLayers(hidden.slice(0, -1)), '−'),
    h('span.net-layer-count-text', {}, `${n} hidden layer${n === 1 ? '' : 's'}`),
  );
}

function inputColumn(config, handlers) {
  const featureEls = FEATURES.map((f) => {
    const on = config.features.includes(f);
    const b = h('button.unit.feature', {
      'type': 'button',
      'aria-pressed': String(on),
      'aria-label': `Input ${FEATURE_LABEL[f]}`,
      'title': `Toggle input ${FEATURE_LABEL[f]}`,
      'dataset': { feature: f },
      'onclick': () => handlers.onToggleFeature(f),
    });
    return { f, button: b, on, row: h('div.unit-row', {}, b, h('span.feature-label', {}, FEATURE_LABEL[f])) };
  });
  const section = h(
    'section.net-col.inputs',
    { 'aria-label': 'Inputs' },
    h('h3.col-title', {}, 'Inputs'),
    h(
      'div.units',
      {},
      featureEls.map((e) => e.row),
    ),
  );
  return { section, featureEls };
}

/** Hidden layer l of `units` units → its section, its units' elements and its head's. */
function layerColumn(config, l, units, handlers) {
  const act = layerActivation(config, l);
  const resize = (d) => handlers.onLayers(config.hidden.map((u, i) => (i === l ? u + d : u)));
  const select = h(
    'select.layer-act',
    { 'aria-label': `Layer ${l + 1} activation`, 'onchange': (e) => handlers.onLayerActivation(l, e.target.value) },
    ACTIVATIONS.map((a) => h('option', { value: a, selected: a === act }, a)),
  );
  const dead = h('span.dead-count', { dataset: { layer: String(l) } }, '');
  const grad = h('span.grad-fill');
  const gradText = h('span.grad-text', {}, '');
  const sparsity = h('span.sparsity', {}, '');
  const header = h(
    'div.layer-head',
    {},
    h('h3.col-title', {}, `Layer ${l + 1}`),
    h(
      'div.unit-count',
      {},
      iconButton(`Add a unit to layer ${l + 1}`, units >= MAX_UNITS, () => resize(1), '+'),
      iconButton(`Remove a unit from layer ${l + 1}`, units <= 1, () => resize(-1), '−'),
      h('span', {}, `${units}`),
    ),
    select,
    dead,
    h(
      'div.grad',
      { title: 'Gradient norm (log scale, 1e-8 … 1e2)' },
      h('span.grad-label', {}, '∇'),
      h('span.grad-bar', {}, grad),
      gradText,
    ),
    sparsity,
  );
  const row = [];
  for (let u = 0; u < units; u++) {
    const badge = h('span.badge');
    const rate = h('span.rate-fill');
    const button = h(
      'button.unit.hidden-unit',
      {
        'type': 'button',
        'aria-pressed': 'false',
        'dataset': { layer: String(l), unit: String(u) },
        'aria-label': `Layer ${l + 1} unit ${u + 1}`,
        'onclick': () => handlers.onSelect(l, u),
        'onmouseenter': () => handlers.onPreview(l, u),
        'onmouseleave': () => handlers.onPreview(null),
        'onfocus': () => handlers.onPreview(l, u),
        'onblur': () => handlers.onPreview(null),
      },
      h('span.mark', { 'aria-hidden': 'true' }),
    );
    const cell = h('div.unit-row', {}, button, h('span.rate', { title: 'Activation rate' }, rate), badge);
    row.push({ button, image: null, painted: false, rate, badge, cell, state: '' });
  }
  const unitsBox = h(
    'div.units',
    {},
    row.map((r) => r.cell),
  );
  const section = h(
    'section.net-col.layer',
    { 'aria-label': `Hidden layer ${l + 1}`, 'dataset': { layer: String(l) } },
    header,
    unitsBox,
  );
  return { section, row, head: { dead, grad, gradText, sparsity } };
}

function outputColumn(config, classes, handlers) {
  const head = effectiveHead(config, classes);
  // the output's thumbnail is a canvas of its own in the button: the column sticks to the view's
  // right edge over the painted canvases when the network scrolls (network-size.js)
  const outputCanvas = h('canvas.output-thumb', { 'width': 48, 'height': 48, 'aria-hidden': 'true' });
  const outputEl = h(
    'button.unit.output-unit',
    {
      'type': 'button',
      'aria-pressed': 'false',
      'aria-label': `Output unit${classes > 2 ? 's' : ''} (${head}): bias and incoming weights`,
      'title': "Select to edit the output's bias and incoming weights",
      'onclick': () => handlers.onSelect(-1, 0),
    },
    outputCanvas,
  );
  const section = h(
    'section.net-col.output',
    { 'aria-label': 'Output layer' },
    h('h3.col-title', {}, 'Output'),
    h('div.units', {}, h('div.unit-row', {}, outputEl)),
  );
  return { section, outputEl, outputCanvas };
}

/**
 * The elements of the network for this config and number of classes → { toolbar (the layer-count
 * buttons), columns (the sections, in order), featureEls: [{ f, button, on, row }], unitEls:
 * [layer][unit] → { button, image, painted, rate, badge, cell, state }, layerEls: [layer] →
 * { dead, grad, gradText, sparsity }, outputEl, outputCanvas (its thumbnail) }.
 */
export function buildColumns(config, classes, handlers) {
  const inputs = inputColumn(config, handlers);
  const layers = config.hidden.map((units, l) => layerColumn(config, l, units, handlers));
  const output = outputColumn(config, classes, handlers);
  return {
    toolbar: layerCountButtons(config.hidden, handlers),
    columns: [inputs.section, ...layers.map((c) => c.section), output.section],
    featureEls: inputs.featureEls,
    unitEls: layers.map((c) => c.row),
    layerEls: layers.map((c) => c.head),
    outputEl: output.outputEl,
    outputCanvas: output.outputCanvas,
  };
}
