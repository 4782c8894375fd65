// Fuzz target: the PDF reader (indexer/pdf_reader.h ReadPdfReport) on
// arbitrary bytes. Checks the reader invariants of report_check.h with the
// three errors pdf_reader.h documents (and no warning); that the body holds
// no control character but tab and newline (nor C1 controls) and no space or
// tab at the end of a line; that the metadata is exactly {"pages":[...]}
// with offsets starting at 0, strictly increasing, inside the body, each
// after the "\n" that joins two pages, with no page ending in white space;
// that a title has no control character but tab, and is the first non-blank
// line of at most kMaxTitleChars characters or the fallback when the PDF has
// no Info Title; and that reading the same bytes again gives the same outcome.
#include <poppler/cpp/poppler-document.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/report_check.h"
#include "indexer/pdf_reader.h"

namespace sousuo {
namespace {

const TextSource kSource{"fuzz/doc.pdf", "root/fuzz/doc.pdf", "doc", false};

bool KnownMessage(const Diagnostic& d) {
  return d.severity == Diagnostic::Severity::kError &&
         (d.message == "not a readable PDF, skipped" ||
          d.message == "encrypted PDF, skipped" ||
          d.message == "no text in PDF, skipped" ||
          d.message == "PDF object numbers out of range, skipped");
}

// C0 controls but tab (and newline, if `newline_ok`), DEL and C1 controls.
bool HasControl(std::string_view text, bool newline_ok) {
  for (size_t pos = 0; pos < text.size();) {
    const char32_t c = DecodeUtf8(text, &pos);
    if (c == '\t' || (c == '\n' && newline_ok))
      continue;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
      return true;
  }
  return false;
}

// The page offsets of {"pages":[...]}; aborts on any other metadata.
std::vector<size_t> PageOffsets(const std::string& metadata) {
  const nlohmann::json meta =
      nlohmann::json::parse(metadata, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(meta.is_object() && meta.size() == 1 && meta.contains("pages"));
  const nlohmann::json& pages = meta["pages"];
  FUZZ_CHECK(pages.is_array() && !pages.empty());
  std::vector<size_t> offsets;
  for (const nlohmann::json& offset : pages) {
    FUZZ_CHECK(offset.is_number_unsigned());
    offsets.push_back(offset.get<size_t>());
  }
  return offsets;
}

void CheckPages(const std::string& body, const std::vector<size_t>& pages) {
  FUZZ_CHECK(pages[0] == 0);
  for (size_t i = 0; i < pages.size(); ++i) {
    const size_t end = i + 1 < pages.size() ? pages[i + 1] - 1 : body.size();
    if (i + 1 < pages.size()) {
      FUZZ_CHECK(pages[i] < pages[i + 1]);
      FUZZ_CHECK(pages[i + 1] <= body.size());
      FUZZ_CHECK(body[pages[i + 1] - 1] == '\n');
    }
    FUZZ_CHECK(fuzz::OnCharBoundary(body, pages[i]));
    // "trailing spaces and trailing empty lines of a page removed"
    const std::string_view page =
        std::string_view(body).substr(pages[i], end - pages[i]);
    FUZZ_CHECK(page.empty() || (page.back() != ' ' && page.back() != '\t' &&
                                page.back() != '\n'));
  }
  FUZZ_CHECK(body.find(" \n") == std::string::npos);
  FUZZ_CHECK(body.find("\t\n") == std::string::npos);
}

// The first line of `body` with a character other than space, tab, U+00A0
// and U+3000 (pdf_reader.cc's TrimLine), or "".
std::string_view FirstTextLine(std::string_view body) {
  for (size_t pos = 0; pos < body.size();) {
    const size_t eol = std::min(body.find('\n', pos), body.size());
    const std::string_view line = body.substr(pos, eol - pos);
    pos = eol + 1;
    for (size_t at = 0; at < line.size();) {
      const char32_t c = DecodeUtf8(line, &at);
      if (c != ' ' && c != '\t' && c != 0xA0 && c != 0x3000)
        return line;
    }
  }
  return "";
}

// True if the PDF's Info dictionary has a Title, however blank.
bool HasInfoTitle(std::string_view bytes) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  FUZZ_CHECK(doc != nullptr);  // ReadPdfReport just read it
  return !doc->get_title().empty();
}

void CheckTitle(std::string_view bytes, const Report& report) {
  const std::string& title = report.title;
  FUZZ_CHECK(!HasControl(title, /*newline_ok=*/false));
  if (title == kSource.fallback_title || HasInfoTitle(bytes))
    return;
  FUZZ_CHECK(CountChars(title) <= kMaxTitleChars);
  FUZZ_CHECK(fuzz::Contains(FirstTextLine(report.body), title));
}

Outcome<Report> Read(std::string_view bytes) {
  return fuzz::ReadOrAbort([&] { return ReadPdfReport(bytes, kSource); });
}

// poppler-cpp creates its GlobalParams (font and encoding tables) with the
// first live document and destroys them with the last: 1 ms per input, 9
// under ASan, 95 % of the time. One document kept for the whole run keeps
// them, as in an indexer reading many PDFs at once.
void KeepPopplerGlobals() {
  static const char kPdf[] =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
      "trailer << /Root 1 0 R >>\n%%EOF\n";
  static const poppler::document* keep =
      poppler::document::load_from_raw_data(kPdf, sizeof kPdf - 1);
  FUZZ_CHECK(keep != nullptr);
}

void FuzzOne(std::string_view bytes) {
  KeepPopplerGlobals();
  const Outcome<Report> outcome = Read(bytes);
  fuzz::CheckOutcome(outcome, kSource, KnownMessage);
  FUZZ_CHECK(fuzz::SameOutcome(Read(bytes), outcome));
  if (!outcome.value)
    return;
  const Report& report = *outcome.value;
  FUZZ_CHECK(!HasControl(report.body, /*newline_ok=*/true));
  CheckPages(report.body, PageOffsets(report.metadata));
  CheckTitle(bytes, report);
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sousuo::FuzzOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
