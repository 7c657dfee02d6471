// element-attributes.js — what a <relu-lab>'s attributes mean as config, twins and view; not the element itself.
// Each field of the field table in kebab case (validated by that table: an invalid value is
// ignored with a console warning, never half-applied), compare="…" as twins, and panels / controls
// as the lists the playground shows. The element (lifecycle, height, theme) is element.js.
import { FIELDS, FIELD, ACTIVATIONS, INITS, validValue, coerce, normalize, DEFAULTS } from './config.js';
import { attrName } from './embed-code.js';

/** attribute name → field key, for every field but compare (see compareOf). */
export const FIELD_ATTRS = new Map(FIELDS.filter((f) => f.key !== 'compare').map((f) => [attrName(f.key), f.key]));
export const VIEW_ATTRS = ['autoplay', 'controls', 'panels', 'lesson', 'compare', 'height', 'theme', 'lessons-href'];

/**
 * lessons-href="https://…/index.html": a page that opens a lesson from #lesson=id (the site's
 * index.html does). Only http(s) or a relative URL; otherwise (and when absent) null, and the
 * element opens a lesson inside itself: an npm user has no lessons page beside the element.
 */
export function lessonsHrefOf(el) {
  const raw = el.getAttribute('lessons-href');
  if (raw === null || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim(), el.ownerDocument?.baseURI);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/#.*$/, '');
  } catch {
    // not a URL: warned below
  }
  console.warn(`<relu-lab>: ignoring lessons-href=${JSON.stringify(raw.slice(0, 80))} (an http(s) or relative URL)`);
  return null;
}
const PANELS = {
  data: 'data',
  network: 'net',
  net: 'net',
  output: 'out',
  out: 'out',
  activation: 'act',
  act: 'act',
  unit: 'insp',
  inspector: 'insp',
  insp: 'insp',
  share: 'more',
  more: 'more',
  compare: 'more',
};
const LESSON_PANELS = { activation: 'act' };
const DEFAULT_PANELS = ['net', 'out'];
const DEFAULT_CONTROLS = ['play', 'step', 'reset', 'epoch', 'learningRate', 'activation'];

/** A comma/space-separated attribute as a list ('' and 'all' → null: everything). */
function list(value) {
  if (value === null) return undefined;
  const v = value.trim();
  if (v === '' || v === 'all') return null;
  if (v === 'none') return [];
  return v.split(/[\s,]+/).filter(Boolean);
}

/** The configuration el's attributes give: defaults, then each valid attribute. */
export function configOf(el) {
  const partial = {};
  for (const [attr, key] of FIELD_ATTRS) {
    const v = attrValue(attr, key, el.getAttribute(attr));
    if (v !== undefined) partial[key] = v;
  }
  Object.assign(partial, compareOf(el, el.getAttribute('compare')));
  return normalize(partial, DEFAULTS);
}

/** One attribute's validated value, undefined when absent or invalid (with a warning). */
export function attrValue(attr, key, raw) {
  if (raw === null) return undefined;
  const f = FIELD[key];
  const value = f.type === 'bool' && raw === '' ? true : raw;
  // a bare `hidden` is the global HTML attribute (el.hidden = true), not "no hidden layer"
  if (!validValue(f, value) || (f.type === 'intlist' && raw.trim() === '')) {
    console.warn(`<relu-lab>: ignoring ${attr}=${JSON.stringify(String(raw).slice(0, 80))} (${describe(f)})`);
    return undefined;
  }
  return coerce(f, value);
}

/** compare="relu,tanh" | "0.03,3" | "he_normal,normal" (twins; what differs is inferred) or a flag. */
export function compareOf(el, raw) {
  if (raw === null) return {};
  const v = raw.trim();
  if (v === '' || v === 'true') return { compare: true };
  if (v === 'false') return { compare: false };
  const values = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const by =
    el.getAttribute('compare-by') ??
    (values.every((x) => ACTIVATIONS.includes(x))
      ? 'activation'
      : values.every((x) => INITS.includes(x))
        ? 'init'
        : values.every((x) => Number(x) > 0)
          ? 'learningRate'
          : null);
  if (!by || !validValue(FIELD.compareBy, by) || !validValue(FIELD.twins, v)) {
    console.warn(
      `<relu-lab>: ignoring compare=${JSON.stringify(v.slice(0, 80))} (2–4 activations, learning rates or inits, comma-separated)`,
    );
    return {};
  }
  return { compare: true, compareBy: by, twins: values.join(',') };
}

/** The fields of changed attributes (attribute → raw value, null: removed) as a setConfig() partial. */
export function partialOf(el, pending) {
  const partial = {};
  for (const [attr, raw] of pending) {
    if (attr === 'compare') {
      Object.assign(partial, raw === null ? { compare: false } : compareOf(el, raw));
      continue;
    }
    const key = FIELD_ATTRS.get(attr);
    const v = raw === null ? DEFAULTS[key] : attrValue(attr, key, raw);
    if (v !== undefined) partial[key] = v;
  }
  return partial;
}

/** The panels and controls el shows: its attributes, else the lesson's panels, else the defaults. */
export function viewOf(el, lesson) {
  const panels = list(el.getAttribute('panels'));
  const controls = list(el.getAttribute('controls'));
  const fromLesson = lesson?.panels?.map((p) => LESSON_PANELS[p] ?? p);
  return {
    panels: panels === undefined ? (fromLesson ?? DEFAULT_PANELS) : (panels?.map((p) => PANELS[p] ?? p) ?? null),
    controls: controls === undefined ? DEFAULT_CONTROLS : controls,
  };
}

function describe(f) {
  if (f.options) return `one of ${f.options.slice(0, 12).join(', ')}`;
  if (f.type === 'intlist') return `up to ${f.maxLength} whole numbers from ${f.min} to ${f.max}, comma-separated`;
  if (f.type === 'bool') return 'true or false';
  if (f.min !== undefined) return `a ${f.type === 'int' ? 'whole number' : 'number'} from ${f.min} to ${f.max}`;
  return f.type;
}
