#include "common/document.h"

#include <cstdio>
#include <vector>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/varint.h"
#include "common/stored_body.h"
#include "common/term_writer.h"

namespace sousuo {

namespace {

// Version byte of the stored document data. 2: the body's layout follows
// the fields (stored_body.h).
constexpr char kDataVersion = 2;

void PutField(std::string_view field, std::string* out) {
  PutVarint(field.size(), out);
  out->append(field);
}

std::string GetField(std::string_view* in) {
  uint64_t size;
  if (!GetVarint(in, &size) || size > in->size()) {
    throw IndexError("document data: truncated or not written by sousuo");
  }
  std::string field(in->substr(0, size));
  in->remove_prefix(size);
  return field;
}

// The document data: the version byte, then the fields, with `body` (all
// of report.body or its head) and `layout` (empty for a whole body) in place
// of report.body and report.body_layout.
std::string SerializeFields(const Report& report, std::string_view body,
                            std::string_view layout) {
  std::string out;
  out.reserve(body.size() + report.title.size() + layout.size() + 64);
  out.push_back(kDataVersion);
  for (const std::string_view field :
       {std::string_view(report.id), std::string_view(report.title), body,
        std::string_view(report.date), std::string_view(report.lang),
        std::string_view(report.source), std::string_view(report.path),
        std::string_view(report.metadata), layout}) {
    PutField(field, &out);
  }
  return out;
}

void AddLanguageTerms(const std::string& lang, Xapian::Document* doc) {
  doc->add_boolean_term(LangTerm(lang));
  if (lang == "mixed") {  // lang:en and lang:zh both find mixed reports
    doc->add_boolean_term(LangTerm("en"));
    doc->add_boolean_term(LangTerm("zh"));
  }
}

// Hashes `text` as if its line endings were "\n" and no line ended in a
// space or tab.
uint64_t HashNormalizedText(std::string_view text, uint64_t hash) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find_first_of("\r\n", pos);
    const bool last = eol == std::string_view::npos;
    if (last) eol = text.size();
    size_t end = eol;
    while (end > pos && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    hash = Fnv1a64(text.substr(pos, end - pos), hash);
    if (last) break;
    hash = Fnv1a64("\n", hash);
    pos = eol + (text.compare(eol, 2, "\r\n") == 0 ? 2 : 1);
  }
  return hash;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

Xapian::Document BuildDocument(Analyzer& analyzer, const Report& report) {
  Xapian::Document doc;
  std::vector<Token> tokens;
  Xapian::termpos next = analyzer.Analyze(report.title, kFirstPosition, &tokens);
  AddTerms(tokens, Field::kAll, kTitleWdf, &doc);
  AddTerms(tokens, Field::kTitle, 1, &doc);
  next += kFieldGap;
  // The body in pieces (stored_body.h), so that a huge report never holds
  // all its tokens at once and a snippet can analyse any piece alone.
  if (!report.body_layout.empty()) {
    throw IndexError("building report '" + report.id +
                     "': its body was read in part (use ReadFullReport)");
  }
  const std::string_view body = report.body;
  BodyLayout layout;
  layout.size = static_cast<uint32_t>(body.size());
  for (size_t begin = 0; begin < body.size();) {
    const size_t end = NextPieceEnd(body, begin);
    layout.pieces.push_back({static_cast<uint32_t>(begin), next});
    tokens.clear();
    next = analyzer.Analyze(body.substr(begin, end - begin), next, &tokens);
    AddTerms(tokens, Field::kAll, 1, &doc);
    begin = end;
  }
  doc.add_boolean_term(IdTerm(report.id));
  AddLanguageTerms(report.lang.empty() ? "und" : report.lang, &doc);
  for (const Token& token : analyzer.Analyze(report.source)) {
    if (token.kind != TokenKind::kHanChar) doc.add_boolean_term(SourceTerm(token.text));
  }
  if (!report.date.empty()) {
    const std::string& d = report.date;  // "YYYY-MM-DD"
    doc.add_value(kSlotDate, d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2));
  }
  const std::string hash = ContentHash(report);
  doc.add_value(kSlotHash, hash);
  doc.add_boolean_term(HashTerm(hash));
  if (!report.path.empty()) {
    doc.add_boolean_term(FileTerm(report.path));
    doc.add_value(kSlotFile, report.path);
  }
  const std::string_view stored = StoreBodyParts(body, &layout, &doc);
  doc.set_data(SerializeFields(report, stored,
                               stored.size() < body.size() ? EncodeBodyLayout(layout) : ""));
  return doc;
}

std::string ContentHash(const Report& report) {
  // A NUL byte ends each field, so "ab" + "c" and "a" + "bc" differ.
  const std::string_view kEnd("\0", 1);
  uint64_t hash = HashNormalizedText(report.title, kFnv1a64Basis);
  hash = HashNormalizedText(report.body, Fnv1a64(kEnd, hash));
  for (const std::string* field :
       {&report.date, &report.lang, &report.source, &report.metadata}) {
    hash = Fnv1a64(*field, Fnv1a64(kEnd, hash));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string SerializeReport(const Report& report) {
  return SerializeFields(report, report.body, report.body_layout);
}

Report ParseReport(std::string_view data) {
  if (data.empty() || data[0] != kDataVersion) {
    throw IndexError("document data: not written by this version of sousuo");
  }
  data.remove_prefix(1);
  Report report;
  for (std::string* field :
       {&report.id, &report.title, &report.body, &report.date, &report.lang,
        &report.source, &report.path, &report.metadata, &report.body_layout}) {
    *field = GetField(&data);
  }
  return report;
}

std::string NormalizeDate(std::string_view text) {
  std::string_view y, m, d, rest;
  if (text.size() >= 10 && (text[4] == '-' || text[4] == '/') && text[7] == text[4]) {
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    rest = text.substr(10);
  } else if (text.size() >= 8 && IsDigits(text.substr(0, 8))) {
    y = text.substr(0, 4), m = text.substr(4, 2), d = text.substr(6, 2);
    rest = text.substr(8);
  } else {
    return "";
  }
  if (!IsDigits(y) || !IsDigits(m) || !IsDigits(d)) return "";
  if (!rest.empty() && rest[0] != 'T' && rest[0] != ' ') return "";
  const int year = std::stoi(std::string(y));
  const int month = std::stoi(std::string(m));
  const int day = std::stoi(std::string(d));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1 || month < 1 || month > 12) return "";
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return "";
  return std::string(y) + "-" + std::string(m) + "-" + std::string(d);
}

}  // namespace sousuo
