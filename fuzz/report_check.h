// Checks shared by the fuzz targets of the file readers (html_fuzz,
// pdf_fuzz): what every Outcome<Report> a reader returns must satisfy,
// whatever the bytes were. A failed check aborts (fuzz_check.h).
#ifndef SOUSUO_FUZZ_REPORT_CHECK_H_
#define SOUSUO_FUZZ_REPORT_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "common/document.h"
#include "fuzz/fuzz_check.h"
#include "indexer/report_reader.h"

namespace sousuo {
namespace fuzz {

inline bool SameOutcome(const Outcome<Report>& a, const Outcome<Report>& b) {
  if (a.value.has_value() != b.value.has_value() ||
      a.diagnostics.size() != b.diagnostics.size()) {
    return false;
  }
  for (size_t i = 0; i < a.diagnostics.size(); ++i) {
    const Diagnostic& x = a.diagnostics[i];
    const Diagnostic& y = b.diagnostics[i];
    if (x.severity != y.severity || x.line != y.line || x.column != y.column ||
        x.message != y.message) {
      return false;
    }
  }
  if (!a.value)
    return true;
  const Report& x = *a.value;
  const Report& y = *b.value;
  return x.id == y.id && x.title == y.title && x.body == y.body &&
         x.date == y.date && x.lang == y.lang && x.source == y.source &&
         x.path == y.path && x.metadata == y.metadata;
}

// What `read()` returns; aborts (a finding) if it throws, because the
// readers document no exception.
template <typename ReadFn>
Outcome<Report> ReadOrAbort(ReadFn read) {
  try {
    return read();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  }
}

inline bool IsLanguage(const std::string& lang) {
  return lang == "en" || lang == "zh" || lang == "mixed" || lang == "und";
}

// ASCII white space as HTML defines it (not \v).
inline bool IsAsciiBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The invariants of report_reader.h's Outcome and of Report that hold for
// every reader: a report, or at least one error and no report; an error
// never comes with a report; every diagnostic is one non-empty valid UTF-8
// line that `known` accepts; the report carries the source's id and path,
// a non-empty title on one line without surrounding white space, a body
// that is not blank, a language DetectLanguage can give, every field valid
// UTF-8, and it survives SerializeReport/ParseReport unchanged.
template <typename KnownMessage>
void CheckOutcome(const Outcome<Report>& outcome, const TextSource& source,
                  KnownMessage known) {
  bool has_error = false;
  for (const Diagnostic& d : outcome.diagnostics) {
    has_error = has_error || d.severity == Diagnostic::Severity::kError;
    FUZZ_CHECK(!d.message.empty());
    FUZZ_CHECK(IsValidUtf8(d.message));
    FUZZ_CHECK(d.message.find_first_of("\r\n") == std::string::npos);
    FUZZ_CHECK(known(d));
  }
  FUZZ_CHECK(outcome.value.has_value() != has_error);
  if (!outcome.value)
    return;
  const Report& r = *outcome.value;
  for (const std::string* field : {&r.id, &r.title, &r.body, &r.date, &r.lang,
                                   &r.source, &r.path, &r.metadata}) {
    FUZZ_CHECK(IsValidUtf8(*field));
  }
  FUZZ_CHECK(r.id == source.id);
  FUZZ_CHECK(r.path == source.path);
  FUZZ_CHECK(r.date.empty() && r.source.empty());
  FUZZ_CHECK(IsLanguage(r.lang));
  FUZZ_CHECK(!r.title.empty());
  FUZZ_CHECK(r.title.find_first_of("\r\n") == std::string::npos);
  FUZZ_CHECK(!IsAsciiBlank(r.title.front()) && !IsAsciiBlank(r.title.back()));
  FUZZ_CHECK(r.body.find_first_not_of(" \t\n\r\f") != std::string::npos);
  FUZZ_CHECK(r.body.find('\0') == std::string::npos);
  FUZZ_CHECK(SameOutcome(Outcome<Report>{ParseReport(SerializeReport(r)), {}},
                         {r, {}}));
}

}  // namespace fuzz
}  // namespace sousuo

#endif  // SOUSUO_FUZZ_REPORT_CHECK_H_
