// memory.js — the facade's guard against running the wasm heap out of memory.
//
// What it is: before a call that may allocate much, an upper bound of what it needs, and a check
// that the heap can give it. Why: the engine is built without C++ exceptions, so a failed
// operator new is a wasm abort ("RuntimeError: Aborted()") that leaves the instance undefined.
// The heap is capped (-sMAXIMUM_MEMORY in cmake/ReluWasm.cmake, LIMITS.maxHeapBytes), so enough
// live objects, or one huge request on a full heap, would abort. The check asks malloc for one
// block of the bound and frees it at once: with ALLOW_MEMORY_GROWTH, Emscripten's malloc returns 0
// instead of aborting (ABORTING_MALLOC is off), so a block that cannot be had is a RangeError
// naming the call, and nothing has changed. One block also proves the space is contiguous, which a
// byte count would not (dlmalloc takes large blocks from the top of the heap).
// What it is not: exact accounting. The bounds follow the engine's buffers (cpp/engine/network.cpp:
// build, ensure_workspace, the epoch snapshots; the nlohmann tree of a model) with a margin;
// tests/js/limits.test.mjs fills the heap and checks that no call aborts. Hazard: if the engine
// gains a large buffer, its bound here must grow too.
//
// Objects that stay (networks, datasets, a network's training buffers) must leave kSlack bytes
// free as well, so that the many small calls that are not checked (getters, config, health,
// evaluate) always find room.
import { FEATURES, LIMITS } from './schema.js';

const kSlack = 8 << 20;
const kChunk = 256; // the engine's evaluation chunk: every network keeps workspace for this many points
const kSmall = 64 << 10;
const MB = (b) => `${(b / (1 << 20)).toFixed(1)} MB`;

/**
 * Throw a RangeError unless the heap can give `bytes` now (plus kSlack when what is allocated
 * stays after the call).
 */
export function ensureMemory(mod, where, bytes, stays) {
  const want = Math.ceil(bytes + kSmall + (stays ? kSlack : 0));
  const p = want <= LIMITS.maxHeapBytes ? mod._malloc(want) : 0;
  if (p) {
    mod._free(p);
    return;
  }
  throw new RangeError(
    `${where}: not enough wasm memory for this call (it needs about ${MB(bytes)};` +
      ` the lab's objects hold ${MB(mod.heapUsedBytes())} of at most ${MB(LIMITS.maxHeapBytes)}):` +
      ' dispose() networks and datasets you no longer need',
  );
}

/**
 * The sizes that bound a network's memory, from its configuration (the wire form of
 * validate/wireNetwork or the engine's config JSON): parameters, BN statistics, inputs, and the
 * workspace floats per point (z, a, g per unit; u and ẑ more with batch norm).
 */
export function networkShape(config) {
  const features =
    typeof config.features === 'number'
      ? FEATURES.filter((_, i) => config.features & (1 << i)).length
      : config.features.length;
  const outputs = config.output === 'softmax' ? config.classes : 1;
  let params = 0,
    stats = 0,
    perPoint = features + 3,
    units = 0,
    fanIn = features;
  for (const l of config.hidden) {
    params += l.units * (fanIn + 2 + (l.batchNorm ? 2 : 0)); // W, b, and α (counted even if fixed)
    stats += l.batchNorm ? 2 * l.units : 0;
    perPoint += (l.batchNorm ? 5 : 3) * l.units;
    units += l.units;
    fanIn = l.units;
  }
  params += outputs * (fanIn + 1);
  perPoint += 3 * outputs;
  return { params, stats, perPoint, outputs, units };
}

/** Bytes a network holds with workspace for `points` points: weights, gradients, optimizer
 * moments and their epoch snapshots (8 copies), statistics, workspace. */
export function networkBytes(shape, points = kChunk) {
  const ld = Math.max(kChunk, Math.ceil(points / 4) * 4);
  return 4 * (8 * shape.params + 2 * shape.stats + ld * shape.perPoint) + kSmall;
}

/** The largest network the schema allows. */
export const largestNetworkBytes = networkBytes(
  networkShape({
    features: FEATURES,
    hidden: Array.from({ length: LIMITS.maxHiddenLayers }, () => ({ units: LIMITS.maxUnits, batchNorm: true })),
    output: 'softmax',
    classes: LIMITS.maxClasses,
  }),
);

/** Bytes of a dataset of n points (x, y, label as floats, with room to grow and to generate). */
export const datasetBytes = (n) => 64 * n;

// Parsing text, measured as the least free heap that avoids an abort (1M and 4M characters):
// model JSON ≤ 19 bytes per character (nlohmann's tree: deep nesting, empty arrays or objects,
// numbers, non-ASCII strings); CSV ≤ 2.3 bytes per character plus 37.5 per comma (the reader
// splits a whole line into cells before it counts them). The bounds double that.

/** Bytes to parse model JSON text and build the network. */
export const modelTextBytes = (text) => 40 * text.length + largestNetworkBytes;

/** Bytes to parse CSV text and hold the dataset. */
export function csvTextBytes(text) {
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) ++commas;
  return 6 * text.length + 76 * commas + datasetBytes(LIMITS.maxSamples);
}
