// The spelling of AWS SDK names in the language: `aws.<service>.<action>` calls and
// `uses aws.<service>(action, …)` grants.
#pragma once

#include <string>

namespace caios::check {

// A service as the SDKs name it: lower case letters and digits (`s3`, `dynamodb`, `sesv2`).
bool IsAwsServiceName(const std::string& s);

// An action in lowerCamelCase (`getObject`, `sendEmail`).
bool IsAwsActionName(const std::string& s);

// `SendEmail` → `sendEmail`.
std::string LowerCamel(std::string s);

}  // namespace caios::check
