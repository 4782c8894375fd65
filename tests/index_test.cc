#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "common/analyzer.h"
#include "common/duplicates.h"
#include "common/error.h"
#include "common/index_reader.h"
#include "common/index_writer.h"
#include "common/report_path.h"
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

// A schema-2 index as the indexer of that schema wrote one: file reports
// named by their path relative to the input, which kSlotRoot recorded.
void WriteSchema2Index(const std::string& path, bool with_stdin) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  db.set_metadata(kMetaSchema, "2");
  db.set_metadata(kMetaAnalyzer, Analyzer::Signature());
  const std::vector<std::vector<std::string>> files = {
      // id, file, root
      {"a.txt", "/data/y2023/a.txt", "/data/y2023"},
      {"b/c.txt", "/data/y2023/b/c.txt", "/data/y2023"},
      {"c.txt", "/data/y2023/b/c.txt", "/data/y2023/b"},
      {"j1", "/data/my news.jsonl", "/data/my news.jsonl"},
  };
  for (const auto& f : files) {
    Xapian::Document doc;
    doc.add_boolean_term(IdTerm(f[0]));
    doc.add_value(kSlotFile, f[1]);
    doc.add_value(kSlotRoot, f[2]);
    doc.set_data(SerializeReport(MakeReport(f[0], "t", "b")));
    db.add_document(doc);
  }
  if (with_stdin) db.add_document(Xapian::Document());
  db.commit();
}

TEST_CASE("Index: an index of schema 2 is refused with the command that rebuilds it",
          "[index]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  WriteSchema2Index(path, false);
  const std::string message =
      "index '" + path +
      "' was built with schema 2; this sousuo reads schema 3, which names a file's reports by "
      "its real path: rebuild it with rm -r " + path + " && sousuo-index --index " + path +
      " '/data/my news.jsonl' /data/y2023";
  REQUIRE_THROWS_WITH(IndexReader(path), message);
  REQUIRE_THROWS_WITH(IndexWriter(path), message);
  REQUIRE(Xapian::Database(path).get_metadata(kMetaSchema) == "2");  // left as it was

  const std::string with_stdin = dir.path() + "/it's";
  WriteSchema2Index(with_stdin, true);
  REQUIRE_THROWS_WITH(
      IndexWriter(with_stdin),
      "index '" + with_stdin +
          "' was built with schema 2; this sousuo reads schema 3, which names a file's reports "
          "by its real path: rebuild it with rm -r '" + dir.path() + "/it'\\''s' && "
          "sousuo-index --index '" + dir.path() + "/it'\\''s' '/data/my news.jsonl' "
          "/data/y2023 (and give again what was read from standard input)");

  // Empty, it holds nothing to rebuild: the writer takes it as new.
  const std::string empty = dir.path() + "/empty";
  {
    Xapian::WritableDatabase db(empty, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    db.set_metadata(kMetaSchema, "2");
    db.set_metadata(kMetaAnalyzer, Analyzer::Signature());
    db.commit();
  }
  {
    IndexWriter writer(empty);
    writer.Put(MakeReport("a", "t", "b"));
    writer.Commit();
  }
  REQUIRE(Xapian::Database(empty).get_metadata(kMetaSchema) == "3");
  REQUIRE(IndexReader(empty).DocCount() == 1);
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
  const char* kind = result.kind == Kind::kAdded       ? "added"
                     : result.kind == Kind::kUpdated   ? "updated"
                     : result.kind == Kind::kUnchanged ? "unchanged"
                                                       : "folded";
  std::string out = std::string(kind) + " " + std::to_string(result.docid);
  if (result.newly_folded) out += " into " + result.original_id;
  return out;
}

TEST_CASE("Index: Put reports added, updated and unchanged", "[index]") {
  test::TempDir dir;
  IndexWriter writer(dir.path() + "/idx");
  Report a = MakeReport("a", "t", "line\nbody");
  a.path = "/d/a.jsonl";
  REQUIRE(PutString(writer.Put(a, true)) == "added 1");
  REQUIRE(PutString(writer.Put(a, true)) == "unchanged 1");
  REQUIRE(PutString(writer.Put(a)) == "updated 1");  // not asked to skip
  a.body = "line \r\nbody\t";
  REQUIRE(PutString(writer.Put(a, true)) == "unchanged 1");  // same content hash
  a.path = "/d/moved.jsonl";
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
    r.path = file;
    writer.Put(r);
  }
  writer.Put(MakeReport("stdin", "t", "b"));  // no file
  auto dump = [&](const std::string& under) {
    std::string out;
    for (const IndexWriter::FileEntry& entry : writer.FilesUnder(under)) {
      out += std::to_string(entry.docid) + ":" + entry.file.substr(0, 20) + " ";
    }
    return out;
  };
  REQUIRE(dump("/d/tree") == "1:/d/tree/a.txt 2:/d/tree/sub/b.txt 5:/d/tree/sub/b.txt ");
  REQUIRE(dump("/d/tree/sub/b.txt") == "2:/d/tree/sub/b.txt 5:/d/tree/sub/b.txt ");
  REQUIRE(dump("/d/tree.txt") == "4:/d/tree.txt ");
  REQUIRE(dump(long_dir) == "6:/d/xxxxxxxxxxxxxxxxx ");
  REQUIRE(dump("/e") == "");

  using Removed = IndexWriter::Removed;
  REQUIRE(writer.RemoveId("r1") == Removed::kReport);
  REQUIRE(writer.RemoveId("r1") == Removed::kNothing);
  REQUIRE(writer.Remove({2, "", "/d/tree/sub/b.txt"}) == Removed::kReport);
  REQUIRE(dump("/d/tree") == "5:/d/tree/sub/b.txt ");
  REQUIRE_THROWS_WITH(writer.Remove({2, "", ""}), "index '" + path +
                                                     "': removing document 2: DocNotFoundError: "
                                                     "Document not found: 2");
  REQUIRE(writer.DocCount() == 5);
}

// "id:path" of each stored report, and "(id:path)" of each folded duplicate,
// in docid and key order.
std::string Holdings(const Xapian::Database& db) {
  std::string out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Report r = ParseReport(db.get_document(*it).get_data());
    out += r.id + ":" + r.path + " ";
  }
  for (const Duplicate& dup : AllDuplicates(db)) out += "(" + dup.id + ":" + dup.path + ") ";
  return out;
}

TEST_CASE("Index: folded duplicates take the place of their report", "[index][duplicates]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  IndexWriter writer(path);
  writer.set_fold_duplicates(true);
  const auto put = [&](const std::string& id, const std::string& file, const std::string& body) {
    Report r = MakeReport(id, "会议", body);
    r.path = file;
    return PutString(writer.Put(r, true));
  };
  const auto promotions = [&] {
    std::string out;
    for (const IndexWriter::Promotion& p : writer.TakePromotions()) {
      out += p.id + " for " + p.replaced_id + " ";
    }
    return out;
  };
  Xapian::Database db = writer.database();
  REQUIRE(put("/d/a.txt", "/d/a.txt", "济南召开会议") == "added 1");
  REQUIRE(put("/d/b.txt", "/d/b.txt", "济南召开会议") == "folded 0 into /d/a.txt");
  REQUIRE(put("c", "/d/c.jsonl", "济南召开会议") == "folded 0 into /d/a.txt");
  REQUIRE(put("/d/b.txt", "/d/b.txt", "济南召开会议") == "folded 0");  // known: no news
  REQUIRE(put("c", "/d/moved.jsonl", "济南召开会议") == "folded 0");   // its path follows
  REQUIRE(Holdings(db) == "/d/a.txt:/d/a.txt (/d/b.txt:/d/b.txt) (c:/d/moved.jsonl) ");
  // Duplicates are no documents: BM25 and a purely negative query see one.
  REQUIRE(db.get_doccount() == 1);
  REQUIRE(writer.DuplicateCount() == 2);
  const auto matches = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::string ids;
    for (const Xapian::docid docid : enquire.get_mset(0, 10)) {
      ids += ParseReport(db.get_document(docid).get_data()).id + " ";
    }
    return ids;
  };
  REQUIRE(matches(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                                Xapian::Query("xyz"))) == "/d/a.txt ");

  // The report gets another text: the first duplicate keeps the old one
  // (same terms and positions), the other duplicate stays with it.
  REQUIRE(put("/d/a.txt", "/d/a.txt", "青岛") == "updated 1");
  REQUIRE(promotions() == "/d/b.txt for /d/a.txt ");
  REQUIRE(Holdings(db) == "/d/a.txt:/d/a.txt /d/b.txt:/d/b.txt (c:/d/moved.jsonl) ");
  const std::vector<std::string> chars = {HanCharTerm(Field::kAll, "召"),
                                          HanCharTerm(Field::kAll, "开")};
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, chars.begin(), chars.end());
  REQUIRE(matches(phrase) == "/d/b.txt ");
  REQUIRE(db.get_document(2).get_value(kSlotFile) == "/d/b.txt");
  REQUIRE(db.get_termfreq(FileTerm("/d/a.txt")) == 1);
  REQUIRE(db.get_termfreq(FileTerm("/d/b.txt")) == 1);

  // Removed: the next takes its place.
  REQUIRE(writer.RemoveId("/d/b.txt") == IndexWriter::Removed::kReport);
  REQUIRE(promotions() == "c for /d/b.txt ");
  REQUIRE(Holdings(db) == "/d/a.txt:/d/a.txt c:/d/moved.jsonl ");
  REQUIRE(matches(phrase) == "c ");

  // A report folded into another loses its document; its own duplicate
  // gets it first. A duplicate removed by id is only a record.
  REQUIRE(put("d", "/d/d.jsonl", "青岛") == "folded 0 into /d/a.txt");
  REQUIRE(put("e", "/d/d.jsonl", "泉城") == "added 4");
  REQUIRE(put("f", "/d/d.jsonl", "泉城") == "folded 0 into e");
  REQUIRE(put("e", "/d/d.jsonl", "青岛") == "folded 0 into /d/a.txt");
  REQUIRE(promotions() == "f for e ");
  REQUIRE(Holdings(db) == "/d/a.txt:/d/a.txt c:/d/moved.jsonl f:/d/d.jsonl (d:/d/d.jsonl) "
                          "(e:/d/d.jsonl) ");
  REQUIRE(writer.RemoveId("d") == IndexWriter::Removed::kDuplicate);
  REQUIRE(promotions() == "");
  // A duplicate whose text changes is a report of its own again.
  REQUIRE(put("e", "/d/d.jsonl", "大明湖") == "added 6");
  REQUIRE(Holdings(db) == "/d/a.txt:/d/a.txt c:/d/moved.jsonl f:/d/d.jsonl e:/d/d.jsonl ");

  // FilesUnder lists the duplicates first.
  REQUIRE(put("g", "/d/g.jsonl", "大明湖") == "folded 0 into e");
  std::string listed;
  for (const IndexWriter::FileEntry& entry : writer.FilesUnder("/d")) {
    listed += std::to_string(entry.docid) + ":" + entry.id + ":" + entry.file + " ";
  }
  REQUIRE(listed == "0:g:/d/g.jsonl 1::/d/a.txt 5::/d/d.jsonl 6::/d/d.jsonl 3::/d/moved.jsonl ");
  writer.Commit();
  REQUIRE(CountDuplicates(Xapian::Database(path)) == 1);
}

TEST_CASE("FindReport: by id, by a file's path however typed, and folded duplicates",
          "[index][duplicates]") {
  test::TempDir dir;
  const std::string a = dir.Write("in/a.txt", "a");
  const std::string real_a = FileReportId(a);
  REQUIRE(::symlink("in", (dir.path() + "/link").c_str()) == 0);
  IndexWriter writer(dir.path() + "/idx");
  writer.set_fold_duplicates(true);
  Report file = MakeReport(real_a, "t", "same");
  file.path = real_a;
  writer.Put(file);
  Report record = MakeReport("j1", "t", "same");  // folded into the file's
  record.path = real_a + "l";
  writer.Put(record);
  writer.Put(MakeReport("j2", "t", "other"));
  writer.Commit();
  const Xapian::Database db(dir.path() + "/idx");
  const auto found = [&](const std::string& arg) {
    const std::optional<ReportRef> ref = FindReport(db, arg);
    if (!ref) return std::string("-");
    return std::to_string(ref->docid) + " " + ref->id + " " + ref->path +
           (ref->folded ? " folded" : "");
  };
  CHECK(found(real_a) == "1 " + real_a + " " + real_a);
  CHECK(found(dir.path() + "/link/../in/./a.txt") == "1 " + real_a + " " + real_a);
  CHECK(found("j1") == "1 j1 " + real_a + "l folded");
  CHECK(found("j2") == "2 j2 ");
  CHECK(found(dir.path() + "/in/b.txt") == "-");
  CHECK(found("") == "-");
}

TEST_CASE("Index: folded duplicates with ids too long for a metadata key", "[index][duplicates]") {
  const std::string a(300, 'a');
  const std::string b = a.substr(0, 250) + std::string(50, 'b');  // same first 180 bytes
  REQUIRE(DuplicateKey("short:id") == "short:id");
  REQUIRE(DuplicateKey(a).size() == 197);
  REQUIRE(DuplicateKey(a) != DuplicateKey(b));
  test::TempDir dir;
  IndexWriter writer(dir.path() + "/idx");
  writer.set_fold_duplicates(true);
  REQUIRE(PutString(writer.Put(MakeReport("holder", "t", "same"))) == "added 1");
  REQUIRE(PutString(writer.Put(MakeReport(a, "t", "same"))) == "folded 0 into holder");
  REQUIRE(PutString(writer.Put(MakeReport(b, "t", "same"))) == "folded 0 into holder");
  REQUIRE(FindDuplicate(writer.database(), a)->id == a);
  REQUIRE(FindDuplicate(writer.database(), b)->id == b);
  // Neither has a path (standard input): the heir gets none either.
  REQUIRE(writer.RemoveId("holder") == IndexWriter::Removed::kReport);
  const std::string heir = writer.TakePromotions().at(0).id;
  REQUIRE((heir == a || heir == b));
  REQUIRE(writer.DuplicateCount() == 1);
  const Xapian::docid docid = *writer.database().postlist_begin(IdTerm(heir));
  REQUIRE(writer.database().get_document(docid).get_value(kSlotFile) == "");
  REQUIRE(ParseReport(writer.database().get_document(docid).get_data()).id == heir);
  writer.Commit();
}

TEST_CASE("Index: without fold_duplicates the same text is stored twice", "[index][duplicates]") {
  test::TempDir dir;
  IndexWriter writer(dir.path() + "/idx");
  REQUIRE(PutString(writer.Put(MakeReport("a", "t", "same"))) == "added 1");
  REQUIRE(PutString(writer.Put(MakeReport("b", "t", "same"))) == "added 2");
  REQUIRE(writer.DuplicateCount() == 0);
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
