// AWS's limits on the values a program writes: the service quotas and API ranges each
// target::Quantity meets on AWS. "Quotas" is the service's Quotas (or Limits) page of the AWS
// documentation, "CFN" the CloudFormation resource reference.
#include <string_view>

#include "backends/aws/target.h"

namespace caios::aws {
namespace {

using target::kDay;
using target::kHour;
using target::kMinute;
using target::kSecond;
using target::kYear;
using target::Quantity;
using target::Range;

// Counts: [min, max]; durations: [min, max] in ms, in steps of `granularity` ms.
constexpr Range Count(int64_t min, int64_t max) { return Range{min, max, 1}; }
constexpr Range Time(int64_t min, int64_t max, int64_t granularity = kSecond) {
  return Range{min, max, granularity};
}

class AwsLimits final : public target::Limits {
 public:
  Range Of(Quantity quantity) const override {
    switch (quantity) {
      // Step Functions state machine names and SQS queue names: at most 80 characters (Step
      // Functions quotas, "Name length"; SQS CreateQueue QueueName); logical ids likewise.
      case Quantity::kDeclarationNameLength:
        return Count(1, 80);
      // States Language: TimeoutSeconds, HeartbeatSeconds, IntervalSeconds and MaxAttempts
      // are integers of at most 99999999; MaxDelaySeconds is below 31622401.
      case Quantity::kTaskTime:
      case Quantity::kRetryInterval:
        return Time(kSecond, 99999999 * kSecond);
      case Quantity::kRetryAttempts:
        return Count(0, 99999999);
      case Quantity::kRetryMaxDelay:
        return Time(kSecond, 31622400 * kSecond);
      // Step Functions quotas: a standard execution runs at most one year (so does a Wait
      // state in it), an express one 5 minutes.
      case Quantity::kWait:
        return Time(0, kYear);
      case Quantity::kStandardRun:
        return Time(kSecond, kYear);
      case Quantity::kExpressRun:
        return Time(kSecond, 5 * kMinute);
      // Map state: an inline Map runs up to 40 iterations at once, a distributed one up to
      // 10,000 child executions (Step Functions developer guide, "Map state").
      case Quantity::kInlineConcurrency:
        return Count(0, 40);
      case Quantity::kDistributedConcurrency:
        return Count(0, 10000);
      // A distributed Map's ItemReader reads at most 100,000,000 items (ReaderConfig.MaxItems).
      case Quantity::kItemReaderMaxItems:
        return Count(1, 100000000);
      // An ItemBatcher's MaxInputBytesPerBatch: a child's input is at most 256 KiB.
      case Quantity::kItemBatchMaxBytes:
        return Count(1, 262144);
      // DynamoDB quotas: 40,000 read/write capacity units per table (default, adjustable).
      case Quantity::kTableReadCapacity:
      case Quantity::kTableWriteCapacity:
        return Count(1, 40000);
      // S3 lifecycle rules count whole days.
      case Quantity::kBucketLifecycleAge:
        return Time(kDay, 100 * kYear, kDay);
      // Objects stay 30 days in S3 Standard before a transition to Standard-IA or One Zone-IA
      // (S3 user guide, "Transitioning objects using Amazon S3 Lifecycle").
      case Quantity::kInfrequentAccessTransitionAge:
        return Time(30 * kDay, 100 * kYear, kDay);
      // SQS CreateQueue attributes (SQS API reference): VisibilityTimeout 0..43200 s,
      // MessageRetentionPeriod 60..1209600 s, DelaySeconds 0..900 s, MaximumMessageSize
      // 1024..262144 bytes, ReceiveMessageWaitTimeSeconds 0..20 s; RedrivePolicy
      // maxReceiveCount 1..1000 (SQS developer guide, dead-letter queues).
      case Quantity::kQueueVisibility:
        return Time(0, 12 * kHour);
      case Quantity::kQueueRetention:
        return Time(60 * kSecond, 14 * kDay);
      case Quantity::kQueueDelay:
        return Time(0, 15 * kMinute);
      case Quantity::kQueueMessageSize:
        return Count(1024, 262144);
      case Quantity::kQueueReceiveWait:
        return Time(0, 20 * kSecond);
      case Quantity::kQueueMaxReceives:
        return Count(1, 1000);
      // Kinesis: the shard count is bounded by the account's adjustable shard quota only;
      // IncreaseStreamRetentionPeriod takes 24..8760 hours.
      case Quantity::kStreamShards:
        return Count(1, 100000);
      case Quantity::kStreamRetention:
        return Time(24 * kHour, 8760 * kHour, kHour);
      // EventBridge archive RetentionDays (0 = forever: no argument in the program).
      case Quantity::kEventsArchiveRetention:
        return Time(kDay, 100 * kYear, kDay);
      // Lambda quotas: memory 128..10240 MB, timeout 900 s, /tmp 512..10240 MB, 1,000
      // concurrent executions per Region by default (adjustable); CloudWatch Logs retention up
      // to 3653 days (CFN AWS::Logs::LogGroup RetentionInDays).
      case Quantity::kFunctionMemory:
        return Count(128, 10240);
      case Quantity::kFunctionTimeout:
        return Time(kSecond, 900 * kSecond);
      case Quantity::kFunctionEphemeralStorage:
        return Count(512, 10240);
      case Quantity::kFunctionReservedConcurrency:
        return Count(0, 1000);
      case Quantity::kFunctionLogRetention:
        return Time(kDay, 3653 * kDay, kDay);
      // Lambda quotas: "Environment variables: 4 KB, aggregate", "Function layers: five".
      case Quantity::kFunctionEnvironmentSize:
        return Count(0, 4096);
      case Quantity::kFunctionLayers:
        return Count(0, 5);
      // Event source mappings (CFN AWS::Lambda::EventSourceMapping): BatchSize 1..10000 (FIFO
      // queues 1..10), MaximumBatchingWindowInSeconds 0..300, ScalingConfig.MaximumConcurrency
      // 2..1000 (SQS), MaximumRetryAttempts -1..10000 and ParallelizationFactor 1..10 (streams).
      case Quantity::kTriggerBatch:
        return Count(1, 10000);
      case Quantity::kFifoQueueTriggerBatch:
        return Count(1, 10);
      case Quantity::kTriggerBatchWindow:
        return Time(0, 300 * kSecond);
      case Quantity::kQueueTriggerConcurrency:
        return Count(2, 1000);
      case Quantity::kStreamTriggerRetries:
        return Count(-1, 10000);
      case Quantity::kStreamTriggerParallelization:
        return Count(1, 10);
      // MaximumRecordAgeInSeconds of an event source mapping and of a pipe's stream source:
      // 60..604800 (-1, the default, keeps retrying until the record expires).
      case Quantity::kStreamTriggerMaxRecordAge:
        return Time(60 * kSecond, 7 * kDay);
      // EventBridge Scheduler (CFN AWS::Scheduler::Schedule): RetryPolicy.MaximumRetryAttempts
      // 0..185, RetryPolicy.MaximumEventAgeInSeconds 60..86400.
      case Quantity::kScheduleRetries:
        return Count(0, 185);
      case Quantity::kScheduleMaxEventAge:
        return Time(60 * kSecond, kDay);
      // API Gateway quotas: an account's throttle in a Region is 10,000 requests per second
      // with a burst of 5,000 (adjustable); a stage or method setting above it has no effect.
      case Quantity::kApiThrottleRate:
        return Count(0, 10000);
      case Quantity::kApiThrottleBurst:
        return Count(0, 5000);
    }
    return Range{};  // unreachable: the switch covers every quantity
  }

  std::string_view Why(Quantity quantity) const override {
    // The other limits are AWS's API ranges or quotas, which the messages' numbers show.
    if (quantity == Quantity::kApiThrottleRate || quantity == Quantity::kApiThrottleBurst) {
      return "API Gateway throttles an account at 10,000 requests per second with a burst of "
             "5,000 in each Region (a quota AWS can raise); a stage or route setting above it has "
             "no effect";
    }
    if (quantity == Quantity::kDeclarationNameLength) {
      return "the name becomes a state machine, resource or logical id name, which AWS limits "
             "to 80 characters";
    }
    return {};
  }
};

}  // namespace

const target::Limits& TargetLimits() {
  static const AwsLimits kLimits;
  return kLimits;
}

}  // namespace caios::aws
