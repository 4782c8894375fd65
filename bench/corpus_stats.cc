// corpus_stats: the sizes bench/run_speed.sh divides by.
//
//   corpus_stats FILE.jsonl...
//
// Reads the files as the baselines do (bench_io.h ReadJsonFile) and prints
// one line: "docs=N body_bytes=B jsonl_bytes=J", where docs counts the valid
// records, body_bytes sums the UTF-8 byte lengths of their "body" strings
// (after JSON unescaping) and jsonl_bytes the sizes of the files.
// Exit status: 0 on success, 1 if some lines were skipped (each reported on
// stderr), 2 on a fatal error.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

#include "bench/bench_io.h"

namespace {

unsigned long long FileSize(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  return static_cast<unsigned long long>(info.st_size);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "-h") {
    std::cerr << "usage: corpus_stats FILE.jsonl...\n";
    return argc < 2 ? 2 : 0;
  }
  try {
    unsigned long long docs = 0;
    unsigned long long body_bytes = 0;
    unsigned long long jsonl_bytes = 0;
    size_t skipped = 0;
    for (int i = 1; i < argc; ++i) {
      jsonl_bytes += FileSize(argv[i]);
      skipped += bench::ReadJsonFile(
          argv[i],
          [&](const bench::JsonDoc& doc) {
            ++docs;
            body_bytes += doc.body.size();
          },
          std::cerr);
    }
    std::cout << "docs=" << docs << " body_bytes=" << body_bytes
              << " jsonl_bytes=" << jsonl_bytes << "\n";
    return skipped == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "corpus_stats: " << e.what() << "\n";
  }
  return 2;
}
