// What sousuo-query lists for a query, run as a user runs it: full matches
// first, partial matches after them (never a report without the query's
// words), the same list whatever page is asked for, exact counts and exit
// codes (issue 12).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sousuo {
namespace {

using Json = nlohmann::json;

// 39 reports as in issue 12's "Liu Qiang" case: two hold both words, three
// only Liu, one only Qiang, and 33 neither, though they share the others'
// topic (a Jinan conference on education) and so their feedback stems.
class LiuQiangIndex {
 public:
  LiuQiangIndex() : index_(dir_.path() + "/index") {
    std::string jsonl;
    const auto add = [&](const std::string& id, const std::string& body) {
      jsonl += Json{{"id", id}, {"title", id}, {"body", body}, {"lang", "en"}}.dump() + "\n";
    };
    add("both-1", "Liu Qiang opened the Jinan conference on vocational education.");
    add("both-2", "Vice mayor Liu Qiang spoke on school funding at the conference.");
    add("liu-1", "Liu Guitang chaired the Jinan conference on vocational education.");
    add("liu-2", "Liu Guitang visited schools in Licheng district.");
    add("liu-3", "Professor Liu presented the education budget.");
    add("qiang-1", "Qiang Wei reported on teacher training programmes.");
    for (int i = 0; i < 33; ++i) {
      add("other-" + std::to_string(i),
          "The Jinan conference on vocational education discussed teacher training, school "
          "funding and the budget of district " + std::to_string(i) + ".");
    }
    dir_.Write("liu.jsonl", jsonl);
    const test::RunResult r =
        test::Run({test::IndexBin(), "-q", "--index", index_, dir_.path() + "/liu.jsonl"});
    REQUIRE(r.exit_code == 0);
  }
  test::RunResult Query(std::vector<std::string> args) const {
    args.insert(args.begin(), {test::QueryBin(), "--index", index_});
    return test::Run(args);
  }
  // The hits' ids and the summary of a --json run.
  std::vector<std::string> Ids(std::vector<std::string> args, Json* summary = nullptr) const {
    args.push_back("--json");
    const test::RunResult r = Query(args);
    REQUIRE(r.err.empty());
    std::vector<std::string> ids;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const Json object = Json::parse(line);
      if (object["type"] == "hit") {
        ids.push_back(object["id"].get<std::string>() + (object["partial"] ? "~" : ""));
      } else if (summary != nullptr) {
        *summary = object;
      }
    }
    return ids;
  }

 private:
  test::TempDir dir_;
  std::string index_;
};

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

TEST_CASE("sousuo-query: full matches, then partial ones, never neither", "[cli][query]") {
  LiuQiangIndex index;
  Json summary;
  // "~" marks a partial match. The 33 reports with neither word are never
  // listed, however many hits are asked for.
  const std::string expect = "both-1 both-2 qiang-1~ liu-2~ liu-3~ liu-1~";
  REQUIRE(Joined(index.Ids({"Liu", "Qiang"}, &summary)) == expect);
  REQUIRE(Joined(index.Ids({"Liu", "Qiang", "-n", "20000"})) == expect);
  REQUIRE(summary["matches"] == 2);
  REQUIRE(summary["exact"] == true);
  REQUIRE(summary["partial"] == true);
  REQUIRE(summary["understood"] == "liu qiang");
  // --strict: full matches only.
  REQUIRE(Joined(index.Ids({"--strict", "Liu", "Qiang"})) == "both-1 both-2");
  // Each partial match says what it lacks.
  const test::RunResult text = index.Query({"Liu", "Qiang", "--snippets", "0", "-n", "3"});
  REQUIRE(text.exit_code == 0);
  REQUIRE(text.out.rfind("2 reports hold every word; more hold some of them; showing 1-3\n", 0) ==
          0);
  REQUIRE(text.out.find("\n\nPartial matches (some of the words):\n\n3. [qiang]-1  (") !=
          std::string::npos);
  REQUIRE(text.out.find("   qiang-1 · en · missing: Liu\n") != std::string::npos);
}

TEST_CASE("sousuo-query: a page shows the same hits at the same ranks", "[cli][query]") {
  LiuQiangIndex index;
  const std::vector<std::string> all = index.Ids({"Liu", "Qiang", "conference", "-n", "100"});
  REQUIRE(all.size() >= 30);
  for (unsigned limit : {1u, 2u, 3u, 7u}) {
    for (unsigned offset = 0; offset < all.size(); offset += limit) {
      CAPTURE(limit, offset);
      const std::vector<std::string> page = index.Ids({"Liu", "Qiang", "conference", "-n",
                                                       std::to_string(limit), "--offset",
                                                       std::to_string(offset)});
      const size_t end = std::min<size_t>(all.size(), offset + limit);
      REQUIRE(page == std::vector<std::string>(all.begin() + offset, all.begin() + end));
    }
  }
}

// 130 Chinese reports with some of a question's words, so that the first
// 100 partial matches, which proximity ranks again, end inside a page.
TEST_CASE("sousuo-query: pages agree across the re-ranked first 100", "[cli][query][zh]") {
  test::TempDir dir;
  std::string jsonl;
  static const char* const kBodies[] = {
      "济南市召开经济工作会议，部署经济增长目标。", "会议指出，经济发展要稳中求进，增长质量提升。",
      "济南的增长动力来自新旧动能转换和经济结构调整。", "今年全市经济运行平稳，居民收入稳步增长。"};
  for (int i = 0; i < 130; ++i) {
    jsonl += nlohmann::json{{"id", "r" + std::to_string(i)},
                            {"title", "第" + std::to_string(i) + "期简报"},
                            {"body", std::string(kBodies[i % 4]) + std::string(i % 7, '!')},
                            {"lang", "zh"}}
                 .dump() +
             "\n";
  }
  dir.Write("zh.jsonl", jsonl);
  const std::string index = dir.path() + "/index";
  REQUIRE(test::Run({test::IndexBin(), "-q", "--index", index, dir.path() + "/zh.jsonl"})
              .exit_code == 0);
  const auto ids = [&](unsigned limit, unsigned offset) {
    const test::RunResult r =
        test::Run({test::QueryBin(), "--index", index, "--json", "--snippets", "0", "-n",
                   std::to_string(limit), "--offset", std::to_string(offset), "经济 增长 进口"});
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const Json object = Json::parse(line);
      if (object["type"] == "hit")
        out.push_back(object["id"]);
    }
    return out;
  };
  const std::vector<std::string> all = ids(200, 0);
  REQUIRE(all.size() == 130);
  for (unsigned offset : {0u, 95u, 98u, 99u, 100u, 101u, 123u}) {
    CAPTURE(offset);
    const size_t end = std::min<size_t>(all.size(), offset + 7);
    REQUIRE(ids(7, offset) == std::vector<std::string>(all.begin() + offset, all.begin() + end));
  }
}

TEST_CASE("sousuo-query: exact counts and exit codes whatever the page", "[cli][query]") {
  LiuQiangIndex index;
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    const char* header;
  };
  const Case kCases[] = {
      {{"Liu"}, 0, "5 matches; showing 1-5\n"},
      {{"-n", "0", "Liu"}, 0, "5 matches\n"},
      {{"--offset", "30", "Liu"}, 0, "5 matches\n"},
      {{"conference"}, 0, "36 matches; showing 1-10\n"},
      {{"Liu", "Qiang", "-n", "0"}, 0, "2 reports hold every word; more hold some of them\n"},
      {{"Qiang", "Guitang"}, 0, "No report holds every word; these hold some of them; showing 1-5\n"},
      {{"zzyzx"}, 1, "0 matches\n"},
      {{"zzyzx", "qqxqq"}, 1, "0 matches\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.args);
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--snippets", "0"});
    const test::RunResult r = index.Query(args);
    REQUIRE(r.exit_code == c.exit_code);
    REQUIRE(r.out.substr(0, r.out.find('\n') + 1) == c.header);
  }
  // --count: the reports listed over all pages, and nothing else.
  REQUIRE(index.Query({"--count", "conference"}).out == "36\n");
  REQUIRE(index.Query({"--count", "Liu", "Qiang"}).out == "6\n");
  REQUIRE(index.Query({"--count", "--strict", "Liu", "Qiang"}).out == "2\n");
  const test::RunResult none = index.Query({"--count", "zzyzx"});
  REQUIRE(none.out == "0\n");
  REQUIRE(none.exit_code == 1);
  // JSON Lines end with a summary, also when nothing matches.
  Json summary;
  REQUIRE(index.Ids({"zzyzx"}, &summary).empty());
  REQUIRE(summary == Json::parse(R"({"type":"summary","query":"zzyzx","understood":"zzyzx",)"
                                 R"("matches":0,"exact":true,"partial":false,"offset":0,)"
                                 R"("limit":10,"hits":0})"));
}

// Reports named by Chinese characters that ICU splits off one by one.
TEST_CASE("sousuo-query: a name split into characters must stand together", "[cli][query][zh]") {
  test::TempDir dir;
  dir.Write("r/name.txt", "刘贵堂会见代表\n会议由刘贵堂主持。\n");
  dir.Write("r/apart.txt", "刘某与堂兄\n刘某与堂兄在贵阳见面。\n");
  dir.Write("r/liu.txt", "刘强讲话\n刘强在会上讲话。\n");
  const std::string index = dir.path() + "/index";
  REQUIRE(test::Run({test::IndexBin(), "-q", "--index", index, dir.path() + "/r"}).exit_code == 0);
  const test::RunResult r =
      test::Run({test::QueryBin(), "--index", index, "刘贵堂", "--snippets", "0"});
  REQUIRE(r.exit_code == 0);
  // Only the report where 刘贵堂 stands together; no partial matches for
  // a report that only has 刘.
  REQUIRE(r.out.rfind("1 match; showing 1-1\n", 0) == 0);
  REQUIRE(r.out.find("[刘贵堂]会见代表") != std::string::npos);
}

}  // namespace
}  // namespace sousuo
