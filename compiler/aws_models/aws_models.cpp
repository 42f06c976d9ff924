#include "compiler/aws_models/aws_models.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>

extern "C" const char caios_aws_models_begin[];
extern "C" const char caios_aws_models_end[];

namespace caios::aws_models {
namespace {

// The table is generated and embedded by the build, so a malformed one is an internal error.
[[noreturn]] void Corrupt(std::string_view what) {
  std::fprintf(stderr, "internal error: the embedded AWS model table is malformed (%.*s)\n",
               static_cast<int>(what.size()), what.data());
  std::abort();
}

std::string_view NextLine(std::string_view& text) {
  size_t end = text.find('\n');
  if (end == std::string_view::npos) Corrupt("unterminated line");
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end + 1);
  return line;
}

std::string_view NextWord(std::string_view& line) {
  size_t end = line.find(' ');
  std::string_view word = line.substr(0, end);
  line.remove_prefix(end == std::string_view::npos ? line.size() : end + 1);
  return word;
}

uint32_t Number(std::string_view s) {
  uint32_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) Corrupt("number");
  return value;
}

Ref ParseRef(std::string_view s) {
  if (s.empty()) Corrupt("empty ref");
  using K = Ref::Kind;
  if (s.size() == 1) {
    switch (s[0]) {
      case '-':
        return {K::kNone, 0};
      case 's':
        return {K::kString, 0};
      case 'i':
        return {K::kInt, 0};
      case 'n':
        return {K::kNumber, 0};
      case 'b':
        return {K::kBool, 0};
      case 't':
        return {K::kTimestamp, 0};
      case 'x':
        return {K::kBlob, 0};
      case 'j':
        return {K::kJson, 0};
      default:
        break;
    }
  }
  return {K::kShape, Number(s)};
}

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

struct Table {
  std::string_view version;
  std::deque<Service> services;  // sorted by name
  std::mutex decode_mutex;

  Table() {
    std::string_view text(caios_aws_models_begin,
                          static_cast<size_t>(caios_aws_models_end - caios_aws_models_begin));
    std::string_view first = NextLine(text);
    if (NextWord(first) != "caios-aws-models" || NextWord(first) != "1" ||
        NextWord(first) != "botocore") {
      Corrupt("header");
    }
    version = first;
    std::vector<size_t> sizes;
    while (!text.empty() && text[0] == 'S') {
      std::string_view line = NextLine(text);
      NextWord(line);
      Service& s = services.emplace_back();
      s.name = NextWord(line);
      s.aliases = NextWord(line);
      if (s.aliases == "-") s.aliases = {};
      s.iam_prefix = NextWord(line);
      sizes.push_back(Number(NextWord(line)));
    }
    for (size_t i = 0; i < services.size(); ++i) {
      if (sizes[i] > text.size()) Corrupt("body size");
      services[i].body_ = text.substr(0, sizes[i]);
      text.remove_prefix(sizes[i]);
    }
    if (!text.empty()) Corrupt("trailing bytes");
  }

  static Table& Get() {
    static Table table;
    return table;
  }
};

void Service::Decode() const {
  // Services decode on first use; the lock matters because the backend emits flows on several
  // threads.
  if (decoded_.load(std::memory_order_acquire)) return;
  Table& table = Table::Get();
  std::lock_guard<std::mutex> lock(table.decode_mutex);
  if (decoded_.load(std::memory_order_relaxed)) return;
  std::string_view text = body_;
  while (!text.empty()) {
    std::string_view line = NextLine(text);
    const char tag = line.empty() ? '\0' : line[0];
    line.remove_prefix(1);
    switch (tag) {
      case 'O': {
        Operation& op = operations_.emplace_back();
        op.name = NextWord(line);
        op.input = ParseRef(NextWord(line));
        op.output = ParseRef(NextWord(line));
        break;
      }
      case 'R': {
        Shape& shape = shapes_.emplace_back();
        shape.kind = Shape::Kind::kStructure;
        std::string_view name = NextWord(line);
        if (name != "-") shape.name = name;
        while (!line.empty()) {
          std::string_view word = NextWord(line);
          size_t colon = word.find(':');
          if (colon == std::string_view::npos) Corrupt("member");
          Member& m = shape.members.emplace_back();
          m.name = word.substr(0, colon);
          std::string_view ref = word.substr(colon + 1);
          if (!ref.empty() && ref.back() == '!') {
            m.required = true;
            ref.remove_suffix(1);
          }
          m.ref = ParseRef(ref);
        }
        break;
      }
      case 'L':
      case 'M': {
        Shape& shape = shapes_.emplace_back();
        shape.kind = tag == 'L' ? Shape::Kind::kList : Shape::Kind::kMap;
        shape.element = ParseRef(line);
        break;
      }
      default:
        Corrupt("line tag");
    }
  }
  for (const Shape& shape : shapes_) {
    auto check = [&](Ref r) {
      if (r.kind == Ref::Kind::kShape && r.index >= shapes_.size()) Corrupt("shape index");
    };
    check(shape.element);
    for (const Member& m : shape.members) check(m.ref);
  }
  decoded_.store(true, std::memory_order_release);
}

bool Service::HasAlias(std::string_view alias) const {
  std::string_view rest = aliases;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    if (rest.substr(0, comma) == alias) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

const Member* Shape::Find(std::string_view member) const {
  for (const Member& m : members) {
    if (m.name == member) return &m;
  }
  return nullptr;
}

const std::vector<Operation>& Service::operations() const {
  Decode();
  return operations_;
}

const Shape& Service::shape(uint32_t index) const {
  Decode();
  return shapes_.at(index);
}

const Operation* Service::FindOperation(std::string_view action) const {
  const std::vector<Operation>& ops = operations();
  std::string name = UpperFirst(action);
  auto it = std::lower_bound(ops.begin(), ops.end(), name,
                             [](const Operation& op, const std::string& n) { return op.name < n; });
  if (it == ops.end() || it->name != name) return nullptr;
  // The action must be spelled exactly as the operation with a lower-case first letter.
  return ActionName(it->name) == action ? &*it : nullptr;
}

const Service* FindService(std::string_view name) {
  const Table& table = Table::Get();
  auto it = std::lower_bound(table.services.begin(), table.services.end(), name,
                             [](const Service& s, std::string_view n) { return s.name < n; });
  if (it != table.services.end() && it->name == name) return &*it;
  for (const Service& s : table.services) {
    if (s.HasAlias(name)) return &s;
  }
  return nullptr;
}

std::vector<std::string> ServiceNames(bool aliases) {
  std::vector<std::string> out;
  for (const Service& s : Table::Get().services) out.emplace_back(s.name);
  if (!aliases) return out;
  for (const Service& s : Table::Get().services) {
    std::string_view rest = s.aliases;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      out.emplace_back(rest.substr(0, comma));
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
    }
  }
  return out;
}

std::vector<const Service*> ServicesWithOperation(std::string_view action, const Service* except) {
  // Scans the raw bodies: an error path, so no service is decoded for it.
  const std::string needle = "O" + UpperFirst(action) + " ";
  std::vector<const Service*> out;
  for (const Service& s : Table::Get().services) {
    if (&s == except) continue;
    std::string_view body = s.body();
    for (size_t at = body.find(needle); at != std::string_view::npos;
         at = body.find(needle, at + 1)) {
      if (at == 0 || body[at - 1] == '\n') {
        out.push_back(&s);
        break;
      }
    }
  }
  return out;
}

std::string_view BotocoreVersion() { return Table::Get().version; }

std::string_view RawTable() {
  return {caios_aws_models_begin,
          static_cast<size_t>(caios_aws_models_end - caios_aws_models_begin)};
}

std::string ActionName(std::string_view operation) {
  std::string out(operation);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
  return out;
}

}  // namespace caios::aws_models
