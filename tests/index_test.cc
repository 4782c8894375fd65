#include <catch2/catch.hpp>

#include "common/error.h"
#include "common/index_reader.h"
#include "common/index_writer.h"
#include "common/schema.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

Report MakeReport(const std::string& id, const std::string& title, const std::string& body) {
  Report r;
  r.id = id;
  r.title = title;
  r.body = body;
  r.lang = "zh";
  return r;
}

TEST_CASE("Index: write, replace and search", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  {
    IndexWriter writer(path);
    writer.Put(MakeReport("a", "济南市召开会议", "新旧动能转换起步区"));
    writer.Put(MakeReport("b", "其他", "济南的会议"));
    writer.Put(MakeReport("a", "济南市召开会议", "replaced body"));  // same id: replaced
    writer.Commit();
    REQUIRE(writer.DocCount() == 2);
  }
  IndexReader reader(path);
  REQUIRE(reader.DocCount() == 2);
  // The title weighs more: "a" has 济南 in its title, "b" only in its body.
  const SearchResult result = reader.Search(Xapian::Query("XC济"), 0, 10);
  REQUIRE(result.hits.size() == 2);
  REQUIRE(result.hits[0].report.id == "a");
  REQUIRE(result.hits[0].report.body == "replaced body");
  REQUIRE(result.hits[0].rank == 1);
  REQUIRE(result.hits[1].rank == 2);
  REQUIRE(result.matches_estimated == 2);
  const SearchResult page2 = reader.Search(Xapian::Query("XC济"), 1, 10);
  REQUIRE(page2.hits.size() == 1);
  REQUIRE(page2.hits[0].rank == 2);
}

TEST_CASE("Index: a missing index", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/nothing";
  REQUIRE_THROWS_WITH(IndexReader(path),
                      "index '" + path + "' does not exist (build it with sousuo-index)");
}

TEST_CASE("Index: a second writer is refused", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  IndexWriter first(path);
  REQUIRE_THROWS_WITH(IndexWriter(path), "index '" + path + "' is locked by another writer");
}

TEST_CASE("Index: a foreign Xapian database is refused", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/foreign";
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  const std::string message =
      "index '" + path + "' is not a sousuo index (it has no sousuo metadata)";
  REQUIRE_THROWS_WITH(IndexReader(path), message);
  REQUIRE_THROWS_WITH(IndexWriter(path), message);
}

TEST_CASE("Index: a directory of other files is never turned into an index", "[index]") {
  test::TempDir dir;
  dir.Write("docs/notes.txt", "my notes");
  const std::string path = dir.path() + "/docs";
  REQUIRE_THROWS_WITH(IndexWriter(path),
                      "index '" + path + "' is not a sousuo index (the directory holds other files)");
  REQUIRE_THROWS_WITH(IndexReader(path),
                      "index '" + path + "' is not a sousuo index (no Xapian database there)");
  const std::string file = dir.Write("file", "x");
  REQUIRE_THROWS_WITH(IndexWriter(file), "index '" + file + "' is not a directory");
}

TEST_CASE("Index: an index built with another analyzer is refused", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  {
    IndexWriter writer(path);
    writer.Put(MakeReport("a", "t", "b"));
    writer.Commit();
  }
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(kMetaAnalyzer, "sousuo-analyzer/0 icu=60.1");
    db.commit();
  }
  const std::string message = "index '" + path +
                              "' was built with schema 1 and analyzer 'sousuo-analyzer/0 "
                              "icu=60.1'; this program uses schema 1 and analyzer '" +
                              Analyzer::Signature() + "': rebuild it into a new index";
  REQUIRE_THROWS_WITH(IndexReader(path), message);
  REQUIRE_THROWS_WITH(IndexWriter(path), message);
}

TEST_CASE("Index: uncommitted work is not visible", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  {
    IndexWriter writer(path);
    writer.Put(MakeReport("a", "t", "b"));
    writer.Commit();
    writer.Put(MakeReport("b", "t", "b"));
    IndexReader reader(path);
    REQUIRE(reader.DocCount() == 1);
  }
}

}  // namespace
}  // namespace sousuo
