#include "indexer/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
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

}  // namespace

Outcome<Report> ReadPdfReport(std::string_view bytes,
                              const TextSource& source) {
  poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return Error("not a readable PDF, skipped");
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
