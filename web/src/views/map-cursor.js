// map-cursor.js — the keyboard's way to edit the data on an editable map, beside the mouse's.
// While the map has focus: the arrow keys move a crosshair (Shift: five steps at a time), Enter
// or Space adds a point of the chosen class at it (Shift+Enter / Shift+Space: the other class,
// as shift-click does), Delete or Backspace removes the nearest point within its circle (as
// alt-click does). It calls the map's own onAdd / onRemove, so both ways share one code path;
// onMove reports the crosshair's position (the playground says it in its aria-live region).
// The crosshair shows only once a key has moved it or the map got focus from the keyboard: a
// click on the map focuses it too, and then Space still plays and pauses as before.
import { h } from '../dom.js';

/** The crosshair moves 1/STEPS of the map's side per key press; its circle has that radius. */
export const STEPS = 30;

/**
 * frame: the focusable element over the map; extent(): the map's half side (domain units).
 * Returns { element (the crosshair, to put in the frame), clamp() (after a new extent), position }.
 */
export function createMapCursor(frame, { extent, onAdd, onRemove, onMove }) {
  const element = h('div.map-cursor', { 'aria-hidden': 'true' });
  let x = 0;
  let y = 0;
  let active = false;

  function place() {
    const e = extent();
    element.style.left = `${((x + e) / (2 * e)) * 100}%`;
    element.style.top = `${((e - y) / (2 * e)) * 100}%`;
  }

  function show(on) {
    active = on;
    frame.classList.toggle('cursor-on', on);
    if (on) place();
  }

  /** Keep the crosshair on the map (a new extent may have shrunk it). */
  function clamp() {
    const e = extent();
    x = Math.max(-e, Math.min(e, x));
    y = Math.max(-e, Math.min(e, y));
    if (active) place();
  }

  const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

  frame.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target !== frame) return;
    const move = MOVES[ev.key];
    const add = ev.key === 'Enter' || ev.key === ' ';
    const remove = ev.key === 'Delete' || ev.key === 'Backspace';
    // Enter, Space and Delete act only on a visible crosshair; otherwise they keep their page meaning
    if (!move && !((add || remove) && active)) return;
    ev.preventDefault();
    ev.stopPropagation(); // not the playground's keys (Space: play, →: step)
    if (move) {
      const e = extent();
      const step = ((2 * e) / STEPS) * (ev.shiftKey ? 5 : 1);
      x += move[0] * step;
      y += move[1] * step;
      show(true);
      clamp();
      onMove?.(x, y);
    } else if (add) onAdd(x, y, ev.shiftKey);
    else onRemove?.(x, y);
  });
  frame.addEventListener('focus', () => frame.matches(':focus-visible') && show(true));
  frame.addEventListener('blur', () => show(false));
  frame.addEventListener('pointerdown', () => show(false));

  return {
    element,
    clamp,
    get position() {
      return { x, y, active };
    },
  };
}
