// branch-list.js — the old branches of a run (time travel, issue #17): a short list under the
// timeline, one row per branch left behind (newest first, the worker keeps at most `max`), each
// with its name, the epoch it reached, and two buttons: go over to it, or open it beside this one
// as twins. Each branch is also a faint line in the loss chart (render.js draws them from
// s.branches). What it is not: the branches themselves (the worker's Runs).
import { h } from '../dom.js';

/** onSwitch(index): go over to old branch index; onCompare(index): open it beside this one. */
export function createBranchList({ onSwitch, onCompare }) {
  const head = h('p.branch-head');
  const rows = h('ul.branch-rows');
  const element = h('div.branch-list', { hidden: true, dataset: { control: 'branches' } }, head, rows);

  /** info: the worker's { current, max, list } or null (no old branch, or compare mode). */
  function update(info) {
    element.hidden = !info?.list?.length;
    if (element.hidden) return rows.replaceChildren();
    const here = info.current;
    head.textContent =
      `This run: ${here?.name ?? 'this branch'}${here?.from !== null && here?.from !== undefined ? ` (branched at epoch ${here.from})` : ''}. ` +
      `Old branches (the ${info.max} newest are kept; faint lines in the loss chart):`;
    rows.replaceChildren(
      ...info.list.map((b, i) =>
        h(
          'li.branch-row',
          { dataset: { branch: String(i) } },
          h('span.branch-name', {}, `${b.name}, epoch ${b.epoch}`),
          h('button.secondary.branch-switch', { type: 'button', onclick: () => onSwitch(i) }, 'Switch to it'),
          h('button.secondary.branch-compare', { type: 'button', onclick: () => onCompare(i) }, 'Compare side by side'),
        ),
      ),
    );
  }
  return { element, update };
}
