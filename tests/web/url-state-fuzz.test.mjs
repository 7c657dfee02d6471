// url-state-fuzz.test.mjs — a seeded fuzz of the page's URL-state parser (web/src/config.js).
// The parser is JavaScript, so libFuzzer cannot reach it; this drives it with 20,000 hostile
// hashes instead. Every one must parse to a complete, valid configuration (unknown keys and bad
// values fall back to defaults), re-serialise to a fixed point, and leave Object.prototype alone.
// Runs in node; no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELDS, fromHash, toHash, normalize } from '../../web/src/config.js';

function rng(seed) {
  // mulberry32: seeded, so a failure replays
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '',
  'NaN',
  '-1',
  '1e9',
  '-1e309',
  'Infinity',
  '0x10',
  '1,2,3',
  ',,,',
  '8,,8',
  '65,65',
  'true',
  'false',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '<img src=x onerror=window.__pwned=1>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '%00',
  '%E0%A4%A',
  '\ud800',
  'relu',
  'tanh',
  'spiral',
  'x,y,x2',
  'a'.repeat(5000),
  '0.5',
  '3',
  '0.03',
  '20',
  '1:2',
];

// encodeURIComponent throws on a lone surrogate: then the raw text goes in, as a pasted link would.
const encode = (s) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};

test('20,000 random URL hashes parse to a valid, stable configuration', () => {
  const r = rng(0x5eed);
  const keys = [
    ...FIELDS.map((f) => f.key),
    '__proto__',
    'constructor',
    'toString',
    'hideText',
    'hidden_hide',
    'bogus',
    '',
    '=',
    '&',
  ];
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const keysOf = Object.keys(normalize({})).sort();
  let n = 0;
  for (; n < 20000; ++n) {
    const parts = [];
    for (let i = Math.floor(r() * 8); i > 0; --i) {
      const k =
        r() < 0.9 ? pick(keys) : String.fromCharCode(...Array.from({ length: 4 }, () => Math.floor(r() * 0xffff)));
      const v = r() < 0.8 ? pick(NASTY) : String(r() * 10 ** Math.floor(r() * 12 - 6));
      parts.push(r() < 0.5 ? `${encode(k)}=${encode(v)}` : `${k}=${v}`);
    }
    const hash = (r() < 0.5 ? '#' : '') + parts.join('&');
    const { config } = fromHash(hash);
    assert.deepEqual(Object.keys(config).sort(), keysOf, hash);
    assert.deepEqual(normalize(config), config, `not normalised: ${hash}`);
    const again = fromHash(toHash(config)).config; // serialise → parse is a fixed point
    assert.deepEqual(again, config, `round trip changed: ${hash}`);
  }
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal({}.onerror, undefined);
  console.log(`url-state fuzz: ${n} hashes`);
});
