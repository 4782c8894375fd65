// Issue 12, "Snippets in bounded time": the snippets of one hit cost the same
// whatever the size of its report. Timing is not asserted (the machine is
// shared); the bytes analysed, folded and inflated per hit are, through
// SnippetGenerator::counters(), with the exact snippets expected.
#include "common/snippet_locate.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/query_builder.h"
#include "common/snippet.h"
#include "common/stored_body.h"
#include "common/utf8.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

using test::Han;
using test::Phrase;
using test::Prefix;
using test::Show;
using test::Word;

// `lines` numbered lines of filler (the water is everywhere, no report is),
// with `inserts` put in after the line at each fraction of them.
std::string Body(size_t lines, const std::vector<std::pair<double, std::string>>& inserts) {
  std::string text;
  size_t next = 0;
  for (size_t i = 0; i < lines; ++i) {
    text += "Line " + std::to_string(i) + " says the water level held steady as traders waited.\n";
    if (next < inserts.size() && i + 1 >= inserts[next].first * lines) text += inserts[next++].second;
  }
  return text;
}

const std::vector<std::pair<double, std::string>> kEnglishInserts = {
    {0.05, "A quokka was seen near the river.\n"},
    {0.90, "Officials reported a platypus nearby.\n"},
    {0.97, "Then a water quokka swam away.\n"}};

// `chars` Chinese clauses of filler, with 鸭嘴兽 at 5 % and 95 % of them.
std::string ChineseBody(size_t clauses) {
  std::string text;
  for (size_t i = 0; i < clauses; ++i) {
    text += "全市经济运行总体平稳" + std::to_string(i) + "，各项工作扎实推进。\n";
    if (i == clauses / 20 || i == clauses * 19 / 20) text += "湿地里发现了鸭嘴兽。\n";
  }
  return text;
}

// An index of the hostile reports, built once: two English ones alike but
// for their size, a Chinese one, and a run of 济南 with no break. On disk:
// Xapian's in-memory backend takes minutes to add a document with 100,000
// positions of one term.
class HostileIndex {
 public:
  HostileIndex() : db_(dir_.path() + "/idx", Xapian::DB_CREATE) {
    for (const auto& [id, body] : std::vector<std::pair<std::string, std::string>>{
             {"small", Body(6000, kEnglishInserts)},
             {"large", Body(24000, kEnglishInserts)},
             {"zh", ChineseBody(8000)},
             {"run", Repeat("济南", 100000)}}) {
      Report report;
      report.id = id;
      report.title = "Report " + id;
      report.body = body;
      ids_.push_back(db_.add_document(BuildDocument(analyzer_, report)));
      bodies_.push_back(body);
    }
    db_.commit();
  }
  static std::string Repeat(const std::string& s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
  }

  Analyzer* analyzer() { return &analyzer_; }
  const Xapian::Database& db() const { return db_; }
  Xapian::docid id(size_t i) const { return ids_[i]; }
  const std::string& body(size_t i) const { return bodies_[i]; }
  Report Stored(size_t i) const { return ParseReport(db_.get_document(ids_[i]).get_data()); }

 private:
  test::TempDir dir_;
  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
  std::vector<Xapian::docid> ids_;
  std::vector<std::string> bodies_;
};

HostileIndex& Index() {
  static HostileIndex index;
  return index;
}

// The snippets of stored report `i` for `patterns`, and the work they took.
struct Outcome {
  std::string shown;
  SnippetCounters work;
};
Outcome SnippetsOf(size_t i, std::vector<MatchPattern> patterns, size_t fragments = 3) {
  HostileIndex& index = Index();
  SnippetGenerator generator(index.analyzer(), std::move(patterns), SnippetOptions{120, fragments});
  const Report report = index.Stored(i);
  REQUIRE_FALSE(report.body_layout.empty());
  const std::string shown = Show(generator.Generate(index.db(), index.id(i), report));
  return {shown, generator.counters()};
}

TEST_CASE("Snippets of stored reports: the index places matches anywhere",
          "[snippet_locate][snippet]") {
  struct Case {
    const char* what;
    std::vector<MatchPattern> patterns;
    const char* expect;
  };
  const std::vector<Case> cases = {
      {"nothing to anchor on (a purely negative query): the opening",
       {},
       "Line 0 says the water level held steady as traders waited. Line 1 says the water level "
       "held steady as traders waited.…"},
      {"two anchors far apart",
       {Word("quokka", "quokka")},
       "…A [quokka] was seen near the river. Line 300 says the water level held steady as "
       "traders waited.… | …Then a water [quokka] swam away. Line 5820 says the water level held "
       "steady as traders waited.…"},
      {"a stem only, near the end",
       {Word("reports", "report")},
       "…Officials [reported] a platypus nearby. Line 5400 says the water level held steady as "
       "traders waited.…"},
      {"a phrase whose first word is everywhere",
       {Phrase({"water", "quokka"})},
       "…Then a [water quokka] swam away. Line 5820 says the water level held steady as traders "
       "waited.…"},
      {"a prefix",
       {Prefix("platy")},
       "…Officials reported a [platypus] nearby. Line 5400 says the water level held steady as "
       "traders waited.…"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const Outcome small = SnippetsOf(0, c.patterns);
    CHECK(small.shown == c.expect);
    // What the whole text's analysis shows, for a report four times the size
    // too, at the same bounded cost.
    const Outcome large = SnippetsOf(1, c.patterns);
    for (const size_t i : {0, 1}) {
      SnippetGenerator whole(Index().analyzer(), c.patterns, SnippetOptions{120, 3, true});
      CHECK((i == 0 ? small : large).shown == Show(whole.Generate(Index().body(i))));
    }
    CHECK(large.work.analysed <= 3 * 3 * kBodyPieceBytes);
    CHECK(small.work.analysed <= 3 * 3 * kBodyPieceBytes);
    CHECK(large.work.folded == large.work.analysed);  // folded once
    CHECK(large.work.inflated <= 2 * 3 * kBodyChunkBytes);
  }
}

TEST_CASE("Snippets of stored reports: every occurrence found is shown in its place",
          "[snippet_locate][snippet]") {
  const Outcome both = SnippetsOf(0, {Word("quokka", "quokka"), Word("platypus", "platypus")});
  CHECK(both.shown ==
        "…A [quokka] was seen near the river. Line 300 says the water level held steady as "
        "traders waited.… | …Officials reported a [platypus] nearby. Line 5400 says the water "
        "level held steady as traders waited.… | …Then a water [quokka] swam away. Line 5820 says "
        "the water level held steady as traders waited.…");
  CHECK(both.work.analysed <= 3 * 3 * kBodyPieceBytes);
}

TEST_CASE("Snippets of stored reports: Chinese, far apart and everywhere",
          "[snippet_locate][snippet][zh]") {
  const Outcome far = SnippetsOf(2, {Han("鸭嘴兽")});
  CHECK(far.shown ==
        "…全市经济运行总体平稳400，各项工作扎实推进。湿地里发现了[鸭嘴兽]。全市经济运行总体平稳401，各项工作扎实推进。…"
        " | …全市经济运行总体平稳7600，各项工作扎实推进。湿地里发现了[鸭嘴兽]。全市经济运行总体平稳7601，各项工作扎实推进。…");
  CHECK(far.work.analysed <= 3 * 2 * kBodyPieceBytes);
  // A Han prefix needs Han words: located through its first character.
  const Outcome prefix = SnippetsOf(2, {Prefix("鸭嘴")}, 1);
  CHECK(prefix.shown ==
        "…全市经济运行总体平稳400，各项工作扎实推进。湿地里发现了[鸭嘴兽]。全市经济运行总体平稳401，各项工作扎实推进。…");
  // 济南 everywhere in 600 KB: the first piece has all the snippets need.
  const Outcome everywhere = SnippetsOf(3, {Han("济南")}, 1);
  CHECK(everywhere.shown == "[" + HostileIndex::Repeat("济南", 30) + "]…");
  CHECK(everywhere.work.analysed <= 2 * kBodyPieceBytes);
  CHECK(everywhere.work.inflated == 0);
}

TEST_CASE("Snippets of stored reports: where the pieces are", "[snippet_locate]") {
  HostileIndex& index = Index();
  const Report report = index.Stored(0);
  const BodyLayout layout = DecodeBodyLayout(report.body_layout);
  const std::vector<MatchPattern> patterns = {Word("quokka", "quokka")};
  const std::vector<snippet_locate::Hit> hits =
      snippet_locate::LocateHits(index.db(), index.id(0), *index.analyzer(), patterns, layout);
  REQUIRE(hits.size() == 2);
  // Each hit's piece holds the word, by the layout's offsets.
  for (const snippet_locate::Hit& hit : hits) {
    const size_t piece = snippet_locate::PieceOf(layout, hit.position);
    const size_t begin = layout.pieces[piece].begin;
    const size_t end = piece + 1 < layout.pieces.size() ? layout.pieces[piece + 1].begin
                                                        : index.body(0).size();
    CHECK(index.body(0).substr(begin, end - begin).find("quokka") != std::string::npos);
  }
  const std::vector<size_t> one = snippet_locate::PiecesForHits(hits, patterns, layout, 1);
  CHECK(one.size() <= 3);
  CHECK(snippet_locate::PiecesForHits(hits, patterns, layout, 3).size() <= 6);
}

// `text` with each whitespace run made one space and spaces between wide
// characters dropped, as fragments show text.
std::string Collapsed(std::string_view text) {
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    const size_t begin = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? std::string(" ") : std::string(text.substr(begin, pos - begin));
  }
  std::string tight;  // no space between two Han characters
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ' && i > 0 && i + 1 < out.size() && (out[i - 1] & 0x80) && (out[i + 1] & 0x80))
      continue;
    tight += out[i];
  }
  while (!tight.empty() && tight.back() == ' ') tight.pop_back();
  return tight;
}

// Every stored snippet shows the body's text at its source range, elided
// where the body goes on, with exactly what the whole text's analysis
// matches there highlighted: for many real queries on a long mixed report.
TEST_CASE("Snippets of stored reports: what they show is the whole text's", "[snippet_locate][snippet]") {
  static const char* const kWords[] = {"water", "reports", "prices", "interest", "rates", "济南",
                                       "教育", "会议", "发展", "经济", "quokka", "鸭嘴兽"};
  uint64_t state = 42;
  const auto below = [&state](size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % n);
  };
  std::string body;
  while (body.size() < (400u << 10)) {
    body += "Line " + std::to_string(body.size()) + ": ";
    for (size_t n = 3 + below(12); n > 0; --n) {
      body += kWords[below(10)];
      body += below(4) == 0 ? "，" : " ";
    }
    body += below(3) == 0 ? "。\n" : ". ";
    if (below(500) == 0) body += std::string(kWords[10 + below(2)]) + " was seen.\n";
  }
  Analyzer analyzer;
  test::TempDir dir;
  Xapian::WritableDatabase db(dir.path() + "/idx", Xapian::DB_CREATE);
  Report report;
  report.id = "mixed";
  report.body = body;
  const Xapian::docid docid = db.add_document(BuildDocument(analyzer, report));
  db.commit();
  const Report stored = ParseReport(db.get_document(docid).get_data());
  REQUIRE_FALSE(stored.body_layout.empty());
  const char* const kQueries[] = {
      "water", "reports", "\"interest rates\"", "济南 教育", "quokka", "鸭嘴兽", "rate*", "发*",
      "经济发展", "\"发展 经济\"", "water quokka", "济", "-water", "price", "Line"};
  size_t highlights = 0;
  for (const char* query : kQueries) {
    CAPTURE(query);
    const std::vector<MatchPattern> patterns = QueryBuilder(&analyzer).Build(query).highlights;
    SnippetGenerator generator(&analyzer, patterns);
    const std::vector<HighlightRange> all = generator.FindMatches(body);
    for (const Snippet& s : generator.Generate(db, docid, stored)) {
      CAPTURE(s.fragment);
      REQUIRE(s.source_end <= body.size());
      CHECK(Collapsed(body.substr(s.source_begin, s.source_end - s.source_begin)) == s.fragment);
      CHECK(s.elided_left == (s.source_begin > 0));
      CHECK(s.elided_right == (s.source_end < body.size()));
      std::string expected, got;
      for (const HighlightRange& r : all) {
        const size_t b = std::max<size_t>(r.begin, s.source_begin);
        const size_t e = std::min<size_t>(r.end, s.source_end);
        if (b < e) expected += Collapsed(body.substr(b, e - b));
      }
      for (const HighlightRange& h : s.highlights) {
        got += s.fragment.substr(h.begin, h.end - h.begin);
      }
      // Ranges apart only by spaces between Han characters are one
      // highlight in a fragment: compare what is highlighted.
      CHECK(got == expected);
      highlights += s.highlights.size();
    }
  }
  CHECK(highlights > 50);
}

TEST_CASE("Snippets in memory: a huge text costs what a small one does", "[snippet]") {
  Analyzer analyzer;
  const std::string huge = HostileIndex::Repeat("the water level held steady as traders waited ",
                                                450000);  // 20 MB, one line
  REQUIRE(huge.size() > 20000000);
  struct Case {
    const char* what;
    std::vector<MatchPattern> patterns;
    size_t max_analysed;
    size_t max_folded;
  };
  const std::vector<Case> cases = {
      {"no pattern: the opening only", {}, 4096, 4096},
      {"no anchor in the text: the opening after one fold of the scanned part",
       {Word("quokka", "quokka")}, 4096, SnippetGenerator::kScanBytes + 4096},
      {"anchors everywhere", {Word("water", "water")}, 8 * 1024, SnippetGenerator::kScanBytes + 8 * 1024},
      {"no safe anchor: the scanned part, folded once",
       {MatchPattern{{MatchSlot{{"Xodd"}, ""}}}}, SnippetGenerator::kScanBytes,
       SnippetGenerator::kScanBytes},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    SnippetGenerator generator(&analyzer, c.patterns);
    const std::vector<Snippet> snippets = generator.Generate(huge);
    REQUIRE(snippets.size() >= 1);
    CHECK(snippets[0].elided_right);
    CHECK(generator.counters().analysed <= c.max_analysed);
    CHECK(generator.counters().folded <= c.max_folded);
  }
}

TEST_CASE("Snippets: a huge title is highlighted at its start only", "[snippet]") {
  Analyzer analyzer;
  const std::string title = "Quokka " + HostileIndex::Repeat("seen by the river ", 250000);
  SnippetGenerator generator(&analyzer, {Word("quokka", "quokka"), Word("river", "river")});
  const Snippet s = generator.HighlightAll(title);
  CHECK(s.fragment.size() <= SnippetGenerator::kTitleBytes);
  CHECK(s.fragment.size() > SnippetGenerator::kTitleBytes / 2);
  CHECK(s.fragment.compare(0, 28, "Quokka seen by the river see") == 0);
  CHECK(s.highlights.size() > 100);
  CHECK(s.highlights[0] == HighlightRange{0, 6});
  CHECK(s.elided_right);
  CHECK_FALSE(s.elided_left);
  CHECK(generator.counters().analysed <= SnippetGenerator::kTitleBytes);
  // A title of the usual size is shown whole.
  CHECK(Show({generator.HighlightAll("Quokka by the river")}) == "[Quokka] by the [river]");
}

}  // namespace
}  // namespace sousuo
