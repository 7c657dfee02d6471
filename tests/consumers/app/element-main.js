// element-main.js — consumer "element": import 'relu-lab/element' (bundled by Vite), train the
// <relu-lab> of element.html on XOR through its API, remove it, and report.
import 'relu-lab/element';

async function run() {
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
