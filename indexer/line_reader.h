// Line reader: the lines of a file, a stream or a string, one at a time,
// holding at most one line (up to a limit) in memory, so that a JSON Lines
// file of any size can be read. It only splits bytes at '\n'; decoding is
// the caller's.
#ifndef SOUSUO_INDEXER_LINE_READER_H_
#define SOUSUO_INDEXER_LINE_READER_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace sousuo {

class LineReader {
 public:
  enum class Status {
    kLine,     // line() holds the next line, without its '\n'
    kTooLong,  // the next line had more than the limit: it was skipped
    kEnd,      // nothing is left
    kError,    // reading failed: error() says why
  };

  // Reads the open file descriptor `fd`, and closes it when destroyed.
  LineReader(int fd, size_t max_line_bytes);
  // Reads `in`, which must outlive the reader.
  LineReader(std::istream* in, size_t max_line_bytes);
  // Reads `text`.
  LineReader(std::string text, size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Up to `bytes` bytes from the current position, reading ahead as needed;
  // fewer at the end of the input or after a read error. Valid until the
  // next call of any method.
  std::string_view Peek(size_t bytes);

  // Reads the next line. A line longer than the limit is read through and
  // dropped (memory stays bounded) and reported as kTooLong. The last line
  // needs no '\n'.
  Status Next();

  // The line of the last kLine; valid until the next call of any method.
  std::string_view line() const { return line_; }
  // 1-based number of the line Next() last returned or skipped.
  size_t line_number() const { return line_number_; }
  // Bytes of the input consumed so far.
  unsigned long long consumed() const { return consumed_; }
  size_t max_line_bytes() const { return max_line_bytes_; }
  // "cannot read: <reason>" after kError.
  const std::string& error() const { return error_; }

  // Reads all that is left into *bytes. Returns "" on success, else a
  // message without the path: "cannot read: <reason>", or, when more than
  // `max_bytes` are left, "larger than N MiB, skipped (large files are not
  // supported yet)" (*bytes is then empty).
  std::string ReadRest(size_t max_bytes, std::string* bytes);

 private:
  // Appends one chunk of input to buffer_, but no more than it takes to hold
  // limit + 1 bytes; false at the end or on error.
  bool Fill(size_t limit);
  // Drops the consumed bytes at the front of buffer_.
  void Compact();
  // In a regular file, the bytes from the read position to the end of the
  // line (with its '\n') of which `partial` bytes are buffered, or npos if
  // the line is longer than max_line_bytes_. Does not move the position.
  size_t LookAhead(size_t partial);

  int fd_ = -1;                 // owned, or -1
  bool seekable_ = false;       // fd_ is a regular file
  std::istream* in_ = nullptr;  // not owned, or null
  size_t max_line_bytes_;
  std::string buffer_;  // read but not consumed from pos_ on
  size_t pos_ = 0;
  size_t scanned_ = 0;  // buffer_[pos_, scanned_) holds no '\n'
  bool at_end_ = false;  // the source has nothing more (or failed)
  std::string_view line_;
  size_t line_number_ = 0;
  unsigned long long consumed_ = 0;
  std::string error_;
};

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_LINE_READER_H_
