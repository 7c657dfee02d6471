// activation-panel.js — the chosen activation's curve f (solid) and derivative f′ (dashed) over
// [−4, 4], with the ReLU′(0) convention drawn at the kink (filled dot = the value used, open
// circles = the one-sided limits), its formula and range; the live α slider and ReLU′(0) choice;
// and, for PReLU, each layer's learned α (mean over units) plotted over epochs.
// The curve's values come from the engine (handlers.curve: the worker's `curve` request, cached in
// activation-curves.js); until they arrive (the engine is loading) the figure shows only its axes.
import { formatRange, formatFormula } from '../format.js';
import { h, fitCanvas, fmt, watchWidth, nextFrame } from '../dom.js';
import { createCurveCache, STEPS, PROBE } from '../activation-curves.js';
import { createControls, pretty } from './controls.js';
import { BLUE, ORANGE, CLASS_COLORS, rgb } from '../palette.js';

export function createActivationPanel(handlers) {
  const canvas = h('canvas.act-canvas', { 'aria-hidden': 'true' });
  const figure = h('div.act-figure', { 'role': 'img', 'aria-label': 'Activation curve' }, canvas);
  const title = h('h3.panel-sub');
  const formula = h('p.formula');
  const legend = h(
    'p.legend',
    {},
    h('span.key.solid', {}, 'f(x)'),
    ' ',
    h('span.key.dashed', {}, 'f′(x)'),
    ' ',
    h('span.key.dot', {}, 'f′(0) used'),
  );
  const controls = createControls(['alpha', 'reluGradAtZero'], handlers.onChange, {
    kind: { reluGradAtZero: 'radios', alpha: 'slider' },
  });
  const alphaCanvas = h('canvas.alpha-canvas', { 'aria-hidden': 'true' });
  const alphaFigure = h(
    'div.alpha-figure',
    { 'role': 'img', 'aria-label': 'PReLU learned α over epochs' },
    alphaCanvas,
  );
  const alphaBox = h(
    'div.alpha-box',
    { hidden: true },
    h('h4', {}, 'PReLU: learned α over time'),
    alphaFigure,
    h('p.alpha-values'),
  );
  const element = h('div.activation-panel', {}, title, formula, figure, legend, controls.element, alphaBox);
  let info = null; // the engine's activation table (names, formulas, ranges); null until it has loaded
  let last = null;
  let drawn = null; // the curve painted last (activationCurve() in the scripting API: tests read it)
  let lastAlpha = null;
  // Text and labels change at once; the curve is painted in the next animation frame (never
  // before the figure's ResizeObserver has reported its width). Painting synchronously (its
  // labels' font needs styles) forced a style recalc of a whole freshly built playground or
  // network, twice at load; painting in the observer's callback lengthened the frame it reports in.
  let sized = false; // the figure's ResizeObserver has reported its width
  let queued = 0;
  // a curve arrived from the engine: paint it (once the figure has a width)
  const curves = createCurveCache(handlers.curve, () => last && sized && (queued ||= requestAnimationFrame(paint)));
  const figureWidth = watchWidth(figure, 240, (width) => {
    if (!width) return; // not displayed (yet): painted once it is
    sized = true;
    queued ||= requestAnimationFrame(paint);
  });
  const alphaSoon = nextFrame(() => lastAlpha && drawAlpha(lastAlpha));
  const alphaWidth = watchWidth(alphaFigure, 240, (width) => width && alphaSoon());

  /** The engine's table (lab.activations) has loaded: curves can be asked for now. */
  function setInfo(activations) {
    info = activations;
    if (last) draw(last);
  }

  function resolve(config) {
    const name = config.activation;
    const a = info?.find((x) => x.name === name);
    const kink = !!a?.reluFamily;
    return {
      name,
      a,
      kink,
      alpha: config.alpha >= 0 ? config.alpha : (a?.defaultAlpha ?? 0.01),
      g0: Number(config.reluGradAtZero),
    };
  }

  /** The engine's samples for this config, or null while they are on their way (or before init). */
  function curveOf({ name, a, kink, alpha, g0 }) {
    if (!a) return null;
    return curves.get(name, a.hasAlpha ? alpha : null, kink ? g0 : 0);
  }

  function draw(config) {
    last = config;
    const { name, a, alpha, kink } = resolve(config);
    title.textContent = pretty(name);
    const range = a ? `range ${formatRange(name, a.range[0], a.range[1])}` : '';
    formula.textContent = `${formatFormula(a?.formula)}${a?.hasAlpha ? `, α = ${fmt(alpha)}` : ''} · ${range}`;
    controls.set(config);
    if (config.alpha < 0) controls.show('alpha', `default ${fmt(alpha)}`, alpha);
    controls.controls.get('alpha').hidden = !a?.hasAlpha;
    controls.controls.get('reluGradAtZero').classList.toggle('muted', !!a && !kink);
    curveOf(resolve(config)); // ask for it now; paint() draws it once it is here
    if (sized && !queued) queued = requestAnimationFrame(paint);
  }

  /** The figure's accessible name: the formula, and the derivative's values from the engine. */
  function describe({ name, a, kink }, curve) {
    const at = (i) => fmt(curve.df[i]);
    const derivative = !curve
      ? 'is loading'
      : kink
        ? `is ${at(PROBE.minusOne)} below 0 and 1 above; at 0 the page uses ${at(STEPS / 2)}`
        : 'is smooth';
    const label = `${pretty(name)}: ${a?.formula ?? ''}. Derivative ${derivative}.`;
    if (figure.getAttribute('aria-label') !== label) figure.setAttribute('aria-label', label);
  }

  /** The curve of the last config drawn. */
  function paint() {
    cancelAnimationFrame(queued);
    queued = 0;
    if (!last) return;
    const r = resolve(last);
    const curve = curveOf(r);
    describe(r, curve);
    drawn = curve;
    const w = Math.max(160, figureWidth());
    const hgt = 140;
    const ctx = fitCanvas(canvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    const X = (x) => ((x + 4) / 8) * w;
    const lo = -1.5,
      hi = 4.2;
    const Y = (y) => hgt - ((Math.max(lo, Math.min(hi, y)) - lo) / (hi - lo)) * hgt;
    ctx.strokeStyle = '#d5d7db';
    ctx.beginPath();
    ctx.moveTo(0, Y(0));
    ctx.lineTo(w, Y(0));
    ctx.moveTo(X(0), 0);
    ctx.lineTo(X(0), hgt);
    ctx.stroke();
    if (curve) plotCurve(ctx, curve, r.kink, X, Y);
    ctx.fillStyle = '#5b6170';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillText('−4', 2, Y(0) - 3);
    ctx.fillText('4', w - 10, Y(0) - 3);
  }

  /** f and f′ from the engine's samples; at a kink, f′ breaks and its values at 0 are dots. */
  function plotCurve(ctx, curve, kink, X, Y) {
    const mid = STEPS / 2; // x = 0
    const plot = (ys, color, dash) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash(dash);
      ctx.beginPath();
      for (let i = 0; i <= STEPS; i++) {
        const x = curve.x[i];
        const y = kink && i === mid ? ys[PROBE.left] : ys[i]; // the kink is drawn as dots
        if (i === 0) ctx.moveTo(X(x), Y(y));
        else if (kink && ys === curve.df && i === mid + 1) ctx.moveTo(X(x), Y(y));
        else ctx.lineTo(X(x), Y(y));
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    plot(curve.f, rgb(BLUE), []);
    plot(curve.df, rgb(ORANGE), [5, 4]);
    if (kink) {
      const left = curve.df[PROBE.left];
      const right = curve.df[PROBE.right];
      const at = curve.df[mid];
      for (const v of [left, right]) {
        ctx.beginPath();
        ctx.arc(X(0), Y(v), 4, 0, Math.PI * 2);
        ctx.fillStyle = '#fff';
        ctx.fill();
        ctx.strokeStyle = rgb(ORANGE);
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(X(0), Y(at), 4.5, 0, Math.PI * 2);
      ctx.fillStyle = '#222';
      ctx.fill();
      ctx.fillStyle = '#222';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(`f′(0) = ${fmt(at)}`, X(0) + 8, Y(at) - 6);
    }
  }

  /** PReLU α history: [{ epoch, alpha: [mean per layer] }] (null to hide). */
  function drawAlpha(history) {
    lastAlpha = history;
    alphaBox.hidden = !history || history.length === 0;
    if (alphaBox.hidden) return;
    const w = Math.max(160, alphaWidth());
    const hgt = 80;
    const ctx = fitCanvas(alphaCanvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    const layers = history[0].alpha.length;
    let lo = 0,
      hi = 0.5,
      maxE = 1;
    for (const p of history) {
      maxE = Math.max(maxE, p.epoch);
      for (const v of p.alpha) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    }
    const X = (e) => 4 + (e / maxE) * (w - 8);
    const Y = (v) => hgt - 4 - ((v - lo) / (hi - lo || 1)) * (hgt - 8);
    for (let l = 0; l < layers; l++) {
      ctx.strokeStyle = rgb(CLASS_COLORS[(l + 1) % CLASS_COLORS.length]);
      ctx.lineWidth = 1.6;
      ctx.beginPath();
      history.forEach((p, i) => (i ? ctx.lineTo(X(p.epoch), Y(p.alpha[l])) : ctx.moveTo(X(p.epoch), Y(p.alpha[l]))));
      ctx.stroke();
    }
    const now = history
      .at(-1)
      .alpha.map((v, l) => `L${l + 1} α = ${fmt(v)}`)
      .join(' · ');
    alphaBox.querySelector('.alpha-values').textContent = now;
    alphaFigure.setAttribute('aria-label', `PReLU learned α, mean per layer, at epoch ${history.at(-1).epoch}: ${now}`);
  }

  /** The curve painted last, as plain data: { activation, alpha, reluGradAtZero, x, f, df } or null. */
  const painted = () => drawn && { ...drawn, x: Array.from(drawn.x), f: Array.from(drawn.f), df: Array.from(drawn.df) };

  return { element, setInfo, draw, drawAlpha, painted, controls: controls.controls, redraw: () => last && draw(last) };
}
