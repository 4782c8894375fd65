#include "common/render.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/report_path.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

// ordered_json keeps keys in insertion order, so the output reads like the
// contract in render.h rather than alphabetically.
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

// Display columns of `text`, which may hold invalid UTF-8 (as U+FFFD).
size_t Columns(std::string_view text) {
  size_t columns = 0;
  for (size_t pos = 0; pos < text.size();) {
    const char32_t c = DecodeUtf8(text, &pos);
    columns += IsControl(c) ? 1 : DisplayWidth(c);  // shown as U+FFFD
  }
  return columns;
}

std::string TitleLine(const HitView& hit, const TextStyle& style, size_t room) {
  const bool color = style.color;
  char score[64];
  std::snprintf(score, sizeof score, "(%.3f)", hit.score);
  const size_t score_columns = Columns(score) + 2;
  const size_t title_room = room > score_columns ? room - score_columns : 1;
  const std::string title =
      hit.title.fragment.empty()
          ? FitColumns("(untitled)", title_room)
          : RenderSnippetWithin(hit.title, color ? kMatch : "[", color ? kResetToBold : "]",
                                color ? 0 : 1, title_room);
  return Styled(title, kBold, color) + "  " + Styled(score, kDim, color);
}

std::string MetadataLine(const HitView& hit, const std::string& cwd) {
  const Report& report = *hit.report;
  std::string line;
  AppendSafe(DisplayId(report.id, report.path, cwd), &line);
  // A JSON Lines file holds many reports: its path says little about one of
  // them (--json still gives it).
  const bool jsonl = report.path.size() >= 6 &&
                     report.path.compare(report.path.size() - 6, 6, ".jsonl") == 0;
  const bool show_path = !report.path.empty() && report.path != report.id && !jsonl;
  const std::string path = show_path ? DisplayPath(report.path, cwd) : "";
  for (const std::string* field : {&report.date, &report.source, &report.lang, &path}) {
    if (field->empty())
      continue;
    line += kSeparator;
    AppendSafe(*field, &line);
  }
  if (hit.partial && !hit.missing.empty()) {
    line += kSeparator;
    line += "missing: ";
    for (size_t i = 0; i < hit.missing.size(); ++i) {
      if (i > 0)
        line += ", ";
      AppendSafe(hit.missing[i], &line);
    }
  }
  return line;
}

// The highlights with their code point offsets too, counted in one pass
// (the ranges are sorted).
Json HighlightsJson(std::string_view text,
                    const std::vector<HighlightRange>& highlights) {
  Json array = Json::array();
  size_t at = 0, chars = 0;  // byte `at` is code point `chars`
  const auto chars_to = [&](size_t offset) {
    offset = std::min(offset, text.size());
    if (offset < at) {
      at = 0;
      chars = 0;
    }
    chars += CountChars(text.substr(at, offset - at));
    at = offset;
    return chars;
  };
  for (const HighlightRange& h : highlights) {
    Json range;
    range["begin"] = h.begin;
    range["end"] = h.end;
    range["char_begin"] = chars_to(h.begin);
    range["char_end"] = chars_to(h.end);
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

// id, title, title_highlights, date, lang, source, path and metadata (see
// RenderJsonHit).
void AddReportFields(const Report& report, const Snippet& title, Json* json) {
  (*json)["id"] = report.id;
  const Snippet valid_title = ValidUtf8(title);
  (*json)["title"] = valid_title.fragment;
  (*json)["title_highlights"] = HighlightsJson(valid_title.fragment, valid_title.highlights);
  AddIfPresent("date", report.date, json);
  AddIfPresent("lang", report.lang, json);
  AddIfPresent("source", report.source, json);
  AddIfPresent("path", report.path, json);
  if (!report.metadata.empty()) {
    Json parsed = Json::parse(report.metadata, nullptr, /*allow_exceptions=*/false);
    (*json)["metadata"] = parsed.is_object() ? std::move(parsed) : Json(report.metadata);
  }
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

std::string RenderSnippetWithin(const Snippet& snippet, std::string_view open,
                                std::string_view close, size_t marker_columns, size_t columns) {
  const std::string whole = RenderSnippet(snippet, open, close);
  size_t needed = Columns(snippet.fragment) + (snippet.elided_left ? 1 : 0) +
                  (snippet.elided_right ? 1 : 0) +
                  snippet.highlights.size() * 2 * marker_columns;
  if (needed <= columns)
    return whole;
  // Cut: walk the fragment, leaving room for the closing "…".
  const std::string_view fragment = snippet.fragment;
  std::string out;
  size_t used = 1;  // the final ellipsis
  if (snippet.elided_left) {
    out += kEllipsis;
    ++used;
  }
  size_t next = 0;  // the next highlight
  bool open_now = false;
  for (size_t pos = 0; pos < fragment.size();) {
    if (!open_now && next < snippet.highlights.size() && pos >= snippet.highlights[next].begin) {
      size_t after = pos;
      const size_t first = DisplayWidth(DecodeUtf8(fragment, &after));
      if (used + 2 * marker_columns + first > columns)
        break;  // not even its first character fits
      out += open;
      used += marker_columns;
      open_now = true;
    }
    if (open_now && pos >= snippet.highlights[next].end) {
      out += close;
      used += marker_columns;
      open_now = false;
      ++next;
      continue;
    }
    size_t after = pos;
    const char32_t c = DecodeUtf8(fragment, &after);
    const char32_t shown = IsControl(c) ? kReplacement : c;
    const size_t width = DisplayWidth(shown) + (open_now ? marker_columns : 0);
    if (used + width > columns)
      break;
    AppendUtf8(shown, &out);
    used += DisplayWidth(shown);
    pos = after;
  }
  if (open_now)
    out += close;
  return out + kEllipsis;
}

std::string FitColumns(std::string_view text, size_t columns) {
  if (Columns(text) <= columns)
    return std::string(text);
  std::string out;
  size_t used = 1;  // the ellipsis
  for (size_t pos = 0; pos < text.size();) {
    size_t after = pos;
    const char32_t c = DecodeUtf8(text, &after);
    if (used + DisplayWidth(c) > columns)
      break;
    out.append(text.substr(pos, after - pos));
    used += DisplayWidth(c);
    pos = after;
  }
  return out + kEllipsis;
}

std::string RenderTextHit(const HitView& hit, const TextStyle& style) {
  const bool color = style.color;
  const std::string number = std::to_string(hit.rank) + ". ";
  const std::string indent(number.size(), ' ');
  const size_t room = style.width > indent.size() ? style.width - indent.size() : 1;
  std::string out = number + TitleLine(hit, style, room) + "\n";
  out += indent + Styled(FitColumns(MetadataLine(hit, style.cwd), room), kDim, color) + "\n";
  const std::vector<uint32_t> pages = PageStarts(*hit.report);
  for (const Snippet& snippet : hit.snippets) {
    out += indent;
    size_t left = room;
    if (!pages.empty()) {
      const std::string page = "p. " + std::to_string(PageOf(pages, snippet.source_begin)) + ": ";
      out += Styled(page, kDim, color);
      left = left > page.size() ? left - page.size() : 1;
    }
    out += RenderSnippetWithin(snippet, color ? kMatch : "[", color ? kReset : "]",
                               color ? 0 : 1, left);
    out += "\n";
  }
  return out;
}

std::string RenderJsonHit(const HitView& hit) {
  const Report& report = *hit.report;
  Json json;
  json["type"] = "hit";
  json["rank"] = hit.rank;
  json["score"] = hit.score;
  json["partial"] = hit.partial;
  if (hit.partial)
    json["missing"] = hit.missing;
  AddReportFields(report, hit.title, &json);
  Json snippets = Json::array();
  const std::vector<uint32_t> pages = PageStarts(*hit.report);
  for (const Snippet& snippet : hit.snippets)
    snippets.push_back(SnippetJson(snippet, pages));
  json["snippets"] = std::move(snippets);
  return json.dump(-1, ' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace);
}

std::string RenderJsonSummary(const SummaryView& summary) {
  Json json;
  json["type"] = "summary";
  json["query"] = summary.query;
  json["understood"] = summary.understood;
  json["matches"] = summary.matches;
  json["exact"] = summary.exact;
  json["partial"] = summary.partial;
  json["offset"] = summary.offset;
  json["limit"] = summary.limit;
  json["hits"] = summary.hits;
  return json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace sousuo

namespace sousuo {

namespace {

// Appends `text` terminal-safe, but with line breaks and tabs kept.
void AppendSafeLines(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const char32_t c = DecodeUtf8(text, &pos);
    AppendUtf8(c == '\n' || c == '\t' ? c : IsControl(c) ? kReplacement : c, out);
  }
}

}  // namespace

std::string RenderTextReport(const Report& report, const Snippet& title,
                             const std::vector<HighlightRange>& body_highlights,
                             const TextStyle& style) {
  const bool color = style.color;
  HitView view;
  view.report = &report;
  std::string out =
      title.fragment.empty()
          ? Styled("(untitled)", kBold, color)
          : Styled(RenderSnippet(title, color ? kMatch : "[", color ? kResetToBold : "]"), kBold,
                   color);
  out += "\n" + Styled(MetadataLine(view, style.cwd), kDim, color) + "\n";
  if (!report.metadata.empty()) {
    const Json meta = Json::parse(report.metadata, nullptr, /*allow_exceptions=*/false);
    if (meta.is_object()) {
      for (const auto& [key, value] : meta.items()) {
        std::string line;
        AppendSafe(key + ": " + (value.is_string() ? value.get<std::string>()
                                                   : value.dump(-1, ' ', false,
                                                                Json::error_handler_t::replace)),
                   &line);
        out += Styled(line, kDim, color) + "\n";
      }
    }
  }
  out += "\n";
  const std::string_view body = report.body;
  size_t pos = 0;
  for (const HighlightRange& h : body_highlights) {
    const size_t begin = std::clamp<size_t>(h.begin, pos, body.size());
    const size_t end = std::clamp<size_t>(h.end, begin, body.size());
    AppendSafeLines(body.substr(pos, begin - pos), &out);
    out += color ? kMatch : "[";
    AppendSafeLines(body.substr(begin, end - begin), &out);
    out += color ? kReset : "]";
    pos = end;
  }
  AppendSafeLines(body.substr(pos), &out);
  if (out.back() != '\n')
    out += "\n";
  return out;
}

std::string RenderJsonReport(const Report& report, const Snippet& title,
                             const std::vector<HighlightRange>& body_highlights) {
  Json json;
  json["type"] = "report";
  AddReportFields(report, title, &json);
  Snippet body;
  body.fragment = report.body;
  body.highlights = body_highlights;
  const Snippet valid_body = ValidUtf8(body);
  json["text"] = valid_body.fragment;
  json["highlights"] = HighlightsJson(valid_body.fragment, valid_body.highlights);
  return json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace sousuo
