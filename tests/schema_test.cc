#include "common/schema.h"

#include <catch2/catch.hpp>

namespace sousuo {
namespace {

// Changing any of these changes what existing indexes mean: bump
// kSchemaVersion and update this test together.
TEST_CASE("Schema: prefixes, slots and metadata keys are pinned", "[schema]") {
  REQUIRE(kSchemaVersion == 3);
  REQUIRE(std::string(kPrefixTitle) == "S");
  REQUIRE(std::string(kPrefixStem) == "Z");
  REQUIRE(std::string(kPrefixHanChar) == "XC");
  REQUIRE(std::string(kPrefixId) == "Q");
  REQUIRE(std::string(kPrefixLang) == "L");
  REQUIRE(std::string(kPrefixSource) == "XSOURCE");
  REQUIRE(std::string(kPrefixFile) == "XFILE");
  REQUIRE(std::string(kPrefixHash) == "XHASH");
  REQUIRE(kSlotDate == 0);
  REQUIRE(kSlotHash == 1);
  REQUIRE(kSlotFile == 2);
  REQUIRE(kSlotRoot == 3);
  REQUIRE(kSlotBodyChunks == 16);
  REQUIRE(std::string(kMetaSchema) == "sousuo.schema");
  REQUIRE(std::string(kMetaAnalyzer) == "sousuo.analyzer");
  REQUIRE(std::string(kMetaDuplicate) == "sousuo.dup:");
  REQUIRE(std::string(kMetaDuplicateId) == "sousuo.dupid:");
  REQUIRE(kTitleWdf == 3);
  REQUIRE(kFieldGap == 100);
}

TEST_CASE("Schema: term helpers", "[schema]") {
  REQUIRE(WordTerm(Field::kAll, "report") == "report");
  REQUIRE(WordTerm(Field::kTitle, "济南") == "S济南");
  REQUIRE(StemTerm(Field::kAll, "report") == "Zreport");
  REQUIRE(StemTerm(Field::kTitle, "report") == "ZSreport");
  REQUIRE(HanCharTerm(Field::kAll, "济") == "XC济");
  REQUIRE(HanCharTerm(Field::kTitle, "济") == "XCS济");
  REQUIRE(LangTerm("zh") == "Lzh");
  REQUIRE(SourceTerm("reuters") == "XSOURCEreuters");
  REQUIRE(FileTerm("/data/a.txt") == "XFILE/data/a.txt");
  REQUIRE(HashTerm("4dd9443715c25832") == "XHASH4dd9443715c25832");
  const std::string long_file = "/" + std::string(299, 'f');
  const std::string term = FileTerm(long_file);
  REQUIRE(term == "XFILE" + long_file.substr(0, 180) + "#" + term.substr(term.size() - 16));
  REQUIRE(FileTerm(long_file + "g") != term);
}

TEST_CASE("Schema: FNV-1a 64", "[schema]") {
  // Reference values of the FNV specification.
  REQUIRE(Fnv1a64("") == 0xcbf29ce484222325ULL);
  REQUIRE(Fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  REQUIRE(Fnv1a64("foobar") == 0x85944171f73967e8ULL);
  REQUIRE(Fnv1a64("bar", Fnv1a64("foo")) == Fnv1a64("foobar"));
}

TEST_CASE("Schema: id terms always fit Xapian's term limit", "[schema]") {
  REQUIRE(IdTerm("reut-1") == "Qreut-1");
  const std::string long_id(300, 'a');
  const std::string term = IdTerm(long_id);
  REQUIRE(term.size() <= kMaxTermBytes);
  REQUIRE(term == "Q" + std::string(180, 'a') + "#" + term.substr(term.size() - 16));
  REQUIRE(IdTerm(long_id + "b") != term);
  // Cut on a character boundary: 100 three-byte characters.
  std::string han;
  for (int i = 0; i < 100; ++i) han += "济";
  const std::string han_term = IdTerm(han);
  REQUIRE(han_term.substr(1, 180) == han.substr(0, 180));
  REQUIRE(han_term[181] == '#');
}

TEST_CASE("Schema: the shape of a term", "[schema]") {
  struct Case {
    const char* term;
    bool prefixed, stem, han_char;
  };
  static const Case kCases[] = {
      {"reports", false, false, false}, {"济南", false, false, false},
      {"2023", false, false, false},    {"Zreport", true, true, false},
      {"ZSreport", true, true, false},  {"XC济", true, false, true},
      {"XCS济", true, false, true},     {"Sreports", true, false, false},
      {"Qreut-1", true, false, false},  {"", false, false, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.term);
    CHECK(IsPrefixedTerm(c.term) == c.prefixed);
    CHECK(IsStemTerm(c.term) == c.stem);
    CHECK(IsHanCharTerm(c.term) == c.han_char);
  }
  CHECK(IsStemTerm(StemTerm(Field::kTitle, "report")));
  CHECK(IsHanCharTerm(HanCharTerm(Field::kAll, "济")));
  CHECK(!IsPrefixedTerm(WordTerm(Field::kAll, "reports")));
}

}  // namespace
}  // namespace sousuo
