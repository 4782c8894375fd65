// Long bodies stored in parts (issue 12, "Snippets in bounded time").
#include "common/stored_body.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/index_writer.h"
#include "common/schema.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// `n` lines of English and Chinese sentences, numbered so that every part
// of the text is different: about 110 bytes a line.
std::string LongText(size_t n) {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    text += "Line " + std::to_string(i) + " reports that water prices rose. ";
    text += "济南市第" + std::to_string(i) + "次会议召开，推进教育改革。\n";
  }
  return text;
}

Report LongReport(const std::string& id, const std::string& body) {
  Report report;
  report.id = id;
  report.title = "Report " + id;
  report.body = body;
  report.lang = "mixed";
  return report;
}

size_t Count(const std::string& s, char c) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), c));
}

// The pieces of `text` as BuildDocument cuts them, as "end end ...".
std::string Pieces(const std::string& text, size_t max_bytes) {
  std::string out;
  for (size_t begin = 0; begin < text.size();) {
    begin = NextPieceEnd(text, begin, max_bytes);
    out += (out.empty() ? "" : " ") + std::to_string(begin);
  }
  return out;
}

TEST_CASE("StoredBody: pieces end where segmentation starts afresh", "[stored_body]") {
  struct Case {
    const char* text;
    const char* expect;
  };
  // Pieces of at most 16 bytes; a cut in the second half (bytes 9-16 of a
  // piece) is preferred: a line break, then 。！？, then ，、；：, then a space.
  static const Case kCases[] = {
      {"short", "5"},
      {"aaaaaaaaaa\nbbbbbbbbbbbb", "11 23"},
      {"aa\naaaaaaa bbbbbbbbbbbbbbb", "11 26"},        // a space late beats a line break early
      {"aaa bbbbb cc\ndddddddd", "13 21"},             // a line break beats a later space
      {"济南济南。济南济南济南", "15 30 33"},            // after 。
      {"济南济南，济南济南济南", "15 30 33"},            // after ，
      {"abc1，000xxxxxxxxxxx", "16 21"},              // not inside 1，000 (1,000 once folded)
      {"a b cccccccccccccccccccc", "4 20 24"},        // only an early break: taken
      {"aaaaaaaaaaaaaaaaaaaaaaaa", "16 24"},          // no break: a character boundary
      {"济济济济济济济济济济济济", "15 30 36"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CHECK(Pieces(c.text, 16) == c.expect);
  }
}

// Analyses `text` piece by piece as BuildDocument does.
std::string PiecewiseTokens(Analyzer* analyzer, const std::string& text, size_t max_bytes) {
  std::vector<Token> tokens;
  uint32_t next = 1;
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = NextPieceEnd(text, begin, max_bytes);
    const size_t first = tokens.size();
    next = analyzer->Analyze(std::string_view(text).substr(begin, end - begin), next, &tokens);
    for (size_t i = first; i < tokens.size(); ++i) {
      tokens[i].begin += static_cast<uint32_t>(begin);
      tokens[i].end += static_cast<uint32_t>(begin);
    }
    begin = end;
  }
  return test::DumpTokens(tokens);
}

TEST_CASE("StoredBody: analysing a body by pieces gives the whole text's tokens",
          "[stored_body]") {
  Analyzer analyzer;
  std::vector<std::string> texts = {LongText(300)};
  // Real reports longer than a piece, and as many more cut in pieces of 1 KiB.
  const std::string corpus = test::SharedCorpusDir();
  for (const char* file : {"/en-news/reuters21578.jsonl", "/zh-news/xwlb-2018-2020.jsonl"}) {
    std::ifstream in(corpus + file);
    size_t taken = 0;
    for (std::string line; taken < 100 && std::getline(in, line);) {
      const std::string body = nlohmann::json::parse(line).value("body", "");
      if (body.size() > 4000 && body.find("》《") == std::string::npos) {
        texts.push_back(body);
        ++taken;
      }
    }
  }
  if (texts.size() < 201) WARN("shared corpus not found at " + corpus + ": real reports skipped");
  for (const std::string& text : texts) {
    const std::string whole = test::DumpTokens(analyzer.Analyze(text));
    CHECK(PiecewiseTokens(&analyzer, text, kBodyPieceBytes) == whole);
    CHECK(PiecewiseTokens(&analyzer, text, 1024) == whole);
  }
}

TEST_CASE("StoredBody: layouts are stored and damage is refused", "[stored_body]") {
  BodyLayout layout;
  layout.size = 300000;
  layout.head = 65000;
  layout.pieces = {{0, 120}, {8000, 1500}, {16100, 2900}, {299990, 60000}};
  const std::string encoded = EncodeBodyLayout(layout);
  const BodyLayout back = DecodeBodyLayout(encoded);
  CHECK(back.size == layout.size);
  CHECK(back.head == layout.head);
  REQUIRE(back.pieces.size() == layout.pieces.size());
  for (size_t i = 0; i < back.pieces.size(); ++i) {
    CHECK(back.pieces[i].begin == layout.pieces[i].begin);
    CHECK(back.pieces[i].position == layout.pieces[i].position);
  }
  const std::string kDamaged = "document data: damaged body layout";
  std::string truncated = encoded;
  truncated.pop_back();
  BodyLayout beyond = layout;
  beyond.pieces.back().begin = layout.size;  // a piece must start inside the body
  for (const std::string& bad :
       {std::string(), std::string("\x02") + encoded.substr(1), truncated, encoded + "x",
        EncodeBodyLayout(beyond)}) {
    REQUIRE_THROWS_WITH(DecodeBodyLayout(bad), kDamaged);
  }
}

TEST_CASE("StoredBody: a long body is stored in parts and read back whole", "[stored_body]") {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::string text = LongText(3000);  // 290 KB
  REQUIRE(text.size() > 4 * kBodyChunkBytes);
  const Xapian::docid docid = db.add_document(BuildDocument(analyzer, LongReport("long", text)));
  const Xapian::docid short_id =
      db.add_document(BuildDocument(analyzer, LongReport("short", LongText(20))));
  db.commit();

  // The document data holds the head (whole pieces) and the layout.
  const Xapian::Document doc = db.get_document(docid);
  const std::string data = doc.get_data();
  CHECK(data.size() < kBodyHeadBytes + 2048);
  const Report parsed = ParseReport(data);
  REQUIRE_FALSE(parsed.body_layout.empty());
  CHECK(parsed.body.size() <= kBodyHeadBytes);
  CHECK(parsed.body.size() > kBodyHeadBytes - kBodyPieceBytes);
  CHECK(text.compare(0, parsed.body.size(), parsed.body) == 0);
  const BodyLayout layout = DecodeBodyLayout(parsed.body_layout);
  CHECK(layout.size == text.size());
  CHECK(layout.pieces.size() == Count(Pieces(text, kBodyPieceBytes), ' ') + 1);
  for (const BodyPiece& piece : layout.pieces) CHECK(piece.position > 100);  // after the title
  // The rest in chunks, one value slot each from kSlotBodyChunks on.
  const size_t chunks = (text.size() - layout.head + kBodyChunkBytes - 1) / kBodyChunkBytes;
  CHECK(chunks == 4);
  CHECK_FALSE(doc.get_value(kSlotBodyChunks + static_cast<Xapian::valueno>(chunks - 1)).empty());
  CHECK(doc.get_value(kSlotBodyChunks + static_cast<Xapian::valueno>(chunks)).empty());

  // Parts of it, and all of it.
  const StoredBody body(doc, parsed);
  CHECK(body.size() == text.size());
  CHECK_FALSE(body.whole());
  const size_t head = layout.head;
  const std::vector<std::pair<size_t, size_t>> ranges = {
      {0, 10},
      {head - 5, head + 5},
      {head + kBodyChunkBytes - 3, head + kBodyChunkBytes + 3},
      {text.size() - 7, text.size()},
      {100, 100}};
  for (const auto& [b, e] : ranges) {
    CAPTURE(b, e);
    CHECK(body.Read(b, e) == text.substr(b, e - b));
  }
  // Chunks 0, 1 and the last were read.
  CHECK(body.bytes_inflated() ==
        2 * kBodyChunkBytes + (text.size() - head - (chunks - 1) * kBodyChunkBytes));
  const Report full = ReadFullReport(db, docid);
  CHECK(full.body == text);
  CHECK(full.body_layout.empty());
  CHECK(full.title == "Report long");

  // A short body stays whole in the data, with no chunk.
  const Report small = ParseReport(db.get_document(short_id).get_data());
  CHECK(small.body == LongText(20));
  CHECK(small.body_layout.empty());
  CHECK(db.get_document(short_id).get_value(kSlotBodyChunks).empty());
  CHECK(ReadFullReport(db, short_id).body == LongText(20));

  // What was read in part is never written back as a whole report.
  REQUIRE_THROWS_WITH(BuildDocument(analyzer, parsed),
                      "building report 'long': its body was read in part (use ReadFullReport)");
  REQUIRE_THROWS_WITH(ReadFullReport(db, 99), "report 99: no such document");
}

TEST_CASE("StoredBody: a damaged chunk is reported", "[stored_body]") {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc = BuildDocument(analyzer, LongReport("long", LongText(1000)));
  doc.add_value(kSlotBodyChunks, "not zlib");
  const Xapian::docid docid = db.add_document(doc);
  REQUIRE_THROWS_WITH(ReadFullReport(db, docid),
                      "document data: body chunk 0 of report 'long' is missing or damaged");
}

// Chunks are values of their document: replacing, removing, compacting and
// merging shards keep them in step with no help from the writer.
TEST_CASE("StoredBody: chunks follow their report through the index's life", "[stored_body]") {
  test::TempDir dir;
  const std::string path = dir.path() + "/idx";
  const std::string a = LongText(2500), b = LongText(1200), c = LongText(800);
  {
    IndexWriter writer(path, false, /*threads=*/2, /*merge_min=*/1);  // shards, merged
    REQUIRE(writer.bulk());
    writer.Put(LongReport("a", a));
    writer.Put(LongReport("b", b));
    writer.Put(LongReport("s", "short"));
    writer.Commit();
  }
  const auto body_of = [&path](const std::string& id) {
    Xapian::Database db(path);
    Xapian::PostingIterator it = db.postlist_begin(IdTerm(id));
    REQUIRE(it != db.postlist_end(IdTerm(id)));
    return ReadFullReport(db, *it).body;
  };
  CHECK(body_of("a") == a);
  CHECK(body_of("b") == b);
  {
    IndexWriter writer(path);
    writer.Put(LongReport("a", c));  // shorter: fewer chunks than before
    REQUIRE(writer.RemoveId("b") == IndexWriter::Removed::kReport);
    writer.Commit();
    writer.Compact();
  }
  CHECK(body_of("a") == c);
  Xapian::Database db(path);
  CHECK(db.get_doccount() == 2);
  // Only "a" holds chunks now, and only as many as its new body needs.
  const Report stored = ParseReport(db.get_document(*db.postlist_begin(IdTerm("a"))).get_data());
  const BodyLayout layout = DecodeBodyLayout(stored.body_layout);
  const size_t chunks = (c.size() - layout.head + kBodyChunkBytes - 1) / kBodyChunkBytes;
  REQUIRE(chunks >= 1);
  for (Xapian::valueno k = 0; k < 8; ++k) {
    CAPTURE(k);
    CHECK(db.get_value_freq(kSlotBodyChunks + k) == (k < chunks ? 1u : 0u));
  }
}

}  // namespace
}  // namespace sousuo
