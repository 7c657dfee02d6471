// keyboard.js — Space, → and R anywhere on the playground (and, on a page, anywhere on the page);
// not the keys of a text field or of the map's crosshair (views/map-cursor.js).
// Space plays / pauses, → trains one epoch, R resets; never with Ctrl, ⌘ or Alt, and never
// scrolling the page (their default is prevented). What a key means on a focused control:
//   a text field (text, number, textarea, contenteditable): typing, never ours;
//   a button, checkbox, radio or select the keyboard reached: Space keeps its own meaning (press,
//     tick, open), → and R are ours;
//   the same pressed by a click or tap, a slider, a unit, the page: all three keys are ours
//   (issue #19: after clicking a dataset tile or a slider, Space used to do nothing).

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

/** Whether keys typed at t are text (never ours). */
function isTyping(t) {
  if (t.isContentEditable || t.tagName === 'TEXTAREA') return true;
  return t.tagName === 'INPUT' && TEXT_INPUTS.has(t.type);
}

/**
 * Whether Space at t keeps its native meaning: a button, select, link or box the keyboard
 * reached. One the pointer pressed last (`pressed`) is the mouse's, whatever :focus-visible says
 * (Chrome turns it on at the first key pressed after a click).
 */
function spaceIsNative(t, pressed) {
  const native = t.tagName === 'BUTTON' || t.tagName === 'SELECT' || t.tagName === 'SUMMARY' || t.tagName === 'A';
  const box = t.tagName === 'INPUT' && (t.type === 'checkbox' || t.type === 'radio');
  const byPointer = pressed !== null && (pressed === t || t.contains(pressed));
  return (native || box) && !byPointer;
}

/** The command a key asks for, or null; pressed: the element the pointer pressed last (or null). */
export function commandFor(ev, pressed = null) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return null;
  const t = ev.composedPath?.()[0] ?? ev.target;
  if (!(t instanceof Element) || isTyping(t) || t.closest('dialog')) return null;
  if (ev.key === ' ') return spaceIsNative(t, pressed) ? null : 'togglePlay';
  // a slider, a select and a radio group move with →
  if (ev.key === 'ArrowRight') return t.tagName === 'SELECT' || ['range', 'radio'].includes(t.type) ? null : 'step';
  // letters in a select pick an option ("R": ReLU)
  if (ev.key === 'r' || ev.key === 'R') return t.tagName === 'SELECT' ? null : 'reset';
  return null;
}

/**
 * keydown and keyup on target (a button focused by a click is pressed by Space's keyup, which
 * must be prevented too), and pointerdown to know which control the pointer pressed last (Tab
 * forgets it). Returns a function that removes the listeners.
 */
function listen(target, commands) {
  let pressed = null;
  const onPointer = (ev) => (pressed = ev.composedPath?.()[0] ?? ev.target);
  const onKey = (ev) => {
    if (ev.key === 'Tab') pressed = null;
    const name = commandFor(ev, pressed);
    if (!name) return;
    ev.preventDefault();
    if (ev.type === 'keydown') commands[name]();
  };
  target.addEventListener('pointerdown', onPointer, true);
  target.addEventListener('keydown', onKey);
  target.addEventListener('keyup', onKey);
  return () => {
    target.removeEventListener('pointerdown', onPointer, true);
    target.removeEventListener('keydown', onKey);
    target.removeEventListener('keyup', onKey);
  };
}

/** Listen on element: togglePlay(), step() and reset() are called with the key's default prevented. */
export function bindKeys(element, commands) {
  listen(element, commands);
}

/**
 * A page that is one playground (index.html, embed.html): the keys work from anywhere on it —
 * right after load focus is on <body>, where Space used to scroll the page. Keys inside the
 * playground are bindKeys's (it prevents their default, so they are not handled twice).
 * Returns a function that removes the listener.
 */
export function bindPageKeys(doc, commands) {
  return listen(doc, commands);
}
