#include "common/index_path.h"

#include <cstdlib>

#include "common/error.h"

namespace sousuo {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string ResolveIndexPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (std::string env = Env("SOUSUO_INDEX"); !env.empty()) return env;
  // XDG Base Directory: a relative XDG_DATA_HOME is invalid and ignored.
  if (std::string xdg = Env("XDG_DATA_HOME"); !xdg.empty() && xdg[0] == '/') {
    return xdg + "/sousuo/index";
  }
  if (std::string home = Env("HOME"); !home.empty()) {
    return home + "/.local/share/sousuo/index";
  }
  throw Error("index: no --index given and neither SOUSUO_INDEX, XDG_DATA_HOME nor HOME is set");
}

}  // namespace sousuo
