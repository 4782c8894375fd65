#include "indexer/pdf_reader.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/report_path.h"
#include "common/schema.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// A PDF string literal: ( ) and \ escaped.
std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + ")";
}

// What MakePdf builds.
struct PdfSpec {
  std::vector<std::vector<std::string>> pages;  // lines of Helvetica text
  std::string title;                            // the Info Title, if any
  bool encrypted = false;  // a Standard handler no empty password opens
};

// A minimal valid PDF: catalog, page tree, one page and content stream per
// entry of spec.pages, a Helvetica font, an optional Info dictionary and an
// optional /Encrypt dictionary; the xref offsets are computed as it is built.
// `encoding`, if not empty, is the font's /Encoding.
std::string MakePdf(const PdfSpec& spec, const std::string& encoding = "") {
  std::vector<std::string> objects;  // object i + 1
  const size_t n = spec.pages.size();
  // 1 catalog, 2 pages, 3 font, then page/content pairs, then info, encrypt.
  std::string kids;
  for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(n) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" +
                    (encoding.empty() ? "" : " /Encoding " + encoding) + " >>");
  for (size_t i = 0; i < n; ++i) {
    std::string content = "BT /F1 12 Tf 14 TL 72 720 Td";
    for (const std::string& line : spec.pages[i])
      content += " " + PdfString(line) + " Tj T*";
    content += " ET";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        " /Resources << /Font << /F1 3 0 R >> >> /Contents " +
        std::to_string(5 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) +
                      " >>\nstream\n" + content + "\nendstream");
  }
  std::string trailer = "/Root 1 0 R";
  if (!spec.title.empty()) {
    objects.push_back("<< /Title " + PdfString(spec.title) + " >>");
    trailer += " /Info " + std::to_string(objects.size()) + " 0 R";
  }
  if (spec.encrypted) {
    const std::string hash = "<" + std::string(64, 'A') + ">";
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O " + hash + " /U " +
                      hash + " /P -4 >>");
    trailer += " /Encrypt " + std::to_string(objects.size()) + " 0 R" +
               " /ID [<0123456789ABCDEF0123456789ABCDEF>"
               " <0123456789ABCDEF0123456789ABCDEF>]";
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n";
  pdf += "0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " " +
         trailer + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// "title|body|lang|meta" with "\n" in the body shown as "¶", then the
// diagnostics ("E f: ..." or "W f: ...").
std::string Dump(const Outcome<Report>& outcome) {
  std::string out;
  if (outcome.value) {
    const Report& r = *outcome.value;
    std::string body;
    for (char c : r.body)
      body += c == '\n' ? std::string("¶") : std::string(1, c);
    out = r.id + "|" + r.title + "|" + body + "|" + r.lang + "|" + r.metadata +
          "|" + r.path + "\n";
  }
  for (const Diagnostic& d : outcome.diagnostics) {
    out += d.severity == Diagnostic::Severity::kError ? "E " : "W ";
    out += d.Format("f") + "\n";
  }
  return out;
}

const TextSource kSource{"dir/a.pdf", "root/dir/a.pdf", "a", false};

TEST_CASE("ReadPdfReport: text, pages and titles", "[pdf_reader]") {
  struct Case {
    PdfSpec spec;
    std::string expect;
  };
  const Case cases[] = {
      {{{{"Quarterly Report", "Revenue grew by ten percent."}}, "", false},
       "dir/a.pdf|Quarterly Report|Quarterly Report¶Revenue grew by ten "
       "percent.|en|{\"pages\":[0]}|root/dir/a.pdf\n"},
      {{{{"First page text."}, {"Second (page) text."}},
        "Annual Review",
        false},
       "dir/a.pdf|Annual Review|First page text.¶Second (page) text.|en|"
       "{\"pages\":[0,17]}|root/dir/a.pdf\n"},
      {{{{"One."}, {}, {"Three."}}, "  ", false},
       "dir/a.pdf|One.|One.¶¶Three.|en|{\"pages\":[0,5,6]}|root/dir/a.pdf\n"},
      {{{{std::string(121, 'i')}}, "", false},
       ("dir/a.pdf|a|" + std::string(121, 'i') +
        "|en|{\"pages\":[0]}|root/dir/a.pdf\n")},
  };
  for (const Case& c : cases) {
    CAPTURE(c.spec.title);
    CHECK(Dump(ReadPdfReport(MakePdf(c.spec), kSource)) == c.expect);
  }
}

// Issue 5 (fuzz/pdf_fuzz): C1 controls such as U+009B (CSI) were kept in
// the body and the title although the header promised to drop controls.
TEST_CASE("ReadPdfReport: control characters are dropped", "[pdf_reader]") {
  const PdfSpec spec{{{"Con\1trol\2s", "C1\3 and \4C0"}}, "", false};
  const std::string pdf = MakePdf(
      spec, "<< /Differences [1 /uni009B /uni0085 /uni0080 /uni0007] >>");
  CHECK(Dump(ReadPdfReport(pdf, kSource)) ==
        "dir/a.pdf|Controls|Controls¶C1 and C0|en|{\"pages\":[0]}|"
        "root/dir/a.pdf\n");
}

TEST_CASE("ReadPdfReport: unreadable PDFs are skipped", "[pdf_reader]") {
  const std::string good = MakePdf({{{"Some text here."}}, "", false});
  struct Case {
    std::string bytes;
    const char* expect;
  };
  const Case cases[] = {
      {"", "E f: not a readable PDF, skipped\n"},
      {"This is not a PDF at all.\n", "E f: not a readable PDF, skipped\n"},
      {good.substr(0, good.size() / 3), "E f: not a readable PDF, skipped\n"},
      {MakePdf({{{"Secret text."}}, "", true}),
       "E f: encrypted PDF, skipped\n"},
      {MakePdf({{{}}, "", false}), "E f: no text in PDF, skipped\n"},
      // Poppler would size its object table by these numbers.
      {good + "19999999 0 obj\n<< >>\nendobj\n",
       "E f: PDF object numbers out of range, skipped\n"},
      {good + "xref\n0 99999999\n", "E f: PDF object numbers out of range, skipped\n"},
      {good + "1048577 0 obj\n<< >>\nendobj\n", "E f: PDF object numbers out of range, skipped\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes.substr(0, 40));
    CHECK(Dump(ReadPdfReport(c.bytes, kSource)) == c.expect);
  }
}

// Object numbers up to the limit are read as usual: a damaged file that
// names object 1,048,575 (within kMinPdfObjectLimit) still gives its text.
TEST_CASE("ReadPdfReport: object numbers within the limit are read", "[pdf_reader]") {
  const std::string pdf = MakePdf({{{"Numbered far."}}, "", false}) +
                          "1048575 0 obj\n<< >>\nendobj\n";
  REQUIRE(MaxPdfObjectNumber(pdf.size()) == 1048576);
  const Outcome<Report> outcome = ReadPdfReport(pdf, kSource);
  REQUIRE(outcome.value);
  REQUIRE(outcome.value->body == "Numbered far.");
  REQUIRE(MaxPdfObjectNumber(100 << 20) == 13107200);
}

// The lines of `err` that start with `dir`, with `dir` written "DIR".
std::string PathLines(const std::string& err, const std::string& dir) {
  std::istringstream in(err);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(dir, 0) == 0)
      out += "DIR" + line.substr(dir.size()) + "\n";
  }
  return out;
}

TEST_CASE("sousuo-index reads HTML and PDF reports", "[pdf_reader][cli]") {
  test::TempDir dir;
  const std::string index = dir.path() + "/idx";
  dir.Write("in/page.html",
            "<html><head><title>Cocoa harvest</title><script>var zanzibar;"
            "</script></head><body><h1>Bahia</h1><p>Showers continued in "
            "the Bahia cocoa zone.</p></body></html>");
  const std::string pdf = MakePdf(
      {{{"Grain report"}, {"Wheat rose on export demand."}}, "", false});
  dir.Write("in/report.pdf", pdf);
  dir.Write("in/broken.pdf", pdf.substr(0, pdf.size() / 3));
  dir.Write("in/note.txt", "Copper note\nCopper fell in London.\n");

  const test::RunResult run =
      test::Run({test::IndexBin(), "--index", index, dir.path() + "/in"});
  CAPTURE(run.err);
  CHECK(run.exit_code == 1);
  CHECK(PathLines(run.err, dir.path()) ==
        "DIR/in/broken.pdf: not a readable PDF, skipped\n");
  REQUIRE(Xapian::Database(index).get_doccount() == 3);

  const struct {
    const char* query;
    const char* id;
  } hits[] = {
      {"cocoa", "page.html"}, {"wheat", "report.pdf"}, {"copper", "note.txt"}};
  for (const auto& hit : hits) {
    const test::RunResult q =
        test::Run({test::QueryBin(), "--index", index, "--json", hit.query});
    CAPTURE(hit.query, q.out, q.err);
    CHECK(q.exit_code == 0);
    const std::string id = FileReportId(dir.path() + "/in/" + hit.id);
    CHECK(q.out.find("\"id\":\"" + id + "\"") != std::string::npos);
  }
  // Script text is not indexed.
  CHECK(test::Run({test::QueryBin(), "--index", index, "zanzibar"}).exit_code ==
        1);
  // The PDF's page offsets are stored with it.
  Xapian::Database db(index);
  const std::string term = IdTerm(FileReportId(dir.path() + "/in/report.pdf"));
  REQUIRE(db.postlist_begin(term) != db.postlist_end(term));
  const Report stored =
      ParseReport(db.get_document(*db.postlist_begin(term)).get_data());
  CHECK(stored.title == "Grain report");
  CHECK(stored.metadata == "{\"pages\":[0,13]}");
}

}  // namespace
}  // namespace sousuo
