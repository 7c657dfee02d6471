// dataset.js — Dataset: the training and test points of one problem, owned by a lab.
//
// What it is: the JS face of relu::Dataset — points as typed-array copies, editing (add, remove,
// relabel, removeNear) and CSV export. Every argument is checked against the schema first.
// What it is not: a view on wasm memory; nothing returned here changes when the dataset does.
import { LIMITS, fieldsOf } from './schema.js';
import { HANDLE, LAB, Owned } from './owned.js';
import { datasetBytes, ensureMemory } from './memory.js';
import { checkValue, engineError, fail } from './validate.js';

const field = (name) => fieldsOf('point').find((f) => f.name === name);
const SPLIT = field('split');

export class Dataset extends Owned {
  static factory = 'dataset';
  #name;

  /** Internal: wrap a wasm Dataset handle (use lab.dataset / emptyDataset / datasetFromCSV). */
  constructor(lab, handle, name) {
    super(lab, handle, 'Dataset');
    this.#name = name;
  }

  /** The generator's name, or null for an empty or CSV dataset. */
  get name() {
    return this.#name;
  }
  /** Number of classes; 0 for a regression dataset. */
  get classes() {
    return this[HANDLE]('data.classes').classes();
  }
  /** True when labels are values in [-1, 1] rather than class indices. */
  get regression() {
    return this.classes === 0;
  }
  /** The domain is [-extent, extent]². */
  get extent() {
    return this[HANDLE]('data.extent').extent();
  }
  /** Points in the training set. */
  get trainSize() {
    return this[HANDLE]('data.trainSize').trainSize();
  }
  /** Points in the test set. */
  get testSize() {
    return this[HANDLE]('data.testSize').testSize();
  }

  /** Copies of one set's coordinates and labels: { x, y, label } Float32Arrays. */
  points(split = 'train') {
    const where = 'data.points';
    const h = this[HANDLE](where);
    return h.points(checkValue(SPLIT, split, where) === 'test');
  }

  /** Add a point (x, y inside the extent; label a class index or a value in [-1, 1]). */
  add(x, y, label, split = 'train') {
    const where = 'data.add';
    const h = this[HANDLE](where);
    checkValue(field('x'), x, where);
    checkValue(field('y'), y, where);
    checkValue(field('label'), label, where);
    const test = checkValue(SPLIT, split, where) === 'test';
    const status = h.checkPoint(x, y, label);
    if (!status.ok) throw engineError(where, status);
    const n = h.trainSize() + h.testSize();
    if (n >= LIMITS.maxSamples) {
      const most = LIMITS.maxSamples;
      throw new RangeError(`${where}: the dataset already has ${most} points, the most it can hold`);
    }
    ensureMemory(this[LAB][LAB].mod, where, datasetBytes(n + 1), true);
    h.add(x, y, label, test);
  }

  /** Remove point `index` of a set. */
  remove(index, split = 'train') {
    const where = 'data.remove';
    const test = this.#index(where, index, split);
    this[HANDLE](where).remove(index, test);
  }

  /** Give point `index` of a set a new label. */
  relabel(index, label, split = 'train') {
    const where = 'data.relabel';
    const test = this.#index(where, index, split);
    const h = this[HANDLE](where);
    checkValue(field('label'), label, where);
    const status = h.checkPoint(0, 0, label);
    if (!status.ok) throw engineError(where, status);
    h.relabel(index, label, test);
  }

  /** Remove the point (train or test) nearest to (x, y) within radius; false if there is none. */
  removeNear(x, y, radius = field('radius').default) {
    const where = 'data.removeNear';
    const h = this[HANDLE](where);
    checkValue(field('x'), x, where);
    checkValue(field('y'), y, where);
    checkValue(field('radius'), radius, where);
    return h.removeNear(x, y, radius);
  }

  /** The points as CSV text: header x,y,label,split, one point a line. */
  toCSV() {
    return this[HANDLE]('data.toCSV').toCsv();
  }

  // Check split and index (an integer within the set); returns true for the test set.
  #index(where, index, split) {
    const h = this[HANDLE](where);
    const test = checkValue(SPLIT, split, where) === 'test';
    const n = test ? h.testSize() : h.trainSize();
    if (typeof index !== 'number') fail(TypeError, where, 'index', `an integer in [0, ${n - 1}]`, index);
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      const what = n ? `an integer in [0, ${n - 1}]` : `valid, but the ${split} set is empty`;
      fail(RangeError, where, 'index', what, index);
    }
    return test;
  }
}
