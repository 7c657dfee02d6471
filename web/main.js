// main.js — the page: mounts one playground into #app and keeps its configuration in the URL hash
// (history.replaceState, TF-Playground style: key=value&…, "<control>_hide=true", "hideText=true").
// "#lesson=<id>" opens a guided lesson (relu-lab/lessons) above the playground; while it is open
// the hash is just "lesson=<id>" (the lesson's preset is the configuration).
// Exposes the playground as window.playground (and the open lesson as window.lesson) for
// scripting and the tests.
import { createPlayground } from './src/playground.js';
import { toHash, fromHash } from './src/config.js';
import { snippets, showEmbedDialog } from './src/embed-code.js';
import { measureEmbedHeight } from './src/embed-height.js';
import { createLessonView } from './src/views/lesson-view.js';
import { h } from './src/dom.js';
import { bindPageKeys } from './src/keyboard.js';
import { followTheme } from './src/theme.js';
import { glossaryList } from './src/glossary.js';
import { LESSONS, lesson as findLesson } from './relu-lab/lessons.js';
// ---- the Sweep panel (issue 16): under the playground, its sweep in the hash as "sweep=…" ----
import { createSweepPanel } from './src/views/sweep-panel.js';
import { sweepFromText, sweepToText } from './src/sweep-setup.js';
let sweepPanel = null;
const sweepParam = (hash) => new URLSearchParams(String(hash).replace(/^#/, '')).get('sweep');
// ---- end Sweep panel ----

const root = document.getElementById('app');
const lessonSlot = document.getElementById('lesson');
const initial = fromHash(location.hash);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
document.body.classList.toggle('hide-text', initial.hideText);
// "#theme=dark" / "#theme=light", else the reader's prefers-color-scheme (theme.js)
const theme = followTheme(window);

// Build the playground in a task of its own. This module runs when the parser is done, and the
// parser then lays the whole page out at once, in the same task: with the playground's few
// hundred elements already in it, that one task took 80–150 ms (issue #6).
await new Promise((resolve) => setTimeout(resolve, 0));

const playground = createPlayground(root, {
  config: initial.config,
  hidden: initial.hidden,
  hideText: initial.hideText,
  onChange: writeHash,
  onCopyLink: copyLink,
  onCopyEmbed: (config) => {
    const base = new URL('./', location.href);
    const first = snippets(config, { base });
    // the snippet's height is the embed's own, measured off screen (embed-height.js)
    const src = /src="([^"]+)"/.exec(first.iframe)[1].replaceAll('&amp;', '&');
    const measure = () =>
      measureEmbedHeight(document, src).then((height) => height && snippets(config, { base, height }).iframe);
    showEmbedDialog(document.body, first, { measure });
  },
});
window.playground = playground;
// the lesson's card goes into the playground's grid, so that on a wide screen it sits beside the
// map and the twins (first-screen.css) rather than pushing them below the fold
playground.element.querySelector('.pg-main')?.prepend(lessonSlot);
// Space, → and R from anywhere on the page (right after load the focus is on <body>)
bindPageKeys(document, {
  togglePlay: () => (playground.state().playing ? playground.pause() : playground.play()),
  step: () => playground.step(1).catch(() => {}),
  reset: () => playground.reset().catch(() => {}),
});

// ---- the Sweep panel (issue 16) ----
sweepPanel = createSweepPanel(playground, {
  initial: sweepFromText(sweepParam(location.hash)),
  onChange: () => writeHash(playground.state().config),
  openRun: (hash) => (location.hash = hash), // the hashchange below applies that run's set-up
});
sweepPanel.element.addEventListener('toggle', () => writeHash(playground.state().config));
root.after(sweepPanel.element);
window.sweepPanel = sweepPanel;
// ---- end Sweep panel ----

let lessonView = null;

const lessonId = (hash) => new URLSearchParams(String(hash).replace(/^#/, '')).get('lesson');

function writeHash(config) {
  if (lessonView) return history.replaceState(null, '', `#lesson=${encodeURIComponent(lessonView.id)}`);
  const { hidden, hideText } = fromHash(location.hash);
  const sweep = sweepPanel?.element.open ? `&sweep=${encodeURIComponent(sweepToText(sweepPanel.sweep))}` : '';
  const keep = theme().fromHash ? `&theme=${theme().name}` : '';
  history.replaceState(null, '', `#${toHash(config, hidden, hideText)}${sweep}${keep}`);
}

/** Open the lesson with this id above the playground (or a notice when there is none). */
function openLesson(id) {
  lessonView?.dispose();
  lessonView = null;
  window.lesson = null;
  lessonSlot.hidden = id === null;
  if (id === null) return lessonSlot.replaceChildren();
  const i = LESSONS.findIndex((l) => l.id === id);
  if (i < 0) {
    lessonSlot.replaceChildren(
      h(
        'p.message',
        { role: 'alert' },
        `There is no lesson “${id.slice(0, 60)}”. The lessons: `,
        ...LESSONS.flatMap((l, k) => [k ? ', ' : '', h('a', { href: `#lesson=${l.id}` }, l.title)]),
      ),
    );
    return;
  }
  const view = createLessonView(playground, findLesson(id), {
    index: i,
    total: LESSONS.length,
    prev: LESSONS[i - 1],
    next: LESSONS[i + 1],
    href: (other) => `#lesson=${other}`,
    reducedMotion,
  });
  view.element.querySelector('.lesson-nav')?.append(
    h(
      'a.lesson-leave',
      {
        href: '#',
        onclick: (ev) => {
          ev.preventDefault();
          location.hash = toHash(playground.state().config); // leaves the lesson, keeps its set-up
        },
      },
      'Free play with this set-up',
    ),
  );
  lessonView = { id, ...view };
  window.lesson = lessonView;
  lessonSlot.replaceChildren(view.element);
  playground.ready.then(() => lessonView?.id === id && view.apply()).catch(() => {});
}

async function copyLink() {
  writeHash(playground.state().config);
  const { href, note } = await linkHref();
  try {
    await navigator.clipboard.writeText(href);
    toast(`Link copied${note ? `: ${note}` : ''}`);
  } catch {
    toast(`Copy the address bar: it holds the whole configuration${note ? ` (${note})` : ''}`);
  }
}

// ---- time travel: a link carries the run's intervention log ----
const MAX_LOG_CHARS = 4000; // of the encoded log: links stay well below browsers' URL limits

/** The link for now: with the run's set-up and log when there is one that fits, else the hash. */
async function linkHref() {
  const base = location.href.replace(/#.*$/, '');
  const run = await playground.runLink().catch((e) => ({ why: e.message }));
  if (run.why || !run.entries) return { href: location.href, note: run.why && `without the run's log (${run.why})` };
  const log = encodeURIComponent(run.log);
  if (log.length > MAX_LOG_CHARS)
    return { href: location.href, note: `without the run's log (${log.length} characters, over ${MAX_LOG_CHARS})` };
  const { hidden, hideText } = fromHash(location.hash);
  return { href: `${base}#${toHash(run.config, hidden, hideText)}&at=${run.clock}&log=${log}`, note: '' };
}
window.linkHref = linkHref; // the tests read the link without the clipboard

/** A link's log, replayed once the playground is ready; what went wrong is said, never thrown. */
async function replayLinkLog() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (!p.has('log')) return;
  const at = Number(p.get('at'));
  try {
    if (p.get('log').length > MAX_LOG_CHARS) throw new Error(`it is over ${MAX_LOG_CHARS} characters`);
    await playground.replayLog(p.get('log'), at);
  } catch (e) {
    toast(`The link's run could not be replayed: ${e.message}`);
  }
}

function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.hidden = false;
  setTimeout(() => (el.hidden = true), 2500);
}

// Someone edits the hash by hand (or follows an in-page link): apply it.
window.addEventListener('hashchange', () => {
  const id = lessonId(location.hash);
  if (id !== null || lessonView) {
    if (id !== lessonView?.id) openLesson(id);
    if (id !== null) return;
  }
  const next = fromHash(location.hash);
  playground.setConfig(next.config);
  playground.applyHidden(next.hidden, next.hideText);
  document.body.classList.toggle('hide-text', next.hideText);
});

// the page's help: the glossary (the same words the tooltips explain)
document.getElementById('glossary')?.append(glossaryList());

openLesson(lessonId(location.hash));
playground.ready
  .then(() => replayLinkLog())
  .then(() => writeHash(playground.state().config))
  .catch(() => {});
