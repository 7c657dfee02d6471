// relu_lab.cpp — the Embind table of relu-lab: one line per exposed member.
//
// What it is: the marshalling layer between the engine (cpp/engine) and the JS facade (js/),
// which is the only caller — never import the generated glue directly. Names cross as strings,
// enums as their engine names, vectors as typed-array copies (see convert.hpp).
// What it is not: no validation beyond the engine's own, no loops over data, no training logic,
// no state. Ownership: every Network / Dataset handed to JS is owned by JS and freed by the
// facade's dispose() (→ delete()).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <memory>

#include "convert.hpp"
#include "engine/dataset.hpp"
#include "engine/network.hpp"
#include "engine/regions.hpp"
#include "engine/serialize.hpp"
#include "engine/trace.hpp"

namespace relu::js {
namespace {

// ---- converters with a body (each one call into the engine) ---------------------------------

val create_network(const NetworkConfig& c) {
  Status s;
  auto net = Network::create(c, &s);
  return with_status(std::move(net), s);
}
val network_from_json(const std::string& text) {
  Status s;
  auto net = model_from_json(text, &s);
  return with_status(std::move(net), s);
}
val dataset_from_csv_text(const std::string& text, float extent) {
  Status s;
  auto data = dataset_from_csv(text, extent, &s);
  return with_status(std::move(data), s);
}
std::unique_ptr<Dataset> empty_dataset(int classes, float extent) {
  return std::make_unique<Dataset>(classes, extent);
}
// The training (or test) points as { x, y, label } Float32Array copies.
val points(const Dataset& d, bool test) {
  const Points& p = test ? d.test() : d.train();
  val r = val::object();
  r.set("x", copy_out(p.x));
  r.set("y", copy_out(p.y));
  r.set("label", copy_out(p.label));
  return r;
}
int train_size(const Dataset& d) { return d.train().size(); }
int test_size(const Dataset& d) { return d.test().size(); }

// xs, ys: n coordinates each  →  (n, outputs) row-major, a new Float32Array.
val predict(Network& net, const val& xs, const val& ys) {
  const std::vector<float> x = copy_in(xs), y = copy_in(ys);
  std::vector<float> out(x.size() * net.output_units());
  net.predict(x.data(), y.data(), static_cast<int>(x.size()), out.data());
  return copy_out(out);
}
// grid  →  (height, width, outputs) row-major, a new Float32Array.
val predict_grid(Network& net, const Grid& g) {
  const size_t n = static_cast<size_t>(g.width) * g.height * net.output_units();
  const std::unique_ptr<float[]> out(new float[n]);  // not zero-filled: every value is written
  net.predict_grid(g, out.get());
  return copy_out(out.get(), n);
}
// grid, out  →  the same values copied into out (a Float32Array of that length: the facade checks).
void predict_grid_into(Network& net, const Grid& g, const val& out) {
  const size_t n = static_cast<size_t>(g.width) * g.height * net.output_units();
  const std::unique_ptr<float[]> values(new float[n]);
  net.predict_grid(g, values.get());
  copy_into(out, values.get(), n);
}
// grid  →  (hidden units, height, width), layer by layer, a new Float32Array.
val unit_maps(Network& net, const Grid& g) {
  std::vector<float> out(static_cast<size_t>(g.width) * g.height * net.total_hidden_units());
  net.unit_maps(g, out.data());
  return copy_out(out);
}
EpochMetrics train_epoch(Network& net, const Dataset& d, const TrainConfig& t) {
  return net.train_epoch(d, t);
}
// ---- time travel: clones and steps ----
std::unique_ptr<Network> clone_network(const Network& net) { return net.clone(); }
std::unique_ptr<Network> lean_copy(const Network& net) { return net.lean_copy(); }
Network::StepsResult train_steps(Network& net, const Dataset& d, const TrainConfig& t, int steps) {
  return net.train_steps(d, t, steps);
}
int steps_per_epoch(const Dataset& d, int batch_size) { return Network::steps_per_epoch(d, batch_size); }

int revive_unit(Network& net, int layer, int unit) { return net.revive({{layer, unit}}); }
// xs → { f, df } of one activation (the activation panel's curves).
val activation_curve_of(const std::string& name, float alpha, float g0, const val& xs) {
  Act a = Act::linear;
  activation_from_name(name.c_str(), &a);  // the facade has validated the name
  const std::vector<float> x = copy_in(xs);
  std::vector<float> f(x.size()), df(x.size());
  activation_curve(a, alpha, g0, x.data(), static_cast<int>(x.size()), f.data(), df.data());
  val r = val::object();
  r.set("f", copy_out(f));
  r.set("df", copy_out(df));
  return r;
}
// One dense layer's parameters as Float32Array copies: { W (out·in, row-major), b, alpha?, gamma?,
// beta?, runningMean?, runningVar?, in, out }.
val layer_parameters(Network& net, int l) {
  const LayerView v = net.layer(l);
  val r = val::object();
  r.set("in", v.in);
  r.set("out", v.out);
  r.set("W", copy_out(v.W, static_cast<size_t>(v.in) * v.out));
  r.set("b", copy_out(v.b, v.out));
  if (l < net.hidden_layers()) r.set("alpha", copy_out(v.alpha, v.out));
  if (v.batch_norm) {
    r.set("gamma", copy_out(v.gamma, v.out));
    r.set("beta", copy_out(v.beta, v.out));
    r.set("runningMean", copy_out(v.running_mean, v.out));
    r.set("runningVar", copy_out(v.running_var, v.out));
  }
  return r;
}
// ---- regions and traces (issue 15) ----
// grid, gates → { count, linear, ids (Int32Array), foldLayer (Uint8Array), gates? (count × units) }.
val regions(Network& net, const Grid& g, bool gates) {
  RegionWorkspace work;
  RegionMap m;
  region_map(net, g, &work, &m);
  val r = val::object();
  r.set("count", m.count);
  r.set("linear", m.linear);
  r.set("ids", copy_out(m.ids));
  r.set("foldLayer", copy_out(m.fold_layer));
  if (gates) r.set("gates", copy_out(region_gates(m, net.config())));
  return r;
}
// (x, y, label) → { layers: [{ z, a, gate, dLdz, dW, db }] (output last), prediction, loss }.
val trace(Network& net, float x, float y, float label) {
  const Trace t = trace_point(net, x, y, label);
  val layers = val::array();
  for (const TraceLayer& T : t.layers) {
    val l = val::object();
    l.set("z", copy_out(T.z));
    l.set("a", copy_out(T.a));
    l.set("gate", copy_out(T.gate));
    l.set("dLdz", copy_out(T.dLdz));
    l.set("dW", copy_out(T.dW));
    l.set("db", copy_out(T.db));
    layers.call<void>("push", l);
  }
  val r = val::object();
  r.set("layers", layers);
  r.set("prediction", copy_out(t.prediction));
  r.set("loss", t.loss);
  return r;
}

std::string config_json(const Network& net) { return config_to_json(net.config()); }

// The engine's limits, for the facade's schema test and for display.
val limits() {
  val r = val::object();
  r.set("maxHiddenLayers", kMaxHiddenLayers);
  r.set("minUnits", kMinUnits);
  r.set("maxUnits", kMaxUnits);
  r.set("minClasses", kMinClasses);
  r.set("maxClasses", kMaxClasses);
  r.set("minSamples", kMinSamples);
  r.set("maxSamples", kMaxSamples);
  r.set("maxBatchSize", kMaxBatchSize);
  r.set("maxGridSide", kMaxGridSide);
  r.set("histogramBins", kHistogramBins);
  r.set("histogramRange", kHistogramRange);
  r.set("maxLearningRate", kMaxLearningRate);
  r.set("modelFormatVersion", kModelFormatVersion);
  return r;
}
val activations() { return val::array(kActivationTable.begin(), kActivationTable.end()); }
bool simd_build() { return kSimdBuild; }
double heap_used_bytes() { return mallinfo().uordblks; }
double heap_size_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // namespace

using namespace emscripten;

// The table is aligned in columns on purpose.
// clang-format off
EMSCRIPTEN_BINDINGS(relu_lab) {
  // ---- plain values (JS objects, copied each way) ----------------------------------------
  value_object<Status>("Status")
      .field("ok",      &Status::ok)
      .field("field",   &Status::field)
      .field("message", &Status::message);

  value_object<ActivationInfo>("ActivationInfo")
      .field("name",         RELU_AS_STRING(&ActivationInfo::name))
      .field("formula",      RELU_AS_STRING(&ActivationInfo::formula))
      .field("lo",           &ActivationInfo::lo)
      .field("hi",           &ActivationInfo::hi)
      .field("defaultAlpha", &ActivationInfo::default_alpha)
      .field("hasAlpha",     &ActivationInfo::has_alpha)
      .field("learnedAlpha", &ActivationInfo::learned_alpha)
      .field("reluFamily",   &ActivationInfo::relu_family);

  value_object<DatasetConfig>("DatasetConfig")
      .field("name",          RELU_BY_NAME(&DatasetConfig::kind, kDatasetNames))
      .field("samples",       &DatasetConfig::samples)
      .field("noise",         &DatasetConfig::noise)
      .field("trainFraction", &DatasetConfig::train_fraction)
      .field("classes",       &DatasetConfig::classes)
      .field("extent",        &DatasetConfig::extent)
      .field("seed",          RELU_AS_NUMBER(&DatasetConfig::seed));

  value_object<LayerConfig>("LayerConfig")
      .field("units",      &LayerConfig::units)
      .field("activation", RELU_ACT_BY_NAME(&LayerConfig::activation))
      .field("alpha",      &LayerConfig::alpha)
      .field("batchNorm",  &LayerConfig::batch_norm);

  value_object<NetworkConfig>("NetworkConfig")
      .field("features",       &NetworkConfig::features)  // bit mask, bit i = kFeatureNames[i]
      .field("hidden",         RELU_AS_ARRAY(&NetworkConfig::hidden))
      .field("output",         RELU_BY_NAME(&NetworkConfig::head, kHeadNames))
      .field("classes",        &NetworkConfig::classes)
      .field("init",           RELU_BY_NAME(&NetworkConfig::init, kInitNames))
      .field("initScale",      &NetworkConfig::init_scale)
      .field("biasInit",       &NetworkConfig::bias_init)
      .field("reluGradAtZero", &NetworkConfig::relu_grad_at_zero)
      .field("seed",           RELU_AS_NUMBER(&NetworkConfig::seed));

  value_object<TrainConfig>("TrainConfig")
      .field("optimizer",          RELU_BY_NAME(&TrainConfig::optimizer, kOptimizerNames))
      .field("learningRate",       &TrainConfig::learning_rate)
      .field("batchSize",          &TrainConfig::batch_size)
      .field("regularization",     RELU_BY_NAME(&TrainConfig::regularization, kRegularizationNames))
      .field("regularizationRate", &TrainConfig::regularization_rate)
      .field("momentum",           &TrainConfig::momentum)
      .field("beta1",              &TrainConfig::beta1)
      .field("beta2",              &TrainConfig::beta2)
      .field("epsilon",            &TrainConfig::epsilon);

  value_object<EpochMetrics>("EpochMetrics")
      .field("epoch",         &EpochMetrics::epoch)
      .field("trainLoss",     &EpochMetrics::train_loss)
      .field("testLoss",      &EpochMetrics::test_loss)
      .field("trainAccuracy", &EpochMetrics::train_accuracy)
      .field("testAccuracy",  &EpochMetrics::test_accuracy)
      .field("diverged",      &EpochMetrics::diverged);

  value_object<Network::StepsResult>("StepsResult")  // time travel: out only
      .field("steps",      &Network::StepsResult::steps)
      .field("epochEnded", &Network::StepsResult::epoch_ended)
      .field("metrics",    &Network::StepsResult::metrics);

  value_object<Grid>("Grid")
      .field("width",  &Grid::width)
      .field("height", &Grid::height)
      .field("x0",     &Grid::x0)
      .field("x1",     &Grid::x1)
      .field("y0",     &Grid::y0)
      .field("y1",     &Grid::y1);

  value_object<HealthOptions>("HealthOptions")
      .field("planeResolution", &HealthOptions::plane_resolution)
      .field("dormancyTau",     &HealthOptions::dormancy_tau);

  value_object<LayerHealth>("LayerHealth")  // out only: vectors arrive as typed-array copies
      .field("activation",     RELU_ACT_BY_NAME(&LayerHealth::activation))
      .field("units",          &LayerHealth::units)
      .field("activationRate", RELU_AS_COPY(&LayerHealth::activation_rate))
      .field("meanAbs",        RELU_AS_COPY(&LayerHealth::mean_abs))
      .field("dormancy",       RELU_AS_COPY(&LayerHealth::dormancy))
      .field("deadOnData",     RELU_AS_COPY(&LayerHealth::dead_on_data))
      .field("deadOnPlane",    RELU_AS_COPY(&LayerHealth::dead_on_plane))
      .field("dormant",        RELU_AS_COPY(&LayerHealth::dormant))
      .field("diedAtEpoch",    RELU_AS_COPY(&LayerHealth::died_at_epoch))
      .field("histogram",      RELU_AS_COPY(&LayerHealth::histogram))
      .field("sparsity",       &LayerHealth::sparsity)
      .field("gradientNorm",   &LayerHealth::gradient_norm)
      .field("deadCount",      &LayerHealth::dead_count);

  value_object<Health>("Health")  // out only
      .field("layers",     RELU_AS_ARRAY(&Health::layers))
      .field("deadUnits",  &Health::dead_units)
      .field("totalUnits", &Health::total_units);

  // ---- the engine's tables and limits -----------------------------------------------------
  function("datasetNames",        &names<kDatasetNames>);
  function("headNames",           &names<kHeadNames>);
  function("initNames",           &names<kInitNames>);
  function("optimizerNames",      &names<kOptimizerNames>);
  function("regularizationNames", &names<kRegularizationNames>);
  function("featureNames",        &names<kFeatureNames>);
  function("activations",         &activations);
  function("limits",              &limits);
  function("simdBuild",           &simd_build);
  function("heapUsedBytes",       &heap_used_bytes);
  function("heapSizeBytes",       &heap_size_bytes);
  function("activationCurve",     &activation_curve_of);      // (name, α, g0, xs) → {f, df}

  // ---- validation (the facade's second line; each names the offending field) ----------------
  function("validateDataset", select_overload<Status(const DatasetConfig&)>(&validate));
  function("validateNetwork", select_overload<Status(const NetworkConfig&)>(&validate));
  function("validateTrain",   select_overload<Status(const TrainConfig&)>(&validate));
  function("validateGrid",    select_overload<Status(const Grid&)>(&validate));

  // ---- objects owned by JS (free with delete()) ----------------------------------------------
  class_<Dataset>("Dataset")
      .class_function("generate", &Dataset::generate)           // (DatasetConfig) → Dataset
      .class_function("empty",    &empty_dataset)               // (classes, extent) → Dataset
      .class_function("fromCsv",  &dataset_from_csv_text)       // (text, extent) → {value, status}
      .function("toCsv",       &dataset_to_csv)
      .function("classes",     &Dataset::classes)               // 0 for regression
      .function("extent",      &Dataset::extent)
      .function("trainSize",   &train_size)
      .function("testSize",    &test_size)
      .function("points",      &points)                         // (test) → {x, y, label}
      .function("checkPoint",  &Dataset::check_point)           // (x, y, label) → Status
      .function("add",         &Dataset::add)                   // (x, y, label, toTest)
      .function("remove",      &Dataset::remove)                // (i, fromTest) → bool
      .function("relabel",     &Dataset::relabel)               // (i, label, inTest) → bool
      .function("removeNear",  &Dataset::remove_near);          // (x, y, radius) → bool

  class_<Network>("Network")
      .class_function("create",   &create_network)              // (NetworkConfig) → {value, status}
      .class_function("fromJson", &network_from_json)           // (text) → {value, status}
      .function("toJson",           &model_to_json)
      .function("configJson",       &config_json)
      .function("epoch",            &Network::epoch)
      .function("outputUnits",      &Network::output_units)
      .function("totalHiddenUnits", &Network::total_hidden_units)
      .function("parameterCount",   &Network::parameter_count)
      .function("checkCompatible",  &Network::check_compatible)  // (Dataset) → Status
      .function("trainEpoch",       &train_epoch)                // (Dataset, TrainConfig) → metrics
      .function("train",            &Network::train)             // (…, epochs): stops at divergence
      .function("evaluate",         &Network::evaluate)          // (Dataset) → metrics
      .function("predict",          &predict)                    // (xs, ys) → Float32Array
      .function("predictGrid",      &predict_grid)               // (Grid) → Float32Array
      .function("predictGridInto",  &predict_grid_into)          // (Grid, Float32Array) → void
      .function("unitMaps",         &unit_maps)                  // (Grid) → Float32Array
      .function("health",           &Network::health)            // (Dataset, HealthOptions) → Health
      .function("reviveUnit",       &revive_unit)                // (layer, unit) → 0 or 1
      .function("setAlpha",         &Network::set_alpha)         // (layer, α)
      .function("layerCount",       &Network::layer_count)       // hidden layers + output
      .function("layerParameters",  &layer_parameters)           // (layer) → {W, b, …} copies
      .function("setParameter",     &Network::set_parameter)     // (layer, unit, input|−1, v) → bool
      .function("setReluGradAtZero", &Network::set_relu_grad_at_zero)
      // time travel
      .class_function("stepsPerEpoch", &steps_per_epoch)        // (Dataset, batchSize) → ⌈n / B⌉
      .function("clone",            &clone_network)              // () → Network (a new one, JS owns it)
      .function("leanCopy",         &lean_copy)                  // () → Network to keep: only clone() it
      .function("trainSteps",       &train_steps)                // (Dataset, TrainConfig, n) → StepsResult
      .function("stepInEpoch",      &Network::step_in_epoch)     // steps taken in the epoch in progress
      .function("stepsTaken",       &Network::steps_taken)       // every step ever taken (a clock)
      .function("stepsLeft",        &Network::steps_left)        // (Dataset, batchSize) → to the epoch's end
      // regions and traces
      .function("regions",          &regions)                    // (Grid, gates) → {count, ids, …}
      .function("trace",            &trace);                     // (x, y, label) → {layers, loss, …}
}
// clang-format on

}  // namespace relu::js
