// test_datasets.cpp — generators: determinism, balance, domain, documented noise.
#include <cmath>
#include <set>

#include "helpers.hpp"

using namespace relu;
using namespace relu::testing;

TEST_CASE("every dataset is deterministic by seed, inside the domain and balanced") {
  for (int k = 0; k < static_cast<int>(kDatasetNames.size()); ++k) {
    const auto kind = static_cast<DatasetKind>(k);
    INFO(std::string(kDatasetNames[k]));
    const Dataset a = make_data(kind, 301, 5, 0.3f, 3), b = make_data(kind, 301, 5, 0.3f, 3);
    const Dataset c = make_data(kind, 301, 6, 0.3f, 3);
    CHECK(a.train().x == b.train().x);
    CHECK(a.test().label == b.test().label);
    CHECK(a.train().x != c.train().x);
    CHECK(a.train().size() + a.test().size() == 301);
    CHECK(a.train().size() == 151);  // round(301 · 0.5)
    std::vector<int> count(8, 0);
    for (const Points* p : {&a.train(), &a.test()})
      for (int i = 0; i < p->size(); ++i) {
        CHECK(std::fabs(p->x[i]) <= 6.0f);
        CHECK(std::fabs(p->y[i]) <= 6.0f);
        if (a.regression()) {
          CHECK(std::fabs(p->label[i]) <= 1.0f);
        } else {
          REQUIRE(p->label[i] >= 0.0f);
          REQUIRE(p->label[i] < a.classes());
          count[static_cast<int>(p->label[i])]++;
        }
      }
    if (!a.regression()) {  // as even as 301 points allow
      const int lo = 301 / a.classes();
      for (int cl = 0; cl < a.classes(); ++cl) CHECK((count[cl] == lo || count[cl] == lo + 1));
    }
  }
}

TEST_CASE("the spiral reproduces TF Playground's geometry") {
  const Dataset d = make_data(DatasetKind::spiral, 500, 1, 0.0f);
  for (const Points* p : {&d.train(), &d.test()})
    for (int i = 0; i < p->size(); ++i) CHECK(std::hypot(p->x[i], p->y[i]) <= 5.0f + 1e-4f);
}

TEST_CASE("noise moves points by the documented σ and never changes labels' balance") {
  // circle: the clean ring of class 0 lies in [3.5, 5]; with noise 0.5 (σ = 0.5) about 2/3 of
  // the points of class 0 still do, and some leave it.
  auto ring_share = [](float noise) {
    const Dataset d = make_data(DatasetKind::circle, 2000, 3, noise);
    int in = 0, total = 0;
    for (int i = 0; i < d.train().size(); ++i)
      if (d.train().label[i] == 0.0f) {
        const float r = std::hypot(d.train().x[i], d.train().y[i]);
        in += r >= 3.5f && r <= 5.0f, ++total;
      }
    return static_cast<double>(in) / total;
  };
  CHECK(ring_share(0.0f) == 1.0);
  const double noisy = ring_share(0.5f);
  CHECK(noisy < 0.9);
  CHECK(noisy > 0.4);
  // gauss: noise widens the blobs
  auto spread = [](float noise) {
    const Dataset d = make_data(DatasetKind::gauss, 2000, 3, noise);
    double s = 0;
    int n = 0;
    for (int i = 0; i < d.train().size(); ++i)
      if (d.train().label[i] == 1.0f) s += std::pow(d.train().x[i] - 2.0, 2), ++n;
    return std::sqrt(s / n);
  };
  CHECK(spread(0.0f) == doctest::Approx(0.5).epsilon(0.1));
  CHECK(spread(0.4f) == doctest::Approx(1.5).epsilon(0.1));
}

TEST_CASE("invalid dataset configs name their field") {
  DatasetConfig c;
  c.samples = 1;
  CHECK(validate(c).field == "samples");
  c = {};
  c.noise = NAN;
  CHECK(validate(c).field == "noise");
  c = {};
  c.train_fraction = 0.0f;
  CHECK(validate(c).field == "trainFraction");
  c = {};
  c.kind = DatasetKind::blobs_k;
  c.classes = 9;
  CHECK(validate(c).field == "classes");
}

TEST_CASE("user points can be added, relabelled and removed, and are checked first") {
  Dataset d = make_data(DatasetKind::xor_, 10);
  const int n = d.train().size();
  CHECK(d.check_point(1.0f, 2.0f, 1.0f).ok);
  CHECK(d.check_point(7.0f, 2.0f, 1.0f).field == "x");
  CHECK(d.check_point(1.0f, NAN, 1.0f).field == "y");
  CHECK(d.check_point(1.0f, 2.0f, 2.0f).field == "label");
  CHECK(d.check_point(1.0f, 2.0f, 0.5f).field == "label");
  d.add(1.0f, 2.0f, 1.0f);
  CHECK(d.train().size() == n + 1);
  CHECK(d.relabel(n, 0.0f));
  CHECK(d.train().label[n] == 0.0f);
  CHECK_FALSE(d.relabel(n + 1, 0.0f));
  CHECK(d.remove_near(1.01f, 2.0f, 0.1f));
  CHECK(d.train().size() == n);
  CHECK_FALSE(d.remove(-1));
}
