// Issue 5: sousuo-index over a folder of hostile files beside good ones.
// Each hostile file gets one message naming it (and its line), every good
// file is indexed, the exit code is 1, nothing crashes or hangs, and memory
// stays bounded (the peak RSS is printed).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "common/report_path.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

test::RunResult Index(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), test::IndexBin());
  return test::Run(args, {}, input);
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A one-page PDF showing `lines` in Helvetica, with a correct xref table.
std::string MakePdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 14 TL 72 720 Td";
  for (const std::string& line : lines) content += " (" + line + ") Tj T*";
  content += " ET";
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R "
      ">> >> /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  for (size_t i = 0; i < 5; ++i) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t start = pdf.size();
  return pdf + xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" +
         std::to_string(start) + "\n%%EOF\n";
}

// `text` in UTF-16, with or without a byte-order mark.
std::string Utf16(const std::u16string& text, bool big_endian, bool bom) {
  std::string out = bom ? (big_endian ? "\xFE\xFF" : "\xFF\xFE") : "";
  for (const char16_t unit : text) {
    const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
    out += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return out;
}

// A JSON line with a body of `words` repeated `times` (no title, no line
// break in the body).
std::string JsonLine(const std::string& id, const std::string& words, size_t times = 1) {
  return "{\"id\":\"" + id + "\",\"title\":\"Line " + id + "\",\"body\":\"" +
         Repeat(words, times) + "\"}\n";
}

// Writes `megabytes` MB of one line of words to `out` without holding it.
void WriteOneLine(std::ostream& out, size_t megabytes) {
  const std::string chunk = Repeat("longline ", (1 << 20) / 9);
  for (size_t i = 0; i < megabytes; ++i) out << chunk;
}

// Writes JSON lines around a 100 MB one (the 6th of 11) to `path`. The test
// never holds a large input: a child spawned while it did was charged the
// test's memory as its peak RSS.
void WriteHugeLineJsonl(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 1; i <= 5; ++i) out << JsonLine("line-" + std::to_string(i), "good line " + std::to_string(i));
  out << "{\"id\":\"line-6\",\"title\":\"Line line-6\",\"body\":\"";
  WriteOneLine(out, 100);
  out << "\"}\n";
  for (int i = 7; i <= 11; ++i) out << JsonLine("line-" + std::to_string(i), "good line " + std::to_string(i));
}

// The hostile folder: good files (a-..e-) and one of each hostile kind.
void WriteHostileFolder(const test::TempDir& dir) {
  dir.Write("in/a-good.txt", "Harbour report\nThe cranes unloaded zebrafish crates.\n");
  dir.Write("in/b-good.md", "# Park notes\n\nThe ginkgo trees were pruned.\n");
  dir.Write("in/c-good.html",
            "<html><head><title>Bus page</title></head><body><p>Night buses to the "
            "terminus.</p></body></html>");
  dir.Write("in/d-good.jsonl", JsonLine("good-1", "wheat harvest") + JsonLine("good-2", "rice paddies"));
  dir.Write("in/e-good.pdf", MakePdf({"PDF report", "Quarterly tonnage rose."}));
  dir.Write("in/bad-utf8.txt", "Bad bytes\nbody \xFF here\n");
  {
    std::ofstream big(dir.path() + "/in/big.txt", std::ios::binary);
    WriteOneLine(big, 200);
  }
  dir.Write("in/deep.html", Repeat("<div>", 100000) + "deepword" + Repeat("</div>", 100000));
  dir.Write("in/deep.jsonl", JsonLine("deep-1", "first") + "{\"id\":\"deep-2\",\"body\":\"b\",\"m\":" +
                                 Repeat("[", 200000) + Repeat("]", 200000) + "}\n" +
                                 JsonLine("deep-3", "third"));
  REQUIRE(::mkfifo((dir.path() + "/in/fifo.txt").c_str(), 0600) == 0);
  dir.Write("in/gumbo.html", "<table><svg><td><title><select></table>");
  WriteHugeLineJsonl(dir.path() + "/in/huge-line.jsonl");
  REQUIRE(::symlink(".", (dir.path() + "/in/loop").c_str()) == 0);
  // Reading the indexer's own /proc/self/mem at offset 0 fails (EIO): an
  // unreadable file even for root, which reads past chmod 000.
  REQUIRE(::symlink("/proc/self/mem", (dir.path() + "/in/mem.txt").c_str()) == 0);
  dir.Write("in/nul.txt", std::string("NUL\nabc\0def\n", 12));
  dir.Write("in/overlong.txt", "Overlong forms\nslash \xC0\xAF and \xE0\x80\xAF, surrogate \xED\xA0\x80\n");
  REQUIRE(::symlink("self.txt", (dir.path() + "/in/self.txt").c_str()) == 0);
  dir.Write("in/token.txt", "Token report\n" + std::string(1 << 20, 'x') + " tokenmarker\n");
  const std::string pdf = MakePdf({"Cut report", "This PDF ends early."});
  dir.Write("in/truncated.pdf", pdf.substr(0, pdf.size() / 2));
  dir.Write("in/u16be-bom.txt", Utf16(u"Sixteen BE\nbebomword 小麦\n", true, true));
  dir.Write("in/u16be.txt", Utf16(u"Sixteen BE bare\nbebareword 小麦\n", true, false));
  dir.Write("in/u16le-bom.txt", Utf16(u"Sixteen LE\nlebomword 小麦\n", false, true));
  dir.Write("in/u16le.txt", Utf16(u"Sixteen LE bare\nlebareword 小麦\n", false, false));
  dir.Write("in/unclosed-title.html", "<html><head><title>Cut off in the title");
  dir.Write("in/unclosed.html",
            "<html><body><p>open para <div><b>bold <i>italic <table><tr><td>cellmarker");
}

TEST_CASE("sousuo-index: a folder of hostile files beside good ones", "[cli][hostile]") {
  test::TempDir dir;
  WriteHostileFolder(dir);
  const std::string index = dir.path() + "/idx";
  const test::RunResult r = Index({"--index", index, dir.path() + "/in"});
  WARN("sousuo-index over the hostile folder: peak RSS " << r.max_rss_kb / 1024 << " MB");
  CHECK(test::MaskIndexerStderr(r.err, dir.path()) ==
        "DIR/in/bad-utf8.txt:2:6: invalid UTF-8, replaced with U+FFFD\n"
        "DIR/in/big.txt: larger than 64 MiB, skipped (large files are not supported yet)\n"
        "DIR/in/deep.html: HTML nested deeper than 512 levels, 99488 tags ignored\n"
        "DIR/in/deep.jsonl:2:542: JSON nested deeper than 512 levels\n"
        "DIR/in/gumbo.html: not parseable HTML, skipped\n"
        "DIR/in/huge-line.jsonl:6: line longer than 64 MiB, skipped\n"
        "DIR/in/loop: symlink loop, skipped\n"
        "DIR/in/mem.txt: cannot read: input/output error\n"
        "DIR/in/nul.txt: binary data, skipped\n"
        "DIR/in/overlong.txt:2:7: invalid UTF-8, replaced with U+FFFD\n"
        "DIR/in/self.txt: cannot read: too many levels of symbolic links\n"
        "DIR/in/truncated.pdf: not a readable PDF, skipped\n"
        "DIR/in/u16be.txt: no byte-order mark, read as UTF-16BE\n"
        "DIR/in/u16le.txt: no byte-order mark, read as UTF-16LE\n"
        "DIR/in/unclosed-title.html: no text in HTML, skipped\n"
        "indexed 27 reports (X MB) in T s, R MB/s: 27 added, 0 updated, 0 unchanged, 0 removed; "
        "10 skipped, 5 repaired; index DIR/idx holds 27 reports\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE((test::kSanitized || r.max_rss_kb < 256 * 1024));

  const test::RunResult list = Index({"--index", index, "--list"});
  REQUIRE(list.exit_code == 0);
  REQUIRE(test::MaskDir(list.out, dir.path()) ==
          "DIR/in/a-good.txt\tHarbour report\t\n"
          "DIR/in/b-good.md\tPark notes\t\n"
          "DIR/in/bad-utf8.txt\tBad bytes\t\n"
          "DIR/in/c-good.html\tBus page\t\n"
          "DIR/in/deep.html\tdeep\t\n"
          "DIR/in/e-good.pdf\tPDF report\t\n"
          "DIR/in/overlong.txt\tOverlong forms\t\n"
          "DIR/in/token.txt\tToken report\t\n"
          "DIR/in/u16be-bom.txt\tSixteen BE\t\n"
          "DIR/in/u16be.txt\tSixteen BE bare\t\n"
          "DIR/in/u16le-bom.txt\tSixteen LE\t\n"
          "DIR/in/u16le.txt\tSixteen LE bare\t\n"
          "DIR/in/unclosed.html\tunclosed\t\n"
          "deep-1\tLine deep-1\t\n"
          "deep-3\tLine deep-3\t\n"
          "good-1\tLine good-1\t\n"
          "good-2\tLine good-2\t\n"
          "line-1\tLine line-1\t\n"
          "line-10\tLine line-10\t\n"
          "line-11\tLine line-11\t\n"
          "line-2\tLine line-2\t\n"
          "line-3\tLine line-3\t\n"
          "line-4\tLine line-4\t\n"
          "line-5\tLine line-5\t\n"
          "line-7\tLine line-7\t\n"
          "line-8\tLine line-8\t\n"
          "line-9\tLine line-9\t\n");
  // The text past the hostile parts is searchable.
  const std::pair<const char*, const char*> kFinds[] = {
      {"zebrafish", "a-good.txt"}, {"deepword", "deep.html"},   {"tokenmarker", "token.txt"},
      {"cellmarker", "unclosed.html"}, {"tonnage", "e-good.pdf"}, {"lebareword", "u16le.txt"},
      {"bebareword", "u16be.txt"}, {"\"good line 11\"", "line-11"}, {"小麦 lebomword", "u16le-bom.txt"},
  };
  for (const auto& [query, id] : kFinds) {
    CAPTURE(query);
    const test::RunResult q =
        test::Run({test::QueryBin(), "--index", index, "--json", "--snippets", "0", query});
    REQUIRE(q.exit_code == 0);
    const std::string full = std::string(id).find('.') == std::string::npos
                                 ? std::string(id)
                                 : FileReportId(dir.path() + "/in/" + id);
    REQUIRE(q.out.find("\"id\":\"" + full + "\"") != std::string::npos);
  }
}

TEST_CASE("sousuo-index: memory on a 200 MB line and a 100 MB JSON line", "[cli][hostile]") {
  test::TempDir dir;
  const std::string index = dir.path() + "/idx";
  const std::string big = dir.path() + "/big.txt";
  {
    std::ofstream out(big, std::ios::binary);
    WriteOneLine(out, 200);
  }
  test::RunResult r = Index({"-q", "--index", index, big});
  WARN("200 MB single-line file: peak RSS " << r.max_rss_kb / 1024 << " MB");
  REQUIRE(r.err == big + ": larger than 64 MiB, skipped (large files are not supported yet)\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE((test::kSanitized || r.max_rss_kb < 64 * 1024));  // never read
  ::unlink(big.c_str());

  const std::string jsonl = dir.path() + "/huge.jsonl";
  WriteHugeLineJsonl(jsonl);
  r = Index({"-q", "--index", index, jsonl});
  WARN("100 MB JSON line among 10 in a file: peak RSS " << r.max_rss_kb / 1024 << " MB");
  REQUIRE(r.err == jsonl + ":6: line longer than 64 MiB, skipped\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE((test::kSanitized || r.max_rss_kb < 64 * 1024));  // measured first, never read

  // On a pipe the line is read up to the limit, in a buffer that grows by
  // doubling: at most twice 64 MiB.
  r = test::Run({"/bin/sh", "-c", "exec \"$0\" -q --index \"$1\" - < \"$2\"", test::IndexBin(),
                 index, jsonl});
  WARN("100 MB JSON line among 10 on standard input: peak RSS " << r.max_rss_kb / 1024 << " MB");
  REQUIRE(r.err == "<stdin>:6: line longer than 64 MiB, skipped\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE((test::kSanitized || r.max_rss_kb < 200 * 1024));
  const test::RunResult list = Index({"--index", index, "--list"});
  REQUIRE(list.out.find("line-5\tLine line-5\t\nline-7\tLine line-7\t\n") != std::string::npos);
  REQUIRE(std::count(list.out.begin(), list.out.end(), '\n') == 10);
}

}  // namespace
}  // namespace sousuo
