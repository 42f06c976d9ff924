#include "backends/aws/iam/policy.h"

#include <algorithm>

namespace caios::aws {
namespace {

void AddSorted(std::vector<std::string>& into, const std::vector<std::string>& actions) {
  for (const std::string& a : actions) {
    auto it = std::lower_bound(into.begin(), into.end(), a);
    if (it == into.end() || *it != a) into.insert(it, a);
  }
}

Json OneOrList(const std::vector<Json>& items) {
  if (items.size() == 1) return items.front();
  Json list = Json::array();
  for (const Json& item : items) list.push_back(item);
  return list;
}

Json OneOrList(const std::vector<std::string>& items) {
  if (items.size() == 1) return items.front();
  return Json(items);
}

}  // namespace

void PolicyBuilder::Allow(const std::vector<std::string>& actions,
                          const std::vector<Json>& resources) {
  if (actions.empty()) return;
  for (const Json& resource : resources) {
    std::string key = resource.dump();
    auto it =
        std::find_if(scoped_.begin(), scoped_.end(), [&](const Entry& e) { return e.key == key; });
    if (it == scoped_.end()) {
      scoped_.push_back({resource, key, {}});
      it = scoped_.end() - 1;
    }
    AddSorted(it->actions, actions);
  }
}

void PolicyBuilder::AllowEverywhere(std::string_view sid, const std::vector<std::string>& actions) {
  if (actions.empty()) return;
  auto it = std::find_if(everywhere_.begin(), everywhere_.end(),
                         [&](const Everywhere& e) { return e.sid == sid; });
  if (it == everywhere_.end()) {
    everywhere_.push_back({std::string(sid), {}});
    it = everywhere_.end() - 1;
  }
  AddSorted(it->actions, actions);
}

std::vector<Statement> PolicyBuilder::Statements() const {
  std::vector<Statement> out;
  for (const Entry& e : scoped_) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Statement& s) { return s.actions == e.actions; });
    if (it == out.end()) {
      out.push_back({"", e.actions, {e.resource}});
    } else {
      it->resources.push_back(e.resource);
    }
  }
  for (const Everywhere& e : everywhere_) out.push_back({e.sid, e.actions, {Json("*")}});
  return out;
}

Json PolicyBuilder::Document() const {
  Json statements = Json::array();
  for (const Statement& s : Statements()) {
    Json st = Json::object();
    if (!s.sid.empty()) st["Sid"] = s.sid;
    st["Effect"] = "Allow";
    st["Action"] = OneOrList(s.actions);
    st["Resource"] = OneOrList(s.resources);
    statements.push_back(std::move(st));
  }
  return Json{{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

Json RoleProperties(std::string_view service, std::string_view policy_name,
                    const PolicyBuilder& policy, bool source_account) {
  Json trust = Json{{"Effect", "Allow"},
                    {"Principal", Json{{"Service", std::string(service)}}},
                    {"Action", "sts:AssumeRole"}};
  if (source_account) {
    trust["Condition"] = Json{{"StringEquals", Json{{"aws:SourceAccount", Ref("AWS::AccountId")}}}};
  }
  Json props = Json::object();
  props["AssumeRolePolicyDocument"] =
      Json{{"Version", "2012-10-17"}, {"Statement", Json::array({std::move(trust)})}};
  if (!policy.empty()) {
    props["Policies"] = Json::array(
        {Json{{"PolicyName", std::string(policy_name)}, {"PolicyDocument", policy.Document()}}});
  }
  return props;
}

}  // namespace caios::aws
