#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

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
                              "' was built with schema 3 and analyzer 'sousuo-analyzer/0 "
                              "icu=60.1'; this program uses schema 3 and analyzer '" +
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

// "kind docid" of a Put.
std::string PutString(const IndexWriter::PutResult& result) {
  using Kind = IndexWriter::PutResult::Kind;
  const char* kind = result.kind == Kind::kAdded     ? "added"
                     : result.kind == Kind::kUpdated ? "updated"
                                                     : "unchanged";
  return std::string(kind) + " " + std::to_string(result.docid);
}

TEST_CASE("Index: Put reports added, updated and unchanged", "[index]") {
  test::TempDir dir;
  IndexWriter writer(dir.path() + "/idx");
  Report a = MakeReport("a", "t", "line\nbody");
  a.file = "/d/a.txt";
  a.root = "/d";
  REQUIRE(PutString(writer.Put(a, true)) == "added 1");
  REQUIRE(PutString(writer.Put(a, true)) == "unchanged 1");
  REQUIRE(PutString(writer.Put(a)) == "updated 1");  // not asked to skip
  a.body = "line \r\nbody\t";
  REQUIRE(PutString(writer.Put(a, true)) == "unchanged 1");  // same content hash
  a.root = "/";
  REQUIRE(PutString(writer.Put(a, true)) == "unchanged 1");  // the root is not compared
  a.file = "/d/moved.txt";
  REQUIRE(PutString(writer.Put(a, true)) == "updated 1");
  a.body = "new body";
  REQUIRE(PutString(writer.Put(a, true)) == "updated 1");
  REQUIRE(PutString(writer.Put(MakeReport("b", "t", "body"), true)) == "added 2");
  REQUIRE(writer.DocCount() == 2);
}

TEST_CASE("Index: files under a path, and removal", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  IndexWriter writer(path);
  const std::string long_dir = "/d/" + std::string(250, 'x');
  const char* const kFiles[] = {"/d/tree/a.txt", "/d/tree/sub/b.txt", "/d/tree2/c.txt",
                                "/d/tree.txt", "/d/tree/sub/b.txt"};
  int n = 0;
  for (const std::string& file : {std::string(kFiles[0]), std::string(kFiles[1]),
                                  std::string(kFiles[2]), std::string(kFiles[3]),
                                  std::string(kFiles[4]), long_dir + "/e.txt"}) {
    Report r = MakeReport("r" + std::to_string(++n), "t", "b");
    r.file = file;
    writer.Put(r);
  }
  writer.Put(MakeReport("stdin", "t", "b"));  // no file
  auto dump = [&](const std::string& under) {
    std::string out;
    for (const IndexWriter::FileDoc& doc : writer.FilesUnder(under)) {
      out += std::to_string(doc.docid) + ":" + doc.file.substr(0, 20) + " ";
    }
    return out;
  };
  REQUIRE(dump("/d/tree") == "1:/d/tree/a.txt 2:/d/tree/sub/b.txt 5:/d/tree/sub/b.txt ");
  REQUIRE(dump("/d/tree/sub/b.txt") == "2:/d/tree/sub/b.txt 5:/d/tree/sub/b.txt ");
  REQUIRE(dump("/d/tree.txt") == "4:/d/tree.txt ");
  REQUIRE(dump(long_dir) == "6:/d/xxxxxxxxxxxxxxxxx ");
  REQUIRE(dump("/e") == "");

  REQUIRE(writer.RemoveId("r1"));
  REQUIRE_FALSE(writer.RemoveId("r1"));
  writer.Remove(2);
  REQUIRE(dump("/d/tree") == "5:/d/tree/sub/b.txt ");
  REQUIRE_THROWS_WITH(writer.Remove(2), "index '" + path +
                                            "': removing document 2: DocNotFoundError: "
                                            "Document not found: 2");
  REQUIRE(writer.DocCount() == 5);
}

TEST_CASE("Index: size on disk", "[index]") {
  test::TempDir dir;
  REQUIRE(IndexSizeOnDisk(dir.path() + "/none") == 0);
  dir.Write("idx/a", "12345");
  dir.Write("idx/sub/b", "123");
  REQUIRE(IndexSizeOnDisk(dir.path() + "/idx") == 8);
}

TEST_CASE("Index: a database killed before its first commit is started afresh", "[index]") {
  test::TempDir dir;
  // What a writer killed while creating the database leaves: glass files,
  // no "iamglass". Nothing was committed, and Xapian cannot open it.
  dir.Write("idx/flintlock", "");
  dir.Write("idx/postlist.glass", "partial");
  dir.Write("idx/postlist.tmp", "partial");
  const std::string path = dir.path() + "/idx";
  {
    IndexWriter writer(path);
    writer.Put(MakeReport("a", "t", "b"));
    writer.Commit();
  }
  REQUIRE(IndexReader(path).DocCount() == 1);
}

// Every report id in the committed index at `path`, in document order, and
// checks that each id term names exactly one document.
std::vector<std::string> CommittedIds(const std::string& path) {
  const Xapian::Database db(path);
  std::vector<std::string> ids;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::string id = ParseReport(db.get_document(*it).get_data()).id;
    REQUIRE(db.get_termfreq(IdTerm(id)) == 1);
    ids.push_back(id);
  }
  return ids;
}

TEST_CASE("Index: bulk mode builds a new index in parallel shards", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  // Leftovers of a killed bulk run are removed when a writer opens the index.
  dir.Write("idx.shard-0/postlist.glass", "partial");
  IndexWriter writer(path, /*wait_for_lock=*/false, /*threads=*/3, /*merge_min=*/4);
  REQUIRE(writer.bulk());
  REQUIRE_FALSE(std::filesystem::exists(path + ".shard-0"));
  using Kind = IndexWriter::PutResult::Kind;
  for (int i = 0; i < 10; ++i) {
    const IndexWriter::PutResult put =
        writer.Put(MakeReport("r" + std::to_string(i), "标题", "正文 " + std::to_string(i)));
    REQUIRE(put.kind == Kind::kAdded);
    REQUIRE(put.docid == 0);
  }
  // Same id again within the run: replaced in its shard, not added twice.
  REQUIRE(writer.Put(MakeReport("r4", "标题", "新的正文")).kind == Kind::kUpdated);
  REQUIRE(writer.DocCount() == 10);
  REQUIRE(IndexReader(path).DocCount() == 0);  // nothing merged yet

  // Due: the shards hold 10 >= max(4, 0) reports.
  writer.Checkpoint();
  REQUIRE(writer.compacted());
  REQUIRE(CommittedIds(path).size() == 10);
  REQUIRE(writer.last_compaction().after == IndexSizeOnDisk(path));
  REQUIRE_FALSE(std::filesystem::exists(path + ".shard-0"));

  // Not due: 5 new reports are fewer than the 10 in the index.
  for (int i = 10; i < 15; ++i) writer.Put(MakeReport("r" + std::to_string(i), "t", "b"));
  // An id already merged is replaced in the index itself.
  const IndexWriter::PutResult again = writer.Put(MakeReport("r4", "标题", "第三版"));
  REQUIRE(again.kind == Kind::kUpdated);
  REQUIRE(again.docid > 0);
  REQUIRE_FALSE(writer.compacted());
  writer.Checkpoint();
  REQUIRE(IndexReader(path).DocCount() == 10);
  REQUIRE(writer.DocCount() == 15);

  writer.Commit();  // always merges
  const std::vector<std::string> ids = CommittedIds(path);
  REQUIRE(ids.size() == 15);
  REQUIRE(std::set<std::string>(ids.begin(), ids.end()).size() == 15);
  IndexReader reader(path);
  const SearchResult result = reader.Search(Xapian::Query("XC版"), 0, 10);
  REQUIRE(result.hits.size() == 1);
  REQUIRE(result.hits[0].report.id == "r4");
  REQUIRE(reader.Search(Xapian::Query("XC新"), 0, 10).hits.empty());
}

TEST_CASE("Index: a writer of a non-empty index, or of one thread, is not bulk", "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  {
    IndexWriter writer(path, false, /*threads=*/1);
    REQUIRE_FALSE(writer.bulk());
    writer.Put(MakeReport("a", "t", "b"));
    writer.Commit();
  }
  IndexWriter writer(path, false, /*threads=*/4);
  REQUIRE_FALSE(writer.bulk());
  REQUIRE(writer.Put(MakeReport("b", "t", "b")).docid == 2);
}

}  // namespace
}  // namespace sousuo
