#include "indexer/line_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <utility>

#include "indexer/corpus_walker.h"

namespace sousuo {

namespace {

constexpr size_t kChunkBytes = 64 << 10;
// Lines longer than this in a regular file are measured before they are read.
constexpr size_t kLookAheadBytes = 1 << 20;

}  // namespace

LineReader::LineReader(int fd, size_t max_line_bytes)
    : fd_(fd), max_line_bytes_(max_line_bytes) {
  struct stat st;
  seekable_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
}

LineReader::LineReader(std::istream* in, size_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes) {}

LineReader::LineReader(std::string text, size_t max_line_bytes)
    : max_line_bytes_(max_line_bytes), buffer_(std::move(text)), at_end_(true) {}

LineReader::~LineReader() {
  if (fd_ >= 0)
    ::close(fd_);
}

std::string_view LineReader::Peek(size_t bytes) {
  while (buffer_.size() - pos_ < bytes && Fill(bytes)) {
  }
  return std::string_view(buffer_).substr(pos_, bytes);
}

LineReader::Status LineReader::Next() {
  line_ = {};
  bool too_long = false;    // the line is being read through and dropped
  bool looked_ahead = false;
  size_t end;               // of the line, in buffer_
  for (;;) {
    end = buffer_.find('\n', scanned_);
    if (end != std::string::npos)
      break;
    scanned_ = buffer_.size();
    const size_t partial = buffer_.size() - pos_;
    if (!too_long && !looked_ahead && seekable_ && partial > kLookAheadBytes) {
      // A long line in a file: measure it first, so that it is read into a
      // buffer of its size (growing one would need twice that), or not at
      // all when it is over the limit.
      looked_ahead = true;
      const size_t rest = LookAhead(partial);
      too_long = rest == std::string::npos;
      if (!too_long) {
        Compact();
        buffer_.reserve(buffer_.size() + rest);
      }
    }
    if (too_long || partial > max_line_bytes_) {
      too_long = true;
      consumed_ += partial;
      buffer_.clear();
      if (buffer_.capacity() > kLookAheadBytes)
        buffer_.shrink_to_fit();
      pos_ = scanned_ = 0;
    }
    if (!Fill(max_line_bytes_)) {
      if (!error_.empty())
        return Status::kError;
      if (pos_ == buffer_.size() && !too_long)
        return Status::kEnd;
      end = buffer_.size();  // the last line has no '\n'
      break;
    }
  }
  const size_t begin = pos_;
  const size_t next = std::min(end + 1, buffer_.size());
  ++line_number_;
  consumed_ += next - begin;
  pos_ = scanned_ = next;
  if (too_long || end - begin > max_line_bytes_)
    return Status::kTooLong;
  line_ = std::string_view(buffer_).substr(begin, end - begin);
  return Status::kLine;
}

size_t LineReader::LookAhead(size_t partial) {
  const off_t start = ::lseek(fd_, 0, SEEK_CUR);
  if (start < 0)
    return 0;  // reading on will tell
  char chunk[kChunkBytes];
  size_t ahead = 0;
  for (;;) {
    const ssize_t n = ::pread(fd_, chunk, sizeof chunk,
                              start + static_cast<off_t>(ahead));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return ahead;  // the end of the file, or an error reading will find
    const void* eol = std::memchr(chunk, '\n', static_cast<size_t>(n));
    if (eol != nullptr)
      return ahead + static_cast<size_t>(static_cast<const char*>(eol) - chunk) + 1;
    ahead += static_cast<size_t>(n);
    if (partial + ahead > max_line_bytes_)
      return std::string::npos;
  }
}

std::string LineReader::ReadRest(size_t max_bytes, std::string* bytes) {
  bytes->clear();
  const std::string too_large =
      "larger than " + std::to_string(max_bytes >> 20) +
      " MiB, skipped (large files are not supported yet)";
  struct stat st;
  if (fd_ >= 0 && ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<unsigned long long>(st.st_size) > consumed_ + max_bytes) {
    return too_large;
  }
  while (buffer_.size() - pos_ <= max_bytes && Fill(max_bytes)) {
  }
  if (!error_.empty())
    return error_;
  if (buffer_.size() - pos_ > max_bytes)
    return too_large;
  Compact();
  consumed_ += buffer_.size();
  *bytes = std::move(buffer_);
  buffer_.clear();
  pos_ = scanned_ = 0;
  return "";
}

bool LineReader::Fill(size_t limit) {
  if (at_end_)
    return false;
  Compact();
  // Reading past limit + 1 bytes would only grow the buffer for nothing.
  const size_t have = buffer_.size();
  const size_t want =
      std::max<size_t>(1, std::min(kChunkBytes, limit + 1 - std::min(limit + 1, have)));
  buffer_.resize(have + want);
  size_t got = 0;
  if (fd_ >= 0) {
    ssize_t n;
    do {
      n = ::read(fd_, &buffer_[have], want);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
      error_ = "cannot read: " + ErrnoMessage(errno);
    got = n > 0 ? static_cast<size_t>(n) : 0;
  } else if (in_ != nullptr) {
    in_->read(&buffer_[have], static_cast<std::streamsize>(want));
    got = static_cast<size_t>(in_->gcount());
    if (got == 0 && in_->bad())
      error_ = "cannot read: input error";
  }
  buffer_.resize(have + got);
  at_end_ = got == 0;
  return got > 0;
}

void LineReader::Compact() {
  if (pos_ == 0)
    return;
  buffer_.erase(0, pos_);
  scanned_ -= pos_;
  pos_ = 0;
}

}  // namespace sousuo
