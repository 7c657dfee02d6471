// keyboard.js — Space, → and R while the playground has focus; not the keys of a control or of the map.
// Space plays / pauses, → trains one epoch, R resets; not while typing in a field, and not with
// Ctrl, ⌘ or Alt. The map's crosshair keys are views/map-cursor.js.

/** Listen on element: togglePlay(), step() and reset() are called with the key's default prevented. */
export function bindKeys(element, { togglePlay, step, reset }) {
  element.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const tag = t.tagName;
    const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
    if (ev.key === ' ' && !typing && tag !== 'BUTTON' && tag !== 'A') {
      ev.preventDefault();
      togglePlay();
    } else if (ev.key === 'ArrowRight' && !typing) {
      ev.preventDefault();
      step();
    } else if ((ev.key === 'r' || ev.key === 'R') && !typing) {
      ev.preventDefault();
      reset();
    }
  });
}
