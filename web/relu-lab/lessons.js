// The package entry 'relu-lab/lessons' as the page's modules import it (../relu-lab/lessons.js). In the repo and
// the npm package it points at the facade in js/; scripts/build-site.mjs writes the site's own copy.
export * from '../../js/lessons.js';
