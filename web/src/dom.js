// dom.js — a tiny element builder. Text goes in through textContent only (never innerHTML), so
// user strings cannot inject markup; no inline style attributes (CSP: style-src 'self'). It refuses
// the two other ways a string becomes code: an "on…" attribute that is not a function, and a
// javascript: (or vbscript:, data:text/html) URL in href/src/action.

import { formatNumber } from './format.js';

/**
 * h('button.play', { type: 'button', 'aria-pressed': 'false', onclick }, 'Play')
 * Attributes starting with "on" become listeners; `class`/`dataset` are handled; children are
 * nodes or strings (as text).
 */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el =
    name === 'svg' || SVG_TAGS.has(name)
      ? document.createElementNS(SVG_NS, name)
      : document.createElement(name || 'div');
  if (classes.length) el.classList.add(...classes);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (/^on/i.test(k)) {
      // a listener is a function, never a string of code (an inline handler is markup injection)
      if (typeof v !== 'function') throw new TypeError(`h(${tag}): ${k} must be a function`);
      el.addEventListener(k.slice(2), v);
    } else if (URL_ATTRS.has(k.toLowerCase()) && isScriptURL(v))
      throw new TypeError(`h(${tag}): refusing a script URL in ${k}`);
    else if (k === 'class') el.classList.add(...String(v).split(/\s+/).filter(Boolean));
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (k in el && !(el instanceof SVGElement) && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
/** javascript:, vbscript: and data:text/html URLs run code (the URL parser drops leading C0 controls and spaces, and every tab and newline). */
function isScriptURL(v) {
  const s = String(v)
    .replace(/^[\u0000-\u0020]+/, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
  return /^(javascript|vbscript):/.test(s) || s.startsWith('data:text/html');
}
const SVG_TAGS = new Set(['path', 'line', 'g', 'circle', 'rect', 'polyline', 'text', 'defs', 'pattern']);

/** A canvas sized to css × devicePixelRatio; returns its 2d context (scaled to css pixels). */
export function fitCanvas(canvas, cssWidth, cssHeight, { scale = true } = {}) {
  const dpr = Math.min(3, globalThis.devicePixelRatio || 1);
  const w = Math.max(1, Math.round(cssWidth * dpr));
  const hgt = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== hgt) canvas.height = hgt;
  const ctx = canvas.getContext('2d');
  if (scale) ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Format a number compactly for labels. */
/** A number for display: `digits` significant digits (format.js, the page's one formatter). */
export function fmt(v, digits = 3) {
  return formatNumber(v, digits);
}

export const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${Math.round(v * 100)} %`);

/**
 * fn, run once in the next animation frame however often this is called before it. Views repaint
 * a canvas this way when their ResizeObserver reports: the report comes right after a layout,
 * and painting there (a new canvas size is a new layout) made that frame long; this way the
 * repaint is the next frame's work.
 */
export function nextFrame(fn) {
  let raf = 0;
  return () => {
    raf ||= requestAnimationFrame(() => {
      raf = 0;
      fn();
    });
  };
}

/**
 * The css width of an element, measured by a ResizeObserver rather than read every frame
 * (reading clientWidth after DOM writes forces a synchronous layout). onResize is optional.
 */
export function watchWidth(el, fallback, onResize) {
  let width = 0;
  new ResizeObserver((entries) => {
    width = Math.floor(entries[0].contentRect.width);
    onResize?.(width);
  }).observe(el);
  return () => width || fallback;
}

/** Save text as a file: a temporary link in `parent` (inside the playground, so in its shadow root). */
export function download(parent, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A hidden file picker (open it with .click()): onText(text) gets the chosen file's text. */
export function filePicker(accept, onText) {
  const input = h('input.visually-hidden', {
    'type': 'file',
    accept,
    'tabindex': '-1',
    'aria-hidden': 'true',
    'onchange': async () => {
      const f = input.files?.[0];
      input.value = '';
      if (f) onText(await f.text(), f);
    },
  });
  return input;
}

/**
 * A past moment in words, as the timeline's label names it (time-travel.js): epoch e, or epoch e + 1
 * (in progress, counted from 1) after its s-th minibatch step.
 */
export const momentText = ({ epoch, step = 0 }) => (step ? `epoch ${epoch + 1}, step ${step}` : `epoch ${epoch}`);
