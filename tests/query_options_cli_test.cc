// sousuo-query's options as a user types them, on the bundled samples:
// mistakes are errors, never query words; --show, --sort and the width of
// text output (issue 12).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

class Samples {
 public:
  Samples() : index_(dir_.path() + "/index") {
    REQUIRE(test::Run({test::IndexBin(), "-q", "--index", index_, test::SamplesDir()}).exit_code ==
            0);
  }
  test::RunResult Query(std::vector<std::string> args,
                        const std::vector<std::string>& env = {}) const {
    args.insert(args.begin(), {test::QueryBin(), "--index", index_});
    return test::Run(args, env);
  }

 private:
  test::TempDir dir_;
  std::string index_;
};

TEST_CASE("sousuo-query: a mistyped option or field is an error", "[cli][query]") {
  Samples samples;
  struct Case {
    std::vector<std::string> args;
    const char* err;
  };
  const Case kCases[] = {
      {{"-l", "3", "Jinan"}, "sousuo-query: unknown option '-l' (did you mean --limit?)\n"},
      {{"Jinan", "-v", "x"}, "sousuo-query: unknown option '-v' (did you mean --version?)\n"},
      {{"--lmit", "3", "Jinan"}, "sousuo-query: unknown option '--lmit' (did you mean --limit?)\n"},
      {{"titel:济南"},
       "sousuo-query: query: unknown field 'titel:' at column 1 (use title:, lang:, source: or "
       "date:, or quote the word)\n"},
      {{"--sort", "size", "x"},
       "sousuo-query: --sort: size not in {relevance,date,-date} (see --help)\n"},
      {{"--count", "--json", "x"},
       "sousuo-query: --count cannot be combined with --json or --show\n"},
      {{}, "sousuo-query: no QUERY given (see --help)\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.args);
    const test::RunResult r = samples.Query(c.args);
    REQUIRE(r.exit_code == 2);
    REQUIRE(r.out.empty());
    REQUIRE(r.err == c.err);
  }
  // A dash before a word is NOT; after "--" even "-l" is a query word.
  REQUIRE(samples.Query({"Jinan", "-quince", "--count"}).out == "2\n");
  REQUIRE(samples.Query({"Jinan", "-elderly", "--count"}).out == "1\n");
  REQUIRE(samples.Query({"--count", "--", "Jinan", "-l"}).out == "2\n");
  // A known field with a full-width colon works like ':'.
  REQUIRE(samples.Query({"--count", "title：济南"}).out ==
          samples.Query({"--count", "title:济南"}).out);
  REQUIRE(samples.Query({"--count", "title:济南"}).out == "3\n");
  // The colon in a Chinese question or a time stays text.
  REQUIRE(samples.Query({"--count", "济南：教育"}).exit_code == 0);
  REQUIRE(samples.Query({"--count", "10:30"}).exit_code == 0);
}

TEST_CASE("sousuo-query: --show prints a report in full", "[cli][query]") {
  Samples samples;
  const test::RunResult r = samples.Query({"--show", "sample-002", "植树"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out ==
          "济南市启动春季义务[植树]活动\n"
          "sample-002 · 2022-03-12 · 济南日报 · zh\n"
          "category: 环境\n"
          "\n"
          "3月12日，济南市2022年春季义务[植树]活动在城南山区启动。来自机关、企业、学校和社区的"
          "一千二百余名志愿者参加了当天的活动，共栽植侧柏、黄栌、元宝枫等苗木六千余株。\n"
          "据介绍，今年济南市计划完成造林绿化面积两万亩，重点在荒山、河道两岸和城市周边区域开展补植"
          "补造，并同步推进森林防火通道建设。\n"
          "林业部门提醒，市民可通过线上平台预约参加义务[植树]、认养树木等活动，以多种方式履行[植树]"
          "义务。\n");
  const test::RunResult json = samples.Query({"--show", "sample-002", "--json"});
  REQUIRE(json.exit_code == 0);
  const nlohmann::json report = nlohmann::json::parse(json.out);
  REQUIRE(report["type"] == "report");
  REQUIRE(report["id"] == "sample-002");
  REQUIRE(report["text"].get<std::string>().rfind("3月12日，", 0) == 0);
  REQUIRE(report["highlights"].empty());
  const test::RunResult missing = samples.Query({"--show", "no-such-report"});
  REQUIRE(missing.exit_code == 1);
  REQUIRE(missing.err == "sousuo-query: no report with id 'no-such-report'\n");
}

// The ids of a --json run, in order.
std::vector<std::string> Ids(const test::RunResult& r) {
  std::vector<std::string> ids;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json object = nlohmann::json::parse(line);
    if (object["type"] == "hit")
      ids.push_back(object["id"]);
  }
  return ids;
}

TEST_CASE("sousuo-query: --sort date and -date, undated reports last", "[cli][query]") {
  Samples samples;
  const std::vector<std::string> oldest = Ids(samples.Query({"--sort", "date", "济南", "--json"}));
  REQUIRE(oldest.size() == 5);
  REQUIRE(oldest[0] == "sample-002");  // the only dated one
  const std::vector<std::string> all =
      Ids(samples.Query({"--sort", "date", "-zzzz", "-n", "100", "--json"}));
  REQUIRE(std::vector<std::string>(all.begin(), all.begin() + 6) ==
          std::vector<std::string>{"sample-006", "sample-005", "sample-004", "sample-001",
                                   "sample-002", "sample-003"});
  const std::vector<std::string> newest =
      Ids(samples.Query({"--sort", "-date", "-zzzz", "-n", "100", "--json"}));
  REQUIRE(std::vector<std::string>(newest.begin(), newest.begin() + 6) ==
          std::vector<std::string>{"sample-003", "sample-002", "sample-001", "sample-004",
                                   "sample-005", "sample-006"});
  REQUIRE(newest.size() == all.size());
}

TEST_CASE("sousuo-query: text lines fit the width", "[cli][query]") {
  Samples samples;
  for (const unsigned width : {20u, 40u, 72u}) {
    for (const bool env : {false, true}) {
      CAPTURE(width, env);
      std::vector<std::string> args = {"济南", "教育", "Jinan"};
      if (!env)
        args.insert(args.end(), {"--width", std::to_string(width)});
      const test::RunResult r =
          samples.Query(args, {env ? "COLUMNS=" + std::to_string(width) : "COLUMNS=500"});
      REQUIRE(r.exit_code == 0);
      std::istringstream lines(r.out);
      for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        REQUIRE(DisplayWidth(line) <= width);
      }
    }
  }
}

}  // namespace
}  // namespace sousuo
