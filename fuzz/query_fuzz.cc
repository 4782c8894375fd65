// Fuzz target: the query parser and builder on arbitrary strings (not
// repaired: the parser must refuse invalid UTF-8 itself). Every input either
// builds a BuiltQuery or throws a QueryError whose message is one line
// starting "query: "; any other exception is a bug. The same input gives the
// same outcome twice: the same error message, or the same descriptions of
// the full-match and partial-match queries (inputs up to 1 KiB), the same
// parse tree, the same highlight patterns and the same query as understood.
// A query with partial matches names its words, and a full-match query is
// never empty.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/query_builder.h"
#include "common/query_parser.h"
#include "fuzz/fuzz_check.h"

namespace sousuo {
namespace {

constexpr size_t kMaxDescribedBytes = 1024;

// The outcome of building `text`, as one string: the error message, or the
// parse tree, both query descriptions, the highlight patterns and the query
// as understood.
std::string Describe(QueryBuilder& builder, std::string_view text) {
  try {
    BuiltQuery built = builder.Build(text);
    const std::unique_ptr<QueryNode> tree = ParseQuery(text);
    FUZZ_CHECK(tree != nullptr);
    FUZZ_CHECK(!built.query.empty());
    FUZZ_CHECK(built.partial.empty() == built.words.empty());
    FUZZ_CHECK(fuzz::IsValidUtf8(built.understood));
    std::string out = "tree: " + DumpQuery(*tree) +
                      "\nhighlights: " + DumpPatterns(built.highlights) +
                      "\nunderstood: " + built.understood;
    // Xapian's get_description is quadratic in the nesting depth (2 s for
    // 999 NOTs under ASan): long inputs are compared by tree and patterns.
    if (text.size() <= kMaxDescribedBytes) {
      out += "\nquery: " + built.query.get_description() +
             "\npartial: " + built.partial.get_description();
    }
    return out;
  } catch (const QueryError& e) {
    const std::string message = e.what();
    FUZZ_CHECK(message.rfind("query: ", 0) == 0);
    FUZZ_CHECK(message.find('\n') == std::string::npos);
    FUZZ_CHECK(fuzz::IsValidUtf8(message));
    return "error: " + message;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "unexpected non-std exception\n");
    std::abort();
  }
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sousuo::Analyzer* analyzer = new sousuo::Analyzer();
  static sousuo::QueryBuilder* builder = new sousuo::QueryBuilder(analyzer);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string first = sousuo::Describe(*builder, text);
  if (!sousuo::fuzz::IsValidUtf8(text)) {
    FUZZ_CHECK(first.rfind("error: query: invalid UTF-8 at byte ", 0) == 0);
    return 0;
  }
  FUZZ_CHECK(sousuo::Describe(*builder, text) == first);
  return 0;
}
