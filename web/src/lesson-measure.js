// lesson-measure.js — what a lesson's run measured, as short lines of text, read from the
// playground's state() (and, for some lessons, what the run recorded on the way). These are the
// numbers of THIS run in this browser, shown beside the lesson's observation (filled from the
// many-seed measurement in js/lesson-results.js): the reader sees our engine's result, not a quoted one.
// Pure functions; no DOM.
import { fmt, pct } from './dom.js';

const share = (k, n) => (n ? `${Math.round((100 * k) / n)} %` : '—');
const acc = (m) =>
  m?.testAccuracy === null || m?.testAccuracy === undefined ? '' : `, test accuracy ${pct(m.testAccuracy)}`;
const INACTIVE = new Set(['leak-helps', 'leak-no-cure']); // leaky units are "inactive", not dead

/** One line per model: dead units and accuracy at the end of the run. */
function perModel(s, word) {
  return s.models.map((m) => ({
    label: s.models.length > 1 ? m.label : `Epoch ${m.epoch}`,
    text: `${m.deadUnits} of ${m.totalUnits} units ${word} (${share(m.deadUnits, m.totalUnits)})${acc(m.metrics)}${s.models.length > 1 ? ` after ${m.epoch} epochs` : ''}${m.diverged ? ' — diverged' : ''}`,
  }));
}

/** log10 of the first hidden layer's gradient norm over the last one's. */
export function gradientRatio(norms) {
  if (!norms || norms.length < 2 || !(norms[0] > 0) || !(norms.at(-1) > 0)) return null;
  return Math.log10(norms[0] / norms.at(-1));
}

/** The share of constant maps per width at each depth: { width → [{ depth, share }] }. */
export function sweepSeries(cells) {
  const out = new Map();
  for (const c of cells) {
    if (!out.has(c.width)) out.set(c.width, []);
    out.get(c.width).push({ depth: c.depth, share: c.constant / c.seeds, seeds: c.seeds });
  }
  for (const list of out.values()) list.sort((a, b) => a.depth - b.depth);
  return out;
}

/**
 * The born-dead figure as one lab.sweep spec (runSweep in the page's workers): every (width, depth)
 * of lesson.sweep is a cell of network.hidden, untrained, measured by constantMap over grid² of
 * the preset's window, seeds 1 … seeds. → { cells: [{ width, depth }] in cell order, spec }
 */
export function bornDeadSweep(lesson) {
  const { widths, depths, seeds, grid } = lesson.sweep;
  const cells = depths.flatMap((depth) => widths.map((width) => ({ width, depth })));
  const { seed: _d, ...dataset } = lesson.preset.dataset;
  const { seed: _n, hidden: _h, ...network } = lesson.preset.network;
  return {
    cells,
    spec: {
      dataset,
      network,
      epochs: 0,
      vary: {
        field: 'network.hidden',
        values: cells.map((c) => Array(c.depth).fill(c.width)),
        labels: cells.map((c) => `width ${c.width}, depth ${c.depth}`),
      },
      seeds,
      grid,
      measure: ['constantMap'],
    },
  };
}

/** A born-dead sweep's records so far → the figure's cells [{ width, depth, seeds, constant }] (runs done per cell). */
export function bornDeadCells(cells, records) {
  const out = cells.map((c) => ({ ...c, seeds: 0, constant: 0 }));
  for (const r of records) {
    out[r.cell].seeds += 1;
    out[r.cell].constant += r.metrics.constantMap;
  }
  return out.filter((c) => c.seeds > 0);
}

/**
 * Lines of text for a finished run: [{ label, text }].
 * extras: { reached90: [epoch|null per model], revived, sweep: cells[] }
 */
export function measure(lesson, s, extras = {}) {
  const H = s.health;
  switch (lesson.id) {
    case 'meet-relu':
      return [
        {
          label: 'Nothing to train',
          text: "the Activation panel draws f (solid) and f′ (dashed) from the engine's own table",
        },
      ];
    case 'half-off': {
      const rates = H.layers.flatMap((L) => L.activationRate);
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      const zero = rates.filter((r) => r === 0).length;
      return [
        { label: 'Mean activation rate', text: `${pct(mean)} of the training points switch a unit on (epoch 0)` },
        {
          label: 'Born dead',
          text: `${zero} of ${rates.length} units ${zero === 1 ? 'is' : 'are'} off for every training point`,
        },
      ];
    }
    case 'data-vs-plane': {
      const data = H.layers.reduce((n, L) => n + L.deadOnData.filter(Boolean).length, 0);
      const plane = H.layers.reduce((n, L) => n + L.deadOnPlane.filter(Boolean).length, 0);
      return [
        { label: 'Dead on the data', text: `${data} of ${H.totalUnits} units${acc(s.metrics)}` },
        {
          label: 'Dead on the plane',
          text: `${plane} of ${H.totalUnits} units${data > plane ? ` — ${data - plane} of the ${data} dead on the data ${data - plane === 1 ? 'is' : 'are'} alive elsewhere on the plane` : ''}`,
        },
      ];
    }
    case 'vanishing':
      return s.models.map((m) => {
        const r = gradientRatio(m.gradientNorms);
        const exp = r === null ? '' : r.toFixed(1).replace(/^-0\.0$/, '0.0');
        return {
          label: m.label,
          text:
            r === null
              ? 'no gradient measured'
              : `the first layer's gradient norm is 10^${exp} of the last layer's (${fmt(m.gradientNorms[0])} vs ${fmt(m.gradientNorms.at(-1))})`,
        };
      });
    case 'faster':
      return s.models.map((m, i) => {
        const e = extras.reached90?.[i];
        const every = extras.every ? ` (checked every ${extras.every} epochs)` : '';
        return {
          label: m.label,
          text: `${e === null || e === undefined ? `not at 90 % within ${m.epoch} epochs` : `90 % test accuracy by epoch ${e}${every}`}${acc(m.metrics)} at epoch ${m.epoch}`,
        };
      });
    case 'born-dead': {
      const lines = [];
      for (const [width, list] of sweepSeries(extras.sweep ?? [])) {
        const at = (d) => list.find((p) => p.depth === d);
        const ten = at(10);
        const twenty = at(20);
        lines.push({
          label: `Width ${width}`,
          text: `${ten ? pct(ten.share) : '—'} of ${ten?.seeds ?? '—'} nets with 10 layers draw a constant map${twenty ? `, ${pct(twenty.share)} with 20` : ''}`,
        });
      }
      if (H)
        lines.unshift({
          label: 'This net (seed 1)',
          text: `${H.deadUnits} of ${H.totalUnits} units dead at initialisation`,
        });
      return lines;
    }
    case 'revive':
      return [
        ...perModel(s, 'dead'),
        ...(extras.revived !== undefined
          ? [
              {
                label: 'ReDo at the switch',
                text: `${extras.revived} dead units re-initialised at epoch ${lesson.preset.epochs}`,
              },
            ]
          : []),
      ];
    case 'folds': {
      // the map's Regions mode counts the primary twin's pieces on the map's own grid (finer than
      // the lesson's 128 × 128: it may see more)
      const r = s.regions;
      const lines = perModel(s, 'dead');
      if (r)
        lines.push({
          label: `Pieces (${s.models[s.primary]?.label ?? 'this net'})`,
          text: `${r.count} linear regions visible on the map's ${r.width} × ${r.height} grid at epoch ${s.epoch}`,
        });
      return lines;
    }
    case 'softmax':
      return [{ label: `Epoch ${s.epoch}`, text: `3 classes, one softmax head${acc(s.metrics)}` }];
    default:
      return perModel(s, INACTIVE.has(lesson.id) ? 'dead or inactive' : 'dead');
  }
}
