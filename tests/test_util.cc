#include "tests/test_util.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "common/report_path.h"
#include "common/utf8.h"

extern char** environ;

namespace sousuo {
namespace test {

std::string DumpTokens(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    if (t.kind == TokenKind::kHanChar) out += '~';
    out += t.text;
    if (!t.stem.empty() && t.stem != t.text) out += "/" + t.stem;
    out += "@" + std::to_string(t.begin) + "-" + std::to_string(t.end) + "#" +
           std::to_string(t.position);
  }
  return out;
}

MatchPattern Word(const std::string& word, const std::string& stem) {
  return MatchPattern{{MatchSlot{{word, "Z" + stem}, ""}}};
}

MatchPattern Phrase(std::initializer_list<const char*> words) {
  MatchPattern pattern;
  for (const char* word : words) pattern.slots.push_back(MatchSlot{{word}, ""});
  return pattern;
}

MatchPattern Han(const std::string& chars) {
  MatchPattern pattern;
  for (size_t pos = 0; pos < chars.size();) {
    const size_t begin = pos;
    DecodeUtf8(chars, &pos);
    pattern.slots.push_back(MatchSlot{{"XC" + chars.substr(begin, pos - begin)}, ""});
  }
  return pattern;
}

MatchPattern Prefix(const std::string& prefix) {
  return MatchPattern{{MatchSlot{{}, prefix}}};
}

std::string Mark(const std::string& text, const std::vector<HighlightRange>& ranges) {
  std::string out;
  size_t pos = 0;
  for (const HighlightRange& r : ranges) {
    out += text.substr(pos, r.begin - pos) + "[" + text.substr(r.begin, r.end - r.begin) + "]";
    pos = r.end;
  }
  return out + text.substr(pos);
}

std::string Show(const std::vector<Snippet>& snippets) {
  std::string out;
  for (const Snippet& s : snippets) {
    if (!out.empty()) out += " | ";
    out += (s.elided_left ? "…" : "") + Mark(s.fragment, s.highlights) +
           (s.elided_right ? "…" : "");
  }
  return out;
}

std::string DumpTerms(const Xapian::Document& doc) {
  std::string out;
  for (Xapian::TermIterator it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (!out.empty()) out += ' ';
    out += *it;
    const Xapian::termcount positions = it.positionlist_count();
    const Xapian::termcount wdf = it.get_wdf();
    if (wdf != (positions == 0 ? 1 : positions)) out += ":" + std::to_string(wdf);
    if (positions == 0) continue;
    out += '[';
    bool first = true;
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) {
      if (!first) out += ',';
      first = false;
      out += std::to_string(*p);
    }
    out += ']';
  }
  return out;
}

std::string MaskIndexerStderr(const std::string& err, const std::string& dir) {
  std::string out = std::regex_replace(
      err, std::regex(R"(\([0-9]+\.[0-9] MB\) in [0-9]+\.[0-9] s, [0-9]+\.[0-9] MB/s)"),
      "(X MB) in T s, R MB/s");
  out = std::regex_replace(out, std::regex("compacted index .*\n"), "");
  return MaskDir(out, dir);
}

std::string MaskDir(const std::string& text, const std::string& dir) {
  std::string out = text;
  for (const std::string& form : {FileReportId(dir), dir}) {
    for (size_t at; (at = out.find(form)) != std::string::npos;) out.replace(at, form.size(), "DIR");
  }
  return out;
}

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp ? tmp : "/tmp") + "/sousuo-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may make files unreadable; give permissions back before removing.
  for (auto it = std::filesystem::recursive_directory_iterator(
           path_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
  }
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& relative, const std::string& content) const {
  const std::filesystem::path full = std::filesystem::path(path_) / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary);
  out << content;
  return full.string();
}

namespace {

// Reads both pipes until EOF while feeding `input`, so no pipe fills up.
void Pump(int in_fd, const std::string& input, int out_fd, int err_fd,
          RunResult* result) {
  size_t written = 0;
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  std::string* sinks[] = {&result->out, &result->err};
  int fds[] = {out_fd, err_fd};
  while (fds[0] >= 0 || fds[1] >= 0) {
    pollfd p[3];
    int n = 0;
    for (int i = 0; i < 2; ++i) p[n++] = {fds[i], POLLIN, 0};
    p[n++] = {in_fd, POLLOUT, 0};
    if (poll(p, n, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0 || (p[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buf[65536];
      const ssize_t got = read(fds[i], buf, sizeof buf);
      if (got <= 0) {
        close(fds[i]);
        fds[i] = -1;
      } else {
        sinks[i]->append(buf, got);
      }
    }
    if (in_fd >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t put = write(in_fd, input.data() + written, input.size() - written);
      if (put > 0) written += put;
      if (put <= 0 || written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
}

}  // namespace

RunResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
              const std::string& input, const std::string& cwd) {
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.rfind("NO_COLOR=", 0) == 0 || entry.rfind("SOUSUO_INDEX=", 0) == 0) continue;
    environment.push_back(entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> c_argv, c_env;
  for (const std::string& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  for (const std::string& e : environment) c_env.push_back(const_cast<char*>(e.c_str()));
  c_argv.push_back(nullptr);
  c_env.push_back(nullptr);

  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid;
  const int rc = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  RunResult result;
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
    throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));
  }
  Pump(in[1], input, out[0], err[0], &result);
  int status = 0;
  struct rusage usage = {};
  wait4(pid, &status, 0, &usage);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.max_rss_kb = usage.ru_maxrss;
  return result;
}

}  // namespace test
}  // namespace sousuo
