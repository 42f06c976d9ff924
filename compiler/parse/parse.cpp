#include "compiler/parse/parse.h"

#include <fmt/format.h>

#include <mutex>
#include <vector>

#include "CaiosLexer.h"
#include "CaiosParser.h"
#include "antlr4-runtime.h"
#include "compiler/base/parallel_for.h"
#include "compiler/parse/build_ast.h"
#include "compiler/parse/chunk_token_stream.h"
#include "compiler/parse/descent_parser.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/syntax_errors.h"

namespace caios {
namespace {

using grammar::CaiosLexer;
using grammar::CaiosParser;

bool IsDeclarationKeyword(uint16_t kind) {
  switch (kind) {
    case CaiosLexer::APP:
    case CaiosLexer::IMPORT:
    case CaiosLexer::TYPE:
    case CaiosLexer::TABLE:
    case CaiosLexer::BUCKET:
    case CaiosLexer::QUEUE:
    case CaiosLexer::TOPIC:
    case CaiosLexer::STREAM:
    case CaiosLexer::EVENTS:
    case CaiosLexer::CONNECTION:
    case CaiosLexer::FUNCTION:
    case CaiosLexer::FLOW:
    case CaiosLexer::API:
    case CaiosLexer::SCHEDULE:
    case CaiosLexer::ON:
    case CaiosLexer::POLICY:
      return true;
    default:
      return false;
  }
}

bool AtLineStart(std::string_view text, uint32_t offset) {
  return offset == 0 || text[offset - 1] == '\n' || text[offset - 1] == '\r';
}

// A run of tokens holding one top-level declaration (or the garbage between two).
struct Chunk {
  size_t begin;  // token indices [begin, end)
  size_t end;
};

// Splits at `;`/line breaks outside brackets, and at declaration keywords in the first column
// (so that one unclosed `{` does not swallow the rest of the file).
std::vector<Chunk> SplitDeclarations(const std::vector<Token>& tokens, std::string_view text) {
  std::vector<Chunk> chunks;
  size_t start = 0;
  int depth = 0;
  auto flush = [&](size_t end) {
    if (end > start) chunks.push_back({start, end});
  };
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {  // the last token is EOF
    const Token& t = tokens[i];
    // `test "…"` starts a declaration too (`test` alone may be a name).
    const bool test = t.kind == CaiosLexer::TEST && tokens[i + 1].kind == CaiosLexer::STRING;
    if ((IsDeclarationKeyword(t.kind) || test) && AtLineStart(text, t.begin) && i > start) {
      flush(i);
      start = i;
      depth = 0;
    }
    switch (t.kind) {
      case CaiosLexer::LPAREN:
      case CaiosLexer::LBRACK:
      case CaiosLexer::LBRACE:
        ++depth;
        break;
      case CaiosLexer::RPAREN:
      case CaiosLexer::RBRACK:
      case CaiosLexer::RBRACE:
        depth = std::max(0, depth - 1);
        break;
      case CaiosLexer::SEMI:
        if (depth == 0) {
          flush(i);
          start = i + 1;
        }
        break;
      default:
        break;
    }
  }
  flush(tokens.size() - 1);
  return chunks;
}

// Runs one ANTLR parse over `tokens` (a chunk, without EOF), first in SLL mode with bail-out,
// then, only if that fails, in full LL mode with error recovery and our messages.
class ChunkParser {
 public:
  ChunkParser(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(&sink) {}

  ast::DeclPtr ParseDeclaration(const std::vector<Token>& tokens, Token end_token,
                                DiagnosticSink& sink) {
    sink_ = &sink;
    ast::DeclPtr result;
    Run(tokens, end_token, [&](CaiosParser& parser, bool build) {
      auto* tree = parser.declaration();
      if (build) result = Builder().BuildDecl(tree->topDecl());
    });
    return result;
  }

  ast::ExprPtr ParseStandaloneExpr(const std::vector<Token>& tokens, Token end_token) {
    ast::ExprPtr result;
    Run(tokens, end_token, [&](CaiosParser& parser, bool build) {
      auto* tree = parser.standaloneExpr();
      if (build) result = Builder().BuildExpr(tree->expr());
    });
    return result;
  }

 private:
  AstBuilder Builder() {
    return AstBuilder(file_, *sink_, [this](uint32_t begin, uint32_t end) -> ast::ExprPtr {
      LexResult lexed = Lex(file_, *sink_, begin, end);
      if (!lexed.ok) return nullptr;
      Token eof = lexed.tokens.back();
      lexed.tokens.pop_back();
      // Inside `${...}` a line break cannot occur, so no `;` was inserted.
      ChunkParser sub(file_, *sink_);
      return sub.ParseStandaloneExpr(lexed.tokens, eof);
    });
  }

  template <typename RunRule>
  void Run(const std::vector<Token>& tokens, Token end_token, RunRule run_rule) {
    ChunkTokenStream stream(tokens, end_token);
    CaiosParser parser(&stream);
    parser.removeErrorListeners();

    // Stage 1: SLL prediction, stop at the first error. Correct input almost always passes.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      run_rule(parser, true);
      return;
    } catch (const antlr4::ParseCancellationException&) {
    } catch (const antlr4::RecognitionException&) {
    }
    // Stage 2: full LL with recovery, reporting every error it can.
    stream.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    ChunkContext chunk{&file_, sink_, &tokens, end_token, 0, 0};
    parser.setErrorHandler(std::make_shared<CaiosErrorStrategy>(chunk));
    try {
      run_rule(parser, false);
    } catch (const antlr4::RecognitionException&) {
    } catch (const antlr4::ParseCancellationException&) {
    }
    if (chunk.errors == 0) {
      // SLL failed where LL succeeds (an SLL conflict): the tree is valid, build from it.
      stream.seek(0);
      parser.reset();
      parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      run_rule(parser, true);
    }
  }

  const SourceFile& file_;
  DiagnosticSink* sink_;  // where the current chunk reports
};

constexpr size_t kMaxErrors = 100;
constexpr size_t kMaxDeclarationTokens = 500'000;
// Below this many declarations a file is parsed on the calling thread.
constexpr size_t kMinChunksPerThread = 64;

// What parsing one declaration produced. Diagnostics are kept per chunk and merged in chunk
// order, so the output does not depend on which thread parsed what.
struct ChunkResult {
  ast::DeclPtr decl;
  DiagnosticSink diagnostics;
  bool parsed = false;
  bool by_antlr = false;
};

// Parses one chunk: with the hand-written parser first (unless the options ask for ANTLR's
// alone), and with ANTLR's when that one gives up, dropping what it had reported.
void ParseChunk(const SourceFile& file, const std::vector<Token>& tokens, const Chunk& c,
                ParserChoice parser, DiagnosticSink& sink, ChunkResult& r) {
  if (parser == ParserChoice::kDescent) {
    DiagnosticSink attempt;
    r.decl = DescentParser(file, attempt).ParseDeclaration(&tokens[c.begin], &tokens[c.end]);
    if (r.decl) {
      r.diagnostics.Absorb(attempt);
      return;
    }
  }
  r.by_antlr = true;
  std::vector<Token> chunk_tokens(tokens.begin() + c.begin, tokens.begin() + c.end);
  r.decl = ChunkParser(file, sink).ParseDeclaration(chunk_tokens, tokens[c.end], r.diagnostics);
}

// Parses the chunks on up to `options.threads` threads. Parsing stops early once the chunks
// before the current one, all finished, hold more than kMaxErrors errors; chunks after that
// point are dropped whether or not a thread got to them, so the result is deterministic. The
// driver reports how many errors were not shown (E0008).
void ParseChunks(const SourceFile& file, const std::vector<Token>& tokens,
                 const std::vector<Chunk>& chunks, const ParseOptions& options,
                 DiagnosticSink& sink, std::vector<ast::DeclPtr>& decls, ParseCounts* counts) {
  std::vector<ChunkResult> results(chunks.size());
  std::mutex progress_mutex;
  size_t done_prefix = 0;    // chunks [0, done_prefix) are finished
  size_t prefix_errors = 0;  // errors in those chunks
  std::vector<bool> finished(chunks.size(), false);

  // Chunks are handed out in order; once the finished prefix holds too many errors, the
  // chunks not yet started are skipped.
  auto parse_chunk = [&](size_t i) {
    {
      std::lock_guard lock(progress_mutex);
      if (prefix_errors > kMaxErrors) return;
    }
    const Chunk& c = chunks[i];
    ChunkResult& r = results[i];
    if (c.end - c.begin > kMaxDeclarationTokens) {
      r.diagnostics.Emit(Span{file.id(), tokens[c.begin].begin, tokens[c.begin].end},
                         diag::DeclarationTooLargeTokensLimit, c.end - c.begin,
                         kMaxDeclarationTokens);
    } else {
      ParseChunk(file, tokens, c, options.parser, sink, r);
    }
    r.parsed = true;
    std::lock_guard lock(progress_mutex);
    finished[i] = true;
    while (done_prefix < chunks.size() && finished[done_prefix]) {
      prefix_errors += results[done_prefix].diagnostics.error_count();
      ++done_prefix;
    }
  };
  const size_t n =
      std::min<size_t>(std::max(1u, options.threads), chunks.size() / kMinChunksPerThread);
  ParallelFor(chunks.size(), static_cast<unsigned>(std::max<size_t>(1, n)), parse_chunk);
  size_t errors = 0;
  for (ChunkResult& r : results) {
    if (!r.parsed || errors > kMaxErrors) break;
    if (counts != nullptr) {
      ++counts->declarations;
      if (r.by_antlr) ++counts->by_antlr;
    }
    errors += r.diagnostics.error_count();
    sink.Absorb(r.diagnostics);
    if (r.decl) decls.push_back(std::move(r.decl));
  }
}

}  // namespace

ast::Module ParseFile(const SourceFile& file, DiagnosticSink& sink, unsigned threads) {
  ParseOptions options;
  options.threads = threads;
  return ParseFile(file, sink, options);
}

ast::Module ParseFile(const SourceFile& file, DiagnosticSink& sink, const ParseOptions& options,
                      ParseCounts* counts) {
  ast::Module module;
  module.file = file.id();
  if (!CheckEncoding(file, sink)) return module;
  LexResult lexed = Lex(file, sink);
  if (!lexed.ok) return module;
  const std::vector<Token>& tokens = lexed.tokens;
  std::vector<Chunk> chunks = SplitDeclarations(tokens, file.text());
  if (chunks.empty()) {
    sink.Emit(Span{file.id(), 0, 0}, diag::FileHasNoDeclarations)
        .Note(
            "a program starts with `app NAME`; a module declares types, resources, functions "
            "or flows");
    return module;
  }
  ParseChunks(file, tokens, chunks, options, sink, module.decls, counts);
  return module;
}

}  // namespace caios
