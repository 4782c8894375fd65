// Runs the built sousuo-index and sousuo-query on the bundled samples.
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/report_path.h"
#include "query/query_cli.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// An index of samples/ in a temporary directory, searched from samples/, so
// that file reports show as "zh/economic-growth.txt" wherever the checkout is.
class SampleIndex {
 public:
  SampleIndex() : index_(dir_.path() + "/index") {
    const test::RunResult r =
        test::Run({test::IndexBin(), "-q", "--index", index_, test::SamplesDir()});
    REQUIRE(r.exit_code == 0);
  }
  test::RunResult Query(std::vector<std::string> args,
                        const std::vector<std::string>& env = {}) const {
    args.insert(args.begin(), {test::QueryBin(), "--index", index_});
    return test::Run(args, env, "", test::SamplesDir());
  }
  const std::string& path() const { return index_; }
  const test::TempDir& dir() const { return dir_; }

 private:
  test::TempDir dir_;
  std::string index_;
};

// A file report's id: the canonical path of the sample.
std::string SampleId(const std::string& relative) {
  return FileReportId(test::SamplesDir() + "/" + relative);
}

// Scores change whenever ranking is tuned; the layout must not.
std::string MaskScores(const std::string& text) {
  return std::regex_replace(text, std::regex(R"(\(\d+\.\d{3}\))"), "(S)");
}

TEST_CASE("sousuo-query: plain output for a Chinese phrase", "[cli][query]") {
  SampleIndex index;
  const test::RunResult r = index.Query({"\"新旧动能转换\""});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  REQUIRE(MaskScores(r.out) ==
          "1 match; showing 1-1\n"
          "\n"
          "1. 2022年前三季度全市经济运行情况  (S)\n"
          "   zh/economic-growth.txt · zh\n"
          "   …集成电路、生物医药等行业增速均超过两位数。[新旧动能转换]成效持续显现，"
          "高新技术产业产值占规模以上工业总产值的比重…\n"
          "\n");
}

TEST_CASE("sousuo-query: a Simplified query finds Traditional reports", "[cli][query][zh]") {
  SampleIndex index;
  const test::RunResult r = index.Query({"濟南市", "教育", "--snippets", "0", "-n", "2"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(MaskScores(r.out) ==
          "2 reports hold every word; more hold some of them; showing 1-2\n"
          "\n"
          "1. [济南市]2021年[教育]工作会议召开  (S)\n"
          "   zh/jinan-education-conference.txt · zh\n"
          "\n"
          "2. [濟南市]召開職業[教育]工作會議  (S)\n"
          "   zh-hant/jinan-vocational-education.txt · zh\n"
          "\n");
}

TEST_CASE("sousuo-query: sub-words, stems and phrases find their reports", "[cli][query]") {
  struct Case {
    std::vector<std::string> query;
    std::string first_id;  // the top hit
  };
  const Case kCases[] = {
      {{"动能"}, SampleId("zh/economic-growth.txt")},             // inside 新旧动能转换
      {{"ＧＤＰ", "grew"}, SampleId("en/quarterly-gdp-review.txt")},  // full-width folds to ASCII
      {{"\"reports were\""}, SampleId("en/public-health.txt")},
      {{"title:\"bus network\""}, SampleId("md/bus-network-report.md")},
      {{"经济增长", "date:2023"}, "sample-003"},
      {{"source:济南日报"}, "sample-002"},
      {{"kindergarten*"}, SampleId("en/jinan-education-conference.txt")},
  };
  SampleIndex index;
  for (const Case& c : kCases) {
    std::vector<std::string> args = c.query;
    args.insert(args.end(), {"--json", "-n", "1"});
    const test::RunResult r = index.Query(args);
    CAPTURE(c.query, r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(nlohmann::json::parse(r.out.substr(0, r.out.find('\n')))["id"] == c.first_id);
  }
}

TEST_CASE("sousuo-query: JSON lines with offsets in bytes and characters", "[cli][query]") {
  SampleIndex index;
  const test::RunResult r = index.Query({"济南", "--json", "-n", "2"});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json hit = nlohmann::json::parse(line);
    if (hit["type"] == "summary") {
      REQUIRE(hit["matches"] == 5);
      REQUIRE(hit["exact"] == true);
      REQUIRE(hit["hits"] == 2);
      continue;
    }
    REQUIRE(hit["rank"] == ++n);
    REQUIRE(hit["partial"] == false);
    const std::string text = hit["snippets"][0]["text"];
    const nlohmann::json h = hit["snippets"][0]["highlights"][0];
    const size_t begin = h["begin"], end = h["end"];
    REQUIRE(text.substr(begin, end - begin) == "济南");
    REQUIRE(h["char_end"].get<int>() - h["char_begin"].get<int>() == 2);
  }
  REQUIRE(n == 2);
}

TEST_CASE("sousuo-query: colour on request, never in a pipe by default", "[cli][query]") {
  SampleIndex index;
  const std::string esc = "\x1b[";
  REQUIRE(index.Query({"Jinan"}).out.find(esc) == std::string::npos);
  REQUIRE(index.Query({"Jinan", "--color=always"}).out.find(esc) != std::string::npos);
  REQUIRE(index.Query({"Jinan", "--color=always"}, {"NO_COLOR=1"}).out.find(esc) !=
          std::string::npos);
  REQUIRE(index.Query({"Jinan", "--color=never"}).out.find(esc) == std::string::npos);
}

TEST_CASE("sousuo-query: a question ranks the reports with some of its words", "[cli][query]") {
  SampleIndex index;
  const test::RunResult r =
      index.Query({"which", "district", "upgraded", "its", "water", "supply", "pipelines",
                   "--snippets", "0", "-n", "1"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(MaskScores(r.out) ==
          "No report holds every word; these hold some of them; showing 1-1\n"
          "\n"
          "Partial matches (some of the words):\n"
          "\n"
          "1. Qingshui [District] Completes Second Phase of [Water] [Supply] [Upgrade]  (S)\n"
          "   en/water-supply-upgrade.txt · en · missing: pipelines\n"
          "\n");
}

TEST_CASE("sousuo-query: full matches come first, then partial ones", "[cli][query]") {
  SampleIndex index;
  const test::RunResult r = index.Query({"濟南市", "教育", "--snippets", "0"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.rfind("2 reports hold every word; more hold some of them; showing 1-6\n", 0) == 0);
  REQUIRE(r.out.find("\n1. [济南市]2021年[教育]工作会议召开") != std::string::npos);
  REQUIRE(r.out.find("\n2. [濟南市]召開職業[教育]工作會議") != std::string::npos);
  REQUIRE(r.out.find("\n\nPartial matches (some of the words):\n\n3. ") != std::string::npos);
  REQUIRE(r.out.find("sample-002 · 2022-03-12 · 济南日报 · zh · missing: 教育\n") !=
          std::string::npos);
}

TEST_CASE("sousuo-query: negation arguments are part of the query", "[cli][query]") {
  SampleIndex index;
  const test::RunResult all = index.Query({"Jinan", "--json"});
  const test::RunResult without = index.Query({"Jinan", "-elderly", "--json"});
  REQUIRE(all.exit_code == 0);
  REQUIRE(without.exit_code == 0);
  REQUIRE(all.out.find("sample-001") != std::string::npos);
  REQUIRE(without.out.find("sample-001") == std::string::npos);
}

TEST_CASE("sousuo-query: limit and offset", "[cli][query]") {
  SampleIndex index;
  const test::RunResult r = index.Query({"济南", "-n", "2", "--offset", "1", "--snippets", "0"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.find("; showing 2-3\n") != std::string::npos);
  REQUIRE(r.out.find("\n2. ") != std::string::npos);
  REQUIRE(r.out.find("\n4. ") == std::string::npos);
}

TEST_CASE("sousuo-query: exit codes and error lines", "[cli][query]") {
  SampleIndex index;
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string err;
  };
  const std::string missing = index.dir().path() + "/missing";
  const Case kCases[] = {
      {{"zzyzx"}, 1, ""},
      {{"(unbalanced"}, 2, "sousuo-query: query: unbalanced '(' at column 1\n"},
      {{"\"open"}, 2, "sousuo-query: query: unterminated phrase starting at column 1\n"},
      {{"a", "OR"}, 2, "sousuo-query: query: OR at column 3 needs a query on both sides\n"},
      {{"lang:fr"}, 2,
       "sousuo-query: query: unknown language 'fr' at column 6 (use en, zh, mixed or und)\n"},
      {{"\xff"}, 2, "sousuo-query: query: invalid UTF-8 at byte 1\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.args);
    const test::RunResult r = index.Query(c.args);
    REQUIRE(r.exit_code == c.exit_code);
    REQUIRE(r.err == c.err);
  }
  const test::RunResult no_index = test::Run({test::QueryBin(), "--index", missing, "x"});
  REQUIRE(no_index.exit_code == 2);
  REQUIRE(no_index.err ==
          "sousuo-query: index '" + missing + "' does not exist (build it with sousuo-index)\n");
  REQUIRE(test::Run({test::QueryBin()}).exit_code == 2);
  REQUIRE(test::Run({test::QueryBin(), "x", "--limit", "many"}).exit_code == 2);
}

TEST_CASE("sousuo-query: both programs agree on the default index", "[cli][query]") {
  test::TempDir dir;
  const std::vector<std::string> xdg = {"XDG_DATA_HOME=" + dir.path() + "/data",
                                        "HOME=" + dir.path()};
  REQUIRE(test::Run({test::IndexBin(), "-q", test::SamplesDir() + "/en"}, xdg).exit_code == 0);
  REQUIRE(test::Run({test::QueryBin(), "Jinan"}, xdg).exit_code == 0);
  const std::vector<std::string> env = {"SOUSUO_INDEX=" + dir.path() + "/env-index",
                                        "HOME=" + dir.path()};
  REQUIRE(test::Run({test::IndexBin(), "-q", test::SamplesDir() + "/zh"}, env).exit_code == 0);
  REQUIRE(test::Run({test::QueryBin(), "济南"}, env).exit_code == 0);
  REQUIRE(test::Run({test::QueryBin(), "Jinan"}, env).exit_code == 1);
}

TEST_CASE("sousuo-query: the seed report", "[cli][query]") {
  const std::string seed = test::SharedCorpusDir() + "/seed";
  test::TempDir dir;
  const std::string index = dir.path() + "/index";
  const test::RunResult indexed = test::Run({test::IndexBin(), "--index", index, seed});
  if (indexed.exit_code != 0 && indexed.err.find("cannot read") != std::string::npos) {
    WARN("skipped: " << seed << " is not present");
    return;
  }
  REQUIRE(indexed.exit_code == 0);
  const test::RunResult r =
      test::Run({test::QueryBin(), "--index", index, "\"kinetic energy conversion\"",
                 "--snippets", "1", "--width", "80"});
  REQUIRE(r.exit_code == 0);
  // The metadata line is cut at the width wherever the corpus lies.
  std::istringstream lines(MaskScores(r.out));
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  REQUIRE(got.size() == 6);
  REQUIRE(got[0] == "1 match; showing 1-1");
  REQUIRE(got[2] == "1. jinan-education-conference  (S)");
  REQUIRE(got[3].size() > 9);
  REQUIRE(got[3].compare(got[3].size() - 9, 9, "txt · en") == 0);
  REQUIRE(got[4] ==
          "   …area of Jinan’s new and old [kinetic energy conversion]. Liu Qiang,…");
}

TEST_CASE("Header: how many match, exactly or at least, and which are shown", "[query_cli]") {
  struct Case {
    Xapian::doccount full;
    bool exact;
    Xapian::doccount lower;
    bool partial;
    size_t hits;
    unsigned offset;
    unsigned width;
    const char* expect;
  };
  static const Case kCases[] = {
      {12, true, 12, false, 10, 0, 120, "12 matches; showing 1-10\n"},
      {1, true, 1, false, 1, 0, 120, "1 match; showing 1-1\n"},
      {0, true, 0, false, 0, 0, 120, "0 matches\n"},
      {5, true, 5, false, 0, 30, 120, "5 matches\n"},
      {15300, false, 10000, false, 10, 20, 120,
       "At least 10,000 matches (about 15,300); showing 21-30\n"},
      {12, true, 12, true, 10, 0, 120,
       "12 reports hold every word; more hold some of them; showing 1-10\n"},
      {1, true, 1, true, 4, 0, 120,
       "1 report holds every word; more hold some of them; showing 1-4\n"},
      {0, true, 0, true, 3, 0, 120,
       "No report holds every word; these hold some of them; showing 1-3\n"},
      {15300, false, 10000, true, 10, 0, 120,
       "At least 10,000 reports (about 15,300) hold every word; more hold some of them; "
       "showing 1-10\n"},
      {1250, true, 1250, true, 10, 0, 30,
       "1,250 reports hold every word;\nmore hold some of them;\nshowing 1-10\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.expect);
    SearchOutcome outcome;
    outcome.full = c.full;
    outcome.full_exact = c.exact;
    outcome.full_lower_bound = c.lower;
    outcome.partial = c.partial;
    outcome.hits.resize(c.hits);
    QueryOptions options;
    options.offset = c.offset;
    options.width = c.width;
    REQUIRE(Header(outcome, options) == c.expect);
  }
}

}  // namespace
}  // namespace sousuo
