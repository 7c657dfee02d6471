// theme.js — the page's colour theme: "#theme=dark" or "#theme=light" in the address, else the
// reader's prefers-color-scheme (followed while the page is open). The dark palette itself is
// styles.css's .theme-dark (the same the element's and the embed's theme="dark" use).

const DARK = '(prefers-color-scheme: dark)';

/** { name: 'dark' | 'light', fromHash } for a location hash. */
export function pageTheme(hash, prefersDark = globalThis.matchMedia?.(DARK).matches) {
  const asked = new URLSearchParams(String(hash ?? '').replace(/^#/, '')).get('theme');
  if (asked === 'dark' || asked === 'light') return { name: asked, fromHash: true };
  return { name: prefersDark ? 'dark' : 'light', fromHash: false };
}

/**
 * Keep body's theme as the address and the system say (now, on hashchange, when the system's
 * setting changes). Returns () => the current theme (the page keeps a chosen one in its hash).
 */
export function followTheme(win = globalThis) {
  const { document: doc, location } = win;
  let theme = pageTheme(location.hash);
  const apply = () => {
    doc.body.classList.toggle('theme-dark', theme.name === 'dark');
    doc.documentElement.classList.toggle('page-dark', theme.name === 'dark');
  };
  // a hash the page rewrote (no theme in it) keeps a theme chosen earlier
  win.addEventListener('hashchange', () => {
    const next = pageTheme(location.hash);
    if (next.fromHash || !theme.fromHash) theme = next;
    apply();
  });
  win.matchMedia?.(DARK).addEventListener('change', () => {
    if (!theme.fromHash) theme = pageTheme('');
    apply();
  });
  apply();
  return () => theme;
}
