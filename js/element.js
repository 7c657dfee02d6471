// element.js — 'relu-lab/element': importing it registers the <relu-lab> custom element.
//
// What it is: the package's door to the playground UI, which lives in web/src/ (element.js mounts
// web/src/playground.js in a shadow root, with one module Worker per element). It is the one
// module of the package with a side effect (customElements.define), listed in "sideEffects".
// What it is not: part of the facade. The facade (index.js and friends) never imports it, and
// Node never needs it (it uses HTMLElement, Worker and the DOM).
export { ReluLabElement } from '../web/src/element.js';
