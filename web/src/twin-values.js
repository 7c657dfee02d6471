// twin-values.js — the "Twin values" field checked before it is applied (issue #19: display names
// and typos silently gave two identical twins, "model" and "copy"). It accepts ids and the
// names the UI shows ("ReLU, Tanh", "Leaky ReLU"), writes them back as ids, and names the value
// it cannot read; switching "Twins differ in" gets a fresh list for the new dimension. The twin
// grammar itself (tokens, key:value, label:) is config.js parseTwin's.
import { FIELD, TWIN_KEYS, MAX_TWINS, ACTIVATIONS, INITS, twinValue, validValue } from './config.js';
import { pretty } from './views/controls.js';

const WHAT = { activation: 'an activation', init: 'an initialisation', learningRate: 'a learning rate' };

/** Why a token of a twin cannot be read ('' when it can). */
function tokenProblem(token, compareBy) {
  const at = token.indexOf(':');
  if (at > 0) {
    const key = token.slice(0, at);
    if (key === 'label') return '';
    if (!TWIN_KEYS.includes(key)) return `“${token}”: ${key} is not a setting a twin can change`;
    return validValue(FIELD[key], token.slice(at + 1))
      ? ''
      : `“${token}”: not a valid ${FIELD[key].label.toLowerCase()}`;
  }
  if (compareBy === 'learningRate') {
    const f = FIELD.learningRate;
    return validValue(f, token) && Number(token) > 0
      ? ''
      : `“${token}” is not a learning rate (a number above 0, at most ${f.max})`;
  }
  if (twinValue(token, compareBy)) return '';
  const names = (compareBy === 'activation' ? ACTIVATIONS : INITS).map(pretty).join(', ');
  return `“${token}” is not ${WHAT[compareBy]}: use ${names}`;
}

/**
 * Check the field's text for compareBy: { text, problem }. text: the list with every value that
 * names one written as its id ("Leaky ReLU" → "leaky_relu"); problem: '' or a sentence naming
 * the first value that cannot be read (or a list that is not 2–4 long).
 */
export function checkTwins(raw, compareBy) {
  const entries = String(raw)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const out = [];
  for (const entry of entries) {
    const whole = twinValue(entry, compareBy);
    if (whole) {
      out.push(whole);
      continue;
    }
    const tokens = entry.split(/\s+/);
    const problem = tokens.map((t) => tokenProblem(t, compareBy)).find(Boolean);
    if (problem) return { text: raw, problem: `${problem}.` };
    out.push(tokens.map((t) => (t.includes(':') ? t : (twinValue(t, compareBy) ?? t))).join(' '));
  }
  if (out.length < 2 || out.length > MAX_TWINS)
    return { text: raw, problem: `List 2–${MAX_TWINS} values, comma-separated (this is ${out.length}).` };
  return { text: out.join(','), problem: '' };
}

/** A fresh list when "Twins differ in" changes: two values of the new dimension. */
export function defaultTwins(compareBy, config) {
  if (compareBy === 'learningRate') {
    const lr = config.learningRate;
    const other = lr >= 0.3 ? lr / 10 : lr * 10;
    return `${lr},${Number(other.toPrecision(3))}`;
  }
  if (compareBy === 'init') return config.init === 'he_normal' ? 'he_normal,xavier_normal' : `${config.init},he_normal`;
  return config.activation === 'relu' ? 'relu,leaky_relu' : `relu,${config.activation}`;
}
