// validate.js — checks options against the schema (js/schema.js) and builds the error messages.
//
// What it is: the facade's first line of defence — every value is checked here before anything
// reaches wasm, so bad input is a TypeError / RangeError naming the field and what is allowed,
// never a wasm abort. What it is not: a second copy of the limits (they live in schema.js) or
// of the engine's semantic checks (the engine answers those with a Status; see engineError).
//
// Error types: TypeError when a value has the wrong JS type, is missing, or an option name is
// unknown; RangeError when a value has the right type but is not allowed (NaN, ±∞, out of range,
// not an integer, an unknown name); RangeError for what the engine rejects.
import { fieldsOf } from './schema.js';

/** Quote a name for a message: "relu". */
const q = (s) => JSON.stringify(s);

/** Show a received value briefly in a message. */
export function show(v) {
  if (typeof v === 'string') return q(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v == null) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${v.length}`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** What a field allows, in words: 'a number in [0, 1]', 'one of "sgd", "adam"'. */
export function allowed(f) {
  const orNull = f.nullable ? ' or null' : '';
  switch (f.type) {
    case 'number':
      if (f.values) return `one of ${f.values.join(', ')}${orNull}`;
      return `a number in ${f.minExclusive ? '(' : '['}${f.min}, ${f.max}${f.maxExclusive ? ')' : ']'}` + orNull;
    case 'integer':
      return `an integer in [${f.min}, ${f.max}]${orNull}`;
    case 'boolean':
      return `true or false${orNull}`;
    case 'enum':
      return `one of ${f.values.map(q).join(', ')}${orNull}`;
    case 'names':
      return `a non-empty array of distinct names from ${f.values.map(q).join(', ')}`;
    case 'layers':
      return `an array of at most ${f.maxLength} layers (unit counts or layer objects)`;
    case 'domain':
      return `an array [x0, x1, y0, y1] of finite numbers with x0 < x1 and y0 < y1, each in [${f.min}, ${f.max}]`;
    default:
      return f.type;
  }
}

/** Throw a TypeError or RangeError: "where: field must be <allowed> (got <value>)". */
export function fail(Kind, where, field, what, value) {
  const got = arguments.length > 4 ? ` (got ${show(value)})` : '';
  throw new Kind(`${where}: ${field} must be ${what}${got}`);
}

/** An Error for a Status the engine returned (e.g. CSV line, model JSON path, incompatibility). */
export function engineError(where, status) {
  return new RangeError(`${where}: ${status.field} ${status.message}`);
}

/** Check one value against its field; returns the value to use (numbers as given). */
export function checkValue(f, v, where, name = f.name) {
  if (v === null && f.nullable) return null;
  const bad = (Kind) => fail(Kind, where, name, allowed(f), v);
  switch (f.type) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number') bad(TypeError);
      if (!Number.isFinite(v)) bad(RangeError);
      if (f.type === 'integer' && !Number.isSafeInteger(v)) bad(RangeError);
      if (f.values ? !f.values.includes(v) : !inRange(f, v)) bad(RangeError);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') bad(TypeError);
      return v;
    case 'enum':
      if (typeof v !== 'string') bad(TypeError);
      if (!f.values.includes(v)) bad(RangeError);
      return v;
    case 'names': {
      if (!Array.isArray(v)) bad(TypeError);
      if (v.length > f.values.length) bad(RangeError); // cannot be distinct; and never iterate a huge array
      const names = [...v]; // read once: the copy is what is checked and used
      if (names.some((s) => typeof s !== 'string')) bad(TypeError);
      if (!names.length || new Set(names).size !== names.length || !names.every((s) => f.values.includes(s)))
        bad(RangeError);
      return names;
    }
    case 'domain': {
      if (!isArrayLike(v) || v.length !== 4) bad(TypeError);
      const d = Array.from(v);
      if (d.some((x) => typeof x !== 'number')) bad(TypeError);
      if (!d.every((x) => Number.isFinite(x) && x >= f.min && x <= f.max) || !(d[0] < d[1] && d[2] < d[3]))
        bad(RangeError);
      return d;
    }
    case 'layers':
      return checkLayers(f, v, where, name);
    default:
      throw new Error(`schema: unknown type ${f.type}`);
  }
}

function inRange(f, v) {
  return (f.minExclusive ? v > f.min : v >= f.min) && (f.maxExclusive ? v < f.max : v <= f.max);
}

function isArrayLike(v) {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

// hidden: each entry a unit count or a { units, activation, alpha, batchNorm } object.
function checkLayers(f, v, where, name) {
  if (!Array.isArray(v)) fail(TypeError, where, name, allowed(f), v);
  if (v.length > f.maxLength) fail(RangeError, where, name, allowed(f), v);
  const layers = [...v]; // read once: the copy is what is checked and used
  if (layers.length > f.maxLength) fail(RangeError, where, name, allowed(f), v);
  const units = fieldsOf('layer').find((g) => g.name === 'units');
  return layers.map((layer, i) => {
    const at = `${name}[${i}]`;
    if (typeof layer === 'number') return { units: checkValue(units, layer, where, at) };
    if (!isPlainObject(layer))
      fail(TypeError, where, at, 'a unit count or an object { units, activation, alpha, batchNorm }', layer);
    return parseOptions('layer', layer, where, { prefix: `${at}.`, fillDefaults: false });
  });
}

export function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Check an options object against a schema group and return a new object with every field of
 * the group: the given value, or the default. Unknown option names and missing required values
 * (fields whose default is undefined) throw TypeError.
 */
export function parseOptions(group, input, where, options) {
  return parseFields(fieldsOf(group), input, where, options);
}

/** parseOptions for a list of fields (a call whose options are fields of other groups). */
export function parseFields(fields, input, where, { prefix = '', fillDefaults = true } = {}) {
  if (input === undefined) input = {};
  if (!isPlainObject(input)) {
    fail(TypeError, where, prefix ? prefix.slice(0, -1) : 'options', 'a plain object', input);
  }
  for (const key of Object.keys(input)) {
    if (!fields.some((f) => f.name === key)) {
      const names = fields.map((f) => f.name).join(', ');
      throw new TypeError(`${where}: unknown option ${show(prefix + key)}; allowed: ${names}`);
    }
  }
  const out = {};
  for (const f of fields) {
    const v = input[f.name];
    if (v === undefined) {
      if (f.default === undefined) fail(TypeError, where, prefix + f.name, `given: ${allowed(f)}`);
      // A copy only where the default is an object (domain, hidden): structuredClone costs ~1 µs
      // a call, and the per-frame calls fill most of their fields from numbers and names.
      if (fillDefaults)
        out[f.name] = typeof f.default === 'object' && f.default !== null ? structuredClone(f.default) : f.default;
      continue;
    }
    out[f.name] = checkValue(f, v, where, prefix + f.name);
  }
  return out;
}

/**
 * A Float32Array copy of `values`: an Array or a (non-BigInt) typed array of finite numbers, each
 * in [−bound, bound], at most maxLength of them (of even length with `pairs`). Errors name `name`
 * or `name[i]`; `what` says what the whole must be. The length is checked before anything is read,
 * so a huge sparse array is refused at once.
 */
export function floatArray(where, name, values, { what, maxLength, bound, pairs = false }) {
  const isArray = Array.isArray(values);
  if (!isArray && !(isArrayLike(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array))) {
    fail(TypeError, where, name, what, values);
  }
  const n = values.length;
  if (n > maxLength || (pairs && n % 2)) {
    fail(
      RangeError,
      where,
      name,
      pairs ? `of even length, at most ${maxLength}` : `at most ${maxLength} values long`,
      values,
    );
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    if (isArray && typeof v !== 'number') fail(TypeError, where, `${name}[${i}]`, 'a number', v);
    if (!Number.isFinite(v)) fail(RangeError, where, `${name}[${i}]`, 'a finite number', v);
    if (Math.abs(v) > bound) fail(RangeError, where, `${name}[${i}]`, `a number in [-${bound}, ${bound}]`, v);
    out[i] = v;
  }
  return out;
}
