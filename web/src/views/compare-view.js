// compare-view.js — compare mode: 2–4 twin models (same data, seed and initial weights, one setting
// different), their maps side by side with dead counts, loss and accuracy. Choosing a twin shows
// it in the network view and the main map (onPick(index)).
import { h, fmt, pct } from '../dom.js';
import { createHeatmap } from './heatmap.js';

export function createCompareView({ onPick, onRelease }) {
  const grid = h('div.twins');
  const element = h('div.compare', { hidden: true }, grid);
  let twins = [];
  let primary = 0;
  let extent = 6;

  function setTwins(labels) {
    twins = labels.map((label, i) => {
      const map = createHeatmap({ label: `Twin ${i + 1}: ${label}`, small: true, onRelease });
      map.setExtent(extent);
      const stats = h('p.twin-stats');
      const pick = h(
        'button.twin-pick',
        { 'type': 'button', 'aria-pressed': String(i === primary), 'onclick': () => onPick(i) },
        label,
      );
      const card = h('figure.twin', { dataset: { twin: String(i) } }, pick, map.element, stats);
      return { map, stats, pick, card, label };
    });
    grid.replaceChildren(...twins.map((t) => t.card));
    grid.dataset.count = String(twins.length);
  }

  function setPrimary(i) {
    primary = i;
    twins.forEach((t, k) => t.pick.setAttribute('aria-pressed', String(k === i)));
  }

  /** Pixel size each twin map wants (all the same). */
  function pixelSize() {
    return twins[0]?.map.pixelSize() ?? { width: 160, height: 160 };
  }

  /** Paint the twins' maps and stats (only twin `which` when it is given). */
  function update(results, { k, head, opts, points, size }, which = null) {
    results.forEach((r, i) => {
      const t = twins[i];
      if (!t || (which !== null && i !== which)) return;
      if (r.map) t.map.setOutput(r.map, size.width, size.height, k, head, opts);
      if (points) t.map.setPoints(points);
      const dead = r.health ? `${r.health.deadUnits} of ${r.health.totalUnits} dead` : '';
      const m = r.metrics;
      const text = `${dead} · test loss ${fmt(m?.testLoss)}${m?.testAccuracy !== null && m?.testAccuracy !== undefined ? ` · test acc ${pct(m.testAccuracy)}` : ''}${r.diverged ? ' · diverged' : ''}`;
      if (t.stats.textContent !== text) t.stats.textContent = text;
      t.card.dataset.dead = String(r.health?.deadUnits ?? 0);
    });
  }

  return {
    element,
    setTwins,
    setPrimary,
    pixelSize,
    update,
    redraw: () => twins.forEach((t) => t.map.redraw()),
    setSummaries: (texts) => twins.forEach((t, i) => t.map.setSummary(texts[i] ?? '')),
    show: (on) => (element.hidden = !on),
    /** The painted domain [-e, e]² of every twin map. */
    setExtent(e) {
      extent = e;
      twins.forEach((t) => t.map.setExtent(e));
    },
  };
}
