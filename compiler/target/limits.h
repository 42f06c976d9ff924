// The limits a target puts on the values a program writes (name lengths, durations, counts).
// The check phase judges them at the spans the program wrote them; the target declares them
// (docs/architecture.md, "Targets").
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace caios::target {

// Durations are counted in milliseconds.
inline constexpr int64_t kSecond = 1000;
inline constexpr int64_t kMinute = 60 * kSecond;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kDay = 24 * kHour;
inline constexpr int64_t kYear = 365 * kDay;

// Every value of a program that a target bounds. A target answers for each one: its switch
// over Quantity has no `default`, so -Wswitch names a quantity it forgot.
enum class Quantity {
  // The name of a declaration (a type, resource, function, flow, policy, api or schedule).
  kDeclarationNameLength,

  // Flows: a task's `timeout` and `heartbeat`; a retry rule's `attempts`, `interval` and `max`
  // delay; `wait DURATION`; a standard flow's `timeout`; an express flow's `timeout` and the
  // longest `wait` in it; the `concurrency` of an inline and of a distributed `for`.
  kTaskTime,
  kRetryAttempts,
  kRetryInterval,
  kRetryMaxDelay,
  kWait,
  kStandardRun,
  kExpressRun,
  kInlineConcurrency,
  kDistributedConcurrency,
  kItemReaderMaxItems,  // `max_items:` of a distributed loop's item source
  kItemBatchMaxBytes,   // `batch max_bytes B` of a distributed loop

  // Resources.
  kTableReadCapacity,
  kTableWriteCapacity,
  kBucketLifecycleAge,             // `lifecycle expire D` and `lifecycle transition CLASS D`
  kInfrequentAccessTransitionAge,  // the least D of `lifecycle transition standard_ia|onezone_ia D`
  kQueueVisibility,
  kQueueRetention,
  kQueueDelay,
  kQueueMessageSize,
  kQueueReceiveWait,
  kQueueMaxReceives,  // `dead_letter after N`
  kStreamShards,
  kStreamRetention,
  kEventsArchiveRetention,

  // Functions.
  kFunctionMemory,
  kFunctionTimeout,
  kFunctionEphemeralStorage,
  kFunctionReservedConcurrency,
  kFunctionLogRetention,
  kFunctionEnvironmentSize,  // the bytes of every key and value of `env`
  kFunctionLayers,

  // Triggers and schedules.
  kTriggerBatch,
  kFifoQueueTriggerBatch,
  kTriggerBatchWindow,
  kQueueTriggerConcurrency,
  kStreamTriggerRetries,
  kStreamTriggerParallelization,
  kStreamTriggerMaxRecordAge,  // `max_age D` of a stream or table trigger
  kScheduleRetries,
  kScheduleMaxEventAge,

  // APIs: `rate N` (requests per second) and `burst N` of an api or a route.
  kApiThrottleRate,
  kApiThrottleBurst,
};

// Every quantity, in declaration order (for tests and tables).
std::span<const Quantity> AllQuantities();

// The values a quantity may take: durations in milliseconds, sizes and counts in the unit the
// program writes them.
struct Range {
  int64_t min = 0;
  int64_t max = 0;
  // Durations: a valid value is a multiple of this many milliseconds (whole seconds, hours or
  // days, as the target's API counts them); 1 for counts.
  int64_t granularity = 1;
};

// What one target allows. The check phase receives the chosen target's Limits (the driver
// passes it) and consults nothing else of the target.
class Limits {
 public:
  virtual ~Limits() = default;
  virtual Range Of(Quantity quantity) const = 0;
  // Why the target has the limit, in its own terms, shown as a note under the diagnostic;
  // empty when the message says enough.
  virtual std::string_view Why(Quantity quantity) const = 0;
};

}  // namespace caios::target
