// embed.js — the iframe mode: embed.html#<hash> shows one playground with minimal chrome, for a
// tutorial on any origin (scripts/serve.mjs sends frame-ancestors * for this page only).
// The hash is the page's (config.js: every field, "<control>_hide=true", "hideText=true") plus
// the element's view keys: panels, controls, theme (light | dark), lesson, autoplay.
//
// Talking to the parent (window.postMessage; the parent may be any origin, so everything that
// comes in is data, checked field by field against the field table, and nothing is ever parsed
// as markup or code):
//   out  { type: 'relu-lab:resize', height }      whenever the page's height changes
//   out  { type: 'relu-lab:ready' }               once the engine is loaded
//   in   { type: 'relu-lab:set', config: {…} }    change fields; replies to the sender with
//   out  { type: 'relu-lab:applied', applied: [keys], rejected: [keys] }
//   in   { type: 'relu-lab:play' } / { type: 'relu-lab:pause' }
// Training pauses while the iframe is scrolled out of view.
import { createPlayground } from './src/playground.js';
import { fromHash, FIELD, validValue, coerce } from './src/config.js';
import { snippets, showEmbedDialog, embedHash } from './src/embed-code.js';
import { createLessonView } from './src/views/lesson-view.js';
import { h } from './src/dom.js';
import { bindPageKeys } from './src/keyboard.js';
import { LESSONS } from './relu-lab/lessons.js';

const params = new URLSearchParams(location.hash.replace(/^#/, ''));
const initial = fromHash(location.hash);
const listOf = (key, fallback) => {
  if (!params.has(key)) return fallback;
  const v = params.get(key).trim();
  return v === '' || v === 'all' ? null : v === 'none' ? [] : v.split(/[\s,]+/).filter(Boolean);
};
const panels = listOf('panels', ['net', 'out']);
const view = {
  panels,
  // chosen panels and no chosen controls: the play bar only (play, step, reset, epoch), not the
  // toolbar's and the network's settings, which filled a 560 px iframe before its map (issue #19)
  controls: listOf('controls', panels === null ? null : ['play', 'step', 'reset', 'epoch']),
  theme: params.get('theme') === 'dark' ? 'dark' : '',
};
const lessonId = params.get('lesson');
const lesson = lessonId ? LESSONS.find((l) => l.id === lessonId) : null;
const inFrame = window.parent !== window;
document.body.classList.toggle('theme-dark', view.theme === 'dark');
document.body.classList.toggle('hide-text', initial.hideText);

const playground = createPlayground(document.getElementById('app'), {
  config: initial.config,
  hidden: initial.hidden,
  hideText: initial.hideText,
  panels: view.panels,
  controls: view.controls,
  onChange: (config) => {
    const hash = embedHash(config, {
      panels: params.get('panels') ?? '',
      controls: params.get('controls') ?? '',
      theme: view.theme,
      lesson: lessonId ?? '',
    });
    history.replaceState(null, '', `#${hash}`);
    document.getElementById('open-full').href = `index.html#${embedHash(config)}`;
  },
  onCopyEmbed: (config) =>
    showEmbedDialog(
      document.body,
      snippets(config, {
        base: new URL('./', location.href),
        panels: params.get('panels') ?? 'net,out',
        controls: params.get('controls') ?? '',
        theme: view.theme,
      }),
    ),
});
window.playground = playground;
// Space, → and R from anywhere in the frame once the reader has clicked into it
bindPageKeys(document, {
  togglePlay: () => (playground.state().playing ? playground.pause() : playground.play()),
  step: () => playground.step(1).catch(() => {}),
  reset: () => playground.reset().catch(() => {}),
});
document.getElementById('open-full').href = `index.html#${embedHash(initial.config)}`;

if (lessonId) {
  const slot = document.getElementById('lesson');
  slot.hidden = false;
  if (lesson) {
    const v = createLessonView(playground, lesson, {
      index: LESSONS.indexOf(lesson),
      total: LESSONS.length,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    });
    slot.append(v.element);
    window.lesson = v;
    playground.ready.then(() => v.apply()).catch(() => {});
  } else slot.append(h('p.message', { role: 'alert' }, `There is no lesson “${lessonId.slice(0, 60)}”.`));
}

// ---- size: tell the parent how tall the page is ------------------------------------------------
let lastHeight = 0;
function postHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!inFrame || height === lastHeight) return;
  lastHeight = height;
  window.parent.postMessage({ type: 'relu-lab:resize', height }, '*');
}
new ResizeObserver(postHeight).observe(document.documentElement);

// ---- play only while visible -------------------------------------------------------------------
let wantPlay = params.get('autoplay') === 'true' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
let visible = false;
let auto = false;
playground.on('play', () => auto || (wantPlay = true));
playground.on('pause', () => auto || (wantPlay = false));
function applyPlay() {
  auto = true;
  try {
    if (visible && wantPlay && !playground.state().playing) playground.play();
    else if (!visible && playground.state().playing) playground.pause();
  } finally {
    auto = false;
  }
}
new IntersectionObserver((entries) => {
  visible = entries.at(-1).isIntersecting;
  applyPlay();
}).observe(document.getElementById('app'));

// ---- messages from the parent ------------------------------------------------------------------
/** A config from a message: only known fields whose values validate; the rest are named. */
export function validConfig(config) {
  const applied = {};
  const rejected = [];
  if (!config || typeof config !== 'object' || Array.isArray(config)) return { applied, rejected: ['config'] };
  for (const [key, value] of Object.entries(config)) {
    const f = Object.hasOwn(FIELD, key) ? FIELD[key] : null;
    const plain =
      value === null ||
      ['string', 'number', 'boolean'].includes(typeof value) ||
      (Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v)));
    if (f && plain && validValue(f, value)) applied[key] = coerce(f, value);
    else rejected.push(String(key).slice(0, 40));
  }
  return { applied, rejected };
}

window.addEventListener('message', (ev) => {
  if (ev.source !== window.parent || ev.source === window) return;
  const d = ev.data;
  if (!d || typeof d !== 'object' || typeof d.type !== 'string') return;
  if (d.type === 'relu-lab:play') {
    wantPlay = true;
    return applyPlay();
  }
  if (d.type === 'relu-lab:pause') {
    wantPlay = false;
    return playground.pause();
  }
  if (d.type !== 'relu-lab:set') return;
  const { applied, rejected } = validConfig(d.config);
  const reply = () =>
    ev.source.postMessage(
      { type: 'relu-lab:applied', applied: Object.keys(applied), rejected },
      ev.origin === 'null' ? '*' : ev.origin,
    );
  if (!Object.keys(applied).length) return reply();
  playground.setConfig(applied).then(reply, reply);
});

playground.ready
  .then(() => {
    postHeight();
    if (inFrame) window.parent.postMessage({ type: 'relu-lab:ready' }, '*');
    applyPlay();
  })
  .catch(() => {});
