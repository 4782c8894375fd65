#include "bench/bench_io.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace bench {

namespace {

using Json = nlohmann::json;

// nlohmann's what() without its "[json.exception...] parse error at line 1,
// column 7: " preamble.
std::string ParserDetail(const std::string& what) {
  const size_t column = what.find("column ");
  const size_t colon =
      what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Reads an optional string field into *out; false (with *error) if the
// field holds something other than a string or null.
bool StringField(const Json& object, const char* name, std::string* out,
                 std::string* error) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null())
    return true;
  if (!it->is_string()) {
    *error = std::string("\"") + name + "\" is not a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

bool IdField(const Json& object, std::string* out, std::string* error) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) {
    *error = "missing \"id\"";
    return false;
  }
  if (it->is_string()) {
    *out = it->get<std::string>();
  } else if (it->is_number_integer()) {
    *out = it->dump();
  } else {
    *error = "\"id\" is not a string or an integer";
    return false;
  }
  if (out->empty())
    *error = "empty \"id\"";
  return !out->empty();
}

std::ifstream OpenOrThrow(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  }
  return in;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::optional<JsonDoc> ParseJsonDoc(std::string_view line, std::string* error) {
  Json object;
  try {
    object = Json::parse(line);
  } catch (const Json::parse_error& e) {
    *error = "invalid JSON: " + ParserDetail(e.what());
    return std::nullopt;
  }
  if (!object.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  JsonDoc doc;
  if (!IdField(object, &doc.id, error))
    return std::nullopt;
  const auto body = object.find("body");
  if (body == object.end() || body->is_null()) {
    *error = "missing \"body\"";
    return std::nullopt;
  }
  if (!StringField(object, "body", &doc.body, error) ||
      !StringField(object, "title", &doc.title, error)) {
    return std::nullopt;
  }
  return doc;
}

size_t ReadJsonLines(std::istream& in, const std::string& name,
                     const std::function<void(const JsonDoc&)>& sink,
                     std::ostream& err) {
  std::string line;
  size_t line_number = 0;
  size_t skipped = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (IsBlank(line))
      continue;
    std::string error;
    const std::optional<JsonDoc> doc = ParseJsonDoc(line, &error);
    if (!doc) {
      err << name << ":" << line_number << ": " << error << "\n";
      ++skipped;
      continue;
    }
    sink(*doc);
  }
  return skipped;
}

size_t ReadJsonFile(const std::string& path,
                    const std::function<void(const JsonDoc&)>& sink,
                    std::ostream& err) {
  std::ifstream in = OpenOrThrow(path);
  return ReadJsonLines(in, path, sink, err);
}

std::vector<QueryLine> ParseQueries(std::istream& in, const std::string& name,
                                    bool allow_plain) {
  std::vector<QueryLine> queries;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (IsBlank(line) || line[0] == '#')
      continue;
    const std::string where = name + ":" + std::to_string(line_number) + ": ";
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      if (!allow_plain)
        throw std::runtime_error(where + "expected \"qid<TAB>text\"");
      queries.push_back({std::to_string(line_number), line});
      continue;
    }
    if (tab == 0)
      throw std::runtime_error(where + "empty query id");
    queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

std::vector<QueryLine> ReadQueries(const std::string& path, bool allow_plain) {
  std::ifstream in = OpenOrThrow(path);
  return ParseQueries(in, path, allow_plain);
}

void WriteRunLine(std::ostream& out, const std::string& qid,
                  const std::string& docid, unsigned rank, double score,
                  const std::string& tag) {
  out << qid << " Q0 " << docid << " " << rank << " " << std::fixed
      << std::setprecision(6) << score << " " << tag << "\n";
}

double Percentile(std::vector<double> samples, double p) {
  std::sort(samples.begin(), samples.end());
  const double rank =
      std::ceil(p / 100.0 * static_cast<double>(samples.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

std::string LatencyLine(size_t queries, unsigned repeat,
                        const std::vector<double>& micros) {
  std::ostringstream line;
  line << "queries=" << queries << " repeat=" << repeat << std::fixed
       << std::setprecision(0) << " p50_us=" << Percentile(micros, 50)
       << " p99_us=" << Percentile(micros, 99);
  return line.str();
}

}  // namespace bench
