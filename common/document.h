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
  // Stable unique id. A report read from a file (text, Markdown, HTML, PDF)
  // has the file's canonical absolute path (FileReportId in report_path.h),
  // so its id equals `path`; a JSON Lines record has its JSON "id"; a plain
  // text on standard input has --stdin-id ("stdin"). Show it with DisplayId.
  std::string id;
  std::string title;
  std::string body;
  std::string date;      // "YYYY-MM-DD" or empty; see NormalizeDate
  std::string lang;      // "en", "zh", "mixed" or "und"
  std::string source;    // free text, e.g. "Reuters"; may be empty
  // The canonical absolute path of the file the report was read from (the
  // .jsonl file for a JSON Lines record); empty for standard input. Stored
  // in the data and, for keeping the index in step with its files, as the
  // kPrefixFile term and kSlotFile value. Absolute and free of symbolic
  // links, so any program can show it relative to its own current directory
  // (DisplayPath, with CurrentDirectory()) and find it again (FileReportId).
  std::string path;
  std::string metadata;  // JSON object text of extra fields, or empty
  // Set by ParseReport when the body is stored in parts (longer than
  // kBodyHeadBytes): `body` then holds only its head, and this the layout of
  // the rest (stored_body.h: StoredBody reads it, ReadFullReport all of it).
  // Empty when `body` is whole.
  std::string body_layout;
};

// Builds the Xapian document for `report`: terms (see schema.h), the date,
// hash and file values and the stored fields (see SerializeReport).
// REQUIRES: all strings are valid UTF-8; report.id is not empty.
Xapian::Document BuildDocument(Analyzer& analyzer, const Report& report);

// The stored form of a report (document data): a version byte followed by
// length-prefixed fields. ParseReport throws IndexError on data it did not
// write (another program's index, or a newer version). A long body is stored
// in parts (stored_body.h): ParseReport then gives its head and layout, and
// ReadFullReport the whole report.
std::string SerializeReport(const Report& report);
Report ParseReport(std::string_view data);

// A hash of what a reader sees of `report`: title and body with line endings
// made "\n" and spaces and tabs at line ends removed, then date, lang, source
// and metadata as they are. The id and path are left out, so the same text
// reached by two paths has one hash. 16 lowercase hex digits
// (64-bit FNV-1a).
std::string ContentHash(const Report& report);

// Accepts "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD", optionally followed by a
// time ("T..." or " ..."), and returns "YYYY-MM-DD"; returns "" if `text`
// is not a valid calendar date.
std::string NormalizeDate(std::string_view text);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_DOCUMENT_H_
