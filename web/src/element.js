// element.js — <relu-lab>: a configured playground in one tag, for tutorial authors.
//   import 'relu-lab/element'            (npm + a bundler; or <script type="module" src=…/src/element.js>)
//   <relu-lab dataset="spiral" hidden="8,8" learning-rate="0.03" autoplay></relu-lab>
//
// Attributes: every field of the playground's field table (config.js, generated from the
// facade's schema) in kebab case — dataset, hidden, activation, learning-rate, seed, data-seed,
// noise, batch-size, init, … — each validated by that table (an invalid value is ignored with a
// console warning, never half-applied); plus autoplay, controls, panels, lesson, compare, height,
// theme (light | dark) and lessons-href (a page that opens #lesson=id; without it the born-dead
// link opens that lesson inside the element). Methods: play(), pause(), step(n), reset(), state.
// Events (bubbling, composed): epoch, unitdied, diverged, stopped, ready.
//
// Lifecycle: the playground (its worker, wasm and networks) is made only when the element comes
// near the viewport; training pauses when it scrolls away and resumes when it comes back (if it
// was playing); removing the element frees its networks and terminates its worker. Every element
// has its own worker: several on one page share nothing.
// What it is not: a second playground. It mounts createPlayground() in a shadow root; what its
// attributes mean (validation, compare, panels and controls) is element-attributes.js.
import { createPlayground } from './playground.js';
import { FIELD_ATTRS, VIEW_ATTRS, configOf, lessonsHrefOf, partialOf, viewOf } from './element-attributes.js';
import { createLessonView } from './views/lesson-view.js';
import { h } from './dom.js';
import { LESSONS } from '../relu-lab/lessons.js';

// the page's stylesheet (it holds the element's rules too): a <link> in the shadow root, allowed
// by style-src 'self' (no inline style), and a bundler emits it as an asset
const STYLESHEETS = [
  new URL('../styles.css', import.meta.url).href,
  new URL('../first-screen.css', import.meta.url).href, // the map in the first screen (issue #19)
];
const LENGTH = /^\d{1,4}(\.\d+)?(px|em|rem|vh|%)?$/;

export class ReluLabElement extends HTMLElement {
  static get observedAttributes() {
    return [...FIELD_ATTRS.keys(), ...VIEW_ATTRS];
  }

  #pg = null;
  #lesson = null;
  #io = null;
  #visible = false;
  #wantPlay = false;
  #auto = false; // true while the element itself plays or pauses (visibility), not the reader
  #pending = new Map();
  #disposed = null;
  #ready = null;
  #readyResolve = null;
  #root;
  #slot;
  #placeholder;
  #lessonSlot;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    this.#placeholder = h(
      'div.rl-placeholder',
      { role: 'status' },
      'relu-lab playground — it loads when it scrolls into view.',
    );
    this.#lessonSlot = h('div.rl-lesson');
    this.#slot = h('div.rl-playground');
    this.#root = h('div.rl-root', {}, this.#lessonSlot, this.#placeholder, this.#slot);
    shadow.append(...STYLESHEETS.map((href) => h('link', { rel: 'stylesheet', href })), this.#root);
    this.#ready = new Promise((r) => (this.#readyResolve = r));
  }

  connectedCallback() {
    this.#disposed = null;
    this.#applyHeight();
    this.#applyTheme();
    this.#wantPlay = this.hasAttribute('autoplay') && !reducedMotion();
    if (this.#io) return; // moved within the document: keep running
    this.#io = new IntersectionObserver(
      (entries) => {
        this.#visible = entries.at(-1).isIntersecting;
        if (this.#visible) this.#start();
        this.#applyPlayState();
      },
      { rootMargin: '200px 0px' },
    );
    this.#io.observe(this);
  }

  disconnectedCallback() {
    // A move (remove + insert in one task) reconnects before the microtask: only a real removal
    // frees. `disposed` is a promise from now on (null again if the element comes back).
    this.#disposed = new Promise((resolve) =>
      queueMicrotask(() => resolve(this.isConnected ? null : this.#teardown())),
    );
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'height') return this.#applyHeight();
    if (name === 'lessons-href') return; // read when the playground starts
    if (name === 'theme') return this.#applyTheme();
    if (!this.#pg) return; // read when the playground starts
    if (name === 'autoplay') {
      this.#wantPlay = value !== null && !reducedMotion();
      return this.#applyPlayState();
    }
    if (name === 'panels' || name === 'controls') return this.#pg.show(this.#view());
    if (name === 'lesson') return this.#openLesson();
    if (this.#lesson) return; // a lesson sets the configuration
    this.#pending.set(name, value);
    if (this.#pending.size === 1) queueMicrotask(() => this.#flush());
  }

  // ---- the public API ----------------------------------------------------------------------
  /** Train while the element is near the viewport (it starts the playground if needed). */
  play() {
    this.#wantPlay = true;
    this.#start();
    this.#applyPlayState();
  }

  pause() {
    this.#wantPlay = false;
    this.#pg?.pause();
  }

  /** Train n epochs now (visible or not); resolves with state. */
  async step(n = 1) {
    const pg = this.#started();
    await pg.ready;
    return pg.step(n);
  }

  async reset() {
    const pg = this.#started();
    await pg.ready;
    return pg.reset();
  }

  /** The playground's state(); before it starts, the configuration the attributes give. */
  get state() {
    if (this.#pg) return { ...this.#pg.state(), started: true, visible: this.#visible };
    return {
      config: this.#config(),
      epoch: 0,
      playing: false,
      metrics: null,
      health: null,
      models: [],
      error: null,
      started: false,
      visible: this.#visible,
    };
  }

  /** Resolves when the engine is loaded and the first frame painted (it does not start it). */
  get ready() {
    return this.#ready;
  }

  /** After removal: resolves with { live } (the worker's live objects before it stopped) or null. */
  get disposed() {
    return this.#disposed;
  }

  /** The open lesson view ({ run(), apply() }), or null. */
  get lesson() {
    return this.#lesson;
  }

  // ---- internals ---------------------------------------------------------------------------
  #start() {
    if (this.#pg || !this.isConnected) return;
    const lessonId = this.getAttribute('lesson');
    const lesson = lessonId ? LESSONS.find((l) => l.id === lessonId) : null;
    // a lesson link (born dead) goes to lessons-href, or opens the lesson in this element
    const lessonsHref = lessonsHrefOf(this);
    const openLesson = lessonsHref
      ? null
      : (id) => {
          this.setAttribute('lesson', id);
          this.#lessonSlot.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
        };
    const pg = createPlayground(this.#slot, { config: this.#config(), ...this.#view(lesson), lessonsHref, openLesson });
    this.#pg = pg;
    this.#placeholder.hidden = true;
    pg.on('play', () => this.#auto || (this.#wantPlay = true));
    pg.on('pause', () => this.#auto || (this.#wantPlay = false));
    for (const type of ['epoch', 'unitdied', 'diverged', 'stopped'])
      pg.on(type, (detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })));
    pg.ready.then(
      () => {
        if (this.#pg !== pg) return;
        this.#readyResolve(this);
        this.dispatchEvent(new CustomEvent('ready', { bubbles: true, composed: true }));
      },
      () => {},
    ); // the failure is shown inside the element (playground.js showError)
    if (lessonId) this.#openLesson();
  }

  /** The playground, started now if need be (only an element in a document has one). */
  #started() {
    this.#start();
    if (!this.#pg) throw new Error('<relu-lab> is not in a document: add it to the page first');
    return this.#pg;
  }

  #teardown() {
    this.#io?.disconnect();
    this.#io = null;
    this.#lesson?.dispose();
    this.#lesson = null;
    const freed = this.#pg ? this.#pg.destroy() : Promise.resolve(null);
    this.#pg = null;
    this.#placeholder.hidden = false;
    this.#ready = new Promise((r) => (this.#readyResolve = r));
    return freed;
  }

  #applyPlayState() {
    const pg = this.#pg;
    if (!pg) return;
    const playing = pg.state().playing;
    this.#auto = true;
    try {
      if (this.#visible && this.#wantPlay && !playing) pg.play();
      else if (!this.#visible && playing) pg.pause();
    } finally {
      this.#auto = false;
    }
  }

  /** The configuration the attributes give: defaults, then each valid attribute. */
  #config() {
    return configOf(this);
  }

  #flush() {
    const partial = partialOf(this, this.#pending);
    this.#pending.clear();
    if (Object.keys(partial).length) this.#pg?.setConfig(partial).catch(() => {});
  }

  #view(lesson = this.#lesson ? LESSONS.find((l) => l.id === this.getAttribute('lesson')) : null) {
    return viewOf(this, lesson);
  }

  #openLesson() {
    this.#lesson?.dispose();
    this.#lesson = null;
    this.#lessonSlot.replaceChildren();
    const id = this.getAttribute('lesson');
    if (!id || !this.#pg) return;
    const lesson = LESSONS.find((l) => l.id === id);
    if (!lesson) {
      this.#lessonSlot.append(
        h('p.message', { role: 'alert' }, `<relu-lab>: there is no lesson “${id.slice(0, 60)}”.`),
      );
      return;
    }
    const view = createLessonView(this.#pg, lesson, {
      index: LESSONS.indexOf(lesson),
      total: LESSONS.length,
      reducedMotion: reducedMotion(),
    });
    this.#lesson = view;
    this.#lessonSlot.append(view.element);
    this.#pg.show(this.#view(lesson));
    this.#pg.ready.then(() => this.#lesson === view && view.apply()).catch(() => {});
  }

  #applyHeight() {
    const v = this.getAttribute('height');
    if (v === null || !LENGTH.test(v.trim())) {
      if (v !== null)
        console.warn(`<relu-lab>: ignoring height=${JSON.stringify(v.slice(0, 40))} (a length such as 520 or 40em)`);
      this.style.removeProperty('height');
      this.#root.classList.remove('fixed-height');
      return;
    }
    const t = v.trim();
    this.style.setProperty('height', /\d$/.test(t) ? `${t}px` : t); // CSSOM, not a style attribute string
    this.#root.classList.add('fixed-height');
  }

  #applyTheme() {
    const dark = this.getAttribute('theme') === 'dark';
    this.#root.classList.toggle('theme-dark', dark);
  }
}

/** Autoplay is off for readers who asked for reduced motion (they press ▶ themselves). */
const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

if (!customElements.get('relu-lab')) customElements.define('relu-lab', ReluLabElement);
