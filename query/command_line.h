// sousuo-query's command line before CLI11 sees it. A query may hold words
// that start with '-' (NOT), which CLI11 would take for options; and an
// option typed wrong must be an error, never a query word. The rule:
//   --NAME, --NAME=VALUE   a long option; an unknown one is an error
//   -X                     a dash and one ASCII letter: a short option (-n,
//                          -h); an unknown one is an error
//   -nNUMBER               -n with its value
//   -WORD                  anything else after a dash (two or more
//                          characters, or a dash and a non-letter): a
//                          negated query word, as is a lone "-"
//   --                     ends the options: every later argument is a
//                          query word
// An option's value is the next argument whatever it looks like
// (--sort -date).
#ifndef SOUSUO_QUERY_COMMAND_LINE_H_
#define SOUSUO_QUERY_COMMAND_LINE_H_

#include <string>
#include <vector>

namespace sousuo {

class QueryArguments {
 public:
  // Sorts argv[1..argc) as above. Returns "" on success, else the one-line
  // error (without the program's name), e.g.
  //   unknown option '-l' (did you mean --limit?)
  //   unknown option '--lmit' (did you mean --limit?)
  //   unknown option '--frob' (see --help)
  std::string Prepare(int argc, const char* const* argv);

  // The arguments to give CLI11, in order: options (a value that starts
  // with '-' joined to its option as --NAME=VALUE) and query words, each
  // negated word replaced by a placeholder; "--" and what follows as typed.
  const std::vector<std::string>& arguments() const { return arguments_; }

  // A query word as CLI11 returned it, with a placeholder restored.
  std::string Restore(const std::string& word) const;

 private:
  std::vector<std::string> arguments_;
  std::vector<std::string> hidden_;  // negated words, by placeholder number
};

}  // namespace sousuo

#endif  // SOUSUO_QUERY_COMMAND_LINE_H_
