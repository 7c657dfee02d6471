// probe.js — test-only: the cross-engine suite (tests/engines) writes this file into its temporary
// copy of the site and loads it as the first script of every page. It records, inside the page,
// what WebDriver cannot report (WebKitGTK's driver has no console channel): console.error calls,
// uncaught errors, failed <script>/<link>/<img> loads, unhandled rejections and CSP violations;
// and it offers tryEval(), to see that the policy refuses eval to the page's own code.
// A classic script from 'self', so the site's strict CSP allows it; it runs before any module.
(() => {
  const probe = (window.__probe = { errors: [], violations: [] });
  // The page's CSP must refuse eval. Tried from a timer, so that no automation script is on the
  // stack (Firefox exempts a call that WebDriver BiDi started from the page's CSP). → true if refused.
  probe.tryEval = () =>
    new Promise((done) =>
      setTimeout(() => {
        try {
          (0, eval)('1');
          done(false);
        } catch (e) {
          done(e instanceof EvalError);
        }
      }, 0),
    );
  const error = console.error.bind(console);
  console.error = (...a) => {
    probe.errors.push(`console.error: ${a.map((x) => (x && x.message) || String(x)).join(' ')}`);
    error(...a);
  };
  addEventListener(
    'error',
    (e) => {
      const t = e.target;
      if (t && t !== window && t.localName)
        probe.errors.push(`failed to load <${t.localName}> ${t.src || t.href || ''}`);
      else probe.errors.push(`error: ${e.message} (${e.filename}:${e.lineno})`);
    },
    true,
  );
  addEventListener('unhandledrejection', (e) =>
    probe.errors.push(`unhandled rejection: ${(e.reason && e.reason.message) || e.reason}`),
  );
  document.addEventListener(
    'securitypolicyviolation',
    (e) => probe.violations.push(`${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI}`),
    true,
  );
})();
