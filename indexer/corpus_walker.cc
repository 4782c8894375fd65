#include "indexer/corpus_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "common/report_path.h"

namespace sousuo {

namespace {

// The identity of a directory, to notice when a symlink leads back into one
// that is being walked.
using DirIdentity = std::pair<dev_t, ino_t>;

std::string Join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/')
    return dir + name;
  return dir + "/" + name;
}

std::string BaseName(const std::string& path) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const size_t slash = trimmed.rfind('/');
  return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

class Walker {
 public:
  void Input(const std::string& input);
  std::vector<WalkItem> Take() { return std::move(items_); }

 private:
  // `real` is the canonical path of the directory reached as `path`.
  void Directory(const std::string& path, const std::string& real);
  // Sorted names of the visible entries of `path`; false if it cannot be read.
  bool ListDirectory(const std::string& path, std::vector<std::string>* names);
  // The entry `name` of the directory reached as `dir`, canonically `real_dir`.
  void Entry(const std::string& dir, const std::string& real_dir, const std::string& name);
  void File(const std::string& path, const std::string& file, InputFormat format);
  void Message(WalkItem::Kind kind, const std::string& path, const std::string& message);

  std::vector<WalkItem> items_;
  std::vector<DirIdentity> ancestors_;  // directories being walked
};

void Walker::Input(const std::string& input) {
  if (input == "-") {
    File("<stdin>", "", InputFormat::kStdin);
    return;
  }
  struct stat st;
  if (::stat(input.c_str(), &st) != 0) {
    Message(WalkItem::Kind::kError, input, "cannot read: " + ErrnoMessage(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    ancestors_.assign({{st.st_dev, st.st_ino}});
    Directory(input, FileReportId(input));
    ancestors_.clear();
    return;
  }
  InputFormat format;
  if (!FormatForName(BaseName(input), &format))
    format = InputFormat::kText;
  File(input, FileReportId(input), format);
}

void Walker::Directory(const std::string& path, const std::string& real) {
  std::vector<std::string> names;
  if (!ListDirectory(path, &names))
    return;
  for (const std::string& name : names) Entry(path, real, name);
}

bool Walker::ListDirectory(const std::string& path,
                           std::vector<std::string>* names) {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), ::closedir);
  if (!dir) {
    Message(WalkItem::Kind::kError, path, "cannot read: " + ErrnoMessage(errno));
    return false;
  }
  for (;;) {
    errno = 0;
    const struct dirent* entry = ::readdir(dir.get());
    if (entry == nullptr)
      break;
    if (entry->d_name[0] != '.')
      names->emplace_back(entry->d_name);
  }
  if (errno != 0) {
    Message(WalkItem::Kind::kError, path, "cannot read: " + ErrnoMessage(errno));
    return false;
  }
  std::sort(names->begin(), names->end());
  return true;
}

void Walker::Entry(const std::string& dir, const std::string& real_dir,
                   const std::string& name) {
  const std::string path = Join(dir, name);
  // lstat first: only a symbolic link needs stat and realpath, every other
  // entry's canonical path is its directory's plus its name.
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    Message(WalkItem::Kind::kError, path, "cannot read: " + ErrnoMessage(errno));
    return;
  }
  std::string real;
  if (S_ISLNK(st.st_mode)) {
    if (::stat(path.c_str(), &st) != 0) {
      Message(WalkItem::Kind::kError, path, "cannot read: " + ErrnoMessage(errno));
      return;
    }
    real = FileReportId(path);
  } else {
    real = Join(real_dir, name);
  }
  if (S_ISDIR(st.st_mode)) {
    const DirIdentity identity{st.st_dev, st.st_ino};
    if (std::find(ancestors_.begin(), ancestors_.end(), identity) !=
        ancestors_.end()) {
      Message(WalkItem::Kind::kError, path, "symlink loop, skipped");
      return;
    }
    ancestors_.push_back(identity);
    Directory(path, real);
    ancestors_.pop_back();
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    Message(WalkItem::Kind::kNote, path, "skipped (not a regular file)");
    return;
  }
  InputFormat format;
  if (FormatForName(name, &format)) {
    File(path, real, format);
    items_.back().regular = true;
  } else {
    Message(WalkItem::Kind::kNote, path, "skipped (unknown extension)");
  }
}

void Walker::File(const std::string& path, const std::string& file,
                  InputFormat format) {
  WalkItem item;
  item.kind = WalkItem::Kind::kFile;
  item.path = path;
  item.file = file;
  item.format = format;
  items_.push_back(std::move(item));
}

void Walker::Message(WalkItem::Kind kind, const std::string& path,
                     const std::string& message) {
  WalkItem item;
  item.kind = kind;
  item.path = path;
  item.message = message;
  items_.push_back(std::move(item));
}

}  // namespace

bool FormatForName(const std::string& name, InputFormat* format) {
  const std::string base = BaseName(name);
  const size_t dot = base.rfind('.');
  if (dot == std::string::npos || dot == 0)
    return false;
  std::string ext = base.substr(dot + 1);
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  if (ext == "txt") {
    *format = InputFormat::kText;
  } else if (ext == "md" || ext == "markdown") {
    *format = InputFormat::kMarkdown;
  } else if (ext == "jsonl") {
    *format = InputFormat::kJsonLines;
  } else if (ext == "html" || ext == "htm") {
    *format = InputFormat::kHtml;
  } else if (ext == "pdf") {
    *format = InputFormat::kPdf;
  } else {
    return false;
  }
  return true;
}

std::vector<WalkItem> WalkInputs(const std::vector<std::string>& inputs) {
  Walker walker;
  for (const std::string& input : inputs) walker.Input(input);
  return walker.Take();
}

int OpenInput(const std::string& path, bool regular_only, std::string* error) {
  const int fd = ::open(path.c_str(),
                        O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
  if (fd < 0) {
    *error = "cannot read: " + ErrnoMessage(errno);
    return -1;
  }
  struct stat st;
  if (regular_only && (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
    ::close(fd);
    *error = "cannot read: not a regular file";
    return -1;
  }
  // O_NONBLOCK means nothing to a regular file; reads wait as usual.
  return fd;
}

std::string ReadFileBytes(const std::string& path, size_t max_bytes,
                          std::string* bytes, bool regular_only) {
  const std::string too_large =
      "larger than " + std::to_string(max_bytes >> 20) +
      " MiB, skipped (large files are not supported yet)";
  bytes->clear();
  std::string error;
  const int fd = OpenInput(path, regular_only, &error);
  if (fd < 0)
    return error;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<unsigned long long>(st.st_size) > max_bytes) {
    error = too_large;
  }
  char buffer[1 << 16];
  while (error.empty()) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      error = "cannot read: " + ErrnoMessage(errno);
    if (n <= 0)
      break;
    bytes->append(buffer, static_cast<size_t>(n));
    if (bytes->size() > max_bytes)
      error = too_large;
  }
  ::close(fd);
  if (!error.empty())
    bytes->clear();
  return error;
}

std::string ErrnoMessage(int errnum) {
  std::string message = std::strerror(errnum);
  if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  }
  return message;
}

}  // namespace sousuo
