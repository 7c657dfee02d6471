// reveal.js — shows a freshly built playground without one long first layout. Its groups of
// panels are hidden (display: none, .pg-pending in styles.css) from the start; start() then
// resolves the fonts they use, a few per task, and shows one group per animation frame.
// Why: the first layout of text in a font size or weight the page has not used yet asks the
// browser process for that font (a synchronous IPC, 1–10 ms each on a busy 2-core machine), and
// the playground uses some twenty of them: laid out at once, its first frame was a 40–60 ms task.
// A canvas's measureText() resolves the same fonts (the same cache), so each lookup can be a
// task of its own, before any layout needs it. All of it is over long before the engine is
// loaded. Nothing waits for it: the elements exist, and the API reaches them, from the start.
// What it is not: a loading state. It ends within a few frames whatever the engine does.

const TEXT_CONTROLS = new Set(['INPUT', 'SELECT', 'BUTTON', 'OUTPUT', 'TEXTAREA']);

/** Give the browser a turn (rendering, input) between two slices of work. */
const nextTask = () =>
  globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0));

/** Resolve every font the text under root is set in, a slice of `budget` ms per task. */
export async function warmFonts(root, { budget = 4, isCancelled = () => false } = {}) {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  const seen = new Set();
  await nextTask(); // the first getComputedStyle styles the whole tree: not in the caller's task
  let t = performance.now();
  const slice = async () => {
    if (performance.now() - t < budget) return;
    await nextTask();
    t = performance.now();
  };
  for (const el of root.querySelectorAll('*')) {
    if (isCancelled()) return;
    const text = TEXT_CONTROLS.has(el.tagName) || [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (!text) continue;
    const cs = getComputedStyle(el);
    const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    if (!seen.has(font)) {
      seen.add(font);
      ctx.font = font;
      ctx.measureText('Ag0');
    }
    await slice();
  }
}

/**
 * Hide every group now. start(root) warms root's fonts, then shows the groups, the first in the
 * next animation frame and each further one a frame later; it resolves once the last is shown.
 * cancel() shows everything at once.
 */
export function createReveal(groups) {
  const pending = groups.map((g) => g.filter(Boolean));
  pending.flat().forEach((el) => el.classList.add('pg-pending'));
  let raf = 0;
  let cancelled = false;
  let shown = null;
  const done = new Promise((resolve) => (shown = resolve));
  const show = (i) => {
    if (cancelled) return;
    pending[i].forEach((el) => el.classList.remove('pg-pending'));
    if (i + 1 < pending.length) raf = requestAnimationFrame(() => show(i + 1));
    else shown();
  };
  return {
    async start(root) {
      // a hidden page has no frames to keep short (and its timers are throttled): no warm-up
      if (!globalThis.document?.hidden) await warmFonts(root, { isCancelled: () => cancelled }).catch(() => {});
      if (!cancelled) raf = requestAnimationFrame(() => show(0));
      return done;
    },
    cancel() {
      cancelled = true;
      cancelAnimationFrame(raf);
      pending.flat().forEach((el) => el.classList.remove('pg-pending'));
      shown();
    },
  };
}
