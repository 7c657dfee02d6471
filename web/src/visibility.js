// visibility.js — hides panels and controls on request (URL, show()); not the controls a config makes moot.
// The requests: the URL's "<control>_hide=true" and "hideText=true", and the element's panels and
// controls attributes (lists of what to show). Moot controls are layout.js sync()'s.

/**
 * element: the playground (its [data-control] elements are the panels and controls); toolbar: the
 * toolbar's element; onChange(): the layout changed (the maps are measured again).
 */
export function createVisibility(element, toolbar, { panels, controls, hidden }, onChange) {
  let hiddenSet = hidden;
  let view = { panels, controls };

  function applyHidden(hidden = hiddenSet, hideText = element.classList.contains('hide-text')) {
    hiddenSet = hidden;
    const { panels, controls } = view;
    element.querySelectorAll('[data-control]').forEach((el) => {
      const name = el.dataset.control;
      const isPanel = name.endsWith('Panel');
      const off =
        hidden.has(name) ||
        (isPanel
          ? panels !== null && !panels.includes(name.slice(0, -5))
          : controls !== null && !controls.includes(name));
      el.classList.toggle('force-hidden', off);
    });
    element.classList.toggle('hide-text', !!hideText);
    element.classList.toggle('custom-panels', panels !== null);
    // a toolbar with nothing left to show takes no room
    toolbar.hidden = ![...toolbar.querySelectorAll('[data-control]')].some(
      (el) => !el.classList.contains('force-hidden'),
    );
    onChange();
  }

  return {
    applyHidden,
    /** Which panels (data, net, out, act, insp, more) and controls to show; null: all. */
    show({ panels = view.panels, controls = view.controls } = {}) {
      view = { panels, controls };
      applyHidden();
    },
  };
}
