// Tables (AWS::DynamoDB::Table) and buckets (AWS::S3::Bucket + a TLS-only bucket policy).
#include <cctype>

#include <set>

#include "backends/aws/cloudformation/stack.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

const char* StreamViewType(ir::Table::StreamView view) {
  using V = ir::Table::StreamView;
  switch (view) {
    case V::kNewImage:
      return "NEW_IMAGE";
    case V::kOldImage:
      return "OLD_IMAGE";
    case V::kKeysOnly:
      return "KEYS_ONLY";
    case V::kNewAndOld:
    case V::kNone:
      break;
  }
  return "NEW_AND_OLD_IMAGES";
}

bool HasTrigger(const ir::App& app, ir::EntityRef source) {
  for (const ir::Trigger& t : app.triggers) {
    if (t.source == source) return true;
  }
  return false;
}

void EmitTable(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Table& t = app.tables[index];
  if (t.existing) return;  // outside the application: nothing to create
  const ir::EntityRef ref = ir::Ref(ir::TableId{index});
  Json props = Json::object();
  props["BillingMode"] = t.provisioned ? "PROVISIONED" : "PAY_PER_REQUEST";
  props["AttributeDefinitions"] = TableAttributeDefinitions(t);
  props["KeySchema"] = TableKeySchema(t.key, t.sort);
  Json throughput = Json{{"ReadCapacityUnits", t.read_capacity > 0 ? t.read_capacity : 5},
                         {"WriteCapacityUnits", t.write_capacity > 0 ? t.write_capacity : 5}};
  if (t.provisioned) props["ProvisionedThroughput"] = throughput;
  if (!t.indexes.empty()) {
    props["GlobalSecondaryIndexes"] = TableIndexes(t, t.provisioned ? &throughput : nullptr);
  }
  props["SSESpecification"] = Json{{"SSEEnabled", true}};
  // A `change` trigger reads the table's stream: it gets one even if none was declared.
  if (t.stream != ir::Table::StreamView::kNone || HasTrigger(app, ref)) {
    props["StreamSpecification"] = Json{{"StreamViewType", StreamViewType(t.stream)}};
  }
  if (t.ttl_attribute) {
    props["TimeToLiveSpecification"] = Json{{"AttributeName", *t.ttl_attribute}, {"Enabled", true}};
  }
  if (t.point_in_time_recovery) {
    props["PointInTimeRecoverySpecification"] = Json{{"PointInTimeRecoveryEnabled", true}};
  }
  const std::string id = LogicalId(app, ref);
  SetRetention(stack.AddResource(id, "AWS::DynamoDB::Table", std::move(props), t.span), t.retain);
  stack.AddOutput(id + "Name", "name of table " + t.name, Ref(id));
}

// S3's names of the storage classes (AWS::S3::Bucket Transition.StorageClass).
const char* StorageClass(ir::Bucket::Transition::Class cls) {
  using C = ir::Bucket::Transition::Class;
  switch (cls) {
    case C::kStandardIa:
      return "STANDARD_IA";
    case C::kOnezoneIa:
      return "ONEZONE_IA";
    case C::kIntelligentTiering:
      return "INTELLIGENT_TIERING";
    case C::kGlacierIr:
      return "GLACIER_IR";
    case C::kGlacier:
      return "GLACIER";
    case C::kDeepArchive:
      return "DEEP_ARCHIVE";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown storage class");
  return "";
}

void EmitBucket(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Bucket& b = app.buckets[index];
  if (b.existing) return;  // outside the application: nothing to create
  const ir::EntityRef ref = ir::Ref(ir::BucketId{index});
  Json props = Json::object();
  props["BucketEncryption"] =
      Json{{"ServerSideEncryptionConfiguration",
            Json::array({Json{{"ServerSideEncryptionByDefault", Json{{"SSEAlgorithm", "AES256"}}},
                              {"BucketKeyEnabled", true}}})}};
  props["PublicAccessBlockConfiguration"] = Json{{"BlockPublicAcls", true},
                                                 {"BlockPublicPolicy", true},
                                                 {"IgnorePublicAcls", true},
                                                 {"RestrictPublicBuckets", true}};
  props["OwnershipControls"] =
      Json{{"Rules", Json::array({Json{{"ObjectOwnership", "BucketOwnerEnforced"}}})}};
  if (b.versioned) props["VersioningConfiguration"] = Json{{"Status", "Enabled"}};
  // Unfinished multipart uploads are never useful after a week; expiry and transitions as
  // declared.
  Json rules = Json::array();
  rules.push_back(Json{{"Id", "AbortIncompleteUploads"},
                       {"Status", "Enabled"},
                       {"AbortIncompleteMultipartUpload", Json{{"DaysAfterInitiation", 7}}}});
  if (b.expire_days || !b.transitions.empty()) {
    Json rule = Json{{"Id", "Lifecycle"}, {"Status", "Enabled"}};
    if (b.expire_days) rule["ExpirationInDays"] = std::max<int64_t>(*b.expire_days, 1);
    if (!b.transitions.empty()) {
      Json transitions = Json::array();
      for (const ir::Bucket::Transition& tr : b.transitions) {
        transitions.push_back(
            Json{{"StorageClass", StorageClass(tr.storage_class)}, {"TransitionInDays", tr.days}});
      }
      rule["Transitions"] = std::move(transitions);
    }
    rules.push_back(std::move(rule));
  }
  props["LifecycleConfiguration"] = Json{{"Rules", std::move(rules)}};
  if (b.cors) {
    Json origins = b.cors_origins.empty() ? Json::array({"*"}) : Json(b.cors_origins);
    props["CorsConfiguration"] = Json{
        {"CorsRules", Json::array({Json{
                          {"AllowedMethods", Json::array({"GET", "PUT", "POST", "DELETE", "HEAD"})},
                          {"AllowedOrigins", std::move(origins)},
                          {"AllowedHeaders", Json::array({"*"})},
                          {"MaxAge", 3000}}})}};
  }
  if (b.event_notifications || HasTrigger(app, ref)) {
    props["NotificationConfiguration"] =
        Json{{"EventBridgeConfiguration", Json{{"EventBridgeEnabled", true}}}};
  }
  const std::string id = LogicalId(app, ref);
  SetRetention(stack.AddResource(id, "AWS::S3::Bucket", std::move(props), b.span), b.retain);
  // Refuse plain-HTTP requests (the deny statement of AWS's S3 security best practices).
  Json policy = Json{
      {"Bucket", Ref(id)},
      {"PolicyDocument",
       Json{{"Version", "2012-10-17"},
            {"Statement",
             Json::array(
                 {Json{{"Sid", "DenyInsecureTransport"},
                       {"Effect", "Deny"},
                       {"Principal", "*"},
                       {"Action", "s3:*"},
                       {"Resource", Json::array({GetAtt(id, "Arn"), Sub("${" + id + ".Arn}/*")})},
                       {"Condition", Json{{"Bool", Json{{"aws:SecureTransport", "false"}}}}}}})}}}};
  stack.AddResource(id + "Policy", "AWS::S3::BucketPolicy", std::move(policy), b.span);
  stack.AddOutput(id + "Name", "name of bucket " + b.name, Ref(id));
}

}  // namespace

const char* AttributeType(ir::KeyAttribute::Type type) {
  switch (type) {
    case ir::KeyAttribute::Type::kString:
      return "S";
    case ir::KeyAttribute::Type::kNumber:
      return "N";
    case ir::KeyAttribute::Type::kBinary:
      return "B";
  }
  return "S";
}

Json TableKeySchema(const ir::KeyAttribute& partition,
                    const std::optional<ir::KeyAttribute>& sort) {
  Json schema = Json::array({Json{{"AttributeName", partition.name}, {"KeyType", "HASH"}}});
  if (sort) schema.push_back(Json{{"AttributeName", sort->name}, {"KeyType", "RANGE"}});
  return schema;
}

Json TableAttributeDefinitions(const ir::Table& t) {
  Json definitions = Json::array();
  std::set<std::string> defined;
  auto define = [&](const ir::KeyAttribute& a) {
    if (defined.insert(a.name).second) {
      definitions.push_back(
          Json{{"AttributeName", a.name}, {"AttributeType", AttributeType(a.type)}});
    }
  };
  define(t.key);
  if (t.sort) define(*t.sort);
  for (const ir::TableIndex& i : t.indexes) {
    define(i.partition);
    if (i.sort) define(*i.sort);
  }
  return definitions;
}

Json TableIndexes(const ir::Table& t, const Json* throughput) {
  Json indexes = Json::array();
  for (const ir::TableIndex& i : t.indexes) {
    Json index = Json{{"IndexName", i.name},
                      {"KeySchema", TableKeySchema(i.partition, i.sort)},
                      {"Projection", Json{{"ProjectionType", "ALL"}}}};
    if (throughput) index["ProvisionedThroughput"] = *throughput;
    indexes.push_back(std::move(index));
  }
  return indexes;
}

void EmitStorage(Stack& stack) {
  for (uint32_t i = 0; i < stack.app().tables.size(); ++i) EmitTable(stack, i);
  for (uint32_t i = 0; i < stack.app().buckets.size(); ++i) EmitBucket(stack, i);
}

}  // namespace caios::aws
