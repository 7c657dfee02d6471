// main.js — the page: mounts one playground into #app and keeps its configuration in the URL hash
// (history.replaceState, TF-Playground style: key=value&…, "<control>_hide=true", "hideText=true").
// Exposes the playground as window.playground for scripting and the tests.
import { createPlayground } from './src/playground.js';
import { toHash, fromHash } from './src/config.js';

const root = document.getElementById('app');
const initial = fromHash(location.hash);
document.body.classList.toggle('hide-text', initial.hideText);

const playground = createPlayground(root, {
  config: initial.config,
  hidden: initial.hidden,
  hideText: initial.hideText,
  onChange: writeHash,
  onCopyLink: copyLink,
});
window.playground = playground;

function writeHash(config) {
  const { hidden, hideText } = fromHash(location.hash);
  history.replaceState(null, '', `#${toHash(config, hidden, hideText)}`);
}

async function copyLink() {
  writeHash(playground.state().config);
  try {
    await navigator.clipboard.writeText(location.href);
    toast('Link copied');
  } catch {
    toast('Copy the address bar: it holds the whole configuration');
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
  const next = fromHash(location.hash);
  playground.setConfig(next.config);
  playground.applyHidden(next.hidden, next.hideText);
  document.body.classList.toggle('hide-text', next.hideText);
});

playground.ready.then(() => writeHash(playground.state().config)).catch(() => {});
