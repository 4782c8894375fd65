#include "indexer/index_admin.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "common/document.h"
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

int ListIndex(const std::string& path, std::ostream& out) {
  std::vector<std::string> lines;
  ForEachReport(
      path,
      [&](const Report& r) {
        lines.push_back(OneLine(r.id) + '\t' + OneLine(r.title) + '\t' + r.date);
      },
      [&] { lines.clear(); });
  std::sort(lines.begin(), lines.end());
  for (const std::string& line : lines) out << line << '\n';
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
    size_t found = writer.RemoveId(arg) ? 1 : 0;
    if (found == 0) {
      for (const IndexWriter::FileDoc& doc : writer.FilesUnder(AbsolutePath(arg))) {
        writer.Remove(doc.docid);
        ++found;
      }
    }
    if (found == 0) {
      err << arg << ": no report with this id or file in the index\n";
      missing = true;
    }
    removed += found;
  }
  writer.Commit();
  if (options.verbosity != Verbosity::kQuiet) {
    err << "removed " << Plural(removed, "report") << "; index " << path << " holds "
        << Plural(writer.DocCount(), "report") << '\n';
  }
  return missing ? kExitSkipped : kExitOk;
}

}  // namespace sousuo
