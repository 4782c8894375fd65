#include "common/stored_body.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <iterator>

#include "common/error.h"
#include "common/schema.h"
#include "common/varint.h"

namespace sousuo {

namespace {

// Version byte of an encoded layout.
constexpr char kLayoutVersion = 1;

// Where a piece may end, best first.
enum Cut { kLine, kSentence, kClause, kSpace, kNoCut };

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The kind of cut just before byte `pos` of `text` (0 < pos < text.size()).
Cut CutBefore(std::string_view text, size_t pos) {
  const char c = text[pos - 1];
  if (c == '\n') return kLine;
  if (c == ' ' || c == '\t') return kSpace;
  if (pos < 3 || (static_cast<unsigned char>(c) & 0xC0) != 0x80) return kNoCut;
  const std::string_view mark = text.substr(pos - 3, 3);
  if (mark == "。" || mark == "！" || mark == "？") return kSentence;
  // Full-width ，；： fold to ASCII marks that ICU keeps inside numbers and
  // words (1,000; a:b): not between letters or digits.
  if ((mark == "，" || mark == "、" || mark == "；" || mark == "：") &&
      !IsAsciiAlnum(text[pos]) && !(pos > 3 && IsAsciiAlnum(text[pos - 4]))) {
    return kClause;
  }
  return kNoCut;
}

}  // namespace

size_t NextPieceEnd(std::string_view text, size_t begin, size_t max_bytes) {
  if (text.size() - begin <= max_bytes) return text.size();
  const size_t limit = begin + max_bytes;
  const size_t half = begin + max_bytes / 2;
  // The last cut of each kind in the second half, and the last of any kind
  // in the first.
  std::array<size_t, kNoCut> best{};
  size_t early = 0;
  for (size_t pos = limit; pos > begin; --pos) {
    const Cut cut = CutBefore(text, pos);
    if (cut == kNoCut) continue;
    if (pos <= half) {
      early = pos;
      break;
    }
    if (best[cut] == 0) best[cut] = pos;
    if (cut == kLine) break;  // nothing later can beat it
  }
  for (const size_t pos : best) {
    if (pos != 0) return pos;
  }
  if (early != 0) return early;
  size_t cut = limit;  // no break at all: a character boundary
  while (cut > begin + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

std::string EncodeBodyLayout(const BodyLayout& layout) {
  std::string out(1, kLayoutVersion);
  PutVarint(layout.size, &out);
  PutVarint(layout.head, &out);
  PutVarint(layout.pieces.size(), &out);
  BodyPiece previous{0, 0};
  for (const BodyPiece& piece : layout.pieces) {
    PutVarint(piece.begin - previous.begin, &out);
    PutVarint(piece.position - previous.position, &out);
    previous = piece;
  }
  return out;
}

BodyLayout DecodeBodyLayout(std::string_view in) {
  const IndexError damaged("document data: damaged body layout");
  if (in.empty() || in[0] != kLayoutVersion) throw damaged;
  in.remove_prefix(1);
  BodyLayout layout;
  uint32_t count = 0;
  if (!GetVarint32(&in, &layout.size) || !GetVarint32(&in, &layout.head) ||
      !GetVarint32(&in, &count) || layout.head > layout.size || count > in.size() / 2) {
    throw damaged;
  }
  if (count == 0) throw damaged;
  layout.pieces.resize(count);
  for (size_t i = 0; i < count; ++i) {
    uint32_t begin_delta = 0, position_delta = 0;
    if (!GetVarint32(&in, &begin_delta) || !GetVarint32(&in, &position_delta)) throw damaged;
    const BodyPiece previous = i == 0 ? BodyPiece{0, 0} : layout.pieces[i - 1];
    BodyPiece& piece = layout.pieces[i];
    piece = {previous.begin + begin_delta, previous.position + position_delta};
    // Pieces start in order inside the body, the first at 0, none empty.
    if ((i == 0) != (begin_delta == 0) || piece.begin < previous.begin ||
        piece.begin >= layout.size || piece.position < previous.position) {
      throw damaged;
    }
  }
  if (!in.empty()) throw damaged;
  return layout;
}

std::string_view StoreBodyParts(std::string_view body, BodyLayout* layout,
                                Xapian::Document* doc) {
  if (body.size() <= kBodyHeadBytes || layout->pieces.empty()) return body;
  // The head ends where a piece does, so that it is whole text on its own.
  const auto after = std::upper_bound(
      layout->pieces.begin(), layout->pieces.end(), kBodyHeadBytes,
      [](size_t bytes, const BodyPiece& piece) { return bytes < piece.begin; });
  layout->head = std::prev(after)->begin;
  std::string packed;
  for (size_t at = layout->head, k = 0; at < body.size(); at += kBodyChunkBytes, ++k) {
    const std::string_view chunk = body.substr(at, kBodyChunkBytes);
    uLongf size = compressBound(chunk.size());
    packed.resize(size);
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                  reinterpret_cast<const Bytef*>(chunk.data()), chunk.size(),
                  Z_DEFAULT_COMPRESSION) != Z_OK) {
      throw IndexError("storing a body: zlib failed");
    }
    packed.resize(size);
    doc->add_value(kSlotBodyChunks + static_cast<Xapian::valueno>(k), packed);
  }
  return body.substr(0, layout->head);
}

StoredBody::StoredBody(const Xapian::Document& doc, const Report& report)
    : doc_(doc), report_(report) {
  if (report.body_layout.empty()) {
    layout_.size = layout_.head = static_cast<uint32_t>(report.body.size());
    return;
  }
  layout_ = DecodeBodyLayout(report.body_layout);
  if (layout_.head != report.body.size())
    throw IndexError("document data: damaged body layout");
}

const std::string& StoredBody::Chunk(size_t k) const {
  const auto found = chunks_.find(k);
  if (found != chunks_.end()) return found->second;
  const size_t at = layout_.head + k * kBodyChunkBytes;
  uLongf size = std::min(kBodyChunkBytes, layout_.size - at);
  std::string text(size, '\0');
  const std::string packed = doc_.get_value(kSlotBodyChunks + static_cast<Xapian::valueno>(k));
  if (packed.empty() ||
      uncompress(reinterpret_cast<Bytef*>(text.data()), &size,
                 reinterpret_cast<const Bytef*>(packed.data()), packed.size()) != Z_OK ||
      size != text.size()) {
    throw IndexError("document data: body chunk " + std::to_string(k) + " of report '" +
                     report_.id + "' is missing or damaged");
  }
  bytes_inflated_ += text.size();
  return chunks_.emplace(k, std::move(text)).first->second;
}

std::string StoredBody::Read(size_t begin, size_t end) const {
  std::string out;
  out.reserve(end - begin);
  if (begin < layout_.head)
    out.append(report_.body, begin, std::min<size_t>(end, layout_.head) - begin);
  for (size_t at = std::max<size_t>(begin, layout_.head); at < end;) {
    const size_t k = (at - layout_.head) / kBodyChunkBytes;
    const size_t chunk_begin = layout_.head + k * kBodyChunkBytes;
    const std::string& chunk = Chunk(k);
    const size_t take = std::min(end, chunk_begin + chunk.size()) - at;
    out.append(chunk, at - chunk_begin, take);
    at += take;
  }
  return out;
}

Report ReadFullReport(const Xapian::Database& db, Xapian::docid docid) {
  Xapian::Document doc;
  try {
    doc = db.get_document(docid);
  } catch (const Xapian::DocNotFoundError&) {
    throw IndexError("report " + std::to_string(docid) + ": no such document");
  }
  Report report = ParseReport(doc.get_data());
  if (!report.body_layout.empty()) {
    const StoredBody body(doc, report);
    std::string whole = body.Read(0, body.size());
    report.body = std::move(whole);
    report.body_layout.clear();
  }
  return report;
}

}  // namespace sousuo
