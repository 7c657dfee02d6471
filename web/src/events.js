// events.js — the playground's events: on(type, fn) → off, emit(type, detail), and what a worker
// frame means in events (frame(r, …)): epoch (the primary model advanced), unitdied (a unit of the
// primary model newly dead on the data), diverged (once per model). The controller emits the
// others itself (play, pause, stopped, error). A listener that throws is reported, not swallowed,
// and never stops the other listeners.

export function createEvents() {
  const listeners = new Map(); // type → Set of handlers
  let known = null; // the primary model's dead-on-data flags, per layer (for 'unitdied')
  let lastEpoch = -1; // the primary model's epoch at the last 'epoch' event
  let divergedSeen = [];

  function emit(type, detail) {
    for (const fn of listeners.get(type) ?? []) {
      try {
        fn(detail);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  return {
    emit,
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type)?.delete(fn);
    },
    clear: () => listeners.clear(),
    /** New models: forget what was seen (diverged too, unless { diverged: false }). */
    reset({ diverged = true } = {}) {
      known = null;
      lastEpoch = -1;
      if (diverged) divergedSeen = [];
    },
    /** The events of one frame's result r (models[]); primary: the shown model; labels: the twins'. */
    frame(r, primary, labels) {
      const p = r.models[primary];
      if (!p) return;
      if (p.epoch !== lastEpoch) {
        lastEpoch = p.epoch;
        emit('epoch', {
          epoch: p.epoch,
          metrics: p.metrics,
          deadUnits: p.health?.deadUnits ?? null,
          totalUnits: p.health?.totalUnits ?? null,
          models: r.models.map((m, i) => ({
            label: labels[i],
            epoch: m.epoch,
            metrics: m.metrics,
            deadUnits: m.health?.deadUnits ?? null,
          })),
        });
      }
      if (p.health?.layers) {
        const now = p.health.layers.map((L) => L.deadOnData);
        now.forEach((flags, l) =>
          flags.forEach((dead, u) => {
            if (dead && !known?.[l]?.[u])
              emit('unitdied', {
                layer: l,
                unit: u,
                epoch: p.health.layers[l].diedAtEpoch[u] ?? p.epoch,
                model: primary,
              });
          }),
        );
        known = now;
      }
      r.models.forEach((m, i) => {
        if (m.diverged && !divergedSeen[i]) {
          divergedSeen[i] = true;
          emit('diverged', { model: i, label: labels[i], epoch: m.epoch });
        }
      });
    },
  };
}
