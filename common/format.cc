#include "common/format.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace sousuo {

namespace {

// ordered_json keeps keys in insertion order, so the output reads like the
// contract in format.h rather than alphabetically.
using Json = nlohmann::ordered_json;

constexpr char kBold[] = "\x1b[1m";
constexpr char kDim[] = "\x1b[2m";
constexpr char kMatch[] = "\x1b[1;31m";
constexpr char kReset[] = "\x1b[0m";
constexpr char kResetToBold[] = "\x1b[0;1m";  // ends a match inside the title
constexpr char kEllipsis[] = "…";
constexpr char kSeparator[] = " · ";

bool IsControl(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

void AppendSafe(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const char32_t c = DecodeUtf8(text, &pos);
    AppendUtf8(IsControl(c) ? kReplacement : c, out);
  }
}

std::string Styled(const std::string& text, const char* style, bool color) {
  return color ? style + text + kReset : text;
}

std::string TitleLine(const HitView& hit, bool color) {
  const std::string title = hit.title.fragment.empty()
                                ? std::string("(untitled)")
                                : RenderSnippet(hit.title, color ? kMatch : "[",
                                                color ? kResetToBold : "]");
  char score[64];
  std::snprintf(score, sizeof score, "(%.3f)", hit.score);
  return Styled(title, kBold, color) + "  " + Styled(score, kDim, color);
}

std::string MetadataLine(const Report& report) {
  std::string line;
  AppendSafe(report.id, &line);
  // A JSON Lines file holds many reports: its path says little about one of
  // them (--json still gives it).
  const bool jsonl = report.path.size() >= 6 &&
                     report.path.compare(report.path.size() - 6, 6, ".jsonl") == 0;
  const bool show_path = !report.path.empty() && report.path != report.id && !jsonl;
  for (const std::string* field : {&report.date, &report.source, &report.lang,
                                   show_path ? &report.path : nullptr}) {
    if (field == nullptr || field->empty())
      continue;
    line += kSeparator;
    AppendSafe(*field, &line);
  }
  return line;
}

Json HighlightsJson(std::string_view text,
                    const std::vector<HighlightRange>& highlights) {
  Json array = Json::array();
  for (const HighlightRange& h : highlights) {
    Json range;
    range["begin"] = h.begin;
    range["end"] = h.end;
    range["char_begin"] = CountChars(text.substr(0, h.begin));
    range["char_end"] = CountChars(text.substr(0, h.end));
    array.push_back(std::move(range));
  }
  return array;
}

// `snippet` with invalid UTF-8 replaced by U+FFFD and the highlights moved
// to match, so that the offsets stay true in the JSON text. A no-op for the
// valid text SnippetGenerator produces.
Snippet ValidUtf8(const Snippet& snippet) {
  const std::string_view text = snippet.fragment;
  if (FindInvalidUtf8(text) == std::string_view::npos)
    return snippet;
  Snippet valid = snippet;
  valid.fragment.clear();
  std::vector<size_t> moved(text.size() + 1);
  for (size_t pos = 0; pos < text.size();) {
    const size_t begin = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    for (size_t i = begin; i < pos; ++i) moved[i] = valid.fragment.size();
    AppendUtf8(c, &valid.fragment);
  }
  moved[text.size()] = valid.fragment.size();
  for (HighlightRange& h : valid.highlights) {
    h.begin =
        static_cast<uint32_t>(moved[std::min<size_t>(h.begin, text.size())]);
    h.end = static_cast<uint32_t>(moved[std::min<size_t>(h.end, text.size())]);
  }
  return valid;
}

// Byte offsets where the pages of a PDF report start (metadata "pages"), or
// none for other reports.
std::vector<uint32_t> PageStarts(const Report& report) {
  std::vector<uint32_t> pages;
  if (report.metadata.empty())
    return pages;
  const Json meta = Json::parse(report.metadata, nullptr, /*allow_exceptions=*/false);
  if (!meta.is_object() || !meta.contains("pages") || !meta["pages"].is_array())
    return pages;
  for (const Json& page : meta["pages"]) {
    if (page.is_number_unsigned())
      pages.push_back(page.get<uint32_t>());
  }
  return pages;
}

// The 1-based page holding byte `offset`.
size_t PageOf(const std::vector<uint32_t>& pages, uint32_t offset) {
  return std::max<size_t>(
      1, std::upper_bound(pages.begin(), pages.end(), offset) - pages.begin());
}

Json SnippetJson(const Snippet& raw, const std::vector<uint32_t>& pages) {
  const Snippet snippet = ValidUtf8(raw);
  Json json;
  json["text"] = snippet.fragment;
  json["highlights"] = HighlightsJson(snippet.fragment, snippet.highlights);
  json["elided_left"] = snippet.elided_left;
  json["elided_right"] = snippet.elided_right;
  if (!pages.empty())
    json["page"] = PageOf(pages, snippet.source_begin);
  return json;
}

void AddIfPresent(const char* key, const std::string& value, Json* json) {
  if (!value.empty())
    (*json)[key] = value;
}

}  // namespace

bool UseColor(ColorMode mode, int fd) {
  switch (mode) {
    case ColorMode::kAlways:
      return true;
    case ColorMode::kNever:
      return false;
    case ColorMode::kAuto:
      break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0')
    return false;
  return isatty(fd) == 1;
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendSafe(text, &out);
  return out;
}

std::string RenderSnippet(const Snippet& snippet, std::string_view open,
                          std::string_view close) {
  const std::string_view fragment = snippet.fragment;
  std::string out;
  if (snippet.elided_left)
    out += kEllipsis;
  size_t pos = 0;
  for (const HighlightRange& h : snippet.highlights) {
    // Clamped so that a malformed range cannot repeat or overrun text.
    const size_t begin = std::clamp<size_t>(h.begin, pos, fragment.size());
    const size_t end = std::clamp<size_t>(h.end, begin, fragment.size());
    AppendSafe(fragment.substr(pos, begin - pos), &out);
    out += open;
    AppendSafe(fragment.substr(begin, end - begin), &out);
    out += close;
    pos = end;
  }
  AppendSafe(fragment.substr(pos), &out);
  if (snippet.elided_right)
    out += kEllipsis;
  return out;
}

std::string RenderTextHit(const HitView& hit, bool color) {
  const std::string number = std::to_string(hit.rank) + ". ";
  const std::string indent(number.size(), ' ');
  std::string out = number + TitleLine(hit, color) + "\n";
  out += indent + Styled(MetadataLine(*hit.report), kDim, color) + "\n";
  const std::vector<uint32_t> pages = PageStarts(*hit.report);
  for (const Snippet& snippet : hit.snippets) {
    out += indent;
    if (!pages.empty()) {
      out += Styled("p. " + std::to_string(PageOf(pages, snippet.source_begin)) + ": ", kDim,
                    color);
    }
    out += RenderSnippet(snippet, color ? kMatch : "[", color ? kReset : "]");
    out += "\n";
  }
  return out;
}

std::string RenderJsonHit(const HitView& hit) {
  const Report& report = *hit.report;
  Json json;
  json["rank"] = hit.rank;
  json["score"] = hit.score;
  json["id"] = report.id;
  const Snippet title = ValidUtf8(hit.title);
  json["title"] = title.fragment;
  json["title_highlights"] = HighlightsJson(title.fragment, title.highlights);
  AddIfPresent("date", report.date, &json);
  AddIfPresent("lang", report.lang, &json);
  AddIfPresent("source", report.source, &json);
  AddIfPresent("path", report.path, &json);
  if (!report.metadata.empty()) {
    Json parsed =
        Json::parse(report.metadata, nullptr, /*allow_exceptions=*/false);
    json["metadata"] =
        parsed.is_object() ? std::move(parsed) : Json(report.metadata);
  }
  Json snippets = Json::array();
  const std::vector<uint32_t> pages = PageStarts(*hit.report);
  for (const Snippet& snippet : hit.snippets)
    snippets.push_back(SnippetJson(snippet, pages));
  json["snippets"] = std::move(snippets);
  json["matches_estimated"] = hit.matches_estimated;
  json["relaxed"] = hit.relaxed;
  return json.dump(-1, ' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace);
}

}  // namespace sousuo
