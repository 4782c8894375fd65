#include "common/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/index_reader.h"
#include "common/index_writer.h"
#include "common/query_builder.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// Three reports on boundary layers among 27 on commodity markets, whose
// shared words ("the", "market", "from" ...) occur in far more than a tenth
// of the reports and so can never be feedback terms.
class FeedbackIndex {
 public:
  FeedbackIndex() : path_(dir_.path() + "/index") {
    IndexWriter writer(path_);
    Put(&writer, "plate1", "Heat transfer from a heated plate",
        "The boundary layer over a heated plate was measured; transition came early.");
    Put(&writer, "plate2", "Laminar boundary layer",
        "Laminar boundary layer on a flat plate with suction; transition was delayed.");
    Put(&writer, "tunnel", "Transition in wind tunnels",
        "Laminar transition with suction was measured in a wind tunnel.");
    static const char* const kGoods[] = {
        "cocoa", "coffee", "sugar",  "wheat", "cotton", "rubber", "copper", "tin",  "zinc",
        "gold",  "silver", "nickel", "lead",  "rice",   "tea",    "wool",   "corn", "oats",
        "barley", "soy",   "palm",   "cattle", "hogs",  "lumber", "steel",  "iron", "jute"};
    for (const char* good : kGoods) {
      Put(&writer, good, std::string(good) + " market",
          std::string("The ") + good + " market was quiet on a day with little news from the " +
              good + " trade.");
    }
    writer.Commit();
  }
  const std::string& path() const { return path_; }

 private:
  static void Put(IndexWriter* writer, const std::string& id, const std::string& title,
                  const std::string& body) {
    Report report;
    report.id = id, report.title = title, report.body = body, report.lang = "en";
    writer->Put(report);
  }

  test::TempDir dir_;
  std::string path_;
};

// The terms `expanded` holds beyond those of `query`, sorted.
std::string AddedTerms(const Xapian::Query& query, const Xapian::Query& expanded) {
  const std::set<std::string> before(query.get_unique_terms_begin(),
                                     query.get_unique_terms_end());
  std::string out;
  for (auto it = expanded.get_unique_terms_begin(); it != expanded.get_unique_terms_end(); ++it) {
    if (before.count(*it) == 0)
      out += (out.empty() ? "" : " ") + *it;
  }
  return out;
}

// The ids of the hits, in order.
std::string Ids(const SearchOutcome& outcome) {
  std::string ids;
  for (const Hit& hit : outcome.hits) ids += (ids.empty() ? "" : " ") + hit.report.id;
  return ids;
}

TEST_CASE("FeedbackTerms: RM3 weighs the rare stems of the top reports", "[searcher]") {
  FeedbackIndex index;
  IndexReader reader(index.path());
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  const BuiltQuery built = builder.Build("what is the boundary layer over heated plates");
  RankSpec top;
  const Xapian::Query feedback =
      FeedbackTerms(reader.database(), EnglishWords(built.query), reader.Rank(built.partial, top).items);
  // The 10 heaviest stems of plate1 and plate2 that occur in at most 3 of
  // the 30 reports (not "was", "the", "a" or "from") are heat, plate,
  // boundari and layer, which the query has, and these six.
  REQUIRE(AddedTerms(built.partial, WithFeedback(built.partial, feedback)) ==
          "Zdelay Zflat Zlaminar Zsuction Ztransfer Ztransit");
  // Feedback only weighs: the same matches.
  REQUIRE(WithFeedback(built.partial, feedback).get_description().rfind("Query((", 0) == 0);
  REQUIRE(WithFeedback(built.partial, feedback).get_description().find(") AND_MAYBE (") !=
          std::string::npos);
  // A Chinese query, or one whose reports yield nothing, gets none.
  REQUIRE(EnglishWords(builder.Build("边界层 加热").query) == 0);
  REQUIRE(FeedbackTerms(reader.database(), 2, {}).empty());
  REQUIRE(WithFeedback(built.partial, Xapian::Query()).get_description() ==
          built.partial.get_description());
}

TEST_CASE("RunSearch: feedback reorders matches but never adds one", "[searcher]") {
  FeedbackIndex index;
  IndexReader reader(index.path());
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  const SearchOutcome outcome =
      RunSearch(&reader, builder.Build("what is the boundary layer over heated plates"),
                SearchRequest());
  REQUIRE(outcome.full == 0);  // no report has "what"
  REQUIRE(outcome.full_exact);
  REQUIRE(outcome.partial);
  // "tunnel" shares laminar, suction and transition with the plates, but
  // holds none of the words: it is not listed.
  REQUIRE(Ids(outcome) == "plate1 plate2");
  for (const Hit& hit : outcome.hits) REQUIRE(hit.partial);
  REQUIRE(outcome.hits[0].missing == std::vector<std::string>{"what"});
}

// Weight of report `id` for `query` alone, or 0.
double WeightOf(IndexReader* reader, const Xapian::Query& query, const std::string& id) {
  for (const Hit& hit : reader->Search(query, 0, 100).hits) {
    if (hit.report.id == id)
      return hit.score;
  }
  return 0;
}

// Writes Chinese reports (id, body; the id is also the title) to a new
// index at `path`.
void WriteZhIndex(const std::string& path,
                  const std::vector<std::pair<std::string, std::string>>& reports) {
  IndexWriter writer(path);
  for (const auto& [id, body] : reports) {
    Report report;
    report.id = id, report.title = id, report.body = body, report.lang = "zh";
    writer.Put(report);
  }
  writer.Commit();
}

TEST_CASE("RunSearch: adjacent Chinese words rank partial matches again", "[searcher][zh]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/index";
  // The same words once each, apart or together; neither has 进口.
  std::vector<std::pair<std::string, std::string>> reports = {
      {"apart", "经济发展平稳，居民收入增长。"}, {"together", "今年经济增长强劲，前景看好。"}};
  for (const char* other : {"济南市召开会议", "文化活动丰富", "会议在北京召开", "天气晴朗"}) {
    reports.emplace_back(other, other);
  }
  WriteZhIndex(path, reports);
  IndexReader reader(path);
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  const BuiltQuery built = builder.Build("经济 增长 进口");
  REQUIRE(built.proximity.size() == 4);
  std::string plain;
  for (const Hit& hit : reader.Search(built.partial, 0, 10).hits) plain += hit.report.id + " ";
  REQUIRE(plain == "apart together ");  // equal weights, in docid order
  const SearchOutcome outcome = RunSearch(&reader, built, SearchRequest());
  REQUIRE(outcome.full == 0);
  REQUIRE(Ids(outcome) == "together apart");
  // Each report's weight is its weight for the partial query plus those of
  // the features it matches, each on its own.
  for (const Hit& hit : outcome.hits) {
    CAPTURE(hit.report.id);
    REQUIRE(hit.partial);
    REQUIRE(hit.missing == std::vector<std::string>{"进口"});
    double sum = WeightOf(&reader, built.partial, hit.report.id);
    for (const Xapian::Query& feature : built.proximity) {
      sum += WeightOf(&reader, feature, hit.report.id);
    }
    REQUIRE(hit.score == Approx(sum));
  }
  // Full matches are ranked by BM25 alone: equal weights, docid order.
  REQUIRE(Ids(RunSearch(&reader, builder.Build("经济 增长"), SearchRequest())) ==
          "apart together");
}

// However the query of a Han word is written for Xapian's speed, it must
// match and weigh exactly as the form the ranking was measured with:
// OR(word, 1/n * (PHRASE(characters) AND_NOT word)).
TEST_CASE("QueryBuilder: a Han word's query weighs as its plain form", "[searcher][zh]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/index";
  WriteZhIndex(path, {{"word", "济南的经济增长很快。"},      // 济南 as a word
                      {"inside", "济南市经济增长很快。"},    // 济南 inside 济南市
                      {"apart", "救济物资运往南方。"},        // 济 and 南, not together
                      {"both", "济南市和济南的经济。"},      // the word and the characters
                      {"neither", "天气晴朗，会议在北京召开。"}});
  IndexReader reader(path);
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  using Q = Xapian::Query;
  const Q word("济南");
  const Q chars[] = {Q("XC济"), Q("XC南")};
  const Q plain(Q::OP_OR, word,
                Q(Q::OP_SCALE_WEIGHT,
                  Q(Q::OP_AND_NOT, Q(Q::OP_PHRASE, std::begin(chars), std::end(chars)), word),
                  0.5));
  const BuiltQuery built = builder.Build("济南");
  std::string ids;
  for (const Hit& hit : reader.Search(built.query, 0, 10).hits) {
    CAPTURE(hit.report.id);
    REQUIRE(hit.score == Approx(WeightOf(&reader, plain, hit.report.id)));
    REQUIRE(hit.score > 0);
    ids += hit.report.id + " ";
  }
  std::string plain_ids;
  for (const Hit& hit : reader.Search(plain, 0, 10).hits) plain_ids += hit.report.id + " ";
  REQUIRE(ids == plain_ids);
  // Reports with the word first, then the one with its characters only.
  REQUIRE(ids == "both word inside ");
}

TEST_CASE("RunSearch: counts exact up to 10,000, then at least and about", "[searcher]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/index";
  // 16,000 reports: grain in 80 % of them, crop in 80 %, both in 70 %
  // (11,200), so Xapian cannot tell the count from the terms' frequencies.
  {
    IndexWriter writer(path);
    for (int i = 0; i < 16000; ++i) {
      Report report;
      report.id = "r" + std::to_string(i);
      const int tenth = i % 10;
      report.body = std::string(tenth == 0 || tenth == 1 ? "" : "grain ") +
                    (tenth == 1 || tenth == 2 ? "" : "crop ") + (i % 2 == 0 ? "wheat" : "rice");
      writer.Put(report);
    }
    writer.Commit();
  }
  IndexReader reader(path);
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  const SearchOutcome wheat = RunSearch(&reader, builder.Build("grain wheat"), SearchRequest());
  REQUIRE(wheat.full == 6400);
  REQUIRE(wheat.full_exact);
  const SearchOutcome both = RunSearch(&reader, builder.Build("grain crop"), SearchRequest());
  REQUIRE_FALSE(both.full_exact);
  REQUIRE(both.full_lower_bound >= kExactCountLimit);
  REQUIRE(both.full >= 11200 / 2);
  REQUIRE(both.full <= 11200 * 2);
  REQUIRE(both.hits.size() == 10);
  // Asked to, it counts them all.
  SearchRequest count;
  count.count_all = true;
  count.limit = 0;
  const SearchOutcome all = RunSearch(&reader, builder.Build("grain crop"), count);
  REQUIRE(all.full_exact);
  REQUIRE(all.full == 11200);
  REQUIRE(all.partial_count == 16000 - 11200 - 1600);  // not the 1,600 with neither
  // A page past 10,000 full matches: they are counted first, then the
  // partial ones follow at the right rank.
  SearchRequest deep;
  deep.offset = 11195;
  const SearchOutcome past = RunSearch(&reader, builder.Build("grain crop"), deep);
  REQUIRE(past.full_exact);
  REQUIRE(past.full == 11200);
  REQUIRE(past.hits.size() == 10);
  REQUIRE(past.hits[0].rank == 11196);
  REQUIRE_FALSE(past.hits[4].partial);
  REQUIRE(past.hits[5].partial);
}

}  // namespace
}  // namespace sousuo
