// Long report bodies, stored in parts (index schema 3).
//
// Xapian inflates a document's data whole whenever it is read (about 0.25 s
// for 64 MiB), so a search hit on a long report, which needs only a few
// places of its text for snippets, paid for all of it: a query hitting two
// reports of 63 MiB took 1.5 s. A body longer than kBodyHeadBytes is
// therefore stored in two parts:
//   - its head, the whole pieces (below) that fit in kBodyHeadBytes, stays in
//     the document data: ParseReport gives it as Report::body, and the layout
//     of the rest as Report::body_layout;
//   - the rest goes into the document's value slots kSlotBodyChunks + k,
//     kBodyChunkBytes of text per slot, each compressed with zlib.
// Values travel with their document through replace_document,
// delete_document, compaction and the merge of shards, so no writer needs to
// know of them (user metadata would outlive a deleted report). What they
// cost: Xapian keeps each slot's smallest and largest value as statistics, so
// the index holds one more copy of the longest body's chunks (two when two
// reports are that long; never more).
//
// The layout also says where each analysis piece of the body begins and the
// term position of its first token. BuildDocument analyses a body in pieces
// of at most kBodyPieceBytes (NextPieceEnd), so a snippet can analyse any
// piece alone and get exactly the tokens and positions the index holds, and
// find the pieces that hold a match from the document's position lists
// (snippet_locate.h) without reading or analysing the rest.
#ifndef SOUSUO_COMMON_STORED_BODY_H_
#define SOUSUO_COMMON_STORED_BODY_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/document.h"

namespace sousuo {

// Bodies are analysed in pieces of at most this many bytes (see NextPieceEnd).
constexpr size_t kBodyPieceBytes = 8 << 10;
// Bodies up to this size are stored whole in the document data.
constexpr size_t kBodyHeadBytes = 64 << 10;
// Text bytes per value slot of a body stored in parts.
constexpr size_t kBodyChunkBytes = 64 << 10;

// Where one analysis piece of a body starts.
struct BodyPiece {
  uint32_t begin;     // byte offset in the body
  uint32_t position;  // term position its first token has (or would have)
};

// How a body stored in parts is laid out (see the file comment).
struct BodyLayout {
  uint32_t size = 0;  // bytes of the whole body
  uint32_t head = 0;  // bytes of it in the document data; chunks hold the rest
  std::vector<BodyPiece> pieces;  // every piece, in order; pieces[0].begin == 0
};

// The end of the analysis piece of `text` that starts at `begin`: the end of
// the text if it is at most `max_bytes` away; else just after the last line
// break in the second half of the next `max_bytes`, or else after the last
// Chinese sentence mark (。！？) there, or else after the last clause mark
// (，、；： not next to an ASCII letter or digit), or else after the last space
// or tab; else after the last of any of these in the first half; else at the
// last character boundary within `max_bytes`. So a piece is at most
// `max_bytes`, at least half of it where the text has breaks, and cut where
// segmentation starts afresh wherever the text allows: analysing the pieces
// one by one then gives the tokens the whole text gives.
// REQUIRES: begin < text.size(), on a character boundary; max_bytes >= 8.
size_t NextPieceEnd(std::string_view text, size_t begin, size_t max_bytes = kBodyPieceBytes);

// The stored form of a layout, and back. DecodeBodyLayout throws IndexError
// "document data: damaged body layout" on anything EncodeBodyLayout did not
// write.
std::string EncodeBodyLayout(const BodyLayout& layout);
BodyLayout DecodeBodyLayout(std::string_view encoded);

// For BuildDocument: the part of `body` the document data keeps. For a body
// longer than kBodyHeadBytes it sets layout->head, adds the rest to `doc` as
// chunk values and returns the head; else it returns the whole body.
// REQUIRES: layout->size == body.size() and layout->pieces as BuildDocument
// analysed the body (NextPieceEnd from 0).
std::string_view StoreBodyParts(std::string_view body, BodyLayout* layout,
                                Xapian::Document* doc);

// The body of a stored report, read in parts as they are asked for: the head
// from the report, the rest from the document's chunk values. Keeps the
// chunks it inflated. Not thread-safe.
class StoredBody {
 public:
  // `report` as ParseReport gave it for `doc`; both must outlive this.
  // Throws IndexError on a damaged layout.
  StoredBody(const Xapian::Document& doc, const Report& report);

  size_t size() const { return layout_.size; }
  // True when the report holds the whole body (no chunks).
  bool whole() const { return layout_.head == layout_.size; }
  // For a body stored in parts, its layout; else empty pieces.
  const BodyLayout& layout() const { return layout_; }
  // Bytes [begin, end) of the body. Throws IndexError "document data: body
  // chunk K of report 'ID' is missing or damaged".
  // REQUIRES: begin <= end <= size().
  std::string Read(size_t begin, size_t end) const;
  // Text bytes inflated from chunks so far.
  size_t bytes_inflated() const { return bytes_inflated_; }

 private:
  const std::string& Chunk(size_t k) const;

  Xapian::Document doc_;  // a handle: cheap to copy
  const Report& report_;
  BodyLayout layout_;
  mutable std::map<size_t, std::string> chunks_;  // inflated, by number
  mutable size_t bytes_inflated_ = 0;
};

// Report `docid` of `db` with its whole body (the head and every chunk put
// together), for showing a report in full. Throws IndexError as ParseReport
// and StoredBody::Read do, and "report DOCID: no such document".
Report ReadFullReport(const Xapian::Database& db, Xapian::docid docid);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_STORED_BODY_H_
