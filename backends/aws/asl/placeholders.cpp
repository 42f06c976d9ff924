#include "backends/aws/asl/placeholders.h"

#include <algorithm>
#include <set>

#include "backends/aws/common/json.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

// A marker is kMarker NAME kMarkerEnd: neither byte occurs in UTF-8 text.
constexpr char kMarker = '\xff';
constexpr char kMarkerEnd = '\xfe';

// `text` with every marker replaced by `${KEY}` (the whole string, or a part of it: a resource
// read inside an interpolation or a JSONata expression, docs/language.md "Resources as values").
std::string Sealed(const std::string& text, const std::map<std::string, std::string>& keys) {
  std::string out;
  size_t at = 0;
  for (size_t m = text.find(kMarker); m != std::string::npos; m = text.find(kMarker, at)) {
    const size_t end = text.find(kMarkerEnd, m + 1);
    CAIOS_CHECK_INVARIANT(end != std::string::npos && "an unterminated placeholder marker");
    out.append(text, at, m - at);
    out += "${" + keys.at(text.substr(m + 1, end - m - 1)) + "}";
    at = end + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

// Every `${…}` in the text of the program's strings, without the braces.
void CollectTaken(const std::string& text, std::set<std::string>& taken) {
  for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
    size_t end = text.find('}', at + 2);
    if (end == std::string::npos) return;
    taken.insert(text.substr(at + 2, end - at - 2));
  }
}

// One iterative walk (definitions nest as deeply as the program's blocks and values) over the
// object keys and strings of `root`: collects the program's `${…}` names into `taken`
// (markers hold no `${`) and the strings that hold a marker into `marked` (keys hold none:
// the emitters write placeholders only in values).
void Survey(Json& root, std::set<std::string>& taken, std::vector<std::string*>& marked) {
  std::vector<Json*> stack = {&root};
  while (!stack.empty()) {
    Json* j = stack.back();
    stack.pop_back();
    switch (j->type()) {
      case Json::value_t::object:
        for (auto& [key, value] : j->get_ref<Json::object_t&>()) {
          CollectTaken(key, taken);
          stack.push_back(&value);
        }
        break;
      case Json::value_t::array:
        for (Json& e : j->get_ref<Json::array_t&>()) stack.push_back(&e);
        break;
      case Json::value_t::string: {
        std::string& text = j->get_ref<std::string&>();
        CollectTaken(text, taken);  // around a marker, the rest is the program's text
        if (text.find(kMarker) != std::string::npos) marked.push_back(&text);
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::string PlaceholderMarker(std::string_view name) {
  return kMarker + std::string(name) + kMarkerEnd;
}

std::vector<Placeholder> SealPlaceholders(Json& asl,
                                          const std::map<std::string, Placeholder>& placeholders) {
  std::set<std::string> taken;
  std::vector<std::string*> marked;
  Survey(asl, taken, marked);
  // Natural names end in a letter (`…Arn`, `…Name`, `…Url`), so `name<N>` never equals
  // another placeholder's name, renamed or not.
  std::map<std::string, std::string> final_names;
  std::vector<Placeholder> out;
  for (const auto& [name, p] : placeholders) {
    std::string key = name;
    for (int n = 2; taken.count(key) > 0; ++n) key = name + std::to_string(n);
    final_names[name] = key;
    Placeholder sealed = p;
    sealed.name = key;
    out.push_back(sealed);
  }
  for (std::string* text : marked) *text = Sealed(*text, final_names);
  std::sort(out.begin(), out.end(),
            [](const Placeholder& a, const Placeholder& b) { return a.name < b.name; });
  return out;
}

namespace {

// Whether `pred` holds for some string or object key of `asl` (iterative: definitions nest
// deeply).
template <typename Pred>
bool AnyText(const Json& asl, Pred pred) {
  std::vector<const Json*> stack = {&asl};
  while (!stack.empty()) {
    const Json* j = stack.back();
    stack.pop_back();
    if (j->is_string()) {
      if (pred(j->get_ref<const std::string&>())) return true;
    } else if (j->is_object()) {
      for (const auto& [key, value] : j->get_ref<const Json::object_t&>()) {
        if (pred(key)) return true;
        stack.push_back(&value);
      }
    } else if (j->is_array()) {
      for (const Json& e : *j) stack.push_back(&e);
    }
  }
  return false;
}

}  // namespace

bool HoldsDynamicReference(const Json& asl) {
  return AnyText(
      asl, [](const std::string& text) { return text.find("{{resolve:") != std::string::npos; });
}

bool TextHoldsLiteralSubstitution(std::string_view text,
                                  const std::vector<Placeholder>& placeholders) {
  // A placeholder of DefinitionSubstitutions, whole or inside the text, is not program text.
  for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    const size_t end = text.find('}', at + 2);
    if (end == std::string_view::npos) return true;
    const std::string_view name = text.substr(at + 2, end - at - 2);
    if (std::none_of(placeholders.begin(), placeholders.end(),
                     [&](const Placeholder& p) { return p.name == name; })) {
      return true;
    }
  }
  return false;
}

bool HoldsLiteralSubstitutionText(const Json& asl, const std::vector<Placeholder>& placeholders) {
  return AnyText(asl, [&](const std::string& text) {
    return TextHoldsLiteralSubstitution(text, placeholders);
  });
}

}  // namespace caios::aws
