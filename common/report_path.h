// How a report read from a file is named, and how its path is shown.
//
// The id rule. A report read from a file (text, Markdown, HTML, PDF) has
// the file's canonical absolute path as its id: absolute, with every
// symbolic link, "." and ".." resolved (realpath). So the id is the same
// whatever the working directory and however the path was typed (relative,
// absolute, through a parent folder or a symlinked folder), and two files
// never share one. A JSON Lines record keeps its JSON "id"; a plain text
// read from standard input has --stdin-id. Report::path holds the same
// canonical path for every report read from a file (see document.h).
//
// Showing paths. Stored paths are absolute; programs show them relative to
// their current directory when that is shorter (DisplayPath), so output is
// as short as the paths a user types, and still names the file exactly.
#ifndef SOUSUO_COMMON_REPORT_PATH_H_
#define SOUSUO_COMMON_REPORT_PATH_H_

#include <string>
#include <string_view>

namespace sousuo {

// The id of the report read from the file at `typed_path` (relative to the
// current directory, or absolute): its canonical absolute path. When the
// file does not exist (a report whose file was deleted, named for
// --remove or --show), its directory is resolved instead and the name
// appended; when that does not exist either, the lexical AbsolutePath.
// REQUIRES: typed_path is not empty.
std::string FileReportId(const std::string& typed_path);

// `path` made absolute against the current directory and lexically normal
// ("a/./b/../c" -> "a/c"), without a trailing '/'; symbolic links are kept.
std::string AbsolutePath(const std::string& path);

// The current directory as the kernel has it (getcwd: canonical, so it
// compares with canonical paths); "" if it cannot be found (removed).
std::string CurrentDirectory();

// `path` (absolute) as a user in directory `cwd` (absolute, as from
// CurrentDirectory) would write it: relative to `cwd` ("a.txt",
// "sub/a.txt", "../other/a.txt", "." for `cwd` itself) when that is shorter
// than `path`, else `path`. Lexical: correct when `cwd` has no symbolic
// links, which CurrentDirectory guarantees. `path` is returned unchanged
// when it is not absolute or `cwd` is empty.
std::string DisplayPath(std::string_view path, std::string_view cwd);

// How to show a report's id: DisplayPath of it for a report read from a
// file (its id is its path), the id itself otherwise (a JSON id, --stdin-id).
std::string DisplayId(const std::string& id, const std::string& path,
                      std::string_view cwd);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_REPORT_PATH_H_
