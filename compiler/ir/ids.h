// Typed indices into the IR's entity lists, and a reference to an entity of any kind.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace caios::ir {

template <class Tag>
struct Id {
  static constexpr uint32_t kInvalid = std::numeric_limits<uint32_t>::max();
  uint32_t index = kInvalid;
  bool valid() const { return index != kInvalid; }
  auto operator<=>(const Id&) const = default;
};

using TableId = Id<struct TableTag>;
using BucketId = Id<struct BucketTag>;
using QueueId = Id<struct QueueTag>;
using TopicId = Id<struct TopicTag>;
using StreamId = Id<struct StreamTag>;
using EventBusId = Id<struct EventBusTag>;
using ConnectionId = Id<struct ConnectionTag>;
using FunctionId = Id<struct FunctionTag>;
using FlowId = Id<struct FlowTag>;
using SecretId = Id<struct SecretTag>;
using ParameterId = Id<struct ParameterTag>;
using StateId = Id<struct StateTag>;  // a state within one flow's graph

// Any entity of the application.
struct EntityRef {
  enum class Kind : uint8_t {
    kNone,
    kTable,
    kBucket,
    kQueue,
    kTopic,
    kStream,
    kEventBus,
    kConnection,
    kFunction,
    kFlow,
    kApi,
    kSchedule,
    kTrigger,
    kSecret,     // a secret of the secret store (always `existing`)
    kParameter,  // a parameter of the parameter store (always `existing`)
  };
  Kind kind = Kind::kNone;
  uint32_t index = 0;
  bool valid() const { return kind != Kind::kNone; }
  auto operator<=>(const EntityRef&) const = default;
};
const char* KindName(EntityRef::Kind kind);  // "table", "bucket", ..., "flow"

inline EntityRef Ref(TableId id) { return {EntityRef::Kind::kTable, id.index}; }
inline EntityRef Ref(BucketId id) { return {EntityRef::Kind::kBucket, id.index}; }
inline EntityRef Ref(QueueId id) { return {EntityRef::Kind::kQueue, id.index}; }
inline EntityRef Ref(TopicId id) { return {EntityRef::Kind::kTopic, id.index}; }
inline EntityRef Ref(StreamId id) { return {EntityRef::Kind::kStream, id.index}; }
inline EntityRef Ref(EventBusId id) { return {EntityRef::Kind::kEventBus, id.index}; }
inline EntityRef Ref(ConnectionId id) { return {EntityRef::Kind::kConnection, id.index}; }
inline EntityRef Ref(FunctionId id) { return {EntityRef::Kind::kFunction, id.index}; }
inline EntityRef Ref(FlowId id) { return {EntityRef::Kind::kFlow, id.index}; }
inline EntityRef Ref(SecretId id) { return {EntityRef::Kind::kSecret, id.index}; }
inline EntityRef Ref(ParameterId id) { return {EntityRef::Kind::kParameter, id.index}; }

}  // namespace caios::ir
