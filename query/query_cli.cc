#include "query/query_cli.h"

#include <exception>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/format.h"
#include "common/index_path.h"
#include "common/index_reader.h"
#include "common/query_builder.h"
#include "common/snippet.h"

namespace sousuo {

namespace {

// The text-mode header: how many reports match and which are shown.
void PrintHeader(const SearchResult& result, const QueryOptions& options,
                 bool relaxed, std::ostream& out) {
  if (relaxed) {
    out << "No report contains every word; showing the reports that match the most.\n";
  }
  const size_t first = options.offset + 1;
  const size_t last = options.offset + result.hits.size();
  out << (result.matches_lower_bound == result.matches_upper_bound ? "" : "About ")
      << result.matches_estimated
      << (result.matches_estimated == 1 ? " match" : " matches");
  if (!result.hits.empty()) out << "; showing " << first << "-" << last;
  out << "\n\n";
}

int Search(const QueryOptions& options, std::ostream& out) {
  Analyzer analyzer;
  const BuiltQuery built = QueryBuilder(&analyzer).Build(options.query);
  IndexReader reader(ResolveIndexPath(options.index));
  SearchResult result = reader.Search(built.query, options.offset, options.limit);
  bool relaxed = false;
  // People type questions and long phrases of words; when no report holds
  // them all, rank the reports that hold the most of them instead.
  if (result.matches_upper_bound == 0 && options.offset == 0 &&
      built.relaxed.get_description() != built.query.get_description()) {
    result = reader.Search(built.relaxed, options.offset, options.limit);
    relaxed = true;
  }
  if (!options.json) PrintHeader(result, options, relaxed, out);
  SnippetOptions snippet_options;
  snippet_options.fragment_columns = options.width;
  snippet_options.max_fragments = options.snippets == 0 ? 1 : options.snippets;
  SnippetGenerator snippets(&analyzer, built.highlights, snippet_options);
  for (const Hit& hit : result.hits) {
    HitView view;
    view.rank = hit.rank;
    view.score = hit.score;
    view.report = &hit.report;
    view.title = snippets.HighlightAll(hit.report.title);
    if (options.snippets > 0) view.snippets = snippets.Generate(hit.report.body);
    view.matches_estimated = result.matches_estimated;
    view.relaxed = relaxed;
    out << (options.json ? RenderJsonHit(view) + "\n" : RenderTextHit(view, options.color) + "\n");
  }
  out.flush();
  return result.hits.empty() ? kExitNoHits : kExitHits;
}

}  // namespace

int RunQuery(const QueryOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return Search(options, out);
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
