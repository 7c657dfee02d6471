// notice.js — a visible answer next to the control that was used (issue #19: "every action
// answers visibly, next to its control"). A small bubble floated over the content below its
// anchor (position: absolute, so showing it moves nothing), with a dismiss button; an info
// notice fades after `timeout` ms, an error stays until dismissed or replaced. It also speaks:
// role="status" (info) or role="alert" (error). Text only (h()), never markup.
import { h } from '../dom.js';

/** name: which notice (data-notice, for the tests and styles). Returns { element, show, hide }. */
export function createNotice(name) {
  const text = h('span.notice-text');
  const close = h(
    'button.notice-close',
    { 'type': 'button', 'aria-label': 'Dismiss', 'title': 'Dismiss', 'onclick': () => hide() },
    '×',
  );
  const element = h('div.notice', { dataset: { notice: name }, hidden: true }, text, close);
  let timer = 0;

  /** Show text; tone 'info' | 'warn' | 'error'; timeout in ms (0: until dismissed). */
  function show(message, { tone = 'info', timeout = tone === 'error' ? 0 : 8000 } = {}) {
    clearTimeout(timer);
    element.dataset.tone = tone;
    element.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    text.textContent = message;
    element.hidden = false;
    if (timeout > 0) timer = setTimeout(hide, timeout);
  }

  function hide() {
    clearTimeout(timer);
    element.hidden = true;
  }

  return {
    element,
    show,
    hide,
    get text() {
      return element.hidden ? '' : text.textContent;
    },
  };
}
