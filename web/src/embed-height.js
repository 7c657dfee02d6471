// embed-height.js — the height an iframe snippet needs to show its whole playground without a
// scroll bar of its own (issue #19: "Copy embed code" gave 560 px, the toolbar and settings and
// no map). Measured, not guessed: the embed page is loaded off screen at the width of a column
// of text and reports its height (relu-lab:resize); the iframe is then set to that height and
// measured again until the height holds (the embed's map is sized from the frame's height, so
// the first answer can grow once).

const WIDTH = 720; // a tutorial's column of text
const ROUNDS = 3;

/** Resolves with the height (px) of embed.html#… (src) at `width`, or null after `timeout` ms. */
export function measureEmbedHeight(doc, src, { width = WIDTH, timeout = 15000 } = {}) {
  return new Promise((resolve) => {
    const frame = doc.createElement('iframe');
    frame.title = 'relu-lab (measuring the embed’s height)';
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    frame.className = 'embed-measure';
    frame.width = String(width);
    frame.height = '560';
    let height = 0;
    let rounds = 0;
    let settle = 0;
    const win = doc.defaultView;
    const done = (h) => {
      win.removeEventListener('message', onMessage);
      clearTimeout(timer);
      clearTimeout(settle);
      frame.remove();
      resolve(h);
    };
    const timer = setTimeout(() => done(height || null), timeout);
    function onMessage(ev) {
      if (ev.source !== frame.contentWindow || ev.data?.type !== 'relu-lab:resize') return;
      const h = Math.ceil(Number(ev.data.height));
      if (!Number.isFinite(h) || h <= 0) return;
      height = h;
      clearTimeout(settle);
      // the height holds for a moment at the frame's own height: that is the answer
      settle = setTimeout(() => {
        if (height === Number(frame.height) || ++rounds >= ROUNDS) return done(height);
        frame.height = String(height);
      }, 400);
    }
    win.addEventListener('message', onMessage);
    frame.src = src;
    doc.body.append(frame);
  });
}
