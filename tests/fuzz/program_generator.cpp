// The generator behind the structure-aware fuzz target (program_generator.h). It keeps a
// small model of what it has declared — record types, resources, functions, flows, and the
// variables in scope with their types — so that most programs it writes name things that exist
// and pass values of the right type. A few decisions deliberately produce mistakes (an unknown
// name, a value of the wrong type) so the checker's error paths run on otherwise valid programs.
#include "tests/fuzz/program_generator.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace caios::fuzz {
namespace {

// Limits that keep every program small: fuzzing wants many inputs per second.
constexpr int kMaxDepth = 5;            // nested blocks and expressions
constexpr int kMaxStatements = 48;      // per flow
constexpr int kMaxBlockStatements = 6;  // per block
constexpr int kMaxExprDepth = 4;

// Decisions drawn from the fuzzer's bytes; zeros once they run out.
class Choices {
 public:
  Choices(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // A number in [0, n); n must be at least 1.
  uint32_t Below(uint32_t n) {
    if (n <= 1) return 0;
    uint32_t value = 0;
    for (uint32_t range = 1; range < n && range < (1u << 24); range <<= 8) {
      value = (value << 8) | Next();
    }
    return value % n;
  }
  bool OneIn(uint32_t n) { return Below(n) == n - 1; }
  bool exhausted() const { return pos_ >= size_; }

 private:
  uint8_t Next() { return pos_ < size_ ? data_[pos_++] : 0; }
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

struct GType {
  enum Kind { kString, kInt, kNumber, kBool, kJson, kRecord, kArray, kOptional };
  Kind kind = kJson;
  int record = -1;               // kRecord: index of the record type
  std::shared_ptr<GType> inner;  // kArray: element, kOptional: the non-null type

  static GType Scalar(Kind k) { return GType{k, -1, nullptr}; }
  static GType Record(int index) { return GType{kRecord, index, nullptr}; }
  static GType ArrayOf(GType t) { return GType{kArray, -1, std::make_shared<GType>(t)}; }
  static GType OptionalOf(GType t) { return GType{kOptional, -1, std::make_shared<GType>(t)}; }
};

bool SameType(const GType& a, const GType& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == GType::kRecord) return a.record == b.record;
  if (a.kind == GType::kArray || a.kind == GType::kOptional) return SameType(*a.inner, *b.inner);
  return true;
}

struct Field {
  std::string name;
  GType type;
  bool optional = false;
};

struct RecordDecl {
  std::string name;
  std::vector<Field> fields;  // the first is always `id: string` (tables key on it)
};

enum class ResourceKind { kTable, kBucket, kQueue, kTopic, kStream, kEvents, kConnection };

struct ResourceDecl {
  ResourceKind kind;
  std::string name;
  int item_record = -1;  // -1: items are json
};

struct Param {
  std::string name;
  GType type;
  bool optional = false;
  bool token = false;  // a `token` parameter (await target)
};

struct Callable {
  std::string name;
  std::vector<Param> params;
  GType result = GType::Scalar(GType::kJson);
  bool has_result = false;
  bool express = false;
};

struct Variable {
  std::string name;
  GType type;
};

class Generator {
 public:
  explicit Generator(Choices& choices) : c_(choices) {}

  std::string Run() {
    Line("app fuzz");
    mistakes_ = c_.OneIn(8);
    int records = static_cast<int>(c_.Below(4));
    for (int i = 0; i < records; ++i) DeclareRecord();
    int resources = 1 + static_cast<int>(c_.Below(5));
    for (int i = 0; i < resources; ++i) DeclareResource();
    if (c_.OneIn(3)) {
      Line("policy Gentle retry { on States.TaskFailed attempts 2 interval 2s backoff 1.5 }");
      has_policy_ = true;
    }
    int functions = static_cast<int>(c_.Below(4));
    for (int i = 0; i < functions; ++i) DeclareFunction();
    int flows = 1 + static_cast<int>(c_.Below(3));
    for (int i = 0; i < flows; ++i) DeclareFlow();
    DeclarePorts();
    return out_;
  }

 private:
  // ---- output helpers
  void Line(const std::string& text) {
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }
  std::string Fresh(const char* prefix) { return prefix + std::to_string(next_name_++); }

  // ---- types
  std::string Spell(const GType& t) const {
    switch (t.kind) {
      case GType::kString:
        return "string";
      case GType::kInt:
        return "int";
      case GType::kNumber:
        return "number";
      case GType::kBool:
        return "bool";
      case GType::kJson:
        return "json";
      case GType::kRecord:
        return records_[t.record].name;
      case GType::kArray:
        return "[" + Spell(*t.inner) + "]";
      case GType::kOptional:
        return Spell(*t.inner) + "?";
    }
    return "json";
  }

  GType ScalarType() {
    static constexpr GType::Kind kKinds[] = {GType::kString, GType::kInt, GType::kNumber,
                                             GType::kBool, GType::kJson};
    return GType::Scalar(kKinds[c_.Below(5)]);
  }

  // A type for a field, parameter or annotation: scalars mostly, then records and arrays.
  GType AnyType(int depth = 0) {
    switch (c_.Below(depth >= 2 ? 1 : 8)) {
      case 0:
      case 1:
      case 2:
      case 3:
        return ScalarType();
      case 4:
        if (!records_.empty()) return GType::Record(static_cast<int>(c_.Below(records_.size())));
        return ScalarType();
      case 5:
      case 6:
        return GType::ArrayOf(AnyType(depth + 1));
      default:
        return GType::OptionalOf(ScalarType());
    }
  }

  void DeclareRecord() {
    RecordDecl record;
    record.name = Fresh("Rec");
    record.fields.push_back({"id", GType::Scalar(GType::kString), false});
    int fields = static_cast<int>(c_.Below(5));
    int self = static_cast<int>(records_.size());
    for (int i = 0; i < fields; ++i) {
      Field field;
      field.name = Fresh("f");
      if (c_.OneIn(12)) {
        field.type = GType::ArrayOf(GType::Record(self));  // a recursive record (a tree)
      } else {
        field.type = AnyType(1);
      }
      field.optional = c_.OneIn(4) && field.type.kind != GType::kOptional;
      record.fields.push_back(field);
    }
    records_.push_back(record);
    std::string text = "type " + record.name + " {";
    for (size_t i = 0; i < record.fields.size(); ++i) {
      const Field& f = record.fields[i];
      text += (i == 0 ? " " : ", ") + f.name + (f.optional ? "?: " : ": ") + Spell(f.type);
    }
    Line(text + " }");
  }

  // ---- resources
  void DeclareResource() {
    ResourceDecl r;
    r.kind = static_cast<ResourceKind>(c_.Below(7));
    bool typed = !records_.empty() && c_.Below(3) != 0;
    if (typed) r.item_record = static_cast<int>(c_.Below(records_.size()));
    std::string item = typed ? ": " + records_[r.item_record].name : "";
    switch (r.kind) {
      case ResourceKind::kTable:
        r.name = Fresh("Table");
        Line("table " + r.name + item + " {");
        ++indent_;
        Line("key id: string");
        if (c_.OneIn(3)) Line("stream new_and_old");
        if (c_.OneIn(4)) Line("pitr");
        --indent_;
        Line("}");
        break;
      case ResourceKind::kBucket:
        r.item_record = -1;
        r.name = Fresh("Bucket");
        Line("bucket " + r.name + (c_.OneIn(2) ? " { versioned; events }" : ""));
        break;
      case ResourceKind::kQueue:
        r.name = Fresh("Queue");
        Line("queue " + r.name + item + " { visibility 120s" +
             (c_.OneIn(3) ? "; dead_letter after 3" : "") + " }");
        break;
      case ResourceKind::kTopic:
        r.name = Fresh("Topic");
        Line("topic " + r.name + item);
        break;
      case ResourceKind::kStream:
        r.name = Fresh("Stream");
        Line("stream " + r.name + item + (c_.OneIn(2) ? " { shards 2 }" : " { on_demand }"));
        break;
      case ResourceKind::kEvents:
        r.name = Fresh("Bus");
        Line("events " + r.name + item + (c_.OneIn(3) ? " { archive 7d }" : ""));
        break;
      case ResourceKind::kConnection:
        r.item_record = -1;
        r.name = Fresh("Api");
        Line("connection " + r.name +
             " { auth api_key; url \"https://example.com\"; header \"X-Key\"; secret \"fuzz/key\" "
             "}");
        break;
    }
    resources_.push_back(r);
  }

  const ResourceDecl* PickResource(ResourceKind kind) {
    std::vector<const ResourceDecl*> found;
    for (const ResourceDecl& r : resources_) {
      if (r.kind == kind) found.push_back(&r);
    }
    if (found.empty()) return nullptr;
    return found[c_.Below(found.size())];
  }

  // ---- functions
  static const char* PermissionsFor(ResourceKind kind) {
    switch (kind) {
      case ResourceKind::kTable:
        return "read, write";
      case ResourceKind::kBucket:
        return "read, list";
      case ResourceKind::kQueue:
        return "send";
      case ResourceKind::kTopic:
        return "publish";
      case ResourceKind::kStream:
        return "put";
      case ResourceKind::kEvents:
        return "put";
      case ResourceKind::kConnection:
        return nullptr;
    }
    return nullptr;
  }

  void DeclareFunction() {
    Callable f;
    f.name = Fresh("fn");
    int params = static_cast<int>(c_.Below(3));
    for (int i = 0; i < params; ++i) {
      f.params.push_back({Fresh("p"), AnyType(), c_.OneIn(4), false});
    }
    if (c_.OneIn(4)) f.params.push_back({Fresh("tok"), GType::Scalar(GType::kString), false, true});
    f.has_result = c_.Below(3) != 0;
    if (f.has_result) f.result = AnyType();
    std::string text = "function " + f.name + "(" + ParamList(f.params) + ")";
    if (f.has_result) text += " -> " + Spell(f.result);
    Line(text + " {");
    ++indent_;
    if (c_.OneIn(6)) {
      Line("runtime python3.12");
      Line("handler \"app.handler\"");
      Line("code \"functions/" + f.name + "\"");
    } else {
      Line("image \"123456789012.dkr.ecr.us-east-1.amazonaws.com/fuzz:latest\"");
    }
    Line("timeout " + std::to_string(1 + c_.Below(60)) + "s");
    if (c_.OneIn(3)) Line("memory " + std::to_string(128 * (1 + c_.Below(8))));
    if (c_.OneIn(4)) Line("env { MODE: \"fuzz\", LEVEL: \"" + std::to_string(c_.Below(9)) + "\" }");
    for (int i = static_cast<int>(c_.Below(3)); i > 0 && !resources_.empty(); --i) {
      const ResourceDecl& r = resources_[c_.Below(resources_.size())];
      if (const char* perms = PermissionsFor(r.kind)) Line("uses " + r.name + "(" + perms + ")");
    }
    if (!functions_.empty() && c_.OneIn(5)) {
      Line("uses " + functions_[c_.Below(functions_.size())].name + "(invoke)");
    }
    --indent_;
    Line("}");
    functions_.push_back(f);
  }

  std::string ParamList(const std::vector<Param>& params) const {
    std::string text;
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (i > 0) text += ", ";
      text += p.name + (p.optional ? "?: " : ": ") + (p.token ? "token" : Spell(p.type));
    }
    return text;
  }

  // ---- flows
  void DeclareFlow() {
    Callable flow;
    flow.name = Fresh("flow");
    flow.express = c_.OneIn(3);
    int params = static_cast<int>(c_.Below(3));
    for (int i = 0; i < params; ++i) flow.params.push_back({Fresh("in"), AnyType(), c_.OneIn(3)});
    flow.has_result = c_.OneIn(3);
    if (flow.has_result) flow.result = GType::Scalar(GType::kJson);
    std::string text = "flow " + flow.name + "(" + ParamList(flow.params) + ")";
    if (flow.has_result) text += " -> json";
    if (flow.express) text += " express";
    if (c_.OneIn(4)) text += " timeout " + std::to_string(1 + c_.Below(4)) + "m";
    if (c_.OneIn(5)) text += " tracing";
    if (c_.OneIn(3)) text += " query jsonpath";
    current_ = &flow;
    scope_.clear();
    for (const Param& p : flow.params) {
      scope_.push_back({p.name, p.optional ? GType::OptionalOf(p.type) : p.type});
    }
    writable_from_ = 0;
    statements_ = 0;
    Line(text + " {");
    ++indent_;
    Block(0, /*in_loop=*/false, /*in_branch=*/false);
    if (flow.has_result) Line("return " + Expr(GType::Scalar(GType::kJson), 0));
    --indent_;
    Line("}");
    current_ = nullptr;
    flows_.push_back(flow);
  }

  void Block(int depth, bool in_loop, bool in_branch) {
    size_t mark = scope_.size();
    int count = static_cast<int>(c_.Below(kMaxBlockStatements + 1));
    if (depth == 0) count = std::max(count, 1);
    for (int i = 0; i < count && statements_ < kMaxStatements; ++i) {
      Statement(depth, in_loop, in_branch);
    }
    scope_.resize(mark);
  }

  // Writes `text {`, a nested block, and `}`; `setup` declares loop variables in the block.
  template <typename Setup>
  void Nested(const std::string& text, int depth, bool in_loop, bool in_branch, Setup setup) {
    Line(text + " {");
    ++indent_;
    size_t mark = scope_.size();
    setup();
    Block(depth + 1, in_loop, in_branch);
    scope_.resize(mark);
    --indent_;
  }

  void Statement(int depth, bool in_loop, bool in_branch) {
    ++statements_;
    bool nested_ok = depth < kMaxDepth;
    uint32_t pick = c_.Below(20);
    if (!nested_ok && pick >= 8 && pick <= 13) pick = 0;
    switch (pick) {
      case 0:
      case 1:
      case 2: {  // let
        GType t = AnyType();
        std::string name = Fresh("v");
        // Inference gives literals their own types (`[1]` is `[int]`, `{…}` a record), so
        // anything but a plain string, int or bool is annotated with the type the generator means.
        bool annotate = c_.OneIn(3) || (t.kind != GType::kString && t.kind != GType::kInt &&
                                        t.kind != GType::kBool);
        Line("let " + name + (annotate ? ": " + Spell(t) : "") + " = " + Expr(t, 0));
        scope_.push_back({name, t});
        return;
      }
      case 3: {  // assignment to a variable this block may write
        std::vector<const Variable*> writable;
        for (size_t i = writable_from_; i < scope_.size(); ++i) writable.push_back(&scope_[i]);
        if (writable.empty()) return Statement(depth, in_loop, in_branch);
        const Variable& v = *writable[c_.Below(writable.size())];
        Line(v.name + " = " + Expr(v.type, 0));
        return;
      }
      case 4:
      case 5:
      case 6:
      case 7:
        return Task();
      case 8: {  // if / else if / else
        Nested("if " + Expr(GType::Scalar(GType::kBool), 0), depth, in_loop, in_branch, [] {});
        for (uint32_t i = c_.Below(3); i > 0; --i) {
          Nested("} else if " + Expr(GType::Scalar(GType::kBool), 0), depth, in_loop, in_branch,
                 [] {});
        }
        if (c_.OneIn(2)) Nested("} else", depth, in_loop, in_branch, [] {});
        Line("}");
        return;
      }
      case 9: {  // while with a counter, so the history estimate has a bound to find
        std::string counter = Fresh("n");
        Line("let " + counter + " = 0");
        scope_.push_back({counter, GType::Scalar(GType::kInt)});
        Nested("while " + counter + " < " + std::to_string(1 + c_.Below(5)), depth, true, in_branch,
               [] {});
        Line("  " + counter + " = " + counter + " + 1");
        Line("}");
        return;
      }
      case 10:
        return For(depth, in_branch);
      case 11:
        return Parallel(depth);
      case 12: {  // try / catch
        Nested("try", depth, in_loop, in_branch, [] {});
        int catches = 1 + static_cast<int>(c_.Below(2));
        for (int i = 0; i < catches; ++i) {
          bool last = i == catches - 1;
          std::string head = last && c_.OneIn(2) ? "} catch" : "} catch " + ErrorName(last);
          std::string err = Fresh("e");
          // `err` is `{ error, cause }`; Expr reads its fields through error_vars_.
          Nested(head + " as " + err, depth, in_loop, in_branch,
                 [&] { error_vars_.push_back(err); });
          error_vars_.pop_back();
        }
        Line("}");
        return;
      }
      case 13:
        return Switch(depth, in_loop, in_branch);
      case 14:
        if (in_loop && c_.OneIn(2)) return Line(c_.OneIn(2) ? "break" : "continue");
        return Wait();
      case 15:
        if (c_.OneIn(3))
          return Line("fail " + ErrorName() + "(" + Expr(GType::Scalar(GType::kString), 1) + ")");
        return Wait();
      case 16:
        if (in_branch) return Line("yield " + Expr(AnyType(), 0));
        if (c_.OneIn(4))
          return Line("return" + std::string(current_->has_result
                                                 ? " " + Expr(GType::Scalar(GType::kJson), 0)
                                                 : ""));
        return Task();
      default:
        return Task();
    }
  }

  // An error name; `States.ALL` only where a catch-all may stand (the last catch).
  std::string ErrorName(bool catch_all_ok = true) {
    static const char* const kNames[] = {
        "OrderFailed", "States.Timeout", "States.TaskFailed", "Lambda.ServiceException",
        "Busy",        "States.ALL"};
    return kNames[c_.Below(catch_all_ok ? 6 : 5)];
  }

  void Wait() {
    if (current_->express) return Line("wait " + std::to_string(1 + c_.Below(60)) + "s");
    switch (c_.Below(3)) {
      case 0:
        return Line("wait " + std::to_string(1 + c_.Below(120)) + "s");
      case 1:
        return Line("wait " + Expr(GType::Scalar(GType::kInt), 1));
      default:
        return Line("wait until " + Expr(GType::Scalar(GType::kString), 1));
    }
  }

  void For(int depth, bool in_branch) {
    std::string item = Fresh("x");
    GType element = ScalarType();
    std::string source = Expr(GType::ArrayOf(element), 1);
    std::string clauses;
    bool distributed = !current_->express && c_.OneIn(4);
    if (c_.OneIn(3)) clauses += " concurrency " + std::to_string(1 + c_.Below(20));
    if (distributed) {
      clauses += " distributed";
      if (const ResourceDecl* bucket = PickResource(ResourceKind::kBucket); bucket && c_.OneIn(2)) {
        source = bucket->name + ".objects(prefix: \"in/\")";
        element = GType::Scalar(GType::kJson);
        if (c_.OneIn(2)) clauses += " results " + bucket->name + " \"out/\"";
      }
      if (c_.OneIn(3)) clauses += " tolerate " + std::to_string(c_.Below(101)) + "%";
    }
    bool collect = c_.OneIn(2);
    std::string head = "for " + item + " in " + source + clauses;
    std::string target;
    if (collect) {
      target = Fresh("ys");
      head = "let " + target + " = " + head;
    }
    size_t saved_writable = writable_from_;
    bool saved_express = current_->express;
    if (distributed) current_->express = true;  // express children follow the express rules
    // The loop variable is read-only. Its type is the generator's only where literals infer
    // exactly that type (`[{…}]` is an array of records, not of json): otherwise it is not used.
    bool exact = element.kind == GType::kString || element.kind == GType::kInt ||
                 element.kind == GType::kBool;
    Nested(head, depth, false, true, [&] {
      if (exact) scope_.push_back({item, element});
      writable_from_ = scope_.size();
    });
    if (collect) Line("  yield " + item);
    Line("}");
    current_->express = saved_express;
    writable_from_ = saved_writable;
    // The collected array's element type is the common type of every yield in the body, which
    // the generator does not track: `target` is not used afterwards.
  }

  void Parallel(int depth) {
    bool collect = c_.OneIn(2);
    std::string target = collect ? Fresh("branches") : "";
    Line(collect ? "let " + target + " = parallel {" : "parallel {");
    ++indent_;
    size_t saved_writable = writable_from_;
    writable_from_ = scope_.size();
    int branches = 1 + static_cast<int>(c_.Below(3));
    for (int i = 0; i < branches; ++i) {
      Nested("branch", depth, false, true, [] {});
      if (collect) Line("  yield " + Expr(GType::Scalar(GType::kInt), 1));
      Line("}");
    }
    writable_from_ = saved_writable;
    --indent_;
    Line("}");
  }

  void Switch(int depth, bool in_loop, bool in_branch) {
    Line("switch " + Expr(GType::Scalar(GType::kString), 1) + " {");
    ++indent_;
    int cases = 1 + static_cast<int>(c_.Below(3));
    for (int i = 0; i < cases; ++i) {
      Nested("case \"c" + std::to_string(i) + "\"", depth, in_loop, in_branch, [] {});
      Line("}");
    }
    if (c_.OneIn(2)) {
      Nested("default", depth, in_loop, in_branch, [] {});
      Line("}");
    }
    --indent_;
    Line("}");
  }

  // ---- tasks: functions, resource operations, AWS SDK calls, HTTP, nested flows, callbacks
  std::string Clauses(bool timeout = true) {
    std::string text;
    if (c_.OneIn(3))
      text += has_policy_ && c_.OneIn(2) ? " retry Gentle"
                                         : " retry { on " + ErrorName() + " attempts " +
                                               std::to_string(1 + c_.Below(5)) + " }";
    if (timeout && c_.OneIn(4)) text += " timeout " + std::to_string(30 + c_.Below(300)) + "s";
    return text;
  }

  std::string Args(const std::vector<Param>& params, bool with_token) {
    std::string text;
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (p.optional && c_.OneIn(2)) continue;
      if (!text.empty()) text += ", ";
      if (p.token) {
        text += p.name + ": " + (with_token ? "task_token" : "\"no-token\"");
      } else {
        text += p.name + ": " + Expr(p.type, 1);
      }
    }
    return text;
  }

  std::string ItemOf(const ResourceDecl& r) {
    if (r.item_record >= 0) return Expr(GType::Record(r.item_record), 1);
    return Expr(GType::Scalar(GType::kJson), 1);
  }

  void Task() {
    std::string call;
    GType result = GType::Scalar(GType::kJson);
    bool usable = true;  // whether the result's type is known well enough to use it
    switch (c_.Below(9)) {
      case 0:
      case 1:
        if (!functions_.empty()) {
          const Callable& f = functions_[c_.Below(functions_.size())];
          bool has_token =
              std::any_of(f.params.begin(), f.params.end(), [](const Param& p) { return p.token; });
          // A function with a `token` parameter is awaited; express flows cannot await.
          if (!has_token || !current_->express) {
            call = (has_token ? "await " : "") + f.name + "(" + Args(f.params, has_token) + ")" +
                   Clauses(!has_token);
            if (has_token) call += " timeout 1h";
            result = f.result;
            break;
          }
        }
        [[fallthrough]];
      case 2: {
        const ResourceDecl* table = PickResource(ResourceKind::kTable);
        if (table == nullptr) return Line("let " + Fresh("u") + " = uuid()");
        std::string key = "{ id: " + Expr(GType::Scalar(GType::kString), 1) + " }";
        switch (c_.Below(5)) {
          case 0:
            call = table->name + ".put(" + ItemOf(*table) + ")";
            break;
          case 1:
            call = table->name + ".get(" + key + ")";
            result = table->item_record >= 0 ? GType::OptionalOf(GType::Record(table->item_record))
                                             : GType::Scalar(GType::kJson);
            break;
          case 2:
            call = table->name + ".delete(" + key + ")";
            break;
          case 3:
            call = table->name + ".scan()";
            usable = false;
            break;
          default:
            call = table->name + ".query({ id: \"k\" })";
            usable = false;
            break;
        }
        call += Clauses();
        break;
      }
      case 3: {
        const ResourceDecl* queue = PickResource(ResourceKind::kQueue);
        if (queue == nullptr) return Line("let " + Fresh("u") + " = now()");
        if (!current_->express && queue->item_record < 0 && c_.OneIn(3)) {
          call = "await " + queue->name +
                 ".send({ token: task_token, body: " + Expr(GType::Scalar(GType::kString), 1) +
                 " }) timeout 1h";
          usable = false;
        } else {
          call = queue->name + ".send(" + ItemOf(*queue) + ")" + Clauses();
          usable = false;
        }
        break;
      }
      case 4: {
        const ResourceDecl* bucket = PickResource(ResourceKind::kBucket);
        if (bucket == nullptr) return Line("let " + Fresh("u") + " = uuid()");
        std::string key = Expr(GType::Scalar(GType::kString), 1);
        switch (c_.Below(4)) {
          case 0:
            call = bucket->name + ".get(" + key + ")";
            result = GType::Scalar(GType::kString);
            break;
          case 1:
            call = bucket->name + ".put(" + key + ", " + Expr(AnyType(), 1) + ")";
            break;
          case 2:
            call = bucket->name + ".delete(" + key + ")";
            break;
          default:
            call = bucket->name + ".list(prefix: \"p/\")";
            usable = false;
            break;
        }
        break;
      }
      case 5: {
        const ResourceDecl* topic = PickResource(ResourceKind::kTopic);
        const ResourceDecl* stream = PickResource(ResourceKind::kStream);
        const ResourceDecl* bus = PickResource(ResourceKind::kEvents);
        usable = false;
        if (topic != nullptr && c_.OneIn(2)) {
          call = topic->name + ".publish(" + ItemOf(*topic) + ", subject: \"s\")";
        } else if (stream != nullptr && c_.OneIn(2)) {
          call = stream->name + ".put(" + ItemOf(*stream) +
                 ", partition: " + Expr(GType::Scalar(GType::kString), 1) + ")";
        } else if (bus != nullptr) {
          call = bus->name + ".put(" + ItemOf(*bus) + ", type: \"T\", source: \"fuzz\")";
        } else {
          return Line("let " + Fresh("u") + " = uuid()");
        }
        break;
      }
      case 6: {  // nested flows: only flows declared earlier, so there is no recursion
        if (flows_.empty() || current_->express) {
          call = "aws.sqs.listQueues({})";
          usable = false;
          break;
        }
        const Callable& child = flows_[c_.Below(flows_.size())];
        std::string args = Args(child.params, false);
        if (!child.express && c_.OneIn(2)) {
          call = "start " + child.name + "(" + args + ")";
          usable = false;
        } else {
          call = "run " + child.name + "(" + args + ")";
          result = child.result;
        }
        break;
      }
      case 7: {
        if (const ResourceDecl* api = PickResource(ResourceKind::kConnection)) {
          call = "http.post(\"https://example.com/\" + " + Expr(GType::Scalar(GType::kString), 1) +
                 ", connection: " + api->name + ", body: " + Expr(AnyType(), 1) + ")";
          usable = false;
          break;
        }
        call = "aws.sqs.listQueues({})";
        usable = false;
        break;
      }
      default:
        call = "aws.dynamodb.describeTable({ TableName: " + Expr(GType::Scalar(GType::kString), 1) +
               " })";
        usable = false;
        break;
    }
    switch (c_.Below(3)) {
      case 0:
        return Line(call);
      default: {
        std::string name = Fresh("r");
        Line("let " + name + " = " + call);
        if (usable) scope_.push_back({name, result});
        return;
      }
    }
  }

  // ---- expressions of a wanted type
  std::vector<const Variable*> VariablesOf(const GType& t) {
    std::vector<const Variable*> found;
    for (const Variable& v : scope_) {
      if (SameType(v.type, t)) found.push_back(&v);
    }
    return found;
  }

  std::string StringLiteral() {
    static const char* const kWords[] = {"a",
                                         "order-1",
                                         "",
                                         "é✓",
                                         "x y",
                                         "in/",
                                         "\\${AWS::Region}",
                                         "{{double-braces}}",
                                         "quote\\\"d",
                                         "\\${TTable0Name}",
                                         "2026-01-01T00:00:00Z"};
    // Strings inside `${…}` may hold neither `"` nor `}` (docs/language.md §1).
    return "\"" + std::string(kWords[c_.Below(in_interpolation_ > 0 ? 6 : 11)]) + "\"";
  }

  std::string Expr(const GType& t, int depth) {
    // Now and then a deliberate mistake, so the checker reports on valid surroundings.
    if (mistakes_ && c_.OneIn(32)) return c_.OneIn(2) ? "undefined_name" : "true";
    // Inside `${…}` only variables and literals: the lexer ends the hole at the first `}`.
    bool leaf = depth >= kMaxExprDepth || in_interpolation_ > 0;
    std::vector<const Variable*> vars = VariablesOf(t);
    if (!vars.empty() && c_.Below(3) == 0) return vars[c_.Below(vars.size())]->name;
    switch (t.kind) {
      case GType::kString:
        switch (leaf ? 0 : c_.Below(8)) {
          case 0:
            return StringLiteral();
          case 1: {
            if (in_interpolation_ > 0) return StringLiteral();
            ++in_interpolation_;
            std::string inner = Expr(GType::Scalar(GType::kInt), depth + 1);
            --in_interpolation_;
            return "\"p-${" + inner + "}\"";
          }
          case 2:
            return "upper(" + Expr(t, depth + 1) + ")";
          case 3:
            return Expr(t, depth + 1) + " + " + Expr(t, depth + 1);
          case 4:
            return "json_string(" + Expr(AnyType(), depth + 1) + ")";
          case 5:
            return c_.OneIn(2) ? "uuid()" : "now()";
          case 6:
            if (!error_vars_.empty())
              return error_vars_.back() + (c_.OneIn(2) ? ".error" : ".cause");
            return "format(\"{}-{}\", " + Expr(ScalarType(), depth + 1) + ", 1)";
          default:
            return FieldRead(t);
        }
      case GType::kInt:
        switch (leaf ? 0 : c_.Below(7)) {
          case 0:
            return std::to_string(c_.Below(1000));
          case 1:
            return "len(" + Expr(GType::Scalar(GType::kString), depth + 1) + ")";
          case 2:
            return Expr(t, depth + 1) + " + " + Expr(t, depth + 1);
          case 3:
            return Expr(t, depth + 1) + " * " + Expr(t, depth + 1);
          case 4:
            return "floor(" + Expr(GType::Scalar(GType::kNumber), depth + 1) + ")";
          case 5:
            return "len(" + Expr(GType::ArrayOf(GType::Scalar(GType::kInt)), depth + 1) + ")";
          default:
            return FieldRead(t);
        }
      case GType::kNumber:
        switch (leaf ? 0 : c_.Below(4)) {
          case 0:
            return std::to_string(c_.Below(100)) + ".5";
          case 1:
            return Expr(GType::Scalar(GType::kInt), depth + 1);
          case 2:
            return Expr(t, depth + 1) + " / " + Expr(t, depth + 1);
          default:
            return FieldRead(t);
        }
      case GType::kBool:
        switch (leaf ? 0 : c_.Below(8)) {
          case 0:
            return c_.OneIn(2) ? "true" : "false";
          case 1:
            return Expr(GType::Scalar(GType::kInt), depth + 1) + " < " +
                   Expr(GType::Scalar(GType::kInt), depth + 1);
          case 2:
            return Expr(GType::Scalar(GType::kString), depth + 1) +
                   " == " + Expr(GType::Scalar(GType::kString), depth + 1);
          case 3:
            return Expr(t, depth + 1) + " and " + Expr(t, depth + 1);
          case 4:
            return "not " + Expr(t, depth + 1);
          case 5:
            return "contains(" + Expr(GType::Scalar(GType::kString), depth + 1) + ", \"a\")";
          case 6: {
            for (const Variable& v : scope_) {
              if (v.type.kind == GType::kOptional && c_.OneIn(2)) return v.name + " != null";
            }
            return "(" + Expr(t, depth + 1) + " or false)";
          }
          default:
            return FieldRead(t);
        }
      case GType::kJson:
        switch (leaf ? 0 : c_.Below(6)) {
          case 0:
            return c_.OneIn(2) ? "{}" : "null";
          case 1:
            return "{ k: " + Expr(AnyType(), depth + 1) +
                   ", n: " + Expr(GType::Scalar(GType::kInt), depth + 1) + " }";
          case 2:
            return Expr(AnyType(), depth + 1);
          case 3:
            return "json_parse(\"[1, 2]\")";
          case 4: {
            for (const Variable& v : scope_) {
              if (v.type.kind == GType::kJson && c_.OneIn(2)) return v.name + "[\"k\"]";
            }
            return "merge({ a: 1 }, { b: 2 })";
          }
          default:
            return "[" + Expr(AnyType(), depth + 1) + "]";
        }
      case GType::kRecord: {
        if (t.record < 0) return "{}";
        const RecordDecl& record = records_[t.record];
        std::string text = "{ ";
        bool first = true;
        for (const Field& f : record.fields) {
          if (f.optional && c_.OneIn(2)) continue;
          // A recursive field gets an empty array, so literals stay finite.
          bool recursive = f.type.kind == GType::kArray && f.type.inner->kind == GType::kRecord;
          text += (first ? "" : ", ") + f.name + ": " +
                  (recursive || leaf ? Default(f.type) : Expr(f.type, depth + 1));
          first = false;
        }
        return text + " }";
      }
      case GType::kArray:
        switch (leaf ? 0 : c_.Below(4)) {
          case 0:
            return "[]";
          case 1:
            return "[" + Expr(*t.inner, depth + 1) + ", " + Expr(*t.inner, depth + 1) + "]";
          case 2:
            if (t.inner->kind == GType::kInt)
              return "range(0, " + std::to_string(c_.Below(10)) + ")";
            if (t.inner->kind == GType::kString)
              return "split(" + Expr(*t.inner, depth + 1) + ", \",\")";
            return "[" + Expr(*t.inner, depth + 1) + "]";
          default:
            if (c_.OneIn(3)) {
              // A comprehension; its element does not read the bound name, which no other
              // expression may use either.
              return "[" + Expr(*t.inner, depth + 1) + " for " + Fresh("e") + " in " +
                     Expr(GType::ArrayOf(GType::Scalar(GType::kInt)), depth + 1) + " if " +
                     Expr(GType::Scalar(GType::kBool), depth + 1) + "]";
            }
            return "[" + Expr(*t.inner, depth + 1) + "]";
        }
      case GType::kOptional:
        switch (leaf ? 0 : c_.Below(3)) {
          case 0:
            return "null";
          default:
            return Expr(*t.inner, depth + 1);
        }
    }
    return "null";
  }

  // A value the generator can always write for a type, without recursion.
  std::string Default(const GType& t) {
    switch (t.kind) {
      case GType::kString:
        return "\"\"";
      case GType::kInt:
        return "0";
      case GType::kNumber:
        return "0.5";
      case GType::kBool:
        return "false";
      case GType::kJson:
        return "null";
      case GType::kRecord:
        return "{ id: \"r\" }";  // may miss required fields: a checker case
      case GType::kArray:
        return "[]";
      case GType::kOptional:
        return "null";
    }
    return "null";
  }

  // Reads a field of the wanted type from a record variable, or falls back to a literal.
  std::string FieldRead(const GType& t) {
    for (const Variable& v : scope_) {
      if (v.type.kind != GType::kRecord || v.type.record < 0) continue;
      for (const Field& f : records_[v.type.record].fields) {
        if (!f.optional && SameType(f.type, t) && c_.OneIn(2)) return v.name + "." + f.name;
        if (f.optional && SameType(f.type, t) && c_.OneIn(2)) {
          return "(" + v.name + "." + f.name + " ?? " + Default(t) + ")";
        }
      }
    }
    return Default(t);
  }

  // ---- APIs, schedules and triggers
  void DeclarePorts() {
    if (!flows_.empty() && c_.OneIn(2)) {
      Line("api Web" + std::to_string(next_name_++) + " {");
      ++indent_;
      for (size_t i = 0; i < flows_.size() && i < 3; ++i) {
        const Callable& flow = flows_[i];
        Line(std::string(c_.OneIn(2) ? "POST" : "PUT") + " \"/r" + std::to_string(i) + "\" -> " +
             (flow.express && c_.OneIn(2) ? "run " : "start ") + flow.name);
      }
      if (!functions_.empty()) Line("GET \"/fn/{id}\" -> " + functions_[0].name);
      --indent_;
      Line("}");
    }
    if (!functions_.empty() && c_.OneIn(3)) {
      std::string options;
      if (const ResourceDecl* queue = PickResource(ResourceKind::kQueue); c_.OneIn(2)) {
        options = " { retries " + std::to_string(c_.Below(186)) + "; max_age " +
                  std::to_string(1 + c_.Below(24)) + "h" +
                  (queue != nullptr ? "; dead_letter " + queue->name : std::string()) + " }";
      }
      Line("schedule \"rate(" + std::to_string(2 + c_.Below(58)) + " minutes)\"" + options +
           " -> " + functions_[c_.Below(functions_.size())].name);
    }
    if (!functions_.empty() && c_.OneIn(4)) {
      Line("schedule \"cron(0 " + std::to_string(c_.Below(24)) +
           " * * ? *)\" { timezone \"Europe/Paris\" } -> " +
           functions_[c_.Below(functions_.size())].name);
    }
    for (const ResourceDecl& r : resources_) {
      if (functions_.empty() || !c_.OneIn(3)) continue;
      const std::string& fn = functions_[c_.Below(functions_.size())].name;
      switch (r.kind) {
        case ResourceKind::kQueue:
          Line("on " + r.name + ".message batch 5 -> " + fn);
          break;
        case ResourceKind::kTopic:
          Line("on " + r.name + ".message -> " + fn);
          break;
        case ResourceKind::kBucket:
          Line("on " + r.name + ".created prefix \"in/\" -> " + fn);
          break;
        case ResourceKind::kStream:
          Line("on " + r.name + ".record batch 100 -> " + fn);
          break;
        default:
          break;
      }
    }
  }

  Choices& c_;
  std::string out_;
  int indent_ = 0;
  int next_name_ = 0;
  int statements_ = 0;
  bool has_policy_ = false;
  bool mistakes_ = false;     // whether this program gets a few deliberate errors
  int in_interpolation_ = 0;  // inside `${…}`: no quotes or braces in string literals
  std::vector<RecordDecl> records_;
  std::vector<ResourceDecl> resources_;
  std::vector<Callable> functions_;
  std::vector<Callable> flows_;
  Callable* current_ = nullptr;
  std::vector<Variable> scope_;
  size_t writable_from_ = 0;  // variables below this index belong outside a for/parallel body
  std::vector<std::string> error_vars_;
};

}  // namespace

std::string GenerateProgram(const uint8_t* data, size_t size) {
  Choices choices(data, size);
  return Generator(choices).Run();
}

}  // namespace caios::fuzz
