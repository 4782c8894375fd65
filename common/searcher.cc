#include "common/searcher.h"

namespace sousuo {

RankedResult RunBuiltQuery(IndexReader* reader, const BuiltQuery& built,
                           unsigned offset, unsigned limit, unsigned relax_below) {
  if (relax_below == 0) relax_below = offset + limit;
  RankedResult ranked;
  ranked.result = reader->Search(built.query, offset, limit);
  ranked.strict_matches = ranked.result.matches_upper_bound;
  const bool can_relax =
      built.relaxed.get_description() != built.query.get_description();
  if (can_relax && ranked.strict_matches < relax_below) {
    ranked.result = reader->Search(built.relaxed, offset, limit);
    ranked.relaxed = true;
  }
  return ranked;
}

}  // namespace sousuo
