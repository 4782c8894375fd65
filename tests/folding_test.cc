#include "common/folding.h"

#include <unicode/normalizer2.h>

#include <catch2/catch.hpp>

#include "common/utf8.h"

namespace sousuo {
namespace {

std::string DumpOrigin(const FoldedText& f) {
  std::string out;
  for (uint32_t o : f.origin) out += std::to_string(o) + ",";
  return out;
}

TEST_CASE("Folder: folding pairs", "[folding]") {
  struct Case {
    const char* text;
    const char* folded;
  };
  static const Case kCases[] = {
      {"ＧＤＰ２０２３", "gdp2023"},   {"Jinan JINAN", "jinan jinan"},
      {"濟南市", "济南市"},             {"習近平", "习近平"},
      {"會議", "会议"},                 {"臺灣", "台湾"},
      {"Jinan’s", "jinan's"},          {"Straße", "strasse"},
      {"e\xCC\x81", "\xC3\xA9"},       // e + combining acute -> é
      {"soft\xC2\xADhyphen", "softhyphen"},  // ignorable removed
      {"中文，標點。", "中文,标点。"},  // full-width comma is a compatibility form
  };
  const Folder folder;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(folder.FoldString(c.text) == c.folded);
  }
}

// Folder::Fold skips ICU's normaliser for the characters IsUnifiedHan names.
TEST_CASE("Folder: every unified ideograph is inert under NFKC_Casefold", "[folding][zh]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  REQUIRE(U_SUCCESS(status));
  size_t unified = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (!IsUnifiedHan(c)) continue;
    ++unified;
    if (!nfkc_cf->isInert(static_cast<UChar32>(c))) {
      FAIL("not inert: U+" << std::hex << static_cast<uint32_t>(c));
    }
  }
  REQUIRE(unified > 20000);
}

TEST_CASE("Folder: the origin map points back at the original bytes", "[folding]") {
  const Folder folder;
  // Full-width letters: 3 bytes in, 1 byte out.
  REQUIRE(DumpOrigin(folder.Fold("ＡＢ")) == "0,3,6,");
  // A Traditional character keeps its 3 bytes.
  REQUIRE(DumpOrigin(folder.Fold("a會")) == "0,1,1,1,4,");
  // A combining sequence folds as one segment.
  REQUIRE(DumpOrigin(folder.Fold("e\xCC\x81x")) == "0,0,3,4,");
  REQUIRE(DumpOrigin(folder.Fold("")) == "0,");
}

TEST_CASE("Folder: Traditional to Simplified table", "[folding][zh]") {
  REQUIRE(Folder::TraditionalToSimplified(U'濟') == U'济');
  REQUIRE(Folder::TraditionalToSimplified(U'济') == U'济');
  REQUIRE(Folder::TraditionalToSimplified(U'a') == U'a');
  // Per-character folding: 著 folds to 着 everywhere (see folding.h).
  REQUIRE(Folder::TraditionalToSimplified(U'著') == U'着');
}

}  // namespace
}  // namespace sousuo
