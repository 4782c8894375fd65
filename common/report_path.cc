#include "common/report_path.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <system_error>

namespace sousuo {

namespace {

// realpath(3), or "" if `path` cannot be resolved.
std::string RealPath(const std::string& path) {
  std::unique_ptr<char, decltype(&::free)> resolved(::realpath(path.c_str(), nullptr),
                                                    ::free);
  return resolved ? std::string(resolved.get()) : std::string();
}

}  // namespace

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  std::string out = absolute.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string FileReportId(const std::string& typed_path) {
  if (std::string real = RealPath(typed_path); !real.empty()) return real;
  // Gone (or never there): resolve what is left of the way to it.
  const std::string absolute = AbsolutePath(typed_path);
  const size_t slash = absolute.rfind('/');
  if (slash == std::string::npos || slash + 1 == absolute.size()) return absolute;
  std::string dir = RealPath(slash == 0 ? "/" : absolute.substr(0, slash));
  if (dir.empty()) return absolute;
  if (dir.back() != '/') dir += '/';
  return dir + absolute.substr(slash + 1);
}

std::string CurrentDirectory() {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  return ec ? std::string() : cwd.string();
}

std::string DisplayPath(std::string_view path, std::string_view cwd) {
  if (path.empty() || path[0] != '/' || cwd.empty() || cwd[0] != '/') return std::string(path);
  const std::string relative = std::filesystem::path(path)
                                   .lexically_relative(std::filesystem::path(cwd))
                                   .string();
  if (relative.empty() || relative.size() >= path.size()) return std::string(path);
  return relative;
}

std::string DisplayId(const std::string& id, const std::string& path, std::string_view cwd) {
  return !path.empty() && id == path ? DisplayPath(path, cwd) : id;
}

}  // namespace sousuo
