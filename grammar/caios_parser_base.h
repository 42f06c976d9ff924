// The base classes of the generated CaiosParser and of its rule contexts (grammar options
// `superClass` and `contextSuperClass`): rule entry and exit, and the contexts' child accessors,
// without a dynamic_cast per rule or per child.
#pragma once

#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "antlr4-runtime.h"

namespace caios::grammar {

// The generated accessors (`ctx->expr()`, `ctx->IDENT()`) call getRuleContext<T>,
// getRuleContexts<T>, getToken and getTokens, which in ANTLR 4.9 test every child with
// dynamic_casts; with the names of their many bases compared by strcmp, finding the children was a
// twentieth of the instructions of `caios build` (docs/performance.md). These find the same
// children by their exact type instead. That is the same test because every context class of the
// generated parser derives from this one directly and nothing derives from them (the grammar labels
// no alternatives), and a terminal child is a TerminalNodeImpl or, after error recovery, an
// ErrorNodeImpl (antlr4::Parser::createTerminalNode and createErrorNode make nothing else).
class CaiosRuleContext : public antlr4::ParserRuleContext {
 public:
  using antlr4::ParserRuleContext::ParserRuleContext;

  template <typename T>
  T* getRuleContext(size_t i) {
    static_assert(std::is_base_of_v<CaiosRuleContext, T>);
    for (antlr4::tree::ParseTree* child : children) {
      // RuleContext derives from ParseTree non-virtually: a static_cast is a downcast.
      if (typeid(*child) == typeid(T) && i-- == 0) return static_cast<T*>(child);
    }
    return nullptr;
  }

  template <typename T>
  std::vector<T*> getRuleContexts() {
    static_assert(std::is_base_of_v<CaiosRuleContext, T>);
    std::vector<T*> found;
    for (antlr4::tree::ParseTree* child : children) {
      if (typeid(*child) == typeid(T)) found.push_back(static_cast<T*>(child));
    }
    return found;
  }

  antlr4::tree::TerminalNode* getToken(size_t ttype, size_t i) override {
    for (antlr4::tree::ParseTree* child : children) {
      antlr4::tree::TerminalNode* node = AsTerminal(child);
      if (node != nullptr && node->getSymbol()->getType() == ttype && i-- == 0) return node;
    }
    return nullptr;
  }

  std::vector<antlr4::tree::TerminalNode*> getTokens(size_t ttype) override {
    std::vector<antlr4::tree::TerminalNode*> found;
    for (antlr4::tree::ParseTree* child : children) {
      antlr4::tree::TerminalNode* node = AsTerminal(child);
      if (node != nullptr && node->getSymbol()->getType() == ttype) found.push_back(node);
    }
    return found;
  }

 private:
  // TerminalNode is a virtual base of the node classes, so no static_cast reaches them from a
  // ParseTree*; dynamic_cast<void*> (an offset read from the vtable, no search) finds the whole
  // object, whose type typeid has told.
  static antlr4::tree::TerminalNode* AsTerminal(antlr4::tree::ParseTree* child) {
    const std::type_info& type = typeid(*child);
    if (type == typeid(antlr4::tree::TerminalNodeImpl)) {
      return static_cast<antlr4::tree::TerminalNodeImpl*>(dynamic_cast<void*>(child));
    }
    if (type == typeid(antlr4::tree::ErrorNodeImpl)) {
      return static_cast<antlr4::tree::ErrorNodeImpl*>(dynamic_cast<void*>(child));
    }
    return nullptr;
  }
};

// ANTLR 4.9's Parser finds the parent of a rule context with a dynamic_cast from ParseTree*
// twice per rule (entering: adding the context to its parent; leaving: returning to the
// parent). Every rule context's parent is a ParserRuleContext (the generated rules construct
// each context with the current one as parent), so a static_cast finds the same object. The
// casts were 6% of the instructions of `caios build` (docs/performance.md, "Parsing without the
// runtime's casts").
class CaiosParserBase : public antlr4::Parser {
 public:
  using antlr4::Parser::Parser;

  // Runs `f` when it goes out of scope, unwinding included.
  template <typename F>
  class ScopeExit {
   public:
    explicit ScopeExit(F f) : f_(std::move(f)) {}
    ScopeExit(const ScopeExit&) = delete;
    ScopeExit& operator=(const ScopeExit&) = delete;
    ~ScopeExit() { f_(); }

   private:
    F f_;
  };

  // Hides antlrcpp::finally for the generated rules (`auto onExit = finally([=] { exitRule();
  // });` in every rule): the same cleanup at the same time, without a std::function allocated
  // and destroyed per rule.
  template <typename F>
  static ScopeExit<F> finally(F f) {
    return ScopeExit<F>(std::move(f));
  }

  // Hides antlr4::Parser::exitRule (not virtual): the generated rules call it unqualified.
  // The same steps as the runtime's, in the same order.
  void exitRule() {
    _ctx->stop = _matchedEOF ? _input->LT(1) : _input->LT(-1);
    if (!_parseListeners.empty()) triggerExitRuleEvent();
    setState(_ctx->invokingState);
    _ctx = static_cast<antlr4::ParserRuleContext*>(_ctx->parent);
  }

 protected:
  // Called by antlr4::Parser::enterRule (virtually) when parse trees are built. Room for four
  // children at once: growing the vector one child at a time reallocated it for most rules.
  void addContextToParseTree() override {
    _ctx->children.reserve(4);
    if (_ctx->parent == nullptr) return;
    static_cast<antlr4::ParserRuleContext*>(_ctx->parent)->addChild(_ctx);
  }
};

}  // namespace caios::grammar
