// network-view.js — the network drawn as columns: input features, each hidden layer's units
// (a native <button> over its live activation tile), the output. Links and tiles are painted on
// ONE canvas behind the buttons (links coloured by sign and sized by |weight|; clicking one asks
// to edit it): one canvas per frame instead of one per unit keeps the compositor's per-frame
// commit small (with software rendering it copies every changed canvas). The output node is a
// button too: selecting it (onSelect(-1, 0)) edits the output unit's bias and incoming weights.
// Dead units are marked three ways, never by colour alone: dead on the data = hatching,
// dead on the plane = a cross, dormant = dotted frame; each with a text badge and in the
// button's accessible name. Each layer shows "k of n dead", activation-rate bars under the units
// and a log-scale gradient-norm bar (NaN / overflow flagged).
import { h, fitCanvas, fmt, pct, nextFrame } from '../dom.js';
import { paintUnit, DIVERGING, ORANGE, BLUE, rgb } from '../palette.js';
import { FEATURE_FN, FEATURE_LABEL } from '../features.js';
import { FEATURES, ACTIVATIONS, MAX_LAYERS, MAX_UNITS, layerActivation, effectiveHead } from '../config.js';

// Tiles are kept in atlases, one canvas for many tiles, never a canvas per tile: making and first
// painting a small canvas costs 1–5 ms at load, and there are 7 inputs and 24–200 units. In an
// atlas each tile has a 1 px border repeating its edge, so that smoothing at a tile's edge reads
// the tile's own pixels (as a canvas of its own did), never a neighbour's.
const TILE = 32; // an input tile's side (units use the worker's tile size)
const FEATURE_ATLASES = new Map(); // extent → OffscreenCanvas: the inputs' tiles in FEATURES order

/** Copy a size² RGBA tile into an atlas image at (x, y), with its edge-repeating border. */
function padInto(tile, size, atlas, x, y) {
  const src = new Uint32Array(tile.buffer, tile.byteOffset, size * size);
  const dst = new Uint32Array(atlas.data.buffer);
  const P = size + 2;
  for (let j = 0; j < P; j++) {
    const row = (y + j) * atlas.width + x;
    const sj = Math.min(size - 1, Math.max(0, j - 1)) * size;
    for (let i = 0; i < P; i++) dst[row + i] = src[sj + Math.min(size - 1, Math.max(0, i - 1))];
  }
}

/**
 * The inputs' tiles over the painted domain [-e, e]² → Promise<OffscreenCanvas>. They depend on
 * nothing else: made once per extent, a tile per task (at load this is cold code, 2–5 ms a tile).
 */
function featureAtlas(e) {
  if (FEATURE_ATLASES.has(e)) return FEATURE_ATLASES.get(e);
  const made = (async () => {
    const P = TILE + 2;
    const image = new ImageData(P * FEATURES.length, P);
    const vals = new Float32Array(TILE * TILE);
    const rgba = new Uint8ClampedArray(TILE * TILE * 4);
    const d = (2 * e) / TILE;
    for (const [k, f] of FEATURES.entries()) {
      await new Promise((r) => setTimeout(r, 0));
      const fn = FEATURE_FN[f];
      for (let j = 0; j < TILE; j++)
        for (let i = 0; i < TILE; i++) vals[j * TILE + i] = fn(-e + (i + 0.5) * d, e - (j + 0.5) * d);
      paintUnit(vals, 0, TILE * TILE, rgba);
      padInto(rgba, TILE, image, k * P, 0);
    }
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d').putImageData(image, 0, 0);
    return canvas;
  })();
  FEATURE_ATLASES.set(e, made);
  return made;
}

/** Position of a gradient norm on the bar: log10 over [1e-8, 1e2] → [0, 1]. */
export function gradientBar(g) {
  if (!(g > 0)) return 0;
  return Math.max(0, Math.min(1, (Math.log10(g) + 8) / 10));
}

export function createNetworkView(handlers) {
  const links = h('canvas.net-links', { 'aria-hidden': 'true' });
  const cols = h('div.net-columns');
  const toolbar = h('div.net-toolbar');
  const body = h('div.net-body', {}, links, cols);
  const element = h('div.network', {}, toolbar, body);
  let structure = null; // { features, hidden, acts, classes }
  let unitEls = []; // [layer][unit] → { button, canvas, image, rate, badge }
  let featureEls = [];
  let layerEls = [];
  let outputEl = null;
  let weights = null;
  let tileCss = 40;
  let geometry = null; // cached centres and boxes of every node
  let outputImage = null; // thumbnail of the output map
  let atlas = null; // the units' tiles: { canvas, ctx, image, size }, layer l in column l, unit k in row k
  let inputs = null; // the inputs' atlas (featureAtlas), once it is made
  // Geometry is read right after the browser's own layout (a ResizeObserver runs then), never from
  // a requestAnimationFrame that forces the layout first; observing the body anew makes it report
  // once after a new structure even when its size did not change. The links are drawn in the next
  // frame (dom.js nextFrame).
  const drawSoon = nextFrame(() => drawLinks());
  const ro = new ResizeObserver((entries) => {
    if (!entries[0].contentRect.width) return; // not displayed (yet): measured once it is
    measure();
    drawSoon();
  });
  ro.observe(body);

  function layerCountButtons() {
    const n = structure.hidden.length;
    return h(
      'div.net-layer-count',
      {},
      h(
        'button.icon',
        {
          'type': 'button',
          'aria-label': 'Add a hidden layer',
          'disabled': n >= MAX_LAYERS,
          'onclick': () => handlers.onLayers([...structure.hidden, structure.hidden.at(-1) ?? 4]),
        },
        '+',
      ),
      h(
        'button.icon',
        {
          'type': 'button',
          'aria-label': 'Remove the last hidden layer',
          'disabled': n === 0,
          'onclick': () => handlers.onLayers(structure.hidden.slice(0, -1)),
        },
        '−',
      ),
      h('span.net-layer-count-text', {}, `${n} hidden layer${n === 1 ? '' : 's'}`),
    );
  }

  /** Rebuild the DOM for a new architecture. */
  function setStructure(config, classes) {
    structure = { features: config.features, hidden: config.hidden, config, classes };
    const maxUnits = Math.max(FEATURES.length, ...config.hidden);
    tileCss = maxUnits > 32 ? 12 : maxUnits > 16 ? 18 : maxUnits > 8 ? 28 : 40;
    element.style.setProperty('--tile', `${tileCss}px`);
    element.classList.toggle('tiny', tileCss < 28);
    toolbar.replaceChildren(layerCountButtons());
    cols.replaceChildren();
    unitEls = [];
    layerEls = [];
    // inputs (their tiles come a few tasks later the first time: the links are drawn again then)
    const extent = config.extent ?? 6;
    const painted = inputs;
    featureAtlas(extent).then((canvas) => {
      if ((structure?.config.extent ?? 6) !== extent) return;
      inputs = canvas;
      if (canvas !== painted) drawLinks();
    });
    featureEls = FEATURES.map((f) => {
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
    cols.append(
      h(
        'section.net-col.inputs',
        { 'aria-label': 'Inputs' },
        h('h3.col-title', {}, 'Inputs'),
        h(
          'div.units',
          {},
          featureEls.map((e) => e.row),
        ),
      ),
    );
    // hidden layers
    config.hidden.forEach((units, l) => {
      const act = layerActivation(config, l);
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
          h(
            'button.icon',
            {
              'type': 'button',
              'aria-label': `Add a unit to layer ${l + 1}`,
              'disabled': units >= MAX_UNITS,
              'onclick': () => handlers.onLayers(config.hidden.map((u, i) => (i === l ? u + 1 : u))),
            },
            '+',
          ),
          h(
            'button.icon',
            {
              'type': 'button',
              'aria-label': `Remove a unit from layer ${l + 1}`,
              'disabled': units <= 1,
              'onclick': () => handlers.onLayers(config.hidden.map((u, i) => (i === l ? u - 1 : u))),
            },
            '−',
          ),
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
      unitEls.push(row);
      layerEls.push({ dead, grad, gradText, sparsity });
      cols.append(
        h(
          'section.net-col.layer',
          { 'aria-label': `Hidden layer ${l + 1}`, 'dataset': { layer: String(l) } },
          header,
          h(
            'div.units',
            {},
            row.map((r) => r.cell),
          ),
        ),
      );
    });
    const head = effectiveHead(config, classes);
    outputEl = h('button.unit.output-unit', {
      'type': 'button',
      'aria-pressed': 'false',
      'aria-label': `Output unit${classes > 2 ? 's' : ''} (${head}): bias and incoming weights`,
      'title': "Select to edit the output's bias and incoming weights",
      'onclick': () => handlers.onSelect(-1, 0),
    });
    cols.append(
      h(
        'section.net-col.output',
        { 'aria-label': 'Output layer' },
        h('h3.col-title', {}, 'Output'),
        h('div.units', {}, h('div.unit-row', {}, outputEl)),
      ),
    );
    geometry = null;
    ro.unobserve(body);
    ro.observe(body);
  }

  /** Centres of every node, relative to the body, then the links and tiles drawn on them. */
  function layout() {
    measure();
    drawLinks();
  }

  /** Centres of every node, relative to the body; recomputed on structure change or resize. */
  function measure() {
    if (!structure) return;
    const box = body.getBoundingClientRect();
    // [centre x, centre y, half width, left, top, width, height]
    const centre = (el) => {
      const r = el.getBoundingClientRect();
      const x = r.left - box.left,
        y = r.top - box.top;
      return [x + r.width / 2, y + r.height / 2, r.width / 2, x + 1, y + 1, r.width - 2, r.height - 2];
    };
    geometry = {
      width: box.width,
      height: box.height,
      features: featureEls.map((e) => centre(e.button)),
      inputs: featureEls.filter((e) => structure.features.includes(e.f)).map((e) => centre(e.button)),
      layers: unitEls.map((row) => row.map((u) => centre(u.button))),
      output: outputEl ? [centre(outputEl)] : [],
    };
  }

  function columnsOf() {
    return [geometry.inputs, ...geometry.layers, geometry.output];
  }

  function drawLinks() {
    if (!geometry) return;
    const ctx = fitCanvas(links, geometry.width, geometry.height);
    ctx.clearRect(0, 0, geometry.width, geometry.height);
    if (weights) drawWeights(ctx);
    drawTiles(ctx);
  }

  function drawTiles(ctx) {
    ctx.imageSmoothingEnabled = true;
    featureEls.forEach((e, i) => {
      const g = geometry.features[i];
      if (!g || !inputs) return;
      ctx.globalAlpha = structure.features.includes(e.f) ? 1 : 0.3;
      ctx.drawImage(inputs, i * (TILE + 2) + 1, 1, TILE, TILE, g[3], g[4], g[5], g[6]);
    });
    ctx.globalAlpha = 1;
    unitEls.forEach((row, l) =>
      row.forEach((u, k) => {
        const g = geometry.layers[l]?.[k];
        const T = atlas?.size;
        if (g && u.painted && atlas)
          ctx.drawImage(atlas.canvas, l * (T + 2) + 1, k * (T + 2) + 1, T, T, g[3], g[4], g[5], g[6]);
      }),
    );
    const g = geometry.output[0];
    if (g && outputImage) ctx.drawImage(outputImage, g[3], g[4], g[5], g[6]);
  }

  function drawWeights(ctx) {
    const cs = columnsOf();
    let maxW = 1e-6;
    for (const L of weights)
      for (const row of L.W) for (const w of row) if (Math.abs(w) > maxW && Number.isFinite(w)) maxW = Math.abs(w);
    const scale = Math.max(1, maxW);
    for (let l = 0; l < weights.length && l + 1 < cs.length; l++) {
      const from = cs[l];
      const to = cs[l + 1];
      const W = weights[l].W;
      const isOut = l === weights.length - 1;
      for (let o = 0; o < W.length; o++) {
        const t = isOut ? to[0] : to[o];
        if (!t) continue;
        for (let i = 0; i < W[o].length; i++) {
          const f = from[i];
          if (!f) continue;
          const w = W[o][i];
          const a = Math.min(1, Math.abs(w) / scale);
          ctx.strokeStyle = Number.isFinite(w) ? rgb(w >= 0 ? BLUE : ORANGE, 0.25 + 0.65 * a) : 'rgb(200, 0, 0)';
          ctx.lineWidth = 0.5 + 4 * a;
          const x0 = f[0] + f[2],
            x1 = t[0] - t[2],
            mx = (x0 + x1) / 2;
          ctx.beginPath();
          ctx.moveTo(x0, f[1]);
          ctx.bezierCurveTo(mx, f[1], mx, t[1], x1, t[1]);
          ctx.stroke();
        }
      }
    }
  }

  // Click on a link → the nearest one within 6 px (sampled Bézier) → onEditWeight.
  body.addEventListener('click', (ev) => {
    if (
      ev.target !== links &&
      ev.target !== body &&
      !ev.target.classList.contains('units') &&
      !ev.target.classList.contains('net-col')
    )
      return;
    if (!geometry || !weights) return;
    const box = body.getBoundingClientRect();
    const px = ev.clientX - box.left,
      py = ev.clientY - box.top;
    const cs = columnsOf();
    let best = null;
    for (let l = 0; l < weights.length && l + 1 < cs.length; l++) {
      const isOut = l === weights.length - 1;
      weights[l].W.forEach((row, o) =>
        row.forEach((w, i) => {
          const f = cs[l][i],
            t = isOut ? cs[l + 1][0] : cs[l + 1][o];
          if (!f || !t) return;
          const x0 = f[0] + f[2],
            x1 = t[0] - t[2],
            mx = (x0 + x1) / 2;
          for (let s = 0; s <= 16; s++) {
            const k = s / 16,
              m = 1 - k;
            const bx = m * m * m * x0 + 3 * m * m * k * mx + 3 * m * k * k * mx + k * k * k * x1;
            const by = m * m * m * f[1] + 3 * m * m * k * f[1] + 3 * m * k * k * t[1] + k * k * k * t[1];
            const d = Math.hypot(bx - px, by - py);
            if (d < 6 && (!best || d < best.d)) best = { d, layer: l, unit: o, input: i };
          }
        }),
      );
    }
    if (best) handlers.onEditWeight(best.layer, best.unit, best.input);
  });

  /**
   * Per-frame update. tiles: Float32Array (units, s, s) layer by layer; health: the primary
   * model's health; selected: [layer, unit] or null; outputSource: a canvas to thumbnail.
   */
  function update({ tiles, tileSize, health, weights: w, selected, outputSource }) {
    if (!structure) return;
    if (w) weights = w;
    let offset = 0;
    const n = tileSize * tileSize;
    unitEls.forEach((row, l) => {
      const H = health?.layers?.[l];
      row.forEach((u, k) => {
        if (tiles && offset + n <= tiles.length) {
          if (!u.image || u.image.width !== tileSize) u.image = new ImageData(tileSize, tileSize);
          paintUnit(tiles, offset, n, u.image.data);
          padInto(u.image.data, tileSize, unitAtlas(tileSize).image, l * (tileSize + 2), k * (tileSize + 2));
          u.painted = true;
        }
        offset += n;
        if (H) markUnit(u, l, k, H);
        const sel = !!selected && selected[0] === l && selected[1] === k;
        if (u.button.getAttribute('aria-pressed') !== String(sel)) u.button.setAttribute('aria-pressed', String(sel));
      });
      if (H) {
        const dead = H.deadOnData.filter(Boolean).length;
        const plane = H.deadOnPlane.filter(Boolean).length;
        const text = `${dead} of ${H.units} dead${plane ? ` (${plane} on the plane)` : ''}`;
        const L = layerEls[l];
        if (L.dead.textContent !== text) L.dead.textContent = text;
        L.dead.classList.toggle('has-dead', dead > 0);
        const g = H.gradientNorm;
        const bad = !Number.isFinite(g);
        const gt = bad ? (Number.isNaN(g) ? '⚠ NaN' : '⚠ overflow') : fmt(g, 2);
        if (L.gradText.textContent !== gt) {
          L.grad.style.width = `${(bad ? 1 : gradientBar(g)) * 100}%`;
          L.grad.classList.toggle('bad', bad);
          L.gradText.textContent = gt;
          L.grad.parentElement.title = `Gradient norm ${gt} (log scale, 1e-8 … 1e2)`;
        }
        const sp = `sparsity ${pct(H.sparsity)}`;
        if (L.sparsity.textContent !== sp) L.sparsity.textContent = sp;
      }
    });
    const out = String(!!selected && selected[0] === -1);
    if (outputEl && outputEl.getAttribute('aria-pressed') !== out) outputEl.setAttribute('aria-pressed', out);
    if (tiles && atlas) atlas.ctx.putImageData(atlas.image, 0, 0);
    if (outputSource) {
      outputImage ??= new OffscreenCanvas(48, 48);
      outputImage.getContext('2d').drawImage(outputSource, 0, 0, 48, 48);
    }
    if (tiles || w || outputSource) drawLinks();
  }

  /** The units' atlas for tiles of this size and the current structure (made anew when either changes). */
  function unitAtlas(size) {
    const P = size + 2;
    const w = unitEls.length * P;
    const hgt = Math.max(1, ...unitEls.map((r) => r.length)) * P;
    if (!atlas || atlas.size !== size || atlas.image.width !== w || atlas.image.height !== hgt) {
      const canvas = new OffscreenCanvas(w, hgt);
      atlas = { canvas, ctx: canvas.getContext('2d'), image: new ImageData(w, hgt), size };
    }
    return atlas;
  }

  function markUnit(u, l, k, H) {
    const data = !!H.deadOnData[k];
    const plane = !!H.deadOnPlane[k];
    const dormant = !!H.dormant?.[k] && !data;
    const rate = H.activationRate[k];
    const died = H.diedAtEpoch?.[k];
    const state = `${data}|${plane}|${dormant}|${died}|${Math.round(rate * 100)}`;
    if (state === u.state) return;
    u.state = state;
    u.rate.style.width = `${Math.max(0, Math.min(1, rate)) * 100}%`;
    const b = u.button;
    b.classList.toggle('dead-data', data);
    b.classList.toggle('dead-plane', plane);
    b.classList.toggle('dormant', dormant);
    b.dataset.deadOnData = String(data);
    b.dataset.deadOnPlane = String(plane);
    b.dataset.dormant = String(dormant);
    const words = [];
    if (data && plane) words.push('dead: data+plane');
    else if (data) words.push('dead: data');
    else if (plane) words.push('dead: plane');
    if (dormant) words.push('dormant');
    u.badge.textContent = words.join(', ');
    u.badge.className = `badge${words.length ? ' on' : ''}`;
    const desc = [`Layer ${l + 1} unit ${k + 1}`];
    if (data) desc.push(`dead on the data${died !== null && died !== undefined ? ` since epoch ${died}` : ''}`);
    if (plane) desc.push('dead on the plane');
    if (dormant) desc.push('dormant');
    desc.push(`active on ${pct(rate)} of points`);
    b.setAttribute('aria-label', desc.join(', '));
    b.title = desc.join(', ');
  }

  /** The ImageData of one unit's tile (for the enlarged preview). */
  function tileImage(l, u) {
    return unitEls[l]?.[u]?.image ?? null;
  }

  return { element, setStructure, update, layout, tileImage, diverging: DIVERGING };
}
