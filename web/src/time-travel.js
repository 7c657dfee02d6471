// time-travel.js — the page's side of time travel (issue #17): while paused, the timeline shows
// the run at a past epoch (the worker replays it: worker.js seek); pressing Play or Step, or
// changing a setting or the data while there, branches the run from that epoch (worker.js
// branch) and the histories drop the old branch's later epochs.
// What it is not: the replay (relu-lab/history in the worker) or the timeline's DOM (views/timeline.js).
// Shared state: s.viewing, the past epoch shown, or null for the present.

export function createTimeTravel({ s, engine, run, ui, say, showError, setTrain }) {
  let want = null; // the epoch asked for last, while a seek is in flight
  let seeking = null;

  const latestEpoch = () => run.latest?.models[0]?.epoch ?? 0;
  const available = () => !run.playing && !!run.latest?.models[0]?.travel && latestEpoch() > 0;

  // The selected unit's death certificate, asked for once per unit and epoch while paused.
  let certKey = '';
  function certify() {
    if (s.viewing !== null) return; // kept while its jump shows the past (its branch button acts there)
    const [l, u] = s.selected ?? [-1, -1];
    const dead = l >= 0 && run.latest?.models[s.primary]?.health?.layers?.[l]?.deadOnData?.[u];
    const key = dead && available() ? `${l},${u},${latestEpoch()}` : '';
    if (key === certKey) return;
    certKey = key;
    if (!key) return ui.certificate.show(null);
    engine
      .request('certificate', { layer: l, unit: u })
      .then((c) => certKey === key && ui.certificate.show(c))
      .catch(showError);
  }

  // The timeline's marks, asked for once per epoch shown as the present.
  let marksAt = -1;
  function mark() {
    if (!available() || latestEpoch() === marksAt) return;
    marksAt = latestEpoch();
    const health = run.latest?.models[s.primary]?.health;
    const deaths = [];
    health?.layers?.forEach((L, l) =>
      L.diedAtEpoch?.forEach((e, u) => e !== null && L.deadOnData[u] && deaths.push({ epoch: e, layer: l, unit: u })),
    );
    engine
      .request('marks')
      .then((m) => ui.timeline.setMarks({ latest: marksAt, deaths, ...m }))
      .catch(showError);
  }

  function update() {
    certify();
    mark();
    ui.timeline.update({
      available: available() || s.viewing !== null,
      latest: latestEpoch(),
      viewing: s.viewing,
      step: s.viewingAt?.step ?? 0,
      branches: !!run.ghost,
    });
    ui.element.classList.toggle('viewing-past', s.viewing !== null); // the views read as the past
  }

  /** Show epoch `epoch` (the latest one: the present), or { clock }: the moment after that step. */
  async function view(epoch) {
    if (typeof epoch === 'number' && epoch >= latestEpoch()) return now();
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
      say(
        `Viewing epoch ${s.viewing}${s.viewingAt?.step ? `, step ${s.viewingAt.step}` : ''} of ${latestEpoch()}.`,
        true,
      );
    })();
    await seeking;
    seeking = null;
  }

  /** Back to the present (the last frame trained). */
  function now() {
    want = null;
    s.viewing = null;
    s.viewingAt = null;
    run.requestFrame();
    update();
  }

  /** Before anything that changes the run: branch it at the epoch viewed, if any. */
  async function branchIfPast() {
    await seeking;
    if (s.viewing === null) return;
    const epoch = s.viewing;
    const at = s.viewingAt ? { clock: s.viewingAt.clock } : { epoch }; // at the very step shown
    const r = await engine.request('branch', at);
    s.viewing = null;
    s.viewingAt = null;
    s.points = r.points;
    run.truncate(epoch);
    say(`Branched the run at epoch ${epoch}.`, true);
    update();
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
    run.requestFrame();
    await run.waitFrame();
    say(`Replayed the link's run to epoch ${r.epoch}.`, true);
    return r;
  }

  /** Go over to the branch left behind (and leave this one faint). */
  async function switchBranch() {
    run.pause();
    await seeking;
    s.viewing = null;
    const r = await engine.request('switchBranch');
    s.points = r.points;
    run.swapBranch();
    marksAt = -1;
    say(`Switched to the other branch (epoch ${r.epoch}).`, true);
    update();
  }

  return { view, now, update, branchIfPast, then, link, replay, switchBranch };
}
