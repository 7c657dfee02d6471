// webdriver.mjs — WebKit for the cross-engine suite (tests/engines) and bench/page.mjs: starts a
// private Xvfb, Debian's WebKitWebDriver (package webkit2gtk-driver) and WebKitGTK's MiniBrowser
// under it, and drives the page over W3C WebDriver (HTTP + JSON, through fetch).
// What it is not: a general WebDriver client. It has the dozen commands the suite needs, no
// dependency, and no browser download (the binaries are Debian's).
// Hazards: WebKitGTK 2.50's driver refuses `webSocketUrl` (no WebDriver BiDi), so console
// messages are not reachable from here — the suite records them inside the page instead (see
// probe.js). Under Xvfb WebKit paints in software, so frame rates are not a GPU's.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const haveWebKit = existsSync(WEBKIT_DRIVER) && existsSync(MINIBROWSER) && existsSync('/usr/bin/Xvfb');

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'; // the W3C web element key

/** Xvfb on a display number it picks itself (-displayfd): parallel runs never collide. */
function startXvfb() {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    proc.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it chose a display`)));
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok({ proc, display: `:${out.trim()}` });
    });
  });
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stop a child process and wait for it (SIGKILL after 3 s). */
function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    proc.kill('SIGTERM');
  });
}

/**
 * Start Xvfb + WebKitWebDriver + one MiniBrowser session. env: extra environment for the driver
 * and the browser it starts (e.g. JSC_useWasmSIMD=0: JavaScriptCore reads its options
 * from JSC_* variables).
 * → { version, display, call(method, path, body), close() }
 */
export async function launchWebKit({ env = {} } = {}) {
  const xvfb = await startXvfb();
  let driver;
  try {
    const port = await freePort();
    driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
      env: { ...process.env, ...env, DISPLAY: xvfb.display },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let driverLog = '';
    driver.stderr.on('data', (d) => (driverLog = (driverLog + d).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    for (let t = 0; ; t++) {
      try {
        if ((await fetch(`${base}/status`)).ok) break;
      } catch {
        if (t > 100) throw new Error(`WebKitWebDriver did not answer on ${base}: ${driverLog}`);
        await sleep(100);
      }
    }
    const raw = async (method, path, body) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json();
      if (json.value?.error) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
      return json.value;
    };
    const session = await raw('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          'pageLoadStrategy': 'normal',
        },
      },
    });
    const id = session.sessionId;
    const call = (method, path = '', body) => raw(method, `/session/${id}${path}`, body);
    await call('POST', '/timeouts', { script: 180_000, pageLoad: 60_000, implicit: 0 });
    return {
      version: `WebKitGTK ${session.capabilities.browserVersion}`,
      display: xvfb.display,
      call,
      async close() {
        await call('DELETE').catch(() => {});
        await stop(driver);
        await stop(xvfb.proc);
      },
    };
  } catch (e) {
    await stop(driver);
    await stop(xvfb.proc);
    throw e;
  }
}

/** The W3C commands the suite uses, over one session's call(). */
export function webdriverTab(session) {
  const { call } = session;
  const find = async (selector) =>
    (await call('POST', '/element', { using: 'css selector', value: selector }))[ELEMENT];
  return {
    goto: (url) => call('POST', '/url', { url }),
    reload: () => call('POST', '/refresh', {}),
    /** Run fn(...args) in the page (it may return a Promise); → its JSON-able result. */
    async run(fn, ...args) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn})(...arguments[0]))
          .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String((e && e.stack) || e) }));`;
      const r = await call('POST', '/execute/async', { script, args: [args] });
      if (r && 'err' in r) throw new Error(`in the page: ${r.err}`);
      return r?.ok;
    },
    async click(selector) {
      await call('POST', `/element/${await find(selector)}/click`, {});
    },
    /** Pick an <option> of a <select> by clicking it, as a user would. */
    async select(selector, value) {
      await call('POST', `/element/${await find(`${selector} option[value="${value}"]`)}/click`, {});
    },
    /** Press and release one key ('Space', 'ArrowRight' or a character) on the focused element. */
    async press(name) {
      const key = { Space: ' ', ArrowRight: '\uE014' }[name] ?? name;
      await call('POST', '/actions', {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value: key },
              { type: 'keyUp', value: key },
            ],
          },
        ],
      });
      await call('DELETE', '/actions');
    },
    /** The page's viewport (the window is resized until innerWidth × innerHeight match). */
    async viewport(width, height) {
      let w = width,
        h = height;
      for (let k = 0; k < 3; k++) {
        await call('POST', '/window/rect', { width: w, height: h });
        const inner = await this.run(() => [innerWidth, innerHeight]);
        if (inner[0] === width && inner[1] === height) return;
        w += width - inner[0];
        h += height - inner[1];
      }
    },
    // Hazard: right after a load WebKitGTK under Xvfb sometimes returns an all-black frame (a tiny
    // PNG); one more try a moment later gets the page.
    async screenshot(path, endpoint = '/screenshot') {
      let png;
      for (let k = 0; k < 4; k++) {
        png = Buffer.from(await call('GET', endpoint), 'base64');
        if (png.length > 8000) break;
        await sleep(500);
      }
      await writeFile(path, png);
    },
    async screenshotOf(selector, path) {
      await this.screenshot(path, `/element/${await find(selector)}/screenshot`);
    },
    nativeProblems: () => [], // no console over classic WebDriver: see probe.js
  };
}
