// node-main.mjs — consumer 1: a plain Node ESM script.
import { trainXor } from './xor.js';

console.log(JSON.stringify(await trainXor()));
