#include "backends/aws/iam/actions.h"

#include <cctype>
#include <map>

#include "compiler/aws_models/aws_models.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;
using P = ir::Permission;

const std::vector<std::string> kQueueConsume = {"sqs:ReceiveMessage", "sqs:DeleteMessage",
                                                "sqs:ChangeMessageVisibility",
                                                "sqs:GetQueueAttributes"};
const std::vector<std::string> kStreamRead = {"kinesis:DescribeStream",
                                              "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
                                              "kinesis:GetShardIterator", "kinesis:ListShards"};
const std::vector<std::string> kTableStreamRead = {"dynamodb:DescribeStream", "dynamodb:GetRecords",
                                                   "dynamodb:GetShardIterator"};

ActionSet On(std::vector<std::string> actions, Scope scope = Scope::kEntity) {
  return {std::move(actions), {scope}};
}

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::vector<ActionSet> GrantActions(ir::Permission permission, ir::EntityRef::Kind kind,
                                    bool express) {
  switch (kind) {
    case K::kTable:
      switch (permission) {
        case P::kRead:
          return {On({"dynamodb:GetItem", "dynamodb:BatchGetItem"})};
        case P::kWrite:
          return {On({"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"})};
        case P::kDelete:
          return {On({"dynamodb:DeleteItem"})};
        case P::kQuery:
          return {{{"dynamodb:Query"}, {Scope::kEntity, Scope::kIndexes}}};
        case P::kList:
          return {On({"dynamodb:Scan"})};
        default:
          return {};
      }
    case K::kBucket:
      switch (permission) {
        case P::kRead:
          return {On({"s3:GetObject"}, Scope::kObjects)};
        case P::kWrite:
        case P::kPut:
          return {On({"s3:PutObject"}, Scope::kObjects)};
        case P::kDelete:
          return {On({"s3:DeleteObject"}, Scope::kObjects)};
        case P::kList:
          return {On({"s3:ListBucket"})};
        default:
          return {};
      }
    case K::kQueue:
      switch (permission) {
        case P::kSend:
          return {On({"sqs:SendMessage"})};
        case P::kConsume:
          return {On(kQueueConsume)};
        default:
          return {};
      }
    case K::kTopic:
      switch (permission) {
        case P::kPublish:
          return {On({"sns:Publish"})};
        case P::kSubscribe:
          return {On({"sns:Subscribe"})};
        default:
          return {};
      }
    case K::kStream:
      switch (permission) {
        case P::kPut:
        case P::kWrite:
          return {On({"kinesis:PutRecord", "kinesis:PutRecords"})};
        case P::kRead:
        case P::kConsume:
          return {On(kStreamRead)};
        default:
          return {};
      }
    case K::kEventBus:
      switch (permission) {
        case P::kPut:
        case P::kPublish:
          return {On({"events:PutEvents"})};
        default:
          return {};
      }
    case K::kFunction:
      if (permission == P::kInvoke) {
        return {{{"lambda:InvokeFunction"}, {Scope::kEntity, Scope::kVersions}}};
      }
      return {};
    case K::kFlow:
      switch (permission) {
        case P::kStart:
          return {On({"states:StartExecution"})};
        case P::kRun:
          if (express) return {On({"states:StartSyncExecution"})};
          return {On({"states:StartExecution"}),
                  On({"states:DescribeExecution", "states:StopExecution"}, Scope::kExecutions)};
        case P::kCallback:
          return {
              On({"states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"})};
        default:
          return {};
      }
    case K::kSecret:
      // On the secret's ARN, whose last 6 characters a name does not give (Scope::kEntity of a
      // secret is `secret:NAME-??????`, policies.cpp).
      if (permission == P::kRead) {
        return {On({"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"})};
      }
      return {};
    case K::kParameter:
      if (permission == P::kRead) return {On({"ssm:GetParameter", "ssm:GetParameters"})};
      return {};
    default:
      return {};
  }
}

std::vector<ir::Permission> PermissionsFor(ir::EntityRef::Kind kind) {
  std::vector<ir::Permission> out;
  for (int p = 0; p <= static_cast<int>(P::kCallback); ++p) {
    if (!GrantActions(static_cast<P>(p), kind).empty()) out.push_back(static_cast<P>(p));
  }
  return out;
}

std::vector<ActionSet> ResourceOpActions(ir::ResourceOp op) {
  using O = ir::ResourceOp;
  switch (op) {
    case O::kTableGet:
      return {On({"dynamodb:GetItem"})};
    case O::kTablePut:
      return {On({"dynamodb:PutItem"})};
    case O::kTableUpdate:
      return {On({"dynamodb:UpdateItem"})};
    case O::kTableDelete:
      return {On({"dynamodb:DeleteItem"})};
    case O::kTableQuery:
      return {{{"dynamodb:Query"}, {Scope::kEntity, Scope::kIndexes}}};
    case O::kTableScan:
      return {On({"dynamodb:Scan"})};
    case O::kBucketGet:
      return {On({"s3:GetObject"}, Scope::kObjects)};
    case O::kBucketPut:
      return {On({"s3:PutObject"}, Scope::kObjects)};
    case O::kBucketDelete:
      return {On({"s3:DeleteObject"}, Scope::kObjects)};
    case O::kBucketList:
      return {On({"s3:ListBucket"})};
    case O::kQueueSend:
      return {On({"sqs:SendMessage"})};
    case O::kTopicPublish:
      return {On({"sns:Publish"})};
    case O::kQueueMessages:
    case O::kTopicMessages:
      // A test's reads, answered by the local cloud: never deployed (the checker allows them in
      // tests only, E0247), so they need no permission.
      return {};
    case O::kStreamPut:
      return {On({"kinesis:PutRecord"})};
    case O::kEventsPut:
      return {On({"events:PutEvents"})};
  }
  return {};
}

std::vector<ActionSet> ConsumeActions(ir::EntityRef::Kind kind) {
  switch (kind) {
    case K::kQueue:
      return {On(kQueueConsume)};
    case K::kStream:
      return {On(kStreamRead)};
    case K::kTable:
      return {On(kTableStreamRead, Scope::kTableStream)};
    default:
      return {};
  }
}

std::vector<ActionSet> FailureDestinationActions(ir::EntityRef::Kind kind) {
  switch (kind) {
    case K::kQueue:
      return {On({"sqs:SendMessage"})};
    case K::kTopic:
      return {On({"sns:Publish"})};
    default:
      return {};
  }
}

std::vector<std::string> ServiceCallActions(std::string_view service, std::string_view operation) {
  // SDK operations authorised by an action of another name.
  static const std::map<std::string, std::vector<std::string>, std::less<>> kRenamed = {
      {"s3:listObjectsV2", {"s3:ListBucket"}},
      {"s3:listObjects", {"s3:ListBucket"}},
      {"s3:listObjectVersions", {"s3:ListBucketVersions"}},
      {"s3:headObject", {"s3:GetObject"}},
      {"s3:headBucket", {"s3:ListBucket"}},
      {"s3:copyObject", {"s3:GetObject", "s3:PutObject"}},
      {"s3:deleteObjects", {"s3:DeleteObject"}},
      {"lambda:invoke", {"lambda:InvokeFunction"}},
      {"lambda:invokeAsync", {"lambda:InvokeFunction"}},
      {"apigatewaymanagementapi:postToConnection", {"execute-api:ManageConnections"}},
      {"apigatewaymanagementapi:getConnection", {"execute-api:ManageConnections"}},
      {"apigatewaymanagementapi:deleteConnection", {"execute-api:ManageConnections"}},
  };
  // The IAM prefix is the service model's signing name, with the exceptions docs/iam.md lists.
  const aws_models::Service* model = aws_models::FindService(service);
  const std::string name(model != nullptr ? model->name : service);
  if (auto it = kRenamed.find(name + ":" + std::string(operation)); it != kRenamed.end()) {
    return it->second;
  }
  const std::string prefix(model != nullptr ? model->iam_prefix : service);
  return {prefix + ":" + UpperFirst(operation)};
}

SyncJob SyncJobActions(std::string_view service, std::string_view operation) {
  if (const aws_models::Service* model = aws_models::FindService(service)) service = model->name;
  struct Entry {
    std::string_view service, operation;
    std::vector<std::string> actions;
    std::string_view rule;
  };
  static const std::vector<Entry> kJobs = {
      {"glue", "startJobRun", {"glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"}, ""},
      {"batch",
       "submitJob",
       {"batch:DescribeJobs", "batch:TerminateJob"},
       "StepFunctionsGetEventsForBatchJobsRule"},
      {"ecs",
       "runTask",
       {"ecs:DescribeTasks", "ecs:StopTask"},
       "StepFunctionsGetEventsForECSTaskRule"},
      {"athena",
       "startQueryExecution",
       {"athena:GetQueryExecution", "athena:StopQueryExecution"},
       ""},
      {"codebuild",
       "startBuild",
       {"codebuild:BatchGetBuilds", "codebuild:StopBuild"},
       "StepFunctionsGetEventsForCodeBuildStartBuildRule"},
      {"codebuild",
       "startBuildBatch",
       {"codebuild:BatchGetBuildBatches", "codebuild:StopBuildBatch"},
       "StepFunctionsGetEventsForCodeBuildStartBuildBatchRule"},
      {"states",
       "startExecution",
       {"states:DescribeExecution", "states:StopExecution"},
       "StepFunctionsGetEventsForStepFunctionsExecutionRule"},
      {"sfn",
       "startExecution",
       {"states:DescribeExecution", "states:StopExecution"},
       "StepFunctionsGetEventsForStepFunctionsExecutionRule"},
      // Step Functions polls the customization job (connect-bedrock, `.sync`).
      {"bedrock",
       "createModelCustomizationJob",
       {"bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"},
       ""},
      {"sagemaker",
       "createTrainingJob",
       {"sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"},
       "StepFunctionsGetEventsForSageMakerTrainingJobsRule"},
      {"sagemaker",
       "createTransformJob",
       {"sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"},
       "StepFunctionsGetEventsForSageMakerTransformJobsRule"},
      {"sagemaker",
       "createProcessingJob",
       {"sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob"},
       "StepFunctionsGetEventsForSageMakerProcessingJobsRule"},
  };
  for (const Entry& e : kJobs) {
    if (e.service == service && e.operation == operation) {
      return {e.actions, std::string(e.rule)};
    }
  }
  return {};
}

const std::vector<std::string>& ManagedRuleActions() {
  static const std::vector<std::string> kActions = {"events:DescribeRule", "events:PutRule",
                                                    "events:PutTargets"};
  return kActions;
}

}  // namespace caios::aws
