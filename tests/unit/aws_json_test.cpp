// Unit tests of the AWS target's JSON document type (backends/aws/common/json.h): an object in
// insertion order, as nlohmann's ordered_json, whose entries move when it grows.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>
#include <utility>

#include "backends/aws/common/json.h"
#include "nlohmann/json.hpp"

using caios::aws::Json;

// What makes a growing object move its entries instead of copying them deeply.
static_assert(std::is_nothrow_move_constructible_v<Json::object_t::value_type>);

TEST_CASE("json: an object keeps insertion order, as ordered_json does", "[aws_json]") {
  Json j = Json::object();
  j["zeta"] = 1;
  j["alpha"] = Json{{"b", 2}, {"a", 1}};
  j["mid"] = Json::array({3, "x"});
  j["alpha"]["c"] = 3;  // an existing key keeps its place
  CHECK(j.dump() == R"({"zeta":1,"alpha":{"b":2,"a":1,"c":3},"mid":[3,"x"]})");
  CHECK(j.dump() == nlohmann::ordered_json::parse(j.dump()).dump());
  CHECK(Json::parse(R"({"b":1,"a":2})").dump() == R"({"b":1,"a":2})");
}

TEST_CASE("json: lookups, duplicates and erasing", "[aws_json]") {
  Json j = Json{{"a", 1}, {"b", 2}, {"c", 3}};
  CHECK(j.contains("b"));
  CHECK(!j.contains("d"));
  CHECK(j.count("a") == 1);
  CHECK(j.at("c") == 3);
  CHECK_THROWS_AS(j.at("d"), nlohmann::json::out_of_range);
  CHECK(j.value("d", 7) == 7);
  Json::object_t& map = j.get_ref<Json::object_t&>();
  CHECK(!map.emplace("a", Json(9)).second);  // an existing key keeps its value
  CHECK(j["a"] == 1);
  CHECK(j.erase("b") == 1);
  CHECK(j.erase("b") == 0);
  j.erase(j.find("a"));
  CHECK(j.dump() == R"({"c":3})");
  Json other = Json{{"c", 4}, {"e", 5}};
  j.update(other);
  CHECK(j.dump() == R"({"c":4,"e":5})");
  CHECK(j == Json::parse(R"({"c":4,"e":5})"));
  CHECK(j != Json::parse(R"({"e":5,"c":4})"));  // order is part of the value, as in ordered_json
}

TEST_CASE("json: a growing object keeps every entry whole", "[aws_json]") {
  Json j = Json::object();
  for (int i = 0; i < 1000; ++i) {
    j["k" + std::to_string(i)] = Json{{"deep", Json{{"list", Json::array({i, i + 1})}}}};
  }
  REQUIRE(j.size() == 1000);
  int n = 0;
  for (const auto& [key, value] : j.items()) {
    CHECK(key == "k" + std::to_string(n));
    CHECK(value["deep"]["list"][1] == n + 1);
    ++n;
  }
}
