// Fuzz target: the analyzer on arbitrary bytes, repaired to valid UTF-8 first
// (RepairUtf8, as every caller does). Checks that every token lies inside the
// text with begin < end on character boundaries, that positions never go
// down and stay below the returned next position, that token texts are valid
// non-empty UTF-8 no longer than kMaxWordBytes, and that analysing the same
// text again (with the same Analyzer and with another one) gives the same tokens,
// and that AnalyzeCharacters gives exactly those tokens without the Han words.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/token.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"

namespace sousuo {
namespace {

bool SameTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].text != b[i].text || a[i].stem != b[i].stem ||
        a[i].begin != b[i].begin || a[i].end != b[i].end ||
        a[i].position != b[i].position || a[i].kind != b[i].kind) {
      return false;
    }
  }
  return true;
}

void CheckTokens(std::string_view text, const std::vector<Token>& tokens,
                 uint32_t first_position, uint32_t next_position) {
  uint32_t last_position = first_position;
  for (const Token& token : tokens) {
    FUZZ_CHECK(token.begin < token.end);
    FUZZ_CHECK(token.end <= text.size());
    FUZZ_CHECK(fuzz::OnCharBoundary(text, token.begin));
    FUZZ_CHECK(fuzz::OnCharBoundary(text, token.end));
    FUZZ_CHECK(token.position >= last_position);
    FUZZ_CHECK(token.position < next_position);
    FUZZ_CHECK(!token.text.empty());
    FUZZ_CHECK(fuzz::IsValidUtf8(token.text));
    FUZZ_CHECK(fuzz::IsValidUtf8(token.stem));
    FUZZ_CHECK(token.kind == TokenKind::kHanChar ||
               token.text.size() <= Analyzer::kMaxWordBytes);
    last_position = token.position;
  }
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using sousuo::Analyzer;
  using sousuo::Token;
  static Analyzer* analyzer = new Analyzer();
  const std::string text = sousuo::RepairUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size));
  FUZZ_CHECK(sousuo::fuzz::IsValidUtf8(text));

  constexpr uint32_t kFirst = 7;  // not 1, so numbering from it is checked
  std::vector<Token> tokens;
  const uint32_t next = analyzer->Analyze(text, kFirst, &tokens);
  FUZZ_CHECK(next >= kFirst);
  sousuo::CheckTokens(text, tokens, kFirst, next);

  std::vector<Token> again;
  FUZZ_CHECK(analyzer->Analyze(text, kFirst, &again) == next);
  FUZZ_CHECK(sousuo::SameTokens(tokens, again));
  // A second analyzer that has just seen other text must agree too: no
  // state may leak between calls (a fresh Analyzer per input is too slow).
  static Analyzer* other = new Analyzer();
  std::vector<Token> ignored;
  other->Analyze(
      sousuo::RepairUtf8(std::string_view(text).substr(text.size() / 2)), 1,
      &ignored);
  std::vector<Token> from_other;
  FUZZ_CHECK(other->Analyze(text, kFirst, &from_other) == next);
  FUZZ_CHECK(sousuo::SameTokens(tokens, from_other));

  std::vector<Token> without_words;
  for (const Token& token : tokens) {
    if (token.kind != sousuo::TokenKind::kHanWord) without_words.push_back(token);
  }
  std::vector<Token> characters;
  FUZZ_CHECK(analyzer->AnalyzeCharacters(text, kFirst, &characters) == next);
  FUZZ_CHECK(sousuo::SameTokens(characters, without_words));
  return 0;
}
