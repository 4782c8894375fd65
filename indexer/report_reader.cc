#include "indexer/report_reader.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/language.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

using Json = nlohmann::json;

constexpr size_t kBinaryProbeBytes = 64 << 10;
constexpr size_t kMaxDetailBytes = 160;

Diagnostic ErrorAt(std::string message, size_t line = 0, size_t column = 0) {
  return {Diagnostic::Severity::kError, line, column, std::move(message)};
}

Diagnostic WarningAt(std::string message, size_t line, size_t column = 0) {
  return {Diagnostic::Severity::kWarning, line, column, std::move(message)};
}

bool IsSpace(char32_t c) {
  return c == 0xFEFF || u_isUWhiteSpace(c);
}

// Offset of the first non-space character at or after `pos`.
size_t SkipSpaces(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    size_t next = pos;
    if (!IsSpace(DecodeUtf8(text, &next)))
      break;
    pos = next;
  }
  return pos;
}

// `text` without leading and trailing (Unicode) white space.
std::string_view Trim(std::string_view text) {
  text.remove_prefix(SkipSpaces(text, 0));
  size_t end = text.size();
  while (end > 0) {
    size_t begin = end - 1;
    while (begin > 0 &&
           (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
      --begin;
    }
    size_t pos = begin;
    if (!IsSpace(DecodeUtf8(text, &pos)) || pos != end)
      break;
    end = begin;
  }
  return text.substr(0, end);
}

bool IsControl(unsigned char b) {
  if (b == 0x7F)
    return true;
  if (b >= 0x20)
    return false;
  return b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' &&
         b != 0x1B;
}

bool LooksBinary(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos)
    return true;
  const std::string_view probe = bytes.substr(0, kBinaryProbeBytes);
  const size_t controls =
      static_cast<size_t>(std::count_if(probe.begin(), probe.end(), [](char c) {
        return IsControl(static_cast<unsigned char>(c));
      }));
  return controls * 4 > probe.size();
}

std::string ToUtf8(const std::u16string& units) {
  const int32_t size = static_cast<int32_t>(units.size());
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8WithSub(nullptr, 0, &length, units.data(), size, kReplacement,
                     nullptr, &status);
  std::string out(static_cast<size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), length, nullptr, units.data(), size,
                     kReplacement, nullptr, &status);
  if (U_FAILURE(status)) {
    throw AnalysisError(std::string("converting UTF-16 to UTF-8: ") +
                        u_errorName(status));
  }
  return out;
}

// Converts UTF-16 (without its BOM) to UTF-8 with ICU. Each invalid sequence
// (an unpaired surrogate, an odd trailing byte) becomes U+FFFD; the index of
// the first one, in UTF-16 units of the output, goes to *first_bad.
std::string ConvertUtf16(std::string_view bytes, bool big_endian,
                         size_t* first_bad) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(
      ucnv_open(big_endian ? "UTF-16BE" : "UTF-16LE", &status), ucnv_close);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &status);
  if (U_FAILURE(status)) {
    throw AnalysisError(std::string("opening the UTF-16 converter: ") +
                        u_errorName(status));
  }
  std::u16string units;
  units.reserve(bytes.size() / 2 + 1);
  const char* source = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  UChar buffer[4096];
  *first_bad = std::u16string::npos;
  for (;;) {
    UChar* target = buffer;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buffer + 4096, &source, limit, nullptr,
                   /*flush=*/true, &status);
    units.append(buffer, target);
    if (status == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (status == U_ILLEGAL_CHAR_FOUND || status == U_TRUNCATED_CHAR_FOUND ||
        status == U_INVALID_CHAR_FOUND) {
      if (*first_bad == std::u16string::npos)
        *first_bad = units.size();
      units.push_back(kReplacement);
      continue;
    }
    if (U_FAILURE(status)) {
      throw AnalysisError(std::string("converting UTF-16: ") +
                          u_errorName(status));
    }
    return ToUtf8(units);
  }
}

// Decoding after the BOM: each adds an error (binary data) or a warning
// (replaced bytes) to *outcome and returns the text.
std::string DecodeUtf16(std::string_view bytes, bool big_endian,
                        Outcome<std::string>* outcome) {
  size_t first_bad;
  std::string text = ConvertUtf16(bytes, big_endian, &first_bad);
  if (LooksBinary(text)) {
    outcome->diagnostics.push_back(ErrorAt("binary data, skipped"));
    return "";
  }
  if (first_bad != std::u16string::npos) {
    size_t offset = 0;  // UTF-8 offset of the first_bad'th UTF-16 unit
    for (size_t units = 0; units < first_bad;) {
      units += DecodeUtf8(text, &offset) >= 0x10000 ? 2 : 1;
    }
    const LineColumn at = LineColumnAt(text, offset);
    outcome->diagnostics.push_back(
        WarningAt("invalid UTF-16, replaced with U+FFFD", at.line, at.column));
  }
  return text;
}

// For data with NUL bytes but no BOM: +1 if they look like the high bytes of
// UTF-16LE text (at odd offsets, hardly any at even ones), -1 for UTF-16BE,
// 0 otherwise.
int GuessUtf16(std::string_view bytes) {
  const std::string_view probe = bytes.substr(0, kBinaryProbeBytes);
  size_t nul[2] = {0, 0};  // at even, at odd offsets
  for (size_t i = 0; i + 1 < probe.size(); i += 2) {
    nul[0] += probe[i] == '\0';
    nul[1] += probe[i + 1] == '\0';
  }
  // At least a quarter of the characters below U+0100 (so a stray NUL in
  // UTF-8 text does not count), and hardly a NUL at the other parity: a few
  // U+xx00 characters (一 is U+4E00) put one there. UTF-16 text that is
  // nearly all Chinese has too few NULs to tell and stays "binary data".
  const size_t pairs = probe.size() / 2;
  if (nul[1] * 4 >= pairs && nul[0] * 16 <= nul[1])
    return 1;
  if (nul[0] * 4 >= pairs && nul[1] * 16 <= nul[0])
    return -1;
  return 0;
}

std::string DecodeUtf8Bytes(std::string_view bytes,
                            Outcome<std::string>* outcome) {
  const int utf16 =
      bytes.find('\0') == std::string_view::npos ? 0 : GuessUtf16(bytes);
  if (utf16 != 0) {
    // Only a clean conversion to text counts: binary data that happens to
    // pass the NUL test soon holds an unpaired surrogate or an odd byte.
    Outcome<std::string> attempt;
    std::string text = DecodeUtf16(bytes, utf16 < 0, &attempt);
    if (attempt.diagnostics.empty()) {
      outcome->diagnostics.push_back(
          WarningAt(std::string("no byte-order mark, read as UTF-16") +
                        (utf16 < 0 ? "BE" : "LE"),
                    0));
      return text;
    }
  }
  if (LooksBinary(bytes)) {
    outcome->diagnostics.push_back(ErrorAt("binary data, skipped"));
    return "";
  }
  const size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos)
    return std::string(bytes);
  const LineColumn at = LineColumnAt(bytes, bad);
  outcome->diagnostics.push_back(
      WarningAt("invalid UTF-8, replaced with U+FFFD", at.line, at.column));
  return RepairUtf8(bytes);
}

// The parser's explanation without nlohmann's "[json.exception...] parse
// error at line 1, column 7: " preamble, cut to one readable line.
std::string ParserDetail(const std::string& what) {
  std::string detail = what;
  if (detail.rfind("[json.exception.", 0) == 0 && detail.find("] ") != std::string::npos)
    detail = detail.substr(detail.find("] ") + 2);
  const size_t column = detail.find("column ");
  const size_t colon =
      detail.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos && column != std::string::npos)
    detail = detail.substr(colon + 2);
  // nlohmann quotes the bytes it last read, which may end inside a character
  // or hold a control character: keep the message one valid line.
  detail = RepairUtf8(detail);
  for (char& c : detail) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  if (detail.size() > kMaxDetailBytes) {
    size_t cut = kMaxDetailBytes;
    while (cut > 0 &&
           (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    detail = detail.substr(0, cut) + "...";
  }
  return detail;
}

bool EndsWithSentencePunctuation(std::string_view line) {
  for (const char* end :
       {".", "!", "?", "\u3002", "\uFF01", "\uFF1F", "\u2026"}) {
    const std::string_view e(end);
    if (line.size() >= e.size() && line.substr(line.size() - e.size()) == e) {
      return true;
    }
  }
  return false;
}

bool LooksLikeParagraph(std::string_view line) {
  const size_t chars = CountChars(line);
  return chars > kMaxTitleChars ||
         (chars > kMaxSentenceTitleChars && EndsWithSentencePunctuation(line));
}

// `line` cut after kMaxTitleChars characters (at a space in the second half
// if there is one) with "…" appended; `line` itself if not longer. A body of
// one 50 MB line was otherwise analysed whole as the title (1.9 GB).
std::string CutTitle(std::string_view line) {
  size_t end = 0;
  size_t space = 0;
  for (size_t chars = 0; end < line.size() && chars < kMaxTitleChars; ++chars) {
    if (line[end] == ' ' && chars >= kMaxTitleChars / 2)
      space = end;
    DecodeUtf8(line, &end);
  }
  if (end == line.size())
    return std::string(line);
  return std::string(Trim(line.substr(0, space > 0 ? space : end))) + "\u2026";
}

// "## Title ##" -> "Title".
std::string_view StripHeading(std::string_view line) {
  const size_t first = line.find_first_not_of('#');
  if (first == std::string_view::npos)
    return {};
  line = Trim(line.substr(first));
  const size_t last = line.find_last_not_of('#');
  if (last != std::string_view::npos && last + 1 < line.size() &&
      (line[last] == ' ' || line[last] == '\t')) {
    line = Trim(line.substr(0, last + 1));
  }
  return line;
}

// The first non-blank line of `text`, trimmed; *after is set to the offset
// just past it. Returns npos in *after if there is none.
std::string_view FirstLine(std::string_view text, size_t* after) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos)
      eol = text.size();
    const std::string_view line = Trim(text.substr(pos, eol - pos));
    pos = std::min(eol + 1, text.size());
    if (!line.empty()) {
      *after = pos;
      return line;
    }
  }
  *after = std::string_view::npos;
  return {};
}

// Offset of the '[' or '{' that opens the (max_depth + 1)th level of nesting
// in `line`, or npos. Brackets inside strings do not count; the line need not
// be valid JSON.
size_t TooDeep(std::string_view line, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Reads an optional string field into *out. Returns false (with *error set)
// if the field is present, not null and not a string.
bool OptionalString(const Json& object, const char* key, std::string* out,
                    std::string* error) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return true;
  if (!it->is_string()) {
    *error = std::string("\"") + key + "\" is not a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// "id": a non-empty string, or an integer written in decimal.
bool ReadId(const Json& object, std::string* id, std::string* error) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) {
    *error = "missing \"id\"";
  } else if (it->is_string()) {
    *id = it->get<std::string>();
    if (Trim(*id).empty())
      *error = "empty \"id\"";
  } else if (it->is_number_integer()) {
    *id = it->dump();
  } else {
    *error = "\"id\" is not a string or an integer";
  }
  return error->empty();
}

// Fills *report from the fields of a JSON object; returns an error message
// for the first field that is missing or of the wrong type, else "".
std::string ReportFromJson(const Json& object, Report* report) {
  std::string error;
  if (!ReadId(object, &report->id, &error))
    return error;
  const auto body = object.find("body");
  if (body == object.end() || body->is_null())
    return "missing \"body\"";
  if (!OptionalString(object, "body", &report->body, &error) ||
      !OptionalString(object, "title", &report->title, &error) ||
      !OptionalString(object, "date", &report->date, &error) ||
      !OptionalString(object, "lang", &report->lang, &error) ||
      !OptionalString(object, "source", &report->source, &error)) {
    return error;
  }
  Json extra = Json::object();
  for (const auto& item : object.items()) {
    static const char* const kKnown[] = {"id",   "title", "body",
                                         "date", "lang",  "source"};
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) {
          return item.key() == k;
        }) == std::end(kKnown)) {
      extra[item.key()] = item.value();
    }
  }
  if (!extra.empty())
    report->metadata = extra.dump();
  return "";
}

}  // namespace

std::string Diagnostic::Format(const std::string& path) const {
  std::string out = path;
  if (line != 0) {
    out += ':' + std::to_string(line);
    if (column != 0)
      out += ':' + std::to_string(column);
  }
  return out + ": " + message;
}

Outcome<std::string> DecodeText(std::string_view bytes) {
  Outcome<std::string> outcome;
  const bool le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
  const bool be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  }
  std::string text = (le || be) ? DecodeUtf16(bytes.substr(2), be, &outcome)
                                : DecodeUtf8Bytes(bytes, &outcome);
  if (!outcome.diagnostics.empty() &&
      outcome.diagnostics[0].severity == Diagnostic::Severity::kError) {
    return outcome;
  }
  if (SkipSpaces(text, 0) == text.size()) {
    outcome.diagnostics.assign({ErrorAt("empty file, skipped")});
    return outcome;
  }
  outcome.value = std::move(text);
  return outcome;
}

bool DecodableByLine(std::string_view head) {
  return head.rfind("\xFF\xFE", 0) != 0 && head.rfind("\xFE\xFF", 0) != 0 &&
         !LooksBinary(head);
}

Outcome<Report> ReadTextReport(std::string_view text,
                               const TextSource& source) {
  Outcome<Report> outcome;
  size_t after;
  std::string_view line = FirstLine(text, &after);
  if (after == std::string_view::npos) {
    outcome.diagnostics.push_back(ErrorAt("empty file, skipped"));
    return outcome;
  }
  if (source.markdown)
    line = StripHeading(line);
  Report report;
  report.id = source.id;
  report.path = source.path;
  if (LooksLikeParagraph(line)) {
    report.title = source.fallback_title;
    report.body = std::string(Trim(text));
  } else {
    report.title = line.empty() ? source.fallback_title : std::string(line);
    report.body = std::string(Trim(text.substr(after)));
  }
  report.lang = DetectLanguage(report.title + "\n" + report.body);
  outcome.value = std::move(report);
  return outcome;
}

Outcome<Report> ParseJsonLine(std::string_view line, size_t line_number,
                              const std::string& path) {
  Outcome<Report> outcome;
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  const size_t deep = TooDeep(line, kMaxJsonDepth);
  if (deep != std::string_view::npos) {
    outcome.diagnostics.push_back(
        ErrorAt("JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                    " levels",
                line_number, LineColumnAt(line, deep).column));
    return outcome;
  }
  Json object;
  try {
    object = Json::parse(line);
  } catch (const Json::parse_error& e) {
    const size_t offset =
        std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, line.size());
    const size_t column = LineColumnAt(line, offset).column;
    outcome.diagnostics.push_back(ErrorAt(
        "invalid JSON: " + ParserDetail(e.what()), line_number, column));
    return outcome;
  } catch (const Json::exception& e) {  // e.g. a number beyond double: 1e400
    outcome.diagnostics.push_back(
        ErrorAt("invalid JSON: " + ParserDetail(e.what()), line_number));
    return outcome;
  }
  if (!object.is_object()) {
    outcome.diagnostics.push_back(ErrorAt("not a JSON object", line_number));
    return outcome;
  }
  Report report;
  const std::string error = ReportFromJson(object, &report);
  if (!error.empty()) {
    outcome.diagnostics.push_back(ErrorAt(error, line_number));
    return outcome;
  }
  report.path = path;
  if (Trim(report.title).empty()) {
    size_t after;
    report.title = CutTitle(FirstLine(report.body, &after));
  }
  if (!report.date.empty()) {
    const std::string date = NormalizeDate(report.date);
    if (date.empty()) {
      outcome.diagnostics.push_back(WarningAt(
          "invalid date \"" + ParserDetail(report.date.substr(0, 40)) +
              (report.date.size() > 40 ? "..." : "") + "\", ignored",
          line_number));
    }
    report.date = date;
  }
  for (char& c : report.lang) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  // "zh-CN", "zh_Hans" -> "zh"; a language we do not index as such is
  // detected from the text, so lang: can always select the report.
  report.lang = report.lang.substr(0, report.lang.find_first_of("-_"));
  if (report.lang != "en" && report.lang != "zh" && report.lang != "mixed" &&
      report.lang != "und") {
    report.lang = DetectLanguage(report.title + "\n" + report.body);
  }
  outcome.value = std::move(report);
  return outcome;
}

bool LooksLikeJsonLines(std::string_view text) {
  const size_t pos = SkipSpaces(text, 0);
  return pos < text.size() && text[pos] == '{';
}

}  // namespace sousuo
