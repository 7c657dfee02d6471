// export-code.js — net.toCode(target, options): a trained network as a Python script.
//
// What it is: a pure text generator driven by net.toJSON() (architecture, weights, batch-norm
// statistics) and the train options, plus the check of toCode's options. 'pytorch' writes an
// nn.Module with the exact architecture, the weights, relu-lab's heads and losses, the optimizer as
// configured and one epoch of training; 'numpy' writes the forward pass and the decision map only.
// Both define predict(points), which returns what net.predict returns for the same points.
// What it is not: a second engine. The definitions written out mirror cpp/engine (activations.hpp,
// network.cpp's heads, batch_norm_forward and step); tests/js/export-code.test.mjs runs the scripts
// in python3 and compares their numbers with relu-lab's, so a change there that is not made here
// fails a test.
//
// Literals: every weight is a float32, written as the shortest decimal that Python reads back, via
// a double, as that same float32 (num below; tests/js/export-code.test.mjs checks the loaded state
// bit for bit). The CSV's coordinates have 9 significant digits, which read back the same way.
//
// Formatting: the scripts are laid out as Black (line length 100) leaves them; the weight and data
// tables sit between "# fmt: off" and "# fmt: on" so that a row stays one line.
import { Dataset } from './dataset.js';
import { fail, isPlainObject, parseOptions, show } from './validate.js';
import { version } from './version.js';

/** The languages net.toCode writes. */
export const CODE_TARGETS = ['pytorch', 'numpy'];
const OPTION_NAMES = ['data', 'train'];
const WIDTH = 100; // Black's line length used for the scripts

/** Check toCode's arguments: { target, data (a Dataset or null), train (every train option) }. */
export function parseCodeOptions(where, target, options) {
  const what = CODE_TARGETS.map((t) => JSON.stringify(t)).join(' or ');
  if (typeof target !== 'string') fail(TypeError, where, 'target', what, target);
  if (!CODE_TARGETS.includes(target)) fail(RangeError, where, 'target', what, target);
  if (options === undefined) options = {};
  if (!isPlainObject(options)) fail(TypeError, where, 'options', 'a plain object { data, train }', options);
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new TypeError(`${where}: unknown option ${show(key)}; allowed: ${OPTION_NAMES.join(', ')}`);
    }
  }
  const { data = null, train } = options; // read once
  if (data !== null && !(data instanceof Dataset)) {
    fail(TypeError, where, 'data', 'a Dataset created by lab.dataset() (or null)', data);
  }
  const trainOptions = parseOptions('train', train, where, { prefix: 'train.' });
  return { target, data, train: trainOptions };
}

/**
 * The script for a model: json = net.toJSON(); csv = data.toCSV() or null; train = checked train
 * options. Pure: no wasm.
 */
export function modelCode(target, json, csv, train) {
  const m = describe(json);
  return target === 'pytorch' ? pytorchScript(m, csv, train) : numpyScript(m);
}

// ---- the model as the generators read it --------------------------------------------------------

function describe(json) {
  const { config } = json;
  const hidden = config.hidden.map((l, i) => ({ ...l, ...json.layers[i], n: i + 1 }));
  const out = { ...json.layers[config.hidden.length], n: config.hidden.length + 1 };
  const inputs = config.features.length;
  const sizes = [inputs, ...hidden.map((l) => l.units), out.W.length];
  const arrow = [
    config.features.join(', '),
    ...hidden.map((l) => `${l.units} ${l.activation}${l.batchNorm ? ' (batch norm)' : ''}`),
    `${config.output} head${config.output === 'softmax' ? ` (${config.classes} classes)` : ''}`,
  ].join(' -> ');
  return { config, hidden, out, sizes, arrow, epoch: json.epoch };
}

// ---- literals --------------------------------------------------------------------------------

/**
 * A float32 (as a JS number) as an exact Python literal: the shortest decimal (at most 9
 * significant digits) that, read as a double and rounded to float32 — as Python, then
 * torch.tensor(..., dtype=torch.float32) or np.float32 do — gives v back. Number() and
 * Math.fround take that same path, so the check is the conversion itself. A value that is not a
 * float32 (a hyper-parameter as typed) is written as its double.
 */
function num(v) {
  if (Object.is(v, -0)) return '-0.0';
  for (let p = 1; p <= 9; ++p) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return s.includes('e') || Number.isInteger(v) ? String(Number(s)) : s;
  }
  return String(v);
}

/**
 * A list of numbers, wrapped at WIDTH with continuation lines indented by `indent` spaces; the
 * last line leaves room for `tail` characters after the list.
 */
function list(values, indent, tail = 1) {
  const lines = [];
  let line = '[';
  values.forEach((v, i) => {
    const last = i === values.length - 1;
    const item = num(v) + (last ? ']' : ',');
    if (line.length + 1 + item.length + indent + (last ? tail : 0) > WIDTH && line !== '[') {
      lines.push(line);
      line = ' '.repeat(indent + 1) + item;
    } else line += (line === '[' ? '' : ' ') + item;
  });
  if (!values.length) line += ']';
  lines.push(line);
  return lines.join('\n');
}

/** A matrix as a list of rows, one row (wrapped if long) after another. */
function matrix(rows, indent) {
  const inner = rows.map((r) => ' '.repeat(indent + 4) + list(r, indent + 4) + ',');
  return ['[', ...inner, ' '.repeat(indent) + ']'].join('\n');
}

const q = (s) => JSON.stringify(s);

/** A docstring at `indent`: one line when it fits (as Black writes it), else wrapped. */
function docstring(text, indent) {
  const body = wrap(text, indent, 3);
  return body.includes('\n') ? `"""${body}\n${' '.repeat(indent)}"""` : `"""${body}"""`;
}

/** Text wrapped at the spaces to WIDTH, continuation lines indented by `indent` (the first line starts `first` in). */
function wrap(text, indent, first = 0) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const room = WIDTH - indent - (lines.length ? 0 : first) - 3; // 3: room for closing quotes
    if (line && line.length + 1 + word.length > room) (lines.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
} // a Python string literal for plain ASCII names

function header(m, target, what) {
  const { config } = m;
  return [
    `"""relu-lab network as ${what}.`,
    '',
    `Exported by relu-lab ${version} with net.toCode(${q(target)}) at epoch ${m.epoch}:`,
    wrap(`${m.arrow}.`, 0),
    `predict(points) returns what relu-lab's net.predict returns for the same points (within float32`,
    `rounding): ${predictDoc(config)}.`,
    '"""',
  ];
}

function predictDoc(config) {
  switch (config.output) {
    case 'sigmoid':
      return 'P(class 1) per point, shape (n,)';
    case 'softmax':
      return `the ${config.classes} class probabilities per point, shape (n, ${config.classes})`;
    case 'tanh':
      return 'tanh(z) in (-1, 1) per point (class 1 where > 0), shape (n,)';
    default:
      return 'the predicted value per point, shape (n,)';
  }
}

/** The expressions of the input features, given x and y and a way to take sin in float64. */
function featureTerms(features, sin) {
  const term = { x: 'x', y: 'y', x2: 'x * x', y2: 'y * y', xy: 'x * y', sinx: sin('x'), siny: sin('y') };
  return features.map((f) => term[f]);
}

// The feature columns, one a line (Black keeps a list with a trailing comma exploded).
function columns(terms) {
  return ['    columns = [', ...terms.map((t) => `        ${t},`), '    ]'].join('\n');
}

// The ReLU'(0) note, written where the activation is.
function kinkNote(config) {
  const g0 = config.reluGradAtZero;
  const lines = ["# ReLU'(0): PyTorch takes 0 (LeakyReLU, PReLU and ELU: the left slope, at exactly 0)."];
  if (g0 === 0) lines.push('# This model uses 0 too (reluGradAtZero = 0), so the gradients agree everywhere.');
  else {
    lines.push(
      `# This model uses ${g0} (reluGradAtZero = ${g0}): at a pre-activation of exactly 0,`,
      `# relu-lab takes left + ${g0} * (right - left) as the slope. Only points exactly on a`,
      '# kink (rare off a grid of round numbers) get another gradient here; outputs are the same.',
    );
  }
  return lines;
}

// ---- PyTorch ---------------------------------------------------------------------------------

const TORCH_ACT = {
  relu: () => 'nn.ReLU()',
  leaky_relu: (l) => `nn.LeakyReLU(${num(l.alpha)})`,
  prelu: (l) => `nn.PReLU(${l.units})  # alpha per unit, learned; the values come with STATE`,
  elu: (l) => `nn.ELU(${num(l.alpha)})`,
  gelu: () => 'nn.GELU(approximate="tanh")',
  silu: () => 'nn.SiLU()',
  softplus: () => 'nn.Softplus()',
  sigmoid: () => 'nn.Sigmoid()',
  tanh: () => 'nn.Tanh()',
  linear: () => 'nn.Identity()',
};

const TORCH_BATCH_NORM = `


class BatchNorm(nn.Module):
    """relu-lab's batch norm of pre-activations u: gamma * (u - mean) / sqrt(var + 1e-5) + beta.

    Training uses the batch's mean and biased variance (divided by n) and moves the running
    statistics 10 % towards them; evaluation uses the running statistics. nn.BatchNorm1d differs
    in one point: it moves running_var towards the unbiased variance (divided by n - 1).
    """

    def __init__(self, units):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(units))  # gamma
        self.bias = nn.Parameter(torch.zeros(units))  # beta
        self.register_buffer("running_mean", torch.zeros(units))
        self.register_buffer("running_var", torch.ones(units))

    def forward(self, u):
        if self.training:
            mean, var = u.mean(0), u.var(0, unbiased=False)
            with torch.no_grad():
                self.running_mean.mul_(0.9).add_(0.1 * mean)
                self.running_var.mul_(0.9).add_(0.1 * var)
        else:
            mean, var = self.running_mean, self.running_var
        return self.weight * (u - mean) / torch.sqrt(var + 1e-5) + self.bias`;

// The nn.Sequential body and the state_dict keys of every layer's arrays.
function torchLayers(m) {
  const rows = [];
  const state = [];
  let i = 0;
  const push = (line, comment) => rows.push(`            ${line},${comment ? `  # ${comment}` : ''}`);
  m.hidden.forEach((l, k) => {
    const inputs = m.sizes[k];
    push(`nn.Linear(${inputs}, ${l.units})`, `hidden layer ${l.n}`);
    state.push([`layers.${i}.weight`, l.W], [`layers.${i}.bias`, l.b]);
    i++;
    if (l.batchNorm) {
      push(`BatchNorm(${l.units})`);
      state.push(
        [`layers.${i}.weight`, l.gamma],
        [`layers.${i}.bias`, l.beta],
        [`layers.${i}.running_mean`, l.runningMean],
        [`layers.${i}.running_var`, l.runningVar],
      );
      i++;
    }
    const act = TORCH_ACT[l.activation](l);
    const [code, comment] = act.split('  # ');
    push(code, comment);
    if (l.activation === 'prelu') state.push([`layers.${i}.weight`, l.alpha]);
    i++;
  });
  push(`nn.Linear(${m.sizes.at(-2)}, ${m.out.W.length})`, 'output layer: z, which head() turns into predictions');
  state.push([`layers.${i}.weight`, m.out.W], [`layers.${i}.bias`, m.out.b]);
  return { rows, state };
}

function stateTable(state) {
  const lines = ['# fmt: off', 'STATE = {'];
  for (const [key, v] of state) {
    const value = Array.isArray(v[0]) ? matrix(v, 4) : list(v, 4 + key.length + 4);
    lines.push(`    ${q(key)}: ${value},`);
  }
  lines.push('}', '# fmt: on');
  return lines.join('\n');
}

const TORCH_HEADS = {
  sigmoid: {
    head: ['"""P(class 1) = sigmoid(z), as net.predict."""', 'return torch.sigmoid(z[:, 0])'],
    loss: [
      '"""Binary cross-entropy of sigmoid(z) with labels 0 / 1, the mean over the batch."""',
      'return F.binary_cross_entropy_with_logits(z[:, 0], (labels > 0.5).float())',
    ],
  },
  softmax: {
    head: ['"""Class probabilities softmax(z), as net.predict."""', 'return torch.softmax(z, dim=1)'],
    loss: [
      '"""Softmax cross-entropy with class indices, the mean over the batch."""',
      'return F.cross_entropy(z, labels.long())',
    ],
  },
  tanh: {
    head: ['"""tanh(z) in (-1, 1), as net.predict (class 1 where > 0)."""', 'return torch.tanh(z[:, 0])'],
    loss: [
      '"""Half the squared error of tanh(z) against -1 / +1 (class 0 / 1), the mean over the batch."""',
      'target = torch.where(labels > 0.5, 1.0, -1.0)',
      'return (0.5 * (torch.tanh(z[:, 0]) - target) ** 2).mean()',
    ],
  },
  linear: {
    head: ['"""The value z itself (regression), as net.predict."""', 'return z[:, 0]'],
    loss: ['"""Half the squared error, the mean over the batch."""', 'return (0.5 * (z[:, 0] - labels) ** 2).mean()'],
  },
};

const body = (lines) => lines.map((l) => `    ${l}`).join('\n');

function torchOptimizer(t) {
  switch (t.optimizer) {
    case 'sgd':
      return 'torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)';
    case 'momentum':
      // relu-lab: m = momentum·m + g, w −= lr·m — PyTorch's SGD with momentum and no dampening.
      return `torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=${num(t.momentum)})`;
    default: {
      // One line when it fits (as Black writes it), else the arguments on their own line.
      const args = `model.parameters(), lr=LEARNING_RATE, betas=(${num(t.beta1)}, ${num(t.beta2)}), eps=${num(t.epsilon)}`;
      const one = `torch.optim.Adam(${args})`;
      return 'return '.length + 4 + one.length <= WIDTH ? one : `torch.optim.Adam(\n        ${args}\n    )`;
    }
  }
}

function torchPenalty(t) {
  const rate = t.regularizationRate;
  if (t.regularization === 'none' || rate === 0) {
    return ['def penalty(model):', '    """No weight penalty (regularization: none)."""', '    return 0.0'];
  }
  const sum = t.regularization === 'l1' ? 'w.abs().sum()' : '0.5 * (w * w).sum()';
  const name = t.regularization === 'l1' ? 'L1: rate * sum |w|' : 'L2: rate * 1/2 * sum w^2';
  return [
    'def penalty(model):',
    `    """relu-lab's ${name}, over the weights of every layer (the output`,
    '    layer too), never over biases, PReLU alpha or batch-norm gamma / beta."""',
    '    weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]',
    `    return ${num(rate)} * sum(${sum} for w in weights)`,
  ];
}

// relu-lab's shuffle in Python (cpp/engine/rng.hpp and network.cpp's train_epoch): the PyTorch
// script replays it so that its epochs take relu-lab's order.
const TORCH_SHUFFLE = `class Pcg32:
    """relu-lab's random generator (cpp/engine/rng.hpp): PCG32, XSH-RR output, 64-bit state."""

    def __init__(self, seed, stream):
        self.inc, self.state = (stream << 1) | 1, 0
        self.next_u32()
        self.state = (self.state + seed) % 2**64
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) % 2**64
        xorshifted, rot = ((((old >> 18) ^ old) >> 27) % 2**32), old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31))) % 2**32

    def below(self, n):
        """A uniform integer in [0, n) (Lemire's method, as relu-lab)."""
        m = self.next_u32() * n
        if m % 2**32 < n:
            while m % 2**32 < (2**32 - n) % n:
                m = self.next_u32() * n
        return m >> 32

    def shuffled(self, n):
        """relu-lab's epoch order: a Fisher-Yates shuffle of 0 .. n - 1."""
        order = list(range(n))
        for i in range(n, 1, -1):
            j = self.below(i)
            order[i - 1], order[j] = order[j], order[i - 1]
        return order


def relu_lab_shuffler(n, epochs_done=EPOCHS_DONE):
    """The shuffle generator relu-lab holds after epochs_done epochs of n training points.

    relu-lab shuffles every epoch with PCG32 on stream 2 of the network's seed; replaying the
    epochs gives the next epoch's order. It is relu-lab's order when the network was built from its
    seed (not loaded from a saved model, whose generator starts again) and trained on these n
    points throughout, without a diverged epoch; otherwise only the order differs.
    """
    rng = Pcg32(SEED, 2)
    for _ in range(epochs_done):
        rng.shuffled(n)
    return rng`;

function torchTraining(m, csv, t) {
  if (csv === null) {
    return [
      '',
      '',
      '',
      'if __name__ == "__main__":',
      '    # No data was embedded (net.toCode(target, { data }) adds it, and a train_one_epoch).',
      '    print(predict(np.array([[0.0, 0.0], [1.0, -1.0]], dtype=np.float32)))',
    ].join('\n');
  }
  const data = csv.trimEnd().replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  return `


# ---- training, as relu-lab trains --------------------------------------------------------------
# The train options of the export. (The optimizer starts afresh: relu-lab's moment estimates are
# not part of the export, so a first step agrees with relu-lab's when its state is fresh too, e.g.
# sgd, or after a change of optimizer.)
LEARNING_RATE = ${num(t.learningRate)}
BATCH_SIZE = ${t.batchSize}
SEED = ${m.config.seed}
EPOCHS_DONE = ${m.epoch}  # epochs relu-lab had trained at the export


${torchPenalty(t).join('\n')}


def make_optimizer(model):
    """${t.optimizer} as relu-lab's train options set it."""
    return ${torchOptimizer(t)}


${TORCH_SHUFFLE}


def train_one_epoch(model, optimizer, points, labels, rng):
    """One epoch as relu-lab runs it: the training points in rng's order, batches of BATCH_SIZE
    (the last one smaller), one optimizer step per batch on the batch's mean loss plus the penalty.
    """
    model.train()
    order = torch.tensor(rng.shuffled(len(points)))
    for start in range(0, len(points), BATCH_SIZE):
        batch = order[start : start + BATCH_SIZE]
        optimizer.zero_grad()
        loss = loss_fn(model(points[batch]), labels[batch]) + penalty(model)
        loss.backward()
        optimizer.step()


# The dataset as relu-lab's CSV: x, y, label (class index, or the value for regression), split.
# fmt: off
DATA_CSV = """\\
${data}
"""
# fmt: on


def load_data(split="train"):
    """The points of one split as float32 tensors (n, 2) and labels (n,)."""
    rows = [r.split(",") for r in DATA_CSV.splitlines()[1:] if r.endswith("," + split)]
    points = torch.tensor([[float(r[0]), float(r[1])] for r in rows], dtype=torch.float32)
    labels = torch.tensor([float(r[2]) for r in rows], dtype=torch.float32)
    return points, labels


if __name__ == "__main__":
    points, labels = load_data("train")
    optimizer = make_optimizer(model)
    rng = relu_lab_shuffler(len(points))
    for epoch in range(EPOCHS_DONE + 1, EPOCHS_DONE + 6):
        train_one_epoch(model, optimizer, points, labels, rng)
        model.eval()
        with torch.no_grad():
            loss = loss_fn(model(points), labels).item()
        print(f"epoch {epoch}: training loss {loss:.6f}")`;
}

function pytorchScript(m, csv, train) {
  const { config } = m;
  const { rows, state } = torchLayers(m);
  const usesBn = m.hidden.some((l) => l.batchNorm);
  const relu = m.hidden.some((l) => ['relu', 'leaky_relu', 'prelu', 'elu'].includes(l.activation));
  const terms = featureTerms(config.features, (v) => `torch.sin(${v}.double()).float()`);
  const h = TORCH_HEADS[config.output];
  return `${header(m, 'pytorch', 'a PyTorch script').join('\n')}
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def features(points):
    """(n, 2) float32 x, y -> (n, ${terms.length}) inputs in relu-lab's order: ${config.features.join(', ')}.

    sin is taken in float64 and rounded to float32, as relu-lab does.
    """
    x, y = points[:, 0], points[:, 1]
${columns(terms)}
    return torch.stack(columns, dim=1)${usesBn ? TORCH_BATCH_NORM : ''}


class Net(nn.Module):
    ${docstring(`The network: ${m.arrow}.`, 4)}

    def __init__(self):
        super().__init__()
${
  relu
    ? kinkNote(config)
        .map((l) => `        ${l}`)
        .join('\n') + '\n'
    : ''
}        self.layers = nn.Sequential(
${rows.join('\n')}
        )

    def forward(self, points):
        """The output layer's z: (n, ${m.out.W.length})."""
        return self.layers(features(points))


def head(z):
${body(h.head)}


def loss_fn(z, labels):
${body(h.loss)}


# The trained parameters (and batch-norm statistics), float32-exact.
${stateTable(state)}

model = Net()
model.load_state_dict({k: torch.tensor(v, dtype=torch.float32) for k, v in STATE.items()})


def predict(points):
    """(n, 2) float32 x, y -> what net.predict returns.

    ${predictDoc(config)}.
    """
    model.eval()
    with torch.no_grad():
        return head(model(torch.as_tensor(np.asarray(points, dtype=np.float32)))).numpy()


${decisionMap()}${torchTraining(m, csv, train)}
`;
}

// The grid of net.decisionMap, in relu-lab's float32 order of operations.
function decisionMap() {
  return `def decision_map(width=256, height=256, domain=(-6.0, 6.0, -6.0, 6.0)):
    """predict over a grid, as net.decisionMap: rows from the top; (height, width[, k])."""
    x0, x1, y0, y1 = (np.float32(v) for v in domain)
    half = np.float32(0.5)
    xs = x0 + (np.arange(width, dtype=np.float32) + half) * (x1 - x0) / np.float32(width)
    ys = y1 - (np.arange(height, dtype=np.float32) + half) * (y1 - y0) / np.float32(height)
    gx, gy = np.meshgrid(xs, ys)
    out = predict(np.stack([gx.ravel(), gy.ravel()], axis=1))
    return out.reshape((height, width) + out.shape[1:])`;
}

// ---- NumPy -----------------------------------------------------------------------------------

const NP_ACT = {
  relu: 'def relu(z):\n    return np.maximum(z, np.float32(0))',
  leaky_relu: 'def leaky_relu(z, alpha):\n    return np.where(z > 0, z, alpha * z)',
  prelu: 'def prelu(z, alpha):\n    """alpha: one learned slope per unit."""\n    return np.where(z > 0, z, alpha * z)',
  elu: 'def elu(z, alpha):\n    return np.where(z >= 0, z, alpha * np.expm1(np.minimum(z, 0)))',
  gelu:
    'def gelu(z):\n    """The tanh form, as relu-lab."""\n' +
    '    return 0.5 * z * (1 + np.tanh(np.float32(0.7978845608) * (z + np.float32(0.044715) * z**3)))',
  silu: 'def silu(z):\n    return z * sigmoid(z)',
  softplus: 'def softplus(z):\n    return np.logaddexp(np.float32(0), z)',
  sigmoid:
    'def sigmoid(z):\n    """1 / (1 + exp(-z)) written without overflow."""\n    return 0.5 + 0.5 * np.tanh(0.5 * z)',
  tanh: '',
  linear: '',
};

// The parameter arrays (one name each: W1, b1, gamma1, …) and the forward pass's lines.
function numpyLayers(m) {
  const arrays = ['# The trained parameters (and batch-norm statistics), float32-exact.', '# fmt: off'];
  const f32 = (name, v) => {
    const value = Array.isArray(v[0]) ? matrix(v, 0) : list(v, name.length + 12, ', dtype=np.float32)'.length);
    arrays.push(`${name} = np.array(${value}, dtype=np.float32)`);
  };
  const steps = [];
  for (const l of m.hidden) {
    f32(`W${l.n}`, l.W);
    f32(`b${l.n}`, l.b);
    let z = `h @ W${l.n}.T + b${l.n}`;
    if (l.batchNorm) {
      for (const [k, key] of [
        ['gamma', 'gamma'],
        ['beta', 'beta'],
        ['mean', 'runningMean'],
        ['var', 'runningVar'],
      ])
        f32(`${k}${l.n}`, l[key]);
      z = `batch_norm(${z}, gamma${l.n}, beta${l.n}, mean${l.n}, var${l.n})`;
    }
    if (l.activation === 'prelu') f32(`alpha${l.n}`, l.alpha);
    if (l.activation === 'leaky_relu' || l.activation === 'elu') {
      arrays.push(`alpha${l.n} = np.float32(${num(l.alpha)})`);
    }
    const a = l.activation;
    const call =
      {
        leaky_relu: `leaky_relu(${z}, alpha${l.n})`,
        prelu: `prelu(${z}, alpha${l.n})`,
        elu: `elu(${z}, alpha${l.n})`,
        tanh: `np.tanh(${z})`,
        linear: z,
      }[a] ?? `${a}(${z})`;
    steps.push(`    # hidden layer ${l.n}: ${l.units} ${a}${l.batchNorm ? ', batch norm' : ''}`, `    h = ${call}`);
  }
  f32(`W${m.out.n}`, m.out.W);
  f32(`b${m.out.n}`, m.out.b);
  arrays.push('# fmt: on');
  return { arrays, steps };
}

function numpyScript(m) {
  const { config } = m;
  const terms = featureTerms(config.features, (v) => `np.sin(${v}.astype(np.float64)).astype(np.float32)`);
  const used = new Set(m.hidden.map((l) => l.activation));
  if (used.has('silu') || config.output === 'sigmoid') used.add('sigmoid');
  const defs = ['relu', 'leaky_relu', 'prelu', 'elu', 'gelu', 'silu', 'softplus', 'sigmoid']
    .filter((a) => used.has(a))
    .map((a) => NP_ACT[a]);
  if (m.hidden.some((l) => l.batchNorm)) {
    defs.push(
      'def batch_norm(u, gamma, beta, mean, var):\n' +
        '    """Evaluation form, with the running statistics; epsilon = 1e-5 as relu-lab."""\n' +
        '    return gamma * (u - mean) / np.sqrt(var + np.float32(1e-5)) + beta',
    );
  }
  const { arrays, steps } = numpyLayers(m);
  const headLine = {
    sigmoid: 'return sigmoid(z[:, 0])',
    tanh: 'return np.tanh(z[:, 0])',
    linear: 'return z[:, 0]',
    softmax: 'e = np.exp(z - z.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)',
  }[config.output];
  return `${header(m, 'numpy', 'NumPy code (forward pass and decision map, no training)').join('\n')}
import numpy as np


def features(points):
    """(n, 2) float32 x, y -> (n, ${terms.length}) inputs in relu-lab's order: ${config.features.join(', ')}.

    sin is taken in float64 and rounded to float32, as relu-lab does.
    """
    x, y = points[:, 0], points[:, 1]
${columns(terms)}
    return np.stack(columns, axis=1)


${defs.join('\n\n\n')}${defs.length ? '\n\n\n' : ''}${arrays.join('\n')}


def forward(points):
    """The output layer's z: (n, ${m.out.W.length})."""
    h = features(points)
${steps.join('\n')}${steps.length ? '\n' : ''}    return h @ W${m.out.n}.T + b${m.out.n}


def predict(points):
    """(n, 2) float32 x, y -> what net.predict returns.

    ${predictDoc(config)}.
    """
    z = forward(np.asarray(points, dtype=np.float32))
    ${headLine}


${decisionMap()}


if __name__ == "__main__":
    print(predict(np.array([[0.0, 0.0], [1.0, -1.0]], dtype=np.float32)))
`;
}
