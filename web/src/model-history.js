// model-history.js — the loss history a model file carries (issue #19: importing a model dropped
// it). The page writes its history of the shown model into the model JSON as "history" (the
// engine ignores the member; its own JSON keeps the weights and the death epochs) and reads it
// back, checked field by field: a bad history rejects the file with a message naming the field,
// like any other bad field, and nothing already trained is lost.

export const MAX_HISTORY = 4000; // run-loop.js's cap
const KEYS = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'];

/** The history as saved: entries with an epoch and the four metrics (null where there is none). */
export function historyForFile(history) {
  return (history ?? []).slice(-MAX_HISTORY).map((e) => ({
    epoch: e.epoch,
    ...Object.fromEntries(KEYS.map((k) => [k, Number.isFinite(e[k]) ? e[k] : null])),
  }));
}

/**
 * A file's history, checked: [] when it has none; else every entry { epoch, trainLoss, … } with
 * whole epochs rising from 0 to at most the model's epoch and finite or null metrics
 * (accuracies in [0, 1]). Throws a TypeError naming the first bad field.
 */
export function historyFromFile(json) {
  const h = json?.history;
  if (h === undefined || h === null) return [];
  const bad = (path, what) => {
    throw new TypeError(`model: history${path} must be ${what}`);
  };
  if (!Array.isArray(h)) bad('', 'an array');
  if (h.length > MAX_HISTORY) bad('', `an array of at most ${MAX_HISTORY} entries`);
  const last = Number.isInteger(json.epoch) ? json.epoch : Infinity;
  let prev = -1;
  return h.map((e, i) => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) bad(`[${i}]`, 'an object');
    if (!Number.isInteger(e.epoch) || e.epoch <= prev || e.epoch > last)
      bad(`[${i}].epoch`, `a whole number above ${prev} and at most the model's epoch (${last})`);
    prev = e.epoch;
    const out = { epoch: e.epoch };
    for (const k of KEYS) {
      const v = e[k] ?? null;
      const acc = k.endsWith('Accuracy');
      if (v !== null && !(Number.isFinite(v) && (!acc || (v >= 0 && v <= 1))))
        bad(`[${i}].${k}`, acc ? 'a number in [0, 1] or null' : 'a finite number or null');
      out[k] = v;
    }
    return out;
  });
}
