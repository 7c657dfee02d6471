#!/usr/bin/env node
// serve.mjs — tiny dependency-free static server for the built playground (dist/site/), with a
// strict Content-Security-Policy. `npm start` runs it; it (re)builds dist/site first.
// Usage: node scripts/serve.mjs [--port N] [--host H] [--no-build] [root]
//        env: PORT (default 8080), HOST (127.0.0.1); `npm start -- --port 9000` passes the flags
// Also imported by tests/web and bench/page.mjs: startServer({ port: 0 }) picks a free port.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, CSP_META } from './build-site.mjs';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

// The site's policy (scripts/build-site.mjs, also in every page's <meta>) plus what only a header
// can carry. frame-ancestors 'self' for every page but embed.html, which tutorials on any origin
// may frame (it takes only validated data from its parent: see web/embed.js).
export const CSP = `${CSP_META}; frame-ancestors 'self'`;
export const EMBED_CSP = `${CSP_META}; frame-ancestors *`;

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/**
 * embed.html: frameable by any origin. Scripts and styles: loadable by any origin, so that the
 * <relu-lab> snippet works on a tutorial hosted elsewhere (its module, worker and stylesheet are
 * fetched cross-origin; they are public static files, sent without credentials).
 */
function extraHeaders(file) {
  const ext = extname(file).toLowerCase();
  if (file.endsWith(`${sep}embed.html`))
    return { 'Content-Security-Policy': EMBED_CSP, 'Cross-Origin-Resource-Policy': 'cross-origin' };
  if (ext === '.js' || ext === '.mjs' || ext === '.css')
    return { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
  return {};
}

// Map a URL path to a file under base, refusing anything that escapes it.
function under(base, urlPath) {
  const file = normalize(join(base, urlPath));
  return file === base || file.startsWith(base + sep) ? file : null;
}

async function locate(root, urlPath) {
  let file = under(root, urlPath);
  if (!file) return null;
  try {
    let st = await stat(file);
    if (st.isDirectory()) {
      file = join(file, 'index.html');
      st = await stat(file);
    }
    return st.isFile() ? { file, size: st.size } : null;
  } catch {
    return null;
  }
}

/** Start serving root; resolves with { server, port, url, close() }. */
export function startServer({ root = join(repo, 'dist', 'site'), port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const send = (code, msg) => {
      res.writeHead(code, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(msg);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (urlPath.includes('\0')) return send(400, 'bad request\n');
    const hit = await locate(root, urlPath);
    if (!hit) return send(404, 'not found\n');
    res.writeHead(200, {
      ...HEADERS,
      ...extraHeaders(hit.file),
      'Content-Type': MIME[extname(hit.file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': hit.size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(hit.file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const p = server.address().port;
      ok({ server, port: p, url: `http://${host}:${p}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const USAGE = 'usage: node scripts/serve.mjs [--port N] [--host H] [--no-build] [root]   (npm start -- --port N)';

/**
 * The command line: { port, host, noBuild, root } or { error } (issue #19: `npm start -- --port
 * 9000` served a folder named "9000"). Every flag is known or refused by name; a root must be
 * a folder. Defaults: PORT and HOST from the environment, else 8080 and 127.0.0.1.
 */
export async function parseArgs(args, env = process.env) {
  const o = { port: env.PORT ?? '8080', host: env.HOST ?? '127.0.0.1', noBuild: false, root: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => inline ?? args[++i];
    if (flag === '--no-build') o.noBuild = true;
    else if (flag === '--port' || flag === '-p') o.port = value();
    else if (flag === '--host') o.host = value();
    else if (flag === '--help' || flag === '-h') return { help: true };
    else if (flag.startsWith('-')) return { error: `serve.mjs: unknown option ${flag}\n${USAGE}` };
    else if (o.root !== null) return { error: `serve.mjs: one root folder only (got ${o.root} and ${a})\n${USAGE}` };
    else o.root = a;
  }
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { error: `serve.mjs: --port must be a whole number from 0 to 65535 (got ${o.port ?? 'nothing'})\n${USAGE}` };
  if (typeof o.host !== 'string' || o.host === '')
    return { error: `serve.mjs: --host needs a name or address\n${USAGE}` };
  if (o.root !== null) {
    const st = await stat(o.root).catch(() => null);
    if (!st?.isDirectory()) {
      const hint = /^\d+$/.test(o.root) ? ` (did you mean --port ${o.root}?)` : '';
      return { error: `serve.mjs: ${o.root} is not a folder${hint}\n${USAGE}` };
    }
  }
  return { ...o, port };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = await parseArgs(process.argv.slice(2));
  if (o.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (o.error) {
    console.error(o.error);
    process.exit(2);
  }
  if (!o.noBuild && !o.root) await buildSite();
  const root = resolve(o.root ?? join(repo, 'dist', 'site'));
  const { url } = await startServer({ root, port: o.port, host: o.host });
  console.log(`serving ${root} on ${url}`);
}
