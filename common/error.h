// Exceptions thrown by common/. Messages follow "context: detail", lowercase,
// no trailing period, so that main() can print them as one line.
#ifndef SOUSUO_COMMON_ERROR_H_
#define SOUSUO_COMMON_ERROR_H_

#include <stdexcept>
#include <string>

namespace sousuo {

// Base of every error that common/ throws on purpose.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Opening, locking, reading or committing an index failed, or the index was
// built with settings this program cannot read.
class IndexError : public Error {
 public:
  using Error::Error;
};

// The user's query is malformed. The message names the column (1-based,
// counted in characters).
class QueryError : public Error {
 public:
  using Error::Error;
};

// ICU failed to set up or run a stage of the analyzer.
class AnalysisError : public Error {
 public:
  using Error::Error;
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_ERROR_H_
