#include "indexer/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/language.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

void IgnorePopplerMessage(const std::string& /*message*/, void* /*closure*/) {}

Outcome<Report> Error(std::string message) {
  Outcome<Report> outcome;
  outcome.diagnostics.push_back(
      {Diagnostic::Severity::kError, 0, 0, std::move(message)});
  return outcome;
}

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return RepairUtf8(std::string_view(bytes.data(), bytes.size()));
}

// A page's text cleaned as ReadPdfReport says.
std::string CleanPage(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')
        ++i;
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
        out.pop_back();
      out += '\n';
    } else if (c == 0xC2 && i + 1 < raw.size() &&
               static_cast<unsigned char>(raw[i + 1]) < 0xA0) {
      ++i;  // a C1 control, U+0080..U+009F (raw is valid UTF-8)
    } else if (c >= 0x20 || c == '\t') {
      if (c != 0x7F)
        out += static_cast<char>(c);
    }
  }
  while (!out.empty() &&
         (out.back() == ' ' || out.back() == '\t' || out.back() == '\n')) {
    out.pop_back();
  }
  return out;
}

// `text` without surrounding spaces, tabs and U+00A0 / U+3000 spaces.
std::string_view TrimLine(std::string_view text) {
  for (;;) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
      text.remove_prefix(1);
    } else if (text.rfind("\xC2\xA0", 0) == 0) {
      text.remove_prefix(2);
    } else if (text.rfind("\xE3\x80\x80", 0) == 0) {
      text.remove_prefix(3);
    } else {
      break;
    }
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// The first non-blank line of `body` if it is short enough to be a title.
std::string FirstLineTitle(std::string_view body) {
  for (size_t pos = 0; pos < body.size();) {
    size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos)
      eol = body.size();
    const std::string_view line = TrimLine(body.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty())
      continue;
    return CountChars(line) <= kMaxTitleChars ? std::string(line) : "";
  }
  return "";
}

// The text of every page joined with "\n"; *pages gets each page's offset.
std::string PagesText(const poppler::document& doc,
                      std::vector<size_t>* pages) {
  std::string body;
  for (int i = 0; i < doc.pages(); ++i) {
    if (i > 0)
      body += '\n';
    pages->push_back(body.size());
    std::unique_ptr<poppler::page> page(doc.create_page(i));
    if (!page)
      continue;
    body += CleanPage(ToUtf8(page->text(
        poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
  }
  return body;
}

// The document's Title on one line, trimmed; "" if there is none.
std::string InfoTitle(const poppler::document& doc) {
  std::string title = CleanPage(ToUtf8(doc.get_title()));
  for (char& c : title) c = c == '\n' ? ' ' : c;
  return std::string(TrimLine(title));
}

// Adds "pages" to the JSON object `metadata` (empty: a new object).
std::string WithPages(const std::string& metadata,
                      const std::vector<size_t>& pages) {
  nlohmann::json object = metadata.empty() ? nlohmann::json::object()
                                           : nlohmann::json::parse(metadata);
  object["pages"] = pages;
  return object.dump();
}

bool IsPdfSpace(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\0';
}

// Reads the digits at `*pos` of `line` into `*value` (saturating), moving
// `*pos` past them; false if there are none.
bool ReadNumber(std::string_view line, size_t* pos, uint64_t* value) {
  const size_t start = *pos;
  *value = 0;
  for (; *pos < line.size() && line[*pos] >= '0' && line[*pos] <= '9'; ++*pos) {
    *value = std::min<uint64_t>(*value * 10 + static_cast<uint64_t>(line[*pos] - '0'),
                                UINT32_MAX);
  }
  return *pos > start;
}

// The largest object number `bytes` makes poppler size its cross-reference
// table for, as far as a line scan can tell: "N G obj" at the start of a
// line (what poppler's repair of a damaged file reads) and a subsection
// header "FIRST COUNT" alone on a line (FIRST + COUNT).
uint64_t LargestObjectNumber(std::string_view bytes) {
  uint64_t largest = 0;
  size_t begin = 0;
  while (begin < bytes.size()) {
    size_t end = bytes.find_first_of("\r\n", begin);
    if (end == std::string_view::npos)
      end = bytes.size();
    const std::string_view line = bytes.substr(begin, end - begin);
    begin = end + 1;
    size_t pos = 0;
    while (pos < line.size() && IsPdfSpace(line[pos])) ++pos;
    uint64_t first = 0;
    uint64_t second = 0;
    if (!ReadNumber(line, &pos, &first) || pos == line.size() || !IsPdfSpace(line[pos]))
      continue;
    while (pos < line.size() && IsPdfSpace(line[pos])) ++pos;
    if (!ReadNumber(line, &pos, &second))
      continue;
    while (pos < line.size() && IsPdfSpace(line[pos])) ++pos;
    if (line.substr(pos, 3) == "obj") {
      largest = std::max(largest, first);
    } else if (pos == line.size()) {
      largest = std::max(largest, first + second);
    }
  }
  return largest;
}

}  // namespace

uint64_t MaxPdfObjectNumber(size_t file_bytes) {
  return std::max<uint64_t>(kMinPdfObjectLimit, file_bytes / 8);
}

Outcome<Report> ReadPdfReport(std::string_view bytes,
                              const TextSource& source) {
  poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return Error("not a readable PDF, skipped");
  if (LargestObjectNumber(bytes) > MaxPdfObjectNumber(bytes.size()))
    return Error("PDF object numbers out of range, skipped");
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc)
    return Error("not a readable PDF, skipped");
  if (doc->is_locked())
    return Error("encrypted PDF, skipped");
  if (doc->pages() <= 0)
    return Error("not a readable PDF, skipped");
  Report report;
  std::vector<size_t> pages;
  report.body = PagesText(*doc, &pages);
  if (report.body.find_first_not_of(" \t\n") == std::string::npos)
    return Error("no text in PDF, skipped");
  report.metadata = WithPages(report.metadata, pages);
  report.title = InfoTitle(*doc);
  if (report.title.empty())
    report.title = FirstLineTitle(report.body);
  if (report.title.empty())
    report.title = source.fallback_title;
  report.id = source.id;
  report.path = source.path;
  report.lang = DetectLanguage(report.title + "\n" + report.body);
  Outcome<Report> outcome;
  outcome.value = std::move(report);
  return outcome;
}

}  // namespace sousuo
