// unit-popover.js — the selected hidden unit's result where the reader is looking (issue #19: a
// selection only drew a focus ring; its panel was below the fold): a popover beside the unit in
// the network view with its activation, whether it is dead or alive and the sentence why, its z
// range, its gradient, a small map of its output, and "More" (the full Selected unit panel) and,
// for a dead unit, "How it died" (its death certificate). Esc, a click elsewhere or × close it;
// opened by the keyboard it takes the focus and gives it back to the unit when it closes. On a
// phone it is a bottom sheet that leaves the decision map in view (see place()).
// What it is not: the inspector (views/inspector.js, the histogram and editable weights) or the
// selection (the playground owns s.selected; this only shows it).
import { h, fmt, pct } from '../dom.js';

const RANGE = 8; // the engine's histogram: 32 bins over ±8 (as inspector.js draws it)
const SHEET_MAX = 600; // px: a narrower viewport gets the bottom sheet
const MAP = 88; // px: the unit's map
const GAP = 8;
let uid = 0;

/** z's range over the training data from a unit's histogram (bins of 2·RANGE/bins): [lo, hi]. */
export function zRange(counts) {
  const n = counts.length;
  const first = counts.findIndex((c) => c > 0);
  if (first < 0) return null;
  let last = n - 1;
  while (counts[last] === 0) last--;
  const edge = (i) => -RANGE + (2 * RANGE * i) / n;
  return [first === 0 ? -Infinity : edge(first), last === n - 1 ? Infinity : edge(last + 1)];
}

/** The status line and the sentence that says why, from one layer's health for unit u. */
export function unitStatus(L, u, epoch) {
  const rate = L.activationRate[u];
  const relu = ['relu', 'leaky_relu', 'prelu', 'elu', 'gelu', 'silu'].includes(L.activation);
  const gate = relu ? 'input z is ≤ 0' : 'derivative is below 1 % of its maximum';
  if (L.deadOnData[u]) {
    const died = L.diedAtEpoch?.[u];
    const when =
      died === 0 || (died === null && epoch === 0) ? 'born dead' : died != null ? `dead since epoch ${died}` : 'dead';
    const plane = L.deadOnPlane[u]
      ? ' It is dead on the whole plane too.'
      : ' It is alive elsewhere on the plane, where no training point lies.';
    return {
      kind: 'dead',
      label: `${when[0].toUpperCase()}${when.slice(1)} on the data`,
      why: `Its ${gate} for every training point, so no point passes it a gradient: plain gradient descent cannot bring it back.${plane}`,
    };
  }
  if (L.dormant?.[u])
    return {
      kind: 'dormant',
      label: 'Dormant',
      why: `Alive but nearly silent: its mean |output| is ${fmt(L.dormancy[u], 2)} of its layer's mean. It still learns from the ${pct(rate)} of points that open it.`,
    };
  return {
    kind: 'alive',
    label: 'Alive',
    why: `Its gate is open for ${pct(rate)} of the training points; those points move its weights.`,
  };
}

/** handlers: onMore(), onCertificate(), onClose(); returns { element, show(…), update(…), hide(), open }. */
export function createUnitPopover(handlers) {
  const id = `rl-unit-pop-${++uid}`;
  const title = h('h3.unit-pop-title', { id: `${id}-title`, tabindex: '-1' });
  const status = h('p.unit-pop-status');
  const why = h('p.unit-pop-why');
  const numbers = h('dl.unit-pop-numbers');
  const map = h('canvas.unit-pop-map', {
    'width': MAP,
    'height': MAP,
    'role': 'img',
    'aria-label': 'The unit’s output over the plane',
  });
  const more = h(
    'button.link.unit-pop-more',
    { type: 'button', onclick: () => handlers.onMore?.() },
    'More: histogram and weights',
  );
  const cert = h(
    'button.link.unit-pop-cert',
    { type: 'button', onclick: () => handlers.onCertificate?.() },
    'How it died',
  );
  const close = h(
    'button.icon.unit-pop-close',
    { 'type': 'button', 'aria-label': 'Close', 'onclick': () => hide() },
    '×',
  );
  const element = h(
    'div.unit-popover',
    { id, 'role': 'dialog', 'aria-labelledby': title.id, 'popover': 'manual', 'hidden': !HAS_POPOVER },
    h('div.unit-pop-head', {}, title, close),
    h('div.unit-pop-body', {}, map, h('div.unit-pop-text', {}, status, why)),
    numbers,
    h('p.unit-pop-links', {}, more, cert),
  );
  let anchor = null; // the unit's button
  let returnFocus = false;
  let isOpen = false;

  const place = () => placeNear(element, anchor);
  const onKey = (e) => {
    if (e.key === 'Escape' && isOpen) {
      e.stopPropagation();
      hide();
    }
  };
  const onDown = (e) => {
    const path = e.composedPath();
    if (!path.includes(element) && !path.includes(anchor)) hide();
  };

  /** Open beside button (the unit) for unit u of layer L; focus: move the focus into it (keyboard). */
  function show(button, l, u, L, epoch, tile, { focus = false, links = {} } = {}) {
    anchor = button;
    update(l, u, L, epoch, tile, links);
    if (!isOpen) {
      isOpen = true;
      if (HAS_POPOVER) element.showPopover();
      else element.hidden = false;
      addEventListener('keydown', onKey, true);
      addEventListener('pointerdown', onDown, true);
      addEventListener('scroll', place, true);
      addEventListener('resize', place);
    }
    place();
    returnFocus = focus;
    if (focus) title.focus({ preventScroll: true });
  }

  /**
   * New numbers for the open unit (every frame while training); links: { more, certificate }
   * shown; button: the unit's button, when the view rebuilt it (it is placed beside it again).
   */
  function update(l, u, L, epoch, tile, links = {}, button = anchor) {
    if (button !== anchor) {
      anchor = button;
      requestAnimationFrame(place);
    }
    const t = `Layer ${l + 1}, unit ${u + 1} · ${L.activation}`;
    if (title.textContent !== t) title.textContent = t;
    const st = unitStatus(L, u, epoch);
    element.dataset.kind = st.kind;
    status.textContent = st.label;
    why.textContent = st.why;
    const bins = L.histogram.length / L.units;
    const z = zRange(L.histogram.subarray(u * bins, (u + 1) * bins));
    const end = (v) => (v === -Infinity ? `below −${RANGE}` : v === Infinity ? `above ${RANGE}` : fmt(v, 2));
    const rows = [
      ['Active on', `${pct(L.activationRate[u])} of points`],
      ['z over the data', z ? `${end(z[0])} to ${end(z[1])}` : '—'],
      [
        'Gradient',
        L.deadOnData[u]
          ? '0: every gate closed'
          : `from ${pct(L.activationRate[u])} of points (${epoch > 0 ? `layer ∇ ${fmt(L.gradientNorm, 2)}` : 'no step yet'})`,
      ],
    ];
    const key = rows.flat().join('|');
    if (numbers.dataset.key !== key) {
      numbers.dataset.key = key;
      numbers.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    }
    if (tile) drawTile(map, tile);
    more.hidden = links.more === false;
    // a unit born dead has no step that killed it (its certificate would be empty)
    cert.hidden = !L.deadOnData[u] || st.label.startsWith('Born') || links.certificate === false;
  }

  function hide() {
    if (!isOpen) return;
    isOpen = false;
    if (HAS_POPOVER) element.hidePopover();
    else element.hidden = true;
    removeEventListener('keydown', onKey, true);
    removeEventListener('pointerdown', onDown, true);
    removeEventListener('scroll', place, true);
    removeEventListener('resize', place);
    if (returnFocus && anchor?.isConnected) anchor.focus({ preventScroll: true });
    handlers.onClose?.();
  }

  return {
    element,
    show,
    update,
    hide,
    get open() {
      return isOpen;
    },
  };
}

const HAS_POPOVER = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;

/** The unit's tile (ImageData) scaled into the popover's canvas, crisp. */
function drawTile(canvas, image) {
  const src = new OffscreenCanvas(image.width, image.height);
  src.getContext('2d').putImageData(image, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, 0, 0, canvas.width, canvas.height);
}

/**
 * Beside the unit: to its right (or left), its top level with the unit's, inside the viewport.
 * On a phone, a bottom sheet — above the map's bottom edge never: when the decision map is on
 * screen the sheet takes only the space below it (or above it, when that is larger).
 */
function placeNear(el, anchor) {
  if (!anchor?.isConnected) return;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const sheet = vw < SHEET_MAX;
  el.classList.toggle('sheet', sheet);
  const set = (left, top, maxHeight) => {
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.maxHeight = `${maxHeight}px`;
    // fixed coordinates, corrected by where they landed (a transformed ancestor moves the origin)
    const r = el.getBoundingClientRect();
    el.style.left = `${2 * left - r.left}px`;
    el.style.top = `${2 * top - r.top}px`;
  };
  if (sheet) {
    const root = anchor.getRootNode();
    const mapEl = root.querySelector?.('.out .map-regions') ?? null;
    const m = mapEl?.offsetParent ? mapEl.getBoundingClientRect() : null;
    const shown = m && m.bottom > 0 && m.top < vh;
    const below = shown ? vh - Math.max(0, m.bottom) : vh;
    const above = shown ? Math.min(vh, m.top) : 0;
    const natural = Math.min(el.scrollHeight, Math.round(vh * 0.6));
    if (!shown || below >= Math.min(natural, 200) || below >= above) {
      const hgt = Math.min(natural, shown ? below - GAP : natural);
      set(0, vh - hgt, hgt);
    } else set(0, 0, Math.min(natural, above - GAP));
    return;
  }
  const b = anchor.getBoundingClientRect();
  el.style.maxHeight = `${vh - 2 * GAP}px`;
  const w = el.offsetWidth;
  const ht = el.offsetHeight;
  const left = b.right + GAP + w <= vw - GAP ? b.right + GAP : Math.max(GAP, b.left - GAP - w);
  const top = Math.max(GAP, Math.min(b.top, vh - ht - GAP));
  set(left, top, vh - 2 * GAP);
}
