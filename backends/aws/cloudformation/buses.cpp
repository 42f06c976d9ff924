// Queues (AWS::SQS::Queue + generated dead-letter queues), topics, streams, event buses (+
// archives) and connections (AWS::Events::Connection with their credentials).
#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {
namespace {

constexpr int64_t kMaxRetentionSeconds = 14 * 24 * 3600;

std::string DeadLetterId(const ir::Queue& q) { return PascalCase(q.name) + "DeadLetterQueue"; }

void EmitQueue(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Queue& q = app.queues[index];
  if (q.existing) return;  // outside the application: nothing to create
  const std::string id = LogicalId(app, ir::Ref(ir::QueueId{index}));
  Json props = Json::object();
  props["SqsManagedSseEnabled"] = true;
  if (q.fifo) props["FifoQueue"] = true;
  if (q.fifo && q.content_dedup) props["ContentBasedDeduplication"] = true;
  if (q.visibility_seconds) props["VisibilityTimeout"] = *q.visibility_seconds;
  if (q.retention_seconds) props["MessageRetentionPeriod"] = *q.retention_seconds;
  if (q.delay_seconds) props["DelaySeconds"] = *q.delay_seconds;
  if (q.receive_wait_seconds) props["ReceiveMessageWaitTimeSeconds"] = *q.receive_wait_seconds;
  if (q.max_size_bytes) props["MaximumMessageSize"] = *q.max_size_bytes;
  if (q.dead_letter) {
    Json target;
    if (q.dead_letter->target.valid()) {
      target = ArnOf(app, ir::Ref(q.dead_letter->target));
    } else {
      // Generated: same kind (a FIFO queue needs a FIFO dead-letter queue), longest retention.
      const std::string dlq = DeadLetterId(q);
      Json dlq_props = Json::object();
      dlq_props["SqsManagedSseEnabled"] = true;
      if (q.fifo) dlq_props["FifoQueue"] = true;
      dlq_props["MessageRetentionPeriod"] = kMaxRetentionSeconds;
      SetRetention(stack.AddResource(dlq, "AWS::SQS::Queue", std::move(dlq_props), q.span),
                   q.retain);
      stack.AddOutput(dlq + "Url", "URL of the dead-letter queue of " + q.name, Ref(dlq));
      target = GetAtt(dlq, "Arn");
    }
    props["RedrivePolicy"] = Json{{"deadLetterTargetArn", std::move(target)},
                                  {"maxReceiveCount", q.dead_letter->max_receives}};
  }
  SetRetention(stack.AddResource(id, "AWS::SQS::Queue", std::move(props), q.span), q.retain);
  stack.AddOutput(id + "Url", "URL of queue " + q.name, Ref(id));
}

void EmitTopic(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Topic& t = app.topics[index];
  if (t.existing) return;  // outside the application: nothing to create
  const std::string id = LogicalId(app, ir::Ref(ir::TopicId{index}));
  Json props = Json::object();
  props["KmsMasterKeyId"] = "alias/aws/sns";
  if (t.fifo) {
    // A FIFO topic's name must end in `.fifo`, and CloudFormation does not generate such a name
    // for SNS (it does for SQS queues): the template names it, after the stack as state
    // machines are named.
    props["TopicName"] = Sub("${AWS::StackName}-" + t.name + ".fifo");
    props["FifoTopic"] = true;
  }
  if (t.fifo && t.content_dedup) props["ContentBasedDeduplication"] = true;
  stack.AddResource(id, "AWS::SNS::Topic", std::move(props), t.span);
  stack.AddOutput(id + "Arn", "ARN of topic " + t.name, Ref(id));
}

void EmitStream(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Stream& s = app.streams[index];
  if (s.existing) return;  // outside the application: nothing to create
  const std::string id = LogicalId(app, ir::Ref(ir::StreamId{index}));
  Json props = Json::object();
  if (s.shards) {
    props["ShardCount"] = *s.shards;
  } else {
    props["StreamModeDetails"] = Json{{"StreamMode", "ON_DEMAND"}};
  }
  if (s.retention_hours) props["RetentionPeriodHours"] = *s.retention_hours;
  props["StreamEncryption"] = Json{{"EncryptionType", "KMS"}, {"KeyId", "alias/aws/kinesis"}};
  SetRetention(stack.AddResource(id, "AWS::Kinesis::Stream", std::move(props), s.span), s.retain);
  stack.AddOutput(id + "Name", "name of stream " + s.name, Ref(id));
}

void EmitEventBus(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::EventBus& b = app.buses[index];
  if (b.existing) return;  // outside the application: nothing to create
  const std::string id = LogicalId(app, ir::Ref(ir::EventBusId{index}));
  // A bus needs a name; the stack name keeps two deployments of one app apart.
  stack.AddResource(id, "AWS::Events::EventBus", Json{{"Name", Sub("${AWS::StackName}-" + b.name)}},
                    b.span);
  if (b.archive) {
    Json archive = Json{{"SourceArn", GetAtt(id, "Arn")}};
    if (b.archive_days) archive["RetentionDays"] = *b.archive_days;
    SetRetention(
        stack.AddResource(id + "Archive", "AWS::Events::Archive", std::move(archive), b.span),
        b.retain);
  }
  stack.AddOutput(id + "Name", "name of event bus " + b.name, Ref(id));
}

// `{{resolve:secretsmanager:NAME}}`, or one JSON key of the secret.
std::string Resolve(const std::string& secret, std::string_view json_key = {}) {
  std::string out = "{{resolve:secretsmanager:" + secret;
  if (!json_key.empty()) out += ":SecretString:" + std::string(json_key);
  return out + "}}";
}

void EmitConnection(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Connection& c = app.connections[index];
  const std::string id = LogicalId(app, ir::Ref(ir::ConnectionId{index}));
  // A credential comes from the named secret, or else from a NoEcho parameter.
  auto credential = [&](std::string_view suffix, std::string_view json_key,
                        std::string_view what) -> Json {
    if (c.secret) return Resolve(*c.secret, json_key);
    const std::string param = id + std::string(suffix);
    stack.AddParameter(param,
                       Json{{"Type", "String"},
                            {"NoEcho", true},
                            {"Description", std::string(what) + " of connection " + c.name}},
                       "the " + std::string(what) + " of connection `" + c.name + "`");
    return Ref(param);
  };
  Json props = Json::object();
  Json auth = Json::object();
  switch (c.auth) {
    case ir::Connection::Auth::kApiKey:
      props["AuthorizationType"] = "API_KEY";
      auth["ApiKeyAuthParameters"] =
          Json{{"ApiKeyName", c.header}, {"ApiKeyValue", credential("ApiKey", "", "API key")}};
      break;
    case ir::Connection::Auth::kBasic:
      props["AuthorizationType"] = "BASIC";
      auth["BasicAuthParameters"] =
          Json{{"Username", credential("Username", "username", "user name")},
               {"Password", credential("Password", "password", "password")}};
      break;
    case ir::Connection::Auth::kOAuth: {
      props["AuthorizationType"] = "OAUTH_CLIENT_CREDENTIALS";
      const std::string endpoint = id + "AuthorizationEndpoint";
      stack.AddParameter(
          endpoint,
          Json{{"Type", "String"}, {"Description", "OAuth token endpoint of connection " + c.name}},
          "the OAuth token endpoint of connection `" + c.name + "`");
      auth["OAuthParameters"] =
          Json{{"AuthorizationEndpoint", Ref(endpoint)},
               {"HttpMethod", "POST"},
               {"ClientParameters",
                Json{{"ClientID", credential("ClientId", "client_id", "OAuth client ID")},
                     {"ClientSecret",
                      credential("ClientSecret", "client_secret", "OAuth client secret")}}}};
      break;
    }
  }
  props["AuthParameters"] = std::move(auth);
  stack.AddResource(id, "AWS::Events::Connection", std::move(props), c.span);
}

}  // namespace

void EmitBuses(Stack& stack) {
  const ir::App& app = stack.app();
  for (uint32_t i = 0; i < app.queues.size(); ++i) EmitQueue(stack, i);
  for (uint32_t i = 0; i < app.topics.size(); ++i) EmitTopic(stack, i);
  for (uint32_t i = 0; i < app.streams.size(); ++i) EmitStream(stack, i);
  for (uint32_t i = 0; i < app.buses.size(); ++i) EmitEventBus(stack, i);
  for (uint32_t i = 0; i < app.connections.size(); ++i) EmitConnection(stack, i);
}

}  // namespace caios::aws
