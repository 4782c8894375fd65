// snippet_bench: what the snippets of one hit cost on hostile reports (issue
// 12, "Snippets in bounded time"), and the reports to measure it on.
//
//   snippet_bench corpus DIR
//   snippet_bench run --index DIR --queries FILE [--repeat 5]
//
// corpus writes these reports into DIR, the same bytes on every run (about
// 200 MB; index them with `sousuo-index --index IDX DIR`):
//   oneline.txt          50 MB of English sentences on one line
//   jinan.txt            济南 repeated to 3 MB, with no break at all
//   huge-a.txt, -b.txt   63 MiB each of English paragraphs; the word quokka
//                        in two sentences, at 5 % and at 95 % of the text
//   zh-long.txt          16 MB of Chinese paragraphs; 鸭嘴兽 at 5 % and 95 %
//   title.jsonl          one report whose title is 4 MB of English words
// The English words are made of syllables (a few thousand of them, so that
// stems and terms vary as in real text); bench/queries/hostile.tsv holds
// queries for each case.
//
// run answers each query as sousuo-query does with its default options
// (QueryBuilder::Build, RunSearch for hits 0-9, snippet options of
// query_cli.cc) once; then for each hit it times reading its stored report
// (get_document, get_data, ParseReport: what the search does per hit) and
// its snippet work (HighlightAll(title), Generate(db, docid, report), as
// the hit's snippets are made), each the median of --repeat runs, with the
// bytes that work analysed, folded and inflated from stored chunks (per run).
// One line per hit:
//   QID RANK ID body_bytes=N read_us=X snippet_us=Y analysed=A folded=F inflated=I
// then one summary line:
//   hits=N max_snippet_us=Y at=QID/RANK max_read_us=X at=QID/RANK
// With --print, each hit's line is followed by the hit as sousuo-query
// prints it (plain text).
// Exit status: 0 on success, 1 if a query was rejected, 2 on a fatal error.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"
#include "common/analyzer.h"
#include "common/document.h"
#include "common/error.h"
#include "common/render.h"
#include "common/index_reader.h"
#include "common/query_builder.h"
#include "common/searcher.h"
#include "common/snippet.h"
#include "common/stored_body.h"

namespace {

// ---- corpus ---------------------------------------------------------------

// A small deterministic generator (64-bit LCG, top bits), the same on every
// platform, unlike <random>'s distributions.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint32_t Below(uint32_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state_ >> 33) % n);
  }

 private:
  uint64_t state_;
};

const char* const kSyllables[] = {
    "ba", "be", "con", "da", "de", "di", "er", "fa", "ga", "in", "ka", "la", "lo", "ma", "men",
    "mi", "na", "no", "or", "pa", "per", "pro", "ra", "re", "ri", "sa", "se", "ta", "ter", "ti",
    "to", "tra", "un", "va", "ve", "vi"};
const char* const kEndings[] = {"", "", "", "s", "ed", "ing", "er", "ly", "tion", "ment"};
const char* const kChineseWords[] = {
    "经济", "发展", "教育", "会议", "工作", "建设", "改革", "推进", "全面", "加强", "社会",
    "城市", "农村", "企业", "政府", "人民", "服务", "创新", "科技", "文化", "生态", "环境",
    "水平", "提高", "实施", "重点", "项目", "完成", "部署", "落实", "坚持", "推动", "质量",
    "安全", "保障", "民生", "就业", "医疗", "交通", "基础", "设施", "投资", "消费", "市场"};

std::string EnglishWord(Lcg* r) {
  std::string word;
  for (uint32_t n = 1 + r->Below(3); n > 0; --n) word += kSyllables[r->Below(36)];
  return word + kEndings[r->Below(10)];
}

// About `bytes` of English sentences, paragraphs ending in `paragraph_end`.
// `marker` is put in a sentence at each of `at` (fractions of `bytes`).
void WriteEnglish(std::ofstream& out, size_t bytes, const char* paragraph_end,
                  const std::string& marker, std::vector<double> at, Lcg* r) {
  std::string text;
  size_t written = 0;
  while (written < bytes) {
    text.clear();
    for (uint32_t sentences = 3 + r->Below(5); sentences > 0; --sentences) {
      std::string sentence = EnglishWord(r);
      sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
      for (uint32_t words = 6 + r->Below(14); words > 0; --words) {
        sentence += r->Below(12) == 0 ? ", " : " ";
        sentence += r->Below(20) == 0 ? std::to_string(r->Below(10000)) : EnglishWord(r);
      }
      if (!at.empty() && written + text.size() >= at.front() * bytes) {
        sentence += " and a " + marker + " was seen by the river";
        at.erase(at.begin());
      }
      text += sentence + ". ";
    }
    text.pop_back();
    text += paragraph_end;
    out << text;
    written += text.size();
  }
}

void WriteChinese(std::ofstream& out, size_t bytes, const std::string& marker,
                  std::vector<double> at, Lcg* r) {
  std::string text;
  size_t written = 0;
  while (written < bytes) {
    text.clear();
    for (uint32_t clauses = 4 + r->Below(8); clauses > 0; --clauses) {
      for (uint32_t words = 3 + r->Below(6); words > 0; --words) text += kChineseWords[r->Below(44)];
      if (!at.empty() && written + text.size() >= at.front() * bytes) {
        text += "发现了" + marker;
        at.erase(at.begin());
      }
      text += r->Below(3) == 0 ? "。" : "，";
    }
    text.resize(text.size() - 3);  // the last clause mark: the paragraph ends
    text += "。\n";
    out << text;
    written += text.size();
  }
}

std::ofstream Create(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw std::runtime_error(path + ": cannot create");
  return out;
}

void WriteCorpus(const std::string& dir) {
  Lcg r(12);
  {
    std::ofstream out = Create(dir + "/oneline.txt");
    WriteEnglish(out, 50'000'000, " ", "platypus", {}, &r);
  }
  {
    std::ofstream out = Create(dir + "/jinan.txt");
    for (int i = 0; i < 500'000; ++i) out << "济南";
  }
  for (const char* name : {"/huge-a.txt", "/huge-b.txt"}) {
    std::ofstream out = Create(dir + name);
    out << "Huge report " << name + 6 << "\n";
    WriteEnglish(out, (63u << 20) - 64, "\n", "quokka", {0.05, 0.95}, &r);
  }
  {
    std::ofstream out = Create(dir + "/zh-long.txt");
    out << "长篇报告\n";
    WriteChinese(out, 16'000'000, "鸭嘴兽", {0.05, 0.95}, &r);
  }
  {
    std::ofstream out = Create(dir + "/title.jsonl");
    out << R"({"id":"huge-title","title":")";
    WriteEnglish(out, 4'000'000, " ", "wombat", {0.5}, &r);
    out << R"(","body":")";
    WriteEnglish(out, 1'000'000, " ", "wombat", {0.5}, &r);
    out << "\"}\n";
  }
}

// ---- run ------------------------------------------------------------------

// sousuo-query's defaults (query/query_cli.h QueryOptions).
constexpr unsigned kLimit = 10;
constexpr unsigned kSnippets = 3;
constexpr unsigned kWidth = 120;

struct RunOptions {
  std::string index;
  std::string queries;
  unsigned repeat = 5;
  bool print = false;
};

template <typename F>
double MedianMicros(unsigned repeat, F f) {
  std::vector<double> micros;
  for (unsigned i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  return bench::Percentile(micros, 50);
}

struct Worst {
  double us = -1;
  std::string at;
  void Note(double v, const std::string& where) {
    if (v > us) {
      us = v;
      at = where;
    }
  }
};

int Run(const RunOptions& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/true);
  sousuo::Analyzer analyzer;
  sousuo::IndexReader reader(options.index);
  const Xapian::Database& db = reader.database();
  sousuo::SnippetOptions snippet_options;
  snippet_options.fragment_columns = kWidth;
  snippet_options.max_fragments = kSnippets;
  size_t hits = 0;
  int status = 0;
  Worst snippet, read;
  for (const bench::QueryLine& query : queries) {
    sousuo::BuiltQuery built;
    try {
      built = sousuo::QueryBuilder(&analyzer).Build(query.text);
    } catch (const sousuo::QueryError& e) {
      std::cerr << "query " << query.id << ": " << e.what() << "\n";
      status = 1;
      continue;
    }
    sousuo::SearchRequest request;
    request.limit = kLimit;
    const sousuo::SearchOutcome outcome = sousuo::RunSearch(&reader, built, request);
    sousuo::SnippetGenerator snippets(&analyzer, built.highlights, snippet_options);
    for (const sousuo::Hit& hit : outcome.hits) {
      const double read_us = MedianMicros(options.repeat, [&] {
        sousuo::ParseReport(db.get_document(hit.docid, Xapian::DOC_ASSUME_VALID).get_data());
      });
      const sousuo::SnippetCounters before = snippets.counters();
      const double snippet_us = MedianMicros(options.repeat, [&] {
        snippets.HighlightAll(hit.report.title);
        snippets.Generate(db, hit.docid, hit.report);
      });
      const sousuo::SnippetCounters& after = snippets.counters();
      const auto per_run = [&](size_t a, size_t b) { return (b - a) / options.repeat; };
      const std::string where = query.id + "/" + std::to_string(hit.rank);
      std::cout << query.id << " " << hit.rank << " " << hit.report.id
                << " body_bytes=" << sousuo::StoredBody(db.get_document(hit.docid), hit.report).size()
                << " read_us=" << static_cast<long long>(read_us + 0.5)
                << " snippet_us=" << static_cast<long long>(snippet_us + 0.5)
                << " analysed=" << per_run(before.analysed, after.analysed)
                << " folded=" << per_run(before.folded, after.folded)
                << " inflated=" << per_run(before.inflated, after.inflated) << "\n";
      if (options.print) {
        sousuo::HitView view;
        view.rank = hit.rank;
        view.score = hit.score;
        view.report = &hit.report;
        view.title = snippets.HighlightAll(hit.report.title);
        view.snippets = snippets.Generate(db, hit.docid, hit.report);
        view.partial = hit.partial;
        view.missing = hit.missing;
        std::cout << sousuo::RenderTextHit(view, sousuo::TextStyle{false, 120, ""});
      }
      snippet.Note(snippet_us, where);
      read.Note(read_us, where);
      ++hits;
    }
  }
  std::cout << "hits=" << hits << " max_snippet_us=" << static_cast<long long>(snippet.us + 0.5)
            << " at=" << snippet.at << " max_read_us=" << static_cast<long long>(read.us + 0.5)
            << " at=" << read.at << "\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Snippet cost per hit on hostile reports (issue 12).", "snippet_bench"};
  app.require_subcommand(1);
  std::string dir;
  CLI::App* corpus = app.add_subcommand("corpus", "Write the hostile reports into DIR");
  corpus->add_option("DIR", dir, "Directory (must exist)")->required();
  RunOptions options;
  CLI::App* run = app.add_subcommand("run", "Time each hit's stored text and snippets");
  run->add_option("--index", options.index, "Index directory")->required();
  run->add_option("--queries", options.queries, "qid<TAB>text lines (or one query per line)")
      ->required();
  run->add_option("--repeat", options.repeat, "Timed runs per hit, median (default 5)")
      ->check(CLI::PositiveNumber);
  run->add_flag("--print", options.print, "Also print each hit as sousuo-query would");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (corpus->parsed()) {
      WriteCorpus(dir);
      return 0;
    }
    return Run(options);
  } catch (const sousuo::Error& e) {
    std::cerr << "snippet_bench: " << e.what() << "\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "snippet_bench: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "snippet_bench: " << e.what() << "\n";
  }
  return 2;
}
