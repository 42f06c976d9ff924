// The fuzzing dictionary (tests/fuzz/caios.dict) holds every keyword and punctuation token of the
// lexer grammar, so a keyword added to the language is fuzzed from the day it lands.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string ReadRepoFile(const std::string& path) {
  std::ifstream in(std::string(CAIOS_REPO_ROOT) + "/" + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// libFuzzer's dictionary syntax: one "…" entry per line, `\\`, `\"` and `\xNN` escapes.
std::set<std::string> DictionaryEntries(const std::string& text) {
  std::set<std::string> entries;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    REQUIRE(line.size() >= 2);
    REQUIRE(line.front() == '"');
    REQUIRE(line.back() == '"');
    std::string entry;
    for (size_t i = 1; i + 1 < line.size(); ++i) {
      if (line[i] == '\\' && i + 2 < line.size()) {
        if (line[i + 1] == 'x' && i + 4 < line.size()) {
          entry += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
          i += 3;
          continue;
        }
        entry += line[++i];
        continue;
      }
      entry += line[i];
    }
    entries.insert(entry);
  }
  return entries;
}

}  // namespace

TEST_CASE("the fuzzing dictionary holds every token of the lexer grammar", "[fuzz]") {
  std::set<std::string> entries = DictionaryEntries(ReadRepoFile("tests/fuzz/caios.dict"));
  std::string grammar = ReadRepoFile("grammar/CaiosLexer.g4");
  std::regex literal_token(R"(\n([A-Z_]+) *: *'([^']+)')");
  int tokens = 0;
  for (std::sregex_iterator it(grammar.begin(), grammar.end(), literal_token), end; it != end;
       ++it) {
    std::string spelling = (*it)[2];
    INFO("token " << (*it)[1] << " '" << spelling << "'");
    CHECK(entries.count(spelling) == 1);
    ++tokens;
  }
  CHECK(tokens > 80);  // the grammar was read
}
