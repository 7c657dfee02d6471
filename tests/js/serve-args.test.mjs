// `npm start -- --port 9000` (scripts/serve.mjs parseArgs, issue #19): flags are taken or
// refused by name, never read as the folder to serve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../scripts/serve.mjs';

const serve = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));

test('--port and --host are taken, in both spellings', async () => {
  assert.deepEqual(await parseArgs(['--port', '9000'], {}), {
    port: 9000,
    host: '127.0.0.1',
    noBuild: false,
    root: null,
  });
  assert.equal((await parseArgs(['--port=0', '--host=0.0.0.0'], {})).host, '0.0.0.0');
  assert.equal((await parseArgs([], { PORT: '8181' })).port, 8181);
});

test('an unknown flag, a bad port or a root that is not a folder is refused by name', async () => {
  assert.match((await parseArgs(['--prot', '9000'], {})).error, /unknown option --prot/);
  assert.match((await parseArgs(['--port', 'x'], {})).error, /--port must be a whole number from 0 to 65535 \(got x\)/);
  assert.match((await parseArgs(['--port'], {})).error, /got nothing/);
  assert.match((await parseArgs(['9000'], {})).error, /9000 is not a folder \(did you mean --port 9000\?\)/);
});

test('the command exits with status 2 and the message, serving nothing', () => {
  const r = spawnSync(process.execPath, [serve, '9000'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /did you mean --port 9000/);
});
