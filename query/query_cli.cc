#include "query/query_cli.h"

#include <cstdlib>
#include <exception>
#include <optional>
#include <sstream>
#include <vector>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/render.h"
#include "common/index_path.h"
#include "common/query_builder.h"
#include "common/report_path.h"
#include "common/searcher.h"
#include "common/snippet.h"
#include "common/stored_body.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

// "12345" -> "12,345".
std::string WithThousands(unsigned long long n) {
  std::string digits = std::to_string(n);
  for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

// The header's parts joined by "; ", wrapped at spaces to `width` columns.
std::string Wrapped(const std::vector<std::string>& parts, size_t width) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  std::string out, line;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    const std::string next = line.empty() ? word : line + " " + word;
    if (!line.empty() && DisplayWidth(next) > width) {
      out += line + "\n";
      line = word;
    } else {
      line = next;
    }
  }
  return out + line + "\n";
}

}  // namespace

std::string Header(const SearchOutcome& outcome, const QueryOptions& options) {
  const std::string n = WithThousands(outcome.full);
  std::string count;
  if (!outcome.full_exact) {
    count = "At least " + WithThousands(outcome.full_lower_bound) + " " +
            (outcome.partial ? "reports" : "matches") + " (about " + n + ")";
  } else if (outcome.partial) {
    count = outcome.full == 0 ? "No report" : n + (outcome.full == 1 ? " report" : " reports");
  } else {
    count = n + (outcome.full == 1 ? " match" : " matches");
  }
  std::vector<std::string> parts;
  if (outcome.partial) {
    const bool one = outcome.full_exact && outcome.full <= 1;
    parts.push_back(count + (one ? " holds" : " hold") + " every word");
    parts.push_back(outcome.full == 0 ? "these hold some of them" : "more hold some of them");
  } else {
    parts.push_back(count);
  }
  if (!outcome.hits.empty()) {
    parts.push_back("showing " + std::to_string(options.offset + 1) + "-" +
                    std::to_string(options.offset + outcome.hits.size()));
  }
  return Wrapped(parts, options.width);
}

namespace {

SearchRequest RequestOf(const QueryOptions& options) {
  SearchRequest request;
  request.offset = options.offset;
  request.limit = options.limit;
  request.strict = options.strict;
  request.sort = options.sort;
  request.count_all = options.count;
  return request;
}

// Snippets for one hit, cut to the room the text form leaves them (its
// indent, the ellipses and the "[ ]" around the matches a window is chosen
// for); render.cc cuts what other matches' markers add beyond it.
SnippetOptions SnippetOptionsFor(const QueryOptions& options) {
  SnippetOptions snippet_options;
  const size_t indent = std::to_string(options.offset + options.limit).size() + 2;
  const size_t room = options.width > indent + 2 ? options.width - indent - 2 : 1;
  snippet_options.fragment_columns = options.json ? options.width : std::max<size_t>(room, 10);
  snippet_options.max_fragments = options.snippets == 0 ? 1 : options.snippets;
  snippet_options.marker_columns = options.json || options.color ? 0 : 2;
  return snippet_options;
}

int Search(const QueryOptions& options, std::ostream& out) {
  Analyzer analyzer;
  const BuiltQuery built = QueryBuilder(&analyzer).Build(options.query);
  IndexReader reader(ResolveIndexPath(options.index));
  const SearchOutcome outcome = RunSearch(&reader, built, RequestOf(options));
  if (options.count) {
    out << outcome.full + outcome.partial_count << "\n";
    return outcome.any() ? kExitHits : kExitNoHits;
  }
  if (!options.json)
    out << Header(outcome, options) << "\n";
  SnippetGenerator snippets(&analyzer, built.highlights, SnippetOptionsFor(options));
  const TextStyle style{options.color, options.width, CurrentDirectory()};
  bool partial_shown = false;
  for (const Hit& hit : outcome.hits) {
    HitView view;
    view.rank = hit.rank;
    view.score = hit.score;
    view.report = &hit.report;
    view.title = snippets.HighlightAll(hit.report.title);
    if (options.snippets > 0)
      reader.Read([&](const Xapian::Database& db) {
        view.snippets = snippets.Generate(db, hit.docid, hit.report);
      });
    view.partial = hit.partial;
    view.missing = hit.missing;
    if (options.json) {
      out << RenderJsonHit(view) << "\n";
      continue;
    }
    if (hit.partial && !partial_shown)
      out << FitColumns("Partial matches (some of the words):", options.width) << "\n\n";
    partial_shown |= hit.partial;
    out << RenderTextHit(view, style) << "\n";
  }
  if (options.json) {
    SummaryView summary;
    summary.query = options.query;
    summary.understood = built.understood;
    summary.matches = outcome.full;
    summary.exact = outcome.full_exact;
    summary.partial = outcome.partial;
    summary.offset = options.offset;
    summary.limit = options.limit;
    summary.hits = outcome.hits.size();
    out << RenderJsonSummary(summary) << "\n";
  }
  out.flush();
  return outcome.any() ? kExitHits : kExitNoHits;
}

int Show(const QueryOptions& options, std::ostream& out, std::ostream& err) {
  Analyzer analyzer;
  BuiltQuery built;
  if (!options.query.empty())
    built = QueryBuilder(&analyzer).Build(options.query);
  IndexReader reader(ResolveIndexPath(options.index));
  const std::optional<ReportRef> found = FindReport(reader.database(), options.show);
  if (!found) {
    err << "sousuo-query: no report with id '" << TerminalSafe(options.show) << "'\n";
    return kExitNoHits;
  }
  Report report;
  reader.Read([&](const Xapian::Database& db) { report = ReadFullReport(db, found->docid); });
  // A folded duplicate has the text of the report it was folded into,
  // under its own id and path.
  report.id = found->id;
  report.path = found->path;
  SnippetGenerator highlighter(&analyzer, built.highlights);
  const Snippet title = highlighter.HighlightAll(report.title);
  const std::vector<HighlightRange> matches =
      built.highlights.empty() ? std::vector<HighlightRange>()
                               : highlighter.FindMatches(report.body);
  const TextStyle style{options.color, options.width, CurrentDirectory()};
  out << (options.json ? RenderJsonReport(report, title, matches) + "\n"
                       : RenderTextReport(report, title, matches, style));
  out.flush();
  return kExitHits;
}

}  // namespace

int RunQuery(const QueryOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return options.show.empty() ? Search(options, out) : Show(options, out, err);
  } catch (const Error& e) {
    err << "sousuo-query: " << e.what() << "\n";
  } catch (const Xapian::Error& e) {
    err << "sousuo-query: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    err << "sousuo-query: " << e.what() << "\n";
  }
  return kExitError;
}

}  // namespace sousuo
