// Fuzz target: the JSON Lines reader (indexer/report_reader.h ParseJsonLine)
// on arbitrary bytes, repaired to valid UTF-8 and split into lines as the
// indexer does. Every line gives a report or at least one error diagnostic,
// never an exception. A report has a non-empty id, a language of
// document.h's four (en, zh, mixed, und), a date that is empty or normalized, metadata that is empty or a
// JSON object, and every field valid UTF-8; it survives SerializeReport and
// ParseReport unchanged. Every diagnostic is one valid UTF-8 line.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/document.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"
#include "indexer/report_reader.h"

namespace sousuo {
namespace {

bool SameReport(const Report& a, const Report& b) {
  return a.id == b.id && a.title == b.title && a.body == b.body &&
         a.date == b.date && a.lang == b.lang && a.source == b.source &&
         a.path == b.path && a.metadata == b.metadata;
}

void CheckReport(const Report& r) {
  FUZZ_CHECK(!r.id.empty());
  for (const std::string* field : {&r.id, &r.title, &r.body, &r.date, &r.lang,
                                   &r.source, &r.path, &r.metadata}) {
    FUZZ_CHECK(fuzz::IsValidUtf8(*field));
  }
  // "lang" is mapped to the languages document.h lists ("zh-CN" -> zh) or
  // detected from the text, so lang: can always select the report.
  FUZZ_CHECK(r.lang == "en" || r.lang == "zh" || r.lang == "mixed" || r.lang == "und");
  FUZZ_CHECK(r.date.empty() || NormalizeDate(r.date) == r.date);
  if (!r.metadata.empty()) {
    const nlohmann::json meta =
        nlohmann::json::parse(r.metadata, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(meta.is_object());
  }
  FUZZ_CHECK(SameReport(ParseReport(SerializeReport(r)), r));
}

void CheckLine(std::string_view line, size_t line_number) {
  Outcome<Report> outcome;
  try {
    outcome = ParseJsonLine(line, line_number, "fuzz.jsonl");
  } catch (const nlohmann::json::out_of_range& e) {
    // Known issue, reported to the owner of indexer/report_reader.cc:
    // ParseJsonLine catches only parse_error, so a number beyond double
    // ("score":1e400) escapes as out_of_range.406 and sousuo-index stops
    // the whole run (exit 2). Set to false once it is a diagnostic.
    constexpr bool kKnownNumberOverflow = false;  // fixed
    if (kKnownNumberOverflow) return;
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  }
  bool has_error = false;
  for (const Diagnostic& d : outcome.diagnostics) {
    has_error = has_error || d.severity == Diagnostic::Severity::kError;
    FUZZ_CHECK(!d.message.empty());
    // Known issue, reported to the owner of indexer/report_reader.cc: the
    // warning "invalid date \"TEXT\", ignored" quotes the date as written,
    // so "date":"2019\n..." gives a two-line message (and a 100 MB date a
    // 100 MB one). Set to false once the quoted text is escaped and cut.
    constexpr bool kKnownRawDateInWarning = false;  // fixed
    FUZZ_CHECK(d.message.find('\n') == std::string::npos ||
               (kKnownRawDateInWarning &&
                d.message.rfind("invalid date \"", 0) == 0));
    // Known issue, reported to the owner of indexer/report_reader.cc:
    // ParserDetail keeps nlohmann's "last read: '...'" bytes, which can end
    // inside a character ({"a":1,<U+0793>} gives "last read: '1,\xDE'").
    // Set to false once ParserDetail repairs the detail (RepairUtf8).
    constexpr bool kKnownBadJsonDetail = false;  // fixed
    FUZZ_CHECK(fuzz::IsValidUtf8(d.message) ||
               (kKnownBadJsonDetail &&
                d.message.rfind("invalid JSON: ", 0) == 0));
    FUZZ_CHECK(d.line == line_number);
  }
  FUZZ_CHECK(outcome.value.has_value() || has_error);
  if (outcome.value) CheckReport(*outcome.value);
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = sousuo::RepairUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size));
  std::string_view rest = text;
  for (size_t line_number = 1; !rest.empty(); ++line_number) {
    const size_t end = rest.find('\n');
    sousuo::CheckLine(rest.substr(0, end), line_number);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return 0;
}
