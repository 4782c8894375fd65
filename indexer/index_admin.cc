#include "indexer/index_admin.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/duplicates.h"
#include "common/index_path.h"
#include "common/index_reader.h"
#include "common/index_writer.h"
#include "common/report_path.h"
#include "common/schema.h"

namespace sousuo {

namespace {

using Verbosity = IndexerOptions::Verbosity;

// Tabs and line breaks become spaces, so a field stays in its column.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

// Calls `visit` with every stored report of the last commit at `path`,
// starting again (with `restart`) if a writer commits twice meanwhile.
template <typename Visit, typename Restart>
void ForEachReport(const std::string& path, Visit visit, Restart restart) {
  IndexReader reader(path);
  Xapian::Database db = reader.database();
  for (int attempt = 0;; ++attempt) {
    try {
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        visit(ParseReport(db.get_document(*it).get_data()));
      }
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 2) throw;
      restart();
      db.reopen();
    }
  }
}

}  // namespace

int ListIndex(const std::string& path, std::ostream& out, std::ostream& err) {
  std::vector<std::string> lines;
  ForEachReport(
      path,
      [&](const Report& r) {
        lines.push_back(OneLine(r.id) + '\t' + OneLine(r.title) + '\t' + r.date);
      },
      [&] { lines.clear(); });
  std::sort(lines.begin(), lines.end());
  for (const std::string& line : lines) out << line << '\n';
  if (const size_t folded = CountDuplicates(Xapian::Database(path)); folded > 0) {
    err << Plural(folded, "duplicate") << " not listed (each has the text of a listed report)\n";
  }
  return kExitOk;
}

int PrintStats(const std::string& path, std::ostream& out) {
  std::map<std::string, size_t> languages, sources;
  std::string first, last;
  size_t reports = 0;
  ForEachReport(
      path,
      [&](const Report& r) {
        ++reports;
        ++languages[r.lang];
        ++sources[r.source.empty() ? "(none)" : OneLine(r.source)];
        if (!r.date.empty() && (first.empty() || r.date < first)) first = r.date;
        if (r.date > last) last = r.date;
      },
      [&] { languages.clear(), sources.clear(), first.clear(), last.clear(), reports = 0; });
  const Xapian::Database db(path);
  out << "index: " << path << "\nschema: " << db.get_metadata(kMetaSchema)
      << "\nanalyzer: " << db.get_metadata(kMetaAnalyzer) << "\nreports: " << reports
      << "\nduplicates: " << CountDuplicates(db)
      << "\nsize: " << Fixed1(static_cast<double>(IndexSizeOnDisk(path)) / 1e6)
      << " MB\ndates: " << (first.empty() ? "none" : first + " to " + last) << '\n';
  for (const auto& [lang, n] : languages) out << "language " << lang << ": " << n << '\n';
  for (const auto& [source, n] : sources) out << "source " << source << ": " << n << '\n';
  return kExitOk;
}

int RemoveReports(const IndexerOptions& options, const std::string& path, std::ostream& err) {
  { IndexReader exists(path); }  // the error for a missing or foreign index
  IndexWriter writer(path, options.wait);
  size_t removed = 0;
  bool missing = false;
  for (const std::string& arg : options.remove) {
    size_t found = writer.RemoveId(arg) != IndexWriter::Removed::kNothing ? 1 : 0;
    if (found == 0 && !arg.empty()) {
      for (const IndexWriter::FileEntry& entry : writer.FilesUnder(FileReportId(arg))) {
        if (writer.Remove(entry) != IndexWriter::Removed::kNothing) ++found;
      }
    }
    if (found == 0) {
      err << arg << ": no report with this id or file in the index\n";
      missing = true;
    }
    removed += found;
  }
  const std::string cwd = CurrentDirectory();
  for (const IndexWriter::Promotion& p : writer.TakePromotions()) {
    if (options.verbosity == Verbosity::kQuiet) break;
    err << DisplayId(p.id, p.path, cwd) << ": indexed in place of "
        << DisplayId(p.replaced_id, p.replaced_path, cwd) << ", same text\n";
  }
  writer.Commit();
  if (options.verbosity != Verbosity::kQuiet) {
    err << "removed " << Plural(removed, "report") << "; index " << path << " holds "
        << Plural(writer.DocCount(), "report");
    if (const size_t folded = writer.DuplicateCount(); folded > 0) {
      err << " and " << Plural(folded, "duplicate");
    }
    err << '\n';
  }
  return missing ? kExitSkipped : kExitOk;
}

}  // namespace sousuo
