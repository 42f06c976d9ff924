// The list of every target::Quantity.
#include "compiler/target/limits.h"

#include <array>

namespace caios::target {

std::span<const Quantity> AllQuantities() {
  using Q = Quantity;
  static constexpr std::array kAll = {
      Q::kDeclarationNameLength,
      Q::kTaskTime,
      Q::kRetryAttempts,
      Q::kRetryInterval,
      Q::kRetryMaxDelay,
      Q::kWait,
      Q::kStandardRun,
      Q::kExpressRun,
      Q::kInlineConcurrency,
      Q::kDistributedConcurrency,
      Q::kItemReaderMaxItems,
      Q::kItemBatchMaxBytes,
      Q::kTableReadCapacity,
      Q::kTableWriteCapacity,
      Q::kBucketLifecycleAge,
      Q::kInfrequentAccessTransitionAge,
      Q::kQueueVisibility,
      Q::kQueueRetention,
      Q::kQueueDelay,
      Q::kQueueMessageSize,
      Q::kQueueReceiveWait,
      Q::kQueueMaxReceives,
      Q::kStreamShards,
      Q::kStreamRetention,
      Q::kEventsArchiveRetention,
      Q::kFunctionMemory,
      Q::kFunctionTimeout,
      Q::kFunctionEphemeralStorage,
      Q::kFunctionReservedConcurrency,
      Q::kFunctionLogRetention,
      Q::kFunctionEnvironmentSize,
      Q::kFunctionLayers,
      Q::kTriggerBatch,
      Q::kFifoQueueTriggerBatch,
      Q::kTriggerBatchWindow,
      Q::kQueueTriggerConcurrency,
      Q::kStreamTriggerRetries,
      Q::kStreamTriggerParallelization,
      Q::kStreamTriggerMaxRecordAge,
      Q::kScheduleRetries,
      Q::kScheduleMaxEventAge,
      Q::kApiThrottleRate,
      Q::kApiThrottleBurst,
  };
  static_assert(kAll.size() == static_cast<size_t>(Q::kApiThrottleBurst) + 1);
  return kAll;
}

}  // namespace caios::target
