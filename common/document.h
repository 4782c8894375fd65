// The report model and its mapping to a Xapian document.
#ifndef SOUSUO_COMMON_DOCUMENT_H_
#define SOUSUO_COMMON_DOCUMENT_H_

#include <string>
#include <string_view>

#include <xapian.h>

namespace sousuo {

class Analyzer;

// One report as the indexer reads it and the query tool shows it.
struct Report {
  std::string id;        // stable unique id: the JSON "id" or the relative path
  std::string title;
  std::string body;
  std::string date;      // "YYYY-MM-DD" or empty; see NormalizeDate
  std::string lang;      // "en", "zh", "mixed" or "und"
  std::string source;    // free text, e.g. "Reuters"; may be empty
  std::string path;      // file the report came from (as given), may be empty
  std::string metadata;  // JSON object text of extra fields, or empty
};

// Builds the Xapian document for `report`: terms (see schema.h), the date
// value and the stored fields (see SerializeReport).
// REQUIRES: all strings are valid UTF-8; report.id is not empty.
Xapian::Document BuildDocument(Analyzer& analyzer, const Report& report);

// The stored form of a report (document data): a version byte followed by
// length-prefixed fields. ParseReport throws IndexError on data it did not
// write (another program's index, or a newer version).
std::string SerializeReport(const Report& report);
Report ParseReport(std::string_view data);

// Accepts "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD", optionally followed by a
// time ("T..." or " ..."), and returns "YYYY-MM-DD"; returns "" if `text`
// is not a valid calendar date.
std::string NormalizeDate(std::string_view text);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_DOCUMENT_H_
