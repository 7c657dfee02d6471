// version.js — the package version (kept equal to package.json's by tests/js/package.test.mjs).
/** The relu-lab package version. */
export const version = '0.1.0';
