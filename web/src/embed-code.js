// embed-code.js — "Copy embed code": the iframe and the <relu-lab> snippets for a configuration,
// and the small dialog that shows them. A snippet carries only the fields that differ from the
// defaults (the embed and the element fill in the rest from the same field table). Values are
// validated config values; they are still escaped for the HTML attribute they land in, and the
// dialog shows the snippets as textarea values (text), never as markup.
import { h } from './dom.js';
import { FIELDS, DEFAULTS } from './config.js';

/** camelCase field key → kebab-case attribute name (learningRate → learning-rate). */
export const attrName = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const escapeAttr = (s) =>
  String(s).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const text = (v) => (Array.isArray(v) ? v.join(',') : String(v));

/** The fields of config that differ from the defaults, as [key, value] pairs. */
export function changedFields(config) {
  return FIELDS.filter((f) => JSON.stringify(config[f.key]) !== JSON.stringify(DEFAULTS[f.key])).map((f) => [
    f.key,
    config[f.key],
  ]);
}

/** The hash of an embed: changed fields plus view keys (panels, controls, theme, lesson). */
export function embedHash(config, view = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of changedFields(config)) p.set(k, text(v));
  for (const k of ['panels', 'controls', 'theme', 'lesson']) if (view[k]) p.set(k, view[k]);
  return p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

/** { iframe, element } snippets; base is the URL of the site's root (where embed.html lives). */
export function snippets(config, { base, panels = 'net,out', controls = '', theme = '', height = 560 } = {}) {
  const view = { panels, controls, theme };
  const src = `${new URL('embed.html', base).href}#${embedHash(config, view)}`;
  const iframe = [
    `<iframe src="${escapeAttr(src)}" title="relu-lab playground" width="100%" height="${height}" loading="lazy" style="border:0"></iframe>`,
    '<!-- optional: let the iframe size itself -->',
    '<script>addEventListener("message", (e) => { if (e.data && e.data.type === "relu-lab:resize") for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === e.source) f.style.height = e.data.height + "px"; });</script>',
  ].join('\n');
  const attrs = changedFields(config).map(([k, v]) =>
    typeof v === 'boolean'
      ? v
        ? ` ${attrName(k)}`
        : ` ${attrName(k)}="false"`
      : ` ${attrName(k)}="${escapeAttr(text(v))}"`,
  );
  for (const [k, v] of Object.entries(view)) if (v) attrs.push(` ${k}="${escapeAttr(v)}"`);
  const element = [
    `<script type="module" src="${escapeAttr(new URL('src/element.js', base).href)}"></script>`,
    `<relu-lab${attrs.join('')}></relu-lab>`,
    '<!-- or from npm: import "relu-lab/element"; -->',
  ].join('\n');
  return { iframe, element };
}

/** A modal dialog with both snippets and a copy button each; appended to `host`, removed on close. */
export function showEmbedDialog(host, { iframe, element }, { measure = null } = {}) {
  let first = null;
  const block = (title, value, hint) => {
    const area = h('textarea.embed-code', {
      'readonly': true,
      'rows': value.split('\n').length + 1,
      'spellcheck': 'false',
      'aria-label': `${title} snippet`,
    });
    area.value = value;
    const note = h('span.embed-copied', { role: 'status' });
    const copy = h(
      'button.secondary',
      {
        type: 'button',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(value);
            note.textContent = 'Copied';
          } catch {
            area.select();
            note.textContent = 'Selected: press Ctrl+C';
          }
        },
      },
      `Copy ${title.toLowerCase()}`,
    );
    first ??= copy;
    return h(
      'section.embed-block',
      {},
      h('div.embed-head', {}, h('h3', {}, title), note, copy),
      h('p.hint', {}, hint),
      area,
    );
  };
  const dialog = h(
    'dialog.embed-dialog',
    { 'aria-labelledby': 'embed-dialog-title' },
    h('h2', { id: 'embed-dialog-title' }, 'Embed this playground'),
    h('p.hint', {}, 'Both snippets hold the current configuration.'),
    block(
      'Iframe',
      iframe,
      measure
        ? 'Works on any page. Measuring the height it needs…'
        : 'Works on any page. The optional script lets the iframe grow with its content.',
    ),
    block('Element', element, 'Needs its module script; with npm and a bundler, import "relu-lab/element" instead.'),
    h('div.embed-foot', {}, h('button.secondary', { type: 'button', onclick: () => dialog.close() }, 'Close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  // the iframe's height, measured (embed-height.js): the snippet is rewritten when it is known
  measure?.().then((text) => {
    if (!text || !dialog.isConnected) return;
    const area = dialog.querySelector('textarea');
    area.value = text;
    area.dataset.measured = 'true';
    dialog.querySelector('.embed-block .hint').textContent =
      'Works on any page. Its height fits the playground in a 720 px column; the optional script lets it follow its content.';
  });
  host.append(dialog);
  dialog.showModal();
  first.focus();
  return dialog;
}
