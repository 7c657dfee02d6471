// test_serialize.cpp — model JSON and dataset CSV: round trips and field-naming rejections.
#include <cmath>

#include "helpers.hpp"
#include "serialize.hpp"

using namespace relu;
using namespace relu::testing;

namespace {
std::vector<float> predictions(Network& net, const Dataset& d) {
  const Points& p = d.test();
  std::vector<float> out(static_cast<size_t>(p.size()) * net.output_units());
  net.predict(p.x.data(), p.y.data(), p.size(), out.data());
  return out;
}
std::string error_field(const std::string& text) {
  Status st;
  auto net = model_from_json(text, &st);
  CHECK(net == nullptr);
  CHECK_FALSE(st.ok);
  return st.field;
}
}  // namespace

TEST_CASE("a model survives the JSON round trip with identical predictions (BN, PReLU, softmax)") {
  const Dataset d = make_data(DatasetKind::spiral_k, 300, 1, 0.1f, 3);
  NetworkConfig c;
  c.features = 0b1100011;  // x, y, sin x, sin y
  c.hidden = layers({6, 5}, Act::prelu, true);
  c.hidden[1].activation = Act::leaky_relu;
  c.hidden[1].alpha = 0.2f;
  c.head = Head::softmax, c.classes = 3;
  c.relu_grad_at_zero = 0.5f;
  auto net = make_net(c);
  TrainConfig t;
  t.optimizer = Optimizer::adam;
  net->train(d, t, 10);
  const std::string text = model_to_json(*net);
  Status st;
  auto back = model_from_json(text, &st);
  REQUIRE_MESSAGE(back, st.text());
  CHECK(back->epoch() == 10);
  CHECK(back->config().hidden[1].alpha == 0.2f);
  CHECK(back->config().relu_grad_at_zero == 0.5f);
  CHECK(predictions(*net, d) == predictions(*back, d));
  CHECK(back->parameter_hash() == net->parameter_hash());
  CHECK(model_to_json(*back) == text);
}

TEST_CASE("malformed model JSON is rejected with a message naming the field") {
  auto net = make_net(NetworkConfig{});
  const std::string good = model_to_json(*net);
  CHECK(error_field("{not json") == "json");
  CHECK(error_field("[1,2]") == "json");
  CHECK(error_field("{}") == "format");
  CHECK(error_field(R"({"format":"relu-lab-model","version":3})") == "version");
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  CHECK(error_field(edit("\"units\":8", "\"units\":65")) == "config.hidden[0].units");
  CHECK(error_field(edit("\"units\":8", "\"units\":\"8\"")) == "config.hidden[0].units");
  CHECK(error_field(edit("\"activation\":\"relu\"", "\"activation\":\"relu6\"")) ==
        "config.hidden[0].activation");
  CHECK(error_field(edit("\"output\":\"sigmoid\"", "\"output\":1")) == "config.output");
  CHECK(error_field(edit("\"b\":[", "\"b\":[\"x\",")) == "layers[0].b");
  CHECK(error_field(edit("\"W\":[[", "\"W\":[[1e99,")) == "layers[0].W[0]");
  // a weight that a trained net would have been rolled back for (it only overflows to NaN)
  auto huge = make_net(NetworkConfig{});
  REQUIRE(huge->set_parameter(0, 1, 0, 3e38f));
  CHECK(error_field(model_to_json(*huge)) == "layers[0].W[1][0]");
  CHECK(error_field(edit("\"reluGradAtZero\":0.0", "\"reluGradAtZero\":2")) == "config.reluGradAtZero");
}

TEST_CASE("the epoch each unit died survives the JSON round trip; a version-1 file still loads") {
  const Dataset d = make_data(DatasetKind::circle, 200, 1);
  NetworkConfig c;
  c.hidden = layers({8, 8}, Act::relu);
  auto net = make_net(c);
  TrainConfig t;
  t.learning_rate = 3.0f;  // kills units along the way
  net->train(d, t, 30);
  (void)net->health(d);
  int died_later = 0;
  for (int l = 0; l < net->hidden_layers(); ++l)
    for (int e : net->died_at(l)) died_later += e > 0 && e < net->epoch();
  REQUIRE_MESSAGE(died_later > 0, "the hot learning rate should kill a unit before the last epoch");
  const std::string text = model_to_json(*net);
  Status st;
  auto back = model_from_json(text, &st);
  REQUIRE_MESSAGE(back, st.text());
  for (int l = 0; l < net->hidden_layers(); ++l) CHECK(back->died_at(l) == net->died_at(l));
  (void)back->health(d);  // the same data: every dead unit keeps its epoch
  for (int l = 0; l < net->hidden_layers(); ++l) CHECK(back->died_at(l) == net->died_at(l));
  CHECK(model_to_json(*back) == text);

  // version 1: no diedAt; it loads, and its dead units date from the import's epoch
  std::string v1 = text;
  v1.replace(v1.find("\"version\":2"), 11, "\"version\":1");
  for (size_t at; (at = v1.find(",\"diedAt\":[")) != std::string::npos;)
    v1.erase(at, v1.find(']', at) - at + 1);
  auto old = model_from_json(v1, &st);
  REQUIRE_MESSAGE(old, st.text());
  const Health h = old->health(d);
  for (int l = 0; l < old->hidden_layers(); ++l)
    for (int u = 0; u < static_cast<int>(h.layers[l].died_at_epoch.size()); ++u)
      CHECK(h.layers[l].died_at_epoch[u] == (h.layers[l].dead_on_data[u] ? old->epoch() : -1));

  // a death later than the model's epoch, or not an integer, is named
  std::string bad = text;
  const size_t at = bad.find("\"diedAt\":[") + 10;
  bad.replace(at, bad.find_first_of(",]", at) - at, "9999");
  CHECK(error_field(bad) == "layers[0].diedAt[0]");
}

TEST_CASE("a dataset survives the CSV round trip, split included") {
  const Dataset d = make_data(DatasetKind::moons, 120, 4, 0.2f);
  Status st;
  auto back = dataset_from_csv(dataset_to_csv(d), 6.0f, &st);
  REQUIRE_MESSAGE(back, st.text());
  CHECK(back->classes() == 2);
  CHECK(back->train().x == d.train().x);
  CHECK(back->train().y == d.train().y);
  CHECK(back->test().label == d.test().label);
  auto reg = dataset_from_csv("x,y,label\n1,2,0.25\n-1,0,-0.5\n", 6.0f, &st);
  REQUIRE(reg);
  CHECK(reg->regression());
  CHECK(reg->train().size() == 2);
}

TEST_CASE("bad CSV names the line and column") {
  Status st;
  CHECK_FALSE(dataset_from_csv("", 6.0f, &st));
  CHECK(st.field == "csv");
  CHECK_FALSE(dataset_from_csv("a,b,c\n", 6.0f, &st));
  CHECK(st.field == "csv header");
  CHECK_FALSE(dataset_from_csv("x,y,label\n1,2\n", 6.0f, &st));
  CHECK(st.field == "csv line 2");
  CHECK_FALSE(dataset_from_csv("x,y,label\n1,2,1\n9,2,1\n", 6.0f, &st));
  CHECK(st.field == "csv line 3 x");
  CHECK_FALSE(dataset_from_csv("x,y,label\n1,nan,1\n", 6.0f, &st));
  CHECK(st.field == "csv line 2 y");
  CHECK_FALSE(dataset_from_csv("x,y,label,split\n1,1,1,dev\n", 6.0f, &st));
  CHECK(st.field == "csv line 2 split");
}
