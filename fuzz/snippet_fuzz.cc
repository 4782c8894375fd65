// Fuzz target: the snippet generator on (text, query) pairs. The input is
// split at its first NUL byte into query and text (no NUL: the first line is
// the query), both repaired to valid UTF-8; the byte after the query picks
// the fragment width. Queries that do not build are skipped. Checks, for
// FindMatches, HighlightAll and Generate: ranges inside their text or
// fragment, begin < end, on character boundaries, sorted, disjoint and not
// adjacent; fragments valid UTF-8 without leading, trailing or doubled
// whitespace; at most max_fragments; the same result twice.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/query_builder.h"
#include "common/snippet.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"

namespace sousuo {
namespace {

void CheckRanges(std::string_view text,
                 const std::vector<HighlightRange>& ranges) {
  for (size_t i = 0; i < ranges.size(); ++i) {
    FUZZ_CHECK(ranges[i].begin < ranges[i].end);
    FUZZ_CHECK(ranges[i].end <= text.size());
    FUZZ_CHECK(fuzz::OnCharBoundary(text, ranges[i].begin));
    FUZZ_CHECK(fuzz::OnCharBoundary(text, ranges[i].end));
    // Sorted, disjoint and not adjacent.
    if (i > 0) FUZZ_CHECK(ranges[i - 1].end < ranges[i].begin);
  }
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

void CheckSnippet(const Snippet& snippet) {
  const std::string& f = snippet.fragment;
  FUZZ_CHECK(fuzz::IsValidUtf8(f));
  FUZZ_CHECK(f.empty() || (!IsAsciiSpace(f.front()) && !IsAsciiSpace(f.back())));
  FUZZ_CHECK(f.find("  ") == std::string::npos);
  CheckRanges(f, snippet.highlights);
}

std::string Dump(const std::vector<Snippet>& snippets) {
  std::string out;
  for (const Snippet& s : snippets) {
    out += std::to_string(s.elided_left) + std::to_string(s.elided_right) +
           s.fragment + "|";
    for (const HighlightRange& r : s.highlights) {
      out += std::to_string(r.begin) + "-" + std::to_string(r.end) + ",";
    }
    out += "\n";
  }
  return out;
}

void Run(std::string_view input) {
  static Analyzer* analyzer = new Analyzer();
  size_t split = input.find('\0');
  if (split == std::string_view::npos) split = input.find('\n');
  if (split == std::string_view::npos) return;
  const std::string query = RepairUtf8(input.substr(0, split));
  std::string_view rest = input.substr(split + 1);
  SnippetOptions options;
  options.max_fragments = 3;
  if (!rest.empty()) {
    options.fragment_columns = 1 + static_cast<unsigned char>(rest[0]) % 160;
    rest.remove_prefix(1);
  }
  const std::string text = RepairUtf8(rest);
  BuiltQuery built;
  try {
    QueryBuilder builder(analyzer);
    built = builder.Build(query);
  } catch (const QueryError&) {
    return;  // query_fuzz covers the errors
  }
  SnippetGenerator generator(analyzer, built.highlights, options);
  const std::vector<HighlightRange> matches = generator.FindMatches(text);
  CheckRanges(text, matches);
  CheckSnippet(generator.HighlightAll(text));
  const std::vector<Snippet> snippets = generator.Generate(text);
  FUZZ_CHECK(snippets.size() <= options.max_fragments);
  for (const Snippet& snippet : snippets) CheckSnippet(snippet);
  FUZZ_CHECK(Dump(generator.Generate(text)) == Dump(snippets));
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sousuo::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
