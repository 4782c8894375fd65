#include "indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <istream>
#include <memory>
#include <ostream>
#include <string_view>
#include <utility>

#include "common/error.h"
#include "common/index_path.h"
#include "common/index_writer.h"
#include "indexer/corpus_walker.h"
#include "indexer/report_reader.h"

namespace sousuo {

namespace {

using Clock = std::chrono::steady_clock;
using Verbosity = IndexerOptions::Verbosity;

constexpr std::chrono::milliseconds kProgressInterval(500);

std::string Fixed1(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Reads all of `in`, or fails like ReadFileBytes when it is too large.
std::string ReadStream(std::istream& in, size_t max_bytes, std::string* bytes) {
  char buffer[1 << 16];
  bytes->clear();
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes->append(buffer, static_cast<size_t>(in.gcount()));
    if (bytes->size() > max_bytes) {
      bytes->clear();
      return "larger than " + std::to_string(max_bytes >> 20) +
             " MiB, skipped (large files are not supported yet)";
    }
  }
  if (in.bad())
    return "cannot read: input error";
  return "";
}

// One run over the inputs: reading, batching, messages and counts.
class Run {
 public:
  Run(const IndexerOptions& options, IndexWriter* writer, std::istream& in,
      std::ostream& err)
      : options_(options),
        writer_(writer),
        in_(in),
        err_(err),
        start_(Clock::now()),
        last_progress_(start_) {}

  void Item(const WalkItem& item);
  // Commits the last batch and prints the summary; returns the exit code.
  int Finish();
  // Clears the live progress line before a fatal message.
  void ClearProgress();

 private:
  void Text(std::string_view bytes, const WalkItem& item,
            const std::string& id);
  void JsonLines(const std::string& text, const std::string& path,
                 const std::string& report_path);
  void Put(Report report);
  void Diagnose(const std::vector<Diagnostic>& diagnostics,
                const std::string& path);
  void Print(const std::string& line);
  void Progress();
  void Compact();

  const IndexerOptions& options_;
  IndexWriter* writer_;
  std::istream& in_;
  std::ostream& err_;
  const Clock::time_point start_;
  Clock::time_point last_progress_;
  bool progress_shown_ = false;
  size_t reports_ = 0;   // reports Put
  size_t pending_ = 0;   // reports Put since the last commit
  size_t skipped_ = 0;   // files or lines left out (errors)
  size_t repaired_ = 0;  // files or lines indexed with a warning
  unsigned long long bytes_ = 0;
};

void Run::Item(const WalkItem& item) {
  if (item.kind != WalkItem::Kind::kFile) {
    if (item.kind == WalkItem::Kind::kError) {
      ++skipped_;
      Print(item.message);
    } else if (options_.verbosity == Verbosity::kVerbose) {
      Print(item.message);
    }
    return;
  }
  std::string bytes;
  const bool is_stdin = item.format == InputFormat::kStdin;
  const std::string error =
      is_stdin ? ReadStream(in_, kMaxInputBytes, &bytes)
               : ReadFileBytes(item.path, kMaxInputBytes, &bytes);
  if (!error.empty()) {
    Diagnose({Diagnostic{Diagnostic::Severity::kError, 0, 0, error}},
             item.path);
    return;
  }
  const unsigned long long bytes_before = bytes_;
  const size_t before = reports_;
  Outcome<std::string> decoded = DecodeText(bytes);
  Diagnose(decoded.diagnostics, item.path);
  if (!decoded.value)
    return;
  if (item.format == InputFormat::kJsonLines ||
      (is_stdin && LooksLikeJsonLines(*decoded.value))) {
    JsonLines(*decoded.value, item.path, is_stdin ? "" : item.path);
  } else {
    bytes_ = bytes_before + bytes.size();
    Text(*decoded.value, item, is_stdin ? options_.stdin_id : item.id);
  }
  bytes_ = bytes_before + bytes.size();
  if (options_.verbosity == Verbosity::kVerbose) {
    Print(item.path + ": indexed " + Plural(reports_ - before, "report"));
  }
}

void Run::Text(std::string_view text, const WalkItem& item,
               const std::string& id) {
  TextSource source;
  source.id = id;
  const bool is_stdin = item.format == InputFormat::kStdin;
  source.path = is_stdin ? "" : item.path;
  source.fallback_title = id;
  if (!is_stdin) {
    const size_t slash = id.rfind('/');
    source.fallback_title =
        id.substr(slash == std::string::npos ? 0 : slash + 1);
    const size_t dot = source.fallback_title.rfind('.');
    if (dot != std::string::npos && dot > 0)
      source.fallback_title.resize(dot);
  }
  source.markdown = item.format == InputFormat::kMarkdown;
  Outcome<Report> report = ReadTextReport(text, source);
  Diagnose(report.diagnostics, item.path);
  if (report.value)
    Put(std::move(*report.value));
}

void Run::JsonLines(const std::string& text, const std::string& path,
                    const std::string& report_path) {
  size_t line_number = 0;
  const unsigned long long bytes_before = bytes_;
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos)
      eol = text.size();
    const std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    bytes_ = bytes_before + pos;  // progress within a large file
    ++line_number;
    if (line.find_first_not_of(" \t\r\f\v") == std::string_view::npos)
      continue;
    Outcome<Report> report = ParseJsonLine(line, line_number, report_path);
    Diagnose(report.diagnostics, path);
    if (report.value)
      Put(std::move(*report.value));
  }
}

void Run::Put(Report report) {
  writer_->Put(report);
  ++reports_;
  if (++pending_ >= options_.batch) {
    writer_->Commit();
    pending_ = 0;
  }
  Progress();
}

void Run::Diagnose(const std::vector<Diagnostic>& diagnostics,
                   const std::string& path) {
  for (const Diagnostic& d : diagnostics) {
    const bool error = d.severity == Diagnostic::Severity::kError;
    ++(error ? skipped_ : repaired_);
    if (error || options_.verbosity != Verbosity::kQuiet)
      Print(d.Format(path));
  }
}

void Run::Print(const std::string& line) {
  ClearProgress();
  err_ << line << '\n' << std::flush;
}

void Run::ClearProgress() {
  if (progress_shown_)
    err_ << "\r\x1b[K";
  progress_shown_ = false;
}

void Run::Progress() {
  if (!options_.live_progress || options_.verbosity == Verbosity::kQuiet)
    return;
  const Clock::time_point now = Clock::now();
  if (now - last_progress_ < kProgressInterval)
    return;
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(bytes_) / 1e6;
  err_ << "\rindexed " << WithThousands(reports_) << " reports, " << Fixed1(mb)
       << " MB, " << Fixed1(mb / std::max(seconds, 1e-3)) << " MB/s\x1b[K"
       << std::flush;
  progress_shown_ = true;
}

int Run::Finish() {
  writer_->Commit();
  pending_ = 0;
  ClearProgress();
  if (options_.verbosity != Verbosity::kQuiet) {
    const double seconds =
        std::chrono::duration<double>(Clock::now() - start_).count();
    const double mb = static_cast<double>(bytes_) / 1e6;
    std::string line = "indexed " + Plural(reports_, "report") + " (" +
                       Fixed1(mb) + " MB) in " + Fixed1(seconds) + " s, " +
                       Fixed1(mb / std::max(seconds, 1e-3)) + " MB/s; " +
                       std::to_string(skipped_) + " skipped";
    if (repaired_ > 0)
      line += ", " + std::to_string(repaired_) + " repaired";
    line += "; index " + writer_->path() + " holds " +
            Plural(writer_->DocCount(), "report");
    err_ << line << '\n' << std::flush;
  }
  Compact();
  return skipped_ + repaired_ > 0 ? 1 : 0;
}

void Run::Compact() {
  using Compaction = IndexerOptions::Compaction;
  const bool doubled = reports_ > 0 && reports_ >= writer_->initial_doc_count();
  if (options_.compaction == Compaction::kNever ||
      (options_.compaction == Compaction::kAuto && !doubled)) {
    return;
  }
  const Clock::time_point begin = Clock::now();
  const IndexWriter::CompactionSizes sizes = writer_->Compact();
  if (options_.verbosity == Verbosity::kQuiet)
    return;
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  err_ << "compacted index " << writer_->path() << ": "
       << Fixed1(static_cast<double>(sizes.before) / 1e6) << " MB -> "
       << Fixed1(static_cast<double>(sizes.after) / 1e6) << " MB in " << Fixed1(seconds)
       << " s\n"
       << std::flush;
}

// Checks what can be checked before the index is opened; returns a fatal
// message or "".
std::string CheckOptions(const IndexerOptions& options) {
  if (options.inputs.empty())
    return "no input given";
  if (options.batch < 1)
    return "--batch must be at least 1";
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) {
    return "standard input ('-') given more than once";
  }
  if (options.stdin_id.empty())
    return "--stdin-id must not be empty";
  return "";
}

}  // namespace

int RunIndexer(const IndexerOptions& options, std::istream& in,
               std::ostream& err) {
  std::unique_ptr<Run> run;
  try {
    const std::string path = ResolveIndexPath(options.index_path);
    const std::string problem = CheckOptions(options);
    if (!problem.empty()) {
      err << "sousuo-index: " << problem << '\n';
      return 2;
    }
    IndexWriter writer(path);
    run = std::make_unique<Run>(options, &writer, in, err);
    for (const WalkItem& item : WalkInputs(options.inputs)) run->Item(item);
    return run->Finish();
  } catch (const Error& e) {
    if (run)
      run->ClearProgress();
    err << "sousuo-index: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    if (run)
      run->ClearProgress();
    err << "sousuo-index: " << e.get_description() << '\n';
  }
  return 2;
}

std::string WithThousands(unsigned long long n) {
  std::string digits = std::to_string(n);
  for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

}  // namespace sousuo
