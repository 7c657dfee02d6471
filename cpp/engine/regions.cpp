// regions.cpp — see regions.hpp. One evaluation-mode forward per chunk of pixels (through the
// last hidden z, no output layer); the signs packed into one bit row per unit, so that the
// pixels where some gate changes from the pixel before are found a 64-bit word at a time; and
// for those pixels alone, an open-addressing hash table over whole patterns (one 64-bit word a
// layer): a hash collision is resolved by comparing the patterns word for word, so two patterns
// share an id only when every gate agrees. The pixels between two changes take the id before.
#include "regions.hpp"

#include <algorithm>
#include <cstring>

namespace relu {

namespace {

uint64_t hash_pattern(const uint64_t* w, int words) {
  uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (int k = 0; k < words; ++k) {
    h = (h ^ w[k]) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  return h ^ (h >> 29);
}

// Word-wise equality, inlined: memcmp is a byte loop in musl, the wasm libc, and runs per pixel.
bool same(const uint64_t* a, const uint64_t* b, int words) {
  for (int k = 0; k < words; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

size_t table_size(size_t pixels) {
  size_t n = 16;
  while (n < 2 * pixels) n <<= 1;  // load ≤ ½: short probe runs
  return n;
}

// A chunk's gates as one bit row per unit: bit p of row[p / 64] is z[p] > 0 (point p's gate is
// open), for p < n; the bits past n are 0. The rows of every unit of every layer lie end to end.
constexpr int kRowWords = Network::kForwardChunk / 64;

// One layer's rows.  z: (units, ld)  rows: (units, kRowWords). The scalar loop is the reference
// and the native / no-SIMD path; the SIMD one sets the same bits.
void gate_rows_ref(const float* z, int units, int ld, int n, uint64_t* rows) {
  std::fill_n(rows, static_cast<size_t>(units) * kRowWords, 0);
  for (int u = 0; u < units; ++u) {
    const float* zu = z + static_cast<size_t>(u) * ld;
    uint64_t* row = rows + u * kRowWords;
    for (int p = 0; p < n; ++p) row[p >> 6] |= uint64_t{zu[p] > 0.0f} << (p & 63);
  }
}

void gate_rows(const float* z, int units, int ld, int n, uint64_t* rows) {
#if RELU_SIMD
  // Sixteen points a step: four compares (−1 where open) narrowed to sixteen bytes, whose
  // bitmask is the sixteen bits in point order. The last n mod 16 points one at a time.
  std::fill_n(rows, static_cast<size_t>(units) * kRowWords, 0);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int u = 0; u < units; ++u) {
    const float* zu = z + static_cast<size_t>(u) * ld;
    uint64_t* row = rows + u * kRowWords;
    int p = 0;
    for (; p + 16 <= n; p += 16) {
      const v128_t o0 = wasm_f32x4_gt(wasm_v128_load(zu + p), zero);
      const v128_t o1 = wasm_f32x4_gt(wasm_v128_load(zu + p + 4), zero);
      const v128_t o2 = wasm_f32x4_gt(wasm_v128_load(zu + p + 8), zero);
      const v128_t o3 = wasm_f32x4_gt(wasm_v128_load(zu + p + 12), zero);
      const v128_t bytes =
          wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(o0, o1), wasm_i16x8_narrow_i32x4(o2, o3));
      row[p >> 6] |= uint64_t{wasm_i8x16_bitmask(bytes)} << (p & 63);  // p % 64 ≤ 48: no straddle
    }
    for (; p < n; ++p) row[p >> 6] |= uint64_t{zu[p] > 0.0f} << (p & 63);
  }
#else
  gate_rows_ref(z, units, ld, n, rows);
#endif
}

// The rows of the last forward's n points, every hidden layer.
void load_rows(const Network& net, int n, uint64_t* rows) {
  for (int l = 0; l < net.hidden_layers(); ++l) {
    int ld = 0;
    const float* z = net.preactivations(l, &ld);
    const int units = net.config().hidden[l].units;
    gate_rows(z, units, ld, n, rows);
    rows += static_cast<size_t>(units) * kRowWords;
  }
}

// change bit p (of change[p / 64]) = some gate differs between points p − 1 and p, for p < n:
// each row against itself shifted by one point. Bit 0 is set: a chunk's first point is always
// looked up.
void row_changes(const uint64_t* rows, int units, int n, uint64_t* change) {
  std::fill_n(change, kRowWords, 0);
  for (int u = 0; u < units; ++u, rows += kRowWords) {
    uint64_t carry = rows[0] & 1;  // point −1 taken as point 0: no change at 0 from this row
    for (int k = 0; k < kRowWords; ++k) {
      change[k] |= rows[k] ^ ((rows[k] << 1) | carry);
      carry = rows[k] >> 63;
    }
  }
  change[0] |= 1;
  for (int k = 0; k < kRowWords; ++k)  // the step from point n − 1 to the zero bits past n
    if (n <= k * 64)
      change[k] = 0;
    else if (n < (k + 1) * 64)
      change[k] &= (uint64_t{1} << (n - k * 64)) - 1;
}

// Point q's pattern from the rows: one 64-bit word a layer, bit u = unit u's gate.
void pattern_at(const uint64_t* rows, const NetworkConfig& config, int q, uint64_t* pattern) {
  const int k = q >> 6, bit = q & 63;
  for (size_t l = 0; l < config.hidden.size(); ++l) {
    uint64_t w = 0;
    for (int u = 0; u < config.hidden[l].units; ++u, rows += kRowWords) w |= ((rows[k] >> bit) & 1) << u;
    pattern[l] = w;
  }
}

// Twice the slots, every region put back: the table starts small (most maps have few regions)
// and keeps load ≤ ½. Within the capacity an earlier call left, resizing does not allocate.
void grow(std::vector<int32_t>& table, const RegionMap& m) {
  table.resize(table.size() * 2);
  std::fill(table.begin(), table.end(), -1);
  const size_t mask = table.size() - 1;
  for (int32_t id = 0; id < m.count; ++id) {
    size_t slot = hash_pattern(&m.patterns[static_cast<size_t>(id) * m.layers], m.layers) & mask;
    while (table[slot] >= 0) slot = (slot + 1) & mask;
    table[slot] = id;
  }
}

// The id of pattern w, added to out->patterns when it is new.
int32_t intern(const uint64_t* w, int words, std::vector<int32_t>& table, RegionMap* out) {
  const size_t mask = table.size() - 1;
  for (size_t slot = hash_pattern(w, words) & mask;; slot = (slot + 1) & mask) {
    const int32_t id = table[slot];
    if (id < 0) {
      table[slot] = out->count;
      out->patterns.insert(out->patterns.end(), w, w + words);  // grows only past earlier counts
      const int32_t fresh = out->count++;
      if (2 * static_cast<size_t>(out->count) > table.size()) grow(table, *out);
      return fresh;
    }
    if (same(&out->patterns[static_cast<size_t>(id) * words], w, words)) return id;
  }
}

// Lowest layer in which regions a and b differ (a ≠ b: they differ somewhere).
int first_difference(const RegionMap& m, int32_t a, int32_t b) {
  const uint64_t* pa = &m.patterns[static_cast<size_t>(a) * m.layers];
  const uint64_t* pb = &m.patterns[static_cast<size_t>(b) * m.layers];
  int l = 0;
  while (l < m.layers - 1 && pa[l] == pb[l]) ++l;
  return l;
}

// fold_layer of pixels i0 … i1 − 1 of row j. The reference, and the SIMD loop's fallback.
void mark_folds_ref(RegionMap* m, int j, int i0, int i1) {
  const int w = m->width, h = m->height;
  for (int i = i0; i < i1; ++i) {
    const size_t p = static_cast<size_t>(j) * w + i;
    const int32_t id = m->ids[p];
    int lowest = kNoFold;
    if (i + 1 < w && m->ids[p + 1] != id) lowest = first_difference(*m, id, m->ids[p + 1]);
    if (j + 1 < h && m->ids[p + w] != id) lowest = std::min(lowest, first_difference(*m, id, m->ids[p + w]));
    m->fold_layer[p] = static_cast<uint8_t>(lowest);
  }
}

void mark_folds(RegionMap* m) {
  const int w = m->width, h = m->height;
  for (int j = 0; j < h; ++j) {
    int i = 0;
#if RELU_SIMD
    // Four pixels a step against their right and lower neighbours: where all eight ids agree
    // (most of the map) the four bytes are kNoFold; otherwise the reference decides.
    const int32_t* row = m->ids.data() + static_cast<size_t>(j) * w;
    const int32_t* below = j + 1 < h ? row + w : row;  // the last row has no lower edge
    uint8_t* fold = m->fold_layer.data() + static_cast<size_t>(j) * w;
    for (; i + 4 < w; i += 4) {
      const v128_t id = wasm_v128_load(row + i);
      const v128_t eq = wasm_v128_and(wasm_i32x4_eq(id, wasm_v128_load(row + i + 1)),
                                      wasm_i32x4_eq(id, wasm_v128_load(below + i)));
      if (wasm_i32x4_all_true(eq))
        std::memset(fold + i, kNoFold, 4);
      else
        mark_folds_ref(m, j, i, i + 4);
    }
#endif
    mark_folds_ref(m, j, i, w);
  }
}

}  // namespace

bool piecewise_linear(const NetworkConfig& config) {
  for (const LayerConfig& h : config.hidden)
    if (h.activation != Act::relu && h.activation != Act::leaky_relu && h.activation != Act::prelu &&
        h.activation != Act::linear)
      return false;
  return true;
}

// Not inlined: with LTO its one caller, the binding (compiled -Oz for the size budget), took it
// in, and a CPU profile of net.regions then put a third of its time in the binding's frame.
[[gnu::noinline]] void region_map(Network& net, const Grid& grid, RegionWorkspace* work, RegionMap* out) {
  const size_t pixels = static_cast<size_t>(grid.width) * grid.height;
  const int layers = net.hidden_layers();
  out->width = grid.width, out->height = grid.height, out->layers = layers;
  out->linear = piecewise_linear(net.config());
  out->ids.resize(pixels);
  out->fold_layer.resize(pixels);
  out->count = 0;
  out->patterns.clear();
  if (layers == 0) {  // no hidden unit: the whole plane is one linear piece
    std::fill(out->ids.begin(), out->ids.end(), 0);
    std::fill(out->fold_layer.begin(), out->fold_layer.end(), kNoFold);
    out->count = 1;
    return;
  }
  // The table's length is a power of two (the probe mask), at first for up to 1,024 regions
  // (intern grows it); resizing within the capacity an earlier call left does not allocate.
  work->table.resize(table_size(std::min<size_t>(pixels, 1024)));
  std::fill(work->table.begin(), work->table.end(), -1);
  std::vector<int32_t>& table = work->table;
  const int units = net.total_hidden_units();
  const size_t row_words = static_cast<size_t>(units) * kRowWords;
  if (work->chunk.size() < row_words) work->chunk.resize(row_words);
  const uint64_t* rows = work->chunk.data();
  const int total = static_cast<int>(pixels);
  for (int s = 0; s < total; s += Network::kForwardChunk) {
    const int n = std::min(Network::kForwardChunk, total - s);
    net.grid_forward(grid, s, n, layers - 1);
    load_rows(net, n, work->chunk.data());
    // Most pixels share the pattern of the pixel before them: only where it changes is it
    // looked up, and its id fills the run up to the next change.
    uint64_t change[kRowWords];
    row_changes(rows, units, n, change);
    int32_t* ids = out->ids.data() + s;
    int32_t id = -1;
    int p = 0;  // ids[0 … p) are set
    for (int k = 0; k < kRowWords; ++k)
      for (uint64_t bits = change[k]; bits; bits &= bits - 1) {
        const int q = k * 64 + __builtin_ctzll(bits);  // a new run starts at q
        std::fill(ids + p, ids + q, id);               // the run before it
        uint64_t pattern[kMaxHiddenLayers];
        pattern_at(rows, net.config(), q, pattern);
        ids[q] = id = intern(pattern, layers, table, out);
        p = q + 1;
      }
    std::fill(ids + p, ids + n, id);
  }
  mark_folds(out);
}

std::vector<uint8_t> region_gates(const RegionMap& m, const NetworkConfig& config) {
  size_t units = 0;
  for (const LayerConfig& h : config.hidden) units += h.units;
  std::vector<uint8_t> gates(static_cast<size_t>(m.count) * units, 0);
  if (m.layers == 0) return gates;
  for (int r = 0; r < m.count; ++r) {
    uint8_t* g = &gates[r * units];
    for (int l = 0; l < m.layers; ++l) {
      const uint64_t w = m.patterns[static_cast<size_t>(r) * m.layers + l];
      for (int u = 0; u < config.hidden[l].units; ++u) *g++ = (w >> u) & 1u;
    }
  }
  return gates;
}

RegionMap region_map(Network& net, const Grid& grid) {
  RegionWorkspace work;
  RegionMap out;
  region_map(net, grid, &work, &out);
  return out;
}

}  // namespace relu
