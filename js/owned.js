// owned.js — the base of every JS object that owns a wasm object (Network, Dataset).
//
// What it is: one place for ownership — the wasm handle is private, every use checks it is still
// alive (a call on a disposed object throws a clear Error), dispose() frees it exactly once and
// the lab's live-object count follows. What it is not: a finalizer. Nothing is freed behind the
// user's back; forgetting dispose() leaks until the lab is dropped (liveObjects() shows it).

/** Internal keys: not exported from the package, so users cannot reach the wasm handles. */
export const HANDLE = Symbol('relu-lab handle');
export const LAB = Symbol('relu-lab lab');

const disposeSymbol = Symbol.dispose ?? Symbol.for('Symbol.dispose');

export class Owned {
  #handle;
  #kind;

  /** Wrap a wasm handle (owned from now on) and count it as live in its lab. */
  constructor(lab, handle, kind) {
    this.#handle = handle;
    this.#kind = kind;
    this[LAB] = lab;
    lab[LAB].live.add(this);
  }

  /** The wasm handle, or a clear Error when this object was disposed. */
  [HANDLE](where) {
    if (!this.#handle) {
      throw new Error(`${where}: this ${this.#kind} was disposed; create a new one`);
    }
    return this.#handle;
  }

  /** True once dispose() has run. */
  get disposed() {
    return !this.#handle;
  }

  /** Free the wasm memory behind this object; later calls throw. Safe to call twice. */
  dispose() {
    if (!this.#handle) return;
    this.#handle.delete();
    this.#handle = null;
    this[LAB][LAB].live.delete(this);
  }

  /** `using` support: the same as dispose(). */
  [disposeSymbol]() {
    this.dispose();
  }
}

/** The handle of `obj` if it is a live `Kind` of `lab`; TypeError / Error otherwise. */
export function handleOf(obj, Kind, lab, where, name) {
  if (!(obj instanceof Kind)) {
    throw new TypeError(`${where}: ${name} must be a ${Kind.name} created by lab.${Kind.factory}()`);
  }
  if (obj[LAB] !== lab) {
    throw new TypeError(`${where}: ${name} belongs to another lab (load() result); use one lab`);
  }
  return obj[HANDLE](`${where}: ${name}`);
}
