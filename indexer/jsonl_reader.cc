#include "indexer/jsonl_reader.h"

#include <string_view>
#include <utility>

#include "common/utf8.h"

namespace sousuo {

namespace {

Diagnostic Error(std::string message, size_t line = 0) {
  return {Diagnostic::Severity::kError, line, 0, std::move(message)};
}

}  // namespace

JsonLinesReader::JsonLinesReader(LineReader* lines, std::string report_path)
    : lines_(lines), report_path_(std::move(report_path)) {}

bool JsonLinesReader::Next(Outcome<Report>* outcome) {
  *outcome = Outcome<Report>();
  while (!done_) {
    switch (lines_->Next()) {
      case LineReader::Status::kLine:
        break;
      case LineReader::Status::kTooLong:
        any_line_ = true;
        outcome->diagnostics.push_back(
            Error("line longer than " +
                      std::to_string(lines_->max_line_bytes() >> 20) +
                      " MiB, skipped",
                  lines_->line_number()));
        return true;
      case LineReader::Status::kError:
        done_ = true;
        outcome->diagnostics.push_back(Error(lines_->error()));
        return true;
      case LineReader::Status::kEnd:
        done_ = true;
        if (any_line_)
          return false;
        outcome->diagnostics.push_back(Error("empty file, skipped"));
        return true;
    }
    const size_t number = lines_->line_number();
    std::string_view line = lines_->line();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
      line.remove_prefix(3);
    if (line.find_first_not_of(" \t\r\f\v") == std::string_view::npos)
      continue;
    any_line_ = true;
    std::string repaired;
    const size_t bad = FindInvalidUtf8(line);
    if (bad != std::string_view::npos) {
      if (!warned_utf8_) {
        warned_utf8_ = true;
        outcome->diagnostics.push_back(
            {Diagnostic::Severity::kWarning, number,
             LineColumnAt(line, bad).column,
             "invalid UTF-8, replaced with U+FFFD"});
      }
      repaired = RepairUtf8(line);
      line = repaired;
    }
    Outcome<Report> parsed = ParseJsonLine(line, number, report_path_);
    outcome->value = std::move(parsed.value);
    for (Diagnostic& d : parsed.diagnostics)
      outcome->diagnostics.push_back(std::move(d));
    return true;
  }
  return false;
}

}  // namespace sousuo
