// Report reader: turns the bytes of one input into Reports. No I/O: callers
// hand in the bytes (or the decoded text) and print what comes back.
//
// Three steps, each returning a value or the reasons it has none:
//   DecodeText      bytes -> valid UTF-8 (BOMs, UTF-16, binary and empty
//   checks) ReadTextReport  decoded plain text or Markdown -> one Report
//   ParseJsonLine   one line of a JSON Lines file -> one Report
#ifndef SOUSUO_INDEXER_REPORT_READER_H_
#define SOUSUO_INDEXER_REPORT_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"

namespace sousuo {

// One message about an input. `line` and `column` are 1-based (the column
// counts code points); 0 means "not known / not relevant".
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;  // kError: the item was skipped
  size_t line = 0;
  size_t column = 0;    // only meaningful when line != 0
  std::string message;  // lowercase, no trailing period, no location

  // "PATH: message", "PATH:LINE: message" or "PATH:LINE:COLUMN: message".
  std::string Format(const std::string& path) const;
};

// A value, or the errors explaining why there is none; warnings may come with
// a value (the input was repaired). Invariant: !value implies at least one
// kError diagnostic.
template <typename T>
struct Outcome {
  std::optional<T> value;
  std::vector<Diagnostic> diagnostics;
};

// Data larger than this is not read (skipped with an error by the indexer).
constexpr size_t kMaxInputBytes = 64u << 20;

// Decodes the bytes of a file (or standard input) to valid UTF-8:
//   - a UTF-8 BOM is stripped; a UTF-16 LE or BE BOM converts the rest from
//     UTF-16 with ICU's ucnv (unpaired surrogates become U+FFFD, with a
//     warning "LINE:COL: invalid UTF-16, replaced with U+FFFD");
//   - without a BOM, data where at least a quarter of the 16-bit units of
//     the first 64 KiB have a NUL at the odd (or even) byte, as ASCII
//     characters have in UTF-16LE (BE), and nearly none at the other, is
//     converted from UTF-16LE (BE) if that gives text without unpaired
//     surrogates, with a warning "no byte-order mark, read as UTF-16LE"
//     (or BE);
//   - other data with a NUL byte, or where more than a quarter of the first
//     64 KiB are control characters other than tab, LF, VT, FF, CR and ESC,
//     is an error "binary data, skipped";
//   - invalid UTF-8 is replaced with U+FFFD (RepairUtf8) with a warning
//     "LINE:COL: invalid UTF-8, replaced with U+FFFD" naming the first bad
//     byte;
//   - text that is empty or only whitespace is an error "empty file, skipped".
Outcome<std::string> DecodeText(std::string_view bytes);

// True if an input whose first 64 KiB (or less, if that is all) are `head`
// can be decoded a line at a time (JsonLinesReader): no UTF-16 byte-order
// mark, no NUL byte and not binary by DecodeText's rules. Other inputs must
// be decoded whole with DecodeText.
bool DecodableByLine(std::string_view head);

// How a plain-text report is named when its first line is not a title.
struct TextSource {
  std::string id;    // Report::id
  std::string path;  // Report::path (may be empty, e.g. standard input)
  std::string fallback_title;  // file name without extension, or the id
  bool markdown = false;       // strip leading '#'s from the title line
};

// Titles longer than this many characters are taken for a paragraph.
constexpr size_t kMaxTitleChars = 120;
// Lines longer than this that end in sentence punctuation (. ! ? 。 ！ ？ …)
// are taken for a paragraph too: a title rarely ends in a full stop, and the
// seed report opens with an 80+ character sentence and no heading.
constexpr size_t kMaxSentenceTitleChars = 80;

// Builds a report from decoded text. Title: the first non-blank line,
// trimmed (for Markdown without the leading '#'s and a closing '#' run),
// unless it looks like a paragraph (see above), in which case the title is
// `source.fallback_title`. Body: the text after the title line, or the whole
// text if the title is the fallback, trimmed of surrounding whitespace.
// Language: DetectLanguage(title + body).
// Error "empty file, skipped" if the text has no non-blank line.
// REQUIRES: `text` is valid UTF-8.
Outcome<Report> ReadTextReport(std::string_view text, const TextSource& source);

// Arrays and objects nested deeper than this are refused: nlohmann copies and
// prints JSON values recursively, so a line of 100,000 '[' overflowed the
// stack. serde_json stops at 128; 512 leaves room for any real record.
constexpr size_t kMaxJsonDepth = 512;

// Parses one JSON Lines record; diagnostics carry `line_number` (and the
// parser's column where there is one). Fields: "id" (string or integer,
// required, not empty), "body" (string, required), "title" (string; missing,
// null or empty -> the first non-blank line of the body, cut to its first
// kMaxTitleChars characters and "…" when longer, at a space if one is in the
// second half), "date" (string,
// NormalizeDate; unparseable -> warning, no date), "lang" (string; else
// detected), "source" (string). Other fields become Report::metadata, a JSON
// object with sorted keys. A null optional field counts as absent. Errors:
//   "invalid JSON: <parser detail>"          (with the column)
//   "JSON nested deeper than 512 levels"     (the column of the bracket)
//   "not a JSON object"
//   "missing \"id\"", "missing \"body\""
//   "\"id\" is not a string or an integer", "empty \"id\""
//   "\"FIELD\" is not a string"
// Warning: "invalid date \"TEXT\", ignored".
// `path` becomes Report::path. A trailing '\r' is ignored.
// REQUIRES: `line` is valid UTF-8 and contains no '\n'.
Outcome<Report> ParseJsonLine(std::string_view line, size_t line_number,
                              const std::string& path);

// True if the first non-whitespace character of `text` is '{' (standard
// input is then read as JSON Lines).
bool LooksLikeJsonLines(std::string_view text);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_REPORT_READER_H_
