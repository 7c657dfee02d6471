// controls.js — labelled native form controls built from the field table (config.js): a select
// for a name, a checkbox for a flag, a slider with a live value for a number, a number input for
// a seed. Each control sits in a wrapper with data-control="<key>", which is what "<key>_hide=true"
// in the URL hides. set(config) updates values without firing onChange.
import { h, fmt } from '../dom.js';
import { FIELD } from '../config.js';

let uid = 0;

const PRETTY = {
  he_normal: 'He normal',
  he_uniform: 'He uniform',
  xavier_normal: 'Xavier normal',
  xavier_uniform: 'Xavier uniform',
  lecun_normal: 'LeCun normal',
  uniform: 'uniform ±scale',
  normal: 'normal (σ = scale)',
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  prelu: 'PReLU',
  elu: 'ELU',
  gelu: 'GELU',
  silu: 'SiLU',
  softplus: 'Softplus',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  linear: 'Linear',
  softmax: 'Softmax',
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
  none: 'None',
  l1: 'L1',
  l2: 'L2',
  circle: 'Circle',
  xor: 'XOR',
  gauss: 'Gaussian',
  spiral: 'Spiral',
  moons: 'Moons',
  spiral_k: 'k-arm spiral',
  blobs_k: 'k blobs',
  regress_plane: 'Plane (regression)',
  regress_gauss: 'Gaussians (regression)',
  activation: 'activation',
  learningRate: 'learning rate',
  init: 'initialisation',
};
export const pretty = (v) => PRETTY[v] ?? String(v);

/**
 * Build controls for keys. Returns { element, set(config), controls: Map(key → wrapper) }.
 * options.kind: per-key override ('slider' | 'number' | 'select' | 'checkbox' | 'radios').
 */
export function createControls(keys, onChange, { kind = {}, className = 'controls' } = {}) {
  const prefix = `rl${++uid}`;
  const controls = new Map();
  const setters = new Map();
  const current = new Map(); // the value each control last showed (what a rejected entry keeps)
  const element = h(`div.${className.trim().split(/\s+/).join('.')}`);
  for (const key of keys) {
    const f = FIELD[key];
    const id = `${prefix}-${key}`;
    const k = kind[key] ?? defaultKind(f);
    let input;
    let out = null;
    let problem = null;
    let set;
    if (k === 'select') {
      input = h(
        'select',
        { id, onchange: () => onChange(key, input.value) },
        f.options.map((o) => h('option', { value: o }, pretty(o))),
      );
      set = (v) => (input.value = String(v));
    } else if (k === 'checkbox') {
      input = h('input', { id, type: 'checkbox', onchange: () => onChange(key, input.checked) });
      set = (v) => (input.checked = !!v);
    } else if (k === 'radios') {
      input = h(
        'div.radios',
        { 'role': 'radiogroup', id, 'aria-labelledby': `${id}-label` },
        f.options.map((o) =>
          h(
            'label.radio',
            {},
            h('input', { type: 'radio', name: id, value: o, onchange: () => onChange(key, o) }),
            ` ${o}`,
          ),
        ),
      );
      set = (v) => input.querySelectorAll('input').forEach((r) => (r.checked = r.value === String(v)));
    } else if (k === 'steps') {
      // a slider over a fixed list of values (learning rate, regularization rate)
      out = h('output', { for: id });
      input = h('input', {
        id,
        type: 'range',
        min: 0,
        max: f.steps.length - 1,
        step: 1,
        oninput: () => {
          const v = f.steps[+input.value];
          out.textContent = fmt(v, 5);
          onChange(key, v);
        },
      });
      set = (v) => {
        let best = 0;
        f.steps.forEach(
          (s, i) =>
            Math.abs(Math.log((s || 1e-9) / (v || 1e-9))) < Math.abs(Math.log((f.steps[best] || 1e-9) / (v || 1e-9))) &&
            (best = i),
        );
        input.value = String(best);
        out.textContent = fmt(v, 5);
        input.setAttribute('aria-valuetext', fmt(v, 5));
      };
    } else if (k === 'slider') {
      out = h('output', { for: id });
      input = h('input', {
        id,
        type: 'range',
        min: f.min,
        max: f.max,
        step: f.step ?? 1,
        oninput: () => {
          out.textContent = fmt(+input.value);
          onChange(key, +input.value);
        },
      });
      set = (v) => {
        input.value = String(v);
        out.textContent = fmt(v);
      };
    } else if (k === 'text') {
      input = h('input', {
        id,
        type: 'text',
        spellcheck: 'false',
        autocomplete: 'off',
        onchange: () => onChange(key, input.value),
      });
      set = (v) => (input.value = String(v));
    } else {
      // A typed number is checked here, not clamped: out of range, not a whole number, empty or
      // unparsable (validity.badInput: "1e", pasted text) shows a message naming the field and
      // changes nothing (a new seed would rebuild the network and lose the trained state).
      problem = h('p.field-error', { id: `${id}-error`, role: 'alert', hidden: true });
      input = h('input', {
        id,
        'type': 'number',
        'min': f.min,
        'max': f.max,
        'step': f.step ?? 1,
        'inputmode': 'numeric',
        'aria-describedby': `${id}-error`,
        'onchange': () => {
          const text = input.value.trim();
          const v = Number(text);
          const ok =
            !input.validity.badInput &&
            text !== '' &&
            Number.isFinite(v) &&
            v >= f.min &&
            v <= f.max &&
            (f.type !== 'int' || Number.isInteger(v));
          showProblem(
            input,
            problem,
            ok
              ? ''
              : `${f.label}: enter a ${f.type === 'int' ? 'whole number' : 'number'} from ${f.min} to ${f.max}; it stays ${current.get(key)}.`,
          );
          if (ok) onChange(key, v);
        },
      });
      set = (v) => {
        input.value = String(v);
        showProblem(input, problem, '');
      };
    }
    const label = h('label', { for: k === 'radios' ? undefined : id, id: `${id}-label` }, f.label);
    const wrap = h(
      'div.control',
      { dataset: { control: key, kind: k } },
      ...(k === 'checkbox' ? [input, label] : [label, out, input, problem].filter(Boolean)),
    );
    controls.set(key, wrap);
    setters.set(key, (v) => {
      current.set(key, v);
      set(v);
    });
    element.append(wrap);
  }
  return {
    element,
    controls,
    set(config) {
      for (const [key, set] of setters) set(config[key]);
    },
    /** Show a value's text next to its slider (e.g. "default 0.25" for α = −1). */
    show(key, text, sliderValue) {
      const wrap = controls.get(key);
      const out = wrap?.querySelector('output');
      if (out) out.textContent = text;
      const input = wrap?.querySelector('input[type="range"]');
      if (input && sliderValue !== undefined) {
        input.value = String(sliderValue);
        input.setAttribute('aria-valuetext', text);
      }
    },
  };
}

/** Show (text) or clear ('') a field's validation message. */
export function showProblem(input, problem, text) {
  if (!problem) return;
  if (problem.textContent !== text) problem.textContent = text;
  problem.hidden = !text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function defaultKind(f) {
  if (f.type === 'bool') return 'checkbox';
  if (f.type === 'enum') return 'select';
  if (f.steps) return 'steps';
  if (f.type === 'number') return 'slider';
  if (f.type === 'text') return 'text';
  return 'number';
}
