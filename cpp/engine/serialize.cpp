// serialize.cpp — see serialize.hpp.
#include "serialize.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace relu {

using nlohmann::json;

namespace {

json floats(const float* v, int n) {
  json a = json::array();
  for (int i = 0; i < n; ++i) a.push_back(v[i]);
  return a;
}

// A tiny checked reader: every accessor names the path it failed at and leaves *st set.
struct Reader {
  Status* st;
  bool fail(const std::string& path, const std::string& msg) {
    if (st->ok) *st = Status::Error(path, msg);
    return false;
  }
  const json* field(const json& obj, const char* key, const std::string& path, bool required = true) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(path + key, "is required");
      return nullptr;
    }
    return &*it;
  }
  bool number(const json& obj, const char* key, const std::string& path, float* out, bool required = true) {
    const json* v = field(obj, key, path, required);
    if (!v) return !required;
    if (!v->is_number()) return fail(path + key, "must be a number");
    const double d = v->get<double>();
    if (!std::isfinite(d) || std::fabs(d) > 3.0e38) return fail(path + key, "must be a finite float");
    *out = static_cast<float>(d);
    return true;
  }
  bool integer(const json& obj, const char* key, const std::string& path, long long lo, long long hi,
               long long* out, bool required = true) {
    const json* v = field(obj, key, path, required);
    if (!v) return !required;
    if (!v->is_number_integer() &&
        !(v->is_number_float() && std::floor(v->get<double>()) == v->get<double>()))
      return fail(path + key, "must be an integer");
    const double d = v->get<double>();
    if (d < lo || d > hi)
      return fail(path + key, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    *out = static_cast<long long>(d);
    return true;
  }
  template <size_t N>
  bool name(const json& obj, const char* key, const std::string& path,
            const std::array<const char*, N>& names, int* out, bool required = true) {
    const json* v = field(obj, key, path, required);
    if (!v) return !required;
    const int i = v->is_string() ? find_name(names, v->get<std::string>()) : -1;
    if (i < 0) return fail(path + key, "must be one of " + join_names(names));
    *out = i;
    return true;
  }
  bool boolean(const json& obj, const char* key, const std::string& path, bool* out) {
    const json* v = field(obj, key, path, false);
    if (!v) return true;
    if (!v->is_boolean()) return fail(path + key, "must be true or false");
    *out = v->get<bool>();
    return true;
  }
  bool vec(const json& obj, const char* key, const std::string& path, int n, float* out,
           bool required = true) {
    const json* v = field(obj, key, path, required);
    if (!v) return !required;
    return values(*v, path + key, n, out);
  }
  bool values(const json& v, const std::string& path, int n, float* out) {
    if (!v.is_array() || static_cast<int>(v.size()) != n)
      return fail(path, "must be an array of " + std::to_string(n) + " numbers");
    for (int i = 0; i < n; ++i) {
      const json& e = v[i];
      // Beyond kDivergedMagnitude a trained net would have been rolled back as diverged; such a
      // weight only overflows to NaN in the forward pass.
      if (!e.is_number() || !(std::fabs(e.get<double>()) < kDivergedMagnitude))
        return fail(path + "[" + std::to_string(i) + "]", "must be a finite number with magnitude below 1e6");
      out[i] = static_cast<float>(e.get<double>());
    }
    return true;
  }
};

bool read_config(const json& c, Reader& r, NetworkConfig* out) {
  const std::string p = "config.";
  if (!c.is_object()) return r.fail("config", "must be an object");
  NetworkConfig cfg;
  if (const json* f = r.field(c, "features", p, false)) {
    if (!f->is_array() || f->empty())
      return r.fail(p + "features", "must be a non-empty array of " + join_names(kFeatureNames));
    cfg.features = 0;
    for (size_t i = 0; i < f->size(); ++i) {
      const int k = (*f)[i].is_string() ? find_name(kFeatureNames, (*f)[i].get<std::string>()) : -1;
      if (k < 0)
        return r.fail(p + "features[" + std::to_string(i) + "]",
                      "must be one of " + join_names(kFeatureNames));
      cfg.features |= 1u << k;
    }
  }
  const json* h = r.field(c, "hidden", p);
  if (!h) return false;
  if (!h->is_array() || h->size() > static_cast<size_t>(kMaxHiddenLayers))
    return r.fail(p + "hidden",
                  "must be an array of at most " + std::to_string(kMaxHiddenLayers) + " layers");
  cfg.hidden.clear();
  for (size_t l = 0; l < h->size(); ++l) {
    const json& e = (*h)[l];
    const std::string lp = p + "hidden[" + std::to_string(l) + "].";
    if (!e.is_object()) return r.fail(lp.substr(0, lp.size() - 1), "must be an object");
    LayerConfig lc;
    long long units = 0;
    std::array<const char*, kActivationCount> act_names{};
    for (int i = 0; i < kActivationCount; ++i) act_names[i] = kActivationTable[i].name;
    int act = 0;
    if (!r.integer(e, "units", lp, kMinUnits, kMaxUnits, &units) ||
        !r.name(e, "activation", lp, act_names, &act) || !r.number(e, "alpha", lp, &lc.alpha, false) ||
        !r.boolean(e, "batchNorm", lp, &lc.batch_norm))
      return false;
    lc.units = static_cast<int>(units);
    lc.activation = static_cast<Act>(act);
    cfg.hidden.push_back(lc);
  }
  int head = 0, init = 0;
  long long classes = 2, seed = 1;
  if (!r.name(c, "output", p, kHeadNames, &head) || !r.name(c, "init", p, kInitNames, &init, false) ||
      !r.integer(c, "classes", p, kMinClasses, kMaxClasses, &classes, false) ||
      !r.number(c, "initScale", p, &cfg.init_scale, false) ||
      !r.number(c, "biasInit", p, &cfg.bias_init, false) ||
      !r.number(c, "reluGradAtZero", p, &cfg.relu_grad_at_zero, false) ||
      !r.integer(c, "seed", p, 0, 9007199254740991LL, &seed, false))
    return false;
  cfg.head = static_cast<Head>(head);
  if (r.field(c, "init", p, false)) cfg.init = static_cast<Init>(init);
  cfg.classes = static_cast<int>(classes);
  cfg.seed = static_cast<uint64_t>(seed);
  Status s = validate(cfg);
  if (!s.ok) return r.fail(p + s.field, s.message);
  *out = cfg;
  return true;
}

json config_json(const NetworkConfig& c) {
  json f = json::array();
  for (int k = 0; k < kFeatureCount; ++k)
    if ((c.features >> k) & 1u) f.push_back(kFeatureNames[k]);
  json hidden = json::array();
  for (const LayerConfig& l : c.hidden)
    hidden.push_back({{"units", l.units},
                      {"activation", activation_info(l.activation).name},
                      {"alpha", layer_alpha(l)},
                      {"batchNorm", l.batch_norm}});
  return {{"features", f},
          {"hidden", hidden},
          {"output", kHeadNames[static_cast<int>(c.head)]},
          {"classes", c.classes},
          {"init", kInitNames[static_cast<int>(c.init)]},
          {"initScale", c.init_scale},
          {"biasInit", c.bias_init},
          {"reluGradAtZero", c.relu_grad_at_zero},
          {"seed", c.seed}};
}

// A hidden layer's "diedAt" (version 2, optional): one integer per unit, −1 (alive) or the epoch
// it died at, which cannot be later than the model's epoch.
bool read_died_at(const json& L, const std::string& lp, int units, int epoch, Reader& r, Network* net,
                  int layer) {
  const json* d = r.field(L, "diedAt", lp, false);
  if (!d) return true;
  if (!d->is_array() || static_cast<int>(d->size()) != units)
    return r.fail(lp + "diedAt", "must be an array of " + std::to_string(units) + " integers");
  std::vector<int> out(units);
  for (int u = 0; u < units; ++u) {
    const json& e = (*d)[u];
    const double v = e.is_number() ? e.get<double>() : 0.5;  // 0.5: not a whole number
    if (std::floor(v) != v || v < -1 || v > epoch)
      return r.fail(lp + "diedAt[" + std::to_string(u) + "]",
                    "must be −1 (alive) or an epoch in [0, " + std::to_string(epoch) + "]");
    out[u] = static_cast<int>(v);
  }
  net->set_died_at(layer, std::move(out));
  return true;
}

}  // namespace

std::string config_to_json(const NetworkConfig& c) { return config_json(c).dump(); }

std::string model_to_json(Network& net) {
  json layers = json::array();
  for (int l = 0; l < net.layer_count(); ++l) {
    const LayerView v = net.layer(l);
    json W = json::array();
    for (int o = 0; o < v.out; ++o) W.push_back(floats(v.W + static_cast<size_t>(o) * v.in, v.in));
    json L = {{"W", W}, {"b", floats(v.b, v.out)}};
    if (l < net.hidden_layers() && activation_info(v.activation).learned_alpha)
      L["alpha"] = floats(v.alpha, v.out);
    if (v.batch_norm) {
      L["gamma"] = floats(v.gamma, v.out);
      L["beta"] = floats(v.beta, v.out);
      L["runningMean"] = floats(v.running_mean, v.out);
      L["runningVar"] = floats(v.running_var, v.out);
    }
    if (l < net.hidden_layers()) L["diedAt"] = net.died_at(l);  // version 2
    layers.push_back(L);
  }
  json j = {{"format", "relu-lab-model"},
            {"version", kModelFormatVersion},
            {"epoch", net.epoch()},
            {"config", config_json(net.config())},
            {"layers", layers}};
  return j.dump();
}

std::unique_ptr<Network> model_from_json(const std::string& text, Status* status) {
  Status local;
  Status* st = status ? status : &local;
  *st = Status::Ok();
  Reader r{st};
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return r.fail("json", "is not valid JSON"), nullptr;
  if (!j.is_object()) return r.fail("json", "must be an object"), nullptr;
  const json* fmt = r.field(j, "format", "");
  if (!fmt) return nullptr;
  if (!fmt->is_string() || fmt->get<std::string>() != "relu-lab-model")
    return r.fail("format", "must be \"relu-lab-model\""), nullptr;
  long long version = 0, epoch = 0;
  if (!r.integer(j, "version", "", 1, kModelFormatVersion, &version) ||
      !r.integer(j, "epoch", "", 0, 2147483647LL, &epoch, false))
    return nullptr;
  const json* c = r.field(j, "config", "");
  NetworkConfig cfg;
  if (!c || !read_config(*c, r, &cfg)) return nullptr;
  auto net = Network::create(cfg, st);
  if (!net) return nullptr;
  const json* layers = r.field(j, "layers", "");
  if (!layers) return nullptr;
  if (!layers->is_array() || static_cast<int>(layers->size()) != net->layer_count())
    return r.fail("layers", "must be an array of " + std::to_string(net->layer_count()) + " layers"), nullptr;
  for (int l = 0; l < net->layer_count(); ++l) {
    const json& L = (*layers)[l];
    const std::string lp = "layers[" + std::to_string(l) + "].";
    if (!L.is_object()) return r.fail(lp.substr(0, lp.size() - 1), "must be an object"), nullptr;
    LayerView v = net->layer(l);
    const json* W = r.field(L, "W", lp);
    if (!W) return nullptr;
    if (!W->is_array() || static_cast<int>(W->size()) != v.out)
      return r.fail(lp + "W", "must be an array of " + std::to_string(v.out) + " rows"), nullptr;
    for (int o = 0; o < v.out; ++o)
      if (!r.values((*W)[o], lp + "W[" + std::to_string(o) + "]", v.in, v.W + static_cast<size_t>(o) * v.in))
        return nullptr;
    if (!r.vec(L, "b", lp, v.out, v.b)) return nullptr;
    if (l < net->hidden_layers() && activation_info(v.activation).learned_alpha &&
        !r.vec(L, "alpha", lp, v.out, v.alpha))
      return nullptr;
    if (v.batch_norm && (!r.vec(L, "gamma", lp, v.out, v.gamma) || !r.vec(L, "beta", lp, v.out, v.beta) ||
                         !r.vec(L, "runningMean", lp, v.out, v.running_mean) ||
                         !r.vec(L, "runningVar", lp, v.out, v.running_var)))
      return nullptr;
    if (v.batch_norm)
      for (int u = 0; u < v.out; ++u)
        if (!(v.running_var[u] >= 0.0f))
          return r.fail(lp + "runningVar[" + std::to_string(u) + "]", "must be ≥ 0"), nullptr;
    if (l < net->hidden_layers() && !read_died_at(L, lp, v.out, static_cast<int>(epoch), r, net.get(), l))
      return nullptr;
  }
  net->set_epoch(static_cast<int>(epoch));
  return net;
}

// ---- CSV ------------------------------------------------------------------------------------

std::string dataset_to_csv(const Dataset& d) {
  std::string s = "x,y,label,split\n";
  char buf[96];
  for (int set = 0; set < 2; ++set) {
    const Points& p = set ? d.test() : d.train();
    for (int i = 0; i < p.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%.9g,%.9g,%.9g,%s\n", p.x[i], p.y[i], p.label[i],
                    set ? "test" : "train");
      s += buf;
    }
  }
  return s;
}

namespace {
bool parse_float(const std::string& cell, float* out) {
  if (cell.empty() || cell.size() > 64) return false;
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size() || !std::isfinite(v) || std::fabs(v) > 3.0e38) return false;
  *out = static_cast<float>(v);
  return true;
}
std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}
}  // namespace

std::unique_ptr<Dataset> dataset_from_csv(const std::string& text, float extent, Status* status) {
  Status local;
  Status* st = status ? status : &local;
  auto fail = [st](const std::string& f, const std::string& m) {
    *st = Status::Error(f, m);
    return nullptr;
  };
  size_t pos = 0;
  auto getline = [&](std::string& out) {
    if (pos >= text.size()) return false;
    size_t e = text.find('\n', pos);
    if (e == std::string::npos) e = text.size();
    out = text.substr(pos, e - pos);
    pos = e + 1;
    return true;
  };
  std::string line;
  if (!getline(line)) return fail("csv", "is empty; expected a header x,y,label[,split]");
  const std::string header = trim(line);
  const bool with_split = header == "x,y,label,split";
  if (!with_split && header != "x,y,label") return fail("csv header", "must be x,y,label or x,y,label,split");
  struct Row {
    float x, y, label;
    bool test;
  };
  std::vector<Row> rows;
  int line_no = 1;
  while (getline(line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    if (static_cast<int>(rows.size()) >= kMaxSamples)
      return fail("csv", "has more than " + std::to_string(kMaxSamples) + " points");
    std::vector<std::string> cells;
    for (size_t c = 0;;) {
      size_t e = line.find(',', c);
      cells.push_back(trim(line.substr(c, e == std::string::npos ? std::string::npos : e - c)));
      if (e == std::string::npos) break;
      c = e + 1;
    }
    const size_t want = with_split ? 4 : 3;
    const std::string at = "csv line " + std::to_string(line_no);
    if (cells.size() != want) return fail(at, "must have " + std::to_string(want) + " columns");
    Row r{};
    if (!parse_float(cells[0], &r.x) || !(std::fabs(r.x) <= extent))
      return fail(at + " x", "must be a number in [-extent, extent]");
    if (!parse_float(cells[1], &r.y) || !(std::fabs(r.y) <= extent))
      return fail(at + " y", "must be a number in [-extent, extent]");
    if (!parse_float(cells[2], &r.label)) return fail(at + " label", "must be a number");
    r.test = false;
    if (with_split) {
      if (cells[3] != "train" && cells[3] != "test") return fail(at + " split", "must be train or test");
      r.test = cells[3] == "test";
    }
    rows.push_back(r);
  }
  if (rows.empty()) return fail("csv", "has no points");
  bool integral = true;
  float max_label = 0.0f;
  for (const Row& r : rows) {
    integral = integral && r.label >= 0.0f && r.label == std::floor(r.label) && r.label < kMaxClasses;
    max_label = std::max(max_label, r.label);
  }
  const bool regression = !integral;
  const int classes = regression ? 0 : std::max(2, static_cast<int>(max_label) + 1);
  auto d = std::make_unique<Dataset>(classes, extent);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    Status s = d->check_point(r.x, r.y, r.label);
    if (!s.ok) return fail("csv row " + std::to_string(i + 1) + " " + s.field, s.message);
    d->add(r.x, r.y, r.label, r.test);
  }
  *st = Status::Ok();
  return d;
}

}  // namespace relu
