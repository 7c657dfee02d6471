// toggletip.js — a small "?" button that shows a definition beside it, for touch, keyboard and
// mouse alike (issue #19: the glossary lived in `title` tooltips, which a finger or the keyboard
// never reaches). The bubble is an HTML popover (popover="auto": in the top layer, so the network
// view's sideways scroller cannot clip it; Esc and a click elsewhere close it; Chromium, Firefox
// and WebKit here all have it) placed beside its button. Where popover is missing it falls back
// to `hidden` with the same keys and clicks. What it is not: the glossary (glossary.js says which
// words a label uses) — it shows whatever entries it is given.
import { h } from '../dom.js';

let uid = 0;
const HAS_POPOVER = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;
const GAP = 6; // px between the button and its bubble, and the bubble and the viewport's edge

/**
 * A toggletip for entries [{ term, text }]: { button, bubble } (put both in the document, the
 * bubble anywhere in the same tree). `name`: the button's accessible name. The button has no
 * text: its "?" is CSS, so a label it sits in keeps its textContent.
 */
export function createToggletip(entries, name) {
  const id = `rl-tip-${++uid}`;
  const bubble = h(
    'span.term-bubble',
    { id, role: 'note', ...(HAS_POPOVER ? { popover: 'auto' } : { hidden: true }) },
    entries.map((g) => h('span.term-entry', {}, h('strong', {}, `${g.term}. `), g.text)),
  );
  const button = h('button.term-tip', {
    'type': 'button',
    'aria-expanded': 'false',
    'aria-controls': id,
    'aria-label': name,
    'dataset': { terms: entries.map((g) => g.term).join('|') },
  });
  if (HAS_POPOVER) {
    // the button toggles its popover declaratively, so a click on the open tip's own button
    // closes it (light dismiss leaves the invoker alone)
    button.popoverTargetElement = bubble;
    // beforetoggle is synchronous (toggle comes a task later): aria-expanded is never stale; the
    // bubble is placed at the next animation frame, once shown (measurable) and before it is painted
    bubble.addEventListener('beforetoggle', (e) => opened(e.newState === 'open'));
  } else {
    button.addEventListener('click', () => opened(bubble.hidden));
  }

  const place = () => placeBeside(button, bubble);
  const onKey = (e) => e.key === 'Escape' && (opened(false), button.focus());
  const onDown = (e) => !e.composedPath().some((n) => n === button || n === bubble) && opened(false);
  function opened(open) {
    button.setAttribute('aria-expanded', String(open));
    if (!HAS_POPOVER) bubble.hidden = !open;
    const on = open ? addEventListener : removeEventListener;
    on('scroll', place, true);
    on('resize', place);
    if (!HAS_POPOVER) {
      on('keydown', onKey);
      on('pointerdown', onDown, true);
    }
    if (open) requestAnimationFrame(place);
  }
  return { button, bubble };
}

/** Bubble below the button (above when there is no room), kept inside the viewport. */
function placeBeside(button, bubble) {
  if (!button.isConnected) return;
  const b = button.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  bubble.style.maxWidth = `${Math.min(320, vw - 2 * GAP)}px`;
  const w = bubble.offsetWidth;
  const ht = bubble.offsetHeight;
  const left = Math.max(GAP, Math.min(b.left, vw - w - GAP));
  const below = b.bottom + GAP;
  const top = below + ht <= vh - GAP || b.top - GAP - ht < GAP ? below : b.top - GAP - ht;
  // fixed coordinates; corrected by where they landed (a transformed ancestor moves the origin)
  bubble.style.left = `${left}px`;
  bubble.style.top = `${top}px`;
  const r = bubble.getBoundingClientRect();
  bubble.style.left = `${2 * left - r.left}px`;
  bubble.style.top = `${2 * top - r.top}px`;
}
