// dataset.cpp — generators for the datasets in dataset.hpp.
#include "dataset.hpp"

#include <algorithm>
#include <cmath>

#include "rng.hpp"

namespace relu {

Status validate(const DatasetConfig& c) {
  if (c.samples < kMinSamples || c.samples > kMaxSamples)
    return Status::Error("samples", "must be an integer in [" + std::to_string(kMinSamples) + ", " +
                                        std::to_string(kMaxSamples) + "]");
  if (!(c.noise >= 0.0f && c.noise <= 1.0f)) return Status::Error("noise", "must be in [0, 1]");
  if (!(c.train_fraction > 0.0f && c.train_fraction <= 1.0f))
    return Status::Error("trainFraction", "must be in (0, 1]");
  if (!(c.extent >= 0.1f && c.extent <= 100.0f)) return Status::Error("extent", "must be in [0.1, 100]");
  const bool multi = c.kind == DatasetKind::spiral_k || c.kind == DatasetKind::blobs_k;
  if (multi && (c.classes < kMinClasses || c.classes > kMaxClasses))
    return Status::Error("classes", "must be an integer in [2, 8]");
  return Status::Ok();
}

namespace {

constexpr double kTwoPi = 6.283185307179586;

struct Gen {
  Rng rng;
  double s;       // extent / 6: generators are written for [-6, 6]
  double jitter;  // σ of the position noise, in domain units
  double extent;
  Points all;

  void put(double x, double y, float label, bool noisy = true) {
    if (noisy && jitter > 0.0) {
      x += rng.normal() * jitter;
      y += rng.normal() * jitter;
    }
    x = std::clamp(x, -extent, extent);
    y = std::clamp(y, -extent, extent);
    all.push(static_cast<float>(x), static_cast<float>(y), label);
  }
};

// Class of point i when n points are split as evenly as possible over k classes.
int class_of(int i, int k) { return i % k; }

void circle(Gen& g, int n) {
  const double r = 5.0 * g.s;
  for (int i = 0; i < n; ++i) {
    const int c = class_of(i, 2);
    // class 1 inside radius r/2, class 0 in the ring [0.7r, r] (as TF Playground)
    const double rho = c == 1 ? g.rng.uniform(0.0, 0.5 * r) : g.rng.uniform(0.7 * r, r);
    const double t = g.rng.uniform(0.0, kTwoPi);
    g.put(rho * det::sin(t), rho * det::cos(t), static_cast<float>(c));
  }
}

void xor_(Gen& g, int n) {
  const double pad = 0.3 * g.s, hi = 5.0 * g.s;
  for (int i = 0; i < n; ++i) {
    const int c = class_of(i, 2);
    // pick a quadrant of the wanted class: class 1 where x·y > 0
    const double sx = g.rng.uniform() < 0.5 ? -1.0 : 1.0;
    const double sy = c == 1 ? sx : -sx;
    // Draw into locals: the order of evaluation of function arguments is unspecified, and g++ and
    // clang differ — two draws in one argument list would give different data per compiler.
    const double ax = g.rng.uniform(pad, hi), ay = g.rng.uniform(pad, hi);
    g.put(sx * ax, sy * ay, static_cast<float>(c));
  }
}

void blobs(Gen& g, int n, int k, double sigma_scale, bool two_diagonal) {
  const double sigma = (0.5 + 2.5 * sigma_scale) * g.s;
  for (int i = 0; i < n; ++i) {
    const int c = class_of(i, k);
    double cx, cy;
    if (two_diagonal) {  // gauss: class 1 at (2, 2), class 0 at (−2, −2)
      cx = cy = (c == 1 ? 2.0 : -2.0) * g.s;
    } else {
      const double t = kTwoPi * c / k;
      cx = 3.5 * g.s * det::cos(t);
      cy = 3.5 * g.s * det::sin(t);
    }
    const double dx = g.rng.normal() * sigma, dy = g.rng.normal() * sigma;  // in order: see xor_
    g.put(cx + dx, cy + dy, static_cast<float>(c), false);
  }
}

void spiral(Gen& g, int n, int k) {
  const int per = (n + k - 1) / k;
  for (int i = 0; i < n; ++i) {
    const int c = class_of(i, k), j = i / k;
    const double r = 5.0 * g.s * j / per;
    const double t = 1.75 * j / per * kTwoPi + kTwoPi * c / k;
    // k = 2 reproduces TF Playground's spiral (class 1 is the arm with delta 0)
    const int label = k == 2 ? 1 - c : c;
    g.put(r * det::sin(t), r * det::cos(t), static_cast<float>(label));
  }
}

void moons(Gen& g, int n) {
  constexpr double kPi = 3.141592653589793;
  for (int i = 0; i < n; ++i) {
    const int c = class_of(i, 2);
    const double t = g.rng.uniform(0.0, kPi);
    double x = c == 0 ? det::cos(t) : 1.0 - det::cos(t);
    double y = c == 0 ? det::sin(t) : 0.5 - det::sin(t);
    g.put((x - 0.5) * 3.6 * g.s, (y - 0.25) * 3.6 * g.s, static_cast<float>(c));
  }
}

void regress_plane(Gen& g, int n) {
  const double e = 6.0 * g.s;
  for (int i = 0; i < n; ++i) {
    const double x = g.rng.uniform(-e, e), y = g.rng.uniform(-e, e);
    g.put(x, y, static_cast<float>((x + y) / (2.0 * e)));
  }
}

void regress_gauss(Gen& g, int n) {
  // TF Playground's multi-gauss: six signed bumps; label = the bump with the largest |value|.
  const double e = 6.0 * g.s;
  const double c[6][3] = {{-4, 2.5, 1},   {0, 2.5, -1}, {4, 2.5, 1},
                          {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  for (int i = 0; i < n; ++i) {
    const double x = g.rng.uniform(-e, e), y = g.rng.uniform(-e, e);
    double label = 0.0;
    for (const auto& b : c) {
      const double dx = x - b[0] * g.s, dy = y - b[1] * g.s;
      const double d = det::sqrt(dx * dx + dy * dy) / g.s;
      const double v = b[2] * std::max(0.0, 1.0 - d / 2.0);  // linear bump of radius 2
      if (std::fabs(v) > std::fabs(label)) label = v;
    }
    g.put(x, y, static_cast<float>(label));
  }
}

}  // namespace

Dataset Dataset::generate(const DatasetConfig& c) {
  Gen g{Rng(c.seed), c.extent / 6.0, c.noise * c.extent / 6.0, c.extent, {}};
  int classes = 2;
  switch (c.kind) {
    case DatasetKind::circle: circle(g, c.samples); break;
    case DatasetKind::xor_: xor_(g, c.samples); break;
    case DatasetKind::gauss: blobs(g, c.samples, 2, c.noise, true); break;
    case DatasetKind::spiral: spiral(g, c.samples, 2); break;
    case DatasetKind::moons: moons(g, c.samples); break;
    case DatasetKind::spiral_k: spiral(g, c.samples, classes = c.classes); break;
    case DatasetKind::blobs_k: blobs(g, c.samples, classes = c.classes, c.noise, false); break;
    case DatasetKind::regress_plane: regress_plane(g, c.samples), classes = 0; break;
    case DatasetKind::regress_gauss: regress_gauss(g, c.samples), classes = 0; break;
  }
  // Seeded split: shuffle the indices, the first round(n·fraction) (at least 1) train.
  std::vector<uint32_t> order(c.samples);
  for (int i = 0; i < c.samples; ++i) order[i] = static_cast<uint32_t>(i);
  shuffle(order.data(), static_cast<uint32_t>(order.size()), g.rng);
  int n_train = static_cast<int>(std::lround(c.samples * static_cast<double>(c.train_fraction)));
  n_train = std::clamp(n_train, 1, c.samples);
  Dataset d(classes, c.extent);
  for (int i = 0; i < c.samples; ++i) {
    const uint32_t k = order[i];
    (i < n_train ? d.train_ : d.test_).push(g.all.x[k], g.all.y[k], g.all.label[k]);
  }
  return d;
}

Status Dataset::check_point(float x, float y, float label) const {
  if (!(std::fabs(x) <= extent_)) return Status::Error("x", "must be a finite number in [-extent, extent]");
  if (!(std::fabs(y) <= extent_)) return Status::Error("y", "must be a finite number in [-extent, extent]");
  if (regression()) {
    if (!(label >= -1.0f && label <= 1.0f)) return Status::Error("label", "must be in [-1, 1] (regression)");
  } else if (!(label >= 0.0f && label < static_cast<float>(classes_) && label == std::floor(label))) {
    return Status::Error("label", "must be a class index in [0, " + std::to_string(classes_ - 1) + "]");
  }
  return Status::Ok();
}

void Dataset::add(float x, float y, float label, bool to_test) {
  (to_test ? test_ : train_).push(x, y, label);
}

bool Dataset::remove(int i, bool from_test) {
  Points& p = from_test ? test_ : train_;
  if (i < 0 || i >= p.size()) return false;
  p.x.erase(p.x.begin() + i);
  p.y.erase(p.y.begin() + i);
  p.label.erase(p.label.begin() + i);
  return true;
}

bool Dataset::relabel(int i, float label, bool in_test) {
  Points& p = in_test ? test_ : train_;
  if (i < 0 || i >= p.size()) return false;
  p.label[i] = label;
  return true;
}

bool Dataset::remove_near(float x, float y, float radius) {
  int best = -1;
  bool best_test = false;
  float best_d2 = radius * radius;
  for (int s = 0; s < 2; ++s) {
    const Points& p = s ? test_ : train_;
    for (int i = 0; i < p.size(); ++i) {
      const float dx = p.x[i] - x, dy = p.y[i] - y, d2 = dx * dx + dy * dy;
      if (d2 <= best_d2) best = i, best_test = s == 1, best_d2 = d2;
    }
  }
  return best >= 0 && remove(best, best_test);
}

}  // namespace relu
