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

// `items` as one value, or as a list when there are several.
Json OneOrList(const std::vector<std::string>& items) {
  if (items.size() == 1) return items.front();
  return Json(items);
}

// A statement of a policy document, its keys in the order IAM shows them.
Json StatementJson(std::string_view sid, const std::vector<std::string>& actions, Json resource) {
  Json statement = Json::object();
  Json::object_t& fields = statement.get_ref<Json::object_t&>();
  fields.reserve(4);
  if (!sid.empty()) fields.emplace("Sid", std::string(sid));
  fields.emplace("Effect", "Allow");
  fields.emplace("Action", OneOrList(actions));
  fields.emplace("Resource", std::move(resource));
  return statement;
}

}  // namespace

void PolicyBuilder::Allow(const std::vector<std::string>& actions,
                          const std::vector<Json>& resources) {
  if (actions.empty()) return;
  for (const Json& resource : resources) {
    auto it = std::find_if(scoped_.begin(), scoped_.end(),
                           [&](const Entry& e) { return e.resource == resource; });
    if (it == scoped_.end()) {
      scoped_.push_back({resource, {}});
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

Json PolicyBuilder::Document() const {
  // Scoped resources with the same actions share one statement, in first-use order.
  std::vector<std::vector<const Entry*>> groups;
  for (const Entry& e : scoped_) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const std::vector<const Entry*>& g) {
      return g.front()->actions == e.actions;
    });
    if (it == groups.end()) {
      groups.push_back({&e});
    } else {
      it->push_back(&e);
    }
  }
  Json statements = Json::array();
  Json::array_t& list = statements.get_ref<Json::array_t&>();
  list.reserve(groups.size() + everywhere_.size());
  for (const std::vector<const Entry*>& group : groups) {
    Json resource;
    if (group.size() == 1) {
      resource = group.front()->resource;
    } else {
      resource = Json::array();
      Json::array_t& resources = resource.get_ref<Json::array_t&>();
      resources.reserve(group.size());
      for (const Entry* e : group) resources.push_back(e->resource);
    }
    list.push_back(StatementJson({}, group.front()->actions, std::move(resource)));
  }
  for (const Everywhere& e : everywhere_) list.push_back(StatementJson(e.sid, e.actions, "*"));
  Json document = Json::object();
  Json::object_t& fields = document.get_ref<Json::object_t&>();
  fields.emplace("Version", "2012-10-17");
  fields.emplace("Statement", std::move(statements));
  return document;
}

Json RoleProperties(std::string_view service, std::string_view policy_name,
                    const PolicyBuilder& policy, bool source_account) {
  // The larger objects are built entry by entry: nlohmann's initializer lists copy every value
  // they hold.
  Json principal = Json::object();
  principal.get_ref<Json::object_t&>().emplace("Service", std::string(service));
  Json trust = Json::object();
  Json::object_t& trust_fields = trust.get_ref<Json::object_t&>();
  trust_fields.reserve(4);
  trust_fields.emplace("Effect", "Allow");
  trust_fields.emplace("Principal", std::move(principal));
  trust_fields.emplace("Action", "sts:AssumeRole");
  if (source_account) {
    trust_fields.emplace(
        "Condition", Json{{"StringEquals", Json{{"aws:SourceAccount", Ref("AWS::AccountId")}}}});
  }
  Json::array_t trust_statements;
  trust_statements.push_back(std::move(trust));
  Json trust_document = Json::object();
  Json::object_t& document_fields = trust_document.get_ref<Json::object_t&>();
  document_fields.emplace("Version", "2012-10-17");
  document_fields.emplace("Statement", std::move(trust_statements));
  Json props = Json::object();
  Json::object_t& fields = props.get_ref<Json::object_t&>();
  fields.emplace("AssumeRolePolicyDocument", std::move(trust_document));
  if (!policy.empty()) {
    Json named = Json::object();
    Json::object_t& named_fields = named.get_ref<Json::object_t&>();
    named_fields.emplace("PolicyName", std::string(policy_name));
    named_fields.emplace("PolicyDocument", policy.Document());
    Json::array_t policies;
    policies.push_back(std::move(named));
    fields.emplace("Policies", std::move(policies));
  }
  return props;
}

}  // namespace caios::aws
