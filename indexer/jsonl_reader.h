// JSON Lines reader: the reports of a JSON Lines input, read a line at a time
// through a LineReader, so that memory grows with the longest line and not
// with the file: a file of any size is read, and one huge line costs only
// itself.
#ifndef SOUSUO_INDEXER_JSONL_READER_H_
#define SOUSUO_INDEXER_JSONL_READER_H_

#include <cstddef>
#include <string>

#include "common/document.h"
#include "indexer/line_reader.h"
#include "indexer/report_reader.h"

namespace sousuo {

class JsonLinesReader {
 public:
  // `lines` must outlive the reader and be at the start of the input;
  // `report_path` becomes Report::path.
  JsonLinesReader(LineReader* lines, std::string report_path);

  // Sets *outcome to the next report, or to the diagnostics of the next line
  // that yields none, or of the input as a whole; returns false when nothing
  // is left. Line by line (numbers are the input's):
  //   - a UTF-8 byte-order mark opening line 1 is dropped;
  //   - a line longer than the LineReader's limit is an error "line longer
  //     than N MiB, skipped" (N the limit in MiB);
  //   - invalid UTF-8 is replaced with U+FFFD; the first line of the input
  //     that has some warns "LINE:COL: invalid UTF-8, replaced with U+FFFD";
  //   - blank lines are passed over, the others go to ParseJsonLine.
  // Then "cannot read: <reason>" if reading failed, or "empty file, skipped"
  // if no line had more than white space.
  // REQUIRES: DecodableByLine() of the input's first 64 KiB (others are
  // decoded whole with DecodeText and read from a LineReader over the text).
  bool Next(Outcome<Report>* outcome);

 private:
  LineReader* lines_;
  std::string report_path_;
  bool any_line_ = false;     // a line with more than white space was seen
  bool warned_utf8_ = false;  // the invalid UTF-8 warning was given
  bool done_ = false;         // the end (or an error) was reported
};

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_JSONL_READER_H_
