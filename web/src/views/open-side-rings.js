// open-side-rings.js — the death certificate's points on the map (issue #17): while a dead unit's
// certificate is shown, the training points that were still on its open side (z > 0) just before
// the fatal step are ringed on the output map, so the learner sees which part of the data last
// kept the unit alive. An SVG in the map's frame, in domain coordinates (it scales with the map
// and needs no repaint on resize); it takes no pointer events, so the map's clicks still add points.
// What it is not: the search for the points (relu-lab/history run.deathCertificate, in the worker).
const SVG = 'http://www.w3.org/2000/svg';

/** map: the heatmap view (its element holds the .map-frame). */
export function createOpenSideRings(map) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.classList.add('open-side-rings');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.style.display = 'none';
  map.element.querySelector('.map-frame').append(svg);
  let extent = 6;
  let shown = null;

  /** points: [{ x, y }] in domain coordinates, or null to hide the rings. */
  function show(points) {
    shown = points?.length ? points : null;
    svg.style.display = shown ? '' : 'none';
    svg.dataset.count = String(shown?.length ?? 0);
    if (!shown) return svg.replaceChildren();
    const e = extent;
    svg.setAttribute('viewBox', `${-e} ${-e} ${2 * e} ${2 * e}`);
    const r = e * 0.032; // about three point radii on the default map
    // a dark ring on a white halo: seen on orange, blue and the pale middle alike
    const circle = (cls, { x, y }) => {
      const c = document.createElementNS(SVG, 'circle');
      c.classList.add(cls);
      c.setAttribute('cx', String(x));
      c.setAttribute('cy', String(-y)); // the map's y grows upwards
      c.setAttribute('r', String(r));
      return c;
    };
    svg.replaceChildren(...shown.map((p) => circle('halo', p)), ...shown.map((p) => circle('ring', p)));
  }

  return {
    show,
    /** The map's domain [-e, e]². */
    setExtent(e) {
      extent = e;
      if (shown) show(shown);
    },
  };
}
