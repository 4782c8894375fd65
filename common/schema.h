// The index schema: every term prefix, value slot and metadata key, declared
// once. A test (schema_test.cc) pins each one, so a change is deliberate; any
// change here must bump kSchemaVersion.
//
// Field layout. The title is indexed twice: into the unprefixed "all text"
// terms (with a higher wdf, so that a plain query weighs title matches above
// body matches) and into the "S" terms that `title:` searches. A gap of
// kFieldGap positions separates title from body so no phrase spans both.
#ifndef SOUSUO_COMMON_SCHEMA_H_
#define SOUSUO_COMMON_SCHEMA_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

namespace sousuo {

// 3: a file report's id is its canonical path (report_path.h), kPrefixHash,
// folded duplicates recorded (kMetaDuplicate*); kSlotRoot no longer written;
// long bodies stored in parts (stored_body.h).
constexpr int kSchemaVersion = 3;

// Term prefixes (Xapian/Omega conventions: one capital, or X + capitals).
constexpr char kPrefixTitle[] = "S";      // title words; positional for non-Han
constexpr char kPrefixStem[] = "Z";       // "Z" + field prefix + English stem; no positions
constexpr char kPrefixHanChar[] = "XC";   // "XC" + field prefix + one Han character; positional
constexpr char kPrefixId[] = "Q";         // unique report id; the key for replace_document
constexpr char kPrefixLang[] = "L";       // boolean: Len, Lzh, Lmixed, Lund
constexpr char kPrefixSource[] = "XSOURCE";  // boolean: each folded word of the source
constexpr char kPrefixFile[] = "XFILE";      // boolean: canonical path of the report's file
constexpr char kPrefixHash[] = "XHASH";      // boolean: ContentHash (one report per hash, duplicates.h)

// Value slots.
enum ValueSlot : Xapian::valueno {
  kSlotDate = 0,  // "YYYYMMDD" (sorts as a string); absent when unknown
  kSlotHash = 1,  // ContentHash(report): 16 lowercase hex digits
  kSlotFile = 2,  // canonical path of the file the report came from (Report::path);
                  // absent for stdin
  kSlotRoot = 3,  // schema 2 only: the input that file was reached from (named
                  // when a schema-2 index is refused); not written since 3
  kSlotBodyChunks = 16,  // and up: chunk k of a long body in slot 16 + k (stored_body.h)
};

// Metadata keys written by the indexer and checked by the query tool.
constexpr char kMetaSchema[] = "sousuo.schema";      // decimal kSchemaVersion
constexpr char kMetaAnalyzer[] = "sousuo.analyzer";  // Analyzer::Signature()
// A folded duplicate: + hash + ":" + DuplicateKey(id) -> its path and id, and
// + DuplicateKey(id) -> its hash (duplicates.h).
constexpr char kMetaDuplicate[] = "sousuo.dup:";
constexpr char kMetaDuplicateId[] = "sousuo.dupid:";

// Title occurrences add this much wdf to the unprefixed terms (body adds 1).
constexpr Xapian::termcount kTitleWdf = 3;
// Position gap between the title and the body.
constexpr Xapian::termpos kFieldGap = 100;
// Positions of the title start here.
constexpr Xapian::termpos kFirstPosition = 1;

// Which text field a term belongs to.
enum class Field { kAll, kTitle };

// Longest term Xapian accepts (glass backend).
constexpr size_t kMaxTermBytes = 245;

inline std::string_view FieldPrefix(Field field) {
  return field == Field::kTitle ? kPrefixTitle : "";
}
// Sets *term to prefix + FieldPrefix(field) + text, reusing its buffer.
inline void SetTerm(std::string_view prefix, Field field, std::string_view text,
                    std::string* term) {
  term->assign(prefix);
  term->append(FieldPrefix(field));
  term->append(text);
}
inline std::string WordTerm(Field field, std::string_view word) {
  std::string term;
  SetTerm("", field, word, &term);
  return term;
}
inline std::string StemTerm(Field field, std::string_view stem) {
  std::string term;
  SetTerm(kPrefixStem, field, stem, &term);
  return term;
}
inline std::string HanCharTerm(Field field, std::string_view han_char) {
  std::string term;
  SetTerm(kPrefixHanChar, field, han_char, &term);
  return term;
}
inline std::string LangTerm(std::string_view lang) {
  return kPrefixLang + std::string(lang);
}
inline std::string SourceTerm(std::string_view folded_word) {
  return kPrefixSource + std::string(folded_word);
}
inline std::string HashTerm(std::string_view content_hash) {
  return kPrefixHash + std::string(content_hash);
}

// The shape of a term, for code that reads terms back (feedback, snippets,
// the query's description). Prefixes are capital letters (Xapian's rule),
// so a term that starts with one is a prefixed term; an unprefixed term is
// a word of the all-text field.
inline bool IsPrefixedTerm(std::string_view term) {
  return !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
}
// A "Z" stem term (of any field).
inline bool IsStemTerm(std::string_view term) {
  return !term.empty() && term[0] == kPrefixStem[0];
}
// An "XC" Han character term (of any field).
inline bool IsHanCharTerm(std::string_view term) {
  return term.substr(0, 2) == kPrefixHanChar;
}

// 64-bit FNV-1a of `data`, continuing from `hash` (so pieces can be hashed
// in turn): stable across platforms and releases, which std::hash is not.
constexpr uint64_t kFnv1a64Basis = 0xcbf29ce484222325ULL;
uint64_t Fnv1a64(std::string_view data, uint64_t hash = kFnv1a64Basis);

// The boolean term of the file at absolute path `file`; long paths are cut
// like long ids (IdTerm), so every term of a directory's files still starts
// with FileTerm(dir) + "/" as long as that is under 180 bytes.
std::string FileTerm(std::string_view file);

// The unique-id term for `id`. Ids too long for a Xapian term keep their
// first 180 bytes (cut on a character boundary) plus a 16-hex-digit hash of
// the whole id, so they stay unique.
std::string IdTerm(std::string_view id);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SCHEMA_H_
