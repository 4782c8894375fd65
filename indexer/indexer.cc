#include "indexer/indexer.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/error.h"
#include "common/index_path.h"
#include "common/index_reader.h"
#include "common/schema.h"
#include "common/index_writer.h"
#include "common/report_path.h"
#include "indexer/corpus_walker.h"
#include "indexer/html_reader.h"
#include "indexer/index_admin.h"
#include "indexer/jsonl_reader.h"
#include "indexer/line_reader.h"
#include "indexer/pdf_reader.h"
#include "indexer/report_reader.h"

namespace sousuo {

namespace {

using Clock = std::chrono::steady_clock;
using Verbosity = IndexerOptions::Verbosity;

constexpr std::chrono::milliseconds kProgressInterval(500);


// How much of an input decides whether it can be read a line at a time.
constexpr size_t kProbeBytes = 64 << 10;

// `id` in double quotes, with '"', '\' and control characters escaped as
// in JSON, so the message stays one line that names it exactly.
std::string QuotedId(const std::string& id) {
  std::string out = "\"";
  for (const char c : id) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// True if the file at `path` is known to be gone: nothing by that name, or a
// directory now. A file that cannot be examined (permission denied) is not.
bool Gone(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT || errno == ENOTDIR;
  return S_ISDIR(st.st_mode);
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
        cwd_(CurrentDirectory()),
        start_(Clock::now()),
        last_progress_(start_) {
    writer_->set_fold_duplicates(true);
  }

  // Starts the items of `input`: the reports of files under it are checked
  // at the end for files gone ("-" is not).
  void BeginInput(const std::string& input);
  void Item(const WalkItem& item);
  // True once a signal asked the run to stop.
  bool Interrupted() const {
    return options_.interrupted != nullptr && *options_.interrupted != 0;
  }
  // Commits the last batch, removes reports whose files are gone, prints the
  // summary; returns the exit code.
  int Finish();
  // Clears the live progress line before a fatal message.
  void ClearProgress();

 private:
  // Where a report was read: an index into sources_ and a line (0: none).
  struct Origin {
    size_t source = 0;
    size_t line = 0;
  };
  void Text(std::string_view bytes, const WalkItem& item);
  // Reads JSON Lines input from `lines`, one line at a time.
  void JsonLines(LineReader* lines);
  // True if `item` was read as a stream of JSON lines (instead of whole).
  bool StreamedJsonLines(const WalkItem& item, LineReader* lines);
  // `line` (0 for a whole file) names the report in messages.
  void Put(Report report, size_t line);
  // Prints the promotions the writer made, and counts them.
  void Promotions();
  void RemoveGone();
  void RemoveGoneUnder(const std::string& root);
  void PrintSummary();
  void Diagnose(const std::vector<Diagnostic>& diagnostics);
  void Print(const std::string& line);
  void Progress();
  void Compact();
  // A path as the walk reached it, shown relative to the current directory
  // when shorter.
  std::string Shown(const std::string& path) const {
    return DisplayPath(AbsolutePath(path), cwd_);
  }
  std::string ShownId(const std::string& id, const std::string& path) const {
    return DisplayId(id, path, cwd_);
  }
  std::string Where(const Origin& origin) const {
    return sources_[origin.source] + (origin.line > 0 ? ":" + std::to_string(origin.line) : "");
  }

  const IndexerOptions& options_;
  IndexWriter* writer_;
  std::istream& in_;
  std::ostream& err_;
  const std::string cwd_;  // CurrentDirectory(), for the paths shown
  const Clock::time_point start_;
  Clock::time_point last_progress_;
  bool progress_shown_ = false;
  size_t reports_ = 0;   // reports read
  size_t pending_ = 0;   // reports written since the last commit
  size_t added_ = 0;
  size_t updated_ = 0;
  size_t unchanged_ = 0;
  size_t removed_ = 0;
  size_t duplicates_ = 0;  // reports of this run folded into another
  std::string root_;  // BeginInput's input, canonical; "" for standard input
  std::string file_;  // the file being read, canonical; "" for standard input
  bool file_errors_ = false;  // an error in file_ (a file, or a JSON line)
  std::vector<std::string> roots_;          // inputs other than "-"
  std::set<std::string> incomplete_roots_;  // inputs whose walk had errors
  std::unordered_set<std::string> read_files_;    // canonical; each read once
  std::unordered_set<std::string> whole_jsonl_;   // JSON Lines read without error
  std::vector<std::string> sources_;        // files read, as shown; "<stdin>"
  std::unordered_map<std::string, Origin> origins_;  // id -> where last read
  std::unordered_set<std::string> folded_;  // ids of this run folded
  std::unordered_set<Xapian::docid> touched_;  // documents of this run
  double last_commit_seconds_ = 0;  // the final commit (a merge in bulk mode)
  size_t skipped_ = 0;   // files or lines left out (errors)
  size_t repaired_ = 0;  // files or lines indexed with a warning
  unsigned long long bytes_ = 0;
};

void Run::Item(const WalkItem& item) {
  if (item.kind != WalkItem::Kind::kFile) {
    const std::string line = Shown(item.path) + ": " + item.message;
    if (item.kind == WalkItem::Kind::kError) {
      ++skipped_;
      Print(line);
      incomplete_roots_.insert(root_);
    } else if (options_.verbosity == Verbosity::kVerbose) {
      Print(line);
    }
    return;
  }
  const bool is_stdin = item.format == InputFormat::kStdin;
  file_ = item.file;
  const std::string shown = is_stdin ? item.path : Shown(item.path);
  if (!is_stdin && !read_files_.insert(file_).second) {
    // Reached again (from another input, or by a symbolic link): its
    // reports are the same ones.
    if (options_.verbosity == Verbosity::kVerbose) Print(shown + ": read already, the same file");
    return;
  }
  sources_.push_back(shown);
  file_errors_ = false;
  std::string bytes;
  if (options_.before_read)
    options_.before_read(item.path);
  std::string error;
  if (is_stdin || item.format == InputFormat::kJsonLines) {
    // JSON Lines (and standard input, which may be) are streamed; other
    // inputs, and JSON Lines in UTF-16, are read whole.
    const int fd = is_stdin ? -1 : OpenInput(item.path, item.regular, &error);
    std::unique_ptr<LineReader> lines;
    if (fd >= 0) {
      lines = std::make_unique<LineReader>(fd, kMaxInputBytes);
    } else if (is_stdin) {
      lines = std::make_unique<LineReader>(&in_, kMaxInputBytes);
    }
    if (lines && StreamedJsonLines(item, lines.get()))
      return;
    if (lines)
      error = lines->ReadRest(kMaxInputBytes, &bytes);
  } else {
    error = ReadFileBytes(item.path, kMaxInputBytes, &bytes, item.regular);
  }
  if (!error.empty()) {
    Diagnose({Diagnostic{Diagnostic::Severity::kError, 0, 0, error}});
    return;
  }
  const unsigned long long bytes_before = bytes_;
  const size_t before = reports_;
  if (item.format == InputFormat::kHtml || item.format == InputFormat::kPdf) {
    // HTML and PDF: their readers decode the bytes themselves.
    const TextSource source{file_, file_, FileTitle(file_), false};
    Outcome<Report> report = item.format == InputFormat::kHtml
                                 ? ReadHtmlReport(bytes, source)
                                 : ReadPdfReport(bytes, source);
    Diagnose(report.diagnostics);
    bytes_ = bytes_before + bytes.size();
    if (report.value)
      Put(std::move(*report.value), 0);
    if (options_.verbosity == Verbosity::kVerbose)
      Print(shown + ": indexed " + Plural(reports_ - before, "report"));
    return;
  }
  Outcome<std::string> decoded = DecodeText(bytes);
  Diagnose(decoded.diagnostics);
  if (!decoded.value)
    return;
  if (item.format == InputFormat::kJsonLines ||
      (is_stdin && LooksLikeJsonLines(*decoded.value))) {
    LineReader lines(std::move(*decoded.value), kMaxInputBytes);
    JsonLines(&lines);
  } else {
    bytes_ = bytes_before + bytes.size();
    Text(*decoded.value, item);
  }
  bytes_ = bytes_before + bytes.size();
  if (options_.verbosity == Verbosity::kVerbose) {
    Print(shown + ": indexed " + Plural(reports_ - before, "report"));
  }
}

void Run::Text(std::string_view text, const WalkItem& item) {
  TextSource source;
  const bool is_stdin = item.format == InputFormat::kStdin;
  source.id = is_stdin ? options_.stdin_id : file_;
  source.path = file_;
  source.fallback_title = source.id;
  if (!is_stdin) {  // the file's name without its extension
    const size_t slash = file_.rfind('/');
    source.fallback_title = file_.substr(slash == std::string::npos ? 0 : slash + 1);
    const size_t dot = source.fallback_title.rfind('.');
    if (dot != std::string::npos && dot > 0)
      source.fallback_title.resize(dot);
  }
  source.markdown = item.format == InputFormat::kMarkdown;
  Outcome<Report> report = ReadTextReport(text, source);
  Diagnose(report.diagnostics);
  if (report.value)
    Put(std::move(*report.value), 0);
}

bool Run::StreamedJsonLines(const WalkItem& item, LineReader* lines) {
  const bool is_stdin = item.format == InputFormat::kStdin;
  const std::string_view head = lines->Peek(kProbeBytes);
  if (!DecodableByLine(head) || (is_stdin && !LooksLikeJsonLines(head)))
    return false;
  const size_t before = reports_;
  JsonLines(lines);
  if (options_.verbosity == Verbosity::kVerbose)
    Print(sources_.back() + ": indexed " + Plural(reports_ - before, "report"));
  return true;
}

void Run::JsonLines(LineReader* lines) {
  JsonLinesReader reader(lines, file_);
  const unsigned long long bytes_before = bytes_;
  Outcome<Report> report;
  while (!Interrupted() && reader.Next(&report)) {
    bytes_ = bytes_before + lines->consumed();  // progress within a large file
    Diagnose(report.diagnostics);
    if (report.value)
      Put(std::move(*report.value), lines->line_number());
  }
  // Read to the end with every line understood: an id it no longer holds
  // is one that was taken out of it.
  if (!file_.empty() && !file_errors_ && !Interrupted()) whole_jsonl_.insert(file_);
}

void Run::BeginInput(const std::string& input) {
  root_ = input == "-" ? "" : FileReportId(input);
  if (!root_.empty()) roots_.push_back(root_);
}

void Run::Put(Report report, size_t line) {
  ++reports_;
  report.path = file_;
  const Origin origin{sources_.size() - 1, line};
  const auto [seen, fresh] = origins_.emplace(report.id, origin);
  if (!fresh) {
    // The later line wins, as it does across runs; the earlier report is
    // lost, so this counts as skipped.
    ++skipped_;
    Print(Where(origin) + ": id " + QuotedId(report.id) + " already given at " +
          Where(seen->second) + "; this line replaces it");
    seen->second = origin;
  }
  using Kind = IndexWriter::PutResult::Kind;
  const IndexWriter::PutResult result = writer_->Put(report, !options_.force);
  switch (result.kind) {
    case Kind::kUnchanged:
      ++unchanged_;
      touched_.insert(result.docid);
      break;
    case Kind::kAdded:
    case Kind::kUpdated:
      ++(result.kind == Kind::kAdded ? added_ : updated_);
      touched_.insert(result.docid);
      ++pending_;
      break;
    case Kind::kFolded:
      ++duplicates_;
      folded_.insert(report.id);
      if (result.newly_folded) {
        ++pending_;
        if (options_.verbosity != Verbosity::kQuiet) {
          Print(Where(origin) + ": same text as " +
                ShownId(result.original_id, result.original_path) + ", folded into it");
        }
      }
      break;
  }
  Promotions();
  if (pending_ >= options_.batch) {
    writer_->Checkpoint();
    pending_ = 0;
  }
  Progress();
}

void Run::Promotions() {
  for (const IndexWriter::Promotion& p : writer_->TakePromotions()) {
    ++added_;
    ++pending_;
    if (folded_.erase(p.id) > 0) --duplicates_;  // read as one, now a report
    if (origins_.count(p.id) > 0) touched_.insert(p.docid);
    if (options_.verbosity != Verbosity::kQuiet) {
      Print(ShownId(p.id, p.path) + ": indexed in place of " +
            ShownId(p.replaced_id, p.replaced_path) + ", same text");
    }
  }
}

void Run::RemoveGone() {
  // A run that started from an empty index wrote every report in it.
  if (!options_.delete_missing || writer_->initial_doc_count() == 0) return;
  for (const std::string& root : roots_) {
    if (incomplete_roots_.count(root) == 0) RemoveGoneUnder(root);
  }
}

// Removes the reports recorded under `root` whose file is gone, and those of a
// JSON Lines file read in full that it no longer holds. A report whose file
// is still there stays, whether or not this run reached it.
void Run::RemoveGoneUnder(const std::string& root) {
  std::map<std::string, size_t> removed_by_file;
  std::unordered_map<std::string, bool> gone;
  for (const IndexWriter::FileEntry& entry : writer_->FilesUnder(root)) {
    const auto [known, fresh] = gone.emplace(entry.file, false);
    if (fresh) known->second = Gone(entry.file);
    const bool read = entry.docid != 0 ? touched_.count(entry.docid) > 0
                                       : origins_.count(entry.id) > 0;
    if (!known->second && (whole_jsonl_.count(entry.file) == 0 || read)) continue;
    if (writer_->Remove(entry) == IndexWriter::Removed::kNothing) continue;
    ++removed_by_file[entry.file];
    ++removed_;
  }
  if (options_.verbosity != Verbosity::kQuiet) {
    for (const auto& [file, count] : removed_by_file) {
      Print(DisplayPath(file, cwd_) + (gone[file] ? ": gone, removed " : ": removed ") +
            Plural(count, "report"));
    }
  }
  Promotions();
}

void Run::Diagnose(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    const bool error = d.severity == Diagnostic::Severity::kError;
    ++(error ? skipped_ : repaired_);
    file_errors_ = file_errors_ || error;
    if (error || options_.verbosity != Verbosity::kQuiet)
      Print(d.Format(sources_.back()));
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
  if (Interrupted()) {
    // The walk is incomplete, so nothing is known to be gone.
    writer_->Commit();
    ClearProgress();
    err_ << "interrupted: committed " << Plural(added_ + updated_, "report") << '\n'
         << std::flush;
    return kExitInterrupted;
  }
  RemoveGone();
  const Clock::time_point begin = Clock::now();
  writer_->Commit();
  last_commit_seconds_ = std::chrono::duration<double>(Clock::now() - begin).count();
  pending_ = 0;
  ClearProgress();
  if (options_.verbosity != Verbosity::kQuiet) PrintSummary();
  Compact();
  return skipped_ + repaired_ > 0 ? kExitSkipped : kExitOk;
}

void Run::PrintSummary() {
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  const double mb = static_cast<double>(bytes_) / 1e6;
  std::string line = "indexed " + Plural(reports_, "report") + " (" + Fixed1(mb) +
                     " MB) in " + Fixed1(seconds) + " s, " +
                     Fixed1(mb / std::max(seconds, 1e-3)) + " MB/s: " +
                     std::to_string(added_) + " added, " + std::to_string(updated_) +
                     " updated, " + std::to_string(unchanged_) + " unchanged, " +
                     std::to_string(removed_) + " removed";
  if (duplicates_ > 0) line += ", " + Plural(duplicates_, "duplicate");
  line += "; " + std::to_string(skipped_) + " skipped";
  if (repaired_ > 0) line += ", " + std::to_string(repaired_) + " repaired";
  line += "; index " + writer_->path() + " holds " + Plural(writer_->DocCount(), "report");
  if (const size_t folded = writer_->DuplicateCount(); folded > 0) {
    line += " and " + Plural(folded, "duplicate");
  }
  err_ << line << '\n' << std::flush;
}

void Run::Compact() {
  using Compaction = IndexerOptions::Compaction;
  const size_t written = added_ + updated_ + removed_;
  const bool doubled = written > 0 && written >= writer_->initial_doc_count();
  if (options_.compaction == Compaction::kNever ||
      (options_.compaction == Compaction::kAuto && !doubled)) {
    return;
  }
  double seconds = last_commit_seconds_;  // a merge of shards is a compaction
  if (!writer_->compacted()) {
    const Clock::time_point begin = Clock::now();
    writer_->Compact();
    seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  }
  if (options_.verbosity == Verbosity::kQuiet)
    return;
  const IndexWriter::CompactionSizes& sizes = writer_->last_compaction();
  err_ << "compacted index " << writer_->path() << ": "
       << Fixed1(static_cast<double>(sizes.before) / 1e6) << " MB -> "
       << Fixed1(static_cast<double>(sizes.after) / 1e6) << " MB in " << Fixed1(seconds)
       << " s\n"
       << std::flush;
}

// Checks what can be checked before the index is opened; returns a fatal
// message or "".
std::string CheckOptions(const IndexerOptions& options) {
  const int modes = (options.list ? 1 : 0) + (options.stats ? 1 : 0) +
                    (options.remove.empty() ? 0 : 1);
  if (modes > 1)
    return "--list, --remove and --stats cannot be combined";
  if (modes == 1 && !options.inputs.empty())
    return "--list, --remove and --stats take no INPUT";
  if (modes == 0 && options.inputs.empty())
    return "no INPUT given (or --list, --remove ID..., --stats)";
  if (options.batch < 1)
    return "--batch must be at least 1";
  if (options.threads < 1)
    return "--threads must be at least 1";
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) {
    return "standard input ('-') given more than once";
  }
  if (options.stdin_id.empty())
    return "--stdin-id must not be empty";
  return "";
}

}  // namespace

int RunIndexer(const IndexerOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err) {
  std::unique_ptr<Run> run;
  try {
    const std::string path = ResolveIndexPath(options.index_path);
    const std::string problem = CheckOptions(options);
    if (!problem.empty()) {
      err << "sousuo-index: " << problem << '\n';
      return kExitFatal;
    }
    if (options.list) return ListIndex(path, out, err);
    if (options.stats) return PrintStats(path, out);
    if (!options.remove.empty()) return RemoveReports(options, path, err);
    IndexWriter writer(path, options.wait, options.threads, options.batch);
    run = std::make_unique<Run>(options, &writer, in, err);
    for (const std::string& input : options.inputs) {
      run->BeginInput(input);
      for (const WalkItem& item : WalkInputs({input})) {
        if (run->Interrupted()) break;
        run->Item(item);
      }
    }
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
  return kExitFatal;
}

}  // namespace sousuo
