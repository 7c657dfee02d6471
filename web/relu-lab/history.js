// The package entry 'relu-lab/history' as the page's modules import it (../relu-lab/history.js). In the repo and
// the npm package it points at the facade in js/; scripts/build-site.mjs writes the site's own copy.
export * from '../../js/history.js';
