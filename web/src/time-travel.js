// time-travel.js — the page's side of time travel (issue #17): while paused, the timeline shows
// the runs at a past epoch (the worker replays them: worker.js seek) — the one model, or every
// twin together in compare mode — and one model at a past minibatch step; pressing Play or Step,
// or changing a setting or the data while there, branches the runs from that moment (worker.js
// branch) and the histories drop the old futures. One model keeps its old branches (a short
// list: switch to one, or open it beside this one as twins).
// What it is not: the replay (relu-lab/history in the worker) or the timeline's DOM (views/timeline.js).
// Shared state: s.viewing, the past epoch shown, or null for the present; s.viewingAt, the step
// and clock of a one-model view; s.branches, the worker's list of old branches (render.js draws
// their loss lines); s.branchTwins, true while two branches are shown as twins.

export function createTimeTravel({ s, engine, run, ui, say, showError, setTrain, enterTwins, leaveTwins }) {
  let want = null; // the epoch asked for last, while a seek is in flight
  let seeking = null;

  const primaryModel = () => run.latest?.models[s.primary] ?? run.latest?.models[0];
  const latestEpoch = () => primaryModel()?.epoch ?? 0;
  const firstEpoch = () => primaryModel()?.start ?? 0;
  const twins = () => (run.latest?.models.length ?? 0) > 1;
  const travels = () => !!run.latest?.models.length && run.latest.models.every((m) => m.travel);
  const available = () => !run.playing && travels() && latestEpoch() > firstEpoch();

  // The selected unit's death certificate, asked for once per unit and epoch while paused.
  let certKey = '';
  function certify() {
    if (s.viewing !== null) return; // kept while its jump shows the past (its branch button acts there)
    const [l, u] = s.selected ?? [-1, -1];
    const dead = l >= 0 && primaryModel()?.health?.layers?.[l]?.deadOnData?.[u];
    const key = dead && available() ? `${l},${u},${s.primary},${latestEpoch()}` : '';
    if (key === certKey) return;
    certKey = key;
    if (!key) return ui.certificate.show(null);
    engine
      .request('certificate', { layer: l, unit: u, index: s.primary })
      .then((c) => certKey === key && ui.certificate.show(c))
      .catch(showError);
  }

  // The timeline's marks, asked for once per epoch shown as the present.
  let marksAt = '';
  function mark() {
    const key = `${s.primary},${latestEpoch()}`;
    if (!available() || key === marksAt) return;
    marksAt = key;
    const latest = latestEpoch();
    // the deaths at the epoch and step each happened (the worker's run.health: exact)
    engine
      .request('marks', { index: s.primary })
      .then((m) => ui.timeline.setMarks({ latest, ...m }))
      .catch(showError);
  }

  function update() {
    certify();
    mark();
    ui.timeline.update({
      available: available() || s.viewing !== null,
      first: firstEpoch(),
      latest: latestEpoch(),
      viewing: s.viewing,
      step: s.viewingAt?.step ?? 0,
      steps: !twins(),
      twins: twins(),
    });
    ui.branchList.update(twins() ? null : s.branches);
    ui.element.classList.toggle('viewing-past', s.viewing !== null); // the views read as the past
  }

  /** Show epoch `epoch` (the latest one: the present), or { clock }: the moment after that step. */
  async function view(epoch) {
    if (typeof epoch === 'number' && epoch >= latestEpoch()) return now();
    if (typeof epoch === 'object' && epoch.clock >= (primaryModel()?.clock ?? Infinity)) return now();
    want = epoch;
    if (seeking) return seeking;
    seeking = (async () => {
      while (want !== null) {
        const e = want;
        want = null;
        try {
          const r = await run.showPast(e);
          if (r) ((s.viewing = r.past.epoch), (s.viewingAt = { step: r.past.step, clock: r.past.clock }));
        } catch (err) {
          showError(err);
        }
      }
      update();
      const at = s.viewingAt?.step ? `epoch ${s.viewing + 1}, step ${s.viewingAt.step}` : `epoch ${s.viewing}`;
      say(`Viewing ${at} of ${latestEpoch()}.`, true);
    })();
    await seeking;
    seeking = null;
  }

  /** One minibatch step back (−1) or on (+1) from the moment shown (one model only). */
  async function stepPast(d) {
    await seeking;
    if (twins() || !travels()) return;
    const nowClock = primaryModel()?.clock ?? 0;
    const from = s.viewingAt?.clock ?? nowClock;
    const to = Math.max(0, from + d);
    if (to >= nowClock) return now();
    return view({ clock: to });
  }

  /** Back to the present (the last frame trained). */
  function now() {
    want = null;
    s.viewing = null;
    s.viewingAt = null;
    run.requestFrame();
    update();
  }

  /** The worker's old branches (after anything that changes them). */
  async function refreshBranches() {
    s.branches = twins() ? null : await engine.request('branches');
    update();
  }

  /** Before anything that changes the run: branch it at the epoch viewed, if any. */
  async function branchIfPast() {
    await seeking;
    if (s.viewing === null) return;
    const epoch = s.viewing;
    const at = s.viewingAt && !twins() ? { clock: s.viewingAt.clock } : { epoch }; // at the very step shown
    const r = await engine.request('branch', at);
    s.viewing = null;
    s.viewingAt = null;
    s.points = r.points;
    run.truncate(epoch);
    say(`Branched ${twins() ? 'every twin' : 'the run'} at epoch ${epoch}.`, true);
    await refreshBranches();
  }

  /** fn after branchIfPast, errors shown. */
  const then = (fn) => branchIfPast().then(fn, showError);

  /**
   * What a link needs to replay this run: { config (the set-up's training and network fields),
   * log (compact JSON), clock } or { why } it cannot carry one.
   */
  async function link() {
    const r = await engine.request('runLink');
    if (r.why) return r;
    const t = r.train;
    const config = {
      ...s.config,
      optimizer: t.optimizer,
      learningRate: t.learningRate,
      batchSize: t.batchSize,
      regularization: t.regularization,
      regularizationRate: t.regularizationRate,
      reluGradAtZero: String(r.network.reluGradAtZero),
      alpha: r.network.hidden.find((L) => L.alpha !== undefined)?.alpha ?? -1,
    };
    return { config, log: r.log, entries: r.entries, clock: r.clock };
  }

  /** A link's log replayed to `clock` (then paused there, the present). */
  async function replay(log, clock) {
    run.pause();
    s.viewing = null;
    const r = await engine.request('replayLog', { log, clock });
    s.points = r.points;
    await setTrain(r.train); // the controls show the training options the log left in force
    run.forget();
    s.branches = null;
    run.requestFrame();
    await run.waitFrame();
    say(`Replayed the link's run to epoch ${r.epoch}.`, true);
    return r;
  }

  // Leave the past and stop before the runs are swapped (a frame in flight belongs to the old ones).
  async function settle() {
    run.pause();
    await seeking;
    s.viewing = null;
    s.viewingAt = null;
    run.discard();
  }

  // The loss history a run's metrics give, after the epochs an imported model's file brought.
  const withImported = (history, from) => [...(run.history[0] ?? []).filter((p) => p.epoch < from), ...history];

  /** Go over to old branch `index` (this run takes its place in the list). */
  async function switchBranch(index = 0) {
    await settle();
    const r = await engine.request('switchBranch', { index });
    s.points = r.points;
    run.clearHistory([withImported(r.history, r.history[0]?.epoch ?? 0)]);
    run.requestFrame();
    marksAt = '';
    say(`Switched to ${s.branches?.list?.[index]?.name ?? 'the other branch'} (epoch ${r.epoch}).`, true);
    await refreshBranches();
  }

  /**
   * This run and old branch `index` as twins, side by side (compare mode): each keeps its own past,
   * and the timeline moves both.
   */
  async function compareBranch(index = 0) {
    await settle();
    const r = await engine.request('compareBranches', { index });
    run.clearHistory(r.histories.map((h, i) => (i === 0 ? withImported(h, h[0]?.epoch ?? 0) : h)));
    s.branches = null;
    marksAt = '';
    await enterTwins(r.labels);
    say(`Comparing ${r.labels[0]} with ${r.labels[1]} side by side.`, true);
    update();
  }

  /** Back from a branch compare: the chosen twin goes on alone, the other is an old branch again. */
  async function uncompare() {
    await settle();
    const r = await engine.request('uncompare', { primary: s.primary });
    s.points = r.points;
    run.clearHistory([r.history]);
    marksAt = '';
    await leaveTwins();
    await refreshBranches();
  }

  /** A rebuild or an import started new runs: no past view, no old branch. */
  function reset() {
    s.viewing = null;
    s.viewingAt = null;
    s.branches = null;
    marksAt = '';
    certKey = '';
  }

  return {
    view,
    now,
    update,
    stepPast,
    branchIfPast,
    then,
    link,
    replay,
    switchBranch,
    compareBranch,
    uncompare,
    reset,
  };
}
