// element-main.js — consumer "element": import 'relu-lab/element' (bundled by Vite), train the
// <relu-lab> of element.html on XOR through its API, remove it, and report; first, the born-dead
// element's lesson link opens its lesson in place.
import 'relu-lab/element';

const until = async (what, fn, ms = 20_000) => {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 50))) if (fn()) return;
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * An npm user's page has no lessons page next to the element: the born-dead hint's lesson link
 * opens that lesson inside the element (a button, no href that could 404) — issue #19.
 */
async function bornDeadOpensInPlace() {
  const el = document.getElementById('born');
  await el.reset();
  const root = el.shadowRoot;
  await until('the born-dead hint at epoch 0', () => root.querySelector('.born-dead:not([hidden])'));
  if (root.querySelector('.born-dead a')) throw new Error('the born-dead hint links to a page the npm package lacks');
  root.querySelector('.born-dead button.link').click();
  await until('the born-dead lesson in the element', () =>
    root.querySelector('.rl-lesson section.lesson[data-lesson="born-dead"]'),
  );
  if (el.getAttribute('lesson') !== 'born-dead') throw new Error('the lesson attribute was not set');
  el.remove();
  await el.disposed;
}

async function run() {
  await bornDeadOpensInPlace();
  const el = document.querySelector('relu-lab');
  const s = await el.step(60);
  const styled = getComputedStyle(el.shadowRoot.querySelector('.panel')).borderTopStyle === 'solid';
  el.remove();
  const freed = await el.disposed;
  if (!styled) throw new Error("the element's stylesheet did not load");
  return { simd: 'n/a', accuracy: s.metrics.testAccuracy, live: freed?.live ?? -1, error: s.error ?? undefined };
}

run().then(
  (r) => (document.getElementById('result').textContent = JSON.stringify(r)),
  (e) => (document.getElementById('result').textContent = JSON.stringify({ error: String((e && e.stack) || e) })),
);
