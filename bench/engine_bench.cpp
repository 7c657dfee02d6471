// engine_bench.cpp — raw engine throughput (no JS): prints one JSON line per workload.
//
// Built natively and to wasm (SIMD and scalar flavours) from the same source, so the three
// flavours are compared on the same machine in one `npm run bench`. Each workload is warmed up
// (V8 tiers wasm up only across calls) and then timed for at least `kMinSeconds`.
//   W0  activation cost: ns per element of activation_forward, for every activation
//   W1  train: spiral, 250 training points, 2-8-8-8-1, batch 10, SGD lr 0.03: epochs/s
//   W2  render: forward pass of that net over a 256×256 grid: grids/s and points/s
//   W2-regions  region_map (issue 15) over the same grid and net: grids/s, and the region count
//   W4  born-dead sweep: 1,000 inits of a 10-layer width-2 ReLU net on a 41×41 grid: seconds
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include "kernels.hpp"
#include "network.hpp"
#include "regions.hpp"

using namespace relu;

namespace {

constexpr double kMinSeconds = 1.0;

const char* flavour() {
#if defined(__EMSCRIPTEN__)
  return kSimdBuild ? "wasm-simd" : "wasm-scalar";
#else
  return "native";
#endif
}

double now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

// Calls per second of fn(), as the JS benches measure (bench/common.mjs): warm-up calls, then
// ~100 ms slices for about kMinSeconds; `median` is the median slice, `best` the fastest (the
// figure with the least interference from other jobs on a shared machine; report.mjs uses it).
// Every call goes through a volatile function pointer: wasm-opt cannot inline it, so each
// repetition is a fresh call of a small function that V8 tiers up to TurboFan (V8 has no
// on-stack replacement for wasm: a loop inside a function entered once stays in Liftoff).
struct Rate {
  double median = 0, best = 0;
};

template <class Fn>
Rate rate(Fn&& fn, int warmup = 20) {
  static std::remove_reference_t<Fn>* target;
  target = &fn;
  void (*volatile call)() = [] { (*target)(); };
  for (int i = 0; i < warmup; ++i) call();
  std::vector<double> slices;
  long batch = 1;
  const double t0 = now();
  while (now() - t0 < kMinSeconds || slices.size() < 3) {
    const double s0 = now();
    for (long i = 0; i < batch; ++i) call();
    const double dt = now() - s0;
    if (dt >= 0.05) slices.push_back(batch / dt);  // shorter slices only size the next one
    if (dt < 0.1) batch *= 2;                      // grow the slice until it lasts ~100 ms
  }
  std::sort(slices.begin(), slices.end());
  return {slices[slices.size() / 2], slices.back()};
}

std::unique_ptr<Network> spiral_net(Act act, int seed = 1) {
  NetworkConfig c;
  c.hidden = {{8, act}, {8, act}, {8, act}};
  c.seed = seed;
  Status st;
  return Network::create(c, &st);
}

Dataset spiral_data() {
  DatasetConfig d;
  d.kind = DatasetKind::spiral, d.samples = 500, d.train_fraction = 0.5f, d.seed = 1;
  return Dataset::generate(d);
}

void line(const std::string& workload, const std::string& fields) {
  std::printf("{\"system\":\"relu-lab\",\"flavour\":\"%s\",\"workload\":\"%s\",%s}\n", flavour(),
              workload.c_str(), fields.c_str());
  std::fflush(stdout);
}

#if RELU_SIMD
// The ceiling: sustained f32x4 multiply + add with 12 independent accumulators (enough to hide
// the 4-cycle latency on two ports). 2 flops per lane per (mul, add) pair.
__attribute__((noinline)) v128_t peak_kernel(int iters, v128_t m, v128_t c) {
  v128_t a[12];
  for (int k = 0; k < 12; ++k) a[k] = wasm_f32x4_splat(0.001f * k);
  for (int i = 0; i < iters; ++i)
    for (int k = 0; k < 12; ++k) a[k] = wasm_f32x4_add(wasm_f32x4_mul(a[k], m), c);
  v128_t s = a[0];
  for (int k = 1; k < 12; ++k) s = wasm_f32x4_add(s, a[k]);
  return s;
}
#endif

void w_peak() {
#if RELU_SIMD
  const int iters = 100000;
  volatile float sink = 0, mv = 0.999f;  // volatile: every call is a real call
  const v128_t c = wasm_f32x4_splat(0.0001f);
  const Rate r =
      rate([&] { sink = sink + wasm_f32x4_extract_lane(peak_kernel(iters, wasm_f32x4_splat(mv), c), 0); });
  const double flop = 1e-9 * iters * 12 * 8;
  char buf[120];
  std::snprintf(buf, sizeof buf, "\"gflops\":%.3f,\"gflops_best\":%.3f", r.median * flop, r.best * flop);
  line("peak", buf);
#endif
}

void w0_activations() {
  const int units = 8, n = 4096, ld = n;
  std::vector<float> z(static_cast<size_t>(units) * ld), a(z.size()), alpha(units, 0.1f);
  Rng rng(1);
  for (float& v : z) v = static_cast<float>(rng.uniform(-6, 6));
  for (const ActivationInfo& info : kActivationTable) {
    const Rate r =
        rate([&] { kernels::activation_forward(info.id, alpha.data(), z.data(), a.data(), units, n, ld); });
    char buf[160];
    std::snprintf(buf, sizeof buf, "\"activation\":\"%s\",\"ns_per_value\":%.4f,\"ns_per_value_best\":%.4f",
                  info.name, 1e9 / (r.median * units * n), 1e9 / (r.best * units * n));
    line("W0", buf);
  }
}

// Two ways, as the npm API offers them (bench/relu_lab.mjs): an epoch a call, scored on both
// sets (trainEpoch), and 100 epochs a call, only the last one scored (train({ epochs: 100 })).
void w1_train(Act act) {
  const Dataset d = spiral_data();
  for (int epochs : {1, 100}) {
    auto net = spiral_net(act);
    TrainConfig t;  // SGD, lr 0.03, batch 10
    const Rate r =
        epochs == 1 ? rate([&] { net->train_epoch(d, t); }, 200) : rate([&] { net->train(d, t, epochs); }, 4);
    char buf[240];
    std::snprintf(buf, sizeof buf,
                  "\"activation\":\"%s\",\"method\":\"%s\",\"epochs_per_s\":%.1f,\"epochs_per_s_best\":%.1f,"
                  "\"test_accuracy\":%.3f",
                  activation_info(act).name, epochs == 1 ? "train_epoch" : "train(100)", r.median * epochs,
                  r.best * epochs, net->evaluate(d).test_accuracy);
    line("W1", buf);
  }
}

void w2_render(Act act) {
  auto net = spiral_net(act);
  const Grid g{256, 256, -6, 6, -6, 6};
  std::vector<float> out(256 * 256);
  const Rate r = rate([&] { net->predict_grid(g, out.data()); });
  char buf[300];
  std::snprintf(buf, sizeof buf,
                "\"activation\":\"%s\",\"grids_per_s\":%.1f,\"grids_per_s_best\":%.1f,\"points_per_s\":%.4g,"
                "\"gflops\":%.3f,\"gflops_best\":%.3f",
                activation_info(act).name, r.median, r.best, r.median * 65536, r.median * 65536 * 304 / 1e9,
                r.best * 65536 * 304 / 1e9);
  line("W2", buf);
}

// W2-regions (issue 15): region_map over W2's grid, workspace and map reused, as a page does;
// in the same run as W2, so that report.mjs can print their ratio.
void w2_regions(Act act) {
  auto net = spiral_net(act);
  const Grid g{256, 256, -6, 6, -6, 6};
  RegionWorkspace work;
  RegionMap map;
  const Rate r = rate([&] { region_map(*net, g, &work, &map); });
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "\"activation\":\"%s\",\"grids_per_s\":%.1f,\"grids_per_s_best\":%.1f,\"regions\":%d",
                activation_info(act).name, r.median, r.best, map.count);
  line("W2-regions", buf);
}

void w4_born_dead() {
  const Grid g{41, 41, -1, 1, -1, 1};
  std::vector<float> out(41 * 41);
  NetworkConfig c;
  c.hidden.assign(10, LayerConfig{2, Act::relu});
  c.bias_init = 0.0f;
  int constant = 0;
  const double t0 = now();
  for (int s = 0; s < 1000; ++s) {
    c.seed = static_cast<uint64_t>(s + 1);
    Status st;
    auto net = Network::create(c, &st);
    net->predict_grid(g, out.data());
    bool flat = true;
    for (float v : out) flat = flat && v == out[0];
    constant += flat;
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "\"seconds\":%.4f,\"constant_maps\":%d,\"inits\":1000", now() - t0,
                constant);
  line("W4", buf);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  if (only.empty() || only == "peak") w_peak();
  if (only.empty() || only == "W0") w0_activations();
  if (only.empty() || only == "W1") w1_train(Act::relu), w1_train(Act::tanh);
  if (only.empty() || only == "W2") w2_render(Act::relu), w2_render(Act::tanh);
  if (only.empty() || only == "W2") w2_regions(Act::relu), w2_regions(Act::tanh);
  if (only.empty() || only == "W4") w4_born_dead();
  return 0;
}
