// PDF reader: turns the bytes of one .pdf file into a Report, with poppler's
// C++ API doing the parsing and the text extraction. No I/O.
#ifndef SOUSUO_INDEXER_PDF_READER_H_
#define SOUSUO_INDEXER_PDF_READER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/document.h"
#include "indexer/report_reader.h"

namespace sousuo {

// Builds a report from the bytes of a PDF file:
//   - body: the text of each page in reading order (poppler's
//     non_raw_non_physical_layout, as pdftotext prints it), with "\r\n" and
//     "\r" turned into "\n", control characters (C0, DEL and C1) other than
//     tab and newline dropped, trailing spaces and trailing empty lines of a
//     page removed, invalid UTF-8 replaced with U+FFFD; pages are joined
//     with one "\n" (not a form feed, which would reach snippets and
//     terminals);
//   - metadata: {"pages":[0,O2,O3,...]}, the byte offset in the body where
//     each page starts (an empty page is an empty line);
//   - title: the document's Title (line breaks and controls removed) if not
//     blank, else the first non-blank
//     line of the body if it has at most kMaxTitleChars characters, else
//     `source.fallback_title`; the body keeps that line (page offsets stay
//     exact);
//   - language: DetectLanguage(title + body); id and path from `source`.
// Errors (the report is skipped):
//   "not a readable PDF, skipped"   poppler cannot open it, or no pages
//   "encrypted PDF, skipped"        it needs a password to open (a PDF with
//                                   only an owner password is read)
//   "no text in PDF, skipped"       no page has text (e.g. scanned images)
//   "PDF object numbers out of range, skipped"
//                                   an object number (or an xref subsection's
//                                   end) above MaxPdfObjectNumber: poppler
//                                   sizes its table by it (40 bytes an
//                                   entry), so 1 KB naming object 19,999,999
//                                   took 0.8 GB and 5 s before this check
// Poppler's own error messages are silenced (for the whole process).
Outcome<Report> ReadPdfReport(std::string_view bytes, const TextSource& source);

// The object numbers a PDF of `file_bytes` may use: an object takes well
// over 8 bytes, so a file numbering past its size / 8 (and past
// kMinPdfObjectLimit) is damaged or hostile.
constexpr uint64_t kMinPdfObjectLimit = 1 << 20;
uint64_t MaxPdfObjectNumber(size_t file_bytes);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_PDF_READER_H_
