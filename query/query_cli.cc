#include "query/query_cli.h"

#include <exception>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/format.h"
#include "common/index_path.h"
#include "common/index_reader.h"
#include "common/query_builder.h"
#include "common/searcher.h"
#include "common/snippet.h"

namespace sousuo {

namespace {

// The text-mode header: how many reports match and which are shown.
void PrintHeader(const RankedResult& ranked, const QueryOptions& options,
                 std::ostream& out) {
  const SearchResult& result = ranked.result;
  if (ranked.relaxed) {
    const Xapian::doccount n = ranked.strict_matches;
    out << (n == 0   ? std::string("No report contains")
            : n == 1 ? std::string("Only 1 report contains")
                     : "Only " + std::to_string(n) + " reports contain")
        << " every word; ranking the reports that match the most words.\n";
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
  const RankedResult ranked =
      RunBuiltQuery(&reader, built, options.offset, options.limit);
  const SearchResult& result = ranked.result;
  const bool relaxed = ranked.relaxed;
  if (!options.json) PrintHeader(ranked, options, out);
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
