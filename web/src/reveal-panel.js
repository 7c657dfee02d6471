// reveal-panel.js — bring a panel into view after an action whose answer it shows (a selected
// unit: its histogram and weights), smoothly and only when it is not in view already: a panel
// whose title is on screen stays where it is. Reduced motion: no animation.

/** panel: an element; reducedMotion: jump instead of glide. */
export function revealPanel(panel, reducedMotion = false) {
  if (!panel || panel.offsetParent === null) return;
  const r = panel.getBoundingClientRect();
  const view = panel.ownerDocument.defaultView;
  if (r.top >= 0 && r.top + 80 <= view.innerHeight) return; // its title and first lines show
  panel.scrollIntoView({ behavior: reducedMotion ? 'auto' : 'smooth', block: 'nearest' });
}
