// Corpus walker: turns the command line's inputs (files, directories, "-")
// into an ordered list of files to read, and reads them.
#ifndef SOUSUO_INDEXER_CORPUS_WALKER_H_
#define SOUSUO_INDEXER_CORPUS_WALKER_H_

#include <cstddef>
#include <string>
#include <vector>

namespace sousuo {

// How a file's contents are read.
enum class InputFormat {
  kText,       // one plain-text report (.txt, or an explicit unknown extension)
  kMarkdown,   // one Markdown report (.md, .markdown)
  kJsonLines,  // one report per line (.jsonl)
  kHtml,       // one HTML page (.html, .htm): ReadHtmlReport
  kPdf,        // one PDF file (.pdf): ReadPdfReport
  kStdin,      // standard input: JSON Lines if it starts with '{', else text
};

// One step of a walk: a file to read, or a message about one that is not.
struct WalkItem {
  enum class Kind {
    kFile,   // read `path` as `format`
    kError,  // an input that cannot be read: `message` says why
    kNote,   // a file left out on purpose (unknown extension): `message`
  };
  Kind kind = Kind::kFile;
  // As reached: root + "/" + relative, or the input as given; "<stdin>" for
  // standard input. Messages name this path: it is the way the user sees.
  std::string path;
  // kFile: the file's canonical absolute path (FileReportId), which names
  // its reports in the index; "" for standard input.
  std::string file;
  InputFormat format = InputFormat::kText;
  std::string message;  // kError, kNote: the detail about `path`
  // kFile found in a directory as a regular file: it must still be one when
  // it is read (see OpenInput). Inputs named on the command line may be
  // pipes ("<(zcat a.jsonl.gz)").
  bool regular = false;
};

// The format for a file name by its extension (case-insensitive), or false
// if the extension is not one we read.
bool FormatForName(const std::string& name, InputFormat* format);

// Expands `inputs` in order. For each input:
//   "-"          -> one kFile item with format kStdin, path "<stdin>";
//   a directory  -> its files, recursively, each directory's entries sorted by
//                   name (bytewise); names starting with '.' are left out
//                   silently; files with an unknown extension become kNote
//                   "skipped (unknown extension)"; symbolic links are
//                   followed, but one leading back to a directory being
//                   walked becomes kError "symlink loop, skipped";
//   another path -> one kFile item, read as text if its extension is unknown.
// Paths that cannot be examined or listed become kError "cannot read:
// <reason>" (e.g. "no such file or directory", "permission denied"); other
// entries (sockets, devices) inside a directory become kNote
// "skipped (not a regular file)". A file reached twice (by a symbolic link,
// or from two inputs) is listed each time, with the same `file`. Never
// throws for file-system errors.
std::vector<WalkItem> WalkInputs(const std::vector<std::string>& inputs);

// Opens `path` for reading and returns the descriptor (close-on-exec), or -1
// with *error set to "cannot read: <reason>". With `regular_only`, a path
// that is not a regular file is refused ("cannot read: not a regular file")
// without blocking: a FIFO put in the place of a walked file would otherwise
// hang the run.
int OpenInput(const std::string& path, bool regular_only, std::string* error);

// Reads the whole file at `path` (opened as OpenInput does) into *bytes.
// Returns "" on success, else a message without the path: "cannot read:
// <reason>", or, when the file holds more than `max_bytes`, "larger than 64
// MiB, skipped (large files are not supported yet)" (the limit as given, in
// MiB).
std::string ReadFileBytes(const std::string& path, size_t max_bytes,
                          std::string* bytes, bool regular_only = false);

// The strerror text for `errnum`, starting lowercase ("permission denied").
std::string ErrnoMessage(int errnum);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_CORPUS_WALKER_H_
