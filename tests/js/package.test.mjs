// package.test.mjs — package.json describes an ES-module-only package with zero runtime
// dependencies, whose exports map puts types first and whose files hold what the entry imports.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { version } from 'relu-lab';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));

test('the package is an ES module with zero runtime dependencies', () => {
  assert.equal(pkg.name, 'relu-lab');
  assert.equal(pkg.type, 'module');
  // Only the element module has a side effect (it registers <relu-lab>); everything else is pure.
  assert.deepEqual(pkg.sideEffects, ['./js/element.js', './web/src/element.js']);
  for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
    assert.ok(!pkg[key] || Object.keys(pkg[key]).length === 0, `${key} must be empty`);
  }
  assert.equal(version, pkg.version, 'js/version.js matches package.json');
});

test('every export condition lists types first, and every target exists', () => {
  for (const [path, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') {
      assert.ok(existsSync(`${repo}${target}`), target);
      continue;
    }
    assert.equal(Object.keys(target)[0], 'types', `exports["${path}"]: types must come first`);
    for (const file of Object.values(target)) assert.ok(existsSync(`${repo}${file}`), file);
  }
  assert.equal(pkg.types, pkg.exports['.'].types);
});

test('files holds the facade and both builds, and the facade imports nothing else', () => {
  assert.ok(pkg.files.includes('dist/wasm/relu_lab_simd.mjs') && pkg.files.includes('dist/wasm/relu_lab_scalar.mjs'));
  for (const file of readdirSync(`${repo}js`).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(`${repo}js/${file}`, 'utf8');
    const specs = [...text.matchAll(/^(?:import|export)\s[^;]*?from '([^']+)'|\bimport\('([^']+)'\)/gm)];
    for (const spec of specs.map((m) => m[1] ?? m[2])) {
      // js/element.js is the one door to the playground UI the element wraps (web/src).
      const ok =
        spec.startsWith('./') ||
        spec.startsWith('../dist/wasm/') ||
        (file === 'element.js' && spec === '../web/src/element.js');
      assert.ok(ok, `${file} imports ${spec}`);
    }
  }
});
