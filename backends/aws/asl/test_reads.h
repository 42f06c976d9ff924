// The tasks of a test's reads of a queue or topic (`Q.messages()`, `T.messages()`): resources
// that only the local cloud of `caios test` answers (localcloud/sfn_test_reads.py,
// docs/testing.md), never deployed, since the checker allows the reads in tests only (E0247).
#pragma once

#include <string_view>

#include "compiler/types/types.h"

namespace caios::aws {

inline constexpr std::string_view kQueueMessagesResource = "arn:aws:states:::caios:queueMessages";
inline constexpr std::string_view kTopicMessagesResource = "arn:aws:states:::caios:topicMessages";

// How the local cloud gives each message's body back: as the text sent for a string item type,
// else as the JSON value the text holds (a text that is not JSON stays text).
inline const char* MessageBodyForm(types::TypeId item_type) {
  return types::TypeTable::StripOptional(item_type)->is_stringish() ? "text" : "json";
}

}  // namespace caios::aws
