#include "bench/fts5_query.h"

#include <algorithm>
#include <cstdint>

namespace bench {

namespace {

// Decodes the character at text[*pos] and advances *pos past it. Returns
// 0xFFFFFFFF (and advances one byte) for an invalid sequence.
uint32_t NextChar(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(*pos);
  const size_t length = lead < 0x80    ? 1
                        : lead >= 0xF0 ? 4
                        : lead >= 0xE0 ? 3
                        : lead >= 0xC2 ? 2
                                       : 0;
  if (length == 0 || *pos + length > text.size()) {
    ++*pos;
    return 0xFFFFFFFF;
  }
  uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(*pos + i) & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFFFFFF;
    }
    c = (c << 6) | (byte(*pos + i) & 0x3F);
  }
  *pos += length;
  return c;
}

bool InRange(uint32_t c, uint32_t first, uint32_t last) {
  return c >= first && c <= last;
}

bool IsWordChar(uint32_t c) {
  if (c < 0x80) {
    return InRange(c, '0', '9') || InRange(c, 'a', 'z') || InRange(c, 'A', 'Z');
  }
  return !(c == 0xFFFFFFFF || InRange(c, 0x80, 0xBF) || c == 0xD7 ||
           c == 0xF7 || InRange(c, 0x2000, 0x206F) ||
           InRange(c, 0x3000, 0x303F) || InRange(c, 0xFE10, 0xFE1F) ||
           InRange(c, 0xFE30, 0xFE4F) || InRange(c, 0xFF00, 0xFF0F) ||
           InRange(c, 0xFF1A, 0xFF20) || InRange(c, 0xFF3B, 0xFF40) ||
           InRange(c, 0xFF5B, 0xFF65));
}

// Byte offsets of the character boundaries of valid UTF-8 `run`.
std::vector<size_t> CharStarts(std::string_view run) {
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < run.size(); NextChar(run, &pos))
    starts.push_back(pos);
  starts.push_back(run.size());
  return starts;
}

void AddPiece(const std::string& piece, std::vector<std::string>* pieces) {
  if (std::find(pieces->begin(), pieces->end(), piece) == pieces->end()) {
    pieces->push_back(piece);
  }
}

}  // namespace

std::vector<std::string> WordRuns(std::string_view text) {
  std::vector<std::string> runs;
  std::string run;
  for (size_t pos = 0; pos < text.size();) {
    const size_t begin = pos;
    if (IsWordChar(NextChar(text, &pos))) {
      run.append(text.substr(begin, pos - begin));
    } else if (!run.empty()) {
      runs.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty())
    runs.push_back(std::move(run));
  return runs;
}

std::string Fts5MatchQuery(std::string_view text, Fts5Tokenizer tokenizer) {
  std::vector<std::string> pieces;
  for (const std::string& run : WordRuns(text)) {
    if (tokenizer == Fts5Tokenizer::kUnicode61) {
      AddPiece(run, &pieces);
      continue;
    }
    const std::vector<size_t> starts = CharStarts(run);
    for (size_t i = 0; i + 3 < starts.size(); ++i) {
      AddPiece(run.substr(starts[i], starts[i + 3] - starts[i]), &pieces);
    }
  }
  std::string query;
  for (const std::string& piece : pieces) {
    query += (query.empty() ? "\"" : " OR \"") + piece + "\"";
  }
  return query;
}

}  // namespace bench
