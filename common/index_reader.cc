#include "common/index_reader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/duplicates.h"
#include "common/error.h"
#include "common/report_path.h"
#include "common/schema.h"

namespace sousuo {

namespace {

// BM25 with Robertson's usual k1 and b (Xapian's own defaults are k1 = 1,
// b = 0.5); k2 = 0, k3 = 1 and min_normlen = 0.5 as Xapian has them.
Xapian::BM25Weight RankingWeight() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

// How often a read is retried when a writer discards the revision under it.
constexpr int kMaxAttempts = 5;

// The documents of a sorted list of docids, at weight 0: under OP_FILTER it
// restricts a query to them.
class DocidSource : public Xapian::PostingSource {
 public:
  explicit DocidSource(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {}
  Xapian::doccount get_termfreq_min() const override { return docids_.size(); }
  Xapian::doccount get_termfreq_est() const override { return docids_.size(); }
  Xapian::doccount get_termfreq_max() const override { return docids_.size(); }
  void init(const Xapian::Database&) override {
    at_ = 0;
    started_ = false;
  }
  void next(double) override {
    if (started_)
      ++at_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    while (at_ < docids_.size() && docids_[at_] < did) ++at_;
  }
  bool at_end() const override { return started_ && at_ >= docids_.size(); }
  Xapian::docid get_docid() const override { return docids_[at_]; }
  DocidSource* clone() const override { return new DocidSource(docids_); }

 private:
  std::vector<Xapian::docid> docids_;
  size_t at_ = 0;
  bool started_ = false;  // next() or skip_to() was called
};

// `arg` as one shell word: as it is when it holds only characters no shell
// treats specially, else in single quotes.
std::string ShellWord(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789_/.,:+=@%-") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The message refusing an index of an older schema, with the command that
// rebuilds it: schema 2 recorded the inputs its files were reached from
// (kSlotRoot), so they are named, less those inside another one.
std::string OlderSchemaMessage(const Xapian::Database& db, const std::string& path,
                               const std::string& schema) {
  std::set<std::string> roots;
  for (auto it = db.valuestream_begin(kSlotRoot); it != db.valuestream_end(kSlotRoot); ++it) {
    roots.insert(*it);
  }
  std::string inputs;
  for (auto it = roots.begin(); it != roots.end(); ++it) {
    const bool inside = std::any_of(roots.begin(), it, [&](const std::string& outer) {
      return it->compare(0, outer.size() + 1, outer + "/") == 0;
    });
    if (!inside) inputs += " " + ShellWord(*it);
  }
  if (inputs.empty()) inputs = " INPUT...";
  const bool from_stdin = db.get_doccount() > db.get_value_freq(kSlotRoot);
  return "index '" + path + "' was built with schema " + schema + "; this sousuo reads schema " +
         std::to_string(kSchemaVersion) +
         ", which names a file's reports by its real path: rebuild it with rm -r " +
         ShellWord(path) + " && sousuo-index --index " + ShellWord(path) + inputs +
         (from_stdin ? " (and give again what was read from standard input)" : "");
}

}  // namespace

void CheckIndexMetadata(const Xapian::Database& db, const std::string& path,
                        bool allow_new) {
  const std::string analyzer = db.get_metadata(kMetaAnalyzer);
  const std::string schema = db.get_metadata(kMetaSchema);
  if (analyzer.empty() || schema.empty()) {
    if (allow_new && db.get_doccount() == 0) return;
    throw IndexError("index '" + path + "' is not a sousuo index (it has no sousuo metadata)");
  }
  // Schema 2 and before named file reports by the path typed: keeping such
  // an index and adding to it by the new rule would hold each file twice.
  if (schema.find_first_not_of("0123456789") == std::string::npos && schema.size() < 4 &&
      std::stoi(schema) < kSchemaVersion) {
    if (allow_new && db.get_doccount() == 0) return;  // nothing in it to keep
    throw IndexError(OlderSchemaMessage(db, path, schema));
  }
  if (schema != std::to_string(kSchemaVersion) || analyzer != Analyzer::Signature()) {
    throw IndexError("index '" + path + "' was built with schema " + schema +
                     " and analyzer '" + analyzer + "'; this program uses schema " +
                     std::to_string(kSchemaVersion) + " and analyzer '" +
                     Analyzer::Signature() + "': rebuild it into a new index");
  }
}

std::optional<ReportRef> FindReport(const Xapian::Database& db, const std::string& arg) {
  std::vector<std::string> ids = {arg};
  if (!arg.empty()) {
    if (std::string real = FileReportId(arg); real != arg) ids.push_back(std::move(real));
  }
  for (const std::string& id : ids) {
    const std::string term = IdTerm(id);
    if (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term)) {
      return ReportRef{*it, id, db.get_document(*it).get_value(kSlotFile), false};
    }
    if (const std::optional<Duplicate> dup = FindDuplicate(db, id)) {
      const std::string holder = HashTerm(dup->hash);
      if (Xapian::PostingIterator it = db.postlist_begin(holder); it != db.postlist_end(holder)) {
        return ReportRef{*it, dup->id, dup->path, true};
      }
    }
  }
  return std::nullopt;
}

IndexReader::IndexReader(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) ||
      (std::filesystem::is_directory(path, ec) && std::filesystem::is_empty(path, ec))) {
    throw IndexError("index '" + path + "' does not exist (build it with sousuo-index)");
  }
  // A writer committing (or swapping in a compacted index) while we open can
  // discard the revision we started reading: open again.
  for (int attempt = 0;; ++attempt) {
    try {
      db_ = Xapian::Database(path);
      CheckIndexMetadata(db_, path, /*allow_new=*/false);
      return;
    } catch (const Xapian::DatabaseNotFoundError&) {
      throw IndexError("index '" + path + "' is not a sousuo index (no Xapian database there)");
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxAttempts) {
        throw IndexError("opening index '" + path + "': changing too fast to read: " +
                         e.get_description());
      }
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Also seen when a commit reuses blocks the open was reading (under
      // the sanitizers' slower timing): retry; real corruption stays.
      if (attempt == kMaxAttempts) {
        throw IndexError("opening index '" + path + "': " + e.get_description());
      }
    } catch (const Xapian::Error& e) {
      throw IndexError("opening index '" + path + "': " + e.get_description());
    }
  }
}

template <typename Work>
auto IndexReader::Retry(const char* what, Work work) -> decltype(work()) {
  // A writer may commit twice while we read; Xapian then throws
  // DatabaseModifiedError and the cure is to reopen and run again.
  for (int attempt = 0;; ++attempt) {
    try {
      return work();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxAttempts) {
        throw IndexError("index '" + path_ + "': changing too fast to read: " +
                         e.get_description());
      }
      db_.reopen();
    } catch (const Xapian::DatabaseCorruptError& e) {  // as in the constructor
      if (attempt == kMaxAttempts) {
        throw IndexError(std::string(what) + " index '" + path_ + "': " + e.get_description());
      }
      db_.reopen();
    } catch (const Xapian::Error& e) {
      throw IndexError(std::string(what) + " index '" + path_ + "': " + e.get_description());
    }
  }
}

Ranking IndexReader::Rank(const Xapian::Query& query, const RankSpec& spec) {
  return Retry("searching", [&] {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    if (spec.unweighted) {
      enquire.set_weighting_scheme(Xapian::BoolWeight());
    } else {
      enquire.set_weighting_scheme(RankingWeight());
    }
    // Reports without a date sort last both ways: in ascending order their
    // key is above every date, and reversed, the empty key is below all.
    Xapian::MultiValueKeyMaker by_date;
    if (spec.sort != SortOrder::kRelevance) {
      const bool newest = spec.sort == SortOrder::kNewestFirst;
      by_date.add_value(kSlotDate, newest, newest ? std::string() : std::string("\xff"));
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    const Xapian::doccount check = std::max<Xapian::doccount>(spec.check_at_least,
                                                              spec.offset + spec.limit);
    const Xapian::MSet mset = enquire.get_mset(spec.offset, spec.limit, check);
    Ranking ranking;
    ranking.estimated = mset.get_matches_estimated();
    ranking.lower_bound = mset.get_matches_lower_bound();
    ranking.upper_bound = mset.get_matches_upper_bound();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
      ranking.items.push_back(Scored{*it, it.get_weight()});
    return ranking;
  });
}

std::vector<Xapian::docid> IndexReader::Matching(const Xapian::Query& query,
                                                 std::vector<Xapian::docid> docids) {
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  if (docids.empty())
    return docids;
  return Retry("searching", [&] {
    DocidSource only(docids);
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&only)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, docids.size());
    std::vector<Xapian::docid> matching(mset.begin(), mset.end());
    std::sort(matching.begin(), matching.end());
    return matching;
  });
}

Report IndexReader::Load(Xapian::docid docid) {
  return Retry("reading", [&] { return ParseReport(db_.get_document(docid).get_data()); });
}

Xapian::doccount IndexReader::TermFrequency(const std::string& term) {
  return Retry("reading", [&] { return db_.get_termfreq(term); });
}

void IndexReader::Read(const std::function<void(const Xapian::Database&)>& read) {
  Retry("reading", [&] {
    read(db_);
    return 0;
  });
}

SearchResult IndexReader::Search(const Xapian::Query& query, unsigned offset, unsigned limit) {
  RankSpec spec;
  spec.offset = offset;
  spec.limit = limit;
  spec.check_at_least = 100;
  const Ranking ranking = Rank(query, spec);
  SearchResult result;
  result.matches_estimated = ranking.estimated;
  result.matches_lower_bound = ranking.lower_bound;
  result.matches_upper_bound = ranking.upper_bound;
  unsigned rank = offset;
  for (const Scored& scored : ranking.items) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = scored.weight;
    hit.docid = scored.docid;
    hit.report = Load(scored.docid);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

void IndexReader::AddFeatures(const std::vector<Xapian::Query>& features,
                              std::vector<Scored>* items) {
  if (!features.empty() && !items->empty()) {
    Retry("searching", [&] {
      std::vector<Scored> ranked = *items;
      std::vector<Xapian::docid> docids;
      std::unordered_map<Xapian::docid, Scored*> by_docid;
      for (Scored& scored : ranked) {
        docids.push_back(scored.docid);
        by_docid[scored.docid] = &scored;
      }
      std::sort(docids.begin(), docids.end());
      DocidSource top(std::move(docids));
      // One feature at a time, not their OR: with Xapian 1.4.22 an OR of
      // phrases under AND_MAYBE or FILTER, or in a top-10 search that
      // prunes, gave some reports more weight than the same phrases one by
      // one (it counted phrases that do not match them; seen on the CMRC
      // questions).
      for (const Xapian::Query& feature : features) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, feature, Xapian::Query(&top)));
        enquire.set_weighting_scheme(RankingWeight());
        const Xapian::MSet mset = enquire.get_mset(0, ranked.size());
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
          by_docid[*it]->weight += it.get_weight();
      }
      *items = std::move(ranked);
      return 0;
    });
  }
  // Best first, ties by docid as Xapian orders them.
  std::stable_sort(items->begin(), items->end(), [](const Scored& a, const Scored& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
  });
}

}  // namespace sousuo
