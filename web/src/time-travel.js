// time-travel.js — the page's side of time travel (issue #17): while paused, the timeline shows
// the run at a past epoch (the worker replays it: worker.js seek); pressing Play or Step, or
// changing a setting or the data while there, branches the run from that epoch (worker.js
// branch) and the histories drop the old branch's later epochs.
// What it is not: the replay (relu-lab/history in the worker) or the timeline's DOM (views/timeline.js).
// Shared state: s.viewing, the past epoch shown, or null for the present.

export function createTimeTravel({ s, engine, run, ui, say, showError }) {
  let want = null; // the epoch asked for last, while a seek is in flight
  let seeking = null;

  const latestEpoch = () => run.latest?.models[0]?.epoch ?? 0;
  const available = () => !run.playing && !!run.latest?.models[0]?.travel && latestEpoch() > 0;

  function update() {
    ui.timeline.update({ available: available() || s.viewing !== null, latest: latestEpoch(), viewing: s.viewing });
    ui.element.classList.toggle('viewing-past', s.viewing !== null); // the views read as the past
  }

  /** Show epoch `epoch` (the latest one: the present). */
  async function view(epoch) {
    if (epoch >= latestEpoch()) return now();
    want = epoch;
    if (seeking) return seeking;
    seeking = (async () => {
      while (want !== null) {
        const e = want;
        want = null;
        try {
          const r = await run.showPast(e);
          if (r) s.viewing = r.past.epoch;
        } catch (err) {
          showError(err);
        }
      }
      update();
      say(`Viewing epoch ${s.viewing} of ${latestEpoch()}.`, true);
    })();
    await seeking;
    seeking = null;
  }

  /** Back to the present (the last frame trained). */
  function now() {
    want = null;
    s.viewing = null;
    run.requestFrame();
    update();
  }

  /** Before anything that changes the run: branch it at the epoch viewed, if any. */
  async function branchIfPast() {
    await seeking;
    if (s.viewing === null) return;
    const epoch = s.viewing;
    const r = await engine.request('branch', { epoch });
    s.viewing = null;
    s.points = r.points;
    run.truncate(epoch);
    say(`Branched the run at epoch ${epoch}.`, true);
    update();
  }

  /** fn after branchIfPast, errors shown. */
  const then = (fn) => branchIfPast().then(fn, showError);

  return { view, now, update, branchIfPast, then };
}
