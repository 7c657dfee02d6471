// tutorial.js — the tutorial page: registers <relu-lab>, sizes the embedded iframe from its
// relu-lab:resize messages, and lists the lessons (from relu-lab/lessons, as text nodes).
import './src/element.js';
import { h } from './src/dom.js';
import { LESSONS, LESSON_RESULTS, fillTemplate } from './relu-lab/lessons.js';

// Every number in the prose is a slot filled from the lessons' committed measurement (the same
// results, the same template syntax as the lessons' own text): none is typed into the page.
for (const span of document.querySelectorAll('span.slot[data-lesson][data-slot]')) {
  const results = LESSON_RESULTS.lessons[span.dataset.lesson];
  span.textContent = results ? fillTemplate(span.dataset.slot, results) : '—';
}

// The iframe tells us its height; trust only our own iframes' windows and a sane number.
window.addEventListener('message', (ev) => {
  const d = ev.data;
  if (!d || d.type !== 'relu-lab:resize' || !Number.isFinite(d.height)) return;
  for (const frame of document.querySelectorAll('iframe.embed-frame')) {
    if (frame.contentWindow === ev.source)
      frame.style.height = `${Math.max(200, Math.min(4000, Math.round(d.height)))}px`;
  }
});

document
  .getElementById('lesson-list')
  .replaceChildren(
    ...LESSONS.map((l) =>
      h('li', {}, h('a', { href: `index.html#lesson=${l.id}` }, l.title), h('span.lesson-list-q', {}, l.question)),
    ),
  );
