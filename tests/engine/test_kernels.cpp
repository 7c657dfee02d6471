// test_kernels.cpp — the fast kernels against their scalar references on random shapes.
// In native and no-SIMD builds both sides are the reference (the test then checks the dispatch);
// in the SIMD build it compares two implementations.
#include <algorithm>
#include <cmath>
#include <vector>

#include "helpers.hpp"
#include "kernels.hpp"
#include "rng.hpp"

using namespace relu;
using relu::testing::all_close;

namespace {
std::vector<float> random_block(Rng& rng, int rows, int ld, int n, float scale = 1.0f) {
  std::vector<float> v(static_cast<size_t>(rows) * ld, 0.0f);
  for (int r = 0; r < rows; ++r)
    for (int p = 0; p < n; ++p) v[static_cast<size_t>(r) * ld + p] = static_cast<float>(rng.normal() * scale);
  return v;
}
// The SIMD dense and activation kernels do the reference's float operations in the reference's
// order (sums over points run from the first point on, as the scalar loops do), so their results
// must be equal, not close: that is what makes SIMD and scalar builds train alike.
constexpr float kAtol = 0.0f, kRtol = 0.0f;
}  // namespace

TEST_CASE("dense forward and backward match the reference on shapes that are not multiples of 4") {
  Rng rng(42);
  for (int trial = 0; trial < 60; ++trial) {
    const int in = 1 + rng.below(20), out = 1 + rng.below(40),
              n = 1 + rng.below(70);  // tiles: 8 inputs, 16 outputs, 16 points
    const int ld = pad_lanes(n) + 4 * static_cast<int>(rng.below(3));
    INFO("in ", in, " out ", out, " n ", n, " ld ", ld);
    auto W = random_block(rng, out, in, in), b = random_block(rng, 1, out, out);
    auto x = random_block(rng, in, ld, n);
    std::vector<float> z1(static_cast<size_t>(out) * ld), z2 = z1;
    kernels::dense_forward(W.data(), b.data(), x.data(), z1.data(), in, out, n, ld);
    kernels::ref::dense_forward(W.data(), b.data(), x.data(), z2.data(), in, out, n, ld);
    for (int o = 0; o < out; ++o) CHECK(all_close(&z1[o * ld], &z2[o * ld], n, kAtol, kRtol, "z"));

    auto dz = random_block(rng, out, ld, n);
    std::vector<float> dW1(W.size(), 0.5f), dW2 = dW1, db1(out, 0.25f), db2 = db1;
    std::vector<float> dx1(static_cast<size_t>(in) * ld, 9.0f), dx2 = dx1;
    kernels::dense_backward(W.data(), x.data(), dz.data(), dW1.data(), db1.data(), dx1.data(), in, out, n,
                            ld);
    kernels::ref::dense_backward(W.data(), x.data(), dz.data(), dW2.data(), db2.data(), dx2.data(), in, out,
                                 n, ld);
    CHECK(all_close(dW1.data(), dW2.data(), dW1.size(), kAtol, kRtol, "dW"));
    CHECK(all_close(db1.data(), db2.data(), db1.size(), kAtol, kRtol, "db"));
    for (int i = 0; i < in; ++i) CHECK(all_close(&dx1[i * ld], &dx2[i * ld], n, kAtol, kRtol, "dx"));
  }
}

TEST_CASE("activation kernels match the reference for every activation, ReLU'(0) included") {
  Rng rng(7);
  for (const ActivationInfo& a : kActivationTable) {
    for (float g0 : {0.0f, 0.5f, 1.0f}) {
      const int units = 1 + rng.below(9), n = 1 + rng.below(29), ld = pad_lanes(n);
      INFO(std::string(a.name), " units ", units, " n ", n, " g0 ", g0);
      auto z = random_block(rng, units, ld, n, 4.0f);
      z[0] = 0.0f;  // exercise the kink
      std::vector<float> alpha(units);
      for (float& al : alpha) al = a.has_alpha ? static_cast<float>(rng.uniform(0.0, 1.0)) : 0.0f;
      std::vector<float> a1(z.size()), a2(z.size());
      kernels::activation_forward(a.id, alpha.data(), z.data(), a1.data(), units, n, ld);
      kernels::ref::activation_forward(a.id, alpha.data(), z.data(), a2.data(), units, n, ld);
      CHECK(all_close(a1.data(), a2.data(), a1.size(), kAtol, kRtol, "a"));
      auto da = random_block(rng, units, ld, n);
      std::vector<float> dz1(z.size()), dz2(z.size()), dal1(units, 0.0f), dal2(units, 0.0f);
      kernels::activation_backward(a.id, alpha.data(), g0, z.data(), a1.data(), da.data(), dz1.data(),
                                   dal1.data(), units, n, ld);
      kernels::ref::activation_backward(a.id, alpha.data(), g0, z.data(), a2.data(), da.data(), dz2.data(),
                                        dal2.data(), units, n, ld);
      CHECK(all_close(dz1.data(), dz2.data(), dz1.size(), kAtol, kRtol, "dz"));
      CHECK(all_close(dal1.data(), dal2.data(), units, kAtol, kRtol, "dalpha"));
    }
  }
}

TEST_CASE("the fused dense + activation kernel matches dense then activation, for every activation") {
  Rng rng(11);
  for (const ActivationInfo& a : kActivationTable) {
    for (int trial = 0; trial < 6; ++trial) {
      const int in = 1 + rng.below(9), out = 1 + rng.below(9), n = 1 + rng.below(70);
      const int ld = pad_lanes(n) + 4 * static_cast<int>(rng.below(2));
      INFO(std::string(a.name), " in ", in, " out ", out, " n ", n, " ld ", ld);
      auto W = random_block(rng, out, in, in), b = random_block(rng, 1, out, out);
      auto x = random_block(rng, in, ld, n, 2.0f);
      std::vector<float> alpha(out);
      for (float& al : alpha) al = a.has_alpha ? static_cast<float>(rng.uniform(0.0, 1.0)) : 0.0f;
      std::vector<float> a1(static_cast<size_t>(out) * ld), a2 = a1, z1 = a1, z2 = a1, a3 = a1;
      kernels::dense_act_forward(a.id, alpha.data(), W.data(), b.data(), x.data(), nullptr, a1.data(), in,
                                 out, n, ld);
      kernels::dense_act_forward(a.id, alpha.data(), W.data(), b.data(), x.data(), z1.data(), a3.data(), in,
                                 out, n, ld);
      kernels::ref::dense_forward(W.data(), b.data(), x.data(), z2.data(), in, out, n, ld);
      kernels::ref::activation_forward(a.id, alpha.data(), z2.data(), a2.data(), out, n, ld);
      for (int o = 0; o < out; ++o) {
        CHECK(all_close(&a1[o * ld], &a2[o * ld], n, kAtol, kRtol, "a (z not kept)"));
        CHECK(all_close(&a3[o * ld], &a2[o * ld], n, kAtol, kRtol, "a (z kept)"));
        CHECK(all_close(&z1[o * ld], &z2[o * ld], n, kAtol, kRtol, "z"));
      }
    }
  }
}

TEST_CASE("the fused dense + activation backward matches dense backward then activation backward") {
  Rng rng(12);
  for (const ActivationInfo& a : kActivationTable) {
    for (int trial = 0; trial < 6; ++trial) {
      const int in = 1 + rng.below(9), out = 1 + rng.below(9), n = 1 + rng.below(30);
      const int ld = pad_lanes(n) + 4 * static_cast<int>(rng.below(2));
      INFO(std::string(a.name), " in ", in, " out ", out, " n ", n, " ld ", ld);
      auto W = random_block(rng, out, in, in), x = random_block(rng, in, ld, n);
      auto zx = random_block(rng, in, ld, n, 2.0f), dz = random_block(rng, out, ld, n);
      zx[0] = 0.0f;  // ReLU's kink: the g0 convention must reach the fused path too
      std::vector<float> alpha(in);
      for (float& al : alpha) al = a.has_alpha ? static_cast<float>(rng.uniform(0.0, 1.0)) : 0.0f;
      kernels::ref::activation_forward(a.id, alpha.data(), zx.data(), x.data(), in, n, ld);  // x = f(zx)
      std::vector<float> dW1(static_cast<size_t>(out) * in, 0.5f), dW2 = dW1, db1(out, 0.25f), db2 = db1;
      std::vector<float> dx1(static_cast<size_t>(in) * ld), dx2 = dx1;
      kernels::dense_backward_act(a.id, alpha.data(), 0.5f, zx.data(), W.data(), x.data(), dz.data(),
                                  dW1.data(), db1.data(), dx1.data(), in, out, n, ld);
      kernels::ref::dense_backward(W.data(), x.data(), dz.data(), dW2.data(), db2.data(), dx2.data(), in, out,
                                   n, ld);
      kernels::ref::activation_backward(a.id, alpha.data(), 0.5f, zx.data(), x.data(), dx2.data(), dx2.data(),
                                        nullptr, in, n, ld);
      CHECK(all_close(dW1.data(), dW2.data(), dW1.size(), kAtol, kRtol, "dW"));
      CHECK(all_close(db1.data(), db2.data(), db1.size(), kAtol, kRtol, "db"));
      for (int i = 0; i < in; ++i) CHECK(all_close(&dx1[i * ld], &dx2[i * ld], n, kAtol, kRtol, "dx"));
    }
  }
}

TEST_CASE("the optimizer updates match their references bit for bit, and the finiteness check finds NaN") {
  Rng rng(13);
  for (int n : {1, 3, 4, 9, 177}) {
    INFO("n ", n);
    auto w = random_block(rng, 1, n, n), g = random_block(rng, 1, n, n), m = random_block(rng, 1, n, n);
    auto v = random_block(rng, 1, n, n);
    for (float& vi : v) vi = vi * vi;  // Adam's second moment is ≥ 0
    const kernels::AdamStep s{0.01f, 0.9f, 0.999f, 10.0f, 1000.0f, 1e-8f};
    std::vector<float> w1 = w, w2 = w, m1 = m, m2 = m, v1 = v, v2 = v;
    kernels::sgd_update(w1.data(), g.data(), n, 0.03f);
    kernels::ref::sgd_update(w2.data(), g.data(), n, 0.03f);
    CHECK(all_close(w1.data(), w2.data(), n, 0.0f, 0.0f, "sgd w"));
    CHECK(w2[0] == w[0] - 0.03f * g[0]);
    kernels::momentum_update(w1.data(), m1.data(), g.data(), n, 0.03f, 0.9f);
    kernels::ref::momentum_update(w2.data(), m2.data(), g.data(), n, 0.03f, 0.9f);
    CHECK(all_close(w1.data(), w2.data(), n, 0.0f, 0.0f, "momentum w"));
    CHECK(all_close(m1.data(), m2.data(), n, 0.0f, 0.0f, "momentum m"));
    CHECK(m2[0] == 0.9f * m[0] + g[0]);
    kernels::adam_update(w1.data(), m1.data(), v1.data(), g.data(), n, s);
    kernels::ref::adam_update(w2.data(), m2.data(), v2.data(), g.data(), n, s);
    CHECK(all_close(w1.data(), w2.data(), n, 0.0f, 0.0f, "adam w"));
    CHECK(all_close(m1.data(), m2.data(), n, 0.0f, 0.0f, "adam m"));
    CHECK(all_close(v1.data(), v2.data(), n, 0.0f, 0.0f, "adam v"));

    CHECK(kernels::all_abs_below(w.data(), n, 100.0f));
    for (int at : {0, n / 2, n - 1}) {
      for (float bad : {NAN, 100.0f, -INFINITY}) {
        std::vector<float> u = w;
        u[at] = bad;
        CHECK_FALSE(kernels::all_abs_below(u.data(), n, 100.0f));
        CHECK_FALSE(kernels::ref::all_abs_below(u.data(), n, 100.0f));
      }
    }
  }
}

TEST_CASE("head losses, the sigmoid head's gradient and sums of squares equal their references") {
  Rng rng(5);
  for (int n : {1, 3, 4, 7, 10, 12, 250}) {
    INFO("n ", n);
    auto z = random_block(rng, 1, pad_lanes(n), n, 6.0f);
    z[0] = 0.0f;
    std::vector<float> label(n);
    for (float& l : label) l = static_cast<float>(rng.below(2));
    // the float kernels against the formulas in double
    double bce = 0, sq = 0, right = 0;
    for (int p = 0; p < n; ++p) {
      const double y = label[p], zz = z[p], t = std::tanh(zz) - (2 * y - 1);
      bce += std::max(zz, 0.0) - zz * y + std::log1p(std::exp(-std::fabs(zz)));
      sq += 0.5 * t * t;
      right += (zz > 0) == (y > 0.5);
    }
    float ls[2], ls2[2];  // [simd, ref]: equal to each other, close to the formulas
    for (bool simd : {true, false}) {
      float l = 0, c = 0, l2 = 0, c2 = 0;
      (simd ? kernels::sigmoid_bce_sum : kernels::ref::sigmoid_bce_sum)(z.data(), label.data(), n, &l, &c);
      (simd ? kernels::tanh_square_sum : kernels::ref::tanh_square_sum)(z.data(), label.data(), n, &l2, &c2);
      CHECK(l == doctest::Approx(bce).epsilon(1e-5));
      CHECK(l2 == doctest::Approx(sq).epsilon(1e-5));
      CHECK(c == right);
      CHECK(c2 == right);
      ls[simd ? 0 : 1] = l, ls2[simd ? 0 : 1] = l2;
    }
    CHECK(ls[0] == ls[1]);
    CHECK(ls2[0] == ls2[1]);
    std::vector<float> g1(pad_lanes(n), 9.0f), g2 = g1;
    kernels::sigmoid_bce_grad(z.data(), label.data(), n, 0.1f, g1.data());
    kernels::ref::sigmoid_bce_grad(z.data(), label.data(), n, 0.1f, g2.data());
    CHECK(all_close(g1.data(), g2.data(), g1.size(), 0.0f, 0.0f, "g (same bits)"));
    for (int p = 0; p < n; ++p)
      CHECK(g2[p] == doctest::Approx(0.1 * (1 / (1 + std::exp(-double(z[p]))) - label[p])).epsilon(1e-5));
    for (int p = n; p < pad_lanes(n); ++p) CHECK(g1[p] == 0.0f);
    double ss = 0;
    for (int p = 0; p < n; ++p) ss += double(z[p]) * z[p];
    CHECK(kernels::sum_squares(z.data(), n) == doctest::Approx(ss).epsilon(1e-5));
    CHECK(kernels::sum_squares(z.data(), n) == kernels::ref::sum_squares(z.data(), n));
  }
}

TEST_CASE("activation backward may work in place (dz aliases da), PReLU's α gradient included") {
  Rng rng(3);
  const int units = 5, n = 11, ld = pad_lanes(n);
  auto z = random_block(rng, units, ld, n), da = random_block(rng, units, ld, n);
  std::vector<float> alpha(units, 0.25f), out(z.size()), dal_ref(units, 0.0f), dal(units, 0.0f);
  kernels::ref::activation_backward(Act::prelu, alpha.data(), 0.0f, z.data(), nullptr, da.data(), out.data(),
                                    dal_ref.data(), units, n, ld);
  kernels::activation_backward(Act::prelu, alpha.data(), 0.0f, z.data(), nullptr, da.data(), da.data(),
                               dal.data(), units, n, ld);
  CHECK(all_close(da.data(), out.data(), out.size(), kAtol, kRtol, "in-place dz"));
  CHECK(all_close(dal.data(), dal_ref.data(), units, kAtol, kRtol, "dalpha"));
}
