#include "query/command_line.h"

#include <algorithm>
#include <cstring>

#include "common/utf8.h"

namespace sousuo {

namespace {

// A negated word's placeholder: never an option, never typed.
constexpr char kHidden[] = "\x01";

struct OptionName {
  const char* name;  // long name
  char short_name;   // 0: none
  bool value;        // takes a value
};

constexpr OptionName kOptions[] = {
    {"index", 0, true},   {"limit", 'n', true},   {"offset", 0, true},
    {"strict", 0, false}, {"sort", 0, true},      {"count", 0, false},
    {"show", 0, true},    {"json", 0, false},     {"color", 0, true},
    {"snippets", 0, true}, {"width", 0, true},    {"version", 0, false},
    {"help", 'h', false},
};

const OptionName* FindLong(const std::string& name) {
  for (const OptionName& option : kOptions) {
    if (name == option.name)
      return &option;
  }
  return nullptr;
}

const OptionName* FindShort(char c) {
  for (const OptionName& option : kOptions) {
    if (option.short_name == c)
      return &option;
  }
  return nullptr;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// " (did you mean --NAME?)" for the closest long option, else " (see --help)".
std::string Hint(const std::string& typed, bool single_letter) {
  std::vector<std::string> close;
  for (const OptionName& option : kOptions) {
    const std::string name = option.name;
    const bool near = single_letter ? name[0] == typed[0]
                                    : EditDistance(typed, name) <= 2 ||
                                          (typed.size() >= 3 && name.rfind(typed, 0) == 0);
    if (near)
      close.push_back("--" + name);
  }
  if (close.empty() || close.size() > 2)
    return " (see --help)";
  return " (did you mean " + close[0] + (close.size() == 2 ? " or " + close[1] : "") + "?)";
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string QueryArguments::Prepare(int argc, const char* const* argv) {
  arguments_.clear();
  hidden_.clear();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      for (; i < argc; ++i) arguments_.push_back(argv[i]);
      break;
    }
    const OptionName* option = nullptr;
    std::string name;
    if (arg.rfind("--", 0) == 0) {
      name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos
                                                              : arg.find('=') - 2);
      option = FindLong(name);
      if (option == nullptr)
        return "unknown option '--" + name + "'" + Hint(name, false);
      name = "--" + name;
    } else if (arg.size() == 2 && arg[0] == '-' && IsAsciiLetter(arg[1])) {
      option = FindShort(arg[1]);
      if (option == nullptr)
        return "unknown option '" + arg + "'" + Hint(arg.substr(1), true);
      name = arg;
    } else if (arg.size() > 2 && arg.rfind("-n", 0) == 0 && AllDigits(arg.substr(2))) {
      arguments_.push_back(arg);
      continue;
    } else if (arg.size() >= 2 && arg[0] == '-') {
      arguments_.push_back(kHidden + std::to_string(hidden_.size()));
      hidden_.push_back(arg);
      continue;
    } else {
      arguments_.push_back(arg);
      continue;
    }
    // An option; its value is the next argument, whatever it looks like.
    if (option->value && arg.find('=') == std::string::npos && i + 1 < argc) {
      const std::string value = argv[++i];
      if (name.size() == 2) {  // -n: its value apart, as CLI11 reads it
        arguments_.push_back(name);
        arguments_.push_back(value);
      } else {
        arguments_.push_back(name + "=" + value);
      }
      continue;
    }
    arguments_.push_back(arg);
  }
  return "";
}

std::string QueryArguments::Restore(const std::string& word) const {
  if (word.rfind(kHidden, 0) != 0)
    return word;
  return hidden_[std::stoul(word.substr(std::strlen(kHidden)))];
}

}  // namespace sousuo
