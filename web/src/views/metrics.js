// metrics.js — the numbers beside the output map: test and training loss and accuracy (a <dl>,
// rebuilt only when a shown value changes) and one line that counts the units dead on the data,
// dead on the plane and dormant. It shows what it is given: one model's metrics and health.
import { h, fmt, pct } from '../dom.js';

// the site's page, which opens a lesson from its hash (#lesson=id): right for the page and the
// iframe embed, which are served beside it; an npm <relu-lab> has no such page (issue #19)
const SITE_PAGE = new URL('../../index.html', import.meta.url).href;

/**
 * The born-dead lesson's link. options.openLesson(id): open it in place (the element, which has
 * no lessons page beside it); options.lessonsHref: a page that opens #lesson=id; else the site's.
 */
function bornDeadLink({ openLesson, lessonsHref } = {}) {
  const label = 'Lesson: born dead';
  if (openLesson) return h('button.link', { type: 'button', onclick: () => openLesson('born-dead') }, label);
  return h('a', { href: `${lessonsHref ?? SITE_PAGE}#lesson=born-dead` }, label);
}

/** options: { openLesson, lessonsHref } (see bornDeadLink), decorate(dl) after its rows are rebuilt. */
export function createMetrics(options = {}) {
  const element = h('dl.metrics');
  // the line's text in a span of its own: its glossary tip (glossary.js) sits beside it in the <p>
  const deadText = h('span.dead-summary-text');
  const deadSummary = h('p.dead-summary', { role: 'note' }, deadText);
  // at epoch 0 a dead unit was born dead: said, not left as an unexplained red count (issue #19)
  const bornCount = h('span');
  const bornDead = h(
    'p.born-dead.hint',
    { hidden: true },
    h('strong', {}, 'Born dead: '),
    bornCount,
    ' No training did this: their random initial weights and biases already put their input below 0 for every training point. ',
    bornDeadLink(options),
  );

  function update(metrics, health, epoch = null, step = 0) {
    const m = metrics ?? {};
    const rows = [
      ['Test loss', fmt(m.testLoss)],
      ['Training loss', fmt(m.trainLoss)],
      ...(m.testAccuracy !== null && m.testAccuracy !== undefined
        ? [
            ['Test accuracy', pct(m.testAccuracy)],
            ['Training accuracy', pct(m.trainAccuracy)],
          ]
        : []),
    ];
    // rebuilt only when the rows change; a value is set in place (a label's glossary tip, open
    // while training, stays)
    const labels = rows.map(([a]) => a).join('|');
    if (element.dataset.labels !== labels) {
      element.dataset.labels = labels;
      element.replaceChildren(...rows.map(([a]) => h('div.metric', {}, h('dt', {}, a), h('dd'))));
      options.decorate?.(element);
    }
    const dds = element.querySelectorAll('dd');
    rows.forEach(([, b], i) => dds[i].textContent !== b && (dds[i].textContent = b));
    const H = health;
    if (H) {
      const plane = H.layers.reduce((n, L) => n + L.deadOnPlane.filter(Boolean).length, 0);
      const dormant = H.layers.reduce(
        (n, L) => n + (L.dormant ? L.dormant.filter((d, u) => d && !L.deadOnData[u]).length : 0),
        0,
      );
      const text = `${H.deadUnits} of ${H.totalUnits} units dead on the data · ${plane} dead on the plane · ${dormant} dormant`;
      if (deadText.textContent !== text) deadText.textContent = text;
      deadSummary.classList.toggle('has-dead', H.deadUnits > 0);
      const born = epoch === 0 && !step && H.deadUnits > 0; // a past view inside epoch 1 is not "before the first step"
      bornDead.hidden = !born;
      const n = `${H.deadUnits} unit${H.deadUnits === 1 ? ' is' : 's are'} dead before the first step.`;
      if (born && bornCount.textContent !== n) bornCount.textContent = n;
    }
  }

  return { element, deadSummary, bornDead, update };
}
