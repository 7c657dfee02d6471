// selection-popover.js — ties the selected hidden unit to its popover (views/unit-popover.js):
// opens it beside the unit's button when the reader selects one, keeps its numbers current with
// every painted frame (render.js calls update), closes it when the selection ends or the unit is
// gone, and answers its links: "More" brings the Selected unit panel into view, "How it died"
// the death certificate (time travel, when one is shown). The network view is not changed: the
// unit's button is found by its data-layer / data-unit.
import { createUnitPopover } from './views/unit-popover.js';
import { revealPanel } from './reveal-panel.js';

/** s: the playground's state; ui: its views; element: its root; latest(): the last frame's shown model. */
export function createSelectionPopover({ s, ui, element, reducedMotion, latest }) {
  const panel = () => element.querySelector('.insp');
  const shownPanel = () => panel()?.offsetParent != null;
  const pop = createUnitPopover({
    onMore: () => {
      pop.hide();
      const p = panel();
      revealPanel(p, reducedMotion);
      p?.querySelector('.inspector .panel-sub')?.setAttribute('tabindex', '-1');
      p?.querySelector('.inspector .panel-sub')?.focus({ preventScroll: true });
    },
    onCertificate: () => {
      pop.hide();
      const c = ui.certificate.element;
      const target = c.hidden ? panel() : c;
      revealPanel(target, reducedMotion);
      target?.querySelector('button')?.focus({ preventScroll: true });
    },
  });
  element.append(pop.element);

  const buttonOf = (l, u) => element.querySelector(`.hidden-unit[data-layer="${l}"][data-unit="${u}"]`);
  /** What the popover needs of unit (l, u) now, or null when it cannot show it. */
  function unitNow(l, u) {
    const p = latest();
    const L = p?.health?.layers?.[l];
    const button = buttonOf(l, u);
    if (!L || u >= L.units || !button?.offsetParent) return null;
    return { button, L, epoch: p.epoch, tile: ui.net.tileImage(l, u) };
  }
  const links = () => ({ more: shownPanel(), certificate: shownPanel() }); // both are in that panel

  /** The reader selected (l, u) (l −1: the output, which keeps its panel); toggle: a click or key. */
  function selected(l, u, toggle) {
    if (!s.selected || l < 0) {
      pop.hide();
      if (s.selected && toggle) revealPanel(panel(), reducedMotion); // the output: its weights
      return;
    }
    const now = unitNow(l, u);
    if (!now) return pop.hide();
    // opened by the keyboard (Enter or Space on a focused unit): the focus goes into the popover
    const keyboard = toggle && now.button.matches(':focus-visible');
    pop.show(now.button, l, u, now.L, now.epoch, now.tile, { focus: keyboard, links: links() });
  }

  /** A frame was painted: new numbers, or close when the unit is no longer there. */
  function update() {
    if (!pop.open) return;
    const sel = s.selected;
    const now = sel && sel[0] >= 0 ? unitNow(sel[0], sel[1]) : null;
    if (!now) return pop.hide();
    pop.update(sel[0], sel[1], now.L, now.epoch, now.tile, links(), now.button);
  }

  return { selected, update, hide: () => pop.hide(), popover: pop };
}
